// Training the stiff-GBM neural SDE on a device batch: B paths × 25 components in one
// thrust::device_vector, the MLP drift and diffusion as batched matrix products (cuBLAS on a
// GPU, Eigen on Thrust's CPU backends), the Brownian increments generated on the device,
// gradients by integrate_reversible (memory flat in the steps).
//
// Data: stiff geometric Brownian motion (the experiment of example/neural_sde/stiff_gbm.cpp)
//     dX = A X dt + 0.1 X ∘ dW,   A = Q diag(linspace(−20, 0, 25)) Qᵀ,   X(0) = 1,   T = 1,
// observed at t = 0, 0.1, ..., 1, solved on the device with ees25 at the Brownian grid's step
// 1/1200 on the same paths the model is driven by (path b of the batch is the counter-based
// path of index b). Model: drift MLP([y, t]) with two hidden LipSwish layers of width 32,
// diffusion 0.5 tanh(MLP(y)) with one (thrust_batched_mlp.hpp). Loss: the mean over paths,
// observations and components of (y − data)², minimised with Adam. Solvers at matched cost
// (evaluations of drift and diffusion per unit time): reversible Heun dt = 1/120 (1 per
// step), EES(2,5) 3/120 (3), EES(2,7) 4/120 (4).
//
//   neural_sde_training [--paths N] [--epochs N] [--solver all|reversible_heun|ees25|ees27]
//                       [--precision double|float] [--width N] [--lr X] [--seed N]
//                       [--csv FILE]
//   defaults: 64 paths, 2 epochs (a CI smoke run); the paper's size: --paths 10000.
//
// Prints a progress line per epoch (loss, gradient norm, seconds, path-steps/s), a summary
// line per solver ("neural_sde_training: solver=... seconds_per_epoch=..."; scripts/
// gpu-check.sh reads it), and with --csv one row per epoch.
//
// One source for two builds (the .cpp twin neural_sde_training_omp.cpp includes this file):
//   nvcc -std=c++17 -O2 -arch=sm_90 -x cu -Iinclude -Iboost_ext -diag-suppress 20012
//        example/thrust/neural_sde_training.cu -lcublas -o neural_sde_training        (GPU)
//   g++ -std=c++17 -O2 -fopenmp -DTHRUST_DEVICE_SYSTEM=THRUST_DEVICE_SYSTEM_OMP -Iinclude
//       -Iboost_ext -isystem /usr/include/eigen3 example/thrust/neural_sde_training_omp.cpp
#include <boost/numeric/odeint/external/thrust_compat/thrust.hpp>  // not Boost's thrust.hpp

#include <boost/numeric/odeint/external/thrust/thrust_batched_mlp.hpp>
#include <boost/numeric/odeint/external/thrust/thrust_brownian_path.hpp>
#include <boost/numeric/odeint/external/thrust/thrust_gemm.hpp>
#include <boost/numeric/odeint/integrate/integrate_reversible.hpp>
#include <boost/numeric/odeint/nn/adam.hpp>
#include <boost/numeric/odeint/stepper/ees25.hpp>
#include <boost/numeric/odeint/stepper/ees27.hpp>
#include <boost/numeric/odeint/stepper/reversible_heun.hpp>
#include <boost/numeric/odeint/nn/mlp.hpp>

#include "../neural_sde/stiff_gbm_matrix.hpp"  // the problem of example/neural_sde

#include <thrust/copy.h>
#include <thrust/device_vector.h>
#include <thrust/functional.h>
#include <thrust/iterator/zip_iterator.h>
#include <thrust/transform.h>
#include <thrust/transform_reduce.h>

#include <chrono>
#include <cmath>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <memory>
#include <stdexcept>
#include <string>
#include <vector>

#if THRUST_DEVICE_SYSTEM == THRUST_DEVICE_SYSTEM_CUDA
#include <cuda_runtime.h>
static void synchronize() { cudaDeviceSynchronize(); }
#else
static void synchronize() {}
#endif

namespace {

namespace odeint = boost::numeric::odeint;

struct options
{
    int paths = 64;
    int epochs = 2;
    int width = 32;
    double learning_rate = 5e-3;
    std::string solver = "all";
    std::string precision = "double";
    std::string csv;
    std::uint64_t seed = 2026;
};

options parse(int argc, char** argv)
{
    options o;
    const auto value = [&](int& i) -> std::string {
        if (i + 1 >= argc)
            throw std::invalid_argument(std::string(argv[i]) + " needs a value");
        return argv[++i];
    };
    for (int i = 1; i < argc; ++i)
    {
        const std::string a = argv[i];
        if (a == "--paths")
            o.paths = std::stoi(value(i));
        else if (a == "--epochs")
            o.epochs = std::stoi(value(i));
        else if (a == "--width")
            o.width = std::stoi(value(i));
        else if (a == "--lr")
            o.learning_rate = std::stod(value(i));
        else if (a == "--solver")
            o.solver = value(i);
        else if (a == "--precision")
            o.precision = value(i);
        else if (a == "--csv")
            o.csv = value(i);
        else if (a == "--seed")
            o.seed = std::stoull(value(i));
        else if (a == "--help" || a == "-h")
        {
            std::printf("usage: %s [--paths N] [--epochs N] [--solver all|reversible_heun|ees25|"
                        "ees27]\n          [--precision double|float] [--width N] [--lr X] "
                        "[--seed N] [--csv FILE]\n",
                        argv[0]);
            std::exit(0);
        }
        else
            throw std::invalid_argument("unknown option " + a + " (try --help)");
    }
    if (o.paths <= 0 || o.epochs <= 0 || o.width <= 0 || !(o.learning_rate > 0))
        throw std::invalid_argument("paths, epochs, width and lr must be positive");
    if (o.solver != "all" && o.solver != "reversible_heun" && o.solver != "ees25" &&
        o.solver != "ees27")
        throw std::invalid_argument("unknown solver " + o.solver);
    if (o.precision != "double" && o.precision != "float")
        throw std::invalid_argument("precision must be double or float, not " + o.precision);
    return o;
}

// --- the data: stiff GBM on the device -----------------------------------------------------

const std::size_t dimension = 25;
const std::size_t grid_steps = 1200;  // contains 1/120, 1/40, 1/30 and 0.1
const std::size_t observations = 11;  // t = 0, 0.1, ..., 1

template <class Value>
struct scale_by
{
    Value s;
    BOOST_NUMERIC_ODEINT_EES_HOST_DEVICE Value operator()(Value x) const { return s * x; }
};

/// dX = A X dt + sigma X ∘ dW for a batch (path-major, d × B): a driven system whose drift
/// is one GEMM per evaluation.
template <class Value>
class stiff_gbm_sde
{
public:
    using system_category = odeint::driven_system_tag;
    using vector = thrust::device_vector<Value>;
    using control_type = odeint::thrust_brownian_path<Value, double>;
    using increment_type = vector;
    using field_type = odeint::sde_coefficients<vector, vector>;
    using value_type = Value;

    stiff_gbm_sde(control_type path, Value sigma)
        : m_path(std::move(path)), m_sigma(sigma), m_a(std::make_shared<vector>())
    {
        const std::vector<double> a = neural_sde::stiff_gbm_matrix(dimension);
        m_a->assign(a.begin(), a.end());
    }

    const control_type& control() const { return m_path; }
    increment_type make_increment() const { return vector(m_path.dimension()); }
    field_type make_field(const vector& y) const { return {vector(y.size()), vector(y.size())}; }

    template <class Time>
    void operator()(const vector& y, field_type& F, Time) const
    {
        const std::size_t d = dimension, B = y.size() / d;
        // F.drift = A Y: A row-major d × d is (column-major Aᵀ)ᵀ.
        odeint::thrust_gemm<Value>({true, false, d, B, d, d, d, d},
                                   thrust::raw_pointer_cast(m_a->data()),
                                   thrust::raw_pointer_cast(y.data()), false,
                                   thrust::raw_pointer_cast(F.drift.data()));
        thrust::transform(y.begin(), y.end(), F.diffusion.begin(), scale_by<Value>{m_sigma});
    }

    template <class Time>
    void product(const field_type& F, Time dt, const increment_type& dW, vector& k) const
    {
        thrust::transform(odeint::detail::zip_begin(F.drift, F.diffusion, dW),
                          odeint::detail::zip_end(F.drift, F.diffusion, dW), k.begin(),
                          odeint::detail::diagonal_sde_product<Value>{static_cast<Value>(dt)});
    }

private:
    control_type m_path;
    Value m_sigma;
    std::shared_ptr<vector> m_a;
};

/// The batch's noise: path b is brownian_path(seed, 0, 1, 1200, 25, b). Times are double
/// also for float states, so that every solver's steps and the observation times fall on
/// the grid exactly.
template <class Value>
odeint::thrust_brownian_path<Value, double> batch_noise(const options& o)
{
    return odeint::thrust_brownian_path<Value, double>(
        odeint::brownian_path<Value, double>(o.seed, 0.0, 1.0, grid_steps, dimension, 0),
        std::size_t(o.paths));
}

/// The device vector of a batch, and steppers on it with double time.
template <class Value>
using batch = thrust::device_vector<Value>;
template <class Value>
using ees25_batch = odeint::ees25<batch<Value>, Value, batch<Value>, double>;
template <class Value>
using ees27_batch = odeint::ees27<batch<Value>, Value, batch<Value>, double>;
template <class Value>
using heun_batch = odeint::reversible_heun<batch<Value>, Value, batch<Value>, double>;

/// The data: observation k of the batch at data[k B d ...], ees25 at the grid step.
template <class Value>
thrust::device_vector<Value> make_data(const options& o)
{
    const std::size_t size = std::size_t(o.paths) * dimension;
    const stiff_gbm_sde<Value> sde(batch_noise<Value>(o), Value(0.1));
    ees25_batch<Value> stepper;
    thrust::device_vector<Value> x(size, Value(1)), data(observations * size);
    const double h = 1.0 / double(grid_steps);
    std::size_t step = 0;
    for (std::size_t k = 0; k < observations; ++k)
    {
        for (const std::size_t target = k * (grid_steps / (observations - 1)); step < target;
             ++step)
            stepper.do_step(sde, x, double(step) * h, h);
        thrust::copy(x.begin(), x.end(), data.begin() + std::ptrdiff_t(k * size));
    }
    return data;
}

// --- loss and training ------------------------------------------------------------------------

/// (y − data)² in double, and a += 2 s (y − data).
template <class Value>
struct squared_error
{
    template <class Tuple>
    BOOST_NUMERIC_ODEINT_EES_HOST_DEVICE double operator()(Tuple e) const
    {
        const double r = double(thrust::get<0>(e)) - double(thrust::get<1>(e));
        return r * r;
    }
};

template <class Value>
struct add_error_gradient
{
    Value two_scale;
    template <class Tuple>
    BOOST_NUMERIC_ODEINT_EES_HOST_DEVICE void operator()(Tuple e) const
    {
        const Value r = thrust::get<0>(e) - thrust::get<1>(e);
        thrust::get<2>(e) = thrust::get<2>(e) + two_scale * r;
    }
};

/// observation_grad of integrate_reversible: L += s Σ (y − data_k)², a += dL/dy(t_k).
template <class Value>
struct observation_loss
{
    const thrust::device_vector<Value>* data;
    double scale;
    double* loss;

    template <class Time>
    void operator()(std::size_t k, const thrust::device_vector<Value>& y, Time,
                    thrust::device_vector<Value>& a) const
    {
        const auto d = data->begin() + std::ptrdiff_t(k * y.size());
        *loss += scale * thrust::transform_reduce(
                             thrust::make_zip_iterator(thrust::make_tuple(y.begin(), d)),
                             thrust::make_zip_iterator(thrust::make_tuple(
                                 y.end(), d + std::ptrdiff_t(y.size()))),
                             squared_error<Value>(), 0.0, thrust::plus<double>());
        thrust::for_each(
            thrust::make_zip_iterator(thrust::make_tuple(y.begin(), d, a.begin())),
            thrust::make_zip_iterator(
                thrust::make_tuple(y.end(), d + std::ptrdiff_t(y.size()), a.end())),
            add_error_gradient<Value>{static_cast<Value>(2 * scale)});
    }
};

struct training_result
{
    double final_loss, seconds_per_epoch;
};

template <class Value, class Stepper>
training_result train(const options& o, const char* solver, double dt,
                      const thrust::device_vector<Value>& data, std::FILE* csv)
{
    const std::size_t d = dimension, w = std::size_t(o.width), B = std::size_t(o.paths);
    odeint::mlp<Value> drift({d + 1, w, w, d}, odeint::mlp_activation::lipswish, o.seed + 17);
    odeint::mlp<Value> diffusion({d, w, d}, odeint::mlp_activation::lipswish, o.seed + 18,
                                 odeint::mlp_output_activation::tanh);
    const std::size_t P = drift.parameter_count() + diffusion.parameter_count();
    odeint::adam_options<double> adam_options;  // Adam (nn/adam.hpp), its defaults but the rate
    adam_options.learning_rate = o.learning_rate;
    odeint::adam<double> optimizer(P, adam_options);
    std::vector<double> times;
    for (std::size_t k = 0; k < observations; ++k)
        times.push_back(double(k) / double(observations - 1));
    const double steps_per_epoch = std::round(1.0 / dt);
    std::printf("== stiff GBM neural SDE on the device: %s, dt = %.5f, %zu paths, %zu "
                "parameters, %s, %d epochs\n",
                solver, double(dt), B, P, sizeof(Value) == 4 ? "float" : "double", o.epochs);
    std::fflush(stdout);
    thrust::device_vector<Value> y(B * d), grad_y0(B * d);
    thrust::device_vector<double> grad_p(P);
    std::vector<double> gradient(P);
    double loss = NAN, total_seconds = 0, later_seconds = 0;
    for (int epoch = 1; epoch <= o.epochs; ++epoch)
    {
        synchronize();
        const auto start = std::chrono::steady_clock::now();
        const auto sde = odeint::make_thrust_neural_sde(
            odeint::thrust_batched_mlp_field<Value>(drift, odeint::mlp_time::input),
            odeint::thrust_batched_mlp_field<Value>(diffusion, odeint::mlp_time::ignored,
                                                    drift.parameter_count(), Value(0.5)),
            batch_noise<Value>(o));
        thrust::fill(y.begin(), y.end(), Value(1));
        thrust::fill(grad_p.begin(), grad_p.end(), 0.0);
        loss = 0;
        const observation_loss<Value> observe{&data, 1.0 / double(B * observations * d), &loss};
        odeint::integrate_reversible(Stepper(), sde, y, times.begin(), times.end(), dt, observe,
                                     grad_y0, grad_p);
        thrust::copy(grad_p.begin(), grad_p.end(), gradient.begin());
        double norm = 0;
        for (double g : gradient)
            norm += g * g;
        norm = std::sqrt(norm);
        if (!std::isfinite(loss) || !std::isfinite(norm))
        {
            std::printf("   epoch %d: loss or gradient not finite: training diverged\n", epoch);
            return {NAN, NAN};
        }
        const std::vector<double>& update = optimizer.update(gradient);
        for (std::size_t i = 0; i < drift.parameter_count(); ++i)
            drift.parameters()[i] += static_cast<Value>(update[i]);
        for (std::size_t i = 0; i < diffusion.parameter_count(); ++i)
            diffusion.parameters()[i] +=
                static_cast<Value>(update[drift.parameter_count() + i]);
        synchronize();
        const double seconds =
            std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
        total_seconds += seconds;
        if (epoch > 1)
            later_seconds += seconds;
        const double rate = double(B) * steps_per_epoch / seconds;
        std::printf("   epoch %4d/%d  loss %.6e  |grad| %.3e  %.3f s  %.3g path-steps/s\n", epoch,
                    o.epochs, loss, norm, seconds, rate);
        std::fflush(stdout);
        if (csv)
            std::fprintf(csv, "stiff_gbm,%s,%s,%zu,%.6f,%d,%.8e,%.6e,%.4f,%.4g\n", solver,
                         sizeof(Value) == 4 ? "float" : "double", B, double(dt), epoch, loss,
                         norm, seconds, rate);
    }
    // The first epoch carries one-time costs (buffers, cuBLAS handle, OpenMP threads).
    const double per_epoch =
        o.epochs > 1 ? later_seconds / double(o.epochs - 1) : total_seconds;
    std::printf("neural_sde_training: solver=%s precision=%s paths=%zu dt=%.6f epochs=%d "
                "seconds_per_epoch=%.4g final_loss=%.6e\n",
                solver, sizeof(Value) == 4 ? "float" : "double", B, double(dt), o.epochs,
                per_epoch, loss);
    std::fflush(stdout);
    return {loss, per_epoch};
}

template <class Value>
int run(const options& o)
{
    std::FILE* csv = nullptr;
    if (!o.csv.empty())
    {
        csv = std::fopen(o.csv.c_str(), "w");
        if (!csv)
            throw std::runtime_error("cannot write " + o.csv);
        std::fprintf(csv, "experiment,solver,precision,paths,dt,epoch,loss,grad_norm,seconds,"
                          "path_steps_per_s\n");
    }
    synchronize();
    const auto start = std::chrono::steady_clock::now();
    const thrust::device_vector<Value> data = make_data<Value>(o);
    synchronize();
    std::printf("data: %d paths of the stiff GBM, ees25 at dt = 1/%zu, %.3f s\n", o.paths,
                grid_steps,
                std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count());
    const double heun_dt = 1.0 / 120;
    if (o.solver == "all" || o.solver == "reversible_heun")
        train<Value, heun_batch<Value>>(o, "reversible_heun", heun_dt, data, csv);
    if (o.solver == "all" || o.solver == "ees25")
        train<Value, ees25_batch<Value>>(o, "ees25", 3 * heun_dt, data, csv);
    if (o.solver == "all" || o.solver == "ees27")
        train<Value, ees27_batch<Value>>(o, "ees27", 4 * heun_dt, data, csv);
    if (csv)
        std::fclose(csv);
    return 0;
}

} // namespace

int main(int argc, char** argv)
{
    try
    {
        const options o = parse(argc, argv);
        return o.precision == "float" ? run<float>(o) : run<double>(o);
    }
    catch (const std::exception& e)
    {
        std::fprintf(stderr, "%s: %s\n", argv[0], e.what());
        return 2;
    }
}
