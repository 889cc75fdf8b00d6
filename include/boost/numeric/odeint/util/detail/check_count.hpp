/*
 boost/numeric/odeint/util/detail/check_count.hpp

 check_count: rejects a count argument (the steps, dimension or paths of a noise path, the
 paths of a block plan) above its bound, naming the argument and, for a value that is a
 negative int converted to std::size_t (-1 becomes 2^64 - 1), the negative value it came from.

 Distributed under the Boost Software License, Version 1.0.
*/
#ifndef BOOST_NUMERIC_ODEINT_UTIL_DETAIL_CHECK_COUNT_HPP_INCLUDED
#define BOOST_NUMERIC_ODEINT_UTIL_DETAIL_CHECK_COUNT_HPP_INCLUDED

#include <cstddef>
#include <cstdint>
#include <limits>
#include <stdexcept>
#include <string>

namespace boost {
namespace numeric {
namespace odeint {
namespace detail {

/// Throws std::invalid_argument "who: name = value ... must be at most max" unless
/// value <= max.
inline void check_count(const char* who, const char* name, std::size_t value, std::uint64_t max)
{
    if (static_cast<std::uint64_t>(value) <= max)
        return;
    std::string text = std::string(who) + ": " + name + " = " + std::to_string(value);
    if (value > static_cast<std::size_t>(std::numeric_limits<std::int64_t>::max()))
    {
        // Two's complement: the negative number that converts to `value`.
        const std::uint64_t magnitude = ~static_cast<std::uint64_t>(value) + 1;
        text += " (the negative count -" + std::to_string(magnitude) +
                " converted to std::size_t)";
    }
    throw std::invalid_argument(text + " must be at most " + std::to_string(max));
}

} // namespace detail
} // namespace odeint
} // namespace numeric
} // namespace boost

#endif // BOOST_NUMERIC_ODEINT_UTIL_DETAIL_CHECK_COUNT_HPP_INCLUDED
