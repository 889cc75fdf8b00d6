// integrate_reversible on Stratonovich SDEs with fixed Brownian paths: the backward pass
// replays the same increments (negated in inverse_do_step, re-fixed for the stage VJPs).
// Against the store-everything adjoint, the difference is the effect of the reconstruction
// error, whose whole-path size falls as h^2 (EES(2,5)) and h^3 (EES(2,7)) with Brownian
// increments (doc/method.md §3) and grows with the noise level as (σ√h)^6 and (σ√h)^8 per
// step: at the noise of the paper's experiments (σ = 0.1–0.2) it is below 1e-8 at h = 1/64.
#include <boost/numeric/odeint.hpp>
#include <boost/numeric/odeint/ees.hpp>
#include <boost/numeric/odeint/noise/brownian_path.hpp>

#include <cmath>
#include <vector>

#include <catch2/catch.hpp>

#include "gradient_support.hpp"
#include "sde_support.hpp"
#include "test_support.hpp"

using namespace boost::numeric::odeint;
using vec = std::vector<double>;

namespace {

using ees_test::coupled_diffusion;
using ees_test::coupled_drift;
using ees_test::gbm_diffusion;
using ees_test::gbm_drift;

const auto half_squared_norm_gradient = [](const vec& x, vec& a) { a = x; };

vec concat(const vec& a, const vec& b)
{
    vec r = a;
    r.insert(r.end(), b.begin(), b.end());
    return r;
}

template <class Stepper, class Make>
double relative_difference_to_discrete_adjoint(Make make_sde, const vec& start, double h)
{
    const auto sde = make_sde();
    vec x = start, grad_x0(start.size()), grad_p(2, 0.0);
    integrate_reversible(Stepper(), sde, x, 0.0, 1.0, h, half_squared_norm_gradient, grad_x0,
                         grad_p);
    vec y = start, ref_x0(start.size()), ref_p(2, 0.0);
    integrate_discrete_adjoint(Stepper(), sde, y, 0.0, 1.0, h, half_squared_norm_gradient,
                               ref_x0, ref_p);
    return ees_test::relative_difference(concat(grad_x0, grad_p), concat(ref_x0, ref_p));
}

// Mean over 20 paths of the relative difference to the store-everything adjoint, for
// h = 1/16 ... 1/256; returns (difference at 1/64, fitted slope).
template <class Stepper>
std::pair<double, double> gbm_gradient_agreement(double sigma)
{
    const std::vector<int> step_counts{16, 32, 64, 128, 256};
    const int paths = 20;
    std::vector<double> hs, mean(step_counts.size(), 0.0);
    for (int n : step_counts)
        hs.push_back(1.0 / n);
    for (int p = 0; p < paths; ++p)
    {
        const brownian_path<double> path(3, 0.0, 1.0, 256, 1, p);
        const auto make = [&] {
            return make_stratonovich_sde<vec>(gbm_drift{0.5}, gbm_diffusion{sigma}, path,
                                              scalar_noise());
        };
        for (std::size_t k = 0; k < step_counts.size(); ++k)
            mean[k] += relative_difference_to_discrete_adjoint<Stepper>(make, vec{1.0}, hs[k])
                       / paths;
    }
    return {mean[2], ees_test::fitted_slope(hs, mean)};
}

} // namespace

TEST_CASE("SDE reversible gradients match the store-everything adjoint on the same path")
{
    SECTION("ees25: below 1e-8 at h = 1/64, falling as h^2")
    {
        const auto [at_64, slope] = gbm_gradient_agreement<ees25<vec>>(0.2);
        CHECK(at_64 <= 1e-8);
        CHECK(slope == Approx(2.0).margin(0.4));  // 20-path mean of random products
    }
    SECTION("ees27: below 1e-8 at h = 1/64, falling as h^3")
    {
        const auto [at_64, slope] = gbm_gradient_agreement<ees27<vec>>(0.2);
        CHECK(at_64 <= 1e-8);
        CHECK(slope == Approx(3.0).margin(0.4));
    }
    SECTION("reversible_heun: to rounding")
    {
        const auto [at_64, slope] = gbm_gradient_agreement<reversible_heun<vec>>(0.8);
        CHECK(at_64 <= 1e-13);
    }
}

TEST_CASE("SDE adjoint gradients match central finite differences")
{
    // General (2×2, non-commuting) noise, one fixed path, h = 1/32. The store-everything
    // adjoint is the exact gradient of the discrete solve, so it must agree with finite
    // differences to their accuracy; this checks the VJPs of the general-noise adaptor.
    // (The reversible EES gradients differ from it by the reconstruction effect measured
    // above, here 1e-5 (ees25) and 3e-8 (ees27) at this noise level; reversible_heun is exact.)
    const brownian_path<double> path(17, 0.0, 1.0, 32, 2);
    const double h = 1.0 / 32;
    const auto make = [&](double a, double b) {
        return make_stratonovich_sde<vec>(coupled_drift{a, b}, coupled_diffusion{b}, path,
                                          general_noise());
    };
    const vec start{0.4, -0.3};
    const double a = 0.8, b = 0.5;
    const auto check = [&](auto stepper_tag, auto integrate_gradient) {
        using Stepper = decltype(stepper_tag);
        vec x = start, grad_x0(2), grad_p(2, 0.0);
        integrate_gradient(Stepper(), make(a, b), x, grad_x0, grad_p);
        const auto loss = [&](const vec& x0, double pa, double pb) {
            vec y = x0;
            integrate_n_steps(Stepper(), make(pa, pb), y, 0.0, h, 32);
            return 0.5 * (y[0] * y[0] + y[1] * y[1]);
        };
        // eps = 1e-5: truncation O(eps²) ~ 1e-10, rounding ~1e-11.
        const vec fd_x0 = ees_test::central_differences(
            [&](const vec& x0) { return loss(x0, a, b); }, start, 1e-5);
        const vec fd_p = ees_test::central_differences(
            [&](const vec& p) { return loss(start, p[0], p[1]); }, vec{a, b}, 1e-5);
        CHECK(ees_test::relative_difference(grad_x0, fd_x0) <= 1e-6);
        CHECK(ees_test::relative_difference(grad_p, fd_p) <= 1e-6);
    };
    const auto discrete = [&](auto stepper, const auto& sde, vec& x, vec& grad_x0, vec& grad_p) {
        integrate_discrete_adjoint(stepper, sde, x, 0.0, 1.0, h, half_squared_norm_gradient,
                                   grad_x0, grad_p);
    };
    const auto reversible = [&](auto stepper, const auto& sde, vec& x, vec& grad_x0,
                                vec& grad_p) {
        integrate_reversible(stepper, sde, x, 0.0, 1.0, h, half_squared_norm_gradient, grad_x0,
                             grad_p);
    };
    check(ees25<vec>(), discrete);
    check(ees27<vec>(), discrete);
    check(reversible_heun<vec>(), discrete);
    check(reversible_heun<vec>(), reversible);
}
