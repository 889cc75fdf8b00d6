// Adaptive SDE stepping against fixed steps of the same cost. make_controlled(tol, tol,
// ees25) on a virtual Brownian tree (resolved to 2^-22) from dt0 = 0.01, on three scalar
// Stratonovich SDEs over t = 0..1, 40 paths each:
//   gbm          dX = 0.5 X dt + X ∘ dW                  (drift and diffusion commute)
//   time-dep.    dX = −X dt + (1 + ½ sin 6t) X ∘ dW       (the diffusion depends on t)
//   nonlinear    dX = (2 sin X + ½) dt + X ∘ dW           (drift and diffusion do not commute)
// For each tolerance: accepted steps, attempts, stage evaluations (attempts × 3), the mean
// relative error at t = 1, and the mean relative error of ees25 with fixed steps of the same
// number of evaluations. Reference: the exact solution (gbm) or ees27 with 2^16 steps on the
// same tree. Prints a Markdown table.
#include <boost/numeric/odeint.hpp>
#include <boost/numeric/odeint/ees.hpp>
#include <boost/numeric/odeint/noise/virtual_brownian_tree.hpp>

#include <cmath>
#include <cstdint>
#include <cstdio>
#include <vector>

namespace odeint = boost::numeric::odeint;
using vec = std::vector<double>;
using tree_type = odeint::virtual_brownian_tree<double>;

namespace {

const double end_time = 1.0;
const int paths = 40;

struct gbm
{
    static constexpr const char* name = "gbm";
    static void drift(const vec& x, vec& f, double) { f[0] = 0.5 * x[0]; }
    static void diffusion(const vec& x, vec& g, double) { g[0] = x[0]; }
};

struct time_dependent
{
    static constexpr const char* name = "time-dependent";
    static void drift(const vec& x, vec& f, double) { f[0] = -x[0]; }
    static void diffusion(const vec& x, vec& g, double t)
    {
        g[0] = (1.0 + 0.5 * std::sin(6.0 * t)) * x[0];
    }
};

struct burst
{
    static constexpr const char* name = "noise burst";
    static void drift(const vec& x, vec& f, double) { f[0] = -x[0]; }
    static void diffusion(const vec& x, vec& g, double t)
    {
        const double z = (t - 0.5) / 0.05;
        g[0] = (0.2 + 3.0 * std::exp(-z * z)) * x[0];
    }
};

struct nonlinear
{
    static constexpr const char* name = "nonlinear";
    static void drift(const vec& x, vec& f, double) { f[0] = 2.0 * std::sin(x[0]) + 0.5; }
    static void diffusion(const vec& x, vec& g, double) { g[0] = x[0]; }
};

template <class Problem>
auto make_sde(const tree_type& tree)
{
    return odeint::make_stratonovich_sde<vec>(&Problem::drift, &Problem::diffusion, tree,
                                              odeint::scalar_noise());
}

template <class Problem>
double reference(const tree_type& tree)
{
    if constexpr (std::is_same<Problem, gbm>::value)
    {
        vec W(1);
        tree.value(end_time, W);
        return std::exp(0.5 * end_time + W[0]);
    }
    else
    {
        vec x{1.0};
        const int n = 1 << 16;
        odeint::ees27<vec> stepper;
        const auto sde = make_sde<Problem>(tree);
        for (int i = 0; i < n; ++i)
            stepper.do_step(sde, x, i * end_time / n, end_time / n);
        return x[0];
    }
}

template <class Problem>
void rows()
{
    for (double tol : {1e-2, 1e-3, 1e-4})
    {
        double steps = 0, attempts = 0, error = 0, fixed_error = 0;
        for (int p = 0; p < paths; ++p)
        {
            const tree_type tree(11, 0.0, end_time, std::ldexp(1.0, -22), 1,
                                 static_cast<std::uint64_t>(p));
            const auto sde = make_sde<Problem>(tree);
            const double exact = reference<Problem>(tree);

            auto controlled = odeint::make_controlled(tol, tol, odeint::ees25<vec>());
            vec x{1.0};
            double t = 0.0, dt = 0.01;
            long tries = 0, accepted = 0;
            while (t < end_time)
            {
                if (t + dt > end_time)
                    dt = end_time - t;
                ++tries;
                if (controlled.try_step(sde, x, t, dt) == odeint::success)
                    ++accepted;
            }
            // An attempt is three steps (the step and its two halves).
            const long n = 3 * tries;
            vec y{1.0};
            odeint::ees25<vec> stepper;
            for (long i = 0; i < n; ++i)
                stepper.do_step(sde, y, i * end_time / n, end_time / n);

            steps += double(accepted) / paths;
            attempts += double(tries) / paths;
            error += std::abs(x[0] - exact) / std::abs(exact) / paths;
            fixed_error += std::abs(y[0] - exact) / std::abs(exact) / paths;
        }
        std::printf("| %s | %g | %.0f | %.0f | %.0f | %.1e | %.1e |\n", Problem::name, tol, steps,
                    attempts, 9 * attempts, error, fixed_error);
    }
}

} // namespace

int main()
{
    std::printf("| SDE | tol | accepted steps | attempts | evaluations | adaptive error | "
                "fixed-step error, same evaluations |\n|---|---|---|---|---|---|---|\n");
    rows<gbm>();
    rows<time_dependent>();
    rows<burst>();
    rows<nonlinear>();
}
