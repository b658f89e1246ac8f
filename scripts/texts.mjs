// The page's first module (www/pkg-lite) has only English built in; the other languages' texts
// are data it fetches when the page is in that language: www/pkg-lite/texts-<lang>.json, written
// here from the full module's own tables (so both modules say exactly the same words).
import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';

const WWW = path.join(path.dirname(fileURLToPath(import.meta.url)), '..', 'www');
const full = await import(path.join(WWW, 'pkg', 'certcheck.js'));
await full.default({ module_or_path: await readFile(path.join(WWW, 'pkg', 'certcheck_bg.wasm')) });
for (const lang of ['ja', 'pt-BR', 'zh-TW']) {
  const json = JSON.stringify(full.languageTexts(lang));
  await writeFile(path.join(WWW, 'pkg-lite', `texts-${lang}.json`), json);
  console.log(`[build] www/pkg-lite/texts-${lang}.json: ${Buffer.byteLength(json)} bytes, ${gzipSync(json, { level: 9 }).length} gzipped`);
}
