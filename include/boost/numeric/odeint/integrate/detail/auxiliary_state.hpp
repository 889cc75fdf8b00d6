/*
 boost/numeric/odeint/integrate/detail/auxiliary_state.hpp

 The hooks through which a stepper with an auxiliary state (reversible_heun, whose ŷ
 travels with x) takes part in a gradient sweep; for any other stepper they do nothing.

 Distributed under the Boost Software License, Version 1.0.
*/
#ifndef BOOST_NUMERIC_ODEINT_INTEGRATE_DETAIL_AUXILIARY_STATE_HPP_INCLUDED
#define BOOST_NUMERIC_ODEINT_INTEGRATE_DETAIL_AUXILIARY_STATE_HPP_INCLUDED

#include <type_traits>
#include <utility>

namespace boost {
namespace numeric {
namespace odeint {
namespace detail {

// Hooks for steppers that carry an auxiliary state through the solve (reversible_heun):
// a fresh start of the forward solve, and the adjoint of that state at the ends of the sweep.
template <class Stepper, class State, class = void>
struct has_auxiliary_state : std::false_type {};

template <class Stepper, class State>
struct has_auxiliary_state<Stepper, State,
                           std::void_t<decltype(std::declval<Stepper&>().auxiliary_state()),
                                       decltype(std::declval<Stepper&>().initialize(
                                           std::declval<const State&>()))>> : std::true_type {};

template <class Stepper, class State>
void start_forward(Stepper& stepper, const State& x)
{
    if constexpr (has_auxiliary_state<Stepper, State>::value)
        stepper.initialize(x);
}

template <class Stepper, class State>
void start_adjoint(Stepper& stepper, const State& x)
{
    if constexpr (has_auxiliary_state<Stepper, State>::value)
        stepper.start_adjoint(x);
}

template <class Stepper, class State, class Adjoint>
void finish_adjoint(Stepper& stepper, Adjoint& a)
{
    if constexpr (has_auxiliary_state<Stepper, State>::value)
        stepper.finish_adjoint(a);
}

} // namespace detail
} // namespace odeint
} // namespace numeric
} // namespace boost

#endif // BOOST_NUMERIC_ODEINT_INTEGRATE_DETAIL_AUXILIARY_STATE_HPP_INCLUDED
