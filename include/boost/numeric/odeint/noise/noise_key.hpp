/*
 boost/numeric/odeint/noise/noise_key.hpp

 Where the noise of brownian_path and virtual_brownian_tree comes from: the Philox-4x32-10
 key of (seed, path) and the 128-bit counter of one draw (Philox: Salmon et al., "Parallel
 random numbers: as easy as 1, 2, 3", SC11 2011; keys as stream ids, Section 5).

   noise_key(seed, path)    = seed xor mix64(path), mix64 the bijective SplitMix64 finaliser
                              (Steele, Lea & Flood, OOPSLA 2014), so for one seed distinct
                              paths get distinct keys, and path 0 uses the seed itself;
   noise_counter(a, b)      = (a low, a high, b low, b high).
 brownian_path draws counter (cell, level 2^32 + component / lanes) for the cells of its
 dyadic construction (noise/detail/dyadic_grid.hpp) and virtual_brownian_tree draws
 (node group, component | 2^63): the top bit keeps the two families of counters disjoint.
 Both are pure host/device functions.

 Distributed under the Boost Software License, Version 1.0.
*/
#ifndef BOOST_NUMERIC_ODEINT_NOISE_NOISE_KEY_HPP_INCLUDED
#define BOOST_NUMERIC_ODEINT_NOISE_NOISE_KEY_HPP_INCLUDED

#include <boost/random/philox.hpp>

#include <cstdint>

namespace boost {
namespace numeric {
namespace odeint {

/// SplitMix64's output function: a bijection of 64-bit words with mix64(0) = 0.
BOOST_RANDOM_HOST_DEVICE constexpr std::uint64_t mix64(std::uint64_t z)
{
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9u;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBu;
    return z ^ (z >> 31);
}

/// The Philox key of noise path `path` of seed `seed`.
BOOST_RANDOM_HOST_DEVICE constexpr boost::random::philox4x32_key noise_key(std::uint64_t seed,
                                                                         std::uint64_t path)
{
    const std::uint64_t key = seed ^ mix64(path);
    return boost::random::philox4x32_key{
        {static_cast<std::uint32_t>(key), static_cast<std::uint32_t>(key >> 32)}};
}

/// The Philox counter (first low, first high, second low, second high).
BOOST_RANDOM_HOST_DEVICE constexpr boost::random::philox4x32_block noise_counter(std::uint64_t first,
                                                                               std::uint64_t second)
{
    return boost::random::philox4x32_block{
        {static_cast<std::uint32_t>(first), static_cast<std::uint32_t>(first >> 32),
         static_cast<std::uint32_t>(second), static_cast<std::uint32_t>(second >> 32)}};
}

} // namespace odeint
} // namespace numeric
} // namespace boost

#endif // BOOST_NUMERIC_ODEINT_NOISE_NOISE_KEY_HPP_INCLUDED
