// batched_mlp_field<float> with a parameter gradient of double: the batch's parameter
// cotangent is summed in double (the float factors converted, so every product is exact and
// only the sum over the paths rounds, in double), as the Thrust field does; float32 neural
// SDE solves and their reversible gradients run with it.
#include <boost/numeric/odeint.hpp>
#include <boost/numeric/odeint/ees.hpp>
#include <boost/numeric/odeint/noise/batched_brownian_path.hpp>
#include <boost/numeric/odeint/nn/batched_mlp.hpp>

#include <cmath>
#include <cstddef>
#include <vector>

#include <catch2/catch.hpp>

using namespace boost::numeric::odeint;

TEST_CASE("batched_mlp_field<float>::vjp into a gradient of double sums the batch in double")
{
    // The last layer has no output activation, so its bias cotangent is the sum over the
    // paths of v: 1000 paths with v = 0.1f sum to exactly 1000 · 0.1f in double (every
    // partial sum k · 0.1f needs 34 bits), which float cannot hold (24 bits).
    const std::size_t d = 2, width = 4, paths = 1000;
    const mlp<float> net({d, width, d}, mlp_activation::lipswish, 3);
    const batched_mlp_field<float> field(net);
    std::vector<float> y(paths * d), v(paths * d, 0.1f), adj_y(paths * d, 0.0f);
    for (std::size_t i = 0; i < y.size(); ++i)
        y[i] = 0.5f - 0.001f * float(i);
    std::vector<double> wide(net.parameter_count(), 0.0);
    std::vector<float> narrow(net.parameter_count(), 0.0f);
    field.vjp(y, 0.0f, v, adj_y, wide);
    std::fill(adj_y.begin(), adj_y.end(), 0.0f);
    field.vjp(y, 0.0f, v, adj_y, narrow);
    const std::size_t last_bias = net.parameter_count() - d;
    const double exact = 1000.0 * double(0.1f);
    for (std::size_t i = 0; i < d; ++i)
    {
        INFO("last-layer bias " << i << ": double sum " << wide[last_bias + i] << ", float sum "
                                << narrow[last_bias + i] << ", exact " << exact);
        CHECK(wide[last_bias + i] == exact);
    }
    // Every entry agrees with the float accumulation to float rounding.
    for (std::size_t k = 0; k < wide.size(); ++k)
        CHECK(std::abs(wide[k] - double(narrow[k])) <= 1e-4 * (1 + std::abs(wide[k])));
}

TEST_CASE("a float32 neural SDE batch: reversible gradient with double parameter sums equals the exact one to float rounding")
{
    using state = std::vector<float>;
    const std::size_t d = 2, width = 8, paths = 16;
    const batched_mlp_field<float> drift(
        mlp<float>({d + 1, width, d}, mlp_activation::lipswish, 5), mlp_time::input);
    const batched_mlp_field<float> diffusion(
        mlp<float>({d, width, d}, mlp_activation::lipswish, 6, mlp_output_activation::tanh),
        mlp_time::ignored, drift.network().parameter_count(), 0.5f);
    const batched_brownian_path<float> noise(brownian_path<float>(7, 0.0f, 1.0f, 64, d, 0), paths);
    const auto sde = make_stratonovich_sde<state>(drift, diffusion, noise, diagonal_noise());
    const std::size_t P = diffusion.required_parameter_count();
    const auto terminal = [](const state& x, state& a) { a = x; };
    state x(paths * d, 0.3f), grad_x0(paths * d);
    std::vector<double> reversible(P, 0.0), exact(P, 0.0);
    integrate_reversible(ees27<state, float, state, float>(), sde, x, 0.0f, 1.0f, 1.0f / 16,
                         terminal, grad_x0, reversible);
    std::fill(x.begin(), x.end(), 0.3f);
    integrate_discrete_adjoint(ees27<state, float, state, float>(), sde, x, 0.0f, 1.0f,
                               1.0f / 16, terminal, grad_x0, exact);
    double difference = 0, norm = 0;
    for (std::size_t k = 0; k < P; ++k)
    {
        difference += (reversible[k] - exact[k]) * (reversible[k] - exact[k]);
        norm += exact[k] * exact[k];
    }
    const double relative = std::sqrt(difference / norm);
    INFO("relative difference " << relative);
    CHECK(norm > 0);
    CHECK(relative <= 1e-5);
}
