#!/usr/bin/env bash
# Sets up and runs every test: starts a real PostgreSQL (installing it if needed), then runs the test suite on
# SQLite and PostgreSQL. A missing PostgreSQL is a failure here, never a skip (INDUSTRYMAP_REQUIRE_PG=1).
# The browser tests drive Debian's Chromium (Playwright cannot download browsers here), installed when missing,
# with a CJK font so the saved screenshots are legible.
set -euo pipefail
cd "$(dirname "$0")/.."
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1
if [[ ! -x /usr/bin/chromium ]] || ! fc-list :lang=zh 2>/dev/null | grep -q .; then
  echo "installing chromium and fonts-wqy-microhei for the browser tests" >&2
  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium fonts-wqy-microhei >/dev/null
fi
INDUSTRYMAP_TEST_PG="$(bash scripts/postgres.sh)"
export INDUSTRYMAP_TEST_PG INDUSTRYMAP_REQUIRE_PG=1
dotnet build -c Release -nologo -v quiet
# Both test projects, run in parallel by dotnet test.
dotnet test IndustryMap.slnx -c Release --no-build --nologo "$@"
