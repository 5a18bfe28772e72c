#!/usr/bin/env bash
# A private, throwaway PostgreSQL 15 cluster for the tests, on 127.0.0.1 only.
#
#   bash tests/services/postgres.sh start    # initdb on first use, then start (idempotent)
#   bash tests/services/postgres.sh stop     # fast shutdown (idempotent)
#   bash tests/services/postgres.sh status   # exit 0 when accepting connections
#
# Connection string: Host=127.0.0.1;Port=$CB_PG_PORT;Username=postgres;Password=cloudbroker
# Environment:
#   CB_PG_PORT       TCP port (default 35432)
#   CB_SERVICES_DIR  state root (default /tmp/cloudbroker-services); the cluster lives in
#                    $CB_SERVICES_DIR/postgres/{data,sock,pg.log,pw}
#   CB_PG_FAST=1     fsync=off, synchronous_commit=off (never for benchmarks). Applied at start.
# PostgreSQL refuses to run as root: when called as root the server runs as the postgres user.
set -euo pipefail

port=${CB_PG_PORT:-35432}
P=${CB_SERVICES_DIR:-/tmp/cloudbroker-services}/postgres
bin=/usr/lib/postgresql/15/bin
password=cloudbroker   # a loopback-only test cluster

die() { echo "postgres.sh: $*" >&2; exit 1; }
[ -x "$bin/pg_ctl" ] || die "$bin/pg_ctl not found (apt-get install postgresql-15)"

# Who runs the server: root hands it to the postgres user, anyone else runs it as themselves.
if [ "$(id -u)" = 0 ]; then
  owner=postgres
  id -u "$owner" >/dev/null 2>&1 || die "no postgres OS user"
  as_owner() { runuser -u "$owner" -- "$@"; }
else
  owner=$(id -un)
  as_owner() { "$@"; }
fi

log_tail() { [ -f "$P/pg.log" ] && tail -n 30 "$P/pg.log" >&2 || true; }
ready() { "$bin/pg_isready" -q -h 127.0.0.1 -p "$port" -t 2; }
# Is the postmaster named in postmaster.pid alive? A zombie counts as dead: a killed postmaster
# can stay a zombie for a while under a PID 1 that reaps slowly, and pg_ctl would wait on it.
running() {
  local pid state
  pid=$(head -n 1 "$P/data/postmaster.pid" 2>/dev/null) || return 1
  [ -n "$pid" ] && state=$(awk '{print $3}' "/proc/$pid/stat" 2>/dev/null) || return 1
  [ "$state" != Z ] && [ "$state" != X ]
}

init_cluster() {
  # The parent directories must be traversable by the server user.
  mkdir -p "$(dirname "$P")"
  install -d -m 0700 -o "$owner" "$P" "$P/sock"
  umask 077
  printf '%s\n' "$password" > "$P/pw" && chown "$owner" "$P/pw"
  # initdb into a scratch dir and rename it, so an interrupted initdb is never reused.
  rm -rf "$P/data.init"
  as_owner "$bin/initdb" -D "$P/data.init" -U postgres -A scram-sha-256 --pwfile="$P/pw" \
      --no-sync -E UTF8 --locale=C.UTF-8 >"$P/initdb.log" 2>&1 \
    || { cat "$P/initdb.log" >&2; die "initdb failed"; }
  # Our settings live in one file, rewritten at every start (see write_settings).
  echo "include_if_exists = 'cloudbroker.conf'" >> "$P/data.init/postgresql.conf"
  mv "$P/data.init" "$P/data"
}

write_settings() {
  local fast=off
  [ "${CB_PG_FAST:-0}" = 1 ] && fast=on
  {
    echo "# written by tests/services/postgres.sh at every start"
    echo "listen_addresses = '127.0.0.1'"
    echo "port = $port"
    echo "unix_socket_directories = '$P/sock'"
    echo "max_connections = 300"
    echo "shared_buffers = 256MB"
    if [ "$fast" = on ]; then
      echo "fsync = off"
      echo "synchronous_commit = off"
    else
      echo "fsync = on"
      echo "synchronous_commit = on"
    fi
  } > "$P/data/cloudbroker.conf"
  chown "$owner" "$P/data/cloudbroker.conf" 2>/dev/null || true
}

start() {
  if running; then
    ready && return 0
  fi
  [ -f "$P/data/PG_VERSION" ] || init_cluster
  grep -q "^include_if_exists = 'cloudbroker.conf'" "$P/data/postgresql.conf" \
    || echo "include_if_exists = 'cloudbroker.conf'" >> "$P/data/postgresql.conf"
  write_settings
  if ! running; then
    # Lock files left by a crashed or killed server (the socket dir is ours alone).
    rm -f "$P/data/postmaster.pid" "$P"/sock/.s.PGSQL.*
    # 9>&- : never hand a caller's lock descriptor to the long-lived server.
    as_owner "$bin/pg_ctl" -D "$P/data" -l "$P/pg.log" -w -t 60 start >/dev/null 2>&1 9>&- \
      || { echo "postgres.sh: pg_ctl start failed; log tail:" >&2; log_tail; exit 1; }
  fi
  local i
  for i in $(seq 1 60); do ready && return 0; sleep 0.5; done
  echo "postgres.sh: not accepting connections on 127.0.0.1:$port; log tail:" >&2; log_tail; exit 1
}

stop() {
  running || return 0
  as_owner "$bin/pg_ctl" -D "$P/data" -m fast -w -t 60 stop >/dev/null 2>&1 || ! running \
    || { echo "postgres.sh: pg_ctl stop failed; log tail:" >&2; log_tail; exit 1; }
}

# start and stop are serialized between concurrent callers (parallel test processes).
lock() {
  mkdir -p "$(dirname "$P")"
  exec 9>"$P.lock"
  flock -w 120 9 || die "timed out waiting for $P.lock"
}

case "${1:-}" in
  start)  lock; start ;;
  stop)   lock; stop ;;
  status) ready ;;
  *) echo "usage: $0 start|stop|status" >&2; exit 2 ;;
esac
