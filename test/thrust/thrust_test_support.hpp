// Helpers for the Thrust tests (built with -DTHRUST_DEVICE_SYSTEM=THRUST_DEVICE_SYSTEM_OMP or
// _CPP): the same systems written once for thrust::device_vector (one Thrust kernel per pass)
// and once for std::vector (plain loops), with the same floating-point operations in the same
// order, so that a CPU backend reproduces the host numbers bit for bit.
//
//   logistic ensemble   dx_i/dt = rate c_i x_i (1 − x_i),  θ = (rate), exact solution
//                       x_i(t) = 1 / (1 + (1/x_i(0) − 1) exp(−rate c_i t))
//   GBM (Stratonovich)  dX = mu X dt + sigma X ∘ dW,       θ = (mu, sigma), exact solution
//                       X_T = X_0 exp(mu T + sigma W_T)
#ifndef ODEINT_EES_TEST_THRUST_SUPPORT_HPP
#define ODEINT_EES_TEST_THRUST_SUPPORT_HPP

#include <boost/numeric/odeint/external/thrust_compat/thrust.hpp>

#include <boost/numeric/odeint/ees.hpp>
#include <boost/numeric/odeint/external/thrust/thrust_brownian_path.hpp>
#include <boost/numeric/odeint/external/thrust/thrust_stratonovich_sde.hpp>

#include <thrust/device_vector.h>
#include <thrust/functional.h>
#include <thrust/iterator/zip_iterator.h>
#include <thrust/transform.h>
#include <thrust/transform_reduce.h>

#include <algorithm>
#include <cmath>
#include <cstddef>
#include <limits>
#include <memory>
#include <string>
#include <vector>

#include <catch2/catch.hpp>

#include "../test_support.hpp"
#include "../../example/thrust/gbm_coefficients.hpp"  // gbm_drift, gbm_diffusion

namespace thrust_test {

namespace odeint = boost::numeric::odeint;

template <class Value>
using device_vector = thrust::device_vector<Value>;
template <class Value>
using host_vector = std::vector<Value>;

template <class Value>
host_vector<Value> to_host(const device_vector<Value>& x)
{
    host_vector<Value> result(x.size());
    thrust::copy(x.begin(), x.end(), result.begin());
    return result;
}

/// max_i |a_i − b_i| and max_i |b_i|.
template <class Value>
struct difference
{
    Value max_abs_difference = 0;
    Value max_abs_value = 0;
    std::size_t bitwise_equal = 0;
};

template <class Value>
difference<Value> compare(const host_vector<Value>& a, const host_vector<Value>& b)
{
    REQUIRE(a.size() == b.size());
    difference<Value> d;
    for (std::size_t i = 0; i < a.size(); ++i)
    {
        using std::abs;
        d.max_abs_difference = std::max(d.max_abs_difference, abs(a[i] - b[i]));
        d.max_abs_value = std::max(d.max_abs_value, abs(b[i]));
        d.bitwise_equal += (a[i] == b[i]) ? 1 : 0;
    }
    return d;
}

/// "Equal to rounding": a few units of the last place of the largest value. The device and
/// host run the same operations in the same order, so on a CPU backend the difference is 0
/// (checked separately where it matters); 4 ulps leave room for a compiler that contracts
/// a * b + c into an FMA in one of the two loops and not in the other.
template <class Value>
Value rounding_tolerance(Value scale)
{
    return Value(4) * std::numeric_limits<Value>::epsilon() * std::max(scale, Value(1));
}

/// A device value of the noise against the host's: bitwise on every backend, CUDA included
/// (the noise is a fixed sequence of correctly rounded operations, the round-to-nearest
/// intrinsics on a device: noise/detail/exact_rounding.hpp, doc/thrust.md).
template <class Value>
bool matches_host(Value device, Value host)
{
    return device == host;
}

// --- the logistic ensemble ------------------------------------------------------------------

template <class Value>
struct logistic_element
{
    Value rate;
    template <class Tuple>
    BOOST_NUMERIC_ODEINT_EES_HOST_DEVICE Value operator()(Tuple e) const
    {
        const Value x = thrust::get<0>(e);
        const Value c = thrust::get<1>(e);
        return rate * c * x * (Value(1) - x);
    }
};

// adj_y_i += v_i rate c_i (1 − 2 x_i) on (x_i, c_i, v_i, adj_y_i)
template <class Value>
struct logistic_state_vjp
{
    Value rate;
    template <class Tuple>
    BOOST_NUMERIC_ODEINT_EES_HOST_DEVICE void operator()(Tuple e) const
    {
        const Value x = thrust::get<0>(e);
        const Value c = thrust::get<1>(e);
        const Value v = thrust::get<2>(e);
        Value a = thrust::get<3>(e);
        a += v * (rate * c * (Value(1) - Value(2) * x));
        thrust::get<3>(e) = a;
    }
};

// v_i c_i x_i (1 − x_i) on (x_i, c_i, v_i)
template <class Value>
struct logistic_rate_vjp
{
    template <class Tuple>
    BOOST_NUMERIC_ODEINT_EES_HOST_DEVICE Value operator()(Tuple e) const
    {
        const Value x = thrust::get<0>(e);
        const Value c = thrust::get<1>(e);
        const Value v = thrust::get<2>(e);
        return v * (c * x * (Value(1) - x));
    }
};

/// dx_i/dt = rate c_i x_i (1 − x_i) on a device_vector; the c_i are shared by copies.
template <class Value>
struct device_logistic
{
    Value rate;
    std::shared_ptr<const device_vector<Value>> c;

    template <class Time>
    void operator()(const device_vector<Value>& x, device_vector<Value>& dxdt, Time) const
    {
        thrust::transform(thrust::make_zip_iterator(thrust::make_tuple(x.begin(), c->begin())),
                          thrust::make_zip_iterator(thrust::make_tuple(x.end(), c->end())),
                          dxdt.begin(), logistic_element<Value>{rate});
    }

    template <class Time, class ParameterAdjoint>
    void vjp(const device_vector<Value>& x, Time, const device_vector<Value>& v,
             device_vector<Value>& adj_y, ParameterAdjoint& adj_p) const
    {
        thrust::for_each(thrust::make_zip_iterator(thrust::make_tuple(x.begin(), c->begin(),
                                                                      v.begin(), adj_y.begin())),
                         thrust::make_zip_iterator(
                             thrust::make_tuple(x.end(), c->end(), v.end(), adj_y.end())),
                         logistic_state_vjp<Value>{rate});
        adj_p[0] += thrust::transform_reduce(
            thrust::make_zip_iterator(thrust::make_tuple(x.begin(), c->begin(), v.begin())),
            thrust::make_zip_iterator(thrust::make_tuple(x.end(), c->end(), v.end())),
            logistic_rate_vjp<Value>(), Value(0), thrust::plus<Value>());
    }
};

/// The same system on a std::vector.
template <class Value>
struct host_logistic
{
    Value rate;
    std::shared_ptr<const host_vector<Value>> c;

    template <class Time>
    void operator()(const host_vector<Value>& x, host_vector<Value>& dxdt, Time) const
    {
        for (std::size_t i = 0; i < x.size(); ++i)
            dxdt[i] = rate * (*c)[i] * x[i] * (Value(1) - x[i]);
    }

    template <class Time, class ParameterAdjoint>
    void vjp(const host_vector<Value>& x, Time, const host_vector<Value>& v,
             host_vector<Value>& adj_y, ParameterAdjoint& adj_p) const
    {
        for (std::size_t i = 0; i < x.size(); ++i)
        {
            adj_y[i] += v[i] * (rate * (*c)[i] * (Value(1) - Value(2) * x[i]));
            adj_p[0] += v[i] * ((*c)[i] * x[i] * (Value(1) - x[i]));
        }
    }
};

/// n logistic equations with rates c_i in [0.5, 1.5] and starts in [0.05, 0.95].
template <class Value>
struct logistic_ensemble
{
    std::size_t n;
    Value rate;
    host_vector<Value> c, x0;

    logistic_ensemble(std::size_t size, Value r) : n(size), rate(r), c(size), x0(size)
    {
        for (std::size_t i = 0; i < n; ++i)
        {
            const Value s = static_cast<Value>(i) / static_cast<Value>(n);
            c[i] = Value(0.5) + s;
            x0[i] = Value(0.05) + Value(0.9) * static_cast<Value>((i * 7919) % n) /
                                      static_cast<Value>(n);
        }
    }

    device_logistic<Value> device() const
    {
        return {rate, std::make_shared<const device_vector<Value>>(c.begin(), c.end())};
    }
    host_logistic<Value> host() const
    {
        return {rate, std::make_shared<const host_vector<Value>>(c)};
    }
    device_vector<Value> device_start() const { return device_vector<Value>(x0.begin(), x0.end()); }

    Value exact(std::size_t i, Value t) const
    {
        using std::exp;
        return Value(1) / (Value(1) + (Value(1) / x0[i] - Value(1)) * exp(-rate * c[i] * t));
    }
};

// --- Stratonovich GBM: gbm_drift, gbm_diffusion (example/thrust/gbm_coefficients.hpp) on the
// device, and the same coefficients on the host --------------------------------------------------

/// The same coefficients in stratonovich_sde's std::vector form (drift(y, f, t), vjp that adds).
template <class Value>
struct host_gbm_drift
{
    Value mu;
    template <class Time>
    void operator()(const host_vector<Value>& x, host_vector<Value>& f, Time) const
    {
        for (std::size_t i = 0; i < x.size(); ++i)
            f[i] = mu * x[i];
    }
    template <class Time, class ParameterAdjoint>
    void vjp(const host_vector<Value>& x, Time, const host_vector<Value>& v,
             host_vector<Value>& adj_y, ParameterAdjoint& adj_p) const
    {
        for (std::size_t i = 0; i < x.size(); ++i)
        {
            adj_y[i] += v[i] * mu;
            adj_p[0] += v[i] * x[i];
        }
    }
};

template <class Value>
struct host_gbm_diffusion
{
    Value sigma;
    template <class Time>
    void operator()(const host_vector<Value>& x, host_vector<Value>& g, Time) const
    {
        for (std::size_t i = 0; i < x.size(); ++i)
            g[i] = sigma * x[i];
    }
    template <class Time, class ParameterAdjoint>
    void vjp(const host_vector<Value>& x, Time, const host_vector<Value>& u,
             host_vector<Value>& adj_y, ParameterAdjoint& adj_p) const
    {
        for (std::size_t i = 0; i < x.size(); ++i)
        {
            adj_y[i] += u[i] * sigma;
            adj_p[1] += u[i] * x[i];
        }
    }
};

/// The GBM ensemble: n scalar paths p = 0 .. n−1 of `seed` on `steps` steps of [0, T].
template <class Value>
struct gbm_ensemble
{
    Value mu, sigma, x0, T;
    std::size_t steps, n;
    std::uint64_t seed;

    odeint::thrust_brownian_path<Value> noise() const
    {
        return odeint::thrust_brownian_path<Value>(
            odeint::brownian_path<Value>(seed, Value(0), T, steps, 1, 0), n);
    }
    auto device_sde() const
    {
        return odeint::make_thrust_stratonovich_sde(gbm_drift<Value>{mu},
                                                    gbm_diffusion<Value>{sigma}, noise());
    }
    /// Path i alone, as a one-dimensional std::vector SDE on the host.
    auto host_sde(std::size_t i) const
    {
        return odeint::make_stratonovich_sde<host_vector<Value>>(
            host_gbm_drift<Value>{mu}, host_gbm_diffusion<Value>{sigma}, noise().member(i),
            odeint::diagonal_noise());
    }
    Value dt() const { return T / static_cast<Value>(steps); }
};

/// The steps t_k = k dt, k = 0 .. steps − 1, of a fixed-step solve (the same on both sides).
template <class Stepper, class System, class State, class Value>
void solve(Stepper& stepper, System& system, State& x, std::size_t steps, Value dt)
{
    for (std::size_t k = 0; k < steps; ++k)
        stepper.do_step(system, x, static_cast<Value>(k) * dt, dt);
}

template <class Stepper, class System, class State, class Value>
void solve_back(Stepper& stepper, System& system, State& x, std::size_t steps, Value dt)
{
    for (std::size_t k = steps; k-- > 0;)
        stepper.inverse_do_step(system, x, static_cast<Value>(k) * dt, dt);
}

using ees_test::require_throw_mentioning;

} // namespace thrust_test

#endif // ODEINT_EES_TEST_THRUST_SUPPORT_HPP
