/*
 boost/numeric/odeint/stepper/ees_generic_rk.hpp

 The stepping engine shared by the EES steppers (ees25, ees27): an explicit Runge–Kutta
 method with a fixed number of stages and a tableau held in value_type, modelling odeint's
 stepper concept (the four do_step forms, order(), adjust_size, resizing through
 state_wrapper) and adding

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
     extra evaluation on accepted steps; dense output is cubic Hermite (calc_state). For a
     driven system the estimate is step doubling on the same path, which drives
     controlled_driven_runge_kutta (adaptive SDE steps on a virtual Brownian tree);
   - adjoint_step, the backward sweep of one step for integrate_reversible.

 The state is touched only through algebra.for_eachN with operations::scale_sumN, one pass
 per stage, so every odeint algebra works, Thrust included.

 Distributed under the Boost Software License, Version 1.0.
*/
#ifndef BOOST_NUMERIC_ODEINT_STEPPER_EES_GENERIC_RK_HPP_INCLUDED
#define BOOST_NUMERIC_ODEINT_STEPPER_EES_GENERIC_RK_HPP_INCLUDED

#include <array>
#include <cstddef>
#include <stdexcept>
#include <string>
#include <tuple>
#include <type_traits>
#include <utility>

#include <boost/numeric/odeint/stepper/base/algebra_stepper_base.hpp>
#include <boost/numeric/odeint/stepper/stepper_categories.hpp>
#include <boost/numeric/odeint/util/is_resizeable.hpp>
#include <boost/numeric/odeint/util/resizer.hpp>
#include <boost/numeric/odeint/util/same_size.hpp>
#include <boost/numeric/odeint/util/state_wrapper.hpp>
#include <boost/numeric/odeint/util/unit_helper.hpp>
#include <boost/numeric/odeint/util/unwrap_reference.hpp>

#include <boost/numeric/odeint/stepper/butcher_tableau.hpp>
#include <boost/numeric/odeint/stepper/detail/check_derivative_size.hpp>
#include <boost/numeric/odeint/stepper/detail/check_step_size.hpp>
#include <boost/numeric/odeint/util/detail/scale_sum.hpp>
#include <boost/numeric/odeint/util/detail/set_zero.hpp>
#include <boost/numeric/odeint/stepper/detail/stage_driver.hpp>
#include <boost/numeric/odeint/system/driven_system.hpp>

namespace boost {
namespace numeric {
namespace odeint {

template <std::size_t Stages, class State, class Value, class Deriv, class Time,
          class Algebra, class Operations, class Resizer>
class ees_generic_rk : public algebra_stepper_base<Algebra, Operations>
{
    static_assert(Stages >= 2 && Stages <= 6, "ees_generic_rk supports 2 to 6 stages");

public:
    using algebra_stepper_base_type = algebra_stepper_base<Algebra, Operations>;
    using state_type = State;
    using value_type = Value;
    using deriv_type = Deriv;
    using time_type = Time;
    using resizer_type = Resizer;
    using algebra_type = typename algebra_stepper_base_type::algebra_type;
    using operations_type = typename algebra_stepper_base_type::operations_type;
    // An error stepper whose base category is stepper_tag: every integrate function and range
    // uses it as a plain stepper; make_controlled adds step-size control.
    using stepper_category = explicit_error_stepper_fsal_tag;
    using order_type = unsigned short;
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
    // and the stepper is always initialized.

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

    // --- the four do_step forms of odeint's stepper concept --------------------------------

    /// x(t) -> x(t + dt) in place.
    template <class System, class StateInOut>
    void do_step(System system, StateInOut& x, time_type t, time_type dt)
    {
        step(system, x, t, x, dt);
    }

    /// Overload for ranges passed as temporaries (boost::make_iterator_range and friends).
    template <class System, class StateInOut>
    void do_step(System system, const StateInOut& x, time_type t, time_type dt)
    {
        step(system, x, t, const_cast<StateInOut&>(x), dt);
    }

    /// x(t) -> x(t + dt) in place, with dxdt = f(x, t) already known (ODE systems only); as
    /// in odeint's first-same-as-last steppers dxdt is advanced too, to f(x(t + dt), t + dt).
    template <class System, class StateInOut, class DerivInOut>
    std::enable_if_t<!std::is_same<std::decay_t<DerivInOut>, time_type>::value>
    do_step(System system, StateInOut& x, DerivInOut& dxdt, time_type t, time_type dt)
    {
        typename odeint::unwrap_reference<System>::type& sys = system;
        step_with_derivative(sys, x, dxdt, t, x, dt);
        sys(x, dxdt, static_cast<time_type>(t + dt));
    }

    /// x(t) -> x(t + dt) in place from dxdt = f(x, t), dxdt left as it is: what a multistep
    /// method (adams_bashforth) asks of the stepper that starts it.
    template <class System, class StateInOut, class DerivIn>
    void do_step_dxdt_impl(System system, StateInOut& x, const DerivIn& dxdt, time_type t,
                           time_type dt)
    {
        step_with_derivative(system, x, dxdt, t, x, dt);
    }

    /// out = x(t + dt) from in = x(t) and dxdt = f(in, t), dxdt left as it is.
    template <class System, class StateIn, class DerivIn, class StateOut>
    void do_step_dxdt_impl(System system, const StateIn& in, const DerivIn& dxdt, time_type t,
                           StateOut& out, time_type dt)
    {
        step_with_derivative(system, in, dxdt, t, out, dt);
    }

    /// out = x(t + dt) from in = x(t). (Disabled for a state of the time type itself, whose
    /// five-argument call is the error form, as in odeint's error steppers.)
    template <class System, class StateIn, class StateOut>
    std::enable_if_t<!std::is_same<std::decay_t<StateIn>, time_type>::value>
    do_step(System system, const StateIn& in, time_type t, StateOut& out, time_type dt)
    {
        step(system, in, t, out, dt);
    }

    /// out = x(t + dt) from in = x(t) and dxdt = f(in, t) (ODE systems only).
    template <class System, class StateIn, class DerivIn, class StateOut>
    void do_step(System system, const StateIn& in, const DerivIn& dxdt, time_type t,
                 StateOut& out, time_type dt)
    {
        step_with_derivative(system, in, dxdt, t, out, dt);
    }

    // --- error-stepper forms ----------------------------------------------------------------

    /// x(t) -> x(t + dt) in place, xerr = the embedded error estimate dt (K_1 − Σ b_i K_i);
    /// for a driven system xerr = Φ_dt(x) − Φ_dt/2(Φ_dt/2(x)) on the same path (three steps).
    /// (For a state of the time type itself this has the shape of do_step(sys, in, t, out,
    /// dt); as for odeint's error steppers, the error form is the one.)
    template <class System, class StateInOut, class Err>
    void do_step(System system, StateInOut& x, time_type t, time_type dt, Err& xerr)
    {
        step_with_error(system, x, t, x, dt, xerr);
    }

    /// Overload for ranges passed as temporaries.
    template <class System, class StateInOut, class Err>
    void do_step(System system, const StateInOut& x, time_type t, time_type dt, Err& xerr)
    {
        step_with_error(system, x, t, const_cast<StateInOut&>(x), dt, xerr);
    }

    /// x(t) -> x(t + dt) in place from dxdt = f(x, t), with the error estimate; dxdt advances
    /// to f(x(t + dt), t + dt) (ODE systems only).
    template <class System, class StateInOut, class DerivInOut, class Err>
    std::enable_if_t<!std::is_same<std::decay_t<DerivInOut>, time_type>::value>
    do_step(System system, StateInOut& x, DerivInOut& dxdt, time_type t, time_type dt,
            Err& xerr)
    {
        typename odeint::unwrap_reference<System>::type& sys = system;
        step_with_derivative(sys, x, dxdt, t, x, dt);
        estimate_error(dxdt, dt, xerr,
                       std::make_index_sequence<Stages - 1>{});
        sys(x, dxdt, static_cast<time_type>(t + dt));
    }

    /// out = x(t + dt) from in = x(t), with the error estimate.
    template <class System, class StateIn, class StateOut, class Err>
    void do_step(System system, const StateIn& in, time_type t, StateOut& out, time_type dt,
                 Err& xerr)
    {
        step_with_error(system, in, t, out, dt, xerr);
    }

    /// First-same-as-last form used by controlled_runge_kutta: dxdt_in = f(in, t) is given,
    /// dxdt_out = f(out, t + dt) is returned (the next step's first stage).
    template <class System, class StateIn, class DerivIn, class StateOut, class DerivOut,
              class Err>
    void do_step(System system, const StateIn& in, const DerivIn& dxdt_in, time_type t,
                 StateOut& out, DerivOut& dxdt_out, time_type dt, Err& xerr)
    {
        static_assert(!is_driven_system_v<System>,
                      "a driven system has no derivative to pass to do_step; "
                      "use do_step(system, x, t, dt)");
        typename odeint::unwrap_reference<System>::type& sys = system;
        step_with_derivative(sys, in, dxdt_in, t, out, dt);
        estimate_error(dxdt_in, dt, xerr,
                       std::make_index_sequence<Stages - 1>{});
        sys(out, dxdt_out, t + dt);
    }

    /// First-same-as-last form without the error estimate.
    template <class System, class StateIn, class DerivIn, class StateOut, class DerivOut>
    void do_step(System system, const StateIn& in, const DerivIn& dxdt_in, time_type t,
                 StateOut& out, DerivOut& dxdt_out, time_type dt)
    {
        static_assert(!is_driven_system_v<System>,
                      "a driven system has no derivative to pass to do_step; "
                      "use do_step(system, x, t, dt)");
        typename odeint::unwrap_reference<System>::type& sys = system;
        step_with_derivative(sys, in, dxdt_in, t, out, dt);
        sys(out, dxdt_out, t + dt);
    }

    /// Dense output: the cubic Hermite interpolant through (x_old, deriv_old) at t_old and
    /// (x_new, deriv_new) at t_new, evaluated at t. Third-order accurate on a step, so it
    /// keeps the method's second order between the steps.
    template <class StateOut, class StateIn1, class DerivIn1, class StateIn2, class DerivIn2>
    void calc_state(time_type t, StateOut& x, const StateIn1& x_old, const DerivIn1& deriv_old,
                    time_type t_old, const StateIn2& x_new, const DerivIn2& deriv_new,
                    time_type t_new) const
    {
        // The derivatives' weights carry the step, of the time type (with units, a time, so
        // that a velocity times it is a length); theta is a pure number.
        const time_type h = t_new - t_old;
        const value_type theta = static_cast<value_type>(get_unit_value((t - t_old) / h));
        const value_type theta2 = theta * theta, theta3 = theta2 * theta;
        const std::tuple<value_type, time_type, value_type, time_type> weights{
            2 * theta3 - 3 * theta2 + 1, h * (theta3 - 2 * theta2 + theta),
            -2 * theta3 + 3 * theta2, h * (theta3 - theta2)};
        detail::scale_sum<operations_type>(
            this->m_algebra, x, weights, x_old, deriv_old, x_new,
            deriv_new);
    }

    // --- the backward step ------------------------------------------------------------------

    /// Undoes do_step(system, x, t, dt): on entry x is the state at t + dt, on exit the
    /// reconstructed state at t (the same tableau from t + dt with step −dt; for a driven
    /// system the increment of the control over [t, t + dt], negated: the forward noise).
    template <class System, class StateInOut>
    void inverse_do_step(System system, StateInOut& x, time_type t, time_type dt)
    {
        detail::check_step_size(name(), dt);
        const auto end = static_cast<time_type>(t + dt);
        step_over(system, x, end, x, static_cast<time_type>(-dt), end, t,
                  detail::increment_reuse::keep);
    }

    /// out = reconstructed state at t from in = state at t + dt.
    template <class System, class StateIn, class StateOut>
    void inverse_do_step(System system, const StateIn& in, time_type t, StateOut& out,
                         time_type dt)
    {
        detail::check_step_size(name(), dt);
        const auto end = static_cast<time_type>(t + dt);
        step_over(system, in, end, out, static_cast<time_type>(-dt), end, t,
                  detail::increment_reuse::keep);
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
        m_adjoint_resizer.adjust_size(
            x, [this](const StateIn& s) { return resize_adjoint_impl(s); });
        driver_type<System> driver(sys, m_driven, x);
        // The increment inverse_do_step drew for this step, when it was the last call.
        driver.begin(t, static_cast<time_type>(t + dt), dt, detail::increment_reuse::take);
        compute_stages(driver, x, t, dt);
        adjoint_stages(driver, x, t, dt, a, adj_p, driver.weight(),
                       std::make_index_sequence<Stages>{});
        combine_adjoint(a, std::make_index_sequence<Stages>{});
    }

protected:
    ees_generic_rk(const char* stepper_name, const tableau_type& tableau,
                   const algebra_type& algebra)
        : algebra_stepper_base_type(algebra), m_name(stepper_name), m_tableau(tableau)
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

    // The step and its error estimate: for an ODE the embedded Euler difference; for a driven
    // system the step-doubling difference Φ_dt − Φ_dt/2 ∘ Φ_dt/2 on the same path. (Euler on
    // the increments is no estimate there: its ½ g'g ΔW² term is O(dt), while the method's
    // local error is O(dt^{3/2}) and carried by the space–time area of the path, which only a
    // look at the path inside the step reveals.)
    template <class System, class StateIn, class StateOut, class Err>
    void step_with_error(System& system, const StateIn& in, time_type t, StateOut& out,
                         time_type dt, Err& xerr)
    {
        if constexpr (is_driven_system_v<System>)
        {
            detail::check_step_size(name(), dt);
            m_half_resizer.adjust_size(in, [this](const StateIn& s) {
                return adjust_size_by_resizeability(m_half, s,
                                                    typename is_resizeable<state_type>::type());
            });
            const time_type half = dt / 2;
            step(system, in, t, m_half.m_v, half);
            step(system, m_half.m_v, t + half, xerr, dt - half);
            step(system, in, t, out, dt);  // last: out may be in
            detail::scale_sum<operations_type>(
                this->m_algebra, xerr, std::array<value_type, 2>{value_type(1), value_type(-1)},
                out, xerr);
        }
        else
        {
            step(system, in, t, out, dt);
            estimate_error(m_k[0].m_v, dt, xerr,
                           std::make_index_sequence<Stages - 1>{});
        }
    }

    // xerr = dt (K_1 − Σ_i b_i K_i): explicit Euler minus this method, on the stages of the
    // step just taken (K_1 = k0).
    template <class DerivIn, class Err, std::size_t... J>
    void estimate_error(const DerivIn& k0, time_type h, Err& xerr, std::index_sequence<J...>)
    {
        const std::array<time_type, Stages> coefficients{
            h * (value_type(1) - m_tableau.b[0]), -h * m_tableau.b[J + 1]...};
        detail::scale_sum<operations_type>(this->m_algebra, xerr, coefficients, k0,
                                           m_k[J + 1].m_v...);
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

    // The reverse stage sweep, i = s-1 down to 0 (the fold runs over reversed indices).
    template <class Driver, class StateIn, class Adjoint, class ParameterAdjoint,
              std::size_t... I>
    void adjoint_stages(Driver& driver, const StateIn& x, time_type t, time_type dt,
                        const Adjoint& a, ParameterAdjoint& adj_p, value_type scale,
                        std::index_sequence<I...>)
    {
        (adjoint_stage<Stages - 1 - I>(driver, x, t, dt, a, adj_p, scale), ...);
    }

    template <std::size_t I, class Driver, class StateIn, class Adjoint, class ParameterAdjoint>
    void adjoint_stage(Driver& driver, const StateIn& x, time_type t, time_type dt,
                       const Adjoint& a, ParameterAdjoint& adj_p, value_type scale)
    {
        deriv_type& v = m_stage_cotangent.m_v;
        stage_cotangent<I>(v, a, scale, std::make_index_sequence<Stages - 1 - I>{});
        deriv_type& lambda = m_lambda[I].m_v;
        detail::assign_zero(this->m_algebra, lambda);
        const auto ti = static_cast<time_type>(t + m_tableau.c[I] * dt);
        driver.stage_vjp(stage_state<I>(x), ti, dt, static_cast<const deriv_type&>(v), lambda,
                         adj_p);
    }

    // v = scale (b_I a + Σ_{j>I} a_jI λ_j), J enumerating j = I+1 .. s-1.
    template <std::size_t I, class Adjoint, std::size_t... J>
    void stage_cotangent(deriv_type& v, const Adjoint& a, value_type scale,
                         std::index_sequence<J...>)
    {
        const std::array<value_type, sizeof...(J) + 1> coefficients{
            static_cast<value_type>(scale * m_tableau.b[I]),
            static_cast<value_type>(scale * m_tableau.a[I + 1 + J][I])...};
        detail::scale_sum<operations_type>(this->m_algebra, v, coefficients, a,
                                           m_lambda[I + 1 + J].m_v...);
    }

    // a ← a + Σ_i λ_i
    template <class Adjoint, std::size_t... I>
    void combine_adjoint(Adjoint& a, std::index_sequence<I...>)
    {
        const std::array<value_type, Stages + 1> ones{value_type(1),
                                                      (static_cast<void>(I), value_type(1))...};
        detail::scale_sum<operations_type>(this->m_algebra, a, ones, a, m_lambda[I].m_v...);
    }

    template <std::size_t I, class StateIn>
    const auto& stage_state(const StateIn& x) const
    {
        if constexpr (I == 0)
            return x;
        else
            return m_y[I - 1].m_v;
    }

    template <class StateIn>
    bool resize_adjoint_impl(const StateIn& x)
    {
        using deriv_resizeable = typename is_resizeable<deriv_type>::type;
        bool resized = adjust_size_by_resizeability(m_stage_cotangent, x, deriv_resizeable());
        for (auto& lambda : m_lambda)
            resized |= adjust_size_by_resizeability(lambda, x, deriv_resizeable());
        return resized;
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
    // Adjoint buffers, sized on the first adjoint_step only.
    resizer_type m_adjoint_resizer;
    wrapped_deriv_type m_stage_cotangent{};
    std::array<wrapped_deriv_type, Stages> m_lambda{};
    // The half-step state of the driven error estimate, sized on first use.
    resizer_type m_half_resizer;
    wrapped_state_type m_half{};
    // A driven system's increment, control cursor and field buffers (stage_driver.hpp).
    detail::typed_workspace m_driven;
};

} // namespace odeint
} // namespace numeric
} // namespace boost

#endif // BOOST_NUMERIC_ODEINT_STEPPER_EES_GENERIC_RK_HPP_INCLUDED
