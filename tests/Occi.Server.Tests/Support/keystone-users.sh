#!/bin/bash
# Adds what the Keystone scheme's tests need beyond ../shared/openstack/up.sh's users (admin, demo) to a running
# Keystone: the user other/secret in its own project other (role member). Idempotent. .ci/run uses it to point
# OCCI_TEST_KEYSTONE at the OpenStack's Keystone, so one Keystone serves both the Keystone and the OpenStack tests.
# Usage: keystone-users.sh http://127.0.0.1:5000/v3
set -eu
URL=${1:?Keystone v3 URL}
export PATH=/usr/sbin:/usr/bin:/sbin:/bin     # Debian's /usr/bin/python3, which has the OpenStack modules
/usr/bin/python3 - "$URL" <<'PY'
import sys
from keystoneauth1.identity import v3
from keystoneauth1 import session
from keystoneclient.v3 import client
ks = client.Client(session=session.Session(auth=v3.Password(auth_url=sys.argv[1], username="admin", password="secret",
     project_name="admin", user_domain_id="default", project_domain_id="default")))
member = ks.roles.find(name="member")
for name in ("other",):
    projects = ks.projects.list(name=name, domain="default")
    project = projects[0] if projects else ks.projects.create(name, "default")
    users = ks.users.list(name=name, domain="default")
    user = users[0] if users else ks.users.create(name, domain="default", password="secret")
    ks.roles.grant(member, user=user, project=project)
PY
