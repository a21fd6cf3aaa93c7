#!/usr/bin/env bash
# Placement evaluation (issue 6): builds the evaluation set from the seed documents' own material — the project
# libraries of 万州 (seed 003 annex) and 南岸 (seed 004 附件三), description = project name + 建设内容, expected unit =
# its unit; and the 渝西 districts' priority-industry details (seed 001 §四) — writes it to eval-set.csv beside this
# script, places every case on a fresh embedded store loaded with seed-data/, and prints hit@1/3/5 and the set's size.
# The classifier never learns from this material: the importer refuses a keyword that cites a project row or a layout line.
# Usage: bench/placement-eval/run.sh [--show N]   (N: list the first N misses)
set -euo pipefail
cd "$(dirname "$0")/../.."
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1
dotnet build bench/IndustryMap.PlacementBench -c Release -nologo -v quiet >/dev/null
exec dotnet bench/IndustryMap.PlacementBench/bin/Release/net10.0/IndustryMap.PlacementBench.dll eval --out bench/placement-eval/eval-set.csv "$@"
