//! The deployment advisor: per-port checklist, ECDSA verdict, integrations, TLS, overview and
//! exports, for UCCX 10.6 / 11.5 / 12.x, a UCCE 11.0 pair and each row of the ECDSA table.

mod common;

use certcheck::advice::checklist::{Audience, Endpoint, Outcome};
use certcheck::advice::ecdsa_table::Signing;
use certcheck::deployment::roles::Store;
use certcheck::{report, ContextInput};

fn uccx(version: &str) -> ContextInput {
    ContextInput {
        product: "uccx".into(),
        version: version.into(),
        nodes: vec!["uccx1.example.com".into()],
        ..Default::default()
    }
}

const RSA_CA: [&str; 2] = ["good/rsa/uccx1-tomcat.pem", "good/rsa/ca-chain.pem"];

fn endpoints(report: &certcheck::Report) -> Vec<Endpoint> {
    report.checklist.rows.iter().map(|row| row.endpoint).collect()
}

fn row(report: &certcheck::Report, endpoint: Endpoint) -> &certcheck::advice::checklist::Row {
    report.checklist.rows.iter().find(|row| row.endpoint == endpoint).expect("row")
}

#[test]
fn uccx_10_6_has_no_live_data_speaks_tls_1_0_as_client_and_has_no_ecdsa() {
    let report = common::check_with(&RSA_CA, uccx("10.6(1)SU2"));
    use Endpoint::*;
    assert_eq!(endpoints(&report), [AppAdmin, Notification, Finesse, FinesseAdmin, Cuic]);
    let finesse = row(&report, Finesse);
    assert_eq!(finesse.url, "https://uccx1.example.com:8445/");
    assert_eq!(finesse.audiences, [Audience::Agent, Audience::Supervisor]);
    assert_eq!(
        finesse.presents,
        Some(Store::Tomcat),
        "before 11.5 tomcat is the only server certificate"
    );
    assert_eq!(finesse.outcome, Outcome::Trusted);
    assert!(finesse.outcome_text.contains("Example Root CA"));
    assert_eq!(row(&report, FinesseAdmin).url, "https://uccx1.example.com:8445/cfadmin");
    assert_eq!(row(&report, AppAdmin).url, "https://uccx1.example.com/appadmin/main");
    // TLS: server 1.0-1.2, client 1.0 only, and the rule says so.
    assert_eq!(report.tls.client, ["1.0"]);
    assert!(report.tls.client_tls10_only);
    assert!(report.tls.upgrade.as_deref().unwrap_or_default().contains("10.6(1)SU3"));
    assert!(common::ids(&report).contains(&"tls.client_tls10_only"));
    assert!(!report.ecdsa_verdict.applicable);
    assert!(report.overview.starts_with("No error to fix before upload"), "{}", report.overview);
    assert!(report.overview.contains("agents have no certificate to accept"));
}

#[test]
fn uccx_10_6_su3_and_11_6_speak_newer_tls_as_client() {
    let su3 = common::check_with(&RSA_CA, uccx("10.6(1)SU3"));
    assert_eq!(su3.tls.client, ["1.1", "1.2"]);
    assert!(!common::ids(&su3).contains(&"tls.client_tls10_only"));
    let su1 = common::check_with(&RSA_CA, uccx("11.5(1)SU1"));
    assert_eq!(
        (su1.tls.server.clone(), su1.tls.client.clone()),
        (vec!["1.1", "1.2"], vec!["1.1", "1.2"])
    );
    let six = common::check_with(&RSA_CA, uccx("11.6(1)"));
    assert_eq!((six.tls.server.clone(), six.tls.client.clone()), (vec!["1.2"], vec!["1.2"]));
    assert!(six.tls.notes.iter().any(|note| note.contains("Exchange 2013")));
}

#[test]
fn uccx_11_5_live_data_presents_tomcat_ecdsa_and_self_signed_pairs_are_accepted() {
    // Row 1: self-signed tomcat and tomcat-ECDSA.
    let files = [
        "rules/trust.self_signed_leaf/fire/leaf.pem",
        "rules/trust.mixed_selfsigned_ecdsa/fire/tomcat-ecdsa.pem",
    ];
    let report = common::check_with(&files, uccx("11.5(1)"));
    let live = row(&report, Endpoint::LiveData);
    assert_eq!(live.url, "https://uccx1.example.com:12015/");
    assert_eq!(live.presents, Some(Store::TomcatEcdsa));
    assert_eq!(live.outcome, Outcome::Accept);
    assert_eq!(row(&report, Endpoint::Finesse).presents, None, "not documented from 11.5");
    assert!(row(&report, Endpoint::Finesse).presents_text.contains("not documented"));
    // Every agent row is a self-signed certificate to accept, each URL counted once.
    let agent_urls =
        report.checklist.rows.iter().filter(|row| row.audiences.contains(&Audience::Agent)).count();
    assert_eq!(report.checklist.agent_accepts, agent_urls);
    assert!(
        report.overview.contains(&format!("agents must accept {agent_urls} URLs")),
        "{}",
        report.overview
    );
    let server = &report.ecdsa_verdict.servers[0];
    assert_eq!(
        (server.tomcat, server.tomcat_ecdsa, server.row),
        (Signing::SelfSigned, Signing::SelfSigned, Some(1))
    );
    assert!(server.text.contains("COP"));
}

#[test]
fn each_row_of_the_ecdsa_table() {
    let row2 = [
        "good/rsa/uccx1-tomcat.pem",
        "good/rsa/ca-chain.pem",
        "rules/key.ecdsa_signed_by_rsa_ca/fire/leaf.pem",
    ];
    let row3 = [
        "good/rsa/uccx1-tomcat.pem",
        "good/rsa/ca-chain.pem",
        "good/ec/uccx1-tomcat-ecdsa.pem",
        "good/ec/ec-root.pem",
    ];
    let row4 = [
        "rules/trust.mixed_selfsigned_ecdsa/fire/tomcat.pem",
        "rules/trust.mixed_selfsigned_ecdsa/fire/chain.pem",
        "rules/trust.mixed_selfsigned_ecdsa/fire/tomcat-ecdsa.pem",
    ];
    let context = ContextInput { socialminer: "uccx1.example.com".into(), ..uccx("11.5(1)SU1") };
    let verdict = |files: &[&str]| common::check_with(files, context.clone());

    let two = verdict(&row2);
    assert_eq!(two.ecdsa_verdict.servers[0].row, Some(2));
    assert_eq!(two.ecdsa_verdict.servers[0].tomcat_ecdsa, Signing::RsaCa);
    assert!(two.ecdsa_verdict.servers[0].text.contains("CSCvb58580"));
    // An ECDSA certificate signed by an RSA CA is not presented: Live Data falls back to tomcat;
    // on SocialMiner chat and e-mail break.
    assert_eq!(row(&two, Endpoint::LiveData).outcome, Outcome::Trusted);
    assert!(row(&two, Endpoint::LiveData).outcome_text.contains("not presented"));
    assert_eq!(row(&two, Endpoint::SocialMiner).outcome, Outcome::Fails);

    let three = verdict(&row3);
    assert_eq!(three.ecdsa_verdict.servers[0].row, Some(3));
    assert!(three.ecdsa_verdict.servers[0].text.contains("no COP"));
    assert_eq!(row(&three, Endpoint::LiveData).outcome, Outcome::Trusted);
    assert!(row(&three, Endpoint::LiveData).outcome_text.contains("Example EC Root CA"));

    let four = verdict(&row4);
    assert_eq!(four.ecdsa_verdict.servers[0].row, Some(4));
    let live = row(&four, Endpoint::LiveData);
    assert_eq!(live.outcome, Outcome::Fails);
    assert!(live.outcome_text.contains("Live Data gadget fails"));
    assert!(four.overview.contains("1 URL will fail in agents' browsers"), "{}", four.overview);
    // The table is always shown whole, with the COP advice.
    assert_eq!(four.ecdsa_verdict.table.len(), 4);
    assert_eq!(four.ecdsa_verdict.cop.len(), 3);

    // A combination outside the table: self-signed tomcat with an EC-CA-signed tomcat-ECDSA.
    let outside = verdict(&[
        "rules/trust.self_signed_leaf/fire/leaf.pem",
        "good/ec/uccx1-tomcat-ecdsa.pem",
        "good/ec/ec-root.pem",
    ]);
    assert_eq!(outside.ecdsa_verdict.servers[0].row, None);
    assert!(outside.ecdsa_verdict.servers[0].text.contains("outside"));
}

#[test]
fn uccx_12_5_keeps_live_data_and_says_the_tls_table_ends_at_11_6() {
    let report = common::check_with(&RSA_CA, uccx("12.5(1)SU2"));
    assert!(endpoints(&report).contains(&Endpoint::LiveData));
    assert!(!report.tls.documented);
    assert!(report.tls.notes[0].contains("12.5(1)SU2"));
    // From 11.6 ECDSA is removed from the solution (TN118855): the table does not apply, cited.
    assert!(!report.ecdsa_verdict.applicable);
    let reason = report.ecdsa_verdict.reason.as_deref().unwrap_or_default();
    assert!(reason.contains("12.5(1)SU2") && reason.contains("From 11.6"), "{reason}");
    assert!(report.ecdsa_verdict.cite.starts_with("TN118855"));
    // Live Data presents tomcat: the RSA certificate given decides the row.
    let live = row(&report, Endpoint::LiveData);
    assert_eq!(live.presents, Some(certcheck::deployment::roles::Store::Tomcat));
    assert_eq!(live.outcome, Outcome::Trusted);
    assert!(!report
        .checklist
        .rows
        .iter()
        .any(|row| row.presents == Some(certcheck::deployment::roles::Store::TomcatEcdsa)));
    // Integrations name the nodes.
    assert!(report
        .integrations
        .iter()
        .any(|integration| integration.text.contains("uccx1.example.com")
            && integration.text.contains("SocialMiner")));
}

#[test]
fn ucce_11_0_pair_gets_rows_per_server_type_and_a_plan_per_primary() {
    let context = ContextInput {
        product: "ucce".into(),
        version: "11.0(1)".into(),
        finesse: vec!["finesse-a.example.com".into(), "finesse-b.example.com".into()],
        cuic: vec!["cuic-a.example.com".into(), "cuic-b.example.com".into()],
        livedata: vec!["livedata-a.example.com".into(), "livedata-b.example.com".into()],
        ..Default::default()
    };
    let report = common::check_with(
        &["good/ucce/finesse-a.pem", "good/ucce/finesse-b.pem", "good/ucce/ca-chain.p7b"],
        context,
    );
    let rows: Vec<(String, Endpoint)> =
        report.checklist.rows.iter().map(|row| (row.node.clone(), row.endpoint)).collect();
    // Finesse: desktop, notification service (:7443, Finesse developer documentation), admin,
    // OS Administration; CUIC: reports, OS Administration; Live Data: OS Administration.
    assert_eq!(rows.len(), 2 * 4 + 2 * 2 + 2);
    assert!(rows.contains(&("finesse-b.example.com".into(), Endpoint::Finesse)));
    let notification = report
        .checklist
        .rows
        .iter()
        .find(|row| row.endpoint == Endpoint::Notification)
        .expect("notification");
    assert_eq!(notification.url, "https://finesse-a.example.com:7443/");
    assert_eq!(notification.presents, Some(certcheck::deployment::roles::Store::Tomcat));
    assert!(report.sources[notification.cite].contains("developer.cisco.com"));
    // Live Data's address for agents is not in the sources: said, not guessed.
    assert!(report.checklist.notes.iter().any(|note| note.contains("Live Data")));
    assert!(rows.contains(&("cuic-a.example.com".into(), Endpoint::Cuic)));
    let os_admin = report
        .checklist
        .rows
        .iter()
        .find(|row| row.endpoint == Endpoint::OsAdmin)
        .expect("os admin");
    assert_eq!(os_admin.url, "https://finesse-a.example.com:8443/cmplatform");
    let finesse = report
        .checklist
        .rows
        .iter()
        .find(|row| row.endpoint == Endpoint::Finesse)
        .expect("finesse");
    assert_eq!(finesse.outcome, Outcome::Trusted);
    let cuic =
        report.checklist.rows.iter().find(|row| row.endpoint == Endpoint::Cuic).expect("cuic");
    assert_eq!(cuic.outcome, Outcome::NotGiven);
    assert!(!report.ecdsa_verdict.applicable);
    assert!(report.integrations[0].text.contains("same root"));
    assert!(!report.tls.documented && report.tls.empty_reason.is_some());
    // Each cluster's primary takes tomcat-trust; the secondary replicates from its own primary.
    let plan = &report.upload_plan.nodes;
    let secondary =
        plan.iter().find(|node| node.node == "finesse-b.example.com").expect("finesse-b");
    assert!(secondary.steps[0].text.contains("finesse-a.example.com"));
    assert!(plan.iter().find(|node| node.node == "cuic-a.example.com").expect("cuic-a").first);
}

#[test]
fn exports_carry_the_checklist_and_escape_hostile_fields() {
    let report = common::check_with(&RSA_CA, uccx("11.5(1)SU1"));
    let markdown = report::markdown::render(&report);
    let csv = report::csv::render(&report);
    assert!(markdown.contains("| https://uccx1.example.com:8445/ |"));
    assert!(markdown.contains("### Upload plan"));
    let lines: Vec<&str> = csv.lines().collect();
    assert_eq!(
        lines[0],
        "\"Node\",\"Who\",\"URL\",\"Presents\",\"Outcome\",\"Details\",\"Source\""
    );
    assert_eq!(lines.len(), 1 + report.checklist.rows.len());
    let hostile = common::check(&["input/hostile.pem"]);
    let markdown = &report::markdown::render(&hostile);
    // Every '<' of the hostile fields is escaped: no raw markup reaches the ticket.
    assert!(markdown.contains("img src"));
    assert!(
        markdown.match_indices('<').all(|(at, _)| markdown[..at].ends_with('\\')),
        "{markdown}"
    );
}

#[test]
fn mediasense_context_says_why_there_is_no_checklist() {
    for socialminer in ["", "sm.example.com"] {
        let context = ContextInput {
            product: "mediasense".into(),
            version: "11.5(1)".into(),
            nodes: vec!["ms1.example.com".into()],
            socialminer: socialminer.into(),
            ..Default::default()
        };
        let report = common::check_with(&RSA_CA, context);
        assert!(report.checklist.rows.is_empty(), "the seeds give MediaSense no agent URLs");
        let missing = report.checklist.empty_reason.as_deref().unwrap_or_default();
        assert!(
            missing.contains("MediaSense") && missing.contains("UCCX or UCCE"),
            "socialminer={socialminer:?}: {missing:?}"
        );
    }
}

#[test]
fn the_three_renderers_show_the_same_sections() {
    // UCCE: the ECDSA section only says why the table does not apply; UCCX 11.6: TLS notes.
    let ucce = ContextInput { product: "ucce".into(), ..ContextInput::default() };
    let cases = [
        (common::check_with(&RSA_CA, ucce), "it does not cover UCCE"),
        (common::check_with(&RSA_CA, uccx("11.6(1)")), "SocialMiner 11.6 removes TLS 1.0"),
    ];
    for (report, expected) in &cases {
        let text = report::text::render(report);
        let markdown = report::markdown::render(report);
        assert!(text.contains(expected), "text lacks {expected:?}:\n{text}");
        assert!(markdown.contains(expected), "markdown lacks {expected:?}:\n{markdown}");
    }
    // Without any context the integrations are generic: no renderer shows them.
    let bare = common::check(&RSA_CA);
    assert!(!bare.shown.integrations);
    assert!(!report::text::render(&bare).contains("Integrations"));
    assert!(!report::markdown::render(&bare).contains("Integrations"));
}
