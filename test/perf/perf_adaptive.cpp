// Adaptive stepping: steps, function evaluations and achieved global error of
// make_controlled(tol, tol, stepper) for ees25, ees27, odeint's runge_kutta_dopri5 and
// runge_kutta_cash_karp54, on Van der Pol (mu = 1, t = 0..10), Lorenz (t = 0..2) and Kepler
// (e = 0.5, one period), tol = 1e-3 ... 1e-6. Reference: dopri5 at 1e-13.
// Prints a Markdown table.
#include <boost/numeric/odeint.hpp>
#include <boost/numeric/odeint/ees.hpp>

#include <cmath>
#include <cstdio>
#include <vector>

#include "../adaptive_problems.hpp"
#include "../test_support.hpp"

namespace odeint = boost::numeric::odeint;
using vec = std::vector<double>;

template <class Problem, class Stepper>
void row(const char* problem, const char* stepper, double tol)
{
    long reference_evaluations = 0, evaluations = 0;
    vec reference = Problem::start(), x = Problem::start();
    odeint::integrate_adaptive(odeint::make_controlled(1e-13, 1e-13, odeint::runge_kutta_dopri5<vec>()),
                               Problem{&reference_evaluations}, reference, 0.0, Problem::end_time, 1e-3);
    const auto steps = odeint::integrate_adaptive(odeint::make_controlled(tol, tol, Stepper()),
                                                  Problem{&evaluations}, x, 0.0, Problem::end_time, 1e-3);
    std::printf("| %s | %g | %s | %zu | %ld | %.1e |\n", problem, tol, stepper, steps, evaluations,
                ees_test::distance(x, reference));
}

template <class Problem>
void rows(const char* problem)
{
    for (double tol : {1e-3, 1e-4, 1e-5, 1e-6})
    {
        row<Problem, odeint::ees25<vec>>(problem, "ees25", tol);
        row<Problem, odeint::ees27<vec>>(problem, "ees27", tol);
        row<Problem, odeint::runge_kutta_dopri5<vec>>(problem, "dopri5", tol);
        row<Problem, odeint::runge_kutta_cash_karp54<vec>>(problem, "cash_karp54", tol);
    }
}

int main()
{
    std::printf("| problem | tol | stepper | steps | f evals | global error |\n");
    std::printf("|---|---|---|---|---|---|\n");
    rows<ees_test::van_der_pol>("Van der Pol");
    rows<ees_test::lorenz>("Lorenz");
    rows<ees_test::kepler_eccentric>("Kepler e=0.5");
}
