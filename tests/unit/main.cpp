// Catch2's runner for every unit test.
#define CATCH_CONFIG_MAIN
#include <catch2/catch.hpp>
