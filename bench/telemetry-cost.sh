#!/usr/bin/env bash
# Issue 17: what telemetry costs on GET one compute (Occi:Telemetry:Metrics on against off, traces off either way).
# ROUNDS rounds of each setting (default 6), interleaved on off, off on, on off, … so a drift in the machine's load
# weighs on both alike; each round is its own process (bench/Occi.LoadTest --telemetry-cost: req/s and the ratio to
# a bare endpoint serving the same bytes at 2 and 16 connections, SECONDS per block (default 2), 3 blocks each; the
# process's CPU per request; one connection's CPU and bytes per request). Then the summary: each measure's median and
# spread per setting, telemetry's cost from the medians and round by round, and the load average.
# Usage: bench/telemetry-cost.sh [ROUNDS] [SECONDS]   (from the repository's root; builds once first)
set -euo pipefail
rounds=${1:-6}
seconds=${2:-2}
dotnet build -c Release -nologo -v quiet bench/Occi.LoadTest >/dev/null
loadtest=bench/Occi.LoadTest/bin/Release/net10.0/Occi.LoadTest.dll
lines=$(mktemp)
trap 'rm -f "$lines"' EXIT
for round in $(seq 1 "$rounds"); do
  if (( round % 2 )); then order="on off"; else order="off on"; fi
  for telemetry in $order; do
    echo "== round $round, metrics $telemetry, load average $(cut -d' ' -f1-3 /proc/loadavg)" >&2
    dotnet "$loadtest" --telemetry-cost --telemetry "$telemetry" --seconds "$seconds" | grep '^telemetry-cost ' | tee -a "$lines" >&2
  done
done
dotnet "$loadtest" --telemetry-cost-summary "$lines"
