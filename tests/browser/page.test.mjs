// Issue 7 through the page: four languages (picked from the browser, switchable, remembered),
// accessibility (axe-core, keyboard), phone layout, and the single-file build opened from disk.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import {
  useBrowser, assertAccessible, openPage, waitForReport, dropFiles, serve, foreignRequests, ROOT, FIXTURES,
} from './helpers.mjs';
import en from '../../www/i18n/en.js';

const env = useBrowser();
// The language tests run the page hosted under a sub-path, as a helpdesk would host it.
let nested;
before(async () => { nested = await serve(ROOT); });
after(() => nested?.stop());
const LANGS = { en: 'en-US', ja: 'ja-JP', 'pt-BR': 'pt-BR', 'zh-TW': 'zh-TW' };
const rowFour = ['tomcat.pem', 'chain.pem', 'tomcat-ecdsa.pem'].map((name) => path.join(FIXTURES, 'rules', 'trust.mixed_selfsigned_ecdsa', 'fire', name));

async function fullReport(page) {
  await page.selectOption('#ctx-product', 'uccx');
  await page.fill('#ctx-version', '11.5(1)');
  await page.fill('#ctx-nodes', 'uccx1.example.com');
  await page.fill('#ctx-socialminer', 'sm.example.com');
  await page.fill('#ctx-at', '2026-11-25');
  await page.dispatchEvent('#ctx-at', 'change');
  await dropFiles(page, [...rowFour, path.join(FIXTURES, 'input', 'uccx1-aes.pfx'), path.join(FIXTURES, 'input', 'letter.doc'), path.join(FIXTURES, 'input', 'hostile.pem')]);
  await page.waitForSelector('#status[data-state="checked"]');
  await page.waitForSelector('.finding');
  // Cards are drawn in slices after the findings: wait for the last input's card.
  await page.waitForFunction(() => /onerror/.test(document.getElementById('items').textContent));
}

for (const [lang, locale] of Object.entries(LANGS)) {
  test(`${lang}: picked from the browser language, every text in it, no serious accessibility violation`, async () => {
    const { page, context, errors, requests } = await openPage(env.browser, nested.origin, { locale, bypassCSP: true, path: '/www/index.html' });
    assert.equal(await page.getAttribute('html', 'lang'), lang);
    assert.equal(await page.inputValue('#lang'), lang);
    await fullReport(page);
    // A certificate whose fields hold markup is shown as text, never run.
    assert.match(await page.textContent('#items'), /<img src=x onerror=/);
    assert.equal(await page.evaluate(() => window.__xss), undefined);
    assert.equal(await page.$$eval('#items img, #items script, #findings img, #checklist img', (nodes) => nodes.length), 0);
    assert.deepEqual(foreignRequests(requests, nested.origin), []);
    if (lang !== 'en') {
      // Static and generated texts are not English.
      assert.notEqual(await page.textContent('#input-title'), en['ui.inputTitle']);
      assert.notEqual(await page.textContent('.finding .sev-label'), en['severity.error']);
      const message = await page.textContent('.finding[data-id="trust.mixed_selfsigned_ecdsa"] .finding-message');
      assert.ok(!/accepting from the Live Data gadget/.test(message), message);
      assert.ok(!/Not checked|Will fail|Trusted/.test(await page.textContent('#checklist')));
    }
    // The on-screen error text users see stays as Cisco shows it.
    await assertAccessible(page);
    assert.deepEqual(errors, []);
    await context.close();
  });
}

test('the language can be switched, re-renders the report, and is remembered', async () => {
  const { page, context } = await openPage(env.browser, env.server.origin, { locale: 'en-US' });
  await fullReport(page);
  await page.selectOption('#lang', 'ja');
  await page.waitForFunction(() => document.documentElement.lang === 'ja');
  await page.waitForFunction((english) => document.getElementById('overview').textContent && !document.getElementById('overview').textContent.includes(english), 'error to fix');
  assert.notEqual(await page.textContent('#input-title'), en['ui.inputTitle']);
  await page.reload();
  await page.waitForSelector('html[data-ready="true"]');
  assert.equal(await page.inputValue('#lang'), 'ja');
  assert.equal(await page.getAttribute('html', 'lang'), 'ja');
  await context.close();
});

for (const [lang, locale] of Object.entries(LANGS)) test(`${lang}: by keyboard: paste and check, and the file picker is in the tab order`, async () => {
  const { page, context } = await openPage(env.browser, env.server.origin, { locale });
  await page.focus('#paste');
  await page.keyboard.insertText((await import('node:fs')).readFileSync(path.join(FIXTURES, 'good', 'rsa', 'ca-chain.pem'), 'utf8'));
  await page.keyboard.press('Tab');
  assert.equal(await page.evaluate(() => document.activeElement.id), 'check-paste');
  await page.keyboard.press('Enter');
  await waitForReport(page);
  assert.ok(await page.isVisible('#plan-section'));
  // The file picker is reachable by keyboard (a real <input type=file>, visually hidden).
  await page.focus('#load-example');
  await page.keyboard.press('Shift+Tab');
  await page.keyboard.press('Shift+Tab');
  await page.keyboard.press('Shift+Tab');
  assert.equal(await page.evaluate(() => document.activeElement.id), 'file-picker');
  await context.close();
});

for (const [lang, locale] of Object.entries(LANGS)) test(`${lang}: readable on a phone: nothing wider than the screen`, async () => {
  const { page, context } = await openPage(env.browser, env.server.origin, { locale, viewport: { width: 390, height: 844 } });
  await fullReport(page);
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  assert.ok(overflow <= 1, `page is ${overflow}px wider than the phone screen`);
  await context.close();
});

for (const [lang, locale] of Object.entries(LANGS)) test(`${lang}: the single-file build works opened from disk, offline, with its own strict CSP`, async () => {
  const file = pathToFileURL(path.join(ROOT, 'dist', 'certcheck.html')).href;
  const { page, context, requests, errors } = await openPage(env.browser, '', { url: file, locale });
  assert.match(await page.getAttribute('meta[http-equiv="Content-Security-Policy"]', 'content'), /script-src 'sha256-[^']+' 'wasm-unsafe-eval'/);
  assert.equal(await page.$$eval('script[src], link[rel=stylesheet]', (nodes) => nodes.length), 0);
  assert.equal(await page.getAttribute('html', 'lang'), lang);
  await page.click('#load-example');
  await page.waitForSelector('#results:not([hidden])');
  await page.waitForSelector('.finding[data-id="chain.ok"]');
  await dropFiles(page, [path.join(FIXTURES, 'input', 'hostile.pem')]);
  await page.waitForFunction(() => document.querySelectorAll('.card').length >= 4);
  assert.equal(await page.evaluate(() => window.__xss), undefined);
  assert.ok(requests.every((url) => url.startsWith('file:') || url.startsWith('data:') || url.startsWith('blob:')), requests.join());
  assert.deepEqual(errors, []);
  await context.close();
});

for (const [lang, locale] of Object.entries(LANGS)) test(`${lang}: helpdesk copies a link that carries the deployment, never certificates`, async () => {
  const { page, context } = await openPage(env.browser, env.server.origin, { locale });
  await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: env.server.origin });
  await fullReport(page);
  await page.selectOption('#view', 'agent');
  await page.click('#copy-link');
  await page.waitForFunction(() => navigator.clipboard.readText().then((text) => text.includes('#product=')));
  const link = await page.evaluate(() => navigator.clipboard.readText());
  assert.notEqual(await page.textContent('#status'), '');
  assert.match(link, /#product=uccx&version=11\.5%281%29&node=uccx1\.example\.com/);
  assert.match(link, /view=agent/);
  assert.ok(!/BEGIN|MII|tomcat\.pem|aes\.pfx/.test(link), link);
  // Certificate details fold away; the role stays in view.
  assert.ok(await page.isVisible('.card-role'));
  await context.close();
});

test('a Simplified Chinese browser gets English, not the Taiwan texts', async () => {
  const { page, context } = await openPage(env.browser, env.server.origin, { locale: 'zh-CN' });
  assert.equal(await page.getAttribute('html', 'lang'), 'en');
  assert.equal(await page.inputValue('#lang'), 'en');
  await context.close();
});

// Issue 18 through the page: what a Japanese or Taiwanese user reads after dropping damaged and
// unsupported files holds no English sentence (reasons are rendered in the page's language), the
// integrations read as whole sentences, and the sources are documents, not file names.
for (const [lang, locale] of [['ja', 'ja-JP'], ['zh-TW', 'zh-TW']]) test(`${lang}: reasons for damaged and unsupported files are in ${lang}, and the integrations are whole sentences`, async () => {
  const { page, context } = await openPage(env.browser, env.server.origin, { locale });
  // A product but no server names: the generic integration sentences (every first use).
  await page.selectOption('#ctx-product', 'uccx');
  await page.fill('#ctx-version', '12.5(1)');
  await page.dispatchEvent('#ctx-version', 'change');
  const inputs = ['damaged-base64.pem', 'uccx1-sha3-mac.p12', 'key-rsa.der', 'broken-signature.csr', 'letter.doc'];
  await dropFiles(page, inputs.map((name) => path.join(FIXTURES, 'input', name)));
  await waitForReport(page);
  await page.evaluate(() => document.querySelectorAll('details').forEach((node) => { node.open = true; }));
  // The sources are in their documents' languages (a Portuguese title on a Japanese page): not ours.
  const texts = await page.$$eval('.finding-message, .finding-fix, .card-details dd, #integrations li', (nodes) => nodes.map((node) => {
    const copy = /** @type {HTMLElement} */ (node.cloneNode(true));
    copy.querySelectorAll('.cite').forEach((cite) => cite.remove());
    return copy.textContent;
  }));
  assert.ok(texts.length > 10, `${texts.length} texts`);
  // Two lowercase English words in a row, outside a framed parser detail and the on-screen error.
  const english = texts.map((text) => text.replace(/（詳細(資訊)?[:：][^）]*）|「[^」]*」|“[^”]*”|utils system restart/g, ' '))
    .filter((text) => /\b[a-z]{2,} [a-z]{2,}\b/.test(text));
  assert.deepEqual(english, []);
  const integrations = await page.textContent('#integrations');
  assert.match(integrations, /MediaSense/);
  assert.doesNotMatch(integrations, /MediaSense の MediaSense|MediaSense 的兩張 MediaSense|（UCCX）|（MediaSense）/);
  assert.doesNotMatch(await page.evaluate(() => document.body.innerText), /\d{3}_[0-9a-f]{16}\.txt/);
  await context.close();
});
