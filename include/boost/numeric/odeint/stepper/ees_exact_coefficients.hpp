/*
 boost/numeric/odeint/stepper/ees_exact_coefficients.hpp

 exact_coefficients: the tag that asks an EES stepper for the correctly rounded exact
 coefficients of any member of its family,

     ees25<state>(x, exact_coefficients)      ees27<state, float>(x, exact_coefficients)

 The closed form is evaluated exactly in Q(√2) (detail/exact_coefficients.hpp, with
 Boost.Multiprecision's cpp_rational) and each coefficient rounded to nearest, ties to even,
 in float, double or long double (doc/method.md §2). That costs rational arithmetic at every
 construction, and Boost.Multiprecision's headers at compile time, which
 is why it is a header of its own: the published instances (the default steppers) are
 correctly rounded literals and need neither, and another x without the tag is evaluated in
 long double (detail/family_coefficients.hpp). Construct such a stepper once and copy it.

 Distributed under the Boost Software License, Version 1.0.
*/
#ifndef BOOST_NUMERIC_ODEINT_STEPPER_EES_EXACT_COEFFICIENTS_HPP_INCLUDED
#define BOOST_NUMERIC_ODEINT_STEPPER_EES_EXACT_COEFFICIENTS_HPP_INCLUDED

#include <boost/numeric/odeint/stepper/detail/exact_coefficients.hpp>
#include <boost/numeric/odeint/stepper/detail/family_coefficients.hpp>

namespace boost {
namespace numeric {
namespace odeint {

struct exact_coefficients_t
{
    /// The tableau of Stepper (ees25<...> or ees27<...>) at x, each coefficient the
    /// correctly rounded exact value; x equal to one of Stepper::published_parameters()
    /// stands for the exact published instance. Throws std::invalid_argument as the
    /// stepper's constructor does (non-finite x, x next to a pole).
    template <class Stepper>
    static typename Stepper::tableau_type tableau(typename Stepper::value_type x)
    {
        using value_type = typename Stepper::value_type;
        using tableau_type = typename Stepper::tableau_type;
        static_assert(detail::has_exact_coefficients<value_type>(),
                      "exact_coefficients rounds to binary floating-point types (float, double, "
                      "long double); other value types evaluate the family formulas in their "
                      "own arithmetic: construct the stepper without the tag");
        const char* const name = Stepper::method_name;
        tableau_type::require_well_conditioned(name, x, Stepper::poles());
        detail::quadratic_surd exact_x(detail::exact_value(x));
        for (const auto& published : Stepper::published_parameters())
            if (x == published.rounded)
                exact_x = detail::quadratic_surd(
                    detail::exact_rational(published.a_num) / published.a_den,
                    detail::exact_rational(published.b_num) / published.b_den);
        tableau_type t = detail::round_tableau<value_type>(
            Stepper::family(exact_x, detail::quadratic_surd::root2()));
        t.require_regular(name, x);
        return t;
    }
};

/// ees25<S>(x, exact_coefficients), ees27<S>(x, exact_coefficients).
inline constexpr exact_coefficients_t exact_coefficients{};

} // namespace odeint
} // namespace numeric
} // namespace boost

#endif // BOOST_NUMERIC_ODEINT_STEPPER_EES_EXACT_COEFFICIENTS_HPP_INCLUDED
