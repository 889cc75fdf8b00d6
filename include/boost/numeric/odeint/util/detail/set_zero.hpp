/*
 boost/numeric/odeint/util/detail/set_zero.hpp

 An algebra operation that sets every element (or, with vector_space_algebra, the whole
 state) to zero: the start of a sum that a vector–Jacobian product adds into.

 Distributed under the Boost Software License, Version 1.0.
*/
#ifndef BOOST_NUMERIC_ODEINT_UTIL_DETAIL_SET_ZERO_HPP_INCLUDED
#define BOOST_NUMERIC_ODEINT_UTIL_DETAIL_SET_ZERO_HPP_INCLUDED

#include <type_traits>

#include <boost/numeric/odeint/util/ees_host_device.hpp>

namespace boost {
namespace numeric {
namespace odeint {
namespace detail {

struct set_zero
{
    template <class T>
    BOOST_NUMERIC_ODEINT_EES_HOST_DEVICE void operator()(T& t) const
    {
        t = std::remove_cv_t<T>();
    }
};

/// x = 0 through the algebra.
template <class Algebra, class State>
void assign_zero(Algebra& algebra, State& x)
{
    algebra.for_each1(x, set_zero());
}

} // namespace detail
} // namespace odeint
} // namespace numeric
} // namespace boost

#endif // BOOST_NUMERIC_ODEINT_UTIL_DETAIL_SET_ZERO_HPP_INCLUDED
