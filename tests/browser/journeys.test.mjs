// One story per user, as each would meet the page: a Brazilian admin dropping a CA's answer with an
// old MD5 set, a Japanese agent opening the helpdesk's link, a Taiwanese supervisor pasting a
// certificate on a phone, an English helpdesk building a UCCE link — what the first screen says,
// where focus lands, what the link carries, and that nothing on the page contradicts it.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import { readFileSync } from 'node:fs';
import { useBrowser, openPage, waitForReport, dropFiles, assertAccessible, FIXTURES } from './helpers.mjs';

const env = useBrowser();
const fixture = (...parts) => path.join(FIXTURES, ...parts);
const CUCMB1 = ['cucmb1.pem', 'ios-root.pem', 'uccx1-answer.pem'].map((name) => fixture('releases', 'cucmb1', name));

test('pt-BR admin: the first screen names each certificate\'s worst problems, the page moves to it, the plan says fix first', async () => {
  const { page, context } = await openPage(env.browser, env.server.origin, { locale: 'pt-BR', viewport: { width: 1366, height: 768 }, bypassCSP: true });
  await page.fill('#ctx-at', '2026-11-25');
  await page.dispatchEvent('#ctx-at', 'change');
  await dropFiles(page, CUCMB1);
  await waitForReport(page);
  // Focus and view move to the results; only the status line is live.
  assert.equal(await page.evaluate(() => document.activeElement && document.activeElement.id), 'results-title');
  assert.ok(await page.evaluate(() => document.getElementById('results').getBoundingClientRect().top < window.innerHeight / 2));
  assert.equal(await page.getAttribute('#results', 'aria-live'), null);
  assert.match(await page.textContent('#status'), /erros a corrigir antes do upload/);
  // The verdict per certificate: the worst first, its problems named, what to do.
  const first = await page.textContent('#verdicts li:first-child');
  assert.match(first, /^✖\s*.*CUCMB1/);
  assert.match(first, /expirado em 2016-01-08/);
  assert.match(first, /md5WithRSAEncryption/);
  assert.match(first, /não está no SAN/);
  assert.match(first, /peça um novo certificado/);
  // No contradiction: the plan says fix first on the failing certificates, the chain through the
  // MD5 link is not "complete", the card says what the plan does.
  const blocked = await page.$$eval('#plan .step[data-blocked="true"]', (steps) => steps.map((step) => step.textContent));
  assert.ok(blocked.some((text) => text.includes('CUCMB1') && text.includes('Corrija-o primeiro')), blocked.join('\n'));
  assert.equal(await page.$$eval('#chains .chain[data-complete="false"][data-end="root"]', (chains) => chains.length), 1);
  const card = await page.$eval('.card', (node) => node.textContent);
  assert.ok(card.length > 0);
  await assertAccessible(page);
  await context.close();
});

test('ja agent: the link says how many addresses, which will warn and what then; agent rows first; no citations', async () => {
  // The helpdesk's check: uccx1 CA-signed, uccx2 self-signed.
  const helpdesk = await openPage(env.browser, env.server.origin, { locale: 'en-US' });
  await helpdesk.context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: env.server.origin });
  await helpdesk.page.selectOption('#ctx-product', 'uccx');
  await helpdesk.page.fill('#ctx-version', '12.5(1)SU3');
  await helpdesk.page.fill('#ctx-nodes', 'uccx1.example.com\nuccx2.example.com');
  await helpdesk.page.fill('#ctx-at', '2026-11-25');
  await helpdesk.page.dispatchEvent('#ctx-at', 'change');
  await dropFiles(helpdesk.page, [fixture('good', 'rsa', 'uccx1-tomcat.pem'), fixture('good', 'rsa', 'ca-chain.pem'), fixture('deployment', 'md5-root', 'uccx2-tomcat-selfsigned.pem')]);
  await waitForReport(helpdesk.page);
  await helpdesk.page.click('#copy-link');
  await helpdesk.page.waitForFunction(() => navigator.clipboard.readText().then((text) => text.includes('out=')));
  const link = await helpdesk.page.evaluate(() => navigator.clipboard.readText());
  assert.match(link, /out=finesse%3Auccx2\.example\.com%3Aaccept%3A/);
  assert.match(link, /out=finesse%3Auccx1\.example\.com%3Atrusted%3A/);
  assert.ok(link.length < 2000, `${link.length} characters`);
  await helpdesk.context.close();

  const { page, context } = await openPage(env.browser, '', { locale: 'ja-JP', url: link, viewport: { width: 1366, height: 768 }, bypassCSP: true });
  await waitForReport(page);
  const summary = await page.textContent('#agent-summary');
  assert.match(summary, /開くアドレスは \d+ 件です。/);
  assert.match(summary, /件で警告が出ます/);
  const rows = await page.$$eval('#checklist tbody tr:not([hidden])', (trs) => trs.map((tr) => ({ url: tr.dataset.url, expect: tr.dataset.expect, text: tr.textContent })));
  assert.ok(!rows[0].url.includes('/appadmin/'), rows[0].url);
  const warned = rows.find((row) => row.url === 'https://uccx2.example.com:8445/');
  assert.equal(warned.expect, 'accept');
  assert.match(warned.text, /警告が出ます。フィンガープリントを比べてから受け入れてください。/);
  assert.match(warned.text, /Chrome, Edge：警告（先に進める）/);
  // No citations on the agent's view; the steps are beside the rows, not below them.
  assert.equal(await page.$$eval('#checklist .cite', (nodes) => nodes.filter((node) => node.offsetParent !== null).length), 0);
  const [steps, table] = await page.$$eval('#agent-steps, #checklist', (nodes) => nodes.map((node) => node.getBoundingClientRect().top));
  assert.ok(steps <= table + 1, `steps at ${steps}, rows at ${table}`);
  await assertAccessible(page);
  await context.close();
});

test('zh-TW supervisor on a phone: a pasted certificate is checked, the checklist is one card per address, nothing breaks mid-word', async () => {
  const { page, context } = await openPage(env.browser, env.server.origin, { locale: 'zh-TW', viewport: { width: 390, height: 844 } });
  await page.selectOption('#ctx-product', 'uccx');
  await page.fill('#ctx-version', '12.5(1)SU3');
  await page.fill('#ctx-nodes', 'uccx1.example.com');
  await page.dispatchEvent('#ctx-nodes', 'change');
  // As `show cert own tomcat` prints it: text around the PEM block.
  const pem = readFileSync(fixture('good', 'rsa', 'uccx1-tomcat.pem'), 'utf8');
  await page.fill('#paste', `admin:show cert own tomcat\n\n${pem}\nadmin:`);
  await page.click('#check-paste');
  await waitForReport(page);
  assert.equal(await page.evaluate(() => document.activeElement && document.activeElement.id), 'results-title');
  const layout = await page.$eval('#checklist tbody tr', (tr) => ({ display: getComputedStyle(tr).display, label: tr.children[2].dataset.label }));
  assert.equal(layout.display, 'block');
  assert.equal(layout.label, '出示的憑證');
  assert.ok(await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth) <= 1);
  // No word broken in two: each cell's text fits its width, or breaks at spaces only.
  const broken = await page.$$eval('#checklist td', (cells) => cells.filter((cell) => getComputedStyle(cell).overflowWrap === 'anywhere').length);
  assert.equal(broken, 0);
  await context.close();
});

test('en helpdesk: a UCCE form shows the UCCE fields only; the link appears beside the button, selected when the clipboard is blocked', async () => {
  const { page, context } = await openPage(env.browser, env.server.origin, { locale: 'en-US' });
  await page.selectOption('#ctx-product', 'ucce');
  assert.equal(await page.isVisible('#ucce-servers'), true);
  for (const hidden of ['#ctx-nodes', '#ctx-socialminer', '#ctx-mediasense', '#ctx-cucm']) {
    assert.equal(await page.isHidden(hidden), true, hidden);
  }
  await page.fill('#ctx-version', '12.6(2)');
  await page.fill('#ctx-finesse', 'finesse-a.example.com\nfinesse-b.example.com');
  await page.fill('#ctx-livedata', 'livedata-a.example.com');
  await page.dispatchEvent('#ctx-finesse', 'change');
  await page.waitForSelector('#checklist tbody tr');
  const urls = await page.$$eval('#checklist tbody tr', (rows) => rows.map((row) => row.dataset.url));
  assert.ok(urls.includes('https://finesse-a.example.com:7443/'), urls.join(' '));
  assert.match(await page.textContent('#checklist-missing'), /Live Data/);
  // The clipboard is not granted here: the field shows the link, selected for a manual copy.
  await page.evaluate(() => { navigator.clipboard.writeText = () => Promise.reject(new Error('blocked')); });
  await page.click('#copy-link');
  await page.waitForSelector('#agent-link:not([hidden])');
  const field = await page.evaluate(() => {
    const input = /** @type {HTMLInputElement} */ (document.getElementById('agent-link'));
    return { value: input.value, focused: document.activeElement === input, selected: input.selectionEnd - input.selectionStart };
  });
  assert.match(field.value, /#product=ucce&version=12\.6%282%29&finesse=finesse-a\.example\.com/);
  assert.ok(field.focused && field.selected === field.value.length);
  assert.match(await page.textContent('#copy-result'), /Ctrl\+C/);
  await context.close();
});
