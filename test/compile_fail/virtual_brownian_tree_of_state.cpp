// virtual_brownian_tree takes the scalar type of the increments, not the state type.
// expected error: virtual_brownian_tree<Value, Time> takes the scalar type of the increments
#include <boost/numeric/odeint/noise/virtual_brownian_tree.hpp>

#include <vector>

int main()
{
    const boost::numeric::odeint::virtual_brownian_tree<std::vector<double>> tree(1, 0.0, 1.0,
                                                                                   1e-3);
    static_cast<void>(tree);
}
