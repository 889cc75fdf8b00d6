// Bad sizes and failures of the batch layer are clear exceptions (issue 20): a path or block
// count that is a wrapped negative number, paths × dimension beyond memory, a thread of
// run_blocks that cannot start (an exception after the others are joined, not terminate).
#include <boost/numeric/odeint/noise/batched_brownian_path.hpp>
#include <boost/numeric/odeint/util/batched_blocks.hpp>

#include <atomic>
#include <cstddef>
#include <cstdint>
#include <stdexcept>
#include <system_error>
#include <thread>

#include <catch2/catch.hpp>

#include "test_support.hpp"

using namespace boost::numeric::odeint;
using ees_test::require_throw_mentioning;

TEST_CASE("A batched Brownian path rejects a wrapped negative path count, naming it")
{
    const brownian_path<double> path(7, 0.0, 1.0, 16, 2);
    require_throw_mentioning<std::invalid_argument>(
        [&] { batched_brownian_path<double>(path, std::size_t(-1)); },
        "batched_brownian_path: paths = 18446744073709551615 (the negative count -1 converted "
        "to std::size_t) must be at most");
}

TEST_CASE("A batched Brownian path rejects paths x dimension beyond memory")
{
    // 2^32 paths of 2^32 components: the product 2^64 wraps to 0 in std::size_t.
    const brownian_path<double> path(7, 0.0, 1.0, 16, std::size_t{1} << 32);
    require_throw_mentioning<std::invalid_argument>(
        [&] { batched_brownian_path<double>(path, std::size_t{1} << 32); },
        "batched_brownian_path: paths = 4294967296 must be at most");
}

TEST_CASE("A batched Brownian path rejects path indices past 2^64 - 1")
{
    const brownian_path<double> path(7, 0.0, 1.0, 16, 1, UINT64_MAX);
    CHECK_NOTHROW(batched_brownian_path<double>(path, 1));
    require_throw_mentioning<std::invalid_argument>(
        [&] { batched_brownian_path<double>(path, 2); },
        "batched_brownian_path: paths = 2 from path index 18446744073709551615 run past the "
        "last path index 18446744073709551615");
}

TEST_CASE("A block plan rejects wrapped negative counts instead of planning no blocks")
{
    require_throw_mentioning<std::invalid_argument>(
        [] { block_plan(std::size_t(-3), 16); },
        "block_plan: paths = 18446744073709551613 (the negative count -3 converted to "
        "std::size_t) must be at most");
    require_throw_mentioning<std::invalid_argument>(
        [] { block_plan(100, std::size_t(-1)); },
        "block_plan: block_size = 18446744073709551615 (the negative count -1");
    require_throw_mentioning<std::invalid_argument>(
        [] { block_plan(100, 16, std::size_t(-50)); },
        "block_plan: paths = 100 from first = 18446744073709551566 run past");
}

TEST_CASE("A thread of run_blocks that cannot start is an exception after the others joined")
{
    std::atomic<int> started{0};
    std::atomic<int> work_done{0};
    // The third thread fails to start, as std::thread does when the system has no more.
    const auto start_thread = [&](auto worker) {
        if (started.fetch_add(1) == 2)
            throw std::system_error(std::make_error_code(std::errc::resource_unavailable_try_again),
                                    "pthread_create");
        return std::thread(std::move(worker));
    };
    const block_plan plan(64, 1);
    try
    {
        detail::run_block_range_with(start_thread, 0, plan.blocks(), 4, [&](std::size_t) {
            std::this_thread::sleep_for(std::chrono::milliseconds(1));
            ++work_done;
        });
        FAIL("no exception");
    }
    catch (const std::system_error& e)
    {
        INFO(e.what());
        CHECK(e.code() == std::errc::resource_unavailable_try_again);
        CHECK(std::string(e.what()).find("run_blocks: thread 4 of 4 could not start") !=
              std::string::npos);
    }
    CHECK(started == 3);
    CHECK(work_done < 64); // stopped early: the blocks not started are left undone
}
