// The renewal calendar through the page, in four languages: a deployment whose intermediate ends
// before uccx1's certificate and whose two nodes renew a week apart (tests/fixtures/deployment/
// calendar, checked on 2026-10-01). The picture (SVG: role, title, description, keyboard), the
// warning that a CA ends first, the dates list and the table equivalent, dates in the page's
// language, print, axe; "Add to calendar" downloads an .ics file that is parsed back against
// RFC 5545's required properties, and the Markdown lists the same dates.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import { useBrowser, assertAccessible, openPage, waitForReport, dropFiles, foreignRequests, FIXTURES } from './helpers.mjs';
import en from '../../www/i18n/en.js';
import ja from '../../www/i18n/ja.js';
import ptBR from '../../www/i18n/pt-BR.js';
import zhTW from '../../www/i18n/zh-TW.js';

const env = useBrowser();
const LANGS = { en: ['en-US', en], ja: ['ja-JP', ja], 'pt-BR': ['pt-BR', ptBR], 'zh-TW': ['zh-TW', zhTW] };
const FILES = ['ca-chain.pem', 'uccx1-tomcat.pem', 'uccx2-tomcat.pem'].map((name) => path.join(FIXTURES, 'deployment', 'calendar', name));

async function calendarReport(page, files = FILES, { nodes = 'uccx1.example.com\nuccx2.example.com', host = '' } = {}) {
  await page.selectOption('#ctx-product', 'uccx');
  await page.fill('#ctx-version', '12.5(1)');
  await page.fill('#ctx-nodes', nodes);
  await page.fill('#ctx-host', host);
  await page.fill('#ctx-at', '2026-10-01');
  await page.dispatchEvent('#ctx-at', 'change');
  await dropFiles(page, files);
  await waitForReport(page);
  await page.waitForSelector('#calendar-section:not([hidden]) .calendar-table tbody tr');
}

/** The text of a download the page offers when `selector` is clicked. */
async function downloaded(page, selector) {
  const [download] = await Promise.all([page.waitForEvent('download'), page.click(selector)]);
  const chunks = [];
  for await (const chunk of await download.createReadStream()) chunks.push(chunk);
  return { name: download.suggestedFilename(), text: Buffer.concat(chunks).toString('utf8') };
}

/**
 * Parse an iCalendar stream as RFC 5545 §3.1 says (CRLF lines of at most 75 octets, unfolded at
 * CRLF + space; `name *(;param) : value`; components nested by BEGIN/END) and check the required
 * properties: VCALENDAR's VERSION and PRODID, each VEVENT's UID, DTSTAMP and DTSTART, each
 * VALARM's ACTION, TRIGGER and DESCRIPTION. Returns the events.
 */
function parseIcs(text) {
  assert.ok(text.endsWith('\r\n'), 'the last line ends with CRLF');
  const logical = [];
  for (const line of text.slice(0, -2).split('\r\n')) {
    assert.ok(!/[\r\n]/.test(line), `a bare CR or LF in ${JSON.stringify(line)}`);
    assert.ok(Buffer.byteLength(line, 'utf8') <= 75, `${JSON.stringify(line)} is longer than 75 octets`);
    if (line.startsWith(' ') || line.startsWith('\t')) logical[logical.length - 1] += line.slice(1);
    else logical.push(line);
  }
  const stack = [{ name: '', props: [], children: [] }];
  for (const line of logical) {
    const colon = line.indexOf(':');
    assert.ok(colon > 0, `no name:value in ${JSON.stringify(line)}`);
    const [name, ...params] = line.slice(0, colon).split(';');
    const value = line.slice(colon + 1);
    assert.match(name, /^[A-Za-z0-9-]+$/);
    if (name === 'BEGIN') stack.push({ name: value, props: [], children: [] });
    else if (name === 'END') {
      const done = stack.pop();
      assert.equal(done.name, value, 'END matches BEGIN');
      stack[stack.length - 1].children.push(done);
    } else stack[stack.length - 1].props.push({ name, params, value });
  }
  assert.equal(stack.length, 1, 'every BEGIN has its END');
  assert.equal(stack[0].children.length, 1, 'one VCALENDAR');
  const once = (component, name) => {
    const found = component.props.filter((prop) => prop.name === name);
    assert.equal(found.length, 1, `${component.name} has one ${name}`);
    return found[0];
  };
  const calendar = stack[0].children[0];
  assert.equal(calendar.name, 'VCALENDAR');
  assert.equal(once(calendar, 'VERSION').value, '2.0');
  assert.ok(once(calendar, 'PRODID').value.length > 0);
  assert.ok(calendar.children.length > 0);
  const uids = new Set();
  for (const event of calendar.children) {
    assert.equal(event.name, 'VEVENT');
    const uid = once(event, 'UID').value;
    assert.ok(uid && !uids.has(uid), 'a unique UID');
    uids.add(uid);
    assert.match(once(event, 'DTSTAMP').value, /^\d{8}T\d{6}Z$/);
    const start = once(event, 'DTSTART');
    assert.deepEqual(start.params, ['VALUE=DATE']);
    assert.match(start.value, /^\d{8}$/);
    assert.ok(event.children.length > 0, 'reminders');
    for (const alarm of event.children) {
      assert.equal(alarm.name, 'VALARM');
      assert.equal(once(alarm, 'ACTION').value, 'DISPLAY');
      assert.match(once(alarm, 'TRIGGER').value, /^-P(\d+W|(\d+D)?(T(\d+H)?(\d+M)?(\d+S)?)?)$/);
      assert.ok(once(alarm, 'DESCRIPTION').value.length > 0);
    }
  }
  return calendar.children.map((event) => ({
    start: once(event, 'DTSTART').value,
    stamp: once(event, 'DTSTAMP').value,
    summary: unescapeText(once(event, 'SUMMARY').value),
    description: unescapeText(once(event, 'DESCRIPTION').value),
  }));
}

/** A TEXT value (RFC 5545 §3.3.11): `\\`, `\;`, `\,`, `\n`; a bare `;` or `,` is not text. */
function unescapeText(value) {
  assert.ok(!/(^|[^\\])(\\\\)*[;,]/.test(value), `unescaped ; or , in ${value}`);
  return value.replace(/\\([\\;,nN])/g, (whole, c) => (c === 'n' || c === 'N' ? '\n' : c));
}

for (const [lang, [locale, texts]] of Object.entries(LANGS)) {
  test(`${lang}: the renewal calendar — picture, warning, dates, table, keyboard, print, axe — and its .ics file`, async () => {
    const { page, context, errors, requests } = await openPage(env.browser, env.server.origin, { locale, bypassCSP: true });
    assert.equal(await page.getAttribute('html', 'lang'), lang);
    await calendarReport(page);
    assert.equal(await page.textContent('#calendar-title'), texts['calendar.title']);
    const date = (iso) => page.evaluate(([tag, unix]) => new Intl.DateTimeFormat(tag, { dateStyle: 'medium', timeZone: 'UTC' }).format(unix), [lang, Date.parse(`${iso}T00:00:00Z`)]);

    // The picture: an image with its title and description, two rows, the CA certificates under
    // each, the intermediate that ends first marked, today, and a date to renew per row.
    const svg = await page.$('#calendar svg.calendar-svg');
    assert.equal(await svg.getAttribute('role'), 'img');
    assert.equal(await svg.getAttribute('tabindex'), '0');
    const [title, desc] = (await svg.getAttribute('aria-labelledby')).split(' ');
    assert.equal(await page.$eval(`#${title}`, (node) => node.tagName), 'title');
    assert.ok((await page.textContent(`#${desc}`)).length > 20);
    assert.equal(await page.$$eval('#calendar .calendar-row', (rows) => rows.map((row) => row.getAttribute('data-node')).join()), 'uccx1.example.com,uccx2.example.com');
    assert.equal(await page.$$eval('#calendar rect.calendar-ca', (bars) => bars.length), 4);
    assert.equal(await page.$$eval('#calendar rect.calendar-ca.ends-first', (bars) => bars.length), 1);
    assert.equal(await page.$$eval('#calendar .calendar-row[data-node="uccx1.example.com"] rect.calendar-dead', (bars) => bars.length), 1, "uccx1's certificate outlives its chain");
    assert.equal(await page.$$eval('#calendar .calendar-renew', (marks) => marks.length), 2);
    assert.equal(await page.$$eval('#calendar .calendar-today line', (lines) => lines.length), 1);
    assert.equal(await page.$$eval('#calendar .calendar-next', (bars) => bars.length), 2, 'the replacements at the public-CA cap');
    assert.equal(await page.$$eval('#calendar svg [style]', (nodes) => nodes.length), 0, 'geometry by attributes, never style');
    assert.doesNotMatch(await page.$eval('#calendar svg', (node) => node.outerHTML), /NaN|undefined|>null</);
    const renewDates = await page.$$eval('#calendar .calendar-renew-date', (nodes) => nodes.map((node) => node.textContent));
    assert.deepEqual(renewDates, [await date('2026-11-16'), await date('2026-11-09')]);

    // In words: the CA that ends first, with its date in the page's language.
    const warning = await page.textContent('#calendar .calendar-warning');
    assert.match(warning, /Example Issuing CA 3/);
    assert.ok(warning.includes(await date('2027-01-15')), warning);
    assert.ok(warning.includes('uccx1.example.com'), warning);
    if (lang === 'ja') assert.match(warning, /2027\/01\/15/);
    if (lang === 'en') assert.match(warning, /Jan 15, 2027/);
    // The dates to plan, the earliest first: a week apart.
    assert.deepEqual(await page.$$eval('#calendar .calendar-dates li', (items) => items.map((item) => item.getAttribute('data-date'))), ['2026-11-09', '2026-11-16']);
    // The table equivalent: one row per node and store.
    const rows = await page.$$eval('#calendar .calendar-table tbody tr', (trs) => trs.map((tr) => [...tr.children].map((cell) => cell.textContent)));
    assert.equal(rows.length, 2);
    assert.equal(rows[0][0], 'uccx1.example.com');
    assert.equal(rows[0][1], 'tomcat');
    assert.ok(rows[0][4].includes('Example Issuing CA 3') && rows[0][4].includes(await date('2027-01-15')), rows[0][4]);
    assert.ok(rows[1][4].includes(await date('2027-01-08')) && !rows[1][4].includes('Example Issuing CA 3'), rows[1][4]);
    assert.equal(rows[0][7], await date('2026-11-16'));
    assert.ok(rows[0][6].includes('200'), rows[0][6]);
    assert.equal(await page.$$eval('#calendar .calendar-table th[scope="col"]', (ths) => ths.length), 8);
    if (lang !== 'en') {
      const shown = await page.textContent('#calendar-section');
      for (const key of ['calendar.caption', 'calendar.legendSoon', 'calendar.colRenew', 'calendar.intro']) assert.ok(!shown.includes(en[key]), `${key} in English`);
    }

    // By keyboard: the button, the picture, then the table.
    await page.focus('#download-ics');
    await page.keyboard.press('Tab');
    assert.equal(await page.evaluate(() => document.activeElement.getAttribute('class')), 'calendar-svg');
    await page.keyboard.press('Tab');
    assert.equal(await page.evaluate(() => document.activeElement.getAttribute('role')), 'region');

    // The calendar file: one event per date, RFC 5545's required properties, in the language.
    const ics = await downloaded(page, '#download-ics');
    assert.equal(ics.name, 'certcheck-renewals.ics');
    const events = parseIcs(ics.text);
    assert.deepEqual(events.map((event) => event.start), ['20261109', '20261116']);
    assert.ok(events.every((event) => event.stamp === '20261001T000000Z'));
    assert.match(events[1].summary, /uccx1\.example\.com/);
    assert.match(events[1].description, /Example Issuing CA 3/);
    if (lang !== 'en') assert.ok(!/Renew certificates/.test(events[0].summary), events[0].summary);
    // The ticket lists the same dates.
    const markdown = await downloaded(page, '#download-markdown');
    assert.ok(markdown.text.includes('- **2026-11-09** — ') && markdown.text.includes('- **2026-11-16** — '));

    // Printed: the picture and the table, without the buttons.
    await page.emulateMedia({ media: 'print' });
    assert.ok(await page.isVisible('#calendar svg.calendar-svg'));
    assert.ok(await page.isVisible('#calendar .calendar-table'));
    assert.ok(!(await page.isVisible('#download-ics')));
    const box = await (await page.$('#calendar svg.calendar-svg')).boundingBox();
    assert.ok(box.width > 300 && box.height > 100, JSON.stringify(box));
    await page.emulateMedia({ media: 'screen' });

    await assertAccessible(page);
    assert.deepEqual(foreignRequests(requests, env.server.origin), []);
    assert.deepEqual(errors, []);
    await context.close();
  });
}

test('under the page\'s own CSP, with hostile certificate fields: text only, no style attributes, nothing run', async () => {
  const { page, context, errors } = await openPage(env.browser, env.server.origin, { locale: 'en-US' });
  await calendarReport(page, [path.join(FIXTURES, 'input', 'hostile.pem')], { nodes: '', host: 'uccx1.example.com' });
  assert.match(await page.textContent('#calendar .calendar-table'), /<img src=x onerror=/);
  assert.equal(await page.$$eval('#calendar img, #calendar script, #calendar foreignObject', (nodes) => nodes.length), 0);
  assert.equal(await page.evaluate(() => window.__xss), undefined);
  const events = parseIcs((await downloaded(page, '#download-ics')).text);
  assert.equal(events.length, 1);
  assert.match(events[0].description, /<img src=x onerror="window.__xss=1">/);
  assert.deepEqual(errors, [], 'no CSP violation');
  await context.close();
});

test('without a certificate a node presents there is no calendar, and a phone shows it without scrolling sideways', async () => {
  const { page, context } = await openPage(env.browser, env.server.origin, { locale: 'en-US', viewport: { width: 390, height: 844 } });
  await calendarReport(page);
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  assert.ok(overflow <= 1, `page is ${overflow}px wider than the phone screen`);
  await page.click('#clear');
  await dropFiles(page, [path.join(FIXTURES, 'deployment', 'calendar', 'ca-chain.pem')]);
  await page.waitForFunction(() => document.getElementById('calendar-section').hidden && document.getElementById('status').dataset.state === 'checked');
  await context.close();
});
