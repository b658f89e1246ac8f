// A small TLS lab for the real-browser proof: one HTTPS server per certificate set of
// tests/fixtures/browsers/ on 127.0.0.1 (each sends exactly its set's chain), and Debian's
// Chromium (playwright-core) and Firefox ESR (puppeteer-core over WebDriver BiDi), each with its
// own fresh NSS database, opening https://HOST:PORT/ with HOST mapped to 127.0.0.1. What each
// browser does is read from its own error page: whether it offers a way through.
import https from 'node:https';
import tls from 'node:tls';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, mkdirSync, readFileSync, readdirSync, statSync, writeFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { chromium } from 'playwright-core';
import puppeteer from 'puppeteer-core';
import { CHROMIUM_ARGS, FIXTURES } from './helpers.mjs';

export const SETS = path.join(FIXTURES, 'browsers');

/** The certificate sets: [{name, host, dir}]. */
export function sets() {
  return readdirSync(SETS).sort()
    .map((name) => ({ name, dir: path.join(SETS, name) }))
    .filter(({ dir }) => statSync(dir).isDirectory())
    .map((set) => ({ ...set, host: readFileSync(path.join(set.dir, 'host'), 'utf8').trim() }));
}

/** One HTTPS server per set; returns {ports: Map(name → port), close}. */
export async function startServers(all) {
  const ports = new Map();
  const servers = [];
  for (const set of all) {
    // SECLEVEL=0: the lab must be able to send MD5/SHA-1-signed and 1024-bit certificates.
    const server = https.createServer({
      ciphers: 'DEFAULT:@SECLEVEL=0',
      cert: readFileSync(path.join(set.dir, 'served.pem')),
      key: readFileSync(path.join(set.dir, 'key.pem')),
    }, (request, response) => {
      response.writeHead(200, { 'content-type': 'text/html' });
      response.end('<!doctype html><title>ok</title><p>ok</p>');
    });
    server.on('tlsClientError', () => {});
    await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
    ports.set(set.name, server.address().port);
    servers.push(server);
  }
  return { ports, close: () => servers.forEach((server) => server.close()) };
}

/** A fresh NSS database in `dir` trusting each certificate of `pemFile` as an authority. */
export function nssDatabase(dir, pemFile) {
  mkdirSync(dir, { recursive: true });
  execFileSync('certutil', ['-N', '-d', `sql:${dir}`, '--empty-password']);
  if (!pemFile) return;
  const blocks = readFileSync(pemFile, 'utf8').match(/-----BEGIN CERTIFICATE-----[\s\S]+?-----END CERTIFICATE-----/g) || [];
  blocks.forEach((block, index) => {
    const file = path.join(dir, `anchor-${index}.pem`);
    writeFileSync(file, `${block}\n`);
    execFileSync('certutil', ['-A', '-d', `sql:${dir}`, '-t', 'C,,', '-n', `anchor-${index}`, '-i', file]);
  });
}

const settle = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

/** Open every set in Chromium; `anchors` is a PEM file trusted as authorities (or null). */
export async function inChromium(all, ports, anchors) {
  const home = mkdtempSync(path.join(tmpdir(), 'certcheck-chromium-'));
  nssDatabase(path.join(home, '.pki', 'nssdb'), anchors);
  const browser = await chromium.launch({
    executablePath: '/usr/bin/chromium',
    env: { ...process.env, HOME: home },
    args: [...CHROMIUM_ARGS, '--host-resolver-rules=MAP *.example.com 127.0.0.1'],
  });
  const results = new Map();
  try {
    for (const set of all) {
      // A page of its own: navigating away from an interstitial costs Chromium seconds.
      const page = await browser.newPage();
      let error = null;
      try {
        await page.goto(`https://${set.host}:${ports.get(set.name)}/`, { timeout: 15000, waitUntil: 'commit' });
      } catch (caught) {
        error = (String(caught.message).match(/net::(ERR_[A-Z_]+)/) || [null, 'unknown'])[1];
      }
      // The page, or the interstitial: it has a "Proceed" link only when the error can be
      // overridden; a network error page (a failed handshake) has none.
      const state = await page.waitForFunction(() => {
        if (document.title === 'ok') return 'opens';
        if (document.querySelector('#proceed-link')) return 'click-through';
        if (document.querySelector('#main-content') || document.querySelector('#main-frame-error')) return 'no-way';
        return null;
      }, null, { timeout: 10000, polling: 50 }).then((handle) => handle.jsonValue()).catch(() => 'no-way');
      await page.close();
      const clickThrough = state === 'click-through';
      if (state !== 'opens' && !error) error = 'unknown';
      results.set(set.name, { opens: !error, error, clickThrough });
    }
  } finally {
    await browser.close();
    rmSync(home, { recursive: true, force: true });
  }
  return results;
}

/**
 * Debian's Firefox ESR with its own profile (its NSS database trusting `anchors`, or nothing),
 * every name resolved to 127.0.0.1, and nothing but the lab: no OCSP, no remote intermediates or
 * CRLite, no background traffic. Returns { browser, profile }.
 */
export async function launchFirefox(anchors) {
  const profile = mkdtempSync(path.join(tmpdir(), 'certcheck-firefox-'));
  nssDatabase(profile, anchors);
  const browser = await puppeteer.launch({
    browser: 'firefox',
    executablePath: '/usr/bin/firefox-esr',
    protocol: 'webDriverBiDi',
    userDataDir: profile,
    headless: true,
    extraPrefsFirefox: {
      'network.dns.forceResolve': '127.0.0.1',
      'security.OCSP.enabled': 0,
      'security.remote_settings.intermediates.enabled': false,
      'security.remote_settings.crlite_filters.enabled': false,
      'security.enterprise_roots.enabled': false,
      'network.captive-portal-service.enabled': false,
      'network.connectivity-service.enabled': false,
      'browser.safebrowsing.malware.enabled': false,
      'browser.safebrowsing.phishing.enabled': false,
      'app.update.enabled': false,
      'datareporting.policy.dataSubmissionEnabled': false,
    },
  });
  return { browser, profile };
}

/**
 * HTTPS servers on 127.0.0.1 at `ports` answering "ok", each presenting by SNI the good CA-signed
 * set's certificate or the VOS-style self-signed one (the agent's opt-in test against them).
 * Returns the servers (close them after).
 */
export async function agentServers(ports, names) {
  const pair = (name) => ({ cert: readFileSync(path.join(SETS, name, 'served.pem')), key: readFileSync(path.join(SETS, name, 'key.pem')) });
  const contexts = Object.fromEntries(Object.entries(names).map(([host, set]) => [host, tls.createSecureContext(pair(set))]));
  const servers = [];
  for (const port of ports) {
    const server = https.createServer({ ...pair('good-rsa'), SNICallback: (name, done) => done(null, contexts[name] || null) }, (request, response) => {
      response.writeHead(200, { 'content-type': 'text/plain' });
      response.end('ok');
    });
    server.on('tlsClientError', () => {});
    await new Promise((resolve, reject) => server.once('error', reject).listen(port, '127.0.0.1', resolve));
    servers.push(server);
  }
  return servers;
}

/** Open every set in Firefox ESR; `anchors` as for Chromium. */
export async function inFirefox(all, ports, anchors) {
  const { browser, profile } = await launchFirefox(anchors);
  const results = new Map();
  try {
    const page = await browser.newPage();
    for (const set of all) {
      let error = null;
      try {
        await page.goto(`https://${set.host}:${ports.get(set.name)}/`, { timeout: 15000, waitUntil: 'domcontentloaded' });
      } catch (caught) {
        const message = String(caught.message);
        error = (message.match(/NS_ERROR_MODULE_SECURITY, (\w+)/) || message.match(/(NS_ERROR_\w+)/) || [null, 'unknown'])[1];
      }
      let clickThrough = false;
      let opens = !error;
      for (let attempt = 0; attempt < 60; attempt += 1) {
        // The error page is a card in a shadow root: open "Advanced", then look for the
        // exception button ("Proceed to …"), there only when the error can be overridden.
        const state = await page.evaluate(() => {
          if (!document.documentURI.startsWith('about:')) return document.title === 'ok' ? 'opens' : null;
          const root = document.querySelector('net-error-card')?.shadowRoot;
          const advanced = root?.querySelector('#advanced-button');
          if (!advanced) return null;
          if (!advanced.dataset.opened) {
            advanced.dataset.opened = 'yes';
            advanced.click();
            return null;
          }
          if (!root.querySelector('#errorCode')) return null;
          const exception = root.querySelector('#exception-button');
          return exception && !exception.hidden ? 'click-through' : 'no-way';
        }).catch(() => null);
        if (state) {
          opens = state === 'opens';
          clickThrough = state === 'click-through';
          break;
        }
        await settle(100);
      }
      results.set(set.name, { opens, error, clickThrough });
    }
  } finally {
    await browser.close();
    rmSync(profile, { recursive: true, force: true });
  }
  return results;
}
