#!/usr/bin/env bash
# Runs every sample in order against a started server: OCCI=http://127.0.0.1:8080 samples/curl/run-all.sh
. "$(dirname "$0")/_common.sh"
d=$(dirname "$0")
"$d/01-query-interface.sh" >/dev/null
"$d/02-user-mixin-add.sh"
vm=$("$d/04-create-compute.sh"); vm=${vm#"$OCCI"}
"$d/05-create-compute-headers.sh"; "$d/06-create-compute-json.sh"; "$d/07-create-on-root.sh"; "$d/08-create-with-links.sh"
"$d/09-list.sh"; "$d/10-describe.sh" "$vm"; "$d/11-update.sh" "$vm"; "$d/12-action.sh" "$vm"
"$d/13-mixin-membership.sh" "$vm"; "$d/14-put-create.sh"; "$d/15-namespace.sh"; "$d/03-user-mixin-delete.sh"
"$d/18-save-image.sh" "$vm"; "$d/16-delete.sh" "$vm"; "$d/17-errors.sh"
"$d/19-json11.sh"
