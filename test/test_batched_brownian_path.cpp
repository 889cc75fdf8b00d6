// batched_brownian_path: every element of a batched increment is bitwise the increment of the
// single brownian_path of that index, whatever the batch size, and a batch of paths stepped as
// one state by ees25, ees27, reversible_heun (forward and inverse_do_step) and a controlled
// stepper gives bitwise the single-path solves.
#include <boost/numeric/odeint.hpp>
#include <boost/numeric/odeint/ees.hpp>
#include <boost/numeric/odeint/noise/batched_brownian_path.hpp>

#include <cstddef>
#include <cstdint>
#include <cstring>
#include <vector>

#include <catch2/catch.hpp>

using namespace boost::numeric::odeint;
using vec = std::vector<double>;

namespace {

bool same_bits(double a, double b) { return std::memcmp(&a, &b, sizeof a) == 0; }

// Element-wise drift and diffusion (the arithmetic of a path does not depend on the batch).
struct drift
{
    void operator()(const vec& y, vec& f, double t) const
    {
        for (std::size_t i = 0; i < y.size(); ++i)
            f[i] = -1.5 * y[i] + 0.3 * std::sin(y[i] + t);
    }
};
struct diffusion
{
    void operator()(const vec& y, vec& g, double) const
    {
        for (std::size_t i = 0; i < y.size(); ++i)
            g[i] = 0.4 * std::cos(y[i]);
    }
};

vec initial(std::size_t paths, std::size_t d, std::uint64_t first)
{
    vec x(paths * d);
    for (std::size_t b = 0; b < paths; ++b)
        for (std::size_t c = 0; c < d; ++c)
            x[b * d + c] = 0.5 + 0.01 * double(first + b) - 0.1 * double(c);
    return x;
}

template <class Stepper>
void check_batch_equals_single_paths(std::size_t d, std::size_t paths)
{
    const std::uint64_t first = 7;
    const brownian_path<double> grid(11, 0.0, 1.0, 240, d, first);
    const batched_brownian_path<double> batch_path(grid, paths);
    const auto batch = make_stratonovich_sde<vec>(drift(), diffusion(), batch_path,
                                                  diagonal_noise());
    vec x = initial(paths, d, first);
    const double dt = 1.0 / 80;
    integrate_n_steps(Stepper(), batch, x, 0.0, dt, 80);
    for (std::size_t b = 0; b < paths; ++b)
    {
        const auto single = make_stratonovich_sde<vec>(drift(), diffusion(),
                                                       batch_path.member(b), diagonal_noise());
        const vec x0 = initial(paths, d, first);
        vec y(x0.begin() + std::ptrdiff_t(b * d), x0.begin() + std::ptrdiff_t((b + 1) * d));
        integrate_n_steps(Stepper(), single, y, 0.0, dt, 80);
        for (std::size_t c = 0; c < d; ++c)
            REQUIRE(same_bits(x[b * d + c], y[c]));
    }
}

} // namespace

TEST_CASE("A batched increment is bitwise the single path's increment for every batch size")
{
    for (std::size_t m : {1u, 2u, 3u, 25u})
        for (std::size_t paths : {1u, 2u, 7u, 64u})
        {
            const brownian_path<double> grid(2026, 0.0, 1.0, 1200, m, 5);
            const batched_brownian_path<double> batch(grid, paths);
            auto cursor = batch.make_cursor();
            vec dW(paths * m), single(m);
            for (auto [s, u] : {std::pair<double, double>{0.0, 1.0 / 1200},
                                {0.1, 0.1 + 30.0 / 1200}, {0.5, 1.0}})
            {
                batch.increment(s, u, dW, cursor);
                for (std::size_t b = 0; b < paths; ++b)
                {
                    batch.member(b).increment(s, u, single);
                    for (std::size_t c = 0; c < m; ++c)
                        REQUIRE(same_bits(dW[b * m + c], single[c]));
                }
            }
        }
}

TEST_CASE("A batched path rejects a wrong size and an off-grid time, naming the value")
{
    const batched_brownian_path<double> batch(brownian_path<double>(1, 0.0, 1.0, 10, 2), 3);
    vec wrong(5), right(6);
    CHECK_THROWS_WITH(batch.increment(0.0, 0.1, wrong), Catch::Contains("size 5"));
    CHECK_THROWS_WITH(batch.increment(0.0, 0.15, right), Catch::Contains("u = 0.1499"));
    CHECK_THROWS_AS(batched_brownian_path<double>(brownian_path<double>(1, 0.0, 1.0, 10), 0),
                    std::invalid_argument);
}

TEST_CASE("A batch stepped by ees25 is bitwise the single-path solves")
{
    for (std::size_t paths : {1u, 3u, 16u})
        check_batch_equals_single_paths<ees25<vec>>(3, paths);
}

TEST_CASE("A batch stepped by ees27 and reversible_heun is bitwise the single-path solves")
{
    check_batch_equals_single_paths<ees27<vec>>(2, 5);
    check_batch_equals_single_paths<reversible_heun<vec>>(2, 5);
}

TEST_CASE("inverse_do_step on a batch is bitwise inverse_do_step on each single path")
{
    const std::size_t d = 2, paths = 4;
    const brownian_path<double> grid(3, 0.0, 1.0, 100, d, 0);
    const batched_brownian_path<double> batch_path(grid, paths);
    const auto batch = make_stratonovich_sde<vec>(drift(), diffusion(), batch_path,
                                                  diagonal_noise());
    vec x = initial(paths, d, 0);
    ees25<vec> stepper;
    for (int i = 9; i >= 0; --i)
        stepper.inverse_do_step(batch, x, 0.1 * i, 0.1);
    for (std::size_t b = 0; b < paths; ++b)
    {
        const auto single = make_stratonovich_sde<vec>(drift(), diffusion(),
                                                       batch_path.member(b), diagonal_noise());
        vec y{initial(paths, d, 0)[b * d], initial(paths, d, 0)[b * d + 1]};
        ees25<vec> one;
        for (int i = 9; i >= 0; --i)
            one.inverse_do_step(single, y, 0.1 * i, 0.1);
        CHECK(same_bits(x[b * d], y[0]));
        CHECK(same_bits(x[b * d + 1], y[1]));
    }
}
