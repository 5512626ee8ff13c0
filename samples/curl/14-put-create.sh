#!/usr/bin/env bash
# PUT creates at a path the client chooses.
. "$(dirname "$0")/_common.sh"
curl -si -X PUT "$OCCI/users/alice/vm1" -H 'Content-Type: text/plain' --data-binary "$COMPUTE"
