// Tests of boost/random/philox.hpp: Philox-4x32-10 (Salmon et al., SC11 2011) against the
// Random123 known-answer vectors, and the Boost.Random engine built on it.
#include <boost/random/philox.hpp>

#include <boost/random/normal_distribution.hpp>
#include <boost/random/seed_seq.hpp>
#include <boost/random/uniform_01.hpp>

#include <catch2/catch.hpp>

#include <cmath>
#include <cstdint>
#include <random>
#include <sstream>
#include <type_traits>
#include <vector>

using boost::random::philox4x32;
using boost::random::philox4x32_10_block;
using boost::random::philox4x32_block;
using boost::random::philox4x32_key;

namespace {

// Random123 kat_vectors, "philox4x32 10" lines: counter, key, expected output.
struct known_answer
{
    philox4x32_block counter;
    philox4x32_key key;
    philox4x32_block expected;
};

constexpr known_answer known_answers[] = {
    {{{0x00000000u, 0x00000000u, 0x00000000u, 0x00000000u}},
     {{0x00000000u, 0x00000000u}},
     {{0x6627e8d5u, 0xe169c58du, 0xbc57ac4cu, 0x9b00dbd8u}}},
    {{{0xffffffffu, 0xffffffffu, 0xffffffffu, 0xffffffffu}},
     {{0xffffffffu, 0xffffffffu}},
     {{0x408f276du, 0x41c83b0eu, 0xa20bc7c6u, 0x6d5451fdu}}},
    {{{0x243f6a88u, 0x85a308d3u, 0x13198a2eu, 0x03707344u}},
     {{0xa4093822u, 0x299f31d0u}},
     {{0xd16cfe09u, 0x94fdccebu, 0x5001e420u, 0x24126ea1u}}},
};

// The block function is constexpr: the vectors hold at compile time too.
static_assert(philox4x32_10_block(known_answers[0].counter, known_answers[0].key) ==
                  known_answers[0].expected,
              "Random123 known answer 1");
static_assert(philox4x32_10_block(known_answers[1].counter, known_answers[1].key) ==
                  known_answers[1].expected,
              "Random123 known answer 2");
static_assert(philox4x32_10_block(known_answers[2].counter, known_answers[2].key) ==
                  known_answers[2].expected,
              "Random123 known answer 3");

} // namespace

TEST_CASE("philox4x32 reproduces the Random123 known-answer vectors")
{
    for (const known_answer& kat : known_answers) {
        const philox4x32_block output = philox4x32_10_block(kat.counter, kat.key);
        for (int w = 0; w < 4; ++w)
            CHECK(output.word[w] == kat.expected.word[w]);

        // The engine set to that key and counter emits the same four words, in order.
        philox4x32 engine(kat.key, kat.counter);
        for (int w = 0; w < 4; ++w)
            CHECK(engine() == kat.expected.word[w]);
    }
}

TEST_CASE("philox4x32 meets the Boost.Random engine concept")
{
    static_assert(std::is_same<philox4x32::result_type, std::uint32_t>::value, "result_type");
    static_assert(philox4x32::min() == 0u && philox4x32::max() == 0xFFFFFFFFu, "full range");
    philox4x32 engine(42);
    const philox4x32 copy = engine;
    CHECK(engine == copy);
    engine();
    CHECK(engine != copy);
    engine.seed(42);
    CHECK(engine == copy);
    engine.seed();
    CHECK(engine == philox4x32());

    // The engine's word n of stream s is word n % 4 of block (n / 4, s): check word 4 * 7 + 2.
    philox4x32 streamed(0x0123456789abcdefULL, 5);
    streamed.discard(4 * 7 + 2);
    const philox4x32_block expected =
        philox4x32_10_block({{7, 0, 5, 0}}, {{0x89abcdefu, 0x01234567u}});
    CHECK(streamed() == expected.word[2]);
}

TEST_CASE("philox4x32 drives boost::random::normal_distribution and uniform_01 unchanged")
{
    // n = 10^6 draws: sample means within 5 standard errors of the truth.
    const int n = 1000000;
    philox4x32 engine(2024);
    boost::random::normal_distribution<double> normal(0.0, 1.0);
    boost::random::uniform_01<double> uniform;
    double normal_sum = 0, normal_square_sum = 0, uniform_sum = 0;
    for (int j = 0; j < n; ++j) {
        const double z = normal(engine);
        normal_sum += z;
        normal_square_sum += z * z;
        uniform_sum += uniform(engine);
    }
    const double normal_mean = normal_sum / n;
    const double normal_variance = normal_square_sum / n - normal_mean * normal_mean;
    CHECK(std::abs(normal_mean) < 5 / std::sqrt(double(n)));                 // sd 1
    CHECK(std::abs(normal_variance - 1) < 5 * std::sqrt(2.0 / n));          // sd of s^2: sqrt(2/n)
    CHECK(std::abs(uniform_sum / n - 0.5) < 5 * std::sqrt(1.0 / 12 / n));  // sd 1/sqrt(12)
}

TEST_CASE("philox4x32 discard(n) equals n calls")
{
    for (unsigned long long n : {0ULL, 1ULL, 2ULL, 3ULL, 4ULL, 5ULL, 7ULL, 8ULL, 1001ULL}) {
        for (unsigned skip : {0u, 1u, 3u}) { // start from every lane
            philox4x32 stepped(7, 3);
            stepped.discard(skip);
            philox4x32 jumped = stepped;
            for (unsigned long long j = 0; j < n; ++j)
                stepped();
            jumped.discard(n);
            CHECK(jumped == stepped);
            CHECK(jumped() == stepped());
        }
    }
}

TEST_CASE("philox4x32 discard jumps 2^34 outputs in O(1) to the right block")
{
    philox4x32 engine(9);
    engine.discard(1ULL << 34); // block 2^32: counter words (0, 1, 0, 0)
    const philox4x32_block counter = engine.counter();
    CHECK(counter.word[0] == 0u);
    CHECK(counter.word[1] == 1u);
    CHECK(engine() == philox4x32_10_block({{0, 1, 0, 0}}, {{9, 0}}).word[0]);
}

TEST_CASE("philox4x32 seeds and streams give different sequences")
{
    philox4x32 a(1), b(2), c(1, 1);
    int equal_ab = 0, equal_ac = 0;
    for (int j = 0; j < 1000; ++j) {
        const auto x = a(), y = b(), z = c();
        equal_ab += (x == y);
        equal_ac += (x == z);
    }
    // Independent uniform words agree with probability 2^-32: 1000 draws give 0 matches.
    CHECK(equal_ab == 0);
    CHECK(equal_ac == 0);
    CHECK(philox4x32(1) != philox4x32(2));
    CHECK(philox4x32(1) != philox4x32(1, 1));
}

TEST_CASE("philox4x32 stream operators round-trip the state")
{
    philox4x32 engine(0xfeedULL, 77);
    engine.discard(12345);
    std::stringstream text;
    text << engine;
    philox4x32 restored;
    text >> restored;
    REQUIRE(text);
    CHECK(restored == engine);
    CHECK(restored() == engine());

    std::stringstream garbage("1 2 3 4 9"); // lane 9 is no lane
    philox4x32 untouched(5);
    garbage >> untouched;
    CHECK(garbage.fail());
    CHECK(untouched == philox4x32(5));
}

TEST_CASE("philox4x32 seeds its key from a seed sequence")
{
    std::seed_seq sequence{1, 2, 3};
    std::seed_seq same{1, 2, 3};
    std::seed_seq other{1, 2, 4};
    philox4x32 a(sequence), b(same), c(other);
    CHECK(a == b);
    CHECK(a != c);
    boost::random::seed_seq boost_sequence{1u, 2u, 3u};
    philox4x32 d;
    d.seed(boost_sequence);
    CHECK(d != philox4x32());
}

TEST_CASE("philox4x32_10_blocks gives philox4x32_10_block's words for every counter")
{
    // 37 counters: not a multiple of any vector width, so the loop's tail is covered too.
    const std::size_t n = 37;
    std::mt19937 engine(2024);
    std::vector<std::uint32_t> w0(n), w1(n), w2(n), w3(n), k0(n), k1(n);
    std::vector<philox4x32_block> expected(n);
    for (std::size_t i = 0; i < n; ++i)
    {
        w0[i] = std::uint32_t(engine());
        w1[i] = std::uint32_t(engine());
        w2[i] = std::uint32_t(engine());
        w3[i] = std::uint32_t(engine());
        k0[i] = std::uint32_t(engine());
        k1[i] = std::uint32_t(engine());
        expected[i] = philox4x32_10_block(philox4x32_block{{w0[i], w1[i], w2[i], w3[i]}},
                                          philox4x32_key{{k0[i], k1[i]}});
    }
    boost::random::philox4x32_10_blocks(n, w0.data(), w1.data(), w2.data(), w3.data(),
                                        k0.data(), k1.data());
    for (std::size_t i = 0; i < n; ++i)
        CHECK(philox4x32_block{{w0[i], w1[i], w2[i], w3[i]}} == expected[i]);
}
