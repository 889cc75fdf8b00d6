#!/usr/bin/env bash
# Fails when a header includes across a forbidden boundary of the layering that
# doc/architecture.md draws:
#
#   boost_ext/                   includes nothing from include/ (only Boost and the standard
#                                library): it stands alone;
#   include/boost/numeric/odeint/<folder>/ includes the library's headers only from the
#                                folders its layer may use (the table `allowed` below);
#   <folder>/detail/             is private to <folder>, except util/detail/ and
#                                system/detail/, which every layer that may use util/ or
#                                system/ may include.
#
# Only includes of the library's own headers count (a path that exists under include/);
# odeint's and Boost's headers may be included from anywhere. ees.hpp, the umbrella, may
# include every public header.
#
# Usage: scripts/check-layering.sh [root]    checks the tree at root (default: this repository)
#        scripts/check-layering.sh --self-test
#            copies the tree, adds one include across each kind of boundary (util/ -> stepper/,
#            integrate/ -> stepper/detail/, boost_ext/ -> include/) and requires the check to
#            fail on each copy and to name the offending file; so a check that can no longer
#            fail fails here.
set -euo pipefail

self=$(cd "$(dirname "$0")" && pwd)/$(basename "$0")

if [ "${1:-}" = "--self-test" ]; then
  repo=$(cd "$(dirname "$0")/.." && pwd)
  work=$(mktemp -d)
  trap 'rm -rf "$work"' EXIT
  status=0
  # break <name> <file relative to root> <include line>
  break_one() {
    local name=$1 file=$2 line=$3 copy=$work/$1
    mkdir -p "$copy"
    cp -r "$repo/include" "$repo/boost_ext" "$copy/"
    printf '%s\n' "$line" >>"$copy/$file"
    if output=$(bash "$self" "$copy" 2>&1); then
      echo "self-test: the check passed a tree with $name ($file: $line)"
      status=1
    elif ! grep -q "$file" <<<"$output"; then
      echo "self-test: the check failed on $name without naming $file:"
      echo "$output"
      status=1
    else
      echo "self-test: $name is caught"
    fi
  }
  break_one util_to_stepper include/boost/numeric/odeint/util/ees_host_device.hpp \
    '#include <boost/numeric/odeint/stepper/ees25.hpp>'
  break_one integrate_to_stepper_detail include/boost/numeric/odeint/integrate/integrate_reversible.hpp \
    '#include <boost/numeric/odeint/stepper/detail/stage_driver.hpp>'
  break_one boost_ext_to_include boost_ext/boost/numeric/odeint/external/thrust_compat/thrust.hpp \
    '#include <boost/numeric/odeint/util/ees_host_device.hpp>'
  # And the tree as it is passes.
  if ! bash "$self" "$repo"; then
    status=1
  fi
  exit $status
fi

root=${1:-$(cd "$(dirname "$0")/.." && pwd)}
cd "$root"
library=include/boost/numeric/odeint

# The layers, lowest first: the folders (under include/boost/numeric/odeint/) each may include.
declare -A allowed=(
  [util]="util"
  [noise]="util noise"
  [system]="util system"
  [nn]="util system nn"
  [stepper]="util system stepper"
  [integrate]="util system stepper integrate"
  [external]="util noise system nn stepper integrate external"
)
# Folders whose detail/ headers the layers above may include.
shared_detail="util system"

# Known crossings, each with its reason; "file -> included header".
declare -A exceptions=(
)

# The folder of a path below include/boost/numeric/odeint/: its first component, and whether
# the path lies in a detail/ below it.
folder_of() { local p=${1#boost/numeric/odeint/}; p=${p#"$library"/}; echo "${p%%/*}"; }
is_detail() { case $1 in */detail/*) return 0 ;; *) return 1 ;; esac; }

violations=0
report() {
  echo "$1: includes <$2>: $3"
  violations=$((violations + 1))
}

# The library's headers a file includes: its #include <boost/numeric/odeint/...> lines whose
# path exists under include/.
own_includes() {
  sed -n 's|^[[:space:]]*#[[:space:]]*include[[:space:]]*[<"]\(boost/numeric/odeint/[^>"]*\)[>"].*|\1|p' "$1" |
    while read -r included; do
      if [ -f "include/$included" ]; then echo "$included"; fi
    done
}

# boost_ext/ stands alone.
while IFS= read -r file; do
  while read -r included; do
    report "$file" "$included" "boost_ext/ includes nothing from include/"
  done < <(own_includes "$file")
done < <(find boost_ext -type f \( -name '*.hpp' -o -name '*.h' \) | sort)

# The library's folders.
while IFS= read -r file; do
  from=$(folder_of "$file")
  if [ "$from" = "ees.hpp" ]; then
    while read -r included; do
      if is_detail "$included"; then
        report "$file" "$included" "the umbrella includes public headers only"
      fi
    done < <(own_includes "$file")
    continue
  fi
  if [ -z "${allowed[$from]+set}" ]; then
    report "$file" "-" "the folder $from/ has no layer in scripts/check-layering.sh (add it, and to doc/architecture.md)"
    continue
  fi
  while read -r included; do
    if [ -n "${exceptions["$file -> $included"]+set}" ]; then continue; fi
    to=$(folder_of "$included")
    if ! grep -qw "$to" <<<"${allowed[$from]}"; then
      report "$file" "$included" "$from/ may include only from: ${allowed[$from]}"
    elif is_detail "$included" && [ "$to" != "$from" ] && ! grep -qw "$to" <<<"$shared_detail"; then
      report "$file" "$included" "$to/detail/ is private to $to/"
    fi
  done < <(own_includes "$file")
done < <(find "$library" -type f -name '*.hpp' | sort)

if [ "$violations" -ne 0 ]; then
  echo "$violations include(s) across the layering (doc/architecture.md)"
  exit 1
fi
echo "layering: no header includes across a forbidden boundary"
