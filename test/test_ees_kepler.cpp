// The published Kepler experiment (Shmelev et al., arXiv 2507.21006; doc/method.md §5):
// circular orbit from y0 = (1, 0, 0, 1), 100 steps of h = 0.1 forward, then 100 back with
// inverse_do_step. Published: start-recovery error 7.9e-7 (EES(2,5;1/10)),
// 5.0e-10 (EES(2,7;(5-3√2)/14)), 2.2e-10 (EES(2,7;(2-√2)/4)); error at t = 10: 0.031,
// 0.015, 0.024. The issue asks for agreement within a factor of 2.
#include <boost/numeric/odeint/ees.hpp>

#include <array>
#include <cmath>

#include <catch2/catch.hpp>

#include "test_support.hpp"

using namespace boost::numeric::odeint;

namespace {

using state = std::array<double, 4>;

struct kepler_result
{
    double end_error;
    double recovery_error;
};

template <class Stepper>
kepler_result forward_then_back(Stepper stepper)
{
    const ees_test::kepler system;
    const double h = 0.1;
    const int n = 100;
    const state y0{1.0, 0.0, 0.0, 1.0};
    state y = y0;
    for (int i = 0; i < n; ++i)
        stepper.do_step(system, y, i * h, h);
    const double end_error = ees_test::distance(y, ees_test::kepler_circular_orbit(n * h));
    for (int i = n - 1; i >= 0; --i)
        stepper.inverse_do_step(system, y, i * h, h);
    return {end_error, ees_test::distance(y, y0)};
}

void check_within_factor_two(double measured, double published)
{
    INFO("measured " << measured << ", published " << published);
    CHECK(measured > published / 2);
    CHECK(measured < published * 2);
}

} // namespace

TEST_CASE("ees25 reproduces the published Kepler recovery and end errors")
{
    const auto r = forward_then_back(ees25<state>());
    check_within_factor_two(r.recovery_error, 7.9e-7);
    check_within_factor_two(r.end_error, 0.031);
}

TEST_CASE("ees27 reproduces the published Kepler recovery and end errors")
{
    SECTION("x = (5 - 3 sqrt 2) / 14")
    {
        const auto r = forward_then_back(ees27<state>());
        check_within_factor_two(r.recovery_error, 5.0e-10);
        check_within_factor_two(r.end_error, 0.015);
    }
    SECTION("x = (2 - sqrt 2) / 4")
    {
        const auto r = forward_then_back(ees27<state>((2.0 - std::sqrt(2.0)) / 4.0));
        check_within_factor_two(r.recovery_error, 2.2e-10);
        check_within_factor_two(r.end_error, 0.024);
    }
}
