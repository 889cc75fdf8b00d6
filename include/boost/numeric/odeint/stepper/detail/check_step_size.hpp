/*
 boost/numeric/odeint/stepper/detail/check_step_size.hpp

 Rejects a zero or non-finite step size with a message that names the value: a NaN step
 would otherwise propagate silently and a zero step would make integrate_* loop forever.

 Distributed under the Boost Software License, Version 1.0.
*/
#ifndef BOOST_NUMERIC_ODEINT_STEPPER_DETAIL_CHECK_STEP_SIZE_HPP_INCLUDED
#define BOOST_NUMERIC_ODEINT_STEPPER_DETAIL_CHECK_STEP_SIZE_HPP_INCLUDED

#include <cmath>
#include <sstream>
#include <stdexcept>
#include <type_traits>

#include <boost/config.hpp>
#include <boost/numeric/odeint/util/unit_helper.hpp>
#include <boost/numeric/odeint/util/detail/to_text.hpp>

namespace boost {
namespace numeric {
namespace odeint {
namespace detail {

/// The exception of check_step_size, built out of line: inlined into the stepping loop, the
/// message's string and stream code would slow every step of a small state
/// (doc/results/benchmarks.md).
template <class Value>
[[noreturn]] BOOST_NOINLINE void throw_bad_step_size(const char* who, const Value& value)
{
    throw std::invalid_argument(std::string(who) +
                                ": the step size must be finite and non-zero, got dt = " +
                                to_text(value));
}

template <class Time>
void check_step_size(const char* who, const Time& dt)
{
    using std::isfinite;
    // The number behind a time with units (Boost.Units), the time itself otherwise.
    const auto value = get_unit_value(dt);
    using value_type = std::decay_t<decltype(value)>;
    if (!(value != value_type(0)) || !isfinite(value))
        throw_bad_step_size(who, value);
}

} // namespace detail
} // namespace odeint
} // namespace numeric
} // namespace boost

#endif // BOOST_NUMERIC_ODEINT_STEPPER_DETAIL_CHECK_STEP_SIZE_HPP_INCLUDED
