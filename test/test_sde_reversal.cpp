// Whole-path reversal on a Brownian path: N steps forward, then N back with
// inverse_do_step, which replays the same increments negated. Each step undoes to
// O(|ΔX|^{m+1}) = O(h^{(m+1)/2}) with Brownian increments, so after N = T/h steps the
// start is recovered to O(h^{(m+1)/2 − 1}): slope 6H − 1 = 2 for EES(2,5) and 8H − 1 = 3
// for EES(2,7) at H = 1/2 (doc/method.md §3). Reversible Heun is exactly reversible in real
// arithmetic and recovers to rounding.
#include <boost/numeric/odeint.hpp>
#include <boost/numeric/odeint/ees.hpp>
#include <boost/numeric/odeint/stepper/reversible_heun.hpp>

#include <cmath>
#include <vector>

#include <catch2/catch.hpp>

#include "sde_support.hpp"
#include "test_support.hpp"

using namespace boost::numeric::odeint;
using ees_test::vec;

namespace {

// A nonlinear SDE with diagonal noise: dX_i = sin(X_{i+1}) dt + 0.5 cos(X_i) ∘ dW_i.
auto nonlinear_sde(const brownian_path<double>& path)
{
    return make_stratonovich_sde<vec>(
        [](const vec& x, vec& f, double) {
            f[0] = std::sin(x[1]);
            f[1] = std::sin(x[0]);
        },
        [](const vec& x, vec& g, double) {
            g[0] = 0.5 * std::cos(x[0]);
            g[1] = 0.5 * std::cos(x[1]);
        },
        path, diagonal_noise());
}

constexpr double T = 1.0;
constexpr int path_count = 32;

// Mean recovery error over path_count paths for N = 2^4 ... 2^8 steps, and its fitted slope.
template <class Stepper>
double reversal_slope(std::vector<double>* errors_out = nullptr)
{
    const std::vector<int> step_counts{16, 32, 64, 128, 256};
    std::vector<double> hs, errors(step_counts.size(), 0.0);
    for (int n : step_counts)
        hs.push_back(T / n);
    for (int p = 0; p < path_count; ++p)
    {
        const brownian_path<double> path(99, 0.0, T, 256, 2, p);
        const auto sde = nonlinear_sde(path);
        const vec start{0.3, -0.2};
        for (std::size_t k = 0; k < step_counts.size(); ++k)
        {
            const vec back =
                ees_test::forward_then_back(Stepper(), sde, start, T, step_counts[k]);
            errors[k] += ees_test::distance(back, start) / path_count;
        }
    }
    if (errors_out)
        *errors_out = errors;
    return ees_test::fitted_slope(hs, errors);
}

} // namespace

TEST_CASE("ees25 recovers the start of a Brownian path with error slope 2 in h")
{
    // Tolerance ±0.3: the per-path error is a product of random increments, whose 32-path
    // mean still carries ~15% noise per point.
    CHECK(reversal_slope<ees25<vec>>() == Approx(2.0).margin(0.3));
}

TEST_CASE("ees27 recovers the start of a Brownian path with error slope 3 in h")
{
    CHECK(reversal_slope<ees27<vec>>() == Approx(3.0).margin(0.3));
}

TEST_CASE("reversible_heun recovers the start of a Brownian path to rounding")
{
    std::vector<double> errors;
    reversal_slope<reversible_heun<vec>>(&errors);
    for (double e : errors)
        CHECK(e < 1e-13);  // O(N) roundings of O(1) quantities, N <= 256
}

TEST_CASE("inverse_do_step negates the Brownian increment")
{
    // With the noise replayed un-negated the recovery error would be O(|ΔW|) ~ 0.1, not tiny.
    const brownian_path<double> path(5, 0.0, 1.0, 64, 2);
    const auto sde = nonlinear_sde(path);
    ees25<vec> stepper;
    vec x{0.3, -0.2};
    stepper.do_step(sde, x, 0.5, 1.0 / 64);
    stepper.inverse_do_step(sde, x, 0.5, 1.0 / 64);
    CHECK(ees_test::distance(x, vec{0.3, -0.2}) < 1e-8);
}

TEST_CASE("odeint's integrate_times drives an SDE through observation times")
{
    // integrate_times accumulates t += dt and may end a segment with a step a rounding error
    // long (here 0.6 - 5.6e-17 -> 0.6); both ends are the same grid time, so the Brownian
    // increment over it is zero, and the result equals stepping by hand.
    const brownian_path<double> path(21, 0.0, 1.0, 10, 2);
    std::vector<double> zero(2, 1.0);
    path.increment(0.6 - 1e-16, 0.6, zero);
    CHECK(zero == std::vector<double>{0.0, 0.0});

    const auto sde = nonlinear_sde(path);
    const std::vector<double> times{0.0, 0.3, 0.6, 1.0};
    vec x{0.3, -0.2};
    integrate_times(ees25<vec>(), sde, x, times.begin(), times.end(), 0.1,
                    [](const vec&, double) {});
    vec by_hand{0.3, -0.2};
    ees25<vec> stepper;
    for (int i = 0; i < 10; ++i)
        stepper.do_step(sde, by_hand, 0.1 * i, 0.1);
    CHECK(ees_test::distance(x, by_hand) < 1e-12);
}
