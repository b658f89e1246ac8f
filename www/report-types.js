// The types the page works with, for the type check in `npm test` (tsc --checkJs); nothing here
// runs. The report's shape is declared once, beside the Rust types that produce it, in
// crate/src/report/report.d.ts; the page's own messages to and from the worker are below.

/** @typedef {import('../crate/src/report/report').Report} Report */
/** @typedef {import('../crate/src/report/report').Item} Item */
/** @typedef {import('../crate/src/report/report').Finding} Finding */
/** @typedef {import('../crate/src/report/report').Role} Role */
/** @typedef {import('../crate/src/report/report').CertificateInfo} CertificateInfo */
/** @typedef {import('../crate/src/report/report').CsrInfo} CsrInfo */
/** @typedef {import('../crate/src/report/report').ContextInput} ContextInput */
/** @typedef {import('../crate/src/report/report').ProbeReport} ProbeReport */
/** @typedef {import('../crate/src/report/report').Exports} Exports */
/** @typedef {import('../crate/src/report/report').ProbeTarget} ProbeTarget */
/** @typedef {import('../crate/src/report/report').ProbePresented} ProbePresented */

/**
 * One input sent to the checker: a dropped file (bytes) or pasted text, with the PKCS#12 password
 * the user typed for it (memory only).
 * @typedef {{name: string, bytes?: Uint8Array, text?: string, password?: string}} PageInput
 */

/** `verify: 'wasm'` skips WebCrypto: every signature is verified by the core (the tests run both).
 * @typedef {{context: ContextInput, lang: string, exports: boolean, verify?: string}} CheckOptions */

/**
 * The worker's answer: a report, or an error (`trap` when the core panicked and the worker was
 * replaced).
 * `exports`: the report's Markdown and CSV, sent after it (null if the worker stopped first).
 * @typedef {{report?: Report, exports?: Promise<Exports | null>, error?: string, trap?: boolean, ready?: boolean}} CheckResult
 */

export {};
