/*
 boost/numeric/odeint/stepper/ees_generic_rk.hpp

 The stepping engine shared by the EES steppers (ees25, ees27): an explicit Runge–Kutta
 method with a fixed number of stages and a tableau held in value_type, modelling odeint's
 stepper concept (the four do_step forms, order(), adjust_size, resizing through
 state_wrapper) and adding

   - inverse_do_step: the step run backwards, Φ_{-h}, which for an EES(n, m) method undoes
     Φ_h up to O(h^{m+1}) (ees-method.md §2);
   - driven systems (system/driven_system.hpp): the same tableau applied to the increments
     (dt, ΔX) of a Stratonovich SDE or a controlled equation (ees-method.md §3).

 The state is touched only through algebra.for_eachN with operations::scale_sumN, one pass
 per stage, so every odeint algebra works, Thrust included.

 Distributed under the Boost Software License, Version 1.0.
*/
#ifndef BOOST_NUMERIC_ODEINT_STEPPER_EES_GENERIC_RK_HPP_INCLUDED
#define BOOST_NUMERIC_ODEINT_STEPPER_EES_GENERIC_RK_HPP_INCLUDED

#include <array>
#include <cstddef>
#include <type_traits>
#include <utility>

#include <boost/numeric/odeint/stepper/base/algebra_stepper_base.hpp>
#include <boost/numeric/odeint/stepper/stepper_categories.hpp>
#include <boost/numeric/odeint/util/is_resizeable.hpp>
#include <boost/numeric/odeint/util/resizer.hpp>
#include <boost/numeric/odeint/util/state_wrapper.hpp>
#include <boost/numeric/odeint/util/unwrap_reference.hpp>

#include <boost/numeric/odeint/stepper/butcher_tableau.hpp>
#include <boost/numeric/odeint/stepper/detail/check_step_size.hpp>
#include <boost/numeric/odeint/stepper/detail/scale_sum.hpp>
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
    using stepper_category = stepper_tag;
    using order_type = unsigned short;
    using tableau_type = butcher_tableau<Value, Stages>;
    using wrapped_state_type = state_wrapper<state_type>;
    using wrapped_deriv_type = state_wrapper<deriv_type>;

    static constexpr order_type order_value = 2;
    static constexpr std::size_t stage_count = Stages;

    order_type order() const { return order_value; }

    /// The coefficients this stepper steps with.
    const tableau_type& tableau() const { return m_tableau; }

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

    /// x(t) -> x(t + dt) in place, with dxdt = f(x, t) already known (ODE systems only).
    template <class System, class StateInOut, class DerivIn>
    std::enable_if_t<!std::is_same<DerivIn, time_type>::value>
    do_step(System system, StateInOut& x, const DerivIn& dxdt, time_type t, time_type dt)
    {
        step_with_derivative(system, x, dxdt, t, x, dt);
    }

    /// out = x(t + dt) from in = x(t).
    template <class System, class StateIn, class StateOut>
    void do_step(System system, const StateIn& in, time_type t, StateOut& out, time_type dt)
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

    // --- the backward step ------------------------------------------------------------------

    /// Undoes do_step(system, x, t, dt): on entry x is the state at t + dt, on exit the
    /// reconstructed state at t (the same tableau from t + dt with step −dt; for a driven
    /// system the driver increment over [t, t + dt] is negated too).
    template <class System, class StateInOut>
    void inverse_do_step(System system, StateInOut& x, time_type t, time_type dt)
    {
        step(system, x, t + dt, x, -dt);
    }

    /// out = reconstructed state at t from in = state at t + dt.
    template <class System, class StateIn, class StateOut>
    void inverse_do_step(System system, const StateIn& in, time_type t, StateOut& out,
                         time_type dt)
    {
        step(system, in, t + dt, out, -dt);
    }

    template <class StateIn>
    void adjust_size(const StateIn& x)
    {
        resize_impl(x);
    }

protected:
    ees_generic_rk(const char* stepper_name, const tableau_type& tableau,
                   const algebra_type& algebra)
        : algebra_stepper_base_type(algebra), m_name(stepper_name), m_tableau(tableau)
    {
    }

    const char* name() const { return m_name; }

private:
    template <class System, class StateIn, class StateOut>
    void step(System& system, const StateIn& in, time_type t, StateOut& out, time_type dt)
    {
        detail::check_step_size(name(), dt);
        typename odeint::unwrap_reference<System>::type& sys = system;
        resize(in);
        if constexpr (is_driven_system_v<System>)
        {
            sys.begin_step(t, dt);
            sys(in, m_k[0].m_v, t, dt);
            auto increment = [&](const state_type& y, deriv_type& k, time_type ti) {
                sys(y, k, ti, dt);
            };
            run_stages(increment, in, m_k[0].m_v, t, out, dt, value_type(1));
        }
        else
        {
            sys(in, m_k[0].m_v, t);
            run_ode_stages(sys, in, m_k[0].m_v, t, out, dt);
        }
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
        run_ode_stages(sys, in, dxdt, t, out, dt);
    }

    // ODE: K_i = f(Y_i, t + c_i dt) are derivatives and the tableau is scaled by dt.
    template <class Sys, class StateIn, class DerivIn, class StateOut>
    void run_ode_stages(Sys& sys, const StateIn& in, const DerivIn& k0, time_type t,
                        StateOut& out, time_type dt)
    {
        auto derivative = [&](const state_type& y, deriv_type& k, time_type ti) {
            sys(y, k, ti);
        };
        run_stages(derivative, in, k0, t, out, dt, static_cast<value_type>(dt));
    }

    // Y_i = in + scale Σ_{j<i} a_ij K_j,  K_i = evaluate(Y_i, t + c_i dt),
    // out = in + scale Σ_i b_i K_i   (out may alias in: the last pass is elementwise).
    template <class Evaluate, class StateIn, class DerivIn, class StateOut>
    void run_stages(Evaluate& evaluate, const StateIn& in, const DerivIn& k0, time_type t,
                    StateOut& out, time_type dt, value_type scale)
    {
        run_inner_stages(evaluate, in, k0, t, dt, scale,
                         std::make_index_sequence<Stages - 1>{});
        combine(out, in, k0, m_tableau.b, scale, std::make_index_sequence<Stages>{});
    }

    template <class Evaluate, class StateIn, class DerivIn, std::size_t... I>
    void run_inner_stages(Evaluate& evaluate, const StateIn& in, const DerivIn& k0,
                          time_type t, time_type dt, value_type scale,
                          std::index_sequence<I...>)
    {
        (inner_stage<I + 1>(evaluate, in, k0, t, dt, scale), ...);
    }

    template <std::size_t I, class Evaluate, class StateIn, class DerivIn>
    void inner_stage(Evaluate& evaluate, const StateIn& in, const DerivIn& k0, time_type t,
                     time_type dt, value_type scale)
    {
        state_type& y = m_y[I - 1].m_v;
        combine(y, in, k0, m_tableau.a[I], scale, std::make_index_sequence<I>{});
        evaluate(y, m_k[I].m_v, t + m_tableau.c[I] * dt);
    }

    // out = in + scale Σ_{j in J} weights[j] K_j, one algebra pass.
    template <class StateOut, class StateIn, class DerivIn, std::size_t... J>
    void combine(StateOut& out, const StateIn& in, const DerivIn& k0,
                 const std::array<value_type, Stages>& weights, value_type scale,
                 std::index_sequence<J...>)
    {
        const std::array<value_type, sizeof...(J) + 1> coefficients{
            value_type(1), static_cast<value_type>(scale * weights[J])...};
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
    std::array<wrapped_deriv_type, Stages> m_k;
    std::array<wrapped_state_type, Stages - 1> m_y;
};

} // namespace odeint
} // namespace numeric
} // namespace boost

#endif // BOOST_NUMERIC_ODEINT_STEPPER_EES_GENERIC_RK_HPP_INCLUDED
