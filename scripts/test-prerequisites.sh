#!/usr/bin/env bash
# What the test suite needs on this machine, installed or started when missing:
# Chromium (browser tests), Kamailio (softphone test), PostgreSQL on 127.0.0.1:5432 with trust auth
# and database `test`, Redis on 127.0.0.1:6379. Sourced by .ci/run; run by `npm test` (pretest) so
# the README's test command works on a fresh machine. Installing needs root and Debian's apt.
#   bash scripts/test-prerequisites.sh            everything
#   bash scripts/test-prerequisites.sh services   PostgreSQL and Redis only
set -euo pipefail

SERVICE_WAIT_SECONDS=${SERVICE_WAIT_SECONDS:-60}
APT_UPDATED=${APT_UPDATED:-no}

apt_install() {
  if [ "$APT_UPDATED" = no ]; then
    apt-get update
    APT_UPDATED=yes
  fi
  DEBIAN_FRONTEND=noninteractive apt-get install -y "$@"
}

# Polls `$@` once a second; gives up after SERVICE_WAIT_SECONDS.
wait_for() {
  local what="$1" waited=0
  shift
  until "$@" >/dev/null 2>&1; do
    if [ "$waited" -ge "$SERVICE_WAIT_SECONDS" ]; then
      echo "$what did not come up within ${SERVICE_WAIT_SECONDS}s" >&2
      return 1
    fi
    sleep 1
    waited=$((waited + 1))
  done
  echo "$what is up (${waited}s)"
}

install_chromium() {
  if [ -x /usr/bin/chromium ]; then
    echo "chromium present: $(/usr/bin/chromium --version 2>/dev/null || echo unknown version)"
    return
  fi
  apt_install chromium
}

# The softphone test (test/src/sip) starts its own Kamailio as a SIP-over-WebSocket registrar.
install_kamailio() {
  if [ -x /usr/sbin/kamailio ]; then
    echo "kamailio present: $(/usr/sbin/kamailio -v 2>/dev/null | head -n 1 || echo unknown version)"
    return
  fi
  apt_install kamailio kamailio-websocket-modules
}

pg_up() { pg_isready -h 127.0.0.1 -p 5432 -q; }
pg_test_db_ok() { psql -h 127.0.0.1 -p 5432 -U postgres -w -d test -Atqc 'select 1' >/dev/null 2>&1; }

ensure_postgres() {
  if ! command -v pg_isready >/dev/null 2>&1 || ! command -v pg_ctlcluster >/dev/null 2>&1; then
    apt_install postgresql
  fi
  if ! pg_up; then
    local version
    version="$(ls /etc/postgresql | sort -V | tail -n 1)"
    [ -n "$version" ] || { echo "no cluster under /etc/postgresql" >&2; return 1; }
    pg_ctlcluster --skip-systemctl-redirect "$version" main start
  fi
  wait_for "PostgreSQL on 127.0.0.1:5432" pg_up
  if ! pg_test_db_ok; then
    configure_postgres_for_tests
  fi
  pg_test_db_ok || { echo "cannot reach database test as postgres on 127.0.0.1 without a password" >&2; return 1; }
}

# A fresh Debian cluster asks for passwords on TCP and has no `test` database; the tests expect
# trust auth from loopback and that database.
configure_postgres_for_tests() {
  local version hba
  version="$(ls /etc/postgresql | sort -V | tail -n 1)"
  hba="/etc/postgresql/$version/main/pg_hba.conf"
  if ! grep -Eq '^host[[:space:]]+all[[:space:]]+all[[:space:]]+127\.0\.0\.1/32[[:space:]]+trust' "$hba"; then
    echo "allowing trust auth from loopback in $hba"
    { printf 'host all all 127.0.0.1/32 trust\nhost all all ::1/128 trust\n'; cat "$hba"; } >"$hba.ci" && mv "$hba.ci" "$hba"
    chown postgres:postgres "$hba"
    pg_ctlcluster --skip-systemctl-redirect "$version" main reload
  fi
  if ! psql -h 127.0.0.1 -U postgres -w -d postgres -Atqc "select 1 from pg_database where datname = 'test'" | grep -q 1; then
    echo "creating database test"
    psql -h 127.0.0.1 -U postgres -w -d postgres -qc 'create database test'
  fi
}

redis_up() { [ "$(redis-cli -h 127.0.0.1 -p 6379 ping 2>/dev/null)" = PONG ]; }

ensure_redis() {
  if ! command -v redis-server >/dev/null 2>&1 || ! command -v redis-cli >/dev/null 2>&1; then
    apt_install redis-server
  fi
  if ! redis_up; then
    redis-server --daemonize yes --bind 127.0.0.1 -::1 --port 6379 --save "" --appendonly no
  fi
  wait_for "Redis on 127.0.0.1:6379" redis_up
}


ensure_test_prerequisites() {
  install_chromium
  install_kamailio
  ensure_postgres
  ensure_redis
}

# Run directly (not sourced): do the work.
if [ "${BASH_SOURCE[0]}" = "$0" ]; then
  if [ "${1:-}" = services ]; then
    ensure_postgres
    ensure_redis
  else
    ensure_test_prerequisites
  fi
fi
