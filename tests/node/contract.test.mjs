// The report's JSON contract (crate/src/report/report.d.ts) holds both ways: the page type-checks
// against it, and real reports of the fixtures — the CLI's JSON, made by the same core the page
// runs — are object literals of that type, so a member the contract lacks (TypeScript's excess
// property check) or a member the core no longer sends fails the check.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdirSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const FIXTURES = path.join(ROOT, 'tests', 'fixtures');
const TSC = path.join(ROOT, 'node_modules', 'typescript', 'bin', 'tsc');

function cli() {
  const bin = path.join(ROOT, 'target', 'debug', 'certcheck');
  execFileSync('cargo', ['build', '--quiet', '--bin', 'certcheck'], { cwd: ROOT, stdio: 'inherit' });
  return bin;
}

function fixtureFiles(dir) {
  const out = [];
  for (const name of readdirSync(dir).sort()) {
    const file = path.join(dir, name);
    if (statSync(file).isDirectory()) out.push(...fixtureFiles(file));
    else if (!/\.(py|json|md|txt)$/.test(name)) out.push(file);
  }
  return out;
}

/** @returns {{status: number | null, output: string}} */
function tsc(args) {
  const result = spawnSync(process.execPath, [TSC, ...args], { cwd: ROOT, encoding: 'utf8' });
  return { status: result.status, output: `${result.stdout}${result.stderr}` };
}

test('the page type-checks against the report contract (tsc --checkJs)', () => {
  const { status, output } = tsc(['-p', 'tsconfig.json']);
  assert.equal(status, 0, output);
});

test('real reports of every fixture, in four contexts, are exactly the contract', () => {
  const bin = cli();
  const files = fixtureFiles(FIXTURES).filter((file) => !file.includes(`${path.sep}limbo${path.sep}`));
  const contexts = [
    [],
    ['--product', 'uccx', '--version', '12.5(1)', '--node', 'uccx1.example.com', '--node', 'uccx2.example.com',
      '--socialminer', 'sm.example.com', '--mediasense', 'ms.example.com'],
    ['--product', 'ucce', '--version', '12.6', '--finesse', 'finesse-a.example.com', '--cuic', 'cuic-a.example.com',
      '--livedata', 'livedata-a.example.com', '--at', '2030-01-01'],
    ['--product', 'uccx', '--version', '10.5(1)', '--node', 'uccx1.example.com', '--lang', 'ja'],
  ];
  const reports = [];
  for (const context of contexts) {
    for (let from = 0; from < files.length; from += 40) {
      const result = spawnSync(bin, ['check', '--format', 'json', ...context, ...files.slice(from, from + 40)], { encoding: 'utf8', maxBuffer: 64 << 20 });
      assert.ok(result.status === 0 || result.status === 1, result.stderr);
      reports.push(JSON.parse(result.stdout));
    }
  }
  // Every kind of member appears somewhere, so the check covers the whole contract.
  const seen = (predicate) => reports.some(predicate);
  assert.ok(seen((r) => r.items.some((item) => item.pkcs12)), 'a PKCS#12 item');
  assert.ok(seen((r) => r.items.some((item) => item.csr)), 'a CSR item');
  assert.ok(seen((r) => r.items.some((item) => item.kind === 'private-key')), 'a private key');
  assert.ok(seen((r) => r.chains.some((chain) => chain.problems.length)), 'a chain problem');
  assert.ok(seen((r) => r.upload_plan.nodes.some((node) => node.steps.some((step) => step.file_name && r.upload_plan.pems[step.item]))), 'a step with a certificate');
  assert.ok(seen((r) => r.ecdsa_verdict.servers.length), 'an ECDSA server verdict');
  const dir = path.join(ROOT, 'target', 'contract');
  mkdirSync(dir, { recursive: true });
  const body = reports.map((report, index) => `export const report${index}: Report = ${JSON.stringify(report)};`).join('\n');
  writeFileSync(path.join(dir, 'reports.ts'), `import type { Report } from '../../crate/src/report/report';\n${body}\n`);
  const { status, output } = tsc(['--noEmit', '--strict', '--skipLibCheck', '--target', 'es2022', '--moduleResolution', 'bundler', '--module', 'es2022', path.join(dir, 'reports.ts')]);
  assert.equal(status, 0, output.slice(0, 4000));
});

test('the contract check fails on a member the contract does not declare', () => {
  const dir = path.join(ROOT, 'target', 'contract');
  mkdirSync(dir, { recursive: true });
  const file = path.join(dir, 'negative.ts');
  writeFileSync(file, "import type { Summary } from '../../crate/src/report/report';\nexport const s: Summary = { errors: 0, warnings: 0, infos: 0, certificates: 0, csrs: 0, unreadable: 0, extra: 1 };\n");
  const { status, output } = tsc(['--noEmit', '--strict', '--moduleResolution', 'bundler', '--module', 'es2022', file]);
  assert.notEqual(status, 0);
  assert.match(output, /extra/);
});
