/*
 boost/numeric/odeint/stepper/reversible_heun.hpp

 Reversible Heun (Kidger, Foster, Li, Lyons, "Efficient and accurate gradients for neural
 SDEs", NeurIPS 2021): an algebraically reversible, second-order (ODE) / Stratonovich
 strong order 1/2 (general noise) method that carries an auxiliary state ŷ next to y:

     ŷ_{n+1} = 2 y_n − ŷ_n + K(ŷ_n)
     y_{n+1} = y_n + ½ (K(ŷ_n) + K(ŷ_{n+1}))

 with K(z) = F(t, z)·ΔX: f(z, t) dt for an ODE, F(t, z)·(dt, ΔW) for a driven system
 (system/driven_system.hpp, detail/stage_driver.hpp). The same formulas with dt → −dt (and
 ΔW → −ΔW) invert the step exactly in real arithmetic, so
 inverse_do_step recovers (y_n, ŷ_n) to rounding. The price is stability: for ODEs the
 stability region is the segment [−i, i] of the imaginary axis, so dissipative problems
 blow up. It is the baseline the EES steppers are measured against.

 The auxiliary state lives in the stepper and is carried from one call to the next: the
 first do_step after construction, reset() or initialize(x) sets ŷ = y; a later do_step (or
 inverse_do_step) continues from the ŷ the previous one left when it steps the object that
 step wrote (in place, or out of place between two states in turn), and starts a new solve
 (ŷ = in) when it is given another object; inverse_do_step always continues (it undoes the
 last step, wherever its result is held). Refilling the same object with a new initial
 value needs reset().

 One field evaluation per step, for ODEs and driven systems alike: the stepper keeps F(ŷ_{n+1})
 (not K, which depends on the step's increment) and forms the next step's K(ŷ_n) from it with
 the new ΔX; the first step of a solve evaluates F twice. Backwards the same holds:
 inverse_do_step keeps F(ŷ_n), which adjoint_step then reuses, so a reversible gradient costs
 one evaluation and two vector–Jacobian products per step; adjoint_step also reuses the
 increment inverse_do_step drew (detail/stage_driver.hpp), one query of the control per step.

 Distributed under the Boost Software License, Version 1.0.
*/
#ifndef BOOST_NUMERIC_ODEINT_STEPPER_REVERSIBLE_HEUN_HPP_INCLUDED
#define BOOST_NUMERIC_ODEINT_STEPPER_REVERSIBLE_HEUN_HPP_INCLUDED

#include <array>
#include <tuple>

#include <boost/numeric/odeint/algebra/algebra_dispatcher.hpp>
#include <boost/numeric/odeint/algebra/operations_dispatcher.hpp>
#include <boost/numeric/odeint/stepper/stepper_categories.hpp>
#include <boost/numeric/odeint/util/copy.hpp>
#include <boost/numeric/odeint/util/unit_helper.hpp>
#include <boost/numeric/odeint/util/is_resizeable.hpp>
#include <boost/numeric/odeint/util/resizer.hpp>
#include <boost/numeric/odeint/util/state_wrapper.hpp>
#include <boost/numeric/odeint/util/unwrap_reference.hpp>

#include <boost/numeric/odeint/stepper/base/reversible_stepper_base.hpp>
#include <boost/numeric/odeint/stepper/detail/check_step_size.hpp>
#include <boost/numeric/odeint/util/detail/scale_sum.hpp>
#include <boost/numeric/odeint/util/detail/set_zero.hpp>
#include <boost/numeric/odeint/stepper/detail/stage_driver.hpp>
#include <boost/numeric/odeint/system/driven_system.hpp>

namespace boost {
namespace numeric {
namespace odeint {

/// The do_step forms and inverse_do_step are those of base/reversible_stepper_base.hpp (the
/// forms of stepper_tag): a derivative passed to do_step is not needed (the step evaluates
/// at ŷ). ŷ advances with every step; a step from the object the previous step wrote
/// (in-place stepping, or out-of-place ping-pong between two states) continues the solve,
/// a step from any other object starts a new one (ŷ = in); inverse_do_step undoes do_step
/// exactly up to rounding, x and ŷ going from t + dt to t.
template <class State, class Value = double, class Deriv = State, class Time = Value,
          class Algebra = typename algebra_dispatcher<State>::algebra_type,
          class Operations = typename operations_dispatcher<State>::operations_type,
          class Resizer = initially_resizer>
class reversible_heun
    : public reversible_stepper_base<
          reversible_heun<State, Value, Deriv, Time, Algebra, Operations, Resizer>,
          stepper_tag, State, Value, Deriv, Time, Algebra, Operations, Resizer>
{
    using base_type = reversible_stepper_base<reversible_heun, stepper_tag, State, Value, Deriv,
                                              Time, Algebra, Operations, Resizer>;
    friend base_type;

public:
    using typename base_type::state_type;
    using typename base_type::value_type;
    using typename base_type::deriv_type;
    using typename base_type::time_type;
    using typename base_type::resizer_type;
    using typename base_type::algebra_type;
    using typename base_type::operations_type;
    using typename base_type::order_type;

    static constexpr order_type order_value = 2;

    explicit reversible_heun(const algebra_type& algebra = algebra_type())
        : base_type(algebra)
    {
    }

    order_type order() const { return order_value; }

    /// Forgets ŷ: the next step starts a new solve with ŷ = y.
    void reset() { m_initialized = false; }

    /// Starts a new solve from (y, ŷ) = (x, x).
    template <class StateIn>
    void initialize(const StateIn& x)
    {
        resize(x);
        start_from(x);
    }

    /// The auxiliary state ŷ, which the backward pass must start from.
    const state_type& auxiliary_state() const { return m_y_hat.m_v; }

    /// Restores ŷ (the store-everything adjoint replays steps from stored (y, ŷ) pairs).
    template <class StateIn>
    void set_auxiliary_state(const StateIn& y_hat)
    {
        resize(y_hat);
        start_from(y_hat);
    }

    // --- the adjoint (integrate_reversible) -----------------------------------------------------
    //
    // The solve's state is the pair (y, ŷ), so the adjoint is a pair (a, â) too; â lives in the
    // stepper. With cotangents (a, â) of (y_{n+1}, ŷ_{n+1}) and J(z) = ∂K/∂z:
    //     g   = â + J(ŷ_{n+1})ᵀ (a/2)            total cotangent of ŷ_{n+1}
    //     a_n = a + 2g
    //     â_n = −g + J(ŷ_n)ᵀ (g + a/2)
    // two vector–Jacobian products per step (each also adds to adj_p).

    /// Starts the backward sweep: â = 0, since the loss does not see ŷ.
    template <class StateIn>
    void start_adjoint(const StateIn& x)
    {
        resize_adjoint(x);
        detail::assign_zero(this->m_algebra, m_adj_y_hat.m_v);
    }

    /// Backpropagates through the step from (x, ŷ) at t, ŷ being the stepper's current
    /// auxiliary state (as inverse_do_step or set_auxiliary_state left it).
    template <class System, class StateIn, class Adjoint, class ParameterAdjoint>
    void adjoint_step(System system, const StateIn& x, time_type t, time_type dt, Adjoint& a,
                      ParameterAdjoint& adj_p)
    {
        detail::check_step_size(name(), dt);
        typename odeint::unwrap_reference<System>::type& sys = system;
        resize(x);
        resize_driven<System>(x);
        resize_adjoint(x);
        using values2 = std::array<value_type, 2>;
        using values3 = std::array<value_type, 3>;

        // Recompute ŷ_{n+1} = 2 y_n − ŷ_n + K(ŷ_n), K(ŷ_n) from the kept F(ŷ_n) when the
        // backward step just reconstructed it (no field evaluation then).
        driver_type<System> driver = make_driver(sys, x);
        // The increment inverse_do_step drew for this step, when it was the last call.
        driver.begin(t, static_cast<time_type>(t + dt), dt, detail::increment_reuse::take);
        const value_type scale = driver.weight();
        field_at_y_hat(driver, t, dt);
        const deriv_type& k_hat = driver.increment_of(0, dt, m_k_hat_work.m_v);
        state_type& y_hat_next = m_y_hat_next.m_v;
        detail::scale_sum<operations_type>(this->m_algebra, y_hat_next,
                                           values3{value_type(2), value_type(-1), scale}, x,
                                           m_y_hat.m_v, k_hat);

        deriv_type& v = m_cotangent.m_v;
        deriv_type& g = m_total.m_v;
        deriv_type& lambda = m_lambda.m_v;
        // g = â + J(ŷ_{n+1})ᵀ (a/2), with K = scale·f
        detail::scale_sum<operations_type>(this->m_algebra, v,
                                           std::array<value_type, 1>{scale / value_type(2)}, a);
        detail::assign_zero(this->m_algebra, lambda);
        driver.field_vjp(static_cast<const state_type&>(y_hat_next),
                         static_cast<time_type>(t + dt), dt,
                         static_cast<const deriv_type&>(v), lambda, adj_p);
        detail::scale_sum<operations_type>(this->m_algebra, g,
                                           values2{value_type(1), value_type(1)},
                                           m_adj_y_hat.m_v, lambda);
        // â_n = −g + J(ŷ_n)ᵀ (g + a/2)
        detail::scale_sum<operations_type>(this->m_algebra, v,
                                           values2{scale, scale / value_type(2)}, g, a);
        detail::assign_zero(this->m_algebra, lambda);
        driver.field_vjp(static_cast<const state_type&>(m_y_hat.m_v), t, dt,
                         static_cast<const deriv_type&>(v), lambda, adj_p);
        detail::scale_sum<operations_type>(this->m_algebra, m_adj_y_hat.m_v,
                                           values2{value_type(-1), value_type(1)}, g, lambda);
        // a_n = a + 2g
        detail::scale_sum<operations_type>(this->m_algebra, a,
                                           values2{value_type(1), value_type(2)}, a, g);
    }

    /// Ends the backward sweep: ŷ_0 = y_0, so dL/dy_0 = a + â.
    template <class Adjoint>
    void finish_adjoint(Adjoint& a)
    {
        detail::scale_sum<operations_type>(this->m_algebra, a,
                                           std::array<value_type, 2>{value_type(1), value_type(1)},
                                           a, m_adj_y_hat.m_v);
    }

    /// Sizes every buffer for x: those of an ODE step and those only a driven step uses.
    template <class StateIn>
    void adjust_size(const StateIn& x)
    {
        resize_impl(x);
        resize_driven_impl(x);
    }

private:
    static const char* name() { return "reversible_heun"; }

    template <class System>
    using driver_type = detail::stage_driver<
        typename odeint::unwrap_reference<System>::type, deriv_type, value_type, time_type,
        2>;

    template <class System, class StateIn, class StateOut>
    void step(System& system, const StateIn& in, time_type t, StateOut& out, time_type dt)
    {
        step_over(system, in, t, out, dt, t, static_cast<time_type>(t + dt),
                  detail::increment_reuse::none);
    }

    // The step needs no derivative: it evaluates at ŷ.
    template <class System, class StateIn, class DerivIn, class StateOut>
    void step_with_derivative(System& system, const StateIn& in, const DerivIn&, time_type t,
                              StateOut& out, time_type dt)
    {
        step(system, in, t, out, dt);
    }

    // out = y_{n+1} from in = y_n and the stepper's ŷ_n, the increment taken over
    // [from, to] (to < from for inverse_do_step, whose reuse is keep); ŷ and F(ŷ) advance
    // to `to`.
    template <class System, class StateIn, class StateOut>
    void step_over(System& system, const StateIn& in, time_type t, StateOut& out,
                   time_type dt, time_type from, time_type to, detail::increment_reuse reuse)
    {
        const bool inverse = reuse == detail::increment_reuse::keep;
        detail::check_step_size(name(), dt);
        typename odeint::unwrap_reference<System>::type& sys = system;
        resize(in);
        resize_driven<System>(in);
        // A backward step always undoes the last one, whatever object holds its result.
        if (!m_initialized || (!inverse && static_cast<const void*>(&in) != m_last_output))
            start_from(in);
        driver_type<System> driver = make_driver(sys, in);
        driver.begin(from, to, dt, reuse);
        const auto scale = driver.weight();  // dt (time type) for an ODE, 1 for a driven system

        // K(ŷ_n) = F(ŷ_n)·ΔX, F(ŷ_n) kept from the previous step.
        field_at_y_hat(driver, t, dt);
        const deriv_type& k_hat = driver.increment_of(0, dt, m_k_hat_work.m_v);
        // ŷ_{n+1} = 2 y_n − ŷ_n + K(ŷ_n)
        state_type& y_hat_next = m_y_hat_next.m_v;
        detail::scale_sum<operations_type>(
            this->m_algebra, y_hat_next,
            std::make_tuple(value_type(2), value_type(-1), scale), in, m_y_hat.m_v, k_hat);
        // K(ŷ_{n+1}): the step's one field evaluation.
        driver.field(static_cast<const state_type&>(y_hat_next), 1,
                     static_cast<time_type>(t + dt));
        const deriv_type& k_next = driver.increment_of(1, dt, m_k_next_work.m_v);
        // y_{n+1} = y_n + ½ (K(ŷ_n) + K(ŷ_{n+1}))
        const auto half_scale = scale / value_type(2);
        detail::scale_sum<operations_type>(this->m_algebra, out,
                                           std::make_tuple(value_type(1), half_scale, half_scale),
                                           in, k_hat, k_next);

        using std::swap;
        swap(m_y_hat.m_v, m_y_hat_next.m_v);
        driver.swap_slots(0, 1);  // F(ŷ_{n+1}) is the next step's F(ŷ_n)
        m_cache_valid = true;
        m_cache_driven = is_driven_system_v<System>;
        m_cache_time = to;
        m_last_output = static_cast<const void*>(&out);
    }

    template <class Sys, class StateIn>
    driver_type<Sys> make_driver(Sys& sys, const StateIn& x)
    {
        driver_type<Sys> driver(sys, m_driven, x, {&m_k_hat.m_v, &m_k_next.m_v});
        if (driver.buffers_made())
            m_cache_valid = false;
        return driver;
    }

    // Field slot 0 = F(ŷ, t), evaluated unless kept from the step that ended at t. "At t"
    // allows the rounding by which integrate_const's t0 + n dt differs from the previous
    // step's t + dt (a millionth of the step).
    template <class Driver>
    void field_at_y_hat(Driver& driver, time_type t, time_type dt)
    {
        using std::abs;
        using system_type = typename Driver::system_type;
        constexpr bool driven = is_driven_system_v<system_type>;
        const bool kept = m_cache_valid && m_cache_driven == driven &&
                          !(abs(get_unit_value(time_type(t - m_cache_time))) >
                            abs(get_unit_value(dt)) * 1e-6);
        if (!kept)
        {
            driver.field(static_cast<const state_type&>(m_y_hat.m_v), 0, t);
            m_cache_valid = true;
            m_cache_driven = driven;
            m_cache_time = t;
        }
    }

    template <class StateIn>
    void start_from(const StateIn& x)
    {
        odeint::copy(x, m_y_hat.m_v);
        m_initialized = true;
        m_cache_valid = false;
        m_last_output = static_cast<const void*>(&x);
    }

    template <class StateIn>
    void resize_adjoint(const StateIn& x)
    {
        m_adjoint_resizer.adjust_size(x, [this](const StateIn& s) {
            using deriv_resizeable = typename is_resizeable<deriv_type>::type;
            using state_resizeable = typename is_resizeable<state_type>::type;
            bool resized = adjust_size_by_resizeability(m_adj_y_hat, s, state_resizeable());
            resized |= adjust_size_by_resizeability(m_cotangent, s, deriv_resizeable());
            resized |= adjust_size_by_resizeability(m_total, s, deriv_resizeable());
            resized |= adjust_size_by_resizeability(m_lambda, s, deriv_resizeable());
            return resized;
        });
    }

    // The buffers a step uses, sized as the resizer policy says: ŷ, ŷ_{n+1}, F(ŷ_n) and
    // F(ŷ_{n+1}) for every step (an ODE step uses these four only), and the two products
    // K = F·ΔX for a driven system, on its first step (resize_driven).
    template <class StateIn>
    void resize(const StateIn& x)
    {
        m_resizer.adjust_size(x, [this](const StateIn& s) { return resize_impl(s); });
    }

    template <class System, class StateIn>
    void resize_driven(const StateIn& x)
    {
        if constexpr (is_driven_system_v<System>)
            m_driven_resizer.adjust_size(
                x, [this](const StateIn& s) { return resize_driven_impl(s); });
        else
            static_cast<void>(x);
    }

    template <class StateIn>
    bool resize_driven_impl(const StateIn& x)
    {
        using deriv_resizeable = typename is_resizeable<deriv_type>::type;
        bool resized = adjust_size_by_resizeability(m_k_hat_work, x, deriv_resizeable());
        resized |= adjust_size_by_resizeability(m_k_next_work, x, deriv_resizeable());
        return resized;
    }

    template <class StateIn>
    bool resize_impl(const StateIn& x)
    {
        using state_resizeable = typename is_resizeable<state_type>::type;
        using deriv_resizeable = typename is_resizeable<deriv_type>::type;
        bool resized = adjust_size_by_resizeability(m_y_hat, x, state_resizeable());
        resized |= adjust_size_by_resizeability(m_y_hat_next, x, state_resizeable());
        resized |= adjust_size_by_resizeability(m_k_hat, x, deriv_resizeable());
        resized |= adjust_size_by_resizeability(m_k_next, x, deriv_resizeable());
        if (resized)
        {
            m_driven.clear();  // field buffers are shaped by the state
            m_cache_valid = false;
        }
        return resized;
    }

    resizer_type m_resizer;
    resizer_type m_driven_resizer;  // the two product buffers, sized on the first driven step
    state_wrapper<state_type> m_y_hat{}, m_y_hat_next{};
    // An ODE keeps f(ŷ_n), f(ŷ_{n+1}) in m_k_hat, m_k_next; a driven system keeps F(ŷ) in
    // its workspace and the products K = F·ΔX in the two work buffers.
    state_wrapper<deriv_type> m_k_hat{}, m_k_next{}, m_k_hat_work{}, m_k_next_work{};
    detail::typed_workspace m_driven;
    // Adjoint buffers, sized on the first adjoint use only.
    resizer_type m_adjoint_resizer;
    state_wrapper<state_type> m_adj_y_hat{};
    state_wrapper<deriv_type> m_cotangent{}, m_total{}, m_lambda{};
    bool m_initialized = false;
    bool m_cache_valid = false;
    bool m_cache_driven = false;
    // The state object the last step wrote (or initialize() was given): a step from it
    // continues the solve, a step from another object starts a new one.
    const void* m_last_output = nullptr;
    time_type m_cache_time{};
};

} // namespace odeint
} // namespace numeric
} // namespace boost

#endif // BOOST_NUMERIC_ODEINT_STEPPER_REVERSIBLE_HEUN_HPP_INCLUDED
