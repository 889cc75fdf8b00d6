/*
 boost/numeric/odeint/stepper/ees27.hpp

 EES(2,7;x): the four-stage explicit and effectively symmetric Runge–Kutta method of order 2
 whose backward step undoes the forward one to O(h^8), Φ_{-h}(Φ_h(y)) = y + O(h^8)
 (Shmelev, Ebrahimi-Fard, Tapia, Salvi, arXiv 2507.21006; ees-method.md §2). With s = √2,

     b = (x, (2-s)/2 - (1-s)x, (1-s)(x-1), (2-s)/2 - x)
     A(x): FAMILY_FORMULAS

 The default x = (5-3√2)/14 and x = (2-√2)/4 are the two published instances.

 Distributed under the Boost Software License, Version 1.0.
*/
#ifndef BOOST_NUMERIC_ODEINT_STEPPER_EES27_HPP_INCLUDED
#define BOOST_NUMERIC_ODEINT_STEPPER_EES27_HPP_INCLUDED

#include <cmath>
#include <vector>

#include <boost/numeric/odeint/algebra/algebra_dispatcher.hpp>
#include <boost/numeric/odeint/algebra/operations_dispatcher.hpp>
#include <boost/numeric/odeint/util/resizer.hpp>

#include <boost/numeric/odeint/stepper/ees_generic_rk.hpp>

namespace boost {
namespace numeric {
namespace odeint {

template <class State, class Value = double, class Deriv = State, class Time = Value,
          class Algebra = typename algebra_dispatcher<State>::algebra_type,
          class Operations = typename operations_dispatcher<State>::operations_type,
          class Resizer = initially_resizer>
class ees27
    : public ees_generic_rk<4, State, Value, Deriv, Time, Algebra, Operations, Resizer>
{
    using base_type = ees_generic_rk<4, State, Value, Deriv, Time, Algebra, Operations, Resizer>;

public:
    using typename base_type::algebra_type;
    using typename base_type::tableau_type;
    using typename base_type::value_type;

    /// The antisymmetric order m of EES(2, m): Φ_{-h}∘Φ_h = id + O(h^{m+1}).
    static constexpr unsigned short reversal_order_value = 7;

    /// x = (5 - 3√2)/14, the published instance that also satisfies b·c² = 1/3.
    static value_type default_parameter()
    {
        using std::sqrt;
        return (value_type(5) - value_type(3) * sqrt(value_type(2))) / value_type(14);
    }

    explicit ees27(const algebra_type& algebra = algebra_type())
        : ees27(default_parameter(), algebra)
    {
    }

    /// EES(2,7;x); throws std::invalid_argument at the poles of the family or non-finite x.
    explicit ees27(value_type x, const algebra_type& algebra = algebra_type())
        : base_type("ees27", coefficients(x), algebra), m_parameter(x)
    {
    }

    value_type parameter() const { return m_parameter; }
    unsigned short reversal_order() const { return reversal_order_value; }

    /// The parameters at which the family's coefficients are undefined.
    static std::vector<value_type> singular_parameters()
    {
        return {};
    }

    /// The tableau of EES(2,7;x), evaluated in value_type.
    static tableau_type coefficients(value_type x)
    {
        using std::sqrt;
        const value_type one(1), two(2), s = sqrt(two);
        tableau_type t;
        // PLACEHOLDER: default instance only, until the family formulas are in.
        t.a[1][0] = (two - s) / 3;
        t.a[2][0] = (-4 + s) / 24;
        t.a[2][1] = (4 + s) / 8;
        t.a[3][0] = (-176 + 145 * s) / 168;
        t.a[3][1] = 3 * (8 - 5 * s) / 56;
        t.a[3][2] = 3 * (3 - s) / 7;
        t.b = {x, (two - s) / two - (one - s) * x, (one - s) * (x - one), (two - s) / two - x};
        t.set_nodes_from_rows();
        t.require_regular("ees27", x);
        return t;
    }

private:
    value_type m_parameter;
};

} // namespace odeint
} // namespace numeric
} // namespace boost

#endif // BOOST_NUMERIC_ODEINT_STEPPER_EES27_HPP_INCLUDED
