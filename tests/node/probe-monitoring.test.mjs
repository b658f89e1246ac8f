// `certcheck probe --format nagios|prometheus` against TLS servers on 127.0.0.1 (high ports, mapped
// with --target and --resolve as in probe.test.mjs): every Monitoring Plugins exit code — OK, a
// certificate within --warn-days (WARNING) or --crit-days (CRITICAL), expired, unreachable, the
// wrong certificate (CRITICAL), usage and I/O errors (UNKNOWN) — the performance data's syntax,
// hostile certificate fields kept inert, and the Prometheus output checked by `promtool check
// metrics` (and by the node exporter's textfile collector when it is installed). The certificates
// that must expire a given number of days from now are issued here, under the fixtures' CA, with
// @peculiar/x509 and the fixed test keys.
import 'reflect-metadata';
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync, spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync, existsSync } from 'node:fs';
import { webcrypto } from 'node:crypto';
import net from 'node:net';
import os from 'node:os';
import tls from 'node:tls';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import * as x509 from '@peculiar/x509';
import { runProbe } from './probe-process.mjs';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const FIX = path.join(ROOT, 'tests', 'fixtures');
const PROBE = path.join(FIX, 'probe');
const KEYS = path.join(FIX, 'keys');
const DAY = 86_400_000;
const HOST = 'uccx1.example.com';
const read = (...parts) => readFileSync(path.join(...parts), 'utf8');
const blocks = (pem) => pem.match(/-----BEGIN CERTIFICATE-----[\s\S]+?-----END CERTIFICATE-----\n?/g) || [];
const INTERMEDIATE = blocks(read(PROBE, 'ca-chain.pem'))[0];
const CA_CHAIN = path.join(PROBE, 'ca-chain.pem');

x509.cryptoProvider.set(webcrypto);
const RSA = { name: 'RSASSA-PKCS1-v1_5', hash: 'SHA-256' };
const der = (pem) => Buffer.from(pem.replace(/-----[^-]+-----/g, '').replace(/\s+/g, ''), 'base64');

/** A leaf for `cn` (SAN: uccx1.example.com) under the fixtures' Example Issuing CA 1, with the
 *  fixed key uccx1-rsa, valid from yesterday until `notAfter`. */
async function issue(cn, notAfter) {
  const signingKey = await webcrypto.subtle.importKey('pkcs8', der(read(KEYS, 'intermediate-rsa.pem')), RSA, true, ['sign']);
  const leafKey = await webcrypto.subtle.importKey('pkcs8', der(read(KEYS, 'uccx1-rsa.pem')), RSA, true, ['sign']);
  const { kty, n, e } = await webcrypto.subtle.exportKey('jwk', leafKey);
  const publicKey = await webcrypto.subtle.importKey('jwk', { kty, n, e }, RSA, true, ['verify']);
  const issuer = new x509.X509Certificate(INTERMEDIATE);
  const certificate = await x509.X509CertificateGenerator.create({
    serialNumber: `01${Date.now().toString(16)}${Math.floor(Math.random() * 1e6).toString(16)}`,
    subject: new x509.Name([{ C: ['JP'] }, { O: ['Example Corp'] }, { CN: [cn] }]),
    issuer: issuer.subject,
    notBefore: new Date(Date.now() - DAY),
    notAfter,
    signingKey,
    publicKey,
    signingAlgorithm: RSA,
    extensions: [
      new x509.BasicConstraintsExtension(false),
      new x509.KeyUsagesExtension(x509.KeyUsageFlags.digitalSignature | x509.KeyUsageFlags.keyEncipherment, true),
      new x509.ExtendedKeyUsageExtension([x509.ExtendedKeyUsage.serverAuth, x509.ExtendedKeyUsage.clientAuth]),
      new x509.SubjectAlternativeNameExtension([{ type: 'dns', value: HOST }]),
      await x509.AuthorityKeyIdentifierExtension.create(issuer, false),
    ],
  });
  return certificate.toString('pem') + '\n';
}

const servers = [];
const sockets = new Set();
const port = {}; // name → port
const notAfter = {}; // name → Unix seconds of the issued leaf
let dir;

function tlsServer(certificate, key) {
  const server = tls.createServer({ key, cert: certificate }, (socket) => socket.end());
  server.on('tlsClientError', () => {});
  server.on('connection', (socket) => { sockets.add(socket); socket.on('close', () => sockets.delete(socket)); });
  servers.push(server);
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve(server.address().port));
  });
}

before(async () => {
  execFileSync('cargo', ['build', '--quiet', '--bin', 'certcheck'], { cwd: ROOT, stdio: 'inherit' });
  dir = mkdtempSync(path.join(os.tmpdir(), 'certcheck-monitoring-'));
  const key = read(KEYS, 'uccx1-rsa.pem');
  // Twelve hours past the whole day, so the days left do not depend on when in the day this runs.
  const days = (count) => new Date(Date.now() + count * DAY + DAY / 2);
  for (const [name, count] of [['fresh', 400], ['soon', 20]]) {
    const pem = await issue(HOST, days(count));
    notAfter[name] = Math.floor(new x509.X509Certificate(pem).notAfter.getTime() / 1000);
    port[name] = await tlsServer(pem + INTERMEDIATE, key);
  }
  port.expired = await tlsServer(read(PROBE, 'uccx1-expired.pem') + INTERMEDIATE, key);
  port.wrong = await tlsServer(read(PROBE, 'cucm1-tomcat.pem') + INTERMEDIATE, read(KEYS, 'other-rsa.pem'));
  // A common name made to forge plugin output: an escape sequence, a line feed, a pipe.
  port.hostile = await tlsServer(await issue('evil\u001b[2J\nCERTCHECK OK - fine | \'days_left\'=999', days(400)) + INTERMEDIATE, key);
  const closed = net.createServer();
  port.refused = await new Promise((resolve) => closed.listen(0, '127.0.0.1', () => resolve(closed.address().port)));
  await new Promise((resolve) => closed.close(resolve));
});

after(() => {
  for (const socket of sockets) socket.destroy();
  for (const server of servers) server.close();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

const probe = runProbe;
const target = (name) => ['--target', `${HOST}:${port[name]}`];
const url = (name) => `https://${HOST}:${port[name]}/`;
const nagios = (names, ...extra) => probe(['--format', 'nagios', '--timeout', '2', '--resolve', `${HOST}=127.0.0.1`,
  ...names.flatMap(target), ...extra, CA_CHAIN]);

/** The status line split: status word, summary, performance data fields. */
function statusLine(stdout) {
  const [first] = stdout.split('\n');
  const match = /^CERTCHECK (OK|WARNING|CRITICAL|UNKNOWN) - (.+?)(?: \| (.+))?$/.exec(first);
  assert.ok(match, `status line: ${first}`);
  return { status: match[1], summary: match[2], perfdata: match[3] ? match[3].split(' ') : [] };
}

/** Performance data as the Monitoring Plugins guidelines spell it: 'label'=value[UOM];warn;crit;min;max,
 *  value in [-0-9.], thresholds in the range format. */
const PERFDATA = /^'[^'=]+'=-?[0-9.]+(?:;(?:@?(?:~|-?[0-9.]+)?:?(?:-?[0-9.]+)?)?){0,4}$/;
const perf = (fields, label) => {
  const field = fields.find((candidate) => candidate.startsWith(`'${label}'=`));
  return field && field.slice(label.length + 3);
};

test('OK: a certificate far from expiry, exit 0, with the fewest days left as performance data', async () => {
  const { status, stdout } = await nagios(['fresh']);
  assert.equal(status, 0, stdout);
  const line = statusLine(stdout);
  assert.equal(line.status, 'OK');
  for (const field of line.perfdata) assert.match(field, PERFDATA);
  assert.equal(perf(line.perfdata, 'days_left'), '400;30:;0:');
  assert.equal(perf(line.perfdata, `days_left_${HOST}_${port.fresh}`), '400;30:;0:');
  assert.equal(perf(line.perfdata, 'urls_failing'), '0;;0;0;1');
  assert.equal(stdout.split('\n')[1], `OK ${url('fresh')} - 400 day(s) left: the earliest-expiring certificate it presents expires on ${new Date(notAfter.fresh * 1000).toISOString().slice(0, 10)}.`);
  assert.ok(stdout.endsWith('\n') && stdout.split('\n').length === 3, stdout);
});

test('WARNING within --warn-days, CRITICAL within --crit-days, each with its thresholds', async () => {
  const warned = await nagios(['soon']);
  assert.equal(warned.status, 1, warned.stdout);
  assert.equal(statusLine(warned.stdout).status, 'WARNING');
  assert.equal(perf(statusLine(warned.stdout).perfdata, 'days_left'), '20;30:;0:');
  assert.match(warned.stdout, /\nWARNING https:\/\/\S+ - A certificate .* expires on \S+: 20 day\(s\) left, within the 30-day warning window\.\n/);

  const critical = await nagios(['soon'], '--crit-days', '25');
  assert.equal(critical.status, 2, critical.stdout);
  assert.equal(statusLine(critical.stdout).status, 'CRITICAL');
  assert.equal(perf(statusLine(critical.stdout).perfdata, 'days_left'), '20;30:;25:');
  assert.match(critical.stdout, /\nCRITICAL https:\/\/\S+ - A certificate .* 20 day\(s\) left, within the 25-day critical window\.\n/);

  const outsideCritical = await nagios(['soon'], '--crit-days', '10');
  assert.equal(outsideCritical.status, 1, outsideCritical.stdout);
  const outsideBoth = await nagios(['soon'], '--warn-days', '15', '--crit-days', '10');
  assert.equal(outsideBoth.status, 0, outsideBoth.stdout);
  assert.equal(perf(statusLine(outsideBoth.stdout).perfdata, 'days_left'), '20;15:;10:');
});

test('CRITICAL: expired, unreachable, another name, not the planned certificate', async () => {
  const expired = await nagios(['expired']);
  assert.equal(expired.status, 2, expired.stdout);
  assert.match(expired.stdout, /\nCRITICAL https:\/\/\S+ - Expired on 2021-01-01 /);
  assert.ok(Number(perf(statusLine(expired.stdout).perfdata, 'days_left').split(';')[0]) < -2000, expired.stdout);

  const refused = await nagios(['refused']);
  assert.equal(refused.status, 2, refused.stdout);
  const line = statusLine(refused.stdout);
  assert.equal(line.status, 'CRITICAL');
  assert.deepEqual(line.perfdata, ["'urls_failing'=1;;0;0;1"], 'no days for a URL that sent nothing');
  assert.match(refused.stdout, /\nCRITICAL https:\/\/\S+ - Not reachable: The connection was refused/);

  const wrong = await nagios(['wrong']);
  assert.equal(wrong.status, 2, wrong.stdout);
  assert.match(wrong.stdout, /\nCRITICAL https:\/\/\S+ - This server certificate names cucm1\.example\.com, but it is meant for uccx1\.example\.com/);

  // The plan uploads the fixtures' uccx1 certificate; the server still presents another one.
  const unplanned = await nagios(['fresh'], path.join(PROBE, 'uccx1-tomcat.pem'));
  assert.equal(unplanned.status, 2, unplanned.stdout);
  assert.match(unplanned.stdout, /\nCRITICAL https:\/\/\S+ - .*not the planned/);
});

test('every URL gets its line; the status is the worst; labels per host and port', async () => {
  const names = ['fresh', 'soon', 'expired', 'refused', 'wrong'];
  const { status, stdout } = await nagios(names);
  assert.equal(status, 2);
  const lines = stdout.trimEnd().split('\n');
  assert.equal(lines.length, 1 + names.length, stdout);
  const line = statusLine(stdout);
  assert.match(line.summary, /^5 URL\(s\) probed: 3 failing, 1 with a warning; the fewest days left: -\d+ \(https:\/\/\S+\)\.$/);
  for (const field of line.perfdata) assert.match(field, PERFDATA);
  assert.equal(perf(line.perfdata, 'urls_failing'), '3;;0;0;5');
  for (const name of ['fresh', 'soon', 'expired', 'wrong']) assert.ok(perf(line.perfdata, `days_left_${HOST}_${port[name]}`), name);
  assert.deepEqual(lines.slice(1).map((text) => text.split(' ')[0]), ['OK', 'WARNING', 'CRITICAL', 'CRITICAL', 'CRITICAL']);
});

test('a certificate field made to forge output stays inert: one line per URL, one pipe', async () => {
  const { status, stdout } = await nagios(['hostile', 'fresh']);
  assert.equal(status, 2, stdout);
  const lines = stdout.trimEnd().split('\n');
  assert.equal(lines.length, 3, stdout);
  assert.equal(stdout.split('|').length, 2, 'only the performance data separator');
  assert.ok(!/[\u0000-\u0009\u000b-\u001f\u007f]/.test(stdout), JSON.stringify(stdout));
  assert.match(lines[1], /^CRITICAL https:\/\/\S+ - The common name evil\uFFFD\[2J\uFFFDCERTCHECK OK - fine ¦ 'days_left'=999 is not among/);
});

test('usage and I/O errors are UNKNOWN (3) with --format nagios, and 2 otherwise', async () => {
  const cases = [
    ['--warn-days=-1'],
    ['--crit-days', '40'],
    ['--timeout', '0'],
    ['--resolve', 'nohost'],
    ['--target', 'host:port'],
    ['--lang', 'xx'],
    ['--product', 'nope'],
    ['--no-such-option'],
    ['--crit-days', 'soon'],
    [path.join(dir, 'missing.pem')],
  ];
  for (const args of cases) {
    for (const format of [['--format', 'nagios'], ['--format=nagios']]) {
      const run = await probe([...format, '--target', '127.0.0.1:1', ...args]);
      assert.equal(run.status, 3, `${args.join(' ')}: ${run.stdout}${run.stderr}`);
      assert.match(run.stdout, /^CERTCHECK UNKNOWN - \S.*\n$/, args.join(' '));
    }
    for (const format of [[], ['--format', 'json'], ['--format', 'prometheus']]) {
      const run = await probe([...format, '--target', '127.0.0.1:1', ...args]);
      assert.equal(run.status, 2, `${format} ${args.join(' ')}: ${run.stdout}${run.stderr}`);
      assert.equal(run.stdout, '', 'nothing half-written');
    }
  }
  const unknownFormat = await probe(['--crit-days', '40', '--format', 'nagios', '--target', '127.0.0.1:1']);
  assert.equal(unknownFormat.stdout, 'CERTCHECK UNKNOWN - --crit-days 40: use 0 to --warn-days (30)\n');
  // Nothing to probe: nothing was judged.
  const empty = await probe(['--format', 'nagios']);
  assert.equal(empty.status, 3, empty.stdout);
  assert.match(empty.stdout, /^CERTCHECK UNKNOWN - No URL to probe/);
  // Help is not an error.
  const help = await probe(['--format', 'nagios', '--help']);
  assert.equal(help.status, 0);
  assert.match(help.stdout, /--crit-days/);
});

test('the Prometheus output passes promtool check metrics, with escaped labels, and exit 0 once written', async (t) => {
  // Host names a user could type that need escaping in a label value: quote, backslash, line feed.
  const odd = 'a"b\\c';
  const lines = 'x\ny';
  const { status, stdout } = await probe(['--format', 'prometheus', '--timeout', '2', '--resolve', `${HOST}=127.0.0.1`,
    '--resolve', `${odd}=127.0.0.1`, '--resolve', `${lines}=127.0.0.1`, ...['fresh', 'soon', 'expired', 'refused', 'wrong'].flatMap(target),
    '--target', `${odd}:${port.fresh}`, '--target', `${lines}:${port.fresh}`, CA_CHAIN]);
  assert.equal(status, 0, 'the state is in the metrics');
  const file = path.join(dir, 'certcheck.prom');
  writeFileSync(file, stdout);
  const check = spawnSync('promtool', ['check', 'metrics'], { input: stdout, encoding: 'utf8' });
  assert.equal(check.error, undefined, 'promtool is installed (scripts/setup.sh)');
  assert.equal(check.status, 0, check.stdout + check.stderr);
  assert.equal((check.stdout + check.stderr).trim(), '', 'no lint problem');
  t.diagnostic(`promtool check metrics: ${stdout.split('\n').filter((line) => line && !line.startsWith('#')).length} samples, clean`);

  const sample = (name, labels) => {
    const line = stdout.split('\n').find((text) => text.startsWith(`${name}{${labels}`));
    assert.ok(line, `${name}{${labels}… in\n${stdout}`);
    return Number(line.slice(line.lastIndexOf(' ') + 1));
  };
  const at = (name) => `url="${url(name)}",node="${HOST}"`;
  assert.equal(sample('certcheck_probe_success', at('fresh')), 1);
  assert.equal(sample('certcheck_probe_success', at('refused')), 0);
  assert.equal(sample('certcheck_cert_not_after_seconds', `${at('soon')},store="tomcat",sha256="`), notAfter.soon);
  assert.equal(sample('certcheck_chain_earliest_not_after_seconds', `${at('soon')},store="tomcat"}`), notAfter.soon);
  assert.equal(sample('certcheck_findings', `url="${url('expired')}",severity="error"}`) >= 1, true);
  assert.equal(sample('certcheck_findings', `url="${url('soon')}",severity="warning"}`), 1);
  assert.ok(sample('certcheck_probe_duration_seconds', `url="${url('fresh')}"}`) >= 0);
  assert.equal(sample('certcheck_probe_success', 'url="https://a\\"b\\\\c:'), 0, 'escaped, and not a host name TLS takes');
  assert.equal(sample('certcheck_probe_success', 'url="https://x\\ny:'), 0, 'the line feed escaped');
  assert.ok(!stdout.includes('certcheck_cert_matches_plan'), 'no plan certificate to compare: no sample');

  // With the plan's certificate for uccx1, the comparison is there.
  const planned = await probe(['--format', 'prometheus', '--resolve', `${HOST}=127.0.0.1`, ...target('fresh'), CA_CHAIN,
    path.join(PROBE, 'uccx1-tomcat.pem')]);
  assert.match(planned.stdout, new RegExp(`\ncertcheck_cert_matches_plan\\{${at('fresh').replace(/[.]/g, '\\.')},store="tomcat"\\} 0\n`));
});

test('the node exporter\'s textfile collector reads the metrics', async (t) => {
  const exporter = '/usr/bin/prometheus-node-exporter';
  if (!existsSync(exporter)) { t.skip('prometheus-node-exporter is not installed'); return; }
  const textfiles = mkdtempSync(path.join(dir, 'textfile-'));
  // A URL given twice is one series (the exporter's gatherer logs a series seen twice as an error
  // and drops it; promtool does not tell).
  const { stdout } = await probe(['--format', 'prometheus', '--resolve', `${HOST}=127.0.0.1`, ...target('fresh'), ...target('refused'),
    ...target('fresh'), CA_CHAIN]);
  assert.equal(stdout.split('\n').filter((line) => line.startsWith('certcheck_probe_success{')).length, 2, stdout);
  writeFileSync(path.join(textfiles, 'certcheck.prom'), stdout);
  const free = net.createServer();
  const listen = await new Promise((resolve) => free.listen(0, '127.0.0.1', () => resolve(free.address().port)));
  await new Promise((resolve) => free.close(resolve));
  const child = spawn(exporter, ['--collector.disable-defaults', '--collector.textfile',
    `--collector.textfile.directory=${textfiles}`, `--web.listen-address=127.0.0.1:${listen}`], { stdio: 'ignore' });
  try {
    let body = '';
    for (let attempt = 0; attempt < 50 && !body; attempt += 1) {
      await new Promise((resolve) => setTimeout(resolve, 100));
      body = await fetch(`http://127.0.0.1:${listen}/metrics`).then((response) => response.text(), () => '');
    }
    assert.match(body, /\nnode_textfile_scrape_error 0\n/, body.slice(0, 2000));
    assert.match(body, new RegExp(`\\ncertcheck_probe_success\\{node="${HOST.replace(/\./g, '\\.')}",url="${url('fresh').replace(/[.]/g, '\\.')}"\\} 1\\n`));
  } finally {
    child.kill();
  }
});

test('the README\'s Prometheus alert rules pass promtool check rules', () => {
  const readme = read(ROOT, 'README.md');
  const rules = /```yaml\n(groups:[\s\S]+?)```/.exec(readme);
  assert.ok(rules, 'a ```yaml block of rules in the README');
  const file = path.join(dir, 'certcheck-rules.yml');
  writeFileSync(file, rules[1]);
  const check = spawnSync('promtool', ['check', 'rules', file], { encoding: 'utf8' });
  assert.equal(check.status, 0, check.stdout + check.stderr);
  assert.match(check.stdout, /SUCCESS: \d+ rules found/);
});
