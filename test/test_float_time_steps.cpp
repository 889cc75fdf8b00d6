// Fixed-step plans in float time: a segment whose length is a whole number of steps counts
// as whole although (u − s)/dt rounds a little above it in float ((0.2f − 0.1f)/(1/120.f) =
// 12.000001), instead of getting a last step of length zero (which the steppers reject);
// a float32 neural ODE solve over observation times then takes exactly the steps of double.
#include <boost/numeric/odeint.hpp>
#include <boost/numeric/odeint/ees.hpp>
#include <boost/numeric/odeint/nn/mlp.hpp>

#include <cstddef>
#include <vector>

#include <catch2/catch.hpp>

using namespace boost::numeric::odeint;

namespace {

template <class Time>
std::size_t reversible_steps(Time dt, int observations, Time gap)
{
    using state = std::vector<Time>;
    const mlp_vector_field<Time> field(mlp<Time>({3, 8, 2}, mlp_activation::lipswish, 4),
                                       mlp_time::input);
    std::vector<Time> times;
    for (int k = 0; k <= observations; ++k)
        times.push_back(Time(k) * gap);
    state x{Time(0.5), Time(-0.25)}, grad_x0(2);
    std::vector<Time> grad_p(field.required_parameter_count(), Time(0));
    const auto observe = [](std::size_t, const state& y, Time, state& a) {
        for (std::size_t i = 0; i < y.size(); ++i)
            a[i] += y[i];
    };
    const auto r = integrate_reversible(ees25<state, Time, state, Time>(), field, x,
                                        times.begin(), times.end(), dt, observe, grad_x0, grad_p);
    return r.steps;
}

} // namespace

TEST_CASE("float observation times 0.1 k with dt = 1/120 take 12 steps per observation, as in double")
{
    CHECK(reversible_steps<double>(1.0 / 120, 10, 0.1) == 120);
    CHECK(reversible_steps<float>(1.0f / 120, 10, 0.1f) == 120);
}

TEST_CASE("float observation times 0.5 k up to 10 with dt = 1/12 take 6 steps per observation, as in double")
{
    CHECK(reversible_steps<double>(1.0 / 12, 20, 0.5) == 120);
    CHECK(reversible_steps<float>(1.0f / 12, 20, 0.5f) == 120);
}

TEST_CASE("float times still get a shorter last step where the gap is not a whole number of steps")
{
    // gap 0.1 with dt 0.03: three steps and one of 0.01, in float as in double
    CHECK(reversible_steps<double>(0.03, 10, 0.1) == 40);
    CHECK(reversible_steps<float>(0.03f, 10, 0.1f) == 40);
}
