#!/usr/bin/env bash
# Builds the self-contained linux-x64 publish profile and starts what it made: the published server must answer
# /readyz, /dashboard/ and /metrics with nothing but its own folder (no .NET on the PATH is used to run it).
# .ci/run calls it before the tests. Prints "publish check: ok" or fails naming the step.
set -euo pipefail
cd "$(dirname "$0")/../.."
out=$(mktemp -d)
data=$(mktemp -d)
pid=
cleanup() { [[ -n $pid ]] && kill "$pid" 2>/dev/null && wait "$pid" 2>/dev/null; rm -rf "$out" "$data"; }
trap cleanup EXIT

dotnet publish Occi.Server -c Release -p:PublishProfile=linux-x64 -p:PublishDir="$out/" -nologo -v quiet
[[ -x $out/Occi.Server && -f $out/libhostfxr.so ]] || { echo "publish check: no self-contained Occi.Server in $out" >&2; exit 1; }

port=$((20000 + RANDOM % 20000))
(cd "$out" && exec env -u DOTNET_ROOT PATH=/usr/bin:/bin ./Occi.Server --urls "http://127.0.0.1:$port" --Occi:DataPath "$data") >"$data/server.log" 2>&1 &
pid=$!
for _ in $(seq 1 60); do
  curl -sf -o /dev/null "http://127.0.0.1:$port/readyz" && break
  kill -0 "$pid" 2>/dev/null || { cat "$data/server.log" >&2; echo "publish check: the published server exited" >&2; exit 1; }
  sleep 1
done
for path in /readyz /dashboard/ /metrics; do
  code=$(curl -s -o /dev/null -w '%{http_code}' "http://127.0.0.1:$port$path")
  [[ $code == 200 ]] || { echo "publish check: GET $path answered $code" >&2; exit 1; }
done
echo "publish check: ok"
