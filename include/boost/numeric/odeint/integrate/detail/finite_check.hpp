/*
 boost/numeric/odeint/integrate/detail/finite_check.hpp

 check_finite: std::runtime_error naming the step and time when a state of the forward solve
 holds a NaN or an infinity, for every odeint algebra.

 Distributed under the Boost Software License, Version 1.0.
*/
#ifndef BOOST_NUMERIC_ODEINT_INTEGRATE_DETAIL_FINITE_CHECK_HPP_INCLUDED
#define BOOST_NUMERIC_ODEINT_INTEGRATE_DETAIL_FINITE_CHECK_HPP_INCLUDED

#include <cmath>
#include <cstddef>
#include <stdexcept>
#include <string>
#include <type_traits>

#include <boost/numeric/odeint/algebra/vector_space_algebra.hpp>

#include <boost/numeric/odeint/util/ees_host_device.hpp>
#include <boost/numeric/odeint/util/detail/to_text.hpp>

namespace boost {
namespace numeric {
namespace odeint {
namespace detail {

/// marker = 0 where value is finite, 1 where it is a NaN or an infinity (v − v is 0 exactly
/// for finite v and NaN otherwise), so that norm_inf of the markers, which odeint's algebras
/// compute with a max that skips NaNs, still sees every non-finite entry.
struct mark_non_finite
{
    template <class Marker, class Value>
    BOOST_NUMERIC_ODEINT_EES_HOST_DEVICE void operator()(Marker& marker, const Value& value) const
    {
        marker = (value - value == Value(0)) ? Marker(0) : Marker(1);
    }
};

/// Throws std::runtime_error naming the step (0: the initial state) and time when x holds a
/// NaN or an infinity. `scratch` has the shape of x. With vector_space_algebra the check is
/// the user's norm: isfinite(norm_inf(x)).
template <class Algebra, class State, class Time>
void check_finite(const char* who, Algebra& algebra, const State& x, State& scratch,
                  std::size_t step, Time t)
{
    bool finite;
    if constexpr (std::is_same<Algebra, vector_space_algebra>::value)
    {
        using std::isfinite;
        finite = isfinite(algebra.norm_inf(x));
    }
    else
    {
        algebra.for_each2(scratch, x, mark_non_finite());
        finite = !(algebra.norm_inf(scratch) > 0);
    }
    if (!finite)
        throw std::runtime_error(std::string(who) + ": the state is not finite at step " +
                                 std::to_string(step) + " (t = " + to_text(t) + ")");
}

} // namespace detail
} // namespace odeint
} // namespace numeric
} // namespace boost

#endif // BOOST_NUMERIC_ODEINT_INTEGRATE_DETAIL_FINITE_CHECK_HPP_INCLUDED
