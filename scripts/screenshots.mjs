// README screenshots of the real page (npm run screenshots): the example in English on a laptop,
// in Japanese, and on a phone. Needs a build (npm run build) and Debian's fonts-noto-cjk.
import path from 'node:path';
import { mkdir } from 'node:fs/promises';
import { serve, launch, ROOT } from '../tests/browser/helpers.mjs';

const out = path.join(ROOT, 'docs');
await mkdir(out, { recursive: true });
const server = await serve();
const browser = await launch();
const shots = [
  { name: 'page-en.png', locale: 'en-US', viewport: { width: 1280, height: 720 } },
  { name: 'page-ja.png', locale: 'ja-JP', viewport: { width: 1280, height: 720 } },
  { name: 'page-phone-pt-BR.png', locale: 'pt-BR', viewport: { width: 390, height: 844 } },
];
for (const shot of shots) {
  const context = await browser.newContext({ locale: shot.locale, viewport: shot.viewport });
  const page = await context.newPage();
  await page.goto(`${server.origin}/index.html`);
  await page.waitForSelector('html[data-ready="true"]');
  await page.click('#load-example');
  await page.waitForSelector('#results:not([hidden])');
  await page.waitForSelector('#checklist tbody tr');
  await page.evaluate(() => document.getElementById('results').scrollIntoView());
  await page.screenshot({ path: path.join(out, shot.name) });
  await context.close();
  console.log(`docs/${shot.name}`);
}
await browser.close();
server.stop();
