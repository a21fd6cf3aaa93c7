#!/usr/bin/env bash
# Upload bench (issue 10 §1): peak memory (VmHWM of a fresh process) of reading the largest legitimate submission
# upload and each hostile workbook of the issue; every hostile one must be refused. Prints figures, asserts nothing.
set -euo pipefail
cd "$(dirname "$0")/.."
dotnet build bench/IndustryMap.UploadBench -c Release -nologo -v quiet
exec dotnet bench/IndustryMap.UploadBench/bin/Release/net10.0/IndustryMap.UploadBench.dll "$@"
