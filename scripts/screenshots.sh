#!/usr/bin/env bash
# Refreshes the README's screenshots under docs/screenshots on purpose. Test runs never touch them: the browser tests
# save their screenshots under artifacts/screenshots (ignored) unless INDUSTRYMAP_SCREENSHOTS names another folder.
# Runs only the browser tests that take the README's pictures (map.png, map-phone.png, unit.png, placement.png,
# chain.png, and monitoring-ranking.png on the tests' demo data).
set -euo pipefail
cd "$(dirname "$0")/.."
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1
export INDUSTRYMAP_SCREENSHOTS="$PWD/docs/screenshots"
dotnet test tests/IndustryMap.BrowserTests --nologo \
  --filter "FullyQualifiedName~Screenshots_OfTheMapAndAUnitPage_AreSaved|FullyQualifiedName~AtPhoneWidth_TheMapAndListFitTheScreen|FullyQualifiedName~PlacementPageTests|FullyQualifiedName~TheVivoChainPage_DrawsTheDiagram|DisplayName~ranking.html" "$@"
git status --short docs/screenshots
