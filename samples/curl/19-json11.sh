#!/usr/bin/env bash
# OCCI 1.1-era JSON, as rOCCI-cli 4.x sends it (-y application/occi+json): "OCCI/1.1" in the User-Agent gets
# answers in that dialect (README "JSON dialects"); the create's answer is the Location header (and {"Location":[…]}).
. "$(dirname "$0")/_common.sh"
ua='rOCCI-core/4.2.5 rOCCI-api/4.2.0.beta.12 OCCI/1.1 ruby-x86_64-linux/1.9.3p194'
location=$(curl -s -o /dev/null -D - -X POST "$OCCI/compute/" -A "$ua" \
  -H 'Content-Type: application/occi+json' -H 'Accept: application/occi+json' --data-binary '{"resources":[{
  "kind": "http://schemas.ogf.org/occi/infrastructure#compute",
  "attributes": { "occi": { "core": { "title": "web-11" }, "compute": { "cores": 2 } } } }]}' \
  | awk 'tolower($1) == "location:" { print $2 }' | tr -d '\r')
echo "$location"
curl -s "$location" -A "$ua" -H 'Accept: application/occi+json'; echo
