#!/usr/bin/env bash
# Install the Debian 12 packages decarbfund needs to build and test.
# As root: installs what is missing. Otherwise: prints the apt-get line and exits 1.
set -euo pipefail
packages=(
  cmake ninja-build g++ pkg-config
  libfmt-dev libyaml-cpp-dev nlohmann-json3-dev libcli11-dev
  libsqlite3-dev coinor-libcbc-dev libcpp-httplib-dev libxlsxwriter-dev
  libgtest-dev libgmock-dev libbenchmark-dev
)
missing=()
for p in "${packages[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed"; then
    missing+=("$p")
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
