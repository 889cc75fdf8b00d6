/*
 boost/numeric/odeint/noise/batched_brownian_path.hpp

 batched_brownian_path<Value, Time>: the control of a batch of paths stepped as one state
 (doc/batched.md). It is the ensemble of the B consecutive counter-based paths

     brownian_path(seed, t0, t1, steps, m, first + b),   b = 0 .. B − 1,

 laid out path-major, as external/thrust/thrust_brownian_path.hpp lays the same ensemble out
 on a device: dimension() = B m and element b m + c of an increment is component c of path
 first + b. So a batch of B paths of a d-dimensional SDE with diagonal noise is the state
 std::vector<double>(B d) driven by a batched_brownian_path of m = d, and every stepper steps
 it unchanged; member(b) is the brownian_path of block element b.

 Bitwise the single path. Element b m + c of increment(s, u, dW) is brownian_path(...,
 first + b).increment(s, u, ·)[c] bit for bit: the same Philox-4x32-10 words (key
 noise_key(seed, first + b), counter (k, c / 2) for double, (k, c / 4) for float), the same
 Box–Muller arithmetic through the same libm calls, and the same left-to-right sum over the
 grid steps between s and u (test/test_batched_brownian_path.cpp). Query times follow
 brownian_path's grid rules exactly (its step_range does the checking).

 Blocks that vectorise. A query is generated a step at a time for all B·⌈m / lanes⌉ Philox
 counters of the batch, in two passes over arrays laid out structure-of-arrays: the
 Philox rounds (boost::random::philox4x32_10_blocks, a counter per vector lane: integer
 multiplies, no branches), then the conversion to uniforms and the
 Box–Muller transcendentals (libm's log, sqrt, sin, cos: these keep the values bitwise equal
 to brownian_path's, so they are not replaced by a vector math library). The work arrays
 belong to the caller's cursor (cursor_type, make_cursor(); the stepper keeps one in its
 workspace, system/driven_system.hpp), so one const path serves several threads and a
 solve allocates nothing after its first step. test/perf/perf_batched.cpp compares the rate
 with std::mt19937_64 + std::normal_distribution<double>.

 Distributed under the Boost Software License, Version 1.0.
*/
#ifndef BOOST_NUMERIC_ODEINT_NOISE_BATCHED_BROWNIAN_PATH_HPP_INCLUDED
#define BOOST_NUMERIC_ODEINT_NOISE_BATCHED_BROWNIAN_PATH_HPP_INCLUDED

#include <algorithm>
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <limits>
#include <stdexcept>
#include <string>
#include <vector>

#include <boost/numeric/odeint/noise/brownian_path.hpp>
#include <boost/numeric/odeint/noise/detail/check_count.hpp>
#include <boost/numeric/odeint/noise/noise_key.hpp>
#include <boost/numeric/odeint/noise/standard_normal.hpp>

namespace boost {
namespace numeric {
namespace odeint {

template <class Value = double, class Time = Value>
class batched_brownian_path
{
public:
    using value_type = Value;
    using time_type = Time;
    using path_type = brownian_path<Value, Time>;

    /// Work arrays of one walker (thread, stepper) of the path: Philox words and normals of
    /// one grid step of the whole batch.
    struct cursor_type
    {
        std::vector<std::uint32_t> key0, key1, group, word0, word1, word2, word3;
        std::vector<Value> normal;
        // The batch it was made for (the keys are those of its paths).
        std::uint64_t seed = 0, first_path = 0;
        std::size_t paths = 0, path_dimension = 0;
    };

    /// The most paths of a batch of paths of `first`'s dimension: as many as the cursor's
    /// array of normals (paths · ⌈m / lanes⌉ · lanes values) can hold in a std::vector, so
    /// that dimension() and every size derived from it are exact.
    static std::uint64_t max_paths(const path_type& first)
    {
        const std::uint64_t per_path = groups_per_path(first.dimension()) * lanes;
        return std::uint64_t(std::vector<Value>().max_size()) / per_path;
    }

    /// The batch of `paths` paths first.path(), first.path() + 1, ... on `first`'s seed and
    /// grid; throws std::invalid_argument for paths = 0, more than max_paths(first) (a count
    /// of -1 passed as an int is named as such) or path indices beyond 2^64 − 1.
    batched_brownian_path(const path_type& first, std::size_t paths)
        : m_first(first), m_paths(paths)
    {
        detail::check_count("batched_brownian_path", "paths", paths, max_paths(first));
        if (paths == 0)
            throw std::invalid_argument("batched_brownian_path: paths = 0, needs at least one "
                                        "path");
        if (std::uint64_t(paths - 1) > std::numeric_limits<std::uint64_t>::max() - first.path())
            throw std::invalid_argument(
                "batched_brownian_path: paths = " + std::to_string(paths) +
                " from path index " + std::to_string(first.path()) +
                " run past the last path index " +
                std::to_string(std::numeric_limits<std::uint64_t>::max()));
    }

    /// Elements of an increment: paths() · path_dimension().
    std::size_t dimension() const { return m_paths * m_first.dimension(); }
    std::size_t paths() const { return m_paths; }
    std::size_t path_dimension() const { return m_first.dimension(); }
    std::uint64_t first_path() const { return m_first.path(); }
    const path_type& first() const { return m_first; }
    Time t0() const { return m_first.t0(); }
    Time t1() const { return m_first.t1(); }
    Time dt() const { return m_first.dt(); }
    std::size_t steps() const { return m_first.steps(); }
    Time grid_tolerance() const { return m_first.grid_tolerance(); }

    /// The brownian_path of batch element b (path index first_path() + b).
    path_type member(std::size_t b) const
    {
        if (b >= m_paths)
            throw std::out_of_range("batched_brownian_path::member(b): b = " +
                                    std::to_string(b) + " is not below paths() = " +
                                    std::to_string(m_paths));
        return path_type(m_first.seed(), m_first.t0(), m_first.t1(), m_first.steps(),
                         m_first.dimension(), m_first.path() + b);
    }

    /// Whether `cursor` was made by this batch or an equal one (same seed, first path,
    /// paths and dimension): increment() makes a new cursor in place of any other, so a
    /// cursor made by another path never lends it its keys.
    bool cursor_matches(const cursor_type& cursor) const
    {
        return cursor.seed == m_first.seed() && cursor.first_path == m_first.path() &&
               cursor.paths == m_paths && cursor.path_dimension == m_first.dimension() &&
               cursor.key0.size() == counters();
    }

    /// Work arrays sized for this batch.
    cursor_type make_cursor() const
    {
        cursor_type c;
        c.seed = m_first.seed();
        c.first_path = m_first.path();
        c.paths = m_paths;
        c.path_dimension = m_first.dimension();
        const std::size_t n = counters();
        c.key0.resize(n);
        c.key1.resize(n);
        c.group.resize(n);
        c.word0.resize(n);
        c.word1.resize(n);
        c.word2.resize(n);
        c.word3.resize(n);
        c.normal.resize(n * lanes);
        const std::size_t groups = groups_per_path();
        for (std::size_t b = 0; b < m_paths; ++b)
        {
            const boost::random::philox4x32_key key =
                noise_key(m_first.seed(), m_first.path() + b);
            for (std::size_t g = 0; g < groups; ++g)
            {
                c.key0[b * groups + g] = key.word[0];
                c.key1[b * groups + g] = key.word[1];
                c.group[b * groups + g] = static_cast<std::uint32_t>(g);
            }
        }
        return c;
    }

    /// dW = W(u) − W(s) of every path for grid times s < u (dW of size dimension()), with
    /// the work arrays of `cursor`.
    template <class Container>
    void increment(Time s, Time u, Container& dW, cursor_type& cursor) const
    {
        if (static_cast<std::size_t>(dW.size()) != dimension())
            throw std::invalid_argument("batched_brownian_path::increment(s, u, dW): dW has "
                                        "size " + std::to_string(dW.size()) +
                                        " but dimension() = " + std::to_string(dimension()));
        if (!cursor_matches(cursor))
            cursor = make_cursor();
        const auto span = m_first.step_range(s, u);
        if (span.first == span.last)  // s < u within the grid tolerance: 0, as brownian_path
        {
            for (auto& w : dW)
                w = Value(0);
            return;
        }
        const std::size_t m = m_first.dimension();
        const std::size_t groups = groups_per_path();
        const Value sqrt_dt = m_first.sqrt_dt();
        for (std::size_t k = span.first; k < span.last; ++k)
        {
            normals_of_step(k, cursor);
            const Value* z = cursor.normal.data();
            const bool assign = k == span.first; // as brownian_path: one step is bitwise
            for (std::size_t b = 0; b < m_paths; ++b)   // step_increment (0 + -0 is +0)
            {
                const Value* zb = z + b * groups * lanes;
                const std::size_t at = b * m;
                if (assign)
                    for (std::size_t c = 0; c < m; ++c)
                        dW[at + c] = sqrt_dt * zb[c];
                else
                    for (std::size_t c = 0; c < m; ++c)
                        dW[at + c] += sqrt_dt * zb[c];
            }
        }
    }

    /// The same with a cursor of its own (allocates; steppers pass theirs).
    template <class Container>
    void increment(Time s, Time u, Container& dW) const
    {
        cursor_type cursor = make_cursor();
        increment(s, u, dW, cursor);
    }

    /// The standard normals Z(first_path() + b, k, c) of grid step k for every path:
    /// cursor.normal[(b ⌈m / lanes⌉ + c / lanes) lanes + c % lanes], c < m.
    void normals_of_step(std::size_t k, cursor_type& cursor) const
    {
        const std::size_t n = counters();
        std::uint32_t* w0 = cursor.word0.data();
        std::uint32_t* w1 = cursor.word1.data();
        std::uint32_t* w2 = cursor.word2.data();
        std::uint32_t* w3 = cursor.word3.data();
        // Pass 1: Philox-4x32-10 of counter (k, g) under each path's key, structure of arrays.
        const auto step_low = static_cast<std::uint32_t>(k);
        const auto step_high = static_cast<std::uint32_t>(std::uint64_t(k) >> 32);
        std::fill(cursor.word0.begin(), cursor.word0.end(), step_low);
        std::fill(cursor.word1.begin(), cursor.word1.end(), step_high);
        std::copy(cursor.group.begin(), cursor.group.end(), cursor.word2.begin());
        std::fill(cursor.word3.begin(), cursor.word3.end(), 0u);
        boost::random::philox4x32_10_blocks(n, w0, w1, w2, w3, cursor.key0.data(),
                                            cursor.key1.data());
        // Pass 2 and 3: uniforms and Box–Muller (standard_normal_pair's arithmetic).
        Value* z = cursor.normal.data();
        for (std::size_t i = 0; i < n; ++i)
        {
            const boost::random::philox4x32_block words{{w0[i], w1[i], w2[i], w3[i]}};
            for (unsigned pair = 0; pair < lanes / 2; ++pair)
                standard_normal_pair(words, pair, z[i * lanes + 2 * pair],
                                     z[i * lanes + 2 * pair + 1]);
        }
    }

private:
    static constexpr unsigned lanes = philox_real_block<Value>::size;

    static std::size_t groups_per_path(std::size_t m) { return (m + lanes - 1) / lanes; }
    std::size_t groups_per_path() const { return groups_per_path(m_first.dimension()); }
    std::size_t counters() const { return m_paths * groups_per_path(); }

    path_type m_first;
    std::size_t m_paths;
};

} // namespace odeint
} // namespace numeric
} // namespace boost

#endif // BOOST_NUMERIC_ODEINT_NOISE_BATCHED_BROWNIAN_PATH_HPP_INCLUDED
