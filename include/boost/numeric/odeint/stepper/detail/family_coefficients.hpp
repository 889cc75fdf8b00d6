/*
 boost/numeric/odeint/stepper/detail/family_coefficients.hpp

 How the EES steppers get the coefficients of a family member EES(2,m;x) (doc/method.md §2):
 - the published instances, in float, double and long double (every binary format of 24, 53,
   64 or 113 significand bits), come from the correctly rounded literals of
   ees_published_tableaus.hpp: a default stepper costs nothing to construct;
 - any other x is evaluated from the closed form in the wider of value_type and long double,
   then rounded to value_type: within an ulp of the exact value in float and double; in long
   double (nothing wider) within 256 ulps, the formulas' own rounding errors amplified by
   EES(2,7)'s cancelling factors; other value types use their own arithmetic;
 - with the tag exact_coefficients (stepper/ees_exact_coefficients.hpp, which brings
   Boost.Multiprecision), any x is evaluated exactly in Q(√2) and correctly rounded.
 This header declares the tag (so that the steppers can name it without the exact
 arithmetic) and the helpers the steppers share.

 Distributed under the Boost Software License, Version 1.0.
*/
#ifndef BOOST_NUMERIC_ODEINT_STEPPER_DETAIL_FAMILY_COEFFICIENTS_HPP_INCLUDED
#define BOOST_NUMERIC_ODEINT_STEPPER_DETAIL_FAMILY_COEFFICIENTS_HPP_INCLUDED

#include <limits>
#include <type_traits>

#include <boost/numeric/odeint/stepper/detail/ees_published_tableaus.hpp>

namespace boost {
namespace numeric {
namespace odeint {

/// The tag type of exact_coefficients (defined in stepper/ees_exact_coefficients.hpp).
struct exact_coefficients_t;

namespace detail {

/// True for the value types whose published tableaus are literals: binary floating-point
/// types of 24, 53, 64 or 113 significand bits.
template <class Value>
constexpr bool has_published_tableaus()
{
    if constexpr (std::is_floating_point<Value>::value && std::numeric_limits<Value>::radix == 2)
        return ees_published_tableaus<std::numeric_limits<Value>::digits>::available;
    else
        return false;
}

/// The literal tables for Value's format (has_published_tableaus<Value>() only).
template <class Value>
using published_tableaus_of = ees_published_tableaus<std::numeric_limits<Value>::digits>;

/// A published family parameter: its value in Value (rounded) and its exact value
/// (a_num / a_den) + (b_num / b_den)·√2.
template <class Value>
struct published_parameter
{
    Value rounded;
    int a_num, a_den, b_num, b_den;
};

/// The arithmetic in which the closed form is evaluated for an unpublished x: long double
/// for the floating-point types narrower than it, Value itself otherwise.
template <class Value>
using family_arithmetic_t =
    std::conditional_t<std::is_floating_point<Value>::value &&
                           (std::numeric_limits<Value>::digits <
                            std::numeric_limits<long double>::digits),
                       long double, Value>;

/// True for the tag type exact_coefficients_t.
template <class Tag>
constexpr bool is_exact_coefficients_tag_v = std::is_same<Tag, exact_coefficients_t>::value;

} // namespace detail
} // namespace odeint
} // namespace numeric
} // namespace boost

#endif // BOOST_NUMERIC_ODEINT_STEPPER_DETAIL_FAMILY_COEFFICIENTS_HPP_INCLUDED
