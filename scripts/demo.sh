#!/usr/bin/env bash
# One command for a fresh machine: install, build, create the demo office
# (printing its logins the first time) and serve it at http://127.0.0.1:8080.
set -euo pipefail
cd "$(dirname "$0")/.."

bash scripts/build.sh concierge
./build/concierge seed-demo
# The demo shows the system as it should run: payments reach the ledger,
# kiosk codes are signed and strangers see no personal data.
export ENABLE_LEDGER_SYNC="${ENABLE_LEDGER_SYNC:-true}"
export ENABLE_KIOSK_SIGNED_QR="${ENABLE_KIOSK_SIGNED_QR:-true}"
export ENABLE_SECURE_PUBLIC_INFO="${ENABLE_SECURE_PUBLIC_INFO:-true}"
exec ./build/concierge serve
