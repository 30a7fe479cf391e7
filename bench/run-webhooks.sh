#!/usr/bin/env bash
# Measures Stripe webhook ingestion over HTTP on SQLite: distinct signed
# payment_intent.succeeded events per second, then a replay storm (every
# event sent 3 times at once), checking one ledger credit per payment.
#
#   bash bench/run-webhooks.sh [EVENTS] [REPETITIONS]
set -euo pipefail
cd "$(dirname "$0")/.."
events="${1:-5000}"
repetitions="${2:-3}"
work="${BENCH_DIR:-/tmp/concierge-bench}/webhooks"
port=18091
secret=whsec_bench_secret

bash scripts/build.sh >/dev/null
rm -rf "$work" && mkdir -p "$work"
export CONCIERGE_DATABASE_URL="sqlite://$work/concierge.db" CONCIERGE_DATA_DIR="$work"
./build/concierge seed-demo >/dev/null

CONCIERGE_LISTEN="127.0.0.1:$port" CONCIERGE_STRIPE_WEBHOOK_SECRETS="$secret" \
  ENABLE_LEDGER_SYNC=true CONCIERGE_HTTP_THREADS="${BENCH_HTTP_THREADS:-16}" CONCIERGE_LOG_LEVEL="${BENCH_LOG_LEVEL:-info}" \
  ./build/concierge serve >/dev/null 2>"$work/serve.log" &
server=$!
trap 'kill $server 2>/dev/null || true' EXIT
for _ in $(seq 100); do curl -sf "http://127.0.0.1:$port/healthz" >/dev/null && break; sleep 0.1; done

for copies in 1 3; do
  for run in $(seq "$repetitions"); do
    ./build/bench/webhook_load "$work/concierge.db" "http://127.0.0.1:$port" "$secret" \
      "$events" "${BENCH_SENDERS:-16}" "$copies"
  done
done
