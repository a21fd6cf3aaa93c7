#!/usr/bin/env bash
# In-process read-API latency on the seed data (see bench/read-api.sh for the side-by-side with nginx): p50/p95/p99 latency and requests per second per endpoint.
# Usage: bench/read-api-latency.sh [--seconds 10] [--clients 8]      (PostgreSQL: set INDUSTRYMAP_DB=postgres and INDUSTRYMAP_PG,
# after `industrymap db migrate` and `industrymap import seed-data` on that database)
set -euo pipefail
cd "$(dirname "$0")/.."
dotnet build bench/IndustryMap.Bench -c Release -nologo -v quiet
exec dotnet bench/IndustryMap.Bench/bin/Release/net10.0/IndustryMap.Bench.dll "$@"
