// Itô SDEs through make_ito_sde: converted to Stratonovich with the drift correction
// −½ Σ (∂g/∂y) g (doc/method.md §3), from the diffusion's vjp or a given correction.
// Itô GBM dX = μX dt + σX dW, X_0 = 1, has the exact solution
//   X_T = exp((μ − σ²/2) T + σ W_T),  E X_T = e^{μT},  Var X_T = e^{2μT} (e^{σ²T} − 1).
#include <boost/numeric/odeint/ees.hpp>
#include <boost/numeric/odeint/noise/brownian_path.hpp>

#include <cmath>
#include <vector>

#include <catch2/catch.hpp>

#include "sde_support.hpp"
#include "test_support.hpp"

using namespace boost::numeric::odeint;
using ees_test::vec;

namespace {

const double mu = 0.2, sigma = 0.5, T = 1.0;

// σ X as a diffusion with its vjp (parameters θ = (μ, σ), σ at index 1).
struct linear_diffusion
{
    double sigma;
    void operator()(const vec& x, vec& g, double) const
    {
        for (std::size_t i = 0; i < x.size(); ++i)
            g[i] = sigma * x[i];
    }
    template <class Adjoint, class ParameterAdjoint>
    void vjp(const vec& x, double, const vec& u, Adjoint& adj_x, ParameterAdjoint& adj_p) const
    {
        for (std::size_t i = 0; i < x.size(); ++i)
        {
            adj_x[i] += sigma * u[i];
            adj_p[1] += x[i] * u[i];
        }
    }
};

struct linear_drift
{
    double mu;
    void operator()(const vec& x, vec& f, double) const
    {
        for (std::size_t i = 0; i < x.size(); ++i)
            f[i] = mu * x[i];
    }
    void vjp(const vec& x, double, const vec& v, vec& adj_x, vec& adj_p) const
    {
        for (std::size_t i = 0; i < x.size(); ++i)
        {
            adj_x[i] += mu * v[i];
            adj_p[0] += x[i] * v[i];
        }
    }
};

// c = g ∂g/∂x = σ² x, with its vjp.
struct gbm_correction
{
    double sigma;
    void operator()(const vec& x, vec& c, double) const
    {
        for (std::size_t i = 0; i < x.size(); ++i)
            c[i] = sigma * sigma * x[i];
    }
    void vjp(const vec& x, double, const vec& v, vec& adj_x, vec& adj_p) const
    {
        for (std::size_t i = 0; i < x.size(); ++i)
        {
            adj_x[i] += sigma * sigma * v[i];
            adj_p[1] += 2 * sigma * x[i] * v[i];
        }
    }
};

double exact_ito_gbm(double W) { return std::exp((mu - sigma * sigma / 2) * T + sigma * W); }

} // namespace

TEST_CASE("Itô GBM from the diffusion's vjp has the exact Itô mean and variance",
          "[ito]")
{
    // 10^4 paths of 2 independent components (diagonal noise) and 10^4 of scalar noise.
    const int paths = 10000, n = 64;
    const auto moments = [&](auto make_sde, std::size_t dimension) {
        double sum = 0, sum2 = 0;
        long count = 0;
        for (int p = 0; p < paths; ++p)
        {
            const brownian_path<double> path(99, 0.0, T, n, dimension, p);
            const vec x = ees_test::solve(ees25<vec>(), make_sde(path), vec{1.0, 1.0}, T, n);
            for (double xi : x)
            {
                sum += xi;
                sum2 += xi * xi;
                ++count;
            }
        }
        const double mean = sum / count;
        return std::make_pair(mean, sum2 / count - mean * mean);
    };
    const double mean = std::exp(mu * T);
    const double variance = std::exp(2 * mu * T) * (std::exp(sigma * sigma * T) - 1);
    const auto check = [&](std::pair<double, double> m, double samples) {
        // Standard errors of the sample mean and variance of a lognormal sample.
        const double se_mean = std::sqrt(variance / samples);
        // Raw moments of the lognormal X_T: E X^k = exp(k m + k² s²/2), m = (μ − σ²/2)T,
        // s² = σ²T; the sample variance has standard error sqrt((μ_4 − Var²) / N).
        const auto raw = [](int k) {
            const double m = (mu - sigma * sigma / 2) * T, s2 = sigma * sigma * T;
            return std::exp(k * m + k * k * s2 / 2);
        };
        const double fourth = raw(4) - 4 * raw(3) * raw(1) + 6 * raw(2) * raw(1) * raw(1) -
                              3 * std::pow(raw(1), 4);
        const double se_variance = std::sqrt((fourth - variance * variance) / samples);
        INFO("mean " << m.first << " (exact " << mean << ", SE " << se_mean << "), variance "
                     << m.second << " (exact " << variance << ", SE " << se_variance << ")");
        CHECK(std::abs(m.first - mean) < 5 * se_mean);
        CHECK(std::abs(m.second - variance) < 5 * se_variance);
        // and far from the Stratonovich mean e^{(μ + σ²/2)T}, which the uncorrected drift gives
        CHECK(std::abs(m.first - std::exp((mu + sigma * sigma / 2) * T)) > 10 * se_mean);
    };
    SECTION("diagonal noise")
    {
        check(moments([](const brownian_path<double>& path) {
                  return make_ito_sde<vec>(linear_drift{mu}, linear_diffusion{sigma}, path,
                                           diagonal_noise());
              },
                      2),
              2.0 * paths);
    }
    SECTION("scalar noise")
    {
        // Both components see the same W: the samples come in equal pairs.
        check(moments([](const brownian_path<double>& path) {
                  return make_ito_sde<vec>(linear_drift{mu}, linear_diffusion{sigma}, path,
                                           scalar_noise());
              },
                      1),
              1.0 * paths);
    }
}

TEST_CASE("Itô GBM converges with strong order 1 to the exact Itô solution on its path",
          "[ito]")
{
    const std::vector<int> step_counts{16, 32, 64, 128, 256};
    std::vector<double> hs, errors(step_counts.size(), 0.0);
    for (int n : step_counts)
        hs.push_back(T / n);
    const int paths = 256;
    for (int p = 0; p < paths; ++p)
    {
        const brownian_path<double> path(2025, 0.0, T, 1024, 1, p);
        const double exact = exact_ito_gbm(path.increment(0.0, T));
        const auto sde = make_ito_sde<vec>(linear_drift{mu}, linear_diffusion{sigma}, path,
                                           scalar_noise());
        for (std::size_t k = 0; k < step_counts.size(); ++k)
            errors[k] += std::abs(ees_test::solve(ees25<vec>(), sde, vec{1.0}, T,
                                                  step_counts[k])[0] - exact) / paths;
    }
    const double slope = ees_test::fitted_slope(hs, errors);
    INFO("strong errors " << errors[0] << " ... " << errors.back() << ", slope " << slope);
    // Tolerance as in test_sde_strong_convergence.cpp: ±0.15 on a 256-path fit.
    CHECK(slope == Approx(1.0).margin(0.15));
}

TEST_CASE("additive Itô noise needs no correction and a given correction equals the vjp one",
          "[ito]")
{
    const brownian_path<double> path(5, 0.0, T, 32, 2);
    const auto additive = make_ito_sde<vec>(
        linear_drift{mu}, [](const vec&, vec& g, double) { g[0] = 0.3; g[1] = 0.4; }, path,
        additive_noise());
    const auto stratonovich = make_stratonovich_sde<vec>(
        linear_drift{mu}, [](const vec&, vec& g, double) { g[0] = 0.3; g[1] = 0.4; }, path);
    CHECK(ees_test::solve(ees25<vec>(), additive, vec{1.0, 2.0}, T, 32) ==
          ees_test::solve(ees25<vec>(), stratonovich, vec{1.0, 2.0}, T, 32));

    const auto from_vjp =
        make_ito_sde<vec>(linear_drift{mu}, linear_diffusion{sigma}, path, diagonal_noise());
    const auto given = make_ito_sde<vec>(linear_drift{mu}, linear_diffusion{sigma}, path,
                                         diagonal_noise(), gbm_correction{sigma});
    const vec a = ees_test::solve(ees27<vec>(), from_vjp, vec{1.0, 2.0}, T, 32);
    const vec b = ees_test::solve(ees27<vec>(), given, vec{1.0, 2.0}, T, 32);
    CHECK(a[0] == Approx(b[0]).epsilon(1e-14));
    CHECK(a[1] == Approx(b[1]).epsilon(1e-14));
}

TEST_CASE("gradients through an Itô SDE equal those of its Stratonovich form", "[ito][gradient]")
{
    // With c = σ² x given with its vjp, the Itô GBM is the Stratonovich SDE with drift
    // (μ − σ²/2) x: same solution, and the same gradient in (x_0, μ, σ) — σ enters the
    // drift too, through the correction.
    const brownian_path<double> path(8, 0.0, T, 64, 1);
    const auto ito = make_ito_sde<vec>(linear_drift{mu}, linear_diffusion{sigma}, path,
                                       scalar_noise(), gbm_correction{sigma});
    struct stratonovich_drift
    {
        void operator()(const vec& x, vec& f, double) const
        {
            f[0] = (mu - sigma * sigma / 2) * x[0];
        }
        void vjp(const vec& x, double, const vec& v, vec& adj_x, vec& adj_p) const
        {
            adj_x[0] += (mu - sigma * sigma / 2) * v[0];
            adj_p[0] += x[0] * v[0];
            adj_p[1] += -sigma * x[0] * v[0];
        }
    };
    const auto stratonovich =
        make_stratonovich_sde<vec>(stratonovich_drift{}, linear_diffusion{sigma}, path,
                                   scalar_noise());
    const auto gradient = [](const auto& sde) {
        vec x{1.0}, grad_x0(1), grad_p(2, 0.0);
        integrate_reversible(ees25<vec>(), sde, x, 0.0, T, T / 64,
                             [](const vec& x1, vec& a) { a = x1; }, grad_x0, grad_p);
        return vec{x[0], grad_x0[0], grad_p[0], grad_p[1]};
    };
    const vec a = gradient(ito), b = gradient(stratonovich);
    for (std::size_t i = 0; i < a.size(); ++i)
    {
        INFO("component " << i << ": " << a[i] << " against " << b[i]);
        CHECK(a[i] == Approx(b[i]).epsilon(1e-13));
    }
    // and the σ-gradient is not the one without the correction's vjp
    CHECK(std::abs(a[3]) > 0);
}
