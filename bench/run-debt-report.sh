#!/usr/bin/env bash
# Measures the debt report: server time (Google Benchmark, in-process) and
# HTTP throughput (wrk -t2 -c32), for one building of 40 apartments with 60
# months of history and for a whole office of 300 such buildings.
#
#   bash bench/run-debt-report.sh [REPETITIONS]
#
# Generated data and databases go to ${BENCH_DIR:-/tmp/concierge-bench}. The
# server logs at ${BENCH_LOG_LEVEL:-info}, as in production (one access-log
# line per request), into that folder.
set -euo pipefail
cd "$(dirname "$0")/.."
repetitions="${1:-5}"
work="${BENCH_DIR:-/tmp/concierge-bench}"
mkdir -p "$work"

bash scripts/build.sh >/dev/null

prepare() {  # name buildings
  local name="$1" buildings="$2"
  if [ ! -f "$work/$name.db" ]; then
    python3 bench/generate_office.py "$work/$name-csv" --buildings "$buildings" \
      --apartments-per-building 40 --months 60 --end 2025-12-05
    CONCIERGE_DATABASE_URL="sqlite://$work/$name.db" CONCIERGE_DATA_DIR="$work" \
      /usr/bin/time -f "import of $name: %e s, %M KiB peak" \
      ./build/concierge import "$work/$name-csv" --tenant bench
    echo "a long bench password" | CONCIERGE_DATABASE_URL="sqlite://$work/$name.db" \
      CONCIERGE_DATA_DIR="$work" ./build/concierge create-user --tenant bench \
      --email bench@example.com --role manager >/dev/null
  fi
  # A database kept from an older build may need newer migrations.
  CONCIERGE_DATABASE_URL="sqlite://$work/$name.db" CONCIERGE_DATA_DIR="$work" \
    ./build/concierge migrate >/dev/null
}

measure_in_process() {  # name filter
  CONCIERGE_BENCH_DB="$work/$1.db" CONCIERGE_BENCH_TENANT=bench \
    ./build/bench/debt_report_bench --benchmark_filter="$2" \
    --benchmark_repetitions="$repetitions" --benchmark_report_aggregates_only=true
}

measure_http() {  # name query
  local port=18089
  CONCIERGE_DATABASE_URL="sqlite://$work/$1.db" CONCIERGE_DATA_DIR="$work" \
    CONCIERGE_LISTEN="127.0.0.1:$port" CONCIERGE_LOG_LEVEL="${BENCH_LOG_LEVEL:-info}" \
    ./build/concierge serve >/dev/null 2>"$work/serve.log" &
  local server=$!
  trap 'kill $server 2>/dev/null || true' RETURN
  for _ in $(seq 100); do curl -sf "http://127.0.0.1:$port/healthz" >/dev/null && break; sleep 0.1; done
  local token
  token=$(curl -sf "http://127.0.0.1:$port/api/auth/login/" -H 'Content-Type: application/json' \
    -d '{"email":"bench@example.com","password":"a long bench password"}' |
    python3 -c 'import json,sys; print(json.load(sys.stdin)["access"])')
  local building
  building=$(curl -sf "http://127.0.0.1:$port/api/buildings/" -H "Authorization: Bearer $token" |
    python3 -c 'import json,sys; print(json.load(sys.stdin)[0]["id"])')
  local path="/api/financial/dashboard/debt-report/?${2//BUILDING/$building}"
  for run in $(seq "$repetitions"); do
    CONCIERGE_BENCH_TOKEN="$token" wrk -t2 -c32 -d10s --latency -s bench/debt_report.lua \
      "http://127.0.0.1:$port$path" | grep -E "Requests/sec|50%|99%" | tr '\n' ' '
    echo " (run $run)"
  done
  kill "$server"
  wait "$server" 2>/dev/null || true
}

prepare one-building 1
prepare office 300

echo "== server time, one building (40 apartments, 60 months)"
measure_in_process one-building 'OneBuilding'
echo "== server time, whole office (300 buildings)"
measure_in_process office 'WholeOffice'
echo "== HTTP, one building, wrk -t2 -c32"
measure_http one-building "building_id=BUILDING&as_of=2025-12-05"
echo "== HTTP, whole office, wrk -t2 -c32"
measure_http office "as_of=2025-12-05"
