#!/usr/bin/env bash
# Sets up a fresh Debian 12 machine and runs the flagship demo (about a minute after the build
# on 2 cores): the Kepler forward-then-backward table, then a neural SDE on stiff GBM trained on
# 1024 paths on all cores (reversible Heun, EES(2,5), EES(2,7) at equal cost, gradients by
# integrate_reversible checked against the store-everything adjoint), then its loss plot,
# build/demo/stiff_gbm_loss.png (gnuplot, example/neural_sde/plot_losses.gp).
# Package, configure and build output goes to build/demo/*.log; on a failure the log's end is
# printed and the script exits non-zero.
set -euo pipefail
cd "$(dirname "$0")/.."
out=build/demo
paths=1024
epochs=4
threads=$(nproc)
mkdir -p "$out"

# Runs "$@" with its output in the log file $1; on failure prints the log's end and exits 1.
quietly() {
  local log=$1
  shift
  if ! "$@" >"$log" 2>&1; then
    echo "failed: $* (the end of $log follows)" >&2
    tail -n 25 "$log" >&2
    exit 1
  fi
}

start=$SECONDS
echo "=== 0. Debian packages (output in $out/apt.log) and the build of the two programs run"
quietly "$out/apt.log" bash scripts/install-dependencies.sh gnuplot-nox
[ -s "$out/apt.log" ] || echo "    (nothing to install: every package was already there)"
quietly "$out/cmake.log" cmake -S . -B "$out" -DCMAKE_BUILD_TYPE=Release -DODEINT_EES_BUILD_TESTS=OFF
quietly "$out/build.log" cmake --build "$out" --target kepler_reversibility stiff_gbm -j "$threads"
echo "    packages and build: $((SECONDS - start)) s"

run_start=$SECONDS
echo "=== 1. Reversibility: the Kepler orbit forward to t = 10 and back to t = 0"
"./$out/example/kepler_reversibility"
echo
echo "=== 2. A neural SDE trained with reversible gradients: stiff GBM, $paths paths,"
echo "       $epochs epochs, $threads threads (example/neural_sde/stiff_gbm.cpp)"
"./$out/example/stiff_gbm" --paths "$paths" --epochs "$epochs" --threads "$threads" \
  --csv "$out/stiff_gbm.csv"
echo
echo "=== 3. The loss plot"
quietly "$out/gnuplot.log" gnuplot -e "csv='$out/stiff_gbm.csv'; png='$out/stiff_gbm_loss.png'; gap=0.1; paths_note=', $paths paths'" \
  example/neural_sde/plot_losses.gp
echo "    $out/stiff_gbm_loss.png: the training loss of each solver against the epoch"
echo "    (data: $out/stiff_gbm.csv, one row per solver and epoch)"
echo "=== Done: sections 1-3 took $((SECONDS - run_start)) s on $threads threads, after"
echo "    $((run_start - start)) s for packages and build"
