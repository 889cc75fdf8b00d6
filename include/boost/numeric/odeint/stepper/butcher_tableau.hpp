/*
 boost/numeric/odeint/stepper/butcher_tableau.hpp

 The Butcher tableau (A, b, c) of an explicit Runge–Kutta method with a fixed number of
 stages, held in the stepper's value_type. The EES steppers build theirs from the closed-form
 family formulas (doc/method.md §2); tests read the identities back from it.

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

    /// The tableau whose entries, listed as a (row by row, j < i), then b, then c, are
    /// `entries[0]`, `entries[1]`, ... converted to Value (exactly, for the literal tables of
    /// detail/ees_published_tableaus.hpp, whose format is Value's).
    template <class Entry>
    static butcher_tableau from_entries(const Entry* entries)
    {
        butcher_tableau t;
        for (std::size_t i = 1; i < Stages; ++i)
            for (std::size_t j = 0; j < i; ++j)
                t.a[i][j] = static_cast<Value>(*entries++);
        for (std::size_t i = 0; i < Stages; ++i)
            t.b[i] = static_cast<Value>(*entries++);
        for (std::size_t i = 0; i < Stages; ++i)
            t.c[i] = static_cast<Value>(*entries++);
        return t;
    }

    /// The tableau converted entry by entry to another value type.
    template <class Other>
    butcher_tableau<Other, Stages> convert() const
    {
        butcher_tableau<Other, Stages> t;
        for (std::size_t i = 0; i < Stages; ++i)
        {
            for (std::size_t j = 0; j < i; ++j)
                t.a[i][j] = static_cast<Other>(a[i][j]);
            t.b[i] = static_cast<Other>(b[i]);
            t.c[i] = static_cast<Other>(c[i]);
        }
        return t;
    }

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

    /// Throws std::invalid_argument naming `method`, x and the nearest pole when the family
    /// parameter x is not finite or lies within pole_distance_bound() of a pole of the family
    /// (whose coefficients grow like 1/distance there: ees25(0.9999999999999999), 1.1e-16
    /// from the pole 1, has coefficients of 6.8e15). `poles` is a range of long double.
    template <class Poles>
    static void require_well_conditioned(const char* method, Value parameter,
                                         const Poles& poles)
    {
        using std::abs;
        using std::isfinite;
        if (!isfinite(parameter))
            throw_singular(method, parameter);
        const long double x = static_cast<long double>(parameter);
        for (const long double pole : poles)
        {
            const long double distance = abs(x - pole);
            if (!(distance >= pole_distance_bound()))
            {
                std::ostringstream message;
                message.precision(21);
                message << method << ": the family parameter x = " << parameter;
                message.precision(3);
                message << " lies " << static_cast<double>(distance);
                message.precision(17);
                message << " from the pole x = " << static_cast<double>(pole)
                        << " of the family, closer than " << pole_distance_text()
                        << ": the coefficients are singular or ill-conditioned there (they "
                           "grow like 1/distance)";
                throw std::invalid_argument(message.str());
            }
        }
    }

    /// How close a family parameter may come to a pole: 1e-3, where the largest EES
    /// coefficients reach about 10^3.
    static constexpr long double pole_distance_bound() { return 1e-3L; }
    static const char* pole_distance_text() { return "1e-3"; }

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
            throw_singular(method, parameter);
    }

private:
    [[noreturn]] static void throw_singular(const char* method, Value parameter)
    {
        std::ostringstream message;
        message.precision(21);
        message << method << ": the family parameter x = " << parameter
                << " is singular or non-finite (the coefficients are undefined there)";
        throw std::invalid_argument(message.str());
    }
};

} // namespace odeint
} // namespace numeric
} // namespace boost

#endif // BOOST_NUMERIC_ODEINT_STEPPER_BUTCHER_TABLEAU_HPP_INCLUDED
