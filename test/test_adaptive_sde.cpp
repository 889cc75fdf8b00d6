// Adaptive EES steps for SDEs: make_controlled's controller (controlled_driven_runge_kutta)
// weighs the embedded estimate on the increments, K_1 − Σ b_i K_i, and retries rejected steps
// on the same virtual Brownian tree. The estimate sees the ½ g'g ΔW² term of the local
// error; on the Stratonovich GBM, whose drift and diffusion commute, that term is the whole
// story and the achieved error follows the tolerance (doc/adaptive.md has the SDEs where it
// is not).
#include <boost/numeric/odeint.hpp>
#include <boost/numeric/odeint/ees.hpp>
#include <boost/numeric/odeint/noise/brownian_path.hpp>
#include <boost/numeric/odeint/noise/virtual_brownian_tree.hpp>

#include <cmath>
#include <cstddef>
#include <stdexcept>
#include <utility>
#include <vector>

#include <catch2/catch.hpp>

#include "gradient_support.hpp"
#include "sde_support.hpp"
#include "test_support.hpp"

using namespace boost::numeric::odeint;
using vec = std::vector<double>;

namespace {

using tree_type = virtual_brownian_tree<double>;

// Stratonovich GBM dX = μX dt + σX ∘ dW on path p of a tree resolved to 2^-24.
struct gbm_on_tree
{
    double mu = 0.5, sigma = 1.0, T = 1.0;

    tree_type tree(std::uint64_t path) const
    {
        return tree_type(7, 0.0, T, std::ldexp(1.0, -24), 1, path);
    }

    auto sde(const tree_type& tree) const
    {
        return make_stratonovich_sde<vec>(ees_test::gbm_drift{mu}, ees_test::gbm_diffusion{sigma},
                                          tree, scalar_noise());
    }

    /// X_T = X_0 exp(μT + σW_T), X_0 = 1, with W_T read from the tree.
    double exact(const tree_type& tree) const
    {
        vec W(1);
        tree.value(T, W);
        return std::exp(mu * T + sigma * W[0]);
    }
};

struct adaptive_run
{
    vec x;
    std::vector<double> times;  // t_0 = 0 and the end of every accepted step
    std::vector<double> steps;  // the dt of every accepted step
    std::size_t attempts = 0;
};

// try_step by hand from dt0 = 0.01, counting attempts and recording the accepted times.
template <class Stepper, class System>
adaptive_run solve_adaptive(double tol, const System& sde, double T)
{
    auto controlled = make_controlled(tol, tol, Stepper());
    adaptive_run run{vec{1.0}, {0.0}, {}, 0};
    double t = 0.0, dt = 0.01;
    while (t < T)
    {
        if (t + dt > T)
            dt = T - t;
        ++run.attempts;
        const double step = dt;
        if (controlled.try_step(sde, run.x, t, dt) == success)
        {
            run.times.push_back(t);
            run.steps.push_back(step);
        }
        if (run.attempts > 100000)
            FAIL("no end after 100000 attempts, at t = " << t);
    }
    return run;
}

// Mean over `paths` GBM paths of |X_T − exact| for the adaptive solve, and the mean number
// of stage evaluations (attempts × stages).
template <class Stepper>
std::pair<double, double> adaptive_gbm_error(double tol, int paths)
{
    const gbm_on_tree problem;
    double error = 0, evaluations = 0;
    for (int p = 0; p < paths; ++p)
    {
        const tree_type tree = problem.tree(p);
        const adaptive_run run = solve_adaptive<Stepper>(tol, problem.sde(tree), problem.T);
        error += std::abs(run.x[0] - problem.exact(tree)) / paths;
        evaluations += double(run.attempts * Stepper::stage_count) / paths;
    }
    return {error, evaluations};
}

// The same mean error for n fixed steps.
double fixed_gbm_error(int n, int paths)
{
    const gbm_on_tree problem;
    double error = 0;
    for (int p = 0; p < paths; ++p)
    {
        const tree_type tree = problem.tree(p);
        const vec x = ees_test::solve(ees25<vec>(), problem.sde(tree), vec{1.0}, problem.T, n);
        error += std::abs(x[0] - problem.exact(tree)) / paths;
    }
    return error;
}

} // namespace

TEST_CASE("Adaptive SDE steps on a virtual Brownian tree meet the tolerance in proportion")
{
    // GBM, 64 paths, tol = 1e-1 ... 1e-4: mean strong error ∝ tol (measured slope 0.98 for
    // both steppers) and below tol.
    const std::vector<double> tolerances{1e-1, 1e-2, 1e-3, 1e-4};
    std::vector<double> errors25, errors27;
    for (double tol : tolerances)
    {
        errors25.push_back(adaptive_gbm_error<ees25<vec>>(tol, 64).first);
        errors27.push_back(adaptive_gbm_error<ees27<vec>>(tol, 64).first);
        INFO("tol " << tol << ": ees25 " << errors25.back() << ", ees27 " << errors27.back());
        CHECK(errors25.back() < tol);
        CHECK(errors27.back() < tol);
    }
    CHECK(ees_test::fitted_slope(tolerances, errors25) == Approx(1.0).margin(0.1));
    CHECK(ees_test::fitted_slope(tolerances, errors27) == Approx(1.0).margin(0.1));
}

TEST_CASE("On the GBM, adaptive steps beat fixed steps of the same cost")
{
    // The steps shrink where |σX| is large: at tol = 1e-3 the adaptive error is several times
    // below that of fixed steps with the same number of evaluations (rejected attempts
    // included).
    const auto [adaptive_error, evaluations] = adaptive_gbm_error<ees25<vec>>(1e-3, 64);
    const int n = static_cast<int>(evaluations / ees25<vec>::stage_count);
    const double fixed_error = fixed_gbm_error(n, 64);
    INFO(evaluations << " evaluations: adaptive error " << adaptive_error << ", " << n
                     << " fixed steps " << fixed_error);
    CHECK(adaptive_error * 3 < fixed_error);
}

TEST_CASE("Rejected SDE steps leave the noise untouched: the accepted steps replay bit for bit")
{
    // A rejected attempt asks the tree for W over an interval that is then not used; the
    // accepted steps, taken again as plain do_step calls on a fresh copy of the tree, give
    // the same state exactly.
    const gbm_on_tree problem;
    const tree_type tree = problem.tree(3);
    const auto sde = problem.sde(tree);
    const adaptive_run run = solve_adaptive<ees27<vec>>(1e-3, sde, problem.T);
    REQUIRE(run.attempts > run.times.size() + 10);  // there were rejections

    const auto fresh = problem.sde(problem.tree(3));
    ees27<vec> stepper;
    vec x{1.0};
    for (std::size_t k = 0; k < run.steps.size(); ++k)
        stepper.do_step(fresh, x, run.times[k], run.steps[k]);
    CHECK(x[0] == run.x[0]);

    // integrate_adaptive takes the same steps.
    vec y{1.0};
    std::vector<double> observed;
    integrate_adaptive(make_controlled(1e-3, 1e-3, ees27<vec>()), sde, y, 0.0, problem.T, 0.01,
                       [&](const vec&, double t) { observed.push_back(t); });
    CHECK(observed == run.times);
    CHECK(y[0] == run.x[0]);
}

TEST_CASE("Adaptive reversible SDE gradients agree with the store-everything adjoint on the same "
          "steps")
{
    // The 2-D SDE with non-commuting 2×2 noise on a 2-component tree, and the GBM: the forward
    // pass records the accepted (t, dt), the backward pass replays them on the same tree.
    const auto terminal = [](const vec& y, vec& a) { a = y; };
    const auto check = [&](const auto& sde, const vec& start, double tol) {
        vec x = start, grad_x0(start.size()), grad_p(2, 0.0);
        const auto r = integrate_reversible(make_controlled(tol, tol, ees25<vec>()), sde, x, 0.0,
                                            1.0, 0.01, terminal, grad_x0, grad_p);
        vec y = start, ref_x0(start.size()), ref_p(2, 0.0);
        const auto s = integrate_discrete_adjoint(make_controlled(tol, tol, ees25<vec>()), sde, y,
                                                  0.0, 1.0, 0.01, terminal, ref_x0, ref_p);
        REQUIRE(r.steps == s.steps);
        CHECK(x == y);
        vec rev = grad_x0, ref = ref_x0;
        rev.insert(rev.end(), grad_p.begin(), grad_p.end());
        ref.insert(ref.end(), ref_p.begin(), ref_p.end());
        INFO("tol " << tol << ": " << r.steps << " steps, reconstruction error "
                    << r.reconstruction_error);
        // The two differ only through the reconstruction, which is accurate to O(h^3) a step:
        // the gradients agree to the order of the reconstruction error (measured ratio ≤ 2).
        CHECK(r.reconstruction_error < 1e-5);
        CHECK(ees_test::relative_difference(rev, ref) <= 10 * r.reconstruction_error + 1e-12);
        return r.reconstruction_error;
    };
    std::vector<double> coupled, gbm;
    for (double tol : {1e-3, 1e-4})
    {
        const tree_type tree2(5, 0.0, 1.0, std::ldexp(1.0, -24), 2, 1);
        coupled.push_back(check(make_stratonovich_sde<vec>(ees_test::coupled_drift{1.0, 0.5},
                                                           ees_test::coupled_diffusion{0.5},
                                                           tree2, general_noise()),
                                vec{0.3, -0.2}, tol));
        const gbm_on_tree problem{0.5, 0.2, 1.0};
        gbm.push_back(check(problem.sde(problem.tree(2)), vec{1.0}, tol));
    }
    // Ten times tighter: steps about ten times shorter, reconstruction error far smaller.
    CHECK(coupled[1] < coupled[0] / 100);
    CHECK(gbm[1] < gbm[0] / 100);
}

TEST_CASE("Adaptive SDE stepping rejects paths it cannot step on")
{
    const gbm_on_tree problem;
    // A fixed-grid path cannot give increments between its grid times.
    const brownian_path<double> grid(7, 0.0, 1.0, 64, 1, 0);
    const auto on_grid = make_stratonovich_sde<vec>(
        ees_test::gbm_drift{0.5}, ees_test::gbm_diffusion{1.0}, grid, scalar_noise());
    ees_test::require_throw_mentioning<std::invalid_argument>(
        [&] {
            vec x{1.0};
            integrate_adaptive(make_controlled(1e-3, 1e-3, ees25<vec>()), on_grid, x, 0.0, 1.0,
                               1.0 / 64);
        },
        "is not a grid time");
    // A tree on [0, 1] cannot be stepped to t = 2.
    const tree_type tree = problem.tree(0);
    ees_test::require_throw_mentioning<std::out_of_range>(
        [&] {
            vec x{1.0};
            integrate_adaptive(make_controlled(1e-3, 1e-3, ees25<vec>()), problem.sde(tree), x,
                               0.0, 2.0, 0.01);
        },
        "outside");
    // A non-finite state stops integrate_reversible before the first step.
    ees_test::require_throw_mentioning<std::runtime_error>(
        [&] {
            vec x{std::nan("")}, grad_x0(1), grad_p(2, 0.0);
            integrate_reversible(make_controlled(1e-3, 1e-3, ees25<vec>()), problem.sde(tree), x,
                                 0.0, 1.0, 0.01, [](const vec& y, vec& a) { a = y; }, grad_x0,
                                 grad_p);
        },
        "not finite");
}
