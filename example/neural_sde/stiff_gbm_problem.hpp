// The stiff geometric Brownian motion problem of stiff_gbm.cpp and stiff_gbm_mpi.cpp:
//     dX = A X dt + sigma X ∘ dW,  A = Q diag(linspace(-20, 0, 25)) Qᵀ,  sigma = 0.1,
//     X(0) = 1, T = 1, observed at t = 0, 0.1, ..., 1.
#ifndef ODEINT_EES_EXAMPLE_NEURAL_SDE_STIFF_GBM_PROBLEM_HPP
#define ODEINT_EES_EXAMPLE_NEURAL_SDE_STIFF_GBM_PROBLEM_HPP

#include "neural_sde_training.hpp"
#include "stiff_gbm_matrix.hpp"

#include <memory>

namespace neural_sde {
namespace stiff_gbm_detail {

using neural_sde::vec;

inline neural_sde::problem stiff_gbm()
{
    const std::size_t d = 25;
    auto a = std::make_shared<vec>(stiff_gbm_matrix(d));  // A = Q Λ Qᵀ, Λ = linspace(-20, 0, d)
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
