// make_ito_sde's correction calls diffusion.vjp; a vjp taking std::vector<double>& adj_p needs
// a scratch vector of known size: without a parameter_count or required_parameter_count() the
// error says how to give it.
// expected error: make_ito_sde: this diffusion.vjp takes a concrete adj_p
#include <boost/numeric/odeint.hpp>
#include <boost/numeric/odeint/ees.hpp>

#include <cstddef>
#include <vector>

using vec = std::vector<double>;

struct drift
{
    void operator()(const vec& x, vec& f, double) const { f[0] = 0.1 * x[0]; }
};

struct diffusion
{
    void operator()(const vec& x, vec& g, double) const { g[0] = 0.4 * x[0]; }
    void vjp(const vec& x, double, const vec& u, vec& adj_x, std::vector<double>& adj_p) const
    {
        adj_x[0] += 0.4 * u[0];
        adj_p[1] += x[0] * u[0];
    }
};

int main()
{
    using namespace boost::numeric::odeint;
    const auto sde = make_ito_sde<vec>(drift(), diffusion(),
                                       brownian_path<double>(1, 0.0, 1.0, 10, 1),
                                       diagonal_noise());
    vec x{1.0};
    integrate_n_steps(ees25<vec>(), sde, x, 0.0, 0.1, 10);
}
