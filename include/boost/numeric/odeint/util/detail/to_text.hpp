/*
 boost/numeric/odeint/util/detail/to_text.hpp

 to_text(value): the number an error message names, with every digit that tells it apart
 from its neighbours (max_digits10 of its type, 17 when the type does not say; a time with
 units prints as its number). Every argument check of the library formats through it, so a
 message names exactly the value the user passed.

 Distributed under the Boost Software License, Version 1.0.
*/
#ifndef BOOST_NUMERIC_ODEINT_UTIL_DETAIL_TO_TEXT_HPP_INCLUDED
#define BOOST_NUMERIC_ODEINT_UTIL_DETAIL_TO_TEXT_HPP_INCLUDED

#include <limits>
#include <sstream>
#include <string>
#include <type_traits>

#include <boost/numeric/odeint/util/unit_helper.hpp>

namespace boost {
namespace numeric {
namespace odeint {
namespace detail {

template <class T>
std::string to_text(const T& value)
{
    const auto number = get_unit_value(value);
    using number_type = std::decay_t<decltype(number)>;
    std::ostringstream text;
    text.precision(std::numeric_limits<number_type>::is_specialized
                       ? std::numeric_limits<number_type>::max_digits10
                       : 17);
    text << number;
    return text.str();
}

} // namespace detail
} // namespace odeint
} // namespace numeric
} // namespace boost

#endif // BOOST_NUMERIC_ODEINT_UTIL_DETAIL_TO_TEXT_HPP_INCLUDED
