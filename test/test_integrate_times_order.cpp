// integrate_times with this library's steppers rejects observation times that are not in the
// direction of dt (odeint would hand the observer x(0.5) labelled t = 0.25; issue 20).
#include <boost/numeric/odeint.hpp>
#include <boost/numeric/odeint/ees.hpp>

#include <stdexcept>
#include <vector>

#include <catch2/catch.hpp>

#include "test_support.hpp"

using namespace boost::numeric::odeint;
using ees_test::require_throw_mentioning;
using vec = std::vector<double>;

namespace {
const auto decay = [](const vec& x, vec& dxdt, double) { dxdt[0] = -x[0]; };
}

TEST_CASE("integrate_times rejects observation times out of the order dt steps in")
{
    std::vector<double> seen;
    const auto observer = [&](const vec&, double t) { seen.push_back(t); };
    vec x{1.0};
    SECTION("forwards: 0.25 after 0.5")
    {
        const std::vector<double> times{0.0, 0.5, 0.25, 1.0};
        require_throw_mentioning<std::invalid_argument>(
            [&] { integrate_times(ees25<vec>(), decay, x, times.begin(), times.end(), 0.125,
                                  observer); },
            "observation time t = 0.25 (index 2) comes after t = 0.5");
    }
    SECTION("backwards: 0.75 after 0.5")
    {
        const std::vector<double> times{1.0, 0.5, 0.75, 0.0};
        require_throw_mentioning<std::invalid_argument>(
            [&] { integrate_times(ees27<vec>(), decay, x, times, -0.125, observer); },
            "observation time t = 0.75 (index 2) comes after t = 0.5");
    }
    CHECK(seen.empty());
    CHECK(x == vec{1.0});
}

TEST_CASE("integrate_times accepts ordered and repeated observation times")
{
    std::vector<double> seen;
    vec x{1.0};
    const std::vector<double> times{0.0, 0.25, 0.25, 0.5};
    integrate_times(ees25<vec>(), decay, x, times.begin(), times.end(), 0.125,
                    [&](const vec&, double t) { seen.push_back(t); });
    CHECK(seen == times);
}
