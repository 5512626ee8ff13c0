#!/usr/bin/env bash
# Save a compute as a new image (GFD.224 save); after the next model refresh (Occi:ModelRefreshSeconds,
# 10 s by default) the image is an os_tpl in the query interface that new computes can name.
. "$(dirname "$0")/_common.sh"
curl -si -X POST "$OCCI${1:?usage: $0 /compute/ID}?action=save" -H 'Content-Type: text/plain' \
  --data-binary 'Category: save; scheme="http://schemas.ogf.org/occi/infrastructure/compute/action#"; class="action"
X-OCCI-Attribute: name="golden image"'
sleep "${REFRESH_WAIT:-11}"
curl -s "$OCCI/-/" -H 'Category: golden-image; scheme="http://occigateway.local/occi/infrastructure/os_tpl#"; class="mixin"'
