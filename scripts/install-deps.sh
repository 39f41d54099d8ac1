#!/usr/bin/env bash
# Install the Debian 12 packages decarbfund needs to build and test.
# As root: installs what is missing. Otherwise: prints the apt-get line and exits 1.
set -euo pipefail
packages=(
  cmake ninja-build g++ pkg-config
  libfmt-dev libyaml-dev nlohmann-json3-dev libcli11-dev
  libsqlite3-dev coinor-libcbc-dev libbz2-dev libcpp-httplib-dev libxlsxwriter-dev
  libgtest-dev libgmock-dev libbenchmark-dev
  # MPI is on in the default build: `mpirun -np N decarbfund montecarlo` (docs/uncertainty.md).
  libopenmpi-dev openmpi-bin
  libssl-dev zlib1g-dev libbrotli-dev  # cpp-httplib's header is built with TLS and compression on
  # The Python package (docs/python.md) for Debian's /usr/bin/python3, and its tests and example.
  pybind11-dev python3-dev python3-pandas python3-pytest python3-matplotlib
)
# Optional: installed when run as root (as CI does). Without chromium the dashboard's browser test
# (tests/browser/) is skipped; clang and its libFuzzer runtime are for `make fuzz` and the short
# fuzz run CI makes (`make fuzz-smoke`). A developer without root can still `make test`.
optional=(chromium clang libclang-rt-14-dev)
# node and npm build the dashboard (web/); a machine with another Node.js (e.g. a vendor
# package that bundles npm) keeps it: Debian's npm would conflict with it.
if ! command -v npm >/dev/null 2>&1; then
  packages+=(nodejs npm)
fi
missing=()
for p in "${packages[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed"; then
    missing+=("$p")
  fi
done
for p in "${optional[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed"; then
    if [ "$(id -u)" -eq 0 ]; then
      missing+=("$p")
    else
      echo "optional: apt-get install $p (for the browser test or make fuzz)" >&2
    fi
  fi
done
if [ ${#missing[@]} -eq 0 ]; then
  exit 0
fi
if [ "$(id -u)" -ne 0 ]; then
  echo "decarbfund needs these Debian packages; run as root:" >&2
  echo "  apt-get update && apt-get install -y ${missing[*]}" >&2
  exit 1
fi
echo "installing: ${missing[*]}" >&2
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq
apt-get install -y -qq --no-install-recommends "${missing[@]}"
