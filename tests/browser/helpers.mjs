// Shared set-up for the browser tests: a static server (the same http-server package `npm start`
// uses) on a free loopback port, and Debian's Chromium driven by playwright-core.
import { spawn } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import { createServer } from 'node:net';
import { fileURLToPath } from 'node:url';
import path from 'node:path';
import { before, after } from 'node:test';
import assert from 'node:assert/strict';
import { chromium } from 'playwright-core';

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
export const FIXTURES = path.join(ROOT, 'tests', 'fixtures');

function freePort() {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

/** Serve `dir` (default www/) on 127.0.0.1; returns { origin, stop }. */
export async function serve(dir = path.join(ROOT, 'www')) {
  const port = await freePort();
  const bin = path.join(ROOT, 'node_modules', '.bin', 'http-server');
  const child = spawn(bin, [dir, '-a', '127.0.0.1', '-p', String(port), '-c-1', '-s'], {
    stdio: 'ignore',
  });
  const origin = `http://127.0.0.1:${port}`;
  for (let attempt = 0; attempt < 100; attempt += 1) {
    try {
      const response = await fetch(`${origin}/index.html`);
      if (response.ok) break;
    } catch {
      // not up yet
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  return { origin, stop: () => child.kill() };
}

/** Debian's Chromium, quiet: no GPU, no QUIC, no background traffic. */
export const CHROMIUM_ARGS = [
  '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
  '--disable-background-networking', '--disable-component-update', '--disable-sync',
];

export async function launch() {
  return chromium.launch({
    executablePath: process.env.CHROMIUM_PATH || '/usr/bin/chromium',
    args: CHROMIUM_ARGS,
  });
}

/**
 * Open the page; records every request so a test can assert nothing goes to another origin,
 * and every console error and CSP violation.
 */
export async function openPage(browser, origin, { locale = 'en-US', path: pagePath = '/index.html', viewport, bypassCSP = false, url } = {}) {
  const context = await browser.newContext({ locale, bypassCSP, viewport: viewport || { width: 1280, height: 720 } });
  const page = await context.newPage();
  const requests = [];
  const errors = [];
  page.on('request', (request) => requests.push(request.url()));
  page.on('pageerror', (error) => errors.push(String(error)));
  page.on('console', (message) => {
    if (message.type() === 'error') errors.push(message.text());
  });
  await page.goto(withVerify(url || origin + pagePath));
  await page.waitForSelector('html[data-ready="true"]');
  return { page, context, requests, errors };
}

/**
 * CERTCHECK_VERIFY=wasm runs the page tests with every signature verified by the core in wasm
 * (`?verify=wasm`) instead of WebCrypto first: `npm test` runs the browser tests both ways.
 * @param {string} url
 */
export function withVerify(url) {
  if (process.env.CERTCHECK_VERIFY !== 'wasm') return url;
  const [base, hash] = url.split('#');
  const joined = `${base}${base.includes('?') ? '&' : '?'}verify=wasm`;
  return hash === undefined ? joined : `${joined}#${hash}`;
}

export function foreignRequests(requests, origin) {
  return requests.filter((url) => !url.startsWith(origin + '/') && !url.startsWith('data:') && !url.startsWith('blob:'));
}

/** Wait until the page shows a report for `count` inputs. */
export async function waitForReport(page) {
  await page.waitForSelector('#status[data-state="checked"]');
  await page.waitForSelector('#results:not([hidden])');
}

/** Finding ids the page shows, in order. */
export async function shownFindingIds(page) {
  return page.$$eval('.finding', (nodes) => nodes.map((node) => node.getAttribute('data-id')));
}

/** Drop files on the drop zone exactly as a user's drag and drop does (a DataTransfer with Files). */
export async function dropFiles(page, files) {
  await dropTransfer(page, await fileTransfer(page, files));
}

/** Files as a DataTransfer inside the page (built on the page's main thread: do it before timing). */
export async function fileTransfer(page, files) {
  const payload = await Promise.all(files.map(async (file) => (
    { name: path.basename(file), data: (await readFile(file)).toString('base64') }
  )));
  return page.evaluateHandle((items) => {
    const dataTransfer = new DataTransfer();
    for (const item of items) {
      const binary = atob(item.data);
      const bytes = new Uint8Array(binary.length);
      for (let i = 0; i < binary.length; i += 1) bytes[i] = binary.charCodeAt(i);
      dataTransfer.items.add(new File([bytes], item.name));
    }
    return dataTransfer;
  }, payload);
}

/** Drag a DataTransfer over the drop zone and drop it, as a user would. */
export async function dropTransfer(page, transfer) {
  await page.dispatchEvent('#drop', 'dragenter', { dataTransfer: transfer });
  await page.dispatchEvent('#drop', 'dragover', { dataTransfer: transfer });
  await page.dispatchEvent('#drop', 'drop', { dataTransfer: transfer });
}

/** axe-core on the page: no serious or critical violation (the page must allow the script: bypassCSP). */
export async function assertAccessible(page) {
  await page.addScriptTag({ path: path.join(ROOT, 'node_modules', 'axe-core', 'axe.min.js') });
  const result = await page.evaluate(async () => window.axe.run(document, { resultTypes: ['violations'] }));
  const serious = result.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
  assert.deepEqual(serious.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).slice(0, 3).join(' | ')}`), []);
}

/** Start a server and a browser before the file's tests and stop them after; returns a live holder. */
export function useBrowser() {
  const env = { server: null, browser: null };
  before(async () => {
    env.server = await serve();
    env.browser = await launch();
  });
  after(async () => {
    await env.browser?.close();
    env.server?.stop();
  });
  return env;
}
