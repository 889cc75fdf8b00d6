// The precompiled header of the host tests (test/CMakeLists.txt, ODEINT_EES_PRECOMPILE_HEADERS):
// what nearly every test program parses -- Boost.Odeint, this library and Catch2 -- parsed
// once per build configuration instead of once per program. The tests still include what
// they use; with the option off each is compiled on its own, as a user would.
#include <boost/numeric/odeint.hpp>
#include <boost/numeric/odeint/ees.hpp>

#include <catch2/catch.hpp>
