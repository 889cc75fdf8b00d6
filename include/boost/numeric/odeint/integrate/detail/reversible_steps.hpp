/*
 boost/numeric/odeint/integrate/detail/reversible_steps.hpp

 What integrate_reversible and integrate_discrete_adjoint share: the step plans (fixed
 steps over observation times with a last-step rule, or the steps a controlled stepper
 accepted), argument checks (interval, step count, gradient sizes, the parameter count a
 system declares), the non-finite-state check, and the hooks through which a stepper with
 an auxiliary state (reversible_heun) takes part.

 Distributed under the Boost Software License, Version 1.0.
*/
#ifndef BOOST_NUMERIC_ODEINT_INTEGRATE_DETAIL_REVERSIBLE_STEPS_HPP_INCLUDED
#define BOOST_NUMERIC_ODEINT_INTEGRATE_DETAIL_REVERSIBLE_STEPS_HPP_INCLUDED

#include <algorithm>
#include <cmath>
#include <cstddef>
#include <iterator>
#include <functional>
#include <limits>
#include <sstream>
#include <stdexcept>
#include <string>
#include <type_traits>
#include <utility>
#include <vector>

#include <boost/numeric/odeint/util/is_resizeable.hpp>
#include <boost/numeric/odeint/algebra/vector_space_algebra.hpp>
#include <boost/numeric/odeint/stepper/controlled_step_result.hpp>
#include <boost/numeric/odeint/util/copy.hpp>
#include <boost/numeric/odeint/util/same_size.hpp>
#include <boost/numeric/odeint/util/unwrap_reference.hpp>

#include <boost/numeric/odeint/util/ees_host_device.hpp>
#include <boost/numeric/odeint/integrate/reversible_result.hpp>
#include <boost/numeric/odeint/util/detail/to_text.hpp>
#include <boost/numeric/odeint/stepper/detail/check_derivative_size.hpp>  // has_size_member

namespace boost {
namespace numeric {
namespace odeint {

namespace detail {

/// The most steps a fixed-step plan takes on one segment: 2^digits of Time (2^53 for double),
/// below which every step index, and the step's start time t0 + j dt, is exact in Time
/// (and which std::size_t holds).
template <class Time>
Time max_step_count()
{
    using std::ldexp;
    const int bits = std::min(std::numeric_limits<Time>::digits,
                              std::numeric_limits<std::size_t>::digits - 1);
    return ldexp(Time(1), bits);
}

/// Throws std::invalid_argument when [t0, t1] needs max_step_count() or more steps of dt
/// (the count would not fit, or steps would not advance t): say (t1 - t0) / dt >= 2^64
/// for dt = 1e-300 on [0, 1]. t0 < t1 and dt > 0 are checked already.
template <class Time>
void check_step_count(const char* who, Time t0, Time t1, Time dt)
{
    const Time steps = (t1 - t0) / dt;
    if (!(steps < max_step_count<Time>()))
        throw std::invalid_argument(std::string(who) + ": (t1 - t0) / dt = " + to_text(steps) +
                                    " steps, not below the " + to_text(max_step_count<Time>()) +
                                    " that the time type counts exactly (t0 = " + to_text(t0) +
                                    ", t1 = " + to_text(t1) + ", dt = " + to_text(dt) + ")");
}

/// The steps that cover [s, u] with step dt: `full` steps of dt from s, then, when u − s is
/// not a whole number of steps (beyond a relative tolerance of 1e-9 of dt), one last step of
/// the remainder. The backward pass walks the same schedule in reverse.
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
        const Time tolerance = Time(1e-9) * (ratio > Time(1) ? ratio : Time(1));
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

template <class Time>
void check_interval(const char* who, Time t0, Time t1, Time dt)
{
    using std::isfinite;
    if (!isfinite(t0) || !isfinite(t1) || !(t1 > t0))
        throw std::invalid_argument(std::string(who) + ": needs finite t0 < t1, got t0 = " +
                                    to_text(t0) + ", t1 = " + to_text(t1));
    if (!isfinite(dt) || !(dt > Time(0)))
        throw std::invalid_argument(std::string(who) +
                                    ": needs a finite step dt > 0, got dt = " + to_text(dt));
}

/// Throws std::invalid_argument unless `gradient` has the size of `state`, naming both sizes
/// where the types tell them (size()).
template <class Gradient, class State>
void check_same_size(const char* who, const char* what, const Gradient& gradient,
                     const State& state)
{
    if constexpr (is_resizeable<Gradient>::value && is_resizeable<State>::value)
        if (!same_size(gradient, state))
        {
            std::string sizes;
            if constexpr (detail::has_size_member<Gradient>::value &&
                          detail::has_size_member<State>::value)
                sizes = " (it has size " + std::to_string(gradient.size()) +
                        ", the state size " + std::to_string(state.size()) + ")";
            throw std::invalid_argument(std::string(who) + ": " + what +
                                        " does not have the size of the state" + sizes);
        }
}

/// The parameter count a system declares: a member function parameter_count() or a static
/// data member parameter_count; see check_parameter_gradient.
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

template <class Container, class = void>
struct has_size : std::false_type {};

template <class Container>
struct has_size<Container,
                std::void_t<decltype(std::size_t(std::size(std::declval<const Container&>())))>>
    : std::true_type {};

/// The gradient contract: when the system declares its parameter count (parameter_count()
/// or a static parameter_count), grad_p must have exactly that many entries, and when it (or
/// a driven system's field(): an SDE of MLP fields) declares required_parameter_count(), at
/// least that many; otherwise std::invalid_argument before the forward solve. (The vjp
/// indexes grad_p; a short one would be written past its end, or be caught by the vjp only
/// after x has been overwritten.) A system that declares nothing is trusted.
template <class System, class ParameterGradient>
void check_parameter_gradient(const char* who, const System& system,
                              const ParameterGradient& grad_p)
{
    using system_type = typename odeint::unwrap_reference<System>::type;
    if constexpr (has_size<ParameterGradient>::value)
    {
        const system_type& sys = system;
        std::size_t required = 0;
        if constexpr (has_required_parameter_count<system_type>::value)
            required = static_cast<std::size_t>(sys.required_parameter_count());
        else if constexpr (has_field_with_required_parameter_count<system_type>::value)
            required = static_cast<std::size_t>(sys.field().required_parameter_count());
        if (static_cast<std::size_t>(std::size(grad_p)) < required)
            throw std::invalid_argument(
                std::string(who) + ": grad_p has size " +
                std::to_string(static_cast<std::size_t>(std::size(grad_p))) +
                " but the system's vjp adds to entries below required_parameter_count() = " +
                std::to_string(required) + "; grad_p needs at least that many");
        std::size_t count = 0;
        if constexpr (has_parameter_count_function<system_type>::value)
            count = static_cast<std::size_t>(sys.parameter_count());
        else if constexpr (has_parameter_count_member<system_type>::value)
            count = static_cast<std::size_t>(system_type::parameter_count);
        else
            return;
        const auto size = static_cast<std::size_t>(std::size(grad_p));
        if (size != count)
            throw std::invalid_argument(std::string(who) + ": grad_p has size " +
                                        std::to_string(size) + " but the system declares " +
                                        "parameter_count = " + std::to_string(count));
    }
    else
    {
        static_cast<void>(who);
        static_cast<void>(system);
        static_cast<void>(grad_p);
    }
}

/// marker = 0 where value is finite, 1 where it is a NaN or an infinity (v − v is 0 exactly
/// for finite v and NaN otherwise), so that norm_inf of the markers, which odeint's algebras
/// compute with a max that skips NaNs, still sees every non-finite entry.
struct mark_non_finite
{
    template <class Marker, class Value>
    BOOST_NUMERIC_ODEINT_EES_HOST_DEVICE void operator()(Marker& marker, const Value& value) const
    {
        marker = (value - value == Value(0)) ? Marker(0) : Marker(1);
    }
};

/// Throws std::runtime_error naming the step (0: the initial state) and time when x holds a
/// NaN or an infinity. `scratch` has the shape of x. With vector_space_algebra the check is
/// the user's norm: isfinite(norm_inf(x)).
template <class Algebra, class State, class Time>
void check_finite(const char* who, Algebra& algebra, const State& x, State& scratch,
                  std::size_t step, Time t)
{
    bool finite;
    if constexpr (std::is_same<Algebra, vector_space_algebra>::value)
    {
        using std::isfinite;
        finite = isfinite(algebra.norm_inf(x));
    }
    else
    {
        algebra.for_each2(scratch, x, mark_non_finite());
        finite = !(algebra.norm_inf(scratch) > 0);
    }
    if (!finite)
        throw std::runtime_error(std::string(who) + ": the state is not finite at step " +
                                 std::to_string(step) + " (t = " + to_text(t) + ")");
}

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

#endif // BOOST_NUMERIC_ODEINT_INTEGRATE_DETAIL_REVERSIBLE_STEPS_HPP_INCLUDED
