#!/usr/bin/env bash
# A private RabbitMQ 3.10 node for the tests, on 127.0.0.1 only, run as the caller (root is fine).
#
#   bash tests/services/rabbitmq.sh start        # start, wait until the AMQP port works (idempotent)
#   bash tests/services/rabbitmq.sh stop         # shut the node down (idempotent); epmd stays
#   bash tests/services/rabbitmq.sh stop --all   # also stop the node's private epmd (end of run)
#   bash tests/services/rabbitmq.sh status       # exit 0 when the node accepts AMQP connections
#   bash tests/services/rabbitmq.sh add-vhost NAME     # a fresh vhost where guest may do anything (idempotent)
#   bash tests/services/rabbitmq.sh delete-vhost NAME  # drop it with its queues and exchanges (idempotent)
#   bash tests/services/rabbitmq.sh list-queues NAME   # a vhost's queues: "name ready unacknowledged" per line
#
# AMQP URI: amqp://guest:guest@127.0.0.1:$CB_RABBITMQ_PORT/  (guest may log in over loopback)
# Node cb@localhost, Erlang distribution on 127.0.0.1:35701, epmd on 127.0.0.1:34369.
# Environment:
#   CB_RABBITMQ_PORT  AMQP port (default 35700; outside 35672-35682, which RabbitMQ's CLI tools take for themselves)
#   CB_RABBITMQ_DIST_PORT, CB_RABBITMQ_EPMD_PORT  Erlang distribution and epmd ports (default 35701, 34369):
#                     a second node beside the tests' (a developer's own) needs ports of its own.
#   CB_SERVICES_DIR   state root (default /tmp/cloudbroker-services); the node keeps its HOME
#                     (Erlang cookie), mnesia, logs and config in $CB_SERVICES_DIR/rabbitmq.
# Tests simulate an outage with `stop` then `start`: the mnesia dir is reused, never wiped.
set -euo pipefail

port=${CB_RABBITMQ_PORT:-35700}
R=${CB_SERVICES_DIR:-/tmp/cloudbroker-services}/rabbitmq
node=cb@localhost
dist_port=${CB_RABBITMQ_DIST_PORT:-35701}
epmd_port=${CB_RABBITMQ_EPMD_PORT:-34369}

die() { echo "rabbitmq.sh: $*" >&2; exit 1; }

# The versioned scripts run as the caller (the /usr/sbin wrappers would switch to the rabbitmq
# user and use its cookie and state). Take the newest installed version.
sbin=$(ls -d /usr/lib/rabbitmq/lib/rabbitmq_server-*/sbin 2>/dev/null | sort -V | tail -n 1)
[ -n "$sbin" ] && [ -x "$sbin/rabbitmq-server" ] \
  || die "no /usr/lib/rabbitmq/lib/rabbitmq_server-*/sbin/rabbitmq-server (apt-get install rabbitmq-server)"

export HOME=$R/home RABBITMQ_NODENAME=$node RABBITMQ_NODE_IP_ADDRESS=127.0.0.1 \
  RABBITMQ_NODE_PORT=$port RABBITMQ_DIST_PORT=$dist_port \
  ERL_EPMD_ADDRESS=127.0.0.1 ERL_EPMD_PORT=$epmd_port \
  RABBITMQ_SERVER_ADDITIONAL_ERL_ARGS="-kernel inet_dist_use_interface {127,0,0,1}" \
  RABBITMQ_MNESIA_BASE=$R/mnesia RABBITMQ_LOG_BASE=$R/log \
  RABBITMQ_CONFIG_FILE=$R/rabbitmq.conf RABBITMQ_ADVANCED_CONFIG_FILE=$R/advanced.config \
  RABBITMQ_CONF_ENV_FILE=$R/rabbitmq-env.conf \
  RABBITMQ_ENABLED_PLUGINS_FILE=$R/enabled_plugins RABBITMQ_PID_FILE=$R/rabbit.pid

log_tail() {
  local f
  for f in "$R/log/$node.log" "$R/log/startup.log"; do
    [ -s "$f" ] || continue
    echo "--- $f" >&2
    # Erlang reports are long: the reasons first, then the end of the log.
    grep -E 'BOOT FAILED|reason: |eaddrinuse|eacces|enospc' "$f" | tail -n 8 >&2
    echo "..." >&2
    tail -n 15 "$f" >&2
  done
  return 0
}

# PID of our node's Erlang VM, from its pid file; empty when it is not running (zombies count
# as dead: PID 1 may reap them late).
node_pid() {
  local pid state
  pid=$(cat "$R/rabbit.pid" 2>/dev/null) || return 0
  [ -n "$pid" ] || return 0
  state=$(awk '{print $3}' "/proc/$pid/stat" 2>/dev/null) || return 0
  [ "$state" = Z ] || [ "$state" = X ] && return 0
  tr '\0' ' ' < "/proc/$pid/cmdline" 2>/dev/null | grep -qF -- "-home $R/home " && echo "$pid"
  return 0
}

# Whether our node's Erlang VM is alive, pid file or not: the node writes its pid file some way into boot, which on
# a loaded machine (load average 20+) comes well after the 5 s a dead boot is given to show itself.
vm_alive() {
  [ -n "$(node_pid)" ] && return 0
  local pid
  for pid in $(ls /proc | grep -E '^[0-9]+$'); do
    tr '\0' ' ' < "/proc/$pid/cmdline" 2>/dev/null | grep -qF -- "-home $R/home " || continue
    [ "$(awk '{print $3}' "/proc/$pid/stat" 2>/dev/null)" = Z ] || return 0
  done
  return 1
}

amqp_open() { (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; }

# PID of the process listening on 127.0.0.1:$epmd_port (ss when present, else /proc).
epmd_pid() {
  if command -v ss >/dev/null 2>&1; then
    ss -Hltnp "sport = :$epmd_port" 2>/dev/null | grep -o 'pid=[0-9]*' | head -n 1 | cut -d= -f2
    return 0
  fi
  local hex inode fd
  hex=$(printf '%04X' "$epmd_port")
  inode=$(awk -v p=":$hex" '$2 ~ p"$" && $4 == "0A" {print $10; exit}' /proc/net/tcp)
  [ -n "$inode" ] || return 0
  for fd in /proc/[0-9]*/fd/*; do
    [ "$(readlink "$fd" 2>/dev/null)" = "socket:[$inode]" ] && { fd=${fd#/proc/}; echo "${fd%%/*}"; return 0; }
  done
  return 0
}

prepare() {
  umask 022
  mkdir -p "$R/home" "$R/mnesia" "$R/log"
  if [ ! -s "$HOME/.erlang.cookie" ]; then
    rm -f "$HOME/.erlang.cookie"
    (umask 077; head -c 15 /dev/urandom | base64 | tr -dc 'A-Za-z0-9' > "$HOME/.erlang.cookie")
    chmod 0400 "$HOME/.erlang.cookie"
  fi
  echo "listeners.tcp.default = 127.0.0.1:$port" > "$R/rabbitmq.conf"
  echo "[]." > "$R/enabled_plugins"
  : > "$R/rabbitmq-env.conf"
}

# Another process may hold the AMQP port for a moment: any RabbitMQ CLI run with default
# settings binds its distribution listener to the first free port of 35672-35682.
wait_port_free() {
  local i
  for i in $(seq 1 50); do amqp_open || return 0; sleep 0.2; done
  echo "rabbitmq.sh: 127.0.0.1:$port is taken by another process:" >&2
  ss -Hltnp "sport = :$port" >&2 2>/dev/null || true
  return 1
}

start() {
  local deadline=$((SECONDS + 60)) attempt=0 launched mark
  while :; do
    launched=$SECONDS
    if [ -z "$(node_pid)" ]; then
      attempt=$((attempt + 1))
      wait_port_free || exit 1
      prepare
      rm -f "$R/rabbit.pid"
      mark=1
      [ -f "$R/log/$node.log" ] && mark=$(( $(wc -l < "$R/log/$node.log") + 1 ))
      # 9>&- : never hand our lock descriptor to the node (nor to the epmd it spawns).
      "$sbin/rabbitmq-server" -detached >>"$R/log/startup.log" 2>&1 9>&- \
        || { echo "rabbitmq.sh: rabbitmq-server -detached failed" >&2; log_tail; exit 1; }
    fi
    # Poll the AMQP port cheaply (the listener opens at the end of boot), then confirm with
    # rabbitmq-diagnostics. A VM that dies during boot fails fast.
    while [ "$SECONDS" -lt "$deadline" ]; do
      if amqp_open; then
        "$sbin/rabbitmq-diagnostics" -q -n "$node" check_port_connectivity >/dev/null 2>&1 && return 0
      fi
      [ $((SECONDS - launched)) -gt 5 ] && ! vm_alive && break
      sleep 0.2
    done
    if [ "$SECONDS" -ge "$deadline" ]; then
      echo "rabbitmq.sh: not ready on 127.0.0.1:$port after 60 s" >&2; log_tail; exit 1
    fi
    # The node died while booting. Lost the port race (see wait_port_free)? Then try again.
    if [ "$attempt" -lt 3 ] && [ -n "${mark:-}" ] \
       && tail -n +"$mark" "$R/log/$node.log" 2>/dev/null | grep -q eaddrinuse; then
      echo "rabbitmq.sh: a port was taken while the node booted (eaddrinuse); starting again" >&2
      continue
    fi
    echo "rabbitmq.sh: the node exited during start" >&2; log_tail; exit 1
  done
}

stop() {
  local pid i
  pid=$(node_pid)
  if [ -n "$pid" ]; then
    # SIGTERM stops the node cleanly (~2 s); `rabbitmqctl shutdown` does the same but first starts an Erlang VM,
    # which took 40-50 s on a loaded machine. SIGKILL after 30 s.
    kill -TERM "$pid" 2>/dev/null || true
    for i in $(seq 1 300); do [ -z "$(node_pid)" ] && ! amqp_open && break; sleep 0.1; done
    [ -n "$(node_pid)" ] && { kill -KILL "$pid" 2>/dev/null || true; sleep 0.2; }
    rm -f "$R/rabbit.pid"
  fi
  if [ "${1:-}" = --all ]; then
    pid=$(epmd_pid)
    if [ -n "$pid" ] && tr '\0' ' ' < "/proc/$pid/cmdline" 2>/dev/null | grep -q epmd; then
      kill -TERM "$pid" 2>/dev/null || true
    fi
  fi
  return 0
}

# A vhost per test scenario keeps its queues apart from every other scenario's.
vhost_name() {
  [[ "${1:-}" =~ ^[A-Za-z0-9_.-]{1,100}$ ]] || die "vhost name must be 1-100 of [A-Za-z0-9_.-], got '${1:-}'"
}

# One CLI call costs an Erlang VM start (seconds on a busy machine): no look before the leap.
add_vhost() {
  local out
  vhost_name "$1"
  [ -n "$(node_pid)" ] || die "the node is not running (start it first)"
  out=$("$sbin/rabbitmqctl" -q -n "$node" add_vhost "$1" 2>&1) || echo "$out" | grep -q already_exists || die "add_vhost $1: $out"
  "$sbin/rabbitmqctl" -q -n "$node" set_permissions -p "$1" guest '.*' '.*' '.*' >/dev/null
}

delete_vhost() {
  local out
  vhost_name "$1"
  [ -n "$(node_pid)" ] || return 0
  out=$("$sbin/rabbitmqctl" -q -n "$node" delete_vhost "$1" 2>&1) || echo "$out" | grep -qE "no_such_vhost|does not exist" || die "delete_vhost $1: $out"
}

list_queues() {
  vhost_name "$1"
  [ -n "$(node_pid)" ] || die "the node is not running (start it first)"
  "$sbin/rabbitmqctl" -q -n "$node" list_queues -p "$1" --no-table-headers name messages_ready messages_unacknowledged
}

# start and stop are serialized between concurrent callers (parallel test processes).
lock() {
  mkdir -p "$(dirname "$R")"
  exec 9>"$R.lock"
  flock -w 120 9 || die "timed out waiting for $R.lock"
}

case "${1:-}" in
  start)  lock; start ;;
  stop)   lock; stop "${2:-}" ;;
  status) [ -n "$(node_pid)" ] && amqp_open ;;
  add-vhost)    lock; add_vhost "${2:-}" ;;
  delete-vhost) lock; delete_vhost "${2:-}" ;;
  list-queues)  list_queues "${2:-}" ;;
  *) echo "usage: $0 start|stop [--all]|status|add-vhost NAME|delete-vhost NAME|list-queues NAME" >&2; exit 2 ;;
esac
