// Calibrating the drift mu and volatility sigma of a Stratonovich GBM ensemble,
// dX = mu X dt + sigma X ∘ dW, to target terminal moments with reversible gradients on a
// thrust::device_vector<double> (ees25 + integrate_reversible + thrust_stratonovich_sde).
//
// The targets are the closed-form moments of the true parameters (mu*, sigma*) = (0.1, 0.4),
//     m1* = E X_T = X0 exp((mu* + sigma*^2/2) T),   m2* = E X_T^2 = X0^2 exp(2 (mu* + sigma*^2) T),
// and the loss is L = r1^2 + r2^2 with r_j = log((sample moment j) / m_j*) over n paths. Every
// iteration solves the SAME n Brownian paths (common random numbers: the same seed, so the
// counter-based noise regenerates identical increments), which makes L a smooth deterministic
// function of (mu, sigma). Each row of the 2x2 Jacobian dr/d(mu, sigma) is one reversible
// adjoint sweep (integrate_reversible: a forward solve that stores nothing, then a backward
// sweep that reconstructs the states with the negated step and accumulates the parameter
// derivatives through the adaptor's vjp); dL/d(mu, sigma) = 2 J^T r, and the Gauss-Newton step
// J delta = -r drives L to rounding level in a few iterations (the log-moments are linear in
// mu and sigma^2, so the steps are nearly exact).
//
// The recovered parameters match the sample, not the population: they differ from the truth
// by the Monte Carlo error of n paths (and the O(h) bias of the scheme), which the program
// estimates by the delta method and prints next to the error.
//
// One source for two builds (the .cpp twin gbm_calibration_omp.cpp includes this file):
//   nvcc -std=c++17 -arch=sm_90 -x cu -Iinclude -Iboost_ext -diag-suppress 20012
//        example/thrust/gbm_calibration.cu -o gbm_calibration                  (GPU)
//   g++ -std=c++17 -O2 -fopenmp -DTHRUST_DEVICE_SYSTEM=THRUST_DEVICE_SYSTEM_OMP
//       -Iinclude -Iboost_ext example/thrust/gbm_calibration_omp.cpp -o gbm_calibration_omp
// Run: gbm_calibration [paths] [steps]   (defaults: 1000000 paths on CUDA, 20000 on a CPU
//                                         backend so that it runs in seconds; 50 steps)
#include <boost/numeric/odeint/external/thrust_compat/thrust.hpp>  // not Boost's thrust.hpp

#include <boost/numeric/odeint/external/thrust/thrust_brownian_path.hpp>
#include <boost/numeric/odeint/external/thrust/thrust_stratonovich_sde.hpp>
#include <boost/numeric/odeint/integrate/integrate_reversible.hpp>
#include <boost/numeric/odeint/stepper/ees25.hpp>

#include <thrust/device_vector.h>
#include <thrust/fill.h>
#include <thrust/functional.h>
#include <thrust/transform.h>
#include <thrust/transform_reduce.h>

#include <cmath>
#include <cstddef>
#include <cstdio>
#include <cstdlib>
#include <vector>

#include "gbm_coefficients.hpp"  // gbm_drift, gbm_diffusion with what vjp needs

namespace odeint = boost::numeric::odeint;

namespace {

struct power
{
    int p;
    BOOST_NUMERIC_ODEINT_EES_HOST_DEVICE double operator()(double x) const
    {
        double y = 1;
        for (int i = 0; i < p; ++i)
            y *= x;
        return y;
    }
};

double sample_moment(const thrust::device_vector<double>& x, int p)
{
    return thrust::transform_reduce(x.begin(), x.end(), power{p}, 0.0, thrust::plus<double>()) /
           double(x.size());
}

// dL/dX_T for L = r_j = log(m_j / m_j*), m_j = (1/n) sum_i X_i^j: a_i = j X_i^(j-1) / (n m_j),
// set by integrate_reversible's terminal gradient from the solution at T.
struct scaled_by_state
{
    double factor;
    BOOST_NUMERIC_ODEINT_EES_HOST_DEVICE double operator()(double x) const { return factor * x; }
};

struct log_moment_gradient
{
    int j;  // 1 or 2
    void operator()(const thrust::device_vector<double>& x, thrust::device_vector<double>& a) const
    {
        const double n = double(x.size()), m = sample_moment(x, j);
        if (j == 1)
            thrust::fill(a.begin(), a.end(), 1 / (n * m));
        else
            thrust::transform(x.begin(), x.end(), a.begin(), scaled_by_state{2 / (n * m)});
    }
};

} // namespace

int main(int argc, char** argv)
{
#if THRUST_DEVICE_SYSTEM == THRUST_DEVICE_SYSTEM_CUDA
    const std::size_t default_paths = 1000000;
#else
    const std::size_t default_paths = 20000;  // a CPU backend: a few seconds on 2 cores
#endif
    const std::size_t paths = argc > 1 ? std::strtoull(argv[1], nullptr, 10) : default_paths;
    const std::size_t steps = argc > 2 ? std::strtoull(argv[2], nullptr, 10) : 50;
    if (paths < 2 || steps < 1)
    {
        std::fprintf(stderr, "usage: %s [paths >= 2] [steps >= 1]\n", argv[0]);
        return 2;
    }
    const double true_mu = 0.1, true_sigma = 0.4, x0 = 1.0, T = 1.0, dt = T / double(steps);
    const double m1_target = x0 * std::exp((true_mu + true_sigma * true_sigma / 2) * T);
    const double m2_target = x0 * x0 * std::exp(2 * (true_mu + true_sigma * true_sigma) * T);
    const double n = double(paths);

    // The n paths of seed 7, the same in every solve (common random numbers).
    const odeint::thrust_brownian_path<double> noise(
        odeint::brownian_path<double>(/*seed*/ 7, 0.0, T, steps, 1, 0), paths);

    std::printf("Calibrating GBM (mu, sigma) to E X_T = %.6f, E X_T^2 = %.6f (true mu = %.2f, "
                "sigma = %.2f), %zu paths, %zu ees25 steps, reversible gradients on "
                "thrust::device_vector<double>\n",
                m1_target, m2_target, true_mu, true_sigma, paths, steps);
    std::printf("%4s %12s %12s %11s %11s %11s %11s %10s\n", "iter", "mu", "sigma", "loss",
                "dL/dmu", "dL/dsigma", "|r|", "recon.err");

    double mu = 0.0, sigma = 0.2;  // the starting guess
    thrust::device_vector<double> x(paths), grad_x0(paths);
    double loss = 0;
    for (int iteration = 0; iteration < 12; ++iteration)
    {
        auto sde = odeint::make_thrust_stratonovich_sde(gbm_drift<double>{mu},
                                                        gbm_diffusion<double>{sigma}, noise);
        // Row 1 of J; the forward solve also gives X_T, hence the residuals.
        std::vector<double> dr1(2, 0.0), dr2(2, 0.0);  // dr_j/d(mu, sigma); vjp ADDS to them
        thrust::fill(x.begin(), x.end(), x0);
        const auto result =
            odeint::integrate_reversible(odeint::ees25<thrust::device_vector<double>>(), sde, x,
                                         0.0, T, dt, log_moment_gradient{1}, grad_x0, dr1);
        const double r1 = std::log(sample_moment(x, 1) / m1_target);
        const double r2 = std::log(sample_moment(x, 2) / m2_target);
        // Row 2 of J: another sweep with the cotangent of r2 (the same paths again).
        thrust::fill(x.begin(), x.end(), x0);
        odeint::integrate_reversible(odeint::ees25<thrust::device_vector<double>>(), sde, x, 0.0,
                                     T, dt, log_moment_gradient{2}, grad_x0, dr2);

        loss = r1 * r1 + r2 * r2;
        const double grad_mu = 2 * (dr1[0] * r1 + dr2[0] * r2);  // dL/dθ = 2 J^T r
        const double grad_sigma = 2 * (dr1[1] * r1 + dr2[1] * r2);
        std::printf("%4d %12.8f %12.8f %11.3e %11.3e %11.3e %11.3e %10.2e\n", iteration, mu,
                    sigma, loss, grad_mu, grad_sigma, std::sqrt(loss),
                    double(result.reconstruction_error));
        if (loss < 1e-26)
            break;

        // Gauss-Newton: J delta = -r (Cramer's rule), halved while sigma would leave (0, inf).
        const double det = dr1[0] * dr2[1] - dr1[1] * dr2[0];
        double delta_mu = (-r1 * dr2[1] + r2 * dr1[1]) / det;
        double delta_sigma = (-r2 * dr1[0] + r1 * dr2[0]) / det;
        while (sigma + delta_sigma <= 0)
        {
            delta_mu /= 2;
            delta_sigma /= 2;
        }
        mu += delta_mu;
        sigma += delta_sigma;
    }

    // Monte Carlo error of the recovered parameters (delta method): with u = log m1 and
    // w = log m2, mu = (2u - w/2)/T and sigma^2 = (w - 2u)/T; the sample moments of the paths
    // at the recovered parameters give the covariance of (u, w).
    const double m1 = sample_moment(x, 1), m2 = sample_moment(x, 2);
    const double m3 = sample_moment(x, 3), m4 = sample_moment(x, 4);
    const double var_u = (m2 - m1 * m1) / (m1 * m1 * n);
    const double var_w = (m4 - m2 * m2) / (m2 * m2 * n);
    const double cov_uw = (m3 - m1 * m2) / (m1 * m2 * n);
    const double se_mu = std::sqrt(4 * var_u - 2 * cov_uw + var_w / 4) / T;
    // d sigma = d sigma^2 / (2 sigma)
    const double se_sigma = std::sqrt(var_w - 4 * cov_uw + 4 * var_u) / T / (2 * sigma);
    std::printf("recovered mu = %.5f (true %.2f, error %+.5f = %+.2f Monte Carlo SE of %.5f)\n",
                mu, true_mu, mu - true_mu, (mu - true_mu) / se_mu, se_mu);
    std::printf("recovered sigma = %.5f (true %.2f, error %+.5f = %+.2f Monte Carlo SE of %.5f)\n",
                sigma, true_sigma, sigma - true_sigma, (sigma - true_sigma) / se_sigma,
                se_sigma);
    const bool converged = loss < 1e-20;
    const bool within = std::abs(mu - true_mu) < 5 * se_mu &&
                        std::abs(sigma - true_sigma) < 5 * se_sigma;
    std::printf("%s; %s\n", converged ? "loss at rounding level" : "loss NOT converged",
                within ? "both parameters within 5 SE of the truth"
                       : "a parameter is OUTSIDE 5 SE of the truth");
    return converged && within ? 0 : 1;
}
