// Small DOM helpers. Every certificate field is hostile data: `el` inserts strings as text nodes and
// attribute values with setAttribute, never as HTML.

/**
 * The element with this id (the page's own markup: always present).
 * @param {string} id
 * @returns {any}
 */
export const $ = (id) => document.getElementById(id);

/**
 * Create an element; children may be strings (inserted as text) or nodes.
 * @param {string} tag
 * @param {Record<string, any>} [attributes]
 * @param {...any} children
 * @returns {HTMLElement}
 */
export function el(tag, attributes = {}, ...children) {
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

/** @param {string} text */
export function setStatus(text) {
  $('status').textContent = text;
}

/**
 * The progress indicator while the worker checks (the page stays usable meanwhile).
 * @param {boolean} busy
 * @param {string} [text]
 */
export function setBusy(busy, text = '') {
  $('progress').hidden = !busy;
  $('progress-text').textContent = text;
  $('results').setAttribute('aria-busy', busy ? 'true' : 'false');
  if (busy) setStatus(text);
}

/**
 * Where the latest check stands, for scripts and tests: reading, checking, checked or failed.
 * @param {'reading' | 'checking' | 'checked' | 'failed'} value
 */
export function setState(value) {
  $('status').dataset.state = value;
}

/**
 * An RFC 3339 time from the report in the user's time zone and language, as a <time> whose
 * title holds the UTC value (one hover away); the text as given when it is not a time.
 * @param {string} iso
 * @param {string} lang
 * @returns {HTMLElement}
 */
export function localTime(iso, lang) {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return el('span', { text: iso });
  let text = iso;
  try {
    text = timeFormat(lang).format(date);
  } catch {
    // an engine without Intl: the UTC text stays
  }
  return el('time', { datetime: iso, title: `UTC ${iso}`, text });
}

/** One formatter per language: building an Intl.DateTimeFormat costs far more than using one,
 *  and a pile of 10 000 certificates shows 20 000 times. */
/** @type {Map<string, Intl.DateTimeFormat>} */
const timeFormats = new Map();

/** @param {string} lang */
function timeFormat(lang) {
  let format = timeFormats.get(lang);
  if (!format) {
    format = new Intl.DateTimeFormat(lang, { dateStyle: 'medium', timeStyle: 'short' });
    timeFormats.set(lang, format);
  }
  return format;
}
