#!/usr/bin/env bash
# One command for the whole GPU layer on a machine with an NVIDIA GPU and the CUDA toolkit:
#   1. builds every .cu file with nvcc: example/thrust/*.cu, test/perf/*.cu and the CUDA twins
#      of the Thrust tests, test/thrust/cuda/*.cu (each includes its test/thrust/*.cpp);
#   2. runs the Thrust tests on the CUDA backend and the examples (each example run counts
#      as one test);
#   3. runs the benchmarks and prints ONE table (markdown): fused GBM ensemble path-steps/s
#      (f32, f64); the device_vector design's achieved bandwidth against a thrust::copy
#      measured in the same run; neural SDE forward and forward + gradient path-steps/s at
#      B = 10^4 and 10^5 (ees25, d = 25, width 32); seconds per epoch of
#      example/thrust/neural_sde_training at 10^4 paths (reversible Heun, EES(2,5), EES(2,7)
#      at matched cost).
# The last line reads exactly `gpu-check: N tests passed, M failed`, counting every build,
# every Catch2 test case and every example run as one (the exit status is 0 when M = 0). Sized to finish within 8 minutes on one GPU (H200 class) with 16 host cores.
#
#   scripts/gpu-check.sh            on a GPU machine (nvcc from PATH or /usr/local/cuda/bin;
#                                   GPU_CHECK_ARCH=sm_90 to pin the architecture, default
#                                   native)
#   scripts/gpu-check.sh --cpu      everything that runs without a GPU: the same sources built
#                                   with g++ on Thrust's OMP backend (Eigen instead of
#                                   cuBLAS), the same runs at CPU sizes (the table says which)
# Options: --jobs N (parallel compilations, default nproc), --build-dir DIR (default
# build/gpu-check-gpu or build/gpu-check-cpu).
set -uo pipefail
cd "$(dirname "$0")/.."

mode=gpu
jobs=$(nproc)
out=
while [ $# -gt 0 ]; do
  case "$1" in
    --cpu) mode=cpu ;;
    --jobs) jobs=$2; shift ;;
    --build-dir) out=$2; shift ;;
    -h|--help) sed -n '2,24p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) echo "gpu-check.sh: unknown option $1 (try --help)" >&2; exit 2 ;;
  esac
  shift
done
out=${out:-build/gpu-check-$mode}
mkdir -p "$out"
start=$(date +%s)
passed=0
failed=0
failures=()
say() { echo "[gpu-check +$(( $(date +%s) - start ))s] $*"; }
pass() { passed=$((passed + ${2:-1})); }
fail() { failed=$((failed + ${2:-1})); failures+=("$1"); }

# --- compilers and sizes ----------------------------------------------------------------------
common=(-std=c++17 -O2 -Iinclude -Iboost_ext)
if [ "$mode" = gpu ]; then
  nvcc=$(command -v nvcc || echo /usr/local/cuda/bin/nvcc)
  if [ ! -x "$nvcc" ]; then
    echo "gpu-check.sh: nvcc not found (PATH, /usr/local/cuda/bin); use --cpu without a GPU" >&2
    exit 2
  fi
  compile=("$nvcc" "${common[@]}" -arch="${GPU_CHECK_ARCH:-native}" -diag-suppress 20012
           -Xcompiler=-Wall,-Wextra)
  link=(-lcublas)
  after_source=()
  device=$(nvidia-smi --query-gpu=name --format=csv,noheader 2>/dev/null | head -1)
  device=${device:-unknown NVIDIA GPU}
  ensemble_args=(10000000 5e8 2 10000000)   # max paths, path-steps per run, repeats, gradients
  neural_args=(10000,100000 20 2)           # batch sizes, steps, repeats
  training_paths=10000
else
  compile=("${CXX:-g++}" "${common[@]}" -fopenmp
           -DTHRUST_DEVICE_SYSTEM=THRUST_DEVICE_SYSTEM_OMP -isystem /usr/include/eigen3
           -Wall -Wextra -x c++)
  link=()
  after_source=(-x none)   # what follows the source (catch_main.o) is not C++ source
  device="CPU, Thrust OMP backend ($(nproc) cores; not a GPU measurement)"
  ensemble_args=(1000000 2e6 1 100000)
  neural_args=(1000,10000 3 1)
  training_paths=128
  export OMP_WAIT_POLICY=passive   # many small kernels: idle threads must not spin
fi
nice_cmd=()
[ "$mode" = cpu ] && nice_cmd=(nice -n 10)

# --- 1. build ---------------------------------------------------------------------------------
sources=(example/thrust/*.cu test/perf/*.cu test/thrust/cuda/*.cu)
say "building ${#sources[@]} .cu programs ($mode, $jobs at a time) into $out"
catch_main=$out/catch_main.o
if ! "${nice_cmd[@]}" "${CXX:-g++}" -std=c++17 -O2 -c test/catch_main.cpp -o "$catch_main" \
     > "$out/catch_main.log" 2>&1; then
  fail "build catch_main"
fi
build_one() {
  local src=$1 name extra=()
  name=$(basename "$src" .cu)
  case "$src" in test/thrust/cuda/*) extra=("$catch_main") ;; esac
  if "${nice_cmd[@]}" "${compile[@]}" "$src" "${after_source[@]}" "${extra[@]}" "${link[@]}" \
       -o "$out/$name" > "$out/$name.build.log" 2>&1; then
    echo ok > "$out/$name.status"
  else
    echo failed > "$out/$name.status"
  fi
}
for src in "${sources[@]}"; do
  rm -f "$out/$(basename "$src" .cu).status"
  build_one "$src" &
  while [ "$(jobs -rp | wc -l)" -ge "$jobs" ]; do wait -n; done
done
wait
for src in "${sources[@]}"; do
  name=$(basename "$src" .cu)
  if [ "$(cat "$out/$name.status" 2>/dev/null)" = ok ]; then
    pass "build $name"
  else
    fail "build $name (log: $out/$name.build.log)"
    tail -5 "$out/$name.build.log" | sed 's/^/    /'
  fi
done
say "built: $passed ok, $failed failed"

# --- 2. tests and examples --------------------------------------------------------------------
# A Catch2 program's test cases count one by one; a crash without a summary counts as one
# failure.
run_tests() {
  local name=$1 log=$out/$1.log
  [ -x "$out/$name" ] || return
  timeout 300 "$out/$name" > "$log" 2>&1
  local status=$? summary
  summary=$(grep -E "^(All tests passed|test cases:)" "$log" | tail -1)
  if [[ $summary =~ ^All\ tests\ passed.*in\ ([0-9]+)\ test\ case ]]; then
    pass "$name" "${BASH_REMATCH[1]}"
  elif [[ $summary =~ test\ cases:\ *([0-9]+)\ \|\ *([0-9]+)\ passed\ \|\ *([0-9]+)\ failed ]]; then
    pass "$name" "${BASH_REMATCH[2]}"
    fail "$name: ${BASH_REMATCH[3]} test cases (log: $log)" "${BASH_REMATCH[3]}"
  else
    fail "$name exited with $status and no summary (log: $log)"
  fi
  say "$name: ${summary:-no summary, exit $status}"
}
run_example() {
  local name=$1; shift
  [ -x "$out/$name" ] || return
  if timeout 300 "$out/$name" "$@" > "$out/$name.log" 2>&1; then
    pass "$name"
    say "$name $*: ok"
  else
    fail "$name $* (log: $out/$name.log)"
    say "$name $*: FAILED"
  fi
}
for src in test/thrust/cuda/*.cu; do run_tests "$(basename "$src" .cu)"; done
if [ "$mode" = gpu ]; then
  run_example thrust_ees_smoke
  run_example gbm_ensemble
  run_example gbm_calibration
  run_example fused_ensemble
else
  run_example thrust_ees_smoke
  run_example gbm_ensemble 20000 50
  run_example gbm_calibration 5000 20
  run_example fused_ensemble 20000 50
fi
run_example neural_sde_training --paths "$training_paths" --epochs 2 \
  --csv "$out/neural_sde_training.csv"

# --- 3. benchmarks ----------------------------------------------------------------------------
bench() {
  local name=$1; shift
  [ -x "$out/$name" ] || return
  say "benchmark $name $*"
  if ! timeout 360 "$out/$name" "$@" > "$out/$name.log" 2>&1; then
    fail "benchmark $name (log: $out/$name.log)"
  fi
}
bench perf_thrust_ensemble "${ensemble_args[@]}"
bench perf_thrust_neural_sde "${neural_args[@]}"

# key=value lines -> table rows
field() { grep -o "$1=[^ ]*" | head -1 | cut -d= -f2; }
best_rate() {  # best path_steps_per_s of the lines matching all patterns, and its paths
  local log=$out/$1; shift
  local lines
  lines=$(grep "^backend=" "$log" 2>/dev/null)   # measurements, not the model lines
  for p in "$@"; do lines=$(grep -- "$p" <<< "$lines"); done
  awk '{ r = 0; n = 0;
         for (i = 1; i <= NF; ++i) { split($i, kv, "=");
           if (kv[1] == "path_steps_per_s") r = kv[2]; if (kv[1] == "paths") n = kv[2]; }
         if (r + 0 > best + 0) { best = r; bn = n } }
       END { if (best == "") print "n/a"; else printf "%.3g (%.0e paths)", best, bn }' <<< "$lines"
}
bandwidth() {  # device_vector forward effective GB/s at the largest size vs thrust::copy
  local log=$out/perf_thrust_ensemble.log precision=$1 copy line gbps paths
  copy=$(grep -o "copy_bandwidth_GBps=[^ ]*" "$log" 2>/dev/null | head -1 | cut -d= -f2)
  line=$(grep "^backend=.* design=device_vector precision=$precision mode=forward " "$log" \
         2>/dev/null | tail -1)
  gbps=$(field effective_GBps <<< "$line")
  paths=$(field paths <<< "$line")
  if [ -n "$copy" ] && [ -n "$gbps" ]; then
    awk -v g="$gbps" -v c="$copy" -v n="$paths" \
      'BEGIN { printf "%.3g GB/s = %.0f %% of thrust::copy %.3g GB/s (%.0e paths)", g, 100 * g / c, c, n }'
  else
    echo "n/a"
  fi
}
epoch_seconds() {
  local line
  line=$(grep "^neural_sde_training: solver=$1 " "$out/neural_sde_training.log" 2>/dev/null)
  [ -n "$line" ] && echo "$(field seconds_per_epoch <<< "$line") s" || echo "n/a"
}
neural() {  # rate for precision, mode, paths
  local line
  line=$(grep "neural_sde precision=$1 .* paths=$3 .* mode=$2 " "$out/perf_thrust_neural_sde.log" \
         2>/dev/null | head -1)
  [ -n "$line" ] && printf "%.3g" "$(field path_steps_per_s <<< "$line")" || echo "n/a"
}
IFS=, read -r -a batch_sizes <<< "${neural_args[0]}"

echo
echo "### gpu-check: $device, $(date -u +%Y-%m-%d), $mode build"
echo
echo "| measurement | value |"
echo "|---|---|"
echo "| fused GBM ensemble, f32, ees25 forward: path-steps/s (best size) | $(best_rate perf_thrust_ensemble.log 'design=fused ' 'precision=float ' 'mode=forward ') |"
echo "| fused GBM ensemble, f64, ees25 forward: path-steps/s (best size) | $(best_rate perf_thrust_ensemble.log 'design=fused ' 'precision=double ' 'mode=forward ') |"
echo "| device_vector design, f32 ees25 forward, largest size: achieved bandwidth (byte model of perf_thrust_ensemble) | $(bandwidth float) |"
echo "| device_vector design, f64 ees25 forward, largest size: achieved bandwidth | $(bandwidth double) |"
for b in "${batch_sizes[@]}"; do
  for p in float double; do
    echo "| neural SDE (d 25, width 32, ees25), $p, B = $b: forward / forward + gradient path-steps/s | $(neural $p forward "$b") / $(neural $p gradient "$b") |"
  done
done
echo "| neural_sde_training, $training_paths paths, double: seconds per epoch (reversible_heun / ees25 / ees27) | $(epoch_seconds reversible_heun) / $(epoch_seconds ees25) / $(epoch_seconds ees27) |"
echo
say "finished in $(( $(date +%s) - start )) s"
for f in "${failures[@]}"; do echo "  failed: $f"; done
echo "gpu-check: $passed tests passed, $failed failed"
[ "$failed" = 0 ]
