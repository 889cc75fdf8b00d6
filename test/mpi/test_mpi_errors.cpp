// mpi_sum_blocks on 2 (or more) ranks when one rank's input is wrong: every rank throws the same
// exception instead of one rank throwing while the others wait in a collective for ever;
// mpi_throw_if_any_rank_failed does the same for an error raised before the sum (issue 20).
// Run with mpirun -np 2 (test/mpi/CMakeLists.txt); each test case is collective.
#define CATCH_CONFIG_RUNNER
#include <boost/mpi/communicator.hpp>
#include <boost/mpi/environment.hpp>

#include <boost/numeric/odeint/util/mpi_block_sum.hpp>

#include <exception>
#include <stdexcept>
#include <string>
#include <vector>

#include <catch2/catch.hpp>

using namespace boost::numeric::odeint;
using vec = std::vector<double>;

namespace {

/// The message of the exception of type E that call throws ("" for none).
template <class E, class Call>
std::string message_of(Call call)
{
    try
    {
        call();
    }
    catch (const E& e)
    {
        return e.what();
    }
    return "";
}

} // namespace

TEST_CASE("Partial sums of different sizes on different ranks: every rank throws the same error")
{
    const boost::mpi::communicator world;
    // Rank 0 sums vectors of 3 entries, every other rank vectors of 4.
    const std::vector<vec> partials{vec(world.rank() == 0 ? 3 : 4, 1.0)};
    vec total{42.0};
    const std::string message =
        message_of<std::invalid_argument>([&] { mpi_sum_blocks(world, partials, total); });
    INFO("rank " << world.rank());
    CHECK(total == vec{42.0});  // strong
    CHECK(message == "mpi_sum_blocks: the ranks' partial sums differ in size, from 3 to 4 "
                     "entries; every partial sum must have the same size");
}

TEST_CASE("Partial sums of different sizes on one rank: every rank throws that rank's error")
{
    const boost::mpi::communicator world;
    std::vector<vec> partials{vec(2, 1.0), vec(2, 1.0)};
    if (world.rank() == 1)
        partials[1].resize(1);
    vec total;
    const std::string message =
        message_of<std::invalid_argument>([&] { mpi_sum_blocks(world, partials, total); });
    INFO("rank " << world.rank());
    CHECK(message == "mpi_sum_blocks: on rank 1: partial 1 has size 1 but partial 0 has 2");
}

TEST_CASE("No partial sum on any rank: every rank throws")
{
    const boost::mpi::communicator world;
    vec total;
    CHECK(message_of<std::invalid_argument>([&] { mpi_sum_blocks(world, {}, total); }) ==
          "mpi_sum_blocks: no rank has a partial sum");
}

TEST_CASE("An error on one rank before the sum: every rank throws it, naming the rank")
{
    const boost::mpi::communicator world;
    std::exception_ptr error;
    try
    {
        if (world.rank() == 1)
            throw std::runtime_error("the block's solve diverged");
    }
    catch (...)
    {
        error = std::current_exception();
    }
    const std::string message =
        message_of<std::runtime_error>([&] { mpi_throw_if_any_rank_failed(world, error); });
    INFO("rank " << world.rank());
    CHECK(message == "rank 1 of " + std::to_string(world.size()) +
                         " failed: the block's solve diverged");
    // Without an error anywhere it is a no-op, and the sum goes through.
    CHECK_NOTHROW(mpi_throw_if_any_rank_failed(world, std::exception_ptr()));
    vec total;
    mpi_sum_blocks(world, std::vector<vec>{vec{1.0, 2.0}}, total);
    CHECK(total == vec{double(world.size()), 2.0 * world.size()});
}

int main(int argc, char* argv[])
{
    boost::mpi::environment environment(argc, argv);
    return Catch::Session().run(argc, argv);
}
