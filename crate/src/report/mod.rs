//! The one entry point shared by the page and the CLI: inputs and context in, a serde [`Report`] out.

pub mod csv;
pub mod ics;
pub mod markdown;
pub mod sources;
pub mod text;
pub mod verdicts;

use serde::Serialize;

use crate::advice::checklist::{self, Checklist};
use crate::advice::ecdsa_table::{self, EcdsaVerdict};
use crate::advice::integrations::{self, Integration};
use crate::advice::renewals::{self, Renewal};
use crate::advice::tls::{self, TlsAdvice};
use crate::advice::upload_plan::{self, UploadPlan};
use crate::analysis::{Analysis, Item, ItemKind, Pending};
use crate::chain::Chain;
use crate::dates;
use crate::deployment::{Context, ContextInput, ContextProblem};
use crate::i18n::{self, Lang};
use crate::input::{ingest, Input};
use crate::rules::finding::{needs_met, render, Finding};
use crate::rules::{Needs, Severity, RULES};
use crate::x509::verify::Request;

/// Counts for the summary line.
#[derive(Clone, Debug, Default, Serialize)]
pub struct Summary {
    /// Error findings.
    pub errors: usize,
    /// Warning findings.
    pub warnings: usize,
    /// Info findings.
    pub infos: usize,
    /// Unique certificates read.
    pub certificates: usize,
    /// CSRs read.
    pub csrs: usize,
    /// Items that could not be read.
    pub unreadable: usize,
}

/// The whole result of one check.
#[derive(Clone, Debug, Serialize)]
pub struct Report {
    /// certcheck's version.
    pub tool_version: &'static str,
    /// Language of the messages.
    pub lang: Lang,
    /// The check date (RFC 3339).
    pub check_date: String,
    /// The context used.
    pub context: Context,
    /// Context fields that could not be understood.
    pub context_problems: Vec<ContextProblem>,
    /// Every object found.
    pub items: Vec<Item>,
    /// Every finding, errors first.
    pub findings: Vec<Finding>,
    /// Counts.
    pub summary: Summary,
    /// Rules that did not run for want of context, with what they need.
    pub skipped_rules: Vec<SkippedRule>,
    /// The chains built from the certificates (item indices).
    pub chains: Vec<Chain>,
    /// The upload plan, per node.
    pub upload_plan: UploadPlan,
    /// One line first: errors to fix before upload, URLs agents must accept.
    pub overview: String,
    /// Then one line per certificate and CSR: its worst problems and what to do, the worst first.
    pub verdicts: Vec<verdicts::Verdict>,
    /// The per-port acceptance checklist.
    pub checklist: Checklist,
    /// The ECDSA compatibility verdict.
    pub ecdsa_verdict: EcdsaVerdict,
    /// Which certificates go into which other server's tomcat-trust.
    pub integrations: Vec<Integration>,
    /// TLS versions for the release.
    pub tls: TlsAdvice,
    /// The renewal calendar: per node and store, the presented certificate over time.
    pub renewals: Vec<Renewal>,
    /// Which sections have something to show: decided here once, read by every renderer.
    pub shown: Shown,
    /// Every `cite` of the report (the seed file and section, for machines) and how people see
    /// it: the document's title and the section heading (see [`sources`]).
    pub sources: std::collections::BTreeMap<String, String>,
    /// The report as Markdown and the checklist as CSV, when asked for (the page's exports).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub exports: Option<Exports>,
}

/// Ready-made exports of a report (the page's downloads; the wasm layer attaches them).
#[derive(Clone, Debug, Serialize)]
pub struct Exports {
    /// The report as Markdown (for a ticket).
    pub markdown: String,
    /// The checklist as CSV.
    pub csv: String,
    /// The renewal dates as an iCalendar file (RFC 5545).
    pub ics: String,
}

impl Exports {
    /// Every export of `report`.
    pub fn of(report: &Report) -> Exports {
        Exports {
            markdown: markdown::render(report),
            csv: csv::render(report),
            ics: ics::render(report),
        }
    }
}

/// Which report sections have something to say. The page, the CLI text and the Markdown all read
/// these flags instead of deciding for themselves.
#[derive(Clone, Copy, Debug, Default, Serialize)]
pub struct Shown {
    /// The chains (at least one certificate chain was built).
    pub chains: bool,
    /// The upload plan (at least one node has steps).
    pub upload_plan: bool,
    /// The checklist rows; when false, `checklist.empty_reason` says why.
    pub checklist: bool,
    /// The ECDSA section: a server verdict, the table for a release with tomcat-ECDSA, or why the
    /// table does not apply.
    pub ecdsa: bool,
    /// The integrations: only with a product or nodes given (without them every row is generic).
    pub integrations: bool,
    /// The TLS section: the release is in the seed's table, or there are notes for it.
    pub tls: bool,
    /// The renewal calendar: at least one node presents a certificate.
    pub renewals: bool,
}

impl Shown {
    fn decide(report: &Report) -> Shown {
        let context = &report.context;
        let verdict = &report.ecdsa_verdict;
        Shown {
            chains: !report.chains.is_empty(),
            upload_plan: !report.upload_plan.nodes.is_empty(),
            checklist: !report.checklist.rows.is_empty(),
            ecdsa: !verdict.servers.is_empty()
                || verdict.reason.is_some()
                || (verdict.applicable && context.release.is_some()),
            integrations: !report.integrations.is_empty()
                && (context.product.is_some() || !context.nodes.is_empty()),
            tls: report.tls.documented || !report.tls.notes.is_empty(),
            renewals: !report.renewals.is_empty(),
        }
    }
}

/// A rule that needs context that was not given.
#[derive(Clone, Debug, Serialize)]
pub struct SkippedRule {
    /// Rule id.
    pub id: &'static str,
    /// What it needs.
    pub needs: Needs,
}

/// Check `inputs` in `context`; `today` is the caller's clock in Unix seconds (used when the
/// context has no date).
#[cfg(all(feature = "verifiers", feature = "pkcs12"))]
pub fn check(inputs: &[Input], context: &ContextInput, today: i64, lang: Lang) -> Report {
    let prepared = prepare(inputs, context, today, lang);
    // Never undecided here: this build verifies every signature and opens PKCS#12 itself.
    report(prepared.pending.finish(&[]), prepared.context_problems, lang)
}

/// A check whose signatures between certificates are not verified yet, so that a platform
/// verifier (the browser's WebCrypto, much faster than the pure-Rust code in wasm) can check
/// them first: [`Prepared::requests`], then [`Prepared::finish`] with the numbers of those it
/// accepted. Whatever it did not accept is verified by the core, so the report is the same.
pub struct Prepared {
    pending: Pending,
    context_problems: Vec<ContextProblem>,
    lang: Lang,
}

/// Parse `inputs` in `context` (see [`Prepared`]).
pub fn prepare(inputs: &[Input], context: &ContextInput, today: i64, lang: Lang) -> Prepared {
    let (context, context_problems) = context.resolve(today);
    Prepared { pending: Analysis::pending(ingest(inputs), context, lang), context_problems, lang }
}

impl Prepared {
    /// The signatures a platform verifier may check first, numbered.
    pub fn requests(&self) -> Vec<(usize, Request)> {
        self.pending.requests()
    }

    /// The report, with the signatures numbered in `accepted` taken as verified. None from a
    /// build without the verifiers or PKCS#12 decryption when what it cannot do was needed
    /// ([`Analysis::undecided`]): the full module makes that report. A full build always gives one.
    pub fn finish(self, accepted: &[usize]) -> Option<Report> {
        let analysis = self.pending.finish(accepted);
        (!analysis.undecided).then(|| report(analysis, self.context_problems, self.lang))
    }
}

// The stages of a check (this one, `Analysis::pending`/`finish`, the chain, end-state and advice
// builders) are kept out of each other (`#[inline(never)]`): inlined into the one exported
// function, they made a 66 KB wasm function that V8 tiers up in the background for hundreds of
// milliseconds, and a drop arriving before that ran in baseline code, twice as slow (a 1 000
// pile took ~0.6 s in a quarter of the runs, ~0.3 s in the rest; split: 0.29-0.32 s every time).
#[inline(never)]
fn report(analysis: Analysis, context_problems: Vec<ContextProblem>, lang: Lang) -> Report {
    let mut findings = Vec::new();
    let mut skipped_rules = Vec::new();
    for rule in RULES {
        if !needs_met(rule, &analysis.context) {
            skipped_rules.push(SkippedRule { id: rule.id, needs: rule.needs });
            continue;
        }
        for hit in (rule.check)(&analysis) {
            findings.push(render(rule, &hit, &analysis, lang));
        }
    }
    // Errors first; within a severity, catalog order then item order (stable sort).
    crate::order::sort_by_key(&mut findings, |finding| finding.severity);
    let mut summary = Summary {
        certificates: analysis.certificates.len(),
        csrs: analysis.csrs.len(),
        unreadable: analysis.items.iter().filter(|item| item.kind == ItemKind::Garbage).count(),
        ..Summary::default()
    };
    for finding in &findings {
        match finding.severity {
            Severity::Error => summary.errors += 1,
            Severity::Warning => summary.warnings += 1,
            Severity::Info => summary.infos += 1,
        }
    }
    let mut upload_plan = upload_plan::build(&analysis, lang);
    upload_plan::block_errors(&mut upload_plan, &findings, lang);
    let uploads = upload_plan::item_uploads(&analysis, &upload_plan, lang);
    let checklist = checklist::build(&analysis, &findings, lang);
    let ecdsa_verdict = ecdsa_table::build(&analysis, lang);
    let integrations = integrations::build(&analysis, lang);
    let tls = tls::advise(&analysis.context, lang);
    let renewals = renewals::build(&analysis, lang);
    let not_uploaded = findings
        .iter()
        .filter(|finding| finding.severity == Severity::Error)
        .filter(|finding| {
            finding.item.is_some_and(|item| !analysis_uploads(&analysis, &upload_plan, item))
        })
        .count();
    let overview = overview(&summary, not_uploaded, &checklist, lang);
    let mut analysis = analysis;
    for (item, upload) in uploads {
        if let Some(entry) = analysis.items.get_mut(item) {
            entry.upload = Some(upload);
        }
    }
    let verdicts = verdicts::build(&analysis, &findings, lang);
    let mut report = Report {
        overview,
        verdicts,
        checklist,
        ecdsa_verdict,
        integrations,
        tls,
        renewals,
        exports: None,
        tool_version: env!("CARGO_PKG_VERSION"),
        upload_plan,
        chains: analysis.chains.chains,
        lang,
        check_date: dates::rfc3339(analysis.context.at),
        context_problems,
        findings,
        summary,
        skipped_rules,
        items: analysis.items,
        context: analysis.context,
        shown: Shown::default(),
        sources: Default::default(),
    };
    report.shown = Shown::decide(&report);
    report.sources = sources::collect(
        report
            .findings
            .iter()
            .map(|finding| finding.cite.as_str())
            .chain(
                report
                    .upload_plan
                    .nodes
                    .iter()
                    .flat_map(|node| node.steps.iter().map(|step| step.cite)),
            )
            .chain(report.checklist.rows.iter().map(|row| row.cite))
            .chain([report.ecdsa_verdict.cite, report.tls.cite])
            .chain(report.integrations.iter().map(|integration| integration.cite))
            .chain(report.renewals.iter().map(|renewal| renewal.cite)),
    );
    report
}

/// Whether the plan (or a CSR, a node's certificate) concerns `item`: false for a certificate the
/// plan leaves out — another server's, a replaced one, one the release does not use.
fn analysis_uploads(analysis: &Analysis, plan: &UploadPlan, item: usize) -> bool {
    let Some((_, role)) = analysis.certificate_with_role(item) else { return true };
    let end_state = &analysis.end_state;
    let left_out = end_state.other_servers.contains(&item)
        || end_state.presented.iter().any(|entry| entry.superseded.contains(&item))
        || role.store == crate::deployment::roles::Store::NotUsed;
    !left_out || plan.nodes.iter().flat_map(|node| &node.steps).any(|step| step.item == Some(item))
}

/// A label and its text: "Fix: …", but "修正方式：…" (a full-width colon carries its own space).
pub fn labelled(label: &str, text: &str) -> String {
    if label.ends_with('：') {
        format!("{label}{text}")
    } else {
        format!("{label} {text}")
    }
}

impl Report {
    /// How people see a citation: the document's title and section (never the seed file).
    pub fn source(&self, cite: &str) -> String {
        self.sources.get(cite).cloned().unwrap_or_else(|| sources::display(cite))
    }
}

/// "2 errors to fix before upload; agents must accept 5 URLs."
fn overview(summary: &Summary, not_uploaded: usize, checklist: &Checklist, lang: Lang) -> String {
    let phrase = |key: &str, count: usize| {
        i18n::fill(i18n::phrase(key, lang), &[("count", count.to_string())])
    };
    // Errors on certificates the plan does not upload (other servers', replaced, unused ones) are
    // not "to fix before upload": they are counted apart, so the line agrees with the plan.
    let mut parts = vec![match summary.errors - not_uploaded {
        0 => phrase("overview.no_errors", 0),
        1 => phrase("overview.one_error", 1),
        count => phrase("overview.errors", count),
    }];
    if not_uploaded > 0 {
        parts.push(phrase("overview.not_uploaded_errors", not_uploaded));
    }
    if summary.warnings > 0 {
        parts.push(phrase(
            if summary.warnings == 1 { "overview.one_warning" } else { "overview.warnings" },
            summary.warnings,
        ));
    }
    let agent_fails = {
        let mut urls: Vec<&str> = checklist
            .rows
            .iter()
            .filter(|row| {
                row.outcome == checklist::Outcome::Fails
                    && row.audiences.contains(&checklist::Audience::Agent)
            })
            .map(|row| row.url.as_str())
            .collect();
        urls.dedup();
        urls.len()
    };
    if agent_fails > 0 {
        parts.push(phrase(
            if agent_fails == 1 { "overview.one_fail" } else { "overview.fails" },
            agent_fails,
        ));
    }
    if !checklist.rows.is_empty() {
        parts.push(match checklist.agent_accepts {
            0 => phrase("overview.no_accepts", 0),
            1 => phrase("overview.one_accept", 1),
            count => phrase("overview.accepts", count),
        });
    }
    // Each language's own separator: "; " in en/pt-BR, "。" in ja, "；" in zh-TW.
    let separator = i18n::phrase("overview.separator", lang);
    i18n::fill(i18n::phrase("overview.join", lang), &[("parts", parts.join(separator))])
}
