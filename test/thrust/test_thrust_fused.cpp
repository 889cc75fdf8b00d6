// The fused design of thrust_fused_ees25.hpp (one thread per path, the EES(2,5) tableau
// inlined, the noise drawn in the thread) against the device_vector design (ees25 on
// thrust::device_vector with thrust_stratonovich_sde, integrate_reversible) on the same GBM
// paths and steps, and its reversible adjoint against central differences of its own forward
// solve (Thrust OMP or CPP backend).
#include "thrust_test_support.hpp"

#include <boost/numeric/odeint/external/thrust/thrust_fused_ees25.hpp>
namespace fused = boost::numeric::odeint::fused;

#include <thrust/fill.h>
#include <thrust/iterator/counting_iterator.h>
#include <thrust/reduce.h>

#include <cstdint>
#include <type_traits>

using namespace boost::numeric::odeint;
using namespace thrust_test;

namespace {

template <class Value>
using fused_gbm = fused::fused_ees25_sde<gbm_drift<Value>, gbm_diffusion<Value>, Value>;

template <class Value>
Value default_parameter()
{
    return ees25<device_vector<Value>, Value>::default_parameter();
}

/// The fused SDE of drift and diffusion with the tableau of EES(2,5; parameter).
template <class Value, class Drift, class Diffusion>
fused::fused_ees25_sde<Drift, Diffusion, Value> make_fused(Drift drift, Diffusion diffusion,
                                                           Value parameter)
{
    return {drift, diffusion,
            fused::inline_tableau(ees25<device_vector<Value>, Value>::coefficients(parameter))};
}

template <class Value>
fused_gbm<Value> make_fused_gbm(const gbm_ensemble<Value>& gbm, Value parameter)
{
    return make_fused(gbm_drift<Value>{gbm.mu}, gbm_diffusion<Value>{gbm.sigma}, parameter);
}

template <class Value>
fused::ensemble_noise<Value> fused_noise(const gbm_ensemble<Value>& gbm)
{
    return fused::ensemble_noise<Value>::from(gbm.noise().member(0));
}

/// X_T of every path of gbm's grid and noise by the fused forward kernel (one transform over
/// path indices), for the SDE `sde`.
template <class Value, class Drift, class Diffusion>
device_vector<Value> fused_solve(const gbm_ensemble<Value>& gbm,
                                 const fused::fused_ees25_sde<Drift, Diffusion, Value>& sde)
{
    const fused::fused_ees25_forward<Drift, Diffusion, Value> forward{
        sde, fused_noise(gbm), gbm.x0, Value(0), gbm.dt(), gbm.steps};
    device_vector<Value> x(gbm.n);
    const thrust::counting_iterator<std::uint64_t> first(0);
    thrust::transform(first, first + static_cast<std::ptrdiff_t>(gbm.n), x.begin(), forward);
    return x;
}

template <class Value>
device_vector<Value> fused_solve(const gbm_ensemble<Value>& gbm)
{
    return fused_solve(gbm, make_fused_gbm(gbm, default_parameter<Value>()));
}

/// The stochastic logistic drift r X (1 - X): nonlinear, so that the members of the EES(2,5)
/// family give different solutions (on GBM every member has the same one-step map R(z)).
template <class Value>
struct logistic_drift
{
    Value r;
    template <class Time>
    BOOST_NUMERIC_ODEINT_EES_HOST_DEVICE Value operator()(Value x, Time) const
    {
        return r * x * (Value(1) - x);
    }
};

/// dL/dθ, Σ dL/dX0_i and the reconstruction error of the fused adjoint for dL/dX_T = 1 + X_T
/// (summed over paths in double).
template <class Value>
fused::fused_gradient<double, 2> fused_gradient(const gbm_ensemble<Value>& gbm,
                                                const device_vector<Value>& xT)
{
    using adjoint_type = fused::fused_ees25_adjoint<gbm_drift<Value>, gbm_diffusion<Value>, Value>;
    // dL/dX_T = c0 + c1 X_T with c0 = c1 = 1
    const adjoint_type adjoint{make_fused_gbm(gbm, default_parameter<Value>()),
                               fused_noise(gbm),
                               gbm.x0,
                               Value(0),
                               gbm.dt(),
                               gbm.steps,
                               Value(1),
                               Value(1)};
    const thrust::counting_iterator<std::uint64_t> first(0);
    const auto n = static_cast<std::ptrdiff_t>(gbm.n);
    return thrust::transform_reduce(
        thrust::make_zip_iterator(thrust::make_tuple(first, xT.begin())),
        thrust::make_zip_iterator(thrust::make_tuple(first + n, xT.end())), adjoint,
        typename adjoint_type::result_type{}, typename adjoint_type::sum_type());
}

/// a = dL/dX_T = 1 + X_T, for L = Σ_i (X_i + X_i^2 / 2).
template <class Value>
struct one_plus_state
{
    BOOST_NUMERIC_ODEINT_EES_HOST_DEVICE Value operator()(Value x) const { return Value(1) + x; }
};

template <class Value>
struct loss_term
{
    BOOST_NUMERIC_ODEINT_EES_HOST_DEVICE double operator()(Value x) const
    {
        return double(x) + double(x) * double(x) / 2;
    }
};

} // namespace

TEMPLATE_TEST_CASE("the fused ees25 kernel reproduces ees25 on device_vector path by path",
                   "[thrust][fused]", float, double)
{
    using Value = TestType;
    // The paths and grid of a GBM ensemble; the SDE dX = X (1 - X) dt + 0.4 X ∘ dW from
    // X0 = 0.5 (its drift is nonlinear, so the member of the EES(2,5) family matters).
    const gbm_ensemble<Value> grid{Value(0.1), Value(0.4), Value(0.5), Value(1), 64, 4096, 2025};
    const logistic_drift<Value> drift{Value(1)};
    const gbm_diffusion<Value> diffusion{Value(0.4)};
    // The tableau is passed in as numbers: the default member of the family and another.
    const Value parameter = GENERATE(Value(0.1), Value(0.25));
    ees25<device_vector<Value>, Value> stepper(parameter);
    auto sde = make_thrust_stratonovich_sde(drift, diffusion, grid.noise());
    device_vector<Value> x(grid.n, grid.x0);
    solve(stepper, sde, x, grid.steps, grid.dt());
    const device_vector<Value> fused_x = fused_solve(grid, make_fused(drift, diffusion, parameter));

    // The same operations in the same order on the same noise: bitwise equal on a CPU backend
    // unless a compiler contracts a * b + c into an FMA in one design and not in the other
    // (a few ulps per step of values up to ~2 here).
    const auto difference = compare(to_host(fused_x), to_host(x));
    const Value rounding = Value(grid.steps * 4 * 2) * std::numeric_limits<Value>::epsilon();
    INFO("x = " << parameter << ": max |fused - device_vector| = "
                << difference.max_abs_difference << ", " << difference.bitwise_equal << " of "
                << grid.n << " bitwise equal, largest |X_T| " << difference.max_abs_value);
    CHECK(difference.max_abs_difference <= rounding);
    // The check sees a wrong coefficient: the other member of the family changes X_T by
    // ~2e-4 (an O(h^2) change of the solution), 3x the float bound and 10^9x the double one.
    const Value other = Value(0.1) + Value(0.25) - parameter;
    const auto changed = compare(to_host(fused_solve(grid, make_fused(drift, diffusion, other))),
                                 to_host(x));
    INFO("fused with x = " << other << ": max difference " << changed.max_abs_difference);
    CHECK(changed.max_abs_difference > 2 * rounding);
}

TEMPLATE_TEST_CASE("the fused reversible adjoint gives integrate_reversible's gradients on "
                   "device_vector",
                   "[thrust][fused][gradient]", float, double)
{
    using Value = TestType;
    const gbm_ensemble<Value> gbm{Value(0.1), Value(0.4), Value(1), Value(1), 32, 2048, 31};

    // L = Σ_i (X_i(T) + X_i(T)^2 / 2): dL/dX_T = 1 + X_T (both terms of the affine form).
    device_vector<Value> x(gbm.n, gbm.x0), grad_x0(gbm.n);
    std::vector<Value> grad_p(2, Value(0));
    const auto result = integrate_reversible(
        ees25<device_vector<Value>, Value>(), gbm.device_sde(), x, Value(0), gbm.T, gbm.dt(),
        [](const device_vector<Value>& xT, device_vector<Value>& a) {
            thrust::transform(xT.begin(), xT.end(), a.begin(), one_plus_state<Value>());
        },
        grad_x0, grad_p);
    const Value vector_dx0 = thrust::reduce(grad_x0.begin(), grad_x0.end(), Value(0));

    const device_vector<Value> xT = fused_solve(gbm);
    const auto g = fused_gradient(gbm, xT);

    INFO("dL/dmu: device_vector " << grad_p[0] << ", fused " << g.parameters[0]);
    INFO("dL/dsigma: device_vector " << grad_p[1] << ", fused " << g.parameters[1]);
    INFO("sum dL/dX0: device_vector " << vector_dx0 << ", fused " << g.initial_state);
    INFO("reconstruction error: device_vector " << result.reconstruction_error << ", fused "
                                                << g.reconstruction_error);
    // X_T and the reconstructed x_0 are the same numbers (see the test above); the gradients
    // are sums of n steps 3 terms in another order (per path in Value, then over paths in
    // double; the device_vector design sums each stage over the paths in Value): n eps
    // relative for same-sign sums, with a factor 10 of room; dL/dsigma (terms of both signs)
    // on the scale of dL/dmu.
    const double terms = double(gbm.n) * double(gbm.steps) * 3;
    const double tolerance = 10 * terms * std::numeric_limits<Value>::epsilon();
    const double scale = std::abs(double(grad_p[0]));
    CHECK(std::abs(double(g.parameters[0]) - double(grad_p[0])) <= tolerance * scale);
    CHECK(std::abs(double(g.parameters[1]) - double(grad_p[1])) <= tolerance * scale);
    CHECK(std::abs(double(g.initial_state) - double(vector_dx0)) <=
          tolerance * std::abs(double(vector_dx0)));
    CHECK(std::abs(g.reconstruction_error - result.reconstruction_error) <=
          rounding_tolerance(Value(1)) * Value(gbm.steps));
    // The reversal defect of ees25 is ~(sigma |dW|)^6 per step: 32 (sigma sqrt(h))^6 = 4e-6
    // over the solve for a typical path, 1.6e-5 for the worst of 2048 (measured); not zero,
    // or the backward steps did nothing.
    CHECK(g.reconstruction_error > Value(0));
    CHECK(g.reconstruction_error < Value(1e-4));
}

TEST_CASE("the fused reversible adjoint matches central differences of the fused solve",
          "[thrust][fused][gradient]")
{
    const gbm_ensemble<double> gbm{0.1, 0.4, 1.0, 1.0, 32, 2048, 31};
    const auto g = fused_gradient(gbm, fused_solve(gbm));
    auto loss = [&](double mu, double sigma, double x0) {
        gbm_ensemble<double> perturbed = gbm;
        perturbed.mu = mu;
        perturbed.sigma = sigma;
        perturbed.x0 = x0;
        const device_vector<double> x = fused_solve(perturbed);
        return thrust::transform_reduce(x.begin(), x.end(), loss_term<double>(), 0.0,
                                        thrust::plus<double>());
    };
    // Step 1e-6: truncation ~1e-12, rounding ~1e-16 L / 1e-6 ~ 1e-10 relative. The adjoint
    // walks the reconstructed states, off by the reversal defect (sigma sqrt(h))^6 per step:
    // steps (sigma sqrt(h))^6 = 4e-6 relative here (as in test_thrust_gradients.cpp).
    const double e = 1e-6;
    const double fd_mu = (loss(gbm.mu + e, gbm.sigma, gbm.x0) -
                          loss(gbm.mu - e, gbm.sigma, gbm.x0)) / (2 * e);
    const double fd_sigma = (loss(gbm.mu, gbm.sigma + e, gbm.x0) -
                             loss(gbm.mu, gbm.sigma - e, gbm.x0)) / (2 * e);
    const double fd_x0 = (loss(gbm.mu, gbm.sigma, gbm.x0 + e) -
                          loss(gbm.mu, gbm.sigma, gbm.x0 - e)) / (2 * e);
    const double reversal =
        double(gbm.steps) * std::pow(gbm.sigma * std::sqrt(gbm.dt()), 6);
    const double tolerance = (1e-7 + reversal) * std::abs(fd_mu);
    INFO("dL/dmu: adjoint " << g.parameters[0] << ", central differences " << fd_mu);
    INFO("dL/dsigma: adjoint " << g.parameters[1] << ", central differences " << fd_sigma);
    INFO("dL/dX0: adjoint " << g.initial_state << ", central differences " << fd_x0);
    INFO("tolerance " << tolerance);
    CHECK(std::abs(g.parameters[0] - fd_mu) < tolerance);
    CHECK(std::abs(g.parameters[1] - fd_sigma) < tolerance);
    CHECK(std::abs(g.initial_state - fd_x0) < tolerance);
}

namespace {

// GBM coefficients that declare no parameters (P = 0): only dL/dX0 is asked for.
struct fixed_gbm_drift
{
    BOOST_NUMERIC_ODEINT_EES_HOST_DEVICE double operator()(double x, double) const
    {
        return 0.1 * x;
    }
    BOOST_NUMERIC_ODEINT_EES_HOST_DEVICE double derivative(double, double) const { return 0.1; }
};

struct fixed_gbm_diffusion
{
    BOOST_NUMERIC_ODEINT_EES_HOST_DEVICE double operator()(double x, double) const
    {
        return 0.4 * x;
    }
    BOOST_NUMERIC_ODEINT_EES_HOST_DEVICE double derivative(double, double) const { return 0.4; }
};

} // namespace

TEST_CASE("the fused reversible adjoint works for coefficients without parameters",
          "[thrust][fused][gradient]")
{
    const gbm_ensemble<double> gbm{0.1, 0.4, 1.0, 1.0, 32, 256, 31};
    using adjoint_type = fused::fused_ees25_adjoint<fixed_gbm_drift, fixed_gbm_diffusion, double>;
    static_assert(adjoint_type::P == 0, "no parameters");
    const auto sde = make_fused(fixed_gbm_drift{}, fixed_gbm_diffusion{},
                                default_parameter<double>());
    const device_vector<double> xT = fused_solve(gbm, sde);
    const adjoint_type adjoint{sde, fused_noise(gbm), 1.0, 0.0, gbm.dt(), gbm.steps, 1.0, 1.0};
    const thrust::counting_iterator<std::uint64_t> first(0);
    const auto n = static_cast<std::ptrdiff_t>(gbm.n);
    const auto g = thrust::transform_reduce(
        thrust::make_zip_iterator(thrust::make_tuple(first, xT.begin())),
        thrust::make_zip_iterator(thrust::make_tuple(first + n, xT.end())), adjoint,
        adjoint_type::result_type{}, adjoint_type::sum_type());
    // The with-parameters adjoint of the same GBM gives the same dL/dX0 (same arithmetic).
    const auto reference = fused_gradient(gbm, fused_solve(gbm));
    CHECK(g.initial_state == Approx(reference.initial_state).epsilon(1e-12));
    CHECK(g.initial_state > 0);
}
