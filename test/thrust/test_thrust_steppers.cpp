// The EES steppers and reversible_heun on thrust::device_vector through the Thrust compat glue
// (boost_ext/.../external/thrust_compat/thrust.hpp), run on Thrust's OMP or CPP backend: the
// glue's traits, the same numbers as on std::vector for an ensemble of logistic equations,
// inverse_do_step, integrate_const and make_controlled.
#include "thrust_test_support.hpp"

#include <boost/numeric/odeint/integrate/integrate_adaptive.hpp>
#include <boost/numeric/odeint/integrate/integrate_const.hpp>

#include <thrust/host_vector.h>
#include <thrust/system/cpp/vector.h>

#include <type_traits>

using namespace boost::numeric::odeint;
using namespace thrust_test;

namespace {

// mark = x > 0 ? 1 : 0, written element-wise as for range_algebra (not on a zipped tuple).
struct mark_positive
{
    template <class Mark, class Value>
    BOOST_NUMERIC_ODEINT_EES_HOST_DEVICE void operator()(Mark& mark, const Value& x) const
    {
        mark = x > Value(0) ? Mark(1) : Mark(0);
    }
};

template <class Value>
using ees25_explicit = ees25<device_vector<Value>, Value, device_vector<Value>, Value,
                             thrust_algebra, thrust_operations>;
template <class Value>
using ees27_explicit = ees27<device_vector<Value>, Value, device_vector<Value>, Value,
                             thrust_algebra, thrust_operations>;

constexpr std::size_t ensemble_size = 1000;
constexpr std::size_t step_count = 50;

// Runs `DeviceStepper` and `HostStepper` over the logistic ensemble and returns both results.
template <class DeviceStepper, class HostStepper, class Value>
std::pair<host_vector<Value>, host_vector<Value>>
device_and_host(const logistic_ensemble<Value>& ensemble, Value dt)
{
    DeviceStepper device_stepper;
    HostStepper host_stepper;
    auto device_system = ensemble.device();
    auto host_system = ensemble.host();
    device_vector<Value> x = ensemble.device_start();
    host_vector<Value> y = ensemble.x0;
    solve(device_stepper, device_system, x, step_count, dt);
    solve(host_stepper, host_system, y, step_count, dt);
    return {to_host(x), y};
}

// Checks a device result against the host result (equal to rounding) and returns its max
// error against the exact solution at T.
template <class Value>
Value device_error(const host_vector<Value>& device, const host_vector<Value>& host,
                   const logistic_ensemble<Value>& ensemble, Value T)
{
    const auto d = compare(device, host);
    INFO("max |device - host| = " << d.max_abs_difference << ", bitwise equal "
                                  << d.bitwise_equal << " of " << ensemble_size);
    CHECK(d.max_abs_difference <= rounding_tolerance(d.max_abs_value));
    Value error = 0;
    for (std::size_t i = 0; i < ensemble_size; ++i)
        error = std::max(error, std::abs(device[i] - ensemble.exact(i, T)));
    return error;
}

} // namespace

TEST_CASE("the thrust compat glue resizes, copies and measures every kind of thrust vector",
          "[thrust]")
{
    using device = thrust::device_vector<double>;
    using host = thrust::host_vector<double>;
    using backend = thrust::cpp::vector<double>;  // an alias of thrust::detail::vector_base
    static_assert(std::is_same<backend, thrust::detail::vector_base<
                                            double, thrust::cpp::allocator<double>>>::value,
                  "thrust::cpp::vector is vector_base (Thrust >= 1.17)");
    static_assert(is_resizeable<device>::value && is_resizeable<host>::value &&
                      is_resizeable<backend>::value,
                  "thrust vectors are resizeable");
    static_assert(std::is_same<algebra_dispatcher<device>::algebra_type,
                               thrust_compat_algebra>::value &&
                      std::is_same<algebra_dispatcher<backend>::algebra_type,
                                   thrust_compat_algebra>::value,
                  "thrust vectors dispatch to thrust_compat_algebra");
    static_assert(std::is_same<operations_dispatcher<host>::operations_type,
                               thrust_operations>::value,
                  "thrust vectors dispatch to thrust_operations");

    const host_vector<double> values{1.0, -7.5, 2.0, 3.25};
    device d(2);
    backend b;
    host h;
    resize(d, values);
    resize(b, d);
    resize(h, b);
    CHECK(d.size() == 4);
    CHECK(b.size() == 4);
    CHECK(h.size() == 4);
    CHECK(same_size(d, values));
    CHECK(same_size(b, d));
    CHECK_FALSE(same_size(d, host_vector<double>(3)));

    // std::vector -> device -> vector_base -> host -> std::vector, all through thrust::copy.
    copy(values, d);
    copy(d, b);
    copy(b, h);
    host_vector<double> back(4);
    copy(h, back);
    CHECK(back == values);

    // norm_inf is max |x_i| = 7.5; Boost's thrust_algebra returns the signed -7.5.
    CHECK(thrust_compat_algebra::norm_inf(d) == 7.5);
    CHECK(thrust_algebra::norm_inf(d) == -7.5);

    // Element-wise operations work through for_eachN (integrate_reversible uses one).
    device marks(4);
    thrust_compat_algebra::for_each2(marks, d, mark_positive());
    CHECK(to_host(marks) == host_vector<double>{1.0, 0.0, 1.0, 1.0});
}

TEMPLATE_TEST_CASE("ees25 and ees27 on device_vector give the std::vector numbers",
                   "[thrust][ees]", float, double)
{
    using Value = TestType;
    const logistic_ensemble<Value> ensemble(ensemble_size, Value(1.5));
    const Value dt = Value(0.04);
    const Value T = dt * static_cast<Value>(step_count);

    // ees25 on ees25: the device solve against the host solve, and both against the exact
    // solution (global error of an order-2 method, C h^2 with C < 1 here).
    auto check = [&](const std::pair<host_vector<Value>, host_vector<Value>>& result) {
        const Value error = device_error(result.first, result.second, ensemble, T);
        INFO("max error against the exact solution " << error);
        CHECK(error < Value(dt * dt));
        CHECK(error > Value(0));
    };

    SECTION("ees25 with thrust_algebra and thrust_operations named explicitly")
    {
        check(device_and_host<ees25_explicit<Value>, ees25<host_vector<Value>, Value>>(ensemble,
                                                                                       dt));
    }
    SECTION("ees25 with the dispatchers' defaults")
    {
        check(device_and_host<ees25<device_vector<Value>, Value>,
                              ees25<host_vector<Value>, Value>>(ensemble, dt));
    }
    SECTION("ees27 with thrust_algebra and thrust_operations named explicitly")
    {
        check(device_and_host<ees27_explicit<Value>, ees27<host_vector<Value>, Value>>(ensemble,
                                                                                       dt));
    }
    SECTION("ees27 with the dispatchers' defaults")
    {
        check(device_and_host<ees27<device_vector<Value>, Value>,
                              ees27<host_vector<Value>, Value>>(ensemble, dt));
    }
}

TEMPLATE_TEST_CASE("inverse_do_step on device_vector recovers the initial ensemble",
                   "[thrust][ees]", float, double)
{
    using Value = TestType;
    const logistic_ensemble<Value> ensemble(ensemble_size, Value(1.5));
    const Value dt = Value(0.04);
    auto system = ensemble.device();

    // Each EES(2,m) step is undone to O(h^{m+1}) (C h^{m+1} with C < 1 for this smooth
    // problem: ees25 h^6 = 4e-9, ees27 h^8 = 7e-12 per step; reversible_heun exactly), plus
    // rounding: 2 x 50 steps of a few ulps of values below 1. Without inverse_do_step the
    // state would be off by O(1).
    const Value rounding = Value(400) * std::numeric_limits<Value>::epsilon();
    auto check = [&](auto stepper, int reversal_power) {
        using std::pow;
        const Value reversal =
            reversal_power > 0
                ? static_cast<Value>(step_count) * pow(dt, static_cast<Value>(reversal_power))
                : Value(0);
        device_vector<Value> x = ensemble.device_start();
        solve(stepper, system, x, step_count, dt);
        const auto moved = compare(to_host(x), ensemble.x0);
        CHECK(moved.max_abs_difference > Value(0.1));
        solve_back(stepper, system, x, step_count, dt);
        const auto back = compare(to_host(x), ensemble.x0);
        INFO("max |x_back - x0| = " << back.max_abs_difference << ", bound "
                                    << rounding + reversal);
        CHECK(back.max_abs_difference <= rounding + reversal);
    };
    SECTION("ees25") { check(ees25<device_vector<Value>, Value>(), 6); }
    SECTION("ees27") { check(ees27<device_vector<Value>, Value>(), 8); }
    SECTION("reversible_heun") { check(reversible_heun<device_vector<Value>, Value>(), 0); }
}

TEMPLATE_TEST_CASE("integrate_const steps ees25 on device_vector like a do_step loop",
                   "[thrust][ees]", float, double)
{
    using Value = TestType;
    const logistic_ensemble<Value> ensemble(ensemble_size, Value(1.5));
    const Value dt = Value(0.04);
    const Value T = dt * static_cast<Value>(step_count);
    auto system = ensemble.device();

    device_vector<Value> x = ensemble.device_start();
    std::vector<Value> times, first_elements;
    const std::size_t steps = integrate_const(
        ees25<device_vector<Value>, Value>(), system, x, Value(0), T, dt,
        [&](const device_vector<Value>& state, Value t) {
            times.push_back(t);
            first_elements.push_back(state[0]);
        });

    device_vector<Value> y = ensemble.device_start();
    ees25<device_vector<Value>, Value> stepper;
    solve(stepper, system, y, step_count, dt);

    CHECK(steps == step_count);
    REQUIRE(times.size() == step_count + 1);
    CHECK(times.front() == Value(0));
    CHECK(times.back() == Approx(T));
    CHECK(first_elements.front() == ensemble.x0[0]);
    const auto d = compare(to_host(x), to_host(y));
    INFO("max |integrate_const - loop| = " << d.max_abs_difference);
    CHECK(d.bitwise_equal == ensemble_size);
    CHECK(first_elements.back() == to_host(y)[0]);
}

TEMPLATE_TEST_CASE("make_controlled steps ees25 on device_vector as on std::vector",
                   "[thrust][ees][adaptive]", float, double)
{
    // The controller's error norm is a max over the ensemble (norm_inf), so the device and
    // the host take the same steps and end at the same states up to rounding.
    using Value = TestType;
    const logistic_ensemble<Value> ensemble(ensemble_size, Value(1.5));
    const Value tol = std::is_same<Value, float>::value ? Value(1e-4) : Value(1e-6);
    const Value T = Value(2);
    auto device_system = ensemble.device();
    auto host_system = ensemble.host();
    device_vector<Value> x = ensemble.device_start();
    host_vector<Value> y = ensemble.x0;
    const std::size_t device_steps = integrate_adaptive(
        make_controlled(tol, tol, ees25<device_vector<Value>, Value>()), device_system, x,
        Value(0), T, Value(0.01));
    const std::size_t host_steps =
        integrate_adaptive(make_controlled(tol, tol, ees25<host_vector<Value>, Value>()),
                           host_system, y, Value(0), T, Value(0.01));
    CHECK(device_steps == host_steps);
    CHECK(device_steps > 20);
    INFO(device_steps << " steps");
    const Value error = device_error(to_host(x), y, ensemble, T);
    INFO("max error against the exact solution " << error);
    CHECK(error < 10 * tol);
}

TEMPLATE_TEST_CASE("reversible_heun on device_vector gives the std::vector numbers",
                   "[thrust][reversible_heun]", float, double)
{
    using Value = TestType;
    const logistic_ensemble<Value> ensemble(ensemble_size, Value(1.5));
    const Value dt = Value(0.04);
    const Value T = dt * static_cast<Value>(step_count);
    const auto result = device_and_host<reversible_heun<device_vector<Value>, Value>,
                                        reversible_heun<host_vector<Value>, Value>>(ensemble, dt);
    const Value error = device_error(result.first, result.second, ensemble, T);
    INFO("max error against the exact solution " << error);
    CHECK(error < Value(dt * dt));
}
