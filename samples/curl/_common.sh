# Sourced by every sample: where the server is, and the category lines they send.
OCCI=${OCCI:-http://127.0.0.1:8080}
INFRA='http://schemas.ogf.org/occi/infrastructure#'
COMPUTE="Category: compute; scheme=\"$INFRA\"; class=\"kind\""
set -euo pipefail

# POSTs a text/plain body to a collection and prints the Location of what it created.
create() {
  curl -s -o /dev/null -D - -X POST "$OCCI$1" -H 'Content-Type: text/plain' --data-binary "$2" \
    | awk 'tolower($1) == "location:" { print $2 }' | tr -d '\r'
}
