// doc/snippets/batched.hpp
//
// What the batched code fragments of doc/batched.md assume, so that
// scripts/check-doc-snippets.sh compiles them as written: the library's namespace, the
// batched headers (Eigen), and the names the fragment uses as members of `snippet`.
//
// Distributed under the Boost Software License, Version 1.0.
#ifndef ODEINT_EES_DOC_SNIPPETS_BATCHED_HPP_INCLUDED
#define ODEINT_EES_DOC_SNIPPETS_BATCHED_HPP_INCLUDED

#include <boost/numeric/odeint.hpp>
#include <boost/numeric/odeint/ees.hpp>
#include <boost/numeric/odeint/noise/batched_brownian_path.hpp>
#include <boost/numeric/odeint/nn/batched_mlp.hpp>

#include <cstddef>
#include <cstdint>
#include <vector>

using namespace boost::numeric::odeint;

struct snippet
{
    static constexpr std::size_t d = 25, B = 64;
    std::uint64_t seed = 2026, first = 0;
    std::vector<double> x = std::vector<double>(B * d, 1.0);
    std::vector<double> grad_x0 = std::vector<double>(B * d);
    std::vector<double> grad_theta = std::vector<double>(2000, 0.0);
    /// L = ½|x(t1)|²: dL/dx(t1) = x(t1).
    static void terminal(const std::vector<double>& x1, std::vector<double>& a) { a = x1; }

    void run();
};

#endif // ODEINT_EES_DOC_SNIPPETS_BATCHED_HPP_INCLUDED
