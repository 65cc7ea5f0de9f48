#!/usr/bin/env bash
# Checks README's embedding snippets as a user would meet them: each is main.swift of an
# executable in Examples/Embedding, a package that depends on this checkout by path and imports
# only the product it uses (no Foundation). The script checks the files still equal README's
# ```swift blocks, builds the package (a library that does not link on its own fails here), runs
# each executable and compares what it prints with the `// ` comment on its last print line.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
package="$root/Examples/Embedding"
targets=(EmbedCore EmbedSources EmbedCriteria)

status=0
blocks=$(mktemp -d)
trap 'rm -rf "$blocks"' EXIT
awk -v dir="$blocks" '/^```swift$/ { n++; inside = 1; next } /^```$/ { inside = 0 } inside { print > (dir "/" n ".swift") }' "$root/README.md"
for index in "${!targets[@]}"; do
    target=${targets[$index]}
    if ! diff -u "$blocks/$((index + 1)).swift" "$package/Sources/$target/main.swift"; then
        echo "FAIL $target: main.swift differs from README's swift block $((index + 1))" >&2
        status=1
    fi
done

# Always from scratch: SwiftPM keeps the path dependency's file list in the consumer's build
# folder, and after files are added or renamed in this checkout a kept folder fails to compile.
rm -rf "$package/.build"
swift build --package-path "$package"
for target in "${targets[@]}"; do
    expected=$(grep -E '^ *print\(' "$package/Sources/$target/main.swift" | tail -n 1 | sed -E 's/.*\)[[:space:]]*\/\/[[:space:]]*//')
    actual=$("$package/.build/debug/$target")
    if [ "$actual" = "$expected" ]; then
        echo "ok   $target: $actual"
    else
        echo "FAIL $target: printed '$actual', expected '$expected'" >&2
        status=1
    fi
done
exit $status
