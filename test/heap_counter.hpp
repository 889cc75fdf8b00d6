// Counts heap use through replaced global operator new / delete (every form without an
// alignment argument: plain, array, nothrow; aligned forms stay the runtime's, as a pair).
// Include it in exactly one translation unit of a program (it defines the replacements).
// Every block carries its requested size in front, so operator delete subtracts exactly what
// operator new added (malloc_usable_size would depend on the heap's history).
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

namespace ees_test {

inline void* counted_allocate(std::size_t bytes) noexcept
{
    void* block = std::malloc(bytes + heap_header);
    if (!block)
        return nullptr;
    *static_cast<std::size_t*>(block) = bytes;
    auto& counter = heap_counter;
    if (counter.active)
    {
        counter.current += bytes;
        counter.allocations += 1;
        if (counter.current > counter.peak)
            counter.peak = counter.current;
    }
    return static_cast<char*>(block) + heap_header;
}

inline void counted_free(void* pointer) noexcept
{
    if (!pointer)
        return;
    void* block = static_cast<char*>(pointer) - heap_header;
    if (heap_counter.active)
        heap_counter.current -= *static_cast<std::size_t*>(block);
    std::free(block);
}

inline void* counted_new(std::size_t bytes)
{
    void* pointer = counted_allocate(bytes);
    if (!pointer)
        throw std::bad_alloc();
    return pointer;
}

} // namespace ees_test

// Every replaceable form without an alignment argument goes through the same header, so
// that any new is matched by any delete: a form left to the runtime (Catch's
// new(std::nothrow), under AddressSanitizer) would allocate without the header and be freed
// with it.
void* operator new(std::size_t bytes) { return ees_test::counted_new(bytes); }
void* operator new[](std::size_t bytes) { return ees_test::counted_new(bytes); }
void* operator new(std::size_t bytes, const std::nothrow_t&) noexcept
{
    return ees_test::counted_allocate(bytes);
}
void* operator new[](std::size_t bytes, const std::nothrow_t&) noexcept
{
    return ees_test::counted_allocate(bytes);
}

void operator delete(void* pointer) noexcept { ees_test::counted_free(pointer); }
void operator delete[](void* pointer) noexcept { ees_test::counted_free(pointer); }
void operator delete(void* pointer, std::size_t) noexcept { ees_test::counted_free(pointer); }
void operator delete[](void* pointer, std::size_t) noexcept { ees_test::counted_free(pointer); }
void operator delete(void* pointer, const std::nothrow_t&) noexcept
{
    ees_test::counted_free(pointer);
}
void operator delete[](void* pointer, const std::nothrow_t&) noexcept
{
    ees_test::counted_free(pointer);
}

#endif
