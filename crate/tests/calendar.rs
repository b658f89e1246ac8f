//! The renewal calendar on a deployment whose intermediate ends before a node's certificate and
//! whose two nodes renew a week apart (tests/fixtures/deployment/calendar), and its iCalendar file
//! parsed back against RFC 5545: the lines (CRLF, folded at 75 octets), the required properties of
//! VCALENDAR, VEVENT and VALARM, the value types, and the escaping of hostile text.

mod common;

use certcheck::advice::renewals::Status;
use certcheck::report::{ics, markdown};
use certcheck::{ContextInput, Lang, Report};

const FILES: [&str; 3] = [
    "deployment/calendar/ca-chain.pem",
    "deployment/calendar/uccx1-tomcat.pem",
    "deployment/calendar/uccx2-tomcat.pem",
];
/// 2026-10-01, before either renewal.
const OCTOBER: i64 = 1_790_812_800;
const DAY: i64 = 86_400;

fn context() -> ContextInput {
    ContextInput {
        product: "uccx".into(),
        version: "12.5(1)".into(),
        nodes: vec!["uccx1.example.com".into(), "uccx2.example.com".into()],
        ..ContextInput::default()
    }
}

fn report_at(at: i64, lang: Lang) -> Report {
    certcheck::check(&common::inputs(&FILES), &context(), at, lang)
}

fn unix(date: &str) -> i64 {
    certcheck::dates::parse(date).expect("date")
}

/// The item of the certificate read from `file`.
fn item(report: &Report, file: &str) -> usize {
    report
        .items
        .iter()
        .position(|item| item.origin.source.ends_with(file) && item.certificate.is_some())
        .unwrap_or_else(|| panic!("{file}"))
}

#[test]
fn the_intermediate_ends_uccx1s_chain_and_the_nodes_renew_a_week_apart() {
    let report = report_at(OCTOBER, Lang::En);
    assert!(report.shown.renewals);
    let [uccx1, uccx2] = &report.renewals[..] else { panic!("{:?}", report.renewals) };
    assert_eq!(
        (uccx1.node.as_str(), uccx2.node.as_str()),
        ("uccx1.example.com", "uccx2.example.com")
    );
    // uccx1's certificate ends 2027-02-16, but its intermediate on 2027-01-15: that ends the chain.
    assert_eq!(uccx1.not_after, unix("2027-02-16"));
    assert_eq!(uccx1.end, unix("2027-01-15"));
    let intermediate = uccx1.authorities[0].item;
    assert_eq!(uccx1.ends_first, intermediate);
    assert_eq!(uccx1.authorities.len(), 2, "the intermediate and the root");
    assert!(uccx1.text.contains("ends first, on 2027-01-15"), "{}", uccx1.text);
    // uccx2's own certificate ends first (2027-01-08).
    assert_eq!(uccx2.ends_first, item(&report, "uccx2-tomcat.pem"));
    assert_eq!(uccx2.end, unix("2027-01-08"));
    // The window is the rules' own: two thirds of the lifetime of the certificate that ends the
    // chain, 30 to 60 days (here 60); the date to plan is when it opens.
    for renewal in [uccx1, uccx2] {
        assert_eq!(renewal.window_days, 60);
        assert_eq!(renewal.soon_from, renewal.end - 60 * DAY);
        assert_eq!(renewal.renew_on, renewal.soon_from);
        assert_eq!(renewal.status, Status::Planned);
        // Issued after 2026-03-15: 200 days (CA/B Forum SC-081v3); so is the next one.
        assert_eq!((renewal.cap_days, renewal.next_cap_days), (Some(200), Some(200)));
        assert_eq!(report.source(renewal.cite), report.sources[renewal.cite]);
    }
    assert_eq!(uccx2.renew_on, unix("2026-11-09"));
    assert_eq!(uccx1.renew_on - uccx2.renew_on, 7 * DAY, "a week apart");
}

#[test]
fn in_the_window_it_is_due_today_and_once_ended_expired() {
    let report = report_at(unix("2026-11-25"), Lang::En);
    assert!(report.renewals.iter().all(|renewal| renewal.status == Status::Due));
    assert!(report.renewals.iter().all(|renewal| renewal.renew_on == unix("2026-11-25")));
    // The validity rule says the same: the certificate that ends the chain expires soon.
    let intermediate = report.renewals[0].ends_first;
    assert!(
        report
            .findings
            .iter()
            .any(|finding| finding.id == "validity.expires_soon"
                && finding.item == Some(intermediate))
    );
    let report = report_at(unix("2027-01-20T10:00:00Z"), Lang::En);
    assert!(report.renewals.iter().all(|renewal| renewal.status == Status::Expired));
    assert!(report.renewals.iter().all(|renewal| renewal.renew_on == unix("2027-01-20")));
}

#[test]
fn after_2027_03_15_the_next_certificate_is_capped_at_100_days() {
    // The public-CA cap of the certificate that replaces it: issued on the renewal date.
    let later = certcheck::check(
        &common::inputs(&["good/rsa/ca-chain.pem", "good/rsa/uccx1-tomcat.pem"]),
        &ContextInput { nodes: vec!["uccx1.example.com".into()], ..context() },
        OCTOBER,
        Lang::En,
    );
    // Issued 2026-01-01 (before the caps), renewed from 2027-10-02.
    assert_eq!(later.renewals[0].cap_days, None);
    assert_eq!(later.renewals[0].next_cap_days, Some(100));
}

/// One iCalendar component: its properties (name, parameters, raw value) and components.
#[derive(Debug, Default)]
struct Component {
    name: String,
    properties: Vec<(String, Vec<String>, String)>,
    children: Vec<Component>,
}

impl Component {
    fn all(&self, name: &str) -> Vec<&(String, Vec<String>, String)> {
        self.properties.iter().filter(|(key, _, _)| key == name).collect()
    }

    /// The one value of a property that must occur exactly once.
    fn once(&self, name: &str) -> &(String, Vec<String>, String) {
        let found = self.all(name);
        assert_eq!(found.len(), 1, "{} must have one {name}: {:?}", self.name, self.properties);
        found[0]
    }

    fn value(&self, name: &str) -> &str {
        &self.once(name).2
    }
}

/// Parse an iCalendar stream as RFC 5545 §3.1 says: CRLF line ends, lines of at most 75 octets
/// unfolded at CRLF + space, `name *(;param) : value`, components nested by BEGIN/END.
fn parse(ics: &str) -> Component {
    assert!(ics.ends_with("\r\n"), "the last line ends with CRLF");
    let physical: Vec<&str> = ics[..ics.len() - 2].split("\r\n").collect();
    let mut logical: Vec<String> = Vec::new();
    for line in physical {
        assert!(!line.contains(['\r', '\n']), "a bare CR or LF in {line:?}");
        assert!(line.len() <= 75, "{line:?} is {} octets", line.len());
        match line.strip_prefix([' ', '\t']) {
            Some(rest) => logical.last_mut().expect("a continuation after a line").push_str(rest),
            None => logical.push(line.to_string()),
        }
    }
    let mut stack: Vec<Component> = vec![Component::default()];
    for line in logical {
        let colon = line.find(':').unwrap_or_else(|| panic!("no ':' in {line:?}"));
        let (head, value) = (&line[..colon], line[colon + 1..].to_string());
        let mut parts = head.split(';');
        let name = parts.next().expect("name").to_ascii_uppercase();
        assert!(
            !name.is_empty() && name.chars().all(|c| c.is_ascii_alphanumeric() || c == '-'),
            "{name:?}"
        );
        let params: Vec<String> = parts.map(str::to_string).collect();
        match name.as_str() {
            "BEGIN" => stack.push(Component { name: value, ..Component::default() }),
            "END" => {
                let done = stack.pop().expect("BEGIN before END");
                assert_eq!(done.name, value, "END matches BEGIN");
                stack.last_mut().expect("a parent").children.push(done);
            }
            _ => stack.last_mut().expect("open").properties.push((name, params, value)),
        }
    }
    assert_eq!(stack.len(), 1, "every BEGIN has its END");
    let mut top = stack.pop().expect("top");
    assert!(top.properties.is_empty(), "nothing outside VCALENDAR");
    assert_eq!(top.children.len(), 1, "one VCALENDAR");
    top.children.pop().expect("VCALENDAR")
}

/// A TEXT value unescaped (RFC 5545 §3.3.11); an unescaped `;` or `,` would be a list separator.
fn unescape(value: &str) -> String {
    let mut out = String::new();
    let mut chars = value.chars();
    while let Some(c) = chars.next() {
        match c {
            '\\' => match chars.next() {
                Some('n' | 'N') => out.push('\n'),
                Some(escaped @ ('\\' | ';' | ',')) => out.push(escaped),
                other => panic!("bad escape \\{other:?} in {value:?}"),
            },
            ';' | ',' => panic!("unescaped {c:?} in {value:?}"),
            c => out.push(c),
        }
    }
    out
}

fn digits(text: &str, count: usize) -> bool {
    text.len() == count && text.bytes().all(|b| b.is_ascii_digit())
}

/// RFC 5545's required properties and value types; returns the events.
fn check_calendar(ics: &str) -> Vec<Component> {
    let calendar = parse(ics);
    assert_eq!(calendar.name, "VCALENDAR");
    assert_eq!(calendar.value("VERSION"), "2.0");
    assert!(!calendar.value("PRODID").is_empty());
    assert!(!calendar.children.is_empty(), "a calendar holds at least one component");
    let mut uids = std::collections::HashSet::new();
    for event in &calendar.children {
        assert_eq!(event.name, "VEVENT");
        assert!(uids.insert(event.value("UID").to_string()), "unique UIDs");
        let stamp = event.value("DTSTAMP");
        assert!(digits(&stamp[..8], 8) && &stamp[8..9] == "T" && digits(&stamp[9..15], 6));
        assert_eq!(&stamp[15..], "Z", "DTSTAMP is UTC");
        let (_, params, start) = event.once("DTSTART");
        assert_eq!(params, &["VALUE=DATE"]);
        assert!(digits(start, 8), "{start}");
        let (_, params, end) = event.once("DTEND");
        assert_eq!(params, &["VALUE=DATE"]);
        assert!(end > start);
        unescape(event.value("SUMMARY"));
        unescape(event.value("DESCRIPTION"));
        assert!(!event.children.is_empty(), "reminders before it");
        for alarm in &event.children {
            assert_eq!(alarm.name, "VALARM");
            assert_eq!(alarm.value("ACTION"), "DISPLAY");
            let trigger = alarm.value("TRIGGER");
            assert!(trigger.starts_with("-P"), "before the event: {trigger}");
            assert!(trigger[2..].chars().all(|c| c.is_ascii_digit() || "WDTHMS".contains(c)));
            unescape(alarm.value("DESCRIPTION"));
        }
    }
    calendar.children
}

#[test]
fn the_ics_file_has_one_event_per_renewal_date_and_rfc_5545s_required_properties() {
    for lang in [Lang::En, Lang::Ja, Lang::PtBr, Lang::ZhTw] {
        let report = report_at(OCTOBER, lang);
        let ics = ics::render(&report);
        let events = check_calendar(&ics);
        let starts: Vec<&str> = events.iter().map(|event| event.value("DTSTART")).collect();
        assert_eq!(starts, ["20261109", "20261116"], "{lang:?}");
        for event in &events {
            assert_eq!(event.value("DTSTAMP"), "20261001T000000Z");
            assert_eq!(event.children.len(), 2);
        }
        let summary = unescape(events[1].value("SUMMARY"));
        assert!(summary.contains("uccx1.example.com"), "{summary}");
        let description = unescape(events[1].value("DESCRIPTION"));
        assert!(description.starts_with(&report.renewals[0].text), "{description}");
        if lang != Lang::En {
            assert!(!summary.contains("Renew"), "{lang:?}: {summary}");
        }
        // The ticket lists the same dates.
        let ticket = markdown::render(&report);
        assert!(ticket.contains("- **2026-11-09** — ") && ticket.contains("- **2026-11-16** — "));
    }
}

#[test]
fn the_ics_file_is_deterministic_and_a_later_check_updates_the_same_events() {
    let first = ics::render(&report_at(OCTOBER, Lang::En));
    assert_eq!(first, ics::render(&report_at(OCTOBER, Lang::En)));
    let uids = |ics: &str| -> Vec<String> {
        check_calendar(ics).iter().map(|event| event.value("UID").to_string()).collect()
    };
    let later = ics::render(&report_at(OCTOBER + 3 * DAY, Lang::En));
    assert_ne!(first, later, "DTSTAMP is the check date");
    assert_eq!(uids(&first), uids(&later));
}

#[test]
fn hostile_text_cannot_add_lines_properties_or_list_items() {
    let mut report = report_at(OCTOBER, Lang::En);
    let hostile = "x;y,z\\w\r\nEND:VEVENT\r\nBEGIN:VEVENT\nUID:evil\u{1b}[31m ";
    report.renewals[0].node = hostile.to_string();
    report.renewals[0].text = format!("{hostile}{}", "長い名前".repeat(30));
    let ics = ics::render(&report);
    let events = check_calendar(&ics);
    assert_eq!(events.len(), 2);
    let description = unescape(events[1].value("DESCRIPTION"));
    assert!(description.starts_with("x;y,z\\w\nEND:VEVENT\nBEGIN:VEVENT\nUID:evil\u{FFFD}[31m "));
    assert!(unescape(events[1].value("SUMMARY")).contains("x;y,z\\w"));
}

#[test]
fn without_a_presented_certificate_there_is_no_calendar() {
    let report = certcheck::check(
        &common::inputs(&["good/rsa/ca-chain.pem"]),
        &context(),
        OCTOBER,
        Lang::En,
    );
    assert!(!report.shown.renewals);
    assert_eq!(ics::render(&report), "");
    assert!(!markdown::render(&report).contains("Renewal calendar"));
}
