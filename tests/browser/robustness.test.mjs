// Issue 8 through the page: a trapped core does not leave the page dead, large drops run off the
// main thread with a progress indicator while the page stays responsive, and limits are reported.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import fs from 'node:fs/promises';
import {
  useBrowser, openPage, waitForReport, dropFiles, ROOT, FIXTURES,
} from './helpers.mjs';

const env = useBrowser();

test('a panic in the core traps its worker; the page says so, restarts it and keeps working', async () => {
  const { page, context } = await openPage(env.browser, env.server.origin);
  // Serve the test build (it panics on an input named __panic__) in place of the real core.
  const built = path.join(ROOT, 'target', 'pkg-panic');
  await context.route('**/pkg/certcheck.js', async (route) => route.fulfill({
    contentType: 'text/javascript', body: await fs.readFile(path.join(built, 'certcheck.js')),
  }));
  await context.route('**/pkg/certcheck_bg.wasm', async (route) => route.fulfill({
    contentType: 'application/wasm', body: await fs.readFile(path.join(built, 'certcheck_bg.wasm')),
  }));
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

test('5 000 certificates are checked off the main thread with a progress indicator; the page stays responsive', async () => {
  const { page, context } = await openPage(env.browser, env.server.origin);
  const bundle = await fs.readFile('/etc/ssl/certs/ca-certificates.crt', 'utf8');
  const blocks = bundle.match(/-----BEGIN CERTIFICATE-----[\s\S]+?-----END CERTIFICATE-----\n/g);
  // The Debian CA bundle repeated to 5 000 certificates.
  const pile = Array.from({ length: Math.ceil(5000 / blocks.length) }, () => blocks.join('')).join('');
  const file = path.join(ROOT, 'target', 'pile-5000.pem');
  await fs.writeFile(file, pile);
  // Watch the main thread: the longest gap between timer ticks while the check runs.
  await page.evaluate(() => {
    window.__gaps = [];
    let last = performance.now();
    window.__ticker = setInterval(() => {
      const now = performance.now();
      window.__gaps.push(now - last);
      last = now;
    }, 20);
  });
  await dropFiles(page, [file]);
  await page.waitForSelector('#progress:not([hidden])');
  assert.match(await page.textContent('#progress-text'), /MB/);
  // The page answers while the worker checks: typing goes through at once.
  await page.fill('#ctx-socialminer', 'sm.example.com', { timeout: 2000 });
  await waitForReport(page);
  const longest = await page.evaluate(() => {
    clearInterval(window.__ticker);
    return Math.max(...window.__gaps.slice(1));
  });
  console.log(`# longest main-thread gap during the 5 000-certificate check: ${Math.round(longest)} ms`);
  assert.ok(longest < 500, `main thread blocked for ${Math.round(longest)} ms`);
  assert.equal(await page.isHidden('#progress'), true);
  assert.match(await page.textContent('#summary'), /\d+ certificate/);
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
