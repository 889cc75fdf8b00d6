/*
 boost/numeric/odeint/stepper/ees25.hpp

 EES(2,5;x): the three-stage explicit and effectively symmetric Runge–Kutta method of order 2
 whose backward step undoes the forward one to O(h^6), Φ_{-h}(Φ_h(y)) = y + O(h^6)
 (Shmelev, Ebrahimi-Fard, Tapia, Salvi, arXiv 2507.21006; ees-method.md §2):

     a21 = (1+2x) / (4(1-x))
     a31 = (4x-1)^2 / (4(x-1)(1-4x^2))       b = (x, 1/2, 1/2 - x)
     a32 = (1-x) / (1-4x^2)                  c = (0, a21, 3/(4(1-x)))

 defined for x ∉ {1, 1/2, -1/2}. The default x = 1/10 also satisfies b·c² = 1/3. The
 stability polynomial R(z) = 1 + z + z²/2 + z³/8 does not depend on x.

 A drop-in replacement for runge_kutta4 (same template parameters and stepper concept),
 plus inverse_do_step and stepping of driven systems (ees_generic_rk.hpp).

 Distributed under the Boost Software License, Version 1.0.
*/
#ifndef BOOST_NUMERIC_ODEINT_STEPPER_EES25_HPP_INCLUDED
#define BOOST_NUMERIC_ODEINT_STEPPER_EES25_HPP_INCLUDED

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
class ees25
    : public ees_generic_rk<3, State, Value, Deriv, Time, Algebra, Operations, Resizer>
{
    using base_type = ees_generic_rk<3, State, Value, Deriv, Time, Algebra, Operations, Resizer>;

public:
    using typename base_type::algebra_type;
    using typename base_type::tableau_type;
    using typename base_type::value_type;

    /// The antisymmetric order m of EES(2, m): Φ_{-h}∘Φ_h = id + O(h^{m+1}).
    static constexpr unsigned short reversal_order_value = 5;

    /// x = 1/10, the member of the family that is also third-order on b·c² = 1/3.
    static value_type default_parameter() { return value_type(1) / value_type(10); }

    explicit ees25(const algebra_type& algebra = algebra_type())
        : ees25(default_parameter(), algebra)
    {
    }

    /// EES(2,5;x); throws std::invalid_argument for x ∈ {1, 1/2, -1/2} or non-finite x.
    explicit ees25(value_type x, const algebra_type& algebra = algebra_type())
        : base_type("ees25", coefficients(x), algebra), m_parameter(x)
    {
    }

    value_type parameter() const { return m_parameter; }
    unsigned short reversal_order() const { return reversal_order_value; }

    /// The tableau of EES(2,5;x), evaluated in value_type.
    static tableau_type coefficients(value_type x)
    {
        const value_type one(1), two(2), four(4);
        tableau_type t;
        t.a[1][0] = (one + two * x) / (four * (one - x));
        t.a[2][0] = (four * x - one) * (four * x - one)
                    / (four * (x - one) * (one - four * x * x));
        t.a[2][1] = (one - x) / (one - four * x * x);
        t.b = {x, one / two, one / two - x};
        t.set_nodes_from_rows();
        // x = 1 and x = ±1/2 are the poles of the family.
        t.require_regular("ees25", x, x == one || two * x == one || two * x == -one);
        return t;
    }

private:
    value_type m_parameter;
};

} // namespace odeint
} // namespace numeric
} // namespace boost

#endif // BOOST_NUMERIC_ODEINT_STEPPER_EES25_HPP_INCLUDED
