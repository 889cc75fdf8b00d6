/*
 boost/numeric/odeint/noise/detail/dyadic_grid_cursor.hpp

 dyadic_grid_cursor<Value>: the walker of the dyadic construction (dyadic_grid.hpp) for a
 batch of `paths` consecutive noise paths of dimension m at once, with a cache: per level,
 the halves of the last two cells it split. It follows dyadic_increment's arithmetic element
 by element, so its values are those of dyadic_increment bit for bit; the batch makes the
 Philox rounds and the normal transform loops over arrays (standard_normal_blocks), and the
 cache makes a walk of consecutive increments over k grid steps each cost about log2(k) + 1
 splits per increment instead of L.

 A cursor belongs to one walker (a thread, a stepper): it is mutable state, never shared.

 Distributed under the Boost Software License, Version 1.0.
*/
#ifndef BOOST_NUMERIC_ODEINT_NOISE_DETAIL_DYADIC_GRID_CURSOR_HPP_INCLUDED
#define BOOST_NUMERIC_ODEINT_NOISE_DETAIL_DYADIC_GRID_CURSOR_HPP_INCLUDED

#include <boost/numeric/odeint/noise/detail/dyadic_grid.hpp>
#include <boost/numeric/odeint/noise/detail/exact_rounding.hpp>
#include <boost/numeric/odeint/noise/noise_key.hpp>
#include <boost/numeric/odeint/noise/standard_normal.hpp>

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <limits>
#include <vector>

BOOST_ODEINT_EES_EXACT_ROUNDING_BEGIN

namespace boost {
namespace numeric {
namespace odeint {
namespace detail {

template <class Value>
class dyadic_grid_cursor
{
public:
    static constexpr unsigned lanes = philox_real_block<Value>::size;

    dyadic_grid_cursor() = default;

    /// A walker of paths first_path .. first_path + paths - 1 of `seed`, dimension m, on a
    /// tree of `levels` levels.
    dyadic_grid_cursor(std::uint64_t seed, std::uint64_t first_path, std::size_t paths,
                       std::size_t m, unsigned levels)
        : m_seed(seed), m_first_path(first_path), m_paths(paths), m_m(m), m_levels(levels),
          m_groups((m + lanes - 1) / lanes), m_levels_cache(levels + 1)
    {
        const std::size_t n = counters();
        m_key0.resize(n);
        m_key1.resize(n);
        m_group.resize(n);
        for (std::size_t b = 0; b < paths; ++b) {
            const boost::random::philox4x32_key key = noise_key(seed, first_path + b);
            for (std::size_t g = 0; g < m_groups; ++g) {
                m_key0[b * m_groups + g] = key.word[0];
                m_key1[b * m_groups + g] = key.word[1];
                m_group[b * m_groups + g] = static_cast<std::uint32_t>(g);
            }
        }
        const std::size_t chunk_counters = std::min(paths, chunk()) * m_groups;
        m_word0.resize(chunk_counters);
        m_word1.resize(chunk_counters);
        m_word2.resize(chunk_counters);
        m_word3.resize(chunk_counters);
        m_normal.resize(chunk_counters * lanes);
        m_root.resize(elements());
        m_suffix.resize(elements());
        m_prefix.resize(elements());
        for (auto& level : m_levels_cache)
            for (auto& s : level.slots) {
                s.left.resize(elements());
                s.right.resize(elements());
            }
        for (std::size_t first = 0; first < paths; first += chunk()) {
            // The root's normal: counter level 0 (leaves are never split).
            const std::size_t count = std::min(chunk(), paths - first);
            draw(0, 0, first, count);
            for (std::size_t b = first; b < first + count; ++b)
                for (std::size_t c = 0; c < m; ++c)
                    m_root[b * m + c] =
                        dyadic_root(levels, m_normal[(b - first) * m_groups * lanes + c]);
        }
    }

    bool made_for(std::uint64_t seed, std::uint64_t first_path, std::size_t paths, std::size_t m,
                  unsigned levels) const
    {
        return !m_root.empty() && m_seed == seed && m_first_path == first_path &&
               m_paths == paths && m_m == m && m_levels == levels;
    }

    std::size_t elements() const { return m_paths * m_m; }

    /// Cells split (each one normal per element) since the cursor was made, the root's
    /// draw not counted: what a walk costs.
    std::uint64_t splits() const { return m_splits; }

    /// out[b m + c] = the leaves [first, last) of component c of path first_path + b, in
    /// units of sqrt(h), times `scale` (first < last <= 2^levels).
    template <class Container>
    void increment(std::uint64_t first, std::uint64_t last, Value scale, Container& out)
    {
        ++m_clock;
        const std::size_t n = elements();
        const unsigned lca = bit_length(first ^ (last - 1));
        const Value* d = m_root.data();
        for (unsigned level = m_levels; level > lca; --level) {
            const slot& s = split(level, first >> level, d);
            d = ((first >> (level - 1)) & 1u) ? s.right.data() : s.left.data();
        }
        const std::uint64_t a = first >> lca;
        if (first == (a << lca) && last == ((a + 1) << lca)) {
            for (std::size_t e = 0; e < n; ++e)
                out[e] = rn::mul(scale, d[e]);
            return;
        }
        const slot& top = split(lca, a, d);
        const Value* siblings[64];
        unsigned count = 0;
        unsigned level = lca - 1;
        std::uint64_t node = 2 * a;
        const Value* cell = top.left.data();
        while (first != (node << level)) {
            const slot& s = split(level, node, cell);
            --level;
            if ((first >> level) & 1u) {
                cell = s.right.data();
                node = 2 * node + 1;
            } else {
                siblings[count++] = s.right.data();
                cell = s.left.data();
                node = 2 * node;
            }
        }
        accumulate(cell, siblings, count, m_suffix.data());
        level = lca - 1;
        node = 2 * a + 1;
        cell = top.right.data();
        count = 0;
        while (last != ((node + 1) << level)) {
            const slot& s = split(level, node, cell);
            --level;
            if (((last - 1) >> level) & 1u) {
                siblings[count++] = s.left.data();
                cell = s.right.data();
                node = 2 * node + 1;
            } else {
                cell = s.left.data();
                node = 2 * node;
            }
        }
        accumulate(cell, siblings, count, m_prefix.data());
        for (std::size_t e = 0; e < n; ++e)
            out[e] = rn::mul(scale, rn::add(m_suffix[e], m_prefix[e]));
    }

private:
    struct slot
    {
        std::uint64_t node = std::numeric_limits<std::uint64_t>::max();
        std::uint64_t used = 0;
        std::vector<Value> left, right;
    };
    struct level_cache
    {
        slot slots[2];
    };

    std::size_t counters() const { return m_paths * m_groups; }

    // sum = cell + siblings[count - 1] + ... + siblings[0], bottom-up as dyadic_increment.
    void accumulate(const Value* cell, const Value* const* siblings, unsigned count, Value* sum) const
    {
        const std::size_t n = elements();
        for (std::size_t e = 0; e < n; ++e)
            sum[e] = cell[e];
        while (count > 0) {
            const Value* s = siblings[--count];
            for (std::size_t e = 0; e < n; ++e)
                sum[e] = rn::add(sum[e], s[e]);
        }
    }

    // The normals Z(level, node) of the paths [first, first + count) into m_normal (path
    // first + b at b groups lanes).
    void draw(unsigned level, std::uint64_t node, std::size_t first, std::size_t count)
    {
        const std::size_t n = count * m_groups, at = first * m_groups;
        const boost::random::philox4x32_block counter = dyadic_counter(level, node, 0);
        for (std::size_t i = 0; i < n; ++i) {
            m_word0[i] = counter.word[0];
            m_word1[i] = counter.word[1];
            m_word2[i] = m_group[at + i];
            m_word3[i] = counter.word[3];
        }
        boost::random::philox4x32_10_blocks(n, m_word0.data(), m_word1.data(), m_word2.data(),
                                            m_word3.data(), m_key0.data() + at,
                                            m_key1.data() + at);
        standard_normal_blocks<Value>(n, m_word0.data(), m_word1.data(), m_word2.data(),
                                      m_word3.data(), m_normal.data());
    }

    // Paths per chunk: the words and normals of a chunk (about 256 Philox blocks) stay in
    // the first level of cache between the passes.
    std::size_t chunk() const { return m_groups >= 256 ? 1 : 256 / m_groups; }

    // The halves of cell (level, node) whose increment is d: from the cache, or split now
    // into the least recently used slot of the level (never one this query uses: a query
    // touches at most two cells per level).
    const slot& split(unsigned level, std::uint64_t node, const Value* d)
    {
        level_cache& cache = m_levels_cache[level];
        for (slot& s : cache.slots)
            if (s.node == node) {
                s.used = m_clock;
                return s;
            }
        slot& s = cache.slots[0].used <= cache.slots[1].used ? cache.slots[0] : cache.slots[1];
        ++m_splits;
        const Value sigma = half_power_of_two<Value>(static_cast<int>(level) - 2);
        const std::size_t stride = m_groups * lanes;
        for (std::size_t first = 0; first < m_paths; first += chunk()) {
            const std::size_t count = std::min(chunk(), m_paths - first);
            draw(level, node, first, count);
            for (std::size_t b = first; b < first + count; ++b) {
                const Value* z = m_normal.data() + (b - first) * stride;
                const Value* db = d + b * m_m;
                Value* left = s.left.data() + b * m_m;
                Value* right = s.right.data() + b * m_m;
                for (std::size_t c = 0; c < m_m; ++c)
                    dyadic_split(db[c], sigma, z[c], left[c], right[c]);
            }
        }
        s.node = node;
        s.used = m_clock;
        return s;
    }

    std::uint64_t m_seed = 0;
    std::uint64_t m_first_path = 0;
    std::size_t m_paths = 0;
    std::size_t m_m = 0;
    unsigned m_levels = 0;
    std::size_t m_groups = 0;
    std::uint64_t m_clock = 0;
    std::uint64_t m_splits = 0;
    std::vector<level_cache> m_levels_cache;
    std::vector<std::uint32_t> m_key0, m_key1, m_group, m_word0, m_word1, m_word2, m_word3;
    std::vector<Value> m_normal, m_root, m_suffix, m_prefix;
};

} // namespace detail
} // namespace odeint
} // namespace numeric
} // namespace boost

BOOST_ODEINT_EES_EXACT_ROUNDING_END

#endif // BOOST_NUMERIC_ODEINT_NOISE_DETAIL_DYADIC_GRID_CURSOR_HPP_INCLUDED
