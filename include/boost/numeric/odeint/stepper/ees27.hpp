/*
 boost/numeric/odeint/stepper/ees27.hpp

 EES(2,7;x): the four-stage explicit and effectively symmetric Runge–Kutta method of order 2
 whose backward step undoes the forward one to O(h^8), Φ_{-h}(Φ_h(y)) = y + O(h^8)
 (Shmelev, Ebrahimi-Fard, Tapia, Salvi, arXiv 2507.21006; doc/method.md §2). With s = √2,

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
 R(z) = 1 + z + z²/2 + (2-√2)/4 z³ + (3-2√2)/8 z⁴. x closer than 1e-3 to a pole is rejected
 (the coefficients grow like 1/distance). At the published instances (x their correctly
 rounded parameter), in float, double and long double, every coefficient is the correctly
 rounded exact value, as literals (construction costs nothing); another x is evaluated in
 long double, or exactly with ees27<S>(x, exact_coefficients)
 (stepper/ees_exact_coefficients.hpp; detail/family_coefficients.hpp).

 Distributed under the Boost Software License, Version 1.0.
*/
#ifndef BOOST_NUMERIC_ODEINT_STEPPER_EES27_HPP_INCLUDED
#define BOOST_NUMERIC_ODEINT_STEPPER_EES27_HPP_INCLUDED

#include <array>
#include <cmath>
#include <type_traits>
#include <vector>

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

    /// The name in error messages.
    static constexpr const char* method_name = "ees27";

    /// x = (5 - 3√2)/14, the published instance that also satisfies b·c² = 1/3 (correctly
    /// rounded for float, double and long double).
    static value_type default_parameter()
    {
        if constexpr (detail::has_published_tableaus<value_type>())
            return detail::published_tableaus_of<value_type>::ees27_default[0];
        else
        {
            using std::sqrt;
            return (value_type(5) - value_type(3) * sqrt(value_type(2))) / value_type(14);
        }
    }

    /// x = (2 - √2)/4, the other published instance (correctly rounded as above).
    static value_type second_published_parameter()
    {
        if constexpr (detail::has_published_tableaus<value_type>())
            return detail::published_tableaus_of<value_type>::ees27_second[0];
        else
        {
            using std::sqrt;
            return (value_type(2) - sqrt(value_type(2))) / value_type(4);
        }
    }

    explicit ees27(const algebra_type& algebra = algebra_type())
        : ees27(default_parameter(), algebra)
    {
    }

    /// EES(2,7;x); throws std::invalid_argument for non-finite x and for x within
    /// tableau_type::pole_distance_bound() (1e-3) of a pole of the family.
    explicit ees27(value_type x, const algebra_type& algebra = algebra_type())
        : base_type(method_name, coefficients(x), algebra), m_parameter(x)
    {
    }

    /// EES(2,7;x) with every coefficient the correctly rounded exact value at x, whatever x:
    /// ees27<S>(x, exact_coefficients), after including stepper/ees_exact_coefficients.hpp
    /// (exact arithmetic in Q(√2) with Boost.Multiprecision at every construction).
    template <class Exact,
              class = std::enable_if_t<detail::is_exact_coefficients_tag_v<Exact>>>
    ees27(value_type x, const Exact& exact, const algebra_type& algebra = algebra_type())
        : base_type(method_name, exact.template tableau<ees27>(x), algebra), m_parameter(x)
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

    /// The poles in long double, for the distance check.
    static std::array<long double, 5> poles()
    {
        const long double s = 1.41421356237309504880168872420969808L;
        return {1.0L, 0.5L, 0.5L - s / 2, -s / 2, 1.0L - s / 2};
    }

    /// The published parameters (5 - 3√2)/14 and (2 - √2)/4, exactly.
    static std::array<detail::published_parameter<value_type>, 2> published_parameters()
    {
        return {{{default_parameter(), 5, 14, -3, 14}, {second_published_parameter(), 1, 2, -1, 4}}};
    }

    /// The tableau of EES(2,7;x). At x = default_parameter() or second_published_parameter(),
    /// in float, double and long double, every coefficient is the correctly rounded value of
    /// the exact published instance (literals of detail/ees_published_tableaus.hpp); another
    /// x is evaluated from the closed form in the wider of value_type and long double
    /// (detail::family_arithmetic_t), then rounded.
    static tableau_type coefficients(value_type x)
    {
        tableau_type::require_well_conditioned(method_name, x, poles());
        if constexpr (detail::has_published_tableaus<value_type>())
        {
            using literals = detail::published_tableaus_of<value_type>;
            if (x == literals::ees27_default[0])
                return tableau_type::from_entries(literals::ees27_default + 1);
            if (x == literals::ees27_second[0])
                return tableau_type::from_entries(literals::ees27_second + 1);
        }
        using arithmetic = detail::family_arithmetic_t<value_type>;
        using std::sqrt;
        const tableau_type t = family(static_cast<arithmetic>(x), sqrt(arithmetic(2)))
                                   .template convert<value_type>();
        t.require_regular(method_name, x);
        return t;
    }

    /// The closed form of the header comment in the arithmetic of F (value_type, long
    /// double, or exact), s = √2 in F.
    template <class F>
    static butcher_tableau<F, 4> family(const F& x, const F& s)
    {
        const F one(1), two(2), half = one / two;
        const F w = x - one, p = x - half, q = x - half + s / two, r = x + s / two,
                u = x - one + s / two, v = x - half + s / F(4);
        const F quartic = F(40) * x * x * x * x + F(40) * (s - two) * x * x * x +
                          (F(88) - F(60) * s) * x * x + (F(34) * s - F(48)) * x + F(10) -
                          F(7) * s;
        butcher_tableau<F, 4> t;
        t.a[1][0] = -s * q / (two * w);
        t.a[2][0] = -(two + s) * r * u * v / (two * (one + s) * w * p * q);
        t.a[2][1] = -r / (F(4) * (one + s) * p * q);
        t.a[3][0] = -quartic / (F(32) * w * p * r * u * q);
        t.a[3][1] = (one + s) * x * w * v / ((F(4) + F(3) * s) * p * u * q);
        t.a[3][2] = -s * w * p / (two * (one + s) * r * u);
        t.b = {x, (two - s) / two - (one - s) * x, (one - s) * (x - one), (two - s) / two - x};
        t.set_nodes_from_rows();
        return t;
    }

private:
    value_type m_parameter;
};

} // namespace odeint
} // namespace numeric
} // namespace boost

#endif // BOOST_NUMERIC_ODEINT_STEPPER_EES27_HPP_INCLUDED
