// The MLP fields reject bad input early and clearly, and one const SDE made of them can be
// stepped from several threads at once (issue 20): a NaN output_scale is an error; a grad_p
// too short for the fields' parameters is caught before the forward solve, x unchanged; the
// single-path mlp_vector_field keeps no work space in the object.
#include <boost/numeric/odeint.hpp>
#include <boost/numeric/odeint/ees.hpp>
#include <boost/numeric/odeint/noise/batched_brownian_path.hpp>
#include <boost/numeric/odeint/nn/batched_mlp.hpp>

#include <cmath>
#include <limits>
#include <stdexcept>
#include <thread>
#include <vector>

#include <catch2/catch.hpp>

#include "batched_support.hpp"
#include "test_support.hpp"

using namespace boost::numeric::odeint;
using ees_test::require_throw_mentioning;
using vec = std::vector<double>;

namespace {

const std::size_t d = 3, width = 8, paths = 4;

vec initial_batch(std::size_t count)
{
    vec x(count * d);
    for (std::size_t i = 0; i < x.size(); ++i)
        x[i] = 0.3 + 0.05 * double(i % 7) - 0.02 * double(i);
    return x;
}

const auto terminal = [](const vec& y, vec& a) { a = y; };

} // namespace

TEST_CASE("A batched MLP field rejects an output_scale that is not finite")
{
    const mlp<double> network({d, width, d}, mlp_activation::tanh, 1);
    require_throw_mentioning<std::invalid_argument>(
        [&] {
            batched_mlp_field<double>(network, mlp_time::ignored, 0,
                                      std::numeric_limits<double>::quiet_NaN());
        },
        "batched_mlp_field: output_scale = nan must be finite");
    require_throw_mentioning<std::invalid_argument>(
        [&] {
            batched_mlp_field<double>(network, mlp_time::ignored, 0,
                                      std::numeric_limits<double>::infinity());
        },
        "output_scale = inf must be finite");
}

TEST_CASE("A grad_p too short for an MLP SDE's parameters is rejected before any step")
{
    const ees_test::neural_sde_model model(d, width);
    const brownian_path<double> grid(9, 0.0, 1.0, 32, d, 0);
    const std::size_t needed = model.parameter_count();
    SECTION("batched fields")
    {
        const auto sde = make_stratonovich_sde<vec>(
            model.batched_drift(), model.batched_diffusion(),
            batched_brownian_path<double>(grid, paths), diagonal_noise());
        CHECK(sde.field().required_parameter_count() == needed);
        const vec x0 = initial_batch(paths);
        vec x = x0, grad_x0(x.size()), grad_p(needed - 1, 0.0);
        require_throw_mentioning<std::invalid_argument>(
            [&] {
                integrate_reversible(ees25<vec>(), sde, x, 0.0, 1.0, 1.0 / 32, terminal,
                                     grad_x0, grad_p);
            },
            "integrate_reversible: grad_p has size " + std::to_string(needed - 1) +
                " but the system's vjp adds to entries below required_parameter_count() = " +
                std::to_string(needed));
        CHECK(x == x0);  // caught before the forward solve
        vec enough(needed + 3, 0.0);  // longer is allowed: other parameters may follow
        CHECK_NOTHROW(integrate_discrete_adjoint(ees25<vec>(), sde, x, 0.0, 1.0, 1.0 / 32,
                                                 terminal, grad_x0, enough));
    }
    SECTION("single-path fields, Itô")
    {
        const auto sde = make_ito_sde<vec>(model.drift(), model.diffusion().field, grid,
                                           additive_noise());
        const vec x0 = initial_batch(1);
        vec x = x0, grad_x0(d), grad_p(needed - 1, 0.0);
        require_throw_mentioning<std::invalid_argument>(
            [&] {
                integrate_discrete_adjoint(reversible_heun<vec>(), sde, x, 0.0, 1.0, 1.0 / 32,
                                           terminal, grad_x0, grad_p);
            },
            "required_parameter_count() = " + std::to_string(needed));
        CHECK(x == x0);
    }
}

TEST_CASE("One const SDE of single-path MLP fields steps from several threads at once")
{
    const ees_test::neural_sde_model model(d, 32);
    const brownian_path<double> grid(9, 0.0, 1.0, 256, d, 0);
    const auto sde = make_stratonovich_sde<vec>(model.drift(), model.diffusion().field, grid,
                                                diagonal_noise());
    const std::size_t threads = 4;
    const auto solve = [&](std::size_t k) {
        vec x = initial_batch(1);
        for (auto& v : x)
            v += 0.1 * double(k);
        integrate_const(ees25<vec>(), sde, x, 0.0, 1.0, 1.0 / 256);
        return x;
    };
    std::vector<vec> sequential(threads), parallel(threads);
    for (std::size_t k = 0; k < threads; ++k)
        sequential[k] = solve(k);
    std::vector<std::thread> pool;
    for (std::size_t k = 0; k < threads; ++k)
        pool.emplace_back([&, k] { parallel[k] = solve(k); });
    for (auto& thread : pool)
        thread.join();
    for (std::size_t k = 0; k < threads; ++k)
        CHECK(parallel[k] == sequential[k]);  // bitwise: nothing shared but const data
}
