#!/usr/bin/env bash
# Build the wasm core into www/pkg and www/pkg-lite (git-ignored) and optimise it with wasm-opt.
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="$HOME/.cargo/bin:$PATH"

# Two modules from the same core: pkg-lite is what the page loads first (no pure-Rust verifiers,
# no PKCS#12 decryption: the browser's WebCrypto verifies); pkg is the full core, loaded only
# when a check needs what the first one lacks (and by the single-file build).
# wasm-opt from npm's binaryen (v132): Debian's binaryen 108 produces a module whose externref
# table fails to initialise in Chromium ("WebAssembly.Table.set(): Argument 1 is invalid").
# Name the features explicitly, as the wasm has no target_features section after stripping.
optimise() {
  local out=$1 level=$2
  node_modules/.bin/wasm-opt "$level" --enable-bulk-memory --enable-bulk-memory-opt \
    --enable-nontrapping-float-to-int --enable-sign-ext --enable-mutable-globals \
    --enable-multivalue --enable-reference-types --enable-simd --strip-debug --strip-producers \
    "www/$out/certcheck_bg.wasm" -o "www/$out/certcheck_bg.wasm"
  rm -f "www/$out/.gitignore"
  printf '[build] www/%s/certcheck_bg.wasm: %s bytes, %s gzipped\n' "$out" \
    "$(stat -c %s "www/$out/certcheck_bg.wasm")" "$(gzip -9c "www/$out/certcheck_bg.wasm" | wc -c)"
}

wasm-pack --quiet build crate --release --target web --no-typescript --no-pack \
  --out-dir ../www/pkg --out-name certcheck 2>&1 | grep -v "failed to get wasm-pack version" || true
test -f www/pkg/certcheck_bg.wasm || { echo "wasm build failed (pkg)"; exit 1; }
optimise pkg -O

# The first module: Cargo's wasm-lite profile (size-optimised, but the parsing crates at full
# speed), then wasm-bindgen as wasm-pack runs it (wasm-pack runs no custom profile offline).
cargo build --quiet --lib --profile wasm-lite --target wasm32-unknown-unknown --no-default-features \
  --manifest-path crate/Cargo.toml
wasm-bindgen target/wasm32-unknown-unknown/wasm-lite/certcheck.wasm --out-dir www/pkg-lite \
  --out-name certcheck --target web --no-typescript
optimise pkg-lite -Oz
# The other languages' texts for the first module, from the full module's tables.
node scripts/texts.mjs
# One self-contained HTML file (wasm and examples inlined) for PCs that cannot reach a hosted page.
node scripts/single-file.mjs
