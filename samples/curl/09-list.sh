#!/usr/bin/env bash
# List a kind collection: as uri-list (rOCCI's way), text/plain, filtered, paged, and as JSON.
. "$(dirname "$0")/_common.sh"
curl -s "$OCCI/compute/" -H 'Accept: text/uri-list'
curl -s "$OCCI/compute/"
curl -s "$OCCI/compute/" -H 'X-OCCI-Attribute: occi.core.title="web-1"'
curl -s "$OCCI/compute/?page=1&number=2"
curl -s "$OCCI/compute/" -H 'Accept: application/occi+json' | head -c 400; echo
