// The worker client. The checker lives in a Web Worker (hosted page: worker.js; single file: the
// same code from the page itself). If the core traps (a panic), the worker is dropped and the next
// check starts a fresh one: the page keeps working.

/** The single-file build (dist/certcheck.html) carries the wasm and the examples inside it. */
export const EMBEDDED = /** @type {any} */ (globalThis).CERTCHECK_EMBEDDED || null;

/** @param {string} text */
export function base64Bytes(text) {
  const binary = atob(text);
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i += 1) bytes[i] = binary.charCodeAt(i);
  return bytes;
}

/**
 * An example file's bytes: from inside the single file, else from the page's own folder; null
 * when it cannot be read.
 * @param {string} name
 * @returns {Promise<Uint8Array | null>}
 */
export async function exampleBytes(name) {
  if (EMBEDDED) return base64Bytes(EMBEDDED.examples[name]);
  try {
    const response = await fetch(new URL(`./example/${name}`, import.meta.url));
    return response.ok ? new Uint8Array(await response.arrayBuffer()) : null;
  } catch {
    return null;
  }
}

/** @type {{worker: Worker | null, next: number, pending: Map<number, {resolve: (result: import('./report-types.js').CheckResult) => void, parts: Record<string, any[]>}>, exports: Map<number, (exports: import('./report-types.js').Exports | null) => void>, fresh: boolean}} */
const checker = { worker: null, next: 0, pending: new Map(), exports: new Map(), fresh: false };

function startWorker() {
  checker.fresh = true;
  let worker;
  if (EMBEDDED) {
    const url = URL.createObjectURL(new Blob([EMBEDDED.worker], { type: 'text/javascript' }));
    worker = new Worker(url);
  } else {
    worker = new Worker(new URL('./worker.js', import.meta.url), { type: 'module' });
  }
  worker.onmessage = (event) => {
    if ('exports' in event.data) {
      // The report's Markdown and CSV, sent after the report itself.
      const waiting = checker.exports.get(event.data.id);
      checker.exports.delete(event.data.id);
      if (waiting) waiting(event.data.exports);
      return;
    }
    if (event.data.error && checker.exports.has(event.data.id)) {
      // The exports failed after the report was shown: the buttons stop waiting.
      checker.exports.get(event.data.id)?.(null);
      checker.exports.delete(event.data.id);
    }
    const entry = checker.pending.get(event.data.id);
    if (event.data.part) {
      // A chunk of a long list (items, findings); the report itself comes last.
      if (entry) (entry.parts[event.data.part] ||= []).push(...event.data.list);
      return;
    }
    checker.pending.delete(event.data.id);
    if (event.data.trap) stopWorker();
    if (entry && event.data.report) {
      Object.assign(event.data.report, entry.parts);
      event.data.exports = new Promise((resolve) => checker.exports.set(event.data.id, resolve));
    }
    if (entry) entry.resolve(event.data);
  };
  worker.onerror = (event) => {
    event.preventDefault();
    const error = event.message || 'worker failed';
    for (const entry of checker.pending.values()) entry.resolve({ error, trap: true });
    checker.pending.clear();
    stopWorker();
  };
  checker.worker = worker;
  return worker;
}

function stopWorker() {
  for (const waiting of checker.exports.values()) waiting(null);
  checker.exports.clear();
  if (checker.worker) checker.worker.terminate();
  checker.worker = null;
}

/**
 * Send one job to the worker; resolves with {report} or {error, trap}. An empty job only starts
 * the worker and compiles the module.
 * @param {{inputs?: import('./report-types.js').PageInput[], options?: Partial<import('./report-types.js').CheckOptions>, warm?: Uint8Array}} message
 * @returns {Promise<import('./report-types.js').CheckResult>}
 */
export function inWorker(message) {
  const worker = checker.worker || startWorker();
  checker.next += 1;
  const id = checker.next;
  return new Promise((resolve) => {
    checker.pending.set(id, { resolve, parts: {} });
    worker.postMessage({ ...message, id, wasm: EMBEDDED && checker.fresh ? base64Bytes(EMBEDDED.wasm) : undefined });
    checker.fresh = false;
  });
}
