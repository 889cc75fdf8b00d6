// make_stratonovich_sde with additive_noise: diagonal noise whose g ignores y, for which the
// Itô and Stratonovich calculi agree, so the solve is the one of make_ito_sde with
// additive_noise on the same path, bit for bit, for every stepper. Ornstein–Uhlenbeck
// dX = −θ X dt + σ dW, with θ = (θ, σ) as parameters.
#include <boost/numeric/odeint.hpp>
#include <boost/numeric/odeint/ees.hpp>

#include <cstddef>
#include <vector>

#include <catch2/catch.hpp>

using namespace boost::numeric::odeint;
using vec = std::vector<double>;

namespace {

struct ou_drift
{
    double theta = 0.7;
    void operator()(const vec& x, vec& f, double) const
    {
        for (std::size_t i = 0; i < x.size(); ++i)
            f[i] = -theta * x[i];
    }
    void vjp(const vec& x, double, const vec& v, vec& adj_x, vec& adj_p) const
    {
        for (std::size_t i = 0; i < x.size(); ++i)
        {
            adj_x[i] -= theta * v[i];
            adj_p[0] -= x[i] * v[i];
        }
    }
};

struct ou_diffusion
{
    double sigma = 0.5;
    void operator()(const vec& x, vec& g, double) const
    {
        for (std::size_t i = 0; i < x.size(); ++i)
            g[i] = sigma * (1.0 + 0.5 * double(i));
    }
    void vjp(const vec& x, double, const vec& u, vec&, vec& adj_p) const
    {
        for (std::size_t i = 0; i < x.size(); ++i)
            adj_p[1] += (1.0 + 0.5 * double(i)) * u[i];
    }
};

template <class Stepper, class System>
vec solve(const System& sde, vec x, int steps)
{
    Stepper stepper;
    const double h = 1.0 / steps;
    for (int i = 0; i < steps; ++i)
        stepper.do_step(sde, x, i * h, h);
    return x;
}

template <class Stepper>
void check_same_as_ito()
{
    const int steps = 50;
    brownian_path<double> path(/*seed*/ 2024, 0.0, 1.0, steps, 3);
    const auto stratonovich =
        make_stratonovich_sde<vec>(ou_drift(), ou_diffusion(), path, additive_noise());
    const auto ito = make_ito_sde<vec>(ou_drift(), ou_diffusion(), path, additive_noise());
    const vec x0{1.0, -2.0, 0.5};
    const vec a = solve<Stepper>(stratonovich, x0, steps);
    CHECK(a == solve<Stepper>(ito, x0, steps));
    CHECK(a != x0);
}

} // namespace

TEST_CASE("make_stratonovich_sde with additive_noise solves as make_ito_sde with "
          "additive_noise, bit for bit",
          "[sde][additive]")
{
    SECTION("ees25") { check_same_as_ito<ees25<vec>>(); }
    SECTION("ees27") { check_same_as_ito<ees27<vec>>(); }
    SECTION("reversible_heun") { check_same_as_ito<reversible_heun<vec>>(); }
}

TEST_CASE("additive_noise gradients through integrate_reversible equal the Itô ones",
          "[sde][additive][gradient]")
{
    const int steps = 64;
    brownian_path<double> path(/*seed*/ 5, 0.0, 1.0, steps, 3);
    const auto terminal = [](const vec& x1, vec& a) { a = x1; };
    const auto gradients = [&](const auto& sde) {
        vec x{1.0, -2.0, 0.5}, grad_x0(3), grad_p(2, 0.0);
        integrate_reversible(ees27<vec>(), sde, x, 0.0, 1.0, 1.0 / steps, terminal, grad_x0,
                             grad_p);
        grad_x0.insert(grad_x0.end(), grad_p.begin(), grad_p.end());
        return grad_x0;
    };
    const vec stratonovich = gradients(
        make_stratonovich_sde<vec>(ou_drift(), ou_diffusion(), path, additive_noise()));
    const vec ito =
        gradients(make_ito_sde<vec>(ou_drift(), ou_diffusion(), path, additive_noise()));
    CHECK(stratonovich == ito);
    CHECK(stratonovich[4] != 0.0);  // dL/dσ reached the diffusion's vjp
}
