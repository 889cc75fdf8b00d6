/*
 boost/numeric/odeint/stepper/detail/check_derivative_size.hpp

 check_derivative_size: after a system call, rejects a derivative (or driven increment) that
 the system resized to another size than the state, with a message naming the stepper and
 both sizes. Without it the stages go on with buffers of different sizes: a heap overflow
 or a wrong result. For resizeable containers only (std::vector, Thrust vectors, ...);
 fixed-size ones cannot change size.

 Intended call sites (the stepping engine, after each evaluation of a stage):

     sys(in, m_k[0].m_v, t);               detail::check_derivative_size(name(), m_k[0].m_v, in);
     evaluate(y, m_k[I].m_v, t + c_I dt);  detail::check_derivative_size(name(), m_k[I].m_v, y);

 Distributed under the Boost Software License, Version 1.0.
*/
#ifndef BOOST_NUMERIC_ODEINT_STEPPER_DETAIL_CHECK_DERIVATIVE_SIZE_HPP_INCLUDED
#define BOOST_NUMERIC_ODEINT_STEPPER_DETAIL_CHECK_DERIVATIVE_SIZE_HPP_INCLUDED

#include <cstddef>
#include <iterator>
#include <stdexcept>
#include <string>
#include <type_traits>
#include <utility>

#include <boost/numeric/odeint/util/is_resizeable.hpp>
#include <boost/numeric/odeint/util/same_size.hpp>

namespace boost {
namespace numeric {
namespace odeint {
namespace detail {

template <class Container, class = void>
struct has_size_member : std::false_type {};

template <class Container>
struct has_size_member<Container, std::void_t<decltype(std::declval<const Container&>().size())>>
    : std::true_type {};

/// Throws std::invalid_argument unless the derivative k has the size of the state x.
template <class Deriv, class State>
void check_derivative_size(const char* who, const Deriv& k, const State& x)
{
    if constexpr (is_resizeable<Deriv>::value && is_resizeable<State>::value)
    {
        if (same_size(k, x))
            return;
        std::string message = std::string(who) + ": the system wrote a derivative";
        if constexpr (has_size_member<Deriv>::value && has_size_member<State>::value)
            message += " of size " + std::to_string(static_cast<std::size_t>(k.size())) +
                       " for a state of size " + std::to_string(static_cast<std::size_t>(x.size()));
        else
            message += " of another size than the state";
        throw std::invalid_argument(message + " (it must not resize its output)");
    }
    else
    {
        static_cast<void>(who);
        static_cast<void>(k);
        static_cast<void>(x);
    }
}

} // namespace detail
} // namespace odeint
} // namespace numeric
} // namespace boost

#endif // BOOST_NUMERIC_ODEINT_STEPPER_DETAIL_CHECK_DERIVATIVE_SIZE_HPP_INCLUDED
