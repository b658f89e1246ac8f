// What the user gives: dropped or picked files, pasted text (large pastes bypass the text box),
// the example, and the list of inputs with their remove buttons. Each change calls `onChange`.
import { $, el, setState, setStatus } from './dom.js';
import { t } from './i18n.js';
import { state } from './state.js';
import { exampleBytes } from './checker.js';
import { readContext, saveContext, writeContext } from './context.js';
import { readLive } from './live.js';

/** @type {() => Promise<void>} */
let onChange = async () => {};

/** New inputs are coming: a check still running (e.g. of the link's deployment alone) is stale. */
function reading() {
  state.run += 1;
  setState('reading');
}

/** @param {FileList | File[]} fileList */
async function addFiles(fileList) {
  reading();
  for (const file of Array.from(fileList)) {
    const bytes = new Uint8Array(await file.arrayBuffer());
    if (!takeLive(file.name, { bytes })) state.inputs.push({ name: file.name, bytes });
  }
  await onChange();
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

/** @param {string} text */
async function addPastedText(text) {
  reading();
  state.pasteCount += 1;
  const name = t('input.pasted', { n: state.pasteCount });
  if (!takeLive(name, { text })) state.inputs.push({ name, text });
  await onChange();
}

/**
 * A `certcheck probe` result is kept beside the inputs (never sent to the checker); when the form
 * is empty, its deployment fills it in so the checklist shows the URLs it probed.
 * @param {string} name
 * @param {{bytes?: Uint8Array, text?: string}} input
 */
function takeLive(name, input) {
  const report = readLive(input);
  if (!report) return false;
  state.live = { name, report };
  const context = readContext();
  if (!context.product && !context.nodes.length && report.deployment.product) {
    writeContext(report.deployment);
    saveContext();
  }
  return true;
}

/**
 * A large paste (a whole CA bundle, a 10 MB log) goes straight to the checker: a text box holding
 * megabytes stalls the browser for a second each time it is filled or emptied.
 */
const DIRECT_PASTE_CHARS = 256 * 1024;

/** @param {ClipboardEvent} event */
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
  reading();
  const names = ['ca-response.pem', 'uccx1-tomcat.csr'];
  for (const name of names) {
    const bytes = await exampleBytes(name);
    if (!bytes) {
      setStatus(t('status.exampleFailed', { name }));
      return;
    }
    state.inputs.push({ name, bytes });
  }
  await onChange();
}

function clearAll() {
  state.inputs = [];
  state.live = null;
  state.pasteCount = 0;
  $('paste').value = '';
  $('results').hidden = true;
  renderInputs();
  setStatus(t('status.cleared'));
}

/** The list of inputs, each with a remove button. */
export function renderInputs() {
  const items = [
    ...state.inputs.map((input, index) =>
      el('li', {},
        el('span', { class: 'input-name', text: input.name }),
        el('button', {
          type: 'button', class: 'link', 'data-index': index,
          'aria-label': t('input.removeLabel', { name: input.name }), text: t('input.remove'),
        }),
      ),
    ),
    state.live ? el('li', { class: 'live-input' },
      el('span', { class: 'input-name', text: `${state.live.name} — ${t('live.kind')}` }),
      el('button', {
        type: 'button', class: 'link', 'data-live': 'yes',
        'aria-label': t('input.removeLabel', { name: state.live.name }), text: t('input.remove'),
      })) : null,
  ];
  $('inputs').replaceChildren(...items.filter((item) => item !== null));
}

/**
 * The drop zone, the file picker, the paste box and the buttons; `change` runs after each change.
 * @param {() => Promise<void>} change
 */
export function wireInputs(change) {
  onChange = change;
  const drop = $('drop');
  ['dragenter', 'dragover'].forEach((type) => drop.addEventListener(type, (/** @type {DragEvent} */ event) => {
    event.preventDefault();
    drop.classList.add('over');
  }));
  ['dragleave', 'drop'].forEach((type) => drop.addEventListener(type, () => drop.classList.remove('over')));
  drop.addEventListener('drop', (/** @type {DragEvent} */ event) => {
    event.preventDefault();
    if (event.dataTransfer && event.dataTransfer.files.length) addFiles(event.dataTransfer.files);
  });
  // A drop outside the zone must not navigate away from the page.
  window.addEventListener('dragover', (event) => event.preventDefault());
  window.addEventListener('drop', (event) => event.preventDefault());
  $('file-picker').addEventListener('change', (/** @type {Event} */ event) => {
    const picker = /** @type {HTMLInputElement} */ (event.target);
    if (picker.files) addFiles(Array.from(picker.files));
    picker.value = '';
  });
  $('check-paste').addEventListener('click', addPaste);
  $('paste').addEventListener('paste', onPaste);
  $('load-example').addEventListener('click', loadExample);
  $('clear').addEventListener('click', clearAll);
  $('inputs').addEventListener('click', (/** @type {MouseEvent} */ event) => {
    const target = /** @type {HTMLElement} */ (event.target);
    if (target.getAttribute && target.getAttribute('data-live')) {
      state.live = null;
      onChange();
      return;
    }
    const index = target.getAttribute && target.getAttribute('data-index');
    if (index === null || index === undefined) return;
    state.inputs.splice(Number(index), 1);
    onChange();
  });
}
