// Heap use of the gradient integrators, counted through the global operator new: the peak
// bytes and the number of allocations during integrate_reversible do not depend on the
// number of steps (10^2 ... 10^5), while the store-everything adjoint grows linearly.
#include <boost/numeric/odeint/ees.hpp>

#include <cstddef>
#include <cstdlib>
#include <new>
#include <vector>

#include <catch2/catch.hpp>

#include "gradient_support.hpp"

namespace {

struct heap_counter
{
    std::size_t current = 0, peak = 0, allocations = 0;
    bool active = false;
} counter;

} // namespace

// GCC 12 flags the free() and the header read below once it inlines the replacements into
// their callers (it takes the pointer for a new'd object); the pairs are malloc/free by
// construction.
#if defined(__GNUC__) && !defined(__clang__)
#pragma GCC diagnostic ignored "-Wmismatched-new-delete"
#pragma GCC diagnostic ignored "-Warray-bounds"
#endif

// Every block carries its requested size in front, so that operator delete can subtract
// exactly what operator new added (malloc_usable_size would depend on the heap's history).
namespace {
constexpr std::size_t header = alignof(std::max_align_t);
}

void* operator new(std::size_t bytes)
{
    void* block = std::malloc(bytes + header);
    if (!block)
        throw std::bad_alloc();
    *static_cast<std::size_t*>(block) = bytes;
    if (counter.active)
    {
        counter.current += bytes;
        counter.allocations += 1;
        if (counter.current > counter.peak)
            counter.peak = counter.current;
    }
    return static_cast<char*>(block) + header;
}

void operator delete(void* pointer) noexcept
{
    if (!pointer)
        return;
    void* block = static_cast<char*>(pointer) - header;
    if (counter.active)
        counter.current -= *static_cast<std::size_t*>(block);
    std::free(block);
}

void operator delete(void* pointer, std::size_t) noexcept { operator delete(pointer); }

using namespace boost::numeric::odeint;
using vec = std::vector<double>;

namespace {

struct heap_use
{
    std::size_t peak_bytes, allocations;
};

template <class Integrate>
heap_use measure(Integrate integrate, std::size_t steps)
{
    vec x{1.2, -0.4}, grad_x0(2), grad_p(2, 0.0);
    const double dt = 1.0 / 64;
    const auto terminal = [](const vec& y, vec& a) {
        a[0] = y[0];
        a[1] = y[1];
    };
    counter = heap_counter{};
    counter.active = true;
    integrate(ees25<vec>(), ees_test::damped_pendulum(), x, 0.0, double(steps) * dt, dt, terminal,
              grad_x0, grad_p);
    counter.active = false;
    return {counter.peak, counter.allocations};
}

const auto reversible = [](auto&&... args) { integrate_reversible(args...); };
const auto store_all = [](auto&&... args) { integrate_discrete_adjoint(args...); };

} // namespace

TEST_CASE("integrate_reversible uses the same heap for 10^2 to 10^5 steps")
{
    const heap_use small = measure(reversible, 100);
    INFO("peak " << small.peak_bytes << " bytes in " << small.allocations << " allocations");
    CHECK(small.peak_bytes > 0);  // the counter sees the integrator's few states
    for (std::size_t steps : {1000u, 10000u, 100000u})
    {
        const heap_use large = measure(reversible, steps);
        CHECK(large.peak_bytes == small.peak_bytes);
        CHECK(large.allocations == small.allocations);  // nothing allocated per step
    }
}

TEST_CASE("The store-everything adjoint's heap grows linearly with the steps")
{
    const heap_use small = measure(store_all, 1000);
    const heap_use large = measure(store_all, 100000);
    // One stored 2-double state (16 bytes of data) per step at least.
    CHECK(large.peak_bytes > small.peak_bytes + 99000 * 16);
    CHECK(large.peak_bytes > 50 * small.peak_bytes);
}
