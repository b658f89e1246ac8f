#!/usr/bin/env bash
# Fuzz the core with cargo-fuzz (nightly): ingestion, PKCS#12 and the whole check, each for a set
# number of executions (default 1 000 000), seeded with the test fixtures. A crash stops the run
# and leaves its input in fuzz/artifacts/<target>/: add it as a regression test in crate/tests/.
#   bash scripts/fuzz.sh [RUNS] [TARGET...]      FUZZ_SECONDS=N also stops each target after N s;
#   FUZZ_SANITIZER=none drops AddressSanitizer (the core has no unsafe code; about 4x the executions)
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="$HOME/.cargo/bin:$PATH"
RUNS=${1:-1000000}
shift || true
TARGETS=("$@")
[ ${#TARGETS[@]} -gt 0 ] || TARGETS=(ingest pkcs12 check)
command -v cargo-fuzz >/dev/null || cargo install cargo-fuzz
rustup toolchain list | grep -q nightly || rustup toolchain install nightly --profile minimal
for target in "${TARGETS[@]}"; do
  seeds="fuzz/corpus/$target-seeds"
  mkdir -p "fuzz/corpus/$target" "$seeds"
  find tests/fixtures/input tests/fixtures/good tests/fixtures/rules -type f -size -64k -exec cp {} "$seeds/" \; 2>/dev/null || true
  echo "== fuzz $target: $RUNS runs"
  cargo +nightly fuzz run --fuzz-dir fuzz --sanitizer "${FUZZ_SANITIZER:-address}" "$target" "fuzz/corpus/$target" "$seeds" -- \
    -runs="$RUNS" ${FUZZ_SECONDS:+-max_total_time=$FUZZ_SECONDS} -max_len=65536 -rss_limit_mb=2048 -timeout=20 -print_final_stats=1 2>&1 \
    | grep -E "^(stat::number_of_executed_units|stat::peak_rss_mb|Done|==[0-9]+== ERROR|SUMMARY|artifact_prefix|Test unit written)" || true
  if ls "fuzz/artifacts/$target"/crash-* "fuzz/artifacts/$target"/timeout-* >/dev/null 2>&1; then
    echo "fuzz $target: found a crash or timeout (fuzz/artifacts/$target)"; exit 1
  fi
done
