// The report's sections: summary, chains, checklist, ECDSA table, integrations, TLS and upload
// plan. Which sections appear comes from the report (`report.shown`), as in the CLI and Markdown.
import { $, el, localTime } from './dom.js';
import { currentLang, t } from './i18n.js';
import { citeElement, citeParts } from './cite.js';
import { setView } from './context.js';
import { state } from './state.js';
import { renderList } from './slices.js';
import { SEVERITY } from './cards.js';
import { agentHint, expectedOutcome, markOpened, summaryText, wasOpened } from './agent.js';

/** @typedef {import('./report-types.js').Report} Report */

/**
 * A sentence with its `{date}` (marked \u0000) as a local <time>.
 * @param {string} sentence
 * @param {string} iso
 * @returns {(string | HTMLElement)[]}
 */
function withTime(sentence, iso) {
  const [before, after = ''] = sentence.split('\u0000');
  return [before, localTime(iso, currentLang()), after];
}

/** @param {Report} report */
export function renderSummary(report) {
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
    ...withTime(t('summary.counts', { certificates: s.certificates, csrs: s.csrs, unreadable: s.unreadable, date: '\u0000' }), report.check_date),
  );
  $('overview').textContent = report.overview;
}

/**
 * One line per certificate and CSR, the worst first: what it is, its worst problems, what to do.
 * @param {Report} report
 */
export function renderVerdicts(report) {
  // A page at a time, the worst first (a pile of thousands draws the rest on "show more").
  const list = $('verdicts');
  list.replaceChildren();
  renderList(state.run, report.verdicts, (verdict) => {
    const severity = verdict.severity ? SEVERITY[verdict.severity] : { icon: '✔', label: 'verdict.ok' };
    return el('li', { class: `verdict sev-${verdict.severity || 'ok'}`, 'data-item': verdict.item },
      el('span', { class: 'sev', 'aria-hidden': 'true', text: `${severity.icon} ` }),
      el('span', { class: 'visually-hidden', text: `${t(severity.label)}: ` }),
      verdict.line);
  }, list);
}

const END_TEXT = { root: 'chain.root', 'missing-issuer': 'chain.missingIssuer', 'bad-signature': 'chain.badSignature', 'too-long': 'chain.tooLong' };

/** @param {Report} report */
export function renderChains(report) {
  /** @param {number} index */
  const label = (index) => (report.items[index] ? report.items[index].label : t('item.number', { n: index + 1 }));
  $('chains-section').hidden = !report.shown.chains;
  const list = $('chains');
  list.replaceChildren();
  renderList(state.run, report.chains, (chain) => {
    const end = chain.end;
    // "Complete" only when every link is valid: a chain reaching its root through a link that is
    // not valid says so (the same fact as the report's `complete`).
    const complete = end.kind === 'root' && chain.complete;
    return el('li', { class: `chain end-${end.kind}${complete ? '' : ' not-complete'}`, 'data-end': end.kind, 'data-complete': String(complete) },
      el('ol', { class: 'chain-path' }, chain.path.map((index) => el('li', { text: label(index) }))),
      el('p', { class: 'chain-end' },
        el('span', { 'aria-hidden': 'true', text: complete ? '✔ ' : end.kind === 'root' ? '⚠ ' : '✖ ' }),
        t(end.kind === 'root' && !complete ? 'chain.rootNotValid' : END_TEXT[end.kind]),
        end.kind === 'missing-issuer' ? ` — ${end.issuer}${end.key_id ? ` (${t('chain.keyId', { id: end.key_id })})` : ''}` : ''),
    );
  }, list);
}

const OUTCOME = {
  trusted: { icon: '✔', label: 'outcome.trusted' },
  accept: { icon: '⚠', label: 'outcome.accept' },
  fails: { icon: '✖', label: 'outcome.fails' },
  uncertain: { icon: '?', label: 'outcome.uncertain' },
  'not-given': { icon: '–', label: 'outcome.notGiven' },
};

/** @param {Report} report */
export function renderChecklist(report) {
  const { rows, empty_reason: emptyReason } = report.checklist;
  $('checklist-missing').textContent = [report.shown.checklist ? '' : emptyReason || '', ...(report.checklist.notes || [])].filter(Boolean).join(' ');
  $('checklist').hidden = !report.shown.checklist;
  $('checklist-tools').hidden = !report.shown.checklist;
  $('probe-note').hidden = true;
  $('checklist').querySelector('.probe-col').hidden = true;
  // The agent's view lists what agents open first, the admin pages last.
  const calm = document.body.dataset.calm === 'agent';
  const adminFirst = (/** @type {import('../crate/src/report/report').ChecklistRow} */ row) => (row.audiences[0] === 'admin' ? 1 : 0);
  const ordered = calm ? [...rows].sort((a, b) => adminFirst(a) - adminFirst(b)) : rows;
  // A long explanation is said once: the rows after point to the first row that says it.
  /** @type {Map<string, string>} */
  const said = new Map();
  $('checklist').tBodies[0].replaceChildren(...ordered.map((entry) => {
    // Without the certificate, the row says what to expect (and what to compare) instead of
    // "not checked".
    const given = entry.outcome !== 'not-given';
    const outcome = given ? OUTCOME[entry.outcome] : { icon: '→', label: 'outcome.open' };
    const link = el('a', { href: entry.url, target: '_blank', rel: 'noopener noreferrer', text: entry.url });
    // What this row will do: the check's outcome, or what the helpdesk's link says it will.
    const expect = given ? entry.outcome : (state.outcomes.get(`${entry.endpoint}|${entry.node}`) || { outcome: '' }).outcome;
    const row = el('tr', { class: `outcome-${entry.outcome}`, 'data-audiences': entry.audiences.join(' '), 'data-endpoint': entry.endpoint, 'data-url': entry.url, 'data-opened': wasOpened(entry.url) ? 'yes' : 'no', 'data-expect': expect },
      // data-label: the column's name, shown before each field when a phone shows rows as cards.
      el('td', { 'data-label': t('ui.colWho'), text: entry.audiences.map((audience) => t(`audience.${audience}`)).join(t('list.join')) }),
      el('td', {}, link),
      el('td', { 'data-label': t('ui.colPresents'), text: entry.presents_text }),
      el('td', { 'data-label': t('ui.colOutcome') },
        el('strong', { class: 'outcome' }, el('span', { 'aria-hidden': 'true', text: `${outcome.icon} ` }), t(outcome.label)), ' ',
        given ? outcomeText(entry.outcome_text, entry.url, said) : null,
        given ? null : expectedOutcome(entry),
        given && !state.expected.size ? null : agentHint(entry),
        el('span', { class: 'cite' }, ' (', ...citeParts(entry.cite, report.sources), ')')),
      el('td', { class: 'probe-col probe-result', hidden: true }),
      el('td', { class: 'live-col live-result', hidden: true }),
    );
    link.addEventListener('click', () => {
      markOpened(entry.url);
      row.dataset.opened = 'yes';
      updateAgentSummary();
    });
    return row;
  }));
  setView(state.view);
  $('agent-steps').classList.toggle('has-expected', state.expected.size > 0);
  // A second certificate on Live Data only where a row presents tomcat-ECDSA (UCCX/SocialMiner
  // 11.5(x), per the release facts) or the link carries a tomcat-ECDSA fingerprint.
  const ecdsa = rows.some((entry) => entry.presents === 'tomcat-ECDSA') || [...state.expected.keys()].some((entry) => entry.startsWith('tomcat-ECDSA|'));
  $('steps-live-data').hidden = !ecdsa;
  updateAgentSummary();
}

/**
 * A row's outcome in words; a long text already said on a row above is pointed to instead.
 * @param {string} text
 * @param {string} url
 * @param {Map<string, string>} said text → the URL of the row that says it
 */
function outcomeText(text, url, said) {
  const first = said.get(text);
  if (first === undefined || text.length < 120) {
    if (first === undefined) said.set(text, url);
    return el('span', { class: 'outcome-text', text });
  }
  return el('span', { class: 'outcome-text same-as' }, t('checklist.sameAs', { url: first }));
}

/** "3 of 5 addresses ready": over the rows shown for the chosen audience. */
export function updateAgentSummary() {
  const rows = Array.from(/** @type {NodeListOf<HTMLElement>} */ (document.querySelectorAll('#checklist tbody tr'))).filter((row) => !row.hidden);
  $('agent-summary').textContent = rows.length ? summaryText(rows) : '';
}

const SIGNINGS = /** @type {const} */ (['self-signed', 'rsa-ca', 'ec-ca', 'other-ca', 'not-given']);

/** @param {Report} report */
export function renderEcdsa(report) {
  const verdict = report.ecdsa_verdict;
  $('ecdsa-section').hidden = !report.shown.ecdsa;
  const matched = new Set(verdict.servers.map((server) => server.row).filter(Boolean));
  const signing = Object.fromEntries(SIGNINGS.map((key) => [key, t(`signing.${key}`)]));
  $('ecdsa').replaceChildren(...[
    verdict.reason ? el('p', { class: 'hint', text: verdict.reason }) : null,
    verdict.note ? el('p', { class: 'hint', text: verdict.note }) : null,
    el('ul', { class: 'ecdsa-servers' }, verdict.servers.map((server) => el('li', { 'data-row': server.row || '' },
      el('strong', { text: server.server }), ` — ${t('ecdsa.pair', { tomcat: signing[server.tomcat], ecdsa: signing[server.tomcat_ecdsa] })} `,
      server.text))),
    verdict.applicable ? el('table', { class: 'ecdsa-table' },
      el('thead', {}, el('tr', {}, el('th', { scope: 'col', text: 'tomcat' }), el('th', { scope: 'col', text: 'tomcat-ECDSA' }),
        el('th', { scope: 'col', text: t('ecdsa.experience') }), el('th', { scope: 'col', text: t('ecdsa.advice') }))),
      el('tbody', {}, verdict.table.map((entry) => el('tr', { class: matched.has(entry.row) ? 'matched' : '', 'data-row': entry.row },
        el('td', { 'data-label': 'tomcat', text: signing[entry.tomcat] }), el('td', { 'data-label': 'tomcat-ECDSA', text: signing[entry.tomcat_ecdsa] }),
        el('td', { 'data-label': t('ecdsa.experience') }, matched.has(entry.row) ? el('strong', { text: '▶ ' }) : null, entry.experience),
        el('td', { 'data-label': t('ecdsa.advice'), text: entry.advice }))))) : null,
    verdict.applicable ? el('ul', { class: 'cop' }, verdict.cop.map((text) => el('li', { text }))) : null,
    citeElement(verdict.cite, report.sources),
  ].filter(Boolean));
}

/** @param {Report} report */
export function renderIntegrations(report) {
  $('integrations-section').hidden = !report.shown.integrations;
  $('integrations').replaceChildren(...report.integrations.map((integration) => el('li', { 'data-kind': integration.kind },
    integration.text, el('span', { class: 'cite' }, ' (', ...citeParts(integration.cite, report.sources), ')'))));
}

/** @param {Report} report */
export function renderTls(report) {
  const tls = report.tls;
  $('tls-section').hidden = !report.shown.tls;
  $('tls').replaceChildren(...[
    tls.documented ? el('p', {}, t('tls.versions', { server: tls.server.join(', '), client: tls.client.join(', ') })) : null,
    tls.upgrade ? el('p', { class: 'tls-upgrade', text: tls.upgrade }) : null,
    el('ul', {}, tls.notes.map((note) => el('li', { text: note }))),
    citeElement(tls.cite, report.sources),
  ].filter(Boolean));
}

/**
 * The upload plan, node by node; the certificates to upload can be downloaded one by one.
 * @param {Report} report
 */
export function renderPlan(report) {
  const nodes = report.upload_plan.nodes;
  $('plan-section').hidden = !report.shown.upload_plan;
  const pems = report.upload_plan.pems;
  $('plan-note').textContent = [report.upload_plan.note, report.upload_plan.formats].filter(Boolean).join(' ');
  const named = report.context.nodes.length > 0;
  // Thousands of nodes (a pile without a node list) are drawn a page at a time, like the cards.
  $('plan').replaceChildren();
  renderList(state.run, nodes, (node) => {
    const title = node.peer ? t('plan.peerCucm', { node: node.node })
      : node.node ? `${node.node}${named && node.first ? ` — ${t('plan.first')}` : ''}`
        : t('plan.all');
    return el('section', { class: 'plan-node', 'data-node': node.node },
      el('h4', { text: title }),
      el('ol', { class: 'steps' }, node.steps.map((step) => el('li', { class: `step step-${step.kind}${step.blocked ? ' blocked' : ''}`, 'data-kind': step.kind, 'data-blocked': step.blocked ? 'true' : null },
        el('span', { class: 'step-text', text: step.text }),
        step.file_name && step.item !== undefined && pems[step.item] ? el('button', {
          type: 'button', class: 'link download', 'data-file': step.file_name,
          text: t('plan.download', { file: step.file_name }),
        }) : null,
      ))),
      node.steps.some((step) => step.file_name) ? el('button', {
        type: 'button', class: 'secondary download-bundle', 'data-file': node.bundle_name, text: t('plan.bundle', { file: node.bundle_name }),
      }) : null,
    );
  }, $('plan'));
  // Each certificate's PEM is in the plan once; a node's bundle is its steps' PEMs in order,
  // joined when it is downloaded.
  state.downloads = new Map();
  for (const node of nodes) {
    const files = node.steps.filter((step) => step.file_name && step.item !== undefined && pems[step.item]);
    for (const step of files) {
      const pem = pems[/** @type {number} */ (step.item)];
      state.downloads.set(/** @type {string} */ (step.file_name), () => pem);
    }
    if (files.length) state.downloads.set(node.bundle_name, () => files.map((step) => pems[/** @type {number} */ (step.item)]).join(''));
  }
}
