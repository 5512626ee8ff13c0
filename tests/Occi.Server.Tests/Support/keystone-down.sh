#!/bin/bash
# Stops what keystone-up.sh started, by its recorded process ids.
KS=${KS:-/tmp/occi-keystone}
for f in $KS/pids/*.pid; do [ -e "$f" ] || continue; kill -- -"$(cat "$f")" 2>/dev/null; rm -f "$f"; done
rm -f $KS/pids/mysqld.realpid
