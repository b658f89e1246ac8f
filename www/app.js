// certcheck page: gathers dropped files and pasted text, runs the wasm core, renders the report.
// Every certificate field is hostile data: it is only ever inserted with textContent, never as HTML.
import init, { check as wasmCheck } from './pkg/certcheck.js';

const state = { inputs: [], pasteCount: 0, ready: null };

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

async function ready() {
  if (!state.ready) {
    state.ready = init(new URL('./pkg/certcheck_bg.wasm', import.meta.url));
  }
  return state.ready;
}

async function addFiles(fileList) {
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
    setStatus('Paste certificate or CSR text first.');
    area.focus();
    return;
  }
  state.pasteCount += 1;
  state.inputs.push({ name: `pasted text ${state.pasteCount}`, text });
  // The paste may hold a private key: do not leave it on screen.
  area.value = '';
  await run();
}

async function loadExample() {
  const names = ['ca-response.pem', 'uccx1-tomcat.csr'];
  for (const name of names) {
    const response = await fetch(new URL(`./example/${name}`, import.meta.url));
    if (!response.ok) {
      setStatus(`The example ${name} could not be loaded.`);
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
  setStatus('Cleared.');
}

function renderInputs() {
  const list = $('inputs');
  list.replaceChildren(
    ...state.inputs.map((input, index) =>
      el('li', {},
        el('span', { class: 'input-name', text: input.name }),
        el('button', {
          type: 'button', class: 'link', 'data-index': index,
          'aria-label': `Remove ${input.name}`, text: 'Remove',
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
  setStatus('Checking…');
  try {
    await ready();
    const report = wasmCheck(state.inputs, { context: {}, lang: 'en' });
    render(report);
    setStatus(`Checked ${state.inputs.length} input(s).`);
  } catch (error) {
    setStatus(`The checker failed: ${error && error.message ? error.message : error}`);
  }
}

const SEVERITY = {
  error: { icon: '✖', label: 'Error' },
  warning: { icon: '▲', label: 'Warning' },
  info: { icon: 'ℹ', label: 'Info' },
};

function render(report) {
  $('results').hidden = false;
  const s = report.summary;
  $('summary').replaceChildren(
    el('span', { class: 'count sev-error' }, `${SEVERITY.error.icon} ${s.errors} error(s)`), ' ',
    el('span', { class: 'count sev-warning' }, `${SEVERITY.warning.icon} ${s.warnings} warning(s)`), ' ',
    el('span', { class: 'count sev-info' }, `${SEVERITY.info.icon} ${s.infos} info`), ' — ',
    `${s.certificates} certificate(s), ${s.csrs} CSR(s), ${s.unreadable} unreadable item(s). Checked at ${report.check_date}.`,
  );
  $('findings').replaceChildren(
    report.findings.length === 0
      ? el('p', { class: 'none', text: 'No findings.' })
      : el('ul', { class: 'findings' }, report.findings.map(renderFinding)),
  );
  $('items').replaceChildren(...report.items.map(renderItem));
}

function renderFinding(finding) {
  const severity = SEVERITY[finding.severity];
  return el('li', { class: `finding sev-${finding.severity}`, 'data-id': finding.id },
    el('p', { class: 'finding-head' },
      el('span', { class: 'sev', 'aria-hidden': 'true', text: severity.icon }),
      el('strong', { class: 'sev-label', text: severity.label }), ' ',
      el('code', { class: 'finding-id', text: finding.id }), ' — ',
      el('span', { class: 'finding-subject', text: finding.subject }),
    ),
    el('p', { class: 'finding-message', text: finding.message }),
    finding.seen_as ? el('p', { class: 'seen-as' }, 'Users see: ', el('q', { text: finding.seen_as })) : null,
    el('p', { class: 'finding-fix' }, el('strong', { text: 'Fix: ' }), finding.fix),
    finding.cite ? el('p', { class: 'cite', text: `Source: ${finding.cite}` }) : null,
  );
}

function row(label, value) {
  if (value === undefined || value === null || value === '' || (Array.isArray(value) && value.length === 0)) {
    return null;
  }
  const text = Array.isArray(value) ? value.join(', ') : String(value);
  return [el('dt', { text: label }), el('dd', { text })];
}

function renderItem(item) {
  const origin = `${item.origin.source}, block ${item.origin.block}${item.origin.position ? `, #${item.origin.position}` : ''}`;
  const card = el('article', { class: `card kind-${item.kind}`, 'data-kind': item.kind });
  const kindLabel = {
    certificate: 'Certificate', csr: 'Certificate request (CSR)', 'private-key': 'Private key',
    pkcs12: 'PKCS#12 file', garbage: 'Unreadable',
  }[item.kind];
  card.append(el('h4', {}, el('span', { class: 'kind', text: kindLabel }), ' ', el('span', { class: 'card-title', text: item.label })));
  const details = el('dl');
  if (item.certificate) {
    const c = item.certificate;
    const kindNote = c.self_signed ? 'self-signed' : (c.basic_constraints && c.basic_constraints.ca ? 'CA' : '');
    details.append(...[
      row('Subject', c.subject),
      row('Issuer', c.issuer),
      row('Valid', `${c.validity.not_before} → ${c.validity.not_after}`),
      row('DNS names (SAN)', c.san.dns),
      row('IP addresses (SAN)', c.san.ip),
      row('E-mail (SAN)', c.san.email),
      row('URI (SAN)', c.san.uri),
      row('Other names (SAN)', c.san.other),
      row('Key', c.public_key.summary),
      row('Signature', c.signature_algorithm),
      row('Serial', c.serial),
      row('Type', kindNote),
      row('Key usage', c.key_usage),
      row('Extended key usage', c.extended_key_usage),
      row('Basic constraints', c.basic_constraints ? `CA: ${c.basic_constraints.ca}${c.basic_constraints.path_len != null ? `, path length ${c.basic_constraints.path_len}` : ''}` : ''),
      row('Subject key id', c.subject_key_id),
      row('Authority key id', c.authority_key_id),
      row('Extensions', c.extensions.map((e) => `${e.name}${e.critical ? ' (critical)' : ''}`)),
      row('SHA-256', c.fingerprints.sha256),
      row('SHA-1 (thumbprint)', c.fingerprints.sha1),
    ].flat().filter(Boolean));
  } else if (item.csr) {
    const c = item.csr;
    details.append(...[
      row('Subject', c.subject),
      row('Requested DNS names', c.san.dns),
      row('Requested IP addresses', c.san.ip),
      row('Key', c.public_key.summary),
      row('Signature', `${c.signature_algorithm} — ${c.signature_valid ? 'valid' : `not valid (${c.signature_problem})`}`),
    ].flat().filter(Boolean));
  } else if (item.kind === 'private-key') {
    details.append(...row('Form', item.key_form), ...row('Shown', 'No: private keys are recognised and never displayed, stored or sent.'));
  } else if (item.kind === 'pkcs12') {
    details.append(...row('Content', 'Certificates and a private key, protected by a password'));
  } else if (item.error) {
    details.append(...row('Problem', item.error));
  }
  details.append(...row('From', origin));
  if (item.duplicate_of != null) details.append(...row('Duplicate of', `item ${item.duplicate_of + 1}`));
  card.append(details);
  return card;
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
  $('load-example').addEventListener('click', loadExample);
  $('clear').addEventListener('click', clearAll);
  $('inputs').addEventListener('click', (event) => {
    const index = event.target.getAttribute && event.target.getAttribute('data-index');
    if (index === null || index === undefined) return;
    state.inputs.splice(Number(index), 1);
    run();
  });
  document.documentElement.dataset.ready = 'true';
}

wire();
ready().catch((error) => setStatus(`The checker could not start: ${error}`));
