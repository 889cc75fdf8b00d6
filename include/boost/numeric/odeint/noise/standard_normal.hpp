/*
 boost/numeric/odeint/noise/standard_normal.hpp

 Standard normals from Philox-4x32-10 blocks (4 words of 32 bits; Salmon et al., SC11 2011),
 as pure functions of the words, bitwise the same on every machine, under every build flag
 (noise/detail/exact_rounding.hpp says which flags void that) and on a CUDA device:
   float : 4 normals per block, from the word pairs (0, 1) and (2, 3);
   double: 2 normals per block, from the 64-bit words (0, 1) and (2, 3).
 The transform is Box & Muller's ("A note on the generation of random normal deviates",
 Ann. Math. Stat. 29, 1958): from a uniform u on (0, 1] and an angle of a turns,
     z0 = r cos(2 pi a),  z1 = r sin(2 pi a),  r = sqrt(-2 ln u),
 computed by the library's own kernels from correctly rounded +, -, x, / and sqrt only (no
 libm call, no fused multiply-add), so a loop over many blocks vectorises and every machine
 and the device compute the same bits:
   - u: float (2 j + 1) 2^-31 from the top 30 bits j of word 0 (rounded to float), double
     (2 k + 1) 2^-53 from the top 52 bits k of (word 0, word 1) (exact). The smallest u bounds
     |z|: float normals reach sqrt(62 ln 2) = 6.56, double normals sqrt(106 ln 2) = 8.57.
   - ln u: u = 2^e m with m in [sqrt(1/2), sqrt(2)); f = m - 1 (exact), s = f / (2 + f),
     ln m = f - s (f - R(s^2)) with R the Taylor series of 2 atanh(s) / s - 2 (9 terms for
     double, 4 for float), ln u = e ln2_hi + (ln m + e ln2_lo), ln2_hi with trailing zeros so
     that e ln2_hi is exact.
   - the angle: a = word / 2^32 (float) or (word 2, word 3) / 2^64 (double) turns; the
     integer gives the nearest quarter turn q and the remainder x in [-1/8, 1/8) turns
     (exact in the integer, rounded to Value), sin(2 pi x) = x P(x^2) and
     cos(2 pi x) = 1 + x^2 Q(x^2) (Taylor, 9 and 8 terms for double, 5 and 5 for float),
     rotated by q quarter turns (exact).
   - r: Newton's iteration for 1 / sqrt from a bit-level guess, then one step for sqrt
     (detail::newton_sqrt), not the square root instruction: GCC and clang keep an errno
     branch around sqrt unless -fno-math-errno, which stops the loops vectorising.
 Accuracy (test/test_standard_normal.cpp measures it against long double libm on 10^6
 arguments and checks the bounds): -2 ln u and sqrt within 2 ulps, cos and sin within 3. The
 normals' moments to the 4th, a Kolmogorov-Smirnov test on 10^7 draws, the tail
 probabilities to 5 sigma and the reach beyond 6 sigma are checked there too.

 Distributed under the Boost Software License, Version 1.0.
*/
#ifndef BOOST_NUMERIC_ODEINT_NOISE_STANDARD_NORMAL_HPP_INCLUDED
#define BOOST_NUMERIC_ODEINT_NOISE_STANDARD_NORMAL_HPP_INCLUDED

#include <boost/numeric/odeint/noise/detail/exact_rounding.hpp>
#include <boost/random/philox.hpp>

#include <cmath>
#include <cstddef>
#include <cstdint>
#include <cstring>
#include <type_traits>

BOOST_ODEINT_EES_EXACT_ROUNDING_BEGIN

namespace boost {
namespace numeric {
namespace odeint {

/// The reals made from one Philox block: 4 floats or 2 doubles.
template <class Value>
struct philox_real_block
{
    static_assert(std::is_same<Value, float>::value || std::is_same<Value, double>::value,
                  "philox_real_block: Value must be float or double");
    static constexpr unsigned size = std::is_same<Value, float>::value ? 4 : 2;
    Value value[size];
};

/// (2 k + 1) 2^-24 with k the top 23 bits of `word`: uniform on (0, 1), never 0 or 1.
BOOST_RANDOM_HOST_DEVICE constexpr float uniform_open01_float(std::uint32_t word)
{
    return static_cast<float>(2u * (word >> 9) + 1u) * 0x1p-24f;
}

/// (2 k + 1) 2^-53 with k the top 52 bits of (high, low): uniform on (0, 1), never 0 or 1.
BOOST_RANDOM_HOST_DEVICE constexpr double uniform_open01_double(std::uint32_t high,
                                                               std::uint32_t low)
{
    const std::uint64_t bits = (std::uint64_t{high} << 32) | low;
    return static_cast<double>(2u * (bits >> 12) + 1u) * 0x1p-53;
}

namespace detail {

BOOST_RANDOM_HOST_DEVICE inline std::uint64_t bits_of(double x)
{
    std::uint64_t b;
    std::memcpy(&b, &x, sizeof b);
    return b;
}

BOOST_RANDOM_HOST_DEVICE inline std::uint32_t bits_of(float x)
{
    std::uint32_t b;
    std::memcpy(&b, &x, sizeof b);
    return b;
}

BOOST_RANDOM_HOST_DEVICE inline double double_of(std::uint64_t b)
{
    double x;
    std::memcpy(&x, &b, sizeof x);
    return x;
}

BOOST_RANDOM_HOST_DEVICE inline float float_of(std::uint32_t b)
{
    float x;
    std::memcpy(&x, &b, sizeof x);
    return x;
}

/// The Box-Muller uniform of double lanes: (2 k + 1) 2^-53, k the top 52 bits of
/// (high, low), built from the bits (1 + k 2^-52, then two exact operations).
BOOST_RANDOM_HOST_DEVICE inline double box_muller_uniform(std::uint32_t high, std::uint32_t low)
{
    const std::uint64_t k = ((std::uint64_t{high} << 32) | low) >> 12;
    return rn::add(rn::sub(double_of(0x3ff0000000000000u | k), 1.0), 0x1p-53);
}

/// The Box-Muller uniform of float lanes: (2 j + 1) 2^-31 rounded to float, j the top 30
/// bits of `word`.
BOOST_RANDOM_HOST_DEVICE inline float box_muller_uniform(std::uint32_t word)
{
    return rn::mul(static_cast<float>(static_cast<std::int32_t>((word >> 1) | 1u)), 0x1p-31f);
}

/// -2 ln u for a normal (not subnormal) u in (0, 1]; see the header comment.
BOOST_RANDOM_HOST_DEVICE inline double minus_two_log(double u)
{
    // u = 2^e m, m in [sqrt(1/2), sqrt(2)): move the exponent boundary to sqrt(1/2).
    const std::uint64_t shifted = bits_of(u) + (0x3ff0000000000000u - 0x3fe6a09e667f3bcdu);
    const auto e = static_cast<std::int32_t>(static_cast<std::int64_t>(shifted >> 52) - 1023);
    const double m = double_of((shifted & 0x000fffffffffffffu) + 0x3fe6a09e667f3bcdu);
    const double f = rn::sub(m, 1.0);
    const double s = f / rn::add(2.0, f);
    const double z = rn::mul(s, s);
    // 2/3, 2/5, ..., 2/19, correctly rounded.
    double r = 0x1.af286bca1af28p-4;
    r = rn::add(0x1.e1e1e1e1e1e1ep-4, rn::mul(z, r));
    r = rn::add(0x1.1111111111111p-3, rn::mul(z, r));
    r = rn::add(0x1.3b13b13b13b14p-3, rn::mul(z, r));
    r = rn::add(0x1.745d1745d1746p-3, rn::mul(z, r));
    r = rn::add(0x1.c71c71c71c71cp-3, rn::mul(z, r));
    r = rn::add(0x1.2492492492492p-2, rn::mul(z, r));
    r = rn::add(0x1.999999999999ap-2, rn::mul(z, r));
    r = rn::add(0x1.5555555555555p-1, rn::mul(z, r));
    r = rn::mul(z, r);
    const double ed = static_cast<double>(e);
    const double ln2_hi = 0x1.62e42ff000000p-1; // ln 2 to 32 bits
    const double ln2_lo = -0x1.718432a1b0e26p-35;
    const double log_u = rn::add(rn::mul(ed, ln2_hi),
                                 rn::add(f, rn::sub(rn::mul(ed, ln2_lo), rn::mul(s, rn::sub(f, r)))));
    return rn::mul(-2.0, log_u);
}

/// -2 ln u for a normal float u in (0, 1].
BOOST_RANDOM_HOST_DEVICE inline float minus_two_log(float u)
{
    const std::uint32_t shifted = bits_of(u) + (0x3f800000u - 0x3f3504f3u);
    const auto e = static_cast<std::int32_t>(shifted >> 23) - 127;
    const float m = float_of((shifted & 0x007fffffu) + 0x3f3504f3u);
    const float f = rn::sub(m, 1.0f);
    const float s = f / rn::add(2.0f, f);
    const float z = rn::mul(s, s);
    float r = 0x1.c71c72p-3f; // 2/3, 2/5, 2/7, 2/9
    r = rn::add(0x1.24924ap-2f, rn::mul(z, r));
    r = rn::add(0x1.99999ap-2f, rn::mul(z, r));
    r = rn::add(0x1.555556p-1f, rn::mul(z, r));
    r = rn::mul(z, r);
    const float ef = static_cast<float>(e);
    const float ln2_hi = 0x1.62ep-1f; // ln 2 to 12 bits
    const float ln2_lo = 0x1.0bfbe8p-15f;
    const float log_u = rn::add(rn::mul(ef, ln2_hi),
                                rn::add(f, rn::sub(rn::mul(ef, ln2_lo), rn::mul(s, rn::sub(f, r)))));
    return rn::mul(-2.0f, log_u);
}

/// sqrt(x) for x = 0 or 2^-900 <= x < 2^1000 (float: 2^-90 <= x < 2^100) by Newton's iteration for 1/sqrt(x) from a
/// bit-level first guess, then x (1/sqrt(x)): only rounded products and differences, so the
/// loops around it vectorise under any flags (a square root call carries an errno branch
/// unless -fno-math-errno), and every machine gets the same bits. Within 2 ulps.
BOOST_RANDOM_HOST_DEVICE inline double newton_sqrt(double x)
{
    const double a = double_of(bits_of(x) & 0x7fffffffffffffffu); // |x|
    const double g = rn::add(a, 0x1p-1000); // a itself unless a = 0 (then r = 0 y = 0)
    double y = double_of(0x5fe6eb50c7b537a9u - (bits_of(g) >> 1));
    const double half_a = rn::mul(0.5, g);
    y = rn::mul(y, rn::sub(1.5, rn::mul(half_a, rn::mul(y, y)))); // written out: a loop here
    y = rn::mul(y, rn::sub(1.5, rn::mul(half_a, rn::mul(y, y)))); // stops -O2 vectorising
    y = rn::mul(y, rn::sub(1.5, rn::mul(half_a, rn::mul(y, y))));
    y = rn::mul(y, rn::sub(1.5, rn::mul(half_a, rn::mul(y, y))));
    const double r = rn::mul(a, y);
    // One Newton step for sqrt itself: r + (a - r^2) y / 2.
    return rn::add(r, rn::mul(rn::mul(0.5, y), rn::sub(a, rn::mul(r, r))));
}

BOOST_RANDOM_HOST_DEVICE inline float newton_sqrt(float x)
{
    const float a = float_of(bits_of(x) & 0x7fffffffu);
    const float g = rn::add(a, 0x1p-100f);
    float y = float_of(0x5f375a86u - (bits_of(g) >> 1));
    const float half_a = rn::mul(0.5f, g);
    y = rn::mul(y, rn::sub(1.5f, rn::mul(half_a, rn::mul(y, y))));
    y = rn::mul(y, rn::sub(1.5f, rn::mul(half_a, rn::mul(y, y))));
    y = rn::mul(y, rn::sub(1.5f, rn::mul(half_a, rn::mul(y, y))));
    const float r = rn::mul(a, y);
    return rn::add(r, rn::mul(rn::mul(0.5f, y), rn::sub(a, rn::mul(r, r))));
}

/// cos and sin of 2 pi x for x in [-1/8, 1/8] turns.
BOOST_RANDOM_HOST_DEVICE inline void cos_sin_turns(double x, double& c, double& s)
{
    const double z = rn::mul(x, x);
    // (-1)^n (2 pi)^(2n+1) / (2n+1)!, n = 8 .. 0
    double p = 0x1.aaec32af93359p-4;
    p = rn::add(-0x1.6fadb9f155744p-1, rn::mul(z, p));
    p = rn::add(0x1.e8f434d018d63p+1, rn::mul(z, p));
    p = rn::add(-0x1.e3074fde8871fp+3, rn::mul(z, p));
    p = rn::add(0x1.50783487ee782p+5, rn::mul(z, p));
    p = rn::add(-0x1.32d2cce62bd86p+6, rn::mul(z, p));
    p = rn::add(0x1.466bc6775aae2p+6, rn::mul(z, p));
    p = rn::add(-0x1.4abbce625be53p+5, rn::mul(z, p));
    p = rn::add(0x1.921fb54442d18p+2, rn::mul(z, p));
    s = rn::mul(x, p);
    // (-1)^n (2 pi)^(2n) / (2n)!, n = 8 .. 1
    double q = 0x1.20c62c2f2d7f5p-2;
    q = rn::add(-0x1.b6e24f44b128fp+0, rn::mul(z, q));
    q = rn::add(0x1.f9d38a3763cc3p+2, rn::mul(z, q));
    q = rn::add(-0x1.a6d1f2a204a8cp+4, rn::mul(z, q));
    q = rn::add(0x1.e1f506891babbp+5, rn::mul(z, q));
    q = rn::add(-0x1.55d3c7e3cbffap+6, rn::mul(z, q));
    q = rn::add(0x1.03c1f081b5ac4p+6, rn::mul(z, q));
    q = rn::add(-0x1.3bd3cc9be45dep+4, rn::mul(z, q));
    c = rn::add(1.0, rn::mul(z, q));
}

BOOST_RANDOM_HOST_DEVICE inline void cos_sin_turns(float x, float& c, float& s)
{
    const float z = rn::mul(x, x);
    float p = 0x1.507834p+5f; // n = 4 .. 0
    p = rn::add(-0x1.32d2ccp+6f, rn::mul(z, p));
    p = rn::add(0x1.466bc6p+6f, rn::mul(z, p));
    p = rn::add(-0x1.4abbcep+5f, rn::mul(z, p));
    p = rn::add(0x1.921fb6p+2f, rn::mul(z, p));
    s = rn::mul(x, p);
    float q = -0x1.a6d1f2p+4f; // n = 5 .. 1
    q = rn::add(0x1.e1f506p+5f, rn::mul(z, q));
    q = rn::add(-0x1.55d3c8p+6f, rn::mul(z, q));
    q = rn::add(0x1.03c1f0p+6f, rn::mul(z, q));
    q = rn::add(-0x1.3bd3ccp+4f, rn::mul(z, q));
    c = rn::add(1.0f, rn::mul(z, q));
}

/// cos and sin of 2 pi x turned by q quarter turns (q in 0..3): exact swaps and sign flips,
/// done on the bits (no branch, no select, so the loops vectorise even for SSE2).
BOOST_RANDOM_HOST_DEVICE inline void quarter_turns(std::uint64_t q, double c, double s,
                                                   double& cos_out, double& sin_out)
{
    const std::uint64_t swap = std::uint64_t{0} - (q & 1u); // all ones for odd q
    const std::uint64_t cb = bits_of(c), sb = bits_of(s);
    const std::uint64_t c1 = (cb & ~swap) | ((sb ^ (std::uint64_t{1} << 63)) & swap); // -s
    const std::uint64_t s1 = (sb & ~swap) | (cb & swap);
    const std::uint64_t flip = (q & 2u) << 62; // the sign bit for q = 2, 3
    cos_out = double_of(c1 ^ flip);
    sin_out = double_of(s1 ^ flip);
}

BOOST_RANDOM_HOST_DEVICE inline void quarter_turns(std::uint32_t q, float c, float s,
                                                   float& cos_out, float& sin_out)
{
    const std::uint32_t swap = 0u - (q & 1u);
    const std::uint32_t cb = bits_of(c), sb = bits_of(s);
    const std::uint32_t c1 = (cb & ~swap) | ((sb ^ 0x80000000u) & swap);
    const std::uint32_t s1 = (sb & ~swap) | (cb & swap);
    const std::uint32_t flip = (q & 2u) << 30;
    cos_out = float_of(c1 ^ flip);
    sin_out = float_of(s1 ^ flip);
}

/// cos and sin of 2 pi word / 2^32.
BOOST_RANDOM_HOST_DEVICE inline void cos_sin_of_word(std::uint32_t word, float& c, float& s)
{
    const std::uint32_t q = (word + 0x20000000u) >> 30;
    const auto rest = static_cast<std::int32_t>(word - (q << 30)); // in [-2^29, 2^29)
    float c0, s0;
    cos_sin_turns(rn::mul(static_cast<float>(rest), 0x1p-32f), c0, s0);
    quarter_turns(q, c0, s0, c, s);
}

/// cos and sin of 2 pi (high 2^32 + low) / 2^64.
BOOST_RANDOM_HOST_DEVICE inline void cos_sin_of_word(std::uint32_t high, std::uint32_t low,
                                                     double& c, double& s)
{
    const std::uint64_t word = (std::uint64_t{high} << 32) | low;
    const std::uint64_t q = (word + (std::uint64_t{1} << 61)) >> 62;
    const auto rest = static_cast<std::int64_t>(word - (q << 62)); // in [-2^61, 2^61)
    // rest 2^-64 from three exactly converted parts (32, 16 and 16 bits; two roundings).
    const auto rest_high = static_cast<std::int32_t>(rest >> 32);
    const auto rest_low = static_cast<std::uint32_t>(rest);
    const auto rest_mid = static_cast<std::int32_t>(rest_low >> 16);
    const auto rest_bottom = static_cast<std::int32_t>(rest_low & 0xffffu);
    const double x = rn::add(rn::add(rn::mul(static_cast<double>(rest_high), 0x1p-32),
                                     rn::mul(static_cast<double>(rest_mid), 0x1p-48)),
                             rn::mul(static_cast<double>(rest_bottom), 0x1p-64));
    double c0, s0;
    cos_sin_turns(x, c0, s0);
    quarter_turns(q, c0, s0, c, s);
}

} // namespace detail

/// Standard normals of lanes (2 pair, 2 pair + 1) of one block, computing only that pair
/// (pair < 2 for float, pair 0 for double); see the header comment.
template <class Value>
BOOST_RANDOM_HOST_DEVICE inline void standard_normal_pair(const boost::random::philox4x32_block& words,
                                                          unsigned pair, Value& z0, Value& z1)
{
    Value c, s, radius;
    if constexpr (std::is_same<Value, float>::value) {
        radius = detail::newton_sqrt(detail::minus_two_log(detail::box_muller_uniform(words.word[2 * pair])));
        detail::cos_sin_of_word(words.word[2 * pair + 1], c, s);
    } else {
        (void)pair;
        radius = detail::newton_sqrt(detail::minus_two_log(detail::box_muller_uniform(words.word[0], words.word[1])));
        detail::cos_sin_of_word(words.word[2], words.word[3], c, s);
    }
    z0 = detail::rn::mul(radius, c);
    z1 = detail::rn::mul(radius, s);
}

/// Standard normals from the words of one block: all pairs of standard_normal_pair.
template <class Value>
BOOST_RANDOM_HOST_DEVICE inline philox_real_block<Value>
standard_normal_block(const boost::random::philox4x32_block& words)
{
    philox_real_block<Value> result{};
    for (unsigned lane = 0; lane < philox_real_block<Value>::size; lane += 2)
        standard_normal_pair(words, lane / 2, result.value[lane], result.value[lane + 1]);
    return result;
}

/// Standard normals of `n` blocks laid out structure of arrays (word j of block i in
/// wj[i]): z[i lanes + l] is lane l of block i, as standard_normal_block. A loop the
/// compiler vectorises. (The loops spell out standard_normal_pair's composition: written as
/// calls of it, g++ still vectorises them and clang++ 14 no longer does; the bits are the
/// same either way, test/test_standard_normal.cpp.)
template <class Value>
inline void standard_normal_blocks(std::size_t n, const std::uint32_t* w0, const std::uint32_t* w1,
                                   const std::uint32_t* w2, const std::uint32_t* w3, Value* z)
{
    if constexpr (std::is_same<Value, float>::value) {
        for (std::size_t i = 0; i < n; ++i) {
            const float r0 = detail::newton_sqrt(detail::minus_two_log(detail::box_muller_uniform(w0[i])));
            const float r1 = detail::newton_sqrt(detail::minus_two_log(detail::box_muller_uniform(w2[i])));
            float c0, s0, c1, s1;
            detail::cos_sin_of_word(w1[i], c0, s0);
            detail::cos_sin_of_word(w3[i], c1, s1);
            z[4 * i] = r0 * c0;
            z[4 * i + 1] = r0 * s0;
            z[4 * i + 2] = r1 * c1;
            z[4 * i + 3] = r1 * s1;
        }
    } else {
        for (std::size_t i = 0; i < n; ++i) {
            const double r = detail::newton_sqrt(detail::minus_two_log(detail::box_muller_uniform(w0[i], w1[i])));
            double c, s;
            detail::cos_sin_of_word(w2[i], w3[i], c, s);
            z[2 * i] = r * c;
            z[2 * i + 1] = r * s;
        }
    }
}

/// Standard normals of Philox counter `counter` under key `key` (pure function).
template <class Value>
BOOST_RANDOM_HOST_DEVICE inline philox_real_block<Value>
standard_normal_block(const boost::random::philox4x32_block& counter,
                      const boost::random::philox4x32_key& key)
{
    return standard_normal_block<Value>(boost::random::philox4x32_10_block(counter, key));
}

} // namespace odeint
} // namespace numeric
} // namespace boost

BOOST_ODEINT_EES_EXACT_ROUNDING_END

#endif // BOOST_NUMERIC_ODEINT_NOISE_STANDARD_NORMAL_HPP_INCLUDED
