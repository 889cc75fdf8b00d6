// Two designs for an ensemble of Stratonovich GBM paths, dX = mu X dt + sigma X ∘ dW, on the
// same paths and the same ees25 steps, compared for agreement and speed, forward and with
// reversible gradients:
//
//   device_vector  ees25<thrust::device_vector<Value>> + thrust_stratonovich_sde: the state
//                  of all paths is a vector, every stage is a Thrust kernel over it (7 passes
//                  over memory per step, 22 values read or written per path and step), and
//                  integrate_reversible gives the gradients;
//   fused          one thread per path (thrust_fused_ees25.hpp): the whole solve in registers in one
//                  thrust::transform over path indices, the noise drawn in the thread, the
//                  EES(2,5) tableau inlined (taken from ees25<...>::coefficients(x) on the
//                  host); the gradients by a per-thread reversible adjoint from X_T (backward
//                  steps with the negated step reconstruct the states), summed over paths by
//                  thrust::transform_reduce.
//
// The loss is L = (1/n) sum_i X_i(T)^2 / 2, so dL/dX_T = X_T / n. The two designs run the same
// floating-point operations in the same order per path, so on a CPU backend X_T agrees bit for
// bit; the gradients are sums over paths and steps taken in a different order and agree to
// rounding (the relative difference is printed): the device_vector design sums every stage
// over the paths in Value, the fused one each path's steps in Value and then the paths in
// double, so in float the difference is the rounding of float sums over n paths (1e-6 to
// 1e-4 relative for 10^5 to 10^6 paths). Under nvcc, FMA contraction may differ between the
// two codes by an ulp per operation.
//
// One source for two builds (the .cpp twin fused_ensemble_omp.cpp includes this file):
//   nvcc -std=c++17 -arch=sm_90 -x cu -Iinclude -Iboost_ext -diag-suppress 20012
//        example/thrust/fused_ensemble.cu -o fused_ensemble                  (GPU)
//   g++ -std=c++17 -O2 -fopenmp -DTHRUST_DEVICE_SYSTEM=THRUST_DEVICE_SYSTEM_OMP
//       -Iinclude -Iboost_ext example/thrust/fused_ensemble_omp.cpp -o fused_ensemble_omp
// Run: fused_ensemble [paths] [steps]    (defaults: 1000000 paths on CUDA, 100000 on a CPU
//                                         backend so that it runs in seconds; 100 steps)
#include <boost/numeric/odeint/external/thrust_compat/thrust.hpp>  // not Boost's thrust.hpp

#include <boost/numeric/odeint/external/thrust/thrust_brownian_path.hpp>
#include <boost/numeric/odeint/external/thrust/thrust_stratonovich_sde.hpp>
#include <boost/numeric/odeint/integrate/integrate_reversible.hpp>
#include <boost/numeric/odeint/stepper/ees25.hpp>

#include <boost/numeric/odeint/external/thrust/thrust_fused_ees25.hpp>
namespace fused = boost::numeric::odeint::fused;

#include <thrust/device_vector.h>
#include <thrust/fill.h>
#include <thrust/functional.h>
#include <thrust/iterator/counting_iterator.h>
#include <thrust/iterator/zip_iterator.h>
#include <thrust/reduce.h>
#include <thrust/transform.h>
#include <thrust/transform_reduce.h>
#include <thrust/tuple.h>

#include <chrono>
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <limits>
#include <vector>

#include "gbm_coefficients.hpp"  // gbm_drift, gbm_diffusion: the coefficients of both designs

namespace odeint = boost::numeric::odeint;

namespace {

template <class Value>
struct scaled
{
    Value factor;
    BOOST_NUMERIC_ODEINT_EES_HOST_DEVICE Value operator()(Value x) const { return factor * x; }
};

// |a - b| / |b| of a zipped pair, and whether a == b bit for bit.
struct relative_difference
{
    template <class Tuple>
    BOOST_NUMERIC_ODEINT_EES_HOST_DEVICE double operator()(Tuple t) const
    {
        const double a = thrust::get<0>(t), b = thrust::get<1>(t);
        return (a > b ? a - b : b - a) / (b > 0 ? b : -b);
    }
};

struct not_equal
{
    template <class Tuple>
    BOOST_NUMERIC_ODEINT_EES_HOST_DEVICE std::size_t operator()(Tuple t) const
    {
        return thrust::get<0>(t) == thrust::get<1>(t) ? 0 : 1;
    }
};

double seconds_since(std::chrono::steady_clock::time_point start)
{
    return std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
}

double relative(double a, double b) { return std::abs(a - b) / std::abs(b); }

template <class Value>
bool compare_designs(const char* name, std::size_t paths, std::size_t steps)
{
    using vector = thrust::device_vector<Value>;
    const Value mu = Value(0.1), sigma = Value(0.4), x0 = Value(1), T = Value(1);
    const Value dt = T / static_cast<Value>(steps);
    const odeint::brownian_path<Value> first(/*seed*/ 2026, Value(0), T, steps, 1, 0);
    const odeint::thrust_brownian_path<Value> noise(first, paths);
    const gbm_drift<Value> drift{mu};
    const gbm_diffusion<Value> diffusion{sigma};
    auto sde = odeint::make_thrust_stratonovich_sde(drift, diffusion, noise);

    // The fused kernels: the same coefficients, the tableau as numbers, path i's noise.
    using stepper_type = odeint::ees25<vector, Value>;
    const fused::fused_ees25_sde<gbm_drift<Value>, gbm_diffusion<Value>, Value> fused_sde{
        drift, diffusion,
        fused::inline_tableau(stepper_type::coefficients(stepper_type::default_parameter()))};
    const auto fused_noise = fused::ensemble_noise<Value>::from(first);
    const fused::fused_ees25_forward<gbm_drift<Value>, gbm_diffusion<Value>, Value> forward{
        fused_sde, fused_noise, x0, Value(0), dt, steps};
    const thrust::counting_iterator<std::uint64_t> path_index(0);
    const auto n = static_cast<std::ptrdiff_t>(paths);

    // Warm-up (allocations, first launches): one step of each design.
    stepper_type stepper;
    vector x(paths, x0), fused_x(paths);
    stepper.do_step(sde, x, Value(0), dt);
    auto one_step = forward;
    one_step.steps = 1;
    thrust::transform(path_index, path_index + n, fused_x.begin(), one_step);

    // --- forward ---------------------------------------------------------------------------
    auto start = std::chrono::steady_clock::now();
    thrust::fill(x.begin(), x.end(), x0);
    for (std::size_t k = 0; k < steps; ++k)
        stepper.do_step(sde, x, static_cast<Value>(k) * dt, dt);
    const double vector_mean = thrust::reduce(x.begin(), x.end(), 0.0) / double(paths);
    const double vector_forward = seconds_since(start);

    start = std::chrono::steady_clock::now();
    thrust::transform(path_index, path_index + n, fused_x.begin(), forward);  // the whole solve
    const double fused_mean = thrust::reduce(fused_x.begin(), fused_x.end(), 0.0) / double(paths);
    const double fused_forward = seconds_since(start);

    const double max_relative = thrust::transform_reduce(
        odeint::detail::zip_begin(fused_x, x), odeint::detail::zip_end(fused_x, x),
        relative_difference(), 0.0, thrust::maximum<double>());
    const std::size_t differing = thrust::transform_reduce(
        odeint::detail::zip_begin(fused_x, x), odeint::detail::zip_end(fused_x, x), not_equal(),
        std::size_t(0), thrust::plus<std::size_t>());

    // --- gradients of L = (1/n) sum X_T^2 / 2 ------------------------------------------------
    const Value inverse_n = Value(1) / static_cast<Value>(paths);
    start = std::chrono::steady_clock::now();
    thrust::fill(x.begin(), x.end(), x0);
    vector grad_x0(paths);
    std::vector<Value> grad_p(2, Value(0));
    const auto result = odeint::integrate_reversible(
        stepper_type(), sde, x, Value(0), T, dt,
        [inverse_n](const vector& xT, vector& a) {
            thrust::transform(xT.begin(), xT.end(), a.begin(), scaled<Value>{inverse_n});
        },
        grad_x0, grad_p);
    const double vector_dx0 = thrust::reduce(grad_x0.begin(), grad_x0.end(), 0.0);
    const double vector_gradient = seconds_since(start);

    start = std::chrono::steady_clock::now();
    thrust::transform(path_index, path_index + n, fused_x.begin(), forward);
    using adjoint_type = fused::fused_ees25_adjoint<gbm_drift<Value>, gbm_diffusion<Value>, Value>;
    // dL/dX_T = c0 + c1 X_T with c0 = 0, c1 = 1/n
    const adjoint_type adjoint{fused_sde, fused_noise, x0, Value(0), dt, steps, Value(0),
                               inverse_n};
    const typename adjoint_type::result_type g = thrust::transform_reduce(
        thrust::make_zip_iterator(thrust::make_tuple(path_index, fused_x.begin())),
        thrust::make_zip_iterator(thrust::make_tuple(path_index + n, fused_x.end())), adjoint,
        typename adjoint_type::result_type{}, typename adjoint_type::sum_type());
    const double fused_gradient = seconds_since(start);

    // The SDE's own expectations, for orientation (Monte Carlo estimates scatter around them):
    // E X_T^2 = X0^2 exp(2 (mu + sigma^2) T), E dL/dmu = T E X_T^2, E dL/dsigma = 2 sigma T
    // E X_T^2, E dL/dX0 = E X_T^2 / X0.
    const double second_moment =
        double(x0) * double(x0) *
        std::exp(2 * (double(mu) + double(sigma) * double(sigma)) * double(T));

    const double steps_total = double(paths) * double(steps);
    std::printf("\n%s: %zu paths x %zu ees25 steps, mu = %.1f, sigma = %.1f, T = %.0f\n", name,
                paths, steps, double(mu), double(sigma), double(T));
    std::printf("  X_T: mean %.6f (device_vector) %.6f (fused); %zu of %zu paths differ, "
                "max relative difference %.2e\n",
                vector_mean, fused_mean, differing, paths, max_relative);
    std::printf("  %-10s %16s %16s %16s %s\n", "gradient", "device_vector", "fused",
                "relative diff", "(SDE expectation)");
    std::printf("  %-10s %16.9e %16.9e %16.2e (%.6f)\n", "dL/dmu", double(grad_p[0]),
                double(g.parameters[0]), relative(g.parameters[0], grad_p[0]),
                double(T) * second_moment);
    std::printf("  %-10s %16.9e %16.9e %16.2e (%.6f)\n", "dL/dsigma", double(grad_p[1]),
                double(g.parameters[1]), relative(g.parameters[1], grad_p[1]),
                2 * double(sigma) * double(T) * second_moment);
    std::printf("  %-10s %16.9e %16.9e %16.2e (%.6f)\n", "dL/dX0", vector_dx0,
                double(g.initial_state), relative(g.initial_state, vector_dx0),
                second_moment / double(x0));
    std::printf("  reconstruction error max |x0_hat - x0|: %.2e (device_vector) %.2e (fused)\n",
                double(result.reconstruction_error), double(g.reconstruction_error));
    std::printf("  %-26s %12s %12s %9s\n", "time [s]", "device_vector", "fused", "speed-up");
    std::printf("  %-26s %12.4f %12.4f %8.1fx   (%.3g vs %.3g path-steps/s)\n", "forward",
                vector_forward, fused_forward, vector_forward / fused_forward,
                steps_total / vector_forward, steps_total / fused_forward);
    std::printf("  %-26s %12.4f %12.4f %8.1fx\n", "forward + reversible adjoint",
                vector_gradient, fused_gradient, vector_gradient / fused_gradient);

    // Agreement to rounding: X_T to a few ulps per step (0 on a CPU backend); the gradients
    // are sums of 3 n steps terms taken in different orders, whose rounding errors grow like
    // sqrt(terms) eps (a random walk); 10 sqrt(terms) eps leaves room for the cancellation in
    // dL/dsigma, whose terms have both signs.
    const double eps = std::numeric_limits<Value>::epsilon();
    const double gradient_bound = 10 * std::sqrt(3.0 * steps_total) * eps;
    const bool agree = max_relative <= 16 * double(steps) * eps &&
                       relative(g.parameters[0], grad_p[0]) <= gradient_bound &&
                       relative(g.parameters[1], grad_p[1]) <= gradient_bound &&
                       relative(g.initial_state, vector_dx0) <= gradient_bound;
    std::printf("  %s\n", agree ? "the designs agree to rounding"
                                : "the designs DISAGREE beyond rounding");
    return agree;
}

} // namespace

int main(int argc, char** argv)
{
#if THRUST_DEVICE_SYSTEM == THRUST_DEVICE_SYSTEM_CUDA
    const std::size_t default_paths = 1000000;
#else
    const std::size_t default_paths = 100000;  // a CPU backend: seconds on 2 cores
#endif
    const std::size_t paths = argc > 1 ? std::strtoull(argv[1], nullptr, 10) : default_paths;
    const std::size_t steps = argc > 2 ? std::strtoull(argv[2], nullptr, 10) : 100;
    if (paths < 1 || steps < 1)
    {
        std::fprintf(stderr, "usage: %s [paths >= 1] [steps >= 1]\n", argv[0]);
        return 2;
    }
    std::printf("fused (one thread per path) vs device_vector (one kernel per stage) designs");
    const bool ok = compare_designs<double>("double", paths, steps) &&
                    compare_designs<float>("float", paths, steps);
    return ok ? 0 : 1;
}
