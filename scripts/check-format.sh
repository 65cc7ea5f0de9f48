#!/usr/bin/env bash
# Checks the Swift sources against the house style in .swift-format (4-space indentation, lines
# of at most 140 columns, trailing commas in multi-line collections, no explicit `return` in a
# single-expression body...) with `swift format lint --strict`: any difference fails the run.
# Examples/Embedding is left out: its files must stay byte for byte README's snippets.
#
#   bash scripts/check-format.sh          # lint; exits non-zero on any violation
#   bash scripts/check-format.sh --fix    # rewrite the files in place, then lint again
set -euo pipefail
cd "$(dirname "$0")/.."

paths=(Sources Tests Bench/Sources Bench/Tests Fuzz/Sources)

if ! swift format --version >/dev/null 2>&1; then
    echo "error: 'swift format' is not available (it ships with Swift 6 toolchains)" >&2
    exit 1
fi

if [ "${1:-}" = "--fix" ]; then
    swift format format --in-place --recursive --parallel --configuration .swift-format "${paths[@]}"
fi

if ! swift format lint --strict --recursive --parallel --configuration .swift-format "${paths[@]}"; then
    echo "error: the sources differ from .swift-format's style; fix them with:" >&2
    echo "  swift format -i -r --parallel --configuration .swift-format ${paths[*]}" >&2
    exit 1
fi
echo "ok: ${paths[*]} follow .swift-format"
