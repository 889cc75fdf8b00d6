// integrate_reversible on thrust::device_vector (Thrust OMP or CPP backend) against the same
// solve on std::vector, and against the exact gradients of problems with closed-form
// solutions: a logistic ensemble (ODE) and an ensemble of Stratonovich GBM paths (SDE, one path
// per element, the device noise of thrust_brownian_path).
#include "thrust_test_support.hpp"

#include <thrust/copy.h>
#include <thrust/fill.h>
#include <thrust/reduce.h>

#include <type_traits>

using namespace boost::numeric::odeint;
using namespace thrust_test;

namespace {

// Relative agreement of two gradients that are sums of many terms, accumulated in a
// different order (a parallel reduction on the device, a loop on the host): n eps for sums
// of same-sign terms, with a factor 10 of room.
template <class Value>
double reduction_tolerance(std::size_t terms)
{
    return 10.0 * static_cast<double>(terms) * std::numeric_limits<Value>::epsilon();
}

struct copy_state
{
    template <class State, class Adjoint>
    void operator()(const State& x, Adjoint& a) const
    {
        thrust::copy(x.begin(), x.end(), a.begin());
    }
};

struct ones
{
    template <class State, class Adjoint>
    void operator()(const State&, Adjoint& a) const
    {
        thrust::fill(a.begin(), a.end(), typename Adjoint::value_type(1));
    }
};

} // namespace

TEMPLATE_TEST_CASE("integrate_reversible on device_vector agrees with std::vector for a "
                   "logistic ensemble",
                   "[thrust][gradient]", float, double)
{
    using Value = TestType;
    const std::size_t n = 200;
    const logistic_ensemble<Value> ensemble(n, Value(1.5));
    const Value dt = Value(0.05), T = Value(1);

    // L = sum_i x_i(T)^2 / 2, so dL/dx(T) = x(T).
    auto check = [&](auto device_stepper, auto host_stepper) {
        device_vector<Value> x = ensemble.device_start();
        device_vector<Value> grad_x0(n);
        std::vector<Value> grad_rate{Value(0)};
        const auto device_result =
            integrate_reversible(device_stepper, ensemble.device(), x, Value(0), T, dt,
                                 copy_state(), grad_x0, grad_rate);

        host_vector<Value> y = ensemble.x0;
        host_vector<Value> host_grad_x0(n);
        std::vector<Value> host_grad_rate{Value(0)};
        const auto host_result = integrate_reversible(
            host_stepper, ensemble.host(), y, Value(0), T, dt,
            [](const host_vector<Value>& state, host_vector<Value>& a) { a = state; },
            host_grad_x0, host_grad_rate);

        CHECK(device_result.steps == 20);
        CHECK(host_result.steps == 20);
        const auto state = compare(to_host(x), y);
        const auto gradient = compare(to_host(grad_x0), host_grad_x0);
        INFO("x(T): max |device - host| = " << state.max_abs_difference << " (bitwise equal "
                                            << state.bitwise_equal << " of " << n << ")");
        INFO("dL/dx0: max |device - host| = " << gradient.max_abs_difference << " (bitwise equal "
                                              << gradient.bitwise_equal << " of " << n << ")");
        INFO("dL/drate: device " << grad_rate[0] << ", host " << host_grad_rate[0]);
        INFO("reconstruction error: device " << device_result.reconstruction_error << ", host "
                                             << host_result.reconstruction_error);
        CHECK(state.max_abs_difference <= rounding_tolerance(state.max_abs_value));
        CHECK(gradient.max_abs_difference <= rounding_tolerance(gradient.max_abs_value));
        CHECK(std::abs(grad_rate[0] - host_grad_rate[0]) <=
              reduction_tolerance<Value>(n * 20 * 4) * std::abs(host_grad_rate[0]));
        CHECK(std::abs(device_result.reconstruction_error - host_result.reconstruction_error) <=
              rounding_tolerance(Value(1)));

        // Against the exact gradient, dx_T/dx0 = exp(-r c T) x_T^2 / x0^2 and
        // dx_T/dr = c T x_T (1 - x_T): the discrete adjoint of an order-2 method differs by
        // O(h^2) = 2.5e-3 (times constants below 1 here).
        const host_vector<Value> xs = to_host(x), gs = to_host(grad_x0);
        double max_error = 0, rate_gradient = 0;
        for (std::size_t i = 0; i < n; ++i)
        {
            const double c = ensemble.c[i], x0 = ensemble.x0[i], r = ensemble.rate;
            const double xT = ensemble.exact(i, T);
            const double exact = xT * std::exp(-r * c * double(T)) * xT * xT / (x0 * x0);
            max_error = std::max(max_error, std::abs(double(gs[i]) - exact));
            rate_gradient += xT * c * double(T) * xT * (1 - xT);
        }
        INFO("max |dL/dx0 - exact| = " << max_error << ", dL/drate exact " << rate_gradient);
        CHECK(max_error < double(dt * dt));
        CHECK(std::abs(double(grad_rate[0]) - rate_gradient) <
              double(dt * dt) * std::abs(rate_gradient));
    };
    SECTION("ees25")
    {
        check(ees25<device_vector<Value>, Value>(), ees25<host_vector<Value>, Value>());
    }
    SECTION("ees27")
    {
        check(ees27<device_vector<Value>, Value>(), ees27<host_vector<Value>, Value>());
    }
    SECTION("reversible_heun")
    {
        check(reversible_heun<device_vector<Value>, Value>(),
              reversible_heun<host_vector<Value>, Value>());
    }
}

TEMPLATE_TEST_CASE("integrate_reversible on a device GBM ensemble agrees with per-path "
                   "std::vector solves",
                   "[thrust][gradient][sde]", float, double)
{
    using Value = TestType;
    const gbm_ensemble<Value> gbm{Value(0.1), Value(0.4), Value(1), Value(1), 32, 256, 31};
    const Value dt = gbm.dt();

    // L = sum_i X_i(T): dL/dX0_i = X_i(T) / X0, dL/dmu = sum_i T X_i(T),
    // dL/dsigma = sum_i W_i(T) X_i(T) for the exact solution X0 exp(mu T + sigma W_T).
    auto check = [&](auto device_stepper, auto host_stepper) {
        device_vector<Value> x(gbm.n, gbm.x0);
        device_vector<Value> grad_x0(gbm.n);
        std::vector<Value> grad_p(2, Value(0));
        const auto result = integrate_reversible(device_stepper, gbm.device_sde(), x, Value(0),
                                                 gbm.T, dt, ones(), grad_x0, grad_p);
        CHECK(result.steps == gbm.steps);

        host_vector<Value> host_x(gbm.n), host_grad_x0(gbm.n);
        std::vector<Value> host_grad_p(2, Value(0));  // every path ADDS its dL/dθ
        for (std::size_t i = 0; i < gbm.n; ++i)
        {
            host_vector<Value> y{gbm.x0}, g(1);
            integrate_reversible(
                host_stepper, gbm.host_sde(i), y, Value(0), gbm.T, dt,
                [](const host_vector<Value>&, host_vector<Value>& a) { a[0] = Value(1); }, g,
                host_grad_p);
            host_x[i] = y[0];
            host_grad_x0[i] = g[0];
        }
        const auto state = compare(to_host(x), host_x);
        const auto gradient = compare(to_host(grad_x0), host_grad_x0);
        INFO("X(T): max |device - host| = " << state.max_abs_difference << " (bitwise equal "
                                            << state.bitwise_equal << " of " << gbm.n << ")");
        INFO("dL/dX0: max |device - host| = " << gradient.max_abs_difference
                                              << " (bitwise equal " << gradient.bitwise_equal
                                              << " of " << gbm.n << ")");
        INFO("dL/dmu: device " << grad_p[0] << ", host " << host_grad_p[0]
                               << "; dL/dsigma: device " << grad_p[1] << ", host "
                               << host_grad_p[1]);
        CHECK(state.max_abs_difference <= rounding_tolerance(state.max_abs_value));
        CHECK(gradient.max_abs_difference <= rounding_tolerance(gradient.max_abs_value));
        // dL/dsigma sums terms of both signs; its scale is that of dL/dmu (same |terms|).
        const double scale = std::abs(double(host_grad_p[0]));
        const double tolerance = reduction_tolerance<Value>(gbm.n * gbm.steps * 4) * scale;
        CHECK(std::abs(double(grad_p[0]) - double(host_grad_p[0])) <= tolerance);
        CHECK(std::abs(double(grad_p[1]) - double(host_grad_p[1])) <= tolerance);

        // Against the gradients of the exact solution: the adjoint is the exact gradient of
        // the discrete solve, whose derivative in mu has an O(h) bias (ees25: one step is
        // R(z) with R'(z)/R(z) = 1 − z^2/8 + O(z^3), a relative bias −sigma^2 h / 8 = 6e-4;
        // measured 8e-4 for ees25, 3e-3 for reversible_heun); bound sigma^2 h = 5e-3, relative
        // to dL/dmu (dL/dsigma sums terms of both signs) and for the mean over paths of dL/dX0.
        device_vector<Value> W(gbm.n);
        gbm.noise().increment(Value(0), gbm.T, W);
        const host_vector<Value> Ws = to_host(W);
        double dmu = 0, dsigma = 0, mean_relative = 0;
        const host_vector<Value> gs = to_host(grad_x0);
        for (std::size_t i = 0; i < gbm.n; ++i)
        {
            const double XT = double(gbm.x0) * std::exp(double(gbm.mu) * double(gbm.T) +
                                                        double(gbm.sigma) * double(Ws[i]));
            dmu += double(gbm.T) * XT;
            dsigma += double(Ws[i]) * XT;
            mean_relative += std::abs(double(gs[i]) - XT) / XT / double(gbm.n);
        }
        const double bound = double(gbm.sigma) * double(gbm.sigma) * double(dt);
        INFO("exact dL/dmu " << dmu << ", dL/dsigma " << dsigma
                             << ", mean relative dL/dX0 error " << mean_relative << ", bound "
                             << bound);
        CHECK(mean_relative < bound);
        CHECK(std::abs(double(grad_p[0]) - dmu) < bound * std::abs(dmu));
        CHECK(std::abs(double(grad_p[1]) - dsigma) < bound * std::abs(dmu));

        // In double, against central differences of the device solve itself (step 1e-6:
        // truncation ~ 1e-12, rounding ~ 1e-16 L / 1e-6 ~ 1e-10 relative). The reversible
        // adjoint walks reconstructed states, off by the reversal error of each step,
        // (sigma sqrt(h))^6 for ees25 (test_gradient_sde.cpp), N of them: 4e-6 relative here
        // (measured 5e-7); reversible_heun reconstructs to rounding.
        if constexpr (std::is_same<Value, double>::value)
        {
            const double reversal =
                std::is_same<decltype(device_stepper), ees25<device_vector<Value>, Value>>::value
                    ? double(gbm.steps) * std::pow(double(gbm.sigma) * std::sqrt(double(dt)), 6)
                    : 0.0;
            const double tolerance_fd = (1e-7 + reversal) * std::abs(double(host_grad_p[0]));
            auto loss = [&](double mu, double sigma) {
                gbm_ensemble<Value> perturbed = gbm;
                perturbed.mu = mu;
                perturbed.sigma = sigma;
                auto sde = perturbed.device_sde();
                decltype(device_stepper) stepper;
                device_vector<Value> y(gbm.n, gbm.x0);
                solve(stepper, sde, y, gbm.steps, dt);
                return thrust::reduce(y.begin(), y.end());
            };
            const double e = 1e-6;
            const double fd_mu =
                (loss(gbm.mu + e, gbm.sigma) - loss(gbm.mu - e, gbm.sigma)) / (2 * e);
            const double fd_sigma =
                (loss(gbm.mu, gbm.sigma + e) - loss(gbm.mu, gbm.sigma - e)) / (2 * e);
            INFO("finite differences: dL/dmu " << fd_mu << ", dL/dsigma " << fd_sigma
                                                 << ", tolerance " << tolerance_fd);
            CHECK(std::abs(grad_p[0] - fd_mu) < tolerance_fd);
            CHECK(std::abs(grad_p[1] - fd_sigma) < tolerance_fd);
        }
    };
    SECTION("ees25")
    {
        check(ees25<device_vector<Value>, Value>(), ees25<host_vector<Value>, Value>());
    }
    SECTION("reversible_heun")
    {
        check(reversible_heun<device_vector<Value>, Value>(),
              reversible_heun<host_vector<Value>, Value>());
    }
}

TEST_CASE("the device SDE adaptor sums the parameter cotangents of float states in double",
          "[thrust][gradient][sde]")
{
    // 2^22 elements whose terms F̄_i ∂f/∂mu = 0.25 y_i and Ḡ_i ∂g/∂sigma = 0.5 y_i are
    // multiples of 1/16 (y_i = 1 + (i mod 13)/4, exact in float): their sum, ~2.6e6 and
    // ~5.2e6, is exact in double, while a float sum rounds to multiples of 0.25 and 0.5 long
    // before it gets there (a float reduction is off by ~10^-4 relative here).
    using Value = float;
    const std::size_t n = std::size_t(1) << 22;
    const gbm_ensemble<Value> gbm{Value(0.1), Value(0.4), Value(1), Value(1), 4, n, 7};
    const auto sde = gbm.device_sde();
    host_vector<Value> y(n);
    double exact_mu = 0, exact_sigma = 0;
    for (std::size_t i = 0; i < n; ++i)
    {
        y[i] = Value(1) + Value(i % 13) / Value(4);
        exact_mu += 0.25 * double(y[i]);
        exact_sigma += 0.5 * double(y[i]);
    }
    const device_vector<Value> device_y(y.begin(), y.end());
    auto G = sde.make_field(device_y);
    thrust::fill(G.drift.begin(), G.drift.end(), Value(0.25));
    thrust::fill(G.diffusion.begin(), G.diffusion.end(), Value(0.5));
    device_vector<Value> adj_y(n, Value(0));
    std::vector<double> adj_p(2, 0.0);
    sde.vjp(device_y, Value(0), G, adj_y, adj_p);
    INFO("dL/dmu " << adj_p[0] << " (exact " << exact_mu << "), dL/dsigma " << adj_p[1]
                   << " (exact " << exact_sigma << ")");
    CHECK(adj_p[0] == exact_mu);
    CHECK(adj_p[1] == exact_sigma);
}
