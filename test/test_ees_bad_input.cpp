// Bad input gets a clear exception that names the offending value: a singular or non-finite
// family parameter, a zero or non-finite step.
#include <boost/numeric/odeint.hpp>
#include <boost/numeric/odeint/ees.hpp>

#include <array>
#include <cmath>
#include <limits>
#include <stdexcept>
#include <string>

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
