/*
 boost/numeric/odeint/stepper/detail/exact_coefficients.hpp

 Exact arithmetic in Q(√2), the numbers a + b√2 with a, b rational (Boost.Multiprecision's
 cpp_rational), and the correctly rounded conversion of such a number to float, double or
 long double (round to nearest, ties to even). The EES steppers evaluate their closed-form
 coefficients exactly in it, so that every coefficient is the correctly rounded value of the
 exact formula in every value_type (doc/method.md §2), instead of carrying the rounding
 errors of a dozen floating-point operations (up to 36 ulp for EES(2,7)'s a41 in double).

 A binary floating-point number is a rational, so a family parameter x given as a value_type
 is exact here; the published instances, whose parameters are irrational or not binary, are
 exact too ((5 - 3√2)/14 = 5/14 - (3/14)√2).

 Distributed under the Boost Software License, Version 1.0.
*/
#ifndef BOOST_NUMERIC_ODEINT_STEPPER_DETAIL_EXACT_COEFFICIENTS_HPP_INCLUDED
#define BOOST_NUMERIC_ODEINT_STEPPER_DETAIL_EXACT_COEFFICIENTS_HPP_INCLUDED

#include <cmath>
#include <cstddef>
#include <limits>
#include <type_traits>
#include <utility>

// GCC 12 reports -Wmaybe-uninitialized inside cpp_int's own code once it inlines it (a false
// positive on its limb storage); the report carries cpp_int.hpp's location, which this
// scoped pragma covers.
#if defined(__GNUC__) && !defined(__clang__)
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wmaybe-uninitialized"
#endif
// nvcc's front end rejects cpp_int's integer_traits for __int128 (a shift of a negative
// constant in a template argument); without BOOST_HAS_INT128 cpp_int uses 32-bit limbs, the
// same exact arithmetic, a little slower, once per stepper construction.
#if defined(__CUDACC__) && defined(BOOST_HAS_INT128)
#undef BOOST_HAS_INT128
#endif
#include <boost/multiprecision/cpp_int.hpp>
#if defined(__GNUC__) && !defined(__clang__)
#pragma GCC diagnostic pop
#endif

#include <boost/numeric/odeint/stepper/butcher_tableau.hpp>

namespace boost {
namespace numeric {
namespace odeint {
namespace detail {

using exact_rational = boost::multiprecision::cpp_rational;
using exact_integer = boost::multiprecision::cpp_int;

/// a + b√2, exactly.
struct quadratic_surd
{
    exact_rational a;
    exact_rational b;

    quadratic_surd() = default;
    quadratic_surd(int value) : a(value), b(0) {}  // NOLINT: the formulas mix in integers
    quadratic_surd(exact_rational rational, exact_rational root2_coefficient = 0)
        : a(std::move(rational)), b(std::move(root2_coefficient))
    {
    }

    /// √2.
    static quadratic_surd root2() { return quadratic_surd(exact_rational(0), exact_rational(1)); }

    bool is_zero() const { return a == 0 && b == 0; }

    quadratic_surd& operator+=(const quadratic_surd& v)
    {
        a += v.a;
        b += v.b;
        return *this;
    }

    friend quadratic_surd operator-(const quadratic_surd& u) { return {-u.a, -u.b}; }
    friend quadratic_surd operator+(const quadratic_surd& u, const quadratic_surd& v)
    {
        return {u.a + v.a, u.b + v.b};
    }
    friend quadratic_surd operator-(const quadratic_surd& u, const quadratic_surd& v)
    {
        return {u.a - v.a, u.b - v.b};
    }
    friend quadratic_surd operator*(const quadratic_surd& u, const quadratic_surd& v)
    {
        return {u.a * v.a + 2 * u.b * v.b, u.a * v.b + u.b * v.a};
    }
    /// v must not be 0 (the callers check the poles first).
    friend quadratic_surd operator/(const quadratic_surd& u, const quadratic_surd& v)
    {
        // (a + b√2)(c − d√2) / (c² − 2d²); c² − 2d² = 0 only for v = 0, √2 being irrational.
        const exact_rational norm = v.a * v.a - 2 * v.b * v.b;
        const quadratic_surd product = u * quadratic_surd(v.a, -v.b);
        return {product.a / norm, product.b / norm};
    }
};

/// The sign (-1, 0, 1) of p + q√2, decided exactly.
inline int exact_sign(const exact_rational& p, const exact_rational& q)
{
    const int sp = p.sign(), sq = q.sign();
    if (sq == 0)
        return sp;
    if (sp == 0 || sp == sq)
        return sq;
    // Opposite signs: |p| against |q|√2, i.e. p² against 2q².
    const exact_rational difference = p * p - 2 * q * q;
    const int s = difference.sign();
    return sp > 0 ? s : -s;
}

/// The sign of u - r.
inline int compare(const quadratic_surd& u, const exact_rational& r)
{
    return exact_sign(u.a - r, u.b);
}

/// A finite binary floating-point number as the rational it is.
template <class Real>
exact_rational exact_value(Real value)
{
    static_assert(std::numeric_limits<Real>::radix == 2, "binary floating point only");
    using std::frexp;
    using std::ldexp;
    if (value == Real(0))
        return exact_rational(0);
    int exponent = 0;
    const Real fraction = frexp(value, &exponent);  // value = fraction · 2^exponent
    constexpr int digits = std::numeric_limits<Real>::digits;
    // fraction · 2^digits is an integer of at most `digits` (≤ 64) bits.
    const Real scaled = ldexp(fraction < 0 ? -fraction : fraction, digits);
    exact_integer mantissa(static_cast<unsigned long long>(scaled));
    if (fraction < 0)
        mantissa = -mantissa;
    const int shift = exponent - digits;
    if (shift >= 0)
        return exact_rational(exact_integer(mantissa << shift));
    return exact_rational(mantissa, exact_integer(exact_integer(1) << -shift));
}

template <class Real>
bool has_even_last_digit(Real value)
{
    using std::fmod;
    using std::ilogb;
    using std::ldexp;
    if (value == Real(0))
        return true;
    // value / ulp(value) is an integer; its parity is that of the last mantissa digit.
    const int min_exponent = std::numeric_limits<Real>::min_exponent - 1;
    int exponent = ilogb(value);
    if (exponent < min_exponent)
        exponent = min_exponent;
    const Real units = ldexp(value, std::numeric_limits<Real>::digits - 1 - exponent);
    return fmod(units, Real(2)) == Real(0);
}

/// u rounded to the nearest Real, ties to even: a first guess from long double arithmetic,
/// then moved to the neighbour while u lies beyond the midpoint on that side.
template <class Real>
Real round_to_nearest(const quadratic_surd& u)
{
    static_assert(std::is_floating_point<Real>::value, "float, double or long double");
    using std::isfinite;
    using std::nextafter;
    using std::sqrt;
    // Where a and b√2 have opposite signs they cancel; a + b√2 = (a² − 2b²)/(a − b√2) then
    // has no cancellation, so the guess is within a few long double ulps either way and the
    // loop below moves it by a step or two at most.
    const long double root2 = sqrt(2.0L);
    long double guess;
    if (u.a.sign() * u.b.sign() < 0)
    {
        const exact_rational norm = u.a * u.a - 2 * u.b * u.b;
        guess = norm.template convert_to<long double>() /
                (u.a.template convert_to<long double>() -
                 u.b.template convert_to<long double>() * root2);
    }
    else
        guess = u.a.template convert_to<long double>() +
                u.b.template convert_to<long double>() * root2;
    Real value = static_cast<Real>(guess);
    if (!isfinite(value))
        return value;  // beyond Real's range: the caller rejects non-finite coefficients
    const Real infinity = std::numeric_limits<Real>::infinity();
    for (;;)
    {
        const exact_rational here = exact_value(value);
        const Real below = nextafter(value, -infinity), above = nextafter(value, infinity);
        if (isfinite(below))
        {
            const int side = compare(u, (here + exact_value(below)) / 2);
            if (side < 0 || (side == 0 && !has_even_last_digit(value)))
            {
                value = below;
                continue;
            }
        }
        if (isfinite(above))
        {
            const int side = compare(u, (here + exact_value(above)) / 2);
            if (side > 0 || (side == 0 && !has_even_last_digit(value)))
            {
                value = above;
                continue;
            }
        }
        return value;
    }
}

/// True for the value types whose coefficients are rounded from the exact values: float,
/// double and long double with a binary radix. Other types evaluate the formulas in
/// value_type arithmetic.
template <class Value>
constexpr bool has_exact_coefficients()
{
    return std::is_floating_point<Value>::value && std::numeric_limits<Value>::radix == 2;
}

/// Every entry of an exact tableau, correctly rounded to Value.
template <class Value, std::size_t Stages>
butcher_tableau<Value, Stages> round_tableau(const butcher_tableau<quadratic_surd, Stages>& exact)
{
    butcher_tableau<Value, Stages> t;
    for (std::size_t i = 0; i < Stages; ++i)
    {
        for (std::size_t j = 0; j < i; ++j)
            t.a[i][j] = round_to_nearest<Value>(exact.a[i][j]);
        t.b[i] = round_to_nearest<Value>(exact.b[i]);
        t.c[i] = round_to_nearest<Value>(exact.c[i]);
    }
    return t;
}

} // namespace detail
} // namespace odeint
} // namespace numeric
} // namespace boost

#endif // BOOST_NUMERIC_ODEINT_STEPPER_DETAIL_EXACT_COEFFICIENTS_HPP_INCLUDED
