#!/usr/bin/env bash
# DELETE a user mixin: it is removed from the model and from every entity it was applied to.
. "$(dirname "$0")/_common.sh"
curl -si -X DELETE "$OCCI/-/" -H 'Content-Type: text/plain' \
  --data-binary 'Category: production; scheme="http://example.org/tags#"; class="mixin"'
