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

/// Cisco's current documents beyond the seeds (shared/spec/cisco-now.md, and docs/sources.md for
/// the few found beyond it), by the key a citation names them with: the title, the revision or date, and the address a person opens. A citation
/// of one is `KEY § "the sentence it rests on"`.
pub const DOCUMENTS: &[(&str, &str, &str, &str)] = &[
    (
        "TN118855",
        "Configure UCCX Solution Certificate Management (TechNote 118855)",
        "rev 4.0, 2025-09-17",
        "https://www.cisco.com/c/en/us/support/docs/customer-collaboration/unified-contact-center-express/118855-configure-uccx-00.html",
    ),
    (
        "FN74382",
        "Field Notice FN74382 — Cisco Unified Contact Center Products: Impact on Secure Communication Due to Upcoming Changes to TLS certificates Issued by Public Certificate Authorities with Client Authentication EKU",
        "rev 2.0, 2026-05-13, Critical",
        "https://www.cisco.com/c/en/us/support/docs/field-notices/743/fn74382.html",
    ),
    (
        "CUCM-SEC-14SU2",
        "Security Guide for Cisco Unified Communications Manager, Release 14SU2 — Certificates (documented for Unified CM; same platform)",
        "14SU2",
        "https://www.cisco.com/c/en/us/td/docs/voice_ip_comm/cucm/security/14SU2/cucm_b_security-guide-14su2/cucm_m_certificates.html",
    ),
    (
        "UCCX-1251SU2-UPG",
        "Cisco Unified Contact Center Express Install and Upgrade Guide, Release 12.5(1) SU2 — Unified CCX Upgrade",
        "12.5(1)SU2",
        "https://www.cisco.com/c/en/us/td/docs/voice_ip_comm/cust_contact/contact_center/crs/express_12_5_1_su2/install/guide/uccx_b_1251su2_install-and-upgrade-guide/uccx_m_1251su2_unified-ccx-upgrade.html",
    ),
    (
        "UCCX-125-RN",
        "Release Notes for Cisco Unified Contact Center Express Solution, Release 12.5(1) — Cisco Finesse",
        "12.5(1)",
        "https://www.cisco.com/c/en/us/td/docs/voice_ip_comm/cust_contact/contact_center/crs/express_12_5/release/guide/uccx_b_uccx-solution-release-notes-125/uccx_b_uccx-solution-release-notes-125_chapter_0111.html",
    ),
    (
        "FIN-150-LD",
        "Cisco Finesse Administration Guide, Release 15.0(1) — Certificates for Live Data",
        "15.0(1)",
        "https://www.cisco.com/c/en/us/td/docs/voice_ip_comm/cust_contact/contact_center/finesse/finesse_1501/admin/guide/cfin_b_150_cisco-finesse-administration-guide/cfin_m_150_certificates-for-live-data.html",
    ),
    (
        "FIN-1201-GADGETS",
        "Cisco Finesse Administration Guide, Release 12.0(1) — Manage Third-Party Gadgets",
        "12.0(1)",
        "https://www.cisco.com/c/en/us/td/docs/voice_ip_comm/cust_contact/contact_center/finesse/finesse_1201/Admin/guide/cfin_b_1201-administration-guide-release-1201/cfin_b_1201-administration-guide-release-1201_chapter_01011.html",
    ),
    (
        "TN214617",
        "Troubleshoot Finesse Error \"SSLPeerUnverifiedException\" (TechNote 214617)",
        "—",
        "https://www.cisco.com/c/en/us/support/docs/contact-center/finesse/214617-troubleshoot-finesse-error-sslpeerunver.html",
    ),
    (
        "UCCE-150-SEC",
        "Security Guide for Cisco Unified ICM/Contact Center Enterprise, Release 15.0 — Certificate Management for Secured Connections",
        "15.0",
        "https://www.cisco.com/c/en/us/td/docs/voice_ip_comm/cust_contact/contact_center/icm_enterprise/icm_enterprise_15_0_1/configuration/guide/ucce_b_security-guide-for-cisco-unified-icm-contact-center-enterprise-release-15-0/certificate_management_for_secured_connections.html",
    ),
    (
        "FIN-DEV-EVENTS",
        "Cisco Finesse developer documentation — Real-Time Events",
        "developer.cisco.com",
        "https://developer.cisco.com/docs/finesse/real-time-events",
    ),
    (
        "FIN-DEV-XMPP",
        "Cisco Finesse developer documentation — Connect to XMPP over TCP",
        "developer.cisco.com",
        "https://developer.cisco.com/docs/finesse/connect-to-xmpp-over-tcp",
    ),
    (
        "CABF-SC081",
        "CA/Browser Forum Baseline Requirements, ballot SC-081v3 (maximum TLS certificate validity; a CA/B Forum rule, not Cisco's)",
        "adopted 2025",
        // No address is given in the sources for the ballot: none is claimed.
        "",
    ),
    (
        "APPLE-HT210176",
        "Apple — Requirements for trusted certificates in iOS 13 and macOS 10.15",
        "2019",
        "https://support.apple.com/en-us/103769",
    ),
];

/// The document a citation part names by its key, if it is one of [`DOCUMENTS`].
pub fn document(
    key: &str,
) -> Option<&'static (&'static str, &'static str, &'static str, &'static str)> {
    DOCUMENTS.iter().find(|(known, ..)| *known == key)
}

/// A citation for people: "Title — Section; Other title". An unknown file stays as written.
pub fn display(cite: &str) -> String {
    let mut out: Vec<String> = Vec::new();
    for part in cite.split(';').map(str::trim).filter(|part| !part.is_empty()) {
        let (file, section) = match part.split_once('§') {
            Some((file, section)) => (file.trim(), Some(section.trim())),
            None => (part, None),
        };
        if let Some((_, title, revision, address)) = document(file) {
            let mut shown = format!("{title}, {revision}");
            if let Some(quote) = section {
                shown.push_str(&format!(" — {quote}"));
            }
            if !address.is_empty() {
                shown.push_str(&format!(" — {address}"));
            }
            out.push(shown);
            continue;
        }
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
