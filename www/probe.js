// "Test from this PC": optional, only on an explicit click. Asks this browser to open each
// checklist URL. A request that completes means this PC reached the server over HTTPS with a
// certificate it trusts; one that fails means untrusted, unreachable from here, or blocked — the
// browser does not say which.
import { $ } from './dom.js';
import { t } from './i18n.js';
import { updateAgentSummary } from './sections.js';

export async function probe() {
  const rows = Array.from(/** @type {NodeListOf<HTMLElement>} */ (document.querySelectorAll('#checklist tbody tr'))).filter((row) => !row.hidden);
  $('probe-note').hidden = false;
  $('probe-note').textContent = t('probe.note');
  for (const cell of /** @type {NodeListOf<HTMLElement>} */ (document.querySelectorAll('#checklist .probe-col'))) cell.hidden = false;
  for (const row of rows) /** @type {HTMLElement} */ (row.querySelector('.probe-result')).textContent = '…';
  // The connections are made by probe.html in a frame, under its own policy (exactly these
  // addresses): this page, which holds what the user dropped or pasted, connects nowhere else.
  const frame = document.createElement('iframe');
  frame.hidden = true;
  frame.title = t('probe.frame');
  const params = new URLSearchParams();
  for (const row of rows) params.append('u', row.dataset.url || '');
  frame.src = `probe.html#${params}`;
  /** @param {MessageEvent} event */
  const onMessage = (event) => {
    if (event.origin !== location.origin || event.source !== frame.contentWindow) return;
    const data = event.data || {};
    if (data.kind === 'certcheck-probe-done') {
      window.removeEventListener('message', onMessage);
      frame.remove();
      return;
    }
    if (data.kind !== 'certcheck-probe-result') return;
    for (const row of rows.filter((candidate) => new URL(candidate.dataset.url || '', location.href).href === data.url)) {
      const cell = /** @type {HTMLElement} */ (row.querySelector('.probe-result'));
      cell.textContent = data.reached ? `✔ ${t('probe.reached')}` : `✖ ${t('probe.failed')}`;
      cell.dataset.probe = data.reached ? 'reached' : 'failed';
      row.dataset.probe = cell.dataset.probe;
    }
    updateAgentSummary();
  };
  window.addEventListener('message', onMessage);
  document.body.append(frame);
}
