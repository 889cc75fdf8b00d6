// Tableau identities, read from the steppers' own coefficients (stepper.tableau()), in the
// stepper's value_type: row sums equal c, the order-2 conditions, b·c² = 1/3 at the default
// parameters, b·A·c = 1/8 for EES(2,5), and the EES(2,7) family formulas reproduce both
// published instances. Tolerances: a few ulps of the value_type, since every identity is
// exact in real arithmetic and each coefficient is a handful of correctly rounded operations.
#include <boost/numeric/odeint/ees.hpp>

#include <array>
#include <cmath>
#include <limits>

#include <catch2/catch.hpp>

using namespace boost::numeric::odeint;

namespace {

template <class Value, std::size_t S>
struct tableau_sums
{
    Value b_sum = 0, bc = 0, bc2 = 0, bAc = 0, max_row_defect = 0;
};

template <class Value, std::size_t S>
tableau_sums<Value, S> sums_of(const butcher_tableau<Value, S>& t)
{
    tableau_sums<Value, S> r;
    for (std::size_t i = 0; i < S; ++i)
    {
        Value row = 0, Ac = 0;
        for (std::size_t j = 0; j < i; ++j)
        {
            row += t.a[i][j];
            Ac += t.a[i][j] * t.c[j];
        }
        using std::abs;
        r.max_row_defect = std::max(r.max_row_defect, abs(row - t.c[i]));
        r.b_sum += t.b[i];
        r.bc += t.b[i] * t.c[i];
        r.bc2 += t.b[i] * t.c[i] * t.c[i];
        r.bAc += t.b[i] * Ac;
    }
    return r;
}

template <class Value>
void check_ees25_identities(Value x, bool is_default)
{
    const Value eps = std::numeric_limits<Value>::epsilon();
    const ees25<std::array<Value, 1>, Value> stepper(x);
    const auto& t = stepper.tableau();
    const auto r = sums_of(t);
    CHECK(r.max_row_defect <= 4 * eps);
    CHECK(std::abs(r.b_sum - 1) <= 4 * eps);
    CHECK(std::abs(r.bc - Value(0.5)) <= 8 * eps);
    CHECK(t.c[0] == 0);
    CHECK(std::abs(t.c[2] - Value(3) / (4 * (1 - x))) <= 8 * eps);
    if (is_default)
    {
        CHECK(std::abs(r.bc2 - Value(1) / 3) <= 8 * eps);
        CHECK(std::abs(r.bAc - Value(1) / 8) <= 8 * eps);
        // The published values at x = 1/10.
        CHECK(std::abs(t.a[1][0] - Value(1) / 3) <= 4 * eps);
        CHECK(std::abs(t.a[2][0] + Value(5) / 48) <= 4 * eps);
        CHECK(std::abs(t.a[2][1] - Value(15) / 16) <= 4 * eps);
        CHECK(std::abs(t.c[2] - Value(5) / 6) <= 4 * eps);
    }
    // b·A·c = 1/8 for every member: R(z) = 1 + z + z²/2 + z³/8 does not depend on x.
    CHECK(std::abs(r.bAc - Value(1) / 8) <= 16 * eps);
}

template <class Value>
void check_ees27_identities(Value x, bool is_default)
{
    const Value eps = std::numeric_limits<Value>::epsilon();
    const ees27<std::array<Value, 1>, Value> stepper(x);
    const auto r = sums_of(stepper.tableau());
    CHECK(r.max_row_defect <= 4 * eps);
    CHECK(std::abs(r.b_sum - 1) <= 8 * eps);
    CHECK(std::abs(r.bc - Value(0.5)) <= 16 * eps);
    if (is_default)
        CHECK(std::abs(r.bc2 - Value(1) / 3) <= 16 * eps);
}

template <class Value>
void check_published_ees27_instances()
{
    using std::sqrt;
    const Value eps = std::numeric_limits<Value>::epsilon();
    const Value s = sqrt(Value(2));
    const auto close = [&](Value a, Value b) { return std::abs(a - b) <= 64 * eps; };

    SECTION("x = (5 - 3 sqrt 2) / 14")
    {
        const auto t = ees27<std::array<Value, 1>, Value>().tableau();
        CHECK(close(t.a[1][0], (2 - s) / 3));
        CHECK(close(t.a[2][0], (-4 + s) / 24));
        CHECK(close(t.a[2][1], (4 + s) / 8));
        CHECK(close(t.a[3][0], (-176 + 145 * s) / 168));
        CHECK(close(t.a[3][1], 3 * (8 - 5 * s) / 56));
        CHECK(close(t.a[3][2], 3 * (3 - s) / 7));
        CHECK(close(t.b[0], (5 - 3 * s) / 14));
        CHECK(close(t.b[1], (3 + s) / 14));
        CHECK(close(t.b[2], 3 * (2 * s - 1) / 14));
        CHECK(close(t.b[3], (9 - 4 * s) / 14));
    }
    SECTION("x = (2 - sqrt 2) / 4")
    {
        const auto t = ees27<std::array<Value, 1>, Value>((2 - s) / 4).tableau();
        CHECK(close(t.a[1][0], 1 - s / 2));
        CHECK(close(t.a[2][0], 0));
        CHECK(close(t.a[2][1], s / 2));
        CHECK(close(t.a[3][0], 1 - s / 2));
        CHECK(close(t.a[3][1], 0));
        CHECK(close(t.a[3][2], s / 2));
        CHECK(close(t.b[0], (2 - s) / 4));
        CHECK(close(t.b[1], s / 4));
        CHECK(close(t.b[2], s / 4));
        CHECK(close(t.b[3], (2 - s) / 4));
    }
}

} // namespace

TEMPLATE_TEST_CASE("ees25 coefficients satisfy the tableau identities", "", float, double,
                   long double)
{
    check_ees25_identities<TestType>(TestType(1) / 10, true);
    check_ees25_identities<TestType>(TestType(0.3), false);
    check_ees25_identities<TestType>(TestType(-0.2), false);
}

TEMPLATE_TEST_CASE("ees27 coefficients satisfy the tableau identities", "", float, double,
                   long double)
{
    using std::sqrt;
    const TestType s = sqrt(TestType(2));
    check_ees27_identities<TestType>((5 - 3 * s) / 14, true);
    check_ees27_identities<TestType>((2 - s) / 4, false);
    check_ees27_identities<TestType>(TestType(0.2), false);
}

TEMPLATE_TEST_CASE("The ees27 family formulas reproduce both published instances", "", float,
                   double, long double)
{
    check_published_ees27_instances<TestType>();
}

TEST_CASE("The default parameters are the published ones")
{
    CHECK(ees25<std::array<double, 1>>().parameter() == 0.1);
    // (5 - 3√2)/14 correctly rounded (test_ees_coefficients.cpp); evaluated in long double
    // arithmetic the formula is 2.4 ulp off, hence the tolerance of the second check.
    const long double x27 = ees27<std::array<long double, 1>, long double>().parameter();
    CHECK(x27 == 0.05409709377719391811392384481220755459221L);
    CHECK(std::abs(x27 - (5 - 3 * std::sqrt(2.0L)) / 14) <=
          4 * std::numeric_limits<long double>::epsilon() * x27);
    CHECK(ees25<std::array<double, 1>>::reversal_order_value == 5);
    CHECK(ees27<std::array<double, 1>>::reversal_order_value == 7);
    CHECK(ees25<std::array<double, 1>>().order() == 2);
    CHECK(ees27<std::array<double, 1>>().order() == 2);
}
