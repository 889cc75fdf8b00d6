/*
 boost/numeric/odeint/external/thrust_compat/thrust.hpp

 Replacement for Boost 1.74's <boost/numeric/odeint/external/thrust/thrust.hpp>, which fails
 to compile with Thrust >= 1.17 under the OMP and TBB backends and with CUDA 13's Thrust
 (CCCL 3.0): "redefinition of 'struct algebra_dispatcher<thrust::detail::vector_base<T,
 Alloc> >'" and the same for is_resizeable, resize_impl, same_size_impl, copy_impl and
 operations_dispatcher (boostorg/odeint issue #45, headmyshoulder/odeint-v2 issue #217). Since
 Thrust 1.17 every thrust::<backend>::vector is an alias of thrust::detail::vector_base, and
 Boost specialises each alias. Boost fixed its glue in 1.85, and from 1.86 odeint's resizers
 dispatch on std::true_type where they took boost::true_type. This header works with every
 Boost from 1.74 on, whatever its glue: it specialises each trait once per kind of vector and
 marks the vectors resizeable with the tag odeint itself uses for std::vector
 (thrust_resize.hpp), so the library and its tests use it everywhere; CI builds the Thrust
 tests against Boost 1.74, 1.81 and the newest odeint.

 Include this header instead of Boost's thrust.hpp. It takes Boost's thrust_algebra.hpp and
 thrust_operations.hpp (which are fine) and adds

   thrust_resize.hpp          is_resizeable, resize_impl, same_size_impl, copy (once per kind)
   thrust_compat_algebra.hpp  thrust_algebra + element-wise operations + a correct norm_inf
   thrust_dispatchers.hpp     algebra_dispatcher / operations_dispatcher (once per kind)

 for thrust::device_vector, thrust::host_vector and thrust::detail::vector_base. Works with
 the CPP, OMP, TBB and CUDA backends of Thrust 1.17 and of CCCL 3.0. Boost's glue headers
 included afterwards are disabled (their include guards are defined here); included before,
 they are an error with a message, since both together define the traits twice.

 Distributed under the Boost Software License, Version 1.0.
*/
#ifndef BOOST_NUMERIC_ODEINT_EXTERNAL_THRUST_COMPAT_THRUST_HPP_INCLUDED
#define BOOST_NUMERIC_ODEINT_EXTERNAL_THRUST_COMPAT_THRUST_HPP_INCLUDED

#if defined(BOOST_NUMERIC_ODEINT_EXTERNAL_THRUST_THRUST_RESIZE_HPP_INCLUDED) ||                 \
    defined(BOOST_NUMERIC_ODEINT_EXTERNAL_THRUST_THRUST_ALGEBRA_DISPATCHER_HPP_DEFINED) ||     \
    defined(BOOST_NUMERIC_ODEINT_EXTERNAL_THRUST_THRUST_OPERATIONS_DISPATCHER_HPP_DEFINED)
#error "Boost's odeint Thrust glue was included before external/thrust_compat/thrust.hpp; include only the compat header"
#endif

// Disable Boost's glue headers, should anything include them later.
#define BOOST_NUMERIC_ODEINT_EXTERNAL_THRUST_HPP_DEFINED
#define BOOST_NUMERIC_ODEINT_EXTERNAL_THRUST_THRUST_RESIZE_HPP_INCLUDED
#define BOOST_NUMERIC_ODEINT_EXTERNAL_THRUST_THRUST_ALGEBRA_DISPATCHER_HPP_DEFINED
#define BOOST_NUMERIC_ODEINT_EXTERNAL_THRUST_THRUST_OPERATIONS_DISPATCHER_HPP_DEFINED

#include <boost/numeric/odeint/external/thrust/thrust_algebra.hpp>
#include <boost/numeric/odeint/external/thrust/thrust_operations.hpp>

#include <boost/numeric/odeint/external/thrust_compat/thrust_compat_algebra.hpp>
#include <boost/numeric/odeint/external/thrust_compat/thrust_dispatchers.hpp>
#include <boost/numeric/odeint/external/thrust_compat/thrust_resize.hpp>

#endif // BOOST_NUMERIC_ODEINT_EXTERNAL_THRUST_COMPAT_THRUST_HPP_INCLUDED
