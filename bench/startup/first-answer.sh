#!/usr/bin/env bash
# Issue 13, goal 4: milliseconds from process start to the first answer of GET /-/.
# Usage: bench/startup/first-answer.sh [runs] [command...]
#   default command: dotnet Occi.Server/bin/Release/net10.0/Occi.Server.dll (build it first)
# Each run gets a fresh data folder and port; the load average is printed with each figure.
set -euo pipefail
cd "$(dirname "$0")/../.."
runs=${1:-5}; shift || true
cmd=("$@")
[ ${#cmd[@]} -gt 0 ] || cmd=(dotnet Occi.Server/bin/Release/net10.0/Occi.Server.dll)
for i in $(seq 1 "$runs"); do
  port=$((18000 + RANDOM % 2000))
  data=$(mktemp -d /tmp/occi-startup-XXXXXX)
  start=$(date +%s%N)
  "${cmd[@]}" --urls "http://127.0.0.1:$port" --Occi:DataPath "$data" --Logging:LogLevel:Default Warning >/dev/null 2>&1 &
  pid=$!
  until curl -s -o /dev/null -H 'Accept: text/plain' "http://127.0.0.1:$port/-/"; do
    kill -0 "$pid" 2>/dev/null || { echo "run $i: the server exited"; break; }
    sleep 0.01
  done
  end=$(date +%s%N)
  echo "run $i: first answer after $(( (end - start) / 1000000 )) ms (load average $(cut -d' ' -f1-3 /proc/loadavg))"
  kill "$pid"; wait "$pid" 2>/dev/null || true
  rm -rf "$data"
done
