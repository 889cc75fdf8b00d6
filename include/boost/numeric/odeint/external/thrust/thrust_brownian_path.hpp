/*
 boost/numeric/odeint/external/thrust/thrust_brownian_path.hpp

 thrust_brownian_path<Value, Time>: brownian_path (noise/brownian_path.hpp) for increments that
 live in Thrust vectors. It holds no noise, only the grid and the keys of the paths, checks
 every request on the host and then fills dW with one thrust::transform of
 brownian_increment_functor (thrust_brownian_increment.hpp): the noise is generated where dW
 lives (on the GPU for a device_vector under CUDA), with no host round trip and no allocation.

     thrust_brownian_path<double> noise(brownian_path<double>(seed, t0, t1, steps, m, p), n);

 is the ensemble of the n paths brownian_path(seed, t0, t1, steps, m, p + j), j = 0 .. n−1,
 laid out path-major: dimension() = n m and element j m + c is component c of path p + j.
 n = 1 is the m-dimensional path itself; m = 1 is an ensemble of scalar paths, element j
 being path p + j (the layout of an SDE ensemble with one path per vector element).
 member(j) returns the host brownian_path of ensemble member j, whose increments the device
 values equal (bitwise on CPU backends).

 It models the path concept of driven_equation (dimension(), increment(s, u, dW)) and adds
 negated_increment for backward steps. Query times follow brownian_path exactly: s and u must
 be grid times within grid_tolerance() of t0 + k dt, inside [t0, t1], with s < u; otherwise
 std::invalid_argument or std::out_of_range, thrown on the host before anything is launched.

 Distributed under the Boost Software License, Version 1.0.
*/
#ifndef BOOST_NUMERIC_ODEINT_EXTERNAL_THRUST_THRUST_BROWNIAN_PATH_HPP_INCLUDED
#define BOOST_NUMERIC_ODEINT_EXTERNAL_THRUST_THRUST_BROWNIAN_PATH_HPP_INCLUDED

#include <algorithm>
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <limits>
#include <sstream>
#include <stdexcept>
#include <string>

#include <boost/range/begin.hpp>
#include <boost/range/end.hpp>

#include <thrust/distance.h>
#include <thrust/iterator/counting_iterator.h>
#include <thrust/transform.h>

#include <boost/numeric/odeint/external/thrust/thrust_brownian_increment.hpp>
#include <boost/numeric/odeint/noise/brownian_path.hpp>

namespace boost {
namespace numeric {
namespace odeint {

template <class Value = double, class Time = Value>
class thrust_brownian_path
{
public:
    using value_type = Value;
    using time_type = Time;
    using host_path_type = brownian_path<Value, Time>;

    /// The grid steps [first, last) between two grid times.
    using step_span = typename host_path_type::step_span;

    /// The ensemble of `paths` paths first, first + 1, ... (path indices) of `first`'s seed and
    /// grid; throws std::invalid_argument for paths = 0.
    explicit thrust_brownian_path(const host_path_type& first, std::size_t paths = 1)
        : m_first(first), m_paths(paths)
    {
        if (paths == 0)
            throw std::invalid_argument("thrust_brownian_path: paths = 0, needs at least one "
                                        "path");
    }

    /// Elements of an increment: paths() · path_dimension().
    std::size_t dimension() const { return m_paths * m_first.dimension(); }
    std::size_t paths() const { return m_paths; }
    std::size_t path_dimension() const { return m_first.dimension(); }

    /// The host brownian_path of ensemble member j (path index first.path() + j).
    host_path_type member(std::size_t j) const
    {
        if (j >= m_paths)
            throw std::out_of_range("thrust_brownian_path::member(j): j = " +
                                    std::to_string(j) + " is not below paths() = " +
                                    std::to_string(m_paths));
        return host_path_type(m_first.seed(), m_first.t0(), m_first.t1(), m_first.steps(),
                              m_first.dimension(), m_first.path() + j);
    }

    Time t0() const { return m_first.t0(); }
    Time t1() const { return m_first.t1(); }
    Time dt() const { return m_first.dt(); }
    std::size_t steps() const { return m_first.steps(); }
    Time grid_tolerance() const { return m_first.grid_tolerance(); }

    /// The grid steps between grid times s < u: brownian_path's own grid rules, so host and
    /// device accept the same times (a step shorter than the grid tolerance is empty).
    step_span steps_between(Time s, Time u) const { return m_first.step_range(s, u); }

    /// The device functor of W(u) − W(s) (negated: W(s) − W(u)) for s < u, checked here.
    brownian_increment_functor<Value> increment_functor(Time s, Time u,
                                                        bool negated = false) const
    {
        const step_span span = steps_between(s, u);
        return {m_first.seed(), m_first.path(), m_first.dimension(), span.first, span.last,
                m_first.levels(), m_first.sqrt_dt(), negated};
    }

    /// dW = W(u) − W(s) for grid times s < u, generated where dW lives; dW must have
    /// dimension() elements.
    template <class Vector>
    void increment(Time s, Time u, Vector& dW) const
    {
        fill(increment_functor(s, u, false), dW);
    }

    /// dW = W(s) − W(u) for grid times s < u: the increment of the backward step u -> s.
    template <class Vector>
    void negated_increment(Time s, Time u, Vector& dW) const
    {
        fill(increment_functor(s, u, true), dW);
    }

private:
    template <class Vector>
    void fill(const brownian_increment_functor<Value>& functor, Vector& dW) const
    {
        const auto size = thrust::distance(boost::begin(dW), boost::end(dW));
        if (size < 0 || static_cast<std::size_t>(size) != dimension())
            throw std::invalid_argument(prefix() + "dW has size " + std::to_string(size) +
                                        " but dimension() = " + std::to_string(dimension()));
        const thrust::counting_iterator<std::uint64_t> first(0);
        thrust::transform(first, first + static_cast<std::ptrdiff_t>(size), boost::begin(dW),
                          functor);
    }

    static std::string prefix() { return "thrust_brownian_path::increment(s, u): "; }


    host_path_type m_first;
    std::size_t m_paths;
};

} // namespace odeint
} // namespace numeric
} // namespace boost

#endif // BOOST_NUMERIC_ODEINT_EXTERNAL_THRUST_THRUST_BROWNIAN_PATH_HPP_INCLUDED
