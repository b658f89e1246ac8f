// The renewal calendar: the deployment's end state over time, drawn from `report.renewals` (the
// core decides every date; nothing is computed here but positions). Per node and store, the
// presented certificate's validity as a bar, its chain's CA certificates under it, the chain's
// end (a CA that ends first is named), the "expires soon" window, the date to renew, the
// replacement at the public-CA cap, and today. The picture is SVG built element by element
// (createElementNS, text as textContent, geometry as attributes: the CSP allows no inline style);
// the dates list and the table say the same for screen readers and keyboards. "Add to calendar"
// downloads the core's iCalendar file.
import { $, el } from './dom.js';
import { currentLang, t } from './i18n.js';
import { state } from './state.js';
import { download } from './exports.js';
import { renderList } from './slices.js';

/** @typedef {import('./report-types.js').Report} Report */
/** @typedef {import('../crate/src/report/report').Renewal} Renewal */

const SVG = 'http://www.w3.org/2000/svg';
const DAY = 86400;
/** Most node-and-store rows drawn in the picture; the table lists every one. */
const PICTURE_ROWS = 40;
/** The picture's coordinate system (it scales to the page's width). */
const WIDTH = 1000;
const LABELS = 260;
const RIGHT = 16;
const AXIS = 44;
const BAR = 16;
const CA_BAR = 8;
const CA_GAP = 5;
const ROW_GAP = 26;

/**
 * An SVG element; `text` is inserted as a text node, everything else with setAttribute.
 * @param {string} tag
 * @param {Record<string, string | number | null | undefined>} [attributes]
 * @param {...(Element | null)} children
 * @returns {SVGElement}
 */
function svg(tag, attributes = {}, ...children) {
  const node = /** @type {SVGElement} */ (document.createElementNS(SVG, tag));
  for (const [key, value] of Object.entries(attributes)) {
    if (value === undefined || value === null) continue;
    if (key === 'text') node.textContent = String(value);
    else node.setAttribute(key, String(value));
  }
  for (const child of children) if (child) node.append(child);
  return node;
}

/** @type {Map<string, { date: Intl.DateTimeFormat, month: Intl.DateTimeFormat, year: Intl.DateTimeFormat }>} */
const formatsByLang = new Map();

/** Dates in the page's language, as UTC days (the core's dates are midnight UTC); built once per
 *  language (a formatter costs far more to build than to use, and each table row asks). */
function formats() {
  const lang = currentLang();
  let found = formatsByLang.get(lang);
  if (!found) {
    found = {
      date: new Intl.DateTimeFormat(lang, { dateStyle: 'medium', timeZone: 'UTC' }),
      month: new Intl.DateTimeFormat(lang, { month: 'short', timeZone: 'UTC' }),
      year: new Intl.DateTimeFormat(lang, { year: 'numeric', timeZone: 'UTC' }),
    };
    formatsByLang.set(lang, found);
  }
  return found;
}

/**
 * A long name shortened for the picture (the full one is in its tooltip and the table).
 * @param {string} text
 * @param {number} most
 */
function shorten(text, most) {
  return text.length > most ? `${text.slice(0, most - 1)}…` : text;
}

/**
 * @param {Report} report
 * @param {number} index
 */
function labelOf(report, index) {
  return report.items[index] ? report.items[index].label : t('item.number', { n: index + 1 });
}

/** @param {Renewal} renewal */
function place(renewal) {
  return t('calendar.place', { store: renewal.store, node: renewal.node });
}

/**
 * The picture's time range: from the earliest notBefore (or today) to the latest end of a
 * certificate or of its replacement at the cap (or a month after today).
 * @param {Renewal[]} renewals
 * @param {number} today
 */
function range(renewals, today) {
  let from = today;
  let until = today + 30 * DAY;
  for (const renewal of renewals) {
    from = Math.min(from, renewal.not_before);
    until = Math.max(until, renewal.not_after, renewal.renew_on + (renewal.next_cap_days || 0) * DAY);
  }
  const pad = (until - from) * 0.02;
  return { from: from - pad, until: until + pad };
}

/**
 * Month ticks between `from` and `until`: every 1, 2, 3, 6 or 12 months, at most about a dozen.
 * @param {number} from
 * @param {number} until
 */
function ticks(from, until) {
  const months = (until - from) / (30.44 * DAY);
  const step = [1, 2, 3, 6, 12].find((candidate) => months / candidate <= 12) || 12 * Math.ceil(months / 144);
  const start = new Date(from * 1000);
  let year = start.getUTCFullYear();
  let month = Math.ceil((start.getUTCMonth() + (start.getUTCDate() > 1 ? 1 : 0)) / step) * step;
  const out = [];
  for (;;) {
    year += Math.floor(month / 12);
    month %= 12;
    const at = Date.UTC(year, month, 1) / 1000;
    if (at > until) break;
    out.push(at);
    month += step;
  }
  return out;
}

/**
 * The picture. Rows in the report's order (node order, tomcat first): the presented certificate's
 * bar, then one thin bar per CA certificate of its chain.
 * @param {Report} report
 * @param {Renewal[]} renewals
 */
function picture(report, renewals) {
  const today = report.context.at;
  const shown = renewals.slice(0, PICTURE_ROWS);
  const { from, until } = range(shown, today);
  const x = (/** @type {number} */ unix) => LABELS + ((Math.min(Math.max(unix, from), until) - from) / (until - from)) * (WIDTH - LABELS - RIGHT);
  const f = formats();
  const rowHeight = (/** @type {Renewal} */ renewal) => 14 + BAR + renewal.authorities.length * (CA_BAR + CA_GAP) + ROW_GAP;
  const height = AXIS + shown.reduce((sum, renewal) => sum + rowHeight(renewal), 0) + 22;
  const title = svg('title', { id: 'calendar-svg-title', text: t('calendar.svgTitle', { from: f.date.format(from * 1000), until: f.date.format(until * 1000) }) });
  const desc = svg('desc', { id: 'calendar-svg-desc', text: t('calendar.svgDesc', { n: renewals.length }) });
  const root = svg('svg', {
    class: 'calendar-svg', viewBox: `0 0 ${WIDTH} ${height}`, role: 'img', tabindex: 0,
    'aria-labelledby': 'calendar-svg-title calendar-svg-desc', preserveAspectRatio: 'xMinYMin meet',
  }, title, desc);
  // The time axis: month ticks, and the year above the first tick and each January.
  const axis = svg('g', { class: 'calendar-axis' });
  axis.append(svg('line', { x1: LABELS, x2: WIDTH - RIGHT, y1: AXIS - 10, y2: AXIS - 10 }));
  ticks(from, until).forEach((at, index) => {
    axis.append(
      svg('line', { class: 'calendar-grid', x1: x(at), x2: x(at), y1: AXIS - 14, y2: height - 18 }),
      svg('text', { x: x(at) + 3, y: AXIS - 16, text: f.month.format(at * 1000) }),
    );
    if (index === 0 || new Date(at * 1000).getUTCMonth() === 0) {
      axis.append(svg('text', { class: 'calendar-year', x: x(at) + 3, y: AXIS - 30, text: f.year.format(at * 1000) }));
    }
  });
  root.append(axis);
  let top = AXIS;
  for (const renewal of shown) {
    const row = svg('g', { class: `calendar-row status-${renewal.status}`, 'data-node': renewal.node, 'data-store': renewal.store },
      svg('title', { text: renewal.text }));
    const barTop = top + 14;
    row.append(
      svg('text', { class: 'calendar-node', x: 4, y: barTop - 2, text: shorten(renewal.node, 34) }),
      svg('text', { class: 'calendar-store', x: 16, y: barTop + 12, text: renewal.store }),
    );
    // The replacement, at most the public-CA cap long from the renewal date (dashed outline).
    if (renewal.next_cap_days) {
      row.append(svg('rect', {
        class: 'calendar-next', x: x(renewal.renew_on), y: barTop + 2, height: BAR - 4,
        width: Math.max(1, x(renewal.renew_on + renewal.next_cap_days * DAY) - x(renewal.renew_on)),
      }));
    }
    // The certificate's validity; past the chain's end it is drawn as no longer usable.
    row.append(svg('rect', {
      class: 'calendar-bar', x: x(renewal.not_before), y: barTop, height: BAR, rx: 2,
      width: Math.max(1, x(Math.min(renewal.not_after, renewal.end)) - x(renewal.not_before)),
    }));
    if (renewal.end < renewal.not_after) {
      row.append(svg('rect', {
        class: 'calendar-dead', x: x(renewal.end), y: barTop + 3, height: BAR - 6,
        width: Math.max(1, x(renewal.not_after) - x(renewal.end)),
      }));
    }
    // The "expires soon" window: taller than the bar, so it shows without colour too.
    row.append(svg('rect', {
      class: 'calendar-soon', x: x(renewal.soon_from), y: barTop - 3, height: BAR + 6,
      width: Math.max(1, x(renewal.end) - x(renewal.soon_from)),
    }));
    // The public-CA cap at its notBefore, where the certificate is longer than it.
    if (renewal.cap_days && renewal.lifetime_days > renewal.cap_days) {
      const at = x(renewal.not_before + renewal.cap_days * DAY);
      row.append(svg('line', { class: 'calendar-cap', x1: at, x2: at, y1: barTop - 5, y2: barTop + BAR + 5 }));
    }
    let caTop = barTop + BAR + CA_GAP;
    for (const authority of renewal.authorities) {
      const first = authority.item === renewal.ends_first;
      row.append(
        svg('text', { class: `calendar-ca-name${first ? ' ends-first' : ''}`, x: 16, y: caTop + CA_BAR, text: shorten(`${first ? '⚠ ' : ''}${labelOf(report, authority.item)}`, 40) }),
        svg('rect', {
          class: `calendar-ca${first ? ' ends-first' : ''}`, x: x(authority.not_before), y: caTop, height: CA_BAR,
          width: Math.max(1, x(authority.not_after) - x(authority.not_before)),
        }),
      );
      caTop += CA_BAR + CA_GAP;
    }
    // The chain's end, across the row, and the date to renew (a diamond, its date above it).
    const end = x(renewal.end);
    const renew = x(renewal.renew_on);
    row.append(
      svg('line', { class: 'calendar-end', x1: end, x2: end, y1: barTop - 6, y2: caTop - CA_GAP + 2 }),
      svg('polygon', { class: 'calendar-renew', points: `${renew},${barTop - 4} ${renew + 7},${barTop + BAR / 2} ${renew},${barTop + BAR + 4} ${renew - 7},${barTop + BAR / 2}` }),
      svg('text', { class: 'calendar-renew-date', x: Math.min(renew, WIDTH - RIGHT - 60), y: barTop - 6, 'text-anchor': 'middle', text: f.date.format(renewal.renew_on * 1000) }),
    );
    root.append(row);
    top += rowHeight(renewal);
  }
  // Today, over everything.
  const now = x(today);
  root.append(svg('g', { class: 'calendar-today' },
    svg('line', { x1: now, x2: now, y1: AXIS - 10, y2: height - 16 }),
    svg('text', { x: now, y: height - 3, 'text-anchor': 'middle', text: t('calendar.today') })));
  return root;
}

/** The legend, as text beside swatches (the picture's shapes, not its colours alone). */
function legend() {
  const entry = (/** @type {string} */ kind, /** @type {string} */ key) => el('li', {},
    el('span', { class: `swatch swatch-${kind}`, 'aria-hidden': 'true' }), t(key));
  return el('ul', { class: 'calendar-legend', 'aria-label': t('calendar.legend') },
    entry('bar', 'calendar.legendBar'), entry('soon', 'calendar.legendSoon'), entry('ca', 'calendar.legendCa'),
    entry('end', 'calendar.legendEnd'), entry('renew', 'calendar.legendRenew'), entry('next', 'calendar.legendNext'),
    entry('today', 'calendar.legendToday'));
}

/**
 * Where a renewal stands, in words (empty while it is planned).
 * @param {Renewal} renewal
 */
function statusText(renewal) {
  return renewal.status === 'planned' ? '' : t(`calendar.status.${renewal.status}`);
}

/**
 * The dates to plan, the earliest first, one line per date (the calendar file's events).
 * @param {Renewal[]} renewals
 */
function dates(renewals) {
  const f = formats();
  /** @type {Map<number, Renewal[]>} */
  const byDate = new Map();
  for (const renewal of [...renewals].sort((a, b) => a.renew_on - b.renew_on)) {
    byDate.set(renewal.renew_on, [...(byDate.get(renewal.renew_on) || []), renewal]);
  }
  return el('ol', { class: 'calendar-dates' }, [...byDate].map(([date, group]) => el('li', { 'data-date': new Date(date * 1000).toISOString().slice(0, 10) },
    el('strong', { text: f.date.format(date * 1000) }), ' — ',
    group.map(place).join(t('calendar.listJoin')),
    group.filter((renewal) => renewal.status !== 'planned').slice(0, 1).map((renewal) => el('span', { class: 'calendar-status', text: ` (${statusText(renewal)})` })))));
}

/**
 * A CA certificate that ends its chain before the presented certificate: said in words.
 * @param {Report} report
 * @param {Renewal[]} renewals
 */
function warnings(report, renewals) {
  const f = formats();
  return renewals.filter((renewal) => renewal.ends_first !== renewal.item).map((renewal) => el('p', { class: 'calendar-warning' },
    el('span', { 'aria-hidden': 'true', text: '⚠ ' }),
    t('calendar.caFirst', {
      ca: labelOf(report, renewal.ends_first), date: f.date.format(renewal.end * 1000), place: place(renewal),
      days: Math.floor((renewal.not_after - renewal.end) / DAY), to: f.date.format(renewal.not_after * 1000),
    })));
}

/**
 * One table row per node and store: the picture's facts as text.
 * @param {Report} report
 * @param {Renewal} renewal
 */
function tableRow(report, renewal) {
  const f = formats();
  const date = (/** @type {number} */ unix) => f.date.format(unix * 1000);
  const caFirst = renewal.ends_first !== renewal.item;
  const cap = renewal.self_signed ? t('calendar.capSelfSigned')
    : renewal.cap_days ? t(renewal.lifetime_days > renewal.cap_days ? 'calendar.capOver' : 'calendar.cap', { days: renewal.cap_days, lifetime: renewal.lifetime_days })
      : t('calendar.capNone');
  const next = renewal.next_cap_days && renewal.next_cap_days !== renewal.cap_days ? t('calendar.capNext', { days: renewal.next_cap_days }) : '';
  return el('tr', { class: `status-${renewal.status}`, 'data-node': renewal.node, 'data-store': renewal.store },
    el('th', { scope: 'row', text: renewal.node }),
    el('td', { text: renewal.store }),
    el('td', { text: labelOf(report, renewal.item) }),
    el('td', { text: t('calendar.valid', { from: date(renewal.not_before), to: date(renewal.not_after), days: renewal.lifetime_days }) }),
    el('td', { class: caFirst ? 'calendar-ca-first' : '' }, caFirst
      ? [el('span', { 'aria-hidden': 'true', text: '⚠ ' }), t('calendar.endsCa', { date: date(renewal.end), ca: labelOf(report, renewal.ends_first) })]
      : t('calendar.endsItself', { date: date(renewal.end) })),
    el('td', { text: t('calendar.soon', { date: date(renewal.soon_from), days: renewal.window_days }) }),
    el('td', { text: next ? `${cap} ${next}` : cap }),
    el('td', {}, el('strong', { text: date(renewal.renew_on) }), statusText(renewal) ? ` (${statusText(renewal)})` : ''),
  );
}

/**
 * The calendar section, from `report.renewals` (hidden when no node presents a certificate).
 * @param {Report} report
 */
export function renderCalendar(report) {
  const renewals = report.renewals || [];
  $('calendar-section').hidden = !report.shown.renewals;
  if (!report.shown.renewals) {
    $('calendar').replaceChildren();
    return;
  }
  const body = el('tbody');
  const table = el('table', { class: 'calendar-table' },
    el('caption', { text: t('calendar.caption') }),
    el('thead', {}, el('tr', {}, ['colNode', 'colStore', 'colCertificate', 'colValid', 'colEnd', 'colSoon', 'colCap', 'colRenew']
      .map((key) => el('th', { scope: 'col', text: t(`calendar.${key}`) })))),
    body);
  const wrap = el('div', { class: 'table-wrap', role: 'region', tabindex: '0', 'aria-label': t('calendar.caption') }, table);
  const more = renewals.length > PICTURE_ROWS ? el('p', { class: 'hint', text: t('calendar.more', { n: PICTURE_ROWS, total: renewals.length }) }) : null;
  $('calendar').replaceChildren(
    ...warnings(report, renewals),
    dates(renewals),
    el('figure', { class: 'calendar-figure' }, el('div', { class: 'calendar-scroll' }, picture(report, renewals)), more, legend()),
    wrap,
    el('p', { class: 'cite', text: t('source', { cite: report.sources[renewals[0].cite] || renewals[0].cite }) }),
  );
  renderList(state.run, renewals, (renewal) => tableRow(report, renewal), body);
  // Past a page of rows, the "show more" button goes after the table, not inside it.
  const button = body.nextElementSibling;
  if (button) wrap.after(button);
}

/** "Add to calendar": the core's iCalendar file, which the worker sends with the other exports. */
export function wireCalendar() {
  $('download-ics').addEventListener('click', async () => {
    const ready = await state.exports;
    if (ready && ready.ics) download('certcheck-renewals.ics', ready.ics);
  });
}
