// Bad input gets a clear exception that names the offending value: a singular, non-finite or
// ill-conditioned family parameter, a zero or non-finite step, a dt that odeint's integrate
// functions would never pass to do_step.
#include <boost/numeric/odeint.hpp>
#include <boost/numeric/odeint/ees.hpp>
#include <boost/numeric/odeint/stepper/detail/check_derivative_size.hpp>

#include <array>
#include <cmath>
#include <functional>
#include <limits>
#include <stdexcept>
#include <string>
#include <vector>

#include <catch2/catch.hpp>

#include "test_support.hpp"

using namespace boost::numeric::odeint;

namespace {

using state = std::array<double, 2>;
const double not_a_number = std::numeric_limits<double>::quiet_NaN();
const double infinity = std::numeric_limits<double>::infinity();

template <class Make>
void require_invalid_argument_mentioning(Make make, const std::string& text)
{
    ees_test::require_throw_mentioning<std::invalid_argument>(make, text);
}

} // namespace

TEST_CASE("A singular or non-finite family parameter is rejected")
{
    for (double x : {1.0, 0.5, -0.5})
        require_invalid_argument_mentioning([x] { static_cast<void>(ees25<state>(x)); }, "x = ");
    require_invalid_argument_mentioning([] { static_cast<void>(ees25<state>(not_a_number)); }, "x = nan");
    require_invalid_argument_mentioning([] { static_cast<void>(ees25<state>(infinity)); }, "x = inf");
    require_invalid_argument_mentioning([] { static_cast<void>(ees25<state>(1.0)); }, "ees25");

    for (double x : ees27<state>::singular_parameters())
        require_invalid_argument_mentioning([x] { static_cast<void>(ees27<state>(x)); }, "ees27");
    require_invalid_argument_mentioning([] { static_cast<void>(ees27<state>(not_a_number)); }, "x = nan");

    // Regular parameters next to the poles are accepted.
    CHECK_NOTHROW(ees25<state>(0.49));
    CHECK_NOTHROW(ees25<state>(0.0));
}

TEST_CASE("A family parameter next to a pole is rejected as ill-conditioned")
{
    // 0.1 added ten times: 0.9999999999999999, 1.1e-16 from the pole x = 1, where the
    // coefficients reach 6.8e15.
    double sum = 0.0;
    for (int k = 0; k < 10; ++k)
        sum += 0.1;
    REQUIRE(sum != 1.0);
    require_invalid_argument_mentioning([sum] { static_cast<void>(ees25<state>(sum)); },
                                        "ees25: the family parameter x = 0.999999999999999888978");
    require_invalid_argument_mentioning([sum] { static_cast<void>(ees25<state>(sum)); },
                                        "from the pole x = 1 of the family, closer than 1e-3");
    require_invalid_argument_mentioning([] { static_cast<void>(ees25<state>(-0.5 + 1e-4)); },
                                        "from the pole x = -0.5");
    require_invalid_argument_mentioning([] { static_cast<void>(ees27<state>(0.5 + 1e-12)); },
                                        "ees27: the family parameter x = 0.500000000000999977878 "
                                        "lies 1e-12 from the pole x = 0.5");
    require_invalid_argument_mentioning(
        [] { static_cast<void>(ees27<state>(1 - std::sqrt(0.5) + 5e-4)); }, "closer than 1e-3");
    require_invalid_argument_mentioning(
        [] { static_cast<void>(ees25<float, float>(0.9999f)); }, "from the pole x = 1");
    // Just outside the bound: accepted.
    CHECK_NOTHROW(ees25<state>(1 - 2e-3));
    CHECK_NOTHROW(ees27<state>(0.5 - 2e-3));
}

TEST_CASE("A zero or non-finite step is rejected by every stepping function")
{
    const ees_test::pendulum system;
    for (double dt : {0.0, -0.0, not_a_number, infinity, -infinity})
    {
        ees25<state> s25;
        ees27<state> s27;
        state x{1.0, 0.0}, out{};
        require_invalid_argument_mentioning([&] { s25.do_step(system, x, 0.0, dt); }, "dt =");
        require_invalid_argument_mentioning([&] { s27.do_step(system, x, 0.0, out, dt); },
                                            "dt =");
        require_invalid_argument_mentioning([&] { s25.inverse_do_step(system, x, 0.0, dt); },
                                            "step size");
        require_invalid_argument_mentioning(
            [&] { s27.inverse_do_step(system, x, 0.0, out, dt); }, "step size");
        CHECK(x[0] == 1.0);  // nothing was stepped
    }
    state x{1.0, 0.0};
    require_invalid_argument_mentioning(
        [&] { integrate_n_steps(ees25<state>(), system, x, 0.0, not_a_number, 10); }, "dt = nan");
}

TEST_CASE("inverse_do_step names the step size the caller passed, not its negation")
{
    const ees_test::pendulum system;
    state x{1.0, 0.0}, out{};
    for (double dt : {infinity, -infinity})
    {
        const std::string named = dt > 0 ? "dt = inf" : "dt = -inf";
        require_invalid_argument_mentioning(
            [&] { ees25<state>().inverse_do_step(system, x, 0.0, dt); }, named);
        require_invalid_argument_mentioning(
            [&] { ees27<state>().inverse_do_step(system, x, 0.0, out, dt); }, named);
        require_invalid_argument_mentioning(
            [&] { reversible_heun<state>().inverse_do_step(system, x, 0.0, dt); }, named);
        require_invalid_argument_mentioning(
            [&] { reversible_heun<state>().inverse_do_step(system, x, 0.0, out, dt); }, named);
    }
}

namespace {

// Every unusable dt for an integration from t0 = 0 to t1 = 1, and the text naming it.
struct bad_step
{
    double dt;
    const char* text;
};
const bad_step bad_steps[] = {{0.0, "dt = 0"},        {not_a_number, "dt = nan"},
                              {infinity, "dt = inf"}, {-infinity, "dt = -inf"},
                              {-0.1, "dt = -0.1"}};

// Runs every integrate function, called unqualified, on `stepper` with each bad dt and
// requires an exception naming it; x must be left as it was.
template <class Stepper>
void require_unqualified_calls_reject_bad_steps(Stepper stepper)
{
    const ees_test::pendulum system;
    const auto observer = [](const state&, double) {};
    const std::vector<double> times{0.0, 0.5, 1.0};
    for (const bad_step& bad : bad_steps)
    {
        state x{1.0, 0.0};
        const double dt = bad.dt;
        require_invalid_argument_mentioning(
            [&] { integrate_const(stepper, system, x, 0.0, 1.0, dt); }, bad.text);
        require_invalid_argument_mentioning(
            [&] { integrate_const(stepper, system, x, 0.0, 1.0, dt, observer); }, bad.text);
        require_invalid_argument_mentioning(
            [&] {
                integrate_const(stepper, system, x, 0.0, 1.0, dt, observer, max_step_checker());
            },
            bad.text);
        require_invalid_argument_mentioning(
            [&] { integrate_adaptive(stepper, system, x, 0.0, 1.0, dt); }, bad.text);
        require_invalid_argument_mentioning(
            [&] { integrate_adaptive(stepper, system, x, 0.0, 1.0, dt, observer); }, bad.text);
        require_invalid_argument_mentioning(
            [&] {
                integrate_times(stepper, system, x, times.begin(), times.end(), dt, observer);
            },
            bad.text);
        require_invalid_argument_mentioning(
            [&] { integrate_times(stepper, system, x, times, dt, observer); }, bad.text);
        if (bad.dt != -0.1)  // n steps backwards in time are fine
        {
            require_invalid_argument_mentioning(
                [&] { integrate_n_steps(stepper, system, x, 0.0, dt, 10); }, bad.text);
            require_invalid_argument_mentioning(
                [&] { integrate_n_steps(stepper, system, x, 0.0, dt, 10, observer); },
                bad.text);
        }
        CHECK(x == state{1.0, 0.0});
    }
}

} // namespace

TEST_CASE("integrate_const, _n_steps, _adaptive and _times reject an unusable dt for every "
          "stepper of the library")
{
    require_unqualified_calls_reject_bad_steps(ees25<state>());
    require_unqualified_calls_reject_bad_steps(ees27<state>());
    require_unqualified_calls_reject_bad_steps(reversible_heun<state>());
    require_unqualified_calls_reject_bad_steps(make_controlled(1e-6, 1e-6, ees25<state>()));
    require_unqualified_calls_reject_bad_steps(make_controlled(1e-6, 1e-6, ees27<state>()));
    require_unqualified_calls_reject_bad_steps(make_dense_output(1e-6, 1e-6, ees25<state>()));
    require_unqualified_calls_reject_bad_steps(make_dense_output(1e-6, 1e-6, ees27<state>()));
    ees25<state> referenced;
    require_unqualified_calls_reject_bad_steps(std::ref(referenced));
    require_unqualified_calls_reject_bad_steps(boost::ref(referenced));
}

TEST_CASE("Qualified calls of odeint's integrate functions check dt too")
{
    namespace odeint = boost::numeric::odeint;
    const ees_test::pendulum system;
    state x{1.0, 0.0};
    require_invalid_argument_mentioning(
        [&] { odeint::integrate_const(odeint::ees25<state>(), system, x, 0.0, 1.0, 0.0); },
        "integrate_const: the step dt = 0");
    require_invalid_argument_mentioning(
        [&] { odeint::integrate_adaptive(odeint::ees27<state>(), system, x, 0.0, 1.0, -0.5); },
        "dt = -0.5 points away from t1 = 1");
    require_invalid_argument_mentioning(
        [&] {
            odeint::integrate_n_steps(odeint::reversible_heun<state>(), system, x, 0.0,
                                      not_a_number, 3);
        },
        "integrate_n_steps: the step dt = nan");
    const std::vector<double> times{1.0, 0.0};
    require_invalid_argument_mentioning(
        [&] {
            odeint::integrate_times(odeint::make_controlled(1e-6, 1e-6, odeint::ees25<state>()),
                                    system, x, times, 0.1, [](const state&, double) {});
        },
        "points away from t1 = 0");
    CHECK(x == state{1.0, 0.0});
}

TEST_CASE("Good steps still integrate as odeint does, backwards included")
{
    const ees_test::pendulum system;
    state forward{1.0, 0.0}, reference{1.0, 0.0};
    integrate_const(ees25<state>(), system, forward, 0.0, 1.0, 0.125);
    runge_kutta4<state> rk4;
    for (int k = 0; k < 8; ++k)
        rk4.do_step(system, reference, 0.125 * k, 0.125);
    CHECK(std::abs(forward[0] - reference[0]) < 1e-2);
    state back = forward;
    CHECK(integrate_const(ees25<state>(), system, back, 1.0, 0.0, -0.125) == 8u);
    CHECK(std::abs(back[0] - 1.0) < 1e-6);  // undone to O(h^6)
    state same{1.0, 0.0};
    CHECK(integrate_const(ees25<state>(), system, same, 0.0, 0.0, 0.1) == 0u);
    CHECK(integrate_n_steps(ees27<state>(), system, same, 0.0, -0.1, 2) == Approx(-0.2));
}

TEST_CASE("check_derivative_unresized names both sizes of a derivative the system resized")
{
    const std::vector<double> x(2), same(2), longer(3);
    CHECK_NOTHROW(detail::check_derivative_unresized("ees25", same, detail::derivative_size(x), x));
    require_invalid_argument_mentioning(
        [&] { detail::check_derivative_unresized("ees25", longer, detail::derivative_size(x), x); },
        "ees25: the system resized the derivative it was given from size 2 to size 3");
    const state fixed{};  // cannot resize: nothing recorded, nothing checked
    CHECK_NOTHROW(detail::check_derivative_unresized("ees27", fixed,
                                                     detail::derivative_size(fixed), fixed));
}

// The engine compares each stage derivative's size before and after the system call
// (stepper/detail/check_derivative_size.hpp).
TEST_CASE("A system that resizes its derivative is rejected by every stage")
{
    // Resizes the derivative at the first stage, or only at a later one (t > 0).
    const auto first_stage = [](const std::vector<double>&, std::vector<double>& f, double) {
        f.assign(3, 0.0);
    };
    const auto inner_stage = [](const std::vector<double>& y, std::vector<double>& f, double t) {
        f.assign(t > 0.0 ? 3 : y.size(), 0.0);
    };
    std::vector<double> x{1.0, 0.0};
    require_invalid_argument_mentioning(
        [&] { ees25<std::vector<double>>().do_step(first_stage, x, 0.0, 0.1); },
        "resized the derivative it was given from size 2 to size 3");
    require_invalid_argument_mentioning(
        [&] { ees27<std::vector<double>>().do_step(inner_stage, x, 0.0, 0.1); },
        "resized the derivative it was given from size 2 to size 3");
}
