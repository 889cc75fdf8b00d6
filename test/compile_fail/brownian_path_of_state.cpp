// brownian_path takes the scalar type of the increments, not the state type.
// expected error: brownian_path<Value, Time> takes the scalar type of the increments
#include <boost/numeric/odeint/noise/brownian_path.hpp>

#include <vector>

int main()
{
    const boost::numeric::odeint::brownian_path<std::vector<double>> path(1, 0.0, 1.0, 10);
    static_cast<void>(path);
}
