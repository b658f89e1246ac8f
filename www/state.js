// The page's one mutable state. Only app.js, inputs.js and context.js change it; renderers read it.

// `expected`: the fingerprints the agent's link carries (store|node → hex), never certificates;
// `outcomes`: what the helpdesk's check expects on each row (endpoint|node → outcome, browsers).
// `live`: a dropped `certcheck probe` result (what the servers present now), memory only.
// `exports`: the current report's Markdown and CSV, which the worker sends after the report.
/** @type {{inputs: import('./report-types.js').PageInput[], pasteCount: number, downloads: Map<string, () => string>, view: string, report: import('./report-types.js').Report | null, run: number, expected: Map<string, string>, outcomes: Map<string, {outcome: string, letters: string}>, linkIgnored: number, live: {name: string, report: import('./report-types.js').ProbeReport} | null, exports: Promise<import('./report-types.js').Exports | null>}} */
export const state = { inputs: [], pasteCount: 0, downloads: new Map(), view: '', report: null, run: 0, expected: new Map(), outcomes: new Map(), linkIgnored: 0, live: null, exports: Promise.resolve(null) };
