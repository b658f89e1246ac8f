// The checker runs here, off the page's main thread: a 5 000-certificate drop or a 10 MB paste
// keeps the page responsive. A panic in the core traps the WebAssembly instance; the page then
// drops this worker and starts a fresh one.
import init, { check } from './pkg/certcheck.js';

let ready = null;

self.onmessage = async (event) => {
  const { id, inputs, options, wasm } = event.data;
  try {
    if (!ready) ready = init({ module_or_path: wasm || new URL('./pkg/certcheck_bg.wasm', import.meta.url) });
    await ready;
    if (!inputs) {
      self.postMessage({ id, ready: true });
      return;
    }
    self.postMessage({ id, report: check(inputs, options) });
  } catch (error) {
    const trap = error instanceof WebAssembly.RuntimeError;
    self.postMessage({ id, error: String(error && error.message ? error.message : error), trap });
  }
};
