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
  await Promise.all(rows.map(async (row) => {
    const cell = /** @type {HTMLElement} */ (row.querySelector('.probe-result'));
    cell.textContent = '…';
    const controller = new AbortController();
    const timer = setTimeout(() => controller.abort(), 8000);
    try {
      await fetch(row.dataset.url || '', { mode: 'no-cors', cache: 'no-store', credentials: 'omit', redirect: 'follow', signal: controller.signal });
      cell.textContent = `✔ ${t('probe.reached')}`;
      cell.dataset.probe = 'reached';
    } catch {
      cell.textContent = `✖ ${t('probe.failed')}`;
      cell.dataset.probe = 'failed';
    } finally {
      clearTimeout(timer);
      row.dataset.probe = cell.dataset.probe;
      updateAgentSummary();
    }
  }));
}
