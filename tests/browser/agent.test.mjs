// The agent's page: the helpdesk link opens a to-do list without any file, with the fingerprint to
// compare before accepting, browser steps, and the admin parts folded away.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import { readdir } from 'node:fs/promises';
import { readFileSync } from 'node:fs';
import { X509Certificate } from 'node:crypto';
import { useBrowser, assertAccessible, openPage, waitForReport, dropFiles, FIXTURES, ROOT } from './helpers.mjs';
import en from '../../www/i18n/en.js';
import ja from '../../www/i18n/ja.js';
import ptBR from '../../www/i18n/pt-BR.js';
import zhTW from '../../www/i18n/zh-TW.js';

const env = useBrowser();
const LANGS = { en: ['en-US', en], ja: ['ja-JP', ja], 'pt-BR': ['pt-BR', ptBR], 'zh-TW': ['zh-TW', zhTW] };
const AGENT_LINK = '#product=uccx&version=12.5%281%29&node=uccx1.example.com&node=uccx2.example.com&view=agent';
const FP = '3D434900AB12CD34EF56AB12CD34EF56AB12CD34EF56AB12CD34EF56AB12CD34';
const AGENT_LINK_FP = `${AGENT_LINK}&fp=tomcat%3Auccx1.example.com%3A${FP}`;

const visibleRows = (page) => page.$$eval('#checklist tbody tr', (rows) => rows.filter((row) => !row.hidden).map((row) => ({
  url: row.dataset.url, text: row.textContent, link: row.querySelector('a')?.getAttribute('href'),
})));

for (const [lang, [locale, texts]] of Object.entries(LANGS)) {
  test(`${lang}: an agent link with no files shows the list at once, with browser steps and nothing else in the way`, async () => {
    const { page, context, errors } = await openPage(env.browser, env.server.origin, { locale, bypassCSP: true, url: `${env.server.origin}/index.html${AGENT_LINK}` });
    await waitForReport(page);
    const rows = await visibleRows(page);
    // Agents' rows of both nodes: AppAdmin, notification, Finesse, CUIC and Live Data each.
    assert.equal(rows.length, 10, JSON.stringify(rows));
    for (const row of rows) {
      assert.equal(row.link, row.url);
      assert.ok(row.text.includes(texts['agent.noFingerprint']), row.text);
      assert.ok(!row.text.includes(texts['outcome.notGiven']), row.text);
    }
    assert.ok(await page.isVisible('#agent-steps'));
    assert.equal(await page.textContent('#agent-steps-title'), texts['steps.title']);
    // With a fingerprint in the link, uccx1's tomcat rows say what it begins with, in this language.
    await page.goto(`${env.server.origin}/index.html${AGENT_LINK_FP}`);
    await page.waitForSelector('html[data-ready="true"]');
    await waitForReport(page);
    const begins = texts['agent.compare'].replace('{store}', 'tomcat').replace('{begins}', '3D:43:49:00');
    const hint = await page.textContent('tr[data-url="https://uccx1.example.com:7443/"] .fingerprint');
    assert.equal(hint, begins);
    assert.equal(await page.textContent('tr[data-url="https://uccx1.example.com:7443/"] .fingerprint-full code'), FP.match(/../g).join(':'));
    for (const hidden of ['#input-section', '#context-section', '#plan-section', '#ecdsa-section', '#tls-section', '#findings']) {
      assert.ok(!(await page.isVisible(hidden)), `${hidden} is in the agent's way`);
    }
    assert.ok(await page.isVisible('#lang'));
    // One control brings the admin parts back.
    await page.click('#admin-toggle');
    assert.ok(await page.isVisible('#context-section'));
    assert.equal(await page.getAttribute('#admin-toggle', 'aria-expanded'), 'true');
    await page.click('#admin-toggle');
    await assertAccessible(page);
    assert.deepEqual(errors, []);
    await context.close();
  });
}

test('the link made from dropped certificates carries the fingerprint of the certificate each node will present', async () => {
  const { page, context } = await openPage(env.browser, env.server.origin);
  await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: env.server.origin });
  await page.selectOption('#ctx-product', 'uccx');
  await page.fill('#ctx-version', '12.5(1)');
  await page.fill('#ctx-nodes', 'uccx1.example.com');
  await page.dispatchEvent('#ctx-nodes', 'change');
  const dir = path.join(FIXTURES, 'deployment', 'shared-key');
  await dropFiles(page, (await readdir(dir)).sort().map((name) => path.join(dir, name)));
  await waitForReport(page);
  // The new CA-signed certificate (not the old self-signed one) is what uccx1 will present.
  const fingerprint = (name) => new X509Certificate(readFileSync(path.join(dir, name))).fingerprint256;
  const sha256 = [null, fingerprint('uccx1-tomcat.pem')];
  assert.notEqual(sha256[1], fingerprint('uccx1-tomcat-old-selfsigned.pem'));
  await page.click('#copy-link');
  await page.waitForFunction(() => navigator.clipboard.readText().then((text) => text.includes('fp=')));
  const link = await page.evaluate(() => navigator.clipboard.readText());
  const hex = sha256[1].replace(/:/g, '');
  assert.ok(!link.includes(fingerprint('uccx1-tomcat-old-selfsigned.pem').replace(/:/g, '')), 'the superseded one is not in the link');
  assert.match(link, new RegExp(`fp=tomcat%3Auccx1\\.example\\.com%3A${hex}`));
  assert.match(link, /view=agent/);
  assert.ok(link.length < 2000, `${link.length} characters`);
  assert.ok(!/BEGIN|MII/.test(link));
  // The agent opens it: the rows tell what the fingerprint begins with, the full value one click away.
  const agent = await context.newPage();
  await agent.goto(link);
  await waitForReport(agent);
  const row = (await visibleRows(agent)).find((entry) => entry.url === 'https://uccx1.example.com:7443/');
  assert.ok(row.text.includes(`begins with ${sha256[1].slice(0, 11)}`), row.text);
  assert.equal(await agent.$eval('tr[data-url="https://uccx1.example.com:7443/"] .fingerprint-full code', (code) => code.textContent), sha256[1]);
  await context.close();
});

test('hostile values in the link are shown as text or ignored with a message', async () => {
  const hostile = `#product=uccx&node=${encodeURIComponent('<img src=x onerror="window.__xss=1">.example.com')}&node=uccx1.example.com`
    + `&fp=tomcat%3Auccx1.example.com%3A${'A'.repeat(200)}&fp=${encodeURIComponent('<b>x</b>')}&colour=red&view=agent`;
  const { page, context } = await openPage(env.browser, env.server.origin, { url: `${env.server.origin}/index.html${hostile}` });
  await waitForReport(page);
  assert.equal(await page.evaluate(() => window.__xss), undefined);
  assert.equal(await page.$$eval('img, b', (nodes) => nodes.length), 0);
  assert.match(await page.textContent('#status'), /3 value\(s\) of the link were not understood and are ignored/);
  // The good node still gets its list; no fingerprint was taken from the over-long value.
  const rows = await visibleRows(page);
  assert.ok(rows.some((row) => row.url === 'https://uccx1.example.com:8445/'));
  assert.equal(await page.$$eval('.fingerprint', (nodes) => nodes.length), 0);
  await context.close();
});

test('an agent list on a phone: rows readable, admin parts folded', async () => {
  const { page, context } = await openPage(env.browser, env.server.origin, { viewport: { width: 390, height: 844 }, url: `${env.server.origin}/index.html${AGENT_LINK}` });
  await waitForReport(page);
  assert.ok(!(await page.isVisible('#input-section')));
  const width = await page.evaluate(() => document.documentElement.scrollWidth);
  assert.ok(width <= 400, `page is ${width}px wide`);
  await context.close();
});

test('a UCCE link carries each Finesse server\'s fingerprint although the seeds leave its port open', async () => {
  const { page, context } = await openPage(env.browser, env.server.origin);
  await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: env.server.origin });
  await page.selectOption('#ctx-product', 'ucce');
  await page.fill('#ctx-version', '11.0(1)');
  await page.fill('#ctx-finesse', 'finesse-a.example.com\nfinesse-b.example.com');
  await page.dispatchEvent('#ctx-finesse', 'change');
  const dir = path.join(FIXTURES, 'good', 'ucce');
  await dropFiles(page, (await readdir(dir)).sort().map((name) => path.join(dir, name)));
  await page.waitForFunction(() => document.querySelectorAll('#checklist tbody tr').length > 0 && document.getElementById('status').dataset.state === 'checked');
  await page.click('#copy-link');
  await page.waitForFunction(() => navigator.clipboard.readText().then((text) => text.includes('fp=')));
  const link = await page.evaluate(() => navigator.clipboard.readText());
  for (const name of ['finesse-a', 'finesse-b']) {
    const hex = new X509Certificate(readFileSync(path.join(dir, `${name}.pem`))).fingerprint256.replace(/:/g, '');
    assert.match(link, new RegExp(`fp=tomcat%3A${name}\\.example\\.com%3A${hex}`));
  }
  await context.close();
});
