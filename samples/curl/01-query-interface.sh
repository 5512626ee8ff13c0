#!/usr/bin/env bash
# GET the query interface (both paths answer the same), then only the compute kind, then as JSON.
. "$(dirname "$0")/_common.sh"
curl -s "$OCCI/-/"
curl -s "$OCCI/.well-known/org/ogf/occi/-/" -o /dev/null -w 'well-known: %{http_code}\n'
curl -s "$OCCI/-/" -H "Category: compute; scheme=\"$INFRA\"; class=\"kind\""
curl -s "$OCCI/-/" -H 'Accept: application/occi+json' | head -c 400; echo
