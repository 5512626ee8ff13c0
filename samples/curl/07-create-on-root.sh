#!/usr/bin/env bash
# POST on / with a kind creates at that kind's location (as the OGF compliance tests do).
. "$(dirname "$0")/_common.sh"
curl -si -X POST "$OCCI/" -H 'Content-Type: text/plain' --data-binary "Category: storage; scheme=\"$INFRA\"; class=\"kind\"
X-OCCI-Attribute: occi.storage.size=10"
