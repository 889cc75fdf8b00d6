/*
 boost/numeric/odeint/noise/detail/scalar_increment.hpp

 W(u) − W(s) of a one-dimensional Brownian path or tree as a number, through the path's own
 increment(s, u, dW): the scalar convenience form shared by brownian_path and
 virtual_brownian_tree.

 Distributed under the Boost Software License, Version 1.0.
*/
#ifndef BOOST_NUMERIC_ODEINT_NOISE_DETAIL_SCALAR_INCREMENT_HPP_INCLUDED
#define BOOST_NUMERIC_ODEINT_NOISE_DETAIL_SCALAR_INCREMENT_HPP_INCLUDED

#include <cstddef>

namespace boost {
namespace numeric {
namespace odeint {
namespace detail {

template <class Value, class Path, class Time>
Value scalar_increment(const Path& path, Time s, Time u)
{
    struct one_value
    {
        Value value;
        std::size_t size() const { return 1; }
        Value& operator[](std::size_t) { return value; }
    } dW{Value(0)};
    path.increment(s, u, dW);
    return dW.value;
}

} // namespace detail
} // namespace odeint
} // namespace numeric
} // namespace boost

#endif // BOOST_NUMERIC_ODEINT_NOISE_DETAIL_SCALAR_INCREMENT_HPP_INCLUDED
