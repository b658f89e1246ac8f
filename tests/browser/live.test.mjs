// A `certcheck probe` result dropped on the page, as an admin would: the CLI probes a UCCX 12.5 node
// served on loopback (the planned chain on :443, the old self-signed certificate on :7443, nothing
// on the other ports), its JSON is dropped with nothing else, and the page fills in the deployment
// from it and shows, beside each checklist row and in its own section, what the servers present
// now — as text (hostile fields stay inert), without any request, in the user's language.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync, spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import tls from 'node:tls';
import path from 'node:path';
import { FIXTURES, ROOT, assertAccessible, dropFiles, foreignRequests, launch, openPage, serve } from './helpers.mjs';

const PROBE = path.join(FIXTURES, 'probe');
const KEYS = path.join(FIXTURES, 'keys');
const read = (...parts) => readFileSync(path.join(...parts), 'utf8');
const INTERMEDIATE = read(PROBE, 'ca-chain.pem').match(/-----BEGIN CERTIFICATE-----[\s\S]+?-----END CERTIFICATE-----\n/)[0];
const HOSTILE = '<img src=x onerror="window.__pwned=1">';

let site;
let browser;
let dir;
const servers = [];
let probeFile;

function tlsServer(pairs) {
  const server = tls.createServer({ key: pairs.map(([, key]) => key), cert: pairs.map(([cert]) => cert) }, (socket) => socket.end());
  server.on('tlsClientError', () => {});
  servers.push(server);
  return server;
}

/** The CLI's probe, asynchronously (the servers live in this process). */
function runProbe(args) {
  return new Promise((resolve, reject) => {
    const child = spawn(path.join(ROOT, 'target', 'debug', 'certcheck'), ['probe', '--format', 'json', ...args]);
    let out = '';
    child.stdout.setEncoding('utf8').on('data', (chunk) => { out += chunk; });
    const killer = setTimeout(() => child.kill('SIGKILL'), 60_000);
    child.on('close', () => { clearTimeout(killer); try { resolve(JSON.parse(out)); } catch (error) { reject(error); } });
  });
}

before(async () => {
  execFileSync('cargo', ['build', '--quiet', '--bin', 'certcheck'], { cwd: ROOT, stdio: 'inherit' });
  const listen = (server, port) => new Promise((resolve, reject) => server.once('error', reject).listen(port, '127.0.0.3', resolve));
  await listen(tlsServer([
    [read(PROBE, 'uccx1-tomcat.pem') + INTERMEDIATE, read(KEYS, 'uccx1-rsa.pem')],
    [read(PROBE, 'uccx1-tomcat-ecdsa.pem'), read(KEYS, 'uccx1-ec.pem')],
  ]), 443);
  await listen(tlsServer([[read(PROBE, 'uccx1-old-selfsigned.pem'), read(KEYS, 'uccx1-rsa-regenerated.pem')]]), 7443);
  const plan = ['ca-chain.pem', 'ec-root.pem', 'uccx1-tomcat.pem', 'uccx1-tomcat-ecdsa.pem'].map((name) => path.join(PROBE, name));
  const json = await runProbe(['--product', 'uccx', '--version', '11.5(1)', '--node', 'uccx1.example.com',
    '--resolve', 'uccx1.example.com=127.0.0.3', '--timeout', '2', ...plan]);
  // Hostile fields, as a tampered or odd file may carry them.
  json.targets[0].node = HOSTILE;
  json.targets[1].findings.at(-1).message = HOSTILE;
  dir = mkdtempSync(path.join(tmpdir(), 'certcheck-live-'));
  probeFile = path.join(dir, 'probe.json');
  writeFileSync(probeFile, JSON.stringify(json, null, 2));
  site = await serve();
  browser = await launch();
});

after(async () => {
  await browser?.close();
  site?.stop();
  servers.forEach((server) => server.close());
  if (dir) rmSync(dir, { recursive: true, force: true });
});

/** The live column's state of the checklist row for `url`. */
const liveOf = (page, url) => page.$eval(`#checklist tr[data-url="${url}"] .live-result`, (cell) => cell.dataset.live);

test('a dropped probe result shows what the servers present now beside the checklist', { timeout: 120_000 }, async () => {
  const { page, context, requests, errors } = await openPage(browser, site.origin);
  await dropFiles(page, [probeFile]);
  await page.waitForSelector('#live-section:not([hidden])');
  await page.waitForSelector('#status[data-state="checked"]');
  // The deployment came from the probe: the checklist lists the node's URLs.
  assert.equal(await page.inputValue('#ctx-product'), 'uccx');
  assert.equal(await liveOf(page, 'https://uccx1.example.com/appadmin/main'), 'planned');
  assert.equal(await liveOf(page, 'https://uccx1.example.com:7443/'), 'not-planned');
  assert.equal(await liveOf(page, 'https://uccx1.example.com:8445/'), 'unreachable');
  assert.ok(await page.isVisible('#checklist th.live-col'));
  const summary = await page.textContent('#live-summary');
  assert.match(summary, /6 URL\(s\): 2 reachable, 4 not; 1 as planned, 1 not/);
  const section = await page.textContent('#live-section');
  assert.ok(section.includes('a self-signed certificate'), 'the probe finding is shown');
  assert.ok(section.includes('Offering ECDSA signatures only'));
  // Hostile fields are text: shown as written, never markup.
  assert.ok(section.includes(HOSTILE));
  assert.equal(await page.$$eval('#live-section img, #checklist img', (nodes) => nodes.length), 0);
  assert.equal(await page.evaluate(() => window.__pwned), undefined);
  // The file was never sent to the checker: no "could not be read" for it.
  assert.ok(!(await page.textContent('#findings')).includes('probe.json'));
  assert.match(await page.textContent('#inputs'), /probe\.json — probe result/);
  assert.deepEqual(foreignRequests(requests, site.origin), []);
  assert.deepEqual(errors, []);

  // In Japanese, the page's words change; the probe's own messages stay in the probe's language.
  await page.selectOption('#lang', 'ja');
  await page.waitForFunction(() => document.querySelector('#live-title')?.textContent === 'サーバが現在提示しているもの');
  await page.waitForSelector('#status[data-state="checked"]');
  assert.match(await page.textContent('#live-summary'), /URL 6 件: 到達可能 2 件/);
  assert.match(await page.textContent('#checklist tr[data-url="https://uccx1.example.com:8445/"] .live-result'), /到達できません/);

  // Removing it removes the section and the column.
  await page.click('#inputs button[data-live]');
  await page.waitForSelector('#live-section', { state: 'hidden' });
  assert.equal(await page.isVisible('#checklist th.live-col'), false);
  await context.close();
});

test('a probe result dropped with the certificates: both are shown, the certificates checked', { timeout: 120_000 }, async () => {
  const { page, context } = await openPage(browser, site.origin, { bypassCSP: true });
  await dropFiles(page, [probeFile, path.join(PROBE, 'uccx1-tomcat.pem'), path.join(PROBE, 'ca-chain.pem')]);
  await page.waitForSelector('#status[data-state="checked"]');
  await page.waitForSelector('#live-section:not([hidden])');
  assert.equal(await liveOf(page, 'https://uccx1.example.com:7443/'), 'not-planned');
  // The certificates went to the checker: three certificates, no unreadable input.
  const cards = await page.$$eval('#items .card', (nodes) => nodes.length);
  assert.equal(cards, 3);
  await assertAccessible(page);
  await context.close();
});
