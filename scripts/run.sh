#!/usr/bin/env bash
# Sets up and runs IndustryMap on this machine: restores, builds, and serves the web UI and API from an embedded
# SQLite database that the first run creates and loads with the seed data (seed-data/).
#   INDUSTRYMAP_DATA   data directory (default ~/.local/share/industrymap)
#   ASPNETCORE_URLS    address (default here http://127.0.0.1:5080)
set -euo pipefail
cd "$(dirname "$0")/.."
export ASPNETCORE_URLS="${ASPNETCORE_URLS:-http://127.0.0.1:5080}"
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1
dotnet build src/IndustryMap.Cli -c Release -nologo -v quiet
echo "IndustryMap: open ${ASPNETCORE_URLS%%;*} (data in ${INDUSTRYMAP_DATA:-~/.local/share/industrymap})"
exec dotnet src/IndustryMap.Cli/bin/Release/net10.0/industrymap.dll serve "$@"
