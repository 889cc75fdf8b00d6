// Built against an installed odeint_ees through odeint_ees::mpi (Boost.MPI, MPI): the block
// sums across ranks; run it under mpiexec (on one rank it checks the sum of 3 blocks).
#include <boost/mpi/environment.hpp>
#include <boost/numeric/odeint/util/mpi_block_sum.hpp>

#include <cstdio>
#include <vector>

int main(int argc, char** argv)
{
    boost::mpi::environment environment(argc, argv);
    boost::mpi::communicator world;
    const auto range = boost::numeric::odeint::mpi_block_range(world, 3);
    std::vector<std::vector<double>> partials;
    for (std::size_t i = range.first; i < range.second; ++i)
        partials.push_back({double(i + 1)});
    std::vector<double> total;
    boost::numeric::odeint::mpi_sum_blocks(world, partials, total);
    if (world.rank() == 0)
        std::printf("mpi_sum_blocks over %d ranks: 1 + 2 + 3 = %g\n", world.size(), total[0]);
    return total.size() == 1 && total[0] == 6.0 ? 0 : 1;
}
