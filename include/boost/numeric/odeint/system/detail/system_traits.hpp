/*
 boost/numeric/odeint/system/detail/system_traits.hpp

 The concept traits of a system (system/driven_system.hpp, doc/reference.md): what a system
 offers, asked at compile time by the steppers, the integrate functions and the SDE systems.

   has_vjp_v<System, Args...>                   sys.vjp(args...) is a valid call (for the
                                                readable static_assert sentences)
   has_field_product<System, StateIn, Time, Deriv>
                                                a driven system's one-pass field_product
   has_parameter_count_function<System>         sys.parameter_count() converts to std::size_t
   has_parameter_count_member<System>           a static data member System::parameter_count
   has_required_parameter_count<T>              t.required_parameter_count(): the least size
                                                of grad_p the vjp indexes
   has_field_with_required_parameter_count<T>   the same for a driven system's t.field()

 Distributed under the Boost Software License, Version 1.0.
*/
#ifndef BOOST_NUMERIC_ODEINT_SYSTEM_DETAIL_SYSTEM_TRAITS_HPP_INCLUDED
#define BOOST_NUMERIC_ODEINT_SYSTEM_DETAIL_SYSTEM_TRAITS_HPP_INCLUDED

#include <cstddef>
#include <type_traits>
#include <utility>

namespace boost {
namespace numeric {
namespace odeint {
namespace detail {

/// Whether sys.vjp(args...) is a valid call (for the readable errors of the steppers and SDEs).
template <class Void, class System, class... Args>
struct has_vjp_impl : std::false_type {};

template <class System, class... Args>
struct has_vjp_impl<std::void_t<decltype(std::declval<System&>().vjp(std::declval<Args>()...))>,
                    System, Args...> : std::true_type
{
};

template <class System, class... Args>
inline constexpr bool has_vjp_v = has_vjp_impl<void, System, Args...>::value;

/// The parameter count a system declares: a member function parameter_count() or a static
/// data member parameter_count (integrate/detail/gradient_checks.hpp checks grad_p with it).
template <class System, class = void>
struct has_parameter_count_function : std::false_type {};

template <class System>
struct has_parameter_count_function<
    System, std::void_t<decltype(std::size_t(std::declval<const System&>().parameter_count()))>>
    : std::true_type {};

template <class System, class = void>
struct has_parameter_count_member : std::false_type {};

template <class System>
struct has_parameter_count_member<System,
                                  std::void_t<decltype(std::size_t(System::parameter_count))>>
    : std::true_type {};

/// A system, or the vector field of a driven system (system.field()), that declares
/// required_parameter_count(): the least size of grad_p its vjp indexes.
template <class T, class = void>
struct has_required_parameter_count : std::false_type {};

template <class T>
struct has_required_parameter_count<
    T, std::void_t<decltype(std::size_t(std::declval<const T&>().required_parameter_count()))>>
    : std::true_type {};

template <class T, class = void>
struct has_field_with_required_parameter_count : std::false_type {};

template <class T>
struct has_field_with_required_parameter_count<
    T, std::void_t<decltype(std::size_t(
           std::declval<const T&>().field().required_parameter_count()))>> : std::true_type {};

/// Whether a driven system forms k = F(t, y)·(dt, dW) in one pass, field_product(y, t, dt,
/// dW, k), with the same arithmetic as sys(y, F, t) followed by sys.product(F, dt, dW, k).
template <class System, class StateIn, class Time, class Deriv, class = void>
struct has_field_product : std::false_type {};

template <class System, class StateIn, class Time, class Deriv>
struct has_field_product<
    System, StateIn, Time, Deriv,
    std::void_t<decltype(std::declval<const System&>().field_product(
        std::declval<const StateIn&>(), std::declval<Time>(), std::declval<Time>(),
        std::declval<const typename System::increment_type&>(), std::declval<Deriv&>()))>>
    : std::true_type
{
};

} // namespace detail
} // namespace odeint
} // namespace numeric
} // namespace boost

#endif // BOOST_NUMERIC_ODEINT_SYSTEM_DETAIL_SYSTEM_TRAITS_HPP_INCLUDED
