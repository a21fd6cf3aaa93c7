#!/usr/bin/env bash
# Monitoring at city scale (issue 7 §8): 3,000 units × 50 indicators × 120 monthly periods = 18 million approved values,
# generated into SQLite and PostgreSQL, then progress for all targets, the 赛马 ranking of one period and the bulletin
# (.docx + .xlsx), each timed in its own process (cold and warm run) with its peak memory. Prints figures, asserts nothing;
# not part of scripts/test.sh. Needs ~2 GB of disk per engine and several minutes per engine to generate.
#
# Usage: bench/monitoring.sh [--units 3000] [--indicators 50] [--months 120]
#   ENGINES="sqlite postgres" (default both)
#   BENCH_SQLITE  the SQLite file (default /tmp/industrymap-bench-monitoring/industrymap.db)
#   BENCH_PG      an Npgsql connection string; default: a private cluster on port 55477 under /tmp/industrymap-bench-pg
#                 (started by scripts/postgres.sh), so the load does not disturb the test server on 55432.
set -euo pipefail
cd "$(dirname "$0")/.."
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1
dotnet build bench/IndustryMap.MonitoringBench -c Release -nologo -v quiet >/dev/null
bench() { dotnet bench/IndustryMap.MonitoringBench/bin/Release/net10.0/IndustryMap.MonitoringBench.dll "$@"; }
echo "IndustryMap monitoring benchmark — $(nproc) cores, $(free -g | awk '/Mem:/ {print $2}') GB RAM, $(date -u +%Y-%m-%dT%H:%MZ)"
for engine in ${ENGINES:-sqlite postgres}; do
  if [ "$engine" = postgres ] && [ -z "${BENCH_PG:-}" ]; then
    BENCH_PG="$(PGPORT=55477 PGDATA_DIR=/tmp/industrymap-bench-pg bash scripts/postgres.sh)"
    export BENCH_PG
  fi
  bench generate --engine "$engine" "$@"
  for what in progress ranking bulletin; do
    bench measure --engine "$engine" --what "$what"
  done
done
