// The releases people run today, through the page in four languages: a UCCX 12.5(1)SU3 pair plans,
// lists and links no tomcat-ECDSA (TN118855: removed from 11.6), says why with its source, and
// 11.5(1) keeps it; Safari's refusal (documented by Apple) is said on the row; FN74382 makes a
// serverAuth-only certificate from a public CA an error.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import { useBrowser, openPage, waitForReport, shownFindingIds, dropFiles, assertAccessible, FIXTURES } from './helpers.mjs';

const env = useBrowser();
const fixture = (...parts) => path.join(FIXTURES, ...parts);
const RSA_AND_EC = [
  fixture('good', 'rsa', 'uccx1-tomcat.pem'), fixture('good', 'rsa', 'uccx2-tomcat.pem'), fixture('good', 'rsa', 'ca-chain.pem'),
  fixture('good', 'ec', 'uccx1-tomcat-ecdsa.pem'), fixture('good', 'ec', 'ec-root.pem'),
];

async function setContext(page, version) {
  await page.selectOption('#ctx-product', 'uccx');
  await page.fill('#ctx-version', version);
  await page.fill('#ctx-nodes', 'uccx1.example.com\nuccx2.example.com');
  await page.fill('#ctx-at', '2026-11-25');
  await page.dispatchEvent('#ctx-at', 'change');
}

async function planKinds(page) {
  return page.$$eval('#plan .step', (steps) => steps.map((step) => step.dataset.kind));
}

for (const locale of ['en-US', 'ja-JP', 'pt-BR', 'zh-TW']) {
  test(`UCCX 12.5(1)SU3 has no tomcat-ECDSA anywhere on the page, 11.5(1) keeps it (${locale})`, async () => {
    const { page, context, errors } = await openPage(env.browser, env.server.origin, { locale, bypassCSP: true });
    await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: env.server.origin });
    await setContext(page, '12.5(1)SU3');
    await dropFiles(page, RSA_AND_EC);
    await waitForReport(page);
    assert.ok((await shownFindingIds(page)).includes('key.ecdsa_not_used'));
    const kinds = await planKinds(page);
    assert.ok(!kinds.includes('tomcat-ecdsa'), kinds.join(' '));
    assert.equal(kinds.filter((kind) => kind === 'tomcat').length, 2);
    const rows = await page.$$eval('#checklist tbody tr', (trs) => trs.map((tr) => ({ endpoint: tr.dataset.endpoint, text: tr.textContent, outcome: tr.className })));
    assert.equal(rows.filter((row) => row.endpoint === 'live-data').length, 2);
    for (const row of rows) {
      assert.ok(!row.text.includes('tomcat-ECDSA'), row.text);
      assert.equal(row.outcome, 'outcome-trusted', row.text);
    }
    // The ECDSA section: does not apply on this release, and why, with the document to open.
    const ecdsa = await page.textContent('#ecdsa');
    assert.ok(ecdsa.includes('12.5(1)SU3') && ecdsa.includes('11.6') && ecdsa.includes('TechNote 118855'), ecdsa);
    assert.ok(ecdsa.includes('https://www.cisco.com/'), ecdsa);
    assert.equal(await page.$('.ecdsa-table'), null);
    // The agents' steps say nothing of a second Live Data certificate; the link carries none.
    assert.equal(await page.getAttribute('#steps-live-data', 'hidden'), '');
    await page.click('#copy-link');
    await page.waitForFunction(() => navigator.clipboard.readText().then((text) => text.includes('fp=')));
    const link = await page.evaluate(() => navigator.clipboard.readText());
    assert.ok(!link.includes('tomcat-ECDSA'), link);
    assert.equal((link.match(/fp=tomcat%3A/g) || []).length, 2, link);
    await assertAccessible(page);

    // 11.5(1): tomcat-ECDSA is back in the plan, the rows, the table and the agents' steps.
    await setContext(page, '11.5(1)');
    await page.waitForFunction(() => document.querySelector('#plan .step[data-kind="tomcat-ecdsa"]'));
    await waitForReport(page);
    assert.ok(!(await shownFindingIds(page)).includes('key.ecdsa_not_used'));
    assert.notEqual(await page.$('.ecdsa-table'), null);
    assert.equal(await page.getAttribute('#steps-live-data', 'hidden'), null);
    assert.deepEqual(errors, []);
    await context.close();
  });

  test(`Safari's refusal and FN74382 are said where they apply (${locale})`, async () => {
    const { page, context } = await openPage(env.browser, env.server.origin, { locale });
    await setContext(page, '12.5(1)SU3');
    await dropFiles(page, [fixture('rules', 'validity.over_825_days', 'fire', 'leaf.pem'), fixture('good', 'rsa', 'ca-chain.pem')]);
    await waitForReport(page);
    assert.ok((await shownFindingIds(page)).includes('validity.over_825_days'));
    // The first row says it (the rows after point to it).
    const row = await page.$eval('#checklist tbody tr', (tr) => ({ text: tr.textContent, outcome: tr.className }));
    // Trusted in Chromium and Firefox; the row says Safari refuses it, as Apple documents.
    assert.equal(row.outcome, 'outcome-trusted');
    assert.match(row.text, /Safari/);
    assert.match(row.text, /validity\.over_825_days/);

    await dropFiles(page, [fixture('releases', 'client-auth', 'public-uccx1.pem'), fixture('releases', 'ca-chain.pem')]);
    await waitForReport(page);
    const finding = await page.$eval('.finding[data-id="ext.missing_client_auth"]', (li) => ({ className: li.className, text: li.textContent }));
    assert.match(finding.className, /sev-error/);
    assert.match(finding.text, /FN74382/);
    assert.match(finding.text, /15\.0\(1\)SU2/);
    await context.close();
  });
}

for (const locale of ['en-US', 'ja-JP', 'pt-BR', 'zh-TW']) {
  test(`multi-server SAN, key lengths, one certificate per name, the cross-signed path and an expired CA on the page (${locale})`, async () => {
    const { page, context } = await openPage(env.browser, env.server.origin, { locale });
    await setContext(page, '12.5(1)SU3');
    const check = async (files) => {
      await page.click('#clear');
      await dropFiles(page, files);
      await waitForReport(page);
    };
    // One certificate naming both UCCX nodes: no error, uploaded as tomcat on each node.
    await check([fixture('releases', 'multi-san', 'uccx-nodes.pem'), fixture('releases', 'ca-chain.pem')]);
    assert.ok(!(await shownFindingIds(page)).includes('san.multi_server'));
    assert.equal((await planKinds(page)).filter((kind) => kind === 'tomcat').length, 2);
    assert.ok((await shownFindingIds(page)).includes('validity.renewal_cadence'));
    // A 4096-bit key on UCCX.
    await check([fixture('releases', 'rsa4096', 'uccx1.pem'), fixture('releases', 'ca-chain.pem')]);
    assert.ok((await shownFindingIds(page)).includes('key.rsa_unsupported_size'));
    // Two issuing CAs with one name: an error, and the plan uploads one of them.
    const same = ['uccx1.pem', 'uccx2.pem', 'chain.pem'].map((name) => fixture('rules', 'trust.same_subject', 'fire', name));
    await check(same);
    const ids = await shownFindingIds(page);
    assert.ok(ids.includes('trust.same_subject') && ids.includes('trust.after_upgrade'), ids.join());
    const issuing = await page.$$eval('#plan .step[data-kind^="trust-"]', (steps) => steps.filter((step) => step.textContent.includes('Example Issuing CA 1')).length);
    assert.equal(issuing, 1);
    // The cross-signed variant listed first: the plan follows the current root, not the legacy one.
    await check([fixture('releases', 'cross-signed', 'legacy-first.pem')]);
    assert.ok(!(await page.textContent('#plan')).includes('Legacy'));
    // An expired issuing CA: left out of the plan, with the reason.
    await check([fixture('releases', 'expired-ca', 'chain.pem')]);
    assert.ok((await planKinds(page)).includes('trust-expired'));
    await context.close();
  });
}

for (const locale of ['en-US', 'ja-JP', 'pt-BR', 'zh-TW']) {
  test(`the servers' own trust: Unified CM, Phone-trust and a gadget in the plan; the agents' link leaves them out (${locale})`, async () => {
    const { page, context } = await openPage(env.browser, env.server.origin, { locale, bypassCSP: true });
    await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: env.server.origin });
    await page.selectOption('#ctx-product', 'uccx');
    await page.fill('#ctx-version', '12.5(1)SU3');
    await page.fill('#ctx-nodes', 'uccx1.example.com\nuccx2.example.com');
    await page.fill('#ctx-cucm', 'cucm1.example.com\ncucm2.example.com\ncucm3.example.com');
    await page.fill('#ctx-gadgets', 'crm.example.com');
    await page.fill('#ctx-at', '2026-11-25');
    await page.dispatchEvent('#ctx-at', 'change');
    await dropFiles(page, [
      fixture('good', 'rsa', 'uccx1-tomcat.pem'), fixture('good', 'rsa', 'uccx2-tomcat.pem'), fixture('good', 'rsa', 'ca-chain.pem'),
      fixture('releases', 'peers', 'cucm1.example.com.pem'), fixture('releases', 'peers', 'cucm2.example.com.pem'), fixture('releases', 'peers', 'crm-chain.pem'),
    ]);
    await waitForReport(page);
    const ids = await shownFindingIds(page);
    assert.ok(ids.includes('integration.cucm_missing') && !ids.includes('trust.other_server'), ids.join());
    const publisher = await page.$eval('.plan-node[data-node="uccx1.example.com"]', (section) => Array.from(section.querySelectorAll('.step'), (step) => ({ kind: step.dataset.kind, text: step.textContent })));
    assert.equal(publisher.filter((step) => step.kind === 'peer-trust').length, 3);
    assert.ok(publisher.some((step) => step.kind === 'peer-missing' && step.text.includes('cucm3.example.com')));
    const phone = await page.$$eval('.plan-node[data-node="cucm1.example.com"] .step', (steps) => steps.map((step) => step.dataset.kind));
    assert.ok(phone.length >= 1 && phone.every((kind) => kind === 'phone-trust'), phone.join());
    assert.match(await page.textContent('.plan-node[data-node="cucm1.example.com"] h4'), /Phone-trust/);
    // The Unified CM certificate's card says whose it is.
    assert.ok((await page.textContent('#items')).includes('cucm1.example.com'));
    // The link carries the peers for the helpdesk's form; the agent's list has no peer row.
    await page.selectOption('#view', 'agent');
    await page.click('#copy-link');
    await page.waitForFunction(() => navigator.clipboard.readText().then((text) => text.includes('cucm=')));
    const link = await page.evaluate(() => navigator.clipboard.readText());
    assert.match(link, /cucm=cucm1\.example\.com/);
    assert.match(link, /gadget=crm\.example\.com/);
    const agent = await context.newPage();
    await agent.goto(link);
    await waitForReport(agent);
    const urls = await agent.$$eval('#checklist tbody tr:not([hidden])', (rows) => rows.map((row) => row.dataset.url));
    assert.ok(urls.length > 0 && urls.every((url) => !url.includes('cucm') && !url.includes('crm')), urls.join());
    await assertAccessible(page);
    await context.close();
  });
}
