#!/usr/bin/env bash
# Trigger start on one compute, then stop (graceful) on every compute of the collection.
. "$(dirname "$0")/_common.sh"
curl -si -X POST "$OCCI${1:?usage: $0 /compute/ID}?action=start" -H 'Content-Type: text/plain' \
  --data-binary 'Category: start; scheme="http://schemas.ogf.org/occi/infrastructure/compute/action#"; class="action"'
curl -si -X POST "$OCCI/compute/?action=stop" -H 'Content-Type: text/plain' \
  --data-binary 'Category: stop; scheme="http://schemas.ogf.org/occi/infrastructure/compute/action#"; class="action"
X-OCCI-Attribute: method="graceful"'
