#!/usr/bin/env bash
# Builds the API and the harness in Release, then measures GET /api/instances/{id} against a bare Kestrel
# endpoint; the report goes to bench/results/latest.md. Extra arguments go to the harness (--help lists them).
set -euo pipefail
cd "$(dirname "$0")/.."

dotnet build services/CloudBroker.Api -c Release -v quiet -nologo
dotnet build bench/CloudBroker.Bench -c Release -v quiet -nologo
dotnet bench/CloudBroker.Bench/bin/Release/net10.0/CloudBroker.Bench.dll --out bench/results/latest.md "$@"
