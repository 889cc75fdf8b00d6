// The stiff geometric Brownian motion problem of stiff_gbm.cpp and stiff_gbm_mpi.cpp:
//     dX = A X dt + sigma X ∘ dW,  A = Q diag(linspace(-20, 0, 25)) Qᵀ,  sigma = 0.1,
//     X(0) = 1, T = 1, observed at t = 0, 0.1, ..., 1.
#ifndef ODEINT_EES_EXAMPLE_NEURAL_SDE_STIFF_GBM_PROBLEM_HPP
#define ODEINT_EES_EXAMPLE_NEURAL_SDE_STIFF_GBM_PROBLEM_HPP

#include "neural_sde_training.hpp"

#include <cmath>
#include <memory>
#include <random>

namespace neural_sde {
namespace stiff_gbm_detail {

using neural_sde::vec;

// A fixed random orthogonal matrix: Gram–Schmidt on a seeded Gaussian matrix (row-major).
inline vec random_orthogonal(std::size_t n, std::uint64_t seed)
{
    std::mt19937_64 engine(seed);
    std::normal_distribution<double> normal;
    vec q(n * n);
    for (auto& v : q)
        v = normal(engine);
    for (std::size_t i = 0; i < n; ++i)
    {
        for (std::size_t j = 0; j < i; ++j)
        {
            double dot = 0;
            for (std::size_t k = 0; k < n; ++k)
                dot += q[i * n + k] * q[j * n + k];
            for (std::size_t k = 0; k < n; ++k)
                q[i * n + k] -= dot * q[j * n + k];
        }
        double norm = 0;
        for (std::size_t k = 0; k < n; ++k)
            norm += q[i * n + k] * q[i * n + k];
        for (std::size_t k = 0; k < n; ++k)
            q[i * n + k] /= std::sqrt(norm);
    }
    return q;
}

inline neural_sde::problem stiff_gbm()
{
    const std::size_t d = 25;
    const vec q = random_orthogonal(d, 12345);
    auto a = std::make_shared<vec>(d * d, 0.0);  // A = Q Λ Qᵀ, Λ = linspace(-20, 0, d)
    for (std::size_t i = 0; i < d; ++i)
        for (std::size_t j = 0; j < d; ++j)
            for (std::size_t k = 0; k < d; ++k)
                (*a)[i * d + j] += q[k * d + i] * (-20.0 + 20.0 * double(k) / double(d - 1)) * q[k * d + j];
    const double sigma = 0.1;
    neural_sde::problem pr;
    pr.name = "stiff_gbm";
    pr.dimension = d;
    pr.T = 1.0;
    for (int k = 0; k <= 10; ++k)
        pr.observation_times.push_back(0.1 * k);
    pr.grid_steps = 1200;  // contains 1/120, 1/40, 1/30 and 0.1
    pr.diffusion_scale = 0.5;  // bounds the model's diffusion
    pr.x0 = vec(d, 1.0);
    pr.true_drift = [a](const vec& x, vec& f, double) {
        const std::size_t n = x.size();
        for (std::size_t i = 0; i < n; ++i)
        {
            double s = 0;
            for (std::size_t j = 0; j < n; ++j)
                s += (*a)[i * n + j] * x[j];
            f[i] = s;
        }
    };
    pr.true_diffusion = [sigma](const vec& x, vec& g, double) {
        for (std::size_t i = 0; i < x.size(); ++i)
            g[i] = sigma * x[i];
    };
    return pr;
}

} // namespace stiff_gbm_detail

using stiff_gbm_detail::stiff_gbm;
} // namespace neural_sde

#endif
