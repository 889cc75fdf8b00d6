// The EES steppers are odeint steppers: every integrate function and range, with and without
// observers, on every state type, gives exactly the numbers of do_step called by hand.
// dt = 1/16 and observation times on the grid keep all times exact binary fractions, so
// "the same numbers" means bitwise equal.
// odeint 1.74's end iterators (const_step_iterator_impl, n_step_iterator_impl) leave their
// time and state members uninitialised and are copied by the range adaptors; GCC 12 at -O3
// reports that copy as -Wmaybe-uninitialized, inside odeint's headers, for whichever
// stepper it inlines deeply enough. The values are never read (the end iterator only
// answers m_at_end).
#if defined(__GNUC__) && !defined(__clang__)
#pragma GCC diagnostic ignored "-Wmaybe-uninitialized"
#endif
#include <boost/numeric/odeint.hpp>
#include <boost/numeric/odeint/ees.hpp>
#include <boost/numeric/odeint/iterator/n_step_iterator.hpp>
#include <boost/numeric/odeint/iterator/times_iterator.hpp>

#include <boost/array.hpp>
#include <boost/range/algorithm/for_each.hpp>

#include <array>
#include <cmath>
#include <vector>

#include <catch2/catch.hpp>

using namespace boost::numeric::odeint;

namespace {

constexpr double t_start = 0.0;
constexpr double t_end = 1.0;
constexpr double dt = 1.0 / 16.0;
constexpr int steps = 16;

// A forced pendulum, so that a wrong stage time changes the answer.
struct forced_pendulum
{
    template <class State, class Deriv>
    void operator()(const State& y, Deriv& dydt, double t) const
    {
        dydt[0] = y[1];
        dydt[1] = -std::sin(y[0]) + 0.5 * std::cos(3.0 * t);
    }
};

// A user-defined vector-space state, stepped through vector_space_algebra.
struct point
{
    double q = 0, p = 0;
    friend point operator+(const point& a, const point& b) { return {a.q + b.q, a.p + b.p}; }
    friend point operator*(double s, const point& a) { return {s * a.q, s * a.p}; }
    point& operator+=(const point& a) { q += a.q; p += a.p; return *this; }
    point& operator*=(double s) { q *= s; p *= s; return *this; }
};

struct forced_pendulum_on_points
{
    void operator()(const point& y, point& dydt, double t) const
    {
        dydt.q = y.p;
        dydt.p = -std::sin(y.q) + 0.5 * std::cos(3.0 * t);
    }
};

template <class State>
State initial_state()
{
    State x;
    if constexpr (std::is_same<State, std::vector<double>>::value)
        x.resize(2);
    x[0] = 1.0;
    x[1] = 0.25;
    return x;
}

// The reference: do_step called by hand, with the same times odeint uses.
template <class Stepper, class State>
State stepped_by_hand(int n)
{
    Stepper stepper;
    State x = initial_state<State>();
    for (int i = 0; i < n; ++i)
        stepper.do_step(forced_pendulum(), x, t_start + i * dt, dt);
    return x;
}

template <class State>
void require_same(const State& a, const State& b)
{
    REQUIRE(a[0] == b[0]);
    REQUIRE(a[1] == b[1]);
}

struct counting_observer
{
    int* calls;
    template <class State>
    void operator()(const State&, double) const { ++*calls; }
};

template <class Stepper, class State>
void check_integrate_functions()
{
    const State reference = stepped_by_hand<Stepper, State>(steps);
    const forced_pendulum system;

    SECTION("integrate_const")
    {
        State x = initial_state<State>();
        const auto n = integrate_const(Stepper(), system, x, t_start, t_end, dt);
        CHECK(n == steps);
        require_same(x, reference);
    }
    SECTION("integrate_const with an observer")
    {
        State x = initial_state<State>();
        int calls = 0;
        integrate_const(Stepper(), system, x, t_start, t_end, dt, counting_observer{&calls});
        CHECK(calls == steps + 1);
        require_same(x, reference);
    }
    SECTION("integrate_n_steps, with and without an observer")
    {
        State x = initial_state<State>();
        integrate_n_steps(Stepper(), system, x, t_start, dt, steps);
        require_same(x, reference);
        State y = initial_state<State>();
        int calls = 0;
        integrate_n_steps(Stepper(), system, y, t_start, dt, steps, counting_observer{&calls});
        CHECK(calls == steps + 1);
        require_same(y, reference);
    }
    SECTION("integrate_adaptive with a plain stepper takes fixed steps")
    {
        State x = initial_state<State>();
        const auto n = integrate_adaptive(Stepper(), system, x, t_start, t_end, dt);
        CHECK(n == steps);
        require_same(x, reference);
        State y = initial_state<State>();
        int calls = 0;
        integrate_adaptive(Stepper(), system, y, t_start, t_end, dt, counting_observer{&calls});
        CHECK(calls == steps + 1);
        require_same(y, reference);
    }
    SECTION("integrate_times")
    {
        const std::vector<double> times{0.0, 0.25, 0.5, 1.0};
        State x = initial_state<State>();
        std::vector<double> observed;
        integrate_times(Stepper(), system, x, times.begin(), times.end(), dt,
                        [&](const State&, double t) { observed.push_back(t); });
        CHECK(observed == times);
        require_same(x, reference);
    }
    SECTION("make_const_step_range")
    {
        State x = initial_state<State>();
        int visited = 0;
        boost::for_each(make_const_step_range(Stepper(), system, x, t_start, t_end, dt),
                        [&](const State&) { ++visited; });
        CHECK(visited == steps + 1);
        require_same(x, reference);
    }
    SECTION("make_n_step_range")
    {
        State x = initial_state<State>();
        int visited = 0;
        boost::for_each(make_n_step_range(Stepper(), system, x, t_start, dt, steps),
                        [&](const State&) { ++visited; });
        CHECK(visited == steps + 1);
        require_same(x, reference);
    }
    SECTION("make_times_range")
    {
        const std::vector<double> times{0.0, 0.25, 0.5, 1.0};
        State x = initial_state<State>();
        int visited = 0;
        boost::for_each(make_times_range(Stepper(), system, x, times.begin(), times.end(), dt),
                        [&](const State&) { ++visited; });
        CHECK(visited == 4);
        require_same(x, reference);
    }
}

template <class Stepper, class State>
void check_do_step_forms()
{
    const forced_pendulum system;
    const State reference = stepped_by_hand<Stepper, State>(1);
    const State x0 = initial_state<State>();
    State dxdt = x0;
    system(x0, dxdt, t_start);

    Stepper stepper;
    State in_place = x0;
    stepper.do_step(system, in_place, t_start, dt);
    require_same(in_place, reference);

    // odeint's first-same-as-last form: dxdt advances with x, to f(x(t + dt), t + dt).
    State with_derivative = x0;
    State advancing = dxdt;
    stepper.do_step(system, with_derivative, advancing, t_start, dt);
    require_same(with_derivative, reference);
    State next_derivative = x0;
    system(with_derivative, next_derivative, t_start + dt);
    require_same(advancing, next_derivative);

    State out = x0;
    stepper.do_step(system, x0, t_start, out, dt);
    require_same(out, reference);

    State out_with_derivative = x0;
    stepper.do_step(system, x0, dxdt, t_start, out_with_derivative, dt);
    require_same(out_with_derivative, reference);

    State back = x0;
    stepper.inverse_do_step(system, out, t_start, back, dt);
    stepper.inverse_do_step(system, out_with_derivative, t_start, dt);
    require_same(back, out_with_derivative);
    CHECK(std::abs(back[0] - x0[0]) < 1e-9);  // one step of 1/16 undoes to O(h^6)
}

} // namespace

TEMPLATE_TEST_CASE("EES steppers work with every odeint integrate function and range", "",
                   ees25<std::vector<double>>, ees27<std::vector<double>>)
{
    check_integrate_functions<TestType, std::vector<double>>();
}

TEMPLATE_TEST_CASE("EES steppers step std::array and boost::array states", "",
                   (ees25<std::array<double, 2>>), (ees27<boost::array<double, 2>>))
{
    check_integrate_functions<TestType, typename TestType::state_type>();
}

TEMPLATE_TEST_CASE("The four do_step forms and both inverse_do_step forms agree", "",
                   ees25<std::vector<double>>, ees27<std::vector<double>>,
                   (ees25<std::array<double, 2>>))
{
    check_do_step_forms<TestType, typename TestType::state_type>();
}

TEST_CASE("EES steppers step a user-defined vector-space type through vector_space_algebra")
{
    using point_stepper = ees25<point, double, point, double, vector_space_algebra>;
    using array_stepper = ees25<std::array<double, 2>>;
    const auto reference = stepped_by_hand<array_stepper, std::array<double, 2>>(steps);

    point x{1.0, 0.25};
    integrate_const(point_stepper(), forced_pendulum_on_points(), x, t_start, t_end, dt);
    // The same arithmetic in a different association: agreement to rounding, not bitwise.
    CHECK(x.q == Approx(reference[0]).epsilon(1e-14));
    CHECK(x.p == Approx(reference[1]).epsilon(1e-14));

    using point_stepper27 = ees27<point, double, point, double, vector_space_algebra>;
    point y{1.0, 0.25};
    point_stepper27 stepper27;
    for (int i = 0; i < steps; ++i)
        stepper27.do_step(forced_pendulum_on_points(), y, t_start + i * dt, dt);
    for (int i = steps - 1; i >= 0; --i)
        stepper27.inverse_do_step(forced_pendulum_on_points(), y, t_start + i * dt, dt);
    CHECK(std::abs(y.q - 1.0) < 1e-10);
    CHECK(std::abs(y.p - 0.25) < 1e-10);
}

// odeint's error steppers disable the out-of-place do_step(sys, in, t, out, dt) when the state
// type is the time type (the two five-argument forms would be ambiguous), so a scalar's
// five-argument call is do_step(sys, x, t, dt, xerr); the EES error steppers do the same.
TEMPLATE_TEST_CASE("With a scalar state the five-argument do_step is odeint's error form", "",
                   ees25<double>, ees27<double>, runge_kutta_cash_karp54<double>)
{
    const auto constant = [](double, double& dxdt, double) { dxdt = 1.0; };
    TestType stepper;
    double x = 0.0, t = 0.0, step = 0.1, error = -1.0;
    stepper.do_step(constant, x, t, step, error);
    CHECK(x == Approx(0.1).epsilon(1e-15));
    CHECK(step == 0.1);                  // read as dt, not written as an output state
    CHECK(std::abs(error) < 1e-15);      // the embedded estimate is exact on a constant field
}
