#!/usr/bin/env bash
# The one test command (README quick start; .ci/run calls it): installs what the tests need,
# builds the solution once, starts private PostgreSQL and RabbitMQ instances on 127.0.0.1,
# runs every test project, prints each project's duration and result,
# and ends with the totals as a plain line "N passed, N failed, N skipped".
set -uo pipefail
cd "$(dirname "$0")/.."
root=$PWD
logs=$root/artifacts/test-logs
rm -rf "$logs" && mkdir -p "$logs"

# Everything started or changed below is undone on exit, whichever way the script ends.
policy_rc_d=/usr/sbin/policy-rc.d
policy_rc_d_saved="" policy_rc_d_ours=0 services_started=0
restore_policy_rc_d() {
  if [ "$policy_rc_d_ours" = 1 ]; then
    rm -f "$policy_rc_d"
    if [ -n "$policy_rc_d_saved" ]; then mv -f "$policy_rc_d_saved" "$policy_rc_d"; fi
    policy_rc_d_ours=0
  fi
}
cleanup() {
  if [ "$services_started" = 1 ]; then
    bash "$root/tests/services/rabbitmq.sh" stop --all >>"$logs/services.log" 2>&1
    bash "$root/tests/services/postgres.sh" stop >>"$logs/services.log" 2>&1
  fi
  restore_policy_rc_d
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

# Debian packages the tests need. Services they start are installed with start-up disabled
# (a temporary policy-rc.d) and started privately on 127.0.0.1 by tests/services/*.sh.
# `postgresql` is Debian 12's metapackage for postgresql-15, which also ships pgbench; `strace` watches a broker's
# connections in the no-calling-home test.
packages=(libvirt0 postgresql rabbitmq-server strace)
# Each lane (below) lists the Debian packages it needs, one per line, in tests/lanes/<name>.packages.
for list in tests/lanes/*.packages; do
  [ -e "$list" ] || continue
  while read -r p; do [ -n "$p" ] && [ "${p#\#}" = "$p" ] && packages+=("$p"); done <"$list"
done
missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' || missing+=("$p")
done
if [ ${#missing[@]} -gt 0 ]; then
  echo "installing: ${missing[*]}"
  if [ -e "$policy_rc_d" ]; then policy_rc_d_saved=$policy_rc_d.cloudbroker-saved; mv -f "$policy_rc_d" "$policy_rc_d_saved"; fi
  policy_rc_d_ours=1
  printf '#!/bin/sh\nexit 101\n' > "$policy_rc_d" && chmod +x "$policy_rc_d"
  (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}") >"$logs/apt.log" 2>&1 \
    || { echo "apt-get install failed:"; tail -20 "$logs/apt.log"; echo "0 passed, 1 failed"; exit 1; }
  restore_policy_rc_d
fi
[ -x /usr/lib/postgresql/15/bin/pgbench ] || { echo "pgbench missing (/usr/lib/postgresql/15/bin/pgbench)"; echo "0 passed, 1 failed"; exit 1; }

start=$(date +%s)
if ! dotnet build CloudBroker.sln -c Release --nologo -v quiet -clp:ErrorsOnly >"$logs/build.log" 2>&1; then
  echo "build failed:"; grep -E "error|warn" "$logs/build.log" | sort -u | head -40
  echo "0 passed, 1 failed"
  exit 1
fi
echo "build: $(( $(date +%s) - start )) s"

# Private services on 127.0.0.1, from a clean state each run (a run killed earlier may have
# left them running: stop those first). Both start in parallel; each script logs why it failed.
t0=$(date +%s)
services_started=1
services_dir=${CB_SERVICES_DIR:-/tmp/cloudbroker-services}
bash tests/services/rabbitmq.sh stop --all >"$logs/services.log" 2>&1
bash tests/services/postgres.sh stop >>"$logs/services.log" 2>&1
rm -rf "$services_dir/postgres" "$services_dir/rabbitmq"
bash tests/services/postgres.sh start >"$logs/postgres-start.log" 2>&1 & pg_pid=$!
bash tests/services/rabbitmq.sh start >"$logs/rabbitmq-start.log" 2>&1 & mq_pid=$!
services_ok=1
wait "$pg_pid" || { echo "postgres failed to start:"; cat "$logs/postgres-start.log"; services_ok=0; }
wait "$mq_pid" || { echo "rabbitmq failed to start:"; cat "$logs/rabbitmq-start.log"; services_ok=0; }
if [ "$services_ok" = 0 ]; then
  echo "0 passed, 1 failed"
  exit 1
fi
echo "services: $(( $(date +%s) - t0 )) s"
export CB_TEST_POSTGRES="Host=127.0.0.1;Port=${CB_PG_PORT:-35432};Username=postgres;Password=cloudbroker"
export CB_TEST_RABBITMQ="amqp://guest:guest@127.0.0.1:${CB_RABBITMQ_PORT:-35700}/"
export CB_TEST_RABBITMQ_SCRIPT="$root/tests/services/rabbitmq.sh"

# Projects that run once more with a different environment: "project|label|VAR=value ...".
# The label names the row in the table and the log (label "X [y]" logs to $logs/X-y.log).
extra_runs=(
  "tests/CloudBroker.Api.Tests/CloudBroker.Api.Tests.csproj|CloudBroker.Api.Tests [postgres]|CB_TEST_DATABASE=postgres"
)

passed=0 failed=0 skipped=0 status=0
# run_project <project> <label> [VAR=value...]: one test run, its table row, its REPORT: lines.
run_project() {
  local project=$1 label=$2; shift 2
  local log t0 rc seconds p f s
  log=${label/ \[/-}; log=$logs/${log%]}.log
  t0=$(date +%s.%N)
  # --output detailed: the log keeps what tests print (their REPORT: lines), passing tests included.
  env "$@" dotnet test --project "$project" -c Release --no-build --no-progress --output detailed >"$log" 2>&1
  rc=$?
  seconds=$(awk -v a="$t0" -v b="$(date +%s.%N)" 'BEGIN{print b-a}')
  read -r p f s < <(awk '/^ *succeeded:/{p=$2} /^ *failed:/{f=$2} /^ *skipped:/{s=$2} END{print p+0, f+0, s+0}' "$log")
  if [ "$rc" -ne 0 ] && [ "$f" -eq 0 ]; then f=1; fi  # a crash or a run with no tests counts as a failure
  passed=$((passed + p)); failed=$((failed + f)); skipped=$((skipped + s))
  printf '%-48s %4d passed %3d failed %3d skipped  %6.1f s\n' "$label" "$p" "$f" "$s" "$seconds"
  # Measured numbers the tests print as "REPORT: ...", once each.
  grep -E '^[[:space:]]*REPORT:' "$log" | tr -d '\r' | sed -E 's/^[[:space:]]+//' | awk '!seen[$0]++ {print "  " $0}'
  if [ "$rc" -ne 0 ]; then
    status=1
    grep -E "^\s*(failed|error) |Assert|Exception" "$log" | head -40
  fi
  return 0
}

for project in $(dotnet sln CloudBroker.sln list | grep -E '^tests/.*\.Tests\.csproj$' | sort); do
  run_project "$project" "$(basename "$project" .csproj)"
  for extra in "${extra_runs[@]}"; do
    IFS='|' read -r x_project x_label x_env <<<"$extra"
    [ "$x_project" = "$project" ] || continue
    read -ra x_vars <<<"$x_env"
    run_project "$project" "$x_label" "${x_vars[@]}"
  done
done

# Lanes: checks beyond the .NET test projects (a real libvirtd, the chart, the contract's linters). Each
# tests/lanes/<name>.sh runs with the services above up, logs to $logs/lane-<name>.log and ends its output with
# the plain line "N passed, N failed"; a lane that exits non-zero counts at least one failure.
run_lane() {
  local lane=$1 name log t0 rc seconds p f
  name=$(basename "$lane" .sh); log=$logs/lane-$name.log
  t0=$(date +%s.%N)
  bash "$lane" >"$log" 2>&1
  rc=$?
  seconds=$(awk -v a="$t0" -v b="$(date +%s.%N)" 'BEGIN{print b-a}')
  read -r p f < <(tr -d '\r' <"$log" | awk '/^[0-9]+ passed, [0-9]+ failed/{p=$1; f=$3} END{print p+0, f+0}')
  if [ "$rc" -ne 0 ] && [ "$f" -eq 0 ]; then f=1; fi
  passed=$((passed + p)); failed=$((failed + f))
  printf '%-48s %4d passed %3d failed %3d skipped  %6.1f s\n' "lane: $name" "$p" "$f" 0 "$seconds"
  grep -E '^[[:space:]]*REPORT:' "$log" | tr -d '\r' | sed -E 's/^[[:space:]]+//' | awk '!seen[$0]++ {print "  " $0}'
  if [ "$rc" -ne 0 ]; then
    status=1
    grep -E "FAIL|fail|error" "$log" | head -20
    tail -10 "$log"
  fi
  return 0
}
for lane in tests/lanes/*.sh; do
  [ -e "$lane" ] || continue
  run_lane "$lane"
done
echo "total time: $(( $(date +%s) - start )) s (logs in artifacts/test-logs)"
echo "$passed passed, $failed failed, $skipped skipped"
exit $status
