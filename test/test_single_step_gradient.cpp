// The shape of the single-step gradient error (example/neural_sde/single_step_gradient.cpp,
// doc/neural_sde.md): the parameter gradient of ONE step by integrate_reversible (the start
// reconstructed by inverse_do_step) against the exact gradient of the same step
// (integrate_discrete_adjoint), on a small fixed neural SDE (2 components, MLPs of width 8).
//
// Theory. A step of the driven equation dy = F(y) dK with the increment K = (h, ΔW) is undone
// by the inverse step up to O(|K|^(p+1)), p the antisymmetric order (5 for EES(2,5), 7 for
// EES(2,7)); the reconstructed start is off by that much, and the one-step parameter gradient
// (itself O(|K|)) is off by O(|K|^(p+2)), relatively O(|K|^(p+1)):
//   - increments proportional to h (a deterministic step, or ΔW = h z): the relative error
//     falls as h^6 (EES(2,5)) and h^8 (EES(2,7)), local slopes >= 5 and >= 7 pinned below;
//   - Brownian increments ΔW = sqrt(h) z: |K| ~ sqrt(h), the error falls as h^3 and h^4.
// reversible_heun is algebraically reversible: rounding only. In float32 the EES error at
// h = 1/256 is at float32 rounding.
#include <boost/numeric/odeint.hpp>
#include <boost/numeric/odeint/ees.hpp>
#include <boost/numeric/odeint/nn/mlp.hpp>
#include <boost/numeric/odeint/noise/brownian_path.hpp>

#include <cmath>
#include <cstdint>
#include <limits>
#include <vector>

#include <catch2/catch.hpp>

using namespace boost::numeric::odeint;

namespace {

/// A field c · mlp(y), the drift or the diagonal diffusion. For the diffusion, c ∝ sqrt(h)
/// turns the Brownian increment sqrt(h) z into an increment proportional to h (the
/// deterministic-step regime).
template <class Value>
struct scaled_field
{
    mlp_vector_field<Value> field;
    Value scale;

    template <class State, class Deriv, class Time>
    void operator()(const State& y, Deriv& g, Time t) const
    {
        field(y, g, t);
        for (auto& gi : g)
            gi *= scale;
    }

    template <class State, class Time, class Vector, class Adjoint, class ParameterAdjoint>
    void vjp(const State& y, Time t, const Vector& u, Adjoint& adj_y, ParameterAdjoint& adj_p) const
    {
        Vector scaled = u;
        for (auto& s : scaled)
            s *= scale;
        field.vjp(y, t, scaled, adj_y, adj_p);
    }

    std::size_t required_parameter_count() const { return field.required_parameter_count(); }
};

enum class increments { brownian, proportional_to_h };

constexpr std::size_t d = 2, width = 8;
// Both fields are multiplied by field_scale(kind). Scaling a field by c makes a step of h a
// step of c h of the unscaled field. With increments proportional to h the fields are scaled
// by 4 so that the truncation term stays above float64 rounding (~1e-16 relative) down to
// h = 1/64: unscaled, the O(h^8) term of EES(2,7) is at rounding already at h = 1/32 (errors
// 3e-16 at 1/32, 8e-17 at 1/64: no slope can be measured there; scaled by 4, 9e-15 at 1/64,
// 5e-10 at 1/16). With Brownian increments (|K| ~ sqrt(h), far larger) they are not scaled:
// scaled by 4, h = 1/16 would lie before the asymptotic regime.
double field_scale(increments kind) { return kind == increments::brownian ? 1.0 : 4.0; }

/// Mean over 5 noise seeds of |g_rev − g_exact| / |g_exact| for one step of h from a fixed
/// state at t = 0.5; loss ½|y(0.5 + h)|².
template <template <class, class, class, class, class, class, class> class Method, class Value>
double one_step_error(double h, increments kind)
{
    using state = std::vector<Value>;
    using stepper = Method<state, Value, state, Value, range_algebra, default_operations,
                           initially_resizer>;
    const scaled_field<Value> drift{
        mlp_vector_field<Value>(mlp<Value>({d + 1, width, d}, mlp_activation::lipswish, 11),
                                mlp_time::input),
        Value(field_scale(kind))};
    const std::size_t n_drift = drift.field.network().parameter_count();
    const Value noise_scale =
        Value(kind == increments::brownian ? 1.0 : field_scale(kind) * std::sqrt(h));
    const scaled_field<Value> diffusion{
        mlp_vector_field<Value>(mlp<Value>({d, width, d}, mlp_activation::lipswish, 12,
                                           mlp_output_activation::tanh),
                                mlp_time::ignored, n_drift),
        noise_scale};
    const std::size_t parameters = diffusion.required_parameter_count();
    const state start{Value(0.7), Value(-0.4)};
    const Value t0 = Value(0.5), dt = Value(h);
    double sum = 0;
    for (std::uint64_t seed = 1; seed <= 5; ++seed)
    {
        const brownian_path<Value> path(seed, t0, t0 + dt, 1, d);
        const auto sde = make_stratonovich_sde<state>(drift, diffusion, path, diagonal_noise());
        const auto terminal = [](const state& y, state& a) { a = y; };
        state x = start, grad_x0(d), reversible(parameters, Value(0)), exact(parameters, Value(0));
        integrate_reversible(stepper(), sde, x, t0, t0 + dt, dt, terminal, grad_x0, reversible);
        x = start;
        integrate_discrete_adjoint(stepper(), sde, x, t0, t0 + dt, dt, terminal, grad_x0, exact);
        double difference = 0, norm = 0;
        for (std::size_t k = 0; k < parameters; ++k)
        {
            const double e = double(exact[k]), r = double(reversible[k]);
            difference += (r - e) * (r - e);
            norm += e * e;
        }
        sum += std::sqrt(difference / norm);
    }
    return sum / 5;
}

/// The float64 errors at h = 1/64 and 1/16, and log2 of their ratio per halving of h (two
/// halvings): the local slope.
struct slope
{
    double fine, coarse, value;
};

template <template <class, class, class, class, class, class, class> class Method>
slope local_slope(increments kind)
{
    const double fine = one_step_error<Method, double>(1.0 / 64, kind);
    const double coarse = one_step_error<Method, double>(1.0 / 16, kind);
    return {fine, coarse, std::log2(coarse / fine) / 2};
}

} // namespace

TEST_CASE("one-step reversible gradient error with increments proportional to h falls with slope >= 5 (EES(2,5)) and >= 7 (EES(2,7)) in float64")
{
    const slope s25 = local_slope<ees25>(increments::proportional_to_h);
    const slope s27 = local_slope<ees27>(increments::proportional_to_h);
    INFO("ees25: errors " << s25.fine << " (1/64), " << s25.coarse << " (1/16), slope "
                          << s25.value);
    INFO("ees27: errors " << s27.fine << " (1/64), " << s27.coarse << " (1/16), slope "
                          << s27.value);
    CHECK(s25.value >= 5);
    CHECK(s27.value >= 7);
}

TEST_CASE("one-step reversible gradient error with Brownian increments sqrt(h) z falls with half the deterministic slope")
{
    // (p + 1)/2 = 3 and 4 per halving of h; the local slopes between 1/64 and 1/16 must show
    // it to within a quarter.
    const slope s25 = local_slope<ees25>(increments::brownian);
    const slope s27 = local_slope<ees27>(increments::brownian);
    INFO("ees25: errors " << s25.fine << " (1/64), " << s25.coarse << " (1/16), slope "
                          << s25.value);
    INFO("ees27: errors " << s27.fine << " (1/64), " << s27.coarse << " (1/16), slope "
                          << s27.value);
    CHECK(s25.value >= 2.75);
    CHECK(s27.value >= 3.75);
}

TEST_CASE("one-step reversible gradient error in float32 at h = 1/256 is at float32 rounding")
{
    const double eps = std::numeric_limits<float>::epsilon();
    for (increments kind : {increments::brownian, increments::proportional_to_h})
    {
        const double e25 = one_step_error<ees25, float>(1.0 / 256, kind);
        const double e27 = one_step_error<ees27, float>(1.0 / 256, kind);
        const double heun = one_step_error<reversible_heun, float>(1.0 / 256, kind);
        INFO("float32 errors: ees25 " << e25 << ", ees27 " << e27 << ", reversible_heun " << heun
                                      << " (epsilon " << eps << ")");
        CHECK(e25 <= 8 * eps);
        CHECK(e27 <= 8 * eps);
        CHECK(heun <= 8 * eps);
    }
}

TEST_CASE("one-step reversible gradient of reversible_heun is exact to float64 rounding at every h")
{
    const double eps = std::numeric_limits<double>::epsilon();
    for (double h : {1.0 / 256, 1.0 / 16, 1.0 / 2})
    {
        INFO("h = " << h);
        CHECK(one_step_error<reversible_heun, double>(h, increments::brownian) <= 64 * eps);
    }
}
