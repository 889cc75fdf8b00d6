// boost/random/philox.hpp
//
// Philox-4x32-10, a counter-based random number generator: Salmon, Moraes, Dror and Shaw,
// "Parallel random numbers: as easy as 1, 2, 3", SC11 (2011), Section 4.2 and Table 2;
// constants and round structure as in the authors' Random123 library (philox.h).
//
// Provides
//   * philox4x32_block / philox4x32_key: 4 and 2 words of 32 bits (plain aggregates, usable
//     in CUDA device code),
//   * philox4x32_10_block(counter, key): the pure bijection counter -> 4 random words
//     (10 rounds), constexpr and __host__ __device__ under nvcc,
//   * philox4x32_10_blocks(n, words, keys): the same for n counters at once, in place, on
//     arrays laid out structure of arrays (a loop compilers vectorise),
//   * philox4x32: a Boost.Random engine (result_type std::uint32_t) built on it, so that
//     boost::random::normal_distribution, uniform_01, ... work with it unchanged.
//
// The engine's 128-bit counter is (c0, c1) = 64-bit block position, (c2, c3) = 64-bit stream
// id. Each block yields 4 words, so a stream holds 2^66 words before it wraps; discard(n) is
// O(1), and set_counter() jumps straight to any (stream, block).
//
// Distributed under the Boost Software License, Version 1.0.
#ifndef BOOST_RANDOM_PHILOX_HPP
#define BOOST_RANDOM_PHILOX_HPP

#include <boost/config.hpp>

#include <cstddef>
#include <cstdint>
#include <istream>
#include <ostream>
#include <type_traits>

#ifndef BOOST_RANDOM_HOST_DEVICE
#ifdef __CUDACC__
#define BOOST_RANDOM_HOST_DEVICE __host__ __device__
#else
#define BOOST_RANDOM_HOST_DEVICE
#endif
#endif

namespace boost {
namespace random {

/// Four 32-bit words: a Philox-4x32 counter or one block of output.
struct philox4x32_block
{
    std::uint32_t word[4];
};

/// Two 32-bit words: a Philox-4x32 key.
struct philox4x32_key
{
    std::uint32_t word[2];
};

BOOST_RANDOM_HOST_DEVICE constexpr bool operator==(const philox4x32_block& a,
                                                   const philox4x32_block& b)
{
    return a.word[0] == b.word[0] && a.word[1] == b.word[1] && a.word[2] == b.word[2] &&
           a.word[3] == b.word[3];
}

BOOST_RANDOM_HOST_DEVICE constexpr bool operator!=(const philox4x32_block& a,
                                                   const philox4x32_block& b)
{
    return !(a == b);
}

namespace detail {

// Multipliers and Weyl key increments of Philox-4x32 (Salmon et al. 2011, Section 4.2).
constexpr std::uint32_t philox4x32_multiplier0 = 0xD2511F53u;
constexpr std::uint32_t philox4x32_multiplier1 = 0xCD9E8D57u;
constexpr std::uint32_t philox4x32_weyl0 = 0x9E3779B9u; // golden ratio
constexpr std::uint32_t philox4x32_weyl1 = 0xBB67AE85u; // sqrt(3) - 1

/// One Philox S-box/P-box round: two 32x32->64 multiplications, xor with the key.
BOOST_RANDOM_HOST_DEVICE constexpr philox4x32_block philox4x32_round(const philox4x32_block& c,
                                                                      const philox4x32_key& k)
{
    const std::uint64_t product0 = std::uint64_t{philox4x32_multiplier0} * c.word[0];
    const std::uint64_t product1 = std::uint64_t{philox4x32_multiplier1} * c.word[2];
    const auto high0 = static_cast<std::uint32_t>(product0 >> 32);
    const auto low0 = static_cast<std::uint32_t>(product0);
    const auto high1 = static_cast<std::uint32_t>(product1 >> 32);
    const auto low1 = static_cast<std::uint32_t>(product1);
    return philox4x32_block{{high1 ^ c.word[1] ^ k.word[0], low1, high0 ^ c.word[3] ^ k.word[1],
                             low0}};
}

} // namespace detail

/// Philox-4x32-10: the 4 random words of counter `counter` under key `key`.
/// A pure function: same (counter, key), same words, on host and device.
BOOST_RANDOM_HOST_DEVICE constexpr philox4x32_block philox4x32_10_block(philox4x32_block counter,
                                                                        philox4x32_key key)
{
    counter = detail::philox4x32_round(counter, key);
    for (int round = 1; round < 10; ++round) {
        key.word[0] += detail::philox4x32_weyl0;
        key.word[1] += detail::philox4x32_weyl1;
        counter = detail::philox4x32_round(counter, key);
    }
    return counter;
}

/// Philox-4x32-10 of n counters at once: on entry word0[i] .. word3[i] is counter i, on
/// exit its 4 random words under the key (key0[i], key1[i]); the values of
/// philox4x32_10_block, computed a counter per vector lane (the arrays must not overlap).
inline void philox4x32_10_blocks(std::size_t n, std::uint32_t* BOOST_RESTRICT word0,
                                 std::uint32_t* BOOST_RESTRICT word1,
                                 std::uint32_t* BOOST_RESTRICT word2,
                                 std::uint32_t* BOOST_RESTRICT word3,
                                 const std::uint32_t* BOOST_RESTRICT key0,
                                 const std::uint32_t* BOOST_RESTRICT key1)
{
    for (std::size_t i = 0; i < n; ++i) {
        const philox4x32_block words = philox4x32_10_block(
            philox4x32_block{{word0[i], word1[i], word2[i], word3[i]}},
            philox4x32_key{{key0[i], key1[i]}});
        word0[i] = words.word[0];
        word1[i] = words.word[1];
        word2[i] = words.word[2];
        word3[i] = words.word[3];
    }
}

/// Boost.Random engine over Philox-4x32-10: a small value type (key, stream, position)
/// whose output word number n of stream s is word n % 4 of
/// philox4x32_10_block({n/4 low, n/4 high, s low, s high}, key).
class philox4x32
{
public:
    using result_type = std::uint32_t;
    static constexpr bool has_fixed_range = false; // as Boost's own engines declare it
    static constexpr std::uint64_t default_seed = 0;

    static constexpr result_type min() { return 0; }
    static constexpr result_type max() { return 0xFFFFFFFFu; }

    /// Key 0, stream 0, position 0.
    philox4x32() { seed(); }

    /// Key = the 64-bit seed (low word first), stream id `stream`, position 0.
    explicit philox4x32(std::uint64_t seed_value, std::uint64_t stream = 0)
    {
        seed(seed_value, stream);
    }

    /// Explicit key and 128-bit counter: the next four outputs are
    /// philox4x32_10_block(counter, key).
    philox4x32(const philox4x32_key& key, const philox4x32_block& counter) : key_(key)
    {
        set_counter(counter);
    }

    /// Key from two words of a seed sequence (std::seed_seq, boost::random::seed_seq).
    template <class SeedSeq, class = std::enable_if_t<!std::is_arithmetic<SeedSeq>::value &&
                                                      !std::is_same<std::remove_cv_t<SeedSeq>, philox4x32>::value>>
    explicit philox4x32(SeedSeq& sequence)
    {
        seed(sequence);
    }

    void seed() { seed(default_seed); }

    void seed(std::uint64_t seed_value, std::uint64_t stream = 0)
    {
        key_ = philox4x32_key{{static_cast<std::uint32_t>(seed_value),
                               static_cast<std::uint32_t>(seed_value >> 32)}};
        stream_ = stream;
        block_ = 0;
        lane_ = 0;
        refill();
    }

    template <class SeedSeq, class = std::enable_if_t<!std::is_arithmetic<SeedSeq>::value>>
    void seed(SeedSeq& sequence)
    {
        std::uint32_t words[2] = {0, 0};
        sequence.generate(words, words + 2);
        key_ = philox4x32_key{{words[0], words[1]}};
        stream_ = 0;
        block_ = 0;
        lane_ = 0;
        refill();
    }

    /// Jump to the start of block `counter` (words 0, 1: block position; 2, 3: stream id).
    void set_counter(const philox4x32_block& counter)
    {
        block_ = std::uint64_t{counter.word[0]} | (std::uint64_t{counter.word[1]} << 32);
        stream_ = std::uint64_t{counter.word[2]} | (std::uint64_t{counter.word[3]} << 32);
        lane_ = 0;
        refill();
    }

    /// The counter of the block the next output comes from.
    philox4x32_block counter() const
    {
        return philox4x32_block{{static_cast<std::uint32_t>(block_),
                                 static_cast<std::uint32_t>(block_ >> 32),
                                 static_cast<std::uint32_t>(stream_),
                                 static_cast<std::uint32_t>(stream_ >> 32)}};
    }

    philox4x32_key key() const { return key_; }
    std::uint64_t stream() const { return stream_; }

    result_type operator()()
    {
        const result_type result = buffer_.word[lane_];
        if (++lane_ == 4) {
            lane_ = 0;
            ++block_; // wraps modulo 2^64 blocks: the stream's period is 2^66 words
            refill();
        }
        return result;
    }

    template <class Iterator>
    void generate(Iterator first, Iterator last)
    {
        for (; first != last; ++first)
            *first = (*this)();
    }

    /// Advance by n outputs in O(1).
    void discard(unsigned long long n)
    {
        block_ += static_cast<std::uint64_t>(n / 4);
        lane_ += static_cast<unsigned>(n % 4);
        if (lane_ >= 4) {
            lane_ -= 4;
            ++block_;
        }
        refill();
    }

    friend bool operator==(const philox4x32& a, const philox4x32& b)
    {
        return a.key_.word[0] == b.key_.word[0] && a.key_.word[1] == b.key_.word[1] &&
               a.stream_ == b.stream_ && a.block_ == b.block_ && a.lane_ == b.lane_;
    }

    friend bool operator!=(const philox4x32& a, const philox4x32& b) { return !(a == b); }

    /// Writes "key0 key1 block stream lane" in decimal, like Boost's engines.
    template <class CharT, class Traits>
    friend std::basic_ostream<CharT, Traits>& operator<<(std::basic_ostream<CharT, Traits>& os,
                                                         const philox4x32& engine)
    {
        const CharT space = os.widen(' ');
        os << engine.key_.word[0] << space << engine.key_.word[1] << space << engine.block_
           << space << engine.stream_ << space << engine.lane_;
        return os;
    }

    /// Reads what operator<< wrote; leaves the engine unchanged and sets failbit if the read
    /// fails, a number is negative ("-1" is not read as 2^32 − 1) or lane > 3.
    template <class CharT, class Traits>
    friend std::basic_istream<CharT, Traits>& operator>>(std::basic_istream<CharT, Traits>& is,
                                                         philox4x32& engine)
    {
        philox4x32_key key{{0, 0}};
        std::uint64_t block = 0;
        std::uint64_t stream = 0;
        unsigned lane = 0;
        read_unsigned(is, key.word[0]);
        read_unsigned(is, key.word[1]);
        read_unsigned(is, block);
        read_unsigned(is, stream);
        read_unsigned(is, lane);
        if (is && lane < 4) {
            engine.key_ = key;
            engine.block_ = block;
            engine.stream_ = stream;
            engine.lane_ = lane;
            engine.refill();
        } else if (is) {
            is.setstate(std::ios_base::failbit);
        }
        return is;
    }

private:
    /// is >> value for an unsigned value, failing on a leading '-' (which operator>> of an
    /// unsigned type accepts and wraps: "-1" would read as the largest value).
    template <class CharT, class Traits, class Unsigned>
    static void read_unsigned(std::basic_istream<CharT, Traits>& is, Unsigned& value)
    {
        is >> std::ws;
        if (is && Traits::eq_int_type(is.peek(), Traits::to_int_type(is.widen('-'))))
            is.setstate(std::ios_base::failbit);
        if (is)
            is >> value;
    }

    void refill() { buffer_ = philox4x32_10_block(counter(), key_); }

    philox4x32_key key_{{0, 0}};
    std::uint64_t stream_ = 0;
    std::uint64_t block_ = 0;           // block the next output comes from
    unsigned lane_ = 0;                 // word of that block the next output is (0..3)
    philox4x32_block buffer_{{0, 0, 0, 0}}; // philox4x32_10_block(counter(), key_)
};

} // namespace random
} // namespace boost

#endif // BOOST_RANDOM_PHILOX_HPP
