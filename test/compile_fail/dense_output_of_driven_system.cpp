// Dense output needs a derivative, which a driven system (an SDE) does not have.
// expected error: dense output needs the derivative of an ODE, and a driven system
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
    vec x{0.0};
    integrate_const(make_dense_output(1e-6, 1e-6, ees25<vec>()), sde, x, 0.0, 1.0, 0.1);
}
