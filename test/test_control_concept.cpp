// A user's own control (path) needs only what the Control concept table of doc/reference.md
// lists: value_type, dimension() and increment(s, u, dW). time_type is optional and defaults
// to value_type (system/driven_system.hpp); a control without value_type is a compile error
// with a sentence (test/compile_fail/control_without_value_type.cpp).
#include <boost/numeric/odeint.hpp>
#include <boost/numeric/odeint/ees.hpp>

#include <cstddef>
#include <vector>

#include <catch2/catch.hpp>

using namespace boost::numeric::odeint;
using vec = std::vector<double>;

namespace {

// A deterministic driver W(t) = t² (no time_type), so that dX = x dW has the exact solution
// x(t) = x(0) exp(t²).
struct square_control
{
    using value_type = double;
    std::size_t dimension() const { return 1; }
    void increment(double s, double u, vec& dW) const { dW[0] = u * u - s * s; }
};

// The same control with a time_type of its own.
struct square_control_with_time : square_control
{
    using time_type = double;
};

template <class Control>
double solve_to_one(int steps)
{
    const auto system = make_stratonovich_sde<vec>([](const vec&, vec& f, double) { f[0] = 0; },
                                                   [](const vec& x, vec& g, double) { g[0] = x[0]; },
                                                   Control(), scalar_noise());
    vec x{1.0};
    integrate_n_steps(ees25<vec>(), system, x, 0.0, 1.0 / steps, steps);
    return x[0];
}

} // namespace

TEST_CASE("A control without time_type steps with value_type as its time type")
{
    STATIC_REQUIRE(std::is_same<detail::control_time_t<square_control>, double>::value);
    STATIC_REQUIRE(std::is_same<detail::control_time_t<square_control_with_time>, double>::value);
    // dX = x dW along W = t²: the exact x(1) is e; ees25 (order 2 on this smooth driver) with
    // 64 steps is within 1e-4 of it, and bitwise the result of the control with time_type.
    const double x1 = solve_to_one<square_control>(64);
    CHECK(x1 == Approx(std::exp(1.0)).epsilon(1e-4));
    CHECK(x1 == solve_to_one<square_control_with_time>(64));
}
