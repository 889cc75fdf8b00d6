// boost/numeric/odeint/noise/standard_normal.hpp
//
// Turns one Philox-4x32-10 block (4 words of 32 bits; Salmon et al., SC11 2011) into uniform
// (0, 1) and standard normal reals, as pure functions of (counter, key) usable on host and in
// CUDA device code:
//   float : 4 uniforms (23 random bits each) or 4 normals (2 Box-Muller pairs),
//   double: 2 uniforms (52 random bits each, from 2 words) or 2 normals (1 Box-Muller pair).
// Box & Muller, "A note on the generation of random normal deviates", Ann. Math. Stat. 29
// (1958): z0 = r cos(2 pi u2), z1 = r sin(2 pi u2), r = sqrt(-2 log u1).
//
// The uniforms lie in the open interval: (2 k + 1) 2^-24, k < 2^23, for float and
// (2 k + 1) 2^-53, k < 2^52, for double are exact and never 0 or 1, so log never sees 0. The
// smallest u1 bounds |z|: float normals stay below sqrt(48 ln 2) = 5.77, double normals below
// sqrt(106 ln 2) = 8.57 (tails of probability 8e-9 and 1e-17 are cut).
// The uniforms are exact and identical everywhere; the normals use the platform's log, sin,
// cos, so device and host values can differ in the last bits (CUDA's are within 1-2 ulp).
//
// Distributed under the Boost Software License, Version 1.0.
#ifndef BOOST_NUMERIC_ODEINT_NOISE_STANDARD_NORMAL_HPP_INCLUDED
#define BOOST_NUMERIC_ODEINT_NOISE_STANDARD_NORMAL_HPP_INCLUDED

#include <boost/random/philox.hpp>

#include <cmath>
#include <cstdint>
#include <type_traits>

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

/// Box-Muller: two independent uniforms on (0, 1) -> two independent standard normals.
template <class Value>
BOOST_RANDOM_HOST_DEVICE inline void box_muller(Value u1, Value u2, Value& z0, Value& z1)
{
    using std::cos;
    using std::log;
    using std::sin;
    using std::sqrt;
    const Value two_pi = static_cast<Value>(6.283185307179586476925286766559);
    const Value radius = sqrt(static_cast<Value>(-2) * log(u1));
    const Value angle = two_pi * u2;
    z0 = radius * cos(angle);
    z1 = radius * sin(angle);
}

/// Uniforms on (0, 1) from the words of one block: words 0..3 for float, (0,1), (2,3) for double.
template <class Value>
BOOST_RANDOM_HOST_DEVICE inline philox_real_block<Value>
uniform_open01_block(const boost::random::philox4x32_block& words)
{
    philox_real_block<Value> result{};
    if constexpr (std::is_same<Value, float>::value) {
        for (unsigned lane = 0; lane < 4; ++lane)
            result.value[lane] = uniform_open01_float(words.word[lane]);
    } else {
        result.value[0] = uniform_open01_double(words.word[0], words.word[1]);
        result.value[1] = uniform_open01_double(words.word[2], words.word[3]);
    }
    return result;
}

/// Standard normals of lanes (2 pair, 2 pair + 1) of one block, computing only that pair:
/// Box-Muller on the uniforms of those two lanes (pair < 2 for float, pair 0 for double).
template <class Value>
BOOST_RANDOM_HOST_DEVICE inline void standard_normal_pair(const boost::random::philox4x32_block& words,
                                                          unsigned pair, Value& z0, Value& z1)
{
    if constexpr (std::is_same<Value, float>::value) {
        box_muller(uniform_open01_float(words.word[2 * pair]),
                   uniform_open01_float(words.word[2 * pair + 1]), z0, z1);
    } else {
        (void)pair;
        box_muller(uniform_open01_double(words.word[0], words.word[1]),
                   uniform_open01_double(words.word[2], words.word[3]), z0, z1);
    }
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

/// Uniforms on (0, 1) of Philox counter `counter` under key `key` (pure function).
template <class Value>
BOOST_RANDOM_HOST_DEVICE inline philox_real_block<Value>
uniform_open01_block(const boost::random::philox4x32_block& counter,
                     const boost::random::philox4x32_key& key)
{
    return uniform_open01_block<Value>(boost::random::philox4x32_10_block(counter, key));
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

#endif // BOOST_NUMERIC_ODEINT_NOISE_STANDARD_NORMAL_HPP_INCLUDED
