// Device-side noise and SDE stepping on thrust::device_vector (Thrust OMP or CPP backend):
// brownian_increment_functor / thrust_brownian_path against brownian_path on the host, the
// host-side grid checks, and an ensemble of Stratonovich GBM paths (one path per element)
// stepped by ees25, ees27 and reversible_heun: moments against the closed forms, every element
// against the same path stepped on the host, and reversal with inverse_do_step.
#include "thrust_test_support.hpp"

#include <thrust/fill.h>
#include <thrust/iterator/counting_iterator.h>

#include <cstdint>
#include <limits>
#include <stdexcept>

using namespace boost::numeric::odeint;
using namespace thrust_test;

namespace {

// Sample mean and variance of a device vector (accumulated in double), with the standard
// errors of both: se(mean) = s / sqrt(n), se(s^2) = sqrt((m4 - s^4) / n).
struct moments
{
    double mean, variance, mean_error, variance_error;
};

struct to_double
{
    template <class Value>
    BOOST_NUMERIC_ODEINT_EES_HOST_DEVICE double operator()(Value x) const
    {
        return static_cast<double>(x);
    }
};

struct central_power
{
    double mean;
    int power;
    template <class Value>
    BOOST_NUMERIC_ODEINT_EES_HOST_DEVICE double operator()(Value x) const
    {
        const double d = static_cast<double>(x) - mean;
        return power == 2 ? d * d : d * d * d * d;
    }
};

template <class Value>
moments sample_moments(const device_vector<Value>& x)
{
    const double n = static_cast<double>(x.size());
    const double mean =
        thrust::transform_reduce(x.begin(), x.end(), to_double(), 0.0, thrust::plus<double>()) / n;
    const double m2 = thrust::transform_reduce(x.begin(), x.end(), central_power{mean, 2}, 0.0,
                                               thrust::plus<double>());
    const double m4 = thrust::transform_reduce(x.begin(), x.end(), central_power{mean, 4}, 0.0,
                                               thrust::plus<double>()) / n;
    const double variance = m2 / (n - 1);
    return {mean, variance, std::sqrt(variance / n),
            std::sqrt((m4 - variance * variance) / n)};
}

// x_T of the ensemble on the device, `steps` do_steps from x0.
template <class Stepper, class Value>
device_vector<Value> device_gbm(const gbm_ensemble<Value>& gbm)
{
    Stepper stepper;
    auto sde = gbm.device_sde();
    device_vector<Value> x(gbm.n, gbm.x0);
    solve(stepper, sde, x, gbm.steps, gbm.dt());
    return x;
}

// Path i alone on the host (std::vector of size 1).
template <class Stepper, class Value>
Value host_gbm(const gbm_ensemble<Value>& gbm, std::size_t i)
{
    Stepper stepper;
    auto sde = gbm.host_sde(i);
    host_vector<Value> x{gbm.x0};
    solve(stepper, sde, x, gbm.steps, gbm.dt());
    return x[0];
}

// Ensemble members compared element by element with the host: the first 64 and 64 spread
// over the rest.
std::vector<std::size_t> sampled_members(std::size_t n)
{
    std::vector<std::size_t> members;
    for (std::size_t i = 0; i < std::min<std::size_t>(64, n); ++i)
        members.push_back(i);
    for (std::size_t i = 64; i < n; i += std::max<std::size_t>(1, n / 64))
        members.push_back(i);
    members.push_back(n - 1);
    return members;
}

} // namespace

TEMPLATE_TEST_CASE("thrust_brownian_path fills dW on the device with brownian_path's increments",
                   "[thrust][noise]", float, double)
{
    using Value = TestType;
    const std::size_t steps = 40;
    const Value T = Value(2);
    // m = 1, 3, 4, 7 components (not multiples of the 4 float / 2 double lanes of a Philox
    // block), 1 or 5 ensemble members starting at path index 11.
    for (std::size_t m : {1u, 3u, 4u, 7u})
        for (std::size_t n : {1u, 5u})
        {
            const brownian_path<Value> first(2024, Value(0), T, steps, m, 11);
            const thrust_brownian_path<Value> noise(first, n);
            REQUIRE(noise.dimension() == n * m);
            device_vector<Value> dW(noise.dimension());
            const Value h = first.dt();
            // one step, several steps, the whole path, the last step
            const std::vector<std::pair<std::size_t, std::size_t>> spans{
                {0, 1}, {3, 4}, {5, 17}, {0, steps}, {steps - 1, steps}};
            for (const auto& span : spans)
            {
                const Value s = static_cast<Value>(span.first) * h;
                const Value u = static_cast<Value>(span.second) * h;
                noise.increment(s, u, dW);
                const host_vector<Value> device_values = to_host(dW);
                noise.negated_increment(s, u, dW);
                const host_vector<Value> negated = to_host(dW);
                std::size_t equal = 0;
                for (std::size_t j = 0; j < n; ++j)
                {
                    host_vector<Value> host_values(m);
                    noise.member(j).increment(s, u, host_values);
                    for (std::size_t c = 0; c < m; ++c)
                    {
                        equal += matches_host(device_values[j * m + c], host_values[c]);
                        equal += matches_host(negated[j * m + c], -host_values[c]);
                    }
                }
                INFO("m = " << m << ", n = " << n << ", steps [" << span.first << ", "
                            << span.second << "): " << equal << " of " << 2 * n * m
                            << " values bitwise equal to the host's");
                CHECK(equal == 2 * n * m);
            }
            // Distinct members see distinct noise.
            if (n > 1)
            {
                noise.increment(Value(0), h, dW);
                const host_vector<Value> values = to_host(dW);
                CHECK(values[0] != values[m]);
            }
        }
}

TEMPLATE_TEST_CASE("brownian_increment_functor works in a user's own thrust::transform",
                   "[thrust][noise]", float, double)
{
    using Value = TestType;
    const brownian_path<Value> path(7, Value(0), Value(1), 16, 1, 0);
    const thrust_brownian_path<Value> noise(path, 1000);
    const brownian_increment_functor<Value> f = noise.increment_functor(Value(0), Value(1));
    CHECK(f.first_step == 0);
    CHECK(f.last_step == 16);
    device_vector<Value> W(1000);
    thrust::transform(thrust::counting_iterator<std::uint64_t>(0),
                      thrust::counting_iterator<std::uint64_t>(1000), W.begin(), f);
    const host_vector<Value> values = to_host(W);
    // W_1 of 1000 independent paths: sample variance 1 within 5 standard errors
    // (se = sqrt(2 / 999) for normal samples), each equal to its host path.
    double sum = 0, sum2 = 0;
    for (std::size_t i = 0; i < values.size(); ++i)
    {
        sum += values[i];
        sum2 += double(values[i]) * values[i];
        REQUIRE(matches_host(values[i], noise.member(i).increment(Value(0), Value(1))));
    }
    const double mean = sum / 1000, variance = (sum2 - 1000 * mean * mean) / 999;
    INFO("mean " << mean << ", variance " << variance);
    CHECK(std::abs(mean) < 5 * std::sqrt(1.0 / 1000));
    CHECK(std::abs(variance - 1) < 5 * std::sqrt(2.0 / 999));
}

TEST_CASE("thrust_brownian_path rejects times off the grid or outside [t0, t1] before launching",
          "[thrust][noise]")
{
    const brownian_path<double> path(1, 0.0, 1.0, 10, 2, 0);
    const thrust_brownian_path<double> noise(path, 3);
    device_vector<double> dW(6, 42.0);
    auto untouched = [&] { CHECK(to_host(dW) == host_vector<double>(6, 42.0)); };

    require_throw_mentioning<std::invalid_argument>([&] { noise.increment(0.05, 0.2, dW); },
                                                    "s = 0.05");  // half a step off
    untouched();
    require_throw_mentioning<std::invalid_argument>([&] { noise.increment(0.1, 0.23, dW); },
                                                    "not a grid time");
    untouched();
    require_throw_mentioning<std::out_of_range>([&] { noise.increment(0.9, 1.1, dW); },
                                                "outside [t0, t1]");
    untouched();
    require_throw_mentioning<std::out_of_range>([&] { noise.negated_increment(-0.1, 0.1, dW); },
                                                "outside [t0, t1]");
    untouched();
    require_throw_mentioning<std::invalid_argument>([&] { noise.increment(0.3, 0.2, dW); },
                                                    "needs s < u");
    untouched();
    require_throw_mentioning<std::invalid_argument>(
        [&] { noise.increment(std::numeric_limits<double>::quiet_NaN(), 0.2, dW); },
        "not finite");
    untouched();
    device_vector<double> wrong(5, 42.0);
    require_throw_mentioning<std::invalid_argument>([&] { noise.increment(0.0, 0.1, wrong); },
                                                    "dW has size 5");
    CHECK(to_host(wrong) == host_vector<double>(5, 42.0));
    require_throw_mentioning<std::out_of_range>([&] { noise.member(3); }, "member(j)");
    require_throw_mentioning<std::invalid_argument>(
        [&] { thrust_brownian_path<double>(path, 0); }, "paths = 0");

    // A stepper's step off the grid throws before the step changes the state.
    auto sde = make_thrust_stratonovich_sde(gbm_drift<double>{0.1}, gbm_diffusion<double>{0.2},
                                            thrust_brownian_path<double>(
                                                brownian_path<double>(1, 0.0, 1.0, 10, 1, 0), 4));
    device_vector<double> x(4, 1.0);
    ees25<device_vector<double>> stepper;
    require_throw_mentioning<std::invalid_argument>([&] { stepper.do_step(sde, x, 0.0, 0.15); },
                                                    "not a grid time");
    require_throw_mentioning<std::out_of_range>([&] { stepper.do_step(sde, x, 0.9, 0.2); },
                                                "outside [t0, t1]");
    CHECK(to_host(x) == host_vector<double>(4, 1.0));
    device_vector<double> wrong_state(3, 1.0);
    require_throw_mentioning<std::invalid_argument>(
        [&] { stepper.do_step(sde, wrong_state, 0.0, 0.1); }, "the state has size 3");
}

TEST_CASE("control_increment negates the device increment for a backward step",
          "[thrust][sde]")
{
    const auto sde = make_thrust_stratonovich_sde(
        gbm_drift<double>{0.1}, gbm_diffusion<double>{0.2},
        thrust_brownian_path<double>(brownian_path<double>(5, 0.0, 1.0, 8, 1, 0), 16));
    auto dW = sde.make_increment();
    detail::no_control_cursor cursor;
    control_increment(sde.control(), 0.25, 0.375, dW, cursor);
    const host_vector<double> forward = to_host(dW);
    control_increment(sde.control(), 0.375, 0.25, dW, cursor);
    const host_vector<double> backward = to_host(dW);
    for (std::size_t i = 0; i < forward.size(); ++i)
    {
        CHECK(forward[i] != 0.0);
        CHECK(backward[i] == -forward[i]);
    }
}

TEMPLATE_TEST_CASE("ees25 steps 10^5 GBM paths on device_vector with the closed-form moments "
                   "and each element on its own host path",
                   "[thrust][sde]", float, double)
{
    using Value = TestType;
    // Stratonovich GBM dX = mu X dt + sigma X ∘ dW, X_0 = 1:
    //   E X_T = exp((mu + sigma^2/2) T),  Var X_T = exp((2 mu + sigma^2) T)(exp(sigma^2 T) − 1).
    const gbm_ensemble<Value> gbm{Value(0.1), Value(0.4), Value(1), Value(1), 64, 100000, 2025};
    const device_vector<Value> x = device_gbm<ees25<device_vector<Value>, Value>>(gbm);

    const double mu = gbm.mu, sigma = gbm.sigma, T = gbm.T;
    const double mean = std::exp((mu + sigma * sigma / 2) * T);
    const double variance =
        std::exp((2 * mu + sigma * sigma) * T) * (std::exp(sigma * sigma * T) - 1);
    const moments sample = sample_moments(x);
    INFO("sample mean " << sample.mean << " (exact " << mean << ", se " << sample.mean_error
                        << "), sample variance " << sample.variance << " (exact " << variance
                        << ", se " << sample.variance_error << ")");
    // The discretisation bias is O(h^2) ~ 1e-4 here, well inside 5 standard errors (~2e-3).
    CHECK(std::abs(sample.mean - mean) < 5 * sample.mean_error);
    CHECK(std::abs(sample.variance - variance) < 5 * sample.variance_error);

    // Every element against the exact solution on its own path, X0 exp(mu T + sigma W_T).
    // One step maps X to R(z) X with z = mu h + sigma dW and R(z) = 1 + z + z^2/2 + z^3/8
    // (the stability polynomial of ees25, ees25.hpp) instead of exp(z): a relative error
    // ~ z^3 / 24 per step, dominated by (sigma dW)^3 / 24, with mean 0 and variance
    // 15 (sigma^2 h)^3 / 24^2. Summed over N steps it is nearly normal, so the mean relative
    // error is sqrt(2/pi) sqrt(15 N) (sigma sqrt(h))^3 / 24 = 1.29e-4 here. A wrong stage or
    // coefficient changes the leading term; noise shared between elements, or not the
    // element's own path, makes the error O(1).
    device_vector<Value> W(gbm.n);
    gbm.noise().increment(Value(0), gbm.T, W);
    const host_vector<Value> xs = to_host(x), Ws = to_host(W);
    double mean_relative_error = 0;
    for (std::size_t i = 0; i < gbm.n; ++i)
    {
        const double exact = double(gbm.x0) * std::exp(mu * T + sigma * double(Ws[i]));
        mean_relative_error += std::abs(double(xs[i]) - exact) / exact / double(gbm.n);
    }
    const double h = T / double(gbm.steps);
    const double predicted = std::sqrt(2 / 3.141592653589793) * std::sqrt(15.0 * gbm.steps) *
                             std::pow(sigma * std::sqrt(h), 3) / 24;
    INFO("mean relative pathwise error " << mean_relative_error << ", predicted " << predicted);
    CHECK(mean_relative_error > 0.8 * predicted);
    CHECK(mean_relative_error < 1.2 * predicted);

    // Each element equals path i stepped alone on the host (std::vector, brownian_path with
    // path index i): same noise, same operations in the same order.
    std::size_t bitwise = 0;
    Value max_difference = 0;
    const auto members = sampled_members(gbm.n);
    for (std::size_t i : members)
    {
        const Value host = host_gbm<ees25<host_vector<Value>, Value>>(gbm, i);
        bitwise += xs[i] == host;
        max_difference = std::max(max_difference, std::abs(xs[i] - host));
    }
    INFO(bitwise << " of " << members.size() << " sampled elements bitwise equal to the host's, "
                 << "max |device - host| = " << max_difference);
    CHECK(max_difference <= rounding_tolerance(Value(10)));
}

TEMPLATE_TEST_CASE("inverse_do_step replays the device noise backwards on a GBM ensemble",
                   "[thrust][sde]", float, double)
{
    using Value = TestType;
    const gbm_ensemble<Value> gbm{Value(0.1), Value(0.4), Value(1), Value(1), 64, 4096, 77};
    auto sde = gbm.device_sde();
    // EES(2,m) undoes a step of a driven system to O(|ΔX|^{m+1}) = O(h^{(m+1)/2}), over 64
    // steps ~ 64 (sigma sqrt(h))^6 ~ 4e-6 for ees25 and 64 (sigma sqrt(h))^8 ~ 2e-8 for
    // ees27 (test_sde_reversal.cpp measures the rates); reversible_heun to rounding.
    // Rounding: 128 steps of a few ulps of values up to ~ 5.
    const Value rounding = Value(128 * 4 * 5) * std::numeric_limits<Value>::epsilon();
    auto check = [&](auto stepper, double reversal, auto host_stepper) {
        device_vector<Value> x(gbm.n, gbm.x0);
        solve(stepper, sde, x, gbm.steps, gbm.dt());
        const host_vector<Value> forward = to_host(x);
        // the host, path 5 alone, forward and back with the same stepper type
        auto host_sde = gbm.host_sde(5);
        host_vector<Value> y{gbm.x0};
        solve(host_stepper, host_sde, y, gbm.steps, gbm.dt());
        CHECK(std::abs(forward[5] - y[0]) <= rounding_tolerance(Value(10)));
        solve_back(stepper, sde, x, gbm.steps, gbm.dt());
        solve_back(host_stepper, host_sde, y, gbm.steps, gbm.dt());
        const auto back = compare(to_host(x), host_vector<Value>(gbm.n, gbm.x0));
        const auto moved = compare(forward, host_vector<Value>(gbm.n, gbm.x0));
        INFO("max |x_back - x0| = " << back.max_abs_difference << " (bound "
                                    << rounding + reversal << "), max |x_T - x0| = "
                                    << moved.max_abs_difference);
        CHECK(moved.max_abs_difference > Value(0.5));
        CHECK(back.max_abs_difference <= rounding + Value(reversal));
        CHECK(std::abs(to_host(x)[5] - y[0]) <= rounding_tolerance(Value(10)));
    };
    SECTION("ees25")
    {
        check(ees25<device_vector<Value>, Value>(), 4e-5, ees25<host_vector<Value>, Value>());
    }
    SECTION("ees27")
    {
        check(ees27<device_vector<Value>, Value>(), 2e-7, ees27<host_vector<Value>, Value>());
    }
    SECTION("reversible_heun")
    {
        check(reversible_heun<device_vector<Value>, Value>(), 0.0,
              reversible_heun<host_vector<Value>, Value>());
    }
}
