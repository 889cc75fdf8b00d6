// An ensemble of Ornstein–Uhlenbeck paths  dX = theta (mu - X) dt + sigma dW  (additive noise)
// stepped with ees25 on reproducible Brownian paths, compared with the closed-form law
//     E X(T) = mu + (X0 - mu) e^{-theta T},  Var X(T) = sigma² (1 - e^{-2 theta T}) / (2 theta),
// and then run backwards with inverse_do_step, which replays every path's increments negated.
#include <boost/numeric/odeint/ees.hpp>
#include <boost/numeric/odeint/noise/brownian_path.hpp>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <vector>

namespace odeint = boost::numeric::odeint;
using state = std::vector<double>;

int main()
{
    const double theta = 0.2, mu = 0.1, sigma = 2.0, x0 = 1.0, T = 10.0;
    const int steps = 200, paths = 20000;
    const double dt = T / steps;

    double sum = 0, sum_sq = 0, worst_recovery = 0;
    for (int p = 0; p < paths; ++p)
    {
        const odeint::brownian_path<double> path(/*seed*/ 7, 0.0, T, steps, 1, p);
        const auto sde = odeint::make_stratonovich_sde<state>(
            [=](const state& x, state& f, double) { f[0] = theta * (mu - x[0]); },
            [=](const state&, state& g, double) { g[0] = sigma; }, path,
            odeint::diagonal_noise());
        odeint::ees25<state> stepper;
        state x{x0};
        for (int i = 0; i < steps; ++i)
            stepper.do_step(sde, x, i * dt, dt);
        sum += x[0];
        sum_sq += x[0] * x[0];
        for (int i = steps - 1; i >= 0; --i)
            stepper.inverse_do_step(sde, x, i * dt, dt);
        worst_recovery = std::max(worst_recovery, std::abs(x[0] - x0));
    }
    const double mean = sum / paths, variance = sum_sq / paths - mean * mean;
    const double exact_mean = mu + (x0 - mu) * std::exp(-theta * T);
    const double exact_variance = sigma * sigma * (1 - std::exp(-2 * theta * T)) / (2 * theta);
    std::printf("OU ensemble, %d paths, %d ees25 steps of %.3f to T = %.0f\n", paths, steps, dt, T);
    std::printf("  mean      %.4f   (closed form %.4f, standard error %.4f)\n", mean, exact_mean,
                std::sqrt(variance / paths));
    std::printf("  variance  %.4f   (closed form %.4f, standard error %.4f)\n", variance,
                exact_variance, exact_variance * std::sqrt(2.0 / paths));
    std::printf("  backwards to t = 0 with inverse_do_step: worst |x(0) recovered - x0| = %.2e\n",
                worst_recovery);
}
