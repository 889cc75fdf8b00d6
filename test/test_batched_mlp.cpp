// batched_mlp_field: the batched neural SDE drift and diffusion agree with the single-path
// mlp fields to rounding, and integrate_reversible and integrate_discrete_adjoint on a batch
// give the single-path input gradients and the sum of the single-path parameter gradients,
// with heap use flat in the number of steps.
#include <boost/numeric/odeint.hpp>
#include <boost/numeric/odeint/ees.hpp>
#include <boost/numeric/odeint/noise/batched_brownian_path.hpp>

#include <cstddef>
#include <vector>

#include <catch2/catch.hpp>

#include "batched_support.hpp"
#include "heap_counter.hpp"

using namespace boost::numeric::odeint;
using vec = std::vector<double>;

namespace {

const std::size_t d = 3, width = 8, paths = 5, first_path = 3;

vec initial_batch()
{
    vec x(paths * d);
    for (std::size_t i = 0; i < x.size(); ++i)
        x[i] = 0.3 + 0.05 * double(i % 7) - 0.02 * double(i);
    return x;
}

const auto terminal = [](const vec& y, vec& a) { a = y; };

// Gradients of L = ½|y(1)|² (summed over the paths) for the batch and path by path.
template <class Stepper, class Integrate>
void check_batch_gradient_is_sum_of_paths(Integrate integrate, double dt)
{
    const ees_test::neural_sde_model model(d, width);
    const brownian_path<double> grid(9, 0.0, 1.0, 120, d, first_path);
    const batched_brownian_path<double> noise(grid, paths);
    const auto batch = make_stratonovich_sde<vec>(model.batched_drift(),
                                                  model.batched_diffusion(), noise,
                                                  diagonal_noise());
    vec x = initial_batch(), grad_x0(paths * d), grad_p(model.parameter_count(), 0.0);
    integrate(Stepper(), batch, x, 0.0, 1.0, dt, terminal, grad_x0, grad_p);

    vec sum_p(model.parameter_count(), 0.0);
    for (std::size_t b = 0; b < paths; ++b)
    {
        const auto single = make_stratonovich_sde<vec>(model.drift(), model.diffusion(),
                                                       noise.member(b), diagonal_noise());
        const vec x0 = initial_batch();
        vec y(x0.begin() + std::ptrdiff_t(b * d), x0.begin() + std::ptrdiff_t((b + 1) * d));
        vec gy(d), gp(model.parameter_count(), 0.0);
        integrate(Stepper(), single, y, 0.0, 1.0, dt, terminal, gy, gp);
        for (std::size_t c = 0; c < d; ++c)
        {
            CHECK(x[b * d + c] == Approx(y[c]).epsilon(1e-12).margin(1e-13));
            CHECK(grad_x0[b * d + c] == Approx(gy[c]).epsilon(1e-11).margin(1e-12));
        }
        for (std::size_t k = 0; k < gp.size(); ++k)
            sum_p[k] += gp[k];
    }
    double largest = 0;
    for (double g : sum_p)
        largest = std::max(largest, std::abs(g));
    REQUIRE(largest > 1e-3);  // the gradient is not trivially zero
    for (std::size_t k = 0; k < sum_p.size(); ++k)
        REQUIRE(grad_p[k] == Approx(sum_p[k]).epsilon(1e-10).margin(1e-12 * largest));
}

const auto reversible = [](auto&&... a) { integrate_reversible(a...); };
const auto store_all = [](auto&&... a) { integrate_discrete_adjoint(a...); };

} // namespace

TEST_CASE("The batched MLP fields agree with the single-path fields to rounding")
{
    const ees_test::neural_sde_model model(d, width);
    const vec y = initial_batch();
    vec f(y.size()), g(y.size());
    model.batched_drift()(y, f, 0.7);
    model.batched_diffusion()(y, g, 0.7);
    for (std::size_t b = 0; b < paths; ++b)
    {
        vec yb(y.begin() + std::ptrdiff_t(b * d), y.begin() + std::ptrdiff_t((b + 1) * d));
        vec fb(d), gb(d);
        model.drift()(yb, fb, 0.7);
        model.diffusion()(yb, gb, 0.7);
        for (std::size_t c = 0; c < d; ++c)
        {
            CHECK(f[b * d + c] == Approx(fb[c]).epsilon(1e-13).margin(1e-15));
            CHECK(g[b * d + c] == Approx(gb[c]).epsilon(1e-13).margin(1e-15));
        }
    }
}

TEST_CASE("A batched field rejects a state that is not a whole number of paths")
{
    const ees_test::neural_sde_model model(d, width);
    vec y(7), f(7);
    CHECK_THROWS_WITH(model.batched_drift()(y, f, 0.0), Catch::Contains("size 7"));
}

TEST_CASE("integrate_reversible on a batch gives the sum of the single-path gradients")
{
    check_batch_gradient_is_sum_of_paths<ees25<vec>>(reversible, 1.0 / 40);
    check_batch_gradient_is_sum_of_paths<ees27<vec>>(reversible, 1.0 / 30);
    check_batch_gradient_is_sum_of_paths<reversible_heun<vec>>(reversible, 1.0 / 120);
}

TEST_CASE("integrate_discrete_adjoint on a batch gives the sum of the single-path gradients")
{
    check_batch_gradient_is_sum_of_paths<ees25<vec>>(store_all, 1.0 / 40);
}

TEST_CASE("integrate_reversible on a batch uses the same heap for 10^2 to 10^4 steps")
{
    const ees_test::neural_sde_model model(d, width);
    const auto measure = [&](std::size_t grid_steps, std::size_t steps) {
        const brownian_path<double> grid(9, 0.0, 1.0, grid_steps, d, 0);
        const auto batch = make_stratonovich_sde<vec>(
            model.batched_drift(), model.batched_diffusion(),
            batched_brownian_path<double>(grid, paths), diagonal_noise());
        vec x = initial_batch(), grad_x0(paths * d), grad_p(model.parameter_count(), 0.0);
        return ees_test::measure_heap([&] {
            integrate_reversible(ees25<vec>(), batch, x, 0.0, 1.0, 1.0 / double(steps),
                                 terminal, grad_x0, grad_p);
        });
    };
    measure(10000, 100);  // sizes this thread's work space of the batched fields
    // One grid: the solve's heap does not depend on its number of steps.
    const ees_test::heap_use small = measure(10000, 100);
    INFO("peak " << small.peak << " bytes in " << small.allocations << " allocations");
    CHECK(small.peak > 0);
    for (std::size_t steps : {1000u, 10000u})
    {
        const ees_test::heap_use large = measure(10000, steps);
        CHECK(large.peak == small.peak);
        CHECK(large.allocations == small.allocations);
    }
    // A finer grid costs only its path's cursor more: a cache of cells per level of the
    // grid's tree (O(log2 grid steps), doc/sde.md), the difference of the two cursors.
    const auto cursor_heap = [&](std::size_t grid_steps) {
        const batched_brownian_path<double> noise(brownian_path<double>(9, 0.0, 1.0, grid_steps,
                                                                        d, 0),
                                                  paths);
        return ees_test::measure_heap([&] { const auto cursor = noise.make_cursor(); });
    };
    const ees_test::heap_use coarse = measure(100, 100);
    const ees_test::heap_use coarse_cursor = cursor_heap(100), fine_cursor = cursor_heap(10000);
    CHECK(fine_cursor.peak > coarse_cursor.peak);
    CHECK(small.peak - coarse.peak == fine_cursor.peak - coarse_cursor.peak);
    CHECK(small.allocations - coarse.allocations ==
          fine_cursor.allocations - coarse_cursor.allocations);
}
