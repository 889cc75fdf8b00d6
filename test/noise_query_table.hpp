// The one table of Brownian queries that every path type answers alike (the host
// brownian_path, batched_brownian_path and thrust_brownian_path): s < u on the grid, spanning
// one step, several steps, the whole interval, and an empty span (u − s below the grid
// tolerance, as odeint's integrate_times asks when its accumulated time lands a rounding
// error short of an observation), which is 0. s >= u is an error for all of them.
// test/test_noise_query_table.cpp (host, batched) and test/thrust/test_thrust_noise_queries.cpp
// (Thrust's CPU backends) compare each type with brownian_path on every row.
#ifndef ODEINT_EES_TEST_NOISE_QUERY_TABLE_HPP
#define ODEINT_EES_TEST_NOISE_QUERY_TABLE_HPP

#include <cstddef>
#include <cstring>

namespace ees_test {

/// The table's answers are compared bit for bit (a sign of zero included).
inline bool same_bits(double a, double b) { return std::memcmp(&a, &b, sizeof a) == 0; }

/// The grid of the table: [0, 1] in 64 steps of 1/64.
constexpr double query_t0 = 0.0, query_t1 = 1.0;
constexpr std::size_t query_steps = 64;

struct noise_query
{
    const char* what;
    double s, u;
    std::size_t grid_steps;  ///< steps of the span (0: empty)
};

inline const noise_query noise_queries[] = {
    {"one grid step", 0.25, 0.25 + 1.0 / 64, 1},
    {"several grid steps", 0.125, 0.5, 24},
    {"the whole interval", 0.0, 1.0, 64},
    {"an empty span: u - s below the grid tolerance", 0.5, 0.5 + 1e-12, 0},
    {"an empty span at the end of the interval", 1.0 - 1e-12, 1.0, 0},
};

} // namespace ees_test

#endif
