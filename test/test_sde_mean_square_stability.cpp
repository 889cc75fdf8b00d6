// Mean-square stability on dy = λ y dt + μ y ∘ dW (doc/method.md §3). One step of a
// Runge–Kutta method maps y to R(Z) y with Z = λh + μΔW ~ N(λh, μ²h) and R the stability
// polynomial R(z) = 1 + Σ_k z^{k+1} bᵀA^k 1, so the scheme is mean-square stable where
// E[R(Z)²] < 1. Reversible Heun carries (y, ŷ) through the 2×2 map
// M(Z) = [[1 + Z, Z²/2], [2, Z − 1]]; its second moments E[v vᵀ] evolve by a linear map whose
// spectral radius decides stability. Both are computed exactly from Gaussian moments and
// confirmed by Monte Carlo through the steppers themselves.
#include <boost/numeric/odeint/ees.hpp>
#include <boost/numeric/odeint/stepper/reversible_heun.hpp>

#include <array>
#include <cmath>
#include <vector>

#include <catch2/catch.hpp>

#include "sde_support.hpp"

using namespace boost::numeric::odeint;
using ees_test::vec;

namespace {

using polynomial = std::vector<double>;  // coefficients of z^0, z^1, ...

polynomial multiply(const polynomial& p, const polynomial& q)
{
    polynomial r(p.size() + q.size() - 1, 0.0);
    for (std::size_t i = 0; i < p.size(); ++i)
        for (std::size_t j = 0; j < q.size(); ++j)
            r[i + j] += p[i] * q[j];
    return r;
}

// E[p(Z)] for Z ~ N(m, v): E[Z^k] = m E[Z^{k-1}] + (k-1) v E[Z^{k-2}].
double gaussian_expectation(const polynomial& p, double m, double v)
{
    std::vector<double> moment{1.0, m};
    while (moment.size() < p.size())
    {
        const std::size_t k = moment.size();
        moment.push_back(m * moment[k - 1] + double(k - 1) * v * moment[k - 2]);
    }
    double sum = 0;
    for (std::size_t k = 0; k < p.size(); ++k)
        sum += p[k] * moment[k];
    return sum;
}

// R(z) = 1 + Σ_k z^{k+1} bᵀ A^k 1, from the stepper's own tableau.
template <class Stepper>
polynomial stability_polynomial(const Stepper& stepper)
{
    const auto& t = stepper.tableau();
    constexpr std::size_t s = Stepper::stage_count;
    polynomial r{1.0};
    std::array<double, s> power{};  // A^k 1
    power.fill(1.0);
    for (std::size_t k = 0; k < s; ++k)
    {
        double coefficient = 0;
        for (std::size_t i = 0; i < s; ++i)
            coefficient += t.b[i] * power[i];
        r.push_back(coefficient);
        std::array<double, s> next{};
        for (std::size_t i = 0; i < s; ++i)
            for (std::size_t j = 0; j < i; ++j)
                next[i] += t.a[i][j] * power[j];
        power = next;
    }
    return r;
}

template <class Stepper>
double ees_mean_square_factor(const Stepper& stepper, double lambda_h, double mu2_h)
{
    const polynomial r = stability_polynomial(stepper);
    return gaussian_expectation(multiply(r, r), lambda_h, mu2_h);
}

// The linear map of (E y², E yŷ, E ŷ²) under one reversible Heun step.
using matrix3 = std::array<std::array<double, 3>, 3>;

matrix3 reversible_heun_second_moment_map(double m, double v)
{
    const polynomial m11{1, 1}, m12{0, 0, 0.5}, m21{2}, m22{-1, 1};
    const auto e = [&](const polynomial& p, const polynomial& q) {
        return gaussian_expectation(multiply(p, q), m, v);
    };
    return {{{e(m11, m11), 2 * e(m11, m12), e(m12, m12)},
             {e(m11, m21), e(m11, m22) + e(m12, m21), e(m12, m22)},
             {e(m21, m21), 2 * e(m21, m22), e(m22, m22)}}};
}

std::array<double, 3> multiply(const matrix3& a, const std::array<double, 3>& x)
{
    std::array<double, 3> y{};
    for (int i = 0; i < 3; ++i)
        for (int j = 0; j < 3; ++j)
            y[i] += a[i][j] * x[j];
    return y;
}

// Spectral radius by the growth rate of the iterates (Gelfand): ||T^n x||^{1/n}.
double spectral_radius(const matrix3& a)
{
    std::array<double, 3> x{1.0, 0.3, 0.7};
    double log_growth = 0;
    const int n = 4000;
    for (int k = 0; k < n; ++k)
    {
        x = multiply(a, x);
        const double norm = std::sqrt(x[0] * x[0] + x[1] * x[1] + x[2] * x[2]);
        log_growth += std::log(norm);
        for (auto& xi : x)
            xi /= norm;
    }
    return std::exp(log_growth / n);
}

// Monte Carlo mean and standard error of y_n² after n steps of dy = λy dt + μy ∘ dW from 1.
template <class Stepper>
std::pair<double, double> monte_carlo_second_moment(double lambda, double mu, double h, int n)
{
    const int paths = 20000;
    double sum = 0, sum_sq = 0;
    for (int p = 0; p < paths; ++p)
    {
        const brownian_path<double> path(31337, 0.0, n * h, n, 1, p);
        const auto sde = make_stratonovich_sde<vec>(
            [lambda](const vec& x, vec& f, double) { f[0] = lambda * x[0]; },
            [mu](const vec& x, vec& g, double) { g[0] = mu * x[0]; }, path, scalar_noise());
        const double y = ees_test::solve(Stepper(), sde, vec{1.0}, n * h, n)[0];
        sum += y * y;
        sum_sq += y * y * y * y;
    }
    const double mean = sum / paths;
    const double variance = sum_sq / paths - mean * mean;
    return {mean, std::sqrt(variance / paths)};
}

} // namespace

TEST_CASE("The EES stability polynomials are read from the tableaux")
{
    // R(z) = 1 + z + z²/2 + z³/8 for every EES(2,5;x) (doc/method.md §2).
    for (double x : {0.1, 0.3, -0.2})
    {
        const polynomial r = stability_polynomial(ees25<vec>(x));
        REQUIRE(r.size() == 4);
        CHECK(r[0] == 1.0);
        CHECK(r[1] == Approx(1.0).epsilon(1e-14));
        CHECK(r[2] == Approx(0.5).epsilon(1e-14));
        CHECK(r[3] == Approx(0.125).epsilon(1e-14));
    }
}

TEST_CASE("Every EES(2,7;x) has the same stability polynomial")
{
    // R(z) = 1 + z + z²/2 + (2-√2)/4 z³ + (3-2√2)/8 z⁴ for the whole family
    // (doc/derivations/ees_family.py).
    const double s = std::sqrt(2.0);
    for (double x : {(5 - 3 * s) / 14, (2 - s) / 4, 0.2, -0.3})
    {
        INFO("x = " << x);
        const polynomial r = stability_polynomial(ees27<vec>(x));
        REQUIRE(r.size() == 5);
        CHECK(r[1] == Approx(1.0).epsilon(1e-13));
        CHECK(r[2] == Approx(0.5).epsilon(1e-13));
        CHECK(r[3] == Approx((2 - s) / 4).epsilon(1e-13));
        CHECK(r[4] == Approx((3 - 2 * s) / 8).epsilon(1e-13));
    }
}

TEST_CASE("ees25 is mean-square stable where reversible_heun is not")
{
    // (λh, μ²h) pairs: ees25's factor E[R(Z)²] < 1 while reversible Heun's second-moment map
    // has spectral radius > 1; and one pair, (-2, 1), beyond ees25's own region.
    struct point { double lambda_h, mu2_h; };
    for (point p : {point{-1.0, 0.25}, point{-0.5, 0.25}, point{-0.2, 0.1}})
    {
        INFO("lambda h = " << p.lambda_h << ", mu^2 h = " << p.mu2_h);
        CHECK(ees_mean_square_factor(ees25<vec>(), p.lambda_h, p.mu2_h) < 1.0);
        CHECK(ees_mean_square_factor(ees27<vec>(), p.lambda_h, p.mu2_h) < 1.0);
        CHECK(spectral_radius(reversible_heun_second_moment_map(p.lambda_h, p.mu2_h)) > 1.0);
    }
    CHECK(ees_mean_square_factor(ees25<vec>(), -2.0, 1.0) > 1.0);
    // With neither drift nor noise nothing grows or decays: the factor is exactly 1.
    CHECK(ees_mean_square_factor(ees25<vec>(), 0.0, 0.0) == 1.0);
    // Reversible Heun's map there has a Jordan block at eigenvalue 1, so its iterates grow
    // polynomially and the growth-rate estimate over 4000 iterates exceeds 1 by
    // O(log(n)/n) ~ 1e-4.
    CHECK(spectral_radius(reversible_heun_second_moment_map(0.0, 0.0)) == Approx(1.0).margin(1e-3));
}

TEST_CASE("Monte Carlo through the steppers confirms the exact mean-square factors")
{
    // lambda = -4, mu = 1, h = 1/4: lambda h = -1, mu^2 h = 1/4. Agreement within 5 standard
    // errors of the 20000-path mean.
    const double lambda = -4.0, mu = 1.0, h = 0.25;
    SECTION("ees25, one step: E[y_1^2] = E[R(Z)^2]")
    {
        const auto [mean, error] = monte_carlo_second_moment<ees25<vec>>(lambda, mu, h, 1);
        const double exact = ees_mean_square_factor(ees25<vec>(), lambda * h, mu * mu * h);
        CHECK(std::abs(mean - exact) < 5 * error);
    }
    SECTION("reversible_heun, three steps: E[y_3^2] from the second-moment map")
    {
        const auto [mean, error] = monte_carlo_second_moment<reversible_heun<vec>>(lambda, mu, h, 3);
        const matrix3 a = reversible_heun_second_moment_map(lambda * h, mu * mu * h);
        std::array<double, 3> s{1.0, 1.0, 1.0};  // y = ŷ = 1 at the start
        for (int k = 0; k < 3; ++k)
            s = multiply(a, s);
        INFO("exact " << s[0] << ", Monte Carlo " << mean << " ± " << error);
        CHECK(std::abs(mean - s[0]) < 5 * error);
        CHECK(s[0] > 1.0);  // already growing
    }
}
