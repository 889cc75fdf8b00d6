// Benchmark of the gradient integrators, in one run:
//  - time of integrate_reversible and integrate_discrete_adjoint relative to the forward
//    solve alone (the backward/forward ratio), for ees25, ees27 and reversible_heun;
//  - peak heap bytes against the number of steps (10^2 ... 10^5), counted by a replaced
//    global operator new.
// Problem: a neural-ODE-sized system, y' = tanh(W y) with a fixed 32×32 W (state size 32),
// loss ½‖y(T)‖². Prints machine-readable lines "key=value ...".
#include <boost/numeric/odeint.hpp>
#include <boost/numeric/odeint/ees.hpp>

#include <chrono>
#include <cmath>
#include <cstdio>
#include <vector>

#include "../heap_counter.hpp"

namespace odeint = boost::numeric::odeint;
using vec = std::vector<double>;

namespace {

constexpr std::size_t n = 32;

// y' = tanh(W y); parameters θ = W (row-major).
struct tanh_network
{
    vec w;
    mutable vec z = vec(n);

    tanh_network() : w(n * n)
    {
        for (std::size_t i = 0; i < n * n; ++i)
            w[i] = 0.6 * std::sin(1.7 * double(i) + 0.3) / std::sqrt(double(n));
    }
    void operator()(const vec& y, vec& f, double) const
    {
        for (std::size_t i = 0; i < n; ++i)
        {
            double s = 0;
            for (std::size_t j = 0; j < n; ++j)
                s += w[i * n + j] * y[j];
            f[i] = std::tanh(s);
        }
    }
    void vjp(const vec& y, double, const vec& v, vec& adj_y, vec& adj_p) const
    {
        for (std::size_t i = 0; i < n; ++i)
        {
            double s = 0;
            for (std::size_t j = 0; j < n; ++j)
                s += w[i * n + j] * y[j];
            const double t = std::tanh(s);
            z[i] = (1 - t * t) * v[i];
        }
        for (std::size_t i = 0; i < n; ++i)
            for (std::size_t j = 0; j < n; ++j)
            {
                adj_y[j] += w[i * n + j] * z[i];
                adj_p[i * n + j] += z[i] * y[j];
            }
    }
};

vec start() { vec y(n); for (std::size_t i = 0; i < n; ++i) y[i] = std::cos(double(i)); return y; }
const auto terminal = [](const vec& y, vec& a) { a = y; };

template <class F>
double seconds(F f, int repeats)
{
    const auto begin = std::chrono::steady_clock::now();
    for (int r = 0; r < repeats; ++r)
        f();
    return std::chrono::duration<double>(std::chrono::steady_clock::now() - begin).count() / repeats;
}

template <class Stepper>
void time_ratios(const char* name)
{
    const tanh_network system;
    const double dt = 1.0 / 256, T = 4.0;
    const int steps = int(T / dt), repeats = 5;
    const double forward = seconds([&] {
        vec y = start();
        odeint::integrate_n_steps(Stepper(), std::ref(system), y, 0.0, dt, steps);
    }, repeats);
    const double reversible = seconds([&] {
        vec y = start(), g(n), p(n * n, 0.0);
        odeint::integrate_reversible(Stepper(), system, y, 0.0, T, dt, terminal, g, p);
    }, repeats);
    const double stored = seconds([&] {
        vec y = start(), g(n), p(n * n, 0.0);
        odeint::integrate_discrete_adjoint(Stepper(), system, y, 0.0, T, dt, terminal, g, p);
    }, repeats);
    std::printf("timing stepper=%s steps=%d forward_ms=%.3f reversible_ms=%.3f "
                "store_all_ms=%.3f reversible_over_forward=%.2f store_all_over_forward=%.2f "
                "reversible_over_store_all=%.2f\n",
                name, steps, 1e3 * forward, 1e3 * reversible, 1e3 * stored, reversible / forward,
                stored / forward, reversible / stored);
}

template <class Integrate>
std::size_t peak_bytes(Integrate integrate, std::size_t steps)
{
    const tanh_network system;
    vec y = start(), g(n), p(n * n, 0.0);
    const double dt = 1.0 / 256;
    return ees_test::measure_heap([&] {
               integrate(odeint::ees25<vec>(), system, y, 0.0, double(steps) * dt, dt, terminal,
                         g, p);
           })
        .peak;
}

} // namespace

int main()
{
    time_ratios<odeint::ees25<vec>>("ees25");
    time_ratios<odeint::ees27<vec>>("ees27");
    time_ratios<odeint::reversible_heun<vec>>("reversible_heun");
    const auto reversible = [](auto&&... a) { odeint::integrate_reversible(a...); };
    const auto stored = [](auto&&... a) { odeint::integrate_discrete_adjoint(a...); };
    for (std::size_t steps : {100u, 1000u, 10000u, 100000u})
        std::printf("memory stepper=ees25 state_bytes=%zu steps=%zu reversible_peak_bytes=%zu "
                    "store_all_peak_bytes=%zu\n",
                    n * sizeof(double), steps, peak_bytes(reversible, steps),
                    peak_bytes(stored, steps));
}
