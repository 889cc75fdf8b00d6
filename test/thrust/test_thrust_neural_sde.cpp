// The neural SDE on a device batch (external/thrust/thrust_batched_mlp.hpp) against the
// single-path host computation it batches: mlp_vector_field drift and s·tanh(MLP) diffusion
// (nn/mlp.hpp), one make_stratonovich_sde solve per path on that path's brownian_path,
// gradients summed over the paths.
//
// What is equal and what is not. The noise (path b of the batch is the host path of index b)
// and the element-wise parts run the host's operations in the host's order: on a CPU backend
// they are bitwise the host's. The matrix products (Eigen here, cuBLAS on a GPU) sum each
// dot product of k terms (k = fan-in + 1) in their own order instead of left to right, so each
// pre-activation differs from the host's by at most γ_k Σ_j |w_ij a_j| ≈ k eps Σ_j |w_ij a_j|
// (Higham §3.1). Over the short horizons here the solve and its adjoint contract, so the
// differences do not accumulate over the steps, and states, field values and gradients
// (including the parameter gradient summed over paths and steps, in double) stay within
//     rounding_bound = 4 k eps max(1, scale)
// of the host's, scale the largest host value compared (measured: 1–13 % of the bound).
#include "thrust_test_support.hpp"

#include <boost/numeric/odeint/external/thrust/thrust_batched_mlp.hpp>
#include <boost/numeric/odeint/nn/mlp.hpp>

#include <thrust/copy.h>

#include <cstdint>

using namespace boost::numeric::odeint;
using namespace thrust_test;

namespace {

/// s · mlp_vector_field on the host: the single-path diffusion (bounded_diffusion of
/// example/neural_sde): g = tanh(MLP(y)) s, vjp through s·u.
template <class Value>
struct host_scaled_field
{
    mlp_vector_field<Value> field;
    Value scale;

    template <class Time>
    void operator()(const host_vector<Value>& y, host_vector<Value>& g, Time t) const
    {
        field(y, g, t);
        for (auto& gi : g)
            gi *= scale;
    }

    template <class Time, class ParameterAdjoint>
    void vjp(const host_vector<Value>& y, Time t, const host_vector<Value>& u,
             host_vector<Value>& adj_y, ParameterAdjoint& adj_p) const
    {
        host_vector<Value> scaled(u);
        for (auto& x : scaled)
            x *= scale;
        field.vjp(y, t, scaled, adj_y, adj_p);
    }
};

/// The paper's model at test size: drift MLP([y, t]) with 2 hidden LipSwish layers, diffusion
/// s·tanh(MLP(y)) with one, both of width w, on B paths of d components.
template <class Value>
struct neural_model
{
    std::size_t d, width, paths, steps;
    Value T, scale;
    std::uint64_t seed;
    mlp<Value> drift_network, diffusion_network;

    neural_model(std::size_t d_, std::size_t width_, std::size_t paths_, std::size_t steps_)
        : d(d_), width(width_), paths(paths_), steps(steps_), T(Value(0.5)), scale(Value(0.5)),
          seed(41), drift_network({d + 1, width, width, d}, mlp_activation::lipswish, 5),
          diffusion_network({d, width, d}, mlp_activation::lipswish, 6,
                            mlp_output_activation::tanh)
    {
    }

    std::size_t parameter_count() const
    {
        return drift_network.parameter_count() + diffusion_network.parameter_count();
    }
    Value dt() const { return T / static_cast<Value>(steps); }
    brownian_path<Value> first_path() const
    {
        return brownian_path<Value>(seed, Value(0), T, steps, d, 0);
    }
    thrust_brownian_path<Value> noise() const
    {
        return thrust_brownian_path<Value>(first_path(), paths);
    }

    thrust_neural_sde<Value> device_sde() const
    {
        return make_thrust_neural_sde(
            thrust_batched_mlp_field<Value>(drift_network, mlp_time::input),
            thrust_batched_mlp_field<Value>(diffusion_network, mlp_time::ignored,
                                            drift_network.parameter_count(), scale),
            noise());
    }

    mlp_vector_field<Value> host_drift() const
    {
        return mlp_vector_field<Value>(drift_network, mlp_time::input);
    }
    host_scaled_field<Value> host_diffusion() const
    {
        return {mlp_vector_field<Value>(diffusion_network, mlp_time::ignored,
                                        drift_network.parameter_count()),
                scale};
    }
    auto host_sde(std::size_t b) const
    {
        return make_stratonovich_sde<host_vector<Value>>(host_drift(), host_diffusion(),
                                                         noise().member(b), diagonal_noise());
    }

    /// Starting states: component i of path b is 0.5 + 0.1 sin(b + 2 i) (all different).
    host_vector<Value> start() const
    {
        host_vector<Value> y(paths * d);
        for (std::size_t b = 0; b < paths; ++b)
            for (std::size_t i = 0; i < d; ++i)
                y[b * d + i] = Value(0.5) + Value(0.1) * std::sin(Value(b + 2 * i));
        return y;
    }

    /// The bound of the header comment for values of size `scale_of_values`.
    double rounding_bound(double scale_of_values) const
    {
        const double k = double(width + 1);
        return 4.0 * k * double(std::numeric_limits<Value>::epsilon()) *
               std::max(1.0, scale_of_values);
    }
};

template <class Value>
double max_abs(const host_vector<Value>& a)
{
    double m = 0;
    for (Value x : a)
        m = std::max(m, std::abs(double(x)));
    return m;
}

template <class Value>
double max_abs_difference(const host_vector<Value>& a, const host_vector<Value>& b)
{
    REQUIRE(a.size() == b.size());
    double m = 0;
    for (std::size_t i = 0; i < a.size(); ++i)
        m = std::max(m, std::abs(double(a[i]) - double(b[i])));
    return m;
}

struct half_square_loss
{
    template <class State, class Adjoint>
    void operator()(const State& x, Adjoint& a) const
    {
        thrust::copy(x.begin(), x.end(), a.begin());  // L = Σ x²/2
    }
};

} // namespace

TEMPLATE_TEST_CASE("the device neural SDE's field and vjp equal the single-path mlp fields "
                   "path by path",
                   "[thrust][neural]", float, double)
{
    using Value = TestType;
    const neural_model<Value> model(3, 8, 17, 4);
    const auto sde = model.device_sde();
    const host_vector<Value> y0 = model.start();
    const device_vector<Value> y(y0.begin(), y0.end());
    const Value t = Value(0.3);
    auto F = sde.make_field(y);
    sde(y, F, t);

    // A cotangent G with different values everywhere, and the vjp into a host gradient.
    host_vector<Value> gf(y0.size()), gg(y0.size());
    for (std::size_t e = 0; e < gf.size(); ++e)
    {
        gf[e] = Value(0.3) * std::cos(Value(e));
        gg[e] = Value(0.2) * std::sin(Value(3 * e + 1));
    }
    auto G = sde.make_field(y);
    thrust::copy(gf.begin(), gf.end(), G.drift.begin());
    thrust::copy(gg.begin(), gg.end(), G.diffusion.begin());
    device_vector<Value> adj_y(y0.size(), Value(0.25));
    std::vector<double> adj_p(model.parameter_count(), 0.0);
    sde.vjp(y, t, G, adj_y, adj_p);
    // The same with the parameter cotangent kept on the device.
    device_vector<Value> adj_y_device(y0.size(), Value(0.25));
    thrust::device_vector<double> adj_p_device(model.parameter_count(), 0.0);
    sde.vjp(y, t, G, adj_y_device, adj_p_device);

    const std::size_t d = model.d;
    host_vector<Value> host_f(y0.size()), host_g(y0.size()), host_adj_y(y0.size());
    std::vector<double> host_adj_p(model.parameter_count(), 0.0);
    const auto drift = model.host_drift();
    const auto diffusion = model.host_diffusion();
    for (std::size_t b = 0; b < model.paths; ++b)
    {
        const host_vector<Value> yb(y0.begin() + b * d, y0.begin() + (b + 1) * d);
        host_vector<Value> f(d), g(d), vf(gf.begin() + b * d, gf.begin() + (b + 1) * d),
            vg(gg.begin() + b * d, gg.begin() + (b + 1) * d), a(d, Value(0.25));
        drift(yb, f, t);
        diffusion(yb, g, t);
        drift.vjp(yb, t, vf, a, host_adj_p);
        diffusion.vjp(yb, t, vg, a, host_adj_p);
        std::copy(f.begin(), f.end(), host_f.begin() + b * d);
        std::copy(g.begin(), g.end(), host_g.begin() + b * d);
        std::copy(a.begin(), a.end(), host_adj_y.begin() + b * d);
    }
    const double bound_f = model.rounding_bound(max_abs(host_f));
    const double bound_g = model.rounding_bound(max_abs(host_g));
    const double bound_a = model.rounding_bound(max_abs(host_adj_y));
    const double df = max_abs_difference(to_host(F.drift), host_f);
    const double dg = max_abs_difference(to_host(F.diffusion), host_g);
    const double da = max_abs_difference(to_host(adj_y), host_adj_y);
    double dp = 0, scale_p = 0;
    for (std::size_t j = 0; j < adj_p.size(); ++j)
    {
        dp = std::max(dp, std::abs(adj_p[j] - host_adj_p[j]));
        scale_p = std::max(scale_p, std::abs(host_adj_p[j]));
    }
    const double bound_p = model.rounding_bound(scale_p);
    INFO("f: " << df << " (bound " << bound_f << "), g: " << dg << " (bound " << bound_g
               << "), adj_y: " << da << " (bound " << bound_a << "), adj_p: " << dp
               << " (bound " << bound_p << ")");
    CHECK(df <= bound_f);
    CHECK(dg <= bound_g);
    CHECK(da <= bound_a);
    CHECK(dp <= bound_p);
    // Device-side and host-side parameter sums are the same sums.
    CHECK(to_host(adj_y_device) == to_host(adj_y));
    std::vector<double> on_device(adj_p_device.size());
    thrust::copy(adj_p_device.begin(), adj_p_device.end(), on_device.begin());
    CHECK(on_device == adj_p);
}

TEMPLATE_TEST_CASE("integrate_reversible on the device neural SDE batch gives the per-path "
                   "host solves and the sum of their gradients",
                   "[thrust][neural][gradient]", float, double)
{
    using Value = TestType;
    const neural_model<Value> model(3, 8, 13, 12);
    const Value dt = model.dt();
    const auto sde = model.device_sde();

    auto check = [&](auto device_stepper, auto host_stepper, const char* name) {
        INFO(name);
        const host_vector<Value> y0 = model.start();
        device_vector<Value> y(y0.begin(), y0.end()), grad_y0(y0.size());
        std::vector<double> grad_p(model.parameter_count(), 0.0);
        const auto result = integrate_reversible(device_stepper, sde, y, Value(0), model.T, dt,
                                                 half_square_loss(), grad_y0, grad_p);
        CHECK(result.steps == model.steps);

        const std::size_t d = model.d;
        host_vector<Value> host_y(y0.size()), host_grad_y0(y0.size());
        std::vector<double> host_grad_p(model.parameter_count(), 0.0);  // paths ADD theirs
        for (std::size_t b = 0; b < model.paths; ++b)
        {
            host_vector<Value> yb(y0.begin() + b * d, y0.begin() + (b + 1) * d), g(d);
            integrate_reversible(
                host_stepper, model.host_sde(b), yb, Value(0), model.T, dt,
                [](const host_vector<Value>& x, host_vector<Value>& a) { a = x; }, g,
                host_grad_p);
            std::copy(yb.begin(), yb.end(), host_y.begin() + b * d);
            std::copy(g.begin(), g.end(), host_grad_y0.begin() + b * d);
        }
        const double dy = max_abs_difference(to_host(y), host_y);
        const double dg = max_abs_difference(to_host(grad_y0), host_grad_y0);
        double dp = 0, scale_p = 0;
        for (std::size_t j = 0; j < grad_p.size(); ++j)
        {
            dp = std::max(dp, std::abs(grad_p[j] - host_grad_p[j]));
            scale_p = std::max(scale_p, std::abs(host_grad_p[j]));
        }
        const double bound_y = model.rounding_bound(max_abs(host_y));
        const double bound_g = model.rounding_bound(max_abs(host_grad_y0));
        const double bound_p = model.rounding_bound(scale_p);
        INFO("y(T): " << dy << " (bound " << bound_y << "), dL/dy0: " << dg << " (bound "
                      << bound_g << "), dL/dθ: " << dp << " of " << scale_p << " (bound "
                      << bound_p << ")");
        CHECK(dy <= bound_y);
        CHECK(dg <= bound_g);
        CHECK(dp <= bound_p);
        CHECK(scale_p > 0);
    };
    using device = device_vector<Value>;
    using host = host_vector<Value>;
    check(ees25<device, Value>(), ees25<host, Value>(), "ees25");
    check(ees27<device, Value>(), ees27<host, Value>(), "ees27");
    check(reversible_heun<device, Value>(), reversible_heun<host, Value>(), "reversible_heun");
}

TEST_CASE("thrust_neural_sde rejects states that do not fit the batch, naming the sizes",
          "[thrust][neural]")
{
    const neural_model<double> model(3, 4, 5, 4);
    const auto sde = model.device_sde();
    const device_vector<double> wrong(14, 0.5);
    require_throw_mentioning<std::invalid_argument>(
        [&] { sde.make_field(wrong); }, "the state has size 14 but the path has dimension 15");
    const device_vector<double> y(15, 0.5);
    auto F = sde.make_field(y);
    std::vector<double> too_small(3, 0.0);
    device_vector<double> adj_y(15, 0.0);
    require_throw_mentioning<std::invalid_argument>(
        [&] { sde.vjp(y, 0.0, F, adj_y, too_small); }, "adj_p has size 3");
    require_throw_mentioning<std::invalid_argument>(
        [&] {
            thrust_batched_mlp_field<double>(
                mlp<double>({4, 4, 4}, mlp_activation::tanh, 1), mlp_time::input);
        },
        "maps 4 inputs to 4 outputs");
}
