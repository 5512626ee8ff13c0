#!/usr/bin/env bash
# A new compute boots by itself: stop one compute (power off), start it again, then stop (graceful) every
# compute of the collection.
. "$(dirname "$0")/_common.sh"
curl -si -X POST "$OCCI${1:?usage: $0 /compute/ID}?action=stop" -H 'Content-Type: text/plain' \
  --data-binary 'Category: stop; scheme="http://schemas.ogf.org/occi/infrastructure/compute/action#"; class="action"
X-OCCI-Attribute: method="poweroff"'
curl -si -X POST "$OCCI$1?action=start" -H 'Content-Type: text/plain' \
  --data-binary 'Category: start; scheme="http://schemas.ogf.org/occi/infrastructure/compute/action#"; class="action"'
curl -si -X POST "$OCCI/compute/?action=stop" -H 'Content-Type: text/plain' \
  --data-binary 'Category: stop; scheme="http://schemas.ogf.org/occi/infrastructure/compute/action#"; class="action"
X-OCCI-Attribute: method="graceful"'
