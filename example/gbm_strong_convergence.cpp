// Strong convergence on Stratonovich geometric Brownian motion
//     dX = mu X dt + sigma X ∘ dW,   X(T) = X(0) exp(mu T + sigma W(T)),
// for ees25, ees27 and reversible_heun: the mean error E|X_N - X(T)| over 500 Brownian paths,
// each solved on 2^3 ... 2^8 steps of the SAME path (brownian_path sums its fine increments
// over a coarse step), and the order fitted to it. Scalar noise commutes, so the EES schemes
// reach strong order 1.
#include <boost/numeric/odeint.hpp>
#include <boost/numeric/odeint/ees.hpp>
#include <boost/numeric/odeint/noise/brownian_path.hpp>

#include <cmath>
#include <cstdio>
#include <vector>

namespace odeint = boost::numeric::odeint;
using state = std::vector<double>;

const double mu = 0.5, sigma = 0.8, T = 1.0;
const int paths = 500, finest = 256;

double fitted_slope(const std::vector<double>& x, const std::vector<double>& y)
{
    double mx = 0, my = 0, sxy = 0, sxx = 0;
    const double n = double(x.size());
    for (std::size_t i = 0; i < x.size(); ++i)
    {
        mx += std::log(x[i]) / n;
        my += std::log(y[i]) / n;
    }
    for (std::size_t i = 0; i < x.size(); ++i)
    {
        sxy += (std::log(x[i]) - mx) * (std::log(y[i]) - my);
        sxx += (std::log(x[i]) - mx) * (std::log(x[i]) - mx);
    }
    return sxy / sxx;
}

template <class Stepper>
void report(const char* name)
{
    std::vector<double> hs, errors;
    for (int n = 8; n <= finest; n *= 2)
    {
        double error = 0;
        for (int p = 0; p < paths; ++p)
        {
            const odeint::brownian_path<double> path(/*seed*/ 2026, 0.0, T, finest, 1, p);
            const auto sde = odeint::make_stratonovich_sde<state>(
                [](const state& x, state& f, double) { f[0] = mu * x[0]; },
                [](const state& x, state& g, double) { g[0] = sigma * x[0]; }, path,
                odeint::scalar_noise());
            state x{1.0};
            odeint::integrate_n_steps(Stepper(), sde, x, 0.0, T / n, n);
            error += std::abs(x[0] - std::exp(mu * T + sigma * path.increment(0.0, T))) / paths;
        }
        hs.push_back(T / n);
        errors.push_back(error);
    }
    std::printf("%-16s", name);
    for (double e : errors)
        std::printf(" %9.2e", e);
    std::printf("   order %.2f\n", fitted_slope(hs, errors));
}

int main()
{
    std::printf("Stratonovich GBM, mu = %.1f, sigma = %.1f, T = %.0f, %d paths: E|X_N - X(T)|\n",
                mu, sigma, T, paths);
    std::printf("%-16s", "steps N");
    for (int n = 8; n <= finest; n *= 2)
        std::printf(" %9d", n);
    std::printf("\n");
    report<odeint::ees25<state>>("ees25");
    report<odeint::ees27<state>>("ees27");
    report<odeint::reversible_heun<state>>("reversible_heun");
}
