#!/usr/bin/env bash
# The same create in text/occi: everything in headers, no body.
. "$(dirname "$0")/_common.sh"
curl -si -X POST "$OCCI/compute/" -H 'Content-Type: text/occi' \
  -H "Category: compute; scheme=\"$INFRA\"; class=\"kind\"" \
  -H 'X-OCCI-Attribute: occi.core.title="web-2", occi.compute.cores=1'
