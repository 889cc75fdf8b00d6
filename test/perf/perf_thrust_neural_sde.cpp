// Throughput of the neural SDE on a device batch (external/thrust/thrust_batched_mlp.hpp):
// the stiff-GBM model of example/thrust/neural_sde_training.cu (d = 25; drift MLP([y, t])
// with two hidden LipSwish layers of width 32, diffusion 0.5 tanh(MLP(y)) with one), ees25,
// float and double, B paths:
//
//   forward            `steps` ees25 steps (do_step on thrust::device_vector)
//   forward+gradient   integrate_reversible over the same steps (forward, then the backward
//                      sweep that reconstructs the states and accumulates the vjps), the
//                      parameter gradient kept on the device (thrust::device_vector<double>)
//
// Prints one key=value line per measurement: path-steps per second (B × steps / seconds, best
// of `repeats` runs after a one-step warm-up; for forward+gradient the forward steps of the
// whole gradient solve).
//
//   perf_thrust_neural_sde [paths,paths,...] [steps] [repeats]      (default 10000,100000 20 2)
//
// CPU (Thrust's OMP backend, Eigen for the GEMMs):
//   g++ -std=c++17 -O2 -fopenmp -DTHRUST_DEVICE_SYSTEM=THRUST_DEVICE_SYSTEM_OMP -Iinclude
//       -Iboost_ext -isystem /usr/include/eigen3 test/perf/perf_thrust_neural_sde.cpp
// GPU: the twin perf_thrust_neural_sde.cu with nvcc ... -lcublas (scripts/gpu-check.sh).
#if !defined(THRUST_DEVICE_SYSTEM) && !defined(__CUDACC__)
#define THRUST_DEVICE_SYSTEM THRUST_DEVICE_SYSTEM_CPP
#endif

#include <boost/numeric/odeint/external/thrust_compat/thrust.hpp>

#include <boost/numeric/odeint/external/thrust/thrust_batched_mlp.hpp>
#include <boost/numeric/odeint/external/thrust/thrust_brownian_path.hpp>
#include <boost/numeric/odeint/integrate/integrate_reversible.hpp>
#include <boost/numeric/odeint/stepper/ees25.hpp>
#include <boost/numeric/odeint/nn/mlp.hpp>

#include <thrust/copy.h>
#include <thrust/device_vector.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <sstream>
#include <string>
#include <vector>

#if THRUST_DEVICE_SYSTEM == THRUST_DEVICE_SYSTEM_CUDA
#include <cuda_runtime.h>
static const char* const backend = "cuda";
static void synchronize() { cudaDeviceSynchronize(); }
#else
static const char* const backend = THRUST_DEVICE_SYSTEM == THRUST_DEVICE_SYSTEM_OMP ? "omp"
                                   : THRUST_DEVICE_SYSTEM == THRUST_DEVICE_SYSTEM_TBB ? "tbb"
                                                                                      : "cpp";
static void synchronize() {}
#endif

namespace {

namespace odeint = boost::numeric::odeint;

template <class Run>
double best_seconds(int repeats, Run run)
{
    double best = 1e300;
    for (int r = 0; r < repeats; ++r)
    {
        synchronize();
        const auto start = std::chrono::steady_clock::now();
        run();
        synchronize();
        best = std::min(best, std::chrono::duration<double>(std::chrono::steady_clock::now() -
                                                            start).count());
    }
    return best;
}

struct copy_state
{
    template <class State, class Adjoint>
    void operator()(const State& x, Adjoint& a) const
    {
        thrust::copy(x.begin(), x.end(), a.begin());
    }
};

template <class Value>
void measure(std::size_t paths, std::size_t steps, int repeats)
{
    using vector = thrust::device_vector<Value>;
    const std::size_t d = 25, width = 32;
    const odeint::mlp<Value> drift({d + 1, width, width, d}, odeint::mlp_activation::lipswish,
                                   2043);
    const odeint::mlp<Value> diffusion({d, width, d}, odeint::mlp_activation::lipswish, 2044,
                                       odeint::mlp_output_activation::tanh);
    const Value T = Value(1), dt = T / static_cast<Value>(steps);
    const odeint::thrust_brownian_path<Value> noise(
        odeint::brownian_path<Value>(2026, Value(0), T, steps, d, 0), paths);
    const auto sde = odeint::make_thrust_neural_sde(
        odeint::thrust_batched_mlp_field<Value>(drift, odeint::mlp_time::input),
        odeint::thrust_batched_mlp_field<Value>(diffusion, odeint::mlp_time::ignored,
                                                drift.parameter_count(), Value(0.5)),
        noise);
    const char* precision = sizeof(Value) == 4 ? "float" : "double";

    odeint::ees25<vector, Value> stepper;
    vector x(paths * d, Value(1));
    stepper.do_step(sde, x, Value(0), dt);  // warm-up: buffers, cuBLAS handle
    const double forward = best_seconds(repeats, [&] {
        thrust::fill(x.begin(), x.end(), Value(1));
        for (std::size_t k = 0; k < steps; ++k)
            stepper.do_step(sde, x, static_cast<Value>(k) * dt, dt);
    });
    vector grad_x0(paths * d);
    thrust::device_vector<double> grad_p(sde.parameter_count(), 0.0);
    const double gradient = best_seconds(repeats, [&] {
        thrust::fill(x.begin(), x.end(), Value(1));
        odeint::integrate_reversible(odeint::ees25<vector, Value>(), sde, x, Value(0), T, dt,
                                     copy_state(), grad_x0, grad_p);
    });
    const double path_steps = double(paths) * double(steps);
    std::printf("backend=%s neural_sde precision=%s stepper=ees25 d=%zu width=%zu paths=%zu "
                "steps=%zu mode=forward seconds=%.4g path_steps_per_s=%.4g\n",
                backend, precision, d, width, paths, steps, forward, path_steps / forward);
    std::printf("backend=%s neural_sde precision=%s stepper=ees25 d=%zu width=%zu paths=%zu "
                "steps=%zu mode=gradient seconds=%.4g path_steps_per_s=%.4g\n",
                backend, precision, d, width, paths, steps, gradient, path_steps / gradient);
    std::fflush(stdout);
}

} // namespace

int main(int argc, char** argv)
{
    std::vector<std::size_t> sizes{10000, 100000};
    if (argc > 1)
    {
        sizes.clear();
        std::stringstream list(argv[1]);
        std::string item;
        while (std::getline(list, item, ','))
            sizes.push_back(std::strtoull(item.c_str(), nullptr, 10));
    }
    const std::size_t steps = argc > 2 ? std::strtoull(argv[2], nullptr, 10) : 20;
    const int repeats = argc > 3 ? std::atoi(argv[3]) : 2;
    if (sizes.empty() || steps == 0 || repeats <= 0)
    {
        std::fprintf(stderr, "usage: %s [paths,paths,...] [steps] [repeats]\n", argv[0]);
        return 2;
    }
    std::printf("# perf_thrust_neural_sde: stiff-GBM neural SDE (d = 25, width 32), ees25, "
                "best of %d runs of %zu steps\n",
                repeats, steps);
    for (std::size_t paths : sizes)
    {
        measure<float>(paths, steps, repeats);
        measure<double>(paths, steps, repeats);
    }
    return 0;
}
