#!/usr/bin/env bash
# Regenerates docs/openapi.json (the committed API contract) from the app. OpenApiDocumentTests writes the served
# document to artifacts/openapi.json (ignored) and fails while it differs from docs/openapi.json; this copies it over.
set -euo pipefail
cd "$(dirname "$0")/.."
dotnet test tests/IndustryMap.Tests --filter "FullyQualifiedName~OpenApiDocumentTests.TheCommittedDocument_IsTheServedOne" >/dev/null || true
test -s artifacts/openapi.json || { echo "artifacts/openapi.json was not written: run the test above and read its output" >&2; exit 1; }
cp artifacts/openapi.json docs/openapi.json
echo "docs/openapi.json updated: review 'git diff docs/openapi.json' and commit it"
