// doc/snippets/thrust_gbm.hpp
//
// What the gradient fragment of doc/thrust.md assumes, so that scripts/check-doc-snippets.sh
// compiles it as written (on Thrust's CPP backend, which needs no GPU and no OpenMP; the
// fragment becomes the body of snippet::run() and uses the members below): a GBM ensemble dX = μ X dt + σ X ∘ dW on
// thrust::device_vector with element-wise drift and diffusion that provide what gradients
// need (derivative, parameter_derivative, parameter_count; example/thrust/gbm_calibration.cu
// is the complete program), the ensemble state x, the time span and a terminal gradient.
//
// Distributed under the Boost Software License, Version 1.0.
#ifndef ODEINT_EES_DOC_SNIPPETS_THRUST_GBM_HPP_INCLUDED
#define ODEINT_EES_DOC_SNIPPETS_THRUST_GBM_HPP_INCLUDED

#ifndef THRUST_DEVICE_SYSTEM
#define THRUST_DEVICE_SYSTEM THRUST_DEVICE_SYSTEM_CPP
#endif

#include <boost/numeric/odeint/external/thrust_compat/thrust.hpp>
#include <boost/numeric/odeint/external/thrust/thrust_brownian_path.hpp>
#include <boost/numeric/odeint/external/thrust/thrust_stratonovich_sde.hpp>
#include <boost/numeric/odeint/integrate/integrate_reversible.hpp>
#include <boost/numeric/odeint/stepper/ees25.hpp>

#include <thrust/device_vector.h>
#include <thrust/fill.h>

#include <cstddef>
#include <vector>

namespace odeint = boost::numeric::odeint;

/// f(x) = μ x, θ_0 = μ.
struct gbm_drift
{
    double mu;
    static constexpr std::size_t parameter_count = 1;
    BOOST_NUMERIC_ODEINT_EES_HOST_DEVICE double operator()(double x, double) const
    {
        return mu * x;
    }
    BOOST_NUMERIC_ODEINT_EES_HOST_DEVICE double derivative(double, double) const { return mu; }
    BOOST_NUMERIC_ODEINT_EES_HOST_DEVICE double parameter_derivative(double x, double,
                                                                     std::size_t) const
    {
        return x;
    }
};

/// g(x) = σ x, θ_1 = σ.
struct gbm_diffusion
{
    double sigma;
    static constexpr std::size_t parameter_count = 2;
    BOOST_NUMERIC_ODEINT_EES_HOST_DEVICE double operator()(double x, double) const
    {
        return sigma * x;
    }
    BOOST_NUMERIC_ODEINT_EES_HOST_DEVICE double derivative(double, double) const
    {
        return sigma;
    }
    BOOST_NUMERIC_ODEINT_EES_HOST_DEVICE double parameter_derivative(double x, double,
                                                                     std::size_t j) const
    {
        return j == 1 ? x : 0.0;
    }
};

struct snippet
{
    std::size_t paths = 1000, steps = 100;
    double T = 1.0, dt = T / steps;
    odeint::thrust_brownian_path<double> noise{
        odeint::brownian_path<double>(/*seed*/ 2026, 0.0, T, steps, 1, 0), paths};
    decltype(odeint::make_thrust_stratonovich_sde(gbm_drift{}, gbm_diffusion{}, noise)) sde =
        odeint::make_thrust_stratonovich_sde(gbm_drift{0.1}, gbm_diffusion{0.4}, noise);
    thrust::device_vector<double> x = thrust::device_vector<double>(paths, 1.0);

    /// L = mean of x(T) over the paths: dL/dx(T) = 1/n in every element.
    static void terminal_grad(const thrust::device_vector<double>& xT,
                              thrust::device_vector<double>& a)
    {
        thrust::fill(a.begin(), a.end(), 1.0 / double(xT.size()));
    }

    void run();
};

#endif // ODEINT_EES_DOC_SNIPPETS_THRUST_GBM_HPP_INCLUDED
