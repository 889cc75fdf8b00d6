// The one translation unit that provides Catch2's main(); every test program links it.
#define CATCH_CONFIG_MAIN
#include <catch2/catch.hpp>
