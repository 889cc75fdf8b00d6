/*
 boost/numeric/odeint/integrate/detail/time_checks.hpp

 The checks of the times that integrate_reversible and integrate_discrete_adjoint take:
 a finite interval t0 < t1 with a finite step dt > 0 (check_interval), and a step count below
 what the time type counts exactly (max_step_count, check_step_count).

 Distributed under the Boost Software License, Version 1.0.
*/
#ifndef BOOST_NUMERIC_ODEINT_INTEGRATE_DETAIL_TIME_CHECKS_HPP_INCLUDED
#define BOOST_NUMERIC_ODEINT_INTEGRATE_DETAIL_TIME_CHECKS_HPP_INCLUDED

#include <algorithm>
#include <cmath>
#include <cstddef>
#include <limits>
#include <stdexcept>
#include <string>

#include <boost/numeric/odeint/util/detail/to_text.hpp>

namespace boost {
namespace numeric {
namespace odeint {
namespace detail {

/// The most steps a fixed-step plan takes on one segment: 2^digits of Time (2^53 for double),
/// below which every step index, and the step's start time t0 + j dt, is exact in Time
/// (and which std::size_t holds).
template <class Time>
Time max_step_count()
{
    using std::ldexp;
    const int bits = std::min(std::numeric_limits<Time>::digits,
                              std::numeric_limits<std::size_t>::digits - 1);
    return ldexp(Time(1), bits);
}

/// Throws std::invalid_argument when [t0, t1] needs max_step_count() or more steps of dt
/// (the count would not fit, or steps would not advance t): say (t1 - t0) / dt >= 2^64
/// for dt = 1e-300 on [0, 1]. t0 < t1 and dt > 0 are checked already.
template <class Time>
void check_step_count(const char* who, Time t0, Time t1, Time dt)
{
    const Time steps = (t1 - t0) / dt;
    if (!(steps < max_step_count<Time>()))
        throw std::invalid_argument(std::string(who) + ": (t1 - t0) / dt = " + to_text(steps) +
                                    " steps, not below the " + to_text(max_step_count<Time>()) +
                                    " that the time type counts exactly (t0 = " + to_text(t0) +
                                    ", t1 = " + to_text(t1) + ", dt = " + to_text(dt) + ")");
}

template <class Time>
void check_interval(const char* who, Time t0, Time t1, Time dt)
{
    using std::isfinite;
    if (!isfinite(t0) || !isfinite(t1) || !(t1 > t0))
        throw std::invalid_argument(std::string(who) + ": needs finite t0 < t1, got t0 = " +
                                    to_text(t0) + ", t1 = " + to_text(t1));
    if (!isfinite(dt) || !(dt > Time(0)))
        throw std::invalid_argument(std::string(who) +
                                    ": needs a finite step dt > 0, got dt = " + to_text(dt));
}

} // namespace detail
} // namespace odeint
} // namespace numeric
} // namespace boost

#endif // BOOST_NUMERIC_ODEINT_INTEGRATE_DETAIL_TIME_CHECKS_HPP_INCLUDED
