// An ensemble of 10^6 Stratonovich GBM paths, dX = mu X dt + sigma X ∘ dW, stepped by ees25 on
// a thrust::device_vector<float>: one path per element, its Brownian increments generated on
// the GPU from the counter-based noise (no host round trip, no stored noise), then stepped back
// with inverse_do_step, which replays the same increments negated.
//
//   nvcc -std=c++17 -arch=sm_90 -x cu -Iinclude -Iboost_ext -diag-suppress 20012
//        example/thrust/thrust_ees_smoke.cu -o thrust_ees_smoke      (one line)
//
// Prints the sample mean of X_T against exp((mu + sigma^2/2) T), and how far the backward
// solve lands from X_0 = 1 (single-precision rounding plus an O((sigma sqrt(h))^6) defect per
// step, ~1e-6).
#include <boost/numeric/odeint/external/thrust_compat/thrust.hpp>  // not Boost's thrust.hpp

#include <boost/numeric/odeint/external/thrust/thrust_brownian_path.hpp>
#include <boost/numeric/odeint/external/thrust/thrust_stratonovich_sde.hpp>
#include <boost/numeric/odeint/stepper/ees25.hpp>

#include <thrust/device_vector.h>
#include <thrust/functional.h>
#include <thrust/transform_reduce.h>

#include <cmath>
#include <cstdio>

namespace odeint = boost::numeric::odeint;

// The coefficients are element-wise functors that run on the device.
struct drift
{
    float mu;
    BOOST_NUMERIC_ODEINT_EES_HOST_DEVICE float operator()(float x, float) const { return mu * x; }
};

struct diffusion
{
    float sigma;
    BOOST_NUMERIC_ODEINT_EES_HOST_DEVICE float operator()(float x, float) const
    {
        return sigma * x;
    }
};

struct distance_from_one
{
    BOOST_NUMERIC_ODEINT_EES_HOST_DEVICE float operator()(float x) const
    {
        return x > 1.0f ? x - 1.0f : 1.0f - x;
    }
};

int main()
{
    const std::size_t paths = 1000000, steps = 100;
    const float mu = 0.1f, sigma = 0.4f, T = 1.0f, dt = T / steps;

    // Path p of the ensemble is brownian_path(seed, 0, T, steps, 1, p) (p = 0 .. paths - 1):
    // element p of dW is its increment, computed on the device once per step.
    const odeint::thrust_brownian_path<float> noise(
        odeint::brownian_path<float>(2025, 0.0f, T, steps, 1, 0), paths);
    auto sde = odeint::make_thrust_stratonovich_sde(drift{mu}, diffusion{sigma}, noise);

    // The compat glue's dispatchers pick thrust_compat_algebra and thrust_operations.
    odeint::ees25<thrust::device_vector<float>, float> stepper;
    thrust::device_vector<float> x(paths, 1.0f);
    for (std::size_t k = 0; k < steps; ++k)
        stepper.do_step(sde, x, k * dt, dt);

    const double mean =
        thrust::reduce(x.begin(), x.end(), 0.0, thrust::plus<double>()) / double(paths);
    std::printf("E[X_T]: sample %.5f, exact %.5f (standard error ~%.5f)\n", mean,
                std::exp((mu + sigma * sigma / 2) * T), 0.5 / std::sqrt(double(paths)));

    for (std::size_t k = steps; k-- > 0;)
        stepper.inverse_do_step(sde, x, k * dt, dt);
    const float back = thrust::transform_reduce(x.begin(), x.end(), distance_from_one(), 0.0f,
                                                thrust::maximum<float>());
    std::printf("max |X_0 reconstructed - 1| = %.3g\n", back);
    return 0;
}
