// Bad input to the adaptive steppers gets a clear exception: a negative or NaN step size
// limit, and a tolerance that cannot be met, which would otherwise shrink dt without end
// (integrate_adaptive never finishes, integrate_reversible's step plan grows until memory
// runs out).
#include <boost/numeric/odeint.hpp>
#include <boost/numeric/odeint/ees.hpp>
#include <boost/numeric/odeint/noise/virtual_brownian_tree.hpp>

#include <cmath>
#include <cstddef>
#include <functional>
#include <limits>
#include <stdexcept>
#include <string>
#include <vector>

#include <catch2/catch.hpp>

#include "gradient_support.hpp"
#include "test_support.hpp"

using namespace boost::numeric::odeint;
using vec = std::vector<double>;

namespace {

using ees_test::require_throw_mentioning;

const double not_a_number = std::numeric_limits<double>::quiet_NaN();
const double infinity = std::numeric_limits<double>::infinity();

// x' = -x on [0, 1].
const auto decay = [](const vec& x, vec& f, double) { f[0] = -x[0]; };

} // namespace

TEST_CASE("A NaN step size limit is rejected by make_controlled and make_dense_output")
{
    require_throw_mentioning<std::invalid_argument>(
        [&] { make_controlled(1e-6, 1e-6, not_a_number, ees25<vec>()); }, "max_dt = nan");
    require_throw_mentioning<std::invalid_argument>(
        [&] { make_dense_output(1e-6, 1e-6, not_a_number, ees27<vec>()); }, "max_dt = nan");
    // 0 and +inf mean no limit; a positive limit is kept.
    for (double max_dt : {0.0, infinity, 0.05})
    {
        vec x{1.0};
        CHECK_NOTHROW(integrate_adaptive(make_controlled(1e-8, 1e-8, max_dt, ees25<vec>()), decay,
                                         x, 0.0, 1.0, 0.1));
        CHECK(x[0] == Approx(std::exp(-1.0)).epsilon(1e-5));
    }
    vec x{1.0};
    const std::size_t steps = integrate_adaptive(make_controlled(1e-3, 1e-3, 0.05, ees25<vec>()),
                                                 decay, x, 0.0, 1.0, 0.1);
    CHECK(steps >= 20u);  // no step longer than max_dt
}

TEST_CASE("A step size limit takes its direction from its sign, as in odeint")
{
    // Backwards in time odeint passes max_dt negative (its step adjuster returns max_dt itself
    // where it limits a step); x' = -x from x(1) = 1 back to t = 0 gives x(0) = e.
    for (double max_dt : {-0.05, -infinity})
    {
        vec x{1.0};
        const std::size_t steps = integrate_adaptive(
            make_controlled(1e-8, 1e-8, max_dt, ees25<vec>()), decay, x, 1.0, 0.0, -0.1);
        CHECK(x[0] == Approx(std::exp(1.0)).epsilon(1e-5));
        if (max_dt == -0.05)
            CHECK(steps >= 20u);
        vec y{1.0};
        integrate_const(make_dense_output(1e-8, 1e-8, max_dt, ees27<vec>()), decay, y, 1.0, 0.0,
                        -0.25);
        CHECK(y[0] == Approx(std::exp(1.0)).epsilon(1e-5));
    }
    // A limit pointing against the steps would turn them around (before: one step forward,
    // x(0) = 0.9999): an error naming both and the limit to pass.
    for (double max_dt : {0.05, infinity})
    {
        vec x{1.0};
        require_throw_mentioning<std::invalid_argument>(
            [&] {
                integrate_adaptive(make_controlled(1e-8, 1e-8, max_dt, ees25<vec>()), decay, x,
                                   1.0, 0.0, -0.1);
            },
            "points against the step dt = -0.1");
        require_throw_mentioning<std::invalid_argument>(
            [&] {
                vec y{1.0};
                integrate_const(make_dense_output(1e-8, 1e-8, max_dt, ees27<vec>()), decay, y,
                                1.0, 0.0, -0.25);
            },
            "max_dt");
    }
}

TEST_CASE("An unreachable tolerance stops integrate_adaptive with an error naming it")
{
    SECTION("controlled stepper")
    {
        vec x{1.0};
        require_throw_mentioning<std::runtime_error>(
            [&] {
                integrate_adaptive(make_controlled(1e-300, 0.0, ees25<vec>()), decay, x, 0.0, 1.0,
                                   0.1);
            },
            "the tolerance abs_error = 1e-300, rel_error = 0 cannot be met");
    }
    SECTION("dense output")
    {
        vec x{1.0};
        require_throw_mentioning<std::runtime_error>(
            [&] {
                integrate_adaptive(make_dense_output(1e-300, 0.0, ees27<vec>()), decay, x, 0.0,
                                   1.0, 0.1);
            },
            "abs_error = 1e-300");
    }
    SECTION("a driven system")
    {
        const virtual_brownian_tree<double> path(7, 0.0, 1.0, 1e-12);
        const auto sde = make_stratonovich_sde<vec>(
            decay, [](const vec& x, vec& g, double) { g[0] = 0.5 * x[0]; }, path,
            scalar_noise());
        vec x{1.0};
        require_throw_mentioning<std::runtime_error>(
            [&] {
                integrate_adaptive(make_controlled(1e-300, 0.0, ees25<vec>()), sde, x, 0.0, 1.0,
                                   0.1);
            },
            "fell to the resolution");
    }
}

TEST_CASE("An unreachable tolerance stops integrate_reversible instead of growing its step "
          "plan")
{
    vec x{1.2, -0.4}, grad_x0(2), grad_p(2, 0.0);
    const auto terminal = [](const vec& y, vec& a) { a = y; };
    require_throw_mentioning<std::runtime_error>(
        [&] {
            integrate_reversible(make_controlled(1e-300, 0.0, ees25<vec>()),
                                 ees_test::damped_pendulum(), x, 0.0, 1.0, 0.1, terminal,
                                 grad_x0, grad_p);
        },
        "abs_error = 1e-300, rel_error = 0 cannot be met");
}

TEST_CASE("The adaptive step plan stops at its step limit, naming the tolerance and the step")
{
    auto controller = make_controlled(1e-10, 1e-10, ees25<vec>());
    detail::adaptive_step_plan<decltype(controller), double> plan(controller, 0.0, 1.0, 0.01,
                                                                   16);
    vec x{1.0}, scratch{0.0};
    auto system = decay;
    require_throw_mentioning<std::runtime_error>(
        [&] {
            plan.forward("integrate_reversible", controller.stepper(), system, x, scratch,
                         [](std::size_t, const vec&) {}, [](const vec&) {});
        },
        "the tolerance abs_error = 1e-10, rel_error = 1e-10 is out of reach: the controller "
        "took 16 steps before t1 = 1");
}
