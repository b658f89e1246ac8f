//! The renewal dates as an iCalendar file (RFC 5545) that Outlook and Google Calendar import: one
//! all-day event per renewal date (the nodes and stores renewed that day), with reminders a week
//! and a day before. Deterministic given the report: DTSTAMP is the check date, and each UID comes
//! from the date and the certificates renewed, so importing a later check's file updates the
//! same events instead of adding copies. Certificate fields are hostile: every text value is
//! escaped ([`text`]) and every line folded at 75 octets ([`fold`]).

use sha2::{Digest, Sha256};

use crate::advice::renewals::{by_date, store_on, Renewal};
use crate::dates;
use crate::i18n::{fill, phrase};
use crate::report::Report;

/// The reminders before each event: the week before and the day before, at 09:00 (an all-day
/// event starts at midnight).
pub const REMINDERS: [&str; 2] = ["-P6DT15H", "-PT15H"];

/// Escape a TEXT value (RFC 5545 §3.3.11): backslash, semicolon, comma and line breaks; other
/// control characters, which TEXT may not hold, become U+FFFD.
pub fn text(value: &str) -> String {
    let mut out = String::with_capacity(value.len());
    for c in value.chars() {
        match c {
            '\\' | ';' | ',' => {
                out.push('\\');
                out.push(c);
            }
            '\n' => out.push_str("\\n"),
            '\r' => {}
            c if c.is_control() => out.push('\u{FFFD}'),
            c => out.push(c),
        }
    }
    out
}

/// One content line, folded (RFC 5545 §3.1): at most 75 octets a line, never inside a UTF-8
/// character, each continuation starting with a space; CRLF after each.
pub fn fold(line: &str) -> String {
    let mut out = String::with_capacity(line.len() + line.len() / 70 * 3 + 2);
    let mut width = 0;
    for c in line.chars() {
        if width + c.len_utf8() > 75 {
            out.push_str("\r\n ");
            width = 1;
        }
        out.push(c);
        width += c.len_utf8();
    }
    out.push_str("\r\n");
    out
}

/// `2026-11-25T09:00:00Z` → `20261125T090000Z` (a UTC DATE-TIME).
fn date_time(unix: i64) -> String {
    dates::rfc3339(unix).chars().filter(|c| *c != '-' && *c != ':').collect()
}

/// `20261125` (a DATE).
fn date(unix: i64) -> String {
    dates::date(unix).chars().filter(|c| *c != '-').collect()
}

/// The renewals as an iCalendar file; empty when no node presents a certificate (a calendar
/// holds at least one component).
pub fn render(report: &Report) -> String {
    if report.renewals.is_empty() {
        return String::new();
    }
    let lang = report.lang;
    let mut out = String::new();
    let mut line = |text: &str| out.push_str(&fold(text));
    line("BEGIN:VCALENDAR");
    line("VERSION:2.0");
    line(&format!("PRODID:-//certcheck//certcheck {}//EN", report.tool_version));
    line("CALSCALE:GREGORIAN");
    line("METHOD:PUBLISH");
    let stamp = date_time(report.context.at);
    for (day, renewals) in by_date(&report.renewals) {
        let places: Vec<String> = renewals
            .iter()
            .map(|renewal| fill(phrase("upload.store_on", lang), &store_on(renewal)))
            .collect();
        let summary = fill(
            phrase("renewals.event", lang),
            &[("places", places.join(phrase("text.list_join", lang)))],
        );
        let mut description: Vec<String> =
            renewals.iter().map(|renewal| renewal.text.clone()).collect();
        description.push(fill(
            phrase("renewals.event_from", lang),
            &[("version", report.tool_version.to_string()), ("date", report.check_date.clone())],
        ));
        line("BEGIN:VEVENT");
        line(&format!("UID:{}-{}@certcheck", date(day), uid_digest(report, &renewals)));
        line(&format!("DTSTAMP:{stamp}"));
        line(&format!("DTSTART;VALUE=DATE:{}", date(day)));
        line(&format!("DTEND;VALUE=DATE:{}", date(day + 86_400)));
        line(&format!("SUMMARY:{}", text(&summary)));
        line(&format!("DESCRIPTION:{}", text(&description.join("\n"))));
        line("TRANSP:TRANSPARENT");
        for trigger in REMINDERS {
            line("BEGIN:VALARM");
            line("ACTION:DISPLAY");
            line(&format!("TRIGGER:{trigger}"));
            line(&format!("DESCRIPTION:{}", text(&summary)));
            line("END:VALARM");
        }
        line("END:VEVENT");
    }
    line("END:VCALENDAR");
    out
}

/// What identifies an event besides its date: the nodes, stores and certificates renewed.
fn uid_digest(report: &Report, renewals: &[&Renewal]) -> String {
    let mut hash = Sha256::new();
    for renewal in renewals {
        let fingerprint = report
            .items
            .get(renewal.item)
            .and_then(|item| item.certificate.as_ref())
            .map_or("", |certificate| certificate.fingerprints.sha256.as_str());
        for part in [renewal.node.as_str(), renewal.store.as_str(), fingerprint] {
            hash.update(part.as_bytes());
            hash.update([0]);
        }
    }
    hash.finalize().iter().take(8).map(|byte| format!("{byte:02x}")).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn text_values_are_escaped() {
        assert_eq!(text("a\\b;c,d\r\ne\u{1b}"), "a\\\\b\\;c\\,d\\ne\u{FFFD}");
    }

    #[test]
    fn long_lines_fold_at_75_octets_between_characters() {
        let line = format!("SUMMARY:{}", "証明書".repeat(20));
        let folded = fold(&line);
        assert!(folded.ends_with("\r\n"));
        for part in folded.trim_end_matches("\r\n").split("\r\n") {
            assert!(part.len() <= 75, "{part:?} is {} octets", part.len());
        }
        assert_eq!(folded.replace("\r\n ", "").trim_end(), line);
    }
}
