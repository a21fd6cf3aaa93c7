#!/usr/bin/env bash
# Write-path benchmark: password hashing, concurrent audited writes (own record each / one contended record),
# audit-chain verification, backup and restore. Prints figures; asserts nothing.
# Usage: bench/write-load.sh [--seconds 10] [--clients 8] [--postgres]
#   --postgres also runs on PostgreSQL, in a throw-away schema of the private server scripts/postgres.sh starts.
set -euo pipefail
cd "$(dirname "$0")/.."
args=()
for a in "$@"; do
  if [ "$a" = "--postgres" ]; then export INDUSTRYMAP_BENCH_PG="$(bash scripts/postgres.sh)"; else args+=("$a"); fi
done
dotnet build bench/IndustryMap.WriteBench -c Release -nologo -v quiet
exec dotnet bench/IndustryMap.WriteBench/bin/Release/net10.0/IndustryMap.WriteBench.dll "${args[@]}"
