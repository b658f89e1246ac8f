// The deployment context: the form ↔ a plain object ↔ the link fragment ↔ localStorage, and the
// audience view. Never a certificate: only product, release, server names and the check date.
import { $ } from './dom.js';
import { state } from './state.js';
import { fingerprintParams, readFingerprints, readOutcomes } from './agent.js';

const CONTEXT_FIELDS = ['product', 'version', 'nodes', 'finesse', 'cuic', 'livedata', 'socialminer', 'mediasense', 'cucm', 'gadgets', 'host', 'at', 'ecdsa'];
/** Context fields that are a checkbox: in the link `ecdsa=1` when checked, absent otherwise. */
const FLAG_FIELDS = ['ecdsa'];
/** Context fields holding lists, and their name in the link (one parameter per entry). */
const LIST_FIELDS = /** @type {Record<string, string>} */ ({ nodes: 'node', finesse: 'finesse', cuic: 'cuic', livedata: 'livedata', cucm: 'cucm', gadgets: 'gadget' });
const CONTEXT_KEY = 'certcheck.context';

/**
 * The deployment context from the form.
 * @returns {import('./report-types.js').ContextInput}
 */
export function readContext() {
  /** @param {string} name */
  const value = (name) => $(`ctx-${name}`).value.trim();
  /** @type {any} */
  const context = {};
  for (const name of CONTEXT_FIELDS) {
    const visible = shown(name);
    if (FLAG_FIELDS.includes(name)) context[name] = visible && /** @type {HTMLInputElement} */ ($(`ctx-${name}`)).checked;
    else if (LIST_FIELDS[name]) context[name] = visible ? value(name).split(/[\s,;]+/).filter(Boolean) : [];
    else context[name] = visible ? value(name) : '';
  }
  return context;
}

/** @param {Partial<import('./report-types.js').ContextInput>} context */
export function writeContext(context) {
  for (const name of CONTEXT_FIELDS) {
    const field = $(`ctx-${name}`);
    const value = /** @type {any} */ (context)[name];
    if (value === undefined) continue;
    if (FLAG_FIELDS.includes(name)) {
      /** @type {HTMLInputElement} */ (field).checked = value === true || value === '1';
      continue;
    }
    field.value = Array.isArray(value) ? value.join('\n') : String(value);
    if (field.tagName === 'SELECT' && field.value !== String(value)) field.value = '';
  }
  showProductFields();
}

/**
 * The form shows the fields of the chosen product only (UCCE: its Finesse, CUIC and Live Data
 * servers, seed 004; UCCX: its nodes, SocialMiner, MediaSense, Unified CM), each marked with
 * `data-for` (`none`: no product chosen).
 */
export function showProductFields() {
  const product = $('ctx-product').value || 'none';
  for (const field of /** @type {NodeListOf<HTMLElement>} */ (document.querySelectorAll('#context [data-for]'))) {
    field.hidden = !(field.dataset.for || '').split(' ').includes(product);
  }
}

/**
 * Whether the form shows the field `name` for the chosen product (hidden fields do not count).
 * @param {string} name
 */
function shown(name) {
  const holder = $(`ctx-${name}`).closest('[data-for]');
  return !holder || !/** @type {HTMLElement} */ (holder).hidden;
}

const AUDIENCES = ['agent', 'supervisor', 'admin', 'reporting'];

/**
 * Show only the checklist rows for one kind of user (also carried in the link: #view=agent).
 * @param {string} view
 */
export function setView(view) {
  state.view = AUDIENCES.includes(view) ? view : '';
  $('view').value = state.view;
  for (const row of /** @type {NodeListOf<HTMLElement>} */ (document.querySelectorAll('#checklist tbody tr'))) {
    row.hidden = Boolean(state.view) && !(row.dataset.audiences || '').split(' ').includes(state.view);
  }
}

/**
 * The context as a URL fragment: #product=uccx&version=12.5(1)&node=a&node=b, with the view and
 * the expected fingerprints (`fp=tomcat:NODE:HEX`) when given.
 * @param {any} context
 * @param {{view?: string, fingerprints?: Map<string, string>, outcomes?: string[]}} [extra]
 */
export function contextToFragment(context, { view = state.view, fingerprints = state.expected, outcomes = [] } = {}) {
  const params = new URLSearchParams();
  for (const name of CONTEXT_FIELDS) {
    if (LIST_FIELDS[name]) (context[name] || []).forEach((/** @type {string} */ entry) => params.append(LIST_FIELDS[name], entry));
    else if (FLAG_FIELDS.includes(name)) { if (context[name] === true) params.set(name, '1'); }
    else if (context[name]) params.set(name, context[name]);
  }
  if (view) params.set('view', view);
  for (const value of fingerprintParams(fingerprints)) params.append('fp', value);
  for (const value of outcomes) params.append('out', value);
  return params.toString();
}

/**
 * The context a link carries, or null when the fragment has none.
 * @param {string} fragment
 * @returns {Partial<import('./report-types.js').ContextInput> | null}
 */
export function contextFromFragment(fragment) {
  const params = new URLSearchParams(fragment.replace(/^#/, ''));
  if (![...params.keys()].length) return null;
  /** @type {any} */
  const context = {};
  for (const name of CONTEXT_FIELDS) {
    if (LIST_FIELDS[name]) context[name] = params.getAll(LIST_FIELDS[name]);
    else if (FLAG_FIELDS.includes(name)) context[name] = params.get(name) === '1';
    else if (params.has(name)) context[name] = params.get(name);
  }
  const view = params.get('view');
  if (view && AUDIENCES.includes(view)) setView(view);
  // An agent's link opens the calm view: admin parts fold away behind "For administrators".
  document.body.dataset.calm = view === 'agent' ? 'agent' : '';
  const { fingerprints, ignored } = readFingerprints(params.getAll('fp'));
  state.expected = fingerprints;
  const read = readOutcomes(params.getAll('out'));
  state.outcomes = read.outcomes;
  // Keys the page does not know are ignored, and said so with the fingerprints it could not read.
  const known = new Set([...CONTEXT_FIELDS.filter((name) => !LIST_FIELDS[name]), ...Object.values(LIST_FIELDS), 'view', 'fp', 'out']);
  state.linkIgnored = ignored + read.ignored + [...new Set(params.keys())].filter((name) => !known.has(name)).length;
  return context;
}

/** Remember the context (this PC) and put it in the address bar (the link to share). */
export function saveContext() {
  const context = readContext();
  try {
    localStorage.setItem(CONTEXT_KEY, JSON.stringify(context));
  } catch {
    // Storage may be disabled on locked-down PCs: the context then lives in the link only.
  }
  const fragment = contextToFragment(context);
  history.replaceState(null, '', fragment ? `#${fragment}` : location.pathname + location.search);
}

/** The link's context first, else the one remembered on this PC. */
export function restoreContext() {
  const fromLink = contextFromFragment(location.hash);
  if (fromLink) {
    writeContext(fromLink);
    return;
  }
  try {
    const stored = JSON.parse(localStorage.getItem(CONTEXT_KEY) || 'null');
    if (stored && typeof stored === 'object') writeContext(stored);
  } catch {
    // ignore unreadable storage
  }
}
