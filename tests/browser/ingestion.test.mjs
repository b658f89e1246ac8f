// Issue 3 through the page, as a user does it: drop files, paste text, load the example.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import fs from 'node:fs/promises';
import {
  serve, useBrowser, openPage, waitForReport, shownFindingIds, dropFiles, foreignRequests, FIXTURES, ROOT,
} from './helpers.mjs';

const env = useBrowser();

const input = (name) => path.join(FIXTURES, 'input', name);

test('load example shows a real result with certificate and CSR cards', async () => {
  const { page, requests, errors, context } = await openPage(env.browser, env.server.origin);
  await page.click('#load-example');
  await waitForReport(page);
  const kinds = await page.$$eval('.card', (cards) => cards.map((card) => card.dataset.kind));
  assert.deepEqual(kinds, ['certificate', 'certificate', 'certificate', 'csr']);
  const titles = await page.$$eval('.card-title', (nodes) => nodes.map((node) => node.textContent));
  assert.ok(titles.some((title) => title.startsWith('uccx1.example.com')), titles.join());
  assert.match(await page.textContent('#summary'), /3 certificate\(s\), 1 CSR\(s\)/);
  assert.deepEqual(foreignRequests(requests, env.server.origin), []);
  assert.deepEqual(errors, []);
  await context.close();
});

test('a dropped chain, DER, PKCS#7 and a Word file each give the right cards and findings', async () => {
  const { page, requests, context } = await openPage(env.browser, env.server.origin);
  await dropFiles(page, [input('chain.pem'), input('bundle.p7b'), input('letter.doc'), input('uccx1-csr.der')]);
  await waitForReport(page);
  const kinds = await page.$$eval('.card', (cards) => cards.map((card) => card.dataset.kind));
  assert.deepEqual(kinds, ['certificate', 'certificate', 'certificate', 'certificate', 'certificate', 'certificate', 'garbage', 'csr']);
  const ids = await shownFindingIds(page);
  assert.equal(ids[0], 'input.garbage', 'errors come first');
  for (const id of ['input.der', 'input.pkcs7', 'input.duplicate']) assert.ok(ids.includes(id), `${id} in ${ids}`);
  const garbage = await page.textContent('.card[data-kind="garbage"]');
  assert.match(garbage, /Office document/);
  assert.deepEqual(foreignRequests(requests, env.server.origin), []);
  await context.close();
});

test('a pasted CSR gives a CSR card with its requested names and a valid signature', async () => {
  const { page, context } = await openPage(env.browser, env.server.origin);
  await page.fill('#paste', await fs.readFile(input('uccx1.csr'), 'utf8'));
  await page.click('#check-paste');
  await waitForReport(page);
  const card = await page.textContent('.card[data-kind="csr"]');
  assert.match(card, /uccx1\.example\.com, example\.com/);
  assert.match(card, /valid/);
  // On its own, the CSR gets its pre-flight: the names the CA must issue.
  assert.deepEqual(await shownFindingIds(page), ['csr.san_to_copy']);
  await context.close();
});

test('a pasted private key is reported, and never displayed or kept', async () => {
  const { page, requests, context } = await openPage(env.browser, env.server.origin);
  const key = await fs.readFile(input('key-and-cert.pem'), 'utf8');
  await page.fill('#paste', key);
  await page.click('#check-paste');
  await waitForReport(page);
  // The certificate beside the key has no issuer in the paste: the chain stops below its root.
  assert.deepEqual(await shownFindingIds(page), ['input.private_key_present', 'chain.root_missing']);
  assert.equal(await page.inputValue('#paste'), '', 'the paste box is emptied');
  const body = await page.textContent('body');
  const keyLine = key.split('\n')[1];
  assert.ok(!body.includes(keyLine), 'no key material on the page');
  const html = await page.content();
  assert.ok(!html.includes(keyLine.slice(0, 30)));
  const stored = await page.evaluate(() => JSON.stringify({ ...localStorage }) + JSON.stringify({ ...sessionStorage }));
  assert.ok(!stored.includes(keyLine.slice(0, 30)));
  assert.deepEqual(foreignRequests(requests, env.server.origin), []);
  await context.close();
});

test('damaged, cut-off and empty pastes get per-item messages while the rest is checked', async () => {
  const { page, context } = await openPage(env.browser, env.server.origin);
  await page.fill('#paste', await fs.readFile(input('damaged-base64.pem'), 'utf8'));
  await page.click('#check-paste');
  await waitForReport(page);
  const kinds = await page.$$eval('.card', (cards) => cards.map((card) => card.dataset.kind));
  assert.deepEqual(kinds, ['garbage', 'certificate']);
  assert.match(await page.textContent('.card[data-kind="garbage"]'), /base64 text is damaged/);
  await page.fill('#paste', await fs.readFile(input('cut-off.pem'), 'utf8'));
  await page.click('#check-paste');
  await page.waitForFunction(() => document.querySelectorAll('.card').length === 4);
  assert.match(await page.textContent('#items'), /no -----END CERTIFICATE----- line/);
  await context.close();
});

test('PKCS#12 and every private-key form dropped together are named, not garbage', async () => {
  const { page, context } = await openPage(env.browser, env.server.origin);
  await dropFiles(page, [
    input('uccx1-aes.pfx'), input('key-pkcs8.der'), input('key-encrypted.pem'), input('key-ec.pem'),
    input('root-trusted.pem'), input('chain-utf16.txt'),
  ]);
  await waitForReport(page);
  const kinds = await page.$$eval('.card', (cards) => cards.map((card) => card.dataset.kind));
  assert.deepEqual(kinds, ['pkcs12', 'private-key', 'private-key', 'private-key', 'certificate', 'certificate', 'certificate']);
  const ids = await shownFindingIds(page);
  assert.ok(!ids.includes('input.garbage'), ids.join());
  assert.equal(ids.filter((id) => id === 'input.private_key_present').length, 3);
  await context.close();
});

test('certificate fields holding markup are shown as text, never run', async () => {
  const { page, context } = await openPage(env.browser, env.server.origin);
  await dropFiles(page, [input('hostile.pem')]);
  await waitForReport(page);
  assert.match(await page.textContent('#items'), /<img src=x onerror=/);
  assert.equal(await page.evaluate(() => window.__xss), undefined);
  assert.equal(await page.$$eval('#items img, #items script, #items b', (nodes) => nodes.length), 0);
  await context.close();
});

test('the page ships a strict Content-Security-Policy and uses relative paths only', async () => {
  const html = await fs.readFile(path.join(ROOT, 'www', 'index.html'), 'utf8');
  const csp = /Content-Security-Policy" content="([^"]+)"/.exec(html)?.[1] || '';
  assert.match(csp, /default-src 'none'/);
  assert.match(csp, /script-src 'self' 'wasm-unsafe-eval'/);
  assert.doesNotMatch(csp, /unsafe-inline/);
  assert.doesNotMatch(html, /<script>(?!<)/, 'no inline script');
  assert.doesNotMatch(html, /(src|href)="\//, 'relative paths only');
});

test('the page works when hosted under a sub-path', async () => {
  const nested = await serve(ROOT);
  try {
    const { page, requests, context } = await openPage(env.browser, nested.origin, { path: '/www/index.html' });
    await page.click('#load-example');
    await waitForReport(page);
    assert.equal(await page.$$eval('.card', (cards) => cards.length), 4);
    assert.ok(requests.every((url) => !url.startsWith(nested.origin + '/') || url.startsWith(nested.origin + '/www/')), requests.join());
    await context.close();
  } finally {
    nested.stop();
  }
});
