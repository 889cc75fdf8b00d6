// integrate_reversible on ODEs: gradients against the store-everything exact discrete adjoint
// (which defines the exact gradient of the discrete solve) and against central finite
// differences of the forward solve. Loss L = ½‖y(T)‖², T = 2, on the damped pendulum with
// parameters (k, c).
#include <boost/numeric/odeint.hpp>
#include <boost/numeric/odeint/ees.hpp>

#include <cmath>
#include <vector>

#include <catch2/catch.hpp>

#include "gradient_support.hpp"
#include "test_support.hpp"

using namespace boost::numeric::odeint;
using vec = std::vector<double>;

namespace {

constexpr double T = 2.0;
const vec start_state{1.2, -0.4};

const auto half_squared_norm_gradient = [](const vec& y, vec& a) { a = y; };

struct gradients
{
    vec x0, p;
    double reconstruction_error;
};

template <class Stepper>
gradients reversible_gradient(double h, ees_test::damped_pendulum system = {})
{
    vec x = start_state, grad_x0(2), grad_p(2, 0.0);
    const auto r = integrate_reversible(Stepper(), system, x, 0.0, T, h,
                                        half_squared_norm_gradient, grad_x0, grad_p);
    REQUIRE(r.steps == std::size_t(std::lround(T / h)));
    return {grad_x0, grad_p, double(r.reconstruction_error)};
}

template <class Stepper>
gradients discrete_gradient(double h, ees_test::damped_pendulum system = {})
{
    vec x = start_state, grad_x0(2), grad_p(2, 0.0);
    integrate_discrete_adjoint(Stepper(), system, x, 0.0, T, h, half_squared_norm_gradient,
                               grad_x0, grad_p);
    return {grad_x0, grad_p, 0.0};
}

template <class Stepper>
double loss(const vec& start, ees_test::damped_pendulum system, double h)
{
    vec x = start;
    integrate_n_steps(Stepper(), system, x, 0.0, h, int(std::lround(T / h)));
    return 0.5 * (x[0] * x[0] + x[1] * x[1]);
}

vec concat(const vec& a, const vec& b)
{
    vec r = a;
    r.insert(r.end(), b.begin(), b.end());
    return r;
}

template <class Stepper>
double relative_difference_to_discrete_adjoint(double h)
{
    const auto rev = reversible_gradient<Stepper>(h);
    const auto ref = discrete_gradient<Stepper>(h);
    return ees_test::relative_difference(concat(rev.x0, rev.p), concat(ref.x0, ref.p));
}

// ≤ 1e-8 at h = 1/64, and shrinking with h over `hs` (chosen above the rounding floor of
// ~1e-15 that EES(2,7) reaches by h = 1/64).
template <class Stepper>
void check_against_discrete_adjoint(const std::vector<double>& hs)
{
    CHECK(relative_difference_to_discrete_adjoint<Stepper>(1.0 / 64) <= 1e-8);
    std::vector<double> differences;
    for (double h : hs)
        differences.push_back(relative_difference_to_discrete_adjoint<Stepper>(h));
    for (std::size_t i = 1; i < differences.size(); ++i)
    {
        INFO("h = " << hs[i] << ": " << differences[i] << ", h = " << hs[i - 1] << ": "
                    << differences[i - 1]);
        CHECK(differences[i] < differences[i - 1] / 8);  // O(h^5) or better: 32x per halving
    }
}

} // namespace

TEST_CASE("Reversible gradients of ees25 and ees27 match the store-everything adjoint")
{
    // The reversed trajectory differs from the forward one by O(h^6) per step (EES(2,5)) and
    // O(h^8) (EES(2,7)), so the gradients differ by O(h^5) and O(h^7) over a fixed interval.
    SECTION("ees25") { check_against_discrete_adjoint<ees25<vec>>({1.0 / 16, 1.0 / 32, 1.0 / 64, 1.0 / 128}); }
    SECTION("ees27") { check_against_discrete_adjoint<ees27<vec>>({1.0 / 4, 1.0 / 8, 1.0 / 16, 1.0 / 32}); }
}

TEST_CASE("Reversible gradients of reversible_heun equal the store-everything adjoint")
{
    for (double h : {1.0 / 16, 1.0 / 64})
    {
        const auto rev = reversible_gradient<reversible_heun<vec>>(h);
        const auto ref = discrete_gradient<reversible_heun<vec>>(h);
        CHECK(ees_test::relative_difference(concat(rev.x0, rev.p), concat(ref.x0, ref.p))
              < 1e-13);
        CHECK(rev.reconstruction_error < 1e-14);
    }
}

TEST_CASE("Reversible gradients match central finite differences of the forward solve")
{
    const double h = 1.0 / 32;
    const ees_test::damped_pendulum system;
    const auto check = [&](auto stepper_tag) {
        using Stepper = decltype(stepper_tag);
        const auto rev = reversible_gradient<Stepper>(h);
        // eps = 1e-5: truncation O(eps²) ~ 1e-10, rounding ~1e-16/eps ~ 1e-11.
        const vec fd_x0 = ees_test::central_differences(
            [&](const vec& start) { return loss<Stepper>(start, system, h); }, start_state, 1e-5);
        const vec fd_p = ees_test::central_differences(
            [&](const vec& p) { return loss<Stepper>(start_state, {p[0], p[1]}, h); },
            vec{system.k, system.c}, 1e-5);
        CHECK(ees_test::relative_difference(rev.x0, fd_x0) <= 1e-6);
        CHECK(ees_test::relative_difference(rev.p, fd_p) <= 1e-6);
    };
    check(ees25<vec>());
    check(ees27<vec>());
    check(reversible_heun<vec>());
}

TEST_CASE("integrate_reversible reports the reconstruction error and leaves x at t1")
{
    vec x = start_state, grad_x0(2), grad_p(2, 0.0);
    const auto r = integrate_reversible(ees25<vec>(), ees_test::damped_pendulum(), x, 0.0, T,
                                        1.0 / 8, half_squared_norm_gradient, grad_x0, grad_p);
    vec reference = start_state;
    integrate_n_steps(ees25<vec>(), ees_test::damped_pendulum(), reference, 0.0, 1.0 / 8, 16);
    CHECK(x == reference);
    // 16 steps of h = 1/8, each undone to O(h^6) ~ 4e-6 times the local constants.
    CHECK(r.reconstruction_error > 0.0);
    CHECK(r.reconstruction_error < 1e-4);
}

TEST_CASE("The parameter gradient is added to grad_p, not assigned")
{
    vec x = start_state, grad_x0(2), grad_p(2, 0.0), grad_p_twice(2, 0.0);
    integrate_reversible(ees25<vec>(), ees_test::damped_pendulum(), x, 0.0, T, 1.0 / 16,
                         half_squared_norm_gradient, grad_x0, grad_p);
    for (int i = 0; i < 2; ++i)
    {
        vec y = start_state;
        integrate_reversible(ees25<vec>(), ees_test::damped_pendulum(), y, 0.0, T, 1.0 / 16,
                             half_squared_norm_gradient, grad_x0, grad_p_twice);
    }
    CHECK(grad_p_twice[0] == Approx(2 * grad_p[0]).epsilon(1e-14));
    CHECK(grad_p_twice[1] == Approx(2 * grad_p[1]).epsilon(1e-14));
}

TEST_CASE("A loss on observation times: reversible, store-everything and finite differences agree")
{
    // L = Σ_k ½‖y(t_k)‖² over t = 0, 0.3, 1, 2 with dt = 1/16: 0.3 is not a whole number of
    // steps, so the first segment ends with a shorter step, which both passes mirror and
    // which odeint's integrate_times also takes.
    const std::vector<double> times{0.0, 0.3, 1.0, 2.0};
    const double dt = 1.0 / 16;
    const auto add_observation = [](std::size_t, const vec& y, double, vec& a) {
        a[0] += y[0];
        a[1] += y[1];
    };
    const auto gradient = [&](auto integrate, auto stepper) {
        vec x = start_state, grad_x0(2), grad_p(2, 0.0);
        const auto r = integrate(stepper, ees_test::damped_pendulum(), x, times.begin(),
                                 times.end(), dt, add_observation, grad_x0, grad_p);
        CHECK(r.steps == 5 + 12 + 16);  // 0.3 = 4 dt + 0.05; 0.7 = 11 dt + 0.0125; 1 = 16 dt
        return concat(grad_x0, grad_p);
    };
    const auto reversible = [](auto&&... args) { return integrate_reversible(args...); };
    const auto stored = [](auto&&... args) { return integrate_discrete_adjoint(args...); };
    const auto loss = [&](const vec& start, ees_test::damped_pendulum system) {
        vec x = start;
        double sum = 0;
        integrate_times(ees27<vec>(), system, x, times.begin(), times.end(), dt,
                        [&](const vec& y, double) { sum += 0.5 * (y[0] * y[0] + y[1] * y[1]); });
        return sum;
    };
    const vec rev = gradient(reversible, ees27<vec>());
    const vec ref = gradient(stored, ees27<vec>());
    CHECK(ees_test::relative_difference(rev, ref) <= 1e-10);
    const ees_test::damped_pendulum system;
    const vec fd = concat(
        ees_test::central_differences([&](const vec& s) { return loss(s, system); }, start_state,
                                      1e-5),
        ees_test::central_differences([&](const vec& p) { return loss(start_state, {p[0], p[1]}); },
                                      vec{system.k, system.c}, 1e-5));
    CHECK(ees_test::relative_difference(ref, fd) <= 1e-6);
}
