// Heap use of the gradient integrators, counted through the global operator new: the peak
// bytes and the number of allocations during integrate_reversible do not depend on the
// number of steps (10^2 ... 10^5), while the store-everything adjoint grows linearly.
#include <boost/numeric/odeint/ees.hpp>

#include <cstddef>
#include <new>
#include <vector>

#include <catch2/catch.hpp>

#include "gradient_support.hpp"
#include "heap_counter.hpp"

using namespace boost::numeric::odeint;
using vec = std::vector<double>;

namespace {

template <class Integrate>
ees_test::heap_use measure(Integrate integrate, std::size_t steps)
{
    vec x{1.2, -0.4}, grad_x0(2), grad_p(2, 0.0);
    const double dt = 1.0 / 64;
    const auto terminal = [](const vec& y, vec& a) {
        a[0] = y[0];
        a[1] = y[1];
    };
    return ees_test::measure_heap([&] {
        integrate(ees25<vec>(), ees_test::damped_pendulum(), x, 0.0, double(steps) * dt, dt,
                  terminal, grad_x0, grad_p);
    });
}

const auto reversible = [](auto&&... args) { integrate_reversible(args...); };
const auto store_all = [](auto&&... args) { integrate_discrete_adjoint(args...); };

} // namespace

TEST_CASE("integrate_reversible uses the same heap for 10^2 to 10^5 steps")
{
    const ees_test::heap_use small = measure(reversible, 100);
    INFO("peak " << small.peak << " bytes in " << small.allocations << " allocations");
    CHECK(small.peak > 0);  // the counter sees the integrator's few states
    for (std::size_t steps : {1000u, 10000u, 100000u})
    {
        const ees_test::heap_use large = measure(reversible, steps);
        CHECK(large.peak == small.peak);
        CHECK(large.allocations == small.allocations);  // nothing allocated per step
    }
}

TEST_CASE("The store-everything adjoint's heap grows linearly with the steps")
{
    const ees_test::heap_use small = measure(store_all, 1000);
    const ees_test::heap_use large = measure(store_all, 100000);
    // One stored 2-double state (16 bytes of data) per step at least.
    CHECK(large.peak > small.peak + 99000 * 16);
    CHECK(large.peak > 50 * small.peak);
}

TEST_CASE("The heap counter counts nothrow and array allocations and frees them in pairs")
{
    // The pointers escape through a volatile, so the compiler cannot elide the pairs.
    static void* volatile escape = nullptr;
    const ees_test::heap_use use = ees_test::measure_heap([] {
        char* nothrow_block = new (std::nothrow) char[100];
        int* array_block = new int[25];
        auto* single = new (std::nothrow) double(1.0);
        escape = nothrow_block;
        escape = array_block;
        escape = single;
        delete single;
        delete[] array_block;
        delete[] nothrow_block;
    });
    CHECK(escape != nullptr);
    CHECK(use.allocations == 3);
    CHECK(use.peak == 100 + 25 * sizeof(int) + sizeof(double));
    CHECK(use.current == 0);
}
