// Copying a driven system is O(1): no allocation, so odeint's by-value passing of systems
// costs nothing per step, and a tree's cache is not thrown away with each copy.
#include <boost/numeric/odeint.hpp>
#include <boost/numeric/odeint/ees.hpp>
#include <boost/numeric/odeint/noise/virtual_brownian_tree.hpp>

#include <cmath>
#include <vector>

#include <catch2/catch.hpp>

#include "heap_counter.hpp"

namespace odeint = boost::numeric::odeint;
using vec = std::vector<double>;

namespace {

struct drift
{
    void operator()(const vec& x, vec& f, double) const
    {
        for (std::size_t i = 0; i < x.size(); ++i)
            f[i] = -x[i];
    }
};

struct diffusion
{
    void operator()(const vec& x, vec& g, double) const
    {
        for (std::size_t i = 0; i < x.size(); ++i)
            g[i] = 0.3 * std::cos(x[i]);
    }
};

auto tree_sde()
{
    return odeint::make_stratonovich_sde<vec>(
        drift{}, diffusion{}, odeint::virtual_brownian_tree<double>(42, 0.0, 1.0, 1e-4, 2));
}

} // namespace

TEST_CASE("copying a tree-driven SDE allocates nothing", "[driven][memory]")
{
    const auto sde = tree_sde();
    vec x{1.0, 2.0};
    odeint::ees25<vec> stepper;
    stepper.do_step(sde, x, 0.0, 0.01);  // the tree and the stepper have made their caches
    const auto use = ees_test::measure_heap([&] {
        auto copy = sde;
        auto second = copy;
        static_cast<void>(second);
    });
    CHECK(use.allocations == 0);
}

TEST_CASE("integrate_const with an SDE by value allocates the same for 10 and 1000 steps",
          "[driven][memory]")
{
    const auto sde = tree_sde();
    const auto allocations = [&](int n) {
        return ees_test::measure_heap([&] {
                   vec x{1.0, 2.0};
                   odeint::integrate_const(odeint::ees25<vec>(), sde, x, 0.0, 1.0, 1.0 / n);
               })
            .allocations;
    };
    const std::size_t few = allocations(10), many = allocations(1000);
    INFO("allocations for 10 steps: " << few << ", for 1000: " << many);
    CHECK(few == many);
}
