#!/usr/bin/env bash
# Runs every check the project has: the unit and end-to-end test suites, then the AWS
# conformance corpus through the release CLI. Exits non-zero on any failure.
set -euo pipefail
cd "$(dirname "$0")/.."

if ! command -v swift >/dev/null 2>&1; then
    echo "error: the Swift toolchain (6.0 or later) is not on PATH" >&2
    exit 1
fi

echo "== unit and end-to-end tests"
swift build -c release --product lambda-filter
swift test

echo "== embedding: each library product linked into a package of its own, without Foundation"
bash scripts/check-embedding.sh

echo "== renderings checked by the tools that consume them (a missing tool is a listed skip)"
python3 scripts/check-renderings.py .build/release/lambda-filter

echo "== action.yml and .pre-commit-hooks.yaml: the commands they declare"
python3 scripts/check-integrations.py .build/release/lambda-filter

echo "== schema/pattern.schema.json against the conformance corpus and Patterns/"
python3 scripts/check-schema.py .build/release/lambda-filter ../shared/conformance/cases.jsonl

echo "== benchmark harness tests (Bench/)"
swift test --package-path Bench
python3 Bench/test_report.py

echo "== conformance corpus (recorded AWS verdicts)"
corpus="../shared/conformance/run.py"
if [ ! -f "$corpus" ]; then
    echo "error: $corpus not found; the conformance corpus must sit beside this checkout" >&2
    exit 1
fi
python3 "$corpus" .build/release/lambda-filter --quiet
