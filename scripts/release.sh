#!/usr/bin/env bash
# Builds a release tarball of the CLI for this platform, with its SHA-256:
#
#   scripts/release.sh            # dist/lambda-filter-<version>-<os>-<arch>.tar.gz and .sha256
#
# The version is the one `lambda-filter --version` prints (LambdaFilterCommand.swift); CHANGELOG.md
# must have a section for it. Tags are `v<version>` (semantic versioning): tag the commit the
# tarball was built from with `git tag v<version>`.
set -euo pipefail
cd "$(dirname "$0")/.."

make stage
stage=.build-static/stage
binary="$stage/bin/lambda-filter"
version="$("$binary" --version)"
if ! grep -q "^## \[$version\]" CHANGELOG.md; then
    echo "error: CHANGELOG.md has no '## [$version]' section" >&2
    exit 1
fi

os="$(uname -s | tr '[:upper:]' '[:lower:]')"
arch="$(uname -m)"
name="lambda-filter-$version-$os-$arch"
mkdir -p dist
rm -rf "dist/$name"
mkdir "dist/$name"
cp -R "$stage/bin" "$stage/share" "dist/$name/"
cp LICENSE README.md CHANGELOG.md "dist/$name/"
# Sorted names, fixed owner and the tagged commit's time keep the archive the same from run to run.
mtime="$(git log -1 --format=%cI 2>/dev/null || date -u +%Y-%m-%dT%H:%M:%SZ)"
tar --sort=name --owner=0 --group=0 --numeric-owner --mtime="$mtime" -C dist -cf - "$name" | gzip -n > "dist/$name.tar.gz"
rm -rf "dist/$name"
(cd dist && sha256sum "$name.tar.gz" > "$name.tar.gz.sha256")
echo "dist/$name.tar.gz"
cat "dist/$name.tar.gz.sha256"
if ! git rev-parse -q --verify "refs/tags/v$version" >/dev/null; then
    echo "note: no tag v$version yet; after review: git tag v$version" >&2
fi
