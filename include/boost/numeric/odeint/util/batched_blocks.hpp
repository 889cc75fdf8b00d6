/*
 boost/numeric/odeint/util/batched_blocks.hpp

 Splitting many paths into blocks of a fixed size and running the blocks on threads, with
 results that do not depend on the number of threads (doc/batched.md):

   block_plan plan(paths, block_size, first = 0);   // block i: paths [first(i), first(i) + count(i))
   run_blocks(plan, threads, work);                 // work(i) for every block, on `threads` threads
   sum_blocks(partials, total);                     // total = partial_0 + partial_1 + ... in block order

 The block size is a property of the problem, never of the machine, so block i holds the same
 paths whatever the number of threads (or MPI ranks: util/mpi_block_sum.hpp): every block is
 one batched state (noise/batched_brownian_path.hpp, nn/batched_mlp.hpp) solved on its
 own, writes its results (a loss, a gradient) to a slot of its own, and the slots are summed
 left to right in block order. So the sums are bitwise the same for 1, 2 or T threads.
 Threads take the next unstarted block (work stealing through one atomic counter); the first
 exception thrown by a block is rethrown by run_blocks after all threads have stopped, and a
 thread that cannot be started is a std::system_error, also after the others have stopped.
 Counts that are negative numbers converted to std::size_t are std::invalid_argument naming
 them (block_plan), never a plan of no blocks.

 Distributed under the Boost Software License, Version 1.0.
*/
#ifndef BOOST_NUMERIC_ODEINT_UTIL_BATCHED_BLOCKS_HPP_INCLUDED
#define BOOST_NUMERIC_ODEINT_UTIL_BATCHED_BLOCKS_HPP_INCLUDED

#include <algorithm>
#include <atomic>
#include <cstddef>
#include <cstdint>
#include <exception>
#include <limits>
#include <mutex>
#include <stdexcept>
#include <string>
#include <system_error>
#include <thread>
#include <vector>

#include <boost/numeric/odeint/util/detail/check_count.hpp>

namespace boost {
namespace numeric {
namespace odeint {

/// `paths` paths (indices first, first + 1, ...) cut into blocks of block_size, the last one
/// possibly shorter.
class block_plan
{
public:
    /// The most paths, and the largest block size: 2^63 − 1 (a larger value is almost always
    /// a negative count converted to std::size_t, and would wrap the block count to 0).
    static constexpr std::uint64_t max_count = (std::uint64_t{1} << 63) - 1;

    /// The block size the examples use unless told otherwise: the one at which the neural
    /// SDE's batched_mlp_field matrix products (one column per path) and its forward +
    /// reversible gradient ran fastest (test/perf/perf_batched_blocks; the measurements are
    /// in doc/results/benchmarks.md). A property of the problem like any block size, never of
    /// the machine.
    static constexpr std::size_t default_block_size = 128;

    block_plan(std::size_t paths, std::size_t block_size, std::size_t first = 0)
        : m_paths(paths), m_block_size(block_size), m_first(first)
    {
        detail::check_count("block_plan", "paths", paths, max_count);
        detail::check_count("block_plan", "block_size", block_size, max_count);
        if (paths > std::numeric_limits<std::size_t>::max() - first)
            throw std::invalid_argument("block_plan: paths = " + std::to_string(paths) +
                                        " from first = " + std::to_string(first) +
                                        " run past the largest path index " +
                                        std::to_string(std::numeric_limits<std::size_t>::max()));
        if (paths == 0)
            throw std::invalid_argument("block_plan: paths = 0, needs at least one path");
        if (block_size == 0)
            throw std::invalid_argument("block_plan: block_size = 0, needs at least one path "
                                        "per block");
    }

    std::size_t paths() const { return m_paths; }
    std::size_t block_size() const { return m_block_size; }
    std::size_t blocks() const { return (m_paths + m_block_size - 1) / m_block_size; }

    /// The first path index of block i.
    std::size_t first(std::size_t i) const { return m_first + i * m_block_size; }

    /// The number of paths of block i.
    std::size_t count(std::size_t i) const
    {
        return std::min(m_block_size, m_paths - i * m_block_size);
    }

private:
    std::size_t m_paths;
    std::size_t m_block_size;
    std::size_t m_first;
};

namespace detail {

/// run_block_range with the threads started by start_thread(worker), which returns a
/// std::thread (a test injects a failure through it).
template <class StartThread, class Work>
void run_block_range_with(StartThread start_thread, std::size_t first_block,
                          std::size_t last_block, std::size_t threads, Work work)
{
    if (threads == 0)
        throw std::invalid_argument("run_blocks: threads = 0, needs at least one thread");
    if (threads == 1 || last_block - first_block <= 1)
    {
        for (std::size_t i = first_block; i < last_block; ++i)
            work(i);
        return;
    }
    std::atomic<std::size_t> next{first_block};
    std::exception_ptr error;
    std::mutex error_mutex;
    const auto worker = [&] {
        for (std::size_t i; (i = next.fetch_add(1)) < last_block;)
        {
            try
            {
                work(i);
            }
            catch (...)
            {
                std::lock_guard<std::mutex> lock(error_mutex);
                if (!error)
                    error = std::current_exception();
                next = last_block;
            }
        }
    };
    std::vector<std::thread> pool;
    const std::size_t helpers = std::min(threads, last_block - first_block) - 1;
    pool.reserve(helpers);
    try
    {
        for (std::size_t k = 0; k < helpers; ++k)
            pool.push_back(start_thread(worker));
    }
    catch (const std::system_error& e)
    {
        // No new block starts; the running ones finish, then the failure is reported.
        next = last_block;
        for (auto& thread : pool)
            thread.join();
        throw std::system_error(e.code(), "run_blocks: thread " +
                                              std::to_string(pool.size() + 2) + " of " +
                                              std::to_string(helpers + 1) +
                                              " could not start (" + e.what() + ")");
    }
    worker();
    for (auto& thread : pool)
        thread.join();
    if (error)
        std::rethrow_exception(error);
}

} // namespace detail

/// work(i) for the blocks i = first_block .. last_block − 1 on `threads` threads (1: on the
/// calling thread). Throws std::invalid_argument for threads = 0, and std::system_error
/// (the system's error code, "run_blocks: thread k of n could not start ...") when a thread
/// cannot be started, after the threads already running have finished their blocks.
template <class Work>
void run_block_range(std::size_t first_block, std::size_t last_block, std::size_t threads,
                     Work work)
{
    detail::run_block_range_with([](const auto& worker) { return std::thread(worker); },
                                 first_block, last_block, threads, std::move(work));
}

/// work(i) for every block of `plan`, on `threads` threads.
template <class Work>
void run_blocks(const block_plan& plan, std::size_t threads, Work work)
{
    run_block_range(0, plan.blocks(), threads, std::move(work));
}

/// total = Σ_i partials[i], summed left to right in block order (total sized like the
/// partials). Throws std::invalid_argument for no partials or differing sizes.
template <class Vector>
void sum_blocks(const std::vector<Vector>& partials, Vector& total)
{
    if (partials.empty())
        throw std::invalid_argument("sum_blocks: no partial sums");
    total = partials.front();
    for (std::size_t i = 1; i < partials.size(); ++i)
    {
        if (partials[i].size() != total.size())
            throw std::invalid_argument("sum_blocks: partial " + std::to_string(i) +
                                        " has size " + std::to_string(partials[i].size()) +
                                        " but partial 0 has " + std::to_string(total.size()));
        for (std::size_t k = 0; k < total.size(); ++k)
            total[k] += partials[i][k];
    }
}

} // namespace odeint
} // namespace numeric
} // namespace boost

#endif // BOOST_NUMERIC_ODEINT_UTIL_BATCHED_BLOCKS_HPP_INCLUDED
