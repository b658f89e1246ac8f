// The agent's page: the helpdesk's link opens a to-do list. Expected fingerprints travel in the
// link (never certificates): per node and store, the SHA-256 of the certificate that node will
// present once the plan is done. Rows without a checked certificate say what to expect and how to
// tell the right certificate from another before accepting it. Which rows the agent has opened is
// remembered on this PC.
import { el } from './dom.js';
import { t } from './i18n.js';
import { state } from './state.js';

/** @typedef {import('./report-types.js').Report} Report */
/** @typedef {import('../crate/src/report/report').ChecklistRow} Row */

const STORES = ['tomcat', 'tomcat-ECDSA'];
const OPENED_KEY = 'certcheck.opened';
/** At most this many fingerprints are read from a link (a deployment has a few nodes). */
const MAX_FINGERPRINTS = 64;

/**
 * @param {string} node
 * @param {string} store
 */
const key = (node, store) => `${store}|${node}`;

/**
 * `3D4349…` → `3D:43:49:…`
 * @param {string} hex
 */
export function colonHex(hex) {
  return hex.match(/../g)?.join(':') || hex;
}

/**
 * The fingerprints a report's checklist implies: for each node and store, the certificate the
 * row judges (the one the node will present once the plan is done).
 * @param {Report} report
 * @returns {Map<string, string>} key → 64 hex digits
 */
export function fingerprintsOf(report) {
  const out = new Map();
  for (const row of report.checklist.rows) {
    const item = row.item == null ? null : report.items[row.item];
    // The store is the certificate's own (a row of a port the seeds leave open judges tomcat).
    const store = item && item.role ? item.role.store : null;
    if (!item || !item.certificate || !store || !STORES.includes(store)) continue;
    out.set(key(row.node, store), item.certificate.fingerprints.sha256.replace(/:/g, ''));
  }
  return out;
}

/** The letters of one browser family's expected behaviour in a link: opens, click-through, no way. */
const BROWSER_LETTERS = { opens: 'o', click: 'c', none: 'n', unknown: '-' };
const OUTCOMES = ['trusted', 'accept', 'fails'];

/**
 * One browser family's behaviour as a letter.
 * @param {{opens: boolean, click_through: boolean} | null | undefined} seen
 */
function letter(seen) {
  if (!seen) return BROWSER_LETTERS.unknown;
  if (seen.opens) return BROWSER_LETTERS.opens;
  return seen.click_through ? BROWSER_LETTERS.click : BROWSER_LETTERS.none;
}

/**
 * What each row of the helpdesk's check says will happen, for the agents' link: `out` values
 * `ENDPOINT:NODE:OUTCOME:CFS` — the outcome (trusted, accept, fails) and what Chrome/Edge,
 * Firefox and Safari do (o opens, c click-through, n no way through, - not known).
 * @param {Report} report
 * @returns {string[]}
 */
export function outcomeParams(report) {
  return report.checklist.rows
    .filter((row) => OUTCOMES.includes(row.outcome))
    .map((row) => {
      const browsers = row.browsers;
      const letters = browsers ? `${letter(browsers.chromium)}${letter(browsers.firefox)}${letter(browsers.safari)}` : '---';
      return `${row.endpoint}:${row.node}:${row.outcome}:${letters}`;
    });
}

/**
 * Read the link's `out` values (anything else is ignored and counted).
 * @param {string[]} values
 * @returns {{outcomes: Map<string, {outcome: string, letters: string}>, ignored: number}}
 */
export function readOutcomes(values) {
  const outcomes = new Map();
  let ignored = 0;
  for (const value of values.slice(0, 4 * MAX_FINGERPRINTS)) {
    const match = /^([a-z-]{1,20}):([A-Za-z0-9.-]{1,253}):(trusted|accept|fails):([ocn-]{3})$/.exec(value);
    if (match) outcomes.set(`${match[1]}|${match[2].toLowerCase()}`, { outcome: match[3], letters: match[4] });
    else ignored += 1;
  }
  return { outcomes, ignored: ignored + Math.max(0, values.length - 4 * MAX_FINGERPRINTS) };
}

/**
 * What the helpdesk's check expects on a row, in the agent's words: the outcome and each browser
 * family's behaviour (Safari's as Apple documents it).
 * @param {Row} row
 * @returns {HTMLElement | null}
 */
export function expectedOutcome(row) {
  const expected = state.outcomes.get(`${row.endpoint}|${row.node}`);
  if (!expected) return null;
  const families = [['chromium', 'Chrome, Edge'], ['firefox', 'Firefox'], ['safari', 'Safari']];
  const words = families
    .map(([, name], at) => ({ name, code: expected.letters[at] }))
    .filter(({ code }) => code !== '-')
    .map(({ name, code }) => t(`agent.browser.${code}`, { browser: name }));
  return el('p', { class: `expected expected-${expected.outcome}`, 'data-expected': expected.outcome },
    el('strong', { text: t(`agent.expect.${expected.outcome}`) }), ' ', words.join(t('list.join')));
}

/**
 * The link's `fp` values.
 * @param {Map<string, string>} fingerprints
 * @returns {string[]}
 */
export function fingerprintParams(fingerprints) {
  return [...fingerprints].map(([entry, hex]) => {
    const [store, node] = entry.split('|');
    return `${store}:${node}:${hex}`;
  });
}

/**
 * Read the link's `fp` values: `STORE:NODE:HEX` with 64 hex digits. Anything else is ignored and
 * counted, so the page can say so.
 * @param {string[]} values
 * @returns {{fingerprints: Map<string, string>, ignored: number}}
 */
export function readFingerprints(values) {
  const fingerprints = new Map();
  let ignored = 0;
  for (const value of values.slice(0, MAX_FINGERPRINTS)) {
    const match = /^(tomcat|tomcat-ECDSA):([A-Za-z0-9.-]{1,253}):([0-9A-Fa-f]{64})$/.exec(value);
    if (match) fingerprints.set(key(match[2].toLowerCase(), match[1]), match[3].toUpperCase());
    else ignored += 1;
  }
  ignored += Math.max(0, values.length - MAX_FINGERPRINTS);
  return { fingerprints, ignored };
}

/**
 * The fingerprints that may appear on a row's URL: its store's, or both where the seeds do not
 * say which certificate the port presents.
 * @param {Row} row
 */
function expectedFor(row) {
  const stores = row.presents && STORES.includes(row.presents) ? [row.presents] : STORES;
  /** @type {{store: string, hex: string}[]} */
  const out = [];
  for (const store of stores) {
    const hex = state.expected.get(key(row.node, store));
    if (hex) out.push({ store, hex });
  }
  return out;
}

/**
 * What the agent reads on a row: what to expect, and the fingerprint to compare before accepting.
 * @param {Row} row
 * @returns {HTMLElement}
 */
export function agentHint(row) {
  const expected = expectedFor(row);
  const hint = el('div', { class: 'agent-hint' });
  if (expected.length === 0) {
    hint.append(el('p', { text: t('agent.noFingerprint') }));
    return hint;
  }
  for (const { store, hex } of expected) {
    const full = colonHex(hex);
    hint.append(
      el('p', { class: 'fingerprint', 'data-store': store },
        t('agent.compare', { store, begins: full.slice(0, 11) })),
      el('details', { class: 'fingerprint-full' },
        el('summary', { text: t('agent.fullFingerprint', { store }) }),
        el('code', { text: full })),
    );
  }
  return hint;
}

/**
 * The URLs this PC has opened from the list.
 * @returns {Set<string>}
 */
function opened() {
  try {
    const list = JSON.parse(localStorage.getItem(OPENED_KEY) || '[]');
    return new Set(Array.isArray(list) ? list.filter((entry) => typeof entry === 'string') : []);
  } catch {
    return new Set();
  }
}

/**
 * Remember that the agent opened `url` (this PC only).
 * @param {string} url
 */
export function markOpened(url) {
  const urls = opened();
  urls.add(url);
  try {
    localStorage.setItem(OPENED_KEY, JSON.stringify([...urls].slice(-200)));
  } catch {
    // storage disabled on locked-down PCs: not remembered
  }
}

/**
 * Whether the agent opened `url` before.
 * @param {string} url
 */
export function wasOpened(url) {
  return opened().has(url);
}

/**
 * The summary above the list: how many of the shown addresses are ready (reached by the test
 * from this PC) and how many were opened.
 * @param {HTMLElement[]} rows the visible rows
 */
export function summaryText(rows) {
  const total = rows.length;
  const ready = rows.filter((row) => row.dataset.probe === 'reached').length;
  const seen = rows.filter((row) => row.dataset.opened === 'yes').length;
  const count = (/** @type {string} */ outcome) => rows.filter((row) => row.dataset.expect === outcome).length;
  // First what will happen (from the check, or the helpdesk's link), then the progress.
  const parts = [t('agent.toOpen', { total })];
  if (count('accept')) parts.push(t('agent.willWarn', { count: count('accept') }));
  if (count('fails')) parts.push(t('agent.willFail', { count: count('fails') }));
  return `${parts.join(' ')} ${t('agent.summary', { ready, opened: seen, total })}`;
}
