#!/usr/bin/env bash
# Build the wasm core into www/pkg (git-ignored) and optimise it with Debian's wasm-opt.
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="$HOME/.cargo/bin:$PATH"

wasm-pack --quiet build crate --release --target web --no-typescript --no-pack \
  --out-dir ../www/pkg --out-name certcheck 2>&1 | grep -v "failed to get wasm-pack version" || true
test -f www/pkg/certcheck_bg.wasm || { echo "wasm build failed"; exit 1; }
# wasm-opt from npm's binaryen (v132): Debian's binaryen 108 produces a module whose externref
# table fails to initialise in Chromium ("WebAssembly.Table.set(): Argument 1 is invalid").
# Name the features explicitly, as the wasm has no target_features section after stripping.
node_modules/.bin/wasm-opt -O --enable-bulk-memory --enable-bulk-memory-opt \
  --enable-nontrapping-float-to-int --enable-sign-ext --enable-mutable-globals \
  --enable-multivalue --enable-reference-types --enable-simd --strip-debug --strip-producers \
  www/pkg/certcheck_bg.wasm -o www/pkg/certcheck_bg.wasm
rm -f www/pkg/.gitignore
printf '[build] www/pkg/certcheck_bg.wasm: %s bytes, %s gzipped\n' \
  "$(stat -c %s www/pkg/certcheck_bg.wasm)" "$(gzip -9c www/pkg/certcheck_bg.wasm | wc -c)"
# One self-contained HTML file (wasm and examples inlined) for PCs that cannot reach a hosted page.
node scripts/single-file.mjs
