/*
 boost/numeric/odeint/util/detail/container_traits.hpp

 What a container tells about its size: has_size_member<C> (c.size() is valid) and
 has_size<C> (std::size(c) is valid and converts to std::size_t, which arrays also pass).
 The size checks use them to name sizes in their messages where the type tells them.

 Distributed under the Boost Software License, Version 1.0.
*/
#ifndef BOOST_NUMERIC_ODEINT_UTIL_DETAIL_CONTAINER_TRAITS_HPP_INCLUDED
#define BOOST_NUMERIC_ODEINT_UTIL_DETAIL_CONTAINER_TRAITS_HPP_INCLUDED

#include <cstddef>
#include <iterator>
#include <type_traits>
#include <utility>

namespace boost {
namespace numeric {
namespace odeint {
namespace detail {

template <class Container, class = void>
struct has_size_member : std::false_type {};

template <class Container>
struct has_size_member<Container, std::void_t<decltype(std::declval<const Container&>().size())>>
    : std::true_type {};

template <class Container, class = void>
struct has_size : std::false_type {};

template <class Container>
struct has_size<Container,
                std::void_t<decltype(std::size_t(std::size(std::declval<const Container&>())))>>
    : std::true_type {};

} // namespace detail
} // namespace odeint
} // namespace numeric
} // namespace boost

#endif // BOOST_NUMERIC_ODEINT_UTIL_DETAIL_CONTAINER_TRAITS_HPP_INCLUDED
