// The checker runs here, off the page's main thread: a 5 000-certificate drop or a 10 MB paste
// keeps the page responsive. A panic in the core traps the WebAssembly instance; the page then
// drops this worker and starts a fresh one.
import init, { check } from './pkg/certcheck.js';

let ready = null;
const CHUNK = 250;
const CHUNKED = ['items', 'findings'];

self.onmessage = async (event) => {
  const { id, inputs, options, wasm } = event.data;
  try {
    if (!ready) ready = init({ module_or_path: wasm || new URL('./pkg/certcheck_bg.wasm', import.meta.url) });
    await ready;
    if (!inputs) {
      self.postMessage({ id, ready: true });
      return;
    }
    const report = check(inputs, options);
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
  } catch (error) {
    const trap = error instanceof WebAssembly.RuntimeError;
    self.postMessage({ id, error: String(error && error.message ? error.message : error), trap });
  }
};
