#!/usr/bin/env bash
# Runs every check the project has: the unit and end-to-end test suites, then the AWS
# conformance corpus through the release CLI. Exits non-zero on any failure.
set -euo pipefail
cd "$(dirname "$0")/.."

if ! command -v swift >/dev/null 2>&1; then
    echo "error: the Swift toolchain (6.0 or later) is not on PATH" >&2
    exit 1
fi

# The consumers scripts/check-renderings.py and the schema check use, from PyPI; nothing is
# fetched when they are already installed. Without them those checks are listed as skipped.
if ! python3 -c 'import cfnlint, samtranslator, boto3, awscli, jsonschema' 2>/dev/null; then
    echo "== installing the rendering consumers (cfn-lint, aws-sam-translator, boto3, awscli, jsonschema)"
    python3 -m pip install --quiet --disable-pip-version-check cfn-lint aws-sam-translator boto3 awscli jsonschema \
        || echo "warning: could not install the rendering consumers; their checks will be skipped" >&2
fi

echo "== unit and end-to-end tests"
# The release CLI is built as users get it (the Swift runtime linked in, as `make install` does):
# it starts in a third of the time, without resolving the runtime's symbols at every run.
swift build -c release --product lambda-filter --static-swift-stdlib
swift test

echo "== ThreadSanitizer: one Matcher and one FilterSet shared by many threads (own build directory)"
swift test --sanitize=thread --scratch-path .build-tsan --filter ConcurrencyTests

echo "== embedding: each library product linked into a package of its own, without Foundation"
bash scripts/check-embedding.sh

echo "== doc comments: every public declaration of the library modules has one"
python3 scripts/test_check_docs.py
python3 scripts/check-docs.py

echo "== format: the Swift sources follow .swift-format"
bash scripts/check-format.sh

echo "== renderings checked by the tools that consume them (a missing tool is a listed skip)"
python3 scripts/check-renderings.py .build/release/lambda-filter

echo "== action.yml and .pre-commit-hooks.yaml: the commands they declare"
python3 scripts/check-integrations.py .build/release/lambda-filter

echo "== schema/pattern.schema.json against the conformance corpus and Patterns/"
python3 scripts/check-schema.py .build/release/lambda-filter ../shared/conformance/cases.jsonl

echo "== benchmark harness tests (Bench/)"
swift test --package-path Bench
python3 Bench/test_report.py

echo "== fuzzing smoke: each libFuzzer target of Fuzz/ for 20,000 seeded inputs after its regression inputs (Linux toolchains ship libFuzzer)"
if [ "$(uname -s)" = "Linux" ]; then
    bash Fuzz/run.sh --smoke
else
    echo "skipped: -sanitize=fuzzer needs the libFuzzer runtime of a Linux (or swift.org) toolchain"
fi

echo "== conformance corpus (recorded AWS verdicts)"
corpus="../shared/conformance/run.py"
if [ ! -f "$corpus" ]; then
    echo "error: $corpus not found; the conformance corpus must sit beside this checkout" >&2
    exit 1
fi
python3 "$corpus" .build/release/lambda-filter --quiet
