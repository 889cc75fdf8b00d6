/*
 boost/numeric/odeint/noise/virtual_brownian_tree.hpp

 virtual_brownian_tree<Value, Time>: an m-dimensional Brownian motion W on [t0, t1] that can
 be queried at any time, with bounded memory: the virtual Brownian tree of Li, Wong, Chen &
 Duvenaud, "Scalable gradients for stochastic differential equations", AISTATS 2020 (see also
 Kidger, Foster, Li & Lyons, "Efficient and accurate gradients for neural SDEs", NeurIPS 2021,
 on its cost and the Brownian-bridge construction it rests on):

   W(t0) = 0,  W(t1) = sqrt(T) Z_0,  T = t1 - t0;
   node n of level l (interval [a, b] = t0 + T [n, n + 1] / 2^l, heap id 2^l + n) splits at its
   midpoint c by the Brownian bridge
       W(c) = (W(a) + W(b)) / 2 + sqrt((b - a) / 4) Z_{2^l + n},
   for l = 0 .. depth() - 1, depth() = the least d with T / 2^d <= tolerance;
   inside a leaf interval (length leaf_length() = T / 2^depth() <= tolerance) W is linear:
       W(t) = (1 - f) W(a) + f W(b),  f = (t - a) / (b - a).
 So W is exactly a Brownian motion sampled on the dyadic grid of spacing leaf_length(),
 joined linearly: increments over intervals of length >= leaf_length() have (up to the
 interpolation at their two ends) variance u - s, those inside one leaf have variance
 (u - s)^2 / leaf_length() <= u - s. W is a deterministic function of (seed, path, t), so
 W(s, u) = W(u) - W(s) and W(s, u) = W(s, t) + W(t, u) up to rounding, in any query order.

 Z_id, component i, comes from one lane of one Philox-4x32-10 block (Salmon et al., SC11
 2011) under noise_key(seed, path); a block holds `lanes` normals (2 for double, 4 for float),
 shared by c = brownian_tree_component_lanes(dimension) consecutive components
 (c = min(lanes, dimension rounded up to a power of 2)) and lanes / c neighbouring nodes of one
 level: counter noise_counter(id / (lanes / c), i / c | 2^63), lane (id % (lanes / c)) c + i % c.
 So a one-dimensional tree draws sibling nodes together, a wide one draws each node's
 components together; the normals therefore depend on the dimension class c as well as on
 (seed, path, id, i). brownian_tree_normal is that map for CUDA device code.

 Cost: a query descends from the deepest node it shares with the previous query, so a
 query costs O(depth) = O(log(T / tolerance)) Box-Muller draws at most, and sequential
 stepping with step h costs about log2(h / leaf_length()) + 1 fresh draws per step. The
 cache (a cursor) holds one root-to-leaf path: O(depth x dimension) memory. The cache belongs
 to whoever walks the tree, not to the tree: increment(s, u, dW, cursor) and
 value(t, W, cursor) take a cursor (make_cursor()), and the tree itself is immutable, so one
 tree, const, serves several threads at once, each with its own cursor. The steppers keep
 the cursor of the tree that drives them. The forms without a cursor use one the object
 makes on first use: those are not safe to call on one object from several threads at once.
 Copying a tree costs O(1) and no allocation (the copy starts without a cache); copies give
 identical values, and a cursor serves the tree that made it and its copies.

 Query times may exceed [t0, t1] by 1e-9 relative to max(|t0|, |t1|) (1024 eps for float
 times) and are then clamped; further out is std::out_of_range.

 Distributed under the Boost Software License, Version 1.0.
*/
#ifndef BOOST_NUMERIC_ODEINT_NOISE_VIRTUAL_BROWNIAN_TREE_HPP_INCLUDED
#define BOOST_NUMERIC_ODEINT_NOISE_VIRTUAL_BROWNIAN_TREE_HPP_INCLUDED

#include <boost/numeric/odeint/util/detail/check_count.hpp>
#include <boost/numeric/odeint/noise/detail/scalar_increment.hpp>
#include <boost/numeric/odeint/noise/detail/exact_rounding.hpp>
#include <boost/numeric/odeint/noise/noise_key.hpp>
#include <boost/numeric/odeint/noise/standard_normal.hpp>
#include <boost/numeric/odeint/util/detail/walker_cache.hpp>
#include <boost/numeric/odeint/util/detail/to_text.hpp>

#include <algorithm>
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <limits>
#include <sstream>
#include <stdexcept>
#include <string>
#include <type_traits>
#include <vector>

BOOST_ODEINT_EES_EXACT_ROUNDING_BEGIN

namespace boost {
namespace numeric {
namespace odeint {

/// Components per Philox block in a virtual_brownian_tree of `dimension` components:
/// min(lanes, dimension rounded up to a power of 2), lanes = 2 (double) or 4 (float).
template <class Value>
BOOST_RANDOM_HOST_DEVICE constexpr unsigned brownian_tree_component_lanes(std::uint64_t dimension)
{
    constexpr unsigned lanes = philox_real_block<Value>::size;
    unsigned c = 1;
    while (c < lanes && c < dimension)
        c *= 2;
    return c;
}

/// Standard normal Z_id, component `component`, of the virtual_brownian_tree with key `key`
/// and `dimension` components (pure, host and device); node_id = 0 is the endpoint W(t1),
/// 2^l + n node n of level l.
template <class Value>
BOOST_RANDOM_HOST_DEVICE inline Value brownian_tree_normal(const boost::random::philox4x32_key& key,
                                                           std::uint64_t node_id,
                                                           std::uint64_t component,
                                                           std::uint64_t dimension)
{
    constexpr unsigned lanes = philox_real_block<Value>::size;
    const unsigned component_lanes = brownian_tree_component_lanes<Value>(dimension);
    const unsigned node_lanes = lanes / component_lanes;
    const auto lane = static_cast<unsigned>((node_id % node_lanes) * component_lanes +
                                            component % component_lanes);
    const boost::random::philox4x32_block words = boost::random::philox4x32_10_block(
        noise_counter(node_id / node_lanes,
                      (component / component_lanes) | (std::uint64_t{1} << 63)),
        key);
    Value z0{};
    Value z1{};
    standard_normal_pair(words, lane / 2, z0, z1);
    return (lane % 2 == 0) ? z0 : z1;
}

template <class Value = double, class Time = Value>
class virtual_brownian_tree
{
    static_assert(std::is_floating_point<Value>::value && std::is_floating_point<Time>::value,
                  "virtual_brownian_tree<Value, Time> takes the scalar type of the increments "
                  "and of time (virtual_brownian_tree<double>), not the state type of the "
                  "system");

public:
    using value_type = Value;
    using time_type = Time;

    /// The deepest tree: 2^62 leaves.
    static constexpr unsigned max_depth = 62;

    /// The largest dimension: 2^32 components (the cache of a root-to-leaf path then still
    /// has a size that std::size_t holds; a larger value is almost always a negative count
    /// converted to std::size_t).
    static constexpr std::uint64_t max_dimension = std::uint64_t{1} << 32;

    /// Brownian motion of `dimension` components on [t0, t1], resolved by bisection down to
    /// intervals of length <= tolerance, noise path `path` of seed `seed`. Throws
    /// std::invalid_argument unless t0, t1 are finite, t1 > t0, tolerance is finite and > 0
    /// and needs at most max_depth levels, and 0 < dimension <= max_dimension (a count of -1
    /// passed as an int is named as such).
    virtual_brownian_tree(std::uint64_t seed, Time t0, Time t1, Time tolerance,
                          std::size_t dimension = 1, std::uint64_t path = 0)
        : m_seed(seed), m_path(path), m_t0(t0), m_t1(t1), m_tolerance(tolerance),
          m_dimension(dimension), m_key(noise_key(seed, path))
    {
        using std::abs;
        using std::isfinite;
        detail::check_count("virtual_brownian_tree", "dimension", dimension, max_dimension);
        if (!isfinite(t0) || !isfinite(t1))
            throw std::invalid_argument("virtual_brownian_tree: t0 = " + detail::to_text(t0) +
                                        " and t1 = " + detail::to_text(t1) + " must be finite");
        if (!(t1 > t0))
            throw std::invalid_argument("virtual_brownian_tree: needs t1 > t0, got t0 = " +
                                        detail::to_text(t0) + ", t1 = " + detail::to_text(t1));
        if (!(tolerance > Time(0)) || !isfinite(tolerance))
            throw std::invalid_argument("virtual_brownian_tree: tolerance = " +
                                        detail::to_text(tolerance) + " must be finite and positive");
        if (dimension == 0)
            throw std::invalid_argument("virtual_brownian_tree: dimension = 0, needs at least "
                                        "one component");
        const Time length = t1 - t0;
        Time leaf = length;
        while (leaf > tolerance) {
            if (m_depth == max_depth)
                throw std::invalid_argument(
                    "virtual_brownian_tree: tolerance = " + detail::to_text(tolerance) +
                    " is too small for [t0, t1] = [" + detail::to_text(t0) + ", " + detail::to_text(t1) +
                    "]: it needs more than " + std::to_string(max_depth) + " bisections");
            leaf /= Time(2);
            ++m_depth;
        }
        m_leaf_length = leaf;
        const Time relative =
            std::max(Time(1e-9), Time(1024) * std::numeric_limits<Time>::epsilon());
        m_boundary_slack = relative * std::max(abs(t0), abs(t1));

        // m_sigma[l] = sqrt((b - a) / 4) for the intervals of level l.
        for (unsigned level = 0; level < m_depth; ++level)
            m_bridge_scale[level] = static_cast<Value>(
                std::sqrt(std::ldexp(length, -static_cast<int>(level) - 2)));

        constexpr unsigned lanes = philox_real_block<Value>::size;
        const std::size_t m = m_dimension;
        m_component_lanes = brownian_tree_component_lanes<Value>(m);
        m_node_lanes = lanes / m_component_lanes;
        static_cast<void>(m);
        m_root_scale = static_cast<Value>(std::sqrt(length));
    }

    /// The cache of one walker of the tree: the root-to-leaf path of its last query (for
    /// level l, W at the node's two ends, the node's index, and the normals of the node group
    /// drawn last at that level). A query descends from the deepest node it shares with the
    /// cursor's path. O(depth x dimension) memory.
    class cursor
    {
        friend class virtual_brownian_tree;
        std::vector<Value> endpoints;
        std::vector<std::uint64_t> node_index;
        std::vector<std::uint64_t> cached_group;
        std::vector<Value> group_normals;
        std::vector<Value> scratch;
        std::vector<Value> second_scratch;
        std::uint64_t cached_leaf = 0;
        bool path_valid = false;
        // The tree it walks (its copies give the same numbers): key, interval and depth.
        boost::random::philox4x32_key key{};
        Time t0{}, t1{};
        unsigned depth = 0;
    };
    using cursor_type = cursor;

    /// A fresh cursor for this tree (and its copies).
    cursor make_cursor() const
    {
        const std::size_t m = m_dimension;
        cursor c;
        c.endpoints.assign(2 * m * (m_depth + 1), Value(0));
        for (std::size_t i = 0; i < m; ++i) // level 0: W(t0) = 0, W(t1) = sqrt(T) Z_0
            c.endpoints[m + i] = m_root_scale * brownian_tree_normal<Value>(m_key, 0, i, m);
        c.node_index.assign(m_depth + 1, 0);
        c.cached_group.assign(m_depth, no_group);
        c.group_normals.assign(static_cast<std::size_t>(m_depth) * m * m_node_lanes, Value(0));
        c.scratch.assign(m, Value(0));
        c.second_scratch.assign(m, Value(0));
        c.key = m_key;
        c.t0 = m_t0;
        c.t1 = m_t1;
        c.depth = m_depth;
        return c;
    }

    /// Whether `c` was made by this tree or a copy (same key, interval, depth and
    /// dimension); the queries with a cursor reject any other, and a stepper makes a new one.
    bool cursor_matches(const cursor& c) const
    {
        return c.endpoints.size() == 2 * m_dimension * (m_depth + 1) && c.depth == m_depth &&
               c.key.word[0] == m_key.word[0] && c.key.word[1] == m_key.word[1] &&
               c.t0 == m_t0 && c.t1 == m_t1;
    }

    std::size_t dimension() const { return m_dimension; }
    Time t0() const { return m_t0; }
    Time t1() const { return m_t1; }
    Time tolerance() const { return m_tolerance; }
    std::uint64_t seed() const { return m_seed; }
    std::uint64_t path() const { return m_path; }

    /// Number of bisection levels: the least d with (t1 - t0) / 2^d <= tolerance().
    unsigned depth() const { return m_depth; }

    /// (t1 - t0) / 2^depth(): the spacing below which W is linear.
    Time leaf_length() const { return m_leaf_length; }

    /// W[i] = W_i(t) (W(t0) = 0). W must have size dimension(). Throws std::invalid_argument
    /// (size mismatch, t not finite) or std::out_of_range (t outside [t0, t1]).
    template <class Container>
    void value(Time t, Container& W) const
    {
        value(t, W, own_cursor());
    }

    /// value(t, W) on the given cursor (one per thread; see the header comment).
    template <class Container>
    void value(Time t, Container& W, cursor& c) const
    {
        check_size(W, "value(t, W)", "W");
        check_cursor(c);
        const position where = locate(t, "value(t, W)", "t");
        interpolate(c, where, c.scratch.data());
        for (std::size_t i = 0; i < m_dimension; ++i)
            W[i] = c.scratch[i];
    }

    /// dW[i] = W_i(u) - W_i(s) for t0 <= s <= u <= t1 (s = u gives 0). dW must have size
    /// dimension(). Throws std::invalid_argument (size mismatch, time not finite, u < s) or
    /// std::out_of_range (a time outside [t0, t1]).
    template <class Container>
    void increment(Time s, Time u, Container& dW) const
    {
        increment(s, u, dW, own_cursor());
    }

    /// increment(s, u, dW) on the given cursor: the same numbers, any cursor, any order.
    template <class Container>
    void increment(Time s, Time u, Container& dW, cursor& c) const
    {
        check_size(dW, "increment(s, u, dW)", "dW");
        check_cursor(c);
        const position start = locate(s, "increment(s, u)", "s");
        const position end = locate(u, "increment(s, u)", "u");
        if (u < s)
            throw std::invalid_argument("virtual_brownian_tree::increment(s, u): needs s <= u, "
                                        "got s = " + detail::to_text(s) + ", u = " + detail::to_text(u));
        // Evaluate first the end nearer the cached path, so that stepping forwards or
        // backwards descends once per query.
        const bool end_first = c.path_valid && distance(end.leaf, c.cached_leaf) <
                                                   distance(start.leaf, c.cached_leaf);
        const position& first = end_first ? end : start;
        const position& second = end_first ? start : end;
        interpolate(c, first, c.scratch.data());
        interpolate(c, second, c.second_scratch.data());
        const Value* w_s = end_first ? c.second_scratch.data() : c.scratch.data();
        const Value* w_u = end_first ? c.scratch.data() : c.second_scratch.data();
        for (std::size_t i = 0; i < m_dimension; ++i)
            dW[i] = w_u[i] - w_s[i];
    }

    /// W(u) - W(s) of a one-dimensional tree; throws std::invalid_argument if dimension() != 1.
    Value increment(Time s, Time u) const
    {
        if (m_dimension != 1)
            throw std::invalid_argument("virtual_brownian_tree::increment(s, u): the scalar form "
                                        "needs dimension() = 1, this tree has dimension " +
                                        std::to_string(m_dimension));
        return detail::scalar_increment<Value>(*this, s, u);
    }

private:
    // The real type the leaf position is computed in: at least double, so float times still
    // resolve deep trees.
    using position_type = std::common_type_t<Time, double>;
    static constexpr std::uint64_t no_group = ~std::uint64_t{0};

    struct position
    {
        std::uint64_t leaf; // leaf index in [0, 2^depth)
        Value fraction;     // (t - a) / (b - a) in [0, 1] within that leaf
    };

    static std::uint64_t distance(std::uint64_t a, std::uint64_t b) { return a > b ? a - b : b - a; }

    static unsigned bit_width(std::uint64_t x)
    {
        unsigned width = 0;
        for (; x != 0; x >>= 1)
            ++width;
        return width;
    }

    cursor& own_cursor() const
    {
        return m_own.get([this] { return make_cursor(); });
    }

    // A cursor serves the tree that made it and that tree's copies.
    void check_cursor(const cursor& c) const
    {
        if (!cursor_matches(c))
            throw std::invalid_argument("virtual_brownian_tree: the cursor was made by another "
                                        "tree; use make_cursor() of this tree or of a copy");
    }

    template <class Container>
    void check_size(const Container& c, const char* query, const char* name) const
    {
        if (static_cast<std::size_t>(c.size()) != m_dimension)
            throw std::invalid_argument(std::string("virtual_brownian_tree::") + query + ": " +
                                        name + " has size " + std::to_string(c.size()) +
                                        " but dimension() = " + std::to_string(m_dimension));
    }

    position locate(Time t, const char* query, const char* name) const
    {
        using std::isfinite;
        if (!isfinite(t))
            throw std::invalid_argument(std::string("virtual_brownian_tree::") + query + ": " +
                                        name + " = " + detail::to_text(t) + " is not finite");
        if (t < m_t0 - m_boundary_slack || t > m_t1 + m_boundary_slack)
            throw std::out_of_range(std::string("virtual_brownian_tree::") + query + ": " + name +
                                    " = " + detail::to_text(t) + " lies outside [t0, t1] = [" +
                                    detail::to_text(m_t0) + ", " + detail::to_text(m_t1) + "]");
        const position_type relative =
            (static_cast<position_type>(t) - static_cast<position_type>(m_t0)) /
            (static_cast<position_type>(m_t1) - static_cast<position_type>(m_t0));
        const position_type x = std::ldexp(std::min(std::max(relative, position_type(0)),
                                                    position_type(1)),
                                           static_cast<int>(m_depth));
        const std::uint64_t last_leaf = (std::uint64_t{1} << m_depth) - 1;
        const position_type whole = std::floor(x);
        const std::uint64_t leaf = std::min(static_cast<std::uint64_t>(whole), last_leaf);
        const position_type fraction =
            std::min(x - static_cast<position_type>(leaf), position_type(1));
        return position{leaf, static_cast<Value>(fraction)};
    }

    /// The normals z[0..m) of node `node_id` at level `level`: from the level's cache when the
    /// node's group (the nodes sharing its Philox blocks) was drawn last at that level.
    const Value* node_normals(cursor& c, unsigned level, std::uint64_t node_id) const
    {
        const std::size_t m = m_dimension;
        const std::uint64_t group = node_id / m_node_lanes;
        Value* normals = &c.group_normals[static_cast<std::size_t>(level) * m * m_node_lanes];
        if (c.cached_group[level] != group) {
            for (std::size_t first = 0; first < m; first += m_component_lanes) {
                const std::uint64_t component_group = first / m_component_lanes;
                const philox_real_block<Value> block = standard_normal_block<Value>(
                    noise_counter(group, component_group | (std::uint64_t{1} << 63)), m_key);
                for (unsigned node_lane = 0; node_lane < m_node_lanes; ++node_lane)
                    for (unsigned j = 0; j < m_component_lanes && first + j < m; ++j)
                        normals[node_lane * m + first + j] =
                            block.value[node_lane * m_component_lanes + j];
            }
            c.cached_group[level] = group;
        }
        return normals + static_cast<std::size_t>(node_id % m_node_lanes) * m;
    }

    /// Makes the cached path end at leaf `leaf`, recomputing only the levels below the deepest
    /// node it shares with the cached path.
    void descend(cursor& c, std::uint64_t leaf) const
    {
        const std::size_t m = m_dimension;
        unsigned level = c.path_valid ? m_depth - bit_width(leaf ^ c.cached_leaf) : 0;
        for (; level < m_depth; ++level) {
            const std::uint64_t node = c.node_index[level];
            const std::uint64_t node_id = (std::uint64_t{1} << level) + node;
            const Value* z = node_normals(c, level, node_id);
            const Value sigma = m_bridge_scale[level];
            const bool right_half = ((leaf >> (m_depth - level - 1)) & 1u) != 0;
            const Value* left = &c.endpoints[2 * m * level];
            const Value* right = left + m;
            Value* child_left = &c.endpoints[2 * m * (level + 1)];
            Value* child_right = child_left + m;
            for (std::size_t i = 0; i < m; ++i) {
                const Value midpoint = Value(0.5) * (left[i] + right[i]) + sigma * z[i];
                child_left[i] = right_half ? midpoint : left[i];
                child_right[i] = right_half ? right[i] : midpoint;
            }
            c.node_index[level + 1] = 2 * node + (right_half ? 1 : 0);
        }
        c.cached_leaf = leaf;
        c.path_valid = true;
    }

    /// out[i] = W_i at `where` (descending to its leaf first).
    void interpolate(cursor& c, const position& where, Value* out) const
    {
        descend(c, where.leaf);
        const std::size_t m = m_dimension;
        const Value* left = &c.endpoints[2 * m * m_depth];
        const Value* right = left + m;
        const Value f = where.fraction;
        for (std::size_t i = 0; i < m; ++i)
            out[i] = (Value(1) - f) * left[i] + f * right[i];
    }

    std::uint64_t m_seed;
    std::uint64_t m_path;
    Time m_t0;
    Time m_t1;
    Time m_tolerance;
    std::size_t m_dimension;
    boost::random::philox4x32_key m_key;
    unsigned m_depth = 0;
    unsigned m_component_lanes = 1; // components per Philox block
    unsigned m_node_lanes = 1;      // nodes per Philox block
    Time m_leaf_length{};
    Time m_boundary_slack{};
    Value m_bridge_scale[max_depth] = {};

    Value m_root_scale{}; // sqrt(t1 - t0)

    // The cursor of the queries that pass none: made on first use, not copied (a copy of the
    // tree costs O(dimension) and starts with no cache).
    mutable detail::walker_cache<cursor> m_own;
};

} // namespace odeint
} // namespace numeric
} // namespace boost

BOOST_ODEINT_EES_EXACT_ROUNDING_END

#endif // BOOST_NUMERIC_ODEINT_NOISE_VIRTUAL_BROWNIAN_TREE_HPP_INCLUDED
