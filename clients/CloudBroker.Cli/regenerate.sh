#!/usr/bin/env bash
# Regenerates the CLI's client from the broker's served OpenAPI document (README: "Regenerating the client").
cd "$(dirname "$0")/../.." && dotnet tool restore && CB_UPDATE_OPENAPI=1 dotnet test --project tests/CloudBroker.Cli.Tests/CloudBroker.Cli.Tests.csproj -c Release -- --filter-class CloudBroker.Cli.Tests.OpenApiDocumentTests && dotnet kiota generate -l CSharp -d clients/CloudBroker.Cli/OpenApi/v1.json -o clients/CloudBroker.Cli/Client -c BrokerClient -n CloudBroker.Cli.Client --clean-output --exclude-backward-compatible --log-level Warning
