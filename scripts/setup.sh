#!/usr/bin/env bash
# Install what a fresh machine lacks: the wasm target, wasm-pack and wasm-bindgen-cli (from
# crates.io, wasm-bindgen-cli pinned to the wasm-bindgen version in Cargo.lock), Chromium and CJK fonts, promtool, and the npm packages. Idempotent: skips what is there.
set -euo pipefail
cd "$(dirname "$0")/.."

log() { printf '[setup] %s\n' "$*"; }

apt_updated=0
apt_install() {
  if [ "$apt_updated" = 0 ]; then
    log "apt-get update"
    $SUDO apt-get update -qq
    apt_updated=1
  fi
  log "apt-get install $*"
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq "$@" >/dev/null
}
SUDO=""
if [ "$(id -u)" != 0 ]; then SUDO="sudo"; fi

export PATH="$HOME/.cargo/bin:$PATH"

# ring (the CLI's signature backend) compiles its C and assembly with the system compiler.
command -v cc >/dev/null || apt_install gcc

if ! rustup target list --installed | grep -qx wasm32-unknown-unknown; then
  log "rustup target add wasm32-unknown-unknown"
  rustup target add wasm32-unknown-unknown
fi

for component in rustfmt clippy; do
  if ! rustup component list --installed | grep -q "^$component"; then
    log "rustup component add $component"
    rustup component add "$component"
  fi
done

if ! command -v wasm-pack >/dev/null; then
  log "cargo install wasm-pack (about 2 minutes)"
  cargo install wasm-pack
fi

WB_VERSION=$(awk '/^name = "wasm-bindgen"$/{getline; gsub(/version = |"/, ""); print; exit}' Cargo.lock)
if [ -z "$WB_VERSION" ]; then
  log "Cargo.lock has no wasm-bindgen entry"; exit 1
fi
if [ "$(wasm-bindgen --version 2>/dev/null | awk '{print $2}')" != "$WB_VERSION" ]; then
  # No --locked: its lock file pins a crate version the registry does not serve.
  log "cargo install wasm-bindgen-cli $WB_VERSION (about 5 minutes)"
  cargo install wasm-bindgen-cli --version "$WB_VERSION" --force
fi

command -v chromium >/dev/null || apt_install chromium
# The real-browser proof: Firefox ESR, and certutil to give each run its own NSS database.
command -v firefox-esr >/dev/null || apt_install firefox-esr
command -v certutil >/dev/null || apt_install libnss3-tools
[ -d /usr/share/fonts/opentype/noto ] || apt_install fonts-noto-cjk
# promtool checks `certcheck probe --format prometheus` (tests/node/probe-monitoring.test.mjs); in
# Debian it comes with the Prometheus server package (without its recommended extras).
command -v promtool >/dev/null || apt_install --no-install-recommends prometheus

if [ ! -d node_modules/playwright-core ] || [ ! -d node_modules/http-server ] || [ ! -d node_modules/binaryen ] || [ ! -d node_modules/axe-core ] || [ ! -d node_modules/typescript ] || [ ! -d node_modules/puppeteer-core ] \
   || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  log "npm ci"
  npm ci --no-audit --no-fund --loglevel=error
fi
log "ready"
