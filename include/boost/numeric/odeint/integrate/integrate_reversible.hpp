/*
 boost/numeric/odeint/integrate/integrate_reversible.hpp

 integrate_reversible: gradients of an ODE or SDE solve with memory independent of the number
 of steps (doc/method.md §4). A fixed-step forward solve stores no trajectory; the backward
 sweep reconstructs each state with the stepper's inverse_do_step, recomputes the stages and
 accumulates vector–Jacobian products through the stepper's adjoint_step:

     auto r = integrate_reversible(stepper, system, x, t0, t1, dt,
                                   terminal_grad, grad_x0, grad_p);

   x              x(t0) on entry, x(t1) on return
   terminal_grad  terminal_grad(x_t1, a) sets a = dL/dx(t1)
   grad_x0        on return dL/dx(t0)  (must have the size of x)
   grad_p         dL/dθ is ADDED to it, through system.vjp (see ees_generic_rk::adjoint_step);
                  a system that declares its parameter count (a member function
                  parameter_count() or a static data member parameter_count) gets grad_p
                  checked to have exactly that size (std::invalid_argument before any step);
                  for any other system the caller must size grad_p as its vjp indexes it
   r.steps, r.reconstruction_error = max-norm of x̂(t0) − x(t0)

 On a throw (from the system, its vjp, a gradient callback or a check) grad_x0 and grad_p
 are unchanged (strong guarantee: both accumulate in copies committed at the end) and x
 holds the state of the last step the forward solve completed, x(t1) once the backward pass
 has begun (doc/reference.md, "Exception guarantees").

 (t1 − t0)/dt must be a whole number of steps (relative tolerance 1e-9), and fewer than
 2^digits of the time type (2^53 for double); otherwise std::invalid_argument. The observation-time overload

     integrate_reversible(stepper, system, x, times_first, times_last, dt,
                          observation_grad, grad_x0, grad_p);

 takes t_0 < t_1 < ... < t_K and calls observation_grad(k, x_k, t_k, a) at every t_k, which
 ADDS dL/dx(t_k) to a (a loss on a whole trajectory); an a of another size than x after
 any of these calls is std::invalid_argument. Between observations it takes steps of
 dt and, where t_{k+1} − t_k is not a whole number of steps, one shorter last step; the
 backward pass walks the same steps. It keeps the K states x(t_0) ... x(t_{K−1}) and restarts
 the reconstruction from each, so reconstruction errors do not accumulate across segments.

 Heap memory: a few states (and the K checkpoints), allocated before the first step and
 independent of the number of steps; the steppers size their buffers once.

 Works with ees25, ees27 and reversible_heun, for ODE systems and driven systems (SDEs replay
 the same Brownian increments), for any odeint algebra.

 Distributed under the Boost Software License, Version 1.0.
*/
#ifndef BOOST_NUMERIC_ODEINT_INTEGRATE_INTEGRATE_REVERSIBLE_HPP_INCLUDED
#define BOOST_NUMERIC_ODEINT_INTEGRATE_INTEGRATE_REVERSIBLE_HPP_INCLUDED

#include <type_traits>

#include <boost/numeric/odeint/util/unwrap_reference.hpp>

#include <boost/numeric/odeint/integrate/detail/sweep_arguments.hpp>
#include <boost/numeric/odeint/integrate/reversible_result.hpp>

namespace boost {
namespace numeric {
namespace odeint {

/// Reversible adjoint over [t0, t1]; see the header comment. With a controlled stepper
/// (make_controlled(abs, rel, ees25<S>())) the steps are chosen adaptively from dt: the
/// forward pass records the accepted step sizes and the backward pass replays them.
template <class Stepper, class System, class State, class Time, class TerminalGradient,
          class Gradient, class ParameterGradient>
reversible_result<typename odeint::unwrap_reference<Stepper>::type::value_type>
integrate_reversible(Stepper stepper, System system, State& x, Time t0, Time t1, Time dt,
                     TerminalGradient terminal_grad, Gradient& grad_x0,
                     ParameterGradient& grad_p)
{
    return detail::sweep_interval<detail::reconstructed_states>(
        "integrate_reversible", stepper, system, x, t0, t1, dt, terminal_grad, grad_x0, grad_p);
}

/// Reversible adjoint with a loss at observation times t_0 < ... < t_K; see the header
/// comment.
template <class Stepper, class System, class State, class TimeIterator, class Time,
          class ObservationGradient, class Gradient, class ParameterGradient,
          class = std::enable_if_t<!std::is_arithmetic<TimeIterator>::value>>
reversible_result<typename odeint::unwrap_reference<Stepper>::type::value_type>
integrate_reversible(Stepper stepper, System system, State& x, TimeIterator times_first,
                     TimeIterator times_last, Time dt, ObservationGradient observation_grad,
                     Gradient& grad_x0, ParameterGradient& grad_p)
{
    return detail::sweep_times<detail::reconstructed_states>(
        "integrate_reversible", stepper, system, x, times_first, times_last, dt,
        observation_grad, grad_x0, grad_p);
}

} // namespace odeint
} // namespace numeric
} // namespace boost

#endif // BOOST_NUMERIC_ODEINT_INTEGRATE_INTEGRATE_REVERSIBLE_HPP_INCLUDED
