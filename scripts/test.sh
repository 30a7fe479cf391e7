#!/usr/bin/env bash
# One command for a fresh machine: install, build, check formatting and run
# every test. CTest's summary is the last thing printed; the exit code is
# non-zero when anything fails.
set -euo pipefail
cd "$(dirname "$0")/.."

bash scripts/install-deps.sh
bash scripts/check-format.sh
npm ci --prefix tests/e2e --no-audit --no-fund --loglevel=error
cmake -S . -B build -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo >/dev/null
ninja -C build
cd build
exec ctest --output-on-failure --timeout 600 -j 2
