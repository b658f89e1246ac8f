// The page that holds pasted certificates, CSRs and (by mistake) private keys cannot reach other
// origins: its Content-Security-Policy is `connect-src 'self'`, proven here in Chromium and Firefox
// ESR — a fetch to another origin is refused by the policy. The opt-in "Test from this PC" runs in
// its own document (probe.html) whose policy allows exactly the deployment's addresses, and still
// marks each address against TLS servers on 127.0.0.1 in both browsers.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { chromium } from 'playwright-core';
import { CHROMIUM_ARGS, serve } from './helpers.mjs';
import { SETS, agentServers, launchFirefox, nssDatabase } from './tls-lab.mjs';

const PORTS = [443, 7443, 8445, 8444, 12015];
const TRUSTED = 'good-rsa.example.com';
const SELF_SIGNED = 'vos-selfsigned-rsa.example.com';
const LINK = `#product=uccx&version=12.5%281%29SU3&node=${TRUSTED}&node=${SELF_SIGNED}&view=agent`;

let site;
let servers = [];
let home;
before(async () => {
  site = await serve();
  servers = await agentServers(PORTS, { [TRUSTED]: 'good-rsa', [SELF_SIGNED]: 'vos-selfsigned-rsa' });
  home = mkdtempSync(path.join(tmpdir(), 'certcheck-csp-'));
});
after(() => {
  servers.forEach((server) => server.close());
  site?.stop();
  if (home) rmSync(home, { recursive: true, force: true });
});

/** In the checker page: a fetch to another origin, and the policy violation it raises. */
const tryForeignFetch = () => new Promise((resolve) => {
  let violated = '';
  document.addEventListener('securitypolicyviolation', (event) => { violated = event.effectiveDirective || event.violatedDirective; }, { once: true });
  fetch(`https://${'good-rsa'}.example.com/`, { mode: 'no-cors' })
    .then(() => resolve({ fetched: true, violated }))
    .catch(() => setTimeout(() => resolve({ fetched: false, violated }), 200));
});

/** In probe.html, narrowed to one address: a fetch to another HTTPS origin. */
const tryOtherAddress = () => new Promise((resolve) => {
  let violated = '';
  document.addEventListener('securitypolicyviolation', (event) => { violated = event.effectiveDirective || event.violatedDirective; }, { once: true });
  fetch('https://vos-selfsigned-rsa.example.com:7443/', { mode: 'no-cors' })
    .then(() => resolve({ fetched: true, violated }))
    .catch(() => setTimeout(() => resolve({ fetched: false, violated }), 200));
});
const NARROWED = `/probe.html#u=${encodeURIComponent('https://good-rsa.example.com/appadmin/main')}`;

/** Every visible row's probe mark, once each is marked. */
const marks = () => Array.from(document.querySelectorAll('#checklist tbody tr'))
  .filter((row) => !row.hidden).map((row) => ({ url: row.dataset.url, probe: row.dataset.probe || '' }));

function assertMarks(rows, family) {
  assert.equal(rows.length, 10, family);
  for (const row of rows) {
    const expected = new URL(row.url).hostname === TRUSTED ? 'reached' : 'failed';
    assert.equal(row.probe, expected, `${family}: ${row.url}`);
  }
}

test('Chromium: the checker page may not connect to another origin; the opt-in test still works from its own document', { timeout: 120_000 }, async () => {
  nssDatabase(path.join(home, '.pki', 'nssdb'), path.join(SETS, 'roots.pem'));
  const browser = await chromium.launch({
    executablePath: '/usr/bin/chromium',
    env: { ...process.env, HOME: home },
    args: [...CHROMIUM_ARGS, '--host-resolver-rules=MAP *.example.com 127.0.0.1'],
  });
  try {
    const page = await browser.newPage();
    const requests = [];
    page.on('request', (request) => requests.push(request.url()));
    await page.goto(`${site.origin}/index.html${LINK}`);
    await page.waitForSelector('#status[data-state="checked"]');
    const csp = await page.getAttribute('meta[http-equiv="Content-Security-Policy"]', 'content');
    assert.match(csp, /connect-src 'self';/);
    const foreign = await page.evaluate(tryForeignFetch);
    assert.deepEqual(foreign, { fetched: false, violated: 'connect-src' });
    assert.ok(!requests.some((url) => url.startsWith('https://good-rsa.example.com')), 'the refused request never left');
    await page.click('#probe');
    await page.waitForFunction((count) => {
      const rows = Array.from(document.querySelectorAll('#checklist tbody tr')).filter((row) => !row.hidden);
      return rows.length === count && rows.every((row) => row.dataset.probe);
    }, 10, { timeout: 60_000 });
    assertMarks(await page.evaluate(marks), 'chromium');
    // The addresses were opened by probe.html, under its own policy narrowed to them.
    assert.ok(requests.includes(`${site.origin}/probe.html`), requests.join(' '));
    // The test's own document connects to the deployment's addresses only.
    const frame = await browser.newPage();
    await frame.goto(`${site.origin}${NARROWED}`);
    assert.deepEqual(await frame.evaluate(tryOtherAddress), { fetched: false, violated: 'connect-src' });
  } finally {
    await browser.close();
  }
});

test('Firefox: the checker page may not connect to another origin; the opt-in test still works from its own document', { timeout: 180_000 }, async () => {
  const { browser, profile } = await launchFirefox(path.join(SETS, 'roots.pem'));
  try {
    const page = await browser.newPage();
    await page.goto(`${site.origin}/index.html${LINK}`);
    await page.waitForSelector('#status[data-state="checked"]');
    const foreign = await page.evaluate(tryForeignFetch);
    assert.deepEqual(foreign, { fetched: false, violated: 'connect-src' });
    await page.click('#probe');
    await page.waitForFunction((count) => {
      const rows = Array.from(document.querySelectorAll('#checklist tbody tr')).filter((row) => !row.hidden);
      return rows.length === count && rows.every((row) => row.dataset.probe);
    }, { timeout: 90_000 }, 10);
    assertMarks(await page.evaluate(marks), 'firefox');
    const frame = await browser.newPage();
    await frame.goto(`${site.origin}${NARROWED}`);
    assert.deepEqual(await frame.evaluate(tryOtherAddress), { fetched: false, violated: 'connect-src' });
  } finally {
    await browser.close();
    rmSync(profile, { recursive: true, force: true });
  }
});
