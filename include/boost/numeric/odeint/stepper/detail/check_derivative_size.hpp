/*
 boost/numeric/odeint/stepper/detail/check_derivative_size.hpp

 Rejects a system that resizes the derivative (or driven increment) it is given: the
 stepper sizes its stage buffers as its resizer says (odeint's resizing contract), and a
 system that then changes a buffer's size would make the next algebra pass read or write
 past the end of the others: a heap overflow or a wrong result.

 The check compares the buffer's size before and after the system call, so it fires only
 when the call changed the size, and its message names two different sizes. It never asks
 same_size: odeint consults same_size only through the resizer policy (never_resizer never,
 initially_resizer on the first step, always_resizer every step), and a state type whose
 same_size answers "no" on buffers odeint sized itself must step as it does with odeint's
 own steppers. It applies to resizeable containers with a size() (std::vector, Thrust
 vectors, uBLAS, ...); fixed-size ones cannot change size, and a resizeable type without
 size() tells its size only through same_size, so it is not checked.

 Use, around each evaluation of a stage:

     const auto size = detail::derivative_size(k);
     driver.stage(y, k, t, dt);
     detail::check_derivative_unresized(name(), k, size, y);

 Distributed under the Boost Software License, Version 1.0.
*/
#ifndef BOOST_NUMERIC_ODEINT_STEPPER_DETAIL_CHECK_DERIVATIVE_SIZE_HPP_INCLUDED
#define BOOST_NUMERIC_ODEINT_STEPPER_DETAIL_CHECK_DERIVATIVE_SIZE_HPP_INCLUDED

#include <cstddef>
#include <stdexcept>
#include <string>
#include <type_traits>
#include <utility>

#include <boost/numeric/odeint/util/is_resizeable.hpp>

#include <boost/numeric/odeint/util/detail/container_traits.hpp>

namespace boost {
namespace numeric {
namespace odeint {
namespace detail {

/// Whether check_derivative_unresized can see a resize of a Deriv: resizeable, with size().
template <class Deriv>
inline constexpr bool derivative_size_checked_v =
    is_resizeable<Deriv>::value && has_size_member<Deriv>::value;

/// What a fixed-size (or size()-less) derivative records: nothing.
struct no_derivative_size {};

/// The size of derivative buffer k before a system call (nothing where it cannot change).
template <class Deriv>
auto derivative_size(const Deriv& k)
{
    if constexpr (derivative_size_checked_v<Deriv>)
        return static_cast<std::size_t>(k.size());
    else
    {
        static_cast<void>(k);
        return no_derivative_size{};
    }
}

/// The message of check_derivative_unresized, out of line: the check itself stays a compare
/// in the stepping loop. state_size is 0 where the state has no size().
[[noreturn]] inline void throw_derivative_resized(const char* who, std::size_t before,
                                                  std::size_t after, std::size_t state_size)
{
    std::string message = std::string(who) +
                          ": the system resized the derivative it was given from size " +
                          std::to_string(before) + " to size " + std::to_string(after) +
                          " (it must not resize its output)";
    if (state_size != 0 && state_size != before)
        message += "; the stepper's buffers had not been sized for this state of size " +
                   std::to_string(state_size) +
                   " (with never_resizer, call adjust_size(x) before stepping)";
    throw std::invalid_argument(message);
}

/// Throws std::invalid_argument when the system call changed the size of derivative buffer
/// k from `before`, naming the stepper, both sizes and, where they differ, the state's.
template <class Deriv, class State>
void check_derivative_unresized(const char* who, const Deriv& k, std::size_t before,
                                const State& x)
{
    const auto after = static_cast<std::size_t>(k.size());
    if (after == before)
        return;
    if constexpr (has_size_member<State>::value)
        throw_derivative_resized(who, before, after, static_cast<std::size_t>(x.size()));
    else
        throw_derivative_resized(who, before, after, 0);
}

template <class Deriv, class State>
void check_derivative_unresized(const char*, const Deriv&, no_derivative_size, const State&)
{
}

} // namespace detail
} // namespace odeint
} // namespace numeric
} // namespace boost

#endif // BOOST_NUMERIC_ODEINT_STEPPER_DETAIL_CHECK_DERIVATIVE_SIZE_HPP_INCLUDED
