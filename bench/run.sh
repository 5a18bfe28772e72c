#!/usr/bin/env bash
# Builds the API and the harness in Release, then runs the scenarios (docs/performance.md describes both):
#   reads    GET /api/instances/{id} against a bare Kestrel endpoint   -> bench/results/latest.md
#   creates  POST /api/instances until `running`, beside raw SQLite
#            inserts and raw in-memory bus publishes                   -> bench/results/creates-latest.md
# usage: bash bench/run.sh [reads|creates|all] [harness flags]
# The scenario defaults to all (reads, then creates). Extra flags go to every scenario run (--help lists them).
set -euo pipefail
cd "$(dirname "$0")/.."

scenario=all
case "${1:-}" in
  reads|creates|all) scenario=$1; shift ;;
esac

dotnet build services/CloudBroker.Api -c Release -v quiet -nologo
dotnet build bench/CloudBroker.Bench -c Release -v quiet -nologo
harness=bench/CloudBroker.Bench/bin/Release/net10.0/CloudBroker.Bench.dll
if [[ $scenario == reads || $scenario == all ]]; then
  dotnet "$harness" --scenario reads --out bench/results/latest.md "$@"
fi
if [[ $scenario == creates || $scenario == all ]]; then
  dotnet "$harness" --scenario creates --out bench/results/creates-latest.md "$@"
fi
