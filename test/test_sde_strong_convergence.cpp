// Strong convergence of the EES steppers on Stratonovich SDEs, applying the tableau to the
// increments (dt, ΔW) (doc/method.md §3). Strong error E|X_N − X(T)| over 256 Brownian
// paths, fitted over 5 step sizes. Theory: strong order 1 for commutative noise (scalar,
// additive), 1/2 for non-commuting noise (the Lévy area is not resolved).
// Slope tolerances: the sample error of a 256-path mean of |error| is ~6%, so each log-error
// carries ±0.06 of noise; over a 16-fold h range (log 16 = 2.8) that moves a fitted slope by
// ~0.05. ±0.15 allows three times that.
#include <boost/numeric/odeint/ees.hpp>
#include <boost/numeric/odeint/stepper/reversible_heun.hpp>

#include <cmath>
#include <vector>

#include <catch2/catch.hpp>

#include "sde_support.hpp"
#include "test_support.hpp"

using namespace boost::numeric::odeint;
using ees_test::vec;

namespace {

constexpr int path_count = 256;
constexpr double T = 1.0;
const std::vector<int> step_counts{16, 32, 64, 128, 256};

std::vector<double> step_sizes()
{
    std::vector<double> hs;
    for (int n : step_counts)
        hs.push_back(T / n);
    return hs;
}

template <class Stepper>
double gbm_strong_order()
{
    const ees_test::gbm model{0.5, 0.8};
    std::vector<double> errors(step_counts.size(), 0.0);
    for (int p = 0; p < path_count; ++p)
    {
        const brownian_path<double> path(2025, 0.0, T, 1024, 1, p);
        const double exact = std::exp(model.mu * T + model.sigma * path.increment(0.0, T));
        for (std::size_t k = 0; k < step_counts.size(); ++k)
        {
            const vec x = ees_test::solve(Stepper(), model.sde(path), vec{1.0}, T, step_counts[k]);
            errors[k] += std::abs(x[0] - exact) / path_count;
        }
    }
    return ees_test::fitted_slope(step_sizes(), errors);
}

// Ornstein–Uhlenbeck dX = θ(μ − X) dt + σ dW: additive noise. Reference: the same stepper on
// the fine grid (h = 1/4096), whose O(h) error is 16 times below the smallest one fitted.
template <class Stepper>
double ou_strong_order()
{
    const double theta = 2.0, mu = 0.5, sigma = 0.7;
    std::vector<double> errors(step_counts.size(), 0.0);
    for (int p = 0; p < path_count; ++p)
    {
        const brownian_path<double> path(7, 0.0, T, 4096, 1, p);
        const auto sde = make_stratonovich_sde<vec>(
            [=](const vec& x, vec& f, double) { f[0] = theta * (mu - x[0]); },
            [=](const vec&, vec& g, double) { g[0] = sigma; }, path, diagonal_noise());
        const double reference = ees_test::solve(Stepper(), sde, vec{1.0}, T, 4096)[0];
        for (std::size_t k = 0; k < step_counts.size(); ++k)
        {
            const vec x = ees_test::solve(Stepper(), sde, vec{1.0}, T, step_counts[k]);
            errors[k] += std::abs(x[0] - reference) / path_count;
        }
    }
    return ees_test::fitted_slope(step_sizes(), errors);
}

// dX1 = dW1, dX2 = X1 dW2: the noise fields (1, 0) and (0, x1) do not commute, so X2 needs
// the Lévy area of (W1, W2), which no scheme driven by increments alone resolves.
// Reference: the same stepper on the fine grid (h = 1/16384).
template <class Stepper>
double non_commutative_strong_order()
{
    std::vector<double> errors(step_counts.size(), 0.0);
    for (int p = 0; p < path_count; ++p)
    {
        const brownian_path<double> path(11, 0.0, T, 16384, 2, p);
        const auto sde = make_stratonovich_sde<vec>(
            [](const vec&, vec& f, double) { f[0] = f[1] = 0.0; },
            [](const vec& x, vec& g, double) {
                g[0] = 1.0;  // row-major 2×2
                g[1] = 0.0;
                g[2] = 0.0;
                g[3] = x[0];
            },
            path, general_noise());
        const vec reference = ees_test::solve(Stepper(), sde, vec{0.0, 0.0}, T, 16384);
        for (std::size_t k = 0; k < step_counts.size(); ++k)
        {
            const vec x = ees_test::solve(Stepper(), sde, vec{0.0, 0.0}, T, step_counts[k]);
            errors[k] += ees_test::distance(x, reference) / path_count;
        }
    }
    return ees_test::fitted_slope(step_sizes(), errors);
}

} // namespace

TEST_CASE("EES steppers converge with strong order 1 on scalar Stratonovich GBM")
{
    CHECK(gbm_strong_order<ees25<vec>>() == Approx(1.0).margin(0.15));
    CHECK(gbm_strong_order<ees27<vec>>() == Approx(1.0).margin(0.15));
}

TEST_CASE("EES steppers converge with strong order 1 on the additive-noise OU process")
{
    CHECK(ou_strong_order<ees25<vec>>() == Approx(1.0).margin(0.15));
    CHECK(ou_strong_order<ees27<vec>>() == Approx(1.0).margin(0.15));
}

TEST_CASE("EES steppers converge with strong order 1/2 under non-commuting noise")
{
    CHECK(non_commutative_strong_order<ees25<vec>>() == Approx(0.5).margin(0.15));
    CHECK(non_commutative_strong_order<ees27<vec>>() == Approx(0.5).margin(0.15));
}
