// Build dist/certcheck.html: the whole page in one file (scripts, styles, wasm and the examples
// inlined) for PCs that cannot reach a hosted page: it works when opened from disk (file://).
// The ES modules of www/ are joined by a small bundler that knows their import/export forms; the
// Content-Security-Policy allows exactly the inline script and style by their SHA-256 hashes.
import { createHash } from 'node:crypto';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const WWW = path.join(ROOT, 'www');

/** Rewrite one ES module into a function body that fills `__e` and reads others from `__m`. */
function transform(code, id) {
  const tail = [];
  const spec = (from) => JSON.stringify(path.posix.join(path.posix.dirname(id), from));
  let out = code.replace(/^import\s+(.+?)\s+from\s+'([^']+)';$/gm, (whole, clause, from) => {
    const parts = [];
    const named = clause.match(/\{([^}]*)\}/);
    const defaultName = clause.replace(/\{[^}]*\}/, '').replace(/,/g, '').trim();
    if (defaultName) parts.push(`const ${defaultName} = __m[${spec(from)}].default;`);
    if (named) {
      const names = named[1].split(',').map((name) => name.trim()).filter(Boolean)
        .map((name) => name.replace(/^(\w+)\s+as\s+(\w+)$/, '$1: $2'));
      parts.push(`const { ${names.join(', ')} } = __m[${spec(from)}];`);
    }
    return parts.join(' ');
  });
  out = out.replace(/^export default /m, '__e.default = ');
  out = out.replace(/^export (async function|function|const|let|class) ([\w$]+)/gm, (whole, kind, name) => {
    tail.push(`__e.${name} = ${name};`);
    return `${kind} ${name}`;
  });
  out = out.replace(/^export \{([^}]*)\};$/gm, (whole, names) => names.split(',').map((name) => name.trim()).filter(Boolean)
    .map((name) => {
      const [local, exported] = name.split(/\s+as\s+/);
      return `__e.${exported || local} = ${local};`;
    }).join(' '));
  if (/^\s*(import|export)\s/m.test(out)) throw new Error(`${id}: an import/export form the bundler does not know`);
  out = out.replace(/import\.meta\.url/g, 'location.href');
  return `__m[${JSON.stringify(id)}] = (() => { const __e = {};\n${out}\n${tail.join('\n')}\nreturn __e; })();`;
}

/** Modules in dependency order (leaves first). */
async function bundle(entry) {
  const order = [];
  const seen = new Set();
  async function visit(id) {
    if (seen.has(id)) return;
    seen.add(id);
    const code = await readFile(path.join(WWW, id), 'utf8');
    for (const [, from] of code.matchAll(/^import\s+.+?\s+from\s+'([^']+)';$/gm)) {
      await visit(path.posix.join(path.posix.dirname(id), from));
    }
    order.push(transform(code, id));
  }
  await visit(entry);
  return order.join('\n');
}

const sha256 = (text) => `'sha256-${createHash('sha256').update(text, 'utf8').digest('base64')}'`;

const html = await readFile(path.join(WWW, 'index.html'), 'utf8');
const style = await readFile(path.join(WWW, 'style.css'), 'utf8');
const wasm = (await readFile(path.join(WWW, 'pkg', 'certcheck_bg.wasm'))).toString('base64');
const examples = {};
for (const name of ['ca-response.pem', 'uccx1-tomcat.csr']) {
  examples[name] = (await readFile(path.join(WWW, 'example', name))).toString('base64');
}
// The checker's worker, as one classic script the page starts from a blob: URL.
const worker = `"use strict";\nconst __m = {};\n${await bundle('worker.js')}\n`;
const script = `"use strict";\nglobalThis.CERTCHECK_EMBEDDED = ${JSON.stringify({ wasm, examples, worker })};\nconst __m = {};\n${await bundle('app.js')}\n`;
const csp = [
  "default-src 'none'", `script-src ${sha256(script)} 'wasm-unsafe-eval'`, `style-src ${sha256(style)}`,
  "img-src data:", "connect-src 'none'", "worker-src blob:", "base-uri 'none'", "form-action 'none'",
].join('; ');
let page = html
  .replace(/<meta http-equiv="Content-Security-Policy" content="[^"]*">/, `<meta http-equiv="Content-Security-Policy" content="${csp}">`)
  .replace('<link rel="stylesheet" href="style.css">', () => `<style>${style}</style>`)
  .replace('<script type="module" src="app.js"></script>\n', '')
  .replace('</body>', () => `<script>${script}</script>\n</body>`);
if (page.includes('src="app.js"') || !page.includes('CERTCHECK_EMBEDDED')) throw new Error('index.html changed: update single-file.mjs');
await mkdir(path.join(ROOT, 'dist'), { recursive: true });
await writeFile(path.join(ROOT, 'dist', 'certcheck.html'), page);
console.log(`[build] dist/certcheck.html: ${page.length} bytes (one file, works from disk)`);
