// Benchmark (not a timed test): path-steps per second of a batched neural SDE solve (blocks of
// 64 paths as one state: batched_brownian_path, batched_mlp_field on Eigen) against the
// per-path loop (brownian_path, mlp_vector_field) in the same run, for the stiff-GBM model
// (d = 25, MLP width 32) and a width-128 model, forward (ees25, integrate_n_steps) and
// forward + reversible gradient (integrate_reversible), B = 1, 64, 1024, 16384 paths, 1 and 2
// threads; then the counter-based normals of batched_brownian_path against
// std::mt19937_64 + std::normal_distribution<double>. The last two lines are the summary of
// doc/results/benchmarks.md. The per-path loop is timed on min(B, 256) paths (its rate does
// not depend on B). Usage: perf_batched [steps per solve, default 16]
#include <boost/numeric/odeint.hpp>
#include <boost/numeric/odeint/ees.hpp>
#include <boost/numeric/odeint/noise/batched_brownian_path.hpp>
#include <boost/numeric/odeint/nn/batched_mlp.hpp>
#include <boost/numeric/odeint/util/batched_blocks.hpp>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <random>
#include <vector>

using namespace boost::numeric::odeint;
using vec = std::vector<double>;

namespace {

const std::size_t d = 25, block = 64;
std::size_t steps = 16;
const double dt = 1.0 / 40;

struct scaled_field
{
    mlp_vector_field<double> field;
    double scale;
    void operator()(const vec& y, vec& g, double t) const
    {
        field(y, g, t);
        for (auto& x : g)
            x *= scale;
    }
    void vjp(const vec& y, double t, const vec& u, vec& adj_y, vec& adj_p) const
    {
        vec s(u);
        for (auto& x : s)
            x *= scale;
        field.vjp(y, t, s, adj_y, adj_p);
    }
};

struct model
{
    mlp<double> drift, diffusion;
    explicit model(std::size_t width)
        : drift({d + 1, width, width, d}, mlp_activation::lipswish, 1),
          diffusion({d, width, d}, mlp_activation::lipswish, 2, mlp_output_activation::tanh)
    {
    }
    std::size_t parameters() const
    {
        return drift.parameter_count() + diffusion.parameter_count();
    }
};

double seconds_since(std::chrono::steady_clock::time_point start)
{
    return std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
}

const auto terminal = [](const vec& y, vec& a) { a = y; };

// Path-steps per second of B paths in blocks of 64 on `threads` threads.
double batched_rate(const model& m, std::size_t B, std::size_t threads, bool gradient)
{
    const batched_mlp_field<double> drift(m.drift, mlp_time::input);
    const batched_mlp_field<double> diffusion(m.diffusion, mlp_time::ignored,
                                              m.drift.parameter_count(), 0.5);
    const block_plan plan(B, block);
    std::vector<vec> partials(plan.blocks());
    std::size_t solves = 0;
    const auto start = std::chrono::steady_clock::now();
    do
    {
        run_blocks(plan, threads, [&](std::size_t i) {
            const batched_brownian_path<double> noise(
                brownian_path<double>(1, 0.0, double(steps) * dt, steps, d, plan.first(i)),
                plan.count(i));
            const auto sde = make_stratonovich_sde<vec>(drift, diffusion, noise,
                                                        diagonal_noise());
            vec x(plan.count(i) * d, 0.5);
            if (gradient)
            {
                vec gx(x.size()), gp(m.parameters(), 0.0);
                integrate_reversible(ees25<vec>(), sde, x, 0.0, double(steps) * dt, dt,
                                     terminal, gx, gp);
                partials[i] = std::move(gp);
            }
            else
                integrate_n_steps(ees25<vec>(), sde, x, 0.0, dt, steps);
        });
        if (gradient)
        {
            vec total;
            sum_blocks(partials, total);
        }
        ++solves;
    } while (seconds_since(start) < 0.3);
    return double(solves * B * steps) / seconds_since(start);
}

// Path-steps per second of the per-path loop (one thread).
double per_path_rate(const model& m, std::size_t B, bool gradient)
{
    const mlp_vector_field<double> drift(m.drift, mlp_time::input);
    const scaled_field diffusion{
        mlp_vector_field<double>(m.diffusion, mlp_time::ignored, m.drift.parameter_count()),
        0.5};
    const std::size_t paths = std::min<std::size_t>(B, 256);
    std::size_t solves = 0;
    vec gp(m.parameters(), 0.0);
    const auto start = std::chrono::steady_clock::now();
    do
    {
        for (std::size_t p = 0; p < paths; ++p)
        {
            const auto sde = make_stratonovich_sde<vec>(
                drift, diffusion, brownian_path<double>(1, 0.0, double(steps) * dt, steps, d, p),
                diagonal_noise());
            vec x(d, 0.5);
            if (gradient)
            {
                vec gx(d);
                integrate_reversible(ees25<vec>(), sde, x, 0.0, double(steps) * dt, dt, terminal,
                                     gx, gp);
            }
            else
                integrate_n_steps(ees25<vec>(), sde, x, 0.0, dt, steps);
        }
        ++solves;
    } while (seconds_since(start) < 0.3);
    return double(solves * paths * steps) / seconds_since(start);
}

// Normals per second: batched_brownian_path (B = 1024, m = 25) against std.
void normal_rates(double& counter_rate, double& std_rate)
{
    const std::size_t B = 1024, m = 25, grid = 64;
    const batched_brownian_path<double> noise(brownian_path<double>(7, 0.0, 1.0, grid, m), B);
    auto cursor = noise.make_cursor();
    vec dW(B * m);
    const double h = noise.dt();
    double sink = 0;
    std::size_t rounds = 0;
    auto start = std::chrono::steady_clock::now();
    do // every grid step's increment in turn: one normal per element each
    {
        for (std::size_t k = 0; k < grid; ++k)
        {
            noise.increment(double(k) * h, double(k + 1) * h, dW, cursor);
            sink += dW[k];
        }
        ++rounds;
    } while (seconds_since(start) < 0.5);
    counter_rate = double(rounds * grid * B * m) / seconds_since(start);
    std::mt19937_64 engine(7);
    std::normal_distribution<double> normal;
    vec z(B * m);
    rounds = 0;
    start = std::chrono::steady_clock::now();
    do
    {
        for (std::size_t k = 0; k < grid; ++k)
        {
            for (auto& v : z)
                v = normal(engine);
            sink += z[k];
        }
        ++rounds;
    } while (seconds_since(start) < 0.5);
    std_rate = double(rounds * grid * B * m) / seconds_since(start);
    if (sink == 42.0)
        std::printf(" ");
}

} // namespace

int main(int argc, char** argv)
{
    if (argc > 1)
        steps = std::size_t(std::atoi(argv[1]));
    std::printf("perf_batched: ees25, %zu steps of dt = 1/40 per solve, blocks of %zu paths; "
                "path-steps/s\n",
                steps, block);
    std::printf("%6s %6s %-16s %12s %12s %12s %8s %8s\n", "width", "B", "pass", "per-path",
                "batched 1T", "batched 2T", "1T/loop", "2T/1T");
    double headline = 0;
    for (std::size_t width : {32u, 128u})
    {
        const model m(width);
        for (std::size_t B : {1u, 64u, 1024u, 16384u})
            for (bool gradient : {false, true})
            {
                const double loop = per_path_rate(m, B, gradient);
                const double one = batched_rate(m, B, 1, gradient);
                const double two = batched_rate(m, B, 2, gradient);
                std::printf("%6zu %6zu %-16s %12.4g %12.4g %12.4g %8.2f %8.2f\n", width, B,
                            gradient ? "forward+gradient" : "forward", loop, one, two,
                            one / loop, two / one);
                std::fflush(stdout);
                if (width == 32 && B == 1024 && gradient)
                    headline = one / loop;
            }
    }
    double counter_rate = 0, std_rate = 0;
    normal_rates(counter_rate, std_rate);
    std::printf("normals/s: counter-based (batched_brownian_path, B = 1024, m = 25) %.4g, "
                "std::mt19937_64 + std::normal_distribution<double> %.4g\n",
                counter_rate, std_rate);
    std::printf("batched speedup over per-path loop: %.2f (B=1024, d=25, width 32, 1 thread, "
                "forward+gradient)\n",
                headline);
    std::printf("counter-based normals vs std::normal_distribution: %.2f (ratio of rates, "
                "higher is faster)\n",
                counter_rate / std_rate);
}
