#!/usr/bin/env bash
# The main job on the bundled examples: builds the CLI, checks every pattern in Patterns/, then
# tests every filter against the sample events in Samples/ and compares each verdict with
# Patterns/manifest.json. Exits non-zero when a pattern is invalid or a verdict differs.
set -euo pipefail
cd "$(dirname "$0")/.."

if ! command -v swift >/dev/null 2>&1; then
    echo "error: the Swift toolchain (6.0 or later) is not on PATH" >&2
    exit 1
fi

# The Swift runtime linked in, as `make install` and scripts/test.sh build it.
swift build -c release --product lambda-filter --static-swift-stdlib
cli=.build/release/lambda-filter

echo "== lambda-filter check Patterns/"
"$cli" check Patterns/
echo
echo "== lambda-filter test -p Patterns/templates/sam-orders.yaml --mapping OrdersFunction.BigOrders Samples/sqs/orders-batch.json"
"$cli" test -p Patterns/templates/sam-orders.yaml --mapping OrdersFunction.BigOrders Samples/sqs/orders-batch.json
echo
echo "== lambda-filter test --manifest Patterns/manifest.json"
"$cli" test --manifest Patterns/manifest.json
