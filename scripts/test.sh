#!/usr/bin/env bash
# Run every test: Rust unit and integration tests (core and CLI), then the browser tests in Debian's
# headless Chromium. Prints a closing line `N passed, N failed`.
set -uo pipefail
cd "$(dirname "$0")/.."
export PATH="$HOME/.cargo/bin:$PATH"

bash scripts/setup.sh || exit 1
bash scripts/build.sh || exit 1

LOG_DIR=$(mktemp -d)
status=0

# Checks the suite carries, each counted as one test in the closing line.
checks_passed=0
checks_failed=0
run_check() {
  local name=$1
  shift
  echo "== Check: $name"
  if "$@"; then
    checks_passed=$((checks_passed + 1))
  else
    echo "FAILED check: $name"
    checks_failed=$((checks_failed + 1))
    status=1
  fi
}
run_check "cargo fmt --check" cargo fmt --all --check
run_check "supply chain: licenses, sources, bans, npm integrity (offline)" node scripts/supply-chain.mjs
run_check "cargo clippy --all-targets -D warnings" cargo clippy --workspace --all-targets --quiet -- -D warnings
# The page's first module is the same crate without the verifiers and PKCS#12 decryption.
run_check "cargo clippy, first module (wasm32, --no-default-features)" \
  cargo clippy --lib --no-default-features --target wasm32-unknown-unknown --quiet -- -D warnings

echo "== Rust tests (core, CLI)"
{
  cargo test --workspace --no-fail-fast --color never
  # The first module's own test (a build without the verifiers and PKCS#12 decryption).
  cargo test --no-default-features --test first_module --color never
} 2>&1 | tee "$LOG_DIR/cargo.log"
cargo_status=${PIPESTATUS[0]}
grep -q '^error: test failed\|^error: could not compile\|^error\[' "$LOG_DIR/cargo.log" && cargo_status=1
[ "$cargo_status" = 0 ] || status=1
for figure in limbo-agreement limbo-subset wild-agreement; do
  if [ -f "target/tmp/$figure.txt" ]; then
    echo "== $figure"
    cat "target/tmp/$figure.txt"
    echo
  fi
done

echo "== Test builds of the two modules that panic on demand (for the recovery test)"
wasm-pack --quiet build crate --dev --target web --no-typescript --no-pack \
  --out-dir ../target/pkg-panic --out-name certcheck -- --features test-panic 2>&1 | grep -v "failed to get wasm-pack version" || true
test -f target/pkg-panic/certcheck_bg.wasm || { echo "test wasm build failed"; status=1; }
wasm-pack --quiet build crate --dev --target web --no-typescript --no-pack \
  --out-dir ../target/pkg-panic-lite --out-name certcheck -- --no-default-features --features test-panic 2>&1 | grep -v "failed to get wasm-pack version" || true
test -f target/pkg-panic-lite/certcheck_bg.wasm || { echo "test wasm build failed (first module)"; status=1; }

echo "== Node tests (report contract, type check) and browser tests (headless Chromium)"
node --test --test-concurrency=1 \
  --test-reporter=spec --test-reporter-destination=stdout \
  --test-reporter=tap --test-reporter-destination="$LOG_DIR/node.tap" \
  tests/node/ tests/browser/ 2>&1
node_status=$?
[ "$node_status" = 0 ] || status=1

# The page verifies signatures with WebCrypto first; the same verdict tests again with every
# signature verified by the core in wasm (?verify=wasm), so both paths are held to one answer.
echo "== Browser verdict tests again, signatures verified in wasm only (CERTCHECK_VERIFY=wasm)"
CERTCHECK_VERIFY=wasm node --test --test-concurrency=1 \
  --test-reporter=spec --test-reporter-destination=stdout \
  --test-reporter=tap --test-reporter-destination="$LOG_DIR/node-wasm.tap" \
  tests/browser/chain.test.mjs tests/browser/rules.test.mjs tests/browser/deployment.test.mjs \
  tests/browser/advisor.test.mjs tests/browser/ingestion.test.mjs 2>&1
wasm_status=$?
[ "$wasm_status" = 0 ] || status=1

rust_passed=$(grep -E '^test result:' "$LOG_DIR/cargo.log" | sed -E 's/.* ([0-9]+) passed.*/\1/' | awk '{s+=$1} END {print s+0}')
rust_failed=$(grep -E '^test result:' "$LOG_DIR/cargo.log" | sed -E 's/.* ([0-9]+) failed.*/\1/' | awk '{s+=$1} END {print s+0}')
node_passed=$(cat "$LOG_DIR"/node.tap "$LOG_DIR"/node-wasm.tap 2>/dev/null | grep -E '^# pass ' | awk '{s+=$3} END {print s+0}')
node_failed=$(cat "$LOG_DIR"/node.tap "$LOG_DIR"/node-wasm.tap 2>/dev/null | grep -E '^# fail ' | awk '{s+=$3} END {print s+0}')
rust_passed=${rust_passed:-0}; rust_failed=${rust_failed:-0}
node_passed=${node_passed:-0}; node_failed=${node_failed:-0}
if [ "$cargo_status" != 0 ] && [ "$rust_failed" = 0 ]; then rust_failed=1; fi
if { [ "$node_status" != 0 ] || [ "$wasm_status" != 0 ]; } && [ "$node_failed" = 0 ]; then node_failed=1; fi

echo
echo "Checks: $checks_passed passed, $checks_failed failed; Rust: $rust_passed passed, $rust_failed failed; browser/node: $node_passed passed, $node_failed failed"
echo "$((checks_passed + rust_passed + node_passed)) passed, $((checks_failed + rust_failed + node_failed)) failed"
exit $status
