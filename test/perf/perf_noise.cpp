// perf_noise: what the fixed-grid Brownian paths cost (doc/benchmarks.md records the results).
//   1. Normals per second: a batch of 1024 paths of dimension 25 walked grid step by grid step
//      (batched_brownian_path::increment with a cursor: each increment is one N(0, h) draw per
//      element) against std::mt19937_64 + std::normal_distribution<double> filling the same
//      array, in one run, with the flags this program was built with. CMake builds it twice:
//      perf_noise (-march=native) and perf_noise_baseline (-march=x86-64: SSE2, no FMA).
//   2. The cost of an increment over k = 1, 4, 30, 256 grid steps relative to k = 1: a walk of
//      consecutive increments of k steps over a grid of 7680 steps with the cursor, per query.
// Last line: "normals vs std::normal_distribution: Y (<flags>)".
#include <boost/numeric/odeint/noise/batched_brownian_path.hpp>
#include <boost/numeric/odeint/noise/brownian_path.hpp>

#include <chrono>
#include <cstdio>
#include <random>
#include <vector>

using boost::numeric::odeint::batched_brownian_path;
using boost::numeric::odeint::brownian_path;

namespace {

double seconds_since(std::chrono::steady_clock::time_point start)
{
    return std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
}

#if defined(__AVX512F__)
const char* flags = "-march=native, AVX-512";
#elif defined(__AVX2__)
const char* flags = "-march=native, AVX2";
#elif defined(__SSE2__) || defined(_M_X64)
const char* flags = "x86-64 baseline, SSE2";
#else
const char* flags = "this machine's default";
#endif

double sink = 0;

// Best of 5 rates (values per second) of `work` (which returns the values it made).
template <class Work>
double best_rate(Work work)
{
    double best = 0;
    for (int trial = 0; trial < 5; ++trial) {
        std::size_t values = 0;
        const auto start = std::chrono::steady_clock::now();
        do
            values += work();
        while (seconds_since(start) < 0.2);
        best = std::max(best, double(values) / seconds_since(start));
    }
    return best;
}

} // namespace

int main()
{
    const std::size_t B = 1024, m = 25, grid = 1200;
    const batched_brownian_path<double> noise(brownian_path<double>(7, 0.0, 1.0, grid, m), B);
    auto cursor = noise.make_cursor();
    std::vector<double> dW(B * m);
    const double h = noise.dt();
    const double counter_rate = best_rate([&] {
        for (std::size_t k = 0; k < 64; ++k) {
            noise.increment(double(k) * h, double(k + 1) * h, dW, cursor);
            sink += dW[k];
        }
        return std::size_t(64) * B * m;
    });
    std::mt19937_64 engine(7);
    std::normal_distribution<double> normal;
    const double std_rate = best_rate([&] {
        for (std::size_t k = 0; k < 64; ++k) {
            for (auto& v : dW)
                v = normal(engine);
            sink += dW[k];
        }
        return std::size_t(64) * B * m;
    });
    std::printf("perf_noise (%s): normals/s, batch of %zu paths x %zu components\n", flags, B, m);
    std::printf("  batched_brownian_path grid-step increments  %.4g\n", counter_rate);
    std::printf("  std::mt19937_64 + std::normal_distribution  %.4g\n", std_rate);

    // Increments over k steps, walked consecutively with one cursor (a fine grid: 7680 steps).
    const std::size_t fine = 7680;
    const batched_brownian_path<double> walk(brownian_path<double>(9, 0.0, 1.0, fine, m), B);
    auto walk_cursor = walk.make_cursor();
    const double fine_h = walk.dt();
    std::printf("  increment over k grid steps (%zu-step grid), cost per query relative to k = 1:\n",
                fine);
    double k1 = 0;
    for (std::size_t k : {1u, 4u, 30u, 256u}) {
        const double queries_per_second = best_rate([&] {
            std::size_t queries = 0;
            for (std::size_t s = 0; s + k <= fine && queries < 256; s += k, ++queries) {
                walk.increment(double(s) * fine_h, double(s + k) * fine_h, dW, walk_cursor);
                sink += dW[0];
            }
            return queries;
        });
        if (k == 1)
            k1 = queries_per_second;
        std::printf("    k = %3zu: %.4g increments/s, cost %.2f x k = 1\n", k, queries_per_second,
                    k1 / queries_per_second);
    }
    if (sink == 42.0)
        std::printf(" ");
    std::printf("normals vs std::normal_distribution: %.2f (%s)\n", counter_rate / std_rate, flags);
}
