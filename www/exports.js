// Downloads and copies: the report as Markdown, the checklist as CSV, the plan's certificates.
// Nothing leaves the PC: files are local object URLs.
import { $, el, setStatus } from './dom.js';
import { t } from './i18n.js';
import { state } from './state.js';

/**
 * Offer `text` as a file download.
 * @param {string} name
 * @param {string} text
 */
export function download(name, text) {
  const types = /** @type {Record<string, string>} */ ({ csv: 'text/csv;charset=utf-8', md: 'text/markdown;charset=utf-8', ics: 'text/calendar;charset=utf-8', pem: 'application/x-pem-file' });
  const extension = name.split('.').pop() || '';
  // A byte-order mark lets Excel read UTF-8 CSV (Japanese and Chinese names) correctly.
  const body = extension === 'csv' ? `\ufeff${text}` : text;
  const url = URL.createObjectURL(new Blob([body], { type: types[extension] || 'application/octet-stream' }));
  const link = el('a', { href: url, download: name, hidden: true });
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}

/** The export buttons and the plan's download buttons. */
export function wireExports() {
  // The worker sends the exports just after the report: a click in between waits for them.
  const exports = () => state.exports;
  $('copy-markdown').addEventListener('click', async () => {
    const markdown = (await exports())?.markdown || '';
    try {
      await navigator.clipboard.writeText(markdown);
      setStatus(t('status.copied'));
    } catch {
      download('certcheck-report.md', markdown);
      setStatus(t('status.copyFallback'));
    }
  });
  $('download-markdown').addEventListener('click', async () => {
    const ready = await exports();
    if (ready) download('certcheck-report.md', ready.markdown);
  });
  $('download-csv').addEventListener('click', async () => {
    const ready = await exports();
    if (ready) download('certcheck-checklist.csv', ready.csv);
  });
  $('plan').addEventListener('click', (/** @type {MouseEvent} */ event) => {
    const target = /** @type {HTMLElement} */ (event.target);
    const name = target.getAttribute && target.getAttribute('data-file');
    const pem = name ? state.downloads.get(name)?.() : undefined;
    if (name && pem) download(name, pem);
  });
  $('print').addEventListener('click', () => window.print());
}
