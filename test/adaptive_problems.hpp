// The three standard problems of the adaptive-stepping tests and benchmark: Van der Pol
// (mu = 1), Lorenz (sigma = 10, rho = 28, beta = 8/3) and Kepler with eccentricity 0.5.
// Each counts its evaluations.
#ifndef ODEINT_EES_TEST_ADAPTIVE_PROBLEMS_HPP
#define ODEINT_EES_TEST_ADAPTIVE_PROBLEMS_HPP

#include <cmath>
#include <vector>

namespace ees_test {

struct van_der_pol
{
    long* evaluations;
    static std::vector<double> start() { return {2.0, 0.0}; }
    static constexpr double end_time = 10.0;
    void operator()(const std::vector<double>& x, std::vector<double>& f, double) const
    {
        ++*evaluations;
        f[0] = x[1];
        f[1] = (1 - x[0] * x[0]) * x[1] - x[0];
    }
};

struct lorenz
{
    long* evaluations;
    static std::vector<double> start() { return {10.0, 1.0, 1.0}; }
    static constexpr double end_time = 2.0;  // before chaos amplifies errors beyond tolerances
    void operator()(const std::vector<double>& x, std::vector<double>& f, double) const
    {
        ++*evaluations;
        f[0] = 10.0 * (x[1] - x[0]);
        f[1] = 28.0 * x[0] - x[1] - x[0] * x[2];
        f[2] = -8.0 / 3.0 * x[2] + x[0] * x[1];
    }
};

/// Kepler orbit of eccentricity 0.5 from pericentre, one period (2π).
struct kepler_eccentric
{
    long* evaluations;
    static std::vector<double> start() { return {0.5, 0.0, 0.0, std::sqrt(3.0)}; }
    static constexpr double end_time = 2 * 3.14159265358979323846;
    void operator()(const std::vector<double>& y, std::vector<double>& f, double) const
    {
        ++*evaluations;
        const double r2 = y[0] * y[0] + y[1] * y[1];
        const double r3 = r2 * std::sqrt(r2);
        f[0] = y[2];
        f[1] = y[3];
        f[2] = -y[0] / r3;
        f[3] = -y[1] / r3;
    }
};

} // namespace ees_test

#endif
