#!/usr/bin/env bash
# DELETE one resource (its links go with it).
. "$(dirname "$0")/_common.sh"
curl -si -X DELETE "$OCCI${1:?usage: $0 /compute/ID}"
