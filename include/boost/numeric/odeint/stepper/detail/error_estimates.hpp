/*
 boost/numeric/odeint/stepper/detail/error_estimates.hpp

 The two error estimates of an EES step (ees_generic_rk's error forms), each one algebra
 pass over the state:

   embedded_euler_error   for an ODE: xerr = h (K_1 − Σ_i b_i K_i), explicit Euler minus the
                          method on the stages of the step just taken (b_err = e_1 − b, error
                          order 1). No evaluation of the system.
   step_doubling_error    for a driven system: xerr = Φ_dt(x) − Φ_dt/2(Φ_dt/2(x)) on the same
                          path (three steps). Euler on the increments is no estimate there:
                          its ½ g'g ΔW² term is O(dt), while the method's local error is
                          O(dt^{3/2}) and carried by the space–time area of the path, which
                          only a look at the path inside the step reveals. It owns the
                          half-step state, sized by the resizer policy on first use.

 Distributed under the Boost Software License, Version 1.0.
*/
#ifndef BOOST_NUMERIC_ODEINT_STEPPER_DETAIL_ERROR_ESTIMATES_HPP_INCLUDED
#define BOOST_NUMERIC_ODEINT_STEPPER_DETAIL_ERROR_ESTIMATES_HPP_INCLUDED

#include <array>
#include <cstddef>
#include <utility>

#include <boost/numeric/odeint/util/is_resizeable.hpp>
#include <boost/numeric/odeint/util/resizer.hpp>
#include <boost/numeric/odeint/util/state_wrapper.hpp>

#include <boost/numeric/odeint/util/detail/scale_sum.hpp>

namespace boost {
namespace numeric {
namespace odeint {
namespace detail {

/// xerr = h ((1 − b_1) k0 − Σ_{i>1} b_i K_i), K_i = k[i − 1].m_v, J enumerating i = 2 .. s.
template <class Operations, class Algebra, class Err, class Time, class Value, std::size_t Stages,
          class DerivIn, class StageBuffers, std::size_t... J>
void embedded_euler_error(Algebra& algebra, Err& xerr, Time h,
                          const std::array<Value, Stages>& b, const DerivIn& k0,
                          const StageBuffers& k, std::index_sequence<J...>)
{
    const std::array<Time, Stages> coefficients{h * (Value(1) - b[0]), -h * b[J + 1]...};
    detail::scale_sum<Operations>(algebra, xerr, coefficients, k0, k[J + 1].m_v...);
}

/// The step-doubling estimate of a driven step, with its half-step state.
template <class State, class Value, class Resizer>
class step_doubling_error
{
public:
    /// out = Φ_dt(in), xerr = out − Φ_dt/2(Φ_dt/2(in)), where advance(from, t, to, h) is
    /// to = Φ_h(from) on the path; out may be in.
    template <class Operations, class Algebra, class Advance, class StateIn, class StateOut,
              class Time, class Err>
    void step(Algebra& algebra, Advance advance, const StateIn& in, Time t, StateOut& out,
              Time dt, Err& xerr)
    {
        m_resizer.adjust_size(in, [this](const StateIn& s) {
            return adjust_size_by_resizeability(m_half, s,
                                                typename is_resizeable<State>::type());
        });
        const Time half = dt / 2;
        advance(in, t, m_half.m_v, half);
        advance(m_half.m_v, t + half, xerr, dt - half);
        advance(in, t, out, dt);  // last: out may be in
        detail::scale_sum<Operations>(algebra, xerr,
                                      std::array<Value, 2>{Value(1), Value(-1)}, out, xerr);
    }

private:
    Resizer m_resizer;
    state_wrapper<State> m_half{};
};

} // namespace detail
} // namespace odeint
} // namespace numeric
} // namespace boost

#endif // BOOST_NUMERIC_ODEINT_STEPPER_DETAIL_ERROR_ESTIMATES_HPP_INCLUDED
