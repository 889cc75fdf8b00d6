/*
 boost/numeric/odeint/integrate/detail/sweep_arguments.hpp

 The argument handling that integrate_reversible and integrate_discrete_adjoint share: from
 the public arguments to a step plan and the one adjoint sweep (adjoint_sweep.hpp), for a
 state source (reconstructed_states or stored_states).

   sweep_interval   [t0, t1] with a terminal gradient: fixed steps of dt (a whole number of
                    them) for a plain stepper, the steps a controller accepts (starting from
                    dt) for a controlled one, whose error stepper then does the inverse and
                    adjoint steps;
   sweep_times      observation times t_0 < ... < t_K with an observation gradient: fixed
                    steps of dt, one shorter last step where a segment needs it.

 Every check names `who`, the public function.

 Distributed under the Boost Software License, Version 1.0.
*/
#ifndef BOOST_NUMERIC_ODEINT_INTEGRATE_DETAIL_SWEEP_ARGUMENTS_HPP_INCLUDED
#define BOOST_NUMERIC_ODEINT_INTEGRATE_DETAIL_SWEEP_ARGUMENTS_HPP_INCLUDED

#include <cstddef>
#include <stdexcept>
#include <string>
#include <type_traits>
#include <vector>

#include <boost/numeric/odeint/stepper/stepper_categories.hpp>
#include <boost/numeric/odeint/util/unwrap_reference.hpp>

#include <boost/numeric/odeint/integrate/detail/adjoint_sweep.hpp>
#include <boost/numeric/odeint/integrate/detail/step_plans.hpp>
#include <boost/numeric/odeint/integrate/detail/time_checks.hpp>
#include <boost/numeric/odeint/util/detail/to_text.hpp>

namespace boost {
namespace numeric {
namespace odeint {
namespace detail {

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

/// The sweep of Source over [t0, t1] with terminal_grad at t1; see the header comment.
template <template <class, class, class> class Source, class Stepper, class System,
          class State, class Time, class TerminalGradient, class Gradient,
          class ParameterGradient>
auto sweep_interval(const char* who, Stepper& stepper, System& system, State& x, Time t0,
                    Time t1, Time dt, TerminalGradient& terminal_grad, Gradient& grad_x0,
                    ParameterGradient& grad_p)
{
    using stepper_type = typename odeint::unwrap_reference<Stepper>::type;
    using category = typename base_tag<typename stepper_type::stepper_category>::type;
    stepper_type& st = stepper;
    terminal_only<TerminalGradient> terminal{terminal_grad, 1};
    if constexpr (std::is_same<category, controlled_stepper_tag>::value)
    {
        check_interval(who, t0, t1, dt);
        adaptive_step_plan<stepper_type, Time> plan(st, t0, t1, dt);
        return adjoint_sweep<Source>(who, st.stepper(), system, x, plan, terminal, grad_x0,
                                     grad_p);
    }
    else
    {
        fixed_step_plan<Time> plan(whole_step_interval(who, t0, t1, dt), dt);
        return adjoint_sweep<Source>(who, st, system, x, plan, terminal, grad_x0, grad_p);
    }
}

/// The sweep of Source over the observation times [first, last) with observation_grad at
/// each; see the header comment.
template <template <class, class, class> class Source, class Stepper, class System,
          class State, class TimeIterator, class Time, class ObservationGradient,
          class Gradient, class ParameterGradient>
auto sweep_times(const char* who, Stepper& stepper, System& system, State& x,
                 TimeIterator first, TimeIterator last, Time dt,
                 ObservationGradient& observation_grad, Gradient& grad_x0,
                 ParameterGradient& grad_p)
{
    typename odeint::unwrap_reference<Stepper>::type& st = stepper;
    fixed_step_plan<Time> plan(observation_times(who, first, last, dt), dt);
    return adjoint_sweep<Source>(who, st, system, x, plan, observation_grad, grad_x0, grad_p);
}

} // namespace detail
} // namespace odeint
} // namespace numeric
} // namespace boost

#endif // BOOST_NUMERIC_ODEINT_INTEGRATE_DETAIL_SWEEP_ARGUMENTS_HPP_INCLUDED
