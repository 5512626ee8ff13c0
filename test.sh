#!/usr/bin/env bash
# Runs every test project of the solution and prints one summary line over all of them:
#   N passed, N failed, N skipped
# A run in which no test executed is a failure, as is any failed test or build error.
set -uo pipefail
cd "$(dirname "$0")"

results=$(mktemp -d)
trap 'rm -rf "$results"' EXIT

dotnet build OcciGateway.sln -c Release -nologo -v quiet || { echo "0 passed, 1 failed"; echo "build failed" >&2; exit 1; }

status=0
dotnet test OcciGateway.sln -c Release --no-build -nologo \
  --logger "trx" --logger "console;verbosity=normal" --results-directory "$results" "$@" || status=$?

# Sum the counters of every TRX file (one per test project).
read -r passed failed skipped total < <(python3 - "$results" <<'PY'
import sys, glob, xml.etree.ElementTree as ET
p = f = s = t = 0
for path in glob.glob(sys.argv[1] + "/**/*.trx", recursive=True):
    c = ET.parse(path).getroot().find(".//{*}ResultSummary/{*}Counters")
    if c is None: continue
    t += int(c.get("total", 0)); p += int(c.get("passed", 0)); f += int(c.get("failed", 0)) + int(c.get("error", 0)) + int(c.get("timeout", 0)) + int(c.get("aborted", 0))
# Tests that neither passed nor failed were skipped (NUnit's Assert.Ignore leaves them unexecuted).
s = t - p - f
print(p, f, s, t)
PY
)

if [[ "${total:-0}" -eq 0 ]]; then
  echo "no tests were found or run: that is a failure" >&2
  echo "0 passed, 1 failed"
  exit 1
fi
echo "${passed} passed, ${failed} failed, ${skipped} skipped"
if [[ $status -ne 0 || "${failed}" -ne 0 ]]; then exit 1; fi
exit 0
