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
 stability polynomial R(z) = 1 + z + z²/2 + z³/8 does not depend on x. The default
 stepper's coefficients, in float, double and long double, are the correctly rounded exact
 values, as literals (construction costs nothing); another x is evaluated in long double, or
 exactly with ees25<S>(x, exact_coefficients) (stepper/ees_exact_coefficients.hpp;
 detail/family_coefficients.hpp).

 A drop-in replacement for runge_kutta4 (same template parameters and stepper concept),
 plus inverse_do_step and stepping of driven systems (ees_generic_rk.hpp).

 Distributed under the Boost Software License, Version 1.0.
*/
#ifndef BOOST_NUMERIC_ODEINT_STEPPER_EES25_HPP_INCLUDED
#define BOOST_NUMERIC_ODEINT_STEPPER_EES25_HPP_INCLUDED

#include <array>
#include <type_traits>

#include <boost/numeric/odeint/algebra/algebra_dispatcher.hpp>
#include <boost/numeric/odeint/algebra/operations_dispatcher.hpp>
#include <boost/numeric/odeint/util/resizer.hpp>

#include <boost/numeric/odeint/stepper/butcher_tableau.hpp>
#include <boost/numeric/odeint/stepper/detail/family_coefficients.hpp>
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

    /// The name in error messages.
    static constexpr const char* method_name = "ees25";

    /// x = 1/10, the member of the family that is also third-order on b·c² = 1/3.
    static value_type default_parameter() { return value_type(1) / value_type(10); }

    explicit ees25(const algebra_type& algebra = algebra_type())
        : ees25(default_parameter(), algebra)
    {
    }

    /// EES(2,5;x); throws std::invalid_argument for non-finite x and for x within
    /// tableau_type::pole_distance_bound() (1e-3) of a pole 1, 1/2, -1/2.
    explicit ees25(value_type x, const algebra_type& algebra = algebra_type())
        : base_type(method_name, coefficients(x), algebra), m_parameter(x)
    {
    }

    /// EES(2,5;x) with every coefficient the correctly rounded exact value at x, whatever x:
    /// ees25<S>(x, exact_coefficients), after including stepper/ees_exact_coefficients.hpp
    /// (exact arithmetic in Q(√2) with Boost.Multiprecision at every construction).
    template <class Exact,
              class = std::enable_if_t<detail::is_exact_coefficients_tag_v<Exact>>>
    ees25(value_type x, const Exact& exact, const algebra_type& algebra = algebra_type())
        : base_type(method_name, exact.template tableau<ees25>(x), algebra), m_parameter(x)
    {
    }

    value_type parameter() const { return m_parameter; }
    unsigned short reversal_order() const { return reversal_order_value; }

    /// The poles of the family, x = 1 and x = ±1/2.
    static std::array<long double, 3> poles() { return {1.0L, 0.5L, -0.5L}; }

    /// The published parameter x = 1/10 (default_parameter()), exactly.
    static std::array<detail::published_parameter<value_type>, 1> published_parameters()
    {
        return {{{default_parameter(), 1, 10, 0, 1}}};
    }

    /// The tableau of EES(2,5;x). At x = default_parameter(), in float, double and long
    /// double, every coefficient is the correctly rounded exact value (literals of
    /// detail/ees_published_tableaus.hpp); another x is evaluated from the closed form in the
    /// wider of value_type and long double (detail::family_arithmetic_t), then rounded.
    static tableau_type coefficients(value_type x)
    {
        tableau_type::require_well_conditioned(method_name, x, poles());
        if constexpr (detail::has_published_tableaus<value_type>())
        {
            using literals = detail::published_tableaus_of<value_type>;
            if (x == literals::ees25_tenth[0])
                return tableau_type::from_entries(literals::ees25_tenth + 1);
        }
        using arithmetic = detail::family_arithmetic_t<value_type>;
        const tableau_type t =
            family(static_cast<arithmetic>(x), arithmetic(0)).template convert<value_type>();
        t.require_regular(method_name, x);
        return t;
    }

    /// The closed form of the header comment in the arithmetic of F (value_type, long
    /// double, or exact); EES(2,5)'s coefficients are rational in x, so √2 is not used.
    template <class F>
    static butcher_tableau<F, 3> family(const F& x, const F& /*root2*/)
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
