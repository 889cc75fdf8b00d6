// The backward pass of integrate_reversible asks the Brownian path once per step: adjoint_step
// reuses (negated) the increment that inverse_do_step drew for the same step, instead of
// drawing it again. Counted through a path wrapper that counts its increment queries, and
// the gradients compared bitwise with the same sweep written out by hand with the adjoint
// steps on a second, equal path (which has to be asked again: the old behaviour).
#include <boost/numeric/odeint.hpp>
#include <boost/numeric/odeint/ees.hpp>
#include <boost/numeric/odeint/noise/batched_brownian_path.hpp>
#include <boost/numeric/odeint/noise/brownian_path.hpp>

#include <cmath>
#include <cstddef>
#include <cstring>
#include <functional>
#include <memory>
#include <type_traits>
#include <vector>

#include <catch2/catch.hpp>

#include "sde_support.hpp"

using namespace boost::numeric::odeint;
using vec = std::vector<double>;

namespace {

/// brownian_path that counts the increments asked of it (the count is shared by copies).
struct counting_path
{
    using value_type = double;

    brownian_path<double> path;
    std::shared_ptr<std::size_t> queries = std::make_shared<std::size_t>(0);

    std::size_t dimension() const { return path.dimension(); }

    template <class Container>
    void increment(double s, double u, Container& dW) const
    {
        ++*queries;
        path.increment(s, u, dW);
    }
};

/// A path with a cursor (batched_brownian_path) that counts its increment queries.
template <class Path>
struct counting_cursor_path
{
    using value_type = typename Path::value_type;
    using time_type = typename Path::time_type;
    using cursor_type = typename Path::cursor_type;

    Path path;
    std::shared_ptr<std::size_t> queries = std::make_shared<std::size_t>(0);

    std::size_t dimension() const { return path.dimension(); }
    cursor_type make_cursor() const { return path.make_cursor(); }
    bool cursor_matches(const cursor_type& cursor) const { return path.cursor_matches(cursor); }

    template <class Container>
    void increment(time_type s, time_type u, Container& dW, cursor_type& cursor) const
    {
        ++*queries;
        path.increment(s, u, dW, cursor);
    }
    template <class Container>
    void increment(time_type s, time_type u, Container& dW) const
    {
        ++*queries;
        path.increment(s, u, dW);
    }
};

/// Element-wise drift a sin(x_i) and diagonal diffusion b x_i of a batch, θ = (a, b).
struct batch_drift
{
    double a;
    void operator()(const vec& x, vec& f, double) const
    {
        for (std::size_t i = 0; i < x.size(); ++i)
            f[i] = a * std::sin(x[i]);
    }
    void vjp(const vec& x, double, const vec& v, vec& adj_x, vec& adj_p) const
    {
        for (std::size_t i = 0; i < x.size(); ++i)
        {
            adj_x[i] += a * std::cos(x[i]) * v[i];
            adj_p[0] += std::sin(x[i]) * v[i];
        }
    }
};

struct batch_diffusion
{
    double b;
    void operator()(const vec& x, vec& g, double) const
    {
        for (std::size_t i = 0; i < x.size(); ++i)
            g[i] = b * x[i];
    }
    void vjp(const vec& x, double, const vec& u, vec& adj_x, vec& adj_p) const
    {
        for (std::size_t i = 0; i < x.size(); ++i)
        {
            adj_x[i] += b * u[i];
            adj_p[1] += x[i] * u[i];
        }
    }
};

counting_path make_path()
{
    return counting_path{brownian_path<double>(17, 0.0, 1.0, 64, 2)};
}

auto make_sde(const counting_path& path)
{
    return make_stratonovich_sde<vec>(ees_test::coupled_drift{0.7, 0.4},
                                      ees_test::coupled_diffusion{0.4}, path, general_noise());
}

bool bitwise_equal(const vec& a, const vec& b)
{
    return a.size() == b.size() &&
           std::memcmp(a.data(), b.data(), a.size() * sizeof(double)) == 0;
}

template <class Stepper>
constexpr bool has_auxiliary = std::is_same<Stepper, reversible_heun<vec>>::value;

/// integrate_reversible's sweep written out (terminal loss |x(1)|²/2, n steps of 1/n), with
/// the forward steps on `forward`, inverse_do_step on `back` and adjoint_step on `adjoint`.
template <class Stepper, class Sde>
void manual_sweep(const Sde& forward, const Sde& back, const Sde& adjoint, int n, vec& grad_x0,
                  vec& grad_p)
{
    Stepper stepper;
    const double h = 1.0 / n;
    vec x{0.3, -0.2};
    if constexpr (has_auxiliary<Stepper>)
        stepper.initialize(x);
    for (int j = 0; j < n; ++j)
        stepper.do_step(std::cref(forward), x, 0.0 + static_cast<double>(j) * h, h);
    vec a = x;
    if constexpr (has_auxiliary<Stepper>)
        stepper.start_adjoint(x);
    for (int j = n; j-- > 0;)
    {
        const double t = 0.0 + static_cast<double>(j) * h;
        stepper.inverse_do_step(std::cref(back), x, t, h);
        stepper.adjoint_step(std::cref(adjoint), x, t, h, a, grad_p);
    }
    if constexpr (has_auxiliary<Stepper>)
        stepper.finish_adjoint(a);
    grad_x0 = a;
}

template <class Stepper>
void check_one_query_per_backward_step()
{
    const int n = 32;  // steps of 1/32 on the path's grid of 1/64
    const counting_path path = make_path();
    const auto sde = make_sde(path);

    // integrate_reversible: n queries forward, n backward (2n before the reuse: 3n in all).
    vec x{0.3, -0.2}, grad_x0(2), grad_p(2, 0.0);
    *path.queries = 0;
    integrate_reversible(Stepper(), sde, x, 0.0, 1.0, 1.0 / n,
                         [](const vec& x1, vec& a) { a = x1; }, grad_x0, grad_p);
    CHECK(*path.queries == std::size_t(2 * n));

    // The same sweep by hand, one path: n queries per pass; bitwise integrate_reversible.
    vec manual_x0, manual_p(2, 0.0);
    *path.queries = 0;
    manual_sweep<Stepper>(sde, sde, sde, n, manual_x0, manual_p);
    CHECK(*path.queries == std::size_t(2 * n));
    CHECK(bitwise_equal(manual_x0, grad_x0));
    CHECK(bitwise_equal(manual_p, grad_p));

    // The adjoint steps on a second path object with the same noise: it is asked again, once
    // per backward step (what every adjoint step did before), and the gradients are bitwise
    // those of the reused increments.
    const counting_path twin = make_path();
    const auto twin_sde = make_sde(twin);
    vec drawn_x0, drawn_p(2, 0.0);
    *path.queries = 0;
    manual_sweep<Stepper>(sde, sde, twin_sde, n, drawn_x0, drawn_p);
    CHECK(*path.queries == std::size_t(2 * n));
    CHECK(*twin.queries == std::size_t(n));
    CHECK(bitwise_equal(drawn_x0, grad_x0));
    CHECK(bitwise_equal(drawn_p, grad_p));
    CHECK(grad_p[0] != 0.0);
}

} // namespace

TEST_CASE("adjoint_step reuses the increment inverse_do_step drew: one query per backward step")
{
    SECTION("ees25") { check_one_query_per_backward_step<ees25<vec>>(); }
    SECTION("ees27") { check_one_query_per_backward_step<ees27<vec>>(); }
    SECTION("reversible_heun") { check_one_query_per_backward_step<reversible_heun<vec>>(); }
}

TEST_CASE("the kept increment is only reused by the adjoint of the same step")
{
    const int n = 8;
    const double h = 1.0 / n;
    const counting_path path = make_path();
    const auto sde = make_sde(path);
    ees25<vec> stepper;
    vec x{0.3, -0.2}, a{1.0, 0.5}, grad_p(2, 0.0);

    // Another step in between: the adjoint step draws its own increment.
    stepper.inverse_do_step(std::cref(sde), x, 3 * h, h);
    stepper.do_step(std::cref(sde), x, 3 * h, h);
    *path.queries = 0;
    stepper.adjoint_step(std::cref(sde), x, 3 * h, h, a, grad_p);
    CHECK(*path.queries == 1u);

    // A different span: drawn.
    stepper.inverse_do_step(std::cref(sde), x, 3 * h, h);
    *path.queries = 0;
    stepper.adjoint_step(std::cref(sde), x, 2 * h, h, a, grad_p);
    CHECK(*path.queries == 1u);

    // Another path with the same span (a new path, equal values): drawn from that path.
    const counting_path other{brownian_path<double>(18, 0.0, 1.0, 64, 2)};
    const auto other_sde = make_sde(other);
    stepper.inverse_do_step(std::cref(sde), x, 3 * h, h);
    *path.queries = 0;
    stepper.adjoint_step(std::cref(other_sde), x, 3 * h, h, a, grad_p);
    CHECK(*path.queries == 0u);
    CHECK(*other.queries == 1u);

    // Reused once only: a second adjoint step of the same span draws.
    stepper.inverse_do_step(std::cref(sde), x, 3 * h, h);
    *path.queries = 0;
    stepper.adjoint_step(std::cref(sde), x, 3 * h, h, a, grad_p);
    stepper.adjoint_step(std::cref(sde), x, 3 * h, h, a, grad_p);
    CHECK(*path.queries == 1u);
}

TEST_CASE("a batched path (with a cursor) is asked once per backward step too")
{
    using path_type = counting_cursor_path<batched_brownian_path<double>>;
    const std::size_t paths = 4, d = 2;
    const int n = 16;
    const auto make = [&] {
        return path_type{batched_brownian_path<double>(
            brownian_path<double>(5, 0.0, 1.0, 32, d), paths)};
    };
    const path_type path = make(), twin = make();
    const auto sde = make_stratonovich_sde<vec>(batch_drift{0.8}, batch_diffusion{0.3}, path,
                                                diagonal_noise());
    const auto twin_sde = make_stratonovich_sde<vec>(batch_drift{0.8}, batch_diffusion{0.3},
                                                     twin, diagonal_noise());
    const auto start = [&] {
        vec x(paths * d);
        for (std::size_t i = 0; i < x.size(); ++i)
            x[i] = 0.2 + 0.1 * double(i);
        return x;
    };
    vec x = start(), grad_x0(x.size()), grad_p(2, 0.0);
    integrate_reversible(ees27<vec>(), sde, x, 0.0, 1.0, 1.0 / n,
                         [](const vec& x1, vec& a) { a = x1; }, grad_x0, grad_p);
    CHECK(*path.queries == std::size_t(2 * n));

    // The same sweep with the adjoint steps drawn anew from the twin: bitwise the same.
    ees27<vec> stepper;
    const double h = 1.0 / n;
    vec y = start(), a, drawn_p(2, 0.0);
    for (int j = 0; j < n; ++j)
        stepper.do_step(std::cref(sde), y, 0.0 + static_cast<double>(j) * h, h);
    a = y;
    for (int j = n; j-- > 0;)
    {
        const double t = 0.0 + static_cast<double>(j) * h;
        stepper.inverse_do_step(std::cref(sde), y, t, h);
        stepper.adjoint_step(std::cref(twin_sde), y, t, h, a, drawn_p);
    }
    CHECK(*twin.queries == std::size_t(n));
    CHECK(bitwise_equal(a, grad_x0));
    CHECK(bitwise_equal(drawn_p, grad_p));
}
