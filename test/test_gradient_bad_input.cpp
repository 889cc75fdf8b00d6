// Bad input to the gradient integrators gets a clear exception: an interval that is not a
// whole number of steps, a state that turns non-finite during the solve (naming the step and
// the time), gradient containers of the wrong size, unordered observation times, more steps
// than the time type counts, an observation gradient that resizes the adjoint, a parameter
// gradient of another size than the system declares.
#include <boost/numeric/odeint/ees.hpp>

#include <array>
#include <cmath>
#include <cstddef>
#include <functional>
#include <limits>
#include <stdexcept>
#include <string>
#include <vector>

#include <catch2/catch.hpp>

#include "test_support.hpp"

#include "gradient_support.hpp"

using namespace boost::numeric::odeint;
using vec = std::vector<double>;

namespace {

using ees_test::require_throw_mentioning;

const auto terminal = [](const vec& y, vec& a) { a = y; };

// y' = y²: from y(0) = 1 it blows up at t = 1.
struct blow_up
{
    void operator()(const vec& y, vec& f, double) const { f[0] = y[0] * y[0]; }
    void vjp(const vec& y, double, const vec& v, vec& adj_y, vec&) const
    {
        adj_y[0] += 2 * y[0] * v[0];
    }
};

} // namespace

TEST_CASE("An interval that is not a whole number of steps is rejected")
{
    vec x{1.0, 0.0}, grad_x0(2), grad_p(2, 0.0);
    require_throw_mentioning<std::invalid_argument>(
        [&] {
            integrate_reversible(ees25<vec>(), ees_test::damped_pendulum(), x, 0.0, 1.0, 0.3,
                                 terminal, grad_x0, grad_p);
        },
        "not a whole number of steps");
    CHECK(x == vec{1.0, 0.0});  // rejected before any step
    require_throw_mentioning<std::invalid_argument>(
        [&] {
            integrate_discrete_adjoint(ees25<vec>(), ees_test::damped_pendulum(), x, 0.0, 1.0,
                                       0.3, terminal, grad_x0, grad_p);
        },
        "not a whole number of steps");
    for (double dt : {0.0, -0.1, std::numeric_limits<double>::quiet_NaN()})
        require_throw_mentioning<std::invalid_argument>(
            [&] {
                integrate_reversible(ees27<vec>(), ees_test::damped_pendulum(), x, 0.0, 1.0, dt,
                                     terminal, grad_x0, grad_p);
            },
            "dt");
    require_throw_mentioning<std::invalid_argument>(
        [&] {
            integrate_reversible(ees27<vec>(), ees_test::damped_pendulum(), x, 1.0, 0.0, 0.1,
                                 terminal, grad_x0, grad_p);
        },
        "t0 < t1");
}

TEST_CASE("A state that turns non-finite is reported with its step and time")
{
    vec x{1.0}, grad_x0(1), grad_p(1, 0.0);
    // Steps of 1/8 reach the singularity at t = 1 within a few steps past it.
    require_throw_mentioning<std::runtime_error>(
        [&] {
            integrate_reversible(ees25<vec>(), blow_up(), x, 0.0, 4.0, 0.125, terminal, grad_x0,
                                 grad_p);
        },
        "not finite at step");
    vec nan_start{std::numeric_limits<double>::quiet_NaN()};
    require_throw_mentioning<std::runtime_error>(
        [&] {
            integrate_reversible(ees25<vec>(), blow_up(), nan_start, 0.0, 1.0, 0.125, terminal,
                                 grad_x0, grad_p);
        },
        "at step 0 (t = 0)");
}

TEST_CASE("Gradient containers of the wrong size are rejected")
{
    vec x{1.0, 0.0}, short_gradient(1), grad_p(2, 0.0);
    require_throw_mentioning<std::invalid_argument>(
        [&] {
            integrate_reversible(ees25<vec>(), ees_test::damped_pendulum(), x, 0.0, 1.0, 0.125,
                                 terminal, short_gradient, grad_p);
        },
        "grad_x0 does not have the size of the state (it has size 1, the state size 2)");
    vec grad_x0(2);
    require_throw_mentioning<std::invalid_argument>(
        [&] {
            integrate_reversible(ees25<vec>(), ees_test::damped_pendulum(), x, 0.0, 1.0, 0.125,
                                 [](const vec&, vec& a) { a.resize(3); }, grad_x0, grad_p);
        },
        "terminal gradient does not have the size of the state (it has size 3, the state size 2)");
}

TEST_CASE("Observation times must increase")
{
    vec x{1.0, 0.0}, grad_x0(2), grad_p(2, 0.0);
    const auto observe = [](std::size_t, const vec&, double, vec&) {};
    const std::vector<double> unordered{0.0, 0.5, 0.25, 1.0};
    require_throw_mentioning<std::invalid_argument>(
        [&] {
            integrate_reversible(ees25<vec>(), ees_test::damped_pendulum(), x, unordered.begin(),
                                 unordered.end(), 0.125, observe, grad_x0, grad_p);
        },
        "t0 < t1");
    const std::vector<double> single{0.0};
    require_throw_mentioning<std::invalid_argument>(
        [&] {
            integrate_reversible(ees25<vec>(), ees_test::damped_pendulum(), x, single.begin(),
                                 single.end(), 0.125, observe, grad_x0, grad_p);
        },
        "at least two times");
}

TEST_CASE("An observation gradient that resizes the adjoint at an intermediate time is "
          "rejected")
{
    const std::vector<double> times{0.0, 0.25, 0.5, 1.0};
    // Resizes a at t_1 only; the terminal call (k = 3) leaves it alone.
    const auto resize_at_t1 = [](std::size_t k, const vec&, double, vec& a) {
        if (k == 1)
            a.resize(1);
    };
    vec x{1.0, 0.0}, grad_x0(2), grad_p(2, 0.0);
    require_throw_mentioning<std::invalid_argument>(
        [&] {
            integrate_reversible(ees25<vec>(), ees_test::damped_pendulum(), x, times.begin(),
                                 times.end(), 0.125, resize_at_t1, grad_x0, grad_p);
        },
        "the adjoint after an observation gradient");
    vec y{1.0, 0.0};
    require_throw_mentioning<std::invalid_argument>(
        [&] {
            integrate_discrete_adjoint(ees27<vec>(), ees_test::damped_pendulum(), y,
                                       times.begin(), times.end(), 0.125, resize_at_t1,
                                       grad_x0, grad_p);
        },
        "the adjoint after an observation gradient");
}

TEST_CASE("More steps than the time type can count are rejected before any step")
{
    vec x{1.0, 0.0}, grad_x0(2), grad_p(2, 0.0);
    // (1 - 0) / 1e-300 = 1e300 steps: more than 2^64, the conversion to a count is undefined.
    require_throw_mentioning<std::invalid_argument>(
        [&] {
            integrate_reversible(ees25<vec>(), ees_test::damped_pendulum(), x, 0.0, 1.0, 1e-300,
                                 terminal, grad_x0, grad_p);
        },
        "steps, not below the 9007199254740992 that the time type counts exactly");
    require_throw_mentioning<std::invalid_argument>(
        [&] {
            integrate_discrete_adjoint(ees25<vec>(), ees_test::damped_pendulum(), x, 0.0, 1.0,
                                       1e-300, terminal, grad_x0, grad_p);
        },
        "dt = 1e-300)");
    const std::vector<double> times{0.0, 0.5, 1.0};
    require_throw_mentioning<std::invalid_argument>(
        [&] {
            integrate_reversible(ees25<vec>(), ees_test::damped_pendulum(), x, times.begin(),
                                 times.end(), 1e-300,
                                 [](std::size_t, const vec&, double, vec&) {}, grad_x0, grad_p);
        },
        "steps, not below the 9007199254740992");
    CHECK(x == vec{1.0, 0.0});
}

namespace {

// The damped pendulum declaring its two parameters, as a member function or a constant.
struct counted_pendulum : ees_test::damped_pendulum
{
    std::size_t parameter_count() const { return 2; }
};

struct constant_counted_pendulum : ees_test::damped_pendulum
{
    static constexpr std::size_t parameter_count = 2;
};

} // namespace

TEST_CASE("A parameter gradient of another size than the system declares is rejected")
{
    vec x{1.0, 0.0}, grad_x0(2), short_p(1, 0.0), long_p(3, 0.0);
    require_throw_mentioning<std::invalid_argument>(
        [&] {
            integrate_reversible(ees25<vec>(), counted_pendulum(), x, 0.0, 1.0, 0.125, terminal,
                                 grad_x0, short_p);
        },
        "grad_p has size 1 but the system declares parameter_count = 2");
    require_throw_mentioning<std::invalid_argument>(
        [&] {
            integrate_discrete_adjoint(ees27<vec>(), constant_counted_pendulum(), x, 0.0, 1.0,
                                       0.125, terminal, grad_x0, long_p);
        },
        "grad_p has size 3");
    const std::vector<double> times{0.0, 0.5, 1.0};
    std::array<double, 1> array_p{};
    counted_pendulum referenced;
    require_throw_mentioning<std::invalid_argument>(
        [&] {
            integrate_reversible(reversible_heun<vec>(), std::ref(referenced), x, times.begin(),
                                 times.end(), 0.125,
                                 [](std::size_t, const vec&, double, vec&) {}, grad_x0,
                                 array_p);
        },
        "grad_p has size 1");
    CHECK(x == vec{1.0, 0.0});
    // The declared size is accepted, and a system that declares nothing is trusted.
    vec grad_p(2, 0.0);
    CHECK_NOTHROW(integrate_reversible(ees25<vec>(), counted_pendulum(), x, 0.0, 1.0, 0.125,
                                       terminal, grad_x0, grad_p));
    CHECK_NOTHROW(integrate_reversible(ees25<vec>(), ees_test::damped_pendulum(), x, 0.0, 1.0,
                                       0.125, terminal, grad_x0, grad_p));
}
