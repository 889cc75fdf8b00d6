// Prints a 64-bit hash of the bits of the library's noise: normals, fixed-grid paths (alone,
// with a cursor, in a batch), virtual Brownian trees, in float and double. CMake builds it
// twice, for the x86-64 baseline (SSE2, no FMA) and for the build machine (-march=native,
// with FMA where it has it), and test/noise_bits/compare.cmake checks that both print the
// same: the noise's bits do not depend on -march or on contraction.
#include <boost/numeric/odeint/noise/batched_brownian_path.hpp>
#include <boost/numeric/odeint/noise/brownian_path.hpp>
#include <boost/numeric/odeint/noise/standard_normal.hpp>
#include <boost/numeric/odeint/noise/virtual_brownian_tree.hpp>

#include <cstdint>
#include <cstdio>
#include <cstring>
#include <vector>

namespace odeint = boost::numeric::odeint;

namespace {

struct fnv_hash
{
    std::uint64_t value = 1469598103934665603u;
    template <class T>
    void add(T x)
    {
        unsigned char bytes[sizeof(T)];
        std::memcpy(bytes, &x, sizeof(T));
        for (unsigned char b : bytes)
            value = (value ^ b) * 1099511628211u;
    }
};

template <class Value>
void report(const char* name)
{
    fnv_hash normals, grid, cursor_grid, batched, tree;
    const std::size_t n = 1 << 14;
    std::vector<std::uint32_t> w0(n), w1(n), w2(n), w3(n);
    const auto key = odeint::noise_key(7, 0);
    for (std::size_t i = 0; i < n; ++i) {
        const auto words = boost::random::philox4x32_10_block(odeint::noise_counter(i, 0), key);
        w0[i] = words.word[0];
        w1[i] = words.word[1];
        w2[i] = words.word[2];
        w3[i] = words.word[3];
    }
    std::vector<Value> z(n * odeint::philox_real_block<Value>::size);
    odeint::standard_normal_blocks<Value>(n, w0.data(), w1.data(), w2.data(), w3.data(), z.data());
    for (Value v : z)
        normals.add(v);

    const odeint::brownian_path<Value, double> path(11, 0.0, 1.0, 1200, 3, 5);
    auto cursor = path.make_cursor();
    std::vector<Value> dW(3);
    for (std::size_t k = 0; k + 30 <= 1200; k += 30) {
        path.increment(k * path.dt(), (k + 30) * path.dt(), dW);
        for (Value v : dW)
            grid.add(v);
        path.increment(k * path.dt(), (k + 30) * path.dt(), dW, cursor);
        for (Value v : dW)
            cursor_grid.add(v);
    }
    const odeint::batched_brownian_path<Value, double> batch(path, 17);
    auto batch_cursor = batch.make_cursor();
    std::vector<Value> batch_dW(batch.dimension());
    for (std::size_t k = 0; k + 7 <= 1200; k += 7) {
        batch.increment(k * path.dt(), (k + 7) * path.dt(), batch_dW, batch_cursor);
        for (Value v : batch_dW)
            batched.add(v);
    }
    const odeint::virtual_brownian_tree<Value, double> noise_tree(13, 0.0, 1.0, 1e-6, 2);
    std::vector<Value> tree_dW(2);
    for (int i = 0; i < 200; ++i) {
        noise_tree.increment(i * 0.0049, (i + 1) * 0.0049, tree_dW);
        for (Value v : tree_dW)
            tree.add(v);
    }
    std::printf("%s normals %016llx grid %016llx cursor %016llx batched %016llx tree %016llx\n",
                name, static_cast<unsigned long long>(normals.value),
                static_cast<unsigned long long>(grid.value),
                static_cast<unsigned long long>(cursor_grid.value),
                static_cast<unsigned long long>(batched.value),
                static_cast<unsigned long long>(tree.value));
}

} // namespace

int main()
{
    report<float>("float ");
    report<double>("double");
}
