#!/usr/bin/env bash
# Issue 17: what telemetry costs on the GET paths. Runs the load test's GET scenarios with metrics on and off,
# alternating, ROUNDS times each (default 5), and prints each run's rows and its per-request lines.
# Usage: bench/telemetry-cost.sh [ROUNDS] [SECONDS]   (from the repository's root; builds once first)
set -euo pipefail
rounds=${1:-5}
seconds=${2:-3}
dotnet build -c Release -nologo -v quiet bench/Occi.LoadTest >/dev/null
for round in $(seq 1 "$rounds"); do
  for telemetry in on off; do
    echo "== round $round, telemetry $telemetry, load average $(cut -d' ' -f1-3 /proc/loadavg)"
    dotnet run -c Release --no-build --project bench/Occi.LoadTest -- --gets-only --resources 1 --seconds "$seconds" --telemetry "$telemetry" \
      | grep -E '^\| GET|^GET|load average at the end'
  done
done
