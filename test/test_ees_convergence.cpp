// Rates, not values: the global order of accuracy and the order of the one-step reversal
// error ||Φ_{-h}(Φ_h(y)) - y||, fitted over a range of h. EES(2,m) has order 2 and a
// reversal error O(h^{m+1}): slope 6 for EES(2,5), slope 8 for EES(2,7) (doc/method.md §2).
// EES(2,7)'s slope needs long double: at the h where h^8 dominates the higher-order terms,
// double rounding (1e-16) is already larger than the reversal error.
#include <boost/numeric/odeint/ees.hpp>
#include <boost/numeric/odeint/stepper/runge_kutta4.hpp>

#include <array>
#include <vector>

#include <catch2/catch.hpp>

#include "test_support.hpp"

using namespace boost::numeric::odeint;
using ees_test::fitted_slope;

namespace {

template <class Value>
using state2 = std::array<Value, 2>;

// Global error at T = 2 of the pendulum from (1, 1/4), for h = 2^-3 ... 2^-7.
template <class Stepper>
double global_order(Stepper stepper)
{
    using state = typename Stepper::state_type;
    const ees_test::pendulum system;
    const state y0{1.0, 0.25};
    const double T = 2.0;

    // Reference: runge_kutta4 with h = 2^-12, whose O(h^4) error (~1e-14) is far below
    // the smallest EES error measured here (~1e-6).
    state reference = y0;
    runge_kutta4<state> rk4;
    const int fine = 1 << 12;
    for (int i = 0; i < 2 * fine; ++i)
        rk4.do_step(system, reference, i * T / (2 * fine), T / (2 * fine));

    std::vector<double> hs, errors;
    for (int k = 3; k <= 7; ++k)
    {
        const int n = int(T) << k;
        const double h = T / n;
        state y = y0;
        for (int i = 0; i < n; ++i)
            stepper.do_step(system, y, i * h, h);
        hs.push_back(h);
        errors.push_back(double(ees_test::distance(y, reference)));
    }
    return fitted_slope(hs, errors);
}

// One-step reversal error at y = (1, 1/4) for the given step sizes.
template <class Stepper>
double reversal_order(Stepper stepper, const std::vector<double>& hs)
{
    using state = typename Stepper::state_type;
    using value = typename Stepper::value_type;
    const ees_test::pendulum system;
    const state y0{value(1), value(1) / value(4)};
    std::vector<double> errors;
    for (double h : hs)
    {
        state y = y0;
        stepper.do_step(system, y, value(0), value(h));
        stepper.inverse_do_step(system, y, value(0), value(h));
        errors.push_back(double(ees_test::distance(y, y0)));
    }
    return fitted_slope(hs, errors);
}

} // namespace

TEST_CASE("ees25 and ees27 converge with global order 2")
{
    // The fitted slope of a second-order method over h = 1/4 ... 1/64: 2 up to the O(h)
    // drift of the error constant, well inside 2 ± 0.1.
    CHECK(global_order(ees25<state2<double>>()) == Approx(2.0).margin(0.1));
    CHECK(global_order(ees27<state2<double>>()) == Approx(2.0).margin(0.1));
    CHECK(global_order(ees25<state2<double>>(0.3)) == Approx(2.0).margin(0.1));
    CHECK(global_order(ees27<state2<double>>(0.2)) == Approx(2.0).margin(0.1));
}

TEST_CASE("ees25 reverses one step to order 6")
{
    // h = 1/2 ... 1/16: errors from ~1e-5 down to ~1e-13, all far above double rounding.
    const std::vector<double> hs{0.5, 0.25, 0.125, 0.0625};
    SECTION("default x = 1/10, double")
    {
        CHECK(reversal_order(ees25<state2<double>>(), hs) == Approx(6.0).margin(0.25));
    }
    SECTION("another member of the family, x = 0.3")
    {
        CHECK(reversal_order(ees25<state2<double>>(0.3), hs) == Approx(6.0).margin(0.25));
    }
    SECTION("long double")
    {
        using state = state2<long double>;
        CHECK(reversal_order(ees25<state, long double>(), hs) == Approx(6.0).margin(0.25));
    }
}

TEST_CASE("ees27 reverses one step to order 8 in long double")
{
    using state = state2<long double>;
    const std::vector<double> hs{0.5, 0.25, 0.125, 0.0625};
    SECTION("default x = (5 - 3 sqrt 2) / 14")
    {
        CHECK(reversal_order(ees27<state, long double>(), hs) == Approx(8.0).margin(0.25));
    }
    SECTION("the second published instance x = (2 - sqrt 2) / 4")
    {
        const long double x = (2.0L - std::sqrt(2.0L)) / 4.0L;
        CHECK(reversal_order(ees27<state, long double>(x), hs) == Approx(8.0).margin(0.25));
    }
    SECTION("an unpublished member of the family, x = 1/5")
    {
        CHECK(reversal_order(ees27<state, long double>(0.2L), hs) == Approx(8.0).margin(0.25));
    }
}

// A stepper built on the same engine with one coefficient of EES(2,5;1/10) off by 1e-2: it
// is still a second-order method (row sums and b are untouched), but no longer EES.
template <class State>
struct perturbed_ees25
    : ees_generic_rk<3, State, double, State, double, range_algebra, default_operations,
                     initially_resizer>
{
    static butcher_tableau<double, 3> tableau_with_error()
    {
        auto t = ees25<State>::coefficients(0.1);
        t.a[2][0] -= 1e-2;
        t.a[2][1] += 1e-2;  // keeps the row sum, so c and the order-1 conditions hold
        return t;
    }
    perturbed_ees25()
        : ees_generic_rk<3, State, double, State, double, range_algebra, default_operations,
                         initially_resizer>("perturbed_ees25", tableau_with_error(),
                                            range_algebra())
    {
    }
};

TEST_CASE("The reversal test detects a wrong coefficient")
{
    // A generic second-order method has Φ_{-h}∘Φ_h = id + O(h^4) (its even order makes the
    // O(h^3) terms cancel). The perturbed method's error is dominated by that term for
    // h <= 1/8 (it falls 16-fold per halving there, measured to 1/64), so the fitted slope
    // (2.7 over this range) is far below the 6 ± 0.25 an EES(2,5) method shows.
    const std::vector<double> hs{0.5, 0.25, 0.125, 0.0625};
    CHECK(reversal_order(perturbed_ees25<state2<double>>(), hs) < 5.0);
}
