// The dependency tree checked offline, as cargo-deny checks licenses, bans and sources: every crate
// from crates.io (or this workspace), under a license of the allowed list, none of the banned ones;
// every npm package of the lockfile from the npm registry with its integrity hash; the page's own
// modules import nothing from npm. Security advisories need a database (RustSec, npm's) that this
// machine cannot reach: they are not checked here, and the README says so.
// `node scripts/supply-chain.mjs` checks and prints one line; `--update` rewrites the README's list
// of what the page ships (the crates its WebAssembly is built from) with their licenses.
import { execFileSync } from 'node:child_process';
import { readFileSync, readdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const ALLOWED = new Set([
  'MIT', 'Apache-2.0', 'Apache-2.0 WITH LLVM-exception', 'BSD-2-Clause', 'BSD-3-Clause', 'ISC',
  'Unicode-3.0', 'Unicode-DFS-2016', 'Zlib', 'CC0-1.0', '0BSD', 'BSL-1.0', 'Unlicense', 'MPL-2.0',
  'CDLA-Permissive-2.0',
]);
/** Crates the project must not link: system TLS and C crypto (the core is pure Rust and ring). */
const BANNED = new Set(['openssl', 'openssl-sys', 'native-tls']);
const CRATES_IO = 'registry+https://github.com/rust-lang/crates.io-index';

/**
 * Whether an SPDX expression is satisfied by the allowed licenses (`A OR B`, `A AND B`,
 * parentheses; the old `A/B` form means OR).
 * @param {string} expression
 */
export function allowed(expression) {
  const tokens = expression.replace(/\//g, ' OR ').replace(/\(/g, ' ( ').replace(/\)/g, ' ) ').split(/\s+/).filter(Boolean);
  let at = 0;
  const primary = () => {
    if (tokens[at] === '(') {
      at += 1;
      const value = or();
      at += 1; // ')'
      return value;
    }
    let name = tokens[at++];
    if (tokens[at] === 'WITH') { name = `${name} WITH ${tokens[at + 1]}`; at += 2; }
    return ALLOWED.has(name);
  };
  const and = () => {
    let value = primary();
    while (tokens[at] === 'AND') { at += 1; value = primary() && value; }
    return value;
  };
  const or = () => {
    let value = and();
    while (tokens[at] === 'OR') { at += 1; value = and() || value; }
    return value;
  };
  return tokens.length > 0 && or();
}

function metadata(extra = []) {
  const out = execFileSync('cargo', ['metadata', '--format-version', '1', '--locked', '--offline', ...extra], { cwd: ROOT, maxBuffer: 64 << 20 });
  return JSON.parse(out.toString());
}

const problems = [];
const all = metadata();
for (const pkg of all.packages) {
  const local = pkg.source === null;
  if (!local && pkg.source !== CRATES_IO) problems.push(`${pkg.name} ${pkg.version}: source ${pkg.source}`);
  if (!pkg.license || !allowed(pkg.license)) problems.push(`${pkg.name} ${pkg.version}: license ${pkg.license || '(none)'}`);
  if (BANNED.has(pkg.name)) problems.push(`${pkg.name}: banned`);
}

// What the page ships: the crates the wasm core is built from (normal dependencies, wasm32).
const wasm = metadata(['--filter-platform', 'wasm32-unknown-unknown']);
const byId = new Map(wasm.packages.map((pkg) => [pkg.id, pkg]));
const nodes = new Map(wasm.resolve.nodes.map((node) => [node.id, node]));
const root = wasm.packages.find((pkg) => pkg.name === 'certcheck').id;
const shipped = new Set();
const stack = [root];
while (stack.length) {
  const id = stack.pop();
  if (shipped.has(id)) continue;
  shipped.add(id);
  for (const dep of nodes.get(id).deps) {
    if (dep.dep_kinds.some((kind) => kind.kind === null)) stack.push(dep.pkg);
  }
}
shipped.delete(root);
const rows = [...shipped].map((id) => byId.get(id)).sort((a, b) => a.name.localeCompare(b.name) || a.version.localeCompare(b.version, undefined, { numeric: true }));
const table = ['| crate | version | license |', '|---|---|---|', ...rows.map((pkg) => `| ${pkg.name} | ${pkg.version} | ${pkg.license} |`)].join('\n');

// npm: every package from the registry, with its integrity hash.
const lock = JSON.parse(readFileSync(path.join(ROOT, 'package-lock.json'), 'utf8'));
let npm = 0;
if (!(lock.lockfileVersion >= 2)) problems.push(`package-lock.json: lockfileVersion ${lock.lockfileVersion}`);
for (const [where, pkg] of Object.entries(lock.packages || {})) {
  if (where === '' || pkg.link) continue;
  npm += 1;
  // A lockfile written against the default registry may leave `resolved` out; one that names
  // another source is refused.
  if (pkg.resolved !== undefined && !String(pkg.resolved).startsWith('https://registry.npmjs.org/')) problems.push(`${where}: resolved ${pkg.resolved}`);
  if (!/^sha512-[A-Za-z0-9+/=]+$/.test(pkg.integrity || '')) problems.push(`${where}: integrity ${pkg.integrity}`);
}
// The page's modules import only each other: it ships no npm code.
for (const file of readdirSync(path.join(ROOT, 'www')).filter((name) => name.endsWith('.js'))) {
  const text = readFileSync(path.join(ROOT, 'www', file), 'utf8');
  for (const match of text.matchAll(/^import [^'"]*['"]([^'"]+)['"]/gm)) {
    if (!match[1].startsWith('./')) problems.push(`www/${file}: imports ${match[1]}`);
  }
}

const readmePath = path.join(ROOT, 'README.md');
const readme = readFileSync(readmePath, 'utf8');
const begin = '<!-- page-deps:begin -->\n';
const end = '<!-- page-deps:end -->';
const start = readme.indexOf(begin);
const stop = readme.indexOf(end);
if (start < 0 || stop < 0) problems.push('README.md: no page-deps markers');
else if (readme.slice(start + begin.length, stop) !== `${table}\n`) {
  if (process.argv.includes('--update')) writeFileSync(readmePath, `${readme.slice(0, start + begin.length)}${table}\n${readme.slice(stop)}`);
  else problems.push('README.md: the list of what the page ships is out of date (node scripts/supply-chain.mjs --update)');
}

if (problems.length) {
  console.error(problems.join('\n'));
  process.exit(1);
}
console.log(`supply chain: ${all.packages.length} crates from crates.io under allowed licenses, none banned; ${rows.length} of them in the page's WebAssembly (README); ${npm} npm packages from the registry with integrity hashes, none shipped by the page; advisories not checked (no advisory database is reachable offline)`);
