// Every path type answers the same table of queries as brownian_path, bitwise
// (test/noise_query_table.hpp): a batched path in each element, the empty span (u − s below
// the grid tolerance) included, which is 0 (before, batched_brownian_path left dW as it was).
#include <boost/numeric/odeint/noise/batched_brownian_path.hpp>
#include <boost/numeric/odeint/noise/brownian_path.hpp>

#include <cstddef>
#include <stdexcept>
#include <vector>

#include <catch2/catch.hpp>

#include "noise_query_table.hpp"

using namespace boost::numeric::odeint;

using ees_test::same_bits;

TEST_CASE("brownian_path and batched_brownian_path answer the query table alike")
{
    const std::size_t dimension = 3, paths = 4;
    const brownian_path<double> first(2027, ees_test::query_t0, ees_test::query_t1,
                                      ees_test::query_steps, dimension, 5);
    const batched_brownian_path<double> batch(first, paths);
    auto cursor = batch.make_cursor();
    for (const auto& q : ees_test::noise_queries)
    {
        INFO(q.what << ": s = " << q.s << ", u = " << q.u);
        const auto span = first.step_range(q.s, q.u);
        CHECK(span.last - span.first == q.grid_steps);
        std::vector<double> batched(batch.dimension(), 42.0);   // stale values must go
        batch.increment(q.s, q.u, batched, cursor);
        for (std::size_t b = 0; b < paths; ++b)
        {
            std::vector<double> single(dimension, 42.0);
            batch.member(b).increment(q.s, q.u, single);
            for (std::size_t c = 0; c < dimension; ++c)
            {
                CHECK(same_bits(batched[b * dimension + c], single[c]));
                if (q.grid_steps == 0)
                    CHECK(same_bits(single[c], 0.0));
            }
        }
    }
    std::vector<double> dW(batch.dimension());
    CHECK_THROWS_AS(batch.increment(0.5, 0.5, dW, cursor), std::invalid_argument);
    CHECK_THROWS_AS(batch.increment(0.5, 0.25, dW, cursor), std::invalid_argument);
}
