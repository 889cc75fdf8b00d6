/*
 boost/numeric/odeint/util/mpi_block_sum.hpp

 The blocks of util/batched_blocks.hpp across MPI processes, on Boost.MPI (doc/batched.md):

   mpi_block_range(comm, blocks)          // this rank's contiguous blocks [first, last)
   mpi_sum_blocks(comm, partials, total)  // total = Σ over ALL blocks, in block order, on every rank
   mpi_throw_if_any_rank_failed(comm, e)  // every rank throws when any rank caught an exception

 Rank r takes the blocks [r n / R, (r + 1) n / R) of the n blocks (R ranks), so the paths
 are split in contiguous slices of whole blocks. mpi_sum_blocks gathers every rank's
 per-block partial sums on rank 0 in rank order (which is block order), sums them left to
 right there and broadcasts the result: the same additions in the same order as sum_blocks
 in one process, so a run on R ranks (with any number of threads each) gives bitwise the
 losses and gradients of one process. The partials travel as whole vectors (blocks × size
 doubles per rank); for the neural SDE examples that is a few megabytes per epoch.

 Errors are collective. A collective waits for every rank, so a rank that throws alone
 leaves the others blocked for ever. mpi_sum_blocks agrees on its input checks before any
 data moves (one all_reduce): a bad input on any rank makes every rank throw the same
 std::invalid_argument, naming the rank. An exception raised in the caller's own code
 (a block's solve) must be agreed on the same way before the sum:

     std::exception_ptr error;
     try { run_block_range(range.first, range.second, threads, work); }
     catch (...) { error = std::current_exception(); }
     mpi_throw_if_any_rank_failed(world, error);   // every rank throws, or none does
     mpi_sum_blocks(world, partials, total);

 Needs Boost.MPI (Debian: libboost-mpi-dev, openmpi-bin); ees.hpp does not include it.

 Distributed under the Boost Software License, Version 1.0.
*/
#ifndef BOOST_NUMERIC_ODEINT_UTIL_MPI_BLOCK_SUM_HPP_INCLUDED
#define BOOST_NUMERIC_ODEINT_UTIL_MPI_BLOCK_SUM_HPP_INCLUDED

#include <array>
#include <cstddef>
#include <exception>
#include <limits>
#include <stdexcept>
#include <string>
#include <utility>
#include <vector>

#include <boost/mpi/collectives.hpp>
#include <boost/mpi/communicator.hpp>

#include <boost/numeric/odeint/util/batched_blocks.hpp>

namespace boost {
namespace numeric {
namespace odeint {

/// The blocks [first, last) of `blocks` that rank comm.rank() of comm.size() works on.
inline std::pair<std::size_t, std::size_t> mpi_block_range(const boost::mpi::communicator& comm,
                                                           std::size_t blocks)
{
    const std::size_t ranks = std::size_t(comm.size()), rank = std::size_t(comm.rank());
    return {rank * blocks / ranks, (rank + 1) * blocks / ranks};
}

namespace detail {

/// Collective: every rank passes its error message ("" for none); if any rank has one, every
/// rank throws Exception(prefix + "on rank r: " + message) for the lowest such rank r
/// (its message travels by broadcast), otherwise nothing happens. One all_reduce, and a
/// broadcast only when some rank failed.
template <class Exception>
void throw_if_any_rank_failed(const boost::mpi::communicator& comm, const std::string& error,
                              const std::string& prefix, const std::string& rank_text)
{
    const int mine = error.empty() ? comm.size() : comm.rank();
    int failed = comm.size();
    boost::mpi::all_reduce(comm, mine, failed, boost::mpi::minimum<int>());
    if (failed == comm.size())
        return;
    std::size_t length = error.size();
    boost::mpi::broadcast(comm, length, failed);
    std::vector<char> text(error.begin(), error.end());
    text.resize(length);
    if (length > 0)
        boost::mpi::broadcast(comm, text.data(), int(length), failed);
    throw Exception(prefix + rank_text + std::to_string(failed) +
                    (rank_text == "rank " ? " of " + std::to_string(comm.size()) + " failed"
                                          : std::string()) +
                    ": " + std::string(text.begin(), text.end()));
}

} // namespace detail

/// Collective: call it on every rank with the exception this rank caught (null for none)
/// before the next collective (mpi_sum_blocks). If any rank has one, every rank throws
/// std::runtime_error("rank r of R failed: " + what()) for the lowest such rank r, so no rank
/// waits for ever for one that left; otherwise it returns. what() is that of a
/// std::exception, "an exception not derived from std::exception" otherwise.
inline void mpi_throw_if_any_rank_failed(const boost::mpi::communicator& comm,
                                         const std::exception_ptr& error)
{
    std::string message;
    if (error)
    {
        try
        {
            std::rethrow_exception(error);
        }
        catch (const std::exception& e)
        {
            message = e.what();
        }
        catch (...)
        {
            message = "an exception not derived from std::exception";
        }
        if (message.empty())
            message = "(an exception with an empty message)";
    }
    detail::throw_if_any_rank_failed<std::runtime_error>(comm, message, "", "rank ");
}

/// total = Σ_i partial_i over the blocks of all ranks, left to right in block order, on
/// every rank; `partials` are this rank's blocks of mpi_block_range, each of the same size
/// (a rank may have none). Collective. Bad input on any rank (partials of differing sizes on
/// one rank or across ranks, no partial on any rank) makes every rank throw the same
/// std::invalid_argument before any data moves, and leaves total unchanged.
template <class Value>
void mpi_sum_blocks(const boost::mpi::communicator& comm,
                    const std::vector<std::vector<Value>>& partials, std::vector<Value>& total)
{
    const char* who = "mpi_sum_blocks: ";
    // This rank's own check, then one agreement on it: a failing rank must not leave the
    // others waiting in the gather.
    std::string error;
    for (std::size_t i = 1; i < partials.size() && error.empty(); ++i)
        if (partials[i].size() != partials.front().size())
            error = "partial " + std::to_string(i) + " has size " +
                    std::to_string(partials[i].size()) + " but partial 0 has " +
                    std::to_string(partials.front().size());
    detail::throw_if_any_rank_failed<std::invalid_argument>(comm, error, who, "on rank ");
    // The sizes across the ranks that have partials: {min, SIZE_MAX - max} under minimum.
    const std::size_t none = std::numeric_limits<std::size_t>::max();
    const std::size_t own = partials.empty() ? none : partials.front().size();
    std::array<std::size_t, 2> mine{own, partials.empty() ? none : none - own}, agreed{};
    boost::mpi::all_reduce(comm, mine.data(), 2, agreed.data(),
                           boost::mpi::minimum<std::size_t>());
    if (agreed[0] == none)
        throw std::invalid_argument(std::string(who) + "no rank has a partial sum");
    const std::size_t size = agreed[0];
    if (none - agreed[1] != size)
        throw std::invalid_argument(
            std::string(who) + "the ranks' partial sums differ in size, from " +
            std::to_string(size) + " to " + std::to_string(none - agreed[1]) +
            " entries; every partial sum must have the same size");
    std::vector<Value> flat;
    flat.reserve(partials.size() * size);
    for (const auto& partial : partials)
        flat.insert(flat.end(), partial.begin(), partial.end());
    std::vector<Value> sum(size, Value(0));
    const int root = 0;
    const int count = int(flat.size());
    if (comm.rank() == root)
    {
        std::vector<int> counts;
        boost::mpi::gather(comm, count, counts, root);
        std::size_t all_count = 0;
        for (int c : counts)
            all_count += std::size_t(c);
        std::vector<Value> all(all_count);
        boost::mpi::gatherv(comm, flat.data(), count, all.data(), counts, root);
        for (std::size_t k = 0; k < size; ++k)
            sum[k] = all[k];
        for (std::size_t i = 1; i < all_count / size; ++i)
            for (std::size_t k = 0; k < size; ++k)
                sum[k] += all[i * size + k];
    }
    else
    {
        boost::mpi::gather(comm, count, root);
        boost::mpi::gatherv(comm, flat.data(), count, root);
    }
    boost::mpi::broadcast(comm, sum.data(), int(size), root);
    total.swap(sum);
}

} // namespace odeint
} // namespace numeric
} // namespace boost

#endif // BOOST_NUMERIC_ODEINT_UTIL_MPI_BLOCK_SUM_HPP_INCLUDED
