// Issue 5 through the page: chains from piles in any order, PKCS#12 with its password, and the
// upload plan with a download per step and the ordered bundle.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import fs from 'node:fs/promises';
import {
  useBrowser, openPage, waitForReport, shownFindingIds, dropFiles, foreignRequests, FIXTURES,
} from './helpers.mjs';

const env = useBrowser();
const fixture = (...parts) => path.join(FIXTURES, ...parts);

async function setContext(page, { product = 'uccx', version = '12.5(1)', nodes = [] } = {}) {
  await page.selectOption('#ctx-product', product);
  await page.fill('#ctx-version', version);
  await page.fill('#ctx-nodes', nodes.join('\n'));
  await page.fill('#ctx-at', '2026-11-25');
  await page.dispatchEvent('#ctx-at', 'change');
}

async function chainTexts(page) {
  return page.$$eval('#chains .chain', (chains) => chains.map((chain) => ({
    path: Array.from(chain.querySelectorAll('.chain-path li'), (li) => li.textContent),
    end: chain.dataset.end,
    text: chain.querySelector('.chain-end').textContent,
  })));
}

test('a CA answer in the wrong order, with a duplicate, gives one complete chain and the right order', async () => {
  const { page, context, requests } = await openPage(env.browser, env.server.origin);
  await setContext(page, { nodes: ['uccx1.example.com'] });
  await dropFiles(page, [fixture('rules', 'chain.order_wrong', 'fire', 'ca-response.pem'), fixture('input', 'uccx1.cer')]);
  await waitForReport(page);
  const ids = await shownFindingIds(page);
  assert.ok(ids.includes('chain.order_wrong') && ids.includes('chain.ok') && ids.includes('input.duplicate'), ids.join());
  const chains = await chainTexts(page);
  assert.equal(chains.length, 1);
  assert.equal(chains[0].end, 'root');
  assert.deepEqual(chains[0].path.map((label) => label.split(' (')[0]), ['uccx1.example.com', 'Example Issuing CA 1', 'Example Root CA']);
  const order = await page.locator('.finding[data-id="chain.order_wrong"] .finding-fix').textContent();
  assert.match(order, /uccx1\.example\.com \(\w+\) → Example Issuing CA 1 \(\w+\) → Example Root CA/);
  assert.deepEqual(foreignRequests(requests, env.server.origin), []);
  await context.close();
});

test('piles with a missing intermediate, a missing root, a bad signature or an unrelated CA say which', async () => {
  const { page, context } = await openPage(env.browser, env.server.origin);
  const cases = [
    ['chain.missing_intermediate', 'missing-issuer', /Example Issuing CA 1 \(key id [0-9A-F:]+\)/],
    ['chain.root_missing', 'missing-issuer', /Example Root CA/],
    ['chain.bad_signature', 'bad-signature', /does not verify/],
    ['chain.not_a_chain', 'root', /ends at a root/],
    ['chain.cross_signed', 'root', /ends at a root/],
  ];
  for (const [id, end, text] of cases) {
    await page.click('#clear');
    const dir = fixture('rules', id, 'fire');
    await dropFiles(page, (await fs.readdir(dir)).sort().map((name) => path.join(dir, name)));
    await waitForReport(page);
    assert.ok((await shownFindingIds(page)).includes(id), id);
    const chains = await chainTexts(page);
    assert.equal(chains[0].end, end, id);
    assert.match(chains[0].text, text, id);
  }
  await context.close();
});

test('the upload plan lists each node in order and downloads each certificate and the bundle', async () => {
  const { page, context } = await openPage(env.browser, env.server.origin);
  await setContext(page, { version: '11.5(1)', nodes: ['uccx1.example.com', 'uccx2.example.com'] });
  await dropFiles(page, [
    fixture('good', 'rsa', 'uccx2-tomcat.pem'), fixture('good', 'rsa', 'ca-chain.pem'), fixture('good', 'rsa', 'uccx1-tomcat.pem'),
    fixture('good', 'ec', 'uccx1-tomcat-ecdsa.pem'), fixture('good', 'ec', 'ec-root.pem'),
  ]);
  await waitForReport(page);
  const nodes = await page.$$eval('.plan-node', (sections) => sections.map((section) => ({
    title: section.querySelector('h4').textContent,
    steps: Array.from(section.querySelectorAll('.step'), (step) => step.dataset.kind),
  })));
  assert.equal(nodes.length, 2);
  assert.match(nodes[0].title, /uccx1\.example\.com — publisher/);
  assert.deepEqual(nodes[0].steps, ['trust-root', 'trust-intermediate', 'trust-root', 'tomcat', 'tomcat-ecdsa', 'restart']);
  assert.deepEqual(nodes[1].steps, ['trust-replicated', 'tomcat', 'restart']);
  const ecdsa = page.locator('.plan-node').first().locator('.step[data-kind="tomcat-ecdsa"]');
  assert.match(await ecdsa.textContent(), /tomcat-ECDSA, never as tomcat/);

  // One certificate: the file is named for its step and holds that certificate.
  const [file] = await Promise.all([
    page.waitForEvent('download'),
    page.locator('.plan-node').first().locator('.step[data-kind="trust-root"] button').first().click(),
  ]);
  assert.equal(file.suggestedFilename(), '1-tomcat-trust-root-Example_Root_CA.pem');
  const root = await fs.readFile(await file.path(), 'utf8');
  assert.match(root, /^-----BEGIN CERTIFICATE-----\n[A-Za-z0-9+/=\n]+-----END CERTIFICATE-----\n$/);
  const chainPem = await fs.readFile(fixture('good', 'rsa', 'ca-chain.pem'), 'utf8');
  assert.ok(chainPem.includes(root.trim().split('\n').slice(1, -1).join('\n')), 'the root as given');

  // The bundle, checked again on the page, lists the certificates in upload order.
  const [bundle] = await Promise.all([
    page.waitForEvent('download'),
    page.locator('.plan-node').first().locator('.download-bundle').click(),
  ]);
  assert.equal(bundle.suggestedFilename(), 'uccx1.example.com-upload-order.pem');
  const bundlePath = path.join(path.dirname(await bundle.path()), 'bundle.pem');
  await fs.copyFile(await bundle.path(), bundlePath);
  await page.click('#clear');
  await dropFiles(page, [bundlePath]);
  await waitForReport(page);
  const titles = await page.$$eval('.card .card-title', (nodes) => nodes.map((node) => node.textContent.split(' (')[0]));
  assert.deepEqual(titles, ['Example Root CA', 'Example Issuing CA 1', 'Example EC Root CA', 'uccx1.example.com', 'uccx1.example.com']);
  await context.close();
});

test('a .pfx asks for its password, says when it is wrong, and opens in memory with the right one', async () => {
  const { page, context, requests } = await openPage(env.browser, env.server.origin);
  await dropFiles(page, [fixture('input', 'uccx1-aes.pfx')]);
  await waitForReport(page);
  assert.ok((await shownFindingIds(page)).includes('input.pkcs12_password'));
  const field = page.getByLabel('Password for uccx1-aes.pfx');
  await field.fill('wrong');
  await field.press('Enter');
  await page.waitForSelector('.finding[data-id="input.pkcs12_wrong_password"]');
  await page.getByLabel('Password for uccx1-aes.pfx').fill('secret');
  await page.getByRole('button', { name: 'Open' }).click();
  await page.waitForSelector('.finding[data-id="input.pkcs12"]');
  const kinds = await page.$$eval('.card', (cards) => cards.map((card) => card.dataset.kind));
  assert.deepEqual(kinds, ['pkcs12', 'certificate', 'certificate', 'certificate', 'private-key']);
  const ids = await shownFindingIds(page);
  assert.ok(ids.includes('chain.ok') && ids.includes('input.private_key_present'), ids.join());
  // The password is nowhere on the page, in storage or in the link.
  const body = await page.textContent('body');
  assert.ok(!body.includes('secret'));
  assert.equal(await page.$$eval('input[type=password]', (inputs) => inputs.length), 0);
  assert.ok(!(await page.evaluate(() => JSON.stringify(localStorage) + location.href)).includes('secret'));
  assert.deepEqual(foreignRequests(requests, env.server.origin), []);
  await context.close();
});
