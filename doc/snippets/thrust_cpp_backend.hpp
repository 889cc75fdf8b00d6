// doc/snippets/thrust_cpp_backend.hpp
//
// Selects Thrust's CPP device backend for the Thrust code fragments of doc/thrust.md, so
// that scripts/check-doc-snippets.sh compiles them with a host compiler (no GPU, no OpenMP).
// The fragment includes and declares everything it uses itself; it becomes the body of
// snippet::run().
//
// Distributed under the Boost Software License, Version 1.0.
#ifndef ODEINT_EES_DOC_SNIPPETS_THRUST_CPP_BACKEND_HPP_INCLUDED
#define ODEINT_EES_DOC_SNIPPETS_THRUST_CPP_BACKEND_HPP_INCLUDED

#ifndef THRUST_DEVICE_SYSTEM
#define THRUST_DEVICE_SYSTEM THRUST_DEVICE_SYSTEM_CPP
#endif

struct snippet
{
    void run();
};

#endif // ODEINT_EES_DOC_SNIPPETS_THRUST_CPP_BACKEND_HPP_INCLUDED
