// Throughput of an SDE ensemble on Thrust in the two designs of example/thrust/fused_ensemble.cu,
// on Stratonovich GBM (mu = 0.1, sigma = 0.4) with ees25, float and double, 10^4 .. 10^7 paths:
//
//   device_vector  ees25<thrust::device_vector<Value>> + thrust_stratonovich_sde, one Thrust
//                  kernel per pass over the state; gradients by integrate_reversible;
//   fused          one thread per path (thrust_fused_ees25.hpp), state in registers;
//                  gradients by the per-thread reversible adjoint + transform_reduce;
//   noise_only     the fused loop with the SDE arithmetic removed (per path: sum of the
//                  Brownian increments of every step): the cost of the counter-based noise.
//
// Prints one key=value line per measurement: path-steps per second (paths x steps / seconds,
// best of `repeats` runs after a one-step warm-up) and the effective bandwidth of the byte
// model below (bytes moved to and from memory / time). Then model lines for an H200 (peak
// figures, not measurements), and the agreement of the two designs (X_T, gradients).
//
// Byte model, per path and step, S = sizeof(Value) (reads + writes of whole vectors; a value
// read twice in one kernel counts once; the output of a kernel is written, not read):
//   device_vector forward   22 S in 7 kernels: the path writes dW (1); each stage (fused)
//       k_i = f(y_i) h + g(y_i) dW reads y_i, dW, writes k_i (3 x 3); Y1 = x + a10 k0 (2 + 1);
//       Y2 = x + a20 k0 + a21 k1 (3 + 1); x = x + b0 k0 + b1 k1 + b2 k2 (4 + 1).
//   device_vector gradient  105 S in 35 kernels: forward 22 + the finite-state check of
//       integrate_reversible (for_each2 read 1, write 1; norm_inf read 1) = 25; backward:
//       inverse_do_step 22; adjoint_step: stages recomputed 17 (22 minus the final combine),
//       per stage i = 2, 1, 0 the cotangent v (2, 3, 4), zeroing lambda_i (1), the state vjp
//       (reads y, dW, v, lambda, writes lambda: 5), the parameter transform_reduce (reads
//       y, dW, v: 3), and a += sum lambda_i (4 + 1): 17 + 11 + 12 + 13 + 5 = 58; 25 + 22 + 58.
//   fused forward           S / steps (X_T written once per path); gradient 2 S / steps
//                           (X_T written by the forward kernel, read by the adjoint kernel).
// Flop model (arithmetic of the SDE and the tableau only; the noise is extra, see noise_only):
//   27 flops per path-step for GBM (3 stages x 5 for f h + g dW, 2 + 4 + 6 for the combinations).
//
// Build and run (one line; CPU, Thrust's OMP backend):
//   g++ -std=c++17 -O2 -fopenmp -DTHRUST_DEVICE_SYSTEM=THRUST_DEVICE_SYSTEM_OMP -Iinclude
//       -Iboost_ext test/perf/perf_thrust_ensemble.cpp -o /tmp/perf_thrust_ensemble
//   OMP_WAIT_POLICY=passive /tmp/perf_thrust_ensemble [max_paths] [work] [repeats]
//                                                     [gradient_max_paths]
// (defaults 10^7, 4e6 path-steps per run, 2 repeats, gradients at every size; steps =
// max(1, work / paths); under a minute on 2 cores; OMP_WAIT_POLICY=passive keeps idle OpenMP
// threads from spinning between the many small kernels on a shared machine). On a GPU,
// the twin perf_thrust_ensemble.cu: nvcc -std=c++17 -O2 -arch=sm_90 -x cu -Iinclude -Iboost_ext
// -diag-suppress 20012 test/perf/perf_thrust_ensemble.cu (defaults there: work 2e9, 3 repeats).
// Without a THRUST_DEVICE_SYSTEM definition a host compiler gets the serial CPP backend.
#if !defined(THRUST_DEVICE_SYSTEM) && !defined(__CUDACC__)
#define THRUST_DEVICE_SYSTEM THRUST_DEVICE_SYSTEM_CPP
#endif

#include <boost/numeric/odeint/external/thrust_compat/thrust.hpp>

#include <boost/numeric/odeint/external/thrust/thrust_brownian_path.hpp>
#include <boost/numeric/odeint/external/thrust/thrust_stratonovich_sde.hpp>

#include "../../example/thrust/gbm_coefficients.hpp"  // gbm_drift, gbm_diffusion
#include <boost/numeric/odeint/integrate/integrate_reversible.hpp>
#include <boost/numeric/odeint/stepper/ees25.hpp>

#include <boost/numeric/odeint/external/thrust/thrust_fused_ees25.hpp>
namespace fused = boost::numeric::odeint::fused;

#include <thrust/copy.h>
#include <thrust/device_vector.h>
#include <thrust/fill.h>
#include <thrust/functional.h>
#include <thrust/iterator/counting_iterator.h>
#include <thrust/iterator/zip_iterator.h>
#include <thrust/reduce.h>
#include <thrust/transform.h>
#include <thrust/transform_reduce.h>

#if THRUST_DEVICE_SYSTEM == THRUST_DEVICE_SYSTEM_CUDA
#include <cuda_runtime_api.h>
#endif
#ifdef _OPENMP
#include <omp.h>
#endif

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <vector>

namespace odeint = boost::numeric::odeint;

namespace {

#if THRUST_DEVICE_SYSTEM == THRUST_DEVICE_SYSTEM_CUDA
const char* const backend = "cuda";
const double default_work = 2e9;
const int default_repeats = 3;
#elif THRUST_DEVICE_SYSTEM == THRUST_DEVICE_SYSTEM_OMP
const char* const backend = "omp";
const double default_work = 4e6;
const int default_repeats = 2;
#elif THRUST_DEVICE_SYSTEM == THRUST_DEVICE_SYSTEM_TBB
const char* const backend = "tbb";
const double default_work = 4e6;
const int default_repeats = 2;
#else
const char* const backend = "cpp";
const double default_work = 4e6;
const int default_repeats = 2;
#endif

// H200 peak figures (vendor / measured device copy; model inputs, not measurements here).
const double h200_copy_bandwidth = 4.3e12;  // bytes/s, measured device-to-device copy
const double h200_fp32_flops = 67e12;       // FP32, non-tensor
const double h200_fp64_flops = 34e12;       // FP64, non-tensor (spec sheet)

void synchronize()
{
#if THRUST_DEVICE_SYSTEM == THRUST_DEVICE_SYSTEM_CUDA
    cudaDeviceSynchronize();
#endif
}

template <class Value>
struct scaled
{
    Value factor;
    BOOST_NUMERIC_ODEINT_EES_HOST_DEVICE Value operator()(Value x) const { return factor * x; }
};

/// The noise alone: path i -> sum over the steps of its Brownian increments.
template <class Value>
struct noise_only
{
    fused::ensemble_noise<Value> noise;
    std::uint64_t steps;
    BOOST_NUMERIC_ODEINT_EES_HOST_DEVICE Value operator()(std::uint64_t i) const
    {
        auto walker = noise.walker(noise.key(i));
        Value sum(0);
        for (std::uint64_t k = 0; k < steps; ++k)
            sum += noise.increment(walker, k);
        return sum;
    }
};

struct relative_difference
{
    template <class Tuple>
    BOOST_NUMERIC_ODEINT_EES_HOST_DEVICE double operator()(Tuple t) const
    {
        const double a = thrust::get<0>(t), b = thrust::get<1>(t);
        return (a > b ? a - b : b - a) / (b > 0 ? b : -b);
    }
};

/// Best wall time of `repeats` calls of run(), after one call of warm_up().
template <class WarmUp, class Run>
double best_seconds(int repeats, WarmUp warm_up, Run run)
{
    warm_up();
    synchronize();
    double best = 1e300;
    for (int r = 0; r < repeats; ++r)
    {
        const auto start = std::chrono::steady_clock::now();
        run();
        synchronize();
        best = std::min(best, std::chrono::duration<double>(std::chrono::steady_clock::now() -
                                                            start).count());
    }
    return best;
}

template <class Value>
const char* precision_name()
{
    return sizeof(Value) == 4 ? "float" : "double";
}

void report(const char* design, const char* precision, const char* mode, std::size_t paths,
            std::size_t steps, double seconds, double bytes_per_path_step)
{
    const double path_steps = double(paths) * double(steps);
    std::printf("backend=%s design=%s precision=%s mode=%s paths=%zu steps=%zu seconds=%.4g "
                "path_steps_per_s=%.4g bytes_per_path_step=%.4g effective_GBps=%.4g\n",
                backend, design, precision, mode, paths, steps, seconds, path_steps / seconds,
                bytes_per_path_step, bytes_per_path_step * path_steps / seconds / 1e9);
    std::fflush(stdout);
}

template <class Value>
void measure(std::size_t paths, double work, int repeats, bool gradients)
{
    using vector = thrust::device_vector<Value>;
    using stepper_type = odeint::ees25<vector, Value>;
    const std::size_t steps =
        std::max<std::size_t>(1, static_cast<std::size_t>(work / double(paths)));
    const Value mu = Value(0.1), sigma = Value(0.4), x0 = Value(1), T = Value(1);
    const Value dt = T / static_cast<Value>(steps);
    const odeint::brownian_path<Value> first(/*seed*/ 99, Value(0), T, steps, 1, 0);
    const odeint::thrust_brownian_path<Value> noise(first, paths);
    const gbm_drift<Value> drift{mu};
    const gbm_diffusion<Value> diffusion{sigma};
    auto sde = odeint::make_thrust_stratonovich_sde(drift, diffusion, noise);
    const fused::fused_ees25_sde<gbm_drift<Value>, gbm_diffusion<Value>, Value> fused_sde{
        drift, diffusion,
        fused::inline_tableau(stepper_type::coefficients(stepper_type::default_parameter()))};
    const auto fused_noise = fused::ensemble_noise<Value>::from(first);
    using forward_type = fused::fused_ees25_forward<gbm_drift<Value>, gbm_diffusion<Value>, Value>;
    using adjoint_type = fused::fused_ees25_adjoint<gbm_drift<Value>, gbm_diffusion<Value>, Value>;
    const forward_type forward{fused_sde, fused_noise, x0, Value(0), dt, steps};
    forward_type one_step = forward;
    one_step.steps = 1;
    const thrust::counting_iterator<std::uint64_t> index(0);
    const auto n = static_cast<std::ptrdiff_t>(paths);
    const double S = sizeof(Value);
    const char* precision = precision_name<Value>();

    // device_vector design, forward.
    stepper_type stepper;
    vector x(paths, x0), fused_x(paths), sums(paths);
    const double vector_forward = best_seconds(
        repeats, [&] { stepper.do_step(sde, x, Value(0), dt); },
        [&] {
            thrust::fill(x.begin(), x.end(), x0);
            for (std::size_t k = 0; k < steps; ++k)
                stepper.do_step(sde, x, static_cast<Value>(k) * dt, dt);
        });
    report("device_vector", precision, "forward", paths, steps, vector_forward, 22 * S);

    // fused, forward; and the noise alone.
    const double fused_forward = best_seconds(
        repeats, [&] { thrust::transform(index, index + n, fused_x.begin(), one_step); },
        [&] { thrust::transform(index, index + n, fused_x.begin(), forward); });
    report("fused", precision, "forward", paths, steps, fused_forward, S / double(steps));
    const noise_only<Value> noise_kernel{fused_noise, steps};
    const double noise_seconds = best_seconds(
        repeats, [] {}, [&] { thrust::transform(index, index + n, sums.begin(), noise_kernel); });
    report("noise_only", precision, "forward", paths, steps, noise_seconds, S / double(steps));

    const double x_difference = thrust::transform_reduce(
        odeint::detail::zip_begin(fused_x, x), odeint::detail::zip_end(fused_x, x),
        relative_difference(), 0.0, thrust::maximum<double>());
    std::printf("backend=%s agreement precision=%s paths=%zu steps=%zu "
                "x_T_max_relative_difference=%.3g fused_speedup_forward=%.3g "
                "noise_share_of_fused_forward=%.3g\n",
                backend, precision, paths, steps, x_difference, vector_forward / fused_forward,
                noise_seconds / fused_forward);
    if (!gradients)
        return;

    // Gradients of L = (1/n) sum X_T^2 / 2.
    const Value inverse_n = Value(1) / static_cast<Value>(paths);
    vector grad_x0(paths);
    std::vector<Value> grad_p(2);
    auto terminal = [inverse_n](const vector& xT, vector& a) {
        thrust::transform(xT.begin(), xT.end(), a.begin(), scaled<Value>{inverse_n});
    };
    const double vector_gradient = best_seconds(
        repeats, [] {},
        [&] {
            thrust::fill(x.begin(), x.end(), x0);
            grad_p.assign(2, Value(0));
            odeint::integrate_reversible(std::ref(stepper), sde, x, Value(0), T, dt, terminal,
                                         grad_x0, grad_p);
        });
    report("device_vector", precision, "forward+gradient", paths, steps, vector_gradient,
           105 * S);

    const adjoint_type adjoint{fused_sde, fused_noise, x0, Value(0), dt, steps, Value(0),
                               inverse_n};
    typename adjoint_type::result_type g{};
    const double fused_gradient = best_seconds(
        repeats, [] {},
        [&] {
            thrust::transform(index, index + n, fused_x.begin(), forward);
            g = thrust::transform_reduce(
                thrust::make_zip_iterator(thrust::make_tuple(index, fused_x.begin())),
                thrust::make_zip_iterator(thrust::make_tuple(index + n, fused_x.end())),
                adjoint, typename adjoint_type::result_type{},
                typename adjoint_type::sum_type());
        });
    report("fused", precision, "forward+gradient", paths, steps, fused_gradient,
           2 * S / double(steps));
    std::printf("backend=%s agreement precision=%s paths=%zu steps=%zu "
                "dL_dmu_relative_difference=%.3g dL_dsigma_relative_difference=%.3g "
                "fused_speedup_gradient=%.3g\n",
                backend, precision, paths, steps,
                std::abs(double(g.parameters[0]) - double(grad_p[0])) /
                    std::abs(double(grad_p[0])),
                std::abs(double(g.parameters[1]) - double(grad_p[1])) /
                    std::abs(double(grad_p[1])),
                vector_gradient / fused_gradient);
}

/// Bandwidth of a plain device copy of 10^7 doubles (the measured counterpart of the H200's
/// 4.3 TB/s): 2 x 8 bytes per element.
double copy_bandwidth(int repeats)
{
    const std::size_t n = 10000000;
    thrust::device_vector<double> a(n, 1.0), b(n);
    const double seconds = best_seconds(
        repeats + 1, [&] { thrust::copy(a.begin(), a.end(), b.begin()); },
        [&] { thrust::copy(a.begin(), a.end(), b.begin()); });
    return 16.0 * double(n) / seconds;
}

// The H200 model. Inputs are peak figures (copy bandwidth measured on an H200 elsewhere, vendor
// FLOP rates) and operation counts estimated from the source, not measurements:
//   device_vector  memory bound: bytes_per_path_step (above) / 4.3 TB/s; and a launch floor,
//                  kernels per step x an assumed 2.5 us per dependent kernel launch, which
//                  dominates below n ~ kernels x 2.5 us x 4.3 TB/s / bytes_per_path_step paths;
//   fused          compute bound: per path-step the noise (Philox-4x32-10: 10 rounds of 4 32-bit
//                  multiplies + ~4 logic ops = 80 integer ops; Box-Muller log, sqrt, cos: ~60
//                  fp32 / ~100 fp64 instructions without fast math) and the SDE arithmetic
//                  (27 flops ~ 15 instructions forward; ~130 flops ~ 70 instructions for
//                  forward + adjoint, where the noise is drawn twice). Instruction slots:
//                  fp32 67e12 / 2 (an FMA is 2 flops) = 33.5e12/s, integer at half that rate,
//                  fp64 34e12 / 2 = 17e12/s; no overlap of the integer and fp64 pipes assumed.
void h200_model()
{
    const double launch_seconds = 2.5e-6;  // assumed, per dependent kernel launch
    const double fp32_slots = h200_fp32_flops / 2, int_slots = fp32_slots / 2;
    const double fp64_slots = h200_fp64_flops / 2;
    std::printf("# H200 model (peak figures and estimated operation counts, NOT measurements): "
                "copy bandwidth 4.3 TB/s, FP32 67 TFLOP/s, FP64 34 TFLOP/s, 2.5 us per kernel "
                "launch (assumed)\n");
    for (int precision = 0; precision < 2; ++precision)
    {
        const bool single = precision == 0;
        const double S = single ? 4 : 8;
        const char* name = single ? "float" : "double";
        const struct
        {
            const char* mode;
            double bytes, kernels, noise_draws, arithmetic;
        } modes[] = {{"forward", 22 * S, 7, 1, 15}, {"forward+gradient", 105 * S, 35, 2, 70}};
        for (const auto& m : modes)
        {
            const double crossover =
                m.kernels * launch_seconds * h200_copy_bandwidth / m.bytes;
            std::printf("h200_model design=device_vector precision=%s mode=%s bound=memory "
                        "bytes_per_path_step=%g model_path_steps_per_s=%.3g "
                        "kernels_per_step=%g launch_bound_below_paths=%.2g\n",
                        name, m.mode, m.bytes, h200_copy_bandwidth / m.bytes, m.kernels,
                        crossover);
            const double int_ops = 80 * m.noise_draws;
            const double fp_ops = (single ? 60 : 100) * m.noise_draws + m.arithmetic;
            const double seconds = single ? (fp_ops + int_ops * 2) / fp32_slots
                                          : fp_ops / fp64_slots + int_ops / int_slots;
            std::printf("h200_model design=fused precision=%s mode=%s bound=compute "
                        "integer_ops_per_path_step=%g fp_instructions_per_path_step=%g "
                        "model_path_steps_per_s=%.3g model_speedup_over_device_vector=%.3g\n",
                        name, m.mode, int_ops, fp_ops, 1 / seconds,
                        (1 / seconds) / (h200_copy_bandwidth / m.bytes));
        }
    }
}

} // namespace

int main(int argc, char** argv)
{
    const std::size_t max_paths = argc > 1 ? std::strtoull(argv[1], nullptr, 10) : 10000000;
    const double work = argc > 2 ? std::strtod(argv[2], nullptr) : default_work;
    const int repeats = argc > 3 ? std::atoi(argv[3]) : default_repeats;
    const std::size_t gradient_max_paths =
        argc > 4 ? std::strtoull(argv[4], nullptr, 10) : max_paths;
#ifdef _OPENMP
    const int threads = omp_get_max_threads();
#else
    const int threads = 1;
#endif
    std::printf("# perf_thrust_ensemble: Stratonovich GBM, ees25, device_vector vs fused designs; "
                "best of %d runs of max(1, %.3g / paths) steps\n",
                repeats, work);
    std::printf("backend=%s threads=%d note=%s\n", backend, threads,
#if THRUST_DEVICE_SYSTEM == THRUST_DEVICE_SYSTEM_CUDA
                "GPU_run"
#else
                "CPU_backend_no_GPU_measurement"
#endif
    );
    std::printf("backend=%s copy_bandwidth_GBps=%.4g\n", backend, copy_bandwidth(repeats) / 1e9);
    for (std::size_t paths = 10000; paths <= max_paths; paths *= 10)
    {
        // The gradient runs hold ~18 state-sized vectors: 1.4 GB in double at 10^7 paths.
        const bool gradients = paths <= gradient_max_paths;
        measure<float>(paths, work, repeats, gradients);
        measure<double>(paths, work, repeats, gradients);
    }
    h200_model();
    return 0;
}
