#!/usr/bin/env bash
# List and delete everything below a name-space path.
. "$(dirname "$0")/_common.sh"
curl -s "$OCCI/users/alice/"
curl -si -X DELETE "$OCCI/users/alice/"
