/*
 boost/numeric/odeint/stepper/detail/hermite_dense_output.hpp

 The dense output of a first-same-as-last stepper without an interpolant of its own
 (ees_generic_rk::calc_state): the cubic Hermite interpolant through (x_old, deriv_old) at
 t_old and (x_new, deriv_new) at t_new, evaluated at t, in one algebra pass. Third-order
 accurate on a step, so it keeps a second-order method's order between the steps.

 Distributed under the Boost Software License, Version 1.0.
*/
#ifndef BOOST_NUMERIC_ODEINT_STEPPER_DETAIL_HERMITE_DENSE_OUTPUT_HPP_INCLUDED
#define BOOST_NUMERIC_ODEINT_STEPPER_DETAIL_HERMITE_DENSE_OUTPUT_HPP_INCLUDED

#include <tuple>

#include <boost/numeric/odeint/util/unit_helper.hpp>

#include <boost/numeric/odeint/util/detail/scale_sum.hpp>

namespace boost {
namespace numeric {
namespace odeint {
namespace detail {

/// x = the cubic Hermite interpolant at t (Value the state's value type, Time the time type).
template <class Operations, class Value, class Algebra, class Time, class StateOut,
          class StateIn1, class DerivIn1, class StateIn2, class DerivIn2>
void hermite_interpolate(Algebra& algebra, Time t, StateOut& x, const StateIn1& x_old,
                         const DerivIn1& deriv_old, Time t_old, const StateIn2& x_new,
                         const DerivIn2& deriv_new, Time t_new)
{
    // The derivatives' weights carry the step, of the time type (with units, a time, so
    // that a velocity times it is a length); theta is a pure number.
    const Time h = t_new - t_old;
    const Value theta = static_cast<Value>(get_unit_value((t - t_old) / h));
    const Value theta2 = theta * theta, theta3 = theta2 * theta;
    const std::tuple<Value, Time, Value, Time> weights{
        2 * theta3 - 3 * theta2 + 1, h * (theta3 - 2 * theta2 + theta),
        -2 * theta3 + 3 * theta2, h * (theta3 - theta2)};
    detail::scale_sum<Operations>(algebra, x, weights, x_old, deriv_old, x_new, deriv_new);
}

} // namespace detail
} // namespace odeint
} // namespace numeric
} // namespace boost

#endif // BOOST_NUMERIC_ODEINT_STEPPER_DETAIL_HERMITE_DENSE_OUTPUT_HPP_INCLUDED
