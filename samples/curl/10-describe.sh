#!/usr/bin/env bash
# GET one resource (pass its path, e.g. /compute/3f…), in text/plain and in text/occi headers.
. "$(dirname "$0")/_common.sh"
curl -s "$OCCI${1:?usage: $0 /compute/ID}"
curl -sI "$OCCI$1" -H 'Accept: text/occi'
