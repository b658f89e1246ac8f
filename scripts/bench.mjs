// npm run bench: one run, the same input everywhere, figures printed side by side.
//   - the Debian CA bundle repeated to about 10 000 certificates, and a 3-certificate chain;
//   - parsing throughput (certificates/second) natively, as wasm in Node, as wasm in headless
//     Chromium, and @peculiar/x509 (a well-known JavaScript peer) in the same Chromium;
//   - the page: drop → rendered findings for the 3-certificate chain, and the 10 000-certificate
//     pile fully checked, with the longest main-thread pause meanwhile;
//   - the wasm size, raw and gzipped.
// Budgets (issue 8) are printed beside the figures; figures are ratios from this one run.
import { execFileSync } from 'node:child_process';
import { readFile, writeFile, mkdir } from 'node:fs/promises';
import { gzipSync } from 'node:zlib';
import path from 'node:path';
import { serve, launch, ROOT, FIXTURES } from '../tests/browser/helpers.mjs';

const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];
const fmt = (n) => Math.round(n).toLocaleString('en-US');

// --- input
const bundle = await readFile('/etc/ssl/certs/ca-certificates.crt', 'utf8');
const count = (bundle.match(/-----BEGIN CERTIFICATE-----/g) || []).length;
const repeat = Math.ceil(10000 / count);
await mkdir(path.join(ROOT, 'target'), { recursive: true });
const pilePath = path.join(ROOT, 'target', 'bench-pile.pem');
const chainPath = path.join(FIXTURES, 'input', 'chain.pem');
await writeFile(pilePath, bundle.repeat(repeat));
const pile = await readFile(pilePath);
const chain = await readFile(chainPath);
console.log(`input: Debian CA bundle (${count} certificates) × ${repeat} = ${fmt(count * repeat)} certificates, ${(pile.length / 1048576).toFixed(1)} MB; chain: 3 certificates`);

// --- native
execFileSync('cargo', ['build', '--quiet', '--release', '-p', 'certcheck', '--example', 'bench'], { cwd: ROOT, stdio: 'inherit' });
const native = JSON.parse(execFileSync(path.join(ROOT, 'target', 'release', 'examples', 'bench'), [pilePath, chainPath]).toString());

// --- wasm in Node (the same module the page loads)
const glue = await import(path.join(ROOT, 'www', 'pkg', 'certcheck.js'));
const wasmBytes = await readFile(path.join(ROOT, 'www', 'pkg', 'certcheck_bg.wasm'));
glue.initSync({ module: wasmBytes });
const nodeRates = [];
for (let i = 0; i < 5; i += 1) {
  const start = performance.now();
  const parsed = glue.parseCount(pile);
  nodeRates.push(parsed / ((performance.now() - start) / 1000));
}

// --- Chromium: wasm, @peculiar/x509, and the page
const server = await serve();
const browser = await launch();
const context = await browser.newContext({ bypassCSP: true });
const page = await context.newPage();
await page.goto(`${server.origin}/index.html`);
await page.waitForSelector('html[data-ready="true"]');
// The peer needs the Reflect metadata polyfill its README asks for.
await page.addScriptTag({ path: path.join(ROOT, 'node_modules', 'reflect-metadata', 'Reflect.js') });
await page.addScriptTag({ path: path.join(ROOT, 'node_modules', '@peculiar', 'x509', 'build', 'x509.js') });
const inBrowser = await page.evaluate(async (pileText) => {
  const glue = await import('./pkg/certcheck.js');
  await glue.default({ module_or_path: new URL('./pkg/certcheck_bg.wasm', location.href) });
  const bytes = new TextEncoder().encode(pileText);
  const wasm = [];
  for (let i = 0; i < 5; i += 1) {
    const start = performance.now();
    const parsed = glue.parseCount(bytes);
    wasm.push(parsed / ((performance.now() - start) / 1000));
  }
  // The peer parses the same certificates and reads the same kind of facts.
  const blocks = pileText.match(/-----BEGIN CERTIFICATE-----[\s\S]+?-----END CERTIFICATE-----/g);
  const sample = blocks.slice(0, 2000);
  const peer = [];
  for (let i = 0; i < 3; i += 1) {
    const start = performance.now();
    for (const pem of sample) {
      const cert = new window.x509.X509Certificate(pem);
      void cert.subject; void cert.issuer; void cert.notAfter; void cert.publicKey.algorithm;
      void cert.getExtension('2.5.29.17'); void cert.getExtension('2.5.29.19');
    }
    peer.push(sample.length / ((performance.now() - start) / 1000));
  }
  return { wasm, peer };
}, pile.toString('utf8'));

/** Drop `bytes` on the page and time it until the report is rendered; also the longest pause. */
async function dropAndTime(name, bytes) {
  await page.click('#clear');
  return page.evaluate(async ({ name, data }) => {
    const binary = atob(data);
    const array = new Uint8Array(binary.length);
    for (let i = 0; i < binary.length; i += 1) array[i] = binary.charCodeAt(i);
    const transfer = new DataTransfer();
    transfer.items.add(new File([array], name));
    let longest = 0;
    let last = performance.now();
    const ticker = setInterval(() => {
      const now = performance.now();
      longest = Math.max(longest, now - last);
      last = now;
    }, 10);
    const status = document.getElementById('status');
    // Checked: the page sets data-state="checked" once the report is in the DOM (watched, not
    // polled per frame, so the figure is not rounded up to a frame).
    const checked = new Promise((resolve) => {
      const observer = new MutationObserver(() => {
        if (status.dataset.state === 'checked') {
          observer.disconnect();
          resolve();
        }
      });
      observer.observe(status, { attributes: true, attributeFilter: ['data-state'] });
    });
    const start = performance.now();
    document.getElementById('drop').dispatchEvent(new DragEvent('drop', { dataTransfer: transfer, bubbles: true, cancelable: true }));
    await checked;
    // Rendered: the next frame has painted the findings.
    await new Promise((resolve) => requestAnimationFrame(() => resolve()));
    const elapsed = performance.now() - start;
    clearInterval(ticker);
    return { elapsed, longest };
  }, { name, data: bytes.toString('base64') });
}

const chainRuns = [];
for (let i = 0; i < 7; i += 1) chainRuns.push((await dropAndTime('chain.pem', chain)).elapsed);
const pileRun = await dropAndTime('pile.pem', pile);
await browser.close();
server.stop();

// --- size
const gzipped = gzipSync(wasmBytes, { level: 9 }).length;

const nativeRate = native.parse_per_second;
const nodeRate = median(nodeRates);
const chromiumRate = median(inBrowser.wasm);
const peerRate = median(inBrowser.peer);
const chainMs = median(chainRuns);
const verdict = (ok) => (ok ? 'within budget' : 'OVER budget');
const rows = [
  ['parse, native (Rust)', `${fmt(nativeRate)} certificates/s`, ''],
  ['parse, wasm in Node', `${fmt(nodeRate)} certificates/s`, `${Math.round((100 * nodeRate) / nativeRate)} % of native`],
  ['parse, wasm in Chromium', `${fmt(chromiumRate)} certificates/s`, `${Math.round((100 * chromiumRate) / nativeRate)} % of native (budget ≥ 50 %: ${verdict(chromiumRate >= nativeRate / 2)})`],
  ['parse, @peculiar/x509 in Chromium', `${fmt(peerRate)} certificates/s`, `wasm is ${(chromiumRate / peerRate).toFixed(1)}× the peer (budget ≥ 20×: ${verdict(chromiumRate >= 20 * peerRate)})`],
  ['full check, native, 10 000 pile', `${fmt(native.pile_check_ms)} ms`, ''],
  ['page: 3-certificate chain, drop → rendered', `${chainMs.toFixed(1)} ms`, `budget < 50 ms: ${verdict(chainMs < 50)}`],
  ['page: 10 000 pile, drop → rendered', `${fmt(pileRun.elapsed)} ms`, `budget < 5 000 ms: ${verdict(pileRun.elapsed < 5000)}; longest main-thread pause ${fmt(pileRun.longest)} ms`],
  ['wasm size', `${fmt(wasmBytes.length)} bytes raw, ${fmt(gzipped)} gzipped`, `budget ≤ 200 KB gzipped: ${verdict(gzipped <= 200 * 1024)}`],
];
const width = Math.max(...rows.map((row) => row[0].length));
for (const [what, figure, note] of rows) console.log(`${what.padEnd(width)}  ${figure.padEnd(34)} ${note}`);
