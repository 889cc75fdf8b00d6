// The single-step gradient error of the reversible adjoint (Shmelev & Salvi's figure): how far
// the parameter gradient of ONE solver step computed by integrate_reversible (the start of the
// step reconstructed by inverse_do_step) is from the exact gradient of the same discrete step
// (integrate_discrete_adjoint, the start stored), as the step h shrinks, in float32 and
// float64.
//
//   model   a latent neural SDE: hidden state y in R^32, y(0) a trained vector,
//           dy = f([y, t]) dt + s tanh(g(y)) ∘ dW, f and g MLPs with one hidden layer of
//           width 32 (LipSwish), diagonal noise, observed through a linear decoder x = D y + c
//   data    OU: dX = 0.2 (0.1 - X) dt + 2 dW, X(0) = 1, T = 10, observed at t = 0.5, ..., 10
//           (20 observations and X(0)), 64 paths; component 0 of the model's Brownian motion
//           is the data's, so the pathwise loss is meaningful
//   train   ees25 at dt = 0.1, gradients by integrate_reversible, Adam (nn/adam.hpp) at rate
//           1e-2; --epochs (default 100: a short training, about 15 s on one core)
//   measure from the trained model's hidden state at t = 0.5 on 64 paths (fixed: computed
//           once, in double), one step of size h = 1/256 ... 8 (the paper's 1/256 ... 1/2, and on to
//           where our model's error reaches 1) under the Brownian increment
//           dW = sqrt(h) Z, Z fixed by the noise seed (5 seeds); loss = mean over paths of
//           (D y(0.5 + h) + c - X(1))^2; the gradient with respect to the drift's and the
//           diffusion's parameters from integrate_reversible and from
//           integrate_discrete_adjoint; their relative L2 distance and cosine similarity;
//           ees25, ees27 and reversible_heun; float and double (the trained parameters and
//           the hidden state rounded to float for the float runs). The sweep is repeated
//           with dW = h Z (the diffusion multiplied by sqrt(h)): a deterministic step of h,
//           the regime of the reversal order's h^(p+1) (doc/neural_sde.md).
//
//   single_step_gradient [--epochs N] [--csv FILE]
//   single_step_gradient --csv doc/figures/single_step_gradient.csv
//   gnuplot example/neural_sde/plot_single_step_gradient.gp   (from the repository root:
//           doc/figures/single_step_gradient.csv to doc/figures/single_step_gradient.png)
//
// Prints the mean relative error and mean cosine per solver, precision and h, and the error's
// slope per halving of h (log2 of the ratio of neighbouring means).
#include "neural_sde_training.hpp"

#include <array>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <vector>

namespace {

namespace odeint = boost::numeric::odeint;
using neural_sde::vec;

constexpr std::size_t hidden = 32, width = 32, paths = 64;
constexpr double diffusion_scale = 1.0;
constexpr std::uint64_t data_seed = 2026;

neural_sde::problem ornstein_uhlenbeck()
{
    const double theta = 0.2, mu = 0.1, sigma = 2.0;
    neural_sde::problem pr;
    pr.name = "ou";
    pr.dimension = 1;
    pr.T = 10.0;
    for (int k = 0; k <= 20; ++k)
        pr.observation_times.push_back(0.5 * k);
    pr.grid_steps = 200;  // h = 0.05: the data's step; the model's 0.1 is two grid steps
    pr.diffusion_scale = diffusion_scale;
    pr.x0 = vec{1.0};
    pr.true_drift = [=](const vec& x, vec& f, double) { f[0] = theta * (mu - x[0]); };
    pr.true_diffusion = [=](const vec&, vec& g, double) { g[0] = sigma; };
    return pr;
}

/// The latent model. θ = (drift θ, diffusion θ, y(0), D, c); the SDE's parameters come first,
/// so the parameter gradient of a solve is the first sde_parameters() entries of θ's.
struct latent_model
{
    odeint::mlp<double> drift{{hidden + 1, width, hidden}, odeint::mlp_activation::lipswish, 7};
    odeint::mlp<double> diffusion{{hidden, width, hidden}, odeint::mlp_activation::lipswish, 8,
                                  odeint::mlp_output_activation::tanh};
    vec y0 = vec(hidden, 0.0), decoder = vec(hidden, 1.0 / double(hidden));
    double bias = 0;

    std::size_t sde_parameters() const
    {
        return drift.parameter_count() + diffusion.parameter_count();
    }
    std::size_t parameters() const { return sde_parameters() + 2 * hidden + 1; }

    vec theta() const
    {
        vec t = drift.parameters();
        t.insert(t.end(), diffusion.parameters().begin(), diffusion.parameters().end());
        t.insert(t.end(), y0.begin(), y0.end());
        t.insert(t.end(), decoder.begin(), decoder.end());
        t.push_back(bias);
        return t;
    }

    void set_theta(const vec& t)
    {
        auto it = t.begin();
        const auto take = [&it](vec& v) {
            std::copy(it, it + std::ptrdiff_t(v.size()), v.begin());
            it += std::ptrdiff_t(v.size());
        };
        take(drift.parameters());
        take(diffusion.parameters());
        take(y0);
        take(decoder);
        bias = *it;
    }
};

/// The model's drift and diffusion in Value, for a batch of paths.
template <class Value>
std::pair<odeint::batched_mlp_field<Value>, odeint::batched_mlp_field<Value>>
fields(const latent_model& m, double noise_factor = 1.0)
{
    const auto cast = [](const odeint::mlp<double>& net) {
        odeint::mlp<Value> out(net.layer_sizes(), net.hidden_activation(), 0,
                               net.output_activation());
        std::transform(net.parameters().begin(), net.parameters().end(),
                       out.parameters().begin(), [](double p) { return Value(p); });
        return out;
    };
    return {odeint::batched_mlp_field<Value>(cast(m.drift), odeint::mlp_time::input),
            odeint::batched_mlp_field<Value>(cast(m.diffusion), odeint::mlp_time::ignored,
                                             m.drift.parameter_count(),
                                             Value(diffusion_scale * noise_factor))};
}

/// Trains the latent model on the OU data for `epochs` epochs (ees25, dt = 0.1, reversible
/// gradients, Adam); prints every 10th epoch's loss.
void train(latent_model& m, const neural_sde::problem& pr,
           const std::vector<std::vector<vec>>& data, int epochs)
{
    const double dt = 0.1;
    odeint::adam_options<double> options;
    options.learning_rate = 1e-2;
    odeint::adam<double> optimizer(m.parameters(), options);
    const std::size_t K = pr.observation_times.size();
    const double scale = 1.0 / double(paths * K);
    for (int epoch = 1; epoch <= epochs; ++epoch)
    {
        const auto f = fields<double>(m);
        const odeint::batched_brownian_path<double> noise(
            odeint::brownian_path<double>(data_seed, 0.0, pr.T, pr.grid_steps, hidden, 0), paths);
        const auto sde = odeint::make_stratonovich_sde<vec>(f.first, f.second, noise,
                                                            odeint::diagonal_noise());
        vec y(paths * hidden), grad_y0(paths * hidden), gradient(m.parameters(), 0.0);
        for (std::size_t b = 0; b < paths; ++b)
            std::copy(m.y0.begin(), m.y0.end(), y.begin() + std::ptrdiff_t(b * hidden));
        double loss = 0;
        double* grad_decoder = &gradient[m.sde_parameters() + hidden];
        const auto observe = [&](std::size_t k, const vec& x, double, vec& a) {
            for (std::size_t b = 0; b < paths; ++b)
            {
                double out = m.bias;
                for (std::size_t i = 0; i < hidden; ++i)
                    out += m.decoder[i] * x[b * hidden + i];
                const double e = out - data[b][k][0];
                loss += scale * e * e;
                for (std::size_t i = 0; i < hidden; ++i)
                {
                    a[b * hidden + i] += 2 * scale * e * m.decoder[i];
                    grad_decoder[i] += 2 * scale * e * x[b * hidden + i];
                }
                grad_decoder[hidden] += 2 * scale * e;
            }
        };
        vec grad_p(m.sde_parameters(), 0.0);
        odeint::integrate_reversible(odeint::ees25<vec>(), sde, y, pr.observation_times.begin(),
                                     pr.observation_times.end(), dt, observe, grad_y0, grad_p);
        std::copy(grad_p.begin(), grad_p.end(), gradient.begin());
        for (std::size_t b = 0; b < paths; ++b)
            for (std::size_t i = 0; i < hidden; ++i)
                gradient[m.sde_parameters() + i] += grad_y0[b * hidden + i];
        vec theta = m.theta();
        optimizer.step(theta, gradient);
        m.set_theta(theta);
        if (epoch == 1 || epoch % 10 == 0 || epoch == epochs)
            std::printf("   training epoch %3d  loss %.6e\n", epoch, loss);
    }
}

/// The hidden state at t = 0.5 of the trained model on the 64 training paths (ees25, dt 0.05).
vec hidden_state(const latent_model& m, const neural_sde::problem& pr)
{
    const auto f = fields<double>(m);
    const odeint::batched_brownian_path<double> noise(
        odeint::brownian_path<double>(data_seed, 0.0, pr.T, pr.grid_steps, hidden, 0), paths);
    const auto sde =
        odeint::make_stratonovich_sde<vec>(f.first, f.second, noise, odeint::diagonal_noise());
    vec y(paths * hidden);
    for (std::size_t b = 0; b < paths; ++b)
        std::copy(m.y0.begin(), m.y0.end(), y.begin() + std::ptrdiff_t(b * hidden));
    odeint::ees25<vec> stepper;
    for (int k = 0; k < 10; ++k)
        stepper.do_step(sde, y, 0.05 * k, 0.05);
    return y;
}

template <class T>
struct tag
{
    using type = T;
};

struct measurement
{
    double relative_error, cosine;
};

/// A batch of double Brownian paths with its increments in Value (rounded for float).
template <class Value>
struct path_in
{
    using value_type = Value;
    using time_type = Value;
    odeint::batched_brownian_path<double> path;

    std::size_t dimension() const { return path.dimension(); }

    template <class Increment>
    void increment(Value s, Value u, Increment& dW) const
    {
        std::vector<double> w(path.dimension());
        path.increment(double(s), double(u), w);
        std::transform(w.begin(), w.end(), dW.begin(), [](double x) { return Value(x); });
    }
};

/// How the step's increment K = (h, dW) scales with h: the Brownian dW = sqrt(h) Z, or
/// dW = h Z (the diffusion multiplied by sqrt(h)), a deterministic step of h along f + g Z.
enum class increments { brownian, proportional_to_h };

/// One step of h from the hidden state y (rounded to Value) under noise seed `seed`: the
/// reversible parameter gradient against the exact one of the same step.
template <class Stepper, class Value>
measurement one_step(const latent_model& m, const vec& y_start, const vec& target, Value h,
                     std::uint64_t seed, increments kind)
{
    using state = std::vector<Value>;
    const auto f =
        fields<Value>(m, kind == increments::brownian ? 1.0 : std::sqrt(double(h)));
    const Value t0 = Value(0.5);
    // The same Brownian increments in both precisions: the double path's, rounded to float
    // for the float runs (a float path would draw other normals).
    const odeint::batched_brownian_path<double> noise(
        odeint::brownian_path<double>(seed, 0.5, 0.5 + double(h), 1, hidden, 0), paths);
    const auto sde = odeint::make_stratonovich_sde<state>(f.first, f.second,
                                                          path_in<Value>{noise},
                                                          odeint::diagonal_noise());
    state decoder(m.decoder.begin(), m.decoder.end());
    const Value bias = Value(m.bias);
    const auto terminal = [&](const state& y, state& a) {
        for (std::size_t b = 0; b < paths; ++b)
        {
            Value out = bias;
            for (std::size_t i = 0; i < hidden; ++i)
                out += decoder[i] * y[b * hidden + i];
            const Value e = out - Value(target[b]);
            for (std::size_t i = 0; i < hidden; ++i)
                a[b * hidden + i] = Value(2) / Value(paths) * e * decoder[i];
        }
    };
    const state start(y_start.begin(), y_start.end());
    state x = start, grad_x0(start.size());
    // The parameter cotangents are summed in double also for a float state (batched_mlp.hpp).
    vec reversible(m.sde_parameters(), 0.0), exact(m.sde_parameters(), 0.0);
    odeint::integrate_reversible(Stepper(), sde, x, t0, t0 + h, h, terminal, grad_x0,
                                 reversible);
    x = start;
    odeint::integrate_discrete_adjoint(Stepper(), sde, x, t0, t0 + h, h, terminal, grad_x0,
                                       exact);
    double difference = 0, norm_exact = 0, norm_reversible = 0, dot = 0;
    for (std::size_t k = 0; k < exact.size(); ++k)
    {
        const double r = double(reversible[k]), e = double(exact[k]);
        difference += (r - e) * (r - e);
        norm_exact += e * e;
        norm_reversible += r * r;
        dot += r * e;
    }
    return {std::sqrt(difference / norm_exact), dot / std::sqrt(norm_exact * norm_reversible)};
}

struct row
{
    std::string increments, precision, solver;
    double h;
    std::vector<measurement> seeds;
};

template <class Value>
void sweep(const latent_model& m, const vec& y, const vec& target, const char* precision,
           increments kind, std::vector<row>& rows)
{
    const auto run = [&](const char* solver, auto stepper_tag) {
        using Stepper = typename decltype(stepper_tag)::type;
        for (int e = 8; e >= -3; --e)
        {
            row r{kind == increments::brownian ? "brownian" : "proportional",
                  precision, solver, std::ldexp(1.0, -e), {}};
            for (std::uint64_t seed = 1; seed <= 5; ++seed)
                r.seeds.push_back(one_step<Stepper, Value>(
                    m, y, target, Value(std::ldexp(1.0, -e)), seed, kind));
            rows.push_back(r);
        }
    };
    using state = std::vector<Value>;
    run("ees25", tag<odeint::ees25<state, Value, state, Value>>());
    run("ees27", tag<odeint::ees27<state, Value, state, Value>>());
    run("reversible_heun", tag<odeint::reversible_heun<state, Value, state, Value>>());
}

double mean(const std::vector<measurement>& v, double measurement::*field)
{
    double s = 0;
    for (const auto& x : v)
        s += x.*field;
    return s / double(v.size());
}

} // namespace

int main(int argc, char** argv)
{
    int epochs = 100;
    std::string csv_name;
    for (int i = 1; i < argc; ++i)
    {
        const std::string a = argv[i];
        if (a == "--epochs" && i + 1 < argc)
        {
            char* end = nullptr;
            const long n = std::strtol(argv[++i], &end, 10);
            if (end == argv[i] || *end != '\0' || n < 0 || n > 1000000)
                return std::fprintf(stderr, "%s: --epochs %s must be a whole number from 0 to "
                                    "1000000\n", argv[0], argv[i]), 2;
            epochs = int(n);
        }
        else if (a == "--csv" && i + 1 < argc)
            csv_name = argv[++i];
        else
            return std::fprintf(stderr, "usage: %s [--epochs N] [--csv FILE] (unknown or "
                                "incomplete argument %s)\n", argv[0], a.c_str()), 2;
    }
    const neural_sde::problem pr = ornstein_uhlenbeck();
    neural_sde::options opt;
    opt.paths = int(paths);
    opt.seed = data_seed;
    const auto data = neural_sde::make_data(pr, opt);
    latent_model m;
    std::printf("== single-step gradient error: latent neural SDE, hidden %zu, MLPs with one "
                "hidden layer of width %zu, %zu SDE parameters; OU data, %zu paths, %d epochs\n",
                hidden, width, m.sde_parameters(), paths, epochs);
    train(m, pr, data, epochs);
    const vec y = hidden_state(m, pr);
    vec target(paths);
    for (std::size_t b = 0; b < paths; ++b)
        target[b] = data[b][2][0];  // X(1)
    std::vector<row> rows;
    for (increments kind : {increments::brownian, increments::proportional_to_h})
    {
        sweep<double>(m, y, target, "float64", kind, rows);
        sweep<float>(m, y, target, "float32", kind, rows);
    }

    std::FILE* csv = csv_name.empty() ? nullptr : std::fopen(csv_name.c_str(), "w");
    if (!csv_name.empty() && !csv)
        return std::fprintf(stderr, "%s: cannot write %s\n", argv[0], csv_name.c_str()), 2;
    if (csv)
        std::fprintf(csv, "increments,precision,solver,h,mean_relative_error,min_relative_error,"
                          "max_relative_error,mean_cosine,min_cosine,seed_errors\n");
    std::printf("== mean over 5 noise seeds of |g_rev - g_exact| / |g_exact| and of the cosine;\n"
                "   slope = log2(error(2h) / error(h)), the order per halving of h\n"
                "   increments: brownian dW = sqrt(h) Z; proportional dW = h Z (diffusion times\n"
                "   sqrt(h)), a deterministic step\n"
                "   increments   precision solver            h        rel. error   slope   cosine\n");
    double previous = NAN;
    for (const auto& r : rows)
    {
        const double error = mean(r.seeds, &measurement::relative_error);
        const double cosine = mean(r.seeds, &measurement::cosine);
        const double slope = r.h == 1.0 / 256 ? NAN : std::log2(error / previous);
        char h_text[16];
        if (r.h < 1)
            std::snprintf(h_text, sizeof h_text, "1/%.0f", 1 / r.h);
        else
            std::snprintf(h_text, sizeof h_text, "%.0f", r.h);
        std::printf("   %-12s %-9s %-16s %-6s   %10.3e  %6.2f  %8.4f\n", r.increments.c_str(),
                    r.precision.c_str(), r.solver.c_str(), h_text, error, slope, cosine);
        previous = error;
        if (csv)
        {
            double lo = INFINITY, hi = 0, lowest_cosine = INFINITY;
            std::string seeds;
            for (const auto& x : r.seeds)
            {
                lo = std::min(lo, x.relative_error);
                hi = std::max(hi, x.relative_error);
                lowest_cosine = std::min(lowest_cosine, x.cosine);
                char text[32];
                std::snprintf(text, sizeof text, "%s%.6e", seeds.empty() ? "" : " ",
                              x.relative_error);
                seeds += text;
            }
            std::fprintf(csv, "%s,%s,%s,%.10g,%.6e,%.6e,%.6e,%.8f,%.8f,%s\n",
                         r.increments.c_str(), r.precision.c_str(), r.solver.c_str(), r.h, error,
                         lo, hi, cosine, lowest_cosine, seeds.c_str());
        }
    }
    if (csv)
        std::fclose(csv);
    return 0;
}
