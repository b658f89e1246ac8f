//! The acceptance checklist as CSV, for a spreadsheet. Cells are quoted and cannot start a formula
//! (certificate fields are hostile).

use crate::i18n::phrase;
use crate::report::Report;

/// A CSV cell: quoted, quotes doubled, and a leading `= + - @` neutralised (CSV injection).
pub fn cell(text: &str) -> String {
    let text = text.replace(['\r', '\n'], " ");
    let guarded =
        if text.starts_with(['=', '+', '-', '@', '\t']) { format!("'{text}") } else { text };
    format!("\"{}\"", guarded.replace('"', "\"\""))
}

/// The checklist as CSV (header row first, CRLF line ends).
pub fn render(report: &Report) -> String {
    let lang = report.lang;
    let header = [
        "csv.node",
        "csv.who",
        "csv.url",
        "csv.presents",
        "csv.outcome",
        "csv.details",
        "csv.source",
    ];
    let mut out = header.iter().map(|key| cell(phrase(key, lang))).collect::<Vec<_>>().join(",");
    out.push_str("\r\n");
    for row in &report.checklist.rows {
        let source = report.source(row.cite);
        let who: Vec<&str> = row.audiences.iter().map(|audience| audience.label(lang)).collect();
        let cells = [
            row.node.as_str(),
            &who.join(phrase("text.list_join", lang)),
            row.url.as_str(),
            row.presents_text.as_str(),
            row.outcome.label(lang),
            row.outcome_text.as_str(),
            &source,
        ];
        out.push_str(&cells.iter().map(|text| cell(text)).collect::<Vec<_>>().join(","));
        out.push_str("\r\n");
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_cell_cannot_start_a_formula() {
        assert_eq!(cell("=HYPERLINK(\"x\")"), "\"'=HYPERLINK(\"\"x\"\")\"");
        assert_eq!(cell("plain"), "\"plain\"");
    }
}
