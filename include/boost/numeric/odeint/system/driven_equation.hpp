/*
 boost/numeric/odeint/system/driven_equation.hpp

 driven_equation: a driven system (system/driven_system.hpp) made of a vector field and a
 path, dy = F(t, y) dX with X = (t, path) (ees-method.md §3). The vector field computes the
 increment of one stage,

     field(y, k, t, dt, dX)      // k = F(t, y)·(dt, dX)

 so any noise structure (diagonal, d×m, additive, scalar) and any driver (Brownian motion, a
 data path of a neural CDE, fractional Brownian motion) is just a different product and a
 different path. The path is anything with

     std::size_t dimension() const;
     void increment(Time s, Time u, Increment& dX) const;   // dX = X(u) − X(s), s < u

 (brownian_path, virtual_brownian_tree, or a user's own). For gradients
 (integrate_reversible) the field also provides

     field.vjp(y, t, dt, dX, v, adj_y, adj_p)   // adds (∂K/∂y)ᵀv and (∂K/∂θ)ᵀv begin_step fixes dX over the
 step; for dt < 0 (inverse_do_step) it asks the path for the forward increment and negates
 it, so the backward pass replays exactly the forward noise.

 Odeint copies systems by value on every step; the increment buffer is therefore held by a
 shared_ptr so that copies cost no allocation. Copies share it: use one driven_equation per
 thread.

 Distributed under the Boost Software License, Version 1.0.
*/
#ifndef BOOST_NUMERIC_ODEINT_SYSTEM_DRIVEN_EQUATION_HPP_INCLUDED
#define BOOST_NUMERIC_ODEINT_SYSTEM_DRIVEN_EQUATION_HPP_INCLUDED

#include <memory>
#include <utility>
#include <vector>

#include <boost/numeric/odeint/system/driven_system.hpp>

namespace boost {
namespace numeric {
namespace odeint {

template <class VectorField, class Path,
          class Increment = std::vector<typename Path::value_type>>
class driven_equation
{
public:
    using system_category = driven_system_tag;
    using vector_field_type = VectorField;
    using path_type = Path;
    using increment_type = Increment;

    driven_equation(VectorField field, Path path)
        : m_field(std::move(field)), m_path(std::move(path)),
          m_increment(std::make_shared<Increment>(m_path.dimension()))
    {
    }

    /// Fixes dX = X(t + dt) − X(t) for the stages of the step [t, t + dt]; dt may be < 0.
    template <class Time>
    void begin_step(Time t, Time dt)
    {
        Increment& dX = *m_increment;
        if (dt > Time(0))
            m_path.increment(t, t + dt, dX);
        else
        {
            m_path.increment(t + dt, t, dX);
            for (auto& value : dX)
                value = -value;
        }
    }

    /// k = F(t, y)·(dt, dX) with the dX fixed by begin_step.
    template <class StateIn, class DerivOut, class Time>
    void operator()(const StateIn& y, DerivOut& k, Time t, Time dt) const
    {
        m_field(y, k, t, dt, *m_increment);
    }

    /// Vector–Jacobian product of the stage increment (for integrate_reversible): adds
    /// (∂K/∂y)ᵀv to adj_y and (∂K/∂θ)ᵀv to adj_p, K = F(t, y)·(dt, dX), through
    /// field.vjp(y, t, dt, dX, v, adj_y, adj_p) with the dX fixed by begin_step.
    template <class StateIn, class Vector, class Adjoint, class ParameterAdjoint, class Time>
    void vjp(const StateIn& y, Time t, Time dt, const Vector& v, Adjoint& adj_y,
             ParameterAdjoint& adj_p) const
    {
        m_field.vjp(y, t, dt, *m_increment, v, adj_y, adj_p);
    }

    /// The driver increment of the current step.
    const Increment& increment() const { return *m_increment; }
    const Path& path() const { return m_path; }
    const VectorField& field() const { return m_field; }
    VectorField& field() { return m_field; }

private:
    VectorField m_field;
    Path m_path;
    std::shared_ptr<Increment> m_increment;
};

template <class VectorField, class Path>
driven_equation<VectorField, Path> make_driven_equation(VectorField field, Path path)
{
    return driven_equation<VectorField, Path>(std::move(field), std::move(path));
}

} // namespace odeint
} // namespace numeric
} // namespace boost

#endif // BOOST_NUMERIC_ODEINT_SYSTEM_DRIVEN_EQUATION_HPP_INCLUDED
