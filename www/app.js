// certcheck page: wiring and the check cycle. The modules beside this one each hold one concern:
// dom (helpers, status), state, checker (the worker client), inputs, context (form ↔ link),
// slices (paged drawing), sections, cards, exports, probe. The report's shape is declared once in
// crate/src/report/report.d.ts (see report-types.js) and the page is type-checked against it.
// Every certificate field is hostile data: it is only ever inserted as text, never as HTML.
import { t, currentLang, setLang, initialLang, LANGUAGES } from './i18n.js';
import { $, el, setBusy, setState, setStatus } from './dom.js';
import { state } from './state.js';
import { exampleBytes, inWorker } from './checker.js';
import { fingerprintsOf, outcomeParams } from './agent.js';
import { renderInputs, wireInputs } from './inputs.js';
import { contextFromFragment, contextToFragment, readContext, restoreContext, saveContext, setView, showProductFields, writeContext } from './context.js';
import { renderList } from './slices.js';
import { renderChains, renderChecklist, renderEcdsa, renderIntegrations, renderPlan, renderSummary, renderTls, renderVerdicts, updateAgentSummary } from './sections.js';
import { renderFinding, renderItem } from './cards.js';
import { wireExports } from './exports.js';
import { probe } from './probe.js';
import { renderLive } from './live.js';
import { renderCalendar, wireCalendar } from './calendar.js';

/** `?verify=wasm`: every signature verified by the core in wasm, none by WebCrypto (for the tests). */
const VERIFY = new URLSearchParams(location.search).get('verify') === 'wasm' ? 'wasm' : undefined;

/** A deployment that names servers: enough for the agent's list without any file. */
function namesServers() {
  const context = readContext();
  return Boolean(context.product) && (context.nodes.length > 0 || context.finesse.length > 0
    || context.cuic.length > 0 || context.livedata.length > 0 || Boolean(context.socialminer));
}

/**
 * Check every input with the current context and language; the newest check's result wins.
 * @param {{ focus?: boolean }} [how] focus: the user gave inputs (a drop, a pick, a paste): the page
 *   moves to the result and says so. A change of the form or the language does not move focus.
 */
async function check({ focus = false } = {}) {
  renderInputs();
  if (state.inputs.length === 0 && !namesServers()) {
    // A probe result alone (with no deployment in it) still shows what the servers present.
    $('results').hidden = !state.live;
    renderLive();
    if (state.live) setStatus(t('live.read', { name: state.live.name, n: state.live.report.targets.length }));
    return;
  }
  state.run += 1;
  const thisCheck = state.run;
  const bytes = state.inputs.reduce((sum, input) => sum + (input.bytes ? input.bytes.length : (input.text || '').length), 0);
  setState('checking');
  setBusy(true, t('status.checkingSize', { n: state.inputs.length, size: (bytes / 1048576).toFixed(1) }));
  const result = await inWorker({ inputs: state.inputs, options: { context: readContext(), lang: currentLang(), exports: true, verify: VERIFY } });
  if (thisCheck !== state.run) return; // a newer check started meanwhile: its result wins
  setBusy(false);
  if (result.report) {
    state.exports = result.exports || Promise.resolve(null);
    render(result.report);
    // One short line for screen readers (the status region), the results themselves are not live.
    setStatus(state.inputs.length ? `${t('status.checked', { n: state.inputs.length })} ${result.report.overview}` : t('status.listReady'));
    if (focus) {
      $('results-title').focus({ preventScroll: true });
      $('results').scrollIntoView({ block: 'start' });
    }
    if (state.linkIgnored) setStatus(`${$('status').textContent} ${t('status.linkIgnored', { n: state.linkIgnored })}`);
    setState('checked');
  } else if (result.trap) {
    setStatus(t('status.crashed'));
    setState('failed');
  } else {
    setStatus(t('status.failed', { error: result.error }));
    setState('failed');
  }
}

/**
 * A PKCS#12 password typed on a card: kept with that input in memory, and the check runs again.
 * @param {string} source
 * @param {string} password
 */
function onPassword(source, password) {
  const input = state.inputs.find((candidate) => candidate.name === source);
  if (input) input.password = password;
  check();
}

/** @param {import('./report-types.js').Report} report */
function render(report) {
  state.report = report;
  $('results').hidden = false;
  renderSummary(report);
  renderVerdicts(report);
  const findingList = el('ul', { class: 'findings' });
  $('findings').replaceChildren(report.findings.length === 0 ? el('p', { class: 'none', text: t('results.noFindings') }) : findingList);
  renderChecklist(report);
  renderLive();
  renderEcdsa(report);
  renderChains(report);
  renderPlan(report);
  renderCalendar(report);
  renderIntegrations(report);
  renderTls(report);
  $('items').replaceChildren();
  // Thousands of findings and cards are added in slices, yielding between them, so the page
  // stays responsive after a large drop.
  renderList(state.run, report.findings, (finding) => renderFinding(finding, report.sources), findingList);
  renderList(state.run, report.items, (item) => renderItem(item, onPassword), $('items'));
}

function wire() {
  wireInputs(() => check({ focus: true }));
  wireExports();
  wireCalendar();
  $('context').addEventListener('submit', (/** @type {Event} */ event) => event.preventDefault());
  $('context').addEventListener('change', () => {
    saveContext();
    if (state.inputs.length || namesServers()) check();
  });
  window.addEventListener('hashchange', () => {
    const context = contextFromFragment(location.hash);
    if (context) {
      writeContext(context);
      check();
    }
  });
  $('ctx-product').addEventListener('change', showProductFields);
  $('view').addEventListener('change', () => {
    setView($('view').value);
    saveContext();
    updateAgentSummary();
  });
  $('admin-toggle').addEventListener('click', () => {
    const open = document.body.classList.toggle('admin-open');
    $('admin-toggle').setAttribute('aria-expanded', open ? 'true' : 'false');
  });
  $('probe').addEventListener('click', probe);
  // The single file (opened from disk) is one document holding what the user dropped: it connects
  // nowhere, so the opt-in test, which needs its own document and policy, is the hosted page's.
  if (/** @type {any} */ (globalThis).CERTCHECK_EMBEDDED) $('probe').hidden = true;
  $('copy-link').addEventListener('click', async () => {
    saveContext();
    // The agents' link: the deployment, the agent view, and the fingerprint of each certificate
    // the nodes will present (from the certificates checked here) — never certificates.
    const fingerprints = state.report ? fingerprintsOf(state.report) : new Map();
    const merged = new Map([...state.expected, ...fingerprints]);
    // And what each row of this check expects, per browser family (never a certificate).
    const outcomes = state.report ? outcomeParams(state.report) : [];
    const link = `${location.origin}${location.pathname}${location.search}#${contextToFragment(readContext(), { view: 'agent', fingerprints: merged, outcomes })}`;
    // The link is shown beside the button, where it is copied from: by the clipboard, or — when
    // the browser blocks it — by the user, with the field selected (never the address bar, which
    // has no fingerprints).
    const field = /** @type {HTMLInputElement} */ ($('agent-link'));
    field.value = link;
    field.hidden = false;
    try {
      await navigator.clipboard.writeText(link);
      $('copy-result').textContent = t('ui.linkCopied');
      setStatus(t('status.linkCopied'));
    } catch {
      field.focus();
      field.select();
      $('copy-result').textContent = t('ui.linkSelect');
      setStatus(t('ui.linkSelect'));
    }
  });
  document.documentElement.dataset.ready = 'true';
}

function wireLanguage() {
  const picker = $('lang');
  picker.replaceChildren(...Object.entries(LANGUAGES).map(([code, name]) => el('option', { value: code, lang: code, text: name })));
  const lang = initialLang();
  picker.value = lang;
  setLang(lang);
  picker.addEventListener('change', () => {
    setLang(picker.value, true);
    // Everything drawn from a report or a probe result is drawn again in the new language.
    if (state.inputs.length || namesServers() || state.live) check();
  });
}

wireLanguage();
// Start the checker at once (with the page's language, whose texts the first module fetches):
// fetching and compiling the module is most of a first check's time.
inWorker({ options: { verify: VERIFY, lang: currentLang() } }).then((result) => {
  if (result.error) setStatus(t('status.startFailed', { error: result.error }));
});
restoreContext();
showProductFields();
wire();
// A link with a deployment opens the list at once, without files.
if (namesServers()) check();
// The example chain warms the core up while the page is idle (without it, the worker just waits).
exampleBytes('ca-response.pem').then((warm) => { if (warm) inWorker({ warm, options: { verify: VERIFY, lang: currentLang() } }); });
