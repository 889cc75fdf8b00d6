/*
 boost/numeric/odeint/noise/detail/dyadic_grid.hpp

 The Lévy (Brownian bridge) construction behind brownian_path and batched_brownian_path,
 documented in doc/sde.md ("How a fixed-grid path is built"). The grid's N steps are the
 first N leaves of a binary tree of L = ⌈log2 N⌉ levels; node (l, a) is the cell of leaves
 [a 2^l, (a + 1) 2^l), and D(l, a) its increment in units of sqrt(h):

     D(L, 0)          = 2^(L/2) Z(0, 0),                          (the root)
     D(l − 1, 2a)     = D(l, a) / 2 + 2^(l/2 − 1) Z(l, a),      (left half)
     D(l − 1, 2a + 1) = D(l, a) / 2 − 2^(l/2 − 1) Z(l, a),      (right half)

 with Z(l, a) standard normals of Philox counter (a, group | l 2^32), group = component /
 lanes (the root's normal takes the counter of leaf 0, Z(0, 0), since leaves are never split
 and the root's own split needs Z(L, 0)): given the cell's increment, its left half is the
 bridge's midpoint, N(D/2, 2^l / 4).
 So every leaf is an exact N(0, 1) increment, the leaves are independent, and each is a
 pure function of (seed, path, grid index); halves sum to their cell to rounding.
 W(t_j) − W(t_i) = sqrt(h) · (the cells that tile [i, j)), found below the lowest common
 cell of leaves i and j − 1 and added bottom-up: O(L) normals without a cache, O(log(j − i))
 with one (the cursors keep, per level, the last two cells split).

 The arithmetic is a fixed sequence of rounded operations (detail::rn) in one order, shared
 by dyadic_increment (one element, host or device, no cache) and batched_brownian_path (a
 batch, cached), so the two agree bit for bit.

 Distributed under the Boost Software License, Version 1.0.
*/
#ifndef BOOST_NUMERIC_ODEINT_NOISE_DETAIL_DYADIC_GRID_HPP_INCLUDED
#define BOOST_NUMERIC_ODEINT_NOISE_DETAIL_DYADIC_GRID_HPP_INCLUDED

#include <boost/numeric/odeint/noise/detail/exact_rounding.hpp>
#include <boost/numeric/odeint/noise/noise_key.hpp>
#include <boost/numeric/odeint/noise/standard_normal.hpp>

#include <cstdint>

BOOST_ODEINT_EES_EXACT_ROUNDING_BEGIN

namespace boost {
namespace numeric {
namespace odeint {
namespace detail {

/// L = ⌈log2 steps⌉: the levels above the leaves (0 for one step).
BOOST_RANDOM_HOST_DEVICE inline unsigned dyadic_levels(std::uint64_t steps)
{
    unsigned levels = 0;
    while (levels < 64 && (std::uint64_t{1} << levels) < steps)
        ++levels;
    return levels;
}

/// 2^(x / 2) for x >= -2, exactly the rounded sqrt(2) times a power of two for odd x.
template <class Value>
BOOST_RANDOM_HOST_DEVICE inline Value half_power_of_two(int x)
{
    const int odd = x & 1;
    Value result = odd ? static_cast<Value>(1.41421356237309504880168872420969808L) : Value(1);
    for (int e = (x - odd) / 2; e > 0; --e)
        result = rn::mul(result, Value(2));
    for (int e = (x - odd) / 2; e < 0; ++e)
        result = rn::mul(result, Value(0.5));
    return result;
}

/// The Philox counter of Z(level, node) for components [lanes group, lanes group + lanes).
BOOST_RANDOM_HOST_DEVICE inline boost::random::philox4x32_block
dyadic_counter(unsigned level, std::uint64_t node, std::uint64_t group)
{
    return noise_counter(node, (std::uint64_t{level} << 32) | (group & 0xffffffffu));
}

/// Z(level, node) of component `component`.
template <class Value>
BOOST_RANDOM_HOST_DEVICE inline Value dyadic_normal(const boost::random::philox4x32_key& key,
                                                    unsigned level, std::uint64_t node,
                                                    std::uint64_t component)
{
    constexpr unsigned lanes = philox_real_block<Value>::size;
    const auto lane = static_cast<unsigned>(component % lanes);
    const boost::random::philox4x32_block words =
        boost::random::philox4x32_10_block(dyadic_counter(level, node, component / lanes), key);
    Value z0{};
    Value z1{};
    standard_normal_pair(words, lane / 2, z0, z1);
    return (lane % 2 == 0) ? z0 : z1;
}

/// The halves of cell (level, node) with increment d, given its normal z.
template <class Value>
BOOST_RANDOM_HOST_DEVICE inline void dyadic_split(Value d, Value sigma, Value z, Value& left,
                                                  Value& right)
{
    const Value half = rn::mul(d, Value(0.5));
    const Value noise = rn::mul(sigma, z);
    left = rn::add(half, noise);
    right = rn::sub(half, noise);
}

/// The root's increment 2^(L/2) Z(L, 0) from its normal.
template <class Value>
BOOST_RANDOM_HOST_DEVICE inline Value dyadic_root(unsigned levels, Value z)
{
    return rn::mul(half_power_of_two<Value>(static_cast<int>(levels)), z);
}

/// Number of bits of x (0 for 0).
BOOST_RANDOM_HOST_DEVICE inline unsigned bit_length(std::uint64_t x)
{
    unsigned n = 0;
    while (x != 0) {
        ++n;
        x >>= 1;
    }
    return n;
}

/// The sum, in units of sqrt(h), of the leaves [first, last) (first < last <= 2^levels) of
/// component `component` under `key`: the arithmetic every implementation follows. O(levels)
/// normals; for one element, host or device.
template <class Value>
BOOST_RANDOM_HOST_DEVICE inline Value dyadic_increment(const boost::random::philox4x32_key& key,
                                                       unsigned levels, std::uint64_t first,
                                                       std::uint64_t last, std::uint64_t component)
{
    // The lowest common cell (lca, a) of leaves first and last - 1, from the root down.
    const unsigned lca = bit_length(first ^ (last - 1));
    Value d = dyadic_root(levels, dyadic_normal<Value>(key, 0, 0, component));
    for (unsigned level = levels; level > lca; --level) {
        const std::uint64_t node = first >> level;
        Value left, right;
        dyadic_split(d, half_power_of_two<Value>(static_cast<int>(level) - 2),
                     dyadic_normal<Value>(key, level, node, component), left, right);
        d = ((first >> (level - 1)) & 1u) ? right : left;
    }
    const std::uint64_t a = first >> lca;
    if (first == (a << lca) && last == ((a + 1) << lca))
        return d;
    // Split the common cell; tile [first, mid) from its left half, [mid, last) from its right.
    Value left_d, right_d;
    dyadic_split(d, half_power_of_two<Value>(static_cast<int>(lca) - 2),
                 dyadic_normal<Value>(key, lca, a, component), left_d, right_d);
    Value siblings[64];
    // Suffix [first, end) of the left half: down to the cell that starts at `first`, keeping
    // the right siblings passed on the way; added bottom-up.
    unsigned count = 0;
    unsigned level = lca - 1;
    std::uint64_t node = 2 * a;
    Value cell = left_d;
    while (first != (node << level)) {
        Value l, r;
        dyadic_split(cell, half_power_of_two<Value>(static_cast<int>(level) - 2),
                     dyadic_normal<Value>(key, level, node, component), l, r);
        --level;
        if ((first >> level) & 1u) {
            cell = r;
            node = 2 * node + 1;
        } else {
            siblings[count++] = r;
            cell = l;
            node = 2 * node;
        }
    }
    Value suffix = cell;
    while (count > 0)
        suffix = rn::add(suffix, siblings[--count]);
    // Prefix [mid, last) of the right half.
    level = lca - 1;
    node = 2 * a + 1;
    cell = right_d;
    while (last != ((node + 1) << level)) {
        Value l, r;
        dyadic_split(cell, half_power_of_two<Value>(static_cast<int>(level) - 2),
                     dyadic_normal<Value>(key, level, node, component), l, r);
        --level;
        if ((last - 1) >> level & 1u) {
            siblings[count++] = l;
            cell = r;
            node = 2 * node + 1;
        } else {
            cell = l;
            node = 2 * node;
        }
    }
    Value prefix = cell;
    while (count > 0)
        prefix = rn::add(prefix, siblings[--count]);
    return rn::add(suffix, prefix);
}

/// The leaves of one element visited in order (forwards or backwards, one at a time):
/// keeps the increments of the cells on the path to the last leaf, so the next leaf costs
/// the splits below the cell the two share (two on average) instead of L. Same arithmetic as
/// dyadic_increment for a one-leaf span, so the same bits. Host and device, no allocation.
template <class Value>
struct dyadic_leaf_walker
{
    boost::random::philox4x32_key key;
    unsigned levels = 0;
    std::uint64_t component = 0;
    std::uint64_t leaf = 0;
    bool started = false;
    Value d[65] = {};

    /// D(0, k): the increment of leaf k in units of sqrt(h).
    BOOST_RANDOM_HOST_DEVICE Value operator()(std::uint64_t k)
    {
        unsigned level = levels;
        if (started && bit_length(k ^ leaf) <= levels)
            level = bit_length(k ^ leaf); // d[level] is the shared cell
        else
            d[levels] = dyadic_root(levels, dyadic_normal<Value>(key, 0, 0, component));
        for (; level > 0; --level) {
            Value left, right;
            dyadic_split(d[level], half_power_of_two<Value>(static_cast<int>(level) - 2),
                         dyadic_normal<Value>(key, level, k >> level, component), left, right);
            d[level - 1] = ((k >> (level - 1)) & 1u) ? right : left;
        }
        leaf = k;
        started = true;
        return d[0];
    }
};

} // namespace detail
} // namespace odeint
} // namespace numeric
} // namespace boost

BOOST_ODEINT_EES_EXACT_ROUNDING_END

#endif // BOOST_NUMERIC_ODEINT_NOISE_DETAIL_DYADIC_GRID_HPP_INCLUDED
