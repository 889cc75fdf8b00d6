#!/usr/bin/env bash
# ThreadSanitizer: builds and runs the tests that use threads, with -fsanitize=thread, in a
# build folder of its own (build/tsan, or $TSAN_BUILD_DIR), and fails on the first report.
#   - run_blocks and its failures: test_batched_blocks, test_batched_blocks_errors,
#     test_exception_guarantees;
#   - one const SDE stepped from several threads (Brownian path, virtual Brownian tree,
#     single-path and batched MLP fields): test_driven_systems, test_batched_mlp_errors;
#   - Thrust on its OpenMP backend: test/thrust/test_thrust_sde.cpp and
#     test_thrust_neural_sde.cpp (target suffix _omp).
# clang++ with LLVM's OpenMP runtime (libomp): its Archer tool (libarcher.so, loaded through
# OMP_TOOL_LIBRARIES) tells TSan about OpenMP's barriers and tasks, which GCC's libgomp does
# not, so OpenMP regions are checked instead of reported falsely. Called by scripts/test.sh.
set -euo pipefail
cd "$(dirname "$0")/.."
dir=${TSAN_BUILD_DIR:-build/tsan}
jobs=${JOBS:-$(nproc)}
archer=$(ls /usr/lib/llvm-*/lib/libarcher.so 2>/dev/null | sort -V | tail -n 1 || true)
if [ -z "$archer" ]; then
  echo "scripts/tsan.sh: no libarcher.so (Debian: libomp-dev); the Thrust OpenMP tests" \
       "would report OpenMP's own synchronisation" >&2
  exit 1
fi

cmake -S . -B "$dir" -DCMAKE_BUILD_TYPE=RelWithDebInfo -DCMAKE_CXX_FLAGS_RELWITHDEBINFO="-O1 -g" \
      -DCMAKE_CXX_COMPILER=clang++ -DCMAKE_CXX_STANDARD=17 -DODEINT_EES_SANITIZE=thread \
      -DODEINT_EES_BUILD_EXAMPLES=OFF -DODEINT_EES_BUILD_CUDA_EXAMPLES=OFF \
      -DODEINT_EES_BUILD_CUDA_TESTS=OFF -DODEINT_EES_THRUST_BACKENDS=OMP >/dev/null

tests=(test_batched_blocks test_batched_blocks_errors test_exception_guarantees
       test_driven_systems test_batched_mlp_errors test_thrust_sde_omp test_thrust_neural_sde_omp)
cmake --build "$dir" -j "$jobs" --target "${tests[@]}"

# halt_on_error: the first report fails the run; ignore_noninstrumented_modules: Archer's
# advice for the uninstrumented OpenMP runtime itself.
export TSAN_OPTIONS="halt_on_error=1 abort_on_error=0 exitcode=66 second_deadlock_stack=1 ignore_noninstrumented_modules=1"
export OMP_TOOL_LIBRARIES=$archer OMP_NUM_THREADS=${OMP_NUM_THREADS:-4} OMP_WAIT_POLICY=passive
for t in "${tests[@]}"; do
  program=$(find "$dir/test" -maxdepth 2 -type f -name "$t" | head -n 1)
  echo "=== ThreadSanitizer: $t"
  "$program" --order decl
done
echo "=== ThreadSanitizer: ${#tests[@]} test programs, no reports"
