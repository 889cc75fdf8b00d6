// Tests of boost/numeric/odeint/noise/standard_normal.hpp: the accuracy of the library's own
// kernels (-2 ln u, sqrt, cos and sin of an angle in turns) against long double libm, and the law of
// the normals: moments to the 4th, a Kolmogorov-Smirnov test on 10^7 draws, the tail
// probabilities to 5 sigma and the reach of the tails beyond 6 sigma.
//
// Statistical checks use fixed keys (so they are deterministic) and 5 standard errors of the
// estimator (a sound transform passes each with probability 1 - 6e-7); the KS bound 1.95 / sqrt(n)
// is the 0.1 % point of the Kolmogorov distribution.
#include <boost/numeric/odeint/noise/noise_key.hpp>
#include <boost/numeric/odeint/noise/standard_normal.hpp>

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

template <class T>
double ulps(T got, long double reference)
{
    const T rounded = static_cast<T>(reference);
    const T magnitude = std::fabs(rounded);
    const T spacing = std::nextafter(magnitude, std::numeric_limits<T>::infinity()) - magnitude;
    return static_cast<double>(std::fabs(static_cast<long double>(got) - reference) / spacing);
}

const long double two_pi_ld = 6.283185307179586476925286766559005768L;

// cos and sin of 2 pi (q / 4 + x) for the exact remainder x (long double holds it exactly).
void reference_cos_sin(unsigned q, long double x, long double& c, long double& s)
{
    const long double c0 = std::cos(two_pi_ld * x), s0 = std::sin(two_pi_ld * x);
    const long double table_c[4] = {c0, -s0, -c0, s0};
    const long double table_s[4] = {s0, c0, -s0, -c0};
    c = table_c[q & 3u];
    s = table_s[q & 3u];
}

template <class Value>
std::vector<double> normals(std::size_t count, std::uint64_t seed)
{
    constexpr unsigned lanes = odeint::philox_real_block<Value>::size;
    const std::size_t blocks = count / lanes;
    std::vector<std::uint32_t> w0(blocks), w1(blocks), w2(blocks), w3(blocks);
    const boost::random::philox4x32_key key = odeint::noise_key(seed, 0);
    for (std::size_t i = 0; i < blocks; ++i) {
        const auto words = boost::random::philox4x32_10_block(odeint::noise_counter(i, 0), key);
        w0[i] = words.word[0];
        w1[i] = words.word[1];
        w2[i] = words.word[2];
        w3[i] = words.word[3];
    }
    std::vector<Value> z(blocks * lanes);
    odeint::standard_normal_blocks<Value>(blocks, w0.data(), w1.data(), w2.data(), w3.data(),
                                          z.data());
    return std::vector<double>(z.begin(), z.end());
}

double normal_cdf(double x) { return 0.5 * std::erfc(-x / std::sqrt(2.0)); }

template <class Value>
void check_law(std::size_t count)
{
    std::vector<double> z = normals<Value>(count, 2026);
    const double n = static_cast<double>(z.size());
    double s1 = 0, s2 = 0, s3 = 0, s4 = 0;
    for (double v : z) {
        s1 += v;
        s2 += v * v;
        s3 += v * v * v;
        s4 += v * v * v * v;
    }
    const double mean = s1 / n, second = s2 / n, third = s3 / n, fourth = s4 / n;
    CHECK(std::abs(mean) < 5 * std::sqrt(1 / n));
    CHECK(std::abs(second - 1) < 5 * std::sqrt(2 / n));
    CHECK(std::abs(third) < 5 * std::sqrt(15 / n));
    CHECK(std::abs(fourth - 3) < 5 * std::sqrt(96 / n));

    // Tails: P(|Z| > k) for k = 1 .. 5 against erfc, 5 standard errors of a binomial count
    // (plus one count for the discreteness at 5 sigma, where about 6 are expected).
    for (int k = 1; k <= 5; ++k) {
        const double p = std::erfc(k / std::sqrt(2.0));
        const double count_beyond =
            static_cast<double>(std::count_if(z.begin(), z.end(), [k](double v) {
                return std::abs(v) > k;
            }));
        INFO("k = " << k << ": " << count_beyond << " beyond, " << n * p << " expected");
        CHECK(std::abs(count_beyond - n * p) < 5 * std::sqrt(n * p * (1 - p)) + 1);
    }

    std::sort(z.begin(), z.end());
    double distance = 0;
    for (std::size_t i = 0; i < z.size(); ++i) {
        const double F = normal_cdf(z[i]);
        distance = std::max({distance, F - static_cast<double>(i) / n,
                             static_cast<double>(i + 1) / n - F});
    }
    INFO("Kolmogorov-Smirnov sqrt(n) D = " << std::sqrt(n) * distance);
    CHECK(std::sqrt(n) * distance < 1.95);
}

} // namespace

TEST_CASE("the double kernels are within 2 (log, sqrt) and 3 (cos, sin) ulps of long double libm")
{
    std::mt19937_64 words(42);
    double worst_log = 0, worst_sqrt = 0, worst_cos = 0, worst_sin = 0;
    for (int i = 0; i < 1000000; ++i) {
        const std::uint64_t w = words();
        const auto high = static_cast<std::uint32_t>(w >> 32), low = static_cast<std::uint32_t>(w);
        const double u = odeint::detail::box_muller_uniform(high, low);
        // u is (2 k + 1) 2^-53 exactly.
        CHECK(u == static_cast<double>(2 * (w >> 12) + 1) * 0x1p-53);
        worst_log = std::max(worst_log, ulps(odeint::detail::minus_two_log(u),
                                             -2 * std::log(static_cast<long double>(u))));
        const double x = odeint::detail::minus_two_log(u);
        worst_sqrt = std::max(worst_sqrt, ulps(odeint::detail::newton_sqrt(x),
                                               std::sqrt(static_cast<long double>(x))));
        double c, s;
        odeint::detail::cos_sin_of_word(high, low, c, s);
        const std::uint64_t q = (w + (std::uint64_t{1} << 61)) >> 62;
        const long double remainder =
            static_cast<long double>(static_cast<std::int64_t>(w - (q << 62))) * 0x1p-64L;
        long double rc, rs;
        reference_cos_sin(static_cast<unsigned>(q), remainder, rc, rs);
        worst_cos = std::max(worst_cos, ulps(c, rc));
        worst_sin = std::max(worst_sin, ulps(s, rs));
    }
    INFO("-2 ln u " << worst_log << " ulps, sqrt " << worst_sqrt << ", cos " << worst_cos
                    << ", sin " << worst_sin);
    CHECK(worst_log <= 2);
    CHECK(worst_sqrt <= 2);
    CHECK(worst_cos <= 3);
    CHECK(worst_sin <= 3);
    CHECK(odeint::detail::newton_sqrt(0.0) == 0);
    CHECK(odeint::detail::newton_sqrt(-0.0) == 0);
    CHECK(odeint::detail::newton_sqrt(0.0f) == 0);
    // The smallest uniform, 2^-53, and the largest, 1 - 2^-53.
    CHECK(odeint::detail::box_muller_uniform(0u, 0u) == 0x1p-53);
    CHECK(odeint::detail::box_muller_uniform(~0u, ~0u) == 1 - 0x1p-53);
}

TEST_CASE("the float kernels are within 2 (log, sqrt) and 3 (cos, sin) ulps of long double libm")
{
    std::mt19937 words(43);
    double worst_log = 0, worst_sqrt = 0, worst_cos = 0, worst_sin = 0;
    for (int i = 0; i < 1000000; ++i) {
        const std::uint32_t w = words();
        const float u = odeint::detail::box_muller_uniform(w);
        worst_log = std::max(worst_log, ulps(odeint::detail::minus_two_log(u),
                                             -2 * std::log(static_cast<long double>(u))));
        const float x = odeint::detail::minus_two_log(u);
        worst_sqrt = std::max(worst_sqrt, ulps(odeint::detail::newton_sqrt(x),
                                               std::sqrt(static_cast<long double>(x))));
        float c, s;
        odeint::detail::cos_sin_of_word(w, c, s);
        const std::uint32_t q = (w + 0x20000000u) >> 30;
        const long double remainder =
            static_cast<long double>(static_cast<std::int32_t>(w - (q << 30))) * 0x1p-32L;
        long double rc, rs;
        reference_cos_sin(q, remainder, rc, rs);
        worst_cos = std::max(worst_cos, ulps(c, rc));
        worst_sin = std::max(worst_sin, ulps(s, rs));
    }
    INFO("-2 ln u " << worst_log << " ulps, sqrt " << worst_sqrt << ", cos " << worst_cos
                    << ", sin " << worst_sin);
    CHECK(worst_log <= 2);
    CHECK(worst_sqrt <= 2);
    CHECK(worst_cos <= 3);
    CHECK(worst_sin <= 3);
}

TEST_CASE("the normals reach beyond 6 sigma: double to 8.57, float to 6.56")
{
    const double double_reach =
        std::sqrt(odeint::detail::minus_two_log(odeint::detail::box_muller_uniform(0u, 0u)));
    const float float_reach =
        std::sqrt(odeint::detail::minus_two_log(odeint::detail::box_muller_uniform(0u)));
    CHECK(double_reach == Approx(std::sqrt(106 * std::log(2.0))).epsilon(1e-12));
    CHECK(float_reach == Approx(std::sqrt(62 * std::log(2.0))).epsilon(1e-6));
    CHECK(float_reach > 6);
    // The words that give the largest radius at angle 0 give z0 = radius, z1 = 0.
    double z0, z1;
    odeint::standard_normal_pair(boost::random::philox4x32_block{{0u, 0u, 0u, 0u}}, 0, z0, z1);
    CHECK(z0 == double_reach);
    CHECK(z1 == 0);
}

TEST_CASE("standard_normal_blocks and standard_normal_pair give the same bits")
{
    std::mt19937 words(44);
    const std::size_t n = 4096;
    std::vector<std::uint32_t> w0(n), w1(n), w2(n), w3(n);
    for (std::size_t i = 0; i < n; ++i) {
        w0[i] = words();
        w1[i] = words();
        w2[i] = words();
        w3[i] = words();
    }
    std::vector<double> zd(2 * n);
    std::vector<float> zf(4 * n);
    odeint::standard_normal_blocks<double>(n, w0.data(), w1.data(), w2.data(), w3.data(), zd.data());
    odeint::standard_normal_blocks<float>(n, w0.data(), w1.data(), w2.data(), w3.data(), zf.data());
    std::size_t mismatches = 0;
    for (std::size_t i = 0; i < n; ++i) {
        const boost::random::philox4x32_block block{{w0[i], w1[i], w2[i], w3[i]}};
        const auto d = odeint::standard_normal_block<double>(block);
        const auto f = odeint::standard_normal_block<float>(block);
        mismatches += std::memcmp(d.value, &zd[2 * i], sizeof d.value) != 0;
        mismatches += std::memcmp(f.value, &zf[4 * i], sizeof f.value) != 0;
    }
    CHECK(mismatches == 0);
}

TEST_CASE("10^7 double normals pass the moment, tail and Kolmogorov-Smirnov tests")
{
    check_law<double>(10000000);
}

TEST_CASE("10^7 float normals pass the moment, tail and Kolmogorov-Smirnov tests")
{
    check_law<float>(10000000);
}
