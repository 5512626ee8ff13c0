#!/usr/bin/env bash
# POST a compute to its kind collection (text/plain body); prints the new location.
. "$(dirname "$0")/_common.sh"
create /compute/ "$COMPUTE
X-OCCI-Attribute: occi.core.title=\"web-1\"
X-OCCI-Attribute: occi.compute.cores=2
X-OCCI-Attribute: occi.compute.memory=4.0"
