#!/usr/bin/env bash
# Installs what is missing and builds Concierge into ./build (incremental):
# everything, or only the targets named (scripts/demo.sh needs `concierge`).
set -euo pipefail
cd "$(dirname "$0")/.."

bash scripts/install-deps.sh
cmake -S . -B build -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo >/dev/null
ninja -C build "$@"
