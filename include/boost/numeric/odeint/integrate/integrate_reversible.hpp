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

#include <algorithm>
#include <array>
#include <cstddef>
#include <functional>
#include <stdexcept>
#include <type_traits>
#include <vector>

#include <boost/numeric/odeint/stepper/stepper_categories.hpp>
#include <boost/numeric/odeint/util/copy.hpp>
#include <boost/numeric/odeint/util/unwrap_reference.hpp>

#include <boost/numeric/odeint/integrate/detail/adjoint_sweep.hpp>
#include <boost/numeric/odeint/integrate/detail/reversible_steps.hpp>
#include <boost/numeric/odeint/integrate/reversible_result.hpp>
#include <boost/numeric/odeint/util/detail/scale_sum.hpp>
#include <boost/numeric/odeint/util/detail/set_zero.hpp>

namespace boost {
namespace numeric {
namespace odeint {

namespace detail {

template <class Stepper, class System, class State, class Plan, class ObservationGradient,
          class Gradient, class ParameterGradient>
reversible_result<typename Stepper::value_type>
integrate_reversible_over(Stepper& stepper, System& system, State& x, Plan& plan,
                          ObservationGradient& observation_grad, Gradient& grad_x0,
                          ParameterGradient& grad_p)
{
    return adjoint_sweep<reconstructed_states>("integrate_reversible", stepper, system, x, plan,
                                               observation_grad, grad_x0, grad_p);
}

/// Adapts terminal_grad(x_t1, a) to the observation-gradient form: only at the last time.
template <class TerminalGradient>
struct terminal_only
{
    TerminalGradient& terminal_grad;
    std::size_t last;

    template <class State, class Time, class Adjoint>
    void operator()(std::size_t k, const State& x, Time, Adjoint& a) const
    {
        if (k == last)
            terminal_grad(x, a);
    }
};

/// [t0, t1] as a whole number of steps of dt, or std::invalid_argument.
template <class Time>
std::vector<Time> whole_step_interval(const char* who, Time t0, Time t1, Time dt)
{
    check_interval(who, t0, t1, dt);
    check_step_count(who, t0, t1, dt);
    if (segment_schedule<Time>(t0, t1, dt).has_remainder)
        throw std::invalid_argument(std::string(who) + ": (t1 - t0) / dt = " +
                                    to_text((t1 - t0) / dt) +
                                    " is not a whole number of steps (t0 = " + to_text(t0) +
                                    ", t1 = " + to_text(t1) + ", dt = " + to_text(dt) +
                                    "); use the observation-time overload for a shorter "
                                    "last step");
    return {t0, t1};
}

/// Runs core(stepper, plan, observation_grad) over [t0, t1]: fixed steps of dt for a plain
/// stepper, the steps a controller accepts (starting from dt) for a controlled one, whose
/// error stepper then does the inverse and adjoint steps.
template <class Stepper, class Time, class TerminalGradient, class Core>
auto over_interval(const char* who, Stepper& stepper, Time t0, Time t1, Time dt,
                   TerminalGradient& terminal_grad, Core core)
{
    using stepper_type = typename odeint::unwrap_reference<Stepper>::type;
    using category = typename base_tag<typename stepper_type::stepper_category>::type;
    stepper_type& st = stepper;
    terminal_only<TerminalGradient> terminal{terminal_grad, 1};
    if constexpr (std::is_same<category, controlled_stepper_tag>::value)
    {
        check_interval(who, t0, t1, dt);
        adaptive_step_plan<stepper_type, Time> plan(st, t0, t1, dt);
        return core(st.stepper(), plan, terminal);
    }
    else
    {
        fixed_step_plan<Time> plan(whole_step_interval(who, t0, t1, dt), dt);
        return core(st, plan, terminal);
    }
}

/// t_0 < t_1 < ... < t_K from an iterator range, or std::invalid_argument.
template <class Time, class TimeIterator>
std::vector<Time> observation_times(const char* who, TimeIterator first, TimeIterator last,
                                    Time dt)
{
    std::vector<Time> times(first, last);
    if (times.size() < 2)
        throw std::invalid_argument(std::string(who) + ": needs at least two times, got " +
                                    std::to_string(times.size()));
    for (std::size_t k = 0; k + 1 < times.size(); ++k)
    {
        check_interval(who, times[k], times[k + 1], dt);
        check_step_count(who, times[k], times[k + 1], dt);
    }
    return times;
}

} // namespace detail

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
    return detail::over_interval(
        "integrate_reversible", stepper, t0, t1, dt, terminal_grad,
        [&](auto& st, auto& plan, auto& observation_grad) {
            return detail::integrate_reversible_over(st, system, x, plan, observation_grad,
                                                     grad_x0, grad_p);
        });
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
    typename odeint::unwrap_reference<Stepper>::type& st = stepper;
    detail::fixed_step_plan<Time> plan(
        detail::observation_times("integrate_reversible", times_first, times_last, dt), dt);
    return detail::integrate_reversible_over(st, system, x, plan, observation_grad, grad_x0,
                                             grad_p);
}

} // namespace odeint
} // namespace numeric
} // namespace boost

#endif // BOOST_NUMERIC_ODEINT_INTEGRATE_INTEGRATE_REVERSIBLE_HPP_INCLUDED
