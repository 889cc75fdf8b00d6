// A driven system has no derivative to pass to the derivative forms of try_step.
// expected error: a driven system has no derivative to pass to try_step
#include <boost/numeric/odeint.hpp>
#include <boost/numeric/odeint/ees.hpp>
#include <boost/numeric/odeint/noise/virtual_brownian_tree.hpp>

#include <vector>

using namespace boost::numeric::odeint;
using vec = std::vector<double>;

int main()
{
    const virtual_brownian_tree<double> path(1, 0.0, 1.0, 1e-6);
    const auto sde = make_stratonovich_sde<vec>([](const vec&, vec& f, double) { f[0] = 0; },
                                                [](const vec&, vec& g, double) { g[0] = 1; },
                                                path, scalar_noise());
    vec x{0.0}, dxdt{0.0};
    double t = 0.0, dt = 0.1;
    auto controlled = make_controlled(1e-6, 1e-6, ees25<vec>());
    controlled.try_step(sde, x, dxdt, t, dt);
}
