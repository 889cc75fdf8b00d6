// Tests of boost/numeric/odeint/noise/brownian_path.hpp: distribution, independence,
// reproducibility and input checking of the counter-based fixed-grid Brownian path.
//
// Statistical checks use a fixed seed (so they are deterministic) and a tolerance of 5
// standard errors of the estimator for the sample size used; a sound generator passes each
// with probability 1 - 6e-7, a generator with the wrong scale, a repeated stream or a
// non-normal law fails them.
#include <boost/numeric/odeint/noise/brownian_path.hpp>

#include <catch2/catch.hpp>

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <cstring>
#include <limits>
#include <numeric>
#include <random>
#include <stdexcept>
#include <type_traits>
#include <vector>

using boost::numeric::odeint::brownian_path;
using Catch::Matchers::Contains;

namespace {

struct moments
{
    double mean;
    double variance;
    double fourth;             // E[(x - mean)^4] / variance^2 (3 for a normal law)
    double within_one_sigma;   // fraction with |x - mean| < sqrt(variance) (0.6827 for normal)
};

moments sample_moments(const std::vector<double>& x)
{
    const double n = static_cast<double>(x.size());
    const double mean = std::accumulate(x.begin(), x.end(), 0.0) / n;
    double m2 = 0, m4 = 0;
    for (double v : x) {
        const double d = (v - mean) * (v - mean);
        m2 += d;
        m4 += d * d;
    }
    m2 /= n;
    m4 /= n;
    const double sigma = std::sqrt(m2);
    const double inside =
        static_cast<double>(std::count_if(x.begin(), x.end(),
                                          [&](double v) { return std::abs(v - mean) < sigma; })) /
        n;
    return moments{mean, m2, m4 / (m2 * m2), inside};
}

double correlation(const std::vector<double>& x, const std::vector<double>& y)
{
    const double n = static_cast<double>(x.size());
    const double mx = std::accumulate(x.begin(), x.end(), 0.0) / n;
    const double my = std::accumulate(y.begin(), y.end(), 0.0) / n;
    double sxy = 0, sxx = 0, syy = 0;
    for (std::size_t j = 0; j < x.size(); ++j) {
        sxy += (x[j] - mx) * (y[j] - my);
        sxx += (x[j] - mx) * (x[j] - mx);
        syy += (y[j] - my) * (y[j] - my);
    }
    return sxy / std::sqrt(sxx * syy);
}

// Checks that the standardised sample z (should be N(0, 1) i.i.d.) has the normal law's
// mean, variance, kurtosis and one-sigma mass, each within 5 standard errors.
void check_standard_normal(const std::vector<double>& z)
{
    const double n = static_cast<double>(z.size());
    const moments m = sample_moments(z);
    CHECK(std::abs(m.mean) < 5 * std::sqrt(1 / n));                  // sd of the mean: 1/sqrt(n)
    CHECK(std::abs(m.variance - 1) < 5 * std::sqrt(2 / n));          // sd of s^2: sqrt(2/n)
    CHECK(std::abs(m.fourth - 3) < 5 * std::sqrt(96 / n));           // sd of m4: sqrt(96/n)
    const double p = 0.682689492137;                                  // P(|Z| < 1)
    CHECK(std::abs(m.within_one_sigma - p) < 5 * std::sqrt(p * (1 - p) / n));
}

} // namespace

TEMPLATE_TEST_CASE("brownian_path step increments are normal with mean 0 and variance dt", "",
                   float, double)
{
    const std::size_t steps = 1u << 18;
    const brownian_path<TestType> path(12345, TestType(0), TestType(2), steps);
    const double dt = 2.0 / steps;
    REQUIRE(path.dt() == TestType(dt));
    std::vector<double> z(steps);
    for (std::size_t k = 0; k < steps; ++k)
        z[k] = path.step_increment(k, 0) / std::sqrt(dt);
    check_standard_normal(z);
}

TEMPLATE_TEST_CASE("brownian_path step increments are uncorrelated from step to step", "",
                   float, double)
{
    const std::size_t steps = 1u << 18;
    const brownian_path<TestType> path(99, TestType(0), TestType(1), steps);
    std::vector<double> now(steps - 2), next(steps - 2), after_next(steps - 2);
    for (std::size_t k = 0; k + 2 < steps; ++k) {
        now[k] = path.step_increment(k, 0);
        next[k] = path.step_increment(k + 1, 0);
        after_next[k] = path.step_increment(k + 2, 0);
    }
    const double bound = 5 / std::sqrt(double(steps)); // sd of a sample correlation: 1/sqrt(n)
    CHECK(std::abs(correlation(now, next)) < bound);
    CHECK(std::abs(correlation(now, after_next)) < bound);
}

TEMPLATE_TEST_CASE("brownian_path components, paths and seeds are independent", "", float,
                   double)
{
    // Five components span two or three Philox blocks (4 float or 2 double lanes each).
    const std::size_t steps = 1u << 16, dimension = 5;
    const brownian_path<TestType> path0(7, TestType(0), TestType(1), steps, dimension, 0);
    const brownian_path<TestType> path1(7, TestType(0), TestType(1), steps, dimension, 1);
    const brownian_path<TestType> other_seed(8, TestType(0), TestType(1), steps, dimension, 0);
    std::vector<std::vector<double>> component(dimension, std::vector<double>(steps));
    std::vector<double> next_path(steps), next_seed(steps);
    std::vector<TestType> dW(dimension);
    const TestType h = path0.dt();
    for (std::size_t k = 0; k < steps; ++k) {
        path0.increment(TestType(k) * h, TestType(k + 1) * h, dW);
        for (std::size_t i = 0; i < dimension; ++i)
            component[i][k] = dW[i];
        next_path[k] = path1.step_increment(k, 0);
        next_seed[k] = other_seed.step_increment(k, 0);
    }
    const double bound = 5 / std::sqrt(double(steps)); // sd of a sample correlation: 1/sqrt(n)
    for (std::size_t i = 0; i < dimension; ++i)
        for (std::size_t j = i + 1; j < dimension; ++j) {
            INFO("components " << i << " and " << j);
            CHECK(std::abs(correlation(component[i], component[j])) < bound);
        }
    CHECK(std::abs(correlation(component[0], next_path)) < bound);
    CHECK(std::abs(correlation(component[0], next_seed)) < bound);

    // Across paths at one fixed step: again N(0, dt).
    const std::size_t paths = 1u << 16;
    std::vector<double> z(paths);
    for (std::size_t p = 0; p < paths; ++p)
        z[p] = brownian_path<TestType>(7, TestType(0), TestType(1), steps, 1, p)
                   .step_increment(123, 0) /
               std::sqrt(double(h));
    check_standard_normal(z);
}

TEMPLATE_TEST_CASE("brownian_path returns bitwise-identical increments in any query order", "",
                   float, double)
{
    const std::size_t steps = 4096, dimension = 3;
    const brownian_path<TestType> path(31337, TestType(-1), TestType(3), steps, dimension, 4);
    std::vector<std::size_t> order(steps);
    std::iota(order.begin(), order.end(), std::size_t{0});

    const auto query_all = [&](const brownian_path<TestType>& source) {
        std::vector<TestType> result(steps * dimension);
        std::vector<TestType> dW(dimension);
        for (std::size_t k : order) {
            const TestType s = source.t0() + TestType(k) * source.dt();
            const TestType u = source.t0() + TestType(k + 1) * source.dt();
            source.increment(s, u, dW);
            std::copy(dW.begin(), dW.end(), result.begin() + k * dimension);
        }
        return result;
    };
    const std::vector<TestType> forward = query_all(path);
    std::reverse(order.begin(), order.end());
    const std::vector<TestType> backward = query_all(path);
    std::shuffle(order.begin(), order.end(), std::mt19937(5));
    const brownian_path<TestType> rebuilt(31337, TestType(-1), TestType(3), steps, dimension, 4);
    const std::vector<TestType> shuffled = query_all(rebuilt);

    const std::size_t bytes = forward.size() * sizeof(TestType);
    CHECK(std::memcmp(forward.data(), backward.data(), bytes) == 0);
    CHECK(std::memcmp(forward.data(), shuffled.data(), bytes) == 0);

    // One-step increment, step_increment and the device-side free function agree bitwise.
    const auto key = boost::numeric::odeint::noise_key(path.seed(), path.path());
    for (std::size_t k = 0; k < steps; k += 97)
        for (std::size_t i = 0; i < dimension; ++i) {
            const TestType member = path.step_increment(k, i);
            const TestType free_function =
                boost::numeric::odeint::brownian_grid_increment<TestType>(
                    key, path.levels(), k, k + 1, i, path.sqrt_dt());
            CHECK(std::memcmp(&member, &forward[k * dimension + i], sizeof(TestType)) == 0);
            CHECK(std::memcmp(&member, &free_function, sizeof(TestType)) == 0);
        }
}

TEMPLATE_TEST_CASE("brownian_path multi-step increment is the sum of its step increments", "",
                   float, double)
{
    const std::size_t steps = 1000, dimension = 3;
    const brownian_path<TestType> path(2718, TestType(0), TestType(10), steps, dimension);
    std::mt19937 choose(17);
    std::uniform_int_distribution<std::size_t> step(0, steps);
    std::vector<TestType> dW(dimension);
    for (int trial = 0; trial < 200; ++trial) {
        std::size_t a = step(choose), b = step(choose);
        if (a == b)
            continue;
        if (a > b)
            std::swap(a, b);
        path.increment(TestType(a) * path.dt(), TestType(b) * path.dt(), dW);
        for (std::size_t i = 0; i < dimension; ++i) {
            TestType sum = 0;
            double magnitude = 0;
            for (std::size_t k = a; k < b; ++k) {
                sum += path.step_increment(k, i);
                magnitude += std::abs(double(path.step_increment(k, i)));
            }
            // Recursive summation of n terms errs by at most (n - 1) eps sum |terms|.
            const double bound =
                double(b - a) * std::numeric_limits<TestType>::epsilon() * magnitude;
            CHECK(std::abs(double(dW[i]) - double(sum)) <= bound);
        }
    }

    // W(t1) - W(t0) over many paths: N(0, t1 - t0).
    const std::size_t paths = 1u << 15;
    std::vector<double> z(paths);
    for (std::size_t p = 0; p < paths; ++p)
        z[p] = brownian_path<TestType>(5, TestType(0), TestType(10), 16, 1, p)
                   .increment(TestType(0), TestType(10)) /
               std::sqrt(10.0);
    check_standard_normal(z);
}

TEMPLATE_TEST_CASE("brownian_path accepts grid times accumulated by t += dt", "", float, double)
{
    // double: 10^5 additions; float: 10^3 (float grid times carry ~1e-4 relative error then).
    const std::size_t steps = std::is_same<TestType, float>::value ? 1000 : 100000;
    const brownian_path<TestType> path(3, TestType(0.5), TestType(1.5), steps);
    TestType t = path.t0();
    const TestType h = path.dt();
    std::size_t mismatches = 0;
    for (std::size_t k = 0; k < steps; ++k) {
        const TestType next = t + h;
        const TestType value = path.increment(t, next); // throws if t or next is off the grid
        const TestType expected = path.step_increment(k, 0);
        mismatches += std::memcmp(&value, &expected, sizeof(TestType)) != 0;
        t = next;
    }
    CHECK(mismatches == 0);
}

TEST_CASE("brownian_path rejects bad input with a message naming the value")
{
    using path_type = brownian_path<double>;
    const double nan = std::numeric_limits<double>::quiet_NaN();
    const double inf = std::numeric_limits<double>::infinity();

    SECTION("construction")
    {
        CHECK_THROWS_AS(path_type(1, 1.0, 1.0, 10), std::invalid_argument);
        CHECK_THROWS_WITH(path_type(1, 2.0, 1.0, 10), Contains("t1 > t0") && Contains("t0 = 2"));
        CHECK_THROWS_WITH(path_type(1, nan, 1.0, 10), Contains("nan") && Contains("finite"));
        CHECK_THROWS_WITH(path_type(1, 0.0, inf, 10), Contains("inf") && Contains("finite"));
        CHECK_THROWS_WITH(path_type(1, 0.0, 1.0, 0), Contains("steps = 0"));
        CHECK_THROWS_WITH(path_type(1, 0.0, 1.0, 10, 0), Contains("dimension = 0"));
        CHECK_THROWS_AS(path_type(1, 0.0, 1.0, 0), std::invalid_argument);
        CHECK_THROWS_AS(path_type(1, 0.0, 1.0, 10, 0), std::invalid_argument);
    }

    const path_type path(1, 0.0, 1.0, 10, 3);
    std::vector<double> dW(3);

    SECTION("query times")
    {
        // 0.05 is a midpoint: half a step from the grid.
        CHECK_THROWS_AS(path.increment(0.05, 0.5, dW), std::invalid_argument);
        CHECK_THROWS_WITH(path.increment(0.05, 0.5, dW),
                          Contains("s = 0.05") && Contains("not a grid time"));
        CHECK_THROWS_WITH(path.increment(0.0, 0.55, dW),
                          Contains("u = 0.55") && Contains("not a grid time"));
        CHECK_THROWS_AS(path.increment(-0.1, 0.5, dW), std::out_of_range);
        CHECK_THROWS_WITH(path.increment(-0.1, 0.5, dW),
                          Contains("s = -0.1") && Contains("outside [t0, t1]"));
        CHECK_THROWS_AS(path.increment(0.0, 1.1, dW), std::out_of_range);
        CHECK_THROWS_WITH(path.increment(0.0, 1.1, dW), Contains("u = 1.1"));
        CHECK_THROWS_AS(path.increment(0.5, 0.5, dW), std::invalid_argument);
        CHECK_THROWS_WITH(path.increment(0.6, 0.5, dW), Contains("needs s < u"));
        CHECK_THROWS_AS(path.increment(nan, 0.5, dW), std::invalid_argument);
        CHECK_THROWS_WITH(path.increment(0.0, nan, dW), Contains("u = nan"));
        // Within grid_tolerance() of a grid point (here 1e-9): accepted.
        CHECK_NOTHROW(path.increment(0.1 + 1e-12, 0.5 - 1e-12, dW));
        CHECK_THROWS_AS(path.increment(0.1 + 1e-6, 0.5, dW), std::invalid_argument);
    }

    SECTION("sizes and indices")
    {
        std::vector<double> wrong(2);
        CHECK_THROWS_AS(path.increment(0.0, 0.5, wrong), std::invalid_argument);
        CHECK_THROWS_WITH(path.increment(0.0, 0.5, wrong),
                          Contains("size 2") && Contains("dimension() = 3"));
        CHECK_THROWS_WITH(path.increment(0.0, 0.5), Contains("dimension 3"));
        CHECK_THROWS_AS(path.step_increment(10, 0), std::out_of_range);
        CHECK_THROWS_WITH(path.step_increment(10, 0), Contains("k = 10"));
        CHECK_THROWS_AS(path.step_increment(0, 3), std::out_of_range);
        CHECK_THROWS_WITH(path.step_increment(0, 3), Contains("i = 3"));
    }
}

TEST_CASE("brownian_path bounds its step count and dimension and names a negative count")
{
    using path_type = brownian_path<double>;
    const int minus_one = -1;
    CHECK_THROWS_WITH(path_type(1, 0.0, 1.0, minus_one),
                      Contains("steps = 18446744073709551615") &&
                          Contains("the negative count -1 converted") &&
                          Contains("at most 9007199254740992"));
    CHECK_THROWS_WITH(path_type(1, 0.0, 1.0, 10, minus_one),
                      Contains("dimension = 18446744073709551615") &&
                          Contains("the negative count -1") && Contains("at most 4294967296"));
    CHECK_THROWS_AS(path_type(1, 0.0, 1.0, 10, -3), std::invalid_argument);
    CHECK_THROWS_WITH(path_type(1, 0.0, 1.0, std::size_t{1} << 60),
                      Contains("steps = 1152921504606846976 must be at most"));
    CHECK_THROWS_WITH(brownian_path<float>(1, 0.0f, 1.0f, std::size_t{1} << 25),
                      Contains("at most 16777216"));
    CHECK_NOTHROW(path_type(1, 0.0, 1.0, path_type::max_steps, path_type::max_dimension));
}
