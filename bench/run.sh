#!/usr/bin/env bash
# Builds the broker and the harness in Release, then runs the scenarios (docs/performance.md describes them):
#   reads     GET /api/instances/{id} against a bare Kestrel endpoint   -> bench/results/latest.md
#   creates   POST /api/instances until `running`, beside raw SQLite
#             inserts and raw in-memory bus publishes                   -> bench/results/creates-latest.md
#   scaleout  the same against 2 API + 2 worker processes on PostgreSQL
#             and RabbitMQ, beside raw pgbench inserts and raw RabbitMQ
#             confirmed publishes                                       -> bench/results/scaleout-latest.md
#   quotas    the creates run with quota accounting off, then on with
#             limits that never refuse (embedded, SQLite)               -> bench/results/quotas-latest.md
#   clouds    1,000 creates on the EC2 and Azure wire-level fakes under
#             their create buckets, against the theoretical minimum    -> bench/results/clouds-latest.md
#   rating    1 M, 10 M and 20 M synthetic hourly usage rows through the
#             pure rating function, each in a fresh process            -> bench/results/rating-latest.md
#   exports   1 M, 10 M and 20 M synthetic charges to FOCUS Parquet and
#             to CSV, each in a fresh process                          -> bench/results/exports-latest.md
#   claims    10k concurrent creates claiming one inventory row, on
#             SQLite (embedded) and PostgreSQL (2 API processes):
#             over-commits (goal 0) and claims/s                       -> bench/results/claims-latest.md
#   placement the pure placement decision over 1,000 pools and 10,000
#             realms, 1 / per-core / 50 threads at once: p99           -> bench/results/placement-latest.md
# usage: bash bench/run.sh [reads|creates|scaleout|quotas|clouds|rating|exports|claims|placement|all] [harness flags]
# The scenario defaults to all (reads, then creates; scaleout, quotas, clouds, rating, exports, claims and placement only when named: scaleout and
# claims need PostgreSQL and RabbitMQ, quotas repeats the creates run twice per round).
# Extra flags go to every scenario run (--help lists them).
# scaleout and claims start the private PostgreSQL and RabbitMQ of tests/services/*.sh when they are not running, and stops
# at the end only what it started.
set -euo pipefail
cd "$(dirname "$0")/.."

scenario=all
case "${1:-}" in
  reads|creates|scaleout|quotas|clouds|rating|exports|claims|placement|all) scenario=$1; shift ;;
esac

dotnet build services/CloudBroker.Api -c Release -v quiet -nologo
if [[ $scenario == scaleout || $scenario == claims ]]; then
  dotnet build services/CloudBroker.Worker -c Release -v quiet -nologo
fi
dotnet build bench/CloudBroker.Bench -c Release -v quiet -nologo
harness=bench/CloudBroker.Bench/bin/Release/net10.0/CloudBroker.Bench.dll
if [[ $scenario == reads || $scenario == all ]]; then
  dotnet "$harness" --scenario reads --out bench/results/latest.md "$@"
fi
if [[ $scenario == creates || $scenario == all ]]; then
  dotnet "$harness" --scenario creates --out bench/results/creates-latest.md "$@"
fi
if [[ $scenario == exports ]]; then
  dotnet "$harness" --scenario exports --out bench/results/exports-latest.md "$@"
fi
if [[ $scenario == rating ]]; then
  dotnet "$harness" --scenario rating --out bench/results/rating-latest.md "$@"
fi
if [[ $scenario == quotas ]]; then
  dotnet "$harness" --scenario quotas --out bench/results/quotas-latest.md "$@"
fi
if [[ $scenario == placement ]]; then
  dotnet "$harness" --scenario placement --out bench/results/placement-latest.md "$@"
fi
if [[ $scenario == clouds ]]; then
  dotnet "$harness" --scenario clouds --out bench/results/clouds-latest.md "$@"
fi
if [[ $scenario == scaleout || $scenario == claims ]]; then
  started=()
  stop_started() {
    local service
    for service in "${started[@]}"; do
      if [[ $service == rabbitmq ]]; then
        bash tests/services/rabbitmq.sh stop --all || true
      else
        bash tests/services/"$service".sh stop || true
      fi
    done
  }
  trap stop_started EXIT
  for service in postgres rabbitmq; do
    if ! bash tests/services/"$service".sh status; then
      echo "starting $service (tests/services/$service.sh)"
      started+=("$service")
      bash tests/services/"$service".sh start
    fi
  done
  dotnet "$harness" --scenario "$scenario" --out bench/results/"$scenario"-latest.md "$@"
fi
