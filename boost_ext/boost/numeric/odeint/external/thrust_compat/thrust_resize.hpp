/*
 boost/numeric/odeint/external/thrust_compat/thrust_resize.hpp

 Resizing, size comparison and copying of Thrust vectors for odeint (is_resizeable,
 resize_impl, same_size_impl, copy_impl), each written once for the three class templates
 that Thrust's vectors are made of:

     thrust::device_vector<T, A>        a class derived from detail::vector_base
     thrust::host_vector<T, A>          a class derived from detail::vector_base
     thrust::detail::vector_base<T, A>  which thrust::{cpp,omp,tbb,cuda}::vector alias
                                        (Thrust >= 1.17 and CCCL 3.0)

 Boost 1.74's external/thrust/thrust_resize.hpp specialises each backend alias as well and so
 defines the vector_base specialisation twice under the OMP, TBB and CUDA backends
 (boostorg/odeint #45, odeint-v2 #217); this header is its replacement.

 Copies with a Thrust vector on either side go through thrust::copy (one transfer or one
 kernel, never an element-wise loop through device references). They are handled by one
 partial specialisation of copy_impl_sfinae, because specialising copy_impl per vector kind
 for "Thrust vector on the left" and "Thrust vector on the right" (as Boost does) is
 ambiguous for a copy between two different kinds, e.g. host_vector -> device_vector.

 Distributed under the Boost Software License, Version 1.0.
*/
#ifndef BOOST_NUMERIC_ODEINT_EXTERNAL_THRUST_COMPAT_THRUST_RESIZE_HPP_INCLUDED
#define BOOST_NUMERIC_ODEINT_EXTERNAL_THRUST_COMPAT_THRUST_RESIZE_HPP_INCLUDED

#include <type_traits>
#include <vector>

#include <boost/range/begin.hpp>
#include <boost/range/end.hpp>

#include <thrust/copy.h>
#include <thrust/device_vector.h>
#include <thrust/distance.h>
#include <thrust/host_vector.h>

#include <boost/numeric/odeint/util/copy.hpp>
#include <boost/numeric/odeint/util/is_resizeable.hpp>
#include <boost/numeric/odeint/util/resize.hpp>
#include <boost/numeric/odeint/util/same_size.hpp>

namespace boost {
namespace numeric {
namespace odeint {

/// True for thrust::device_vector, thrust::host_vector and thrust::detail::vector_base
/// (hence for every thrust::<backend>::vector).
template <class Container>
struct is_thrust_vector : std::false_type {};

template <class T, class A>
struct is_thrust_vector<thrust::device_vector<T, A>> : std::true_type {};

template <class T, class A>
struct is_thrust_vector<thrust::host_vector<T, A>> : std::true_type {};

template <class T, class A>
struct is_thrust_vector<thrust::detail::vector_base<T, A>> : std::true_type {};

template <class Container>
inline constexpr bool is_thrust_vector_v = is_thrust_vector<Container>::value;

namespace detail {

/// The number of elements of a range (a Thrust vector, std::vector, an iterator range).
template <class Range>
auto thrust_range_size(const Range& range)
{
    return thrust::distance(boost::begin(range), boost::end(range));
}

/// x.resize(size of y), for a Thrust vector x.
template <class Vector, class StateIn>
struct thrust_resize
{
    static void resize(Vector& x, const StateIn& y)
    {
        const auto size = static_cast<typename Vector::size_type>(thrust_range_size(y));
        if (x.empty() && size > 0)
        {
            // Thrust 1.17's resize of an empty vector copies the old, empty range from its
            // null storage (*begin() and memmove(dst, nullptr, 0) in vector_base::append),
            // which UBSan reports; a fresh vector of the size has the same zero elements.
            Vector fresh(size);
            x.swap(fresh);
        }
        else
            x.resize(size);
    }
};

/// x.size() == size of y, for a Thrust vector x.
template <class Vector, class StateIn>
struct thrust_same_size
{
    static bool same_size(const Vector& x, const StateIn& y)
    {
        return x.size() == static_cast<typename Vector::size_type>(thrust_range_size(y));
    }
};

} // namespace detail

// --- is_resizeable: the same "true" that odeint itself gives std::vector -----------------------
//
// odeint's resizers dispatch on the type is_resizeable<State>::type: boost::true_type up to
// Boost 1.85, std::true_type from 1.86 on (util/resizer.hpp, adjust_size_by_resizeability).
// A Thrust vector takes whatever odeint uses for std::vector, so the overload it selects is
// the resizing one on every Boost.

namespace detail {

using odeint_resizeable_tag = typename is_resizeable<std::vector<double>>::type;
static_assert(odeint_resizeable_tag::value,
              "odeint marks std::vector resizeable; the Thrust vectors take the same tag type");

} // namespace detail

template <class T, class A>
struct is_resizeable<thrust::device_vector<T, A>> : detail::odeint_resizeable_tag {};

template <class T, class A>
struct is_resizeable<thrust::host_vector<T, A>> : detail::odeint_resizeable_tag {};

template <class T, class A>
struct is_resizeable<thrust::detail::vector_base<T, A>> : detail::odeint_resizeable_tag {};

// --- resize_impl: a Thrust vector resized like any range -------------------------------------

template <class T, class A, class StateIn>
struct resize_impl<thrust::device_vector<T, A>, StateIn>
    : detail::thrust_resize<thrust::device_vector<T, A>, StateIn> {};

template <class T, class A, class StateIn>
struct resize_impl<thrust::host_vector<T, A>, StateIn>
    : detail::thrust_resize<thrust::host_vector<T, A>, StateIn> {};

template <class T, class A, class StateIn>
struct resize_impl<thrust::detail::vector_base<T, A>, StateIn>
    : detail::thrust_resize<thrust::detail::vector_base<T, A>, StateIn> {};

// --- same_size_impl ----------------------------------------------------------------------------

template <class T, class A, class StateIn>
struct same_size_impl<thrust::device_vector<T, A>, StateIn>
    : detail::thrust_same_size<thrust::device_vector<T, A>, StateIn> {};

template <class T, class A, class StateIn>
struct same_size_impl<thrust::host_vector<T, A>, StateIn>
    : detail::thrust_same_size<thrust::host_vector<T, A>, StateIn> {};

template <class T, class A, class StateIn>
struct same_size_impl<thrust::detail::vector_base<T, A>, StateIn>
    : detail::thrust_same_size<thrust::detail::vector_base<T, A>, StateIn> {};

// --- copy: thrust::copy whenever a Thrust vector is on either side (see the header comment) ----

template <class Container1, class Container2>
struct copy_impl_sfinae<
    Container1, Container2,
    std::enable_if_t<is_thrust_vector_v<Container1> || is_thrust_vector_v<Container2>>>
{
    static void copy(const Container1& from, Container2& to)
    {
        thrust::copy(boost::begin(from), boost::end(from), boost::begin(to));
    }
};

} // namespace odeint
} // namespace numeric
} // namespace boost

#endif // BOOST_NUMERIC_ODEINT_EXTERNAL_THRUST_COMPAT_THRUST_RESIZE_HPP_INCLUDED
