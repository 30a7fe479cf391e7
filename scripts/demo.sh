#!/usr/bin/env bash
# One command for a fresh machine: install, build, create the demo office
# (printing its logins the first time) and serve it at http://127.0.0.1:8080.
set -euo pipefail
cd "$(dirname "$0")/.."

bash scripts/build.sh
./build/concierge seed-demo
exec ./build/concierge serve
