// What the servers present now: a `certcheck probe --format json` result the user dropped. The
// page fetches nothing for it (the CLI made the connections); the file is read, checked field by
// field (every string is hostile data, every list is capped), kept in memory only, and drawn as
// text: a column beside the checklist and a section with each URL's chains and findings.
import { $, el } from './dom.js';
import { t } from './i18n.js';
import { state } from './state.js';
import { renderFinding } from './cards.js';

/** @typedef {import('./report-types.js').ProbeReport} ProbeReport */
/** @typedef {import('./report-types.js').ProbeTarget} ProbeTarget */
/** @typedef {import('./report-types.js').Finding} Finding */

const MAX_BYTES = 8 * 1024 * 1024;
const MAX_TARGETS = 2000;
const MAX_FINDINGS = 200;
const MAX_CHAIN = 20;
const MAX_TEXT = 4000;
const SEVERITIES = ['error', 'warning', 'info'];

/** @param {unknown} value */
const text = (value) => (typeof value === 'string' ? value.slice(0, MAX_TEXT) : '');
/** @param {unknown} value */
const textOrNull = (value) => (typeof value === 'string' ? value.slice(0, MAX_TEXT) : null);
/** @param {unknown} value @param {number} cap @returns {any[]} */
const list = (value, cap) => (Array.isArray(value) ? value.slice(0, cap) : []);
/** @param {unknown} value */
const object = (value) => /** @type {Record<string, any>} */ (value && typeof value === 'object' ? value : {});

/** @param {unknown} value */
function chain(value) {
  if (!Array.isArray(value)) return null;
  return list(value, MAX_CHAIN).map((entry) => ({ subject: text(object(entry).subject), sha256: text(object(entry).sha256) }));
}

/** @param {unknown} value @returns {Finding} */
function finding(value) {
  const raw = object(value);
  return {
    id: text(raw.id), severity: SEVERITIES.includes(raw.severity) ? raw.severity : 'info', subject: text(raw.subject),
    item: null, message: text(raw.message), fix: text(raw.fix), cite: text(raw.cite),
  };
}

/** @param {unknown} value @returns {ProbeTarget} */
function target(value) {
  const raw = object(value);
  const presented = object(raw.presented);
  const tls = object(raw.tls);
  return {
    url: text(raw.url), node: text(raw.node), endpoint: null, host: text(raw.host),
    port: Number.isInteger(raw.port) ? raw.port : 0, reachable: raw.reachable === true, error: textOrNull(raw.error),
    presented: { rsa: chain(presented.rsa), ecdsa: chain(presented.ecdsa) },
    tls: { rsa: textOrNull(tls.rsa), ecdsa: textOrNull(tls.ecdsa) },
    offers: list(raw.offers, 4).filter((offer) => ['rsa', 'ecdsa', 'any', 'dhe'].includes(offer)),
    matches_plan: typeof raw.matches_plan === 'boolean' ? raw.matches_plan : null,
    findings: list(raw.findings, MAX_FINDINGS).map(finding),
  };
}

/**
 * A dropped file or paste that is a probe result, checked and capped; null when it is not one
 * (then it goes to the checker like any other input).
 * @param {{bytes?: Uint8Array, text?: string}} input
 * @returns {ProbeReport | null}
 */
export function readLive(input) {
  const size = input.bytes ? input.bytes.length : (input.text || '').length;
  if (size > MAX_BYTES) return null;
  const source = input.bytes ? new TextDecoder().decode(input.bytes) : input.text || '';
  if (!/^\uFEFF?\s*\{/.test(source) || !source.includes('"certcheck-probe"')) return null;
  /** @type {Record<string, any>} */
  let raw;
  try {
    raw = object(JSON.parse(source.replace(/^\uFEFF/, '')));
  } catch {
    return null;
  }
  if (raw.kind !== 'certcheck-probe') return null;
  const summary = object(raw.summary);
  /** @param {string} key */
  const count = (key) => (Number.isInteger(summary[key]) ? summary[key] : 0);
  const deployment = object(raw.deployment);
  /** @param {string} key */
  const names = (key) => list(deployment[key], 64).map(text).filter(Boolean);
  const sources = object(raw.sources);
  return {
    kind: 'certcheck-probe', tool_version: text(raw.tool_version), lang: /** @type {any} */ (text(raw.lang)), probed_at: text(raw.probed_at),
    warn_days: count('warn_days'),
    context: /** @type {any} */ ({}),
    deployment: {
      product: text(deployment.product), version: text(deployment.version), nodes: names('nodes'),
      socialminer: text(deployment.socialminer), host: '', at: '', finesse: names('finesse'), cuic: names('cuic'),
      livedata: names('livedata'), mediasense: text(deployment.mediasense), ecdsa: deployment.ecdsa === true,
      cucm: names('cucm'), gadgets: list(deployment.gadgets, 64).map(text).filter(Boolean),
    },
    targets: list(raw.targets, MAX_TARGETS).map(target),
    summary: {
      targets: count('targets'), reachable: count('reachable'), unreachable: count('unreachable'),
      matching_plan: count('matching_plan'), not_matching_plan: count('not_matching_plan'),
      errors: count('errors'), warnings: count('warnings'), infos: count('infos'),
    },
    sources: Object.fromEntries(Object.entries(sources).slice(0, 200).map(([key, value]) => [text(key), text(value)])),
  };
}

/** @param {ProbeTarget} entry */
function errorsOf(entry) {
  return entry.findings.filter((item) => item.severity === 'error').length;
}

/** One cell's words for a URL: unreachable, errors, not as planned, as planned, or presented. */
/** @param {ProbeTarget | undefined} entry */
function verdict(entry) {
  if (!entry) return { icon: '–', text: t('live.notProbed'), state: 'not-probed' };
  if (!entry.reachable) return { icon: '✖', text: t('live.unreachable'), state: 'unreachable' };
  if (entry.matches_plan === false) return { icon: '✖', text: t('live.notPlanned'), state: 'not-planned' };
  const errors = errorsOf(entry);
  if (errors) return { icon: '✖', text: t('live.errors', { n: errors }), state: 'errors' };
  if (entry.matches_plan) return { icon: '✔', text: t('live.planned'), state: 'planned' };
  return { icon: '✔', text: t('live.presented'), state: 'presented' };
}

/** @param {string} label @param {import('./report-types.js').ProbePresented[] | null} certificates @param {string | null} version */
function chainBlock(label, certificates, version) {
  if (!certificates) return null;
  return el('div', { class: 'live-chain' },
    el('strong', { text: version ? `${label} (${version})` : label }),
    el('ol', {}, certificates.map((certificate) => el('li', {},
      el('span', { class: 'live-subject', text: certificate.subject }), ' ',
      el('code', { class: 'live-sha', title: certificate.sha256, text: `SHA-256 ${certificate.sha256.slice(0, 23)}…` })))));
}

/** Draw the probe result: the checklist column and the section; hidden when there is none. */
export function renderLive() {
  const live = state.live;
  $('live-section').hidden = !live;
  for (const cell of /** @type {NodeListOf<HTMLElement>} */ (document.querySelectorAll('#checklist .live-col'))) cell.hidden = !live;
  if (!live) return;
  const { report, name } = live;
  const byUrl = new Map(report.targets.map((entry) => [entry.url, entry]));
  for (const row of /** @type {NodeListOf<HTMLElement>} */ (document.querySelectorAll('#checklist tbody tr'))) {
    const cell = /** @type {HTMLElement | null} */ (row.querySelector('.live-result'));
    if (!cell) continue;
    const said = verdict(byUrl.get(row.dataset.url || ''));
    cell.replaceChildren(el('span', { 'aria-hidden': 'true', text: `${said.icon} ` }), said.text);
    cell.dataset.live = said.state;
  }
  const summary = report.summary;
  $('live-intro').textContent = t('live.intro', { name, date: report.probed_at });
  $('live-summary').textContent = t('live.summary', {
    targets: summary.targets, reachable: summary.reachable, unreachable: summary.unreachable,
    matching: summary.matching_plan, notMatching: summary.not_matching_plan, errors: summary.errors, warnings: summary.warnings,
  });
  $('live-targets').replaceChildren(...report.targets.map((entry) => {
    const said = verdict(entry);
    return el('li', { class: `live-target live-${said.state}`, 'data-url': entry.url },
      el('p', {}, el('strong', { class: 'live-url', text: entry.url }), ` — ${entry.node} — `,
        el('span', { 'aria-hidden': 'true', text: `${said.icon} ` }), said.text),
      entry.error ? el('p', { class: 'live-error', text: entry.error }) : null,
      chainBlock(t(entry.offers.includes('any') ? 'live.any' : 'live.rsa'), entry.presented.rsa, entry.tls.rsa),
      chainBlock(t('live.ecdsa'), entry.presented.ecdsa, entry.tls.ecdsa),
      entry.findings.length ? el('ul', { class: 'findings' }, entry.findings.map((item) => renderFinding(item, report.sources))) : null);
  }));
}
