/*
 boost/numeric/odeint/stepper/reversible_heun.hpp

 Reversible Heun (Kidger, Foster, Li, Lyons, "Efficient and accurate gradients for neural
 SDEs", NeurIPS 2021): an algebraically reversible, second-order (ODE) / Stratonovich
 strong order 1/2 (general noise) method that carries an auxiliary state ŷ next to y:

     ŷ_{n+1} = 2 y_n − ŷ_n + K(ŷ_n)
     y_{n+1} = y_n + ½ (K(ŷ_n) + K(ŷ_{n+1}))

 with K(z) = f(z, t) dt for an ODE and K(z) = F(t, z)·(dt, ΔX) for a driven system. The same
 formulas with dt → −dt (and ΔX → −ΔX) invert the step exactly in real arithmetic, so
 inverse_do_step recovers (y_n, ŷ_n) to rounding. The price is stability: for ODEs the
 stability region is the segment [−i, i] of the imaginary axis, so dissipative problems
 blow up. It is the baseline the EES steppers are measured against.

 The auxiliary state lives in the stepper: the first do_step after construction or reset()
 sets ŷ = y. For ODEs f(ŷ) is cached, one evaluation per step after the first.

 Distributed under the Boost Software License, Version 1.0.
*/
#ifndef BOOST_NUMERIC_ODEINT_STEPPER_REVERSIBLE_HEUN_HPP_INCLUDED
#define BOOST_NUMERIC_ODEINT_STEPPER_REVERSIBLE_HEUN_HPP_INCLUDED

#include <array>

#include <boost/numeric/odeint/algebra/algebra_dispatcher.hpp>
#include <boost/numeric/odeint/algebra/operations_dispatcher.hpp>
#include <boost/numeric/odeint/stepper/base/algebra_stepper_base.hpp>
#include <boost/numeric/odeint/stepper/stepper_categories.hpp>
#include <boost/numeric/odeint/util/copy.hpp>
#include <boost/numeric/odeint/util/is_resizeable.hpp>
#include <boost/numeric/odeint/util/resizer.hpp>
#include <boost/numeric/odeint/util/state_wrapper.hpp>
#include <boost/numeric/odeint/util/unwrap_reference.hpp>

#include <boost/numeric/odeint/stepper/detail/check_step_size.hpp>
#include <boost/numeric/odeint/stepper/detail/scale_sum.hpp>
#include <boost/numeric/odeint/stepper/detail/set_zero.hpp>
#include <boost/numeric/odeint/system/driven_system.hpp>

namespace boost {
namespace numeric {
namespace odeint {

template <class State, class Value = double, class Deriv = State, class Time = Value,
          class Algebra = typename algebra_dispatcher<State>::algebra_type,
          class Operations = typename operations_dispatcher<State>::operations_type,
          class Resizer = initially_resizer>
class reversible_heun : public algebra_stepper_base<Algebra, Operations>
{
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

    static constexpr order_type order_value = 2;

    explicit reversible_heun(const algebra_type& algebra = algebra_type())
        : algebra_stepper_base_type(algebra)
    {
    }

    order_type order() const { return order_value; }

    /// x(t) -> x(t + dt) in place; ŷ advances with it.
    template <class System, class StateInOut>
    void do_step(System system, StateInOut& x, time_type t, time_type dt)
    {
        step(system, x, t, x, dt);
    }

    /// out = x(t + dt) from in = x(t); `in` must be the state the previous step ended on.
    template <class System, class StateIn, class StateOut>
    void do_step(System system, const StateIn& in, time_type t, StateOut& out, time_type dt)
    {
        step(system, in, t, out, dt);
    }

    /// Undoes do_step(system, x, t, dt) exactly up to rounding: x and ŷ go from t + dt to t.
    template <class System, class StateInOut>
    void inverse_do_step(System system, StateInOut& x, time_type t, time_type dt)
    {
        detail::check_step_size("reversible_heun", dt);
        step(system, x, t + dt, x, -dt);
    }

    template <class System, class StateIn, class StateOut>
    void inverse_do_step(System system, const StateIn& in, time_type t, StateOut& out,
                         time_type dt)
    {
        detail::check_step_size("reversible_heun", dt);
        step(system, in, t + dt, out, -dt);
    }

    /// Forgets ŷ: the next step starts a new solve with ŷ = y.
    void reset() { m_initialized = false; }

    /// Starts a new solve from (y, ŷ) = (x, x).
    template <class StateIn>
    void initialize(const StateIn& x)
    {
        resize(x);
        copy(x, m_y_hat.m_v);
        m_initialized = true;
        m_cache_valid = false;
    }

    /// The auxiliary state ŷ, which the backward pass must start from.
    const state_type& auxiliary_state() const { return m_y_hat.m_v; }

    /// Restores ŷ (the store-everything adjoint replays steps from stored (y, ŷ) pairs).
    template <class StateIn>
    void set_auxiliary_state(const StateIn& y_hat)
    {
        resize(y_hat);
        copy(y_hat, m_y_hat.m_v);
        m_initialized = true;
        m_cache_valid = false;
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
        detail::check_step_size("reversible_heun", dt);
        typename odeint::unwrap_reference<System>::type& sys = system;
        resize(x);
        resize_adjoint(x);
        using values2 = std::array<value_type, 2>;
        using values3 = std::array<value_type, 3>;

        // Recompute ŷ_{n+1} = 2 y_n − ŷ_n + K(ŷ_n).
        value_type scale;
        if constexpr (is_driven_system_v<System>)
        {
            sys.begin_step(t, dt);
            sys(m_y_hat.m_v, m_k_hat.m_v, t, dt);
            scale = value_type(1);
        }
        else
        {
            sys(m_y_hat.m_v, m_k_hat.m_v, t);
            scale = static_cast<value_type>(dt);
        }
        state_type& y_hat_next = m_y_hat_next.m_v;
        detail::scale_sum<operations_type>(this->m_algebra, y_hat_next,
                                           values3{value_type(2), value_type(-1), scale}, x,
                                           m_y_hat.m_v, m_k_hat.m_v);

        deriv_type& v = m_cotangent.m_v;
        deriv_type& g = m_total.m_v;
        deriv_type& lambda = m_lambda.m_v;
        // g = â + J(ŷ_{n+1})ᵀ (a/2), with K = scale·f
        detail::scale_sum<operations_type>(this->m_algebra, v,
                                           std::array<value_type, 1>{scale / value_type(2)}, a);
        detail::assign_zero(this->m_algebra, lambda);
        vjp(sys, y_hat_next, t + dt, dt, v, lambda, adj_p);
        detail::scale_sum<operations_type>(this->m_algebra, g,
                                           values2{value_type(1), value_type(1)},
                                           m_adj_y_hat.m_v, lambda);
        // â_n = −g + J(ŷ_n)ᵀ (g + a/2)
        detail::scale_sum<operations_type>(this->m_algebra, v,
                                           values2{scale, scale / value_type(2)}, g, a);
        detail::assign_zero(this->m_algebra, lambda);
        vjp(sys, m_y_hat.m_v, t, dt, v, lambda, adj_p);
        detail::scale_sum<operations_type>(this->m_algebra, m_adj_y_hat.m_v,
                                           values2{value_type(-1), value_type(1)}, g, lambda);
        // a_n = a + 2g
        detail::scale_sum<operations_type>(this->m_algebra, a,
                                           values2{value_type(1), value_type(2)}, a, g);
        m_cache_valid = false;
    }

    /// Ends the backward sweep: ŷ_0 = y_0, so dL/dy_0 = a + â.
    template <class Adjoint>
    void finish_adjoint(Adjoint& a)
    {
        detail::scale_sum<operations_type>(this->m_algebra, a,
                                           std::array<value_type, 2>{value_type(1), value_type(1)},
                                           a, m_adj_y_hat.m_v);
    }

    template <class StateIn>
    void adjust_size(const StateIn& x)
    {
        resize_impl(x);
    }

private:
    template <class System, class StateIn, class StateOut>
    void step(System& system, const StateIn& in, time_type t, StateOut& out, time_type dt)
    {
        detail::check_step_size("reversible_heun", dt);
        typename odeint::unwrap_reference<System>::type& sys = system;
        if (!m_initialized)
            initialize(in);
        resize(in);

        deriv_type& k_hat = m_k_hat.m_v;    // K(ŷ_n)
        deriv_type& k_next = m_k_next.m_v;  // K(ŷ_{n+1})
        state_type& y_hat_next = m_y_hat_next.m_v;
        value_type scale;
        if constexpr (is_driven_system_v<System>)
        {
            sys.begin_step(t, dt);
            sys(m_y_hat.m_v, k_hat, t, dt);
            scale = value_type(1);
        }
        else
        {
            if (!(m_cache_valid && m_cache_time == t))
                sys(m_y_hat.m_v, k_hat, t);
            scale = static_cast<value_type>(dt);
        }
        // ŷ_{n+1} = 2 y_n − ŷ_n + K(ŷ_n)
        detail::scale_sum<operations_type>(
            this->m_algebra, y_hat_next,
            std::array<value_type, 3>{value_type(2), value_type(-1), scale}, in, m_y_hat.m_v,
            k_hat);
        if constexpr (is_driven_system_v<System>)
            sys(y_hat_next, k_next, t + dt, dt);
        else
            sys(y_hat_next, k_next, t + dt);
        // y_{n+1} = y_n + ½ (K(ŷ_n) + K(ŷ_{n+1}))
        const value_type half_scale = scale / value_type(2);
        detail::scale_sum<operations_type>(
            this->m_algebra, out, std::array<value_type, 3>{value_type(1), half_scale, half_scale},
            in, k_hat, k_next);

        using std::swap;
        swap(m_y_hat.m_v, m_y_hat_next.m_v);
        swap(m_k_hat.m_v, m_k_next.m_v);
        // For an ODE K(ŷ_{n+1}) / dt = f(ŷ_{n+1}, t + dt) is the next step's f(ŷ_n).
        m_cache_valid = !is_driven_system_v<System>;
        m_cache_time = t + dt;
    }

    template <class Sys, class StateIn, class Cotangent, class Lambda, class ParameterAdjoint>
    static void vjp(Sys& sys, const StateIn& y, time_type t, time_type dt, const Cotangent& v,
                    Lambda& lambda, ParameterAdjoint& adj_p)
    {
        if constexpr (is_driven_system_v<Sys>)
            sys.vjp(y, t, dt, v, lambda, adj_p);
        else
            sys.vjp(y, t, v, lambda, adj_p);
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

    template <class StateIn>
    void resize(const StateIn& x)
    {
        m_resizer.adjust_size(x, [this](const StateIn& s) { return resize_impl(s); });
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
        return resized;
    }

    resizer_type m_resizer;
    state_wrapper<state_type> m_y_hat, m_y_hat_next;
    state_wrapper<deriv_type> m_k_hat, m_k_next;
    // Adjoint buffers, sized on the first adjoint use only.
    resizer_type m_adjoint_resizer;
    state_wrapper<state_type> m_adj_y_hat;
    state_wrapper<deriv_type> m_cotangent, m_total, m_lambda;
    bool m_initialized = false;
    bool m_cache_valid = false;
    time_type m_cache_time{};
};

} // namespace odeint
} // namespace numeric
} // namespace boost

#endif // BOOST_NUMERIC_ODEINT_STEPPER_REVERSIBLE_HEUN_HPP_INCLUDED
