// The stiff-GBM neural SDE training of stiff_gbm.cpp across MPI processes (Boost.MPI):
// each rank solves a contiguous slice of whole blocks of paths (on --threads threads), and the
// per-block losses and gradients are summed on rank 0 in block order and broadcast
// (util/mpi_block_sum.hpp), so every rank takes the same Adam steps and the losses are
// bitwise those of one process with the same --paths and --block. Rank 0 prints.
//
//   mpirun -np 2 stiff_gbm_mpi --solver ees25 --epochs 3 --paths 256
//   (as root add --allow-run-as-root; on fewer cores than ranks add --oversubscribe)
#include <boost/mpi/communicator.hpp>
#include <boost/mpi/environment.hpp>

#include <boost/numeric/odeint/util/mpi_block_sum.hpp>

#include "stiff_gbm_problem.hpp"

int main(int argc, char** argv)
{
    boost::mpi::environment environment(argc, argv);
    const boost::mpi::communicator world;
    neural_sde::distribution where;
    where.range = [world](std::size_t blocks) {
        return boost::numeric::odeint::mpi_block_range(world, blocks);
    };
    where.sum = [world](const std::vector<neural_sde::vec>& partials, neural_sde::vec& total) {
        boost::numeric::odeint::mpi_sum_blocks(world, partials, total);
    };
    where.prints = world.rank() == 0;
    if (where.prints)
        std::printf("== stiff_gbm_mpi: %d ranks\n", world.size());
    return neural_sde::main(argc, argv, neural_sde::stiff_gbm, /*quick paths*/ 16,
                            /*full epochs*/ 200, /*full paths*/ 10000,
                            /*reversible Heun dt*/ 1.0 / 120, where);
}
