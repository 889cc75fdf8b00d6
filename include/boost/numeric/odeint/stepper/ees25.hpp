/*
 boost/numeric/odeint/stepper/ees25.hpp

 EES(2,5;x): the three-stage explicit and effectively symmetric Runge–Kutta method of order 2
 whose backward step undoes the forward one to O(h^6), Φ_{-h}(Φ_h(y)) = y + O(h^6)
 (Shmelev, Ebrahimi-Fard, Tapia, Salvi, arXiv 2507.21006; doc/method.md §2):

     a21 = (1+2x) / (4(1-x))
     a31 = (4x-1)^2 / (4(x-1)(1-4x^2))       b = (x, 1/2, 1/2 - x)
     a32 = (1-x) / (1-4x^2)                  c = (0, a21, 3/(4(1-x)))

 defined for x ∉ {1, 1/2, -1/2}; x closer than 1e-3 to one of these is rejected (the
 coefficients grow like 1/distance). The default x = 1/10 also satisfies b·c² = 1/3. The
 stability polynomial R(z) = 1 + z + z²/2 + z³/8 does not depend on x. In float, double and
 long double every coefficient is the correctly rounded exact value.

 A drop-in replacement for runge_kutta4 (same template parameters and stepper concept),
 plus inverse_do_step and stepping of driven systems (ees_generic_rk.hpp).

 Distributed under the Boost Software License, Version 1.0.
*/
#ifndef BOOST_NUMERIC_ODEINT_STEPPER_EES25_HPP_INCLUDED
#define BOOST_NUMERIC_ODEINT_STEPPER_EES25_HPP_INCLUDED

#include <array>

#include <boost/numeric/odeint/algebra/algebra_dispatcher.hpp>
#include <boost/numeric/odeint/algebra/operations_dispatcher.hpp>
#include <boost/numeric/odeint/util/resizer.hpp>

#include <boost/numeric/odeint/stepper/butcher_tableau.hpp>
#include <boost/numeric/odeint/stepper/detail/exact_coefficients.hpp>
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

    /// EES(2,5;x); throws std::invalid_argument for non-finite x and for x within
    /// tableau_type::pole_distance_bound() (1e-3) of a pole 1, 1/2, -1/2.
    explicit ees25(value_type x, const algebra_type& algebra = algebra_type())
        : base_type("ees25", coefficients(x), algebra), m_parameter(x)
    {
    }

    value_type parameter() const { return m_parameter; }
    unsigned short reversal_order() const { return reversal_order_value; }

    /// The poles of the family, x = 1 and x = ±1/2.
    static std::array<long double, 3> poles() { return {1.0L, 0.5L, -0.5L}; }

    /// The tableau of EES(2,5;x): for float, double and long double every coefficient is the
    /// correctly rounded value of the formula at x, evaluated exactly
    /// (detail/exact_coefficients.hpp), at x = 1/10 exactly for default_parameter(); for
    /// other value types the formula in value_type arithmetic.
    static tableau_type coefficients(value_type x)
    {
        tableau_type::require_well_conditioned("ees25", x, poles());
        if constexpr (detail::has_exact_coefficients<value_type>())
        {
            const detail::quadratic_surd exact_x =
                x == default_parameter()
                    ? detail::quadratic_surd(detail::exact_rational(1) / 10)
                    : detail::quadratic_surd(detail::exact_value(x));
            tableau_type t = detail::round_tableau<value_type>(family(exact_x));
            t.require_regular("ees25", x);
            return t;
        }
        else
        {
            tableau_type t = family(x);
            t.require_regular("ees25", x);
            return t;
        }
    }

    /// The closed form of the header comment in the arithmetic of F (value_type, or exact).
    template <class F>
    static butcher_tableau<F, 3> family(const F& x)
    {
        const F one(1), two(2), four(4);
        butcher_tableau<F, 3> t;
        t.a[1][0] = (one + two * x) / (four * (one - x));
        t.a[2][0] = (four * x - one) * (four * x - one) / (four * (x - one) * (one - four * x * x));
        t.a[2][1] = (one - x) / (one - four * x * x);
        t.b = {x, one / two, one / two - x};
        t.set_nodes_from_rows();
        return t;
    }

private:
    value_type m_parameter;
};

} // namespace odeint
} // namespace numeric
} // namespace boost

#endif // BOOST_NUMERIC_ODEINT_STEPPER_EES25_HPP_INCLUDED
