// Counts heap use through replaced global operator new / delete. Include it in exactly one
// translation unit of a program (it defines the replacements). Every block carries its
// requested size in front, so operator delete subtracts exactly what operator new added
// (malloc_usable_size would depend on the heap's history).
#ifndef ODEINT_EES_TEST_HEAP_COUNTER_HPP
#define ODEINT_EES_TEST_HEAP_COUNTER_HPP

#include <cstddef>
#include <cstdlib>
#include <new>

namespace ees_test {

struct heap_use
{
    std::size_t current = 0, peak = 0, allocations = 0;
    bool active = false;
};

inline heap_use heap_counter;

/// Peak bytes and number of allocations made while `work()` runs.
template <class Work>
heap_use measure_heap(Work work)
{
    heap_counter = heap_use{};
    heap_counter.active = true;
    work();
    heap_counter.active = false;
    return heap_counter;
}

constexpr std::size_t heap_header = alignof(std::max_align_t);

} // namespace ees_test

// GCC 12 flags the free() and the header read below once it inlines the replacements into
// their callers (it takes the pointer for a new'd object); the pairs are malloc/free by
// construction.
#if defined(__GNUC__) && !defined(__clang__)
#pragma GCC diagnostic ignored "-Wmismatched-new-delete"
#pragma GCC diagnostic ignored "-Warray-bounds"
#endif

void* operator new(std::size_t bytes)
{
    void* block = std::malloc(bytes + ees_test::heap_header);
    if (!block)
        throw std::bad_alloc();
    *static_cast<std::size_t*>(block) = bytes;
    auto& counter = ees_test::heap_counter;
    if (counter.active)
    {
        counter.current += bytes;
        counter.allocations += 1;
        if (counter.current > counter.peak)
            counter.peak = counter.current;
    }
    return static_cast<char*>(block) + ees_test::heap_header;
}

void operator delete(void* pointer) noexcept
{
    if (!pointer)
        return;
    void* block = static_cast<char*>(pointer) - ees_test::heap_header;
    if (ees_test::heap_counter.active)
        ees_test::heap_counter.current -= *static_cast<std::size_t*>(block);
    std::free(block);
}

void operator delete(void* pointer, std::size_t) noexcept { operator delete(pointer); }

#endif
