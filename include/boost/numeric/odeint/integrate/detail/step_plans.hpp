/*
 boost/numeric/odeint/integrate/detail/step_plans.hpp

 The step plans of a gradient sweep: which steps the forward solve takes and the backward
 pass walks in reverse.

   fixed_step_plan      fixed steps of dt over observation times t_0 < ... < t_K, with one
                        shorter last step where a segment is not a whole number of steps
                        (segment_schedule); nothing is stored per step;
   adaptive_step_plan   the steps a controlled stepper accepts on [t0, t1], recorded (two
                        scalars a step) and replayed.

 Both check every state of the forward solve for NaN and infinity (finite_check.hpp).

 Distributed under the Boost Software License, Version 1.0.
*/
#ifndef BOOST_NUMERIC_ODEINT_INTEGRATE_DETAIL_STEP_PLANS_HPP_INCLUDED
#define BOOST_NUMERIC_ODEINT_INTEGRATE_DETAIL_STEP_PLANS_HPP_INCLUDED

#include <cmath>
#include <cstddef>
#include <functional>
#include <limits>
#include <stdexcept>
#include <string>
#include <type_traits>
#include <utility>
#include <vector>

#include <boost/numeric/odeint/stepper/controlled_step_result.hpp>
#include <boost/numeric/odeint/util/copy.hpp>

#include <boost/numeric/odeint/integrate/detail/auxiliary_state.hpp>
#include <boost/numeric/odeint/integrate/detail/finite_check.hpp>
#include <boost/numeric/odeint/integrate/detail/time_checks.hpp>
#include <boost/numeric/odeint/util/detail/to_text.hpp>

namespace boost {
namespace numeric {
namespace odeint {
namespace detail {

/// The steps that cover [s, u] with step dt: `full` steps of dt from s, then, when u − s is
/// not a whole number of steps (beyond a relative tolerance of 1e-9 of dt, or the rounding
/// of s, u and dt in Time where that is larger: float), one last step of the remainder. The
/// backward pass walks the same schedule in reverse.
template <class Time>
struct segment_schedule
{
    Time start, end, dt;
    std::size_t full;
    bool has_remainder;

    segment_schedule(Time s, Time u, Time step) : start(s), end(u), dt(step)
    {
        using std::floor;
        const Time ratio = (u - s) / step;
        // Callers check the count first (check_step_count); this guards the conversion.
        if (!(ratio < max_step_count<Time>()))
            throw std::invalid_argument("segment_schedule: (u - s) / dt = " + to_text(ratio) +
                                        " steps cannot be counted exactly");
        // (u − s)/step is off by up to a few ulps of |s| + |u| (over step) and of the ratio;
        // within that, and never below 1e-9 of a step, it counts as whole: for float times
        // (0.2f − 0.1f)/(1/120.f) = 12.000001 is 12 steps, not 12 and one of length 0.
        using std::abs;
        const Time one = Time(1);
        const Time rounding = Time(8) * std::numeric_limits<Time>::epsilon() *
                              ((abs(s) + abs(u)) / abs(step) + (ratio > one ? ratio : one));
        const Time floor_tolerance = Time(1e-9) * (ratio > one ? ratio : one);
        const Time tolerance = rounding > floor_tolerance ? rounding : floor_tolerance;
        Time whole = floor(ratio + tolerance);
        full = static_cast<std::size_t>(whole);
        has_remainder = (ratio - whole) > tolerance;
    }

    std::size_t size() const { return full + (has_remainder ? 1 : 0); }

    /// Start time and size of step j (0 ≤ j < size()).
    std::pair<Time, Time> step(std::size_t j) const
    {
        const Time t = start + static_cast<Time>(j) * dt;
        return {t, j < full ? dt : end - t};
    }
};

/// The steps of a fixed-step solve over t_0 < ... < t_K: segment_schedule on each segment.
/// Nothing is stored per step, so the plan's memory does not grow with the number of steps.
template <class Time>
class fixed_step_plan
{
public:
    fixed_step_plan(std::vector<Time> times, Time dt) : m_times(std::move(times)), m_dt(dt) {}

    const std::vector<Time>& times() const { return m_times; }

    /// The forward solve: at_segment(k, x) at every t_k (k < K), before_step(x) before every
    /// step; every state is checked for NaN and infinity. Returns the number of steps.
    template <class Stepper, class System, class State, class AtSegment, class BeforeStep>
    std::size_t forward(const char* who, Stepper& stepper, System& system, State& x,
                        State& scratch, AtSegment at_segment, BeforeStep before_step)
    {
        auto& algebra = stepper.algebra();
        check_finite(who, algebra, x, scratch, 0, m_times.front());
        start_forward(stepper, x);
        std::size_t steps = 0;
        for (std::size_t k = 0; k + 1 < m_times.size(); ++k)
        {
            at_segment(k, static_cast<const State&>(x));
            const segment_schedule<Time> schedule(m_times[k], m_times[k + 1], m_dt);
            for (std::size_t j = 0; j < schedule.size(); ++j)
            {
                before_step(static_cast<const State&>(x));
                const auto [t, h] = schedule.step(j);
                stepper.do_step(std::ref(system), x, t, h);
                check_finite(who, algebra, x, scratch, ++steps, t + h);
            }
        }
        return steps;
    }

    /// The same steps in reverse: step(t, h) for each, newest first, and after_segment(k)
    /// once segment [t_k, t_{k+1}] is done.
    template <class Step, class AfterSegment>
    void backward(Step step, AfterSegment after_segment) const
    {
        for (std::size_t k = m_times.size() - 1; k-- > 0;)
        {
            const segment_schedule<Time> schedule(m_times[k], m_times[k + 1], m_dt);
            for (std::size_t j = schedule.size(); j-- > 0;)
            {
                const auto [t, h] = schedule.step(j);
                step(t, h);
            }
            after_segment(k);
        }
    }

private:
    std::vector<Time> m_times;
    Time m_dt;
};

template <class Controller, class = void>
struct has_tolerance_text : std::false_type {};

template <class Controller>
struct has_tolerance_text<Controller, std::void_t<decltype(std::declval<const Controller&>()
                                                               .tolerance_text())>>
    : std::true_type {};

/// controller.tolerance_text() where the controller has it (controlled_driven_runge_kutta).
template <class Controller>
std::string controller_tolerance_text(const Controller& controller)
{
    if constexpr (has_tolerance_text<Controller>::value)
        return controller.tolerance_text();
    else
        return "the controller's tolerances";
}

/// The steps a controlled stepper accepts on [t0, t1], recorded during the forward solve
/// (two scalars a step, no states) and replayed in reverse by the backward pass. The last
/// step is shortened to end on t1. At most max_steps steps (2^26, a 1 GiB plan for double
/// times) are recorded, and every accepted step must advance t; otherwise the tolerance is
/// out of reach and std::runtime_error names it and the step.
template <class Controller, class Time>
class adaptive_step_plan
{
public:
    static constexpr std::size_t default_max_steps = std::size_t{1} << 26;

    adaptive_step_plan(Controller& controller, Time t0, Time t1, Time dt0,
                       std::size_t max_steps = default_max_steps)
        : m_controller(controller), m_times{t0, t1}, m_dt0(dt0), m_max_steps(max_steps)
    {
    }

    const std::vector<Time>& times() const { return m_times; }

    template <class Stepper, class System, class State, class AtSegment, class BeforeStep>
    std::size_t forward(const char* who, Stepper& stepper, System& system, State& x,
                        State& scratch, AtSegment at_segment, BeforeStep before_step)
    {
        auto& algebra = stepper.algebra();
        check_finite(who, algebra, x, scratch, 0, m_times.front());
        at_segment(0, static_cast<const State&>(x));
        m_steps.clear();
        State previous = x;
        const std::size_t max_rejections = 500;  // odeint's limit for one step
        std::size_t rejections = 0;
        Time t = m_times[0], dt = m_dt0;
        const Time end = m_times[1];
        while (t < end)
        {
            if (t + dt > end)
                dt = end - t;
            odeint::copy(x, previous);
            // The step as taken: (t + dt) - t need not round back to dt.
            const Time t_before = t, dt_taken = dt;
            if (m_controller.try_step(std::ref(system), x, t, dt) == success)
            {
                if (!(t > t_before) || m_steps.size() == m_max_steps)
                    throw std::runtime_error(
                        std::string(who) + ": the tolerance " +
                        controller_tolerance_text(m_controller) + " is out of reach: " +
                        (t > t_before ? "the controller took " + std::to_string(m_max_steps) +
                                            " steps"
                                      : std::string("an accepted step did not advance t")) +
                        " before t1 = " + to_text(end) + " (at t = " + to_text(t_before) +
                        ", dt = " + to_text(dt_taken) + ")");
                before_step(static_cast<const State&>(previous));
                m_steps.emplace_back(t_before, dt_taken);
                check_finite(who, algebra, x, scratch, m_steps.size(), t);
                rejections = 0;
            }
            else if (++rejections > max_rejections)
                throw std::runtime_error(std::string(who) + ": the step size controller rejected " +
                                         std::to_string(max_rejections) +
                                         " steps in a row at t = " + to_text(t) +
                                         " (dt = " + to_text(dt) + ")");
        }
        return m_steps.size();
    }

    template <class Step, class AfterSegment>
    void backward(Step step, AfterSegment after_segment) const
    {
        for (std::size_t n = m_steps.size(); n-- > 0;)
            step(m_steps[n].first, m_steps[n].second);
        after_segment(0);
    }

private:
    Controller& m_controller;
    std::vector<Time> m_times;
    Time m_dt0;
    std::size_t m_max_steps;
    std::vector<std::pair<Time, Time>> m_steps;
};

} // namespace detail
} // namespace odeint
} // namespace numeric
} // namespace boost

#endif // BOOST_NUMERIC_ODEINT_INTEGRATE_DETAIL_STEP_PLANS_HPP_INCLUDED
