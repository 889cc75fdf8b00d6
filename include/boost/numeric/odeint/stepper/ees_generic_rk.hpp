/*
 boost/numeric/odeint/stepper/ees_generic_rk.hpp

 The stepping engine shared by the EES steppers (ees25, ees27): an explicit Runge–Kutta
 method with a fixed number of stages and a tableau held in value_type, modelling odeint's
 stepper concept (the do_step forms of base/reversible_stepper_base.hpp, order(),
 adjust_size, resizing through state_wrapper) and adding

   - inverse_do_step: the step run backwards, Φ_{-h}, which for an EES(n, m) method undoes
     Φ_h up to O(h^{m+1}) (doc/method.md §2);
   - driven systems (system/driven_system.hpp): the same tableau applied to the increment
     ΔX = (dt, ΔW) of a Stratonovich SDE or a controlled equation (doc/method.md §3). ODEs
     and driven systems run the same code (detail/stage_driver.hpp): the step asks for ΔX
     once, keeps it in the stepper's workspace, and every stage is K_i = F(t_i, Y_i)·ΔX;
     for an ODE ΔX = dt enters as the factor of the coefficients, (a_ij dt) f_j, as in odeint;
   - an embedded error estimate, the difference from explicit Euler on the same first
     stage (b_err = e_1 − b, error order 1), in odeint's first-same-as-last error-stepper
     form, so that make_controlled and make_dense_output work (generation_ees.hpp). The
     derivative at the end of a step is the next step's first stage, so the form costs no
     extra evaluation on accepted steps; dense output is cubic Hermite (calc_state,
     detail/hermite_dense_output.hpp). For a driven system the estimate is step doubling on
     the same path, which drives controlled_driven_runge_kutta (adaptive SDE steps on a
     virtual Brownian tree); both estimates are in detail/error_estimates.hpp;
   - adjoint_step, the backward sweep of one step for integrate_reversible
     (detail/rk_stage_adjoint.hpp).

 The state is touched only through algebra.for_eachN with operations::scale_sumN, one pass
 per stage, so every odeint algebra works, Thrust included.

 Distributed under the Boost Software License, Version 1.0.
*/
#ifndef BOOST_NUMERIC_ODEINT_STEPPER_EES_GENERIC_RK_HPP_INCLUDED
#define BOOST_NUMERIC_ODEINT_STEPPER_EES_GENERIC_RK_HPP_INCLUDED

#include <array>
#include <cstddef>
#include <tuple>
#include <utility>

#include <boost/numeric/odeint/stepper/stepper_categories.hpp>
#include <boost/numeric/odeint/util/is_resizeable.hpp>
#include <boost/numeric/odeint/util/resizer.hpp>
#include <boost/numeric/odeint/util/state_wrapper.hpp>
#include <boost/numeric/odeint/util/unwrap_reference.hpp>

#include <boost/numeric/odeint/stepper/base/reversible_stepper_base.hpp>
#include <boost/numeric/odeint/stepper/butcher_tableau.hpp>
#include <boost/numeric/odeint/stepper/detail/check_derivative_size.hpp>
#include <boost/numeric/odeint/stepper/detail/check_step_size.hpp>
#include <boost/numeric/odeint/stepper/detail/error_estimates.hpp>
#include <boost/numeric/odeint/stepper/detail/hermite_dense_output.hpp>
#include <boost/numeric/odeint/stepper/detail/rk_stage_adjoint.hpp>
#include <boost/numeric/odeint/stepper/detail/stage_driver.hpp>
#include <boost/numeric/odeint/system/driven_system.hpp>
#include <boost/numeric/odeint/util/detail/scale_sum.hpp>

namespace boost {
namespace numeric {
namespace odeint {

template <std::size_t Stages, class State, class Value, class Deriv, class Time,
          class Algebra, class Operations, class Resizer>
class ees_generic_rk
    : public reversible_stepper_base<
          ees_generic_rk<Stages, State, Value, Deriv, Time, Algebra, Operations, Resizer>,
          explicit_error_stepper_fsal_tag, State, Value, Deriv, Time, Algebra, Operations,
          Resizer>
{
    static_assert(Stages >= 2 && Stages <= 6, "ees_generic_rk supports 2 to 6 stages");

    // An error stepper whose base category is stepper_tag: every integrate function and range
    // uses it as a plain stepper; make_controlled adds step-size control.
    using base_type = reversible_stepper_base<ees_generic_rk, explicit_error_stepper_fsal_tag,
                                              State, Value, Deriv, Time, Algebra, Operations,
                                              Resizer>;
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
    using tableau_type = butcher_tableau<Value, Stages>;
    using wrapped_state_type = state_wrapper<state_type>;
    using wrapped_deriv_type = state_wrapper<deriv_type>;

    static constexpr order_type order_value = 2;
    static constexpr order_type stepper_order_value = 2;
    static constexpr order_type error_order_value = 1;
    static constexpr std::size_t stage_count = Stages;

    order_type order() const { return order_value; }
    order_type stepper_order() const { return stepper_order_value; }
    order_type error_order() const { return error_order_value; }

    /// The coefficients this stepper steps with.
    const tableau_type& tableau() const { return m_tableau; }

    // --- odeint's first-same-as-last interface ----------------------------------------------
    // The EES steppers keep no derivative from one call to the next (the plain do_step
    // evaluates its first stage afresh, which a driven system needs, and which keeps
    // inverse_do_step free of hidden state): reset() and initialize() have nothing to do,
    // and the stepper is always initialized. The do_step forms, the error forms (xerr = the
    // embedded error estimate dt (K_1 − Σ b_i K_i); for a driven system xerr = Φ_dt(x) −
    // Φ_dt/2(Φ_dt/2(x)) on the same path, three steps) and inverse_do_step are those of
    // base/reversible_stepper_base.hpp.

    void reset() {}
    template <class DerivIn>
    void initialize(const DerivIn&)
    {
    }
    template <class System, class StateIn>
    void initialize(System, const StateIn&, time_type)
    {
    }
    bool is_initialized() const { return true; }

    /// Dense output: the cubic Hermite interpolant through (x_old, deriv_old) at t_old and
    /// (x_new, deriv_new) at t_new, evaluated at t. Third-order accurate on a step, so it
    /// keeps the method's second order between the steps.
    template <class StateOut, class StateIn1, class DerivIn1, class StateIn2, class DerivIn2>
    void calc_state(time_type t, StateOut& x, const StateIn1& x_old, const DerivIn1& deriv_old,
                    time_type t_old, const StateIn2& x_new, const DerivIn2& deriv_new,
                    time_type t_new) const
    {
        detail::hermite_interpolate<operations_type, value_type>(
            this->m_algebra, t, x, x_old, deriv_old, t_old, x_new, deriv_new, t_new);
    }

    template <class StateIn>
    void adjust_size(const StateIn& x)
    {
        resize_impl(x);
    }

    // --- the adjoint of a step (doc/method.md §4) ----------------------------------------------

    /// Backpropagates through do_step(system, x, t, dt). On entry `a` = dL/dy(t + dt) and x is
    /// the state at t; on exit a = dL/dy(t), and every (∂K_i/∂θ)ᵀ ā_i has been added to adj_p
    /// by the system's vector–Jacobian product
    ///     ODE:     system.vjp(y, t, v, adj_y, adj_p)       adds (∂f/∂y)ᵀv, (∂f/∂θ)ᵀv
    ///     driven:  system.product_transpose(v, dt, dW, G), then system.vjp(y, t, G, adj_y, adj_p)
    /// (system/driven_system.hpp). The stages are recomputed from x (s evaluations), then
    /// swept in reverse:
    ///     ā_i = w (b_i a + Σ_{j>i} a_ji λ_j),  λ_i = (∂K_i/∂Y_i)ᵀ ā_i,  a ← a + Σ_i λ_i
    /// (w = dt for an ODE, 1 for a driven system, whose K already carries the increment).
    /// Right after inverse_do_step(system, x, t, dt) (as in integrate_reversible) a driven
    /// step reuses the increment that call drew, negated, instead of asking the control again.
    template <class System, class StateIn, class Adjoint, class ParameterAdjoint>
    void adjoint_step(System system, const StateIn& x, time_type t, time_type dt, Adjoint& a,
                      ParameterAdjoint& adj_p)
    {
        detail::check_step_size(name(), dt);
        typename odeint::unwrap_reference<System>::type& sys = system;
        resize(x);
        m_adjoint.adjust_size(x);
        driver_type<System> driver(sys, m_driven, x);
        // The increment inverse_do_step drew for this step, when it was the last call.
        driver.begin(t, static_cast<time_type>(t + dt), dt, detail::increment_reuse::take);
        compute_stages(driver, x, t, dt);
        m_adjoint.sweep(this->m_algebra, driver, m_tableau, x, m_y, t, dt, a, adj_p,
                        driver.weight());
    }

protected:
    ees_generic_rk(const char* stepper_name, const tableau_type& tableau,
                   const algebra_type& algebra)
        : base_type(algebra), m_name(stepper_name), m_tableau(tableau)
    {
    }

    const char* name() const { return m_name; }

private:
    // out = Φ_dt(in), the increment taken over [from, to] (see inverse_do_step).
    template <class System, class StateIn, class StateOut>
    void step(System& system, const StateIn& in, time_type t, StateOut& out, time_type dt)
    {
        step_over(system, in, t, out, dt, t, static_cast<time_type>(t + dt));
    }

    template <class System, class StateIn, class StateOut>
    void step_over(System& system, const StateIn& in, time_type t, StateOut& out, time_type dt,
                   time_type from, time_type to,
                   detail::increment_reuse reuse = detail::increment_reuse::none)
    {
        detail::check_step_size(name(), dt);
        typename odeint::unwrap_reference<System>::type& sys = system;
        resize(in);
        driver_type<System> driver(sys, m_driven, in);
        driver.begin(from, to, dt, reuse);
        compute_stages(driver, in, t, dt);
        combine(out, in, m_k[0].m_v, m_tableau.b, driver.weight(),
                std::make_index_sequence<Stages>{});
    }

    template <class System>
    using driver_type = detail::stage_driver<
        typename odeint::unwrap_reference<System>::type, deriv_type, value_type, time_type,
        1>;

    // Evaluates every stage from `in`: K_i in m_k, Y_i in m_y.
    template <class Driver, class StateIn>
    void compute_stages(Driver& driver, const StateIn& in, time_type t, time_type dt)
    {
        evaluate_stage<0>(driver, in, t, dt);
        run_inner_stages(driver, in, m_k[0].m_v, t, dt, driver.weight(),
                         std::make_index_sequence<Stages - 1>{});
    }

    // K_I = F(t_I, y)·ΔX into m_k[I]; throws std::invalid_argument when the system changed
    // the size of the buffer it was given (the next algebra pass would read or write past
    // its end). The size is compared before and after the call, never asked of same_size,
    // which odeint consults only through the resizer (detail/check_derivative_size.hpp).
    template <std::size_t I, class Driver, class StateIn>
    void evaluate_stage(Driver& driver, const StateIn& y, time_type t, time_type dt)
    {
        deriv_type& k = m_k[I].m_v;
        const auto size = detail::derivative_size(k);
        driver.stage(y, k, t, dt);
        detail::check_derivative_unresized(name(), static_cast<const deriv_type&>(k), size, y);
    }

    // The step and its error estimate (detail/error_estimates.hpp): for an ODE the embedded
    // Euler difference; for a driven system the step-doubling difference on the same path.
    template <class System, class StateIn, class StateOut, class Err>
    void step_with_error(System& system, const StateIn& in, time_type t, StateOut& out,
                         time_type dt, Err& xerr)
    {
        if constexpr (is_driven_system_v<System>)
        {
            detail::check_step_size(name(), dt);
            m_doubling.template step<operations_type>(
                this->m_algebra,
                [this, &system](const auto& from, time_type t0, auto& to, time_type h) {
                    this->step(system, from, t0, to, h);
                },
                in, t, out, dt, xerr);
        }
        else
        {
            step(system, in, t, out, dt);
            estimate_error(m_k[0].m_v, dt, xerr);
        }
    }

    // xerr = dt (K_1 − Σ_i b_i K_i) on the stages of the step just taken (K_1 = k0).
    template <class DerivIn, class Err>
    void estimate_error(const DerivIn& k0, time_type h, Err& xerr)
    {
        detail::embedded_euler_error<operations_type>(this->m_algebra, xerr, h, m_tableau.b, k0,
                                                      m_k, std::make_index_sequence<Stages - 1>{});
    }

    template <class System, class StateIn, class DerivIn, class StateOut>
    void step_with_derivative(System& system, const StateIn& in, const DerivIn& dxdt,
                              time_type t, StateOut& out, time_type dt)
    {
        static_assert(!is_driven_system_v<System>,
                      "a driven system has no derivative to pass to do_step; "
                      "use do_step(system, x, t, dt)");
        detail::check_step_size(name(), dt);
        typename odeint::unwrap_reference<System>::type& sys = system;
        resize(in);
        driver_type<System> driver(sys, m_driven, in);
        driver.begin(t, static_cast<time_type>(t + dt), dt);
        run_inner_stages(driver, in, dxdt, t, dt, driver.weight(),
                         std::make_index_sequence<Stages - 1>{});
        combine(out, in, dxdt, m_tableau.b, driver.weight(), std::make_index_sequence<Stages>{});
    }

    // Y_i = in + w Σ_{j<i} a_ij K_j,  K_i = F(t + c_i dt, Y_i)·ΔX for i = 1 .. s-1.
    template <class Driver, class StateIn, class DerivIn, class Weight, std::size_t... I>
    void run_inner_stages(Driver& driver, const StateIn& in, const DerivIn& k0, time_type t,
                          time_type dt, Weight weight, std::index_sequence<I...>)
    {
        (inner_stage<I + 1>(driver, in, k0, t, dt, weight), ...);
    }

    template <std::size_t I, class Driver, class StateIn, class DerivIn, class Weight>
    void inner_stage(Driver& driver, const StateIn& in, const DerivIn& k0, time_type t,
                     time_type dt, Weight weight)
    {
        state_type& y = m_y[I - 1].m_v;
        combine(y, in, k0, m_tableau.a[I], weight, std::make_index_sequence<I>{});
        evaluate_stage<I>(driver, static_cast<const state_type&>(y),
                          static_cast<time_type>(t + m_tableau.c[I] * dt), dt);
    }

    // out = in + w Σ_{j in J} weights[j] K_j, one algebra pass; w is dt (of the time type)
    // for an ODE, 1 for a driven system.
    template <class StateOut, class StateIn, class DerivIn, class Weight, std::size_t... J>
    void combine(StateOut& out, const StateIn& in, const DerivIn& k0,
                 const std::array<value_type, Stages>& weights, Weight scale,
                 std::index_sequence<J...>)
    {
        // Each coefficient has the weight's type: a time for an ODE (with units, a quantity),
        // the value type for a driven system.
        const std::tuple<value_type, decltype((void)J, Weight())...> coefficients{
            value_type(1), Weight(scale * weights[J])...};
        detail::scale_sum<operations_type>(this->m_algebra, out, coefficients, in,
                                           stage_derivative<J>(k0)...);
    }

    template <std::size_t J, class DerivIn>
    const auto& stage_derivative(const DerivIn& k0) const
    {
        if constexpr (J == 0)
            return k0;
        else
            return m_k[J].m_v;
    }

    template <class StateIn>
    void resize(const StateIn& x)
    {
        m_resizer.adjust_size(x, [this](const StateIn& s) { return resize_impl(s); });
    }

    template <class StateIn>
    bool resize_impl(const StateIn& x)
    {
        m_driven.clear();  // field buffers are shaped by the state
        bool resized = false;
        for (auto& k : m_k)
            resized |= adjust_size_by_resizeability(k, x,
                                                    typename is_resizeable<deriv_type>::type());
        for (auto& y : m_y)
            resized |= adjust_size_by_resizeability(y, x,
                                                    typename is_resizeable<state_type>::type());
        return resized;
    }

    const char* m_name;
    tableau_type m_tableau;
    resizer_type m_resizer;
    // Value-initialised: a fixed-size state (std::array) starts at zero, so copying a fresh
    // stepper copies no indeterminate values.
    std::array<wrapped_deriv_type, Stages> m_k{};
    std::array<wrapped_state_type, Stages - 1> m_y{};
    // The adjoint sweep's buffers, sized on the first adjoint_step only.
    detail::rk_stage_adjoint<Stages, deriv_type, value_type, time_type, operations_type,
                             resizer_type>
        m_adjoint;
    // The half-step state of the driven error estimate, sized on first use.
    detail::step_doubling_error<state_type, value_type, resizer_type> m_doubling;
    // A driven system's increment, control cursor and field buffers (stage_driver.hpp).
    detail::typed_workspace m_driven;
};

} // namespace odeint
} // namespace numeric
} // namespace boost

#endif // BOOST_NUMERIC_ODEINT_STEPPER_EES_GENERIC_RK_HPP_INCLUDED
