/*
 boost/numeric/odeint/system/driven_equation.hpp

 driven_equation: a driven system (system/driven_system.hpp) made of a vector field and a
 control, dy = F(t, y) dX with X = (t, W) (doc/method.md §3). The vector field is a class with

     Field::field_type                       storage of F(t, y)
     field.make_field(y)                     a field_type for states shaped like y
     field(y, F, t)                          F = F(t, y)
     field.product(F, dt, dW, k)             k = F·(dt, dW)
     field.field_product(y, t, dt, dW, k)    optional: k = F(t, y)·(dt, dW) in one pass
 and, for gradients (integrate_reversible),
     field.product_transpose(v, dt, dW, G)   G = (∂k/∂F)ᵀv
     field.vjp(y, t, G, adj_y, adj_p)        adds (∂F/∂y)ᵀG and (∂F/∂θ)ᵀG

 (stratonovich_vector_field is one), so any noise structure (diagonal, d×m, additive, scalar)
 and any driver (Brownian motion, a data path of a neural CDE, fractional Brownian motion) is
 just a different field and a different control. The control is anything with

     Control::value_type                                      // time_type optional
     std::size_t dimension() const;
     void increment(Time s, Time u, Increment& dW) const;   // dW = W(u) − W(s), s < u

 (brownian_path, virtual_brownian_tree, or a user's own; see driven_system.hpp for the
 optional cursor). The increment type is std::vector<Control::value_type> unless given.

 A driven_equation is a handle: field and control live in one shared block, so a copy costs
 O(1) and no allocation (odeint passes systems by value, once per step) and copies share the
 field and the control. Nothing in it changes during a solve (the stepper owns the increment,
 the control's cursor and the field buffers), so one object, const, can be stepped from several
 threads at once. field() gives the field for changing parameters between solves; the change
 is seen by every copy.

 Distributed under the Boost Software License, Version 1.0.
*/
#ifndef BOOST_NUMERIC_ODEINT_SYSTEM_DRIVEN_EQUATION_HPP_INCLUDED
#define BOOST_NUMERIC_ODEINT_SYSTEM_DRIVEN_EQUATION_HPP_INCLUDED

#include <memory>
#include <type_traits>
#include <utility>
#include <vector>

#include <boost/numeric/odeint/system/driven_system.hpp>

namespace boost {
namespace numeric {
namespace odeint {

template <class VectorField, class Control,
          class Increment = std::vector<detail::control_value_t<Control>>>
class driven_equation
{
    static_assert(!std::is_same<detail::control_value_t<Control>,
                                detail::missing_control_value_type>::value,
                  "a control (path) declares value_type, the scalar of its increments; "
                  "time_type is optional (value_type when absent): see the Control concept "
                  "table in doc/reference.md");
    static_assert(std::is_arithmetic<detail::control_value_t<Control>>::value ||
                      std::is_same<detail::control_value_t<Control>,
                                   detail::missing_control_value_type>::value,
                  "the control's value_type is the scalar of its increments (e.g. "
                  "brownian_path<double>), not a state type");

public:
    using system_category = driven_system_tag;
    using vector_field_type = VectorField;
    using control_type = Control;
    using path_type = Control;
    using increment_type = Increment;
    using field_type = typename VectorField::field_type;

    driven_equation(VectorField field, Control control)
        : m_shared(std::make_shared<shared>(shared{std::move(field), std::move(control)}))
    {
    }

    const Control& control() const { return m_shared->control; }
    const Control& path() const { return m_shared->control; }
    const VectorField& field() const { return m_shared->field; }
    VectorField& field() { return m_shared->field; }

    increment_type make_increment() const { return increment_type(control().dimension()); }

    template <class StateIn>
    field_type make_field(const StateIn& y) const
    {
        return field().make_field(y);
    }

    /// F = F(t, y).
    template <class StateIn, class Time>
    void operator()(const StateIn& y, field_type& F, Time t) const
    {
        field()(y, F, t);
    }

    /// k = F·(dt, dW).
    template <class Time, class DerivOut>
    void product(const field_type& F, Time dt, const increment_type& dW, DerivOut& k) const
    {
        field().product(F, dt, dW, k);
    }

    /// k = F(t, y)·(dt, dW) in one pass, when the field offers it.
    template <class StateIn, class Time, class DerivOut, class Field = VectorField>
    auto field_product(const StateIn& y, Time t, Time dt, const increment_type& dW,
                       DerivOut& k) const
        -> decltype(std::declval<const Field&>().field_product(y, t, dt, dW, k))
    {
        return field().field_product(y, t, dt, dW, k);
    }

    /// G = (∂k/∂F)ᵀv for k = F·(dt, dW).
    template <class Vector, class Time>
    void product_transpose(const Vector& v, Time dt, const increment_type& dW,
                           field_type& G) const
    {
        field().product_transpose(v, dt, dW, G);
    }

    /// Adds (∂F/∂y)ᵀG to adj_y and (∂F/∂θ)ᵀG to adj_p.
    template <class StateIn, class Time, class Adjoint, class ParameterAdjoint>
    void vjp(const StateIn& y, Time t, const field_type& G, Adjoint& adj_y,
             ParameterAdjoint& adj_p) const
    {
        field().vjp(y, t, G, adj_y, adj_p);
    }

private:
    struct shared
    {
        VectorField field;
        Control control;
    };
    std::shared_ptr<shared> m_shared;
};

template <class VectorField, class Control>
driven_equation<VectorField, Control> make_driven_equation(VectorField field, Control control)
{
    return driven_equation<VectorField, Control>(std::move(field), std::move(control));
}

} // namespace odeint
} // namespace numeric
} // namespace boost

#endif // BOOST_NUMERIC_ODEINT_SYSTEM_DRIVEN_EQUATION_HPP_INCLUDED
