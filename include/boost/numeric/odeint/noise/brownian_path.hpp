/*
 boost/numeric/odeint/noise/brownian_path.hpp

 brownian_path<Value, Time>: an m-dimensional Brownian motion W on the fixed grid
 t_k = t0 + k h, h = (t1 - t0) / steps, generated on demand by a Lévy (Brownian bridge)
 construction over the grid (noise/detail/dyadic_grid.hpp, doc/sde.md): the grid's steps are
 the leaves of a binary tree whose cells get their increments from the top down, each half
 the bridge's midpoint given its cell, so that

     W_i(t_{k+1}) - W_i(t_k) = sqrt(h) D_i(k),     D_i(k) ~ N(0, 1) i.i.d.,

 every step increment exact and a pure function of (seed, path, step k, component i), and
 the increment over j - i steps costs O(log(j - i)) normals with a cursor (O(log steps)
 without one) instead of j - i. The normals come from Philox-4x32-10 counters under key
 noise_key(seed, path) (Salmon et al., SC11 2011) through the library's own Box-Muller
 transform (standard_normal.hpp), so a path is bitwise the same alone or in a batch, on any
 thread, rank, machine or build, and on a device (brownian_grid_increment below).
 The path costs O(1) memory and can be queried in any order. This replaces a stored noise
 array for solvers that revisit the noise, e.g. adjoint SDE solvers (Li, Wong, Chen &
 Duvenaud, "Scalable gradients for stochastic differential equations", AISTATS 2020).

 Query times are grid times: s maps to k = round((s - t0) / h) and must lie within
 grid_tolerance() = min(h / 4, max(1e-9, 1024 eps_Time) max(|t0|, |t1|)) of t0 + k h, i.e.
 1e-9 relative to the time scale for double (covers t0 + k h, and t += h accumulated over
 10^6 steps even with every rounding in one direction), 1.2e-4 for float, never more than a
 quarter step (so the mapping is never ambiguous and a midpoint stage time is rejected).
 s < u that map to the same grid time (an empty span) give 0.

 Distributed under the Boost Software License, Version 1.0.
*/
#ifndef BOOST_NUMERIC_ODEINT_NOISE_BROWNIAN_PATH_HPP_INCLUDED
#define BOOST_NUMERIC_ODEINT_NOISE_BROWNIAN_PATH_HPP_INCLUDED

#include <boost/numeric/odeint/util/detail/check_count.hpp>
#include <boost/numeric/odeint/noise/detail/dyadic_grid.hpp>
#include <boost/numeric/odeint/noise/detail/dyadic_grid_cursor.hpp>
#include <boost/numeric/odeint/noise/detail/exact_rounding.hpp>
#include <boost/numeric/odeint/noise/detail/scalar_increment.hpp>
#include <boost/numeric/odeint/noise/noise_key.hpp>
#include <boost/numeric/odeint/noise/standard_normal.hpp>
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

namespace boost {
namespace numeric {
namespace odeint {

/// W_c(t_last) - W_c(t_first) of the brownian_path with key `key` and a tree of `levels`
/// levels (detail::dyadic_levels(steps)), sqrt_dt = brownian_path::sqrt_dt(): the pure
/// function every path, batch and device functor computes (first < last <= 2^levels; 0 for
/// first == last).
template <class Value>
BOOST_RANDOM_HOST_DEVICE inline Value brownian_grid_increment(
    const boost::random::philox4x32_key& key, unsigned levels, std::uint64_t first,
    std::uint64_t last, std::uint64_t component, Value sqrt_dt)
{
    if (!(first < last))
        return Value(0);
    return detail::rn::mul(sqrt_dt,
                           detail::dyadic_increment<Value>(key, levels, first, last, component));
}

template <class Value = double, class Time = Value>
class brownian_path
{
    static_assert(std::is_floating_point<Value>::value && std::is_floating_point<Time>::value,
                  "brownian_path<Value, Time> takes the scalar type of the increments and of "
                  "time (brownian_path<double>), not the state type of the system");

public:
    using value_type = Value;
    using time_type = Time;
    /// The walker's cache (make_cursor()): steppers keep one, so consecutive increments over
    /// k steps cost about log2(k) + 1 normals each.
    using cursor_type = detail::dyadic_grid_cursor<Value>;

    /// The largest dimension: 2^32 components (a state far beyond memory; a larger value is
    /// almost always a negative count converted to std::size_t).
    static constexpr std::uint64_t max_dimension = std::uint64_t{1} << 32;

    /// The most steps: 2^digits of Time (2^53 for double, 2^24 for float), so that every grid
    /// index k, and t0 + k dt, is exact in Time.
    static constexpr std::uint64_t max_steps = std::uint64_t{1}
                                               << (std::numeric_limits<Time>::digits < 63
                                                       ? std::numeric_limits<Time>::digits
                                                       : 63);

    /// Brownian motion of `dimension` components on `steps` equal steps of [t0, t1], noise path
    /// `path` of seed `seed`. Throws std::invalid_argument unless t0, t1 are finite, t1 > t0,
    /// 0 < steps <= max_steps and 0 < dimension <= max_dimension (a count of -1 passed as an
    /// int is named as such).
    brownian_path(std::uint64_t seed, Time t0, Time t1, std::size_t steps,
                  std::size_t dimension = 1, std::uint64_t path = 0)
        : m_seed(seed), m_path(path), m_t0(t0), m_t1(t1), m_steps(steps), m_dimension(dimension),
          m_key(noise_key(seed, path))
    {
        using std::abs;
        using std::isfinite;
        detail::check_count("brownian_path", "steps", steps, max_steps);
        detail::check_count("brownian_path", "dimension", dimension, max_dimension);
        if (!isfinite(t0) || !isfinite(t1))
            throw std::invalid_argument("brownian_path: t0 = " + detail::to_text(t0) + " and t1 = " +
                                        detail::to_text(t1) + " must be finite");
        if (!(t1 > t0))
            throw std::invalid_argument("brownian_path: needs t1 > t0, got t0 = " + detail::to_text(t0) +
                                        ", t1 = " + detail::to_text(t1));
        if (steps == 0)
            throw std::invalid_argument("brownian_path: steps = 0, needs at least one step");
        if (dimension == 0)
            throw std::invalid_argument("brownian_path: dimension = 0, needs at least one "
                                        "component");
        m_dt = (t1 - t0) / static_cast<Time>(steps);
        if (!(m_dt > Time(0)))
            throw std::invalid_argument("brownian_path: step (t1 - t0) / steps = " +
                                        detail::to_text(m_dt) + " underflows for steps = " +
                                        std::to_string(steps));
        m_inverse_dt = Time(1) / m_dt;
        m_levels = detail::dyadic_levels(steps);
        m_sqrt_dt = static_cast<Value>(std::sqrt(m_dt));
        const Time relative =
            std::max(Time(1e-9), Time(1024) * std::numeric_limits<Time>::epsilon());
        m_grid_tolerance = std::min(m_dt / Time(4), relative * std::max(abs(t0), abs(t1)));
    }

    std::size_t dimension() const { return m_dimension; }
    std::size_t steps() const { return m_steps; }
    Time t0() const { return m_t0; }
    Time t1() const { return m_t1; }
    Time dt() const { return m_dt; }
    std::uint64_t seed() const { return m_seed; }
    std::uint64_t path() const { return m_path; }

    /// The levels of the construction's tree: the smallest L with 2^L >= steps().
    unsigned levels() const { return m_levels; }

    /// static_cast<Value>(sqrt(dt())): the factor of every step increment.
    Value sqrt_dt() const { return m_sqrt_dt; }

    /// How far (in time) a query may lie from its grid point; see the header comment.
    Time grid_tolerance() const { return m_grid_tolerance; }

    /// W_i(t_{k+1}) - W_i(t_k) = brownian_grid_increment(noise_key(seed(), path()), levels(),
    /// k, k + 1, i, sqrt_dt()). Throws std::out_of_range unless k < steps() and i < dimension().
    Value step_increment(std::size_t k, std::size_t i) const
    {
        if (k >= m_steps)
            throw std::out_of_range("brownian_path::step_increment(k, i): step k = " +
                                    std::to_string(k) + " is not below steps() = " +
                                    std::to_string(m_steps));
        if (i >= m_dimension)
            throw std::out_of_range("brownian_path::step_increment(k, i): component i = " +
                                    std::to_string(i) + " is not below dimension() = " +
                                    std::to_string(m_dimension));
        return brownian_grid_increment<Value>(m_key, m_levels, k, k + 1, i, m_sqrt_dt);
    }

    /// dW[i] = W_i(u) - W_i(s) for grid times s < u (brownian_grid_increment over the steps
    /// between them; 0 if s and u round to the same grid time). dW must have size
    /// dimension(). Throws std::invalid_argument (size mismatch, non-finite or off-grid time,
    /// u <= s) or std::out_of_range (a time outside [t0, t1]).
    template <class Container>
    void increment(Time s, Time u, Container& dW) const
    {
        check_size(dW);
        const auto [first_step, last_step] = step_range(s, u);
        for (std::size_t i = 0; i < m_dimension; ++i)
            dW[i] = brownian_grid_increment<Value>(m_key, m_levels, first_step, last_step, i,
                                                   m_sqrt_dt);
    }

    /// The same numbers through `cursor`'s cache (a cursor made by another path is replaced).
    template <class Container>
    void increment(Time s, Time u, Container& dW, cursor_type& cursor) const
    {
        check_size(dW);
        if (!cursor_matches(cursor))
            cursor = make_cursor();
        const auto [first_step, last_step] = step_range(s, u);
        if (first_step == last_step) {
            for (std::size_t i = 0; i < m_dimension; ++i)
                dW[i] = Value(0);
            return;
        }
        cursor.increment(first_step, last_step, m_sqrt_dt, dW);
    }

    /// A cursor for this path (and its copies).
    cursor_type make_cursor() const
    {
        return cursor_type(m_seed, m_path, 1, m_dimension, m_levels);
    }

    /// Whether `cursor` was made by this path or an equal one.
    bool cursor_matches(const cursor_type& cursor) const
    {
        return cursor.made_for(m_seed, m_path, 1, m_dimension, m_levels);
    }

    /// W(u) - W(s) of a one-dimensional path; throws std::invalid_argument if dimension() != 1.
    Value increment(Time s, Time u) const
    {
        if (m_dimension != 1)
            throw std::invalid_argument("brownian_path::increment(s, u): the scalar form needs "
                                        "dimension() = 1, this path has dimension " +
                                        std::to_string(m_dimension));
        return detail::scalar_increment<Value>(*this, s, u);
    }

    /// The grid steps [first, last) between grid times s < u (the steps increment() sums);
    /// throws as increment() does. Shared with the device-side paths.
    struct step_span
    {
        std::size_t first;
        std::size_t last;
    };

    step_span step_range(Time s, Time u) const
    {
        check_in_range(s, "s");
        check_in_range(u, "u");
        if (!(s < u))
            throw std::invalid_argument("brownian_path::increment(s, u): needs s < u, got s = " +
                                        detail::to_text(s) + ", u = " + detail::to_text(u));
        // s < u may still round to the same grid time when u - s is below grid_tolerance():
        // odeint's integrate_times makes such a step when its accumulated time lands a
        // rounding error short of an observation. The increment over it is zero.
        const std::size_t first = grid_index(s, "s");
        const std::size_t last = grid_index(u, "u");
        return step_span{first, last};
    }

private:
    template <class Container>
    void check_size(const Container& dW) const
    {
        if (static_cast<std::size_t>(dW.size()) != m_dimension)
            throw std::invalid_argument("brownian_path::increment(s, u, dW): dW has size " +
                                        std::to_string(dW.size()) + " but dimension() = " +
                                        std::to_string(m_dimension));
    }

    void check_in_range(Time t, const char* name) const
    {
        using std::isfinite;
        if (!isfinite(t))
            throw std::invalid_argument(std::string("brownian_path::increment(s, u): ") + name +
                                        " = " + detail::to_text(t) + " is not finite");
        if (t < m_t0 - m_grid_tolerance || t > m_t1 + m_grid_tolerance)
            throw std::out_of_range(std::string("brownian_path::increment(s, u): ") + name +
                                    " = " + detail::to_text(t) + " lies outside [t0, t1] = [" +
                                    detail::to_text(m_t0) + ", " + detail::to_text(m_t1) + "]");
    }

    std::size_t grid_index(Time t, const char* name) const
    {
        using std::abs;
        // t is finite and within grid_tolerance() <= dt / 4 of [t0, t1] (check_in_range), so
        // x + 1/2 > 0 and truncation rounds x to the nearest integer.
        const Time x = (t - m_t0) * m_inverse_dt;
        const Time rounded = std::min(std::max(x + Time(0.5), Time(0)), static_cast<Time>(m_steps));
        const std::size_t k = std::min(static_cast<std::size_t>(rounded), m_steps);
        const Time distance = abs(x - static_cast<Time>(k)) * m_dt;
        if (!(distance <= m_grid_tolerance))
            throw std::invalid_argument(
                std::string("brownian_path::increment(s, u): ") + name + " = " + detail::to_text(t) +
                " is not a grid time: nearest grid time t0 + k dt with k = " + std::to_string(k) +
                ", dt = " + detail::to_text(m_dt) + " is " + detail::to_text(distance) +
                " away, more than grid_tolerance() = " + detail::to_text(m_grid_tolerance) +
                ". A fixed-grid path answers only grid times; adaptive steps ask for others "
                "(make_controlled's error estimate steps twice by dt/2, so its half steps end "
                "between grid times): use virtual_brownian_tree, which answers any time in "
                "[t0, t1]");
        return k;
    }


    std::uint64_t m_seed;
    std::uint64_t m_path;
    Time m_t0;
    Time m_t1;
    std::size_t m_steps;
    std::size_t m_dimension;
    boost::random::philox4x32_key m_key;
    Time m_dt{};
    Time m_inverse_dt{};
    unsigned m_levels = 0;
    Value m_sqrt_dt{};
    Time m_grid_tolerance{};
};

} // namespace odeint
} // namespace numeric
} // namespace boost

#endif // BOOST_NUMERIC_ODEINT_NOISE_BROWNIAN_PATH_HPP_INCLUDED
