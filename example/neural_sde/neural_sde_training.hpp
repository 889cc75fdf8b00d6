// Shared parts of the neural SDE training examples (stiff_gbm.cpp, ou.cpp, stiff_gbm_mpi.cpp):
// the model (MLP drift with time input, diagonal MLP diffusion with tanh output), the data (the
// true SDE solved finely on the same Brownian paths the model will be driven by), and a
// training loop that takes gradients with integrate_reversible over the observation times and
// compares them with the store-everything adjoint.
//
// The paths are solved in blocks of --block paths (default 128, block_plan::default_block_size:
// the fastest block of the batched matrix products, doc/results/benchmarks.md), each block one
// batched state (batched_brownian_path, batched_mlp_field: Eigen matrix products), the blocks
// spread over --threads threads (and MPI ranks in stiff_gbm_mpi.cpp); losses and gradients
// are summed in block order, so they do not depend on the number of threads or ranks
// (doc/batched.md).
//
// --float solves in float32: the batched fields, the Brownian paths, the states and the
// steppers in float, the parameters, the loss, the data and the Adam step in double, and the
// parameter cotangents summed in double (batched_mlp_field<float> into a gradient of double).
#ifndef ODEINT_EES_EXAMPLE_NEURAL_SDE_TRAINING_HPP
#define ODEINT_EES_EXAMPLE_NEURAL_SDE_TRAINING_HPP

#include <boost/numeric/odeint.hpp>
#include <boost/numeric/odeint/ees.hpp>
#include <boost/numeric/odeint/nn/adam.hpp>
#include <boost/numeric/odeint/noise/batched_brownian_path.hpp>
#include <boost/numeric/odeint/noise/brownian_path.hpp>
#include <boost/numeric/odeint/nn/batched_mlp.hpp>
#include <boost/numeric/odeint/util/batched_blocks.hpp>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <functional>
#include <stdexcept>
#include <string>
#include <type_traits>
#include <utility>
#include <vector>

namespace neural_sde {

namespace odeint = boost::numeric::odeint;
using vec = std::vector<double>;

// --- command line -----------------------------------------------------------------------------

/// Where the blocks of paths run: this process's blocks [first, last) of all blocks, and how
/// the per-block partial sums of every process become one total (sum_blocks in one process,
/// mpi_sum_blocks across MPI ranks); only the process that `prints` writes progress.
struct distribution
{
    std::function<std::pair<std::size_t, std::size_t>(std::size_t)> range =
        [](std::size_t blocks) { return std::pair<std::size_t, std::size_t>(0, blocks); };
    std::function<void(const std::vector<vec>&, vec&)> sum =
        [](const std::vector<vec>& partials, vec& total) { odeint::sum_blocks(partials, total); };
    bool prints = true;
};

struct options
{
    int epochs = 0;
    int paths = 0;
    int width = 32;
    int threads = 1;
    // Paths per block: a property of the run, never of the machine.
    int block = int(odeint::block_plan::default_block_size);
    double learning_rate = 5e-3;
    double step_scale = 1.0;  // multiplies every solver's step (the "large step" runs)
    std::string solver = "all";
    std::string csv;
    std::uint64_t seed = 2026;
    bool full = false;
    bool gradient_check = true;
    bool stability = false;  // only report each solver on the true SDE, then exit
    bool single_precision = false;  // --float: fields, paths, states and steps in float
    // --check E: exit 1 unless every solver trained (no divergence, final loss below the
    // first epoch's) with its reversible gradient within E of the store-everything one
    double check_gradient_error = -1;
    distribution where;
};

inline void usage(const char* program, const options& defaults)
{
    std::printf("usage: %s [--full] [--epochs N] [--paths N] [--threads T] [--block N]\n"
                "          [--width N] [--lr X]\n"
                "          [--solver all|reversible_heun|ees25|ees27] [--step-scale X]\n"
                "          [--seed N] [--csv FILE] [--no-gradient-check] [--stability]\n"
                "          [--float]   (solve in float32; parameters, loss and gradient sums\n"
                "                        in double)\n"
                "          [--check E]   (exit 1 unless every solver trains: no divergence,\n"
                "                        the loss falls, reversible gradient within E of the\n"
                "                        store-everything one)\n"
                "defaults: %d epochs, %d paths, width %d, lr %g (--full: the paper's sizes)\n",
                program, defaults.epochs, defaults.paths, defaults.width, defaults.learning_rate);
}

/// Parses argv over `defaults` (the short run); --full switches to `full` sizes first.
inline options parse(int argc, char** argv, options defaults, const options& full)
{
    for (int i = 1; i < argc; ++i)
        if (std::string(argv[i]) == "--full")
        {
            defaults = full;
            defaults.full = true;
        }
    const auto value = [&](int& i) -> std::string {
        if (i + 1 >= argc)
            throw std::invalid_argument(std::string(argv[i]) + " needs a value");
        return argv[++i];
    };
    for (int i = 1; i < argc; ++i)
    {
        const std::string a = argv[i];
        if (a == "--full")
            continue;
        else if (a == "--epochs")
            defaults.epochs = std::stoi(value(i));
        else if (a == "--paths")
            defaults.paths = std::stoi(value(i));
        else if (a == "--threads")
            defaults.threads = std::stoi(value(i));
        else if (a == "--block")
            defaults.block = std::stoi(value(i));
        else if (a == "--width")
            defaults.width = std::stoi(value(i));
        else if (a == "--lr")
            defaults.learning_rate = std::stod(value(i));
        else if (a == "--step-scale")
            defaults.step_scale = std::stod(value(i));
        else if (a == "--solver")
            defaults.solver = value(i);
        else if (a == "--seed")
            defaults.seed = std::stoull(value(i));
        else if (a == "--csv")
            defaults.csv = value(i);
        else if (a == "--no-gradient-check")
            defaults.gradient_check = false;
        else if (a == "--stability")
            defaults.stability = true;
        else if (a == "--float")
            defaults.single_precision = true;
        else if (a == "--check")
        {
            defaults.check_gradient_error = std::stod(value(i));
            if (!(defaults.check_gradient_error > 0))
                throw std::invalid_argument("--check " + std::string(argv[i]) +
                                            ": the gradient error bound must be positive");
        }
        else if (a == "--help" || a == "-h")
        {
            usage(argv[0], defaults);
            std::exit(0);
        }
        else
            throw std::invalid_argument("unknown option " + a + " (try --help)");
    }
    if (defaults.epochs <= 0 || defaults.paths <= 0 || defaults.width <= 0 ||
        defaults.threads <= 0 || defaults.block <= 0 || !(defaults.learning_rate > 0) ||
        !(defaults.step_scale > 0))
        throw std::invalid_argument("epochs, paths, threads, block, width, lr and step-scale "
                                    "must be positive");
    return defaults;
}

// --- the problem --------------------------------------------------------------------------------

/// A training problem: the true SDE (to make data), its dimension, horizon, observation
/// times and the Brownian grid that contains every solver's steps.
struct problem
{
    std::string name;
    std::size_t dimension;
    double T;
    std::vector<double> observation_times;
    std::size_t grid_steps;  // Brownian path grid on [0, T]
    vec x0;
    std::function<void(const vec&, vec&, double)> true_drift;
    std::function<void(const vec&, vec&, double)> true_diffusion;  // diagonal noise
    double diffusion_scale;  // the model's diffusion is bounded by it
};

/// The Brownian path of a float solve, seen in double: a float path draws its normals from
/// other Philox lanes than a double one (noise/brownian_path.hpp), so brownian_path<double>
/// of the same seed is another sample. The data of a --float run are made on this one, the
/// Brownian motion the float model is driven by.
struct float_path_in_double
{
    using value_type = double;
    using time_type = double;
    odeint::brownian_path<float> path;

    std::size_t dimension() const { return path.dimension(); }

    template <class Increment>
    void increment(double s, double u, Increment& dW) const
    {
        std::vector<float> w(path.dimension());
        path.increment(float(s), float(u), w);
        std::copy(w.begin(), w.end(), dW.begin());
    }
};

/// data[p][k] = the true solution at observation k on Brownian path p: ees25 on the path's
/// grid (the finest step any solver uses divides it), so model and data see the same noise
/// (with --float, the float path's: float_path_in_double). Only the paths of this process's
/// blocks are made (on opt.threads threads).
inline std::vector<std::vector<vec>> make_data(const problem& pr, const options& opt)
{
    std::vector<std::vector<vec>> data(std::size_t(opt.paths));
    const double h = pr.T / double(pr.grid_steps);
    const odeint::block_plan plan(std::size_t(opt.paths), std::size_t(opt.block));
    const auto range = opt.where.range(plan.blocks());
    const auto solve = [&](std::size_t p, const auto& path) {
        const auto sde = odeint::make_stratonovich_sde<vec>(pr.true_drift, pr.true_diffusion,
                                                            path, odeint::diagonal_noise());
        odeint::ees25<vec> stepper;
        vec x = pr.x0;
        std::size_t step = 0;
        for (double t_obs : pr.observation_times)
        {
            const std::size_t target = std::size_t(std::lround(t_obs / h));
            for (; step < target; ++step)
                stepper.do_step(sde, x, double(step) * h, h);
            data[p].push_back(x);
        }
    };
    odeint::run_block_range(range.first, range.second, std::size_t(opt.threads), [&](std::size_t i) {
        for (std::size_t p = plan.first(i); p < plan.first(i) + plan.count(i); ++p)
        {
            if (opt.single_precision)
                solve(p, float_path_in_double{odeint::brownian_path<float>(
                             opt.seed, 0.0f, float(pr.T), pr.grid_steps, pr.dimension,
                             std::uint64_t(p))});
            else
                solve(p, odeint::brownian_path<double>(opt.seed, 0.0, pr.T, pr.grid_steps,
                                                       pr.dimension, std::uint64_t(p)));
        }
    });
    return data;
}

// --- the model ----------------------------------------------------------------------------------

/// g(y) = scale · tanh(MLP(y)): a diagonal diffusion bounded by `scale` (the problem's noise
/// level sets it), with the vector–Jacobian product of the scaled output.
struct bounded_diffusion
{
    odeint::mlp_vector_field<double> field;
    double scale;
    mutable vec scaled;  // work space for scale · u

    void operator()(const vec& y, vec& g, double t) const
    {
        field(y, g, t);
        for (auto& gi : g)
            gi *= scale;
    }

    void vjp(const vec& y, double t, const vec& u, vec& adj_y, vec& adj_p) const
    {
        scaled.resize(u.size());
        for (std::size_t i = 0; i < u.size(); ++i)
            scaled[i] = scale * u[i];
        field.vjp(y, t, scaled, adj_y, adj_p);
    }
};

struct model
{
    odeint::mlp_vector_field<double> drift;
    bounded_diffusion diffusion;

    model(std::size_t d, std::size_t width, double diffusion_scale, std::uint64_t seed)
        : drift(odeint::mlp<double>({d + 1, width, width, d}, odeint::mlp_activation::lipswish,
                                    seed),
                odeint::mlp_time::input),
          diffusion{odeint::mlp_vector_field<double>(
                        odeint::mlp<double>({d, width, d}, odeint::mlp_activation::lipswish,
                                            seed + 1, odeint::mlp_output_activation::tanh),
                        odeint::mlp_time::ignored, drift.network().parameter_count()),
                    diffusion_scale, {}}
    {
    }

    std::size_t parameter_count() const
    {
        return drift.network().parameter_count() + diffusion.field.network().parameter_count();
    }

    /// θ = (drift θ, diffusion θ), the layout of the parameter gradient.
    void add_to_parameters(const vec& delta)
    {
        auto& a = drift.network().parameters();
        auto& b = diffusion.field.network().parameters();
        for (std::size_t i = 0; i < a.size(); ++i)
            a[i] += delta[i];
        for (std::size_t i = 0; i < b.size(); ++i)
            b[i] += delta[a.size() + i];
    }

    /// The drift and the diffusion for a block of paths (Eigen matrix products), in Value
    /// (the parameters rounded to float for Value = float).
    template <class Value = double>
    odeint::batched_mlp_field<Value> batched_drift() const
    {
        return odeint::batched_mlp_field<Value>(network_in<Value>(drift.network()),
                                                odeint::mlp_time::input);
    }
    template <class Value = double>
    odeint::batched_mlp_field<Value> batched_diffusion() const
    {
        return odeint::batched_mlp_field<Value>(network_in<Value>(diffusion.field.network()),
                                                odeint::mlp_time::ignored,
                                                drift.network().parameter_count(),
                                                Value(diffusion.scale));
    }

    /// The network with its parameters in Value.
    template <class Value>
    static odeint::mlp<Value> network_in(const odeint::mlp<double>& net)
    {
        odeint::mlp<Value> out(net.layer_sizes(), net.hidden_activation(), 0,
                               net.output_activation());
        std::transform(net.parameters().begin(), net.parameters().end(),
                       out.parameters().begin(), [](double p) { return Value(p); });
        return out;
    }
};

// --- training -----------------------------------------------------------------------------------

struct epoch_result
{
    double loss, gradient_norm, gradient_relative_error;
};

/// What a solver's training gave: the losses of its first and last epochs (NaN when the
/// solve diverged) and the largest relative difference of its reversible gradient to the
/// store-everything one over the epochs compared (NaN when none was).
struct training_result
{
    double first_loss = NAN, final_loss = NAN, largest_gradient_error = NAN;
};

inline double norm(const vec& a)
{
    double s = 0;
    for (double x : a)
        s += x * x;
    return std::sqrt(s);
}

/// Loss L = mean over paths and observations of ‖y(t_k) − data‖² / d, and its gradient
/// through `integrate` (integrate_reversible or integrate_discrete_adjoint): each block of
/// paths is one batched solve; the blocks run on opt.threads threads and their losses and
/// gradients are summed in block order (opt.where.sum), whatever the threads and ranks.
/// The solve is in the stepper's value_type (float or double); the loss and the parameter
/// gradient are summed in double.
template <class Stepper, class Integrate>
double loss_and_gradient(const problem& pr, const model& m,
                         const std::vector<std::vector<vec>>& data, const options& opt,
                         double dt, Integrate integrate, vec& gradient)
{
    using value = typename Stepper::value_type;
    using state = std::vector<value>;
    const std::size_t d = pr.dimension, K = pr.observation_times.size();
    const std::size_t P = m.parameter_count();
    const double scale = 1.0 / (double(data.size()) * double(K) * double(d));
    const odeint::block_plan plan(data.size(), std::size_t(opt.block));
    const auto range = opt.where.range(plan.blocks());
    const std::vector<value> times(pr.observation_times.begin(), pr.observation_times.end());
    // One const drift and diffusion serve every thread (their work space is per thread).
    const auto drift = m.batched_drift<value>();
    const auto diffusion = m.batched_diffusion<value>();
    std::vector<vec> partials(range.second - range.first);
    odeint::run_block_range(range.first, range.second, std::size_t(opt.threads), [&](std::size_t i) {
        const std::size_t first = plan.first(i), count = plan.count(i);
        const odeint::batched_brownian_path<value> noise(
            odeint::brownian_path<value>(opt.seed, value(0), value(pr.T), pr.grid_steps, d,
                                         first),
            count);
        const auto sde = odeint::make_stratonovich_sde<state>(drift, diffusion, noise,
                                                              odeint::diagonal_noise());
        state x(count * d), grad_x0(count * d);
        vec grad_p(P, 0.0);  // summed in double also for a float solve
        for (std::size_t b = 0; b < count; ++b)
            std::transform(pr.x0.begin(), pr.x0.end(), x.begin() + std::ptrdiff_t(b * d),
                           [](double x0) { return value(x0); });
        double loss = 0;
        const auto observe = [&](std::size_t k, const state& y, value, state& a) {
            for (std::size_t b = 0; b < count; ++b)
                for (std::size_t c = 0; c < d; ++c)
                {
                    const double e = double(y[b * d + c]) - data[first + b][k][c];
                    loss += scale * e * e;
                    a[b * d + c] += value(2 * scale * e);
                }
        };
        integrate(Stepper(), sde, x, times.begin(), times.end(), value(dt), observe, grad_x0,
                  grad_p);
        grad_p.push_back(loss);
        partials[i - range.first] = std::move(grad_p);
    });
    vec total;
    opt.where.sum(partials, total);
    const double loss = total.back();
    total.pop_back();
    gradient = std::move(total);
    return loss;
}

/// Trains a fresh model with Stepper at step dt; prints a progress line per epoch and
/// appends CSV rows.
template <class Stepper>
training_result train(const problem& pr, const options& opt, const char* solver, double dt,
                      std::FILE* csv)
{
    training_result result;
    const auto data = make_data(pr, opt);
    const bool prints = opt.where.prints;
    model m(pr.dimension, std::size_t(opt.width), pr.diffusion_scale, opt.seed + 17);
    odeint::adam_options<double> adam_options;  // Adam (nn/adam.hpp), its defaults but the rate
    adam_options.learning_rate = opt.learning_rate;
    odeint::adam<double> optimizer(m.parameter_count(), adam_options);
    const auto reversible = [](auto&&... a) { return odeint::integrate_reversible(a...); };
    const auto store_all = [](auto&&... a) { return odeint::integrate_discrete_adjoint(a...); };
    const auto start = std::chrono::steady_clock::now();
    if (prints)
        std::printf("== %s: %s, dt = %.5f (%d paths in blocks of %d, %d threads, %zu "
                    "parameters, %d epochs%s)\n",
                    pr.name.c_str(), solver, dt, opt.paths, opt.block, opt.threads,
                    m.parameter_count(), opt.epochs,
                    std::is_same<typename Stepper::value_type, float>::value
                        ? ", float32 solve"
                        : "");
    const double steps_per_path = std::ceil(pr.T / dt - 1e-9);
    double loss = NAN;
    vec gradient, reference;
    const auto diverged = [&result] {
        result.final_loss = NAN;
        return result;
    };
    for (int epoch = 1; epoch <= opt.epochs; ++epoch)
    {
        double relative_error = NAN;
        double epoch_seconds = NAN;
        try
        {
            const auto epoch_start = std::chrono::steady_clock::now();
            loss = loss_and_gradient<Stepper>(pr, m, data, opt, dt, reversible, gradient);
            epoch_seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() -
                                                          epoch_start)
                                .count();
            if (opt.gradient_check && (epoch == 1 || epoch % 10 == 0 || epoch == opt.epochs))
            {
                loss_and_gradient<Stepper>(pr, m, data, opt, dt, store_all, reference);
                vec difference = gradient;
                for (std::size_t i = 0; i < difference.size(); ++i)
                    difference[i] -= reference[i];
                relative_error = norm(difference) / norm(reference);
                if (!(relative_error <= result.largest_gradient_error))
                    result.largest_gradient_error = relative_error;
            }
        }
        catch (const std::runtime_error& e)
        {
            if (prints)
                std::printf("   epoch %d: the solve diverged: %s\n", epoch, e.what());
            if (csv)
                std::fprintf(csv, "%s,%s,%.6f,%d,nan,nan,nan,nan\n", pr.name.c_str(), solver, dt,
                             epoch);
            return diverged();
        }
        const double g = norm(gradient);
        if (!std::isfinite(loss) || !std::isfinite(g))
        {
            if (prints)
                std::printf("   epoch %d: loss or gradient not finite: training diverged\n",
                            epoch);
            return diverged();
        }
        if (epoch == 1)
            result.first_loss = loss;
        result.final_loss = loss;
        m.add_to_parameters(optimizer.update(gradient));
        const double elapsed =
            std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
        const double eta = elapsed / epoch * (opt.epochs - epoch);
        // The comparison with the store-everything adjoint is made on some epochs only
        // (1, every 10th, the last); other epochs print no comparison.
        char comparison[64] = "";
        if (std::isfinite(relative_error))
            std::snprintf(comparison, sizeof comparison, "  vs store-everything %9.2e",
                          relative_error);
        // path-steps/s: paths × forward steps per path over the seconds of the forward solve
        // and its reversible gradient (the store-all check is not counted).
        if (prints)
            std::printf("   epoch %4d/%d  loss %.10e  %7.3f s  %.3e path-steps/s  |grad| %.3e  "
                        "elapsed %6.1f s  ETA %6.1f s%s\n",
                        epoch, opt.epochs, loss, epoch_seconds,
                        double(opt.paths) * steps_per_path / epoch_seconds, g, elapsed, eta,
                        comparison);
        std::fflush(stdout);
        if (csv)
            std::fprintf(csv, "%s,%s,%.6f,%d,%.8e,%.6e,%.6e,%.3f\n", pr.name.c_str(), solver, dt,
                         epoch, loss, g, relative_error, elapsed);
    }
    return result;
}

/// The largest |x_i(T)| of the TRUE SDE on path 0, solved with Stepper at step dt (steps
/// longer than an observation gap are cut at the observations, as in training); infinity
/// when the solve produced a non-finite state.
template <class Stepper>
double true_solution_size(const problem& pr, std::uint64_t seed, double dt)
{
    const odeint::brownian_path<double> path(seed, 0.0, pr.T, pr.grid_steps, pr.dimension, 0);
    const auto sde = odeint::make_stratonovich_sde<vec>(pr.true_drift, pr.true_diffusion, path,
                                                        odeint::diagonal_noise());
    vec x = pr.x0;
    odeint::integrate_times(Stepper(), sde, x, pr.observation_times.begin(),
                            pr.observation_times.end(), dt, [](const vec&, double) {});
    double largest = 0;
    for (double xi : x)
        largest = std::isfinite(xi) ? std::max(largest, std::abs(xi)) : INFINITY;
    return largest;
}

/// Where each scheme stops working on the data-generating SDE itself: max |x_i(T)| for
/// step multiples 1 ... 16 of the matched-cost steps.
inline void stability_report(const problem& pr, const options& opt, double heun_dt)
{
    std::printf("== %s: max |x_i(T)| of the true SDE on path 0 (matched-cost steps)\n"
                "   scale  heun dt    reversible_heun     ees25          ees27\n",
                pr.name.c_str());
    for (double scale : {1.0, 2.0, 4.0, 8.0, 12.0, 16.0})
    {
        const double h = heun_dt * scale;
        std::printf("   %5.0f  %.5f   %12.4e  %12.4e  %12.4e\n", scale, h,
                    true_solution_size<odeint::reversible_heun<vec>>(pr, opt.seed, h),
                    true_solution_size<odeint::ees25<vec>>(pr, opt.seed, 3 * h),
                    true_solution_size<odeint::ees27<vec>>(pr, opt.seed, 4 * h));
    }
}

/// Runs the solvers asked for at matched cost: reversible Heun (1 evaluation a step) at dt,
/// EES25 (3) at 3 dt, EES27 (4) at 4 dt, all scaled by --step-scale.
inline int run(const problem& pr, const options& opt, double heun_dt)
{
    if (opt.stability)
    {
        stability_report(pr, opt, heun_dt);
        return 0;
    }
    std::FILE* csv = nullptr;
    if (!opt.csv.empty() && opt.where.prints)
    {
        csv = std::fopen(opt.csv.c_str(), "w");
        if (!csv)
            throw std::runtime_error("cannot write " + opt.csv);
        std::fprintf(csv, "experiment,solver,dt,epoch,loss,grad_norm,grad_rel_error,elapsed_s\n");
    }
    const double h = heun_dt * opt.step_scale;
    if (opt.where.prints)  // one introduction, from the rank that prints (MPI)
        std::printf(
        "== %s: training a neural SDE with reversible gradients, three solvers at equal cost\n"
        "   (equal vector-field evaluations per unit time: reversible Heun 1 per step at dt,\n"
        "   EES(2,5) 3 per step at 3 dt, EES(2,7) 4 per step at 4 dt). Each epoch prints the\n"
        "   loss and |gradient| from integrate_reversible (memory independent of the number\n"
        "   of steps); on epochs 1, every 10th and the last it also prints the relative\n"
        "   difference to the gradient of the store-everything adjoint\n"
        "   (integrate_discrete_adjoint, the exact gradient of the same discrete solve):\n"
        "   rounding for reversible Heun, the reconstruction error for EES.\n",
        pr.name.c_str());
    if (opt.where.prints)  // what each printed number means
    {
        const model shape(pr.dimension, std::size_t(opt.width), pr.diffusion_scale, 0);
        const auto sizes = [](const odeint::mlp<double>& net) {
            std::string text;
            for (std::size_t n : net.layer_sizes())
                text += (text.empty() ? "" : "-") + std::to_string(n);
            return text;
        };
        std::printf(
            "   What the numbers below mean:\n"
            "   parameters    weights and biases, all trained: drift MLP %s (state and t in,\n"
            "                 drift out) %zu, diffusion MLP %s (diagonal noise out) %zu\n"
            "   paths, blocks each path is one Brownian sample and its data; a block of paths is\n"
            "                 solved as one batched state, the blocks shared among the threads\n"
            "   loss          mean over paths, observation times and components of the squared\n"
            "                 distance between the model's solution and the data\n"
            "   s             seconds of the epoch's forward solve and reversible gradient\n"
            "   path-steps/s  paths x solver steps per path / those seconds; an EES step costs\n"
            "                 3 (ees25) or 4 (ees27) evaluations to Heun's 1: equal speed shows\n"
            "                 as 1/3 or 1/4 of Heun's rate\n"
            "   |grad|        Euclidean norm of the loss gradient over all parameters\n"
            "   elapsed, ETA  seconds since this solver started, and the estimate to its end\n"
            "   vs store-everything  |g_reversible - g_store| / |g_store|, relative difference\n",
            sizes(shape.drift.network()).c_str(), shape.drift.network().parameter_count(),
            sizes(shape.diffusion.field.network()).c_str(),
            shape.diffusion.field.network().parameter_count());
    }
    struct summary
    {
        const char* solver;
        double dt;
        training_result training;
    };
    std::vector<summary> results;
    // The steppers in the precision of the solve (--float: float32 states, steps and times).
    const auto train_all = [&](auto precision) {
        using value = decltype(precision);
        using state = std::vector<value>;
        using heun = odeint::reversible_heun<state, value, state, value>;
        using ees25 = odeint::ees25<state, value, state, value>;
        using ees27 = odeint::ees27<state, value, state, value>;
        if (opt.solver == "all" || opt.solver == "reversible_heun")
            results.push_back({"reversible_heun", h, train<heun>(pr, opt, "reversible_heun", h, csv)});
        if (opt.solver == "all" || opt.solver == "ees25")
            results.push_back({"ees25", 3 * h, train<ees25>(pr, opt, "ees25", 3 * h, csv)});
        if (opt.solver == "all" || opt.solver == "ees27")
            results.push_back({"ees27", 4 * h, train<ees27>(pr, opt, "ees27", 4 * h, csv)});
    };
    if (opt.single_precision)
        train_all(float());
    else
        train_all(double());
    if (results.empty())
        throw std::invalid_argument("unknown solver " + opt.solver);
    if (csv)
        std::fclose(csv);
    // --check: every rank decides alike (the losses are the same on every rank).
    int status = 0;
    if (opt.check_gradient_error > 0)
        for (const auto& r : results)
        {
            const training_result& t = r.training;
            const char* failure = !std::isfinite(t.final_loss) ? "diverged"
                                  : !(t.final_loss < t.first_loss) ? "loss did not fall"
                                  : opt.gradient_check &&
                                          !(t.largest_gradient_error <= opt.check_gradient_error)
                                      ? "reversible gradient too far from the store-everything one"
                                      : nullptr;
            if (failure)
            {
                std::fprintf(stderr,
                             "check failed: %s, dt = %.5f: %s (first loss %.6e, final %.6e, "
                             "largest relative gradient difference %.3e, bound %.3e)\n",
                             r.solver, r.dt, failure, t.first_loss, t.final_loss,
                             t.largest_gradient_error, opt.check_gradient_error);
                status = 1;
            }
        }
    if (!opt.where.prints)
        return status;
    std::printf("== %s: final training loss (each solver's last epoch; same data, same initial\n"
                "   network, same cost per unit time; lower is a closer fit)\n",
                pr.name.c_str());
    for (const auto& r : results)
        if (std::isfinite(r.training.final_loss))
            std::printf("   %-16s dt = %.5f   loss %.17g\n", r.solver, r.dt, r.training.final_loss);
        else
            std::printf("   %-16s dt = %.5f   loss diverged\n", r.solver, r.dt);
    // What the table means, from what it shows.
    double lowest = INFINITY, highest = 0;
    bool diverged = false;
    for (const auto& r : results)
    {
        if (!std::isfinite(r.training.final_loss))
            diverged = true;
        else
        {
            lowest = std::min(lowest, r.training.final_loss);
            highest = std::max(highest, r.training.final_loss);
        }
    }
    if (results.size() > 1 && diverged)
        std::printf("   A solver diverged at its step: it cannot train at this cost.\n");
    else if (results.size() > 1 && highest <= 1.05 * lowest)
        std::printf(
            "   Nearly equal losses: for the same work the EES schemes take 3-4x longer steps and\n"
            "   train as well here. What separates the schemes is longer steps (--step-scale K)\n"
            "   and their stability (--stability); doc/neural_sde.md has the full runs.\n");
    else if (results.size() > 1)
        std::printf(
            "   At the same cost the losses differ by %.1fx after %d epochs; doc/neural_sde.md\n"
            "   has the full runs (--full) and what they show.\n",
            highest / lowest, opt.epochs);
    return status;
}

/// The examples' main(): parse the options (short run, or the `full_epochs` × `full_paths`
/// run with --full), build the problem and run it; errors go to stderr with exit code 2.
template <class MakeProblem>
int main(int argc, char** argv, MakeProblem make_problem, int quick_paths, int full_epochs,
         int full_paths, double heun_dt, const distribution& where = distribution())
{
    try
    {
        options quick;
        quick.epochs = 10;
        quick.paths = quick_paths;
        options full;
        full.epochs = full_epochs;
        full.paths = full_paths;
        options opt = parse(argc, argv, quick, full);
        opt.where = where;
        return run(make_problem(), opt, heun_dt);
    }
    catch (const std::exception& e)
    {
        std::fprintf(stderr, "%s: %s\n", argv[0], e.what());
        return 2;
    }
}

} // namespace neural_sde

#endif
