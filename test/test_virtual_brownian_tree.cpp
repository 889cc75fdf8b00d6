// Tests of boost/numeric/odeint/noise/virtual_brownian_tree.hpp: the law of W(t) and of its
// increments, Brownian-bridge consistency, determinism in the query order (the path cache must
// not change any value), refinement, and input checking.
//
// Statistical checks use fixed seeds (deterministic) and a tolerance of 5 standard errors of
// the estimator for the sample size used; a wrong bridge variance, a repeated stream or a cache
// that returns stale nodes fails them.
#include <boost/numeric/odeint/noise/virtual_brownian_tree.hpp>

#include <catch2/catch.hpp>

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <cstring>
#include <limits>
#include <numeric>
#include <random>
#include <stdexcept>
#include <vector>

using boost::numeric::odeint::virtual_brownian_tree;
using Catch::Matchers::Contains;

namespace {

double mean_of(const std::vector<double>& x)
{
    return std::accumulate(x.begin(), x.end(), 0.0) / static_cast<double>(x.size());
}

double covariance(const std::vector<double>& x, const std::vector<double>& y)
{
    const double mx = mean_of(x), my = mean_of(y);
    double sum = 0;
    for (std::size_t j = 0; j < x.size(); ++j)
        sum += (x[j] - mx) * (y[j] - my);
    return sum / static_cast<double>(x.size());
}

double correlation(const std::vector<double>& x, const std::vector<double>& y)
{
    return covariance(x, y) / std::sqrt(covariance(x, x) * covariance(y, y));
}

} // namespace

TEMPLATE_TEST_CASE("virtual_brownian_tree W(t) has mean 0 and covariance min(s, t)", "", float,
                   double)
{
    // n independent paths of one tree each; W at 0.3, 0.7 and t1 = 1 (0.3, 0.7 are not dyadic:
    // they are interpolated inside a leaf of length 2^-12, which lowers Var W(t) by at most
    // leaf / 4 = 6e-5, far below the tolerances).
    const std::size_t n = 20000;
    std::vector<double> w3(n), w7(n), w10(n);
    std::vector<TestType> W(1);
    for (std::size_t p = 0; p < n; ++p) {
        const virtual_brownian_tree<TestType> tree(11, TestType(0), TestType(1),
                                                   TestType(1.0 / 4096), 1, p);
        tree.value(TestType(0.3), W);
        w3[p] = W[0];
        tree.value(TestType(0.7), W);
        w7[p] = W[0];
        tree.value(TestType(1), W);
        w10[p] = W[0];
    }
    const double root_n = std::sqrt(double(n));
    CHECK(std::abs(mean_of(w3)) < 5 * std::sqrt(0.3) / root_n);           // sd sqrt(t / n)
    CHECK(std::abs(mean_of(w10)) < 5 * 1.0 / root_n);
    // Sample variance of N(0, t): sd t sqrt(2 / n). Sample covariance of (X, Y):
    // sd sqrt((Var X Var Y + Cov^2) / n).
    CHECK(std::abs(covariance(w3, w3) - 0.3) < 5 * 0.3 * std::sqrt(2.0 / n));
    CHECK(std::abs(covariance(w7, w7) - 0.7) < 5 * 0.7 * std::sqrt(2.0 / n));
    CHECK(std::abs(covariance(w10, w10) - 1.0) < 5 * 1.0 * std::sqrt(2.0 / n));
    CHECK(std::abs(covariance(w3, w7) - 0.3) < 5 * std::sqrt((0.3 * 0.7 + 0.09) / n));
    CHECK(std::abs(covariance(w7, w10) - 0.7) < 5 * std::sqrt((0.7 * 1.0 + 0.49) / n));
}

TEMPLATE_TEST_CASE("virtual_brownian_tree increments have variance u - s and are independent", "",
                   float, double)
{
    // Sequential stepping along one path, step h = 2^-16 = tolerance: leaves coincide with
    // the steps, so the increments are exact N(0, h) draws built through all 16 bridge levels
    // (a wrong bridge variance at any level changes their variance). Three components.
    const std::size_t steps = 1u << 16, dimension = 3;
    const TestType h = TestType(1) / TestType(steps);
    const virtual_brownian_tree<TestType> tree(2021, TestType(0), TestType(1), h, dimension);
    REQUIRE(tree.depth() == 16u);
    std::vector<std::vector<double>> z(dimension, std::vector<double>(steps));
    std::vector<TestType> dW(dimension);
    for (std::size_t k = 0; k < steps; ++k) {
        tree.increment(TestType(k) * h, TestType(k + 1) * h, dW);
        for (std::size_t i = 0; i < dimension; ++i)
            z[i][k] = dW[i] / std::sqrt(double(h));
    }
    const double root_n = std::sqrt(double(steps));
    for (std::size_t i = 0; i < dimension; ++i) {
        INFO("component " << i);
        CHECK(std::abs(mean_of(z[i])) < 5 / root_n);                      // sd 1/sqrt(n)
        CHECK(std::abs(covariance(z[i], z[i]) - 1) < 5 * std::sqrt(2.0) / root_n);
        const std::vector<double> now(z[i].begin(), z[i].end() - 1);
        const std::vector<double> next(z[i].begin() + 1, z[i].end());
        CHECK(std::abs(correlation(now, next)) < 5 / root_n);             // lag-1 correlation
        for (std::size_t j = i + 1; j < dimension; ++j)
            CHECK(std::abs(correlation(z[i], z[j])) < 5 / root_n);
    }

    // Longer, non-aligned increments across many paths: Var W(s, u) = u - s, disjoint
    // increments uncorrelated. Interpolation at both ends (leaf 2^-10) lowers the variance by
    // at most leaf / 2 = 5e-4, inside the tolerance for these lengths.
    const std::size_t n = 20000;
    std::vector<double> first(n), second(n), short_one(n);
    for (std::size_t p = 0; p < n; ++p) {
        const virtual_brownian_tree<TestType> one(5, TestType(0), TestType(1),
                                                  TestType(1.0 / 1024), 1, p);
        first[p] = one.increment(TestType(0.1), TestType(0.35));
        second[p] = one.increment(TestType(0.35), TestType(0.6));
        short_one[p] = one.increment(TestType(0.5), TestType(0.5 + 8.0 / 1024));
    }
    CHECK(std::abs(covariance(first, first) - 0.25) < 5 * 0.25 * std::sqrt(2.0 / n));
    CHECK(std::abs(covariance(short_one, short_one) - 8.0 / 1024) <
          5 * (8.0 / 1024) * std::sqrt(2.0 / n));
    CHECK(std::abs(correlation(first, second)) < 5 / std::sqrt(double(n)));
}

TEMPLATE_TEST_CASE("virtual_brownian_tree increments add up: W(s, u) = W(s, t) + W(t, u)", "",
                   float, double)
{
    const virtual_brownian_tree<TestType> tree(8, TestType(-2), TestType(2), TestType(1e-4), 2);
    std::mt19937 choose(3);
    std::uniform_real_distribution<double> time(-2, 2);
    std::vector<TestType> a(2), b(2), c(2), w_s(2), w_t(2), w_u(2);
    const double eps = std::numeric_limits<TestType>::epsilon();
    for (int trial = 0; trial < 1000; ++trial) {
        TestType t[3] = {TestType(time(choose)), TestType(time(choose)), TestType(time(choose))};
        std::sort(t, t + 3);
        tree.increment(t[0], t[2], a);
        tree.increment(t[0], t[1], b);
        tree.increment(t[1], t[2], c);
        tree.value(t[0], w_s);
        tree.value(t[1], w_t);
        tree.value(t[2], w_u);
        for (std::size_t i = 0; i < 2; ++i) {
            // The three differences of the same W values round by eps/2 each, the sum once.
            const double bound = 2 * eps * (std::abs(double(w_s[i])) + 2 * std::abs(double(w_t[i])) +
                                            std::abs(double(w_u[i])));
            CHECK(std::abs(double(a[i]) - (double(b[i]) + double(c[i]))) <= bound);
            // increment(s, u) is exactly value(u) - value(s).
            const TestType difference = w_u[i] - w_s[i];
            CHECK(std::memcmp(&a[i], &difference, sizeof(TestType)) == 0);
        }
    }
}

TEMPLATE_TEST_CASE("virtual_brownian_tree gives bitwise-identical values in any query order", "",
                   float, double)
{
    const std::size_t count = 500, dimension = 3;
    std::mt19937 choose(9);
    std::uniform_real_distribution<double> time(0, 5);
    std::vector<TestType> times(count);
    for (TestType& t : times)
        t = TestType(time(choose));
    std::sort(times.begin(), times.end()); // sequential first: the cache is used most

    const auto values_in = [&](const std::vector<std::size_t>& order, bool fresh_each_time) {
        std::vector<TestType> result(count * dimension);
        std::vector<TestType> W(dimension);
        virtual_brownian_tree<TestType> tree(77, TestType(0), TestType(5), TestType(1e-5),
                                             dimension, 3);
        for (std::size_t j : order) {
            if (fresh_each_time)
                tree = virtual_brownian_tree<TestType>(77, TestType(0), TestType(5),
                                                       TestType(1e-5), dimension, 3);
            tree.value(times[j], W);
            std::copy(W.begin(), W.end(), result.begin() + j * dimension);
        }
        return result;
    };
    std::vector<std::size_t> order(count);
    std::iota(order.begin(), order.end(), std::size_t{0});
    const std::vector<TestType> reference = values_in(order, true); // no cache at all
    const std::vector<TestType> forward = values_in(order, false);
    std::reverse(order.begin(), order.end());
    const std::vector<TestType> backward = values_in(order, false);
    std::shuffle(order.begin(), order.end(), std::mt19937(1));
    const std::vector<TestType> shuffled = values_in(order, false);

    const std::size_t bytes = reference.size() * sizeof(TestType);
    CHECK(std::memcmp(reference.data(), forward.data(), bytes) == 0);
    CHECK(std::memcmp(reference.data(), backward.data(), bytes) == 0);
    CHECK(std::memcmp(reference.data(), shuffled.data(), bytes) == 0);

    // Same seed and path: same tree; another seed or path: another tree.
    const auto w_at_2 = [](std::uint64_t seed, std::uint64_t path) {
        return virtual_brownian_tree<TestType>(seed, TestType(0), TestType(5), TestType(1e-5), 1,
                                               path)
            .increment(TestType(0), TestType(2));
    };
    CHECK(w_at_2(77, 3) == w_at_2(77, 3));
    CHECK(w_at_2(77, 3) != w_at_2(78, 3));
    CHECK(w_at_2(77, 3) != w_at_2(77, 4));
}

TEMPLATE_TEST_CASE("virtual_brownian_tree draws its nodes from the documented device map", "",
                   float, double)
{
    // W(t1) = sqrt(T) Z_0 and W(midpoint) = W(t1) / 2 + sqrt(T / 4) Z_1, with Z_id component i =
    // brownian_tree_normal(noise_key(seed, path), id, i, dimension), for every lane layout.
    using boost::numeric::odeint::brownian_tree_normal;
    for (std::size_t dimension : {1, 2, 3, 5}) {
        INFO("dimension " << dimension);
        const virtual_brownian_tree<TestType> tree(21, TestType(0), TestType(4), TestType(0.01),
                                                   dimension, 6);
        const auto key = boost::numeric::odeint::noise_key(21, 6);
        std::vector<TestType> end(dimension), middle(dimension);
        tree.value(TestType(4), end);
        tree.value(TestType(2), middle);
        for (std::size_t i = 0; i < dimension; ++i) {
            const TestType expected_end =
                TestType(2) * brownian_tree_normal<TestType>(key, 0, i, dimension);
            const TestType expected_middle =
                TestType(0.5) * (TestType(0) + expected_end) +
                TestType(1) * brownian_tree_normal<TestType>(key, 1, i, dimension);
            CHECK(end[i] == expected_end);
            CHECK(middle[i] == expected_middle);
        }
    }
}

TEMPLATE_TEST_CASE("virtual_brownian_tree refines consistently: deeper trees keep coarser nodes",
                   "", float, double)
{
    // With the same seed, the node values of levels 0..8 do not depend on the depth below them,
    // so a tree resolved to 2^-16 agrees bitwise with one resolved to 2^-8 on the 2^-8 grid.
    const virtual_brownian_tree<TestType> coarse(4, TestType(0), TestType(1), TestType(1.0 / 256));
    const virtual_brownian_tree<TestType> fine(4, TestType(0), TestType(1), TestType(1.0 / 65536));
    REQUIRE(coarse.depth() == 8u);
    REQUIRE(fine.depth() == 16u);
    std::size_t mismatches = 0;
    for (int j = 0; j <= 256; ++j) {
        const TestType t = TestType(j) / TestType(256);
        const TestType a = coarse.increment(TestType(0), t);
        const TestType b = fine.increment(TestType(0), t);
        mismatches += std::memcmp(&a, &b, sizeof(TestType)) != 0;
    }
    CHECK(mismatches == 0);
}

TEMPLATE_TEST_CASE("virtual_brownian_tree is linear inside a leaf", "", float, double)
{
    // Documented below-tolerance rule: W(a + f L) = (1 - f) W(a) + f W(b) on a leaf [a, b].
    const virtual_brownian_tree<TestType> tree(6, TestType(0), TestType(1), TestType(1.0 / 64));
    const TestType leaf = tree.leaf_length();
    REQUIRE(leaf == TestType(1.0 / 64));
    const TestType a = TestType(10) * leaf, b = TestType(11) * leaf;
    const TestType w_a = tree.increment(TestType(0), a), w_b = tree.increment(TestType(0), b);
    const double eps = std::numeric_limits<TestType>::epsilon();
    for (double f : {0.25, 0.5, 0.75}) {
        const TestType w = tree.increment(TestType(0), a + TestType(f) * leaf);
        const double expected = (1 - f) * w_a + f * w_b;
        CHECK(std::abs(w - expected) <= 4 * eps * (std::abs(w_a) + std::abs(w_b)));
    }
}

TEST_CASE("virtual_brownian_tree rejects bad input with a message naming the value")
{
    using tree_type = virtual_brownian_tree<double>;
    const double nan = std::numeric_limits<double>::quiet_NaN();
    const double inf = std::numeric_limits<double>::infinity();

    SECTION("construction")
    {
        CHECK_THROWS_AS(tree_type(1, 1.0, 1.0, 1e-3), std::invalid_argument);
        CHECK_THROWS_WITH(tree_type(1, 2.0, 1.0, 1e-3), Contains("t1 > t0"));
        CHECK_THROWS_WITH(tree_type(1, nan, 1.0, 1e-3), Contains("nan") && Contains("finite"));
        CHECK_THROWS_AS(tree_type(1, 0.0, 1.0, 0.0), std::invalid_argument);
        CHECK_THROWS_WITH(tree_type(1, 0.0, 1.0, -1.0), Contains("tolerance = -1"));
        CHECK_THROWS_WITH(tree_type(1, 0.0, 1.0, nan), Contains("tolerance = nan"));
        CHECK_THROWS_WITH(tree_type(1, 0.0, 1.0, inf), Contains("tolerance = inf"));
        CHECK_THROWS_WITH(tree_type(1, 0.0, 1.0, 1e-30), Contains("too small") &&
                                                             Contains("62"));
        CHECK_THROWS_WITH(tree_type(1, 0.0, 1.0, 1e-3, 0), Contains("dimension = 0"));
    }

    const tree_type tree(1, 0.0, 1.0, 1e-3, 2);
    std::vector<double> dW(2);

    SECTION("query times")
    {
        CHECK_THROWS_AS(tree.increment(-0.5, 0.5, dW), std::out_of_range);
        CHECK_THROWS_WITH(tree.increment(-0.5, 0.5, dW),
                          Contains("s = -0.5") && Contains("outside [t0, t1]"));
        CHECK_THROWS_AS(tree.increment(0.5, 1.5, dW), std::out_of_range);
        CHECK_THROWS_WITH(tree.increment(0.5, 1.5, dW), Contains("u = 1.5"));
        CHECK_THROWS_AS(tree.increment(0.6, 0.5, dW), std::invalid_argument);
        CHECK_THROWS_WITH(tree.increment(0.6, 0.5, dW), Contains("needs s <= u"));
        CHECK_THROWS_WITH(tree.increment(nan, 0.5, dW), Contains("s = nan"));
        CHECK_THROWS_AS(tree.value(2.0, dW), std::out_of_range);
        // t1 overshot by accumulated rounding (1e-15) is clamped, not refused.
        CHECK_NOTHROW(tree.increment(0.5, 1.0 + 1e-15, dW));
        tree.increment(0.5, 0.5, dW);
        CHECK(dW[0] == 0.0);
        CHECK(dW[1] == 0.0);
    }

    SECTION("sizes")
    {
        std::vector<double> wrong(3);
        CHECK_THROWS_AS(tree.increment(0.0, 0.5, wrong), std::invalid_argument);
        CHECK_THROWS_WITH(tree.increment(0.0, 0.5, wrong),
                          Contains("size 3") && Contains("dimension() = 2"));
        CHECK_THROWS_WITH(tree.value(0.5, wrong), Contains("size 3"));
        CHECK_THROWS_WITH(tree.increment(0.0, 0.5), Contains("dimension 2"));
    }
}

TEST_CASE("virtual_brownian_tree bounds its dimension and names a negative count")
{
    using tree_type = virtual_brownian_tree<double>;
    const int minus_one = -1;
    CHECK_THROWS_AS(tree_type(1, 0.0, 1.0, 1e-3, minus_one), std::invalid_argument);
    CHECK_THROWS_WITH(tree_type(1, 0.0, 1.0, 1e-3, minus_one),
                      Contains("dimension = 18446744073709551615") &&
                          Contains("the negative count -1") && Contains("at most 4294967296"));
    CHECK_THROWS_WITH(tree_type(1, 0.0, 1.0, 1e-3, (std::size_t{1} << 32) + 1),
                      Contains("dimension = 4294967297 must be at most 4294967296"));
}
