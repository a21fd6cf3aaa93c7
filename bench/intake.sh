#!/usr/bin/env bash
# Document intake bench (issue 16 §5-6, decision 0016): uploads the seed plans into a fresh SQLite store through the
# same code as POST /api/intake (seed 003 as .txt and as a .docx made from it), scores the target proposals against the
# hand-encoded targets (precision, recall, F1 per document and overall, common errors), scores the hand-written
# external passages of bench/intake-eval/, and times the intake of a 2,000-line plan. Prints figures, asserts nothing.
set -euo pipefail
cd "$(dirname "$0")/.."
dotnet build bench/IndustryMap.IntakeBench -c Release -nologo -v quiet
exec dotnet bench/IndustryMap.IntakeBench/bin/Release/net10.0/IndustryMap.IntakeBench.dll "$PWD" "$@"
