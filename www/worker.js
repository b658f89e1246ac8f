// The checker runs here, off the page's main thread: a 5 000-certificate drop or a 10 MB paste
// keeps the page responsive. A panic in the core traps the WebAssembly instance; the page then
// drops this worker and starts a fresh one.
//
// Signatures between certificates are verified by the browser's WebCrypto (BoringSSL's native
// code in Chromium), which is many times faster than the core's pure-Rust verifiers in wasm: the
// core lists them (Session.requests), WebCrypto checks them all at once, and the core finishes
// with the numbers WebCrypto accepted.
//
// Two builds of the same core: the first module (pkg-lite) has no verifiers and no PKCS#12
// decryption, so it is small to fetch and quick to compile; when a check needs what it lacks — a
// signature WebCrypto did not accept (bad, or an algorithm the browser lacks), a PKCS#12 file —
// its Session.finish gives null and the same check runs in the full module (pkg), fetched then,
// which verifies every signature WebCrypto did not accept itself: the report never depends on the
// browser. The first module has English built in; another language's texts are fetched as data
// (pkg-lite/texts-<lang>.json). The page's `?verify=wasm` skips WebCrypto and runs the full module
// only (the tests run both ways); the single-file build carries the full module only.
import initLite, { loadTexts, Session as LiteSession } from './pkg-lite/certcheck.js';
import initFull, { check, Session as FullSession } from './pkg/certcheck.js';

/** @type {Promise<unknown> | null} */
let liteReady = null;
/** @type {Promise<unknown> | null} */
let fullReady = null;
/** The single-file build's wasm bytes (the full module), when given. */
let embedded = null;

function full() {
  fullReady ||= initFull({ module_or_path: embedded || new URL('./pkg/certcheck_bg.wasm', import.meta.url) });
  return fullReady;
}

/** @type {Map<string, Promise<boolean>>} Languages whose texts the first module has (or is getting). */
const texts = new Map();

/**
 * Give the first module `lang`'s texts (only English is built in): fetched once, when the page
 * is in that language. Without them its sessions leave the check to the full module.
 * @param {string | undefined} lang
 */
function textsFor(lang) {
  if (!lang || lang === 'en' || embedded) return Promise.resolve(true);
  if (!texts.has(lang)) {
    texts.set(lang, (async () => {
      try {
        // Fetched while the module compiles.
        const response = await fetch(new URL(`./pkg-lite/texts-${lang}.json`, import.meta.url));
        if (!response.ok) throw new Error(String(response.status));
        const data = await response.json();
        await first();
        loadTexts(lang, data);
        return true;
      } catch {
        texts.delete(lang); // tried again by the next check
        return false;
      }
    })());
  }
  return texts.get(lang);
}

/** The module the next check starts in: the first module, or the full one when it is the only one. */
function first() {
  if (embedded) return full();
  liteReady ||= initLite({ module_or_path: new URL('./pkg-lite/certcheck_bg.wasm', import.meta.url) });
  return liteReady;
}
const CHUNK = 250;
const CHUNKED = ['items', 'findings', 'renewals'];

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
 * One check in `Session` (a module's class), WebCrypto verifying first. Null when the session
 * leaves it to the full module.
 */
async function inSession(Session, inputs, coreOptions) {
  const session = new Session(inputs, coreOptions);
  try {
    const accepted = await verifyAll(session.requests());
    const report = session.finish(Uint32Array.from(accepted));
    if (report === null || report === undefined) {
      session.free();
      return null;
    }
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
 * The report, signatures verified by WebCrypto first (or all in the full module's wasm with
 * `verify: 'wasm'`), and a function giving its exports: the report goes to the page first, the
 * Markdown and CSV after.
 */
async function run(inputs, options) {
  const { verify, ...coreOptions } = options || {};
  if (verify === 'wasm') {
    await full();
    const report = check(inputs, coreOptions);
    const exports = report.exports || null;
    delete report.exports;
    return { report, exports: () => exports };
  }
  await first();
  await textsFor(coreOptions.lang);
  const done = embedded ? null : await inSession(LiteSession, inputs, coreOptions);
  if (done) return done;
  await full();
  const finished = await inSession(FullSession, inputs, coreOptions);
  if (!finished) throw new Error('the full core left a check undecided');
  return finished;
}

/**
 * While the page is idle, run the core on a small sample many times, in steps of a few
 * milliseconds: V8 first runs WebAssembly as baseline code and optimises what runs often, so
 * without this the first real check runs about twice as slow as the next. A real check stops it
 * and waits one short step at most.
 */
let checks = 0;
const WARM_UP_AFTER_MS = 300;
async function warmUp(sample, options) {
  const started = checks;
  const pause = (ms = 0) => new Promise((resolve) => setTimeout(resolve, ms));
  // Finishing with the exports frees the session.
  const once = async () => (await run([{ name: 'warm-up', bytes: sample }], { verify: options && options.verify })).exports();
  // One check at once: it compiles what any check runs (V8 compiles each function on its first
  // call), so a drop arriving meanwhile waits for work it would have done itself. The rest, which
  // only makes the code hot, waits until the page has been idle a moment.
  await once();
  await pause(WARM_UP_AFTER_MS);
  if (checks !== started) return;
  for (let round = 0; round < 40; round += 1) {
    await once();
    await pause();
    if (checks !== started) return;
  }
}

self.onmessage = async (event) => {
  const { id, inputs, options, wasm, warm } = event.data;
  try {
    if (wasm) embedded = wasm;
    // `?verify=wasm` checks in the full module only: it is the one to start. The page's
    // language's texts for the first module are fetched meanwhile.
    const onlyFull = options && options.verify === 'wasm';
    const language = onlyFull ? null : textsFor(options && options.lang);
    await (onlyFull ? full() : first());
    if (!inputs) {
      await language;
      self.postMessage({ id, ready: true });
      // A warm-up that fails changes nothing: the checks report their own errors.
      if (warm) warmUp(warm, options).catch(() => {});
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
