// An ensemble of Stratonovich GBM paths, dX = mu X dt + sigma X ∘ dW, stepped by ees25 on a
// thrust::device_vector<double>: one path per element, the Brownian increments of every step
// generated where the state lives (on the GPU under CUDA) from the counter-based noise, with
// no host round trip and no stored noise. The sample mean and variance of X_T are compared
// with the closed forms of X_T = X0 exp(mu T + sigma W_T),
//
//     E X_T   = X0 exp((mu + sigma^2/2) T)
//     Var X_T = X0^2 exp((2 mu + sigma^2) T) (exp(sigma^2 T) - 1),
//
// in units of their standard errors, and with the expectation of the discrete solution itself
// (the bias of ees25 on this SDE, far below the standard errors at h = 0.01).
//
// One source for two builds (the .cpp twin gbm_ensemble_omp.cpp includes this file):
//   nvcc -std=c++17 -arch=sm_90 -x cu -Iinclude -Iboost_ext -diag-suppress 20012
//        example/thrust/gbm_ensemble.cu -o gbm_ensemble                  (GPU)
//   g++ -std=c++17 -O2 -fopenmp -DTHRUST_DEVICE_SYSTEM=THRUST_DEVICE_SYSTEM_OMP
//       -Iinclude -Iboost_ext example/thrust/gbm_ensemble_omp.cpp -o gbm_ensemble_omp   (CPU)
// Run: gbm_ensemble [paths] [steps]        (defaults 1000000 paths, 100 steps)
#include <boost/numeric/odeint/external/thrust_compat/thrust.hpp>  // not Boost's thrust.hpp

#include <boost/numeric/odeint/external/thrust/thrust_brownian_path.hpp>
#include <boost/numeric/odeint/external/thrust/thrust_stratonovich_sde.hpp>
#include <boost/numeric/odeint/stepper/ees25.hpp>

#include <thrust/device_vector.h>
#include <thrust/functional.h>
#include <thrust/transform_reduce.h>

#include <chrono>
#include <cmath>
#include <cstddef>
#include <cstdio>
#include <cstdlib>

#include "gbm_coefficients.hpp"  // gbm_drift, gbm_diffusion: element-wise functors

namespace odeint = boost::numeric::odeint;

namespace {

// (x - centre)^power, summed on the device for the sample moments.
struct centred_power
{
    double centre;
    int power;
    BOOST_NUMERIC_ODEINT_EES_HOST_DEVICE double operator()(double x) const
    {
        const double d = x - centre;
        return power == 1 ? d : power == 2 ? d * d : d * d * d * d;
    }
};

double device_sum(const thrust::device_vector<double>& x, centred_power f)
{
    return thrust::transform_reduce(x.begin(), x.end(), f, 0.0, thrust::plus<double>());
}

// E[(a + b Z)^k], Z ~ N(0, 1): sum over even j of C(k, j) a^(k-j) b^j (j-1)!!.
double gaussian_moment(double a, double b, int k)
{
    double sum = 0, binomial = 1, double_factorial = 1;
    for (int j = 0; j <= k; ++j)
    {
        if (j % 2 == 0)
            sum += binomial * std::pow(a, k - j) * std::pow(b, j) * double_factorial;
        if (j % 2 == 1)
            double_factorial *= j;  // (j+1-1)!! for the next even j
        binomial = binomial * (k - j) / (j + 1);
    }
    return sum;
}

} // namespace

int main(int argc, char** argv)
{
    const std::size_t paths = argc > 1 ? std::strtoull(argv[1], nullptr, 10) : 1000000;
    const std::size_t steps = argc > 2 ? std::strtoull(argv[2], nullptr, 10) : 100;
    if (paths < 2 || steps < 1)
    {
        std::fprintf(stderr, "usage: %s [paths >= 2] [steps >= 1]\n", argv[0]);
        return 2;
    }
    const double mu = 0.1, sigma = 0.4, x0 = 1.0, T = 1.0, dt = T / double(steps);

    // Element p of the state is driven by brownian_path(seed, 0, T, steps, 1, p): the stepper
    // fills the device vector dW with the increments of all paths in one transform.
    const odeint::thrust_brownian_path<double> noise(
        odeint::brownian_path<double>(/*seed*/ 2026, 0.0, T, steps, 1, 0), paths);
    auto sde = odeint::make_thrust_stratonovich_sde(gbm_drift<double>{mu},
                                                    gbm_diffusion<double>{sigma}, noise);
    odeint::ees25<thrust::device_vector<double>> stepper;  // thrust_compat_algebra, chosen by
                                                           // the compat glue's dispatchers
    thrust::device_vector<double> x(paths, x0);

    const auto start = std::chrono::steady_clock::now();
    for (std::size_t k = 0; k < steps; ++k)
        stepper.do_step(sde, x, double(k) * dt, dt);
    const double mean = device_sum(x, {0.0, 1}) / double(paths);  // waits for the device
    const std::chrono::duration<double> elapsed = std::chrono::steady_clock::now() - start;

    // Sample variance and the standard errors: se(mean) = s / sqrt(n),
    // se(s^2) = sqrt((m4 - s^4) / n) with m4 the fourth central moment.
    const double n = double(paths);
    const double variance = device_sum(x, {mean, 2}) / (n - 1);
    const double m4 = device_sum(x, {mean, 4}) / n;
    const double se_mean = std::sqrt(variance / n);
    const double se_variance = std::sqrt((m4 - variance * variance) / n);

    const double exact_mean = x0 * std::exp((mu + sigma * sigma / 2) * T);
    const double exact_variance =
        x0 * x0 * std::exp((2 * mu + sigma * sigma) * T) * std::expm1(sigma * sigma * T);

    // The discrete solution is X0 prod_k R(z_k), R(z) = 1 + z + z^2/2 + z^3/8 the stability
    // polynomial of ees25, z_k = mu h + sigma dW_k independent: E X_N = X0 (E R)^N and
    // E X_N^2 = X0^2 (E R^2)^N. What the sample estimates is this, not the SDE's value.
    const double a = mu * dt, b = sigma * std::sqrt(dt);
    const double r[4] = {1, 1, 0.5, 0.125};
    double ER = 0, ER2 = 0;
    for (int i = 0; i < 4; ++i)
    {
        ER += r[i] * gaussian_moment(a, b, i);
        for (int j = 0; j < 4; ++j)
            ER2 += r[i] * r[j] * gaussian_moment(a, b, i + j);
    }
    const double scheme_mean = x0 * std::pow(ER, double(steps));
    const double scheme_variance =
        x0 * x0 * std::pow(ER2, double(steps)) - scheme_mean * scheme_mean;

    std::printf("Stratonovich GBM, mu = %.2f, sigma = %.2f, X0 = %.1f, T = %.1f: %zu paths, "
                "%zu ees25 steps (h = %g) on thrust::device_vector<double>\n",
                mu, sigma, x0, T, paths, steps, dt);
    std::printf("  stepped in %.3f s (%.3g path-steps/s)\n", elapsed.count(),
                n * double(steps) / elapsed.count());
    bool all_within = true;
    auto report = [&](const char* what, double sample, double exact, double se, double scheme) {
        const double z = (sample - exact) / se;
        const bool within = std::abs(z) <= 5;
        all_within = all_within && within;
        std::printf("  %-9s sample %.6f  closed form %.6f  standard error %.2e  "
                    "(sample - exact) / se = %+.2f  %s\n",
                    what, sample, exact, se, z, within ? "within 5 SE" : "OUTSIDE 5 SE");
        std::printf("  %-9s ees25 discretisation bias %+.2e = %.2f SE\n", "", scheme - exact,
                    (scheme - exact) / se);
    };
    report("mean", mean, exact_mean, se_mean, scheme_mean);
    report("variance", variance, exact_variance, se_variance, scheme_variance);
    std::printf("%s\n", all_within ? "both moments within 5 standard errors of the closed forms"
                                   : "NOT within 5 standard errors of the closed forms");
    return all_within ? 0 : 1;
}
