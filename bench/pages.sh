#!/usr/bin/env bash
# Page benchmark on the seed data: first-load bytes, server p50/p95 of each page's HTML and API calls, and the time
# until each page (the map: rendered and clickable) is ready in Debian's Chromium. Prints figures, asserts nothing.
# Usage: bench/pages.sh [--runs 5] [--requests 200]
set -euo pipefail
cd "$(dirname "$0")/.."
dotnet build bench/IndustryMap.PageBench -c Release -nologo -v quiet
exec dotnet bench/IndustryMap.PageBench/bin/Release/net10.0/IndustryMap.PageBench.dll "$@"
