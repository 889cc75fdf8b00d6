#!/usr/bin/env bash
# Sets up a fresh Debian 12 machine and runs every check CI runs:
#   1. g++ / C++17 (-O2) and clang++ / C++20 (-O1) builds with -Wall -Wextra -Wpedantic
#      -Werror, ctest (the Thrust tests on the OMP backend included; nvcc, when present,
#      builds every .cu file in the g++ configuration: the examples, the CUDA twins of the
#      Thrust tests and the .cu benchmarks; ctest's doc_snippets test compiles every code
#      block of README.md and doc/*.md with scripts/check-doc-snippets.sh, under each
#      compiler; the MPI tests run on 2 ranks);
#   2. the MPI example on 1 and 2 ranks (Open MPI), its losses compared bitwise;
#   3. g++ / C++17 with AddressSanitizer + UndefinedBehaviorSanitizer, ctest of the whole
#      suite (Thrust OMP tests and example smoke tests included);
#   4. the tests that use threads under ThreadSanitizer (scripts/tsan.sh);
#   5. the tests against Boost 1.81's headers (Debian's libboost1.81-dev, unpacked into
#      build/boost-1.81: it conflicts with 1.74 on install) and against the newest
#      Boost.Odeint (../shared/deps/odeint-develop, where present: skipped with a message in a
#      clone without it);
#   6. Boost.Odeint's own test programs with the EES steppers added to their stepper lists
#      (scripts/odeint-conformance.sh; newest odeint, skipped likewise);
#   7. the b2 (Boost.Build) test run;
#   8. install, then build and run a consumer project through find_package(odeint_ees).
# The tests are built with precompiled headers (test/precompiled.hpp). The time of each stage
# is printed at the end, also when a stage fails.
set -euo pipefail
cd "$(dirname "$0")/.."
root=$PWD
jobs=$(nproc)

stage_names=()
stage_seconds=()
stage_cpu=()
stage_name=
stage_start=0
stage_cpu_start=0
script_start=$(date +%s)
# CPU seconds (user + system) of the finished child processes so far, from bash's `times`
# (run in this shell, not in a subshell, whose children are not these), into $cpu_now.
times_file=$(mktemp)
children_cpu() {
  times > "$times_file"
  cpu_now=$(tail -n 1 "$times_file" | awk '{ s = 0; for (i = 1; i <= 2; ++i) {
                                               split($i, p, "m"); s += p[1] * 60 + p[2] }
                                             printf "%d", s }')
}
end_stage() {
  if [ -n "$stage_name" ]; then
    stage_names+=("$stage_name")
    stage_seconds+=($(($(date +%s) - stage_start)))
    children_cpu
    stage_cpu+=($((cpu_now - stage_cpu_start)))
    stage_name=
  fi
}
stage() {
  end_stage
  stage_name=$1
  stage_start=$(date +%s)
  children_cpu
  stage_cpu_start=$cpu_now
  echo "=== $1"
}
# Wall-clock seconds of each stage, and the CPU seconds its processes used (on a machine
# shared with other work the CPU time is the steadier figure).
report() {
  local status=$?
  end_stage
  echo "=== stage times: wall s, CPU s"
  for i in "${!stage_names[@]}"; do
    printf '  %5d  %6d  %s\n' "${stage_seconds[$i]}" "${stage_cpu[$i]}" "${stage_names[$i]}"
  done
  children_cpu
  printf '  %5d  %6d  total (%s)\n' $(($(date +%s) - script_start)) "$cpu_now" \
    "$([ "$status" = 0 ] && echo "all checks passed" || echo "FAILED, exit $status")"
}
trap report EXIT

# configure_build_test dir compiler standard optimisation [cmake arguments...]: configures,
# builds and runs ctest for one configuration.
configure_build_test() {
  local dir=$1 compiler=$2 standard=$3 optimisation=$4
  shift 4
  cmake -S . -B "$dir" -DCMAKE_BUILD_TYPE=Release -DCMAKE_CXX_COMPILER="$compiler" \
        -DCMAKE_CXX_FLAGS_RELEASE="$optimisation -DNDEBUG" -DCMAKE_CXX_STANDARD="$standard" \
        -DODEINT_EES_WARNINGS_AS_ERRORS=ON "$@" >/dev/null
  cmake --build "$dir" -j "$jobs"
  ctest --test-dir "$dir" --output-on-failure -j "$jobs"
}

stage "install the Debian packages"
bash scripts/install-dependencies.sh

# nvcc (when present) compiles and links every .cu file in the first configuration (running
# them needs a GPU: scripts/gpu-check.sh).
stage "g++, C++17, -O2: build and ctest"
configure_build_test build/test-g++-cxx17 g++ 17 -O2 \
  -DODEINT_EES_BUILD_CUDA_EXAMPLES=ON -DODEINT_EES_BUILD_CUDA_TESTS=ON

stage "MPI: stiff_gbm_mpi on 2 ranks gives the losses of 1 process, bitwise"
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

stage "clang++, C++20, -O1: build and ctest"
configure_build_test build/test-clang++-cxx20 clang++ 20 -O1 -DODEINT_EES_BUILD_CUDA_EXAMPLES=OFF

# Sanitizers: -O1 -g1 (line tables only) keeps the instrumented build about as fast to compile
# as the others and the run a few times slower than -O2, with stack traces that name files and
# lines. -Werror is left to the two configurations above: instrumentation at -O1 feeds GCC's
# flow-based warnings (-Wmaybe-uninitialized) different code, whose reports would be about the
# instrumentation.
# ASan aborts on its first report; UBSan reports are recoverable so that
# test/ubsan_suppressions.txt (Thrust 1.17's own null-system dispatch only) applies, and
# halt_on_error=1 turns every other one into a failure.
stage "g++, C++17, AddressSanitizer + UndefinedBehaviorSanitizer: build and ctest"
dir=build/test-g++-asan-ubsan
cmake -S . -B "$dir" -DCMAKE_BUILD_TYPE=RelWithDebInfo -DCMAKE_CXX_FLAGS_RELWITHDEBINFO="-O1 -g1" \
      -DCMAKE_CXX_COMPILER=g++ -DCMAKE_CXX_STANDARD=17 -DODEINT_EES_SANITIZE=address,undefined \
      -DODEINT_EES_BUILD_CUDA_EXAMPLES=OFF >/dev/null
cmake --build "$dir" -j "$jobs"
ASAN_OPTIONS=detect_leaks=1:strict_string_checks=1:detect_stack_use_after_return=1 \
UBSAN_OPTIONS=halt_on_error=1:print_stacktrace=1:suppressions=$PWD/test/ubsan_suppressions.txt \
  ctest --test-dir "$dir" --output-on-failure -j "$jobs"

if [ -f scripts/tsan.sh ]; then
  stage "clang++, ThreadSanitizer: the tests that use threads (scripts/tsan.sh)"
  bash scripts/tsan.sh
fi

# Boost 1.81's headers (Debian's libboost1.81-dev conflicts with the 1.74 packages on install,
# so it is unpacked into a folder of its own) in place of the system Boost: the tests, no
# examples (the MPI ones would need Boost 1.81's compiled Boost.MPI).
stage "g++, C++17, Boost 1.81 headers: build and ctest"
boost181=$root/build/boost-1.81
if [ ! -f "$boost181/usr/include/boost/version.hpp" ]; then
  rm -rf "$boost181" && mkdir -p "$boost181"
  apt_get=(apt-get)
  if [ "$(id -u)" != 0 ]; then apt_get=(sudo apt-get); fi
  # apt-get download needs the package lists, which a machine with every package already
  # installed may not have fetched (scripts/install-dependencies.sh updates them only when
  # it installs something).
  (cd "$boost181" &&
   { apt-get download libboost1.81-dev >/dev/null 2>&1 ||
     { "${apt_get[@]}" update -qq && apt-get download libboost1.81-dev >/dev/null; }; } &&
   dpkg -x libboost1.81-dev_*.deb . && rm libboost1.81-dev_*.deb)
fi
grep -q 'define BOOST_LIB_VERSION "1_81"' "$boost181/usr/include/boost/version.hpp"
configure_build_test build/test-boost-1.81 g++ 17 -O1 -DODEINT_EES_BUILD_EXAMPLES=OFF \
  -DODEINT_EES_BUILD_CUDA_EXAMPLES=OFF -DBoost_NO_BOOST_CMAKE=ON -DBoost_NO_SYSTEM_PATHS=ON \
  -DBOOST_INCLUDEDIR="$boost181/usr/include"

# The newest Boost.Odeint (develop, = releases 1.86-1.91) placed before the rest of Boost.
newest_odeint=$root/../shared/deps/odeint-develop/include
if [ -d "$newest_odeint" ]; then
  stage "g++, C++17, the newest Boost.Odeint headers: build and ctest"
  configure_build_test build/test-odeint-develop g++ 17 -O1 -DODEINT_EES_BUILD_EXAMPLES=OFF \
    -DODEINT_EES_BUILD_CUDA_EXAMPLES=OFF -DCMAKE_CXX_FLAGS="-isystem $(cd "$newest_odeint" && pwd)"
else
  echo "=== the newest Boost.Odeint: skipped (no ../shared/deps/odeint-develop next to this clone)"
fi

stage "Boost.Odeint's own test programs with the EES steppers added"
bash scripts/odeint-conformance.sh

stage "b2 toolset=gcc cxxstd=17"
b2 -j"$jobs" toolset=gcc cxxstd=17 --build-dir=build/b2 -q

stage "install and find_package(odeint_ees) from a consumer project"
prefix=$PWD/build/install
cmake --install build/test-g++-cxx17 --prefix "$prefix" >/dev/null
cmake -S test/install_consumer -B build/consumer -DCMAKE_PREFIX_PATH="$prefix" >/dev/null
cmake --build build/consumer
./build/consumer/consumer
end_stage
echo "=== all checks passed"
