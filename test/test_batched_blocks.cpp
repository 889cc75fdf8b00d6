// Blocks of paths on threads (util/batched_blocks.hpp): the loss and parameter gradient of a
// batched neural SDE summed over fixed-size blocks are bitwise the same on 1 and 2 threads,
// and equal the single-block solve to rounding.
#include <boost/numeric/odeint.hpp>
#include <boost/numeric/odeint/ees.hpp>
#include <boost/numeric/odeint/noise/batched_brownian_path.hpp>
#include <boost/numeric/odeint/util/batched_blocks.hpp>

#include <cstddef>
#include <cstring>
#include <vector>

#include <catch2/catch.hpp>

#include "batched_support.hpp"

using namespace boost::numeric::odeint;
using vec = std::vector<double>;

namespace {

const std::size_t d = 3, width = 8;

// (gradient, loss) of L = Σ_paths ½|y(1)|² over `paths` paths in blocks of block_size.
vec loss_and_gradient(std::size_t paths, std::size_t block_size, std::size_t threads)
{
    const ees_test::neural_sde_model model(d, width);
    const auto drift = model.batched_drift();
    const auto diffusion = model.batched_diffusion();
    const block_plan plan(paths, block_size);
    std::vector<vec> partials(plan.blocks());
    run_blocks(plan, threads, [&](std::size_t i) {
        const batched_brownian_path<double> noise(
            brownian_path<double>(4, 0.0, 1.0, 40, d, plan.first(i)), plan.count(i));
        const auto sde = make_stratonovich_sde<vec>(drift, diffusion, noise, diagonal_noise());
        vec x(plan.count(i) * d), grad_x0(x.size()), grad_p(model.parameter_count(), 0.0);
        for (std::size_t k = 0; k < x.size(); ++k)
            x[k] = 0.1 * double((plan.first(i) * d + k) % 11) - 0.4;
        double loss = 0;
        integrate_reversible(ees25<vec>(), sde, x, 0.0, 1.0, 1.0 / 40,
                             [&](const vec& y, vec& a) {
                                 a = y;
                                 for (double v : y)
                                     loss += 0.5 * v * v;
                             },
                             grad_x0, grad_p);
        grad_p.push_back(loss);
        partials[i] = grad_p;
    });
    vec total;
    sum_blocks(partials, total);
    return total;
}

} // namespace

TEST_CASE("Blocks of paths give bitwise the same loss and gradient on 1 and 2 threads")
{
    const vec one = loss_and_gradient(37, 8, 1);
    const vec two = loss_and_gradient(37, 8, 2);
    REQUIRE(one.size() == two.size());
    CHECK(std::memcmp(one.data(), two.data(), one.size() * sizeof(double)) == 0);
}

TEST_CASE("Blocks of paths agree with one batch of all paths to rounding")
{
    const vec blocks = loss_and_gradient(37, 8, 2);
    const vec whole = loss_and_gradient(37, 37, 1);
    for (std::size_t k = 0; k < whole.size(); ++k)
        CHECK(blocks[k] == Approx(whole[k]).epsilon(1e-11).margin(1e-13));
}

TEST_CASE("A block plan covers every path once and rejects empty sizes")
{
    const block_plan plan(37, 8, 100);
    CHECK(plan.blocks() == 5);
    CHECK(plan.first(4) == 132);
    CHECK(plan.count(4) == 5);
    CHECK_THROWS_WITH(block_plan(0, 8), Catch::Contains("paths = 0"));
    CHECK_THROWS_WITH(block_plan(8, 0), Catch::Contains("block_size = 0"));
    CHECK_THROWS_WITH(run_blocks(plan, 0, [](std::size_t) {}), Catch::Contains("threads = 0"));
}

TEST_CASE("An exception in one block is rethrown after every thread has stopped")
{
    const block_plan plan(40, 4);
    CHECK_THROWS_WITH(run_blocks(plan, 2,
                                 [](std::size_t i) {
                                     if (i == 3)
                                         throw std::runtime_error("block 3 failed");
                                 }),
                      "block 3 failed");
}
