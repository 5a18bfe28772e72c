#!/usr/bin/env bash
# What a running broker serves to other tools passes those tools: its OpenAPI document passes Redocly's recommended
# rules with no errors and no warnings (no configuration file: no rule is turned off or lowered), and its /metrics page,
# after one create, holds the provisioning metrics and passes Prometheus's `promtool check metrics`.
# The broker is the Release build of services/CloudBroker.Api (tests/run.sh builds it), embedded, on a free port.
set -uo pipefail
cd "$(dirname "$0")/../.."
root=$PWD
work=$(mktemp -d)
pid=""
cleanup() {
  if [ -n "$pid" ]; then kill "$pid" 2>/dev/null; wait "$pid" 2>/dev/null; fi
  rm -rf "$work"
}
trap cleanup EXIT
passed=0 failed=0
pass() { echo "PASS: $1"; passed=$((passed + 1)); }
fail() { echo "FAIL: $1"; failed=$((failed + 1)); }
finish() { echo "$passed passed, $failed failed"; [ "$failed" = 0 ]; exit $?; }

# Redocly, pinned in tests/lanes/openapi-lint/package-lock.json.
if ! npm ci --prefix tests/lanes/openapi-lint --no-audit --no-fund --prefer-offline >"$work/npm.log" 2>&1; then
  cat "$work/npm.log"; fail "npm ci of the pinned @redocly/cli"; finish
fi

port=$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
base=http://127.0.0.1:$port
key=$(openssl rand -hex 24)
mkdir -p "$work/data" "$work/lint"
(cd "$work" && CloudBroker__BootstrapAdminKey=$key CloudBroker__DataDirectory=$work/data \
  CloudBroker__Telemetry__Prometheus__Enabled=true \
  exec dotnet "$root/services/CloudBroker.Api/bin/Release/net10.0/CloudBroker.Api.dll" --urls "$base") >"$work/broker.log" 2>&1 &
pid=$!
for _ in $(seq 1 120); do
  curl -fsS "$base/readyz" >/dev/null 2>&1 && break
  kill -0 "$pid" 2>/dev/null || break
  sleep 0.5
done
if ! curl -fsS "$base/readyz" >/dev/null 2>&1; then
  tail -40 "$work/broker.log"; fail "the broker starts"; finish
fi

# 1. The OpenAPI document, linted where no redocly.yaml can reach (Redocly then applies its recommended rules).
curl -fsS "$base/openapi/v1.json" -o "$work/lint/openapi.json"
if (cd "$work/lint" && "$root/tests/lanes/openapi-lint/node_modules/.bin/redocly" lint openapi.json) >"$work/lint.log" 2>&1 \
  && ! grep -Eq '[1-9][0-9]* warnings?' "$work/lint.log"; then
  pass "redocly lint (recommended): 0 errors, 0 warnings"
else
  grep -Ev '^\s*$' "$work/lint.log" | tail -60; fail "redocly lint (recommended)"
fi
if git ls-files | grep -Eq '(^|/)(redocly\.ya?ml|\.redocly\.yaml)$'; then fail "no Redocly configuration file in the repository"; else pass "no Redocly configuration file in the repository"; fi

# 2. One create on the mock cloud, to its end, then the metrics page.
auth=(-H "Authorization: Bearer $key")
operation=$(curl -fsS "${auth[@]}" -H 'Content-Type: application/json' -X POST "$base/api/instances" \
  -d '{"name":"lane-1","providerId":"mock","imageId":"debian-12","hardwareProfileId":"m1-small"}' | jq -r '.id')
status=""
for _ in $(seq 1 120); do
  status=$(curl -fsS "${auth[@]}" "$base/api/operations/$operation" | jq -r '.status')
  [ "$status" = succeeded ] || [ "$status" = failed ] && break
  sleep 0.5
done
[ "$status" = succeeded ] && pass "a create on the mock cloud succeeds" || fail "a create on the mock cloud succeeds (operation $operation: $status)"

curl -fsS "$base/metrics" -o "$work/metrics.txt"
missing=""
for name in cloudbroker_provisioning_duration_seconds_bucket cloudbroker_provider_call_duration_seconds_bucket \
  cloudbroker_outbox_lag_seconds_bucket cloudbroker_outbox_backlog; do
  grep -q "^$name{" "$work/metrics.txt" || missing="$missing $name"
done
[ -z "$missing" ] && pass "/metrics holds the provisioning metrics" || { grep '^cloudbroker' "$work/metrics.txt" | head; fail "/metrics lacks:$missing"; }
if promtool check metrics <"$work/metrics.txt" >"$work/promtool.log" 2>&1; then
  pass "promtool check metrics: no problem"
else
  cat "$work/promtool.log"; fail "promtool check metrics"
fi
echo "REPORT: /metrics after one create: $(grep -c '^[a-z]' "$work/metrics.txt") samples, $(stat -c %s "$work/metrics.txt") bytes"
finish
