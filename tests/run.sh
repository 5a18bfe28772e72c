#!/usr/bin/env bash
# The one test command (README quick start; .ci/run calls it): installs what the tests need,
# builds the solution once, runs every test project, prints each project's duration and result,
# and ends with the totals as a plain line "N passed, N failed, N skipped".
set -uo pipefail
cd "$(dirname "$0")/.."
root=$PWD
logs=$root/artifacts/test-logs
rm -rf "$logs" && mkdir -p "$logs"

# Debian packages the tests need. Services they start are installed with start-up disabled
# (a temporary policy-rc.d) and started privately on 127.0.0.1 by the tests' own scripts.
packages=(libvirt0)
missing=()
for p in "${packages[@]}"; do dpkg -s "$p" >/dev/null 2>&1 || missing+=("$p"); done
if [ ${#missing[@]} -gt 0 ]; then
  echo "installing: ${missing[*]}"
  printf '#!/bin/sh\nexit 101\n' > /usr/sbin/policy-rc.d && chmod +x /usr/sbin/policy-rc.d
  trap 'rm -f /usr/sbin/policy-rc.d' EXIT
  (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}") >"$logs/apt.log" 2>&1 \
    || { echo "apt-get install failed:"; tail -20 "$logs/apt.log"; exit 1; }
  rm -f /usr/sbin/policy-rc.d
fi

start=$(date +%s)
if ! dotnet build CloudBroker.sln -c Release --nologo -v quiet -clp:ErrorsOnly >"$logs/build.log" 2>&1; then
  echo "build failed:"; grep -E "error|warn" "$logs/build.log" | sort -u | head -40
  echo "0 passed, 1 failed"
  exit 1
fi
echo "build: $(( $(date +%s) - start )) s"

passed=0 failed=0 skipped=0 status=0
for project in $(dotnet sln CloudBroker.sln list | grep -E '^tests/.*\.Tests\.csproj$' | sort); do
  name=$(basename "$project" .csproj)
  t0=$(date +%s.%N)
  dotnet test --project "$project" -c Release --no-build --no-progress >"$logs/$name.log" 2>&1
  rc=$?
  seconds=$(awk -v a="$t0" -v b="$(date +%s.%N)" 'BEGIN{print b-a}')
  read -r p f s < <(awk '/^ *succeeded:/{p=$2} /^ *failed:/{f=$2} /^ *skipped:/{s=$2} END{print p+0, f+0, s+0}' "$logs/$name.log")
  if [ "$rc" -ne 0 ] && [ "$f" -eq 0 ]; then f=1; fi  # a crash or a run with no tests counts as a failure
  passed=$((passed + p)); failed=$((failed + f)); skipped=$((skipped + s))
  printf '%-40s %4d passed %3d failed %3d skipped  %6.1f s\n' "$name" "$p" "$f" "$s" "$seconds"
  if [ "$rc" -ne 0 ]; then
    status=1
    grep -E "^\s*(failed|error) |Assert|Exception" "$logs/$name.log" | head -40
  fi
done
echo "total time: $(( $(date +%s) - start )) s (logs in artifacts/test-logs)"
echo "$passed passed, $failed failed, $skipped skipped"
exit $status
