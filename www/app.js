// certcheck page: gathers dropped files and pasted text, runs the wasm core, renders the report.
// Every certificate field is hostile data: it is only ever inserted with textContent, never as HTML.
import { t, currentLang, setLang, initialLang, LANGUAGES } from './i18n.js';

const state = { inputs: [], pasteCount: 0, downloads: new Map(), view: '', report: null };

const $ = (id) => document.getElementById(id);

/** Create an element; children may be strings (inserted as text) or nodes. */
function el(tag, attributes = {}, ...children) {
  const node = document.createElement(tag);
  for (const [key, value] of Object.entries(attributes)) {
    if (value === undefined || value === null || value === false) continue;
    if (key === 'class') node.className = value;
    else if (key === 'text') node.textContent = value;
    else node.setAttribute(key, value === true ? '' : String(value));
  }
  for (const child of children.flat()) {
    if (child === undefined || child === null || child === false) continue;
    node.append(typeof child === 'string' ? document.createTextNode(child) : child);
  }
  return node;
}

function setStatus(text) {
  $('status').textContent = text;
}

/** The progress indicator while the worker checks (the page stays usable meanwhile). */
function setBusy(busy, text = '') {
  $('progress').hidden = !busy;
  $('progress-text').textContent = text;
  $('results').setAttribute('aria-busy', busy ? 'true' : 'false');
  if (busy) setStatus(text);
}

/** The single-file build (dist/certcheck.html) carries the wasm and the examples inside it. */
const EMBEDDED = globalThis.CERTCHECK_EMBEDDED || null;

function base64Bytes(text) {
  const binary = atob(text);
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i += 1) bytes[i] = binary.charCodeAt(i);
  return bytes;
}

/**
 * The checker lives in a Web Worker (hosted page: worker.js; single file: the same code from the
 * page itself). If the core traps (a panic), the worker is dropped and the next check starts a
 * fresh one: the page keeps working.
 */
const checker = { worker: null, next: 0, pending: new Map(), fresh: false };

function startWorker() {
  checker.fresh = true;
  if (EMBEDDED) {
    const url = URL.createObjectURL(new Blob([EMBEDDED.worker], { type: 'text/javascript' }));
    checker.worker = new Worker(url);
  } else {
    checker.worker = new Worker(new URL('./worker.js', import.meta.url), { type: 'module' });
  }
  checker.worker.onmessage = (event) => {
    const entry = checker.pending.get(event.data.id);
    if (event.data.part) {
      // A chunk of a long list (items, findings); the report itself comes last.
      if (entry) (entry.parts[event.data.part] ||= []).push(...event.data.list);
      return;
    }
    checker.pending.delete(event.data.id);
    if (event.data.trap) stopWorker();
    if (entry && event.data.report) Object.assign(event.data.report, entry.parts);
    if (entry) entry.resolve(event.data);
  };
  checker.worker.onerror = (event) => {
    event.preventDefault();
    const error = event.message || 'worker failed';
    for (const entry of checker.pending.values()) entry.resolve({ error, trap: true });
    checker.pending.clear();
    stopWorker();
  };
}

function stopWorker() {
  if (checker.worker) checker.worker.terminate();
  checker.worker = null;
}

/** Send one job to the worker; resolves with {report} or {error, trap}. */
function inWorker(message) {
  if (!checker.worker) startWorker();
  checker.next += 1;
  const id = checker.next;
  return new Promise((resolve) => {
    checker.pending.set(id, { resolve, parts: {} });
    checker.worker.postMessage({ ...message, id, wasm: EMBEDDED && checker.fresh ? base64Bytes(EMBEDDED.wasm) : undefined });
    checker.fresh = false;
  });
}

/** Where the latest check stands, for scripts and tests: reading, checking, checked or failed. */
function setState(value) {
  $('status').dataset.state = value;
}

async function addFiles(fileList) {
  setState('reading');
  for (const file of Array.from(fileList)) {
    const bytes = new Uint8Array(await file.arrayBuffer());
    state.inputs.push({ name: file.name, bytes });
  }
  await run();
}

async function addPaste() {
  const area = $('paste');
  const text = area.value;
  if (!text.trim()) {
    setStatus(t('status.pasteFirst'));
    area.focus();
    return;
  }
  // The paste may hold a private key: do not leave it on screen.
  area.value = '';
  await addPastedText(text);
}

async function addPastedText(text) {
  setState('reading');
  state.pasteCount += 1;
  state.inputs.push({ name: t('input.pasted', { n: state.pasteCount }), text });
  await run();
}

/**
 * A large paste (a whole CA bundle, a 10 MB log) goes straight to the checker: a text box holding
 * megabytes stalls the browser for a second each time it is filled or emptied.
 */
const DIRECT_PASTE_CHARS = 256 * 1024;

function onPaste(event) {
  const text = event.clipboardData ? event.clipboardData.getData('text/plain') : '';
  if (text.length < DIRECT_PASTE_CHARS || !text.trim()) return;
  event.preventDefault();
  addPastedText(text);
}

async function loadExample() {
  // A first-time user sees a whole result: fill in an example deployment if none is set.
  const context = readContext();
  if (!context.product && !context.nodes.length) {
    writeContext({ product: 'uccx', version: '12.5(1)', nodes: ['uccx1.example.com'] });
    saveContext();
  }
  setState('reading');
  const names = ['ca-response.pem', 'uccx1-tomcat.csr'];
  for (const name of names) {
    if (EMBEDDED) {
      state.inputs.push({ name, bytes: base64Bytes(EMBEDDED.examples[name]) });
      continue;
    }
    const response = await fetch(new URL(`./example/${name}`, import.meta.url));
    if (!response.ok) {
      setStatus(t('status.exampleFailed', { name }));
      return;
    }
    state.inputs.push({ name, bytes: new Uint8Array(await response.arrayBuffer()) });
  }
  await run();
}

function clearAll() {
  state.inputs = [];
  state.pasteCount = 0;
  $('paste').value = '';
  $('results').hidden = true;
  renderInputs();
  setStatus(t('status.cleared'));
}

function renderInputs() {
  const list = $('inputs');
  list.replaceChildren(
    ...state.inputs.map((input, index) =>
      el('li', {},
        el('span', { class: 'input-name', text: input.name }),
        el('button', {
          type: 'button', class: 'link', 'data-index': index,
          'aria-label': t('input.removeLabel', { name: input.name }), text: t('input.remove'),
        }),
      ),
    ),
  );
}

async function run() {
  renderInputs();
  if (state.inputs.length === 0) {
    $('results').hidden = true;
    return;
  }
  state.run = (state.run || 0) + 1;
  const run = state.run;
  const bytes = state.inputs.reduce((sum, input) => sum + (input.bytes ? input.bytes.length : input.text.length), 0);
  setState('checking');
  setBusy(true, t('status.checkingSize', { n: state.inputs.length, size: (bytes / 1048576).toFixed(1) }));
  const result = await inWorker({ inputs: state.inputs, options: { context: readContext(), lang: currentLang(), exports: true } });
  if (run !== state.run) return; // a newer check started meanwhile: its result wins
  setBusy(false);
  if (result.report) {
    render(result.report);
    setStatus(t('status.checked', { n: state.inputs.length }));
    setState('checked');
  } else if (result.trap) {
    setStatus(t('status.crashed'));
    setState('failed');
  } else {
    setStatus(t('status.failed', { error: result.error }));
    setState('failed');
  }
}

const SEVERITY = {
  error: { icon: '✖', label: 'severity.error' },
  warning: { icon: '▲', label: 'severity.warning' },
  info: { icon: 'ℹ', label: 'severity.info' },
};

const CONTEXT_FIELDS = ['product', 'version', 'nodes', 'finesse', 'cuic', 'livedata', 'socialminer', 'mediasense', 'host', 'at'];
/** Context fields holding lists, and their name in the link (one parameter per entry). */
const LIST_FIELDS = { nodes: 'node', finesse: 'finesse', cuic: 'cuic', livedata: 'livedata' };
const CONTEXT_KEY = 'certcheck.context';

/** The deployment context from the form (never a certificate). */
function readContext() {
  const value = (name) => $(`ctx-${name}`).value.trim();
  const context = {};
  for (const name of CONTEXT_FIELDS) {
    context[name] = LIST_FIELDS[name] ? value(name).split(/[\s,;]+/).filter(Boolean) : value(name);
  }
  return context;
}

function writeContext(context) {
  for (const name of CONTEXT_FIELDS) {
    const field = $(`ctx-${name}`);
    const value = context[name];
    if (value === undefined) continue;
    field.value = Array.isArray(value) ? value.join('\n') : String(value);
    if (field.tagName === 'SELECT' && field.value !== String(value)) field.value = '';
  }
  showProductFields();
}

/** UCCE has separate Finesse, CUIC and Live Data servers (seed 004). */
function showProductFields() {
  $('ucce-servers').hidden = $('ctx-product').value !== 'ucce';
}

const AUDIENCES = ['agent', 'supervisor', 'admin', 'reporting'];

/** Show only the checklist rows for one kind of user (also carried in the link: #view=agent). */
function setView(view) {
  state.view = AUDIENCES.includes(view) ? view : '';
  $('view').value = state.view;
  for (const row of document.querySelectorAll('#checklist tbody tr')) {
    row.hidden = Boolean(state.view) && !row.dataset.audiences.split(' ').includes(state.view);
  }
}

/** The context as a URL fragment: #product=uccx&version=12.5(1)&node=a&node=b */
function contextToFragment(context) {
  const params = new URLSearchParams();
  for (const name of CONTEXT_FIELDS) {
    if (LIST_FIELDS[name]) (context[name] || []).forEach((entry) => params.append(LIST_FIELDS[name], entry));
    else if (context[name]) params.set(name, context[name]);
  }
  if (state.view) params.set('view', state.view);
  return params.toString();
}

function contextFromFragment(fragment) {
  const params = new URLSearchParams(fragment.replace(/^#/, ''));
  if (![...params.keys()].length) return null;
  const context = {};
  for (const name of CONTEXT_FIELDS) {
    if (LIST_FIELDS[name]) context[name] = params.getAll(LIST_FIELDS[name]);
    else if (params.has(name)) context[name] = params.get(name);
  }
  const view = params.get('view');
  if (view && AUDIENCES.includes(view)) setView(view);
  return context;
}

function saveContext() {
  const context = readContext();
  try {
    localStorage.setItem(CONTEXT_KEY, JSON.stringify(context));
  } catch {
    // Storage may be disabled on locked-down PCs: the context then lives in the link only.
  }
  const fragment = contextToFragment(context);
  history.replaceState(null, '', fragment ? `#${fragment}` : location.pathname + location.search);
}

function restoreContext() {
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


function render(report) {
  $('results').hidden = false;
  $('context-problems').textContent = report.context_problems
    .map((problem) => t('context.problem', { field: t(`field.${problem.field}`), value: problem.value }))
    .join(' ');
  $('skipped').textContent = report.skipped_rules.length
    ? t('results.skipped', { ids: report.skipped_rules.map((rule) => rule.id).join(', ') })
    : '';
  const s = report.summary;
  $('summary').replaceChildren(
    el('span', { class: 'count sev-error' }, `${SEVERITY.error.icon} ${t('summary.errors', { n: s.errors })}`), ' ',
    el('span', { class: 'count sev-warning' }, `${SEVERITY.warning.icon} ${t('summary.warnings', { n: s.warnings })}`), ' ',
    el('span', { class: 'count sev-info' }, `${SEVERITY.info.icon} ${t('summary.infos', { n: s.infos })}`), ' — ',
    t('summary.counts', { certificates: s.certificates, csrs: s.csrs, unreadable: s.unreadable, date: report.check_date }),
  );
  const findingList = el('ul', { class: 'findings' });
  $('findings').replaceChildren(report.findings.length === 0 ? el('p', { class: 'none', text: t('results.noFindings') }) : findingList);
  state.report = report;
  $('overview').textContent = report.overview;
  renderChecklist(report);
  renderEcdsa(report);
  renderChains(report);
  renderPlan(report);
  renderIntegrations(report);
  renderTls(report);
  $('items').replaceChildren();
  // Thousands of findings and cards are added in slices, yielding between them, so the page
  // stays responsive after a large drop.
  renderList(state.run, report.findings, renderFinding, findingList);
  renderList(state.run, report.items, renderItem, $('items'));
}

/**
 * Long lists (thousands of findings and cards after a large drop) are drawn a page at a time, and
 * each page in slices; a button after the list draws the next page. Exports hold everything.
 */
const PAGE_SIZE = 300;

function renderList(run, list, render, parent) {
  const old = parent.nextElementSibling;
  if (old && old.classList.contains('show-more')) old.remove();
  if (list.length <= PAGE_SIZE) {
    renderInSlices(run, list, render, parent, 0, list.length, () => {});
    return;
  }
  const more = el('button', { type: 'button', class: 'button show-more' });
  more.hidden = true;
  parent.after(more);
  let shown = 0;
  const nextPage = () => {
    const until = Math.min(list.length, shown + PAGE_SIZE);
    more.disabled = true;
    renderInSlices(run, list, render, parent, shown, until, () => {
      shown = until;
      const left = list.length - shown;
      more.disabled = false;
      more.hidden = left === 0;
      more.textContent = t('results.showMore', { n: Math.min(left, PAGE_SIZE), left });
    });
  };
  more.addEventListener('click', nextPage);
  nextPage();
}

/** Milliseconds of drawing before yielding to the browser (input, timers, painting). */
const SLICE_MS = 12;

function renderInSlices(run, list, render, parent, from, until, done) {
  if (run !== state.run) return; // a newer check replaced this report
  // By time, not count: a certificate card costs ~0.5 ms, a duplicate's far less.
  const deadline = performance.now() + SLICE_MS;
  const nodes = [];
  let next = from;
  while (next < until && (nodes.length === 0 || performance.now() < deadline)) {
    nodes.push(render(list[next]));
    next += 1;
  }
  parent.append(...nodes);
  if (next < until) setTimeout(() => renderInSlices(run, list, render, parent, next, until, done), 0);
  else done();
}

const END_TEXT = { root: 'chain.root', 'missing-issuer': 'chain.missingIssuer', 'bad-signature': 'chain.badSignature', 'too-long': 'chain.tooLong' };

function renderChains(report) {
  const label = (index) => (report.items[index] ? report.items[index].label : t('item.number', { n: index + 1 }));
  $('chains-section').hidden = report.chains.length === 0;
  $('chains').replaceChildren(...report.chains.map((chain) => {
    const end = chain.end.kind;
    return el('li', { class: `chain end-${end}`, 'data-end': end },
      el('ol', { class: 'chain-path' }, chain.path.map((index) => el('li', { text: label(index) }))),
      el('p', { class: 'chain-end' },
        el('span', { 'aria-hidden': 'true', text: end === 'root' ? '✔ ' : '✖ ' }),
        END_TEXT[end] ? t(END_TEXT[end]) : end,
        end === 'missing-issuer' ? ` — ${chain.end.issuer}${chain.end.key_id ? ` (${t('chain.keyId', { id: chain.end.key_id })})` : ''}` : ''),
    );
  }));
}

const OUTCOME = {
  trusted: { icon: '✔', label: 'outcome.trusted' },
  accept: { icon: '⚠', label: 'outcome.accept' },
  fails: { icon: '✖', label: 'outcome.fails' },
  uncertain: { icon: '?', label: 'outcome.uncertain' },
  'not-given': { icon: '–', label: 'outcome.notGiven' },
};

function renderChecklist(report) {
  const { rows, missing } = report.checklist;
  $('checklist-missing').textContent = missing || '';
  $('checklist').hidden = rows.length === 0;
  $('checklist-tools').hidden = rows.length === 0;
  $('probe-note').hidden = true;
  document.querySelector('#checklist .probe-col').hidden = true;
  $('checklist').tBodies[0].replaceChildren(...rows.map((row) => {
    const outcome = OUTCOME[row.outcome];
    return el('tr', { class: `outcome-${row.outcome}`, 'data-audiences': row.audiences.join(' '), 'data-endpoint': row.endpoint, 'data-url': row.url },
      el('td', { text: row.audiences.map((audience) => t(`audience.${audience}`)).join(', ') }),
      el('td', {}, el('a', { href: row.url, target: '_blank', rel: 'noopener noreferrer', text: row.url })),
      el('td', { text: row.presents_text }),
      el('td', {},
        el('strong', { class: 'outcome' }, el('span', { 'aria-hidden': 'true', text: `${outcome.icon} ` }), t(outcome.label)), ' ',
        el('span', { class: 'outcome-text', text: row.outcome_text }),
        el('span', { class: 'cite', text: ` (${row.cite})` })),
      el('td', { class: 'probe-col probe-result', hidden: true }),
    );
  }));
  setView(state.view);
}

function renderEcdsa(report) {
  const verdict = report.ecdsa_verdict;
  const show = verdict.servers.length > 0 || (verdict.applicable && report.context.release);
  $('ecdsa-section').hidden = !show && !verdict.reason;
  const matched = new Set(verdict.servers.map((server) => server.row).filter(Boolean));
  const signing = Object.fromEntries(['self-signed', 'rsa-ca', 'ec-ca', 'other-ca', 'not-given'].map((key) => [key, t(`signing.${key}`)]));
  $('ecdsa').replaceChildren(...[
    verdict.reason ? el('p', { class: 'hint', text: verdict.reason }) : null,
    el('ul', { class: 'ecdsa-servers' }, verdict.servers.map((server) => el('li', { 'data-row': server.row || '' },
      el('strong', { text: server.server }), ` — ${t('ecdsa.pair', { tomcat: signing[server.tomcat], ecdsa: signing[server.tomcat_ecdsa] })} `,
      server.text))),
    verdict.applicable ? el('table', { class: 'ecdsa-table' },
      el('thead', {}, el('tr', {}, el('th', { scope: 'col', text: 'tomcat' }), el('th', { scope: 'col', text: 'tomcat-ECDSA' }),
        el('th', { scope: 'col', text: t('ecdsa.experience') }), el('th', { scope: 'col', text: t('ecdsa.advice') }))),
      el('tbody', {}, verdict.table.map((row) => el('tr', { class: matched.has(row.row) ? 'matched' : '', 'data-row': row.row },
        el('td', { text: signing[row.tomcat] }), el('td', { text: signing[row.tomcat_ecdsa] }),
        el('td', {}, matched.has(row.row) ? el('strong', { text: '▶ ' }) : null, row.experience), el('td', { text: row.advice }))))) : null,
    verdict.applicable ? el('ul', { class: 'cop' }, verdict.cop.map((text) => el('li', { text }))) : null,
    verdict.applicable ? el('p', { class: 'cite', text: t('source', { cite: '001_ac2a69aa6a55e92f.txt § FAQ; 003_8b0075df98947728.txt' }) }) : null,
  ].filter(Boolean));
}

function renderIntegrations(report) {
  $('integrations-section').hidden = report.integrations.length === 0 || report.context.product === '' && !report.context.nodes.length;
  $('integrations').replaceChildren(...report.integrations.map((integration) => el('li', { 'data-kind': integration.kind },
    integration.text, el('span', { class: 'cite', text: ` (${integration.cite})` }))));
}

function renderTls(report) {
  const tls = report.tls;
  $('tls-section').hidden = !tls.documented && tls.notes.length === 0;
  $('tls').replaceChildren(...[
    tls.documented ? el('p', {}, t('tls.versions', { server: tls.server.join(', '), client: tls.client.join(', ') })) : null,
    tls.upgrade ? el('p', { class: 'tls-upgrade', text: tls.upgrade }) : null,
    el('ul', {}, tls.notes.map((note) => el('li', { text: note }))),
    el('p', { class: 'cite', text: t('source', { cite: '000_e1a875b5f41a8b27.txt' }) }),
  ].filter(Boolean));
}

/**
 * Optional, only on an explicit click: ask this browser to open each checklist URL. A request
 * that completes means this PC reached the server over HTTPS with a certificate it trusts; one
 * that fails means untrusted, unreachable from here, or blocked — the browser does not say which.
 */
async function probe() {
  const rows = Array.from(document.querySelectorAll('#checklist tbody tr')).filter((row) => !row.hidden);
  $('probe-note').hidden = false;
  $('probe-note').textContent = t('probe.note');
  for (const cell of document.querySelectorAll('#checklist .probe-col')) cell.hidden = false;
  await Promise.all(rows.map(async (row) => {
    const cell = row.querySelector('.probe-result');
    cell.textContent = '…';
    const controller = new AbortController();
    const timer = setTimeout(() => controller.abort(), 8000);
    try {
      await fetch(row.dataset.url, { mode: 'no-cors', cache: 'no-store', credentials: 'omit', redirect: 'follow', signal: controller.signal });
      cell.textContent = `✔ ${t('probe.reached')}`;
      cell.dataset.probe = 'reached';
    } catch {
      cell.textContent = `✖ ${t('probe.failed')}`;
      cell.dataset.probe = 'failed';
    } finally {
      clearTimeout(timer);
    }
  }));
}

/** Offer `text` as a file download; nothing leaves the PC (a local object URL). */
function download(name, text) {
  const types = { csv: 'text/csv;charset=utf-8', md: 'text/markdown;charset=utf-8', pem: 'application/x-pem-file' };
  const extension = name.split('.').pop();
  // A byte-order mark lets Excel read UTF-8 CSV (Japanese and Chinese names) correctly.
  const body = extension === 'csv' ? `\ufeff${text}` : text;
  const url = URL.createObjectURL(new Blob([body], { type: types[extension] || 'application/octet-stream' }));
  const link = el('a', { href: url, download: name, hidden: true });
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}

function renderPlan(report) {
  const nodes = report.upload_plan.nodes;
  $('plan-section').hidden = nodes.length === 0;
  const named = report.context.nodes.length > 0;
  $('plan').replaceChildren(...nodes.map((node) => {
    const title = node.node
      ? `${node.node}${named && node.first ? ` — ${t('plan.first')}` : ''}`
      : t('plan.all');
    return el('section', { class: 'plan-node', 'data-node': node.node },
      el('h4', { text: title }),
      el('ol', { class: 'steps' }, node.steps.map((step) => el('li', { class: `step step-${step.kind}`, 'data-kind': step.kind },
        el('span', { class: 'step-text', text: step.text }),
        step.pem ? el('button', {
          type: 'button', class: 'link download', 'data-file': step.file_name,
          text: t('plan.download', { file: step.file_name }),
        }) : null,
      ))),
      node.bundle ? el('button', {
        type: 'button', class: 'secondary download-bundle', 'data-file': node.bundle_name, text: t('plan.bundle', { file: node.bundle_name }),
      }) : null,
    );
  }));
  state.downloads = new Map();
  for (const node of nodes) {
    for (const step of node.steps) if (step.pem) state.downloads.set(step.file_name, step.pem);
    if (node.bundle) state.downloads.set(node.bundle_name, node.bundle);
  }
}

function renderFinding(finding) {
  const severity = SEVERITY[finding.severity];
  return el('li', { class: `finding sev-${finding.severity}`, 'data-id': finding.id },
    el('p', { class: 'finding-head' },
      el('span', { class: 'sev', 'aria-hidden': 'true', text: severity.icon }),
      el('strong', { class: 'sev-label', text: t(severity.label) }), ' ',
      el('code', { class: 'finding-id', text: finding.id }), ' — ',
      el('span', { class: 'finding-subject', text: finding.subject }),
    ),
    el('p', { class: 'finding-message', text: finding.message }),
    finding.seen_as ? el('p', { class: 'seen-as' }, t('finding.seenAs'), ' ', el('q', { text: finding.seen_as })) : null,
    el('p', { class: 'finding-fix' }, el('strong', { text: t('finding.fix') }), ' ', finding.fix),
    finding.cite ? el('p', { class: 'cite', text: t('source', { cite: finding.cite }) }) : null,
  );
}

function row(label, value) {
  if (value === undefined || value === null || value === '' || (Array.isArray(value) && value.length === 0)) {
    return null;
  }
  const text = Array.isArray(value) ? value.join(', ') : String(value);
  return [el('dt', { text: label }), el('dd', { text })];
}

function roleText(role) {
  const kind = t(role.kind === 'leaf' && role.self_signed_leaf ? 'role.selfSignedLeaf' : `role.${role.kind}`);
  const store = role.store === 'none' ? t('role.noStore') : t('role.uploadAs', { store: role.store });
  return `${kind} — ${store}${role.node ? ` (${t('role.node', { node: role.node })})` : ''}`;
}

function renderItem(item) {
  const origin = t(item.origin.position ? 'origin.position' : 'origin.block', item.origin);
  const card = el('article', { class: `card kind-${item.kind}`, 'data-kind': item.kind });
  const kindLabel = t(`kind.${item.kind}`);
  card.append(el('h4', {}, el('span', { class: 'kind', text: kindLabel }), ' ', el('span', { class: 'card-title', text: item.label })));
  if (item.role) card.append(el('p', { class: 'card-role', text: roleText(item.role) }));
  const details = el('dl');
  if (item.certificate) {
    const c = item.certificate;
    const kindNote = c.self_signed ? t('signing.self-signed') : (c.basic_constraints && c.basic_constraints.ca ? 'CA' : '');
    details.append(...[
      row(t('card.subject'), c.subject),
      row(t('card.issuer'), c.issuer),
      row(t('card.valid'), `${c.validity.not_before} → ${c.validity.not_after}`),
      row(t('card.sanDns'), c.san.dns),
      row(t('card.sanIp'), c.san.ip),
      row(t('card.sanEmail'), c.san.email),
      row(t('card.sanUri'), c.san.uri),
      row(t('card.sanOther'), c.san.other),
      row(t('card.key'), c.public_key.summary),
      row(t('card.signature'), c.signature_algorithm),
      row(t('card.serial'), c.serial),
      row(t('card.type'), kindNote),
      row(t('card.role'), item.role ? roleText(item.role) : ''),
      row(t('card.keyUsage'), c.key_usage),
      row(t('card.eku'), c.extended_key_usage),
      row(t('card.basicConstraints'), c.basic_constraints ? `CA: ${c.basic_constraints.ca}${c.basic_constraints.path_len != null ? `, ${t('card.pathLen', { n: c.basic_constraints.path_len })}` : ''}` : ''),
      row(t('card.ski'), c.subject_key_id),
      row(t('card.aki'), c.authority_key_id),
      row(t('card.extensions'), c.extensions.map((e) => `${e.name}${e.critical ? ` (${t('card.critical')})` : ''}`)),
      row(t('card.sha256'), c.fingerprints.sha256),
      row(t('card.sha1'), c.fingerprints.sha1),
    ].flat().filter(Boolean));
  } else if (item.csr) {
    const c = item.csr;
    details.append(...[
      row(t('card.subject'), c.subject),
      row(t('card.requestedDns'), c.san.dns),
      row(t('card.requestedIp'), c.san.ip),
      row(t('card.key'), c.public_key.summary),
      row(t('card.signature'), `${c.signature_algorithm} — ${c.signature_valid ? t('card.signatureValid') : t('card.signatureInvalid', { problem: c.signature_problem })}`),
    ].flat().filter(Boolean));
  } else if (item.kind === 'private-key') {
    details.append(...row(t('card.form'), item.key_form), ...row(t('card.shown'), t('card.keyNotShown')));
  } else if (item.kind === 'pkcs12') {
    const p12 = item.pkcs12 || {};
    if (p12.state === 'opened') {
      details.append(...row(t('card.opened'), t('card.p12Opened', { certificates: p12.certificates, keys: p12.keys })));
    } else if (p12.state === 'password-needed' || p12.state === 'wrong-password') {
      details.append(...row(t('card.content'), p12.state === 'wrong-password'
        ? t('card.p12Wrong')
        : t('card.p12Locked')));
      card.append(passwordForm(item));
    } else {
      details.append(...row(t('card.problem'), p12.detail || ''));
    }
  } else if (item.error) {
    details.append(...row(t('card.problem'), item.error));
  }
  details.append(...row(t('card.from'), origin));
  if (item.duplicate_of != null) details.append(...row(t('card.duplicateOf'), t('item.number', { n: item.duplicate_of + 1 })));
  // Details fold away; what needs the user's attention (a password field) stays outside.
  const fold = el('details', { class: 'card-details', open: item.kind === 'garbage' || item.kind === 'pkcs12' }, el('summary', { text: t('card.details') }), details);
  const form = card.querySelector('.p12-password');
  if (form) card.insertBefore(fold, form);
  else card.append(fold);
  return card;
}

/** A password field for a PKCS#12 file: used in memory for this check only, never stored or sent. */
function passwordForm(item) {
  const id = `pw-${item.index}`;
  const form = el('form', { class: 'p12-password', 'data-source': item.origin.source, autocomplete: 'off' },
    el('label', { for: id, text: t('p12.password', { file: item.origin.source }) }),
    el('input', { id, type: 'password', autocomplete: 'off', spellcheck: 'false' }),
    el('button', { type: 'submit', text: t('p12.open') }),
    el('p', { class: 'hint', text: t('p12.hint') }),
  );
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    const password = form.querySelector('input').value;
    const input = state.inputs.find((candidate) => candidate.name === item.origin.source);
    if (input) input.password = password;
    run();
  });
  return form;
}

function wire() {
  const drop = $('drop');
  ['dragenter', 'dragover'].forEach((type) => drop.addEventListener(type, (event) => {
    event.preventDefault();
    drop.classList.add('over');
  }));
  ['dragleave', 'drop'].forEach((type) => drop.addEventListener(type, () => drop.classList.remove('over')));
  drop.addEventListener('drop', (event) => {
    event.preventDefault();
    if (event.dataTransfer && event.dataTransfer.files.length) addFiles(event.dataTransfer.files);
  });
  // A drop outside the zone must not navigate away from the page.
  window.addEventListener('dragover', (event) => event.preventDefault());
  window.addEventListener('drop', (event) => event.preventDefault());
  $('file-picker').addEventListener('change', (event) => {
    addFiles(event.target.files);
    event.target.value = '';
  });
  $('check-paste').addEventListener('click', addPaste);
  $('paste').addEventListener('paste', onPaste);
  $('load-example').addEventListener('click', loadExample);
  $('clear').addEventListener('click', clearAll);
  $('context').addEventListener('submit', (event) => event.preventDefault());
  $('context').addEventListener('change', () => {
    saveContext();
    if (state.inputs.length) run();
  });
  window.addEventListener('hashchange', () => {
    const context = contextFromFragment(location.hash);
    if (context) {
      writeContext(context);
      if (state.inputs.length) run();
    }
  });
  $('ctx-product').addEventListener('change', showProductFields);
  $('view').addEventListener('change', () => {
    setView($('view').value);
    saveContext();
  });
  $('probe').addEventListener('click', probe);
  $('print').addEventListener('click', () => window.print());
  $('copy-link').addEventListener('click', async () => {
    saveContext();
    try {
      await navigator.clipboard.writeText(location.href);
      setStatus(t('status.linkCopied'));
    } catch {
      setStatus(t('status.linkCopyFailed'));
    }
  });
  $('copy-markdown').addEventListener('click', async () => {
    const markdown = state.report && state.report.exports ? state.report.exports.markdown : '';
    try {
      await navigator.clipboard.writeText(markdown);
      setStatus(t('status.copied'));
    } catch {
      download('certcheck-report.md', markdown);
      setStatus(t('status.copyFallback'));
    }
  });
  $('download-markdown').addEventListener('click', () => {
    if (state.report && state.report.exports) download('certcheck-report.md', state.report.exports.markdown);
  });
  $('download-csv').addEventListener('click', () => {
    if (state.report && state.report.exports) download('certcheck-checklist.csv', state.report.exports.csv);
  });
  $('plan').addEventListener('click', (event) => {
    const name = event.target.getAttribute && event.target.getAttribute('data-file');
    if (name && state.downloads && state.downloads.has(name)) download(name, state.downloads.get(name));
  });
  $('inputs').addEventListener('click', (event) => {
    const index = event.target.getAttribute && event.target.getAttribute('data-index');
    if (index === null || index === undefined) return;
    state.inputs.splice(Number(index), 1);
    run();
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
    if (state.inputs.length) run();
  });
}

wireLanguage();
restoreContext();
wire();
// Start the checker early so the first check answers at once.
inWorker({}).then((result) => {
  if (result.error) setStatus(t('status.startFailed', { error: result.error }));
});
