// Every coefficient of ees25 and ees27, in float, double and long double, is the correctly
// rounded exact value of the family formulas -- the literal tables of the published instances
// (stepper/detail/ees_published_tableaus.hpp) and the exact evaluation of any other x
// (stepper/ees_exact_coefficients.hpp) alike: equal to the 40-digit reference below rounded
// by strtof / strtod / strtold (correctly rounded conversions). The references were computed
// exactly in Q(√2) with Python's fractions and decimal by
// doc/derivations/ees_reference_coefficients.py; none lies within 1e-12 ulp of a rounding
// midpoint of any of the three formats, so 40 digits decide every rounding.
#include <boost/numeric/odeint/ees.hpp>
#include <boost/numeric/odeint/stepper/ees_exact_coefficients.hpp>

#include <array>
#include <cmath>
#include <cstddef>
#include <cstdlib>
#include <string>
#include <type_traits>

#include <catch2/catch.hpp>

using namespace boost::numeric::odeint;

namespace {

// ees25, x = 1/10: a (row by row, j < i), b, c.
const char* const ees25_tenth[] = {
    "3.333333333333333333333333333333333333333e-1",
    "-1.041666666666666666666666666666666666667e-1",
    "9.375000000000000000000000000000000000000e-1",
    "1.000000000000000000000000000000000000000e-1",
    "5.000000000000000000000000000000000000000e-1",
    "4.000000000000000000000000000000000000000e-1",
    "0",
    "3.333333333333333333333333333333333333333e-1",
    "8.333333333333333333333333333333333333333e-1",
};

// ees25, x = 3/8: a (row by row, j < i), b, c.
const char* const ees25_three_eighths[] = {
    "7.000000000000000000000000000000000000000e-1",
    "-2.285714285714285714285714285714285714286e-1",
    "1.428571428571428571428571428571428571429e+0",
    "3.750000000000000000000000000000000000000e-1",
    "5.000000000000000000000000000000000000000e-1",
    "1.250000000000000000000000000000000000000e-1",
    "0",
    "7.000000000000000000000000000000000000000e-1",
    "1.200000000000000000000000000000000000000e+0",
};

// ees27, x = (5 - 3 sqrt 2)/14: a (row by row, j < i), b, c.
const char* const ees27_default[] = {
    "1.952621458756349837327704252634339738101e-1",
    "-1.077411015677877062999296364912625800596e-1",
    "6.767766952966368811002110905262122598212e-1",
    "1.729819437148737028347908631571798892417e-1",
    "4.976422436434954049954766315811658609741e-2",
    "6.796227589829592647992762610529865377559e-1",
    "5.409709377719391811392384481220755459221e-2",
    "3.153009687409353606286920517292641484693e-1",
    "3.918058124456121637721523103755848908156e-1",
    "2.387961250362585574852317930829434061230e-1",
    "0",
    "1.952621458756349837327704252634339738101e-1",
    "5.690355937288491748002814540349496797616e-1",
    "9.023689270621825081336147873682830130949e-1",
};

// ees27, x = (2 - sqrt 2)/4: a (row by row, j < i), b, c.
const char* const ees27_second_published[] = {
    "2.928932188134524755991556378951509607152e-1",
    "0",
    "7.071067811865475244008443621048490392848e-1",
    "2.928932188134524755991556378951509607152e-1",
    "0",
    "7.071067811865475244008443621048490392848e-1",
    "1.464466094067262377995778189475754803576e-1",
    "3.535533905932737622004221810524245196424e-1",
    "3.535533905932737622004221810524245196424e-1",
    "1.464466094067262377995778189475754803576e-1",
    "0",
    "2.928932188134524755991556378951509607152e-1",
    "7.071067811865475244008443621048490392848e-1",
    "1.000000000000000000000000000000000000000e+0",
};

// ees27, x = 1/8: a (row by row, j < i), b, c.
const char* const ees27_eighth[] = {
    "2.683828080629082038282095590979218403065e-1",
    "-1.944190411878158136147192475061098382791e-2",
    "6.918857300025740848473068336227322751543e-1",
    "2.547137822310300505687548912384082324922e-1",
    "3.285820680381001487925951023638904942440e-2",
    "6.879176002146156627810395197279735976747e-1",
    "1.250000000000000000000000000000000000000e-1",
    "3.446699141100893566993667284213632205364e-1",
    "3.624368670764581677014776336834858187485e-1",
    "1.678932188134524755991556378951509607152e-1",
    "0",
    "2.683828080629082038282095590979218403065e-1",
    "6.724438258837925034858349088721212913264e-1",
    "9.754895892494557282290539212027708795913e-1",
};

template <class Value>
Value parse(const char* text)
{
    if constexpr (std::is_same<Value, float>::value)
        return std::strtof(text, nullptr);
    else if constexpr (std::is_same<Value, double>::value)
        return std::strtod(text, nullptr);
    else
        return std::strtold(text, nullptr);
}

// Compares a, b and c of `t`, in the order of the reference arrays, with the references.
template <class Value, std::size_t S, std::size_t N>
void require_correctly_rounded(const butcher_tableau<Value, S>& t,
                               const char* const (&reference)[N])
{
    static_assert(N == S * (S - 1) / 2 + 2 * S, "a, b and c");
    std::size_t k = 0;
    const auto check = [&](const char* name, Value coefficient) {
        INFO(name << " = " << coefficient << ", reference " << reference[k]);
        CHECK(coefficient == parse<Value>(reference[k]));
        ++k;
    };
    for (std::size_t i = 1; i < S; ++i)
        for (std::size_t j = 0; j < i; ++j)
            check(("a" + std::to_string(i + 1) + std::to_string(j + 1)).c_str(), t.a[i][j]);
    for (std::size_t i = 0; i < S; ++i)
        check(("b" + std::to_string(i + 1)).c_str(), t.b[i]);
    for (std::size_t i = 0; i < S; ++i)
        check(("c" + std::to_string(i + 1)).c_str(), t.c[i]);
}

template <class Value>
using state = std::array<Value, 1>;

} // namespace

TEMPLATE_TEST_CASE("ees25 coefficients are the correctly rounded exact values", "", float,
                   double, long double)
{
    require_correctly_rounded(ees25<state<TestType>, TestType>().tableau(), ees25_tenth);
    require_correctly_rounded(
        ees25<state<TestType>, TestType>(TestType(3) / 8, exact_coefficients).tableau(),
        ees25_three_eighths);
}

TEMPLATE_TEST_CASE("ees27 coefficients are the correctly rounded exact values", "", float,
                   double, long double)
{
    using stepper = ees27<state<TestType>, TestType>;
    require_correctly_rounded(stepper().tableau(), ees27_default);
    require_correctly_rounded(stepper(stepper::second_published_parameter()).tableau(),
                              ees27_second_published);
    require_correctly_rounded(stepper(TestType(1) / 8, exact_coefficients).tableau(),
                              ees27_eighth);
}

TEMPLATE_TEST_CASE("The ees27 published parameters are correctly rounded", "", float, double,
                   long double)
{
    using stepper = ees27<state<TestType>, TestType>;
    CHECK(stepper::default_parameter() == parse<TestType>(ees27_default[6]));
    CHECK(stepper::second_published_parameter() == parse<TestType>(ees27_second_published[6]));
    CHECK(ees25<state<TestType>, TestType>::default_parameter() == parse<TestType>(ees25_tenth[3]));
}

// The literals and the exact evaluation are two independent routes to the same numbers: the
// literals were printed by doc/derivations/ees_published_tableaus.py (Python fractions), the
// exact evaluation rounds Boost.Multiprecision rationals in C++.
template <class Value, std::size_t S>
void require_equal_tableaus(const butcher_tableau<Value, S>& literal,
                            const butcher_tableau<Value, S>& exact)
{
    for (std::size_t i = 0; i < S; ++i)
    {
        INFO("stage " << i + 1);
        for (std::size_t j = 0; j < i; ++j)
            CHECK(literal.a[i][j] == exact.a[i][j]);
        CHECK(literal.b[i] == exact.b[i]);
        CHECK(literal.c[i] == exact.c[i]);
    }
}

TEMPLATE_TEST_CASE("The published tableaus' literals equal the exact evaluation", "", float,
                   double, long double)
{
    using s25 = ees25<state<TestType>, TestType>;
    using s27 = ees27<state<TestType>, TestType>;
    STATIC_REQUIRE(detail::has_published_tableaus<TestType>());
    require_equal_tableaus(s25().tableau(),
                           s25(s25::default_parameter(), exact_coefficients).tableau());
    require_equal_tableaus(s27().tableau(),
                           s27(s27::default_parameter(), exact_coefficients).tableau());
    require_equal_tableaus(
        s27(s27::second_published_parameter()).tableau(),
        s27(s27::second_published_parameter(), exact_coefficients).tableau());
}

TEMPLATE_TEST_CASE("An unpublished x without the tag is within an ulp of the exact values", "",
                   float, double, long double)
{
    // The closed form in long double (64 significand bits on x86) then rounded: float and
    // double are within half an ulp of the exact value plus long double's error, i.e. within
    // one ulp. long double has nothing wider: its own rounding errors, amplified by the
    // cancellation in EES(2,7)'s factors (x - 1/2 + √2/2 and the quartic at x < 0), reach
    // 90 ulps at x = -0.3 (about 1e-17 relative); 256 ulps (2^-55 relative) is the bound
    // promised in detail/family_coefficients.hpp.
    const TestType ulps = sizeof(TestType) < sizeof(long double) ? TestType(1) : TestType(256);
    const auto within = [ulps](TestType v, TestType exact) {
        const TestType ulp = std::nextafter(std::abs(exact), TestType(INFINITY)) - std::abs(exact);
        INFO(v << " against " << exact);
        CHECK(std::abs(v - exact) <= ulps * ulp);
    };
    for (const TestType x : {TestType(3) / 8, TestType(0.2), TestType(-0.3), TestType(1) / 8})
    {
        const auto fast = ees27<state<TestType>, TestType>(x).tableau();
        const auto exact = ees27<state<TestType>, TestType>(x, exact_coefficients).tableau();
        for (std::size_t i = 0; i < 4; ++i)
        {
            for (std::size_t j = 0; j < i; ++j)
                within(fast.a[i][j], exact.a[i][j]);
            within(fast.b[i], exact.b[i]);
            within(fast.c[i], exact.c[i]);
        }
        const auto fast25 = ees25<state<TestType>, TestType>(x).tableau();
        const auto exact25 = ees25<state<TestType>, TestType>(x, exact_coefficients).tableau();
        for (std::size_t i = 0; i < 3; ++i)
        {
            for (std::size_t j = 0; j < i; ++j)
                within(fast25.a[i][j], exact25.a[i][j]);
            within(fast25.b[i], exact25.b[i]);
            within(fast25.c[i], exact25.c[i]);
        }
    }
}
