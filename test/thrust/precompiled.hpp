// The precompiled header of the Thrust tests of one backend (test/CMakeLists.txt,
// ODEINT_EES_PRECOMPILE_HEADERS): Thrust, the odeint glue, this library's Thrust layer and
// Catch2, parsed once per backend instead of once per program.
#include <boost/numeric/odeint/external/thrust_compat/thrust.hpp>
#include <boost/numeric/odeint/ees.hpp>
#include <boost/numeric/odeint/external/thrust/thrust_brownian_path.hpp>
#include <boost/numeric/odeint/external/thrust/thrust_stratonovich_sde.hpp>

#include <thrust/device_vector.h>

#include <catch2/catch.hpp>
