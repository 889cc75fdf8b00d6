// integrate_n_steps with a dense-output stepper backwards in time (dt < 0). Boost.Odeint 1.74's
// own loop stops one internal step short of t0 + n dt when dt < 0 and leaves the state at
// t0 + (n-1) dt; boost_ext/boost/numeric/odeint/integrate/integrate_n_steps_dense_output.hpp
// (included by ees.hpp) replaces it for dense_output_runge_kutta. The problem is odeint's own
// test problem: a Lorenz-like system whose first component has dx/dt = 1, so x0(t) = 10 + t
// exactly for every Runge-Kutta method, while the other two components set the step sizes.
#include <boost/numeric/odeint.hpp>
#include <boost/numeric/odeint/ees.hpp>

#include <array>
#include <cstddef>
#include <vector>

#include <catch2/catch.hpp>

using namespace boost::numeric::odeint;

namespace {

using state = std::array<double, 3>;

void trivial_first_component(const state& x, state& dxdt, double /*t*/)
{
    dxdt[0] = 1.0;
    dxdt[1] = 28.0 * x[0] - x[1] - x[0] * x[2];
    dxdt[2] = -8.0 / 3.0 * x[2] + x[0] * x[1];
}

struct observations
{
    std::vector<double> times;
    std::vector<double> first_component;
};

// n = 200 steps of dt from t = 0; returns what the observer saw, the returned time and the
// final state.
template <class Dense>
void run(Dense dense, double dt, observations& seen, double& returned, state& x)
{
    x = {10.0, 10.0, 10.0};
    returned = integrate_n_steps(dense, trivial_first_component, x, 0.0, dt, 200,
                                 [&seen](const state& s, double t) {
                                     seen.times.push_back(t);
                                     seen.first_component.push_back(s[0]);
                                 });
}

template <class Dense>
void check_n_steps(Dense dense, double dt)
{
    observations seen;
    double returned = 0.0;
    state x{};
    run(dense, dt, seen, returned, x);
    const double end_time = 200 * dt;
    CHECK(returned == Approx(end_time).margin(1e-14));
    REQUIRE(seen.times.size() == 201);
    for (std::size_t k = 0; k < seen.times.size(); ++k)
    {
        CHECK(seen.times[k] == Approx(static_cast<double>(k) * dt).margin(1e-14));
        // x0 = 10 + t exactly; interpolation and rounding leave at most 1e-9.
        CHECK(seen.first_component[k] == Approx(10.0 + seen.times[k]).margin(1e-9));
    }
    // The state ends at x(t0 + n dt), as with odeint's other stepper kinds.
    CHECK(x[0] == Approx(10.0 + end_time).margin(1e-9));
}

} // namespace

TEST_CASE("integrate_n_steps with make_dense_output of ees25 reaches t = -2 backwards",
          "[dense_output]")
{
    // Odeint 1.74's loop stops at t = -1.9902 here (x0 off by 9.8e-3).
    check_n_steps(make_dense_output(1e-6, 1e-6, ees25<state>()), -0.01);
}

TEST_CASE("integrate_n_steps with make_dense_output of ees27 reaches t = -2 backwards",
          "[dense_output]")
{
    check_n_steps(make_dense_output(1e-6, 1e-6, ees27<state>()), -0.01);
}

TEST_CASE("integrate_n_steps with make_dense_output of dopri5 at tolerance 1e-10 reaches "
          "t = -2 backwards",
          "[dense_output]")
{
    // Odeint 1.74's loop stops 5.5e-3 short here.
    check_n_steps(make_dense_output(1e-10, 1e-10, runge_kutta_dopri5<state>()), -0.01);
}

TEST_CASE("integrate_n_steps with dense output forward observes t0 + k dt and ends at t0 + n dt",
          "[dense_output]")
{
    check_n_steps(make_dense_output(1e-6, 1e-6, ees25<state>()), 0.01);
    check_n_steps(make_dense_output(1e-10, 1e-10, runge_kutta_dopri5<state>()), 0.01);
}

TEST_CASE("integrate_n_steps with dense output counts steps with a max_step_checker",
          "[dense_output]")
{
    // A tolerance that needs far more than 3 internal steps between observations.
    state x{10.0, 10.0, 10.0};
    CHECK_THROWS_AS(integrate_n_steps(make_dense_output(1e-14, 1e-14, ees25<state>()),
                                      trivial_first_component, x, 0.0, -0.5, 4,
                                      null_observer(), max_step_checker(3)),
                    no_progress_error);
}

TEST_CASE("integrate_n_steps with dense output rejects a zero step", "[dense_output]")
{
    state x{10.0, 10.0, 10.0};
    CHECK_THROWS_WITH(integrate_n_steps(make_dense_output(1e-6, 1e-6, ees25<state>()),
                                        trivial_first_component, x, 0.0, 0.0, 4),
                      Catch::Contains("dt = 0"));
}
