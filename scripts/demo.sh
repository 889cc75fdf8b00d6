#!/usr/bin/env bash
# Sets up a fresh Debian 12 machine and runs the flagship demo: the Kepler
# forward-then-backward table for ees25, ees27 and runge_kutta4.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/install-dependencies.sh
cmake -S . -B build/demo -DCMAKE_BUILD_TYPE=Release -DODEINT_EES_BUILD_TESTS=OFF >/dev/null
cmake --build build/demo --target kepler_reversibility -j "$(nproc)"
./build/demo/example/kepler_reversibility
