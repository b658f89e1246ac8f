// Issue 4 through the page: the deployment form, a failing set showing each finding, good sets clean.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import fs from 'node:fs/promises';
import {
  useBrowser, openPage, waitForReport, shownFindingIds, dropFiles, foreignRequests, FIXTURES,
} from './helpers.mjs';

const env = useBrowser();

const rules = path.join(FIXTURES, 'rules');

async function ruleFiles(id, kind) {
  const dir = path.join(rules, id, kind);
  return (await fs.readdir(dir)).sort().map((name) => path.join(dir, name));
}

/** A rule about a node list names its nodes in nodes.txt; the others run with the one host. */
async function ruleNodes(id) {
  try {
    return (await fs.readFile(path.join(rules, id, 'nodes.txt'), 'utf8')).split('\n').filter(Boolean);
  } catch {
    return null;
  }
}

/** A rule about a product, release or peers gives them in context.txt (`product=…`, `version=…`,
 *  and repeatable `node=`, `cucm=`, `gadget=`, `finesse=`, `livedata=`, `cuic=`). */
async function ruleRelease(id) {
  let text;
  try {
    text = await fs.readFile(path.join(rules, id, 'context.txt'), 'utf8');
  } catch {
    return null;
  }
  const lists = { node: 'nodes', cucm: 'cucm', gadget: 'gadgets', finesse: 'finesse', livedata: 'livedata', cuic: 'cuic' };
  const context = { lists: {} };
  for (const [key, value] of text.split('\n').filter(Boolean).map((line) => line.split('='))) {
    if (lists[key]) (context.lists[lists[key]] ||= []).push(value);
    else context[key] = value;
  }
  return context;
}

async function fillContext(page, { product = '', version = '', nodes = [], host = '', at = '2026-11-25', lists = {} }) {
  await page.selectOption('#ctx-product', product);
  await page.fill('#ctx-version', version);
  // Some of these fields are shown for one product only: set them as the form holds them.
  for (const field of ['nodes', 'cucm', 'gadgets', 'finesse', 'livedata', 'cuic']) {
    const value = field === 'nodes' ? (lists.nodes || nodes) : (lists[field] || []);
    await page.$eval(`#ctx-${field}`, (element, text) => { element.value = text; }, value.join('\n'));
  }
  await page.fill('#ctx-host', host);
  await page.fill('#ctx-at', at);
  await page.dispatchEvent('#ctx-at', 'change');
}

test('every catalog rule shows on the page for its failing fixture', async () => {
  const ids = (await fs.readdir(rules)).sort();
  assert.ok(ids.length >= 20);
  const { page, context, requests } = await openPage(env.browser, env.server.origin);
  await fillContext(page, { host: 'uccx1.example.com' });
  for (const id of ids) {
    await page.click('#clear');
    const nodes = await ruleNodes(id);
    const release = await ruleRelease(id);
    if (nodes) await fillContext(page, { nodes });
    // Declared nodes replace the one host.
    if (release) await fillContext(page, { ...release, host: release.lists.nodes || release.lists.finesse ? '' : 'uccx1.example.com' });
    await dropFiles(page, await ruleFiles(id, 'fire'));
    await waitForReport(page);
    const shown = await shownFindingIds(page);
    assert.ok(shown.includes(id), `${id} not shown: ${shown}`);
    const finding = page.locator(`.finding[data-id="${id}"]`).first();
    assert.match(await finding.locator('.finding-fix').textContent(), /^Fix: \S/);
    if (nodes || release) await fillContext(page, { host: 'uccx1.example.com' });
  }
  assert.deepEqual(foreignRequests(requests, env.server.origin), []);
  await context.close();
});

test('a failing CA answer shows the on-screen error text users recognise, with the document it comes from', async () => {
  const { page, context } = await openPage(env.browser, env.server.origin);
  await fillContext(page, { product: 'uccx', version: '12.5(1)', nodes: ['uccx1.example.com', 'uccx2.example.com'] });
  await dropFiles(page, [...await ruleFiles('san.extra_vs_csr', 'fire'), ...await ruleFiles('ext.critical_not_allowed', 'fire')]);
  await waitForReport(page);
  const san = page.locator('.finding[data-id="san.extra_vs_csr"]');
  assert.match(await san.textContent(), /CSR SAN and Certificate SAN does not match/);
  assert.match(await san.textContent(), /www\.uccx1\.example\.com/);
  // The document's title and its heading, never the seed's file name.
  const cite = await san.locator('.cite').textContent();
  assert.match(cite, /^Source: Guia de gerenciamento certificado da solução UCCX — Problema - O CSR SAN e certificado SAN não combina/);
  assert.doesNotMatch(cite, /\.txt/);
  const critical = page.locator('.finding[data-id="ext.critical_not_allowed"]');
  assert.match(await critical.textContent(), /Invalid user ID\/password/);
  assert.match(await page.textContent('#summary'), /✖ [1-9]\d* error/);
  await context.close();
});

test('the good sets show no error and no warning, with roles on the cards', async () => {
  const { page, context } = await openPage(env.browser, env.server.origin);
  await fillContext(page, { product: 'uccx', version: '12.5(1)', nodes: ['uccx1.example.com', 'uccx2.example.com'] });
  const dir = path.join(FIXTURES, 'good', 'rsa');
  await dropFiles(page, (await fs.readdir(dir)).map((name) => path.join(dir, name)));
  await waitForReport(page);
  assert.match(await page.textContent('#summary'), /0 error\(s\).*0 warning\(s\)/);
  assert.equal(await page.textContent('#skipped'), '');
  const cards = await page.textContent('#items');
  // Each card says what the plan does with its certificate, in the plan's words.
  assert.match(cards, /Root CA — the plan uploads it as tomcat-trust on uccx1\.example\.com/);
  assert.match(cards, /Server \(application\) certificate \(node uccx1\.example\.com\) — the plan uploads it as tomcat on uccx1\.example\.com/);
  // Every citation on the page (checklist, ECDSA table, integrations, TLS) names a document,
  // never a seed file.
  const body = await page.evaluate(() => document.body.innerText);
  assert.match(body, /UCCX ソリューションの ECDSA 証明書について/);
  assert.doesNotMatch(body, /\d{3}_[0-9a-f]{16}\.txt/);
  await context.close();
});

test('the context is remembered, carried in the link fragment, and never holds a certificate', async () => {
  const { page, context } = await openPage(env.browser, env.server.origin);
  // UCCE: the form shows its typed servers only (the UCCX node list is not read for it).
  await fillContext(page, { product: 'ucce', version: '11.0(1)', nodes: ['uccx1.example.com'], lists: { finesse: ['finesse-a.example.com', 'finesse-b.example.com'] } });
  assert.equal(await page.isHidden('#ctx-nodes'), true);
  await dropFiles(page, [path.join(FIXTURES, 'good', 'ucce', 'finesse-a.pem')]);
  await waitForReport(page);
  const url = page.url();
  assert.match(url, /#product=ucce&version=11\.0%281%29&finesse=finesse-a\.example\.com&finesse=finesse-b\.example\.com/);
  assert.ok(!url.includes('node='), url);
  const stored = await page.evaluate(() => localStorage.getItem('certcheck.context'));
  assert.ok(!/BEGIN|MII/.test(stored) && !/BEGIN|MII/.test(url));
  // A helpdesk link opened on another PC fills the form.
  const other = await env.browser.newContext();
  const fresh = await other.newPage();
  await fresh.goto(url);
  await fresh.waitForSelector('html[data-ready="true"]');
  assert.equal(await fresh.inputValue('#ctx-product'), 'ucce');
  assert.equal(await fresh.inputValue('#ctx-finesse'), 'finesse-a.example.com\nfinesse-b.example.com');
  await other.close();
  // Without context the page says which rules did not run.
  await fillContext(page, { nodes: [] });
  await page.waitForFunction(() => /san\.hostname_mismatch/.test(document.getElementById('skipped').textContent));
  await context.close();
});

test('a context value that cannot be understood is said, and the rest still checked', async () => {
  const { page, context } = await openPage(env.browser, env.server.origin);
  await fillContext(page, { version: 'eleven', nodes: ['uccx1.example.com'] });
  await dropFiles(page, [path.join(FIXTURES, 'good', 'rsa', 'uccx1-tomcat.pem')]);
  await waitForReport(page);
  assert.match(await page.textContent('#context-problems'), /Release: "eleven" is not understood/);
  assert.equal(await page.$$eval('.card', (cards) => cards.length), 1);
  await context.close();
});
