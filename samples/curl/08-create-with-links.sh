#!/usr/bin/env bash
# A network, then a compute linked to it inline (Link header → networkinterface).
. "$(dirname "$0")/_common.sh"
net=$(create /network/ "Category: network; scheme=\"$INFRA\"; class=\"kind\"")
path=${net#"$OCCI"}
curl -si -X POST "$OCCI/compute/" -H 'Content-Type: text/plain' --data-binary "$COMPUTE
Link: <$path>; rel=\"${INFRA}network\"; category=\"${INFRA}networkinterface\""
