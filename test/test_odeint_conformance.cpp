// What Boost.Odeint's own test programs ask of a stepper, asked of ees25, ees27 and
// reversible_heun (scripts/odeint-conformance.sh runs those programs themselves):
//   - a Boost.Units state with a Boost.Units time, through every do_step form, the
//     integrate functions (checked_integrate.hpp), make_controlled and make_dense_output;
//   - odeint's resizing contract: a state whose same_size always answers "no" and whose
//     resize only counts, under never_resizer, initially_resizer and always_resizer (the
//     counts of odeint's resizing program: none, once, every step);
//   - boost::array states.
#include <boost/numeric/odeint.hpp>
#include <boost/numeric/odeint/algebra/fusion_algebra.hpp>
#include <boost/numeric/odeint/algebra/fusion_algebra_dispatcher.hpp>
#include <boost/numeric/odeint/ees.hpp>
#include <boost/numeric/odeint/iterator/times_iterator.hpp>

#include <boost/array.hpp>
#include <boost/fusion/container.hpp>
#include <boost/range/algorithm/for_each.hpp>
#include <boost/units/systems/si/acceleration.hpp>
#include <boost/units/systems/si/frequency.hpp>
#include <boost/units/systems/si/length.hpp>
#include <boost/units/systems/si/time.hpp>
#include <boost/units/systems/si/velocity.hpp>

#include <array>
#include <cmath>
#include <cstddef>
#include <stdexcept>
#include <vector>

#include <catch2/catch.hpp>

using namespace boost::numeric::odeint;

// --- a Boost.Units state and time ----------------------------------------------------------

namespace {

namespace units = boost::units;
namespace si = boost::units::si;
namespace fusion = boost::fusion;

using time_quantity = units::quantity<si::time, double>;
using length_quantity = units::quantity<si::length, double>;
using velocity_quantity = units::quantity<si::velocity, double>;
using acceleration_quantity = units::quantity<si::acceleration, double>;
using unit_state = fusion::vector<length_quantity, velocity_quantity>;
using unit_deriv = fusion::vector<velocity_quantity, acceleration_quantity>;

// x'' = -ω² x with ω = 1/s: x(t) = cos(t / s) m from x = 1 m, v = 0.
struct unit_oscillator
{
    void operator()(const unit_state& x, unit_deriv& dxdt, time_quantity) const
    {
        const units::quantity<si::frequency, double> omega = 1.0 * si::hertz;
        fusion::at_c<0>(dxdt) = fusion::at_c<1>(x);
        fusion::at_c<1>(dxdt) = -omega * omega * fusion::at_c<0>(x);
    }
};

// The same equation in plain doubles: the unit run must give its numbers.
struct plain_oscillator
{
    void operator()(const std::array<double, 2>& x, std::array<double, 2>& dxdt, double) const
    {
        dxdt[0] = x[1];
        dxdt[1] = -x[0];
    }
};

template <template <class, class, class, class, class, class, class> class Stepper>
using unit_stepper_t = Stepper<unit_state, double, unit_deriv, time_quantity,
                               typename algebra_dispatcher<unit_state>::algebra_type,
                               typename operations_dispatcher<unit_state>::operations_type,
                               initially_resizer>;

template <template <class, class, class, class, class, class, class> class Stepper>
using plain_stepper_t = Stepper<std::array<double, 2>, double, std::array<double, 2>, double,
                                typename algebra_dispatcher<std::array<double, 2>>::algebra_type,
                                typename operations_dispatcher<std::array<double, 2>>::operations_type,
                                initially_resizer>;

unit_state unit_start() { return unit_state(1.0 * si::meter, 0.0 * si::meter_per_second); }

double metres(const unit_state& x) { return fusion::at_c<0>(x).value(); }
double metres_per_second(const unit_state& x) { return fusion::at_c<1>(x).value(); }

const time_quantity unit_dt = 0.0625 * si::second;  // 1/16 s: every time an exact binary fraction
constexpr int unit_steps = 16;

// The plain-double reference: unit_steps steps of 1/16 by hand.
template <template <class, class, class, class, class, class, class> class Stepper>
std::array<double, 2> plain_reference()
{
    plain_stepper_t<Stepper> stepper;
    std::array<double, 2> x{1.0, 0.0};
    for (int i = 0; i < unit_steps; ++i)
        stepper.do_step(plain_oscillator(), x, i * 0.0625, 0.0625);
    return x;
}

// The unit arithmetic is the plain arithmetic on the numbers behind the quantities.
void require_plain_numbers(const unit_state& x, const std::array<double, 2>& reference)
{
    REQUIRE(metres(x) == reference[0]);
    REQUIRE(metres_per_second(x) == reference[1]);
}

template <template <class, class, class, class, class, class, class> class Stepper>
void check_units()
{
    using stepper_type = unit_stepper_t<Stepper>;
    const auto reference = plain_reference<Stepper>();
    const time_quantity t0 = 0.0 * si::second, t1 = 1.0 * si::second;

    SECTION("do_step in place and out of place")
    {
        stepper_type stepper;
        unit_state x = unit_start();
        for (int i = 0; i < unit_steps; ++i)
            stepper.do_step(unit_oscillator(), x, static_cast<double>(i) * unit_dt, unit_dt);
        require_plain_numbers(x, reference);

        stepper_type other;
        unit_state a = unit_start(), b;
        for (int i = 0; i < unit_steps; i += 2)
        {
            other.do_step(unit_oscillator(), a, static_cast<double>(i) * unit_dt, b, unit_dt);
            other.do_step(unit_oscillator(), b, static_cast<double>(i + 1) * unit_dt, a,
                          unit_dt);
        }
        require_plain_numbers(a, reference);
    }
    SECTION("do_step with the derivative given")
    {
        stepper_type stepper;
        unit_state x = unit_start(), out;
        unit_deriv dxdt;
        unit_oscillator()(x, dxdt, t0);
        stepper.do_step(unit_oscillator(), x, dxdt, t0, out, unit_dt);
        stepper_type fresh;
        fresh.do_step(unit_oscillator(), x, t0, unit_dt);
        REQUIRE(metres(out) == metres(x));
        REQUIRE(metres_per_second(out) == metres_per_second(x));
    }
    SECTION("inverse_do_step undoes do_step")
    {
        stepper_type stepper;
        unit_state x = unit_start();
        stepper.do_step(unit_oscillator(), x, t0, unit_dt);
        stepper.inverse_do_step(unit_oscillator(), x, t0, unit_dt);
        // EES(2,5) undoes a step to O(h^6), reversible Heun to rounding: 1e-7 m at h = 1/16.
        CHECK(std::abs(metres(x) - 1.0) < 1e-7);
        CHECK(std::abs(metres_per_second(x)) < 1e-7);
    }
    // (odeint's integrate_times, and its integrate_adaptive for a plain stepper, cast a time
    // to its number or multiply it by a step count, and take no Boost.Units time for any
    // stepper, runge_kutta4 included; with make_controlled integrate_adaptive takes one.)
    SECTION("integrate_const and integrate_n_steps take the steps of do_step")
    {
        unit_state x = unit_start();
        CHECK(integrate_const(stepper_type(), unit_oscillator(), x, t0, t1, unit_dt) ==
              static_cast<std::size_t>(unit_steps));
        require_plain_numbers(x, reference);

        unit_state y = unit_start();
        int observed = 0;
        integrate_n_steps(stepper_type(), unit_oscillator(), y, t0, unit_dt, unit_steps,
                          [&](const unit_state&, time_quantity) { ++observed; });
        CHECK(observed == unit_steps + 1);
        require_plain_numbers(y, reference);
    }
    SECTION("a non-finite time is rejected with its value")
    {
        unit_state x = unit_start();
        const time_quantity infinite = HUGE_VAL * si::second;
        CHECK_THROWS_WITH(integrate_const(stepper_type(), unit_oscillator(), x, t0, infinite,
                                          unit_dt),
                          Catch::Contains("t1 = inf"));
    }
}

template <template <class, class, class, class, class, class, class> class Stepper>
void check_units_with_error_control()
{
    using stepper_type = unit_stepper_t<Stepper>;
    const time_quantity t0 = 0.0 * si::second, t1 = 1.0 * si::second;
    // Second order, error order 1, tolerance 1e-8 per step: the global error stays below
    // about 1e-5 over one radian.
    const double tolerance = 1e-5;

    SECTION("make_controlled through integrate_adaptive")
    {
        unit_state x = unit_start();
        integrate_adaptive(make_controlled(1e-8, 1e-8, stepper_type()), unit_oscillator(), x,
                           t0, t1, unit_dt);
        CHECK(std::abs(metres(x) - std::cos(1.0)) < tolerance);
        CHECK(std::abs(metres_per_second(x) + std::sin(1.0)) < tolerance);
    }
    SECTION("make_dense_output through integrate_const and calc_state")
    {
        // (odeint's integrate_times for dense output casts the times to their number and so
        // takes no Boost.Units time, whatever the stepper; integrate_const does.)
        std::vector<double> positions, seconds;
        unit_state x = unit_start();
        integrate_const(make_dense_output(1e-8, 1e-8, stepper_type()), unit_oscillator(), x, t0,
                        t1, 0.25 * si::second, [&](const unit_state& y, time_quantity t) {
                            positions.push_back(metres(y));
                            seconds.push_back(t.value());
                        });
        REQUIRE(positions.size() == 5);
        for (std::size_t i = 0; i < positions.size(); ++i)
            CHECK(std::abs(positions[i] - std::cos(seconds[i])) < tolerance);

        auto dense = make_dense_output(1e-8, 1e-8, stepper_type());
        dense.initialize(unit_start(), t0, unit_dt);
        dense.do_step(unit_oscillator());
        unit_state middle;
        const time_quantity half = 0.5 * (dense.previous_time() + dense.current_time());
        dense.calc_state(half, middle);
        CHECK(std::abs(metres(middle) - std::cos(half.value())) < tolerance);
    }
}

template <class S, class V, class D, class T, class A, class O, class R>
using ees25_t = ees25<S, V, D, T, A, O, R>;
template <class S, class V, class D, class T, class A, class O, class R>
using ees27_t = ees27<S, V, D, T, A, O, R>;
template <class S, class V, class D, class T, class A, class O, class R>
using reversible_heun_t = reversible_heun<S, V, D, T, A, O, R>;

} // namespace

TEST_CASE("ees25 steps a Boost.Units state with a Boost.Units time")
{
    check_units<ees25_t>();
    check_units_with_error_control<ees25_t>();
}

TEST_CASE("ees27 steps a Boost.Units state with a Boost.Units time")
{
    check_units<ees27_t>();
    check_units_with_error_control<ees27_t>();
}

TEST_CASE("reversible_heun steps a Boost.Units state with a Boost.Units time")
{
    check_units<reversible_heun_t>();
}

// --- odeint's resizing contract ---------------------------------------------------------------

namespace {

std::size_t resize_count = 0;

// odeint's resizing test state (libs/numeric/odeint/test/resizing_test_state_type.hpp): a
// fixed-size array that claims to be resizeable, whose same_size always answers "no" and
// whose resize only counts. A stepper resizes as its resizer says, and nothing else may ask.
struct counted_resize_state : std::array<double, 2>
{
};

} // namespace

namespace boost {
namespace numeric {
namespace odeint {

// (is_resizeable<std::vector<double>>::type: boost::true_type before Boost 1.86, std::true_type
// after, which util/resizer.hpp dispatches on.)
template <>
struct is_resizeable<counted_resize_state>
{
    using type = is_resizeable<std::vector<double>>::type;
    static const bool value = type::value;
};

template <>
struct same_size_impl<counted_resize_state, counted_resize_state>
{
    static bool same_size(const counted_resize_state&, const counted_resize_state&)
    {
        return false;
    }
};

template <>
struct resize_impl<counted_resize_state, counted_resize_state>
{
    static void resize(counted_resize_state&, const counted_resize_state&) { ++resize_count; }
};

} // namespace odeint
} // namespace numeric
} // namespace boost

namespace {

template <class Resizer>
std::size_t steps_per_resize();  // how many of three steps resize

template <>
std::size_t steps_per_resize<never_resizer>() { return 0; }
template <>
std::size_t steps_per_resize<initially_resizer>() { return 1; }
template <>
std::size_t steps_per_resize<always_resizer>() { return 3; }

template <template <class, class, class, class, class, class, class> class Stepper,
          class Resizer>
void check_resizing(std::size_t buffers)
{
    using stepper_type = Stepper<counted_resize_state, double, counted_resize_state, double,
                                 range_algebra, default_operations, Resizer>;
    const auto constant = [](const counted_resize_state&, counted_resize_state& dxdt, double) {
        dxdt[0] = 1.0;
        dxdt[1] = 0.0;
    };
    resize_count = 0;
    stepper_type stepper;
    counted_resize_state x{};
    stepper.do_step(constant, x, 0.0, 0.1);
    stepper.do_step(constant, x, 0.0, 0.1);
    stepper.do_step(constant, x, 0.0, 0.1);
    CHECK(resize_count == buffers * steps_per_resize<Resizer>());
    CHECK(x[0] == Approx(0.3).epsilon(1e-15));
}

template <template <class, class, class, class, class, class, class> class Stepper>
void check_resizers(std::size_t buffers)
{
    SECTION("never_resizer") { check_resizing<Stepper, never_resizer>(buffers); }
    SECTION("initially_resizer") { check_resizing<Stepper, initially_resizer>(buffers); }
    SECTION("always_resizer") { check_resizing<Stepper, always_resizer>(buffers); }
}

} // namespace

// The buffers: ees25 3 stage derivatives and 2 stage states, ees27 4 and 3, reversible_heun
// ŷ, ŷ_{n+1}, F(ŷ_n), F(ŷ_{n+1}).
TEST_CASE("ees25 resizes its 5 buffers as odeint's resizers say, and asks nothing else")
{
    check_resizers<ees25_t>(5);
}

TEST_CASE("ees27 resizes its 7 buffers as odeint's resizers say, and asks nothing else")
{
    check_resizers<ees27_t>(7);
}

TEST_CASE("reversible_heun resizes its 4 ODE buffers as odeint's resizers say")
{
    check_resizers<reversible_heun_t>(4);
}

TEST_CASE("A system that resizes its derivative is rejected with both sizes")
{
    const auto longer = [](const std::vector<double>&, std::vector<double>& f, double) {
        f.assign(3, 0.0);
    };
    std::vector<double> x{1.0, 0.0};
    CHECK_THROWS_WITH(ees25<std::vector<double>>().do_step(longer, x, 0.0, 0.1),
                      Catch::Contains("ees25: the system resized the derivative it was given "
                                      "from size 2 to size 3"));
    // A never_resizer stepper whose buffers the user did not size: the message says so.
    using manual = ees27<std::vector<double>, double, std::vector<double>, double,
                         range_algebra, default_operations, never_resizer>;
    const auto fitting = [](const std::vector<double>& y, std::vector<double>& f, double) {
        f.assign(y.size(), 0.0);
    };
    CHECK_THROWS_WITH(manual().do_step(fitting, x, 0.0, 0.1),
                      Catch::Contains("from size 0 to size 2") &&
                          Catch::Contains("call adjust_size(x) before stepping"));
    manual sized;
    sized.adjust_size(x);
    CHECK_NOTHROW(sized.do_step(fitting, x, 0.0, 0.1));
}

// --- boost::array states -----------------------------------------------------------------------

namespace {

struct harmonic
{
    template <class State>
    void operator()(const State& x, State& dxdt, double) const
    {
        dxdt[0] = x[1];
        dxdt[1] = -x[0];
    }
};

} // namespace

template <template <class, class, class, class, class, class, class> class Stepper>
void check_boost_array()
{
    using boost_state = boost::array<double, 2>;
    using std_state = std::array<double, 2>;
    using boost_stepper = Stepper<boost_state, double, boost_state, double,
                                  typename algebra_dispatcher<boost_state>::algebra_type,
                                  typename operations_dispatcher<boost_state>::operations_type,
                                  initially_resizer>;
    using std_stepper = plain_stepper_t<Stepper>;
    const double dt = 0.0625;

    std_state reference{{1.0, 0.0}};
    std_stepper by_hand;
    for (int i = 0; i < 16; ++i)
        by_hand.do_step(harmonic(), reference, i * dt, dt);

    SECTION("do_step in place and out of place")
    {
        boost_stepper stepper;
        boost_state x{{1.0, 0.0}}, y;
        for (int i = 0; i < 16; i += 2)
        {
            stepper.do_step(harmonic(), x, i * dt, y, dt);
            stepper.do_step(harmonic(), y, (i + 1) * dt, x, dt);
        }
        CHECK(x[0] == reference[0]);
        CHECK(x[1] == reference[1]);
        stepper.inverse_do_step(harmonic(), x, 15 * dt, dt);
        boost_state z{{1.0, 0.0}};
        boost_stepper fresh;
        for (int i = 0; i < 15; ++i)
            fresh.do_step(harmonic(), z, i * dt, dt);
        CHECK(std::abs(x[0] - z[0]) < 1e-8);  // a step of 1/16 undone to O(h^6) ~ 6e-8 or better
    }
    SECTION("integrate_const and make_times_range")
    {
        boost_state x{{1.0, 0.0}};
        integrate_const(boost_stepper(), harmonic(), x, 0.0, 1.0, dt);
        CHECK(x[0] == reference[0]);
        CHECK(x[1] == reference[1]);

        const std::vector<double> times{0.0, 0.5, 1.0};
        boost_state y{{1.0, 0.0}};
        int visited = 0;
        boost::for_each(
            make_times_range(boost_stepper(), harmonic(), y, times.begin(), times.end(), dt),
            [&](const boost_state&) { ++visited; });
        CHECK(visited == 3);
        CHECK(y[0] == reference[0]);
        CHECK(y[1] == reference[1]);
    }
}

TEST_CASE("ees25 steps a boost::array state as it steps a std::array")
{
    check_boost_array<ees25_t>();
}

TEST_CASE("ees27 steps a boost::array state as it steps a std::array")
{
    check_boost_array<ees27_t>();
}

TEST_CASE("reversible_heun steps a boost::array state as it steps a std::array")
{
    check_boost_array<reversible_heun_t>();
}
