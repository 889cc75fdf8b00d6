// Memory of integrate_reversible on the device neural SDE batch does not grow with the number
// of steps. On Thrust's CPU backends a device_vector lives in host memory, allocated with
// malloc (as are Eigen's and OpenMP's buffers): this program replaces glibc's malloc family to
// track the bytes in use (malloc_usable_size of each block) and their peak.
#include "thrust_test_support.hpp"

#include <boost/numeric/odeint/external/thrust/thrust_batched_mlp.hpp>
#include <boost/numeric/odeint/nn/mlp.hpp>

#include <malloc.h>

#include <atomic>
#include <cerrno>
#include <cstdint>

extern "C" {
void* __libc_malloc(std::size_t size);
void __libc_free(void* p);
void* __libc_calloc(std::size_t n, std::size_t size);
void* __libc_realloc(void* p, std::size_t size);
void* __libc_memalign(std::size_t alignment, std::size_t size);
}

namespace {

std::atomic<long long> bytes_in_use{0};
std::atomic<long long> peak_bytes{0};

void note_allocation(void* p)
{
    if (!p)
        return;
    const long long now = bytes_in_use += static_cast<long long>(malloc_usable_size(p));
    long long peak = peak_bytes.load();
    while (now > peak && !peak_bytes.compare_exchange_weak(peak, now))
    {
    }
}

void note_release(void* p)
{
    if (p)
        bytes_in_use -= static_cast<long long>(malloc_usable_size(p));
}

} // namespace

extern "C" {
void* malloc(std::size_t size) noexcept
{
    void* p = __libc_malloc(size);
    note_allocation(p);
    return p;
}
void free(void* p) noexcept
{
    note_release(p);
    __libc_free(p);
}
void* calloc(std::size_t n, std::size_t size) noexcept
{
    void* p = __libc_calloc(n, size);
    note_allocation(p);
    return p;
}
void* realloc(void* p, std::size_t size) noexcept
{
    note_release(p);
    void* q = __libc_realloc(p, size);
    note_allocation(q ? q : (size ? p : nullptr));
    return q;
}
void* memalign(std::size_t alignment, std::size_t size) noexcept
{
    void* p = __libc_memalign(alignment, size);
    note_allocation(p);
    return p;
}
void* aligned_alloc(std::size_t alignment, std::size_t size) noexcept
{
    return memalign(alignment, size);
}
int posix_memalign(void** out, std::size_t alignment, std::size_t size) noexcept
{
    void* p = memalign(alignment, size);
    if (!p)
        return ENOMEM;
    *out = p;
    return 0;
}
}

using namespace boost::numeric::odeint;
using namespace thrust_test;

namespace {

/// Peak bytes above those in use at the start, while integrate_reversible takes `steps` steps
/// of ees25 on a batch of 64 paths of the neural SDE (d = 4, width 16).
std::size_t peak_of_solve(std::size_t steps)
{
    const std::size_t d = 4, width = 16, paths = 64;
    const mlp<double> drift({d + 1, width, width, d}, mlp_activation::lipswish, 5);
    const mlp<double> diffusion({d, width, d}, mlp_activation::lipswish, 6,
                                mlp_output_activation::tanh);
    const long long start = bytes_in_use.load();
    peak_bytes = start;
    {
        const thrust_brownian_path<double> noise(
            brownian_path<double>(3, 0.0, 1.0, steps, d, 0), paths);
        const auto sde = make_thrust_neural_sde(
            thrust_batched_mlp_field<double>(drift, mlp_time::input),
            thrust_batched_mlp_field<double>(diffusion, mlp_time::ignored,
                                             drift.parameter_count(), 0.5),
            noise);
        device_vector<double> y(paths * d, 0.5), grad_y0(paths * d);
        std::vector<double> grad_p(sde.parameter_count(), 0.0);
        integrate_reversible(
            ees25<device_vector<double>, double>(), sde, y, 0.0, 1.0, 1.0 / double(steps),
            [](const device_vector<double>& x, device_vector<double>& a) {
                thrust::copy(x.begin(), x.end(), a.begin());
            },
            grad_y0, grad_p);
    }
    return static_cast<std::size_t>(peak_bytes.load() - start);
}

} // namespace

TEST_CASE("integrate_reversible on the device neural SDE batch uses the same memory for 10 "
          "and 1000 steps",
          "[thrust][neural][memory]")
{
    peak_of_solve(2);  // first-use allocations (OpenMP's threads, Eigen's) out of the way
    const std::size_t few = peak_of_solve(10);
    const std::size_t many = peak_of_solve(1000);
    // Anything kept per step would add at least one state (64 × 4 doubles) per step, 2 MB for
    // the 990 extra steps; less than one state of difference is the allocator's bookkeeping
    // (measured: 16 bytes, the order of OpenMP's thread start-up allocations).
    const std::size_t state_bytes = 64 * 4 * sizeof(double);
    INFO("peak bytes: " << few << " for 10 steps, " << many << " for 1000 steps");
    CHECK(few > 0);
    CHECK(many < few + state_bytes);
}
