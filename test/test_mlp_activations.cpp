// mlp_vector_field keeps the activations of its last forward passes on the calling thread and
// its vjp reuses them for the same (network, θ, state, time): the reversible gradients of a
// neural SDE are bitwise those computed with every forward pass redone, every vjp of an EES
// adjoint step finds its activations, and a changed θ (in place, on the same field), state or
// time, or another field, never gets another key's activations.
#include <boost/numeric/odeint.hpp>
#include <boost/numeric/odeint/ees.hpp>
#include <boost/numeric/odeint/nn/mlp.hpp>

#include <cstddef>
#include <cstring>
#include <vector>

#include <catch2/catch.hpp>

using namespace boost::numeric::odeint;
using vec = std::vector<double>;

namespace {

const std::size_t d = 3, width = 8;
using workspace = detail::mlp_workspace<double>;

bool bitwise_equal(const vec& a, const vec& b)
{
    return a.size() == b.size() &&
           std::memcmp(a.data(), b.data(), a.size() * sizeof(double)) == 0;
}

mlp<double> drift_network()
{
    return mlp<double>({d + 1, width, width, d}, mlp_activation::lipswish, 5);
}
mlp<double> diffusion_network()
{
    return mlp<double>({d, width, d}, mlp_activation::tanh, 6, mlp_output_activation::tanh);
}

struct run
{
    vec grad_x0, grad_p;
    std::size_t forward_passes, reused_passes;
};

template <class Stepper>
run reversible_gradient(bool reuse)
{
    mlp_vector_field<double> drift(drift_network(), mlp_time::input);
    mlp_vector_field<double> diffusion(diffusion_network(), mlp_time::ignored,
                                       drift.network().parameter_count());
    drift.set_reuse_activations(reuse);
    diffusion.set_reuse_activations(reuse);
    const brownian_path<double> path(9, 0.0, 1.0, 64, d);
    const auto sde = make_stratonovich_sde<vec>(drift, diffusion, path, diagonal_noise());
    vec x{0.3, -0.1, 0.2};
    run r{vec(d), vec(diffusion.required_parameter_count(), 0.0), 0, 0};
    auto& w = workspace::of_this_thread();
    w.entries.clear();  // nothing kept from another test
    const std::size_t forward_before = w.forward_passes, reused_before = w.reused_passes;
    integrate_reversible(Stepper(), sde, x, 0.0, 1.0, 1.0 / 32,
                         [](const vec& y, vec& a) { a = y; }, r.grad_x0, r.grad_p);
    r.forward_passes = w.forward_passes - forward_before;
    r.reused_passes = w.reused_passes - reused_before;
    return r;
}

template <class Stepper>
void check_same_bits_fewer_passes(std::size_t stages)
{
    const run with = reversible_gradient<Stepper>(true);
    const run without = reversible_gradient<Stepper>(false);
    CHECK(bitwise_equal(with.grad_x0, without.grad_x0));
    CHECK(bitwise_equal(with.grad_p, without.grad_p));
    CHECK(without.reused_passes == 0u);
    CHECK(with.forward_passes + with.reused_passes == without.forward_passes);
    if (stages > 0)  // every vjp of the adjoint steps finds its activations
        CHECK(with.reused_passes >= 2 * stages * 32);
    else
        CHECK(with.reused_passes > 0u);
}

} // namespace

TEST_CASE("mlp_vector_field: vjp reuses the forward activations, bitwise the same gradients")
{
    SECTION("ees25") { check_same_bits_fewer_passes<ees25<vec>>(3); }
    SECTION("ees27") { check_same_bits_fewer_passes<ees27<vec>>(4); }
    SECTION("reversible_heun") { check_same_bits_fewer_passes<reversible_heun<vec>>(0); }
}

TEST_CASE("mlp_vector_field: kept activations are never another key's")
{
    const vec y{0.3, -0.1, 0.2}, v{1.0, -0.5, 0.25};
    const double t = 0.25;
    mlp_vector_field<double> drift(drift_network(), mlp_time::input);
    const std::size_t parameters = drift.network().parameter_count();

    const auto vjp = [&](const mlp_vector_field<double>& field, const vec& at, double time) {
        vec adj_y(d, 0.0), adj_p(parameters, 0.0);
        field.vjp(at, time, v, adj_y, adj_p);
        adj_y.insert(adj_y.end(), adj_p.begin(), adj_p.end());
        return adj_y;
    };
    const auto fresh_vjp = [&](mlp_vector_field<double> field, const vec& at, double time) {
        field.set_reuse_activations(false);
        return vjp(field, at, time);
    };
    vec f(d);

    SECTION("the same key is reused, bitwise")
    {
        auto& w = workspace::of_this_thread();
        drift(y, f, t);
        const std::size_t reused = w.reused_passes;
        const vec kept = vjp(drift, y, t);
        CHECK(w.reused_passes == reused + 1);
        CHECK(bitwise_equal(kept, fresh_vjp(drift, y, t)));
    }
    SECTION("θ changed in place on the same field")
    {
        drift(y, f, t);
        drift.network().parameters()[1] += 0.25;
        CHECK(bitwise_equal(vjp(drift, y, t), fresh_vjp(drift, y, t)));
    }
    SECTION("the state changed in place")
    {
        vec z = y;
        drift(z, f, t);
        z[1] += 1e-3;
        CHECK(bitwise_equal(vjp(drift, z, t), fresh_vjp(drift, z, t)));
    }
    SECTION("another time, with time as an input")
    {
        drift(y, f, t);
        CHECK(bitwise_equal(vjp(drift, y, 0.5), fresh_vjp(drift, y, 0.5)));
    }
    SECTION("another field of the same shape")
    {
        auto other = drift;
        for (auto& p : other.network().parameters())
            p *= 0.5;
        drift(y, f, t);
        CHECK(bitwise_equal(vjp(other, y, t), fresh_vjp(other, y, t)));
    }
}
