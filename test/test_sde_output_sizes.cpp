// The SDE adaptors check the size of what the user's drift, diffusion and Itô correction
// write: an output resized to another size is std::invalid_argument naming the coefficient,
// the size written and the size expected, never a heap overflow (issue 20).
#include <boost/numeric/odeint.hpp>
#include <boost/numeric/odeint/ees.hpp>
#include <boost/numeric/odeint/noise/brownian_path.hpp>

#include <stdexcept>

#include <catch2/catch.hpp>

#include "test_support.hpp"

using namespace boost::numeric::odeint;
using ees_test::require_throw_mentioning;
using vec = std::vector<double>;

namespace {

/// An output of `size` entries set to 1 (resizing the buffer it is given).
struct resizing
{
    std::size_t size;
    void operator()(const vec&, vec& out, double) const { out.assign(size, 1.0); }
};

struct fill_ones
{
    void operator()(const vec&, vec& out, double) const
    {
        for (auto& v : out)
            v = 1.0;
    }
    template <class A, class P>
    void vjp(const vec&, double, const vec&, A&, P&) const
    {
    }
};

/// A diffusion that writes the right size but whose vjp is linear (diagonal g = y).
struct identity_diffusion
{
    std::size_t size;
    void operator()(const vec& y, vec& g, double) const
    {
        g.assign(size, 0.0);
        for (std::size_t i = 0; i < y.size() && i < size; ++i)
            g[i] = y[i];
    }
    template <class A, class P>
    void vjp(const vec&, double, const vec& u, A& adj_y, P&) const
    {
        for (std::size_t i = 0; i < adj_y.size(); ++i)
            adj_y[i] += u[i];
    }
};

const double dt = 1.0 / 16;

} // namespace

TEST_CASE("A drift that writes another size than the state is rejected, naming both sizes")
{
    const brownian_path<double> path(1, 0.0, 1.0, 16, 2);
    vec x{1.0, 2.0};
    SECTION("three entries for a state of two")
    {
        const auto sde = make_stratonovich_sde<vec>(resizing{3}, fill_ones(), path);
        require_throw_mentioning<std::invalid_argument>(
            [&] { ees25<vec>().do_step(sde, x, 0.0, dt); },
            "the drift wrote 3 entries but the state size is 2");
    }
    SECTION("one entry for a state of two")
    {
        const auto sde = make_stratonovich_sde<vec>(resizing{1}, fill_ones(), path);
        require_throw_mentioning<std::invalid_argument>(
            [&] { reversible_heun<vec>().do_step(sde, x, 0.0, dt); },
            "the drift wrote 1 entries but the state size is 2");
    }
    CHECK(x == vec{1.0, 2.0});
}

TEST_CASE("A diffusion that writes another size than its noise type needs is rejected")
{
    vec x{1.0, 2.0};
    SECTION("diagonal noise: one entry for a state of two")
    {
        const brownian_path<double> path(1, 0.0, 1.0, 16, 2);
        const auto sde = make_stratonovich_sde<vec>(fill_ones(), resizing{1}, path);
        require_throw_mentioning<std::invalid_argument>(
            [&] { ees25<vec>().do_step(sde, x, 0.0, dt); },
            "the diffusion wrote 1 entries but diagonal_noise needs the state size 2");
    }
    SECTION("scalar noise: three entries for a state of two")
    {
        const brownian_path<double> path(1, 0.0, 1.0, 16, 1);
        const auto sde =
            make_stratonovich_sde<vec>(fill_ones(), resizing{3}, path, scalar_noise());
        require_throw_mentioning<std::invalid_argument>(
            [&] { ees27<vec>().do_step(sde, x, 0.0, dt); },
            "the diffusion wrote 3 entries but scalar_noise needs the state size 2");
    }
    SECTION("general noise: a 2 x 2 matrix where 2 x 3 is needed")
    {
        const brownian_path<double> path(1, 0.0, 1.0, 16, 3);
        const auto sde =
            make_stratonovich_sde<vec>(fill_ones(), resizing{4}, path, general_noise());
        require_throw_mentioning<std::invalid_argument>(
            [&] { ees25<vec>().do_step(sde, x, 0.0, dt); },
            "the diffusion wrote 4 entries but general_noise needs state size x noise "
            "dimension = 2 x 3 = 6");
    }
    CHECK(x == vec{1.0, 2.0});
}

TEST_CASE("An Itô SDE checks the sizes its drift, diffusion and correction write")
{
    const brownian_path<double> path(1, 0.0, 1.0, 16, 2);
    vec x{1.0, 2.0};
    SECTION("a drift of one entry")
    {
        const auto sde = make_ito_sde<vec>(resizing{1}, identity_diffusion{2}, path);
        require_throw_mentioning<std::invalid_argument>(
            [&] { ees25<vec>().do_step(sde, x, 0.0, dt); },
            "the drift wrote 1 entries but the state size is 2");
    }
    SECTION("a diffusion of one entry, seen by the correction")
    {
        const auto sde = make_ito_sde<vec>(fill_ones(), identity_diffusion{1}, path);
        require_throw_mentioning<std::invalid_argument>(
            [&] { ees25<vec>().do_step(sde, x, 0.0, dt); },
            "the diffusion wrote 1 entries but");
    }
    SECTION("a given correction of three entries")
    {
        const auto sde = make_ito_sde<vec>(fill_ones(), identity_diffusion{2}, path,
                                           diagonal_noise(), resizing{3});
        require_throw_mentioning<std::invalid_argument>(
            [&] { ees25<vec>().do_step(sde, x, 0.0, dt); },
            "the Itô correction wrote 3 entries but the state size is 2");
    }
    CHECK(x == vec{1.0, 2.0});
}
