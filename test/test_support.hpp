// Shared helpers for the numerical tests: least-squares slopes in log-log coordinates,
// norms, and the ODEs the tests integrate.
#ifndef ODEINT_EES_TEST_SUPPORT_HPP
#define ODEINT_EES_TEST_SUPPORT_HPP

#include <array>
#include <cmath>
#include <cstddef>
#include <string>
#include <vector>

#include <catch2/catch.hpp>

namespace ees_test {

/// Requires call() to throw an Exception whose what() contains `text`.
template <class Exception, class Call>
void require_throw_mentioning(Call call, const std::string& text)
{
    try
    {
        call();
        FAIL("no exception, expected one mentioning '" << text << "'");
    }
    catch (const Exception& e)
    {
        INFO(e.what());
        CHECK(std::string(e.what()).find(text) != std::string::npos);
    }
}

/// Least-squares slope of log(y) against log(x): the observed order of a rate.
inline double fitted_slope(const std::vector<double>& x, const std::vector<double>& y)
{
    const std::size_t n = x.size();
    double mx = 0, my = 0;
    for (std::size_t i = 0; i < n; ++i)
    {
        mx += std::log(x[i]);
        my += std::log(y[i]);
    }
    mx /= double(n);
    my /= double(n);
    double sxy = 0, sxx = 0;
    for (std::size_t i = 0; i < n; ++i)
    {
        const double dx = std::log(x[i]) - mx;
        sxy += dx * (std::log(y[i]) - my);
        sxx += dx * dx;
    }
    return sxy / sxx;
}

template <class Container>
auto distance(const Container& a, const Container& b)
{
    typename Container::value_type sum = 0;
    for (std::size_t i = 0; i < a.size(); ++i)
        sum += (a[i] - b[i]) * (a[i] - b[i]);
    using std::sqrt;
    return sqrt(sum);
}

/// The pendulum y0' = y1, y1' = -sin(y0): nonlinear, smooth, no closed form needed.
struct pendulum
{
    template <class State, class Deriv, class Time>
    void operator()(const State& y, Deriv& dydt, Time) const
    {
        using std::sin;
        dydt[0] = y[1];
        dydt[1] = -sin(y[0]);
    }
};

/// The Kepler problem q'' = -q/|q|^3 with y = (q1, q2, p1, p2).
struct kepler
{
    template <class State, class Deriv, class Time>
    void operator()(const State& y, Deriv& dydt, Time) const
    {
        using std::sqrt;
        const auto r2 = y[0] * y[0] + y[1] * y[1];
        const auto r3 = r2 * sqrt(r2);
        dydt[0] = y[2];
        dydt[1] = y[3];
        dydt[2] = -y[0] / r3;
        dydt[3] = -y[1] / r3;
    }
};

/// The circular Kepler orbit through (1, 0, 0, 1) at time t.
inline std::array<double, 4> kepler_circular_orbit(double t)
{
    return {std::cos(t), std::sin(t), -std::sin(t), std::cos(t)};
}

} // namespace ees_test

#endif
