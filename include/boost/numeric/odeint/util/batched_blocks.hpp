/*
 boost/numeric/odeint/util/batched_blocks.hpp

 Splitting many paths into blocks of a fixed size and running the blocks on threads, with
 results that do not depend on the number of threads (doc/batched.md):

   block_plan plan(paths, block_size, first = 0);   // block i: paths [first(i), first(i) + count(i))
   run_blocks(plan, threads, work);                 // work(i) for every block, on `threads` threads
   sum_blocks(partials, total);                     // total = partial_0 + partial_1 + ... in block order

 The block size is a property of the problem, never of the machine, so block i holds the same
 paths whatever the number of threads (or MPI ranks: util/mpi_block_sum.hpp): every block is
 one batched state (noise/batched_brownian_path.hpp, system/batched_mlp.hpp) solved on its
 own, writes its results (a loss, a gradient) to a slot of its own, and the slots are summed
 left to right in block order. So the sums are bitwise the same for 1, 2 or T threads.
 Threads take the next unstarted block (work stealing through one atomic counter); the first
 exception thrown by a block is rethrown by run_blocks after all threads have stopped.

 Distributed under the Boost Software License, Version 1.0.
*/
#ifndef BOOST_NUMERIC_ODEINT_UTIL_BATCHED_BLOCKS_HPP_INCLUDED
#define BOOST_NUMERIC_ODEINT_UTIL_BATCHED_BLOCKS_HPP_INCLUDED

#include <algorithm>
#include <atomic>
#include <cstddef>
#include <exception>
#include <mutex>
#include <stdexcept>
#include <string>
#include <thread>
#include <vector>

namespace boost {
namespace numeric {
namespace odeint {

/// `paths` paths (indices first, first + 1, ...) cut into blocks of block_size, the last one
/// possibly shorter.
class block_plan
{
public:
    block_plan(std::size_t paths, std::size_t block_size, std::size_t first = 0)
        : m_paths(paths), m_block_size(block_size), m_first(first)
    {
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

/// work(i) for the blocks i = first_block .. last_block − 1 on `threads` threads (1: on the
/// calling thread). Throws std::invalid_argument for threads = 0.
template <class Work>
void run_block_range(std::size_t first_block, std::size_t last_block, std::size_t threads,
                     Work work)
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
    for (std::size_t k = 0; k < helpers; ++k)
        pool.emplace_back(worker);
    worker();
    for (auto& thread : pool)
        thread.join();
    if (error)
        std::rethrow_exception(error);
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
