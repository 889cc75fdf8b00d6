// doc/snippets/ode.hpp
//
// What the ODE code fragments of README.md and doc/*.md assume, so that
// scripts/check-doc-snippets.sh compiles them as written: a fragment marked
// <!-- snippet: main, prelude=doc/snippets/ode.hpp --> becomes the body of snippet::run(),
// and the members below are the names it uses: a one-parameter decay system dx/dt = -θ x
// with its vector–Jacobian product, a state, a time span, an observer and the gradient
// arguments of integrate_reversible.
//
// Distributed under the Boost Software License, Version 1.0.
#ifndef ODEINT_EES_DOC_SNIPPETS_ODE_HPP_INCLUDED
#define ODEINT_EES_DOC_SNIPPETS_ODE_HPP_INCLUDED

#include <boost/numeric/odeint.hpp>
#include <boost/numeric/odeint/ees.hpp>

#include <cstddef>
#include <vector>

using namespace boost::numeric::odeint;

using state = std::vector<double>;

/// dx/dt = -θ x, element-wise, with θ = 0.5.
struct decay
{
    double theta = 0.5;

    void operator()(const state& x, state& dxdt, double /*t*/) const
    {
        for (std::size_t i = 0; i < x.size(); ++i)
            dxdt[i] = -theta * x[i];
    }

    /// Adds (∂f/∂x)ᵀv to adj_x and (∂f/∂θ)ᵀv to adj_p[0].
    void vjp(const state& x, double /*t*/, const state& v, state& adj_x,
             std::vector<double>& adj_p) const
    {
        for (std::size_t i = 0; i < x.size(); ++i)
        {
            adj_x[i] += -theta * v[i];
            adj_p[0] += -x[i] * v[i];
        }
    }
};

struct snippet
{
    decay system;
    state x{1.0, 2.0};
    double t0 = 0.0, t1 = 1.0, dt = 0.01, dt0 = 0.01;
    ees25<state> stepper;

    /// Observer for integrate_const and friends.
    static void observer(const state& /*x*/, double /*t*/) {}

    /// L = ½|x(t1)|²: dL/dx(t1) = x(t1).
    static void terminal_grad(const state& x1, state& a) { a = x1; }

    /// Observation times and a loss Σ_k ½|x(t_k)|² on them.
    std::vector<double> times{0.0, 0.5, 1.0};
    static void observation_grad(std::size_t /*k*/, const state& xk, double /*tk*/, state& a)
    {
        for (std::size_t i = 0; i < xk.size(); ++i)
            a[i] += xk[i];
    }

    state grad_x0 = state(2);
    std::vector<double> grad_p = std::vector<double>(1, 0.0);

    void run();
};

#endif // ODEINT_EES_DOC_SNIPPETS_ODE_HPP_INCLUDED
