#!/usr/bin/env bash
# What bad requests get: 406, 415, 400, 404, 409, 501.
. "$(dirname "$0")/_common.sh"
curl -s -o /dev/null -w 'Accept image/png: %{http_code}\n' "$OCCI/-/" -H 'Accept: image/png'
curl -s -o /dev/null -w 'Content-Type xml: %{http_code}\n' -X POST "$OCCI/compute/" -H 'Content-Type: application/xml' -d '<x/>'
curl -s -w ' (%{http_code})\n' -X POST "$OCCI/compute/" -H 'Content-Type: text/plain' --data-binary "$COMPUTE
X-OCCI-Attribute: occi.compute.cores=\"many\""
curl -s -w ' (%{http_code})\n' "$OCCI/compute/nope"
curl -s -w ' (%{http_code})\n' "$OCCI/-/" -A 'client OCCI/2.0'
