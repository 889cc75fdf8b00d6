#!/usr/bin/env bash
# Sets up a fresh Debian 12 machine and runs every check CI runs:
#   1. g++ / C++17 and clang++ / C++20 builds with -Wall -Wextra -Wpedantic -Werror, ctest
#      (the Thrust tests on the OMP backend included; nvcc, when present, builds every .cu
#      file: the examples, the CUDA twins of the Thrust tests and the .cu benchmarks);
#   2. the b2 (Boost.Build) test run;
#   3. install, then build and run a consumer project through find_package(odeint_ees).
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/install-dependencies.sh
jobs=$(nproc)

# nvcc (when present) compiles and links every .cu file in the first configuration (running
# them needs a GPU: scripts/gpu-check.sh).
for config in "g++ 17 ON" "clang++ 20 OFF"; do
  set -- $config
  dir=build/test-$1-cxx$2
  echo "=== $1, C++$2: build and ctest"
  cmake -S . -B "$dir" -DCMAKE_BUILD_TYPE=Release -DCMAKE_CXX_COMPILER="$1" \
        -DCMAKE_CXX_STANDARD="$2" -DODEINT_EES_WARNINGS_AS_ERRORS=ON \
        -DODEINT_EES_BUILD_CUDA_EXAMPLES="$3" -DODEINT_EES_BUILD_CUDA_TESTS="$3" >/dev/null
  cmake --build "$dir" -j "$jobs"
  ctest --test-dir "$dir" --output-on-failure -j "$jobs"
done

echo "=== b2 toolset=gcc cxxstd=17"
b2 -j"$jobs" toolset=gcc cxxstd=17 --build-dir=build/b2 -q

echo "=== install and find_package(odeint_ees) from a consumer project"
prefix=$PWD/build/install
cmake --install build/test-g++-cxx17 --prefix "$prefix" >/dev/null
cmake -S test/install_consumer -B build/consumer -DCMAKE_PREFIX_PATH="$prefix" >/dev/null
cmake --build build/consumer
./build/consumer/consumer
echo "=== all checks passed"
