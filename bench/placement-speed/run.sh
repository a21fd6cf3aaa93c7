#!/usr/bin/env bash
# Placement speed (issue 6): p50/p95 of single placements (in-process through the placement service, and over HTTP
# through the real app with an investment officer's API token), and the time of a batch of 10,000 descriptions.
# Prints figures, asserts nothing. Usage: bench/placement-speed/run.sh [--n 1000] [--batch 10000]
set -euo pipefail
cd "$(dirname "$0")/../.."
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1
dotnet build bench/IndustryMap.PlacementBench -c Release -nologo -v quiet >/dev/null
exec dotnet bench/IndustryMap.PlacementBench/bin/Release/net10.0/IndustryMap.PlacementBench.dll speed "$@"
