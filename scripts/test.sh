#!/usr/bin/env bash
# Sets up a fresh Debian 12 machine and runs every check CI runs:
#   1. g++ / C++17 and clang++ / C++20 builds with -Wall -Wextra -Wpedantic -Werror, ctest
#      (the Thrust tests on the OMP backend included; nvcc, when present, builds every .cu
#      file: the examples, the CUDA twins of the Thrust tests and the .cu benchmarks;
#      ctest's doc_snippets test compiles every code block of README.md and doc/*.md with
#      scripts/check-doc-snippets.sh, under each compiler);
#   2. the MPI example on 1 and 2 ranks (Open MPI), its losses compared bitwise;
#   3. g++ / C++17 with AddressSanitizer + UndefinedBehaviorSanitizer, ctest of the whole
#      suite (Thrust OMP tests and example smoke tests included);
#   4. the b2 (Boost.Build) test run;
#   5. install, then build and run a consumer project through find_package(odeint_ees).
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

echo "=== MPI: stiff_gbm_mpi on 2 ranks gives the losses of 1 process, bitwise"
mpi_flags=(--oversubscribe)
if [ "$(id -u)" = 0 ]; then mpi_flags+=(--allow-run-as-root); fi
mpi_example=build/test-g++-cxx17/example/stiff_gbm_mpi
mpi_args=(--solver all --epochs 3 --paths 96 --block 16 --no-gradient-check)
# The per-epoch losses and the final losses (the timings after them cut off).
mpi_losses='^   epoch |^   (reversible_heun|ees25|ees27) +dt = '
mpirun "${mpi_flags[@]}" -np 1 "$mpi_example" "${mpi_args[@]}" | grep -E "$mpi_losses" \
  | sed -E 's/ +[0-9.]+ s .*//' > build/mpi-1.txt
mpirun "${mpi_flags[@]}" -np 2 "$mpi_example" "${mpi_args[@]}" | grep -E "$mpi_losses" \
  | sed -E 's/ +[0-9.]+ s .*//' > build/mpi-2.txt
cat build/mpi-2.txt
diff build/mpi-1.txt build/mpi-2.txt

# Sanitizers: -O1 -g keeps the instrumented build about as fast to compile as the Release
# ones and the run a few times slower than -O3, with usable stack traces. -Werror is left to
# the two configurations above: instrumentation at -O1 feeds GCC's flow-based warnings
# (-Wmaybe-uninitialized) different code, whose reports would be about the instrumentation.
# ASan aborts on its first report; UBSan reports are recoverable so that
# test/ubsan_suppressions.txt (Thrust 1.17's own null-system dispatch only) applies, and
# halt_on_error=1 turns every other one into a failure.
echo "=== g++, C++17, AddressSanitizer + UndefinedBehaviorSanitizer: build and ctest"
dir=build/test-g++-asan-ubsan
cmake -S . -B "$dir" -DCMAKE_BUILD_TYPE=RelWithDebInfo -DCMAKE_CXX_FLAGS_RELWITHDEBINFO="-O1 -g" \
      -DCMAKE_CXX_COMPILER=g++ -DCMAKE_CXX_STANDARD=17 -DODEINT_EES_SANITIZE=address,undefined \
      -DODEINT_EES_BUILD_CUDA_EXAMPLES=OFF >/dev/null
cmake --build "$dir" -j "$jobs"
ASAN_OPTIONS=detect_leaks=1:strict_string_checks=1:detect_stack_use_after_return=1 \
UBSAN_OPTIONS=halt_on_error=1:print_stacktrace=1:suppressions=$PWD/test/ubsan_suppressions.txt \
  ctest --test-dir "$dir" --output-on-failure -j "$jobs"

echo "=== b2 toolset=gcc cxxstd=17"
b2 -j"$jobs" toolset=gcc cxxstd=17 --build-dir=build/b2 -q

echo "=== install and find_package(odeint_ees) from a consumer project"
prefix=$PWD/build/install
cmake --install build/test-g++-cxx17 --prefix "$prefix" >/dev/null
cmake -S test/install_consumer -B build/consumer -DCMAKE_PREFIX_PATH="$prefix" >/dev/null
cmake --build build/consumer
./build/consumer/consumer
echo "=== all checks passed"
