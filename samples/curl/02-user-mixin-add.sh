#!/usr/bin/env bash
# POST a user mixin (a tag) to the query interface; its location becomes a collection.
. "$(dirname "$0")/_common.sh"
curl -si -X POST "$OCCI/-/" -H 'Content-Type: text/plain' \
  --data-binary 'Category: production; scheme="http://example.org/tags#"; class="mixin"; title="Production VMs"; location="/tags/production/"'
