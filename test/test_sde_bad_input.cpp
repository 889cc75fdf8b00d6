// Bad SDE input gets a clear exception: a step outside the path's interval or off its grid,
// a noise dimension that does not match the system.
#include <boost/numeric/odeint.hpp>
#include <boost/numeric/odeint/ees.hpp>

#include <stdexcept>
#include <string>

#include <catch2/catch.hpp>

#include "test_support.hpp"

#include "sde_support.hpp"

using namespace boost::numeric::odeint;
using ees_test::vec;

namespace {

using ees_test::require_throw_mentioning;

const auto zero_drift = [](const vec&, vec& f, double) {
    for (auto& v : f)
        v = 0.0;
};
const auto unit_diffusion = [](const vec&, vec& g, double) {
    for (auto& v : g)
        v = 1.0;
};

} // namespace

TEST_CASE("A step outside the Brownian path's interval is rejected")
{
    const brownian_path<double> path(1, 0.0, 1.0, 16, 1);
    const auto sde = make_stratonovich_sde<vec>(zero_drift, unit_diffusion, path, scalar_noise());
    ees25<vec> stepper;
    vec x{0.0};
    require_throw_mentioning<std::out_of_range>(
        [&] { stepper.do_step(sde, x, 1.0, 1.0 / 16); }, "");
    require_throw_mentioning<std::out_of_range>(
        [&] { stepper.inverse_do_step(sde, x, -1.0 / 16, 1.0 / 16); }, "");
    // Integrating past the end of the path fails at the first step beyond it.
    vec y{0.0};
    CHECK_THROWS_AS(integrate_const(ees25<vec>(), sde, y, 0.0, 2.0, 1.0 / 16), std::out_of_range);
}

TEST_CASE("A step that is off the Brownian path's grid is rejected")
{
    const brownian_path<double> path(1, 0.0, 1.0, 16, 1);
    const auto sde = make_stratonovich_sde<vec>(zero_drift, unit_diffusion, path, scalar_noise());
    ees25<vec> stepper;
    vec x{0.0};
    CHECK_THROWS_AS(stepper.do_step(sde, x, 0.0, 0.01), std::invalid_argument);
}

TEST_CASE("A noise dimension that does not match the system is rejected")
{
    const brownian_path<double> path3(1, 0.0, 1.0, 16, 3);
    vec x{0.0, 0.0};
    SECTION("diagonal noise needs one component per state entry")
    {
        const auto sde =
            make_stratonovich_sde<vec>(zero_drift, unit_diffusion, path3, diagonal_noise());
        require_throw_mentioning<std::invalid_argument>(
            [&] { ees25<vec>().do_step(sde, x, 0.0, 1.0 / 16); }, "dimension 3");
    }
    SECTION("scalar noise needs a one-dimensional path")
    {
        const auto sde =
            make_stratonovich_sde<vec>(zero_drift, unit_diffusion, path3, scalar_noise());
        require_throw_mentioning<std::invalid_argument>(
            [&] { ees27<vec>().do_step(sde, x, 0.0, 1.0 / 16); }, "scalar_noise");
    }
}
