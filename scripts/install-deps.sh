#!/usr/bin/env bash
# Installs every Debian package Concierge needs to build, run and test.
# Does nothing (and needs no network) when they are all present.
set -euo pipefail

packages=(
  # toolchain
  cmake ninja-build g++ ccache pkg-config clang-format
  # libraries (DESIGN.md section 1)
  librestinio-dev libasio-dev libhttp-parser-dev libfmt-dev libspdlog-dev
  libsoci-dev libsqlite3-dev libboost-dev nlohmann-json3-dev libsodium-dev libjwt-dev
  libhowardhinnant-date-dev tzdata libcli11-dev libexpected-dev libcsv-dev
  libcurl4-openssl-dev libhiredis-dev libqrcodegencpp-dev
  # tests and benchmarks
  libgtest-dev libgmock-dev libbenchmark-dev python3 wrk curl
  # shared throttle counters: the Redis tests start their own redis-server
  redis-server
)

missing=()
for package in "${packages[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "install ok installed"; then
    missing+=("$package")
  fi
done

# Node.js runs the end-to-end tests; Debian's package only when none is there.
if ! command -v node >/dev/null 2>&1; then
  missing+=(nodejs npm)
fi

if [ ${#missing[@]} -eq 0 ]; then
  exit 0
fi

if [ "$(id -u)" -ne 0 ]; then
  echo "install-deps: missing packages: ${missing[*]}" >&2
  echo "install-deps: run as root (or with sudo) to install them" >&2
  exit 1
fi

echo "install-deps: installing ${missing[*]}"
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq
apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
