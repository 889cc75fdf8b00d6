// Systems with vector–Jacobian products for the gradient tests, and a finite-difference
// reference.
#ifndef ODEINT_EES_TEST_GRADIENT_SUPPORT_HPP
#define ODEINT_EES_TEST_GRADIENT_SUPPORT_HPP

#include <cmath>
#include <functional>
#include <vector>

namespace ees_test {

/// The damped pendulum y0' = y1, y1' = −k sin(y0) − c y1 with parameters θ = (k, c).
struct damped_pendulum
{
    double k = 1.5, c = 0.3;

    template <class State, class Deriv>
    void operator()(const State& y, Deriv& f, double) const
    {
        f[0] = y[1];
        f[1] = -k * std::sin(y[0]) - c * y[1];
    }

    // adj_y += (∂f/∂y)ᵀ v, adj_p += (∂f/∂θ)ᵀ v
    template <class State, class Vector, class Adjoint, class ParameterAdjoint>
    void vjp(const State& y, double, const Vector& v, Adjoint& adj_y, ParameterAdjoint& adj_p) const
    {
        adj_y[0] += -k * std::cos(y[0]) * v[1];
        adj_y[1] += v[0] - c * v[1];
        adj_p[0] += -std::sin(y[0]) * v[1];
        adj_p[1] += -y[1] * v[1];
    }
};

/// Central finite differences of a scalar function of a vector: O(eps²) truncation.
inline std::vector<double> central_differences(const std::function<double(const std::vector<double>&)>& f,
                                               std::vector<double> at, double eps)
{
    std::vector<double> gradient(at.size());
    for (std::size_t i = 0; i < at.size(); ++i)
    {
        const double saved = at[i];
        at[i] = saved + eps;
        const double plus = f(at);
        at[i] = saved - eps;
        const double minus = f(at);
        at[i] = saved;
        gradient[i] = (plus - minus) / (2 * eps);
    }
    return gradient;
}

inline double relative_difference(const std::vector<double>& a, const std::vector<double>& b)
{
    double diff = 0, norm = 0;
    for (std::size_t i = 0; i < a.size(); ++i)
    {
        diff += (a[i] - b[i]) * (a[i] - b[i]);
        norm += b[i] * b[i];
    }
    return std::sqrt(diff / norm);
}

} // namespace ees_test

#endif
