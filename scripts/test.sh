#!/usr/bin/env bash
# Sets up and runs every test: starts a real PostgreSQL (installing it if needed), then runs the test suite on
# SQLite and PostgreSQL. A missing PostgreSQL is a failure here, never a skip (INDUSTRYMAP_REQUIRE_PG=1).
set -euo pipefail
cd "$(dirname "$0")/.."
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1
INDUSTRYMAP_TEST_PG="$(bash scripts/postgres.sh)"
export INDUSTRYMAP_TEST_PG INDUSTRYMAP_REQUIRE_PG=1
dotnet build -c Release -nologo -v quiet
dotnet test tests/IndustryMap.Tests -c Release --no-build --nologo "$@"
