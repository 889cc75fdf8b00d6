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
 first + b).increment(s, u, ·)[c] bit for bit: the same Philox-4x32-10 words under key
 noise_key(seed, first + b), the same normal transform and the same construction
 (noise/detail/dyadic_grid.hpp), element by element (test/test_batched_brownian_path.cpp).
 Query times follow brownian_path's grid rules exactly (its step_range does the checking).

 Arrays that vectorise. The batch is walked by a cursor (detail::dyadic_grid_cursor): each
 cell split draws the Philox words of all B·⌈m / lanes⌉ counters of the batch
 (boost::random::philox4x32_10_blocks) and turns them into normals in one loop
 (standard_normal_blocks), and it caches the last cells split per level, so consecutive
 increments over k grid steps cost about log2(k) + 1 splits each. The cursor belongs to the
 caller (cursor_type, make_cursor(); the stepper keeps one in its workspace,
 system/driven_system.hpp), so one const path serves several threads and a solve allocates
 nothing after its first step.

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
#include <boost/numeric/odeint/util/detail/check_count.hpp>
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

    /// The walker of one thread or stepper: work arrays and the cache of the construction.
    using cursor_type = typename path_type::cursor_type;

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
    /// paths, dimension and grid levels): increment() makes a new cursor in place of any
    /// other, so a cursor made by another path never lends it its keys.
    bool cursor_matches(const cursor_type& cursor) const
    {
        return cursor.made_for(m_first.seed(), m_first.path(), m_paths, m_first.dimension(),
                               m_first.levels());
    }

    /// Work arrays and cache sized for this batch.
    cursor_type make_cursor() const
    {
        return cursor_type(m_first.seed(), m_first.path(), m_paths, m_first.dimension(),
                           m_first.levels());
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
        cursor.increment(span.first, span.last, m_first.sqrt_dt(), dW);
    }

    /// The same with a cursor of its own (allocates; steppers pass theirs).
    template <class Container>
    void increment(Time s, Time u, Container& dW) const
    {
        cursor_type cursor = make_cursor();
        increment(s, u, dW, cursor);
    }

private:
    static constexpr unsigned lanes = philox_real_block<Value>::size;

    static std::size_t groups_per_path(std::size_t m) { return (m + lanes - 1) / lanes; }

    path_type m_first;
    std::size_t m_paths;
};

} // namespace odeint
} // namespace numeric
} // namespace boost

#endif // BOOST_NUMERIC_ODEINT_NOISE_BATCHED_BROWNIAN_PATH_HPP_INCLUDED
