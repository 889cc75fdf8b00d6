// batched_mlp_field keeps the activations of its last forward passes on the calling thread and
// its vjp reuses them for the same (network, θ, batch, time): the reversible gradients are
// bitwise those computed with every forward pass redone, every vjp of an EES adjoint step
// finds its activations, and a changed θ (in place, on the same field), batch or time, or
// another field, never gets another key's activations.
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

const std::size_t d = 3, width = 8, paths = 5;

using workspace = detail::batched_mlp_workspace<double>;

vec initial_batch()
{
    vec x(paths * d);
    for (std::size_t i = 0; i < x.size(); ++i)
        x[i] = 0.3 + 0.05 * double(i % 7) - 0.02 * double(i);
    return x;
}

bool bitwise_equal(const vec& a, const vec& b)
{
    return a.size() == b.size() &&
           std::memcmp(a.data(), b.data(), a.size() * sizeof(double)) == 0;
}

struct run
{
    vec x, grad_x0, grad_p;
    std::size_t forward_passes, reused_passes;
};

template <class Stepper>
run reversible_gradient(bool reuse, std::size_t steps)
{
    const ees_test::neural_sde_model model(d, width);
    auto drift = model.batched_drift();
    auto diffusion = model.batched_diffusion();
    drift.set_reuse_activations(reuse);
    diffusion.set_reuse_activations(reuse);
    const brownian_path<double> grid(9, 0.0, 1.0, 120, d);
    const batched_brownian_path<double> noise(grid, paths);
    const auto sde = make_stratonovich_sde<vec>(drift, diffusion, noise, diagonal_noise());
    run r{initial_batch(), vec(paths * d), vec(model.parameter_count(), 0.0), 0, 0};
    auto& w = workspace::of_this_thread();
    w.entries.clear();  // nothing kept from another test
    const std::size_t forward_before = w.forward_passes, reused_before = w.reused_passes;
    integrate_reversible(Stepper(), sde, r.x, 0.0, 1.0, 1.0 / double(steps),
                         [](const vec& y, vec& a) { a = y; }, r.grad_x0, r.grad_p);
    r.forward_passes = w.forward_passes - forward_before;
    r.reused_passes = w.reused_passes - reused_before;
    return r;
}

template <class Stepper>
void check_same_bits_fewer_passes(std::size_t stages)
{
    const std::size_t steps = 24;
    const run with = reversible_gradient<Stepper>(true, steps);
    const run without = reversible_gradient<Stepper>(false, steps);
    CHECK(bitwise_equal(with.x, without.x));
    CHECK(bitwise_equal(with.grad_x0, without.grad_x0));
    CHECK(bitwise_equal(with.grad_p, without.grad_p));
    CHECK(without.reused_passes == 0u);
    // Every call is a forward pass computed or one reused.
    CHECK(with.forward_passes + with.reused_passes == without.forward_passes);
    // Every vjp of the adjoint steps (drift and diffusion at each stage) finds its activations.
    CHECK(with.reused_passes >= 2 * stages * steps);
}

} // namespace

TEST_CASE("vjp reuses the forward activations: bitwise the same gradients, fewer forward passes")
{
    SECTION("ees25") { check_same_bits_fewer_passes<ees25<vec>>(3); }
    SECTION("ees27") { check_same_bits_fewer_passes<ees27<vec>>(4); }
    SECTION("reversible_heun: its vjps are at states it evaluated a step earlier")
    {
        const std::size_t steps = 24;
        const run with = reversible_gradient<reversible_heun<vec>>(true, steps);
        const run without = reversible_gradient<reversible_heun<vec>>(false, steps);
        CHECK(bitwise_equal(with.grad_x0, without.grad_x0));
        CHECK(bitwise_equal(with.grad_p, without.grad_p));
        CHECK(with.forward_passes + with.reused_passes == without.forward_passes);
        CHECK(with.reused_passes > 0u);
    }
}

TEST_CASE("kept activations are never another key's")
{
    const ees_test::neural_sde_model model(d, width);
    const vec y = initial_batch();
    vec v(paths * d);
    for (std::size_t i = 0; i < v.size(); ++i)
        v[i] = 1.0 - 0.1 * double(i);
    const double t = 0.25;

    // vjp of a field that keeps nothing: every call computes its forward pass.
    const auto fresh_vjp = [&](batched_mlp_field<double> field, const vec& at, double time) {
        field.set_reuse_activations(false);
        vec adj_y(paths * d, 0.0), adj_p(model.parameter_count(), 0.0);
        field.vjp(at, time, v, adj_y, adj_p);
        adj_y.insert(adj_y.end(), adj_p.begin(), adj_p.end());
        return adj_y;
    };
    const auto vjp_after_forward = [&](const batched_mlp_field<double>& forward_field,
                                       const vec& forward_at, double forward_time,
                                       const batched_mlp_field<double>& field, const vec& at,
                                       double time) {
        vec f(paths * d), adj_y(paths * d, 0.0), adj_p(model.parameter_count(), 0.0);
        forward_field(forward_at, f, forward_time);
        field.vjp(at, time, v, adj_y, adj_p);
        adj_y.insert(adj_y.end(), adj_p.begin(), adj_p.end());
        return adj_y;
    };

    SECTION("the same key is reused, bitwise")
    {
        const auto drift = model.batched_drift();
        auto& w = workspace::of_this_thread();
        const std::size_t reused = w.reused_passes;
        const vec kept = vjp_after_forward(drift, y, t, drift, y, t);
        CHECK(w.reused_passes == reused + 1);
        CHECK(bitwise_equal(kept, fresh_vjp(drift, y, t)));
    }
    SECTION("θ changed in place on the same field")
    {
        auto drift = model.batched_drift();
        vec f(paths * d);
        drift(y, f, t);
        drift.network().parameters()[1] += 0.25;
        vec adj_y(paths * d, 0.0), adj_p(model.parameter_count(), 0.0);
        drift.vjp(y, t, v, adj_y, adj_p);
        adj_y.insert(adj_y.end(), adj_p.begin(), adj_p.end());
        CHECK(bitwise_equal(adj_y, fresh_vjp(drift, y, t)));
    }
    SECTION("the batch changed in place")
    {
        const auto drift = model.batched_drift();
        vec z = y;
        vec f(paths * d);
        drift(z, f, t);
        z[2 * d + 1] += 1e-3;
        vec adj_y(paths * d, 0.0), adj_p(model.parameter_count(), 0.0);
        drift.vjp(z, t, v, adj_y, adj_p);
        adj_y.insert(adj_y.end(), adj_p.begin(), adj_p.end());
        CHECK(bitwise_equal(adj_y, fresh_vjp(drift, z, t)));
    }
    SECTION("another time, with time as an input")
    {
        const auto drift = model.batched_drift();
        CHECK(bitwise_equal(vjp_after_forward(drift, y, t, drift, y, 0.5),
                            fresh_vjp(drift, y, 0.5)));
    }
    SECTION("another field of the same shape")
    {
        const auto drift = model.batched_drift();
        auto other = model.batched_drift();
        for (auto& p : other.network().parameters())
            p *= 0.5;
        CHECK(bitwise_equal(vjp_after_forward(drift, y, t, other, y, t),
                            fresh_vjp(other, y, t)));
    }
    SECTION("another batch size")
    {
        const auto drift = model.batched_drift();
        // The first two paths of y alone, then the vjp of all of y.
        const vec shorter(y.begin(), y.begin() + std::ptrdiff_t(2 * d));
        vec f(2 * d), adj_y(paths * d, 0.0), adj_p(model.parameter_count(), 0.0);
        drift(shorter, f, t);
        drift.vjp(y, t, v, adj_y, adj_p);
        adj_y.insert(adj_y.end(), adj_p.begin(), adj_p.end());
        CHECK(bitwise_equal(adj_y, fresh_vjp(drift, y, t)));
    }
}

TEST_CASE("kept activations: bitwise the same gradients on 1 and 2 threads")
{
    const ees_test::neural_sde_model model(d, width);
    const std::size_t total = 4 * paths;
    const block_plan plan(total, paths);
    const auto gradients = [&](std::size_t threads) {
        std::vector<vec> partials(plan.blocks());
        run_blocks(plan, threads, [&](std::size_t i) {
            const batched_brownian_path<double> noise(
                brownian_path<double>(9, 0.0, 1.0, 128, d, plan.first(i)), plan.count(i));
            const auto sde = make_stratonovich_sde<vec>(model.batched_drift(),
                                                        model.batched_diffusion(), noise,
                                                        diagonal_noise());
            vec x = initial_batch(), grad_x0(paths * d), grad_p(model.parameter_count(), 0.0);
            integrate_reversible(ees25<vec>(), sde, x, 0.0, 1.0, 1.0 / 16,
                                 [](const vec& y, vec& a) { a = y; }, grad_x0, grad_p);
            partials[i] = grad_p;
        });
        vec total_p(model.parameter_count(), 0.0);
        sum_blocks(partials, total_p);
        return total_p;
    };
    CHECK(bitwise_equal(gradients(1), gradients(2)));
}
