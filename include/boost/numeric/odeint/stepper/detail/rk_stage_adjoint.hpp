/*
 boost/numeric/odeint/stepper/detail/rk_stage_adjoint.hpp

 The backward sweep of one explicit Runge–Kutta step (ees_generic_rk::adjoint_step;
 doc/method.md §4), with its buffers: given the stages of the step recomputed from x at t
 (Y_1 = x, Y_i for i > 1, as the step left them), the tableau (a, b, c), the weight w (dt for
 an ODE, 1 for a driven system, whose K already carries the increment) and a = dL/dy(t + dt),

     ā_i = w (b_i a + Σ_{j>i} a_ji λ_j),  λ_i = (∂K_i/∂Y_i)ᵀ ā_i   for i = s down to 1,
     a ← a + Σ_i λ_i,

 each λ_i by the stage driver's vector–Jacobian product, which also adds (∂K_i/∂θ)ᵀ ā_i to
 adj_p. One algebra pass per stage and one for the sum; s + 1 buffers of the derivative type,
 sized by the resizer policy on the first sweep.

 Distributed under the Boost Software License, Version 1.0.
*/
#ifndef BOOST_NUMERIC_ODEINT_STEPPER_DETAIL_RK_STAGE_ADJOINT_HPP_INCLUDED
#define BOOST_NUMERIC_ODEINT_STEPPER_DETAIL_RK_STAGE_ADJOINT_HPP_INCLUDED

#include <array>
#include <cstddef>
#include <utility>

#include <boost/numeric/odeint/util/is_resizeable.hpp>
#include <boost/numeric/odeint/util/resizer.hpp>
#include <boost/numeric/odeint/util/state_wrapper.hpp>

#include <boost/numeric/odeint/util/detail/scale_sum.hpp>
#include <boost/numeric/odeint/util/detail/set_zero.hpp>

namespace boost {
namespace numeric {
namespace odeint {
namespace detail {

template <std::size_t Stages, class Deriv, class Value, class Time, class Operations,
          class Resizer>
class rk_stage_adjoint
{
public:
    /// Sizes the buffers for x, as the resizer policy says.
    template <class StateIn>
    void adjust_size(const StateIn& x)
    {
        m_resizer.adjust_size(x, [this](const StateIn& s) { return resize_impl(s); });
    }

    /// The sweep above: y[i − 1].m_v is the stage state Y_{i+1} (i = 1 .. s − 1).
    template <class Algebra, class Driver, class Tableau, class StateIn, class StageStates,
              class Adjoint, class ParameterAdjoint>
    void sweep(Algebra& algebra, Driver& driver, const Tableau& tableau, const StateIn& x,
               const StageStates& y, Time t, Time dt, Adjoint& a, ParameterAdjoint& adj_p,
               Value scale)
    {
        const context<Algebra, Driver, Tableau, StateIn, StageStates> c{algebra, driver,
                                                                        tableau, x, y};
        stages(c, t, dt, a, adj_p, scale, std::make_index_sequence<Stages>{});
        combine(algebra, a, std::make_index_sequence<Stages>{});
    }

private:
    template <class Algebra, class Driver, class Tableau, class StateIn, class StageStates>
    struct context
    {
        Algebra& algebra;
        Driver& driver;
        const Tableau& tableau;
        const StateIn& x;
        const StageStates& y;
    };

    // The reverse stage sweep, i = s-1 down to 0 (the fold runs over reversed indices).
    template <class Context, class Adjoint, class ParameterAdjoint, std::size_t... I>
    void stages(const Context& c, Time t, Time dt, const Adjoint& a, ParameterAdjoint& adj_p,
                Value scale, std::index_sequence<I...>)
    {
        (stage<Stages - 1 - I>(c, t, dt, a, adj_p, scale), ...);
    }

    template <std::size_t I, class Context, class Adjoint, class ParameterAdjoint>
    void stage(const Context& c, Time t, Time dt, const Adjoint& a, ParameterAdjoint& adj_p,
               Value scale)
    {
        Deriv& v = m_stage_cotangent.m_v;
        stage_cotangent<I>(c, v, a, scale, std::make_index_sequence<Stages - 1 - I>{});
        Deriv& lambda = m_lambda[I].m_v;
        detail::assign_zero(c.algebra, lambda);
        const auto ti = static_cast<Time>(t + c.tableau.c[I] * dt);
        c.driver.stage_vjp(stage_state<I>(c), ti, dt, static_cast<const Deriv&>(v), lambda,
                           adj_p);
    }

    // v = scale (b_I a + Σ_{j>I} a_jI λ_j), J enumerating j = I+1 .. s-1.
    template <std::size_t I, class Context, class Adjoint, std::size_t... J>
    void stage_cotangent(const Context& c, Deriv& v, const Adjoint& a, Value scale,
                         std::index_sequence<J...>)
    {
        const std::array<Value, sizeof...(J) + 1> coefficients{
            static_cast<Value>(scale * c.tableau.b[I]),
            static_cast<Value>(scale * c.tableau.a[I + 1 + J][I])...};
        detail::scale_sum<Operations>(c.algebra, v, coefficients, a,
                                      m_lambda[I + 1 + J].m_v...);
    }

    // a ← a + Σ_i λ_i
    template <class Algebra, class Adjoint, std::size_t... I>
    void combine(Algebra& algebra, Adjoint& a, std::index_sequence<I...>)
    {
        const std::array<Value, Stages + 1> ones{Value(1),
                                                 (static_cast<void>(I), Value(1))...};
        detail::scale_sum<Operations>(algebra, a, ones, a, m_lambda[I].m_v...);
    }

    template <std::size_t I, class Context>
    static const auto& stage_state(const Context& c)
    {
        if constexpr (I == 0)
            return c.x;
        else
            return c.y[I - 1].m_v;
    }

    template <class StateIn>
    bool resize_impl(const StateIn& x)
    {
        using deriv_resizeable = typename is_resizeable<Deriv>::type;
        bool resized = adjust_size_by_resizeability(m_stage_cotangent, x, deriv_resizeable());
        for (auto& lambda : m_lambda)
            resized |= adjust_size_by_resizeability(lambda, x, deriv_resizeable());
        return resized;
    }

    Resizer m_resizer;
    state_wrapper<Deriv> m_stage_cotangent{};
    std::array<state_wrapper<Deriv>, Stages> m_lambda{};
};

} // namespace detail
} // namespace odeint
} // namespace numeric
} // namespace boost

#endif // BOOST_NUMERIC_ODEINT_STEPPER_DETAIL_RK_STAGE_ADJOINT_HPP_INCLUDED
