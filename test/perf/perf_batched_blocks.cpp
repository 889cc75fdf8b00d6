// Benchmark (not a timed test): the block size of a batched neural SDE run
// (util/batched_blocks.hpp: the paths cut into blocks, each block one batched state whose MLP
// layers are matrix products with one column per path). For block sizes 8 ... 1024 it prints,
// for the stiff-GBM model (d = 25, MLP width 32, doc/neural_sde.md):
//   mlp      paths per second of the drift and diffusion MLPs alone, forward pass and vjp of
//            one block (batched_mlp_field, one thread);
//   solve    path-steps per second of ees25 forward + reversible gradient (integrate_reversible)
//            of `paths` paths in blocks, on 1 and 2 threads, and on 1 thread with the vjp's
//            reuse of the forward activations turned off (set_reuse_activations(false)).
// The Brownian grid has one step per solver step (k = 1), so the noise costs as little as it
// can and the table shows what the matrix products need. The one-thread rates are per second
// of the process's CPU time (steady on a machine shared with other work), the two-thread rate
// per second of wall time; every rate is the best of three runs. Then the same solve path by
// path (mlp_vector_field, brownian_path, one thread) with and without the reuse. The last two
// lines are the summary of doc/results/benchmarks.md.
// Usage: perf_batched_blocks [paths, default 2048] [steps, default 16]
#include <boost/numeric/odeint.hpp>
#include <boost/numeric/odeint/ees.hpp>
#include <boost/numeric/odeint/noise/batched_brownian_path.hpp>
#include <boost/numeric/odeint/nn/batched_mlp.hpp>
#include <boost/numeric/odeint/util/batched_blocks.hpp>

#include <chrono>
#include <cstdio>
#include <ctime>
#include <cstdlib>
#include <vector>

using namespace boost::numeric::odeint;
using vec = std::vector<double>;

namespace {

const std::size_t d = 25, width = 32;
std::size_t paths = 2048, steps = 16;
const double dt = 1.0 / 40;

// Seconds of wall time, or of the process's CPU time.
double now(bool cpu)
{
    if (cpu)
    {
        timespec ts{};
        clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts);
        return double(ts.tv_sec) + 1e-9 * double(ts.tv_nsec);
    }
    return std::chrono::duration<double>(std::chrono::steady_clock::now().time_since_epoch())
        .count();
}

template <class Rate>
double best_of_three(Rate rate)
{
    double best = 0;
    for (int run = 0; run < 3; ++run)
    {
        const double r = rate();
        best = r > best ? r : best;
    }
    return best;
}

struct model
{
    mlp<double> drift_network{{d + 1, width, width, d}, mlp_activation::lipswish, 1};
    mlp<double> diffusion_network{{d, width, d}, mlp_activation::lipswish, 2,
                                  mlp_output_activation::tanh};
    batched_mlp_field<double> drift{drift_network, mlp_time::input};
    batched_mlp_field<double> diffusion{diffusion_network, mlp_time::ignored,
                                       drift_network.parameter_count(), 0.5};
    std::size_t parameters() const
    {
        return drift_network.parameter_count() + diffusion_network.parameter_count();
    }
    void reuse(bool on)
    {
        drift.set_reuse_activations(on);
        diffusion.set_reuse_activations(on);
    }
};

// Paths per second of drift and diffusion, forward and vjp, on one block of `block` paths.
double mlp_rate(const model& m, std::size_t block)
{
    vec y(block * d), f(block * d), v(block * d, 0.01), adj_y(block * d, 0.0),
        adj_p(m.parameters(), 0.0);
    for (std::size_t i = 0; i < y.size(); ++i)
        y[i] = 0.5 - 0.001 * double(i % 97);
    std::size_t rounds = 0;
    const double start = now(true);
    do
    {
        for (int k = 0; k < 8; ++k)
        {
            y[0] += 1e-9;  // a new state each time: nothing kept is reused
            m.drift(y, f, 0.25);
            m.diffusion(y, f, 0.25);
            y[0] += 1e-9;
            m.drift.vjp(y, 0.25, v, adj_y, adj_p);
            m.diffusion.vjp(y, 0.25, v, adj_y, adj_p);
        }
        ++rounds;
    } while (now(true) - start < 0.2);
    if (adj_p[0] == 42.0)
        std::printf(" ");
    return double(rounds * 8 * block) / (now(true) - start);
}

// Path-steps per second of forward + reversible gradient of `paths` paths in blocks.
double solve_rate(const model& m, std::size_t block, std::size_t threads)
{
    const block_plan plan(paths, block);
    std::vector<vec> partials(plan.blocks());
    std::size_t solves = 0;
    const auto terminal = [](const vec& y, vec& a) { a = y; };
    const bool cpu = threads == 1;
    const double start = now(cpu);
    do
    {
        run_blocks(plan, threads, [&](std::size_t i) {
            const batched_brownian_path<double> noise(
                brownian_path<double>(1, 0.0, double(steps) * dt, steps, d, plan.first(i)),
                plan.count(i));
            const auto sde = make_stratonovich_sde<vec>(m.drift, m.diffusion, noise,
                                                        diagonal_noise());
            vec x(plan.count(i) * d, 0.5), gx(x.size()), gp(m.parameters(), 0.0);
            integrate_reversible(ees25<vec>(), sde, x, 0.0, double(steps) * dt, dt, terminal,
                                 gx, gp);
            partials[i] = std::move(gp);
        });
        vec total;
        sum_blocks(partials, total);
        ++solves;
    } while (now(cpu) - start < 0.25);
    return double(solves * paths * steps) / (now(cpu) - start);
}

// Path-steps per second of the per-path loop (64 paths, one thread, CPU time; the diffusion
// without its scale, which changes nothing of the cost).
double per_path_rate(const model& m, bool reuse)
{
    mlp_vector_field<double> drift(m.drift_network, mlp_time::input);
    mlp_vector_field<double> diffusion(m.diffusion_network, mlp_time::ignored,
                                       m.drift_network.parameter_count());
    drift.set_reuse_activations(reuse);
    diffusion.set_reuse_activations(reuse);
    const auto terminal = [](const vec& y, vec& a) { a = y; };
    vec gp(m.parameters(), 0.0);
    const std::size_t count = 64;
    std::size_t solves = 0;
    const double start = now(true);
    do
    {
        for (std::size_t p = 0; p < count; ++p)
        {
            const auto sde = make_stratonovich_sde<vec>(
                drift, diffusion, brownian_path<double>(1, 0.0, double(steps) * dt, steps, d, p),
                diagonal_noise());
            vec x(d, 0.5), gx(d);
            integrate_reversible(ees25<vec>(), sde, x, 0.0, double(steps) * dt, dt, terminal, gx,
                                 gp);
        }
        ++solves;
    } while (now(true) - start < 0.25);
    return double(solves * count * steps) / (now(true) - start);
}

} // namespace

int main(int argc, char** argv)
{
    if (argc > 1)
        paths = std::size_t(std::atoi(argv[1]));
    if (argc > 2)
        steps = std::size_t(std::atoi(argv[2]));
    std::printf("perf_batched_blocks: d = %zu, width %zu, %zu paths, ees25 %zu steps of 1/40, "
                "forward + reversible gradient; default block size %zu\n",
                d, width, paths, steps, block_plan::default_block_size);
    std::printf("%6s %14s %14s %14s %14s %8s\n", "block", "mlp paths/s", "solve 1T",
                "solve 2T", "1T no reuse", "reuse");
    model m;
    std::size_t best_one = 0, best_two = 0;
    double best_one_rate = 0, best_two_rate = 0, reuse_at_default = 0;
    for (std::size_t block : {8u, 16u, 32u, 64u, 128u, 256u, 512u, 1024u})
    {
        if (block > paths)
            break;
        m.reuse(true);
        const double mlp = best_of_three([&] { return mlp_rate(m, block); });
        const double one = best_of_three([&] { return solve_rate(m, block, 1); });
        const double two = best_of_three([&] { return solve_rate(m, block, 2); });
        m.reuse(false);
        const double off = best_of_three([&] { return solve_rate(m, block, 1); });
        std::printf("%6zu %14.4g %14.4g %14.4g %14.4g %8.2f\n", block, mlp, one, two, off,
                    one / off);
        std::fflush(stdout);
        if (one > best_one_rate)
            best_one_rate = one, best_one = block;
        if (two > best_two_rate)
            best_two_rate = two, best_two = block;
        if (block == block_plan::default_block_size)
            reuse_at_default = one / off;
    }
    const double loop_on = best_of_three([&] { return per_path_rate(m, true); });
    const double loop_off = best_of_three([&] { return per_path_rate(m, false); });
    std::printf("per-path loop (mlp_vector_field), forward + gradient: %.4g path-steps/s, "
                "%.4g without the reuse: %.2f\n",
                loop_on, loop_off, loop_on / loop_off);
    std::printf("fastest block size, forward + gradient: %zu (1 thread), %zu (2 threads)\n",
                best_one, best_two);
    std::printf("vjp reusing the forward activations: %.2f (1 thread, block %zu, ratio of "
                "rates, higher is faster)\n",
                reuse_at_default, block_plan::default_block_size);
}
