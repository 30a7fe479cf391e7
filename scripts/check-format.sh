#!/usr/bin/env bash
# Fails when a C++ file differs from what .clang-format asks for.
set -euo pipefail
cd "$(dirname "$0")/.."

mapfile -t files < <(git ls-files '*.cpp' '*.hpp' 2>/dev/null || find src tests bench -name '*.[ch]pp')
if ! clang-format --dry-run --Werror "${files[@]}" 2>/tmp/concierge-format.log; then
  head -n 40 /tmp/concierge-format.log >&2
  echo "check-format: run clang-format -i on the files above" >&2
  exit 1
fi
