// Long lists (thousands of findings and cards after a large drop) are drawn a page at a time, and
// each page in slices of a few milliseconds, yielding between them so the page stays responsive.
// A button after the list draws the next page; the exports hold everything.
import { el } from './dom.js';
import { t } from './i18n.js';
import { state } from './state.js';

const PAGE_SIZE = 300;

/** Milliseconds of drawing before yielding to the browser (input, timers, painting). */
const SLICE_MS = 12;

/**
 * Draw `list` into `parent` with `draw`, page by page, for check number `check`.
 * @template T
 * @param {number} check
 * @param {T[]} list
 * @param {(entry: T) => Node} draw
 * @param {HTMLElement} parent
 */
export function renderList(check, list, draw, parent) {
  const old = parent.nextElementSibling;
  if (old && old.classList.contains('show-more')) old.remove();
  if (list.length <= PAGE_SIZE) {
    renderInSlices(check, list, draw, parent, 0, list.length, () => {});
    return;
  }
  const more = /** @type {HTMLButtonElement} */ (el('button', { type: 'button', class: 'button show-more' }));
  more.hidden = true;
  parent.after(more);
  let shown = 0;
  const nextPage = () => {
    const until = Math.min(list.length, shown + PAGE_SIZE);
    more.disabled = true;
    renderInSlices(check, list, draw, parent, shown, until, () => {
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

/**
 * @template T
 * @param {number} check
 * @param {T[]} list
 * @param {(entry: T) => Node} draw
 * @param {HTMLElement} parent
 * @param {number} from
 * @param {number} until
 * @param {() => void} done
 */
function renderInSlices(check, list, draw, parent, from, until, done) {
  if (check !== state.run) return; // a newer check replaced this report
  // By time, not count: a certificate card costs ~0.5 ms, a duplicate's far less.
  const deadline = performance.now() + SLICE_MS;
  const nodes = [];
  let next = from;
  while (next < until && (nodes.length === 0 || performance.now() < deadline)) {
    nodes.push(draw(list[next]));
    next += 1;
  }
  parent.append(...nodes);
  if (next < until) setTimeout(() => renderInSlices(check, list, draw, parent, next, until, done), 0);
  else done();
}
