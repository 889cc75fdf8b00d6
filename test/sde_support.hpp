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

} // namespace ees_test

#endif
