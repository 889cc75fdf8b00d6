/*
 boost/numeric/odeint/util/mpi_block_sum.hpp

 The blocks of util/batched_blocks.hpp across MPI processes, on Boost.MPI (doc/batched.md):

   mpi_block_range(comm, blocks)          // this rank's contiguous blocks [first, last)
   mpi_sum_blocks(comm, partials, total)  // total = Σ over ALL blocks, in block order, on every rank

 Rank r takes the blocks [r n / R, (r + 1) n / R) of the n blocks (R ranks), so the paths
 are split in contiguous slices of whole blocks. mpi_sum_blocks gathers every rank's
 per-block partial sums on rank 0 in rank order (which is block order), sums them left to
 right there and broadcasts the result: the same additions in the same order as sum_blocks
 in one process, so a run on R ranks (with any number of threads each) gives bitwise the
 losses and gradients of one process. The partials travel as whole vectors (blocks × size
 doubles per rank); for the neural SDE examples that is a few megabytes per epoch.

 Needs Boost.MPI (Debian: libboost-mpi-dev, openmpi-bin); ees.hpp does not include it.

 Distributed under the Boost Software License, Version 1.0.
*/
#ifndef BOOST_NUMERIC_ODEINT_UTIL_MPI_BLOCK_SUM_HPP_INCLUDED
#define BOOST_NUMERIC_ODEINT_UTIL_MPI_BLOCK_SUM_HPP_INCLUDED

#include <cstddef>
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

/// total = Σ_i partial_i over the blocks of all ranks, left to right in block order, on
/// every rank; `partials` are this rank's blocks of mpi_block_range, each of the same size
/// (a rank may have none). Throws std::invalid_argument for partials of differing sizes.
template <class Value>
void mpi_sum_blocks(const boost::mpi::communicator& comm,
                    const std::vector<std::vector<Value>>& partials, std::vector<Value>& total)
{
    std::size_t size = partials.empty() ? 0 : partials.front().size();
    boost::mpi::all_reduce(comm, size, size, boost::mpi::maximum<std::size_t>());
    std::vector<Value> flat;
    flat.reserve(partials.size() * size);
    for (std::size_t i = 0; i < partials.size(); ++i)
    {
        if (partials[i].size() != size)
            throw std::invalid_argument("mpi_sum_blocks: partial " + std::to_string(i) +
                                        " has size " + std::to_string(partials[i].size()) +
                                        " but the others have " + std::to_string(size));
        flat.insert(flat.end(), partials[i].begin(), partials[i].end());
    }
    total.assign(size, Value(0));
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
        if (all_count == 0)
            throw std::invalid_argument("mpi_sum_blocks: no rank has a partial sum");
        for (std::size_t k = 0; k < size; ++k)
            total[k] = all[k];
        for (std::size_t i = 1; i < all_count / size; ++i)
            for (std::size_t k = 0; k < size; ++k)
                total[k] += all[i * size + k];
    }
    else
    {
        boost::mpi::gather(comm, count, root);
        boost::mpi::gatherv(comm, flat.data(), count, root);
    }
    boost::mpi::broadcast(comm, total.data(), int(size), root);
}

} // namespace odeint
} // namespace numeric
} // namespace boost

#endif // BOOST_NUMERIC_ODEINT_UTIL_MPI_BLOCK_SUM_HPP_INCLUDED
