// Every coefficient of ees25 and ees27, in float, double and long double, is the correctly
// rounded exact value of the family formulas: equal to the 40-digit reference below rounded
// by strtof / strtod / strtold (correctly rounded conversions). The references were computed
// exactly in Q(√2) with Python's fractions and decimal by
// doc/derivations/ees_reference_coefficients.py; none lies within 1e-12 ulp of a rounding
// midpoint of any of the three formats, so 40 digits decide every rounding.
#include <boost/numeric/odeint/ees.hpp>

#include <array>
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
    require_correctly_rounded(ees25<state<TestType>, TestType>(TestType(3) / 8).tableau(),
                              ees25_three_eighths);
}

TEMPLATE_TEST_CASE("ees27 coefficients are the correctly rounded exact values", "", float,
                   double, long double)
{
    using stepper = ees27<state<TestType>, TestType>;
    require_correctly_rounded(stepper().tableau(), ees27_default);
    require_correctly_rounded(stepper(stepper::second_published_parameter()).tableau(),
                              ees27_second_published);
    require_correctly_rounded(stepper(TestType(1) / 8).tableau(), ees27_eighth);
}

TEMPLATE_TEST_CASE("The ees27 published parameters are correctly rounded", "", float, double,
                   long double)
{
    using stepper = ees27<state<TestType>, TestType>;
    CHECK(stepper::default_parameter() == parse<TestType>(ees27_default[6]));
    CHECK(stepper::second_published_parameter() == parse<TestType>(ees27_second_published[6]));
    CHECK(ees25<state<TestType>, TestType>::default_parameter() == parse<TestType>(ees25_tenth[3]));
}
