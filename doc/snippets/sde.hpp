// doc/snippets/sde.hpp
//
// What the SDE code fragments of README.md and doc/*.md assume, so that
// scripts/check-doc-snippets.sh compiles them as written: a fragment marked
// <!-- snippet: main, prelude=doc/snippets/sde.hpp --> becomes the body of snippet::run(),
// and the members below are the names it uses: element-wise drift and diffusion of a
// geometric Brownian motion dX = μ X dt + σ X ∘ dW (with the vector–Jacobian products
// integrate_reversible needs), the closed-form Itô correction of that diffusion, the gradient
// arguments, and a driving path of one's own. test/test_ito_user_vjp.cpp steps them.
//
// Distributed under the Boost Software License, Version 1.0.
#ifndef ODEINT_EES_DOC_SNIPPETS_SDE_HPP_INCLUDED
#define ODEINT_EES_DOC_SNIPPETS_SDE_HPP_INCLUDED

#include <boost/numeric/odeint.hpp>
#include <boost/numeric/odeint/ees.hpp>

#include <cmath>
#include <cstddef>
#include <vector>

using namespace boost::numeric::odeint;

using state = std::vector<double>;

/// f(x) = μ x element-wise, θ_0 = μ.
struct gbm_drift
{
    double mu = 0.1;

    void operator()(const state& x, state& f, double /*t*/) const
    {
        for (std::size_t i = 0; i < x.size(); ++i)
            f[i] = mu * x[i];
    }
    void vjp(const state& x, double /*t*/, const state& v, state& adj_x,
             std::vector<double>& adj_p) const
    {
        for (std::size_t i = 0; i < x.size(); ++i)
        {
            adj_x[i] += mu * v[i];
            adj_p[0] += x[i] * v[i];
        }
    }
};

/// g(x) = σ x element-wise (diagonal or scalar noise), θ_1 = σ.
struct gbm_diffusion
{
    double sigma = 0.4;

    void operator()(const state& x, state& g, double /*t*/) const
    {
        for (std::size_t i = 0; i < x.size(); ++i)
            g[i] = sigma * x[i];
    }
    void vjp(const state& x, double /*t*/, const state& u, state& adj_x,
             std::vector<double>& adj_p) const
    {
        for (std::size_t i = 0; i < x.size(); ++i)
        {
            adj_x[i] += sigma * u[i];
            adj_p[1] += x[i] * u[i];
        }
    }
};

/// The Itô correction of g(x) = σ x in closed form, c_i = g_i ∂g_i/∂x_i = σ² x_i (diagonal or
/// scalar noise), with its vjp, for gradients through make_ito_sde.
struct gbm_ito_correction
{
    double sigma = 0.4;

    void operator()(const state& x, state& c, double /*t*/) const
    {
        for (std::size_t i = 0; i < x.size(); ++i)
            c[i] = sigma * sigma * x[i];
    }
    void vjp(const state& x, double /*t*/, const state& v, state& adj_x,
             std::vector<double>& adj_p) const
    {
        for (std::size_t i = 0; i < x.size(); ++i)
        {
            adj_x[i] += sigma * sigma * v[i];
            adj_p[1] += 2 * sigma * x[i] * v[i];
        }
    }
};

/// A driving path of one's own: X(t) = sin(t), one component.
struct sine_path
{
    using value_type = double;
    using time_type = double;
    std::size_t dimension() const { return 1; }
    void increment(double s, double u, std::vector<double>& dX) const
    {
        dX.resize(1);
        dX[0] = std::sin(u) - std::sin(s);
    }
};

struct snippet
{
    gbm_drift drift;
    gbm_diffusion diffusion;
    gbm_ito_correction ito_correction;

    /// L = ½|x(t1)|²: dL/dx(t1) = x(t1).
    static void terminal_grad(const state& x1, state& a) { a = x1; }
    state grad_x0 = state(1);
    std::vector<double> grad_p = std::vector<double>(2, 0.0);

    sine_path my_path;

    void run();
};

#endif // ODEINT_EES_DOC_SNIPPETS_SDE_HPP_INCLUDED
