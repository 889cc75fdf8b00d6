// Built against an installed odeint_ees through odeint_ees::batched (Eigen, threads,
// EIGEN_DONT_PARALLELIZE): a neural SDE on 256 paths, solved in blocks of 32 on 1 and on 4
// threads; the mean of |x(1)|² must be bitwise the same (util/batched_blocks.hpp).
#include <boost/numeric/odeint.hpp>
#include <boost/numeric/odeint/ees.hpp>
#include <boost/numeric/odeint/noise/batched_brownian_path.hpp>
#include <boost/numeric/odeint/nn/batched_mlp.hpp>
#include <boost/numeric/odeint/util/batched_blocks.hpp>

#include <cstddef>
#include <cstdio>
#include <vector>

namespace odeint = boost::numeric::odeint;
using state = std::vector<double>;

int main()
{
#ifndef EIGEN_DONT_PARALLELIZE
    std::printf("odeint_ees::batched did not define EIGEN_DONT_PARALLELIZE\n");
    return 1;
#else
    const std::size_t d = 2, paths = 256, steps = 50;
    // Drift and diffusion networks d -> 16 -> d, the diffusion's θ after the drift's.
    const odeint::mlp<double> drift_net({d, 16, d}, odeint::mlp_activation::lipswish, 1);
    const odeint::batched_mlp_field<double> drift(drift_net);
    const odeint::batched_mlp_field<double> diffusion(
        odeint::mlp<double>({d, 16, d}, odeint::mlp_activation::lipswish, 2,
                            odeint::mlp_output_activation::tanh),
        odeint::mlp_time::ignored, drift_net.parameter_count(), 0.3);
    const odeint::block_plan plan(paths, /*block_size*/ 32);

    const auto mean_square = [&](std::size_t threads) {
        std::vector<state> partials(plan.blocks(), state(1, 0.0));
        odeint::run_blocks(plan, threads, [&](std::size_t i) {
            const odeint::brownian_path<double> first(/*seed*/ 7, 0.0, 1.0, steps, d,
                                                      plan.first(i));
            const odeint::batched_brownian_path<double> noise(first, plan.count(i));
            const auto sde = odeint::make_stratonovich_sde<state>(drift, diffusion, noise);
            state x(plan.count(i) * d, 0.5);
            odeint::integrate_n_steps(odeint::ees25<state>(), sde, x, 0.0, 1.0 / steps,
                                      int(steps));
            for (double v : x)
                partials[i][0] += v * v / double(paths);
        });
        state total;
        odeint::sum_blocks(partials, total);
        return total[0];
    };
    const double one = mean_square(1), four = mean_square(4);
    std::printf("batched neural SDE, %zu paths in blocks of 32: E|x(1)|^2 = %.17g on 1 thread, "
                "%.17g on 4\n",
                paths, one, four);
    return one == four && one > 0 ? 0 : 1;
#endif
}
