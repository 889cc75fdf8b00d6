// thrust_brownian_path answers the query table of test/noise_query_table.hpp bitwise as the
// host brownian_path of each ensemble member, the empty span (u − s below the grid tolerance)
// included, which is 0 (before, the device functor added one grid step), forward and negated.
#include <boost/numeric/odeint/external/thrust_compat/thrust.hpp>
#include <boost/numeric/odeint/external/thrust/thrust_brownian_path.hpp>
#include <boost/numeric/odeint/noise/brownian_path.hpp>

#include <thrust/device_vector.h>
#include <thrust/host_vector.h>

#include <cstddef>
#include <stdexcept>
#include <vector>

#include <catch2/catch.hpp>

#include "../noise_query_table.hpp"

using namespace boost::numeric::odeint;

using ees_test::same_bits;

TEST_CASE("thrust_brownian_path answers the query table as brownian_path")
{
    const std::size_t dimension = 2, paths = 3;
    const brownian_path<double> first(2027, ees_test::query_t0, ees_test::query_t1,
                                      ees_test::query_steps, dimension, 5);
    const thrust_brownian_path<double> ensemble(first, paths);
    for (const auto& q : ees_test::noise_queries)
    {
        INFO(q.what << ": s = " << q.s << ", u = " << q.u);
        thrust::device_vector<double> dW(ensemble.dimension(), 42.0), back(ensemble.dimension());
        ensemble.increment(q.s, q.u, dW);
        ensemble.negated_increment(q.s, q.u, back);
        const thrust::host_vector<double> forward_host = dW, back_host = back;
        for (std::size_t j = 0; j < paths; ++j)
        {
            std::vector<double> single(dimension, 42.0);
            ensemble.member(j).increment(q.s, q.u, single);
            for (std::size_t c = 0; c < dimension; ++c)
            {
                CHECK(same_bits(forward_host[j * dimension + c], single[c]));
                CHECK(same_bits(back_host[j * dimension + c], -single[c]));
                if (q.grid_steps == 0)
                    CHECK(same_bits(single[c], 0.0));
            }
        }
    }
    thrust::device_vector<double> dW(ensemble.dimension());
    CHECK_THROWS_AS(ensemble.increment(0.5, 0.5, dW), std::invalid_argument);
}
