// Helpers for the SDE tests: solving on a Brownian path with a given number of steps, and
// the standard test SDEs.
#ifndef ODEINT_EES_TEST_SDE_SUPPORT_HPP
#define ODEINT_EES_TEST_SDE_SUPPORT_HPP

#include <boost/numeric/odeint/noise/brownian_path.hpp>
#include <boost/numeric/odeint/system/stratonovich_sde.hpp>

#include <cmath>
#include <vector>

namespace ees_test {

using vec = std::vector<double>;
namespace odeint = boost::numeric::odeint;

/// n steps of size T/n from t = 0; T/n must be a multiple of the path's grid step.
template <class Stepper, class System, class State>
State solve(Stepper stepper, const System& system, State x, double T, int n)
{
    const double h = T / n;
    for (int i = 0; i < n; ++i)
        stepper.do_step(system, x, i * h, h);
    return x;
}

/// n steps forward and n back with inverse_do_step (same stepper object, so a stepper with
/// internal state, such as reversible_heun, runs back from where it stopped).
template <class Stepper, class System, class State>
State forward_then_back(Stepper stepper, const System& system, State x, double T, int n)
{
    const double h = T / n;
    for (int i = 0; i < n; ++i)
        stepper.do_step(system, x, i * h, h);
    for (int i = n - 1; i >= 0; --i)
        stepper.inverse_do_step(system, x, i * h, h);
    return x;
}

/// Stratonovich geometric Brownian motion dX = mu X dt + sigma X ∘ dW, exact solution
/// X_T = X_0 exp(mu T + sigma W_T).
struct gbm
{
    double mu, sigma;

    auto sde(const odeint::brownian_path<double>& path) const
    {
        const double m = mu, s = sigma;
        return odeint::make_stratonovich_sde<vec>(
            [m](const vec& x, vec& f, double) { f[0] = m * x[0]; },
            [s](const vec& x, vec& g, double) { g[0] = s * x[0]; }, path,
            odeint::scalar_noise());
    }
};

/// Drift and diffusion of the GBM with vector–Jacobian products, parameters θ = (μ, σ).
struct gbm_drift
{
    double mu;
    void operator()(const vec& x, vec& f, double) const { f[0] = mu * x[0]; }
    void vjp(const vec& x, double, const vec& v, vec& adj_x, vec& adj_p) const
    {
        adj_x[0] += mu * v[0];
        adj_p[0] += x[0] * v[0];
    }
};

struct gbm_diffusion
{
    double sigma;
    void operator()(const vec& x, vec& g, double) const { g[0] = sigma * x[0]; }
    void vjp(const vec& x, double, const vec& u, vec& adj_x, vec& adj_p) const
    {
        adj_x[0] += sigma * u[0];
        adj_p[1] += x[0] * u[0];
    }
};

// A 2-D nonlinear SDE with non-commuting d×m = 2×2 noise, parameters θ = (a, b):
//   f = (a sin x1, −b x0),   g = [[cos x0, 0.3], [0.2 x1, b]].
struct coupled_drift
{
    double a, b;
    void operator()(const vec& x, vec& f, double) const
    {
        f[0] = a * std::sin(x[1]);
        f[1] = -b * x[0];
    }
    void vjp(const vec& x, double, const vec& v, vec& adj_x, vec& adj_p) const
    {
        adj_x[1] += a * std::cos(x[1]) * v[0];
        adj_x[0] += -b * v[1];
        adj_p[0] += std::sin(x[1]) * v[0];
        adj_p[1] += -x[0] * v[1];
    }
};

struct coupled_diffusion
{
    double b;
    void operator()(const vec& x, vec& g, double) const
    {
        g[0] = std::cos(x[0]);
        g[1] = 0.3;
        g[2] = 0.2 * x[1];
        g[3] = b;
    }
    // u is the cotangent of g (row-major 2×2).
    void vjp(const vec& x, double, const vec& u, vec& adj_x, vec& adj_p) const
    {
        adj_x[0] += -std::sin(x[0]) * u[0];
        adj_x[1] += 0.2 * u[2];
        adj_p[1] += u[3];
    }
};

} // namespace ees_test

#endif
