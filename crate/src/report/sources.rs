//! Citations as a person can follow them. In the report's JSON a citation names the seed file and
//! the section (`002_….txt § Certificados assinados`), for machines and for the tests that check
//! the heading exists; people see the document's own title and the heading as it writes it, in
//! its language (`Guia de gerenciamento certificado da solução UCCX — Certificados assinados`).

use std::collections::BTreeMap;

/// Each seed and its title as the document writes it (its first line).
const TITLES: &[(&str, &str)] = &[
    ("000_e1a875b5f41a8b27.txt", "UCCX の TLS サポートの処理の TechNote"),
    ("001_ac2a69aa6a55e92f.txt", "UCCX ソリューションの ECDSA 証明書について"),
    ("002_0fb8040ec2c52a7f.txt", "Guia de gerenciamento certificado da solução UCCX"),
    ("003_8b0075df98947728.txt", "瞭解UCCX解決方案中的ECDSA證書"),
    // This seed carries no title line; its overview's own words name what it is about.
    ("004_724e4e2f4013d7cd.txt", "Finesse、CUIC、Live Data の CA 証明書（UCCE）"),
];

/// A citation for people: "Title — Section; Other title". An unknown file stays as written.
pub fn display(cite: &str) -> String {
    let mut out: Vec<String> = Vec::new();
    for part in cite.split(';').map(str::trim).filter(|part| !part.is_empty()) {
        let (file, section) = match part.split_once('§') {
            Some((file, section)) => (file.trim(), Some(section.trim())),
            None => (part, None),
        };
        let title = TITLES.iter().find(|(seed, _)| *seed == file).map(|(_, title)| *title);
        out.push(match (file.is_empty(), title, section) {
            // "§ Another section" of the document named before it.
            (true, _, Some(section)) => section.to_string(),
            (false, Some(title), Some(section)) => format!("{title} — {section}"),
            (false, Some(title), None) => title.to_string(),
            _ => part.to_string(),
        });
    }
    out.join("; ")
}

/// Every citation of a report and how people see it.
pub fn collect<'a>(cites: impl Iterator<Item = &'a str>) -> BTreeMap<String, String> {
    cites.filter(|cite| !cite.is_empty()).map(|cite| (cite.to_string(), display(cite))).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_citation_shows_the_title_and_the_heading_never_the_file() {
        assert_eq!(
            display("002_0fb8040ec2c52a7f.txt § Certificados assinados"),
            "Guia de gerenciamento certificado da solução UCCX — Certificados assinados"
        );
        let two = display(
            "001_ac2a69aa6a55e92f.txt § よく寄せられる質問 (FAQ); 003_8b0075df98947728.txt",
        );
        assert_eq!(two, "UCCX ソリューションの ECDSA 証明書について — よく寄せられる質問 (FAQ); 瞭解UCCX解決方案中的ECDSA證書");
        let continued = display(
            "002_0fb8040ec2c52a7f.txt § Integração e configuração de cliente; § Problema - Usuário inválido - identificação /Password",
        );
        assert_eq!(
            continued,
            "Guia de gerenciamento certificado da solução UCCX — Integração e configuração de cliente; Problema - Usuário inválido - identificação /Password"
        );
        for (seed, _) in TITLES {
            assert!(!display(seed).contains(".txt"), "{seed}");
        }
    }
}
