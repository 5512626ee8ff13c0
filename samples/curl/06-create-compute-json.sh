#!/usr/bin/env bash
# The same create in application/occi+json, asking for the created resource back.
. "$(dirname "$0")/_common.sh"
curl -si -X POST "$OCCI/compute/" -H 'Content-Type: application/occi+json' -H 'Accept: application/occi+json' --data-binary '{
  "kind": "http://schemas.ogf.org/occi/infrastructure#compute",
  "attributes": { "occi.core.title": "web-3", "occi.compute.cores": 2 }
}'
