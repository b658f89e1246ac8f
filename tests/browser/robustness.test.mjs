// Issue 8 through the page: a trapped core does not leave the page dead, large drops run off the
// main thread with a progress indicator while the page stays responsive, and limits are reported.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import fs from 'node:fs/promises';
import {
  useBrowser, openPage, waitForReport, dropFiles, fileTransfer, dropTransfer, ROOT, FIXTURES,
} from './helpers.mjs';

const env = useBrowser();

test('a panic in the core traps its worker; the page says so, restarts it and keeps working', async () => {
  const { page, context } = await openPage(env.browser, env.server.origin);
  // Serve the test builds (they panic on an input named __panic__) in place of the real modules:
  // the first module, where the check starts, and the full one.
  for (const [folder, built] of [['pkg', 'pkg-panic'], ['pkg-lite', 'pkg-panic-lite']]) {
    const dir = path.join(ROOT, 'target', built);
    await context.route(`**/${folder}/certcheck.js`, async (route) => route.fulfill({
      contentType: 'text/javascript', body: await fs.readFile(path.join(dir, 'certcheck.js')),
    }));
    await context.route(`**/${folder}/certcheck_bg.wasm`, async (route) => route.fulfill({
      contentType: 'application/wasm', body: await fs.readFile(path.join(dir, 'certcheck_bg.wasm')),
    }));
  }
  await page.reload();
  await page.waitForSelector('html[data-ready="true"]');
  await page.fill('#paste', 'anything');
  await page.evaluate(() => {
    // A paste named like the trigger: the page names pastes itself, so drop a file instead.
    const transfer = new DataTransfer();
    transfer.items.add(new File(['x'], '__panic__'));
    document.getElementById('drop').dispatchEvent(new DragEvent('drop', { dataTransfer: transfer, bubbles: true, cancelable: true }));
  });
  await page.waitForFunction(() => /restarted/.test(document.getElementById('status').textContent));
  assert.equal(await page.isHidden('#progress'), true);
  // The same page checks the next input normally.
  await page.click('#clear');
  await dropFiles(page, [path.join(FIXTURES, 'good', 'rsa', 'ca-chain.pem')]);
  await waitForReport(page);
  assert.equal(await page.$$eval('.card', (cards) => cards.length), 2);
  await context.close();
});

/** The Debian CA bundle's certificates as PEM blocks. */
async function caBlocks() {
  const bundle = await fs.readFile('/etc/ssl/certs/ca-certificates.crt', 'utf8');
  return bundle.match(/-----BEGIN CERTIFICATE-----[\s\S]+?-----END CERTIFICATE-----\n/g);
}

/** Watch the main thread: record the gaps between 20 ms timer ticks until `stopWatching`. */
async function startWatching(page) {
  await page.evaluate(() => {
    window.__gaps = [];
    let last = performance.now();
    window.__ticker = setInterval(() => {
      const now = performance.now();
      window.__gaps.push(now - last);
      last = now;
    }, 20);
  });
}

/** The longest gap seen; the page must never have stopped answering for 500 ms. */
async function stopWatching(page, what) {
  const longest = await page.evaluate(() => {
    clearInterval(window.__ticker);
    return Math.max(...window.__gaps.slice(1));
  });
  console.log(`# longest main-thread gap during ${what}: ${Math.round(longest)} ms`);
  assert.ok(longest < 500, `main thread blocked for ${Math.round(longest)} ms during ${what}`);
}

/** While the worker checks: the progress indicator shows and typing goes through at once. */
async function answersWhileChecking(page) {
  await page.waitForSelector('#progress:not([hidden])');
  assert.match(await page.textContent('#progress-text'), /MB/);
  // (The paste box: a context field would re-run the check when it loses focus.)
  await page.fill('#paste', 'typed while checking', { timeout: 2000 });
  await waitForReport(page);
  assert.equal(await page.isHidden('#progress'), true);
}

test('5 000 certificates are checked off the main thread with a progress indicator; the page stays responsive', async () => {
  const { page, context } = await openPage(env.browser, env.server.origin);
  const blocks = await caBlocks();
  // The Debian CA bundle repeated to 5 000 certificates.
  const pile = Array.from({ length: Math.ceil(5000 / blocks.length) }, () => blocks.join('')).join('');
  const file = path.join(ROOT, 'target', 'pile-5000.pem');
  await fs.writeFile(file, pile);
  const transfer = await fileTransfer(page, [file]);
  await startWatching(page);
  await dropTransfer(page, transfer);
  await answersWhileChecking(page);
  await stopWatching(page, 'the 5 000-certificate check');
  assert.match(await page.textContent('#summary'), /\d+ certificate/);
  // A page of cards at a time: the next on request, the count of those still hidden on the button.
  const cards = () => page.$$eval('#items .card', (found) => found.length);
  await page.waitForSelector('#items + .show-more:not([hidden])');
  assert.equal(await cards(), 300);
  assert.match(await page.textContent('#items + .show-more'), /Show 300 more \(4[0-9]{3} not shown yet\)/);
  await page.click('#items + .show-more');
  await page.waitForFunction(() => document.querySelectorAll('#items .card').length === 600);
  assert.equal(await page.$$eval('#findings .show-more', (found) => found.length), 1, 'findings are paged too');
  await context.close();
});

test('a 10 MB paste is checked off the main thread with a progress indicator; the page stays responsive', async () => {
  const { page, context } = await openPage(env.browser, env.server.origin);
  const blocks = await caBlocks();
  let text = '';
  for (let i = 0; text.length < 10 * 1024 * 1024; i += 1) text += blocks[i % blocks.length];
  // Ctrl+V into the paste box: a paste event carrying the clipboard's text. A paste this large
  // goes straight to the checker, never into the box.
  await page.focus('#paste');
  const clipboard = await page.evaluateHandle((value) => {
    const data = new DataTransfer();
    data.setData('text/plain', value);
    return data;
  }, text);
  await startWatching(page);
  await page.evaluate((data) => {
    const event = new ClipboardEvent('paste', { clipboardData: data, bubbles: true, cancelable: true });
    document.getElementById('paste').dispatchEvent(event);
  }, clipboard);
  await answersWhileChecking(page);
  await stopWatching(page, 'the 10 MB paste');
  const count = (text.match(/BEGIN CERTIFICATE/g) || []).length;
  assert.equal(await page.$$eval('#inputs li', (items) => items.length), 1, 'one paste listed');
  assert.match(await page.textContent('#summary'), /\d+ certificate/);
  assert.equal(await page.inputValue('#paste'), 'typed while checking', 'the 10 MB never went into the box');
  console.log(`# 10 MB paste: ${count} certificates`);
  await context.close();
});

test('over-limit inputs get a clear per-item message while the rest is checked', async () => {
  const { page, context } = await openPage(env.browser, env.server.origin);
  const big = path.join(ROOT, 'target', 'too-big.pem');
  await fs.writeFile(big, Buffer.alloc(16 * 1024 * 1024 + 1, 0x41));
  await dropFiles(page, [big, path.join(FIXTURES, 'good', 'rsa', 'uccx1-tomcat.pem')]);
  await waitForReport(page);
  assert.match(await page.textContent('.card[data-kind="garbage"]'), /16777217 bytes; the limit for one file or paste is 16777216 bytes/);
  assert.equal(await page.$$eval('.card[data-kind="certificate"]', (cards) => cards.length), 1);
  await context.close();
});
