// The drift matrix of the stiff geometric Brownian motion problem,
//     A = Q diag(linspace(-20, 0, d)) Qᵀ,  row-major,
// Q a fixed random orthogonal matrix (Gram–Schmidt on a seeded Gaussian matrix). Plain C++,
// shared by the host examples (stiff_gbm_problem.hpp) and the Thrust example
// (example/thrust/neural_sde_training.cu, under nvcc or through its OpenMP twin), so that both
// train on the same problem.
#ifndef ODEINT_EES_EXAMPLE_NEURAL_SDE_STIFF_GBM_MATRIX_HPP
#define ODEINT_EES_EXAMPLE_NEURAL_SDE_STIFF_GBM_MATRIX_HPP

#include <cmath>
#include <cstddef>
#include <cstdint>
#include <random>
#include <vector>

namespace neural_sde {

/// Q: Gram–Schmidt on the rows of an n × n matrix of std::normal_distribution draws.
inline std::vector<double> random_orthogonal(std::size_t n, std::uint64_t seed)
{
    std::mt19937_64 engine(seed);
    std::normal_distribution<double> normal;
    std::vector<double> q(n * n);
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

/// A = Q diag(linspace(-20, 0, d)) Qᵀ, row-major: eigenvalues from -20 (stiff) to 0.
inline std::vector<double> stiff_gbm_matrix(std::size_t d, std::uint64_t seed = 12345)
{
    const std::vector<double> q = random_orthogonal(d, seed);
    std::vector<double> a(d * d, 0.0);
    for (std::size_t i = 0; i < d; ++i)
        for (std::size_t j = 0; j < d; ++j)
            for (std::size_t k = 0; k < d; ++k)
                a[i * d + j] +=
                    q[k * d + i] * (-20.0 + 20.0 * double(k) / double(d - 1)) * q[k * d + j];
    return a;
}

} // namespace neural_sde

#endif // ODEINT_EES_EXAMPLE_NEURAL_SDE_STIFF_GBM_MATRIX_HPP
