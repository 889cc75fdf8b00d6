// The driven-system design: the stepper owns the control increment and the field buffers,
// reversible Heun evaluates the vector field once per step, systems are shared across
// threads, and ODE and SDE results are those of the previous design bit for bit.
#include <boost/numeric/odeint.hpp>
#include <boost/numeric/odeint/ees.hpp>
#include <boost/numeric/odeint/noise/brownian_path.hpp>
#include <boost/numeric/odeint/noise/virtual_brownian_tree.hpp>

#include <atomic>
#include <cmath>
#include <functional>
#include <thread>
#include <vector>

#include "gradient_support.hpp"
#include "test_support.hpp"

namespace odeint = boost::numeric::odeint;
using vec = std::vector<double>;

namespace {

struct evaluation_counts
{
    std::atomic<long> drift{0}, diffusion{0};
};

// dX = a sin(X) dt + b cos(X) ∘ dW component-wise, counting evaluations.
struct counted_drift
{
    evaluation_counts* counts;
    void operator()(const vec& x, vec& f, double) const
    {
        ++counts->drift;
        for (std::size_t i = 0; i < x.size(); ++i)
            f[i] = 0.3 * std::sin(x[i]);
    }
    void vjp(const vec& x, double, const vec& v, vec& adj_x, vec&) const
    {
        for (std::size_t i = 0; i < x.size(); ++i)
            adj_x[i] += 0.3 * std::cos(x[i]) * v[i];
    }
};

struct counted_diffusion
{
    evaluation_counts* counts;
    void operator()(const vec& x, vec& g, double) const
    {
        ++counts->diffusion;
        for (std::size_t i = 0; i < x.size(); ++i)
            g[i] = 0.4 * std::cos(x[i]);
    }
    void vjp(const vec& x, double, const vec& u, vec& adj_x, vec&) const
    {
        for (std::size_t i = 0; i < x.size(); ++i)
            adj_x[i] += -0.4 * std::sin(x[i]) * u[i];
    }
};

struct counted_ode
{
    evaluation_counts* counts;
    void operator()(const vec& x, vec& f, double t) const
    {
        counted_drift{counts}(x, f, t);
    }
    void vjp(const vec& x, double t, const vec& v, vec& adj_x, vec& adj_p) const
    {
        counted_drift{counts}.vjp(x, t, v, adj_x, adj_p);
    }
};

template <class Stepper, class System>
void steps(Stepper& stepper, const System& system, vec& x, int n, double h)
{
    for (int i = 0; i < n; ++i)
        stepper.do_step(system, x, i * h, h);
}

} // namespace

TEST_CASE("each stepper evaluates the vector field 3, 4 and 1 times per step on ODEs and SDEs",
          "[driven]")
{
    const int n = 50;
    const double h = 1.0 / n;
    const odeint::brownian_path<double> path(3, 0.0, 1.0, n, 2);
    // Reversible Heun evaluates F(ŷ_0) once more at the start of a solve.
    const auto check = [&](auto stepper, long per_step, long at_start) {
        evaluation_counts ode_counts, sde_counts;
        vec x{0.5, 1.0};
        steps(stepper, counted_ode{&ode_counts}, x, n, h);
        CHECK(ode_counts.drift == per_step * n + at_start);

        auto fresh = stepper;
        const auto sde = odeint::make_stratonovich_sde<vec>(
            counted_drift{&sde_counts}, counted_diffusion{&sde_counts}, path);
        vec y{0.5, 1.0};
        steps(fresh, sde, y, n, h);
        CHECK(sde_counts.drift == per_step * n + at_start);
        CHECK(sde_counts.diffusion == per_step * n + at_start);
    };
    SECTION("ees25") { check(odeint::ees25<vec>(), 3, 0); }
    SECTION("ees27") { check(odeint::ees27<vec>(), 4, 0); }
    SECTION("reversible_heun") { check(odeint::reversible_heun<vec>(), 1, 1); }
}

TEST_CASE("reversible Heun's reversible gradient evaluates the field once per step backwards",
          "[driven][gradient]")
{
    const int n = 40;
    const odeint::brownian_path<double> path(11, 0.0, 1.0, n, 2);
    evaluation_counts counts;
    const auto sde = odeint::make_stratonovich_sde<vec>(counted_drift{&counts},
                                                        counted_diffusion{&counts}, path);
    vec x{0.5, 1.0}, grad_x0(2), grad_p(1, 0.0);
    const auto result = odeint::integrate_reversible(
        odeint::reversible_heun<vec>(), sde, x, 0.0, 1.0, 1.0 / n,
        [](const vec& x1, vec& a) { a = x1; }, grad_x0, grad_p);
    CHECK(result.steps == std::size_t(n));
    // forward n + 1, backward n (inverse_do_step; adjoint_step reuses F(ŷ_n)).
    CHECK(counts.drift == 2 * n + 1);
    CHECK(counts.diffusion == 2 * n + 1);
}

// Hexadecimal results of the design before the stepper owned the increment (commit b4d4818),
// printed by the same calls with that engine and today's tableaux (correctly rounded
// coefficients, whose last bits differ from b4d4818's own): the redesign changes no
// arithmetic on ODEs or SDEs.
TEST_CASE("ODE and SDE results are bitwise those of the previous design", "[driven]")
{
    const auto lorenz = [](const vec& x, vec& d, double) {
        d[0] = 10 * (x[1] - x[0]);
        d[1] = 28 * x[0] - x[1] - x[0] * x[2];
        d[2] = x[0] * x[1] - 8.0 / 3 * x[2];
    };
    const auto forward_back = [&](auto stepper, const auto& system, vec x, double h) {
        for (int i = 0; i < 200; ++i)
            stepper.do_step(system, x, i * h, h);
        vec forward = x;
        for (int i = 199; i >= 0; --i)
            stepper.inverse_do_step(system, x, i * h, h);
        return std::make_pair(forward, x);
    };
    const auto gradient = [](auto stepper, bool reversible) {
        vec y{1.0, 0.5}, gx(2), gp(2, 0.0);
        const auto terminal = [](const vec& x1, vec& a) { a = x1; };
        if (reversible)
            odeint::integrate_reversible(stepper, ees_test::damped_pendulum{}, y, 0.0, 2.0,
                                         1.0 / 16, terminal, gx, gp);
        else
            odeint::integrate_discrete_adjoint(stepper, ees_test::damped_pendulum{}, y, 0.0,
                                               2.0, 1.0 / 16, terminal, gx, gp);
        return vec{y[0], y[1], gx[0], gx[1], gp[0], gp[1]};
    };
    SECTION("ees25")
    {
        const auto [forward, back] = forward_back(odeint::ees25<vec>(), lorenz, {1, 1, 1}, 0.005);
        CHECK(forward == vec{-0x1.2c196988671dap+3, -0x1.0b5da5c620b86p+3, 0x1.d5d051599f737p+4});
        CHECK(back == vec{0x1.ff6fba8051e95p-1, 0x1.005a8b6c9d546p+0, 0x1.000212137cf7cp+0});
        CHECK(gradient(odeint::ees25<vec>(), true) ==
              vec{-0x1.081858771df26p-3, -0x1.f0bb2d68e5757p-1, 0x1.80663c2ccc23fp-1,
                  0x1.04fbc8433647fp-1, 0x1.328ad2443b108p-4, -0x1.84a0281f74702p-1});
        CHECK(gradient(odeint::ees25<vec>(), false) ==
              vec{-0x1.081858771df26p-3, -0x1.f0bb2d68e5757p-1, 0x1.80663bbbf1c1bp-1,
                  0x1.04fbc834529a4p-1, 0x1.328ad4136fa98p-4, -0x1.84a027c202e88p-1});
    }
    SECTION("ees27")
    {
        const auto [forward, back] = forward_back(odeint::ees27<vec>(), lorenz, {1, 1, 1}, 0.005);
        CHECK(forward == vec{-0x1.2c1b661c8ecc5p+3, -0x1.0b657a6c4d412p+3, 0x1.d5ce249ef5aa9p+4});
        CHECK(back == vec{0x1.fffffcdc69169p-1, 0x1.000001f33ae51p+0, 0x1.ffffffcc729adp-1});
        CHECK(gradient(odeint::ees27<vec>(), true) ==
              vec{-0x1.07c57cb10f53fp-3, -0x1.f0cde2e655f71p-1, 0x1.8076bf274ce9ep-1,
                  0x1.0500ca12f8761p-1, 0x1.33548d3023921p-4, -0x1.84909e9e3f83ap-1});
    }
    SECTION("reversible_heun")
    {
        const auto [forward, back] = forward_back(odeint::reversible_heun<vec>(),
                                                  ees_test::damped_pendulum{1.5, 0.0},
                                                  {1.0, 0.5}, 0.005);
        CHECK(forward == vec{0x1.b1a8a7b06761ap-1, -0x1.91c9805216cd7p-1});
        CHECK(back == vec{0x1.ffffffffffffep-1, 0x1p-1});
        CHECK(gradient(odeint::reversible_heun<vec>(), true) ==
              vec{-0x1.09b9dd84cb46ap-3, -0x1.f044ced80bab6p-1, 0x1.7fe0918122552p-1,
                  0x1.04c743b1d3427p-1, 0x1.2e071939fe643p-4, -0x1.84e17ed2ee9b2p-1});
        CHECK(gradient(odeint::reversible_heun<vec>(), false) ==
              vec{-0x1.09b9dd84cb46ap-3, -0x1.f044ced80bab6p-1, 0x1.7fe0918122552p-1,
                  0x1.04c743b1d3429p-1, 0x1.2e071939fe63bp-4, -0x1.84e17ed2ee9b2p-1});
    }
    SECTION("SDEs on a grid path and on a tree")
    {
        const auto drift = [](const vec& x, vec& f, double) {
            for (std::size_t i = 0; i < x.size(); ++i)
                f[i] = 0.3 * std::sin(x[i]);
        };
        const auto diffusion = [](const vec& x, vec& g, double) {
            for (std::size_t i = 0; i < x.size(); ++i)
                g[i] = 0.4 * std::cos(x[i]);
        };
        const auto run = [&](auto stepper, const auto& path) {
            const auto sde = odeint::make_stratonovich_sde<vec>(drift, diffusion, path);
            vec x{0.5, 1.0};
            for (int i = 0; i < 64; ++i)
                stepper.do_step(sde, x, i / 64.0, 1 / 64.0);
            vec forward = x;
            for (int i = 63; i >= 0; --i)
                stepper.inverse_do_step(sde, x, i / 64.0, 1 / 64.0);
            return std::make_pair(forward, x);
        };
        // The noise of 2026-12-03 (the dyadic construction of the grid path and the
        // library's own normal transform, doc/sde.md): these values were regenerated then.
        const odeint::brownian_path<double> grid(7, 0.0, 1.0, 64, 2);
        const odeint::virtual_brownian_tree<double> tree(7, 0.0, 1.0, 1.0 / 256, 2);
        CHECK(run(odeint::ees25<vec>(), grid).first ==
              vec{0x1.56d3cae0e5c4fp-1, 0x1.4bd4a5e3820f3p+0});
        CHECK(run(odeint::ees25<vec>(), grid).second ==
              vec{0x1.fffffb3a09026p-2, 0x1.000001026f281p+0});
        CHECK(run(odeint::ees27<vec>(), grid).first ==
              vec{0x1.56d3e23eae605p-1, 0x1.4bd441c75440bp+0});
        CHECK(run(odeint::reversible_heun<vec>(), grid).first ==
              vec{0x1.56a468a266f25p-1, 0x1.4bd377e96ba3cp+0});
        CHECK(run(odeint::reversible_heun<vec>(), grid).second ==
              vec{0x1.fffffffffffffp-2, 0x1.0000000000002p+0});
        CHECK(run(odeint::ees25<vec>(), tree).first ==
              vec{0x1.297ff57fcb4bcp-1, 0x1.5186f9c610dabp+0});
        CHECK(run(odeint::ees25<vec>(), tree).second ==
              vec{0x1.ffffff5f27d5cp-2, 0x1.0000007298d5dp+0});
    }
}

TEST_CASE("one const SDE on a virtual Brownian tree steps from two threads as from one",
          "[driven][threads]")
{
    const odeint::virtual_brownian_tree<double> tree(2026, 0.0, 1.0, 1.0 / 1024, 3);
    const auto sde = odeint::make_stratonovich_sde<vec>(
        [](const vec& x, vec& f, double t) {
            for (std::size_t i = 0; i < x.size(); ++i)
                f[i] = std::sin(x[i] + t);
        },
        [](const vec& x, vec& g, double) {
            for (std::size_t i = 0; i < x.size(); ++i)
                g[i] = 0.5 * std::cos(x[i]);
        },
        tree);
    // Each solve walks the tree on its own schedule, so two threads at once query it in
    // interleaved order: the answers must not depend on it.
    const auto solve = [&sde](int n, vec& out) {
        odeint::ees25<vec> stepper;
        vec x{0.1, 0.2, 0.3};
        const double h = 1.0 / n;
        for (int r = 0; r < 20; ++r)
        {
            x = {0.1, 0.2, 0.3};
            for (int i = 0; i < n; ++i)
                stepper.do_step(sde, x, i * h, h);
            for (int i = n - 1; i >= n / 2; --i)
                stepper.inverse_do_step(sde, x, i * h, h);
        }
        out = x;
    };
    vec alone_a, alone_b, shared_a, shared_b;
    solve(256, alone_a);
    solve(100, alone_b);
    std::thread first([&] { solve(256, shared_a); });
    std::thread second([&] { solve(100, shared_b); });
    first.join();
    second.join();
    CHECK(shared_a == alone_a);
    CHECK(shared_b == alone_b);
}

TEST_CASE("control_increment replays the forward increment negated for a backward step",
          "[driven]")
{
    const odeint::virtual_brownian_tree<double> tree(5, 0.0, 1.0, 1e-3, 2);
    auto cursor = tree.make_cursor();
    vec forward(2), backward(2);
    odeint::control_increment(tree, 0.1, 0.35, forward, cursor);
    odeint::control_increment(tree, 0.35, 0.1, backward, cursor);
    CHECK(backward == vec{-forward[0], -forward[1]});
    vec direct(2);
    tree.increment(0.1, 0.35, direct);
    CHECK(direct == forward);
}

TEST_CASE("reversible_heun continues from the object it wrote and restarts from any other",
          "[driven]")
{
    const ees_test::damped_pendulum system{1.5, 0.3};
    const vec x0{1.0, 0.5};
    const double h = 0.1;
    // Out of place from the same x0 twice: the second step starts afresh (ŷ = x0), as
    // odeint's local-error test of a stepper needs.
    odeint::reversible_heun<vec> stepper;
    vec first(2), second(2);
    stepper.do_step(system, x0, 0.0, first, h);
    stepper.do_step(system, x0, 0.0, second, h);
    CHECK(second == first);
    // Ping-pong between two states continues the solve like in-place stepping.
    odeint::reversible_heun<vec> ping, in_place;
    vec a = x0, b(2), c = x0;
    for (int i = 0; i < 3; ++i)
    {
        ping.do_step(system, a, 2 * i * h, b, h);
        ping.do_step(system, b, (2 * i + 1) * h, a, h);
        in_place.do_step(system, c, 2 * i * h, h);
        in_place.do_step(system, c, (2 * i + 1) * h, h);
    }
    CHECK(a == c);
    // and differs from restarting every step (ŷ carried, not reset).
    odeint::reversible_heun<vec> restarting;
    vec r = x0, s(2);
    for (int i = 0; i < 6; ++i)
    {
        restarting.do_step(system, vec(r), i * h, s, h);
        r = s;
    }
    CHECK(r != c);
}
