// Issue 15 through the page: the first check loads only the small first module (pkg-lite: no
// pure-Rust verifiers, no PKCS#12 decryption; WebCrypto verifies). A check that needs what it
// lacks — a signature WebCrypto refuses (bad, MD5, RSA-PSS), a broken CSR signature, a PKCS#12
// file — loads the full module (pkg) and gives exactly the report the full module gives alone
// (`?verify=wasm`: every signature verified by the core in wasm).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import fs from 'node:fs/promises';
import {
  useBrowser, openPage, waitForReport, shownFindingIds, dropFiles, FIXTURES,
} from './helpers.mjs';

const env = useBrowser();
const fixture = (...parts) => path.join(FIXTURES, ...parts);

const wasmFetched = (requests) => requests.filter((url) => url.endsWith('.wasm'))
  .map((url) => new URL(url).pathname.replace(/^\//, ''));

/** The report as a user reads it: the results' text and the findings shown. */
async function shown(page) {
  return {
    ids: await shownFindingIds(page),
    text: await page.$eval('#results', (results) => results.innerText),
  };
}

async function check(files, { url, locale, password, noWebCrypto = false } = {}) {
  const { page, context, requests, errors } = await openPage(env.browser, env.server.origin, { url, locale });
  if (noWebCrypto) {
    // As on a page served over plain HTTP from another host: browsers give WebCrypto to secure
    // contexts only. The worker is started again with crypto.subtle gone.
    await context.route('**/worker.js', async (route) => {
      const response = await route.fetch();
      const body = `Object.defineProperty(self.crypto, 'subtle', { value: undefined });\n${await response.text()}`;
      await route.fulfill({ response, body });
    });
    await page.reload();
    await page.waitForSelector('html[data-ready="true"]');
    requests.length = 0;
  }
  await page.fill('#ctx-at', '2026-11-25');
  await page.dispatchEvent('#ctx-at', 'change');
  await dropFiles(page, files);
  await waitForReport(page);
  if (password) {
    await page.fill('input[type="password"]', password);
    await page.press('input[type="password"]', 'Enter');
    await page.waitForSelector('.finding[data-id="input.pkcs12"]');
  }
  const report = await shown(page);
  await context.close();
  assert.deepEqual(errors, []);
  const texts = requests.filter((url) => /texts-[\w-]+\.json$/.test(url)).map((url) => new URL(url).pathname.replace(/^\//, ''));
  return { report, wasm: wasmFetched(requests), texts };
}

test('a good chain is checked by the first module alone: the full module is never fetched', async () => {
  const { report, wasm } = await check([fixture('good', 'rsa', 'ca-chain.pem'), fixture('input', 'uccx1.cer')]);
  assert.deepEqual(wasm, ['pkg-lite/certcheck_bg.wasm']);
  assert.ok(report.ids.includes('chain.ok'), report.ids.join());
});

test('in another language the first module fetches that language\'s texts only, and says what the full module says', async () => {
  const files = [fixture('good', 'rsa', 'ca-chain.pem'), fixture('good', 'rsa', 'uccx1-tomcat.pem'), fixture('good', 'rsa', 'uccx1-tomcat.csr')];
  for (const locale of ['ja-JP', 'pt-BR', 'zh-TW']) {
    const split = await check(files, { locale });
    const lang = locale === 'ja-JP' ? 'ja' : locale;
    assert.deepEqual(split.wasm, ['pkg-lite/certcheck_bg.wasm'], locale);
    assert.deepEqual(split.texts, [`pkg-lite/texts-${lang}.json`], locale);
    const alone = await check(files, { locale, url: `${env.server.origin}/index.html?verify=wasm` });
    assert.deepEqual(alone.texts, [], locale);
    assert.deepEqual(split.report, alone.report, locale);
  }
});

test('what the first module cannot decide goes to the full module, with the full module\'s report', async () => {
  const cases = [
    // WebCrypto refuses a bad signature; only the full module can tell bad from unsupported.
    { files: [fixture('rules', 'chain.bad_signature', 'fire')], expect: 'chain.bad_signature' },
    // MD5 is not in WebCrypto: a self-signed root whose key ids do not decide it.
    { files: [fixture('deployment', 'md5-root')] },
    // A CSR whose own signature is broken.
    { files: [fixture('input', 'broken-signature.csr')], expect: 'csr.bad_signature' },
    // RSA-PSS is not offered to WebCrypto.
    { files: [fixture('input', 'root-pss.pem')] },
    // PKCS#12 decryption is only in the full module.
    { files: [fixture('input', 'uccx1-nopass.p12')], expect: 'input.pkcs12' },
  ];
  for (const { files, expect } of cases) {
    const resolved = [];
    for (const file of files) {
      if ((await fs.stat(file)).isDirectory()) {
        for (const name of (await fs.readdir(file)).sort()) resolved.push(path.join(file, name));
      } else {
        resolved.push(file);
      }
    }
    const split = await check(resolved);
    assert.deepEqual(split.wasm, ['pkg-lite/certcheck_bg.wasm', 'pkg/certcheck_bg.wasm'], resolved.join());
    const alone = await check(resolved, { url: `${env.server.origin}/index.html?verify=wasm` });
    assert.deepEqual(alone.wasm, ['pkg/certcheck_bg.wasm']);
    assert.deepEqual(split.report, alone.report, resolved.join());
    if (expect) assert.ok(split.report.ids.includes(expect), `${resolved.join()}: ${split.report.ids.join()}`);
  }
});

test('a PKCS#12 file with a password opens in the full module, in Japanese too', async () => {
  const file = fixture('input', 'uccx1-aes.pfx');
  const split = await check([file], { locale: 'ja-JP', password: 'secret' });
  const alone = await check([file], { locale: 'ja-JP', password: 'secret', url: `${env.server.origin}/index.html?verify=wasm` });
  assert.deepEqual(split.report, alone.report);
  assert.ok(split.report.ids.includes('input.pkcs12'), split.report.ids.join());
  assert.match(split.report.text, /証明書/);
});

test('without WebCrypto (a page served over plain HTTP) every check goes to the full module, with its report', async () => {
  const files = [fixture('good', 'rsa', 'ca-chain.pem'), fixture('good', 'rsa', 'uccx1-tomcat.pem'), fixture('good', 'rsa', 'uccx1-tomcat.csr')];
  const split = await check(files, { noWebCrypto: true });
  assert.ok(split.wasm.includes('pkg/certcheck_bg.wasm'), split.wasm.join());
  const alone = await check(files, { url: `${env.server.origin}/index.html?verify=wasm` });
  assert.deepEqual(split.report, alone.report);
  assert.ok(split.report.ids.includes('chain.ok'), split.report.ids.join());
});
