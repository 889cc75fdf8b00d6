/*
 boost/numeric/odeint/stepper/butcher_tableau.hpp

 The Butcher tableau (A, b, c) of an explicit Runge–Kutta method with a fixed number of
 stages, held in the stepper's value_type. The EES steppers build theirs from the closed-form
 family formulas (ees-method.md §2); tests read the identities back from it.

 Distributed under the Boost Software License, Version 1.0.
*/
#ifndef BOOST_NUMERIC_ODEINT_STEPPER_BUTCHER_TABLEAU_HPP_INCLUDED
#define BOOST_NUMERIC_ODEINT_STEPPER_BUTCHER_TABLEAU_HPP_INCLUDED

#include <array>
#include <cmath>
#include <cstddef>
#include <sstream>
#include <stdexcept>
#include <string>

namespace boost {
namespace numeric {
namespace odeint {

/** Coefficients of an explicit Runge–Kutta method with `Stages` stages.
 *
 *  `a[i][j]` is used only for j < i (A is strictly lower triangular); `c[i]` is the row
 *  sum of A, as the constructor of every EES tableau sets it.
 */
template <class Value, std::size_t Stages>
struct butcher_tableau
{
    static constexpr std::size_t stage_count = Stages;
    using value_type = Value;

    std::array<std::array<Value, Stages>, Stages> a{};
    std::array<Value, Stages> b{};
    std::array<Value, Stages> c{};

    /// Sets c to the row sums of A, the consistency condition every method here satisfies.
    void set_nodes_from_rows()
    {
        for (std::size_t i = 0; i < Stages; ++i)
        {
            Value sum = Value(0);
            for (std::size_t j = 0; j < i; ++j)
                sum += a[i][j];
            c[i] = sum;
        }
    }

    /// Throws std::invalid_argument naming `method` and the family parameter unless every
    /// coefficient is finite (the formulas were evaluated at or next to a pole) and
    /// `at_pole` is false (the caller found x on a pole of its family).
    void require_regular(const char* method, Value parameter, bool at_pole = false) const
    {
        using std::isfinite;
        bool finite = isfinite(parameter);
        for (std::size_t i = 0; i < Stages; ++i)
        {
            finite = finite && isfinite(b[i]) && isfinite(c[i]);
            for (std::size_t j = 0; j < i; ++j)
                finite = finite && isfinite(a[i][j]);
        }
        if (at_pole || !finite)
        {
            std::ostringstream message;
            message.precision(21);
            message << method << ": the family parameter x = " << parameter
                    << " is singular or non-finite (the coefficients are undefined there)";
            throw std::invalid_argument(message.str());
        }
    }
};

} // namespace odeint
} // namespace numeric
} // namespace boost

#endif // BOOST_NUMERIC_ODEINT_STEPPER_BUTCHER_TABLEAU_HPP_INCLUDED
