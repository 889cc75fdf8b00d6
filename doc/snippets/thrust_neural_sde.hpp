// doc/snippets/thrust_neural_sde.hpp
//
// What the device-batch fragment of doc/thrust.md assumes, so that
// scripts/check-doc-snippets.sh compiles it with a host compiler: Thrust's CPP device
// backend (the matrix products then go through Eigen), the namespace alias `odeint`, and the
// names the fragment uses as members of `snippet`.
//
// Distributed under the Boost Software License, Version 1.0.
#ifndef ODEINT_EES_DOC_SNIPPETS_THRUST_NEURAL_SDE_HPP_INCLUDED
#define ODEINT_EES_DOC_SNIPPETS_THRUST_NEURAL_SDE_HPP_INCLUDED

#ifndef THRUST_DEVICE_SYSTEM
#define THRUST_DEVICE_SYSTEM THRUST_DEVICE_SYSTEM_CPP
#endif

#include <cstddef>
#include <cstdint>

#include <boost/numeric/odeint/external/thrust_compat/thrust.hpp>
#include <boost/numeric/odeint/ees.hpp>

#include <thrust/device_vector.h>

namespace odeint = boost::numeric::odeint;

struct snippet
{
    std::uint64_t seed = 2026;
    std::size_t steps = 1200;
    double T = 1.0, dt = 1.0 / 40;
    /// L = ½|y(T)|²: dL/dy(T) = y(T).
    static void terminal_grad(const thrust::device_vector<double>& y,
                              thrust::device_vector<double>& a)
    {
        a = y;
    }

    void run();
};

#endif // ODEINT_EES_DOC_SNIPPETS_THRUST_NEURAL_SDE_HPP_INCLUDED
