// The checker runs here, off the page's main thread: a 5 000-certificate drop or a 10 MB paste
// keeps the page responsive. A panic in the core traps the WebAssembly instance; the page then
// drops this worker and starts a fresh one.
//
// Signatures between certificates are verified by the browser's WebCrypto (BoringSSL's native
// code in Chromium), which is many times faster than the core's pure-Rust verifiers in wasm: the
// core lists them (Session.requests), WebCrypto checks them all at once, and the core finishes
// with the numbers WebCrypto accepted, verifying every other one itself (a refusal, an algorithm
// the browser lacks, a key it will not import). So the report never depends on the browser; the
// page's `?verify=wasm` skips WebCrypto (the tests run both ways).
import init, { check, parseCount, Session } from './pkg/certcheck.js';

let ready = null;
const CHUNK = 250;
const CHUNKED = ['items', 'findings'];

/** @param {Uint8Array} bytes */
function keyName(bytes) {
  let text = '';
  for (let at = 0; at < bytes.length; at += 4096) text += String.fromCharCode.apply(null, bytes.subarray(at, at + 4096));
  return text;
}

/**
 * The numbers of the signatures WebCrypto accepts. Each signer's key is imported once per check.
 * @param {{id: number, algorithm: string, hash: string | null, curve: string | null, spki: Uint8Array, data: Uint8Array, signature: Uint8Array}[]} requests
 */
async function verifyAll(requests) {
  const subtle = self.crypto && self.crypto.subtle;
  if (!subtle || !requests.length) return [];
  const keys = new Map();
  const importKey = (request) => {
    const name = `${request.algorithm}|${request.hash}|${request.curve}|${keyName(request.spki)}`;
    if (!keys.has(name)) {
      const algorithm = request.algorithm === 'ECDSA' ? { name: 'ECDSA', namedCurve: request.curve }
        : request.algorithm === 'Ed25519' ? { name: 'Ed25519' } : { name: request.algorithm, hash: request.hash };
      keys.set(name, subtle.importKey('spki', request.spki, algorithm, false, ['verify']));
    }
    return keys.get(name);
  };
  const accepted = [];
  await Promise.all(requests.map(async (request) => {
    try {
      const key = await importKey(request);
      const params = request.algorithm === 'ECDSA' ? { name: 'ECDSA', hash: request.hash } : { name: request.algorithm };
      if (await subtle.verify(params, key, request.signature, request.data)) accepted.push(request.id);
    } catch {
      // Not imported or not verifiable here: the core verifies it.
    }
  }));
  return accepted;
}

/**
 * The report, signatures verified by WebCrypto first (or all in wasm with `verify: 'wasm'`), and
 * a function giving its exports: the report goes to the page first, the Markdown and CSV after.
 */
async function run(inputs, options) {
  const { verify, ...coreOptions } = options || {};
  if (verify === 'wasm') {
    const report = check(inputs, coreOptions);
    const exports = report.exports || null;
    delete report.exports;
    return { report, exports: () => exports };
  }
  const session = new Session(inputs, coreOptions);
  try {
    const accepted = await verifyAll(session.requests());
    const report = session.finish(Uint32Array.from(accepted));
    const exports = () => {
      try {
        return coreOptions.exports ? session.exports() : null;
      } finally {
        session.free();
      }
    };
    return { report, exports };
  } catch (error) {
    session.free();
    throw error;
  }
}

/**
 * While the page is idle, run the core on a small sample many times, in steps of a few
 * milliseconds: V8 first runs WebAssembly as baseline code and optimises what runs often, so
 * without this the first real check runs about twice as slow as the next. A real check stops it
 * and waits one short step at most.
 */
let checks = 0;
const WARM_UP_AFTER_MS = 300;
async function warmUp(sample) {
  const started = checks;
  const pause = (ms = 0) => new Promise((resolve) => setTimeout(resolve, ms));
  // One check at once: it compiles what any check runs (V8 compiles each function on its first
  // call), so a drop arriving meanwhile waits for work it would have done itself. The rest, which
  // only makes the code hot, waits until the page has been idle a moment.
  check([{ name: 'warm-up', bytes: sample }], {});
  await pause(WARM_UP_AFTER_MS);
  if (checks !== started) return;
  for (let round = 0; round < 40; round += 1) {
    parseCount(sample);
    await pause();
    if (checks !== started) return;
    check([{ name: 'warm-up', bytes: sample }], {});
    await pause();
    if (checks !== started) return;
  }
}

self.onmessage = async (event) => {
  const { id, inputs, options, wasm, warm } = event.data;
  try {
    if (!ready) ready = init({ module_or_path: wasm || new URL('./pkg/certcheck_bg.wasm', import.meta.url) });
    await ready;
    if (!inputs) {
      self.postMessage({ id, ready: true });
      if (warm) warmUp(warm);
      return;
    }
    checks += 1;
    const { report, exports } = await run(inputs, options);
    // Long lists travel in chunks: the page deserialises each message in one go on its main
    // thread, so one message holding 7 000 items would pause it for a noticeable moment.
    for (const key of CHUNKED) {
      const list = report[key];
      if (!Array.isArray(list) || list.length <= CHUNK) continue;
      for (let from = 0; from < list.length; from += CHUNK) {
        self.postMessage({ id, part: key, list: list.slice(from, from + CHUNK) });
      }
      report[key] = null;
    }
    self.postMessage({ id, report });
    self.postMessage({ id, exports: exports() });
  } catch (error) {
    const trap = error instanceof WebAssembly.RuntimeError;
    self.postMessage({ id, error: String(error && error.message ? error.message : error), trap });
  }
};
