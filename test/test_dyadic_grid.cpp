// Tests of the dyadic (Lévy) construction of fixed-grid Brownian paths
// (boost/numeric/odeint/noise/detail/dyadic_grid.hpp, dyadic_grid_cursor.hpp): increments
// over any span have variance k h and no mean, leaves and cells of different levels are
// uncorrelated, sub-increments sum to the whole to rounding, the cursor's cache gives the
// same bits in any query order, and a walk costs O(log k) splits per increment of k steps.
//
// Statistical checks: fixed seeds, 5 standard errors of the estimator.
#include <boost/numeric/odeint/noise/batched_brownian_path.hpp>
#include <boost/numeric/odeint/noise/brownian_path.hpp>

#include <catch2/catch.hpp>

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <cstring>
#include <limits>
#include <random>
#include <vector>

namespace odeint = boost::numeric::odeint;

namespace {

// W(t_last) - W(t_first) of `paths` paths (paths 0 .. paths - 1 of one seed), 1 component.
std::vector<double> span_increments(std::size_t steps, std::size_t first, std::size_t last,
                                    std::size_t paths)
{
    const odeint::brownian_path<double> path(99, 0.0, 1.0, steps, 1, 0);
    const odeint::batched_brownian_path<double> batch(path, paths);
    std::vector<double> dW(paths);
    batch.increment(first * path.dt(), last * path.dt(), dW);
    return dW;
}

double correlation(const std::vector<double>& a, const std::vector<double>& b)
{
    double ab = 0, aa = 0, bb = 0;
    for (std::size_t i = 0; i < a.size(); ++i) {
        ab += a[i] * b[i];
        aa += a[i] * a[i];
        bb += b[i] * b[i];
    }
    return ab / std::sqrt(aa * bb);
}

} // namespace

TEST_CASE("increments over k grid steps have mean 0 and variance k h, for any k and start")
{
    const std::size_t steps = 1200, paths = 1 << 15;
    const double h = 1.0 / steps, n = paths;
    const std::size_t spans[][2] = {{0, 1}, {5, 8}, {17, 47}, {1, 257}, {0, 1024}, {100, 1200},
                                    {0, 1200}, {1199, 1200}};
    for (const auto& span : spans) {
        const std::vector<double> dW = span_increments(steps, span[0], span[1], paths);
        const double k = static_cast<double>(span[1] - span[0]);
        double mean = 0, second = 0;
        for (double w : dW) {
            mean += w / n;
            second += w * w / n;
        }
        INFO("span [" << span[0] << ", " << span[1] << "): mean " << mean << ", variance "
                      << second << " against " << k * h);
        CHECK(std::abs(mean) < 5 * std::sqrt(k * h / n));
        CHECK(std::abs(second / (k * h) - 1) < 5 * std::sqrt(2 / n));
    }
}

TEST_CASE("leaves and cells of different levels are uncorrelated")
{
    const std::size_t steps = 1024, paths = 1 << 15;
    const double bound = 5 / std::sqrt(static_cast<double>(paths));
    // Siblings (split from one cell), cousins, the two halves of the root, nested-disjoint
    // cells of different levels, and leaves far apart.
    const std::size_t pairs[][4] = {{0, 1, 1, 2},       {6, 7, 7, 8},       {0, 512, 512, 1024},
                                    {0, 256, 256, 264}, {100, 101, 101, 102}, {0, 1, 1023, 1024},
                                    {3, 4, 4, 12},      {511, 512, 512, 513}};
    for (const auto& p : pairs) {
        const auto a = span_increments(steps, p[0], p[1], paths);
        const auto b = span_increments(steps, p[2], p[3], paths);
        const double r = correlation(a, b);
        INFO("[" << p[0] << ", " << p[1] << ") and [" << p[2] << ", " << p[3] << "): " << r);
        CHECK(std::abs(r) < bound);
    }
    // A span and a span overlapping it half: correlation sqrt(1/2) . sqrt(1/2) = 1/2.
    const auto whole = span_increments(steps, 8, 16, paths);
    const auto half = span_increments(steps, 12, 20, paths);
    CHECK(std::abs(correlation(whole, half) - 0.5) < bound);
}

TEST_CASE("sub-increments sum to the increment to rounding")
{
    const std::size_t steps = 1200;
    const odeint::brownian_path<double> path(3, 0.0, 12.0, steps, 2, 1);
    std::mt19937 choose(5);
    std::uniform_int_distribution<std::size_t> index(0, steps);
    std::vector<double> whole(2), left(2), right(2);
    double worst = 0;
    for (int trial = 0; trial < 2000; ++trial) {
        std::size_t i = index(choose), m = index(choose), j = index(choose);
        if (i > m)
            std::swap(i, m);
        if (m > j)
            std::swap(m, j);
        if (i > m)
            std::swap(i, m);
        if (i == m || m == j)
            continue;
        path.increment(i * path.dt(), j * path.dt(), whole);
        path.increment(i * path.dt(), m * path.dt(), left);
        path.increment(m * path.dt(), j * path.dt(), right);
        for (std::size_t c = 0; c < 2; ++c) {
            // The cells' rounding errors: about eps per level and cell, each of size
            // sqrt(cell h); (j - i) eps sqrt(h) bounds their sum with room.
            const double scale = static_cast<double>(j - i) *
                                 std::numeric_limits<double>::epsilon() * std::sqrt(path.dt());
            const double error = std::abs(whole[c] - (left[c] + right[c]));
            worst = std::max(worst, error / scale);
            CHECK(error <= scale);
        }
    }
    INFO("largest error / ((j - i) eps sqrt(h)): " << worst);
    CHECK(worst < 1);
}

TEST_CASE("the cursor's cache gives the same bits in any query order")
{
    const std::size_t steps = 1000, paths = 5, m = 3;
    const odeint::brownian_path<float, double> path(8, 0.0, 1.0, steps, m, 2);
    const odeint::batched_brownian_path<float, double> batch(path, paths);
    std::vector<std::pair<std::size_t, std::size_t>> spans;
    std::mt19937 choose(11);
    std::uniform_int_distribution<std::size_t> index(0, steps);
    for (int i = 0; i < 300; ++i) {
        std::size_t a = index(choose), b = index(choose);
        if (a == b)
            continue;
        spans.emplace_back(std::min(a, b), std::max(a, b));
    }
    std::vector<float> cached(batch.dimension()), fresh(batch.dimension()), single(m);
    auto cursor = batch.make_cursor();
    std::size_t mismatches = 0;
    for (const auto& span : spans) {
        batch.increment(span.first * path.dt(), span.second * path.dt(), cached, cursor);
        batch.increment(span.first * path.dt(), span.second * path.dt(), fresh);
        mismatches += std::memcmp(cached.data(), fresh.data(), cached.size() * sizeof(float)) != 0;
        for (std::size_t b = 0; b < paths; ++b) {
            batch.member(b).increment(span.first * path.dt(), span.second * path.dt(), single);
            mismatches += std::memcmp(single.data(), &cached[b * m], m * sizeof(float)) != 0;
        }
    }
    CHECK(mismatches == 0);
}

TEST_CASE("a walk of increments over k steps costs about log2(k) + 1 splits each")
{
    const std::size_t steps = 1200;
    const odeint::brownian_path<double> path(1, 0.0, 1.0, steps, 4);
    std::vector<double> dW(4);
    for (std::size_t k : {1, 4, 30, 256}) {
        auto cursor = path.make_cursor();
        std::size_t queries = 0;
        for (std::size_t s = 0; s + k <= steps; s += k, ++queries) // forwards
            path.increment(s * path.dt(), (s + k) * path.dt(), dW, cursor);
        for (std::size_t s = queries * k; s >= k; s -= k) // and backwards, as a solve
            path.increment((s - k) * path.dt(), s * path.dt(), dW, cursor);
        const double per_query = static_cast<double>(cursor.splits()) / (2.0 * queries);
        const double levels = static_cast<double>(path.levels());
        INFO("k = " << k << ": " << per_query << " splits per increment, " << path.levels()
                    << " levels");
        // Each split is one normal per component; without the cache a query costs up to
        // 2 levels, with it about 2 for k = 1 and log2(k) + 2 for larger k.
        CHECK(per_query <= std::log2(static_cast<double>(k)) + 2.5);
        CHECK(per_query < levels);
    }
}
