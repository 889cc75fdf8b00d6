// The drop-in swap: odeint's Lorenz example with runge_kutta4 replaced by ees25.
// Nothing else changes: same state type, same system, same integrate_const and observer.
// Then the solve is run backwards with inverse_do_step to recover the initial state.
#include <boost/numeric/odeint.hpp>
#include <boost/numeric/odeint/ees.hpp>

#include <array>
#include <cmath>
#include <cstdio>

namespace odeint = boost::numeric::odeint;
using state_type = std::array<double, 3>;

const double sigma = 10.0, R = 28.0, b = 8.0 / 3.0;

void lorenz(const state_type& x, state_type& dxdt, double /*t*/)
{
    dxdt[0] = sigma * (x[1] - x[0]);
    dxdt[1] = R * x[0] - x[1] - x[0] * x[2];
    dxdt[2] = -b * x[2] + x[0] * x[1];
}

int main()
{
    const double dt = 0.001;
    const int steps = 1000;  // t = 0 -> 1: short enough that the chaos has not yet
                             // amplified rounding beyond what the reversal can undo
    state_type x{10.0, 1.0, 1.0};

    // was: odeint::runge_kutta4<state_type> stepper;
    odeint::ees25<state_type> stepper;
    odeint::integrate_n_steps(stepper, lorenz, x, 0.0, dt, steps,
                              [](const state_type& x, double t) {
                                  if (std::fmod(t + 1e-9, 0.25) < 2e-9)
                                      std::printf("t = %4.2f   x = (%9.5f, %9.5f, %9.5f)\n", t,
                                                  x[0], x[1], x[2]);
                              });

    // Backwards: each inverse_do_step undoes one do_step to O(dt^6).
    for (int i = steps - 1; i >= 0; --i)
        stepper.inverse_do_step(lorenz, x, i * dt, dt);
    std::printf("recovered x(0) = (%.12f, %.12f, %.12f), started from (10, 1, 1)\n", x[0], x[1],
                x[2]);
}
