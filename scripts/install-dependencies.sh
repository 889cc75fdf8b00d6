#!/usr/bin/env bash
# Installs what building, testing and the demo need on Debian 12 (apt-get; uses sudo when
# not run as root). Safe to run again. Eigen (batched MLP fields) and Boost.MPI with Open MPI
# (the MPI example) are optional for the library; CI uses them, and Boost.Test for
# Boost.Odeint's own test programs (scripts/odeint-conformance.sh). Packages given as
# arguments are installed too.
set -euo pipefail
export DEBIAN_FRONTEND=noninteractive
sudo_cmd=()
if [ "$(id -u)" != 0 ]; then sudo_cmd=(sudo); fi
packages=(g++ clang libomp-dev cmake make libboost-dev libboost-tools-dev catch2 libthrust-dev libcub-dev
          libeigen3-dev libboost-mpi-dev openmpi-bin libboost-test-dev)
packages+=("$@")  # extra packages named on the command line (scripts/demo.sh: gnuplot-nox)
missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ ${#missing[@]} -gt 0 ]; then
  "${sudo_cmd[@]}" apt-get update -qq
  "${sudo_cmd[@]}" apt-get install -y -qq --no-install-recommends "${missing[@]}"
fi
