// "Test from this PC" on the agent's list, against real TLS servers on 127.0.0.1 at the checklist's
// own ports: one node with a CA-signed certificate this browser trusts, one with a VOS self-signed
// certificate, one with nothing listening. Each row is marked as the browser found it, and the
// summary counts the ready addresses.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { chromium } from 'playwright-core';
import { CHROMIUM_ARGS, serve } from './helpers.mjs';
import { SETS, agentServers, nssDatabase } from './tls-lab.mjs';

const PORTS = [443, 7443, 8445, 8444, 12015];
const TRUSTED = 'good-rsa.example.com';
const SELF_SIGNED = 'vos-selfsigned-rsa.example.com';
const CLOSED = 'closed.example.com';

let site;
let servers = [];
let home;
let browser;
before(async () => {
  site = await serve();
  servers = await agentServers(PORTS, { [TRUSTED]: 'good-rsa', [SELF_SIGNED]: 'vos-selfsigned-rsa' });
  home = mkdtempSync(path.join(tmpdir(), 'certcheck-agent-'));
  nssDatabase(path.join(home, '.pki', 'nssdb'), path.join(SETS, 'roots.pem'));
  browser = await chromium.launch({
    executablePath: '/usr/bin/chromium',
    env: { ...process.env, HOME: home },
    args: [...CHROMIUM_ARGS, `--host-resolver-rules=MAP ${CLOSED} 127.0.0.2, MAP *.example.com 127.0.0.1`],
  });
});
after(async () => {
  await browser?.close();
  servers.forEach((server) => server.close());
  site?.stop();
  if (home) rmSync(home, { recursive: true, force: true });
});

test('the opt-in test marks each address of the agent list ready or not, and counts them', { timeout: 120_000 }, async () => {
  const page = await browser.newPage();
  const link = `#product=uccx&version=12.5%281%29&node=${TRUSTED}&node=${SELF_SIGNED}&node=${CLOSED}&view=agent`;
  await page.goto(`${site.origin}/index.html${link}`);
  await page.waitForSelector('#status[data-state="checked"]');
  const requestsBefore = [];
  page.on('request', (request) => requestsBefore.push(request.url()));
  await page.click('#probe');
  await page.waitForFunction(() => Array.from(document.querySelectorAll('#checklist tbody tr'))
    .filter((row) => !row.hidden).every((row) => row.dataset.probe), null, { timeout: 60_000 });
  const rows = await page.$$eval('#checklist tbody tr', (all) => all.filter((row) => !row.hidden).map((row) => ({ url: row.dataset.url, probe: row.dataset.probe })));
  assert.equal(rows.length, 15);
  for (const row of rows) {
    const expected = new URL(row.url).hostname === TRUSTED ? 'reached' : 'failed';
    assert.equal(row.probe, expected, row.url);
  }
  assert.match(await page.textContent('#agent-summary'), /5 of 15 addresses ready/);
  // Only the checklist's own addresses were asked, and only after the click.
  assert.ok(requestsBefore.every((url) => url.startsWith(site.origin) || rows.some((row) => url.startsWith(row.url))), requestsBefore.join(' '));
  await page.close();
});
