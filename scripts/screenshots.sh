#!/usr/bin/env bash
# Refreshes the README's images: runs the browser tests that take them (they write to artifacts/screenshots, which git
# ignores; tests never modify tracked files) and copies the ones the README shows into docs/screenshots.
# Needs /usr/bin/chromium (scripts/test.sh installs it).
set -euo pipefail
cd "$(dirname "$0")/.."
rm -rf artifacts/screenshots
dotnet test tests/IndustryMap.BrowserTests --filter "Category=screenshots" --logger "console;verbosity=minimal"
mkdir -p docs/screenshots
copied=0
for image in map.png map-phone.png unit.png placement.png chain.png monitoring-ranking.png; do
  if [[ -f "artifacts/screenshots/$image" ]]; then
    cp "artifacts/screenshots/$image" "docs/screenshots/$image"
    echo "docs/screenshots/$image"
    copied=$((copied + 1))
  fi
done
echo "$copied images refreshed"
