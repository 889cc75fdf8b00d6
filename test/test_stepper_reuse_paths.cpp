// A stepper reused with another SDE uses that SDE's noise: the work arrays a stepper keeps for
// a control (its cursor: the batch's Philox keys, the tree's cached nodes) belong to the path
// that made them, and a cursor made by another path -- a new seed, as in a training loop that
// draws a new path per epoch -- is rebuilt, never silently reused (system/driven_system.hpp,
// cursor_matches in the Control concept table of doc/reference.md).
#include <boost/numeric/odeint.hpp>
#include <boost/numeric/odeint/ees.hpp>
#include <boost/numeric/odeint/noise/batched_brownian_path.hpp>
#include <boost/numeric/odeint/noise/virtual_brownian_tree.hpp>

#include <cstddef>
#include <cstdint>
#include <vector>

#include <catch2/catch.hpp>

using namespace boost::numeric::odeint;
using vec = std::vector<double>;

namespace {

struct drift
{
    void operator()(const vec& y, vec& f, double) const
    {
        for (std::size_t i = 0; i < y.size(); ++i)
            f[i] = -y[i];
    }
};
struct diffusion
{
    void operator()(const vec& y, vec& g, double) const
    {
        for (std::size_t i = 0; i < y.size(); ++i)
            g[i] = 0.5 + 0.1 * y[i];
    }
};

template <class Stepper, class Path>
vec solve(Stepper& stepper, const Path& path, std::size_t size)
{
    const auto sde = make_stratonovich_sde<vec>(drift(), diffusion(), path, diagonal_noise());
    vec x(size, 1.0);
    integrate_n_steps(std::ref(stepper), sde, x, 0.0, 1.0 / 16, 16);
    return x;
}

batched_brownian_path<double> batch(std::uint64_t seed)
{
    return batched_brownian_path<double>(brownian_path<double>(seed, 0.0, 1.0, 64, 2), 3);
}

virtual_brownian_tree<double> tree(std::uint64_t seed)
{
    return virtual_brownian_tree<double>(seed, 0.0, 1.0, 1.0 / 64, 6);
}

} // namespace

TEMPLATE_TEST_CASE("A stepper reused with a new batched path draws the new path's noise", "",
                   ees25<vec>, ees27<vec>, reversible_heun<vec>)
{
    TestType reused;
    const vec first = solve(reused, batch(1), 6);
    const vec second = solve(reused, batch(2), 6);
    TestType fresh;
    CHECK(second == solve(fresh, batch(2), 6));   // bitwise the solve of a new stepper
    CHECK(second != first);
    CHECK(solve(reused, batch(1), 6) == first);   // and back to the first path
}

TEMPLATE_TEST_CASE("A stepper reused with a new Brownian tree draws the new tree's noise", "",
                   ees25<vec>, ees27<vec>, reversible_heun<vec>)
{
    TestType reused;
    const vec first = solve(reused, tree(1), 6);
    const vec second = solve(reused, tree(2), 6);
    TestType fresh;
    CHECK(second == solve(fresh, tree(2), 6));
    CHECK(second != first);
}

TEST_CASE("A batched path rebuilds a cursor made by another path of the same shape")
{
    const auto one = batch(1), two = batch(2);
    auto cursor = one.make_cursor();
    CHECK(one.cursor_matches(cursor));
    CHECK_FALSE(two.cursor_matches(cursor));
    vec dW(two.dimension()), expected(two.dimension());
    one.increment(0.0, 0.25, dW, cursor);
    two.increment(0.0, 0.25, dW, cursor);   // one's cursor: rebuilt for two
    two.increment(0.0, 0.25, expected);
    CHECK(dW == expected);
    CHECK(two.cursor_matches(cursor));
}

TEST_CASE("A Brownian tree recognises its own cursors and its copies'")
{
    const auto one = tree(1), copy = tree(1), two = tree(2);
    const auto cursor = one.make_cursor();
    CHECK(one.cursor_matches(cursor));
    CHECK(copy.cursor_matches(cursor));
    CHECK_FALSE(two.cursor_matches(cursor));
}
