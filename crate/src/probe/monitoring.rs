//! The probe for monitoring systems, rendered from the same [`ProbeReport`] as the JSON and the
//! text: the Monitoring Plugins output (a status line with performance data, then one line per URL;
//! the status is the exit code) and the Prometheus text exposition format (for the node exporter's
//! textfile collector).
//!
//! What a URL's status is follows from what the probe already judged: reachable or not, and its
//! findings (`probe.expires_within` for `--warn-days`, `probe.expires_critical` for `--crit-days`,
//! `validity.expired`, `probe.not_planned`, …). Every field a server sent is hostile: each Nagios
//! line stays one line with no pipe ([`inert`]), and Prometheus label values are escaped
//! ([`label_value`]).

use super::{Presented, ProbeReport, TargetReport};
use crate::dates;
use crate::i18n::{fill, phrase, Lang};
use crate::rules::Severity;

/// A Monitoring Plugins status; [`Status::code`] is the plugin's exit code.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum Status {
    /// Every URL reachable, no error or warning finding.
    Ok,
    /// A warning finding (a certificate within `--warn-days`, …).
    Warning,
    /// A URL unreachable, or an error finding (expired, within `--crit-days`, not the planned
    /// certificate, the wrong name, an incomplete chain, …).
    Critical,
    /// Nothing could be judged: a usage or I/O error, or no URL to probe.
    Unknown,
}

impl Status {
    /// The exit code: 0, 1, 2, 3.
    pub fn code(self) -> u8 {
        match self {
            Status::Ok => 0,
            Status::Warning => 1,
            Status::Critical => 2,
            Status::Unknown => 3,
        }
    }

    /// The status word as the Monitoring Plugins spell it (never translated).
    pub fn as_str(self) -> &'static str {
        match self {
            Status::Ok => "OK",
            Status::Warning => "WARNING",
            Status::Critical => "CRITICAL",
            Status::Unknown => "UNKNOWN",
        }
    }
}

/// The service name that starts the status line.
const SERVICE: &str = "CERTCHECK";

/// One URL's status: CRITICAL when unreachable or with an error finding, WARNING with a warning
/// finding, OK otherwise (info findings do not count).
pub fn status(target: &TargetReport) -> Status {
    if !target.reachable {
        return Status::Critical;
    }
    let worst = target.findings.iter().map(|finding| finding.severity).min();
    match worst {
        Some(Severity::Error) => Status::Critical,
        Some(Severity::Warning) => Status::Warning,
        Some(Severity::Info) | None => Status::Ok,
    }
}

/// The probe's status: the worst URL's; UNKNOWN when there was no URL to probe.
pub fn overall(report: &ProbeReport) -> Status {
    report.targets.iter().map(status).max().unwrap_or(Status::Unknown)
}

/// The Monitoring Plugins output: `CERTCHECK STATUS - summary | perfdata`, then one line per URL
/// (`STATUS URL - what decided it`), in the report's language except the status words.
///
/// Performance data, after the Monitoring Plugins development guidelines (quoted labels, `=`,
/// `;warn;crit;min;max`, thresholds in their range format): `'days_left'` the fewest whole days
/// left over every certificate sent, `'days_left_<host>_<port>'` the same per host and port (none
/// for one that sent no certificate), both with the warning threshold `W:` and the critical one
/// `C:` (alert below; `0:` without `--crit-days`: an expired certificate), and `'urls_failing'`
/// the URLs CRITICAL (critical above 0, out of all).
pub fn nagios(report: &ProbeReport) -> String {
    let lang = report.lang;
    let worst = overall(report);
    if report.targets.is_empty() {
        return unknown(phrase("probe.no_targets", lang));
    }
    let count = |wanted: Status| report.targets.iter().filter(|t| status_is(t, wanted)).count();
    let counts = [
        ("targets", report.targets.len().to_string()),
        ("critical", count(Status::Critical).to_string()),
        ("warning", count(Status::Warning).to_string()),
    ];
    let fewest = report
        .targets
        .iter()
        .filter_map(|target| target.days_left.map(|days| (days, target)))
        .min_by_key(|(days, _)| *days);
    let summary = match fewest {
        Some((days, target)) => fill(
            phrase("monitoring.summary", lang),
            &[counts.as_slice(), &[("days", days.to_string()), ("url", target.url.clone())]]
                .concat(),
        ),
        None => fill(phrase("monitoring.summary_no_days", lang), &counts),
    };
    let mut out = format!(
        "{SERVICE} {} - {} | {}\n",
        worst.as_str(),
        inert(&summary),
        perfdata(report, fewest.map(|(days, _)| days))
    );
    for target in &report.targets {
        out.push_str(&format!(
            "{} {} - {}\n",
            status(target).as_str(),
            inert(&target.url),
            inert(&detail(target, lang))
        ));
    }
    out
}

/// The status line of a run that could not judge anything (a usage or I/O error).
pub fn unknown(message: &str) -> String {
    format!("{SERVICE} UNKNOWN - {}\n", inert(message))
}

fn status_is(target: &TargetReport, wanted: Status) -> bool {
    status(target) == wanted
}

/// What decided a URL's status: why it is unreachable, its first error or warning finding (and how
/// many more there are), or how long until the first certificate it sends expires.
fn detail(target: &TargetReport, lang: Lang) -> String {
    if !target.reachable {
        let error = target.error.clone().unwrap_or_default();
        return fill(phrase("probe.unreachable", lang), &[("error", error)]);
    }
    // The findings are sorted errors first.
    let counted: Vec<&str> = target
        .findings
        .iter()
        .filter(|finding| finding.severity != Severity::Info)
        .map(|finding| finding.message.as_str())
        .collect();
    if let Some((first, rest)) = counted.split_first() {
        if rest.is_empty() {
            return first.to_string();
        }
        let more = fill(phrase("monitoring.more", lang), &[("count", rest.len().to_string())]);
        return format!("{first}{}{more}", phrase("text.sentence_join", lang));
    }
    match (target.days_left, earliest(all_presented(target))) {
        (Some(days), Some(not_after)) => fill(
            phrase("monitoring.days_left", lang),
            &[("days", days.to_string()), ("date", dates::date(not_after))],
        ),
        _ => phrase("probe.plan_yes", lang).to_string(),
    }
}

fn all_presented(target: &TargetReport) -> impl Iterator<Item = &Presented> {
    [&target.presented.rsa, &target.presented.ecdsa].into_iter().flatten().flatten()
}

fn earliest<'a>(certificates: impl Iterator<Item = &'a Presented>) -> Option<i64> {
    certificates.map(|certificate| certificate.not_after).min()
}

fn perfdata(report: &ProbeReport, fewest: Option<i64>) -> String {
    let warn = format!("{}:", report.warn_days);
    let crit = format!("{}:", report.crit_days.unwrap_or(0));
    let mut fields = Vec::new();
    if let Some(days) = fewest {
        fields.push(format!("'days_left'={days};{warn};{crit}"));
    }
    // `:8445/` and `:8445/cfadmin` share one host and port, and one set of handshakes.
    let mut endpoints: Vec<(&str, u16)> = Vec::new();
    for target in &report.targets {
        let endpoint = (target.host.as_str(), target.port);
        if endpoints.contains(&endpoint) {
            continue;
        }
        endpoints.push(endpoint);
        if let Some(days) = target.days_left {
            let label = format!("days_left_{}_{}", label_part(&target.host), target.port);
            fields.push(format!("'{label}'={days};{warn};{crit}"));
        }
    }
    let failing = report.targets.iter().filter(|t| status_is(t, Status::Critical)).count();
    fields.push(format!("'urls_failing'={failing};;0;0;{}", report.targets.len()));
    fields.join(" ")
}

/// A host name as part of a performance data label: letters, digits, `.`, `-` and `_` kept, any
/// other character (a quote, `=`, a space, an IPv6 colon) as `_`.
fn label_part(host: &str) -> String {
    host.chars()
        .map(|c| if c.is_ascii_alphanumeric() || matches!(c, '.' | '-' | '_') { c } else { '_' })
        .collect()
}

/// Text made safe for one line of plugin output: control characters, line and paragraph
/// separators and bidirectional controls become U+FFFD (a server's field cannot start a line of its
/// own, nor reorder what is shown), and the pipe, which starts the performance data, becomes `¦`.
pub fn inert(text: &str) -> String {
    text.chars()
        .map(|c| match c {
            '|' => '¦',
            c if c.is_control() || is_invisible_control(c) => '\u{FFFD}',
            c => c,
        })
        .collect()
}

fn is_invisible_control(c: char) -> bool {
    matches!(
        c,
        '\u{061C}'
            | '\u{200E}'
            | '\u{200F}'
            | '\u{2028}'
            | '\u{2029}'
            | '\u{202A}'..='\u{202E}'
            | '\u{2066}'..='\u{2069}'
    )
}

/// The Prometheus text exposition format (version 0.0.4), one gauge family after another with its
/// HELP and TYPE lines, no timestamps (the node exporter's textfile collector refuses them):
///
/// - `certcheck_probe_success{url,node}`: 1 when a certificate was seen, 0 when unreachable;
/// - `certcheck_cert_not_after_seconds{url,node,store,sha256}`: the presented leaf's notAfter;
/// - `certcheck_chain_earliest_not_after_seconds{url,node,store}`: the earliest notAfter sent;
/// - `certcheck_cert_matches_plan{url,node,store}`: 1 when the leaf is the plan's, 0 when not
///   (none without a planned certificate to compare);
/// - `certcheck_findings{url,severity}`: findings by severity (error, warning, info);
/// - `certcheck_probe_duration_seconds{url}`: the URL's handshakes, added up.
///
/// A URL listed twice is written once (a series may appear once only).
pub fn prometheus(report: &ProbeReport) -> String {
    let mut targets: Vec<&TargetReport> = Vec::new();
    for target in &report.targets {
        if targets.iter().all(|seen| seen.url != target.url) {
            targets.push(target);
        }
    }
    let mut out = String::new();
    family(
        &mut out,
        "certcheck_probe_success",
        "Whether certcheck probe saw a certificate at the URL (1) or could not reach it (0).",
        targets.iter().map(|t| (url_node(t), u8::from(t.reachable).to_string())).collect(),
    );
    let by_store = |value: &dyn Fn(&super::StoreSeen) -> Option<String>, with_sha256: bool| {
        targets
            .iter()
            .flat_map(|target| {
                target.stores.iter().filter_map(move |seen| {
                    let mut labels = url_node(target);
                    labels.push(("store", seen.store.as_str().to_string()));
                    if with_sha256 {
                        labels.push(("sha256", seen.chain.first()?.sha256.clone()));
                    }
                    Some((labels, value(seen)?))
                })
            })
            .collect::<Vec<_>>()
    };
    family(
        &mut out,
        "certcheck_cert_not_after_seconds",
        "When the leaf certificate the URL presents for the store expires (notAfter), in Unix seconds.",
        by_store(&|seen| Some(seen.chain.first()?.not_after.to_string()), true),
    );
    family(
        &mut out,
        "certcheck_chain_earliest_not_after_seconds",
        "The earliest notAfter among the certificates the URL sends for the store, in Unix seconds.",
        by_store(&|seen| Some(earliest(seen.chain.iter())?.to_string()), false),
    );
    family(
        &mut out,
        "certcheck_cert_matches_plan",
        "Whether the URL presents the plan's certificate for its node and the store (1) or another (0).",
        by_store(&|seen| Some(u8::from(seen.matches_plan?).to_string()), false),
    );
    let severities = [Severity::Error, Severity::Warning, Severity::Info];
    family(
        &mut out,
        "certcheck_findings",
        "Findings about what the URL presents, by severity.",
        targets
            .iter()
            .flat_map(|target| {
                severities.iter().map(move |severity| {
                    let count = target.findings.iter().filter(|f| f.severity == *severity).count();
                    (
                        vec![
                            ("url", target.url.clone()),
                            ("severity", severity.as_str().to_string()),
                        ],
                        count.to_string(),
                    )
                })
            })
            .collect(),
    );
    family(
        &mut out,
        "certcheck_probe_duration_seconds",
        "How long the URL's TLS handshakes took (resolution, connection and handshake, added up), in seconds.",
        targets
            .iter()
            .map(|t| (vec![("url", t.url.clone())], format!("{:.3}", t.duration_seconds)))
            .collect(),
    );
    out
}

type Sample = (Vec<(&'static str, String)>, String);

fn url_node(target: &TargetReport) -> Vec<(&'static str, String)> {
    vec![("url", target.url.clone()), ("node", target.node.clone())]
}

/// One gauge family: HELP, TYPE, then its samples; nothing when it has none.
fn family(out: &mut String, name: &str, help: &str, samples: Vec<Sample>) {
    if samples.is_empty() {
        return;
    }
    out.push_str(&format!("# HELP {name} {help}\n# TYPE {name} gauge\n"));
    for (labels, value) in samples {
        let labels: Vec<String> = labels
            .iter()
            .map(|(label, text)| format!("{label}=\"{}\"", label_value(text)))
            .collect();
        out.push_str(&format!("{name}{{{}}} {value}\n", labels.join(",")));
    }
}

/// A label value as the exposition format requires: backslash, double quote and line feed
/// escaped; any other control character becomes U+FFFD (legal there, but no line-based reader
/// should meet a carriage return in the middle of a sample).
pub fn label_value(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '\\' => out.push_str("\\\\"),
            '"' => out.push_str("\\\""),
            '\n' => out.push_str("\\n"),
            c if c.is_control() => out.push('\u{FFFD}'),
            c => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn status_codes_and_words_follow_the_monitoring_plugins() {
        let all = [Status::Ok, Status::Warning, Status::Critical, Status::Unknown];
        let codes: Vec<u8> = all.iter().map(|status| status.code()).collect();
        assert_eq!(codes, [0, 1, 2, 3]);
        let words: Vec<&str> = all.iter().map(|status| status.as_str()).collect();
        assert_eq!(words, ["OK", "WARNING", "CRITICAL", "UNKNOWN"]);
        assert!(Status::Critical > Status::Warning && Status::Warning > Status::Ok);
    }

    #[test]
    fn plugin_text_stays_on_one_line_without_a_pipe() {
        let hostile =
            "CN=a\nCERTCHECK OK - fine | 'days_left'=999\r\u{1b}[2J\u{202e}txt.exe\u{2028}x";
        let text = inert(hostile);
        assert!(!text.contains(['\n', '\r', '|', '\u{1b}', '\u{202e}', '\u{2028}']), "{text}");
        assert!(text.contains("CN=a\u{FFFD}CERTCHECK OK - fine ¦ 'days_left'=999"), "{text}");
        assert_eq!(unknown("bad\nline").lines().count(), 1);
    }

    #[test]
    fn label_values_are_escaped_and_perfdata_labels_reduced() {
        assert_eq!(label_value("a\\b\"c\nd\re"), "a\\\\b\\\"c\\nd\u{FFFD}e");
        assert_eq!(label_value("https://h.example.com:8445/"), "https://h.example.com:8445/");
        assert_eq!(label_part("uccx1.example.com"), "uccx1.example.com");
        assert_eq!(label_part("::1"), "__1");
        assert_eq!(label_part("a'b=c d"), "a_b_c_d");
    }
}
