#!/usr/bin/env bash
# The hosts' Dockerfiles checked without a Docker engine (tests/lanes/dockerfiles/check.py says what and how).
set -uo pipefail
cd "$(dirname "$0")/../.."
passed=0 failed=0
while IFS= read -r line; do
  echo "$line"
  case $line in
    PASS\ *) passed=$((passed + 1)) ;;
    FAIL\ *) failed=$((failed + 1)) ;;
  esac
done < <(python3 -B tests/lanes/dockerfiles/check.py 2>&1 || echo "FAIL check.py exited non-zero")
echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
