// Time per sequential step query, increment(t_k, t_{k+1}, dW), of brownian_path (fixed grid,
// counter-based) and virtual_brownian_tree (Li et al. 2020 / Kidger et al. 2021) on the same
// grid t_k = t0 + k h, for dimension 1 and 16, 10^5 and 10^6 steps, and tree tolerances
// h / 2^shift, shift = 0, 1, 2, 4. Each timing is the best of 5 (10^5 steps) or 2 (10^6 steps)
// runs; ratio_to_path is tree time / path time for the same dimension and steps.
//
// Build and run (one line per measurement, key=value, then the ratios):
//   g++ -std=c++17 -O2 -Iinclude -Iboost_ext test/perf/perf_brownian.cpp -o /tmp/perf_brownian
//   /tmp/perf_brownian
#include <boost/numeric/odeint/noise/brownian_path.hpp>
#include <boost/numeric/odeint/noise/virtual_brownian_tree.hpp>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstddef>
#include <cstdio>
#include <vector>

namespace {

using boost::numeric::odeint::brownian_path;
using boost::numeric::odeint::virtual_brownian_tree;

// Steps through the grid once; returns the best seconds per step over `repeats` runs and a
// checksum (printed, so the work cannot be optimised away).
template <class Noise>
double seconds_per_step(const Noise& noise, double t0, double h, std::size_t steps,
                        std::size_t dimension, int repeats, double& checksum)
{
    std::vector<double> dW(dimension);
    double best = 1e300;
    for (int r = 0; r < repeats; ++r) {
        double sum = 0;
        const auto start = std::chrono::steady_clock::now();
        for (std::size_t k = 0; k < steps; ++k) {
            noise.increment(t0 + static_cast<double>(k) * h, t0 + static_cast<double>(k + 1) * h,
                            dW);
            sum += dW[0] + dW[dimension - 1];
        }
        const std::chrono::duration<double> elapsed = std::chrono::steady_clock::now() - start;
        best = std::min(best, elapsed.count() / static_cast<double>(steps));
        checksum = sum;
    }
    return best;
}

} // namespace

int main()
{
    const double t0 = 0.0, t1 = 1.0;
    const unsigned shifts[] = {0, 1, 2, 4};
    std::printf("# perf_brownian: ns per sequential step query increment(t_k, t_k + h, dW), "
                "value double, best of 5 (10^5 steps) or 2 (10^6 steps) runs\n");
    for (std::size_t dimension : {std::size_t{1}, std::size_t{16}}) {
        for (std::size_t steps : {std::size_t{100000}, std::size_t{1000000}}) {
            const int repeats = steps <= 100000 ? 5 : 2;
            const brownian_path<double> path(1, t0, t1, steps, dimension);
            const double h = path.dt();
            double checksum = 0;
            const double path_seconds =
                seconds_per_step(path, t0, h, steps, dimension, repeats, checksum);
            std::printf("kind=brownian_path dimension=%zu steps=%zu ns_per_step=%.1f "
                        "checksum=%.6f\n",
                        dimension, steps, path_seconds * 1e9, checksum);
            for (unsigned shift : shifts) {
                const double tolerance = std::ldexp(h, -static_cast<int>(shift));
                const virtual_brownian_tree<double> tree(1, t0, t1, tolerance, dimension);
                const double tree_seconds =
                    seconds_per_step(tree, t0, h, steps, dimension, repeats, checksum);
                std::printf("kind=virtual_brownian_tree dimension=%zu steps=%zu "
                            "tolerance=h/2^%u depth=%u ns_per_step=%.1f ratio_to_path=%.2f "
                            "checksum=%.6f\n",
                            dimension, steps, shift, tree.depth(), tree_seconds * 1e9,
                            tree_seconds / path_seconds, checksum);
            }
        }
    }
    return 0;
}
