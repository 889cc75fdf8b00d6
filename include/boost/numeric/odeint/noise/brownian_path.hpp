// boost/numeric/odeint/noise/brownian_path.hpp
//
// brownian_path<Value, Time>: an m-dimensional Brownian motion W on the fixed grid
// t_k = t0 + k h, h = (t1 - t0) / steps, generated on demand by a Lévy (Brownian bridge)
// construction over the grid (noise/detail/dyadic_grid.hpp, doc/sde.md): the grid's steps are
// the leaves of a binary tree whose cells get their increments from the top down, each half
// the bridge's midpoint given its cell, so that
//
//     W_i(t_{k+1}) - W_i(t_k) = sqrt(h) D_i(k),     D_i(k) ~ N(0, 1) i.i.d.,
//
// every step increment exact and a pure function of (seed, path, step k, component i), and
// the increment over j - i steps costs O(log(j - i)) normals with a cursor (O(log steps)
// without one) instead of j - i. The normals come from Philox-4x32-10 counters under key
// noise_key(seed, path) (Salmon et al., SC11 2011) through the library's own Box-Muller
// transform (standard_normal.hpp), so a path is bitwise the same alone or in a batch, on any
// thread, rank, machine or build, and on a device (brownian_grid_increment below).
// The path costs O(1) memory and can be queried in any order. This replaces a stored noise
// array for solvers that revisit the noise, e.g. adjoint SDE solvers (Li, Wong, Chen &
// Duvenaud, "Scalable gradients for stochastic differential equations", AISTATS 2020).
//
// Query times are grid times: s maps to k = round((s - t0) / h) and must lie within
// grid_tolerance() = min(h / 4, max(1e-9, 1024 eps_Time) max(|t0|, |t1|)) of t0 + k h, i.e.
// 1e-9 relative to the time scale for double (covers t0 + k h, and t += h accumulated over
// 10^6 steps even with every rounding in one direction), 1.2e-4 for float, never more than a
// quarter step (so the mapping is never ambiguous and a midpoint stage time is rejected).
// s < u that map to the same grid time (an empty span) give 0.
//
// Distributed under the Boost Software License, Version 1.0.
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
        : seed_(seed), path_(path), t0_(t0), t1_(t1), steps_(steps), dimension_(dimension),
          key_(noise_key(seed, path))
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
        dt_ = (t1 - t0) / static_cast<Time>(steps);
        if (!(dt_ > Time(0)))
            throw std::invalid_argument("brownian_path: step (t1 - t0) / steps = " +
                                        detail::to_text(dt_) + " underflows for steps = " +
                                        std::to_string(steps));
        inverse_dt_ = Time(1) / dt_;
        levels_ = detail::dyadic_levels(steps);
        sqrt_dt_ = static_cast<Value>(std::sqrt(dt_));
        const Time relative =
            std::max(Time(1e-9), Time(1024) * std::numeric_limits<Time>::epsilon());
        grid_tolerance_ = std::min(dt_ / Time(4), relative * std::max(abs(t0), abs(t1)));
    }

    std::size_t dimension() const { return dimension_; }
    std::size_t steps() const { return steps_; }
    Time t0() const { return t0_; }
    Time t1() const { return t1_; }
    Time dt() const { return dt_; }
    std::uint64_t seed() const { return seed_; }
    std::uint64_t path() const { return path_; }

    /// The levels of the construction's tree: the smallest L with 2^L >= steps().
    unsigned levels() const { return levels_; }

    /// static_cast<Value>(sqrt(dt())): the factor of every step increment.
    Value sqrt_dt() const { return sqrt_dt_; }

    /// How far (in time) a query may lie from its grid point; see the header comment.
    Time grid_tolerance() const { return grid_tolerance_; }

    /// W_i(t_{k+1}) - W_i(t_k) = brownian_grid_increment(noise_key(seed(), path()), levels(),
    /// k, k + 1, i, sqrt_dt()). Throws std::out_of_range unless k < steps() and i < dimension().
    Value step_increment(std::size_t k, std::size_t i) const
    {
        if (k >= steps_)
            throw std::out_of_range("brownian_path::step_increment(k, i): step k = " +
                                    std::to_string(k) + " is not below steps() = " +
                                    std::to_string(steps_));
        if (i >= dimension_)
            throw std::out_of_range("brownian_path::step_increment(k, i): component i = " +
                                    std::to_string(i) + " is not below dimension() = " +
                                    std::to_string(dimension_));
        return brownian_grid_increment<Value>(key_, levels_, k, k + 1, i, sqrt_dt_);
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
        for (std::size_t i = 0; i < dimension_; ++i)
            dW[i] = brownian_grid_increment<Value>(key_, levels_, first_step, last_step, i,
                                                   sqrt_dt_);
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
            for (std::size_t i = 0; i < dimension_; ++i)
                dW[i] = Value(0);
            return;
        }
        cursor.increment(first_step, last_step, sqrt_dt_, dW);
    }

    /// A cursor for this path (and its copies).
    cursor_type make_cursor() const
    {
        return cursor_type(seed_, path_, 1, dimension_, levels_);
    }

    /// Whether `cursor` was made by this path or an equal one.
    bool cursor_matches(const cursor_type& cursor) const
    {
        return cursor.made_for(seed_, path_, 1, dimension_, levels_);
    }

    /// W(u) - W(s) of a one-dimensional path; throws std::invalid_argument if dimension() != 1.
    Value increment(Time s, Time u) const
    {
        if (dimension_ != 1)
            throw std::invalid_argument("brownian_path::increment(s, u): the scalar form needs "
                                        "dimension() = 1, this path has dimension " +
                                        std::to_string(dimension_));
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
        if (static_cast<std::size_t>(dW.size()) != dimension_)
            throw std::invalid_argument("brownian_path::increment(s, u, dW): dW has size " +
                                        std::to_string(dW.size()) + " but dimension() = " +
                                        std::to_string(dimension_));
    }

    void check_in_range(Time t, const char* name) const
    {
        using std::isfinite;
        if (!isfinite(t))
            throw std::invalid_argument(std::string("brownian_path::increment(s, u): ") + name +
                                        " = " + detail::to_text(t) + " is not finite");
        if (t < t0_ - grid_tolerance_ || t > t1_ + grid_tolerance_)
            throw std::out_of_range(std::string("brownian_path::increment(s, u): ") + name +
                                    " = " + detail::to_text(t) + " lies outside [t0, t1] = [" +
                                    detail::to_text(t0_) + ", " + detail::to_text(t1_) + "]");
    }

    std::size_t grid_index(Time t, const char* name) const
    {
        using std::abs;
        // t is finite and within grid_tolerance() <= dt / 4 of [t0, t1] (check_in_range), so
        // x + 1/2 > 0 and truncation rounds x to the nearest integer.
        const Time x = (t - t0_) * inverse_dt_;
        const Time rounded = std::min(std::max(x + Time(0.5), Time(0)), static_cast<Time>(steps_));
        const std::size_t k = std::min(static_cast<std::size_t>(rounded), steps_);
        const Time distance = abs(x - static_cast<Time>(k)) * dt_;
        if (!(distance <= grid_tolerance_))
            throw std::invalid_argument(
                std::string("brownian_path::increment(s, u): ") + name + " = " + detail::to_text(t) +
                " is not a grid time: nearest grid time t0 + k dt with k = " + std::to_string(k) +
                ", dt = " + detail::to_text(dt_) + " is " + detail::to_text(distance) +
                " away, more than grid_tolerance() = " + detail::to_text(grid_tolerance_) +
                ". A fixed-grid path answers only grid times; adaptive steps ask for others "
                "(make_controlled's error estimate steps twice by dt/2, so its half steps end "
                "between grid times): use virtual_brownian_tree, which answers any time in "
                "[t0, t1]");
        return k;
    }


    std::uint64_t seed_;
    std::uint64_t path_;
    Time t0_;
    Time t1_;
    std::size_t steps_;
    std::size_t dimension_;
    boost::random::philox4x32_key key_;
    Time dt_{};
    Time inverse_dt_{};
    unsigned levels_ = 0;
    Value sqrt_dt_{};
    Time grid_tolerance_{};
};

} // namespace odeint
} // namespace numeric
} // namespace boost

#endif // BOOST_NUMERIC_ODEINT_NOISE_BROWNIAN_PATH_HPP_INCLUDED
