// `certcheck probe` against real TLS servers on loopback: a UCCX 11.5 pair on the checklist's own
// ports (uccx1 → 127.0.0.1, uccx2 → 127.0.0.2, mapped with --resolve), presenting the planned
// chain, the old self-signed certificate, a leaf without its intermediate, an expired and a
// wrong-name certificate, RSA and ECDSA certificates on one port; and bad peers on high ports via
// --target: silent, closing mid-handshake, a TLS alert, TLS 1.0 only, plain HTTP, garbage, an
// oversized chain, refused. Only loopback addresses; every server and wait is bounded.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { X509Certificate } from 'node:crypto';
import http from 'node:http';
import net from 'node:net';
import tls from 'node:tls';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { runProbe } from './probe-process.mjs';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const FIX = path.join(ROOT, 'tests', 'fixtures');
const PROBE = path.join(FIX, 'probe');
const KEYS = path.join(FIX, 'keys');
const read = (...parts) => readFileSync(path.join(...parts), 'utf8');
const blocks = (pem) => pem.match(/-----BEGIN CERTIFICATE-----[\s\S]+?-----END CERTIFICATE-----\n?/g) || [];

const INTERMEDIATE = blocks(read(PROBE, 'ca-chain.pem'))[0];
const cert = (name) => read(PROBE, `${name}.pem`);
const key = (name) => read(KEYS, `${name}.pem`);
const PLAN = ['ca-chain.pem', 'ec-root.pem', 'uccx1-tomcat.pem', 'uccx1-tomcat-ecdsa.pem', 'uccx2-tomcat.pem']
  .map((name) => path.join(PROBE, name));

const servers = [];
const sockets = new Set();
let bound = false; // the checklist's own ports could be bound (root)
const extra = {}; // name → port of the bad peers

function track(server) {
  servers.push(server);
  server.on('connection', (socket) => { sockets.add(socket); socket.on('close', () => sockets.delete(socket)); });
  return server;
}

function listen(server, port, host) {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => resolve(server.address().port));
  });
}

function tlsServer(pairs, options = {}) {
  const server = tls.createServer({
    key: pairs.map(([, k]) => k),
    cert: pairs.map(([c]) => c),
    ciphers: 'DEFAULT:@SECLEVEL=0',
    ...options,
  }, (socket) => socket.end());
  server.on('tlsClientError', () => {});
  return track(server);
}

function rawServer(onSocket) {
  return track(net.createServer((socket) => { socket.on('error', () => {}); onSocket(socket); }));
}

const PLANNED_RSA = [cert('uccx1-tomcat') + INTERMEDIATE, key('uccx1-rsa')];
const PLANNED_EC = [cert('uccx1-tomcat-ecdsa'), key('uccx1-ec')];

before(async () => {
  execFileSync('cargo', ['build', '--quiet', '--bin', 'certcheck'], { cwd: ROOT, stdio: 'inherit' });
  const uccx1 = {
    443: tlsServer([PLANNED_RSA, PLANNED_EC]),
    7443: tlsServer([[cert('uccx1-old-selfsigned'), key('uccx1-rsa-regenerated')]]),
    8445: tlsServer([[cert('uccx1-tomcat'), key('uccx1-rsa')]]),
    8444: tlsServer([[cert('uccx1-expired') + INTERMEDIATE, key('uccx1-rsa')]]),
    12015: tlsServer([PLANNED_RSA, [cert('uccx1-ecdsa-selfsigned'), key('uccx1-ec')]]),
  };
  const uccx2 = {
    443: tlsServer([[cert('cucm1-tomcat') + INTERMEDIATE, key('other-rsa')]]),
    7443: tlsServer([[cert('uccx2-tomcat') + INTERMEDIATE, key('uccx2-rsa')]]),
    8444: track(http.createServer((request, response) => response.end('plain'))),
    12015: rawServer((socket) => socket.end(Buffer.from('\x00\x01garbage, not TLS\r\n'.repeat(4)))),
  };
  try {
    for (const [port, server] of Object.entries(uccx1)) await listen(server, Number(port), '127.0.0.1');
    for (const [port, server] of Object.entries(uccx2)) await listen(server, Number(port), '127.0.0.2');
    bound = true;
  } catch (error) {
    if (error.code !== 'EACCES' && error.code !== 'EADDRINUSE') throw error;
  }
  // Bad peers on high ports.
  extra.silent = await listen(rawServer(() => {}), 0, '127.0.0.1');
  extra.closes = await listen(rawServer((socket) => socket.once('data', () => socket.destroy())), 0, '127.0.0.1');
  // A fatal handshake_failure alert (TLS record 21, level 2, description 40).
  extra.alert = await listen(rawServer((socket) => socket.once('data', () => socket.end(Buffer.from([21, 3, 3, 0, 2, 2, 40])))), 0, '127.0.0.1');
  extra.tls10 = await listen(tlsServer([PLANNED_RSA], { minVersion: 'TLSv1', maxVersion: 'TLSv1' }), 0, '127.0.0.1');
  extra.http = await listen(track(http.createServer((request, response) => response.end('plain'))), 0, '127.0.0.1');
  // Every distinct certificate of the fixtures after the leaf: a Certificate message over 64 KiB.
  const all = [];
  const walk = (dir) => readdirSync(dir).forEach((name) => {
    const full = path.join(dir, name);
    if (statSync(full).isDirectory()) walk(full);
    else if (name.endsWith('.pem')) all.push(...blocks(readFileSync(full, 'utf8')));
  });
  walk(FIX);
  const parses = (block) => { try { return Boolean(new X509Certificate(block)); } catch { return false; } };
  const pile = [...new Set(all)].filter(parses).map((block) => (block.endsWith('\n') ? block : `${block}\n`));
  assert.ok(pile.join('').length > 100_000, `only ${pile.length} fixture certificates`);
  extra.oversized = await listen(tlsServer([[cert('uccx1-tomcat') + pile.join(''), key('uccx1-rsa')]]), 0, '127.0.0.1');
  extra.ecOnly = await listen(tlsServer([PLANNED_EC]), 0, '127.0.0.1');
  // A gadget server speaking only the DHE suites Finesse refuses (TLS 1.2, no ECDHE).
  extra.dheOnly = await listen(tlsServer([PLANNED_RSA], {
    minVersion: 'TLSv1.2', maxVersion: 'TLSv1.2', ciphers: 'DHE-RSA-AES256-SHA:DHE-RSA-AES128-SHA:@SECLEVEL=1', dhparam: 'auto',
  }), 0, '127.0.0.1');
  const closed = net.createServer();
  extra.refused = await listen(closed, 0, '127.0.0.1');
  await new Promise((resolve) => closed.close(resolve));
});

after(() => {
  for (const socket of sockets) socket.destroy();
  for (const server of servers) server.close();
});

/** Run the probe; returns {status, json|text, ms}. */
async function probe(args, { format = 'json' } = {}) {
  const out = await runProbe(['--format', format, ...args]);
  if (format === 'json' && out.status !== 2) out.json = JSON.parse(out.stdout);
  return out;
}

const DEPLOYMENT = ['--product', 'uccx', '--version', '11.5(1)SU1', '--node', 'uccx1.example.com', '--node', 'uccx2.example.com',
  '--resolve', 'uccx1.example.com=127.0.0.1', '--resolve', 'uccx2.example.com=127.0.0.2', '--timeout', '2'];

const ids = (target) => target.findings.map((finding) => finding.id);
const byUrl = (json, url) => {
  const target = json.targets.find((candidate) => candidate.url === url);
  assert.ok(target, `${url} in ${json.targets.map((t) => t.url)}`);
  return target;
};

test('the checklist URLs of a UCCX 11.5 pair (tomcat-ECDSA: two handshakes), on their own ports, judged against the plan', async (t) => {
  if (!bound) { t.skip('the checklist ports cannot be bound here (needs root)'); return; }
  const { status, json } = await probe([...DEPLOYMENT, ...PLAN]);
  assert.equal(status, 1, 'errors and unreachable URLs: exit 1');
  assert.equal(json.kind, 'certcheck-probe');
  assert.equal(json.targets.length, 12, json.targets.map((t) => t.url).join(' '));

  const good = byUrl(json, 'https://uccx1.example.com/appadmin/main');
  assert.equal(good.reachable, true);
  assert.equal(good.error, null);
  assert.equal(good.matches_plan, true);
  assert.equal(good.endpoint, 'app-admin');
  assert.equal(good.port, 443);
  assert.deepEqual(good.presented.rsa.map((c) => c.subject.split('CN=')[1]), ['uccx1.example.com', 'Example Issuing CA 1']);
  assert.equal(good.presented.ecdsa.length, 1, 'the ECDSA-only handshake sees the tomcat-ECDSA certificate');
  assert.notEqual(good.presented.rsa[0].sha256, good.presented.ecdsa[0].sha256);
  assert.match(good.presented.rsa[0].sha256, /^([0-9A-F]{2}:){31}[0-9A-F]{2}$/);
  assert.deepEqual(good.findings.filter((f) => f.severity !== 'info'), []);
  assert.ok(/^TLS 1\.[23]$/.test(good.tls.rsa), good.tls.rsa);

  const old = byUrl(json, 'https://uccx1.example.com:7443/');
  assert.equal(old.matches_plan, false);
  const notPlanned = old.findings.find((f) => f.id === 'probe.not_planned');
  assert.match(notPlanned.message, /a self-signed certificate/);
  assert.equal(notPlanned.severity, 'error');

  for (const url of ['https://uccx1.example.com:8445/', 'https://uccx1.example.com:8445/cfadmin']) {
    const bare = byUrl(json, url);
    assert.ok(ids(bare).includes('probe.chain_incomplete'), `${url}: ${ids(bare)}`);
    assert.equal(bare.matches_plan, true, 'the right certificate, sent without its intermediate');
  }
  const expired = byUrl(json, 'https://uccx1.example.com:8444/');
  assert.ok(ids(expired).includes('validity.expired'), ids(expired).join());
  const mixed = byUrl(json, 'https://uccx1.example.com:12015/');
  assert.ok(ids(mixed).includes('trust.mixed_selfsigned_ecdsa'), ids(mixed).join());
  assert.ok(mixed.findings.some((f) => f.id === 'probe.not_planned' && /tomcat-ECDSA/.test(f.message)));

  const wrong = byUrl(json, 'https://uccx2.example.com/appadmin/main');
  assert.ok(ids(wrong).includes('san.hostname_mismatch'), ids(wrong).join());
  assert.equal(byUrl(json, 'https://uccx2.example.com:7443/').matches_plan, true);
  const refused = byUrl(json, 'https://uccx2.example.com:8445/');
  assert.equal(refused.reachable, false);
  assert.match(refused.error, /refused/);
  assert.equal(refused.presented.rsa, null);
  assert.match(byUrl(json, 'https://uccx2.example.com:8444/').error, /plain HTTP/);
  assert.match(byUrl(json, 'https://uccx2.example.com:12015/').error, /not in TLS/);
  assert.equal(json.summary.targets, 12);
  assert.equal(json.summary.unreachable, 4);
});

test('a UCCX 12.5(1)SU3 pair: one handshake per URL as a browser makes it, no tomcat-ECDSA expected (TN118855)', async (t) => {
  if (!bound) { t.skip('the checklist ports cannot be bound here (needs root)'); return; }
  const deployment = DEPLOYMENT.map((arg) => (arg === '11.5(1)SU1' ? '12.5(1)SU3' : arg));
  const { json } = await probe([...deployment, ...PLAN]);
  assert.equal(json.targets.length, 12);
  for (const target of json.targets) {
    assert.deepEqual(target.offers, ['any'], target.url);
    assert.ok(!ids(target).includes('probe.planned_missing'), `${target.url}: ${ids(target)}`);
    assert.equal(target.presented.ecdsa, null, target.url);
  }
  // These loopback servers still hold an EC certificate beside the RSA one (as an 11.5 node
  // does): where one answers a browser-like handshake with it, that is not the plan of a 12.5 node.
  const appadmin = byUrl(json, 'https://uccx1.example.com/appadmin/main');
  assert.equal(appadmin.reachable, true);
  const sentEc = /uccx1\.example\.com/.test(appadmin.presented.rsa[0].subject) && appadmin.matches_plan === false;
  if (sentEc) assert.ok(ids(appadmin).includes('probe.not_planned'), ids(appadmin).join());
});

test('bad peers get a clear per-target error and never stall the run', async () => {
  const targets = Object.entries(extra).flatMap(([, port]) => ['--target', `127.0.0.1:${port}`]);
  const { status, json, ms } = await probe(['--timeout', '1', ...targets]);
  assert.equal(status, 1);
  const error = (name) => byUrl(json, `https://127.0.0.1:${extra[name]}/`).error;
  assert.match(error('silent'), /No answer within the time allowed/);
  assert.match(error('closes'), /closed the connection in the middle of the handshake/);
  assert.match(error('alert'), /TLS alert HandshakeFailure/);
  assert.match(error('tls10'), /neither TLS 1\.2 nor TLS 1\.3/);
  assert.match(error('http'), /plain HTTP/);
  assert.match(error('oversized'), /more than a certificate chain may hold/);
  assert.match(error('refused'), /refused/);
  const ecOnly = byUrl(json, `https://127.0.0.1:${extra.ecOnly}/`);
  assert.equal(ecOnly.reachable, true, 'an ECDSA-only server is reachable');
  assert.equal(ecOnly.presented.rsa, null);
  assert.equal(ecOnly.presented.ecdsa.length, 1);
  // Two handshakes per target, eight at a time, each at most 1 s: far below 10 s.
  assert.ok(ms < 10_000, `${ms} ms`);
});

test('a gadget server that speaks only the DHE suites Finesse refuses is probe.dhe_only; a modern one is not', async () => {
  const { json } = await probe(['--timeout', '2', '--gadget', `127.0.0.1:${extra.dheOnly}`, '--gadget', `127.0.0.1:${extra.ecOnly}`]);
  const dhe = byUrl(json, `https://127.0.0.1:${extra.dheOnly}/`);
  assert.ok(dhe.offers.includes('dhe'), dhe.offers.join());
  const finding = dhe.findings.find((f) => f.id === 'probe.dhe_only');
  assert.ok(finding, JSON.stringify(dhe));
  assert.equal(finding.severity, 'error');
  assert.match(finding.message, /Finesse refuses/);
  const modern = byUrl(json, `https://127.0.0.1:${extra.ecOnly}/`);
  assert.ok(!ids(modern).includes('probe.dhe_only'), ids(modern).join());
});

test('exit 0 when every URL is reachable with no error; 2 for usage errors', async () => {
  const ok = await probe(['--resolve', 'uccx1.example.com=127.0.0.1', '--target', `uccx1.example.com:${extra.ecOnly}`,
    '--timeout', '2', path.join(PROBE, 'ec-root.pem')]);
  assert.equal(ok.status, 0, JSON.stringify(ok.json.targets[0].findings.map((f) => f.id)));
  assert.equal(ok.json.summary.errors, 0);
  for (const bad of [['--resolve', 'nohost'], ['--target', 'host:port'], ['--timeout', '0'], ['--warn-days=-1'], ['--product', 'nope']]) {
    const run = await probe([...bad, '--target', '127.0.0.1:1']);
    assert.equal(run.status, 2, `${bad.join(' ')}: ${run.stderr}`);
    assert.match(run.stderr, /certcheck:/);
  }
});

test('the text report speaks the chosen language and keeps server fields inert', async (t) => {
  const { status, stdout } = await probe(['--lang', 'ja', '--timeout', '1', '--target', `127.0.0.1:${extra.refused}`,
    '--target', `127.0.0.1:${extra.ecOnly}`], { format: 'text' });
  assert.equal(status, 1);
  assert.match(stdout, /サーバが現在提示しているもの: 2 件の URL/);
  assert.match(stdout, /接続が拒否されました/);
  assert.match(stdout, /ECDSA 署名のみを提案したハンドシェイク（TLS 1\.[23]）:/);
  assert.ok(!stdout.includes('\u001b'));
  t.diagnostic(stdout.split('\n').slice(0, 3).join(' | '));
});
