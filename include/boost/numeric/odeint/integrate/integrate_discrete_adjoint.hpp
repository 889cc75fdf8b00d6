/*
 boost/numeric/odeint/integrate/integrate_discrete_adjoint.hpp

 integrate_discrete_adjoint: the exact gradient of the discrete forward solve
 (discretise-then-optimise) that stores the state at the start of every step, O(N) memory.
 It is the baseline that integrate_reversible is measured against: same calls, same step
 schedule, same adjoint_step, but each step is backpropagated from the stored state instead of
 the reconstructed one, so the two differ exactly by the effect of reconstruction error.

     integrate_discrete_adjoint(stepper, system, x, t0, t1, dt, terminal_grad, grad_x0, grad_p);
     integrate_discrete_adjoint(stepper, system, x, times_first, times_last, dt,
                                observation_grad, grad_x0, grad_p);

 Arguments and result as for integrate_reversible (integrate_reversible.hpp);
 reconstruction_error is 0. A stepper with an auxiliary state (reversible_heun) has it stored
 and restored too.

 Distributed under the Boost Software License, Version 1.0.
*/
#ifndef BOOST_NUMERIC_ODEINT_INTEGRATE_INTEGRATE_DISCRETE_ADJOINT_HPP_INCLUDED
#define BOOST_NUMERIC_ODEINT_INTEGRATE_INTEGRATE_DISCRETE_ADJOINT_HPP_INCLUDED

#include <type_traits>

#include <boost/numeric/odeint/util/unwrap_reference.hpp>

#include <boost/numeric/odeint/integrate/detail/sweep_arguments.hpp>
#include <boost/numeric/odeint/integrate/reversible_result.hpp>

namespace boost {
namespace numeric {
namespace odeint {

/// Store-everything exact discrete adjoint over [t0, t1] (adaptive with a controlled
/// stepper, as integrate_reversible).
template <class Stepper, class System, class State, class Time, class TerminalGradient,
          class Gradient, class ParameterGradient>
reversible_result<typename odeint::unwrap_reference<Stepper>::type::value_type>
integrate_discrete_adjoint(Stepper stepper, System system, State& x, Time t0, Time t1, Time dt,
                           TerminalGradient terminal_grad, Gradient& grad_x0,
                           ParameterGradient& grad_p)
{
    return detail::sweep_interval<detail::stored_states>(
        "integrate_discrete_adjoint", stepper, system, x, t0, t1, dt, terminal_grad, grad_x0,
        grad_p);
}

/// Store-everything exact discrete adjoint with a loss at observation times.
template <class Stepper, class System, class State, class TimeIterator, class Time,
          class ObservationGradient, class Gradient, class ParameterGradient,
          class = std::enable_if_t<!std::is_arithmetic<TimeIterator>::value>>
reversible_result<typename odeint::unwrap_reference<Stepper>::type::value_type>
integrate_discrete_adjoint(Stepper stepper, System system, State& x, TimeIterator times_first,
                           TimeIterator times_last, Time dt,
                           ObservationGradient observation_grad, Gradient& grad_x0,
                           ParameterGradient& grad_p)
{
    return detail::sweep_times<detail::stored_states>(
        "integrate_discrete_adjoint", stepper, system, x, times_first, times_last, dt,
        observation_grad, grad_x0, grad_p);
}

} // namespace odeint
} // namespace numeric
} // namespace boost

#endif // BOOST_NUMERIC_ODEINT_INTEGRATE_INTEGRATE_DISCRETE_ADJOINT_HPP_INCLUDED
