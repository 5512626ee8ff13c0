#!/usr/bin/env bash
# POST a partial update: a new title; PUT replaces the mutable attributes.
. "$(dirname "$0")/_common.sh"
curl -si -X POST "$OCCI${1:?usage: $0 /compute/ID}" -H 'Content-Type: text/plain' --data-binary "$COMPUTE
X-OCCI-Attribute: occi.core.title=\"renamed\""
curl -si -X PUT "$OCCI$1" -H 'Content-Type: text/plain' --data-binary "$COMPUTE
X-OCCI-Attribute: occi.core.title=\"replaced\""
