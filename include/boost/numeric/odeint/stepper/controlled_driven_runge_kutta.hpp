/*
 boost/numeric/odeint/stepper/controlled_driven_runge_kutta.hpp

 controlled_driven_runge_kutta: odeint's controlled_runge_kutta (first-same-as-last form)
 that also controls the step size of a driven system (system/driven_system.hpp), such as a
 Stratonovich SDE on a virtual_brownian_tree. make_controlled returns it for ees25 and ees27
 (generation_ees.hpp), so one call steps ODEs and SDEs adaptively:

     auto controlled = make_controlled(1e-3, 1e-3, ees25<state>());
     integrate_adaptive(controlled, sde, x, t0, t1, dt0);

 For an ODE system every member is controlled_runge_kutta's. For a driven system, try_step

   1. takes the step with the error stepper's do_step(sys, in, t, out, dt, xerr), whose
      estimate for EES is step doubling on the same path, x_err = Φ_dt − Φ_dt/2 ∘ Φ_dt/2
      (three steps an attempt). It tracks the method's local error, which for an SDE is
      O(dt^{3/2}), random and carried by the space–time area of the path inside the step
      (test_adaptive_sde.cpp checks that it follows the true local error);
   2. weighs it with the error checker against eps_abs + eps_rel a_x |x| (the checker's
      derivative term gets zero weight: a driven system has no derivative) and divides by
      √dt. Local errors of an SDE step are mostly of random sign, so they add up like a
      random walk: bounding each by tol √dt makes the global strong error proportional to
      the tolerance;
   3. accepts (t += dt) or rejects (x, t unchanged) and rescales dt by the step adjuster.
      The normalised error scales as dt, so the adjuster is asked for err^(−1) on both
      sides: error order 2 for odeint's err^(−1/(error_order − 1)) decrease and stepper
      order 1 for its err^(−1/stepper_order) increase (factors within [1/5, 4.5]).

 A rejected step is retried on the same path: the path must give W(s, u) for any s < u, the
 same whatever was asked before. virtual_brownian_tree does; brownian_path, which lives on a
 fixed grid, throws std::invalid_argument at the first step off its grid. The accepted
 steps are what the same fixed steps would give, bit for bit, so integrate_reversible can
 replay them backwards.

 An attempt costs three steps of the error stepper, accepted or not; what adaptive steps cost
 against fixed steps of the same accuracy is measured in doc/results/benchmarks.md.

 Dense output of a driven system is not provided (its derivative does not exist); asking for
 it is a compile-time error.

 A tolerance that cannot be met (abs_error = 1e-300, rel_error = 0) would shrink dt until the
 steps no longer advance t, or advance it by so little that the run never ends. Every
 try_step therefore throws std::runtime_error, naming dt, t and the tolerances (when
 make_controlled set them, set_tolerances), once |dt| falls to the resolution of t:
 eps × max(|t|, the largest |dt| this controller has tried), eps the machine epsilon of
 time_type. (The largest step tried stands in for the time scale of the run: a step 2^-52
 times the user's first step is no step.)

 Distributed under the Boost Software License, Version 1.0.
*/
#ifndef BOOST_NUMERIC_ODEINT_STEPPER_CONTROLLED_DRIVEN_RUNGE_KUTTA_HPP_INCLUDED
#define BOOST_NUMERIC_ODEINT_STEPPER_CONTROLLED_DRIVEN_RUNGE_KUTTA_HPP_INCLUDED

#include <cmath>
#include <limits>
#include <sstream>
#include <stdexcept>
#include <string>
#include <type_traits>

#include <boost/numeric/odeint/stepper/controlled_runge_kutta.hpp>
#include <boost/numeric/odeint/stepper/controlled_step_result.hpp>
#include <boost/numeric/odeint/util/copy.hpp>
#include <boost/numeric/odeint/util/is_resizeable.hpp>
#include <boost/numeric/odeint/util/resizer.hpp>
#include <boost/numeric/odeint/util/state_wrapper.hpp>
#include <boost/numeric/odeint/util/unwrap_reference.hpp>

#include <boost/numeric/odeint/system/driven_system.hpp>
#include <boost/numeric/odeint/util/detail/to_text.hpp>

namespace boost {
namespace numeric {
namespace odeint {

template <class ErrorStepper,
          class ErrorChecker =
              default_error_checker<typename ErrorStepper::value_type,
                                    typename ErrorStepper::algebra_type,
                                    typename ErrorStepper::operations_type>,
          class StepAdjuster = default_step_adjuster<typename ErrorStepper::value_type,
                                                     typename ErrorStepper::time_type>,
          class Resizer = typename ErrorStepper::resizer_type>
class controlled_driven_runge_kutta
    : public controlled_runge_kutta<ErrorStepper, ErrorChecker, StepAdjuster, Resizer>
{
public:
    using base_type = controlled_runge_kutta<ErrorStepper, ErrorChecker, StepAdjuster, Resizer>;
    using typename base_type::stepper_type;
    using typename base_type::state_type;
    using typename base_type::value_type;
    using typename base_type::deriv_type;
    using typename base_type::time_type;
    using typename base_type::algebra_type;
    using typename base_type::operations_type;
    using typename base_type::resizer_type;
    using typename base_type::error_checker_type;
    using typename base_type::step_adjuster_type;
    using typename base_type::stepper_category;

    /// The orders the step adjuster is given on a driven step (see the header comment).
    static constexpr int driven_error_order = 2;
    static constexpr int driven_stepper_order = 1;

    controlled_driven_runge_kutta(const error_checker_type& error_checker = error_checker_type(),
                                  const step_adjuster_type& step_adjuster = step_adjuster_type(),
                                  const stepper_type& stepper = stepper_type())
        : base_type(error_checker, step_adjuster, stepper), m_error_checker(error_checker),
          m_step_adjuster(step_adjuster)
    {
    }

    /// Tries one step of dt from (x, t): on success x and t advance and dt may grow, on
    /// failure x and t are kept and dt shrinks. ODE or driven system.
    template <class System, class StateInOut>
    controlled_step_result try_step(System system, StateInOut& x, time_type& t, time_type& dt)
    {
        return resolved(t, dt, [&] { return try_step_in_place(system, x, t, dt); });
    }

    /// The same for ranges passed as temporaries.
    template <class System, class StateInOut>
    controlled_step_result try_step(System system, const StateInOut& x, time_type& t,
                                    time_type& dt)
    {
        return resolved(t, dt, [&] { return try_step_in_place(system, x, t, dt); });
    }

    /// out = the state at t + dt on success (in is kept either way). ODE or driven system.
    template <class System, class StateIn, class StateOut>
    std::enable_if_t<!std::is_same<StateIn, time_type>::value, controlled_step_result>
    try_step(System system, const StateIn& in, time_type& t, StateOut& out, time_type& dt)
    {
        return resolved(t, dt, [&] {
            if constexpr (is_driven_system_v<System>)
                return try_driven_step(system, in, t, out, dt);
            else
                return base_type::try_step(system, in, t, out, dt);
        });
    }

    /// The forms with a given derivative: ODE systems only.
    template <class System, class StateInOut, class DerivInOut>
    controlled_step_result try_step(System system, StateInOut& x, DerivInOut& dxdt, time_type& t,
                                    time_type& dt)
    {
        static_assert(!is_driven_system_v<System>, "a driven system has no derivative to pass "
                                                   "to try_step; use try_step(system, x, t, dt)");
        return resolved(t, dt, [&] { return base_type::try_step(system, x, dxdt, t, dt); });
    }

    template <class System, class StateIn, class DerivIn, class StateOut, class DerivOut>
    controlled_step_result try_step(System system, const StateIn& in, const DerivIn& dxdt_in,
                                    time_type& t, StateOut& out, DerivOut& dxdt_out,
                                    time_type& dt)
    {
        static_assert(!is_driven_system_v<System>, "a driven system has no derivative to pass "
                                                   "to try_step; use try_step(system, x, t, dt)");
        return resolved(t, dt, [&] {
            return base_type::try_step(system, in, dxdt_in, t, out, dxdt_out, dt);
        });
    }

    /// Records the tolerances for the message of an unreachable tolerance (make_controlled
    /// does); they do not change the error checker.
    void set_tolerances(value_type abs_error, value_type rel_error)
    {
        m_abs_error = abs_error;
        m_rel_error = rel_error;
        m_tolerances_known = true;
    }

    /// "abs_error = ..., rel_error = ..." as set by set_tolerances, or a description of the
    /// error checker when they were not set.
    std::string tolerance_text() const
    {
        if (!m_tolerances_known)
            return "the error checker's tolerances";
        return "abs_error = " + detail::to_text(m_abs_error) +
               ", rel_error = " + detail::to_text(m_rel_error);
    }

    /// Stores f(x, t) for the first-same-as-last steps of an ODE (try_step(system, x, t, dt)
    /// calls it on its first step). Dense output does not come through here: make_dense_output
    /// wraps odeint's controlled_runge_kutta, which evaluates the derivative itself.
    template <class System, class StateIn>
    void initialize(System system, const StateIn& x, time_type t)
    {
        static_assert(!is_driven_system_v<System>,
                      "initialize stores the derivative of an ODE; a driven system has none "
                      "(try_step(system, x, t, dt) steps it without one)");
        base_type::initialize(system, x, t);
    }

    template <class DerivIn>
    void initialize(const DerivIn& deriv)
    {
        base_type::initialize(deriv);
    }

    template <class StateType>
    void adjust_size(const StateType& x)
    {
        base_type::adjust_size(x);
        resize_driven_impl(x);
    }

private:
    // Runs one attempt after and, on failure, before checking dt against the resolution of t
    // (see the header comment).
    template <class Attempt>
    controlled_step_result resolved(const time_type& t, const time_type& dt, Attempt attempt)
    {
        if (magnitude(dt) > m_largest_step)
            m_largest_step = magnitude(dt);
        require_limit_along(dt);
        require_resolved(t, dt);
        const controlled_step_result result = attempt();
        if (result == fail)
            require_resolved(t, dt);
        return result;
    }

    // |t| of the time type: std::abs takes no time with units (Boost.Units).
    static time_type magnitude(const time_type& t) { return t < time_type(0) ? -t : t; }

    // odeint's step adjuster takes the sign of max_dt as the direction of the steps it limits
    // (it returns max_dt itself where it limits dt): a limit pointing against dt would turn
    // the solve around and return a wrong state without a word, so it is an error.
    void require_limit_along(const time_type& dt)
    {
        typename unwrap_reference<step_adjuster_type>::type& adjuster = m_step_adjuster;
        const time_type max_dt = adjuster.get_max_dt();
        if (max_dt == time_type(0) || dt == time_type(0) ||
            (max_dt < time_type(0)) == (dt < time_type(0)))
            return;
        throw std::invalid_argument(
            "make_controlled: the step size limit max_dt = " + detail::to_text(max_dt) +
            " points against the step dt = " + detail::to_text(dt) +
            ": odeint takes the sign of max_dt as the direction of the steps it limits, so "
            "pass max_dt = " + detail::to_text(-max_dt) + " for these steps");
    }

    void require_resolved(const time_type& t, const time_type& dt) const
    {
        const time_type scale = magnitude(t) > m_largest_step ? magnitude(t) : m_largest_step;
        // The epsilon of the number behind the time (a time with units has no epsilon).
        using time_number = typename unit_value_type<time_type>::type;
        const time_type resolution = std::numeric_limits<time_number>::epsilon() * scale;
        if (magnitude(dt) > resolution)
            return;
        throw std::runtime_error(
            "controlled stepper: the step size dt = " + detail::to_text(dt) +
            " fell to the resolution " + detail::to_text(resolution) + " of t at t = " +
            detail::to_text(t) + " (eps times the larger of |t| and the largest step tried, " +
            detail::to_text(m_largest_step) + "): the tolerance " + tolerance_text() +
            " cannot be met");
    }

    template <class System, class StateInOut>
    controlled_step_result try_step_in_place(System& system, StateInOut& x, time_type& t,
                                             time_type& dt)
    {
        if constexpr (is_driven_system_v<System>)
        {
            const controlled_step_result result =
                try_driven_step(system, x, t, m_xnew.m_v, dt);
            if (result == success)
                odeint::copy(m_xnew.m_v, x);
            return result;
        }
        else
            return base_type::try_step(system, x, t, dt);
    }

    template <class System, class StateIn, class StateOut>
    controlled_step_result try_driven_step(System& system, const StateIn& in, time_type& t,
                                           StateOut& out, time_type& dt)
    {
        typename unwrap_reference<step_adjuster_type>::type& adjuster = m_step_adjuster;
        if (!adjuster.check_step_size_limit(dt))
        {
            dt = adjuster.get_max_dt();
            return fail;
        }
        m_driven_resizer.adjust_size(in,
                                     [this](const StateIn& s) { return resize_driven_impl(s); });
        stepper_type& stepper = this->stepper();
        stepper.do_step(system, in, t, out, dt, m_xerr.m_v);
        // Per √dt: dt = 0 gives the checker's derivative term zero weight (`in` stands in).
        using std::abs;
        using std::sqrt;
        const value_type error = m_error_checker.error(stepper.algebra(), in, in, m_xerr.m_v,
                                                       time_type(0)) /
                                 static_cast<value_type>(sqrt(abs(dt)));
        if (error > value_type(1))
        {
            dt = adjuster.decrease_step(dt, error, driven_error_order);
            return fail;
        }
        t += dt;
        dt = adjuster.increase_step(dt, error, driven_stepper_order);
        return success;
    }

    template <class StateIn>
    bool resize_driven_impl(const StateIn& x)
    {
        using resizeable = typename is_resizeable<state_type>::type;
        const bool resized = adjust_size_by_resizeability(m_xerr, x, resizeable());
        return adjust_size_by_resizeability(m_xnew, x, resizeable()) || resized;
    }

    // Copies of what the base was built with (controlled_runge_kutta keeps its own private).
    error_checker_type m_error_checker;
    step_adjuster_type m_step_adjuster;
    resizer_type m_driven_resizer;
    state_wrapper<state_type> m_xerr;
    state_wrapper<state_type> m_xnew;
    // For the unreachable-tolerance check: the largest |dt| tried, and the tolerances.
    time_type m_largest_step = time_type(0);
    value_type m_abs_error = value_type(0), m_rel_error = value_type(0);
    bool m_tolerances_known = false;
};

} // namespace odeint
} // namespace numeric
} // namespace boost

#endif // BOOST_NUMERIC_ODEINT_STEPPER_CONTROLLED_DRIVEN_RUNGE_KUTTA_HPP_INCLUDED
