/*
 boost/numeric/odeint/external/thrust_compat/thrust_dispatchers.hpp

 algebra_dispatcher and operations_dispatcher for Thrust vectors, so that a stepper's default
 template arguments work: ees25<thrust::device_vector<double>> steps with
 thrust_compat_algebra and thrust_operations. Written once for each of
 thrust::device_vector, thrust::host_vector and thrust::detail::vector_base (the type behind
 every thrust::<backend>::vector since Thrust 1.17); Boost 1.74's
 thrust_algebra_dispatcher.hpp and thrust_operations_dispatcher.hpp specialise vector_base
 once per backend alias, a redefinition (boostorg/odeint #45, odeint-v2 #217).

 Distributed under the Boost Software License, Version 1.0.
*/
#ifndef BOOST_NUMERIC_ODEINT_EXTERNAL_THRUST_COMPAT_THRUST_DISPATCHERS_HPP_INCLUDED
#define BOOST_NUMERIC_ODEINT_EXTERNAL_THRUST_COMPAT_THRUST_DISPATCHERS_HPP_INCLUDED

#include <thrust/device_vector.h>
#include <thrust/host_vector.h>

#include <boost/numeric/odeint/algebra/algebra_dispatcher.hpp>
#include <boost/numeric/odeint/algebra/operations_dispatcher.hpp>
#include <boost/numeric/odeint/external/thrust/thrust_operations.hpp>

#include <boost/numeric/odeint/external/thrust_compat/thrust_compat_algebra.hpp>

namespace boost {
namespace numeric {
namespace odeint {

template <class T, class A>
struct algebra_dispatcher<thrust::device_vector<T, A>>
{
    using algebra_type = thrust_compat_algebra;
};

template <class T, class A>
struct algebra_dispatcher<thrust::host_vector<T, A>>
{
    using algebra_type = thrust_compat_algebra;
};

template <class T, class A>
struct algebra_dispatcher<thrust::detail::vector_base<T, A>>
{
    using algebra_type = thrust_compat_algebra;
};

template <class T, class A>
struct operations_dispatcher<thrust::device_vector<T, A>>
{
    using operations_type = thrust_operations;
};

template <class T, class A>
struct operations_dispatcher<thrust::host_vector<T, A>>
{
    using operations_type = thrust_operations;
};

template <class T, class A>
struct operations_dispatcher<thrust::detail::vector_base<T, A>>
{
    using operations_type = thrust_operations;
};

} // namespace odeint
} // namespace numeric
} // namespace boost

#endif // BOOST_NUMERIC_ODEINT_EXTERNAL_THRUST_COMPAT_THRUST_DISPATCHERS_HPP_INCLUDED
