// example/thrust/gbm_coefficients.hpp
//
// The GBM dX = mu X dt + sigma X ∘ dW as the element-wise coefficients of
// make_thrust_stratonovich_sde and of the fused kernels (external/thrust/): drift f(x) = mu x
// and diffusion g(x) = sigma x, with what gradients need, the derivative in the state and the
// derivatives in the parameters theta = (mu, sigma), which drift and diffusion index together
// (parameter_count 1 for the drift, 2 for the diffusion). One definition for the Thrust
// examples and tests.
//
// Distributed under the Boost Software License, Version 1.0.
#ifndef ODEINT_EES_EXAMPLE_THRUST_GBM_COEFFICIENTS_HPP_INCLUDED
#define ODEINT_EES_EXAMPLE_THRUST_GBM_COEFFICIENTS_HPP_INCLUDED

#include <cstddef>

#include <boost/numeric/odeint/util/ees_host_device.hpp>

/// f(x) = mu x, theta_0 = mu.
template <class Value>
struct gbm_drift
{
    Value mu;
    static constexpr std::size_t parameter_count = 1;
    template <class Time>
    BOOST_NUMERIC_ODEINT_EES_HOST_DEVICE Value operator()(Value x, Time) const { return mu * x; }
    template <class Time>
    BOOST_NUMERIC_ODEINT_EES_HOST_DEVICE Value derivative(Value, Time) const { return mu; }
    template <class Time>
    BOOST_NUMERIC_ODEINT_EES_HOST_DEVICE Value parameter_derivative(Value x, Time,
                                                                    std::size_t) const
    {
        return x;  // ∂(mu x)/∂mu
    }
};

/// g(x) = sigma x, theta_1 = sigma.
template <class Value>
struct gbm_diffusion
{
    Value sigma;
    static constexpr std::size_t parameter_count = 2;
    template <class Time>
    BOOST_NUMERIC_ODEINT_EES_HOST_DEVICE Value operator()(Value x, Time) const
    {
        return sigma * x;
    }
    template <class Time>
    BOOST_NUMERIC_ODEINT_EES_HOST_DEVICE Value derivative(Value, Time) const { return sigma; }
    template <class Time>
    BOOST_NUMERIC_ODEINT_EES_HOST_DEVICE Value parameter_derivative(Value x, Time,
                                                                    std::size_t j) const
    {
        return j == 1 ? x : Value(0);  // ∂(sigma x)/∂sigma, nothing for mu
    }
};

#endif // ODEINT_EES_EXAMPLE_THRUST_GBM_COEFFICIENTS_HPP_INCLUDED
