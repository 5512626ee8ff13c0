#!/bin/bash
# Starts only MariaDB and Keystone (Debian's packages, installed by ../shared/openstack/install.sh or .ci/run) on
# 127.0.0.1, from an empty state under $KS (default /tmp/occi-keystone), for the Keystone scheme's tests:
#   admin/secret (project admin, role admin), demo/secret (project demo, role member),
#   other/secret (project other, role member).
# Prints the line to export: OCCI_TEST_KEYSTONE=http://127.0.0.1:$KS_PORT/v3. Stop with keystone-down.sh.
# The same steps as ../shared/openstack/up.sh, without the other services; MariaDB on its own port so a full
# OpenStack on this machine is not disturbed.
set -eu
KS=${KS:-/tmp/occi-keystone}
KS_PORT=${KS_PORT:-5000}
DB_PORT=${DB_PORT:-3307}
PW=secret
export PATH=/usr/sbin:/usr/bin:/sbin:/bin     # Debian's /usr/bin/python3, which has the OpenStack modules
start() { local n=$1; shift; setsid "$@" > $KS/log/$n.stdout 2>&1 < /dev/null & echo $! > $KS/pids/$n.pid; }

[ -e $KS/pids ] && ls $KS/pids/*.pid >/dev/null 2>&1 && { echo "pid files exist in $KS/pids: run keystone-down.sh first" >&2; exit 1; }
rm -rf $KS/data $KS/log $KS/etc
mkdir -p $KS/{data/mysql,data/fernet-keys,data/credential-keys,log,pids,etc}

cat > $KS/etc/my.cnf <<CNF
[mysqld]
datadir=$KS/data/mysql
socket=$KS/data/mysqld.sock
pid-file=$KS/pids/mysqld.realpid
bind-address=127.0.0.1
port=$DB_PORT
user=root
innodb_buffer_pool_size=32M
performance_schema=OFF
skip-name-resolve
log-error=$KS/log/mysqld.err
character-set-server=utf8mb4
collation-server=utf8mb4_general_ci
[client]
socket=$KS/data/mysqld.sock
CNF
cat > $KS/etc/keystone.conf <<CNF
[DEFAULT]
log_file = $KS/log/keystone.log
[database]
connection = mysql+pymysql://os:$PW@127.0.0.1:$DB_PORT/keystone
[token]
provider = fernet
[fernet_tokens]
key_repository = $KS/data/fernet-keys
[credential]
key_repository = $KS/data/credential-keys
[oslo_policy]
policy_dirs = /etc/keystone/policy.d
CNF
cat > $KS/etc/uwsgi.ini <<CNF
[uwsgi]
http-socket = 127.0.0.1:$KS_PORT
plugins = python3
master = true
processes = 2
threads = 4
lazy-apps = true
enable-threads = true
die-on-term = true
buffer-size = 65535
add-header = Connection: close
http-auto-chunked = true
wsgi-file = /usr/bin/keystone-wsgi-public
env = OS_KEYSTONE_CONFIG_FILES=$KS/etc/keystone.conf
logto = $KS/log/keystone-uwsgi.log
CNF

mariadb-install-db --defaults-file=$KS/etc/my.cnf --user=root --auth-root-authentication-method=socket > $KS/log/mysql-install.log 2>&1
start mysqld mariadbd --defaults-file=$KS/etc/my.cnf
for i in $(seq 60); do mariadb --defaults-file=$KS/etc/my.cnf -e 'select 1' >/dev/null 2>&1 && break; sleep 0.5; done
mariadb --defaults-file=$KS/etc/my.cnf <<SQL
CREATE DATABASE keystone;
CREATE USER 'os'@'127.0.0.1' IDENTIFIED BY '$PW';
GRANT ALL PRIVILEGES ON keystone.* TO 'os'@'127.0.0.1';
SQL
K="keystone-manage --config-file $KS/etc/keystone.conf"
{ $K db_sync && $K fernet_setup --keystone-user root --keystone-group root \
  && $K credential_setup --keystone-user root --keystone-group root \
  && $K bootstrap --bootstrap-password $PW --bootstrap-region-id RegionOne \
       --bootstrap-public-url http://127.0.0.1:$KS_PORT/v3/ ; } > $KS/log/keystone-manage.log 2>&1 \
  || { echo "keystone-manage failed, see $KS/log/keystone-manage.log" >&2; exit 1; }
start keystone uwsgi --ini $KS/etc/uwsgi.ini
/usr/bin/python3 - <<PY
from keystoneauth1.identity import v3
from keystoneauth1 import session
from keystoneclient.v3 import client
import time
for i in range(120):
    try:
        ks = client.Client(session=session.Session(auth=v3.Password(auth_url="http://127.0.0.1:$KS_PORT/v3",
             username="admin", password="$PW", project_name="admin", user_domain_id="default", project_domain_id="default")))
        ks.projects.list(); break
    except Exception:
        time.sleep(0.5)
member = ks.roles.find(name="member")
for name in ("demo", "other"):
    project = ks.projects.create(name, "default")
    ks.roles.grant(member, user=ks.users.create(name, domain="default", password="$PW"), project=project)
PY
echo "OCCI_TEST_KEYSTONE=http://127.0.0.1:$KS_PORT/v3"
