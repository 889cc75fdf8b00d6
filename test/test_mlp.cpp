// mlp and mlp_vector_field (nn/mlp.hpp): the forward pass against hand computations, the
// analytic vector–Jacobian products against central finite differences, and the fields as
// neural ODE and neural SDE systems of integrate_reversible, against the store-everything
// adjoint and against finite differences of the forward solve.
#include <boost/numeric/odeint.hpp>
#include <boost/numeric/odeint/ees.hpp>
#include <boost/numeric/odeint/noise/brownian_path.hpp>
#include <boost/numeric/odeint/nn/mlp.hpp>

#include <algorithm>
#include <cmath>
#include <cstddef>
#include <functional>
#include <stdexcept>
#include <vector>

#include <catch2/catch.hpp>

#include "gradient_support.hpp"
#include "test_support.hpp"

using namespace boost::numeric::odeint;
using Catch::Matchers::Contains;
using vec = std::vector<double>;

namespace {

vec concat(const vec& a, const vec& b)
{
    vec r = a;
    r.insert(r.end(), b.begin(), b.end());
    return r;
}

// Biases are 0 after seeding; give them (and every weight) a distinct nudge so that every
// parameter enters the tests with a generic value.
mlp<> nudged(mlp<> net)
{
    auto& p = net.parameters();
    for (std::size_t k = 0; k < p.size(); ++k)
        p[k] += 0.1 * std::sin(1.7 * double(k) + 0.3);
    return net;
}

double tanh_activation(double z) { return std::tanh(z); }
double lipswish_activation(double z) { return 0.909 * z / (1 + std::exp(-z)); }

// The tiny network {2, 2, 1}: W1 = [[0.5, -0.3], [0.8, 0.2]], b1 = (0.1, -0.2),
// W2 = [[1.5, -0.7]], b2 = 0.05, in the flat layout W1 (row-major), b1, W2, b2.
const vec tiny_parameters{0.5, -0.3, 0.8, 0.2, 0.1, -0.2, 1.5, -0.7, 0.05};
const vec tiny_input{0.7, -1.1};
// By hand: z1 = 0.5·0.7 + (−0.3)(−1.1) + 0.1 = 0.78, z2 = 0.8·0.7 + 0.2·(−1.1) − 0.2 = 0.14.
double tiny_by_hand(double (*sigma)(double))
{
    return 1.5 * sigma(0.78) - 0.7 * sigma(0.14) + 0.05;
}

} // namespace

TEST_CASE("A tiny mlp with hand-set parameters computes the hand-written formula")
{
    vec y(1);
    SECTION("tanh hidden layer")
    {
        mlp<>({2, 2, 1}, mlp_activation::tanh, tiny_parameters)(tiny_input, y);
        CHECK(y[0] == Approx(tiny_by_hand(tanh_activation)).epsilon(1e-14));
    }
    SECTION("LipSwish hidden layer")
    {
        mlp<>({2, 2, 1}, mlp_activation::lipswish, tiny_parameters)(tiny_input, y);
        CHECK(y[0] == Approx(tiny_by_hand(lipswish_activation)).epsilon(1e-14));
    }
    SECTION("tanh output activation")
    {
        mlp<>({2, 2, 1}, mlp_activation::lipswish, tiny_parameters,
              mlp_output_activation::tanh)(tiny_input, y);
        CHECK(y[0] == Approx(std::tanh(tiny_by_hand(lipswish_activation))).epsilon(1e-14));
    }
    SECTION("mlp_vector_field appends the time as the last input")
    {
        // {3, 2} maps (y0, y1, t) to 2 outputs: f = W (y0, y1, t) + b.
        const mlp_vector_field<> field(
            mlp<>({3, 2}, mlp_activation::tanh, vec{1, 2, 3, 4, 5, 6, 0.5, -0.5}),
            mlp_time::input);
        vec f(2);
        field(vec{0.1, 0.2}, f, 10.0);
        CHECK(f[0] == Approx(0.1 + 0.4 + 30 + 0.5).epsilon(1e-14));
        CHECK(f[1] == Approx(0.4 + 1.0 + 60 - 0.5).epsilon(1e-14));
    }
}

TEST_CASE("The seeded initialisation is deterministic and LeCun-scaled")
{
    const mlp<> a({64, 256, 3}, mlp_activation::tanh, 11);
    const mlp<> b({64, 256, 3}, mlp_activation::tanh, 11);
    const mlp<> c({64, 256, 3}, mlp_activation::tanh, 12);
    CHECK(a.parameters() == b.parameters());
    CHECK(a.parameters() != c.parameters());
    // First-layer weights: 16384 draws of N(0, 1/64); the sample variance has relative
    // standard error sqrt(2/16384) = 1.1%, so a 5% band is > 4 standard errors wide.
    double sum_squares = 0;
    for (std::size_t k = 0; k < 64 * 256; ++k)
        sum_squares += a.parameters()[k] * a.parameters()[k];
    CHECK(sum_squares / (64 * 256) == Approx(1.0 / 64).epsilon(0.05));
    for (std::size_t k = 64 * 256; k < 64 * 256 + 256; ++k)
        CHECK(a.parameters()[k] == 0.0);  // first-layer biases
}

TEST_CASE("mlp::vjp matches central finite differences for the input and every parameter")
{
    // φ(x, θ) = v·mlp(x; θ); ∇φ = ((∂y/∂x)ᵀv, (∂y/∂θ)ᵀv). eps = 1e-6: truncation
    // eps²/6·|φ'''| ~ 1e-13, rounding ~1e-16·|φ|/eps ~ 1e-10 per entry, against a gradient of
    // norm O(1): 1e-7 relative leaves a 100x margin and catches any single wrong entry.
    const auto check = [](mlp<> net) {
        const vec x{0.3, -0.8, 0.5}, v{0.7, -0.2, 1.1};
        vec adj_x(3, 0.0), adj_p(net.parameter_count(), 0.0);
        net.vjp(x, v, adj_x, adj_p);
        const auto phi = [&](const vec& x_and_p) {
            mlp<> perturbed(net.layer_sizes(), net.hidden_activation(),
                            vec(x_and_p.begin() + 3, x_and_p.end()), net.output_activation());
            vec y(3);
            perturbed(vec(x_and_p.begin(), x_and_p.begin() + 3), y);
            return v[0] * y[0] + v[1] * y[1] + v[2] * y[2];
        };
        const vec fd = ees_test::central_differences(phi, concat(x, net.parameters()), 1e-6);
        CHECK(ees_test::relative_difference(concat(adj_x, adj_p), fd) <= 1e-7);
        CHECK(ees_test::relative_difference(adj_x, vec(fd.begin(), fd.begin() + 3)) <= 1e-7);
    };
    SECTION("tanh") { check(nudged(mlp<>({3, 8, 8, 3}, mlp_activation::tanh, 1))); }
    SECTION("LipSwish") { check(nudged(mlp<>({3, 8, 8, 3}, mlp_activation::lipswish, 2))); }
    SECTION("tanh output")
    {
        check(nudged(mlp<>({3, 8, 8, 3}, mlp_activation::lipswish, 3,
                           mlp_output_activation::tanh)));
    }
}

TEST_CASE("mlp_vector_field::vjp drops the time cotangent and writes at its parameter offset")
{
    // f(t, y) = mlp([y, t]) with θ at adj_p[5 ...]: the y-part and θ-part of ∇(v·f) against
    // central differences (tolerance as in the mlp::vjp test), adj_p[0 .. 4] untouched.
    const mlp<> net = nudged(mlp<>({4, 8, 3}, mlp_activation::lipswish, 4));
    const mlp_vector_field<> field(net, mlp_time::input, 5);
    const vec y{0.3, -0.8, 0.5}, v{0.7, -0.2, 1.1};
    const double t = 0.6;
    vec adj_y(3, 0.0), adj_p(5 + net.parameter_count(), 0.0);
    field.vjp(y, t, v, adj_y, adj_p);
    const auto phi = [&](const vec& y_and_p) {
        mlp_vector_field<> perturbed(mlp<>(net.layer_sizes(), net.hidden_activation(),
                                           vec(y_and_p.begin() + 3, y_and_p.end())),
                                     mlp_time::input);
        vec f(3);
        perturbed(vec(y_and_p.begin(), y_and_p.begin() + 3), f, t);
        return v[0] * f[0] + v[1] * f[1] + v[2] * f[2];
    };
    const vec fd = ees_test::central_differences(phi, concat(y, net.parameters()), 1e-6);
    CHECK(ees_test::relative_difference(concat(adj_y, vec(adj_p.begin() + 5, adj_p.end())),
                                        fd) <= 1e-7);
    CHECK(std::all_of(adj_p.begin(), adj_p.begin() + 5, [](double a) { return a == 0.0; }));
}

TEST_CASE("vjp adds to adj_x and adj_p instead of assigning")
{
    const mlp<> net = nudged(mlp<>({3, 8, 3}, mlp_activation::tanh, 5));
    const vec x{0.3, -0.8, 0.5}, v{0.7, -0.2, 1.1};
    vec once_x(3, 0.0), once_p(net.parameter_count(), 0.0);
    net.vjp(x, v, once_x, once_p);
    vec twice_x(3, 0.0), twice_p(net.parameter_count(), 0.0);
    net.vjp(x, v, twice_x, twice_p);
    net.vjp(x, v, twice_x, twice_p);
    for (std::size_t i = 0; i < 3; ++i)
        CHECK(twice_x[i] == Approx(2 * once_x[i]).epsilon(1e-15));
    for (std::size_t k = 0; k < once_p.size(); ++k)
        CHECK(twice_p[k] == Approx(2 * once_p[k]).epsilon(1e-15));

    const mlp_vector_field<> field(net);
    vec field_x{1.0, 2.0, 3.0}, field_p(net.parameter_count(), 1.0);
    field.vjp(x, 0.0, v, field_x, field_p);
    for (std::size_t i = 0; i < 3; ++i)
        CHECK(field_x[i] == Approx(double(i + 1) + once_x[i]).epsilon(1e-15));
    for (std::size_t k = 0; k < once_p.size(); ++k)
        CHECK(field_p[k] == Approx(1.0 + once_p[k]).epsilon(1e-15));
}

TEST_CASE("Bad sizes throw std::invalid_argument naming the sizes")
{
    const auto tanh = mlp_activation::tanh;
    CHECK_THROWS_AS(mlp<>({3}, tanh, 1), std::invalid_argument);
    CHECK_THROWS_WITH(mlp<>({3}, tanh, 1), Contains("at least 2 layer sizes") && Contains("got 1"));
    CHECK_THROWS_WITH(mlp<>({3, 0, 2}, tanh, 1),
                      Contains("layer size 1 of {3, 0, 2} is 0"));
    CHECK_THROWS_WITH(mlp<>({2, 2, 1}, tanh, vec(8)),
                      Contains("parameter vector has size 8") && Contains("needs 9"));

    const mlp<> net({3, 4, 2}, tanh, 1);
    vec y(2), adj_x(3), adj_p(net.parameter_count());
    CHECK_THROWS_AS(net(vec(4), y), std::invalid_argument);
    CHECK_THROWS_WITH(net(vec(4), y), Contains("input has size 4") && Contains("needs 3"));
    CHECK_THROWS_WITH(net(vec(3), adj_x), Contains("output has size 3") && Contains("needs 2"));
    CHECK_THROWS_WITH(net.vjp(vec(3), vec(3), adj_x, adj_p),
                      Contains("cotangent v has size 3") && Contains("needs 2"));
    CHECK_THROWS_WITH(net.vjp(vec(3), vec(2), y, adj_p),
                      Contains("adj_x has size 2") && Contains("needs 3"));
    vec short_p(net.parameter_count() - 1);
    CHECK_THROWS_WITH(net.vjp(vec(3), vec(2), adj_x, short_p),
                      Contains("adj_p has size 25") && Contains("needs 26"));

    CHECK_THROWS_WITH(mlp_vector_field<>(net), Contains("maps 3 inputs to 2 outputs"));
    CHECK_THROWS_WITH(mlp_vector_field<>(mlp<>({3, 3}, tanh, 1), mlp_time::input),
                      Contains("n + 1 inputs"));
    const mlp_vector_field<> field(mlp<>({3, 3}, tanh, 1), mlp_time::ignored, 4);
    vec f(3), adj_y(3), field_p(4 + 11);
    CHECK_THROWS_WITH(field(vec(2), f, 0.0), Contains("state has size 2") && Contains("needs 3"));
    CHECK_THROWS_WITH(field.vjp(vec(3), 0.0, vec(3), adj_y, field_p),
                      Contains("adj_p has size 15") && Contains("at offset 4 need 16"));
}

namespace {

// The neural ODE dy/dt = mlp([y, t]), sizes {4, 16, 16, 3}, tanh, on [0, 1] with
// L = ½‖y(1)‖²; gradients (dL/dy0, dL/dθ) concatenated.
const vec ode_start{0.5, -0.3, 0.8};
const auto half_squared_norm_gradient = [](const vec& y, vec& a) { a = y; };

mlp_vector_field<> neural_ode(const vec& parameters)
{
    return mlp_vector_field<>(mlp<>({4, 16, 16, 3}, mlp_activation::tanh, parameters),
                              mlp_time::input);
}

const vec ode_parameters =
    nudged(mlp<>({4, 16, 16, 3}, mlp_activation::tanh, 21)).parameters();

template <class Stepper, class Integrate>
vec ode_gradient(Integrate integrate, double h)
{
    vec x = ode_start, grad_x0(3), grad_p(ode_parameters.size(), 0.0);
    integrate(Stepper(), neural_ode(ode_parameters), x, 0.0, 1.0, h, half_squared_norm_gradient,
              grad_x0, grad_p);
    return concat(grad_x0, grad_p);
}

const auto reversible = [](auto&&... args) { return integrate_reversible(args...); };
const auto stored = [](auto&&... args) { return integrate_discrete_adjoint(args...); };

template <class Stepper>
double ode_reversible_vs_stored(double h)
{
    return ees_test::relative_difference(ode_gradient<Stepper>(reversible, h),
                                         ode_gradient<Stepper>(stored, h));
}

// ≤ 1e-8 at h = 1/64, and falling at the rate of the reconstruction error: O(h^5) for
// EES(2,5), O(h^7) for EES(2,7) (test_gradient_ode.cpp). The fitted slope over hs must be
// within 0.5 of that order; hs for EES(2,7) stay above its rounding floor (~5e-16, reached
// by h = 1/32 here).
template <class Stepper>
void check_ode_against_stored(const std::vector<double>& hs, double order)
{
    const double at_64 = ode_reversible_vs_stored<Stepper>(1.0 / 64);
    INFO("h = 1/64: " << at_64);
    CHECK(at_64 <= 1e-8);
    std::vector<double> differences;
    for (double h : hs)
        differences.push_back(ode_reversible_vs_stored<Stepper>(h));
    const double slope = ees_test::fitted_slope(hs, differences);
    INFO("differences " << differences[0] << " ... " << differences.back() << ", slope "
                        << slope);
    CHECK(slope == Approx(order).margin(0.5));
}

} // namespace

TEST_CASE("Neural ODE: reversible gradients of ees25 and ees27 match the store-everything adjoint")
{
    SECTION("ees25") { check_ode_against_stored<ees25<vec>>({1.0 / 8, 1.0 / 16, 1.0 / 32, 1.0 / 64}, 5); }
    SECTION("ees27") { check_ode_against_stored<ees27<vec>>({1.0 / 2, 1.0 / 4, 1.0 / 8, 1.0 / 16}, 7); }
}

TEST_CASE("Neural ODE: the discrete adjoint matches central differences of the forward solve")
{
    // All 3 + 403 entries of (dL/dy0, dL/dθ) at h = 1/64. eps = 1e-6: truncation O(eps²) ~
    // 1e-12; rounding δL/eps with δL ~ 1e-15 accumulated over the 64 steps, ~1e-9 per entry,
    // against a gradient of norm 5.8: measured 3.4e-9 (ees25) and 3.8e-9 (ees27).
    const double h = 1.0 / 64;
    const auto check = [&](auto stepper) {
        using Stepper = decltype(stepper);
        const vec gradient = ode_gradient<Stepper>(stored, h);
        const auto loss = [&](const vec& start_and_p) {
            vec y(start_and_p.begin(), start_and_p.begin() + 3);
            auto field = neural_ode(vec(start_and_p.begin() + 3, start_and_p.end()));
            integrate_n_steps(Stepper(), std::ref(field), y, 0.0, h, 64);
            return 0.5 * (y[0] * y[0] + y[1] * y[1] + y[2] * y[2]);
        };
        const vec fd =
            ees_test::central_differences(loss, concat(ode_start, ode_parameters), 1e-6);
        CHECK(ees_test::relative_difference(gradient, fd) <= 1e-6);
    };
    check(ees25<vec>());
    check(ees27<vec>());
}

namespace {

// The neural SDE dy = f(t, y) dt + g(y) ∘ dW with diagonal noise (Kidger et al. 2021):
// f = mlp([y, t]) {4, 16, 3}, g = tanh(mlp(y)) {3, 16, 3}, LipSwish hidden layers, θ =
// (θ_f, θ_g) in one vector. g's last layer is scaled by 0.4 so that |g| stays below 0.2
// (checked below), the noise level of the paper's experiments.
const vec sde_start{0.5, -0.3, 0.8};
constexpr std::size_t drift_parameters = 4 * 16 + 16 + 16 * 3 + 3;      // 131
constexpr std::size_t diffusion_parameters = 3 * 16 + 16 + 16 * 3 + 3;  // 115

vec sde_parameters()
{
    const vec f = nudged(mlp<>({4, 16, 3}, mlp_activation::lipswish, 31)).parameters();
    vec g = nudged(mlp<>({3, 16, 3}, mlp_activation::lipswish, 32)).parameters();
    for (std::size_t k = 3 * 16 + 16; k < g.size(); ++k)
        g[k] *= 0.4;
    return concat(f, g);
}

auto neural_sde(const vec& theta, const brownian_path<double>& path)
{
    const vec f(theta.begin(), theta.begin() + drift_parameters);
    const vec g(theta.begin() + drift_parameters, theta.end());
    mlp_vector_field<> drift(mlp<>({4, 16, 3}, mlp_activation::lipswish, f), mlp_time::input);
    mlp_vector_field<> diffusion(
        mlp<>({3, 16, 3}, mlp_activation::lipswish, g, mlp_output_activation::tanh),
        mlp_time::ignored, drift_parameters);
    return make_stratonovich_sde<vec>(drift, diffusion, path);
}

template <class Integrate>
vec sde_gradient(Integrate integrate, const brownian_path<double>& path)
{
    vec x = sde_start, grad_x0(3), grad_p(drift_parameters + diffusion_parameters, 0.0);
    integrate(ees25<vec>(), neural_sde(sde_parameters(), path), x, 0.0, 1.0, 1.0 / 64,
              half_squared_norm_gradient, grad_x0, grad_p);
    return concat(grad_x0, grad_p);
}

} // namespace

TEST_CASE("Neural SDE: reversible and store-everything gradients agree, and match finite differences")
{
    const brownian_path<double> path(41, 0.0, 1.0, 64, 3);
    const double h = 1.0 / 64;
    const vec theta = sde_parameters();
    REQUIRE(theta.size() == drift_parameters + diffusion_parameters);

    // The noise level: max |g_i| along the forward solve.
    double largest_diffusion = 0;
    {
        auto sde = neural_sde(theta, path);
        vec y = sde_start, g(3);
        integrate_n_steps(ees25<vec>(), std::ref(sde), y, 0.0, h, 64, [&](const vec& x, double t) {
            sde.field().diffusion()(x, g, t);
            for (double gi : g)
                largest_diffusion = std::max(largest_diffusion, std::abs(gi));
        });
    }
    INFO("max |g| = " << largest_diffusion);
    CHECK(largest_diffusion <= 0.2);

    // At |g| ≤ 0.2 the reconstruction error of EES(2,5) per step is O((|g|√h)^6) and its
    // effect on the gradient at h = 1/64 is below 1e-8, as for GBM at σ = 0.2 in
    // test_gradient_sde.cpp (here 4e-10 on this path, at most 1.4e-9 over paths 1–10).
    const vec rev = sde_gradient(reversible, path);
    const vec ref = sde_gradient(stored, path);
    const double difference = ees_test::relative_difference(rev, ref);
    INFO("reversible vs store-everything: " << difference);
    CHECK(difference <= 1e-8);

    // The store-everything adjoint is the exact gradient of the discrete solve on this path:
    // finite differences (eps = 1e-6, as for the ODE) of all 3 + 246 entries; measured
    // 3.6e-9.
    const auto loss = [&](const vec& start_and_theta) {
        vec y(start_and_theta.begin(), start_and_theta.begin() + 3);
        auto sde = neural_sde(vec(start_and_theta.begin() + 3, start_and_theta.end()), path);
        integrate_n_steps(ees25<vec>(), std::ref(sde), y, 0.0, h, 64);
        return 0.5 * (y[0] * y[0] + y[1] * y[1] + y[2] * y[2]);
    };
    const vec fd = ees_test::central_differences(loss, concat(sde_start, theta), 1e-6);
    const double fd_difference = ees_test::relative_difference(ref, fd);
    INFO("store-everything vs finite differences: " << fd_difference);
    CHECK(fd_difference <= 1e-6);
}
