// Findings and item cards (certificate, CSR, private key, PKCS#12, unreadable), and the PKCS#12
// password form. Every field is inserted as text.
import { el, localTime } from './dom.js';
import { currentLang, t } from './i18n.js';
import { citeElement } from './cite.js';

/** @typedef {import('./report-types.js').Item} Item */

export const SEVERITY = {
  error: { icon: '✖', label: 'severity.error' },
  warning: { icon: '▲', label: 'severity.warning' },
  info: { icon: 'ℹ', label: 'severity.info' },
};

/**
 * A label and what follows it: "Fix: …", but "修正方式：…" (a full-width colon has its own space).
 * @param {string} label
 */
function labelGap(label) {
  return label.endsWith('：') ? '' : ' ';
}

/**
 * @param {import('./report-types.js').Finding} finding
 * @param {Record<string, string>} sources the report's citations as people read them
 */
export function renderFinding(finding, sources) {
  const severity = SEVERITY[finding.severity];
  return el('li', { class: `finding sev-${finding.severity}`, 'data-id': finding.id },
    el('p', { class: 'finding-head' },
      el('span', { class: 'sev', 'aria-hidden': 'true', text: severity.icon }),
      el('strong', { class: 'sev-label', text: t(severity.label) }), ' ',
      el('code', { class: 'finding-id', text: finding.id }), ' — ',
      el('span', { class: 'finding-subject', text: finding.subject }),
    ),
    el('p', { class: 'finding-message', text: finding.message }),
    finding.seen_as ? el('p', { class: 'seen-as' }, t('finding.seenAs'), labelGap(t('finding.seenAs')), el('q', { text: finding.seen_as })) : null,
    el('p', { class: 'finding-fix' }, el('strong', { text: t('finding.fix') }), labelGap(t('finding.fix')), finding.fix),
    finding.cite ? citeElement(finding.cite, sources) : null,
  );
}

/**
 * A validity period in the user's time zone, UTC one hover away.
 * @param {string} label
 * @param {string} from
 * @param {string} to
 * @returns {HTMLElement[]}
 */
function timeDetail(label, from, to) {
  return [el('dt', { text: label }), el('dd', {}, localTime(from, currentLang()), ' → ', localTime(to, currentLang()))];
}

/**
 * One term and its description, or nothing when the value is empty.
 * @param {string} label
 * @param {string | string[] | number | null | undefined} value
 * @returns {HTMLElement[]}
 */
function detail(label, value) {
  if (value === undefined || value === null || value === '' || (Array.isArray(value) && value.length === 0)) {
    return [];
  }
  const text = Array.isArray(value) ? value.join(', ') : String(value);
  return [el('dt', { text: label }), el('dd', { text })];
}

/**
 * What the certificate is, and what the plan does with it — the plan's own words (`upload`), so
 * the card never says otherwise.
 * @param {import('./report-types.js').Role} role
 * @param {{ text: string } | undefined} upload
 */
function roleText(role, upload) {
  if (upload && !role.peer) {
    const kind = t(role.kind === 'leaf' && role.self_signed_leaf ? 'role.selfSignedLeaf' : `role.${role.kind}`);
    return `${kind}${role.node ? ` (${t('role.node', { node: role.node })})` : ''} — ${upload.text}`;
  }
  const kind = t(role.kind === 'leaf' && role.self_signed_leaf ? 'role.selfSignedLeaf' : `role.${role.kind}`);
  if (role.peer) return `${kind} — ${t(role.peer.kind === 'cucm' ? 'role.peerCucm' : 'role.peerGadget', { host: role.peer.host })}`;
  const store = role.store === 'none' ? t('role.noStore') : role.store === 'not-used' ? t('role.notUsed') : t('role.uploadAs', { store: role.store });
  return `${kind} — ${store}${role.node ? ` (${t('role.node', { node: role.node })})` : ''}`;
}

/** @param {import('./report-types.js').CertificateInfo} c @param {Item} item */
function certificateDetails(c, item) {
  const kindNote = c.self_signed ? t('signing.self-signed') : (c.basic_constraints && c.basic_constraints.ca ? 'CA' : '');
  const constraints = c.basic_constraints
    ? `CA: ${c.basic_constraints.ca}${c.basic_constraints.path_len != null ? `, ${t('card.pathLen', { n: c.basic_constraints.path_len })}` : ''}`
    : '';
  return [
    detail(t('card.subject'), c.subject),
    detail(t('card.issuer'), c.issuer),
    timeDetail(t('card.valid'), c.validity.not_before, c.validity.not_after),
    detail(t('card.sanDns'), c.san.dns),
    detail(t('card.sanIp'), c.san.ip),
    detail(t('card.sanEmail'), c.san.email),
    detail(t('card.sanUri'), c.san.uri),
    detail(t('card.sanOther'), c.san.other),
    detail(t('card.key'), c.public_key.summary),
    detail(t('card.signature'), c.signature_algorithm),
    detail(t('card.serial'), c.serial),
    detail(t('card.type'), kindNote),
    detail(t('card.role'), item.role ? roleText(item.role, item.upload) : ''),
    detail(t('card.keyUsage'), c.key_usage),
    detail(t('card.eku'), c.extended_key_usage),
    detail(t('card.basicConstraints'), constraints),
    detail(t('card.ski'), c.subject_key_id),
    detail(t('card.aki'), c.authority_key_id),
    detail(t('card.extensions'), c.extensions.map((e) => `${e.name}${e.critical ? ` (${t('card.critical')})` : ''}`)),
    detail(t('card.sha256'), c.fingerprints.sha256),
    detail(t('card.sha1'), c.fingerprints.sha1),
  ].flat();
}

/** @param {import('./report-types.js').CsrInfo} c */
function csrDetails(c) {
  const signature = c.signature_valid ? t('card.signatureValid') : t('card.signatureInvalid', { problem: c.signature_problem });
  return [
    detail(t('card.subject'), c.subject),
    detail(t('card.requestedDns'), c.san.dns),
    detail(t('card.requestedIp'), c.san.ip),
    detail(t('card.key'), c.public_key.summary),
    detail(t('card.signature'), `${c.signature_algorithm} — ${signature}`),
  ].flat();
}

/**
 * The card of one item. A PKCS#12 file that needs a password gets a form; `onPassword` is called
 * with the file's name and the password typed (kept in memory for this check only).
 * @param {Item} item
 * @param {(source: string, password: string) => void} onPassword
 */
export function renderItem(item, onPassword) {
  const origin = t(item.origin.position ? 'origin.position' : 'origin.block', item.origin);
  const card = el('article', { class: `card kind-${item.kind}`, 'data-kind': item.kind });
  // The kind already says CSR: "Certificate request (CSR) uccx1…", not "… (CSR) CSR uccx1…".
  card.append(el('h4', {}, el('span', { class: 'kind', text: t(`kind.${item.kind}`) }), ' ', el('span', { class: 'card-title', text: item.kind === 'csr' ? item.label.replace(/^CSR /, '') : item.label })));
  if (item.role) card.append(el('p', { class: 'card-role', text: roleText(item.role, item.upload) }));
  const details = el('dl');
  let form = null;
  if (item.certificate) {
    details.append(...certificateDetails(item.certificate, item));
  } else if (item.csr) {
    details.append(...csrDetails(item.csr));
  } else if (item.kind === 'private-key') {
    details.append(...detail(t('card.form'), item.key_form), ...detail(t('card.shown'), t('card.keyNotShown')));
  } else if (item.kind === 'pkcs12') {
    const p12 = item.pkcs12 || { state: 'damaged', detail: '' };
    if (p12.state === 'opened') {
      details.append(...detail(t('card.opened'), t('card.p12Opened', { certificates: p12.certificates, keys: p12.keys })));
    } else if (p12.state === 'password-needed' || p12.state === 'wrong-password') {
      details.append(...detail(t('card.content'), p12.state === 'wrong-password' ? t('card.p12Wrong') : t('card.p12Locked')));
      form = passwordForm(item, onPassword);
    } else {
      details.append(...detail(t('card.problem'), p12.detail || ''));
    }
  } else if (item.error) {
    details.append(...detail(t('card.problem'), item.error));
  }
  details.append(...detail(t('card.from'), origin));
  if (item.duplicate_of != null) details.append(...detail(t('card.duplicateOf'), t('item.number', { n: item.duplicate_of + 1 })));
  // Details fold away; what needs the user's attention (a password field) stays outside.
  card.append(el('details', { class: 'card-details', open: item.kind === 'garbage' || item.kind === 'pkcs12' }, el('summary', { text: t('card.details') }), details));
  if (form) card.append(form);
  return card;
}

/**
 * A password field for a PKCS#12 file: used in memory for this check only, never stored or sent.
 * @param {Item} item
 * @param {(source: string, password: string) => void} onPassword
 */
function passwordForm(item, onPassword) {
  const id = `pw-${item.index}`;
  const form = el('form', { class: 'p12-password', 'data-source': item.origin.source, autocomplete: 'off' },
    el('label', { for: id, text: t('p12.password', { file: item.origin.source }) }),
    el('input', { id, type: 'password', autocomplete: 'off', spellcheck: 'false' }),
    el('button', { type: 'submit', text: t('p12.open') }),
    el('p', { class: 'hint', text: t('p12.hint') }),
  );
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    const input = /** @type {HTMLInputElement} */ (form.querySelector('input'));
    onPassword(item.origin.source, input.value);
  });
  return form;
}
