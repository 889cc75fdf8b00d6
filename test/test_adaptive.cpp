// Adaptive EES: the embedded error estimate (explicit Euler minus the method) drives odeint's
// controlled_runge_kutta through make_controlled, and make_dense_output interpolates with
// cubic Hermite polynomials. Reversible gradients replay the accepted steps.
#include <boost/numeric/odeint.hpp>
#include <boost/numeric/odeint/ees.hpp>

#include <boost/range/algorithm/for_each.hpp>

#include <cmath>
#include <limits>
#include <vector>

#include <catch2/catch.hpp>

#include "adaptive_problems.hpp"
#include "gradient_support.hpp"
#include "test_support.hpp"

using namespace boost::numeric::odeint;
using vec = std::vector<double>;

namespace {

// The reference solution: dopri5 at tolerance 1e-13.
template <class Problem>
vec reference_solution()
{
    long evaluations = 0;
    vec x = Problem::start();
    integrate_adaptive(make_controlled(1e-13, 1e-13, runge_kutta_dopri5<vec>()),
                       Problem{&evaluations}, x, 0.0, Problem::end_time, 1e-3);
    return x;
}

template <class Stepper, class Problem>
double adaptive_error(double tolerance)
{
    long evaluations = 0;
    vec x = Problem::start();
    integrate_adaptive(make_controlled(tolerance, tolerance, Stepper()), Problem{&evaluations},
                       x, 0.0, Problem::end_time, 1e-3);
    return ees_test::distance(x, reference_solution<Problem>());
}

} // namespace

TEST_CASE("The achieved global error is proportional to the tolerance over four decades")
{
    // Van der Pol, tol = 1e-3 ... 1e-7: error ∝ tol^1 (the local error estimate is O(h²),
    // the true local error O(h³), and their ratio is what makes the global error track tol).
    const std::vector<double> tolerances{1e-3, 1e-4, 1e-5, 1e-6, 1e-7};
    std::vector<double> errors25, errors27;
    for (double tol : tolerances)
    {
        errors25.push_back(adaptive_error<ees25<vec>, ees_test::van_der_pol>(tol));
        errors27.push_back(adaptive_error<ees27<vec>, ees_test::van_der_pol>(tol));
    }
    CHECK(ees_test::fitted_slope(tolerances, errors25) == Approx(1.0).margin(0.15));
    CHECK(ees_test::fitted_slope(tolerances, errors27) == Approx(1.0).margin(0.15));
}

TEST_CASE("Adaptive EES meets its tolerance on the three standard problems")
{
    // Global error within 10 tol at tol = 1e-3 ... 1e-6 (odeint's error checker bounds each
    // step's estimate by tol; the global error accumulates over the solve).
    for (double tol : {1e-3, 1e-4, 1e-5, 1e-6})
    {
        INFO("tolerance " << tol);
        CHECK(adaptive_error<ees25<vec>, ees_test::van_der_pol>(tol) < 10 * tol);
        CHECK(adaptive_error<ees25<vec>, ees_test::lorenz>(tol) < 10 * tol * 20);  // |x| ~ 20
        CHECK(adaptive_error<ees25<vec>, ees_test::kepler_eccentric>(tol) < 10 * tol);
        CHECK(adaptive_error<ees27<vec>, ees_test::van_der_pol>(tol) < 10 * tol);
        CHECK(adaptive_error<ees27<vec>, ees_test::kepler_eccentric>(tol) < 10 * tol);
    }
}

TEST_CASE("The cubic Hermite dense output interpolates a step to fourth order")
{
    // Harmonic oscillator with exact end points: the interpolation error at the step's
    // midpoint falls as h^4 (cubic Hermite), one order above the method's local error.
    const ees25<vec> stepper;
    std::vector<double> hs, errors;
    for (double h : {0.4, 0.2, 0.1, 0.05})
    {
        const vec x0{1.0, 0.0}, d0{0.0, -1.0};
        const vec x1{std::cos(h), -std::sin(h)}, d1{-std::sin(h), -std::cos(h)};
        vec x(2);
        stepper.calc_state(h / 2, x, x0, d0, 0.0, x1, d1, h);
        hs.push_back(h);
        errors.push_back(ees_test::distance(x, vec{std::cos(h / 2), -std::sin(h / 2)}));
    }
    CHECK(ees_test::fitted_slope(hs, errors) == Approx(4.0).margin(0.2));
}

TEST_CASE("make_dense_output observes between steps within the tolerance")
{
    // integrate_const with a dense-output stepper reports the state at t = 0, 0.1, ..., 10,
    // mostly between steps; each must match the reference there.
    for (double tol : {1e-4, 1e-6})
    {
        long evaluations = 0;
        vec x = ees_test::van_der_pol::start();
        double worst = 0;
        integrate_const(make_dense_output(tol, tol, ees25<vec>()),
                        ees_test::van_der_pol{&evaluations}, x, 0.0, 10.0, 0.1,
                        [&](const vec& y, double t) {
                            long n = 0;
                            vec reference = ees_test::van_der_pol::start();
                            integrate_adaptive(make_controlled(1e-13, 1e-13, runge_kutta_dopri5<vec>()),
                                               ees_test::van_der_pol{&n}, reference, 0.0, t, 1e-3);
                            worst = std::max(worst, ees_test::distance(y, reference));
                        });
        INFO("tolerance " << tol << ", worst error " << worst);
        CHECK(worst < 10 * tol);
    }
}

TEST_CASE("make_adaptive_range steps an EES controller")
{
    long evaluations = 0;
    vec x = ees_test::van_der_pol::start();
    int states = 0;
    boost::for_each(make_adaptive_range(make_controlled(1e-6, 1e-6, ees27<vec>()),
                                        ees_test::van_der_pol{&evaluations}, x, 0.0, 10.0, 1e-3),
                    [&](const vec&) { ++states; });
    CHECK(states > 100);
    CHECK(ees_test::distance(x, reference_solution<ees_test::van_der_pol>()) < 1e-5);
}

TEST_CASE("Adaptive reversible gradients agree with the store-everything adjoint on the same steps")
{
    const auto terminal = [](const vec& y, vec& a) { a = y; };
    for (double tol : {1e-4, 1e-6})
    {
        vec x = {1.2, -0.4}, grad_x0(2), grad_p(2, 0.0);
        const auto r = integrate_reversible(make_controlled(tol, tol, ees25<vec>()),
                                            ees_test::damped_pendulum(), x, 0.0, 2.0, 0.01,
                                            terminal, grad_x0, grad_p);
        vec y = {1.2, -0.4}, ref_x0(2), ref_p(2, 0.0);
        const auto s = integrate_discrete_adjoint(make_controlled(tol, tol, ees25<vec>()),
                                                  ees_test::damped_pendulum(), y, 0.0, 2.0, 0.01,
                                                  terminal, ref_x0, ref_p);
        REQUIRE(r.steps == s.steps);  // the same accepted steps
        CHECK(x == y);
        vec rev = grad_x0, ref = ref_x0;
        rev.insert(rev.end(), grad_p.begin(), grad_p.end());
        ref.insert(ref.end(), ref_p.begin(), ref_p.end());
        INFO("tolerance " << tol << ": " << r.steps << " steps, reconstruction error "
                          << r.reconstruction_error);
        CHECK(ees_test::relative_difference(rev, ref) <= 1e-8);
        CHECK(r.reconstruction_error < 1e-8);
    }
}

TEST_CASE("Bad tolerances are rejected")
{
    const double nan = std::numeric_limits<double>::quiet_NaN();
    for (const auto& tolerances : {std::pair{0.0, 0.0}, std::pair{-1e-6, 1e-6},
                                   std::pair{1e-6, -1e-6}, std::pair{nan, 1e-6},
                                   std::pair{1e-6, std::numeric_limits<double>::infinity()}})
    {
        const double abs_tol = tolerances.first, rel_tol = tolerances.second;
        ees_test::require_throw_mentioning<std::invalid_argument>(
            [&] { make_controlled(abs_tol, rel_tol, ees25<vec>()); }, "tolerances");
        ees_test::require_throw_mentioning<std::invalid_argument>(
            [&] { make_dense_output(abs_tol, rel_tol, ees27<vec>()); }, "tolerances");
    }
    CHECK_NOTHROW(make_controlled(0.0, 1e-6, ees25<vec>()));  // purely relative is fine
}
