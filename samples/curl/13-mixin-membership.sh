#!/usr/bin/env bash
# Add a compute to a user mixin collection (POST), list the members, replace them (PUT), remove (DELETE).
. "$(dirname "$0")/_common.sh"
loc="$OCCI${1:?usage: $0 /compute/ID}"
curl -si -X POST "$OCCI/tags/production/" -H 'Content-Type: text/plain' --data-binary "X-OCCI-Location: $loc"
curl -s "$OCCI/tags/production/" -H 'Accept: text/uri-list'
curl -si -X PUT "$OCCI/tags/production/" -H 'Content-Type: text/plain' --data-binary "X-OCCI-Location: $loc"
curl -si -X DELETE "$OCCI/tags/production/" -H 'Content-Type: text/plain' --data-binary "X-OCCI-Location: $loc"
