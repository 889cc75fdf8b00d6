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

namespace boost {
namespace numeric {
namespace odeint {
namespace detail {

template <class Time>
void check_step_size(const char* who, const Time& dt)
{
    using std::isfinite;
    if (!(dt != Time(0)) || !isfinite(dt))
    {
        std::ostringstream message;
        message.precision(17);
        message << who << ": the step size must be finite and non-zero, got dt = " << dt;
        throw std::invalid_argument(message.str());
    }
}

} // namespace detail
} // namespace odeint
} // namespace numeric
} // namespace boost

#endif // BOOST_NUMERIC_ODEINT_STEPPER_DETAIL_CHECK_STEP_SIZE_HPP_INCLUDED
