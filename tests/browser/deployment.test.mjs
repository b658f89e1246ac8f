// Right on real deployments, through the page: with the files admins really drop, the checklist
// judges the certificate each node will present, other servers' certificates are no nodes, and a
// chain a browser refuses fails its rows.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import { readdir } from 'node:fs/promises';
import { useBrowser, openPage, waitForReport, shownFindingIds, dropFiles, FIXTURES } from './helpers.mjs';

const env = useBrowser();

async function filesOf(...parts) {
  const dir = path.join(FIXTURES, ...parts);
  return (await readdir(dir)).sort().map((name) => path.join(dir, name));
}

async function checkSet(page, files, nodes) {
  await page.selectOption('#ctx-product', 'uccx');
  await page.fill('#ctx-version', '12.5(1)');
  await page.fill('#ctx-nodes', nodes.join('\n'));
  await page.fill('#ctx-at', '2026-11-25');
  await page.dispatchEvent('#ctx-at', 'change');
  await dropFiles(page, files);
  await waitForReport(page);
}

const rowsOf = (page) => page.$$eval('#checklist tbody tr', (rows) => rows.map((row) => ({
  url: row.dataset.url, outcome: row.className.replace('outcome-', ''), text: row.textContent,
})));

test('old self-signed beside the new CA-signed certificate: the rows judge the new one, the old is superseded', async () => {
  const { page, context } = await openPage(env.browser, env.server.origin);
  await checkSet(page, await filesOf('deployment', 'shared-key'), ['uccx1.example.com']);
  const rows = (await rowsOf(page)).filter((row) => !row.url.endsWith(':12015/'));
  assert.ok(rows.length >= 5);
  for (const row of rows) assert.equal(row.outcome, 'trusted', `${row.url}: ${row.text}`);
  const ids = await shownFindingIds(page);
  assert.ok(ids.includes('trust.superseded'), ids.join(' '));
  assert.ok(!ids.includes('trust.self_signed_leaf'));
  const steps = await page.$$eval('#plan .step', (nodes) => nodes.map((node) => node.dataset.kind));
  assert.deepEqual(steps, ['trust-root', 'trust-intermediate', 'tomcat', 'restart']);
  await context.close();
});

test("Unified CM's certificate in the pile is another server's: no plan, row or ECDSA entry for it", async () => {
  const { page, context } = await openPage(env.browser, env.server.origin);
  await checkSet(page, await filesOf('deployment', 'other-server'), ['uccx1.example.com', 'uccx2.example.com']);
  const nodes = await page.$$eval('#plan .plan-node', (sections) => sections.map((section) => section.dataset.node));
  assert.deepEqual(nodes, ['uccx1.example.com', 'uccx2.example.com']);
  assert.ok((await rowsOf(page)).every((row) => !row.url.includes('cucm1')));
  assert.doesNotMatch(await page.textContent('#ecdsa'), /cucm1/);
  assert.ok((await shownFindingIds(page)).includes('trust.other_server'));
  await context.close();
});

test('a chain whose issuer is not a CA fails every row of that node, naming the issuer problem', async () => {
  const { page, context } = await openPage(env.browser, env.server.origin);
  await checkSet(page, await filesOf('rules', 'chain.issuer_not_ca', 'fire'), ['agent-tools.example.com']);
  const rows = (await rowsOf(page)).filter((row) => !row.url.endsWith(':12015/'));
  assert.ok(rows.length >= 5);
  for (const row of rows) {
    assert.equal(row.outcome, 'fails', row.url);
    // The first row says why; the rows after point to it instead of repeating it.
    assert.match(row.text, row === rows[0] ? /chain\.issuer_not_ca/ : /chain\.issuer_not_ca|Same as for/);
  }
  assert.match(await page.textContent('#overview'), /URLs will fail in agents' browsers/);
  await context.close();
});

test('a CSR pasted on its own gets its pre-flight: what the CA must do', async () => {
  const { page, context } = await openPage(env.browser, env.server.origin);
  await page.selectOption('#ctx-product', 'uccx');
  await page.fill('#ctx-nodes', 'uccx1.example.com');
  await page.dispatchEvent('#ctx-nodes', 'change');
  const { readFile } = await import('node:fs/promises');
  await page.fill('#paste', await readFile(path.join(FIXTURES, 'rules', 'csr.no_san', 'fire', 'uccx1-tomcat.csr'), 'utf8'));
  await page.click('#check-paste');
  await waitForReport(page);
  assert.ok((await shownFindingIds(page)).includes('csr.no_san'));
  assert.match(await page.textContent('#findings'), /the CA must add uccx1\.example\.com as a DNS name/);
  await context.close();
});
