/*
 boost/numeric/odeint/stepper/ees27.hpp

 EES(2,7;x): the four-stage explicit and effectively symmetric Runge–Kutta method of order 2
 whose backward step undoes the forward one to O(h^8), Φ_{-h}(Φ_h(y)) = y + O(h^8)
 (Shmelev, Ebrahimi-Fard, Tapia, Salvi, arXiv 2507.21006; ees-method.md §2). With s = √2,

     b = (x, (2-s)/2 - (1-s)x, (1-s)(x-1), (2-s)/2 - x)

 and, with w = x - 1, p = x - 1/2, q = x - 1/2 + s/2, r = x + s/2, u = x - 1 + s/2,
 v = x - 1/2 + s/4,

     a21 = -s q / (2 w)
     a31 = -(2 + s) r u v / (2 (1 + s) w p q)
     a32 = -r / (4 (1 + s) p q)
     a41 = -(40x⁴ + 40(s-2)x³ + (88-60s)x² + (34s-48)x + 10 - 7s) / (32 w p r u q)
     a42 = (1 + s) x w v / ((4 + 3s) p u q)
     a43 = -s w p / (2 (1 + s) r u)

 the solution of the order-2 and antisymmetric-order-7 conditions for this b
 (doc/derivations/ees_family.py derives it and checks all 85 conditions up to order 7
 exactly). It is singular where w, p, q, r or u vanish: x = 1, 1/2, (1-√2)/2,
 -√2/2, 1-√2/2. The default x = (5-3√2)/14 (the published instance that also satisfies
 b·c² = 1/3) and x = (2-√2)/4 are the two published instances, which the formulas
 reproduce. The stability polynomial does not depend on x:
 R(z) = 1 + z + z²/2 + (2-√2)/4 z³ + (3-2√2)/8 z⁴.

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

    /// The parameters at which the family's coefficients are undefined (the poles).
    static std::vector<value_type> singular_parameters()
    {
        using std::sqrt;
        const value_type s = sqrt(value_type(2)), half = value_type(1) / value_type(2);
        return {value_type(1), half, half - s / 2, -s / 2, value_type(1) - s / 2};
    }

    /// The tableau of EES(2,7;x), evaluated in value_type.
    static tableau_type coefficients(value_type x)
    {
        using std::sqrt;
        const value_type one(1), two(2), s = sqrt(two), half = one / two;
        const value_type w = x - one, p = x - half, q = x - half + s / 2, r = x + s / 2,
                         u = x - one + s / 2, v = x - half + s / 4;
        const value_type quartic = 40 * x * x * x * x + 40 * (s - 2) * x * x * x +
                                   (88 - 60 * s) * x * x + (34 * s - 48) * x + 10 - 7 * s;
        tableau_type t;
        t.a[1][0] = -s * q / (2 * w);
        t.a[2][0] = -(2 + s) * r * u * v / (2 * (1 + s) * w * p * q);
        t.a[2][1] = -r / (4 * (1 + s) * p * q);
        t.a[3][0] = -quartic / (32 * w * p * r * u * q);
        t.a[3][1] = (1 + s) * x * w * v / ((4 + 3 * s) * p * u * q);
        t.a[3][2] = -s * w * p / (2 * (1 + s) * r * u);
        t.b = {x, (two - s) / two - (one - s) * x, (one - s) * (x - one), (two - s) / two - x};
        t.set_nodes_from_rows();
        const bool at_pole = w == 0 || p == 0 || q == 0 || r == 0 || u == 0;
        t.require_regular("ees27", x, at_pole);
        return t;
    }

private:
    value_type m_parameter;
};

} // namespace odeint
} // namespace numeric
} // namespace boost

#endif // BOOST_NUMERIC_ODEINT_STEPPER_EES27_HPP_INCLUDED
