// A control must name the scalar of its increments; time_type alone is not enough.
// expected error: a control (path) declares value_type, the scalar of its increments
#include <boost/numeric/odeint.hpp>
#include <boost/numeric/odeint/ees.hpp>

#include <cstddef>
#include <vector>

using vec = std::vector<double>;

struct control_without_value_type
{
    using time_type = double;
    std::size_t dimension() const { return 1; }
    void increment(double s, double u, vec& dW) const { dW[0] = u - s; }
};

int main()
{
    using namespace boost::numeric::odeint;
    const auto sde = make_stratonovich_sde<vec>([](const vec&, vec& f, double) { f[0] = 0; },
                                                [](const vec&, vec& g, double) { g[0] = 1; },
                                                control_without_value_type(), scalar_noise());
    vec x{0.0};
    integrate_n_steps(ees25<vec>(), sde, x, 0.0, 0.1, 10);
}
