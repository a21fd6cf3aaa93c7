#!/usr/bin/env bash
# Read-API load benchmark on the seed data: p50/p95/p99 latency and requests per second per endpoint.
# Usage: bench/read-api.sh [--seconds 10] [--clients 8]      (PostgreSQL: set INDUSTRYMAP_DB=postgres and INDUSTRYMAP_PG,
# after `industrymap db migrate` and `industrymap import seed-data` on that database)
set -euo pipefail
cd "$(dirname "$0")/.."
dotnet build bench/IndustryMap.Bench -c Release -nologo -v quiet
exec dotnet bench/IndustryMap.Bench/bin/Release/net10.0/IndustryMap.Bench.dll "$@"
