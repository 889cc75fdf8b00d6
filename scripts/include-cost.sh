#!/usr/bin/env bash
# What including the library costs at compile time: -fsyntax-only of a file that includes
# boost/numeric/odeint.hpp and boost/numeric/odeint/ees.hpp, against one that includes
# odeint.hpp alone, and of each public header of the library on top of odeint.hpp. Best of
# N runs each (user CPU seconds, interleaved, so that load on the machine hits both sides
# alike); the last line is the ratio (goal: at most 1.25).
#
# Usage: scripts/include-cost.sh [runs]   (default 5)
# Environment: CXX (default g++), CXX_STANDARD (default 17).
set -euo pipefail
cd "$(dirname "$0")/.."
runs=${1:-5}
cxx=${CXX:-g++}
std=${CXX_STANDARD:-17}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

# best_time name header...: the best user time of N compilations of a file including them.
best_time() {
  local name=$1; shift
  local file=$work/$name.cpp
  : > "$file"
  for header in "$@"; do echo "#include <$header>" >> "$file"; done
  echo "int main() {}" >> "$file"
  local best=
  for _ in $(seq "$runs"); do
    local t
    t=$( { /usr/bin/time -f %U "$cxx" -std=c++"$std" -fsyntax-only -I include -I boost_ext \
           "$file" 2>&1 1>/dev/null; } | tail -n 1)
    if [ -z "$best" ] || awk -v a="$t" -v b="$best" 'BEGIN { exit !(a < b) }'; then best=$t; fi
  done
  echo "$best"
}

odeint=boost/numeric/odeint.hpp
base=$(best_time odeint "$odeint")
with=$(best_time ees "$odeint" boost/numeric/odeint/ees.hpp)
echo "$cxx -std=c++$std -fsyntax-only, best of $runs, user seconds:"
printf '  %-60s %6.2f\n' "odeint.hpp" "$base" "odeint.hpp + ees.hpp" "$with"
for header in stepper/ees25.hpp stepper/ees27.hpp stepper/reversible_heun.hpp \
              noise/brownian_path.hpp noise/virtual_brownian_tree.hpp system/stratonovich_sde.hpp \
              system/ito_sde.hpp nn/mlp.hpp integrate/integrate_reversible.hpp \
              integrate/checked_integrate.hpp stepper/ees_exact_coefficients.hpp; do
  t=$(best_time one "$odeint" "boost/numeric/odeint/$header")
  printf '  %-60s %6.2f\n' "odeint.hpp + $header" "$t"
done
awk -v a="$with" -v b="$base" 'BEGIN { printf "include cost of ees.hpp: %.2f x odeint.hpp alone\n", a / b }'
