// The ODE step through the public API: nanoseconds per do_step of ees25, ees27 and
// reversible_heun against odeint's runge_kutta4 and runge_kutta_cash_karp54 (its plain
// do_step), on
//   - Lorenz, std::array<double, 3>;
//   - Lorenz-96, a 32-element std::vector<double>;
//   - dx/dt = -x on 2^23 elements, whose step is bound by memory: the bytes a step streams
//     (one read or write of the state per vector and pass) per second, against a STREAM
//     triad a = b + s c on the same length;
// and inverse_do_step against do_step for the EES steppers, on conservative fields (a
// rigid body, a skew-symmetric ring), which run backwards as stably as forwards. Best of 7 runs, interleaved;
// ratios from the same run. Goals (issue 24): ees25/rk4 <= 0.75 and ees27/rk4 <= 1.0 on the
// small states, inverse_do_step within 5 % of do_step, big state >= 0.9 of the triad.
//
//   g++ -std=c++17 -O3 -march=native -Iinclude -Iboost_ext test/perf/perf_steppers.cpp -o /tmp/perf_steppers
//   /tmp/perf_steppers            (/tmp/perf_steppers --quick: fewer steps, for a smoke test)
#include <boost/numeric/odeint.hpp>
#include <boost/numeric/odeint/ees.hpp>

#include <algorithm>
#include <array>
#include <chrono>
#include <cmath>
#include <cstddef>
#include <cstdio>
#include <cstring>
#include <vector>

namespace odeint = boost::numeric::odeint;

namespace {

using small_state = std::array<double, 3>;
using vec = std::vector<double>;

struct lorenz
{
    void operator()(const small_state& x, small_state& dxdt, double) const
    {
        dxdt[0] = 10.0 * (x[1] - x[0]);
        dxdt[1] = 28.0 * x[0] - x[1] - x[0] * x[2];
        dxdt[2] = x[0] * x[1] - 8.0 / 3.0 * x[2];
    }
};

// dx_i/dt = (x_{i+1} - x_{i-2}) x_{i-1} - x_i + 8, indices cyclic (n >= 4).
struct lorenz96
{
    void operator()(const vec& x, vec& dxdt, double) const
    {
        const std::size_t n = x.size();
        dxdt[0] = (x[1] - x[n - 2]) * x[n - 1] - x[0] + 8.0;
        dxdt[1] = (x[2] - x[n - 1]) * x[0] - x[1] + 8.0;
        for (std::size_t i = 2; i + 1 < n; ++i)
            dxdt[i] = (x[i + 1] - x[i - 2]) * x[i - 1] - x[i] + 8.0;
        dxdt[n - 1] = (x[0] - x[n - 3]) * x[n - 2] - x[n - 1] + 8.0;
    }
};

struct decay
{
    void operator()(const vec& x, vec& dxdt, double) const
    {
        const std::size_t n = x.size();
        for (std::size_t i = 0; i < n; ++i)
            dxdt[i] = -x[i];
    }
};

// Conservative fields for inverse_do_step against do_step (a dissipative one, run backwards,
// blows up): Euler's equations of a free rigid body, and a skew-symmetric ring.
struct rigid_body
{
    void operator()(const small_state& x, small_state& dxdt, double) const
    {
        dxdt[0] = -0.5 * x[1] * x[2];
        dxdt[1] = 1.25 * x[0] * x[2];
        dxdt[2] = -0.4 * x[0] * x[1];
    }
};

struct skew_ring
{
    void operator()(const vec& x, vec& dxdt, double) const
    {
        const std::size_t n = x.size();
        dxdt[0] = x[1] - x[n - 1];
        for (std::size_t i = 1; i + 1 < n; ++i)
            dxdt[i] = x[i + 1] - x[i - 1];
        dxdt[n - 1] = x[0] - x[n - 2];
    }
};

double checksum = 0;  // printed, so that no step is optimised away

double now()
{
    return std::chrono::duration<double>(std::chrono::steady_clock::now().time_since_epoch())
        .count();
}

// Seconds per step of `steps` do_step calls (Inverse: inverse_do_step, backwards in time).
// The first step, in which the buffers are sized and their pages touched, is not timed.
template <class Stepper, bool Inverse = false, class System, class State>
double per_step(System system, State x, int steps, double dt)
{
    Stepper stepper;
    double t = 0.0, start = 0.0;
    for (int i = 0; i <= steps; ++i)
    {
        if (i == 1)
            start = now();
        if constexpr (Inverse)
        {
            t -= dt;
            stepper.inverse_do_step(system, x, t, dt);
        }
        else
        {
            stepper.do_step(system, x, t, dt);
            t += dt;
        }
    }
    const double elapsed = now() - start;
    if (!std::isfinite(x[0]))
        std::printf("(a run ended with a non-finite state)\n");
    checksum += x[0];
    return elapsed / steps;
}

struct timing
{
    const char* name;
    double (*run)(int);
    double best = 1e300;
};

void best_of(std::vector<timing>& timings, int steps, int repeats = 7)
{
    for (int r = 0; r < repeats; ++r)
        for (auto& t : timings)
            t.best = std::min(t.best, t.run(steps));
}

template <class Stepper>
double small_run(int steps)
{
    return per_step<Stepper>(lorenz(), small_state{{10.0, 1.0, 1.0}}, steps, 1e-4);
}

template <class Stepper, bool Inverse>
double small_conservative(int steps)
{
    return per_step<Stepper, Inverse>(rigid_body(), small_state{{1.0, 0.5, 0.2}}, steps, 1e-4);
}

vec lorenz96_start()
{
    vec x(32, 8.0);
    x[0] += 0.01;
    return x;
}

template <class Stepper>
double medium_run(int steps)
{
    return per_step<Stepper>(lorenz96(), lorenz96_start(), steps, 1e-4);
}

template <class Stepper, bool Inverse>
double medium_conservative(int steps)
{
    return per_step<Stepper, Inverse>(skew_ring(), lorenz96_start(), steps, 1e-4);
}

constexpr std::size_t big_size = std::size_t(1) << 23;

template <class Stepper>
double big_run(int steps)
{
    return per_step<Stepper>(decay(), vec(big_size, 1.0), steps, 1e-3);
}

double triad(int repeats)
{
    vec a(big_size, 0.0), b(big_size, 1.0), c(big_size, 2.0);
    double best = 1e300;
    for (int r = 0; r < repeats; ++r)
    {
        const double start = now();
        for (std::size_t i = 0; i < big_size; ++i)
            a[i] = b[i] + 0.5 * c[i];
        best = std::min(best, now() - start);
        checksum += a[r];
    }
    return best;
}

void print_ratios(const char* title, std::vector<timing>& timings)
{
    std::printf("%s\n", title);
    const double reference = timings[0].best;
    for (const auto& t : timings)
        std::printf("  %-34s %9.2f ns/step   %5.3f x %s\n", t.name, 1e9 * t.best,
                    t.best / reference, timings[0].name);
}

// Rows in pairs: do_step, then inverse_do_step relative to it.
void print_pairs(const char* title, std::vector<timing>& timings)
{
    std::printf("%s\n", title);
    for (std::size_t i = 0; i + 1 < timings.size(); i += 2)
        std::printf("  %-34s %9.2f ns/step\n  %-34s %9.2f ns/step   %5.3f x do_step\n",
                    timings[i].name, 1e9 * timings[i].best, timings[i + 1].name,
                    1e9 * timings[i + 1].best, timings[i + 1].best / timings[i].best);
}

} // namespace

int main(int argc, char** argv)
{
    const bool quick = argc > 1 && std::strcmp(argv[1], "--quick") == 0;
    const int small_steps = quick ? 10000 : 2000000;
    const int medium_steps = quick ? 2000 : 200000;
    const int big_steps = quick ? 1 : 8;

    std::vector<timing> small{
        {"runge_kutta4", small_run<odeint::runge_kutta4<small_state>>},
        {"runge_kutta_cash_karp54", small_run<odeint::runge_kutta_cash_karp54<small_state>>},
        {"ees25", small_run<odeint::ees25<small_state>>},
        {"ees27", small_run<odeint::ees27<small_state>>},
        {"reversible_heun", small_run<odeint::reversible_heun<small_state>>}};
    best_of(small, small_steps);
    print_ratios("Lorenz, std::array<double, 3>:", small);
    std::vector<timing> small_inverse{
        {"ees25 do_step", small_conservative<odeint::ees25<small_state>, false>},
        {"ees25 inverse_do_step", small_conservative<odeint::ees25<small_state>, true>},
        {"ees27 do_step", small_conservative<odeint::ees27<small_state>, false>},
        {"ees27 inverse_do_step", small_conservative<odeint::ees27<small_state>, true>}};
    best_of(small_inverse, small_steps);
    print_pairs("Rigid body, std::array<double, 3>:", small_inverse);

    std::vector<timing> medium{
        {"runge_kutta4", medium_run<odeint::runge_kutta4<vec>>},
        {"runge_kutta_cash_karp54", medium_run<odeint::runge_kutta_cash_karp54<vec>>},
        {"ees25", medium_run<odeint::ees25<vec>>},
        {"ees27", medium_run<odeint::ees27<vec>>},
        {"reversible_heun", medium_run<odeint::reversible_heun<vec>>}};
    best_of(medium, medium_steps);
    print_ratios("Lorenz-96, std::vector<double> of 32:", medium);
    std::vector<timing> medium_inverse{
        {"ees25 do_step", medium_conservative<odeint::ees25<vec>, false>},
        {"ees25 inverse_do_step", medium_conservative<odeint::ees25<vec>, true>},
        {"ees27 do_step", medium_conservative<odeint::ees27<vec>, false>},
        {"ees27 inverse_do_step", medium_conservative<odeint::ees27<vec>, true>}};
    best_of(medium_inverse, medium_steps);
    print_pairs("Skew-symmetric ring, std::vector<double> of 32:", medium_inverse);

    // Bytes a step streams, counting each vector read or written by each pass once (a sum
    // of n terms reads n vectors and writes one, an evaluation reads one and writes one):
    // runge_kutta4 (odeint's generic algorithm sums every earlier stage, zeros included)
    // 4 evaluations, stage sums of 2, 3, 4 terms, final sum of 5: 26 vectors; ees25 3
    // evaluations, stage sums of 2 and 3, final sum of 4: 18; ees27 4 evaluations, stage sums
    // of 2, 3, 4, final sum of 5: 26; reversible_heun 1 evaluation, sums of 3 for ŷ and y: 10.
    std::vector<timing> big{{"runge_kutta4", big_run<odeint::runge_kutta4<vec>>},
                            {"ees25", big_run<odeint::ees25<vec>>},
                            {"ees27", big_run<odeint::ees27<vec>>},
                            {"reversible_heun", big_run<odeint::reversible_heun<vec>>}};
    const double vectors[] = {26, 18, 26, 10};
    best_of(big, big_steps, quick ? 1 : 5);
    const double triad_seconds = triad(quick ? 2 : 10);
    const double bytes = 8.0 * big_size;
    std::printf("dx/dt = -x, std::vector<double> of 2^23 (STREAM triad %.1f GB/s):\n",
                3 * bytes / triad_seconds / 1e9);
    for (std::size_t i = 0; i < big.size(); ++i)
    {
        const double rate = vectors[i] * bytes / big[i].best;
        std::printf("  %-34s %9.2f ms/step   %5.1f GB/s   %5.3f x triad\n", big[i].name,
                    1e3 * big[i].best, rate / 1e9, rate / (3 * bytes / triad_seconds));
    }
    std::printf("(checksum %g)\n", checksum);
}
