// What passing a tree-driven SDE by value costs: odeint copies the system on every step of
// integrate_const, so a system whose copy is not O(1) (or whose copy throws the tree's cache
// away) pays per step. Times integrate_const with the SDE by value against std::ref(sde),
// ees25 and reversible_heun, 2-D noise, tree depth 14 (tolerance 2^-14 on [0, 1]), 2^14 steps;
// best of 7 runs each, interleaved. Prints µs per step and the by-value / std::ref ratio
// (goal: at most 1.2).
//
//   g++ -std=c++17 -O2 -Iinclude -Iboost_ext test/perf/perf_driven_copies.cpp -o /tmp/perf_driven_copies
//   /tmp/perf_driven_copies
#include <boost/numeric/odeint.hpp>
#include <boost/numeric/odeint/ees.hpp>
#include <boost/numeric/odeint/noise/virtual_brownian_tree.hpp>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <functional>
#include <vector>

namespace odeint = boost::numeric::odeint;
using vec = std::vector<double>;

namespace {

struct drift
{
    void operator()(const vec& x, vec& f, double) const
    {
        f[0] = -x[0] + std::sin(x[1]);
        f[1] = -0.5 * x[1];
    }
};

struct diffusion
{
    void operator()(const vec& x, vec& g, double) const
    {
        g[0] = 0.3;
        g[1] = 0.2 * x[0];
    }
};

template <class Stepper, class System>
double seconds(const System& system, int steps, double& checksum)
{
    vec x{1.0, 0.5};
    const auto start = std::chrono::steady_clock::now();
    odeint::integrate_const(Stepper(), system, x, 0.0, 1.0, 1.0 / steps);
    const double elapsed =
        std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    checksum += x[0] + x[1];
    return elapsed;
}

template <class Stepper>
void compare(const char* name)
{
    const int steps = 1 << 14;
    const auto sde = odeint::make_stratonovich_sde<vec>(
        drift{}, diffusion{}, odeint::virtual_brownian_tree<double>(7, 0.0, 1.0, 1.0 / (1 << 14), 2));
    double by_value = 1e300, by_ref = 1e300, checksum = 0;
    for (int r = 0; r < 7; ++r)
    {
        by_value = std::min(by_value, seconds<Stepper>(sde, steps, checksum));
        by_ref = std::min(by_ref, seconds<Stepper>(std::ref(sde), steps, checksum));
    }
    std::printf("%-16s by value %.3f us/step, std::ref %.3f us/step, ratio %.3f (checksum %.6f)\n",
                name, 1e6 * by_value / steps, 1e6 * by_ref / steps, by_value / by_ref, checksum);
}

} // namespace

int main()
{
    compare<odeint::ees25<vec>>("ees25");
    compare<odeint::reversible_heun<vec>>("reversible_heun");
}
