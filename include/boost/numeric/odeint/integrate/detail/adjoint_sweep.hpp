/*
 boost/numeric/odeint/integrate/detail/adjoint_sweep.hpp

 The one adjoint sweep behind integrate_reversible and integrate_discrete_adjoint
 (doc/method.md §4): a forward solve over the plan's steps, then, newest step first, the
 state x_n at the start of each step and adjoint_step(x_n) on the cotangent a, with the
 observation gradients added at the observation times. The two integrators differ only in
 where x_n comes from, a state source:

   reconstructed_states   keeps the state at every observation time (K checkpoints) and
                          rebuilds x_n backwards with inverse_do_step, restarting from each
                          checkpoint; memory independent of the number of steps;
   stored_states          stores the state (and reversible_heun's ŷ) at the start of every
                          step; the exact discrete adjoint, O(N) memory.

 Exceptions (doc/reference.md, "Exception guarantees"). Whatever throws (the system, its
 vjp, the stepper's checks, the observation gradient), grad_x0 and grad_p are unchanged:
 the cotangent and the parameter gradient accumulate in the sweep's own copies, written to
 grad_x0 and grad_p at the end by copies that do not throw for same-sized containers. x
 is left as the forward solve left it: the state of the last step it completed, x(t1) once
 the backward pass has begun (basic guarantee).

 A source provides: at_observation(k, x) and before_step(x) during the forward solve;
 state_before(t, h) during the backward one (x_n of the step [t, t + h]); observed(k), the
 state at observation k when the sweep reaches it; reconstruction_error().

 Distributed under the Boost Software License, Version 1.0.
*/
#ifndef BOOST_NUMERIC_ODEINT_INTEGRATE_DETAIL_ADJOINT_SWEEP_HPP_INCLUDED
#define BOOST_NUMERIC_ODEINT_INTEGRATE_DETAIL_ADJOINT_SWEEP_HPP_INCLUDED

#include <algorithm>
#include <array>
#include <cstddef>
#include <functional>
#include <utility>
#include <vector>

#include <boost/numeric/odeint/util/copy.hpp>

#include <boost/numeric/odeint/integrate/detail/auxiliary_state.hpp>
#include <boost/numeric/odeint/integrate/detail/gradient_checks.hpp>
#include <boost/numeric/odeint/integrate/reversible_result.hpp>
#include <boost/numeric/odeint/util/detail/scale_sum.hpp>
#include <boost/numeric/odeint/util/detail/set_zero.hpp>

namespace boost {
namespace numeric {
namespace odeint {
namespace detail {

/// x_n rebuilt backwards by inverse_do_step from the state at the next observation time.
template <class Stepper, class System, class State>
class reconstructed_states
{
public:
    using value_type = typename Stepper::value_type;
    using time_type = typename Stepper::time_type;

    reconstructed_states(Stepper& stepper, System& system, const State& x, std::size_t segments)
        : m_stepper(stepper), m_system(system), m_work(x), m_difference(x)
    {
        m_checkpoints.reserve(segments);
    }

    void at_observation(std::size_t, const State& x) { m_checkpoints.push_back(x); }
    void before_step(const State&) {}
    void start_backward(const State& x_end) { odeint::copy(x_end, m_work); }

    const State& state_before(time_type t, time_type h)
    {
        m_stepper.inverse_do_step(std::ref(m_system), m_work, t, h);
        return m_work;
    }

    /// The checkpoint of observation k, after measuring how far the reconstruction drifted
    /// from it; the sweep continues from the checkpoint, so errors do not accumulate across
    /// observations.
    const State& observed(std::size_t k)
    {
        using operations = typename Stepper::operations_type;
        auto& algebra = m_stepper.algebra();
        scale_sum<operations>(algebra, m_difference,
                              std::array<value_type, 2>{value_type(1), value_type(-1)}, m_work,
                              m_checkpoints[k]);
        m_error = std::max(m_error, static_cast<value_type>(algebra.norm_inf(m_difference)));
        odeint::copy(m_checkpoints[k], m_work);
        return m_work;
    }

    value_type reconstruction_error() const { return m_error; }

private:
    Stepper& m_stepper;
    System& m_system;
    std::vector<State> m_checkpoints;
    State m_work, m_difference;
    value_type m_error = 0;
};

/// x_n (and reversible_heun's ŷ_n) stored at the start of every step.
template <class Stepper, class System, class State>
class stored_states
{
public:
    using value_type = typename Stepper::value_type;
    using time_type = typename Stepper::time_type;
    static constexpr bool auxiliary = has_auxiliary_state<Stepper, State>::value;

    stored_states(Stepper& stepper, System&, const State&, std::size_t segments)
        : m_stepper(stepper)
    {
        m_observed.reserve(segments);
    }

    void at_observation(std::size_t, const State& x) { m_observed.push_back(x); }
    void before_step(const State& x)
    {
        m_states.push_back(x);
        if constexpr (auxiliary)
            m_auxiliary.push_back(m_stepper.auxiliary_state());
    }
    void start_backward(const State&) { m_next = m_states.size(); }

    const State& state_before(time_type, time_type)
    {
        --m_next;
        if constexpr (auxiliary)
            m_stepper.set_auxiliary_state(m_auxiliary[m_next]);
        return m_states[m_next];
    }

    const State& observed(std::size_t k) { return m_observed[k]; }
    value_type reconstruction_error() const { return value_type(0); }

private:
    Stepper& m_stepper;
    std::vector<State> m_states, m_auxiliary, m_observed;
    std::size_t m_next = 0;
};

/// The sweep; see the header comment. Source is reconstructed_states or stored_states.
template <template <class, class, class> class Source, class Stepper, class System,
          class State, class Plan, class ObservationGradient, class Gradient,
          class ParameterGradient>
reversible_result<typename Stepper::value_type>
adjoint_sweep(const char* who, Stepper& stepper, System& system, State& x, Plan& plan,
              ObservationGradient& observation_grad, Gradient& grad_x0,
              ParameterGradient& grad_p)
{
    using Time = typename Stepper::time_type;
    const std::vector<Time>& times = plan.times();
    check_same_size(who, "grad_x0", grad_x0, x);
    check_parameter_gradient(who, system, grad_p);
    auto& algebra = stepper.algebra();
    const std::size_t segments = times.size() - 1;
    Source<Stepper, System, State> source(stepper, system, x, segments);

    // Forward, keeping what the source needs.
    State scratch = x;
    const std::size_t steps = plan.forward(
        who, stepper, system, x, scratch,
        [&](std::size_t k, const State& xk) { source.at_observation(k, xk); },
        [&](const State& xn) { source.before_step(xn); });

    // Backward: x_n from the source, its adjoint step, the observation gradients.
    State a = x;
    assign_zero(algebra, a);
    observation_grad(segments, static_cast<const State&>(x), times.back(), a);
    check_same_size(who, "the adjoint after the terminal gradient", a, x);
    start_adjoint(stepper, x);
    source.start_backward(x);
    // The parameter gradient accumulates in a copy, committed when nothing can throw any
    // more: grad_p is unchanged by a throw (the same additions in the same order as into
    // grad_p itself, so the same bits).
    ParameterGradient accumulated_p(grad_p);
    plan.backward(
        [&](Time t, Time h) {
            const State& xn = source.state_before(t, h);
            stepper.adjoint_step(std::ref(system), xn, t, h, a, accumulated_p);
        },
        [&](std::size_t k) {
            observation_grad(k, source.observed(k), times[k], a);
            check_same_size(who, "the adjoint after an observation gradient", a, x);
        });
    finish_adjoint<Stepper, State>(stepper, a);
    const reversible_result<typename Stepper::value_type> result{steps,
                                                                 source.reconstruction_error()};
    odeint::copy(a, grad_x0);
    grad_p = std::move(accumulated_p);
    return result;
}

} // namespace detail
} // namespace odeint
} // namespace numeric
} // namespace boost

#endif // BOOST_NUMERIC_ODEINT_INTEGRATE_DETAIL_ADJOINT_SWEEP_HPP_INCLUDED
