/*
 boost/numeric/odeint/external/thrust/thrust_fused_ees25.hpp

 The fused design of an SDE ensemble on Thrust: one thread integrates one path of a scalar
 Stratonovich SDE

     dX = f(X, t) dt + g(X, t) ∘ dW

 from start to end with EES(2,5;x) (doc/method.md §2-§3; Shmelev et al., arXiv 2507.21006),
 its state and stages in registers, its Brownian increments drawn in the thread from the
 counter-based noise (a dyadic_leaf_walker under noise_key(seed, path), which walks the steps in
 order at about two normals per step: the numbers thrust_brownian_path gives element `path`
 of a device vector), and the tableau inlined as
 numbers taken on the host from ees25<...>::coefficients(x). One thrust::transform over path
 indices is the whole solve; memory traffic is one value per path, not 22 per path and step.

   fused_ees25_sde<Drift, Diffusion, Value>   the scalar SDE with the tableau: step (forward
                                              or, with -h and -dW, backward) and adjoint_step
   fused_ees25_forward                        path index -> X_T                 (transform)
   fused_ees25_adjoint                        (path index, X_T) -> dL/dθ, dL/dX0 and the
                                              reconstruction error of that path
                                              (transform_reduce with its sum_type, in
                                              double by default)

 The adjoint is the reversible one of integrate_reversible (doc/method.md §4), per thread: from
 X_T, each step backwards reconstructs x_k = Φ_{-h}(x_{k+1}) with the negated step and the
 negated increment (inverse_do_step), recomputes the stages from x_k and sweeps them in
 reverse,

     ā_i = b_i a + Σ_{j>i} a_ji λ_j,   λ_i = (∂K_i/∂Y_i) ā_i,   dL/dθ += (∂K_i/∂θ) ā_i,
     a  ← a + Σ_i λ_i,                 K_i = f(Y_i) h + g(Y_i) dW.

 Drift and Diffusion are the element-wise functors of thrust_stratonovich_sde (operator(),
 derivative, parameter_derivative, parameter_count), and every operation happens in the order
 ees_generic_rk and thrust_stratonovich_sde use, so on a CPU backend X_T equals the
 device_vector design's bit for bit (unless a compiler contracts a * b + c into an FMA in
 one and not the other), and the gradients agree to the rounding of their sums
 (each thread sums its own steps, the device_vector design sums each stage over the paths).

 The loss gradient at T must be affine in X_T, dL/dX_T = c0 + c1 X_T (per-path losses such
 as Σ X_T or Σ X_T^2 / 2, and moment-matching losses once the moments of the forward pass are
 known); each path's X_T comes from the forward pass (one value per path in memory).

 Distributed under the Boost Software License, Version 1.0.
*/
#ifndef BOOST_NUMERIC_ODEINT_EXTERNAL_THRUST_THRUST_FUSED_EES25_HPP_INCLUDED
#define BOOST_NUMERIC_ODEINT_EXTERNAL_THRUST_THRUST_FUSED_EES25_HPP_INCLUDED

#include <cstddef>
#include <cstdint>

// elementwise_parameter_count: the P of a coefficient functor, as the adaptor counts it
#include <boost/numeric/odeint/external/thrust/thrust_stratonovich_sde.hpp>
#include <boost/numeric/odeint/noise/brownian_path.hpp>
#include <boost/numeric/odeint/noise/noise_key.hpp>
#include <boost/numeric/odeint/util/ees_host_device.hpp>

#include <thrust/tuple.h>

namespace boost {
namespace numeric {
namespace odeint {
namespace fused {


/// The EES(2,5) tableau as plain numbers for a kernel: A (strictly lower), b, c.
template <class Value>
struct ees25_tableau
{
    Value a10, a20, a21;
    Value b0, b1, b2;
    Value c1, c2;
};

/// The numbers of a butcher_tableau<Value, 3>, e.g. ees25<S, Value>::coefficients(x).
template <class Tableau>
ees25_tableau<typename Tableau::value_type> inline_tableau(const Tableau& t)
{
    return {t.a[1][0], t.a[2][0], t.a[2][1], t.b[0], t.b[1], t.b[2], t.c[1], t.c[2]};
}

/// The noise of path `first_path + i` of a thrust_brownian_path / brownian_path grid.
template <class Value>
struct ensemble_noise
{
    std::uint64_t seed;
    std::uint64_t first_path;
    Value sqrt_dt;  ///< brownian_path::sqrt_dt()
    unsigned levels; ///< brownian_path::levels()

    template <class Time>
    static ensemble_noise from(const odeint::brownian_path<Value, Time>& first)
    {
        return {first.seed(), first.path(), first.sqrt_dt(), first.levels()};
    }

    BOOST_NUMERIC_ODEINT_EES_HOST_DEVICE boost::random::philox4x32_key key(std::uint64_t i) const
    {
        return odeint::noise_key(seed, first_path + i);
    }

    /// A walker of the steps of the path with key `key`, one after another (forwards or
    /// backwards): walker(k) = W(t_{k+1}) − W(t_k) / sqrt_dt, about two normals per step.
    BOOST_NUMERIC_ODEINT_EES_HOST_DEVICE detail::dyadic_leaf_walker<Value>
    walker(const boost::random::philox4x32_key& key) const
    {
        detail::dyadic_leaf_walker<Value> w;
        w.key = key;
        w.levels = levels;
        return w;
    }

    /// W(t_{k+1}) − W(t_k) from `walker` (same bits as brownian_path::step_increment).
    BOOST_NUMERIC_ODEINT_EES_HOST_DEVICE Value increment(detail::dyadic_leaf_walker<Value>& walker,
                                                         std::uint64_t k) const
    {
        return detail::rn::mul(sqrt_dt, walker(k));
    }
};

/// P parameter cotangents, the gradient with respect to a common X0, and the largest
/// reconstruction error |x̂_0 − X0|: what one path contributes, and what the reduction sums,
/// in the type Sum (double by default: a float sum over 10^7 paths would lose ~3 digits).
/// P values indexed with [], host and device. P = 0 (coefficients without parameters) is
/// allowed: the loops over j < P never index it (a plain Value[0] would be ill-formed).
template <class Value, std::size_t P>
struct parameter_array
{
    Value value[P > 0 ? P : 1];
    BOOST_NUMERIC_ODEINT_EES_HOST_DEVICE Value& operator[](std::size_t j) { return value[j]; }
    BOOST_NUMERIC_ODEINT_EES_HOST_DEVICE const Value& operator[](std::size_t j) const
    {
        return value[j];
    }
};

template <class Sum, std::size_t P>
struct fused_gradient
{
    parameter_array<Sum, P> parameters;
    Sum initial_state;
    Sum reconstruction_error;
};

template <class Sum, std::size_t P>
struct fused_gradient_sum
{
    BOOST_NUMERIC_ODEINT_EES_HOST_DEVICE fused_gradient<Sum, P>
    operator()(const fused_gradient<Sum, P>& a, const fused_gradient<Sum, P>& b) const
    {
        fused_gradient<Sum, P> sum{};
        for (std::size_t j = 0; j < P; ++j)
            sum.parameters[j] = a.parameters[j] + b.parameters[j];
        sum.initial_state = a.initial_state + b.initial_state;
        sum.reconstruction_error = a.reconstruction_error > b.reconstruction_error
                                       ? a.reconstruction_error
                                       : b.reconstruction_error;
        return sum;
    }
};

/// dX = f(X, t) dt + g(X, t) ∘ dW stepped by EES(2,5), one scalar path, all in registers.
template <class Drift, class Diffusion, class Value>
struct fused_ees25_sde
{
    static constexpr std::size_t drift_parameters =
        odeint::elementwise_parameter_count<Drift>::value;
    static constexpr std::size_t diffusion_parameters =
        odeint::elementwise_parameter_count<Diffusion>::value;
    static constexpr std::size_t parameter_count =
        drift_parameters > diffusion_parameters ? drift_parameters : diffusion_parameters;

    Drift drift;
    Diffusion diffusion;
    ees25_tableau<Value> tableau;

    /// K = f(y, t) h + g(y, t) dW, the increment of one stage.
    BOOST_NUMERIC_ODEINT_EES_HOST_DEVICE Value increment(Value y, Value t, Value h,
                                                        Value dW) const
    {
        return drift(y, t) * h + diffusion(y, t) * dW;
    }

    /// One step from (t, x) of size h with driver increment dW; with (t + h, -h, -dW) the
    /// backward step of inverse_do_step.
    BOOST_NUMERIC_ODEINT_EES_HOST_DEVICE Value step(Value x, Value t, Value h, Value dW) const
    {
        const ees25_tableau<Value>& c = tableau;
        const Value k0 = increment(x, t, h, dW);
        const Value y1 = x + c.a10 * k0;
        const Value k1 = increment(y1, t + c.c1 * h, h, dW);
        const Value y2 = x + c.a20 * k0 + c.a21 * k1;
        const Value k2 = increment(y2, t + c.c2 * h, h, dW);
        return x + c.b0 * k0 + c.b1 * k1 + c.b2 * k2;
    }

    /// Backpropagates through step(x, t, h, dW): on entry a = dL/dx_{k+1}, on exit dL/dx_k;
    /// the parameter cotangents are added to adj_p.
    template <std::size_t P>
    BOOST_NUMERIC_ODEINT_EES_HOST_DEVICE void adjoint_step(Value x, Value t, Value h, Value dW,
                                                         Value& a,
                                                         parameter_array<Value, P>& adj_p) const
    {
        const ees25_tableau<Value>& c = tableau;
        const Value t1 = t + c.c1 * h, t2 = t + c.c2 * h;
        const Value k0 = increment(x, t, h, dW);
        const Value y1 = x + c.a10 * k0;
        const Value k1 = increment(y1, t1, h, dW);
        const Value y2 = x + c.a20 * k0 + c.a21 * k1;
        // The stage cotangents, last stage first.
        const Value lambda2 = stage_vjp(y2, t2, h, dW, c.b2 * a, adj_p);
        const Value lambda1 = stage_vjp(y1, t1, h, dW, c.b1 * a + c.a21 * lambda2, adj_p);
        const Value lambda0 =
            stage_vjp(x, t, h, dW, c.b0 * a + c.a10 * lambda1 + c.a20 * lambda2, adj_p);
        a = a + lambda0 + lambda1 + lambda2;
    }

private:
    // λ = (∂K/∂y) v; adds (∂K/∂θ_j) v to adj_p[j].
    template <std::size_t P>
    BOOST_NUMERIC_ODEINT_EES_HOST_DEVICE Value stage_vjp(Value y, Value t, Value h, Value dW,
                                                       Value v,
                                                       parameter_array<Value, P>& adj_p) const
    {
        Value lambda(0);
        lambda += (v * h) * drift.derivative(y, t);
        lambda += (v * dW) * diffusion.derivative(y, t);
        for (std::size_t j = 0; j < P; ++j)
            adj_p[j] +=
                odeint::elementwise_parameter_vjp(drift, diffusion, y, t, v * h, v * dW, j);
        return lambda;
    }
};

/// Path index i -> X_T of path first_path + i: `steps` steps of dt from (t0, x0).
template <class Drift, class Diffusion, class Value>
struct fused_ees25_forward
{
    fused_ees25_sde<Drift, Diffusion, Value> sde;
    ensemble_noise<Value> noise;
    Value x0, t0, dt;
    std::uint64_t steps;

    BOOST_NUMERIC_ODEINT_EES_HOST_DEVICE Value operator()(std::uint64_t i) const
    {
        detail::dyadic_leaf_walker<Value> walker = noise.walker(noise.key(i));
        Value x = x0;
        for (std::uint64_t k = 0; k < steps; ++k)
            x = sde.step(x, t0 + static_cast<Value>(k) * dt, dt, noise.increment(walker, k));
        return x;
    }
};

/// (i, X_T of path i) -> that path's dL/dθ and dL/dX0 for dL/dX_T = c0 + c1 X_T, by the
/// reversible adjoint (see the header comment), and |x̂_0 − x0|; a thread accumulates its own
/// steps in Value and hands the result to the reduction (sum_type) in Sum.
template <class Drift, class Diffusion, class Value, class Sum = double>
struct fused_ees25_adjoint
{
    static constexpr std::size_t P = fused_ees25_sde<Drift, Diffusion, Value>::parameter_count;
    using result_type = fused_gradient<Sum, P>;
    using sum_type = fused_gradient_sum<Sum, P>;

    fused_ees25_sde<Drift, Diffusion, Value> sde;
    ensemble_noise<Value> noise;
    Value x0, t0, dt;
    std::uint64_t steps;
    Value c0, c1;  ///< dL/dX_T = c0 + c1 X_T

    template <class Tuple>
    BOOST_NUMERIC_ODEINT_EES_HOST_DEVICE result_type operator()(Tuple element) const
    {
        const std::uint64_t i = thrust::get<0>(element);
        Value x = thrust::get<1>(element);
        detail::dyadic_leaf_walker<Value> walker = noise.walker(noise.key(i));
        parameter_array<Value, P> adj_p{};
        Value a = c0 + c1 * x;
        for (std::uint64_t k = steps; k-- > 0;)
        {
            const Value t = t0 + static_cast<Value>(k) * dt;
            const Value dW = noise.increment(walker, k);  // drawn once, used twice
            x = sde.step(x, t + dt, -dt, -dW);          // x_k = Φ_{-h}(x_{k+1})
            sde.adjoint_step(x, t, dt, dW, a, adj_p);
        }
        result_type g{};
        for (std::size_t j = 0; j < P; ++j)
            g.parameters[j] = static_cast<Sum>(adj_p[j]);
        g.initial_state = static_cast<Sum>(a);
        g.reconstruction_error = static_cast<Sum>(x > x0 ? x - x0 : x0 - x);
        return g;
    }
};

} // namespace fused
} // namespace odeint
} // namespace numeric
} // namespace boost

#endif // BOOST_NUMERIC_ODEINT_EXTERNAL_THRUST_THRUST_FUSED_EES25_HPP_INCLUDED
