// npm run bench (issue 15): what users meet, measured from outside, peers in the same run.
//   - distinct piles (1 000 and 10 000 leaves under one RSA and one P-256 CA, every certificate its
//     own; scripts/make_bench_piles.py), and the 3-certificate chain;
//   - the page in headless Chromium: from the file input's `change` event to the first animation
//     frame after the page marks the report checked, stamped by a listener and an observer this
//     script adds (not the page's own figures); a fresh page per run; the chain is dropped the
//     moment the page can take it, a pile after the page has been open 2 s (as a user finds a
//     file: the worker has warmed the core up by then);
//   - first-load bytes (everything fetched from the page's load to the first check's report,
//     gzipped) and each part only later checks fetched;
//   - the native CLI on the same piles (wall time of the process), and the core alone in-process;
//   - peers: @peculiar/x509 parse + verify through WebCrypto in the same Chromium, Python
//     `cryptography` (OpenSSL) parse + verify natively;
//   - hostile input shapes at N and 2N through the CLI, with the ratio (2 = linear).
// Budgets are printed beside the figures; timings move by a third from run to run on this machine.
import { execFileSync, spawnSync } from 'node:child_process';
import { readFile, writeFile, mkdir } from 'node:fs/promises';
import { gzipSync } from 'node:zlib';
import path from 'node:path';
import { serve, launch, ROOT, FIXTURES } from '../tests/browser/helpers.mjs';

const fmt = (n) => Math.round(n).toLocaleString('en-US');
const secs = (ms) => (ms >= 1000 ? `${(ms / 1000).toFixed(2)} s` : `${ms.toFixed(0)} ms`);
const range = (values) => (values.length > 1 ? `${secs(Math.min(...values))}–${secs(Math.max(...values))}` : secs(values[0]));
const RUNS = 2;
const PILE_IDLE_MS = 2000;

// --- inputs
const benchDir = path.join(ROOT, 'target', 'bench');
await mkdir(benchDir, { recursive: true });
execFileSync('python3', [path.join(ROOT, 'scripts', 'make_bench_piles.py'), benchDir, '1000', '10000'], { stdio: 'inherit' });
const piles = { 1000: path.join(benchDir, 'pile-1000.pem'), 10000: path.join(benchDir, 'pile-10000.pem') };
const chainPath = path.join(FIXTURES, 'input', 'chain.pem');
console.log('inputs: distinct piles of 1 000 and 10 000 certificates (2 CAs + leaves), and a 3-certificate chain');

// --- native
execFileSync('cargo', ['build', '--quiet', '--release', '-p', 'certcheck', '--bin', 'certcheck', '--example', 'bench'], { cwd: ROOT, stdio: 'inherit' });
const cli = path.join(ROOT, 'target', 'release', 'certcheck');
/** Wall time of one CLI run, from outside the process. */
function timeCli(args, input) {
  const start = performance.now();
  const run = spawnSync(cli, args, { input, maxBuffer: 1 << 30 });
  const elapsed = performance.now() - start;
  if (run.status === null) throw new Error(`certcheck ${args.join(' ')}: ${run.signal}`);
  return elapsed;
}
const native = {};
for (const [n, file] of Object.entries(piles)) {
  native[n] = {
    json: Array.from({ length: RUNS }, () => timeCli(['check', '--format', 'json', file])),
    text: Array.from({ length: RUNS }, () => timeCli(['check', file])),
  };
}
const core = JSON.parse(execFileSync(path.join(ROOT, 'target', 'release', 'examples', 'bench'), [piles[10000], chainPath]).toString());

// --- Python cryptography (OpenSSL): parse + verify each leaf against its CA
const peerPy = `
import sys, time
from cryptography import x509
data = open(sys.argv[1], 'rb').read()
start = time.perf_counter()
certs = x509.load_pem_x509_certificates(data)
cas = {c.subject: c for c in certs if c.issuer == c.subject}
verified = 0
for c in certs:
    issuer = cas.get(c.issuer)
    if issuer is not None and issuer is not c:
        c.verify_directly_issued_by(issuer); verified += 1
print((time.perf_counter() - start) * 1000, verified)
`;
const python = {};
for (const [n, file] of Object.entries(piles)) {
  python[n] = Array.from({ length: RUNS }, () => Number(execFileSync('python3', ['-c', peerPy, file]).toString().split(' ')[0]));
}

// --- Chromium: the page, and @peculiar/x509
const server = await serve();
const browser = await launch();

/**
 * One check through the page's file input, timed from `change` to the frame after "checked".
 * `idleMs`: how long the page stays open before the drop (0: the first moment it can take one).
 */
async function pageRun(file, idleMs = 0, locale = 'en-US') {
  const context = await browser.newContext({ locale });
  const page = await context.newPage();
  const fetched = [];
  const bodies = [];
  page.on('response', (response) => {
    const url = response.url();
    if (!url.startsWith(server.origin)) return;
    // Read before the context closes (a part fetched at the end of a check counts too).
    bodies.push(response.body().then((body) => {
      fetched.push({ url, bytes: body.length, gzipped: gzipSync(body, { level: 9 }).length });
    }, () => { /* redirects carry no body */ }));
  });
  await page.goto(`${server.origin}/index.html`);
  await page.waitForSelector('html[data-ready="true"]');
  await page.evaluate(() => {
    const status = document.getElementById('status');
    window.__bench = new Promise((resolve) => {
      let changed = 0;
      document.getElementById('file-picker').addEventListener('change', () => { changed = performance.now(); }, { capture: true, once: true });
      const observer = new MutationObserver(() => {
        if (changed && status.dataset.state === 'checked') {
          observer.disconnect();
          requestAnimationFrame(() => resolve(performance.now() - changed));
        }
      });
      observer.observe(status, { attributes: true, attributeFilter: ['data-state'] });
    });
  });
  if (idleMs) await page.waitForTimeout(idleMs);
  await page.setInputFiles('#file-picker', file);
  const elapsed = await page.evaluate(() => window.__bench);
  await Promise.all(bodies);
  await context.close();
  // Everything fetched from the page's load to this check's report (the worker and the wasm are
  // started while the page is idle, so they may come before the drop: they still count).
  return { elapsed, fetched: fetched.slice() };
}

const pageTimes = { chain: [], 1000: [], 10000: [] };
let firstLoad = [];
let lazy = [];
for (let i = 0; i < RUNS; i += 1) {
  const run = await pageRun(chainPath);
  pageTimes.chain.push(run.elapsed);
  firstLoad = run.fetched;
}
// A part is loaded lazily when only a bigger or odder check fetched it.
const firstUrls = new Set(firstLoad.map((entry) => entry.url));
for (const n of [1000, 10000]) {
  for (let i = 0; i < RUNS; i += 1) {
    // A pile is dropped after a few seconds with the page open (finding the file takes longer),
    // the chain above at the first moment: the worst case for each.
    const run = await pageRun(piles[n], PILE_IDLE_MS);
    pageTimes[n].push(run.elapsed);
    for (const entry of run.fetched) {
      if (!firstUrls.has(entry.url) && !lazy.some((known) => known.url === entry.url)) lazy.push(entry);
    }
  }
}

// The parts a check loads only when it needs them: the full module (a PKCS#12 file: its
// decryption is not in the first module) and another language's texts (the first check in ja).
const lazyRuns = {
  pkcs12: await pageRun(path.join(ROOT, 'tests', 'fixtures', 'input', 'uccx1-nopass.p12')),
  ja: await pageRun(chainPath, 0, 'ja-JP'),
};
for (const run of Object.values(lazyRuns)) {
  for (const entry of run.fetched) {
    if (!firstUrls.has(entry.url) && !lazy.some((known) => known.url === entry.url)) lazy.push(entry);
  }
}

// The peer in the same Chromium: parse every certificate, verify each leaf with WebCrypto.
const peerContext = await browser.newContext({ bypassCSP: true });
const peerPage = await peerContext.newPage();
await peerPage.goto(`${server.origin}/index.html`);
await peerPage.addScriptTag({ path: path.join(ROOT, 'node_modules', 'reflect-metadata', 'Reflect.js') });
await peerPage.addScriptTag({ path: path.join(ROOT, 'node_modules', '@peculiar', 'x509', 'build', 'x509.js') });
const peer = {};
for (const [n, file] of Object.entries(piles)) {
  const text = await readFile(file, 'utf8');
  peer[n] = [];
  for (let i = 0; i < RUNS; i += 1) {
    peer[n].push(await peerPage.evaluate(async (pem) => {
      const start = performance.now();
      const blocks = pem.match(/-----BEGIN CERTIFICATE-----[\s\S]+?-----END CERTIFICATE-----/g);
      const certs = blocks.map((block) => new window.x509.X509Certificate(block));
      const cas = new Map(certs.filter((c) => c.subject === c.issuer).map((c) => [c.subject, c]));
      let verified = 0;
      await Promise.all(certs.map(async (c) => {
        const issuer = cas.get(c.issuer);
        if (issuer && issuer !== c && await c.verify({ publicKey: issuer.publicKey, signatureOnly: true })) verified += 1;
      }));
      if (verified !== certs.length - 2) throw new Error(`peer verified ${verified}`);
      return performance.now() - start;
    }, text));
  }
}
await browser.close();
server.stop();

// --- hostile shapes at N and 2N (CLI, text output)
const shapes = {
  'BEGIN lines without END': (n) => Buffer.from('-----BEGIN CERTIFICATE-----\n'.repeat(n)),
  'one endless base64 line': (n) => Buffer.from(`-----BEGIN CERTIFICATE-----\n${'A'.repeat(n * 40)}\n-----END CERTIFICATE-----\n`),
  'mismatched BEGIN/END labels': (n) => Buffer.from('-----BEGIN CERTIFICATE-----\nMIIB\n-----END X509 CRL-----\n'.repeat(n)),
  'many tiny blocks': (n) => Buffer.from('-----BEGIN CERTIFICATE-----\nMAA=\n-----END CERTIFICATE-----\n'.repeat(n)),
  'deep BER (indefinite lengths)': (n) => Buffer.concat([Buffer.from('30800000'.slice(0, 4).repeat(n), 'hex'), Buffer.alloc(2 * n)]),
};
const hostile = [];
for (const [shape, make] of Object.entries(shapes)) {
  const n = 25000;
  const small = make(n);
  const big = make(2 * n);
  const one = Math.min(...Array.from({ length: RUNS }, () => timeCli(['check', '-'], small)));
  const two = Math.min(...Array.from({ length: RUNS }, () => timeCli(['check', '-'], big)));
  hostile.push([shape, `${fmt(small.length)} / ${fmt(big.length)} bytes`, `${secs(one)} / ${secs(two)}`, (two / one).toFixed(2)]);
}

// --- print
const gz = (list) => list.reduce((sum, entry) => sum + entry.gzipped, 0);
const wasmFirst = firstLoad.filter((entry) => entry.url.endsWith('.wasm'));
const verdict = (ok) => (ok ? '✔' : '✖ over');
const worst = (values) => Math.max(...values);
const rows = [
  ['page: 3-certificate chain (first check after load)', range(pageTimes.chain), `≤ 50 ms ${verdict(worst(pageTimes.chain) <= 50)}`],
  ['page: 1 000 distinct certificates (page open 2 s)', range(pageTimes[1000]), `≤ 0.5 s ${verdict(worst(pageTimes[1000]) <= 500)}`],
  ['page: 10 000 distinct certificates (page open 2 s)', range(pageTimes[10000]), `≤ 3 s ${verdict(worst(pageTimes[10000]) <= 3000)}`],
  ['first load: wasm, gzipped', `${fmt(gz(wasmFirst) / 1024)} KB`, `≤ 200 KB ${verdict(gz(wasmFirst) <= 200 * 1024)}`],
  ['first load: everything, gzipped', `${fmt(gz(firstLoad) / 1024)} KB in ${firstLoad.length} files`, ''],
  ['page: PKCS#12 file, first check (loads the full module)', `${fmt(lazyRuns.pkcs12.elapsed)} ms`, ''],
  ['page: 3-certificate chain in ja, first check (loads its texts)', `${fmt(lazyRuns.ja.elapsed)} ms`, ''],
  ['loaded later (lazily)', lazy.length ? lazy.map((entry) => `${path.basename(entry.url)} ${fmt(entry.gzipped / 1024)} KB`).join(', ') : 'nothing', ''],
  ['CLI, 10 000, JSON report', range(native[10000].json), `≤ 1.5 s ${verdict(worst(native[10000].json) <= 1500)}`],
  ['CLI, 10 000, text report', range(native[10000].text), ''],
  ['CLI, 1 000, JSON report', range(native[1000].json), ''],
  ['core check in-process, 10 000 (no output)', secs(core.pile_check_ms), ''],
  ['peer: Python cryptography (OpenSSL) parse + verify, 10 000', range(python[10000]), `CLI JSON ${(Math.min(...native[10000].json) / Math.min(...python[10000])).toFixed(2)}× it, core ${(core.pile_check_ms / Math.min(...python[10000])).toFixed(2)}× it`],
  ['peer: Python cryptography, 1 000', range(python[1000]), ''],
  ['peer: @peculiar/x509 + WebCrypto in Chromium, 10 000', range(peer[10000]), `page ${(Math.min(...pageTimes[10000]) / Math.min(...peer[10000])).toFixed(2)}× it`],
  ['peer: @peculiar/x509 + WebCrypto in Chromium, 1 000', range(peer[1000]), `page ${(Math.min(...pageTimes[1000]) / Math.min(...peer[1000])).toFixed(2)}× it`],
];
const width = Math.max(...rows.map((row) => row[0].length));
for (const [what, figure, note] of rows) console.log(`${what.padEnd(width)}  ${figure.padEnd(28)} ${note}`);
console.log('\nhostile shapes through the CLI, N and 2N (ratio 2.00 = linear):');
const shapeWidth = Math.max(...hostile.map((row) => row[0].length));
for (const [shape, sizes, times, ratio] of hostile) console.log(`  ${shape.padEnd(shapeWidth)}  ${sizes.padEnd(24)} ${times.padEnd(18)} ×${ratio}`);
await writeFile(path.join(benchDir, 'last.json'), JSON.stringify({ pageTimes, lazyRuns: { pkcs12: lazyRuns.pkcs12.elapsed, ja: lazyRuns.ja.elapsed }, native, core, python, peer, hostile, firstLoad, lazy }, null, 2));
