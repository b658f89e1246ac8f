#!/usr/bin/env bash
# Build the wasm core into www/pkg and www/pkg-lite (git-ignored) and optimise it with wasm-opt.
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="$HOME/.cargo/bin:$PATH"

# Two modules from the same core: pkg-lite is what the page loads first (no pure-Rust verifiers,
# no PKCS#12 decryption: the browser's WebCrypto verifies); pkg is the full core, loaded only
# when a check needs what the first one lacks (and by the single-file build).
build_module() {
  local out=$1; shift
  wasm-pack --quiet build crate --release --target web --no-typescript --no-pack \
    --out-dir "../www/$out" --out-name certcheck "$@" 2>&1 | grep -v "failed to get wasm-pack version" || true
  test -f "www/$out/certcheck_bg.wasm" || { echo "wasm build failed ($out)"; exit 1; }
  # wasm-opt from npm's binaryen (v132): Debian's binaryen 108 produces a module whose externref
  # table fails to initialise in Chromium ("WebAssembly.Table.set(): Argument 1 is invalid").
  # Name the features explicitly, as the wasm has no target_features section after stripping.
  node_modules/.bin/wasm-opt -O --enable-bulk-memory --enable-bulk-memory-opt \
    --enable-nontrapping-float-to-int --enable-sign-ext --enable-mutable-globals \
    --enable-multivalue --enable-reference-types --enable-simd --strip-debug --strip-producers \
    "www/$out/certcheck_bg.wasm" -o "www/$out/certcheck_bg.wasm"
  rm -f "www/$out/.gitignore"
  printf '[build] www/%s/certcheck_bg.wasm: %s bytes, %s gzipped\n' "$out" \
    "$(stat -c %s "www/$out/certcheck_bg.wasm")" "$(gzip -9c "www/$out/certcheck_bg.wasm" | wc -c)"
}
build_module pkg
build_module pkg-lite --no-default-features
# The other languages' texts for the first module, from the full module's tables.
node scripts/texts.mjs
# One self-contained HTML file (wasm and examples inlined) for PCs that cannot reach a hosted page.
node scripts/single-file.mjs
