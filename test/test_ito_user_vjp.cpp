// make_ito_sde with the drift, diffusion and correction a user writes as documented: those of
// the doc snippets' prelude (doc/snippets/sde.hpp), whose vjp takes std::vector<double>& adj_p.
// The correction computed from that diffusion.vjp (given a scratch adj_p of parameter_count
// entries) must equal the closed-form correction σ² x of g = σ x to rounding, for every
// stepper, diagonal and scalar noise; gradients through integrate_reversible use the
// closed-form correction's vjp.
#include <boost/numeric/odeint.hpp>
#include <boost/numeric/odeint/ees.hpp>

#include <cmath>
#include <cstddef>
#include <stdexcept>
#include <string>
#include <vector>

#include <catch2/catch.hpp>

#include "../doc/snippets/sde.hpp"

namespace {

const double T = 1.0;
const int steps = 64;

template <class Stepper, class System>
state solve(const System& sde, state x)
{
    Stepper stepper;
    const double h = T / steps;
    for (int i = 0; i < steps; ++i)
        stepper.do_step(sde, x, i * h, h);
    return x;
}

double max_difference(const state& a, const state& b)
{
    double m = 0;
    for (std::size_t i = 0; i < a.size(); ++i)
        m = std::max(m, std::abs(a[i] - b[i]));
    return m;
}

/// The prelude's diffusion declaring the size of the adj_p its vjp indexes.
struct declared_diffusion : gbm_diffusion
{
    std::size_t required_parameter_count() const { return 2; }
};

/// A diffusion whose vjp checks the size of the adj_p it is given.
struct size_checking_diffusion : gbm_diffusion
{
    std::size_t expected;
    void vjp(const state& x, double t, const state& u, state& adj_x,
             std::vector<double>& adj_p) const
    {
        if (adj_p.size() != expected)
            throw std::logic_error("adj_p has " + std::to_string(adj_p.size()) + " entries");
        gbm_diffusion::vjp(x, t, u, adj_x, adj_p);
    }
};

template <class Stepper, class Noise>
void check_vjp_correction_equals_closed_form(Noise noise, std::size_t dimension)
{
    const gbm_drift drift;
    const gbm_diffusion diffusion;
    const gbm_ito_correction correction;
    const state x0{1.0, 2.0};
    brownian_path<double> path(/*seed*/ 42, 0.0, T, steps, dimension);
    const auto from_vjp = make_ito_sde<state>(drift, diffusion, path, noise, 2);
    const auto given = make_ito_sde<state>(drift, diffusion, path, noise, correction);
    const auto stratonovich = make_stratonovich_sde<state>(drift, diffusion, path, noise);

    const state a = solve<Stepper>(from_vjp, x0);
    const state b = solve<Stepper>(given, x0);
    const state s = solve<Stepper>(stratonovich, x0);
    // σ·(σ x) against (σ σ)·x: one rounding per evaluation, |x| ≲ 5 over 64 steps.
    CHECK(max_difference(a, b) < 1e-12);
    // The correction is there: the drift differs by σ²x/2 = 0.08 x, so x(1) by ≈ 8 %.
    CHECK(max_difference(a, s) > 0.05);
}

} // namespace

TEST_CASE("make_ito_sde steps a diffusion whose vjp takes std::vector<double>& adj_p",
          "[ito][sde]")
{
    SECTION("ees25, diagonal noise")
    {
        check_vjp_correction_equals_closed_form<ees25<state>>(diagonal_noise(), 2);
    }
    SECTION("ees27, diagonal noise")
    {
        check_vjp_correction_equals_closed_form<ees27<state>>(diagonal_noise(), 2);
    }
    SECTION("reversible_heun, diagonal noise")
    {
        check_vjp_correction_equals_closed_form<reversible_heun<state>>(diagonal_noise(), 2);
    }
    SECTION("ees25, scalar noise")
    {
        check_vjp_correction_equals_closed_form<ees25<state>>(scalar_noise(), 1);
    }
    SECTION("ees27, scalar noise")
    {
        check_vjp_correction_equals_closed_form<ees27<state>>(scalar_noise(), 1);
    }
    SECTION("reversible_heun, scalar noise")
    {
        check_vjp_correction_equals_closed_form<reversible_heun<state>>(scalar_noise(), 1);
    }
    SECTION("odeint's integrate_const")
    {
        brownian_path<double> path(/*seed*/ 42, 0.0, T, steps, 2);
        const auto sde = make_ito_sde<state>(gbm_drift(), gbm_diffusion(), path,
                                             diagonal_noise(), 2);
        state x{1.0, 2.0};
        integrate_const(ees25<state>(), sde, x, 0.0, T, T / steps);
        CHECK(x == solve<ees25<state>>(sde, state{1.0, 2.0}));
    }
}

TEST_CASE("make_ito_sde sizes the vjp's adj_p from parameter_count or "
          "required_parameter_count()",
          "[ito][sde]")
{
    brownian_path<double> path(/*seed*/ 7, 0.0, T, steps, 2);
    const state x0{1.0, 2.0};
    SECTION("the given count")
    {
        size_checking_diffusion diffusion;
        diffusion.expected = 5;
        const auto sde = make_ito_sde<state>(gbm_drift(), diffusion, path, diagonal_noise(), 5);
        CHECK_NOTHROW(solve<ees25<state>>(sde, x0));
        diffusion.expected = 3;
        const auto wrong = make_ito_sde<state>(gbm_drift(), diffusion, path, diagonal_noise(), 5);
        CHECK_THROWS_WITH(solve<ees25<state>>(wrong, x0), "adj_p has 5 entries");
    }
    SECTION("the diffusion's required_parameter_count(), without a count")
    {
        const auto declared =
            make_ito_sde<state>(gbm_drift(), declared_diffusion(), path, diagonal_noise());
        const auto counted =
            make_ito_sde<state>(gbm_drift(), gbm_diffusion(), path, diagonal_noise(), 2);
        CHECK(solve<ees27<state>>(declared, x0) == solve<ees27<state>>(counted, x0));
    }
}

TEST_CASE("make_ito_sde rejects a negative parameter_count or one below the diffusion's",
          "[ito][sde][bad_input]")
{
    brownian_path<double> path(/*seed*/ 7, 0.0, T, steps, 2);
    CHECK_THROWS_WITH(
        make_ito_sde<state>(gbm_drift(), gbm_diffusion(), path, diagonal_noise(), -1),
        "make_ito_sde: parameter_count is -1, it must not be negative");
    CHECK_THROWS_WITH(
        make_ito_sde<state>(gbm_drift(), declared_diffusion(), path, diagonal_noise(), 1),
        "make_ito_sde: parameter_count is 1 but the diffusion's required_parameter_count() "
        "is 2");
    CHECK_THROWS_AS(
        make_ito_sde<state>(gbm_drift(), gbm_diffusion(), path, additive_noise(), -3),
        std::invalid_argument);
}

TEST_CASE("integrate_reversible through an Itô SDE of the documented drift, diffusion and "
          "closed-form correction matches the discrete adjoint and finite differences",
          "[ito][sde][gradient]")
{
    const state x0{1.0, 2.0};
    const double h = T / steps;
    const auto loss_gradient = [](const state& x1, state& a) { a = x1; };
    const auto make = [](double sigma) {
        brownian_path<double> path(/*seed*/ 42, 0.0, T, steps, 2);
        gbm_diffusion diffusion;
        diffusion.sigma = sigma;
        gbm_ito_correction correction;
        correction.sigma = sigma;
        return make_ito_sde<state>(gbm_drift(), diffusion, path, diagonal_noise(), correction);
    };
    const auto loss = [&](double sigma) {
        state x = x0;
        integrate_n_steps(ees25<state>(), make(sigma), x, 0.0, h, steps);
        return 0.5 * (x[0] * x[0] + x[1] * x[1]);
    };
    const auto check = [&](auto stepper, double tolerance) {
        const auto sde = make(0.4);
        state x = x0, grad_x0(2);
        std::vector<double> grad_p(2, 0.0);
        integrate_reversible(stepper, sde, x, 0.0, T, h, loss_gradient, grad_x0, grad_p);
        state y = x0, ref_x0(2);
        std::vector<double> ref_p(2, 0.0);
        integrate_discrete_adjoint(stepper, sde, y, 0.0, T, h, loss_gradient, ref_x0, ref_p);
        for (std::size_t i = 0; i < 2; ++i)
        {
            CHECK(grad_x0[i] == Approx(ref_x0[i]).epsilon(tolerance));
            CHECK(grad_p[i] == Approx(ref_p[i]).epsilon(tolerance));
        }
        return ref_p;
    };
    // reversible_heun reconstructs to rounding; the EES steppers to O(h^6) (ees25) and O(h^8)
    // (ees27) per step, far below 1e-6 at h = 1/64.
    check(reversible_heun<state>(), 1e-10);
    check(ees27<state>(), 1e-6);
    const std::vector<double> ref_p = check(ees25<state>(), 1e-6);
    // dL/dσ of the same discrete solve (ees25) by central differences: error O(ε²) ≈ 1e-10
    // relative, plus rounding 1e-16/ε ≈ 1e-11.
    const double eps = 1e-5;
    CHECK(ref_p[1] == Approx((loss(0.4 + eps) - loss(0.4 - eps)) / (2 * eps)).epsilon(1e-7));
}
