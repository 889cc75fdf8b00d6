// Adaptive steps for an SDE, and the gradient of a loss through them.
//
//   dX = (a sin X + 1/2) dt + b X ∘ dW,   θ = (a, b),   L = X(1)² / 2
//
// on one path of a virtual Brownian tree (any interval can be asked for, so a rejected step
// is retried on the same Brownian motion). integrate_adaptive solves it with make_controlled;
// integrate_reversible records the accepted steps (two numbers each), replays them backwards
// on the same noise and returns dL/dX(0) and dL/dθ; integrate_discrete_adjoint, which stores
// every state, checks it on the same steps.
#include <boost/numeric/odeint.hpp>
#include <boost/numeric/odeint/ees.hpp>
#include <boost/numeric/odeint/noise/virtual_brownian_tree.hpp>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <vector>

namespace odeint = boost::numeric::odeint;
using state = std::vector<double>;

// Drift and diffusion in odeint's style, with the vector–Jacobian products the gradient needs
// (they ADD (∂f/∂x)ᵀv and (∂f/∂θ)ᵀv).
struct drift
{
    double a;
    void operator()(const state& x, state& f, double) const { f[0] = a * std::sin(x[0]) + 0.5; }
    void vjp(const state& x, double, const state& v, state& adj_x, state& adj_p) const
    {
        adj_x[0] += a * std::cos(x[0]) * v[0];
        adj_p[0] += std::sin(x[0]) * v[0];
    }
};

struct diffusion
{
    double b;
    void operator()(const state& x, state& g, double) const { g[0] = b * x[0]; }
    void vjp(const state& x, double, const state& u, state& adj_x, state& adj_p) const
    {
        adj_x[0] += b * u[0];
        adj_p[1] += x[0] * u[0];
    }
};

int main()
{
    const double tol = 1e-3;
    // Brownian motion on [0, 1], resolved to 2^-24, seed 2026, path 0.
    const odeint::virtual_brownian_tree<double> tree(2026, 0.0, 1.0, std::ldexp(1.0, -24));
    const auto sde = odeint::make_stratonovich_sde<state>(drift{1.0}, diffusion{0.3}, tree,
                                                          odeint::scalar_noise());

    // A plain adaptive solve, watching the steps.
    state x{1.0};
    double previous = 0.0, shortest = 1.0, longest = 0.0;
    const std::size_t steps = odeint::integrate_adaptive(
        odeint::make_controlled(tol, tol, odeint::ees25<state>()), sde, x, 0.0, 1.0, 0.01,
        [&](const state&, double t) {
            if (t > 0)
            {
                shortest = std::min(shortest, t - previous);
                longest = std::max(longest, t - previous);
            }
            previous = t;
        });
    std::printf("integrate_adaptive, tol %g: X(1) = %.10f in %zu steps (%.2e to %.2e)\n", tol,
                x[0], steps, shortest, longest);

    // The gradient of L = X(1)²/2 through the same steps.
    const auto loss_gradient = [](const state& x1, state& a) { a = x1; };
    state y{1.0}, grad_x0(1), grad_p(2, 0.0);
    const auto r = odeint::integrate_reversible(
        odeint::make_controlled(tol, tol, odeint::ees25<state>()), sde, y, 0.0, 1.0, 0.01,
        loss_gradient, grad_x0, grad_p);
    std::printf("integrate_reversible:      dL/dX0 = %.10f, dL/da = %.10f, dL/db = %.10f\n",
                grad_x0[0], grad_p[0], grad_p[1]);
    std::printf("  %zu steps replayed, reconstruction error %.1e\n", r.steps,
                r.reconstruction_error);

    state z{1.0}, ref_x0(1), ref_p(2, 0.0);
    odeint::integrate_discrete_adjoint(odeint::make_controlled(tol, tol, odeint::ees25<state>()),
                                       sde, z, 0.0, 1.0, 0.01, loss_gradient, ref_x0, ref_p);
    std::printf("integrate_discrete_adjoint: dL/dX0 = %.10f, dL/da = %.10f, dL/db = %.10f\n",
                ref_x0[0], ref_p[0], ref_p[1]);
}
