// Issue 6 through the page: overview first, the per-port checklist (filterable, shareable), the
// ECDSA verdict, integrations, TLS, exports, and the opt-in "test from this PC".
import { test } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import fs from 'node:fs/promises';
import {
  useBrowser, openPage, waitForReport, shownFindingIds, dropFiles, foreignRequests, FIXTURES,
} from './helpers.mjs';

const env = useBrowser();
const fixture = (...parts) => path.join(FIXTURES, ...parts);
const rowFour = ['tomcat.pem', 'chain.pem', 'tomcat-ecdsa.pem'].map((name) => fixture('rules', 'trust.mixed_selfsigned_ecdsa', 'fire', name));

async function setContext(page, { product = 'uccx', version = '', nodes = [], extra = {} }) {
  await page.selectOption('#ctx-product', product);
  await page.fill('#ctx-version', version);
  // The form shows the chosen product's fields only: the others are set as the form holds them.
  const set = (field, value) => page.$eval(`#ctx-${field}`, (element, text) => { element.value = text; }, value);
  await set('nodes', nodes.join('\n'));
  for (const [field, value] of Object.entries(extra)) await set(field, value);
  await page.fill('#ctx-at', '2026-11-25');
  await page.dispatchEvent('#ctx-at', 'change');
}

async function checklistRows(page) {
  return page.$$eval('#checklist tbody tr', (rows) => rows.map((row) => ({
    url: row.dataset.url,
    endpoint: row.dataset.endpoint,
    outcome: row.className.replace('outcome-', ''),
    hidden: row.hidden,
    text: row.textContent,
  })));
}

test('UCCX 11.5 with a self-signed tomcat-ECDSA: overview, failing Live Data row, table row 4, TLS', async () => {
  const { page, context, requests } = await openPage(env.browser, env.server.origin);
  await setContext(page, { version: '11.5(1)', nodes: ['uccx1.example.com'] });
  await dropFiles(page, rowFour);
  await waitForReport(page);
  assert.match(await page.textContent('#overview'), /^1 error to fix before upload;.*1 URL will fail in agents' browsers/);
  const rows = await checklistRows(page);
  assert.deepEqual(rows.map((row) => row.url), [
    'https://uccx1.example.com/appadmin/main', 'https://uccx1.example.com:7443/', 'https://uccx1.example.com:8445/',
    'https://uccx1.example.com:8445/cfadmin', 'https://uccx1.example.com:8444/', 'https://uccx1.example.com:12015/',
  ]);
  const live = rows.find((row) => row.endpoint === 'live-data');
  assert.equal(live.outcome, 'fails');
  assert.match(live.text, /Live Data gadget fails/);
  assert.equal(await page.getAttribute('#checklist a[href="https://uccx1.example.com:12015/"]', 'rel'), 'noopener noreferrer');
  assert.equal(await page.$eval('.ecdsa-table tr.matched', (row) => row.dataset.row), '4');
  assert.match(await page.textContent('#ecdsa'), /UCCX ECDSA COP/);
  assert.match(await page.textContent('#tls'), /As client \(scripts, Finesse workflows, gadgets\): TLS 1\.0\./);
  assert.ok((await shownFindingIds(page)).includes('tls.client_tls10_only'));
  assert.match(await page.textContent('#integrations'), /SocialMiner tomcat certificate/);
  // Nothing went anywhere: the probe was not started.
  assert.deepEqual(foreignRequests(requests, env.server.origin), []);
  await context.close();
});

test('agents see only their rows, and the link carries that view to them', async () => {
  const { page, context } = await openPage(env.browser, env.server.origin);
  await setContext(page, { version: '12.5(1)', nodes: ['uccx1.example.com', 'uccx2.example.com'] });
  await dropFiles(page, [fixture('good', 'rsa', 'uccx1-tomcat.pem'), fixture('good', 'rsa', 'ca-chain.pem')]);
  await waitForReport(page);
  assert.equal((await checklistRows(page)).length, 12);
  await page.selectOption('#view', 'agent');
  const visible = (await checklistRows(page)).filter((row) => !row.hidden);
  assert.ok(visible.every((row) => !row.url.endsWith('/cfadmin')), 'Finesse admin rows hidden from agents');
  assert.equal(visible.length, 10);
  const link = await page.evaluate(() => location.href);
  assert.match(link, /view=agent/);
  assert.match(link, /node=uccx2\.example\.com/);
  // The agent opens the link: same deployment, agent rows only.
  const agent = await openPage(env.browser, env.server.origin, { path: `/index.html#${link.split('#')[1]}` });
  assert.equal(await agent.page.inputValue('#view'), 'agent');
  await dropFiles(agent.page, [fixture('good', 'rsa', 'uccx1-tomcat.pem'), fixture('good', 'rsa', 'ca-chain.pem')]);
  await waitForReport(agent.page);
  assert.equal((await checklistRows(agent.page)).filter((row) => !row.hidden).length, 10);
  await agent.context.close();
  await context.close();
});

test('UCCX 10.6 has no Live Data row and no ECDSA table', async () => {
  const { page, context } = await openPage(env.browser, env.server.origin);
  await setContext(page, { version: '10.6(1)SU2', nodes: ['uccx1.example.com'] });
  await dropFiles(page, [fixture('good', 'rsa', 'uccx1-tomcat.pem'), fixture('good', 'rsa', 'ca-chain.pem')]);
  await waitForReport(page);
  const rows = await checklistRows(page);
  assert.equal(rows.length, 5);
  assert.ok(rows.every((row) => !row.url.includes(':12015') && row.outcome === 'trusted'));
  assert.equal(await page.$$eval('.ecdsa-table', (tables) => tables.length), 0);
  assert.match(await page.textContent('#ecdsa'), /Before 11.5 there is no tomcat-ECDSA certificate/);
  await context.close();
});

test('a MediaSense context says why there is no checklist and how to get one', async () => {
  const { page, context } = await openPage(env.browser, env.server.origin);
  await setContext(page, { product: 'mediasense', version: '11.5(1)', nodes: ['ms1.example.com'] });
  await dropFiles(page, [fixture('good', 'rsa', 'uccx1-tomcat.pem'), fixture('good', 'rsa', 'ca-chain.pem')]);
  await waitForReport(page);
  assert.equal((await checklistRows(page)).length, 0);
  assert.equal(await page.isHidden('#checklist'), true);
  assert.match(await page.textContent('#checklist-missing'), /MediaSense itself.*choose UCCX or UCCE/);
  await context.close();
});

test('a UCCE 11.0 pair: typed servers, per-server rows, shared-root integration', async () => {
  const { page, context } = await openPage(env.browser, env.server.origin);
  assert.equal(await page.isHidden('#ucce-servers'), true);
  await page.selectOption('#ctx-product', 'ucce');
  assert.equal(await page.isVisible('#ucce-servers'), true);
  await setContext(page, {
    product: 'ucce', version: '11.0(1)',
    extra: { finesse: 'finesse-a.example.com\nfinesse-b.example.com', cuic: 'cuic-a.example.com\ncuic-b.example.com', livedata: 'livedata-a.example.com\nlivedata-b.example.com' },
  });
  await dropFiles(page, [fixture('good', 'ucce', 'finesse-a.pem'), fixture('good', 'ucce', 'finesse-b.pem'), fixture('good', 'ucce', 'ca-chain.p7b')]);
  await waitForReport(page);
  const rows = await checklistRows(page);
  // Finesse: desktop, notification service (:7443), admin, OS Administration — per server.
  assert.equal(rows.length, 14);
  assert.ok(rows.some((row) => row.url === 'https://finesse-b.example.com:8445/' && row.outcome === 'trusted'));
  assert.ok(rows.some((row) => row.url === 'https://finesse-a.example.com:7443/' && row.outcome === 'trusted'));
  assert.match(await page.textContent('#checklist-missing'), /Live Data/);
  assert.ok(rows.some((row) => row.url === 'https://cuic-a.example.com:8443/cmplatform'));
  assert.match(await page.textContent('#integrations'), /same root/);
  assert.match(await page.textContent('.plan-node[data-node="finesse-b.example.com"]'), /finesse-a\.example\.com replicate/);
  assert.ok(await page.evaluate(() => location.hash.includes('finesse=finesse-a.example.com')));
  await context.close();
});

test('exports: CSV, Markdown (download and copy) and a print view without the forms', async () => {
  const { page, context } = await openPage(env.browser, env.server.origin);
  await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: env.server.origin });
  await setContext(page, { version: '11.5(1)', nodes: ['uccx1.example.com'] });
  await dropFiles(page, rowFour);
  await waitForReport(page);
  const [csv] = await Promise.all([page.waitForEvent('download'), page.click('#download-csv')]);
  assert.equal(csv.suggestedFilename(), 'certcheck-checklist.csv');
  const csvText = await fs.readFile(await csv.path(), 'utf8');
  assert.ok(csvText.startsWith('\ufeff"Node","Who","URL"'), 'UTF-8 BOM for Excel, then the header');
  assert.match(csvText, /"https:\/\/uccx1\.example\.com:12015\/".*"will fail"/);
  const [md] = await Promise.all([page.waitForEvent('download'), page.click('#download-markdown')]);
  const markdown = await fs.readFile(await md.path(), 'utf8');
  assert.match(markdown, /^## certcheck report/);
  assert.match(markdown, /### Upload plan/);
  await page.click('#copy-markdown');
  await page.waitForFunction(() => /copied/.test(document.getElementById('status').textContent));
  assert.equal(await page.evaluate(() => navigator.clipboard.readText()), markdown);
  await page.emulateMedia({ media: 'print' });
  assert.equal(await page.isVisible('.input'), false);
  assert.equal(await page.isVisible('#checklist'), true);
  await context.close();
});

test('"Test from this PC" runs only on a click, only against the checklist URLs, and says what it found', async () => {
  const { page, context, requests } = await openPage(env.browser, env.server.origin);
  // Playwright tries the most recently added route first.
  await context.route(/^https:\/\/uccx1\.example\.com/, (route) => route.abort('failed'));
  await context.route('https://uccx1.example.com:8445/', (route) => route.fulfill({ status: 200, body: 'ok' }));
  await setContext(page, { version: '11.6(1)', nodes: ['uccx1.example.com'] });
  await dropFiles(page, [fixture('good', 'rsa', 'uccx1-tomcat.pem'), fixture('good', 'rsa', 'ca-chain.pem')]);
  await waitForReport(page);
  assert.deepEqual(foreignRequests(requests, env.server.origin), []);
  await page.click('#probe');
  await page.waitForFunction(() => Array.from(document.querySelectorAll('.probe-result')).every((cell) => cell.dataset.probe));
  const results = await page.$$eval('#checklist tbody tr', (rows) => Object.fromEntries(rows.map((row) => [row.dataset.url, row.querySelector('.probe-result').dataset.probe])));
  assert.equal(results['https://uccx1.example.com:8445/'], 'reached');
  assert.equal(results['https://uccx1.example.com:8444/'], 'failed');
  const urls = new Set(Object.keys(results));
  assert.ok(foreignRequests(requests, env.server.origin).every((url) => urls.has(url)), 'only checklist URLs');
  assert.match(await page.textContent('#probe-note'), /does not say which/);
  await context.close();
});

test('"Load example" on a first visit fills an example deployment and shows a whole result', async () => {
  const { page, context } = await openPage(env.browser, env.server.origin);
  await page.click('#load-example');
  await waitForReport(page);
  assert.equal(await page.inputValue('#ctx-product'), 'uccx');
  assert.match(await page.textContent('#overview'), /before upload/);
  assert.ok((await checklistRows(page)).length >= 5);
  assert.ok(await page.isVisible('#plan-section'));
  await context.close();
});

test('each row of the ECDSA table is matched on the page', async () => {
  const { page, context } = await openPage(env.browser, env.server.origin);
  await setContext(page, { version: '11.5(1)SU1', nodes: ['uccx1.example.com'] });
  const sets = [
    [1, [fixture('rules', 'trust.self_signed_leaf', 'fire', 'leaf.pem'), fixture('rules', 'trust.mixed_selfsigned_ecdsa', 'fire', 'tomcat-ecdsa.pem')]],
    [2, [fixture('good', 'rsa', 'uccx1-tomcat.pem'), fixture('good', 'rsa', 'ca-chain.pem'), fixture('rules', 'key.ecdsa_signed_by_rsa_ca', 'fire', 'leaf.pem')]],
    [3, [fixture('good', 'rsa', 'uccx1-tomcat.pem'), fixture('good', 'rsa', 'ca-chain.pem'), fixture('good', 'ec', 'uccx1-tomcat-ecdsa.pem'), fixture('good', 'ec', 'ec-root.pem')]],
    [4, rowFour],
  ];
  const expectLive = { 1: 'accept', 2: 'trusted', 3: 'trusted', 4: 'fails' };
  for (const [row, files] of sets) {
    await page.click('#clear');
    await dropFiles(page, files);
    await waitForReport(page);
    assert.equal(await page.$eval('.ecdsa-table tr.matched', (tr) => tr.dataset.row), String(row), `row ${row}`);
    assert.equal(await page.$eval('.ecdsa-servers li', (li) => li.dataset.row), String(row));
    const live = (await checklistRows(page)).find((r) => r.endpoint === 'live-data');
    assert.equal(live.outcome, expectLive[row], `Live Data with row ${row}`);
  }
  await context.close();
});
