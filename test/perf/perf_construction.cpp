// What a stepper costs to construct, as users construct them: inline, once per solve, as in
// integrate_const(ees25<state>(), sde, x, ...) inside a Monte Carlo loop. Times the default
// ees25, ees27 and reversible_heun against runge_kutta4 (each constructed, used once through
// a volatile read of its order so that the construction is not optimised away, destroyed),
// in float, double and long double, for std::vector<double> states; and the exact evaluation
// of an unpublished family member (the exact_coefficients tag), a one-off cost. Best of 7
// runs of 10^5 constructions each (10^2 for the exact ones), interleaved. Prints ns per
// construction and the ratio to runge_kutta4 (goal: every default stepper at most 1 µs).
//
//   g++ -std=c++17 -O2 -Iinclude -Iboost_ext test/perf/perf_construction.cpp -o /tmp/perf_construction
//   /tmp/perf_construction
#include <boost/numeric/odeint.hpp>
#include <boost/numeric/odeint/ees.hpp>
#include <boost/numeric/odeint/stepper/ees_exact_coefficients.hpp>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <vector>

namespace odeint = boost::numeric::odeint;

namespace {

volatile unsigned sink = 0;

// Nanoseconds per construction of what make() returns, best of 7 runs of n.
template <class Make>
double nanoseconds(Make make, int n)
{
    double best = 1e300;
    for (int run = 0; run < 7; ++run)
    {
        const auto start = std::chrono::steady_clock::now();
        for (int i = 0; i < n; ++i)
        {
            const auto stepper = make();
            sink = sink + stepper.order();
        }
        const double elapsed =
            std::chrono::duration<double, std::nano>(std::chrono::steady_clock::now() - start)
                .count();
        best = std::min(best, elapsed / n);
    }
    return best;
}

template <class Value>
void row(const char* value_name)
{
    using state = std::vector<Value>;
    const int n = 100000;
    const double rk4 = nanoseconds([] { return odeint::runge_kutta4<state, Value>(); }, n);
    const double e25 = nanoseconds([] { return odeint::ees25<state, Value>(); }, n);
    const double e27 = nanoseconds([] { return odeint::ees27<state, Value>(); }, n);
    const double heun = nanoseconds([] { return odeint::reversible_heun<state, Value>(); }, n);
    const double e27x = nanoseconds([] { return odeint::ees27<state, Value>(Value(0.2)); }, n);
    const double e25_exact = nanoseconds(
        [] { return odeint::ees25<state, Value>(Value(0.2), odeint::exact_coefficients); }, 100);
    const double e27_exact = nanoseconds(
        [] { return odeint::ees27<state, Value>(Value(0.2), odeint::exact_coefficients); }, 100);
    std::printf("| %-11s | %7.1f | %7.1f (%5.2f) | %7.1f (%5.2f) | %7.1f (%5.2f) | %7.1f | %9.0f | %9.0f |\n",
                value_name, rk4, e25, e25 / rk4, e27, e27 / rk4, heun, heun / rk4, e27x,
                e25_exact, e27_exact);
}

} // namespace

int main()
{
    std::printf("ns per construction, best of 7 (ratio to runge_kutta4); state std::vector<value_type>\n\n");
    std::printf("| value_type  | rk4     | ees25           | ees27           | reversible_heun | ees27(0.2) | ees25(0.2, exact) | ees27(0.2, exact) |\n");
    std::printf("|---|---|---|---|---|---|---|---|\n");
    row<float>("float");
    row<double>("double");
    row<long double>("long double");
    return sink == 12345u ? 1 : 0;
}
