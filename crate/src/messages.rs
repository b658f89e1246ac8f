//! Finding texts: one message and one fix per rule id and language, with `{name}` placeholders
//! filled from the rule's hit.

use serde::{Deserialize, Serialize};

/// A language of the user interface.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub enum Lang {
    /// English.
    #[default]
    #[serde(rename = "en")]
    En,
    /// Japanese.
    #[serde(rename = "ja")]
    Ja,
    /// Brazilian Portuguese.
    #[serde(rename = "pt-BR")]
    PtBr,
    /// Traditional Chinese (Taiwan).
    #[serde(rename = "zh-TW")]
    ZhTw,
}

impl Lang {
    /// Parse a language tag (`ja`, `ja-JP`, `pt`, `pt-BR`, `zh-TW`, `zh-Hant`...).
    pub fn parse(tag: &str) -> Option<Lang> {
        let tag = tag.trim().to_ascii_lowercase().replace('_', "-");
        let primary = tag.split('-').next().unwrap_or("");
        match primary {
            "en" => Some(Lang::En),
            "ja" => Some(Lang::Ja),
            "pt" => Some(Lang::PtBr),
            "zh" => Some(Lang::ZhTw),
            _ => None,
        }
    }
}

/// The texts of one rule in one language.
#[derive(Clone, Copy, Debug)]
pub struct Text {
    /// What is wrong, one line.
    pub message: &'static str,
    /// What to do.
    pub fix: &'static str,
    /// The error text users see, quoted from a seed (never translated).
    pub seen_as: Option<&'static str>,
}

const fn t(message: &'static str, fix: &'static str) -> Text {
    Text { message, fix, seen_as: None }
}

const fn seen(message: &'static str, fix: &'static str, seen_as: &'static str) -> Text {
    Text { message, fix, seen_as: Some(seen_as) }
}

/// The texts for `id` in `lang`, falling back to English.
pub fn text_for(id: &str, lang: Lang) -> Option<Text> {
    match lang {
        Lang::En => english(id),
        _ => english(id),
    }
}

/// The texts for `id`; an unknown id yields a generic text (never a panic).
pub fn text(id: &str, lang: Lang) -> Text {
    text_for(id, lang).unwrap_or(Text { message: "{id}", fix: "", seen_as: None })
}

/// A text of the advice around the findings (upload plan, checklist, ECDSA verdict,
/// integrations, TLS), by key, in `lang`.
pub fn phrase(key: &str, lang: Lang) -> &'static str {
    // Other languages arrive with the translations (issue 7); English until then.
    let _ = lang;
    phrase_english(key)
}

fn phrase_english(key: &str) -> &'static str {
    match key {
        "ecdsa.row1.experience" => "Agents are asked to accept certificates in the Live Data gadget and the chat/e-mail gadget.",
        "ecdsa.row1.advice" => "Agents accept the certificates once (or they are installed on the PCs). If agents should not accept extra certificates, install the UCCX ECDSA COP and the SocialMiner ECDSA COP.",
        "ecdsa.row2.experience" => "Agents can use Finesse and Live Data, but the e-mail/chat gadget does not load and the SocialMiner web page does not load (CSCvb58580).",
        "ecdsa.row2.advice" => "Have tomcat-ECDSA signed by an EC CA. If your CA can sign ECDSA certificates only with RSA, install the SocialMiner ECDSA COP (and do not use the RSA-signed ECDSA certificate).",
        "ecdsa.row3.experience" => "Agents can use Live Data and chat/e-mail in Finesse: everything works.",
        "ecdsa.row3.advice" => "Nothing to do: this is the recommended combination; no COP.",
        "ecdsa.row4.experience" => "Agents are asked to accept extra certificates in the Live Data and chat/e-mail gadgets; accepting from the Live Data gadget fails, from the chat/e-mail gadget succeeds.",
        "ecdsa.row4.advice" => "Have tomcat-ECDSA signed by an EC CA and upload it as tomcat-ECDSA. While you wait, or if no CA-signed ECDSA certificate can be had, install the UCCX ECDSA COP (and the SocialMiner ECDSA COP).",
        "ecdsa.cop.uccx" => "UCCX ECDSA COP: install it when you use self-signed certificates and agents should not accept extra certificates, or when you cannot get a CA-signed ECDSA certificate. Only RSA certificates are then presented; tomcat-ECDSA stays in the keystore.",
        "ecdsa.cop.socialminer" => "SocialMiner ECDSA COP: install it for the same two reasons, and also when your CA can sign ECDSA certificates only with RSA.",
        "ecdsa.cop.rollback" => "Rollback COP: apply it to present ECDSA again; then have tomcat-ECDSA signed and upload it.",
        "ecdsa.not_for_ucce" => "The ECDSA table of the sources is about UCCX and SocialMiner 11.5 and later; it does not cover UCCE.",
        "ecdsa.before_11_5" => "{release} has no tomcat-ECDSA (it exists from 11.5): the table does not apply.",
        "ecdsa.no_release_no_ec" => "No tomcat-ECDSA certificate was given and no release was chosen: the table applies from 11.5.",
        "ecdsa.server_row" => "Row {row} of the table. {experience} {advice}",
        "ecdsa.server_incomplete" => "Give both its tomcat and its tomcat-ECDSA certificates to place it in the table.",
        "ecdsa.server_outside" => "This combination is outside the four rows of the table (001): the sources do not say what agents see.",
        "integration.uccx_to_mediasense" => "UCCX uses MediaSense: upload both MediaSense tomcat certificates (or their CA chain) from {mediasense} as tomcat-trust on both UCCX nodes ({uccx}).",
        "integration.mediasense_to_finesse" => "MediaSense calls Finesse: upload the UCCX tomcat certificates (or their CA chain) from {uccx} as tomcat-trust on MediaSense ({mediasense}).",
        "integration.uccx_to_socialminer" => "UCCX uses SocialMiner's REST and notification APIs: upload the SocialMiner tomcat certificate (or its CA chain) from {socialminer} as tomcat-trust on both UCCX nodes ({uccx}).",
        "integration.scripts" => "UCCX scripts that call an HTTPS service (a CRM REST API, a document URL): upload that server's whole certificate chain as tomcat-trust on {uccx} — the keystore holds no public roots by default — then restart the Cisco Unified CCX Engine.",
        "integration.ucce_shared_root" => "Live Data works only when Finesse and CUIC hold the same root and intermediate certificates in tomcat-trust: upload the same CA chain on the Finesse and CUIC primaries.",
        "integration.given_self_signed" => "Given here: {name} is self-signed, so upload that certificate itself.",
        "integration.given_chain" => "Given here: its chain ends at {root}; uploading that root (and any intermediate) is enough.",
        "tls.not_uccx" => "The TLS table of the sources is about UCCX (and SocialMiner); it does not cover this product.",
        "tls.need_release" => "Enter the release to see the TLS versions it speaks.",
        "tls.upgrade_10" => "Upgrade to 10.6(1)SU3 to speak TLS 1.1/1.2 as client, or to 11.5(1)SU1 to remove TLS 1.0 altogether. No engineering special or COP exists for this.",
        "tls.upgrade_11" => "Upgrade to 11.5(1)SU1: TLS 1.1/1.2 as client and TLS 1.0 removed. No engineering special or COP exists for this.",
        "tls.upgrade_10_su3" => "To remove TLS 1.0 as server too, upgrade to 11.5(1)SU1.",
        "tls.socialminer_11_5_su1" => "SocialMiner 11.5(1)SU1 keeps TLS 1.0 for outbound connections only (Exchange 2010 speaks only TLS 1.0).",
        "tls.socialminer_11_6" => "SocialMiner 11.6 removes TLS 1.0: with Exchange 2013 (TLS 1.0 by default) every e-mail campaign fails until Exchange 2013 enables TLS 1.1/1.2.",
        "tls.after_table" => "The source's table ends at 11.6(1) (TLS 1.2 as server and client); {release} is not in it.",
        "tls.before_table" => "The source's table starts at 10.6(1); {release} is not in it.",
        "tls.scope" => "Only HTTPS is affected; JDBC connections may still use TLS 1.0. Salesforce disabled TLS 1.0 on 2017-07-22: a client that speaks only TLS 1.0 cannot reach such services.",
        "audience.agent" => "agents",
        "audience.supervisor" => "supervisors",
        "audience.admin" => "admins",
        "audience.reporting" => "reporting users",
        "outcome.trusted" => "trusted",
        "outcome.accept" => "accept once",
        "outcome.fails" => "will fail",
        "outcome.uncertain" => "depends",
        "outcome.not_given" => "not checked",
        "csv.node" => "Node",
        "csv.who" => "Who",
        "csv.url" => "URL",
        "csv.presents" => "Presents",
        "csv.outcome" => "Outcome",
        "csv.details" => "Details",
        "csv.source" => "Source",
        "export.title" => "certcheck report",
        "export.checked_at" => "checked at",
        "export.findings" => "Findings",
        "export.none" => "No findings.",
        "export.fix" => "Fix:",
        "export.checklist" => "Acceptance checklist",
        "export.ecdsa" => "ECDSA compatibility (11.5 and later)",
        "export.plan" => "Upload plan",
        "export.integrations" => "Integrations (tomcat-trust on other servers)",
        "export.tls" => "TLS versions",
        "tls.as_server" => "As server",
        "tls.as_client" => "As client",
        "overview.no_errors" => "No error to fix before upload",
        "overview.one_error" => "1 error to fix before upload",
        "overview.errors" => "{count} errors to fix before upload",
        "overview.one_warning" => "1 warning",
        "overview.warnings" => "{count} warnings",
        "overview.one_fail" => "1 URL will fail in agents' browsers",
        "overview.fails" => "{count} URLs will fail in agents' browsers",
        "overview.no_accepts" => "agents have no certificate to accept",
        "overview.one_accept" => "agents must accept 1 URL",
        "overview.accepts" => "agents must accept {count} URLs",
        "overview.join" => "{parts}.",
        "checklist.not_given" => "— the {store} certificate of {node} was not given.",
        "checklist.fails" => "— {reason}",
        "checklist.accept" => "— self-signed: open this URL and accept the certificate, or install it on the PC (group policy, or the Trusted Root store; Firefox: add an exception).",
        "checklist.trusted" => "once this PC trusts the root {root} (install it in the Trusted Root store, e.g. by group policy).",
        "checklist.trusted_above" => "once this PC trusts the root above \"{issuer}\" (that root was not given).",
        "checklist.live_data_mixed" => "— tomcat is CA-signed but tomcat-ECDSA is self-signed, and accepting the certificate from the Live Data gadget fails (001, table row 4). Have tomcat-ECDSA signed by an EC CA, or install the UCCX ECDSA COP.",
        "checklist.socialminer_rsa_ecdsa" => "— SocialMiner's tomcat-ECDSA is signed by an RSA CA, so chat and e-mail break (CSCvb58580). Have it signed by an EC CA, or install the SocialMiner ECDSA COP.",
        "checklist.ecdsa_not_presented" => "(tomcat-ECDSA is signed by an RSA CA, so it is not presented to clients (001); tomcat is)",
        "checklist.either" => "— which certificate this port presents from 11.5 is not documented. With tomcat: {rsa} With tomcat-ECDSA: {ecdsa}",
        "checklist.live_data_from_11" => "(Live Data exists from 11.x.)",
        "checklist.presents_tomcat" => "tomcat (RSA)",
        "checklist.presents_ecdsa" => "tomcat-ECDSA from 11.5 (tomcat before)",
        "checklist.presents_undocumented" => "not documented from 11.5 (tomcat or tomcat-ECDSA)",
        "checklist.need_nodes" => "Enter the node FQDNs (publisher first) to get the URLs each browser must trust.",
        "checklist.need_ucce_servers" => "Enter the Finesse, CUIC and Live Data server FQDNs (primary first) to get the URLs each browser must trust.",
        "checklist.need_product" => "Choose the product (UCCX or UCCE) and enter the node FQDNs to get the URLs each browser must trust.",
        "plan.trust_root" => "Upload {name} as tomcat-trust (the root CA).",
        "plan.trust_intermediate" => "Upload {name} as tomcat-trust (an intermediate CA), after the CA above it.",
        "plan.missing_ca" => "Not given: the CA certificate \"{issuer}\" (key id {key_id}). Get it from the CA (with any CA above it) and upload it as tomcat-trust first.",
        "plan.trust_replicated" => "Nothing for tomcat-trust here: CA certificates uploaded on {first} replicate to this node.",
        "plan.tomcat" => "Upload {name} as tomcat (the node's RSA server certificate).",
        "plan.tomcat_ecdsa" => "Upload {name} as tomcat-ECDSA, never as tomcat (the node's EC server certificate, 11.5 and later).",
        "plan.ecdsa_not_available" => "{name} has an EC key, but {release} has no tomcat-ECDSA (it exists from 11.5): it cannot be uploaded on this release.",
        "plan.self_signed" => "{name} is self-signed: nothing to upload; agents accept it in their browsers (see the checklist).",
        "plan.no_leaf" => "No server certificate for {node} was given: generate its CSR, have it signed, and check the answer here.",
        "plan.restart_uccx" => "Restart {node} once its uploads are done, so its services present the new certificates.",
        "plan.restart_ucce" => "Restart {node} once its uploads are done: on its CLI, utils system restart.",
        "plan.restart_server" => "Restart {node} once its uploads are done.",
        _ => "",
    }
}

/// Replace each `{name}` by its value.
pub fn fill(template: &str, args: &[(&'static str, String)]) -> String {
    let mut out = template.to_string();
    for (key, value) in args {
        out = out.replace(&format!("{{{key}}}"), value);
    }
    out
}

fn english(id: &str) -> Option<Text> {
    Some(match id {
        "input.private_key_present" => t(
            "A private key ({form}) is among the inputs. It was recognised and left alone: it is not shown, stored or sent.",
            "Do not send private keys by e-mail or chat. The tomcat private key stays on the server; only certificates and CSRs are needed here.",
        ),
        "input.garbage" => t(
            "{where} could not be read: {problem}.",
            "Export the certificate again as Base-64 (PEM) or DER (.cer/.crt), or copy the whole block including the BEGIN and END lines.",
        ),
        "input.der" => t(
            "{file} is binary DER; it was decoded.",
            "Nothing to do. OS Administration accepts both DER and Base-64 (PEM) files.",
        ),
        "input.pkcs7" => t(
            "{where} is a PKCS#7 bundle; {count} certificate(s) were unpacked from it.",
            "Upload each certificate on its own: the root and intermediates as tomcat-trust, the server certificate as tomcat.",
        ),
        "input.pkcs12" => t(
            "{file} (PKCS#12) was opened in memory: {certificates} certificate(s) read and checked below; {keys} private key(s) found, not decrypted, shown or kept.",
            "Nothing to do for the certificates. Keep the .pfx file itself private: it holds the server's key.",
        ),
        "input.pkcs12_password" => t(
            "{file} is a PKCS#12 (.pfx/.p12) file protected by a password: its certificates were not checked.",
            "Enter its password (page: the field on the file's card; command line: --password-file). It is used in memory only, never stored or sent. Or export the certificates alone as Base-64 .cer files.",
        ),
        "input.pkcs12_wrong_password" => t(
            "The password given does not open {file}.",
            "Check the password with whoever exported the file (it is case-sensitive), then enter it again.",
        ),
        "input.pkcs12_unreadable" => t(
            "{file} cannot be read as PKCS#12: {detail}.",
            "Export it again (Windows: Export with \"TripleDES-SHA1\" or \"AES256-SHA256\"; OpenSSL: pkcs12 -export), or export the certificates alone as Base-64 .cer files.",
        ),
        "input.duplicate" => t(
            "The same certificate is given twice: {where} repeats {first}.",
            "Nothing to fix; it is checked once. Upload each certificate only once.",
        ),
        "san.cn_not_in_san" => seen(
            "The common name {cn} is not among the certificate's DNS names (SAN: {sans}). Chrome 58 and later reject it.",
            "Have the CA sign a CSR generated in OS Administration (it lists the FQDN as a SAN), or ask the CA to add {cn} as a DNS name in the subjectAltName.",
            "NET::ERR_CERT_COMMON_NAME_INVALID",
        ),
        "san.extra_vs_csr" => seen(
            "The certificate's names differ from what the CSR {csr} asked for: added by the CA: {extra}; missing: {missing}. OS Administration refuses the upload.",
            "Regenerate the CSR with an empty parent-domain field (Subject Alternative Name section of Generate CSR), so it has no SAN attribute and the CA can form the SAN; have it signed again.",
            "CSR SAN and Certificate SAN does not match",
        ),
        "san.hostname_mismatch" => seen(
            "This server certificate names {names}, but it is meant for {expected}. Browsers will reject it on that server.",
            "Generate the CSR on the node itself (OS Administration > Security > Certificate Management > Generate CSR) and have the CA sign that one for the node's FQDN.",
            "NET::ERR_CERT_COMMON_NAME_INVALID",
        ),
        "san.multi_server" => t(
            "One certificate names several servers ({servers}). Multi-server (SAN) certificates are not supported for UCCX, MediaSense or SocialMiner.",
            "Generate one CSR per node with Distribution set to the node's own FQDN (not Multi-server (SAN)) and upload each node's own certificate as tomcat.",
        ),
        "san.wildcard" => t(
            "Wildcard name(s) {names}. The CSR from OS Administration names the node's own FQDN; one certificate for several servers is the multi-server case Cisco does not support for UCCX, MediaSense or SocialMiner.",
            "Use a certificate for each node's own FQDN, signed from the CSR that node generated.",
        ),
        "key.ecdsa_signed_by_rsa_ca" => t(
            "This EC (tomcat-ECDSA) certificate is signed by an RSA key ({issuer}). UCCX does not present an ECDSA certificate signed by an RSA CA, and on SocialMiner it breaks chat and e-mail (CSCvb58580).",
            "Ask the CA for an EC-signed certificate (an EC CA), or, if none can be had, install the UCCX ECDSA COP and the SocialMiner ECDSA COP so that only RSA is presented.",
        ),
        "key.ecdsa_upload_as_tomcat" => t(
            "This is an EC certificate ({key}): it is the tomcat-ECDSA certificate (UCCX/SocialMiner 11.5 and later).",
            "Upload it as tomcat-ECDSA, not as tomcat. The CA's root and intermediates go to tomcat-trust first (already there if the same CA signed the RSA tomcat certificate).",
        ),
        "key.rsa_small" => t(
            "The RSA key has {bits} bits; at least 2048 are needed.",
            "Generate a new CSR with key length 2048 and hash SHA256 and have it signed again.",
        ),
        "key.sha1_signature" => t(
            "Signed with {algorithm}: SHA-1 (or weaker) signatures are rejected by current browsers.",
            "Have the CA sign it again with SHA-256 (Cisco recommends RSA 2048 with SHA-256).",
        ),
        "ext.critical_not_allowed" => seen(
            "Critical extension(s) other than Key Usage and Basic Constraints: {extensions}. UCCX's TLS connection to Unified CM fails (SSLHandshakeException, CSCvd56174) and agents cannot log in to Finesse.",
            "Ask the CA to reissue the certificate with only Key Usage (2.5.29.15) and Basic Constraints (2.5.29.19) marked critical.",
            "Invalid user ID/password",
        ),
        "ext.missing_server_auth" => t(
            "The Extended Key Usage ({usages}) lacks serverAuth: browsers refuse this certificate for HTTPS.",
            "Ask the CA to use a web-server template whose Extended Key Usage includes TLS Web Server Authentication (serverAuth).",
        ),
        "ext.missing_client_auth" => t(
            "The Extended Key Usage ({usages}) lacks clientAuth; tomcat certificates are also used for TLS between nodes.",
            "Ask the CA to include TLS Web Client Authentication (clientAuth) beside serverAuth in the Extended Key Usage.",
        ),
        "validity.expired" => t(
            "Expired on {date} ({days} days before the check date).",
            "Generate a new CSR, have it signed and upload the new certificate. If this is Unified CM's tomcat certificate, UCCX cannot connect to Unified CM (SSLHandshakeException) and agents get \"Invalid user ID/password\" at Finesse login.",
        ),
        "validity.not_yet_valid" => t(
            "Not valid until {date}: browsers reject it before then.",
            "Check the date and time on the servers and PCs, or wait until the validity starts before uploading.",
        ),
        "validity.expires_soon" => t(
            "Expires on {date}: {days} day(s) left.",
            "Generate a new CSR now and have it signed, so the new certificate is uploaded before this one expires.",
        ),
        "chain.ok" => t(
            "Complete chain of {count} certificates with valid signatures: {path}.",
            "Upload the root and each intermediate as tomcat-trust, then the server certificate (see the upload plan).",
        ),
        "chain.order_wrong" => t(
            "{source} lists this chain's certificates out of order ({given}). The chain is: {order}.",
            "Order the bundle from the server certificate up to the root ({order}), or upload each certificate separately as the upload plan shows.",
        ),
        "chain.missing_intermediate" => t(
            "The chain stops at {top}: its issuer \"{issuer}\" (key id {key_id}) is not among the certificates given, and the CA certificates that were given do not link to it.",
            "Ask the CA for the certificate of \"{issuer}\" (key id {key_id}) and every certificate above it up to the root; upload them as tomcat-trust before the server certificate.",
        ),
        "chain.root_missing" => t(
            "The chain stops at {top}, which is not self-signed: its issuer \"{issuer}\" (key id {key_id}) was not given.",
            "Get the root (and any intermediate) for \"{issuer}\" from the CA and upload it as tomcat-trust first; browsers must trust that root too.",
        ),
        "chain.not_a_chain" => t(
            "This certificate neither issued nor was issued by any other certificate given.",
            "Check that it belongs to this deployment; if it should, the certificates between it and the others are missing.",
        ),
        "chain.bad_signature" => t(
            "The key of {issuer}, which has this certificate's issuer name, does not verify its signature: it is a different CA with the same name, or the certificate was altered.",
            "Get the issuing CA's certificate again from the CA (the one whose key signed this certificate) and check the certificate was not edited.",
        ),
        "chain.issuer_not_ca" => t(
            "This certificate is used as an issuer but is not a CA (basicConstraints cA is not TRUE); clients reject what it signs. Chain: {chain}.",
            "Have the certificate issued by a real CA certificate; a server certificate cannot sign others.",
        ),
        "chain.path_len_exceeded" => t(
            "Its pathLenConstraint allows {allowed} intermediate(s) below it, but the chain has {below}. Chain: {chain}.",
            "Ask the CA for a chain that respects the constraint (an issuing CA directly under this one).",
        ),
        "chain.issuer_key_usage" => t(
            "This CA's keyUsage does not include keyCertSign, so it may not sign certificates. Chain: {chain}.",
            "Ask the CA for a CA certificate with keyCertSign in its keyUsage.",
        ),
        "chain.unverifiable_signature" => t(
            "Its signature ({algorithm}) cannot be verified by this tool, so the link to its issuer is not treated as valid.",
            "Check the signature with the CA's tools; prefer RSA with SHA-256 (seed 004) or ECDSA with SHA-256/384.",
        ),
        "chain.cross_signed" => t(
            "A cross-signed variant of {used} (same name and key, another issuer); the chain does not need it.",
            "Upload it only if the CA asks for it; the root of the chain shown is enough for tomcat-trust.",
        ),
        "tls.client_tls10_only" => t(
            "UCCX {release} speaks only TLS 1.0 as a client: scripts, Finesse workflows and gadgets that call services accepting only TLS 1.1/1.2 (e.g. Salesforce since 2017-07-22) fail.",
            "Upgrade: from 10.x to 10.6(1)SU3 (TLS 1.1/1.2 as client) or 11.5(1)SU1; from 11.0 or 11.5 to 11.5(1)SU1. No engineering special or COP exists for this.",
        ),
        "csr.key_mismatch" => t(
            "This certificate's public key is not the key of the CSR {csr}: it does not answer that CSR and cannot be uploaded on the server that generated it.",
            "Send the CA the current CSR (a new CSR replaces the key of the previous one) and upload the certificate it returns for that CSR.",
        ),
        "csr.no_matching_csr" => t(
            "This server certificate answers none of the {count} CSR(s) given.",
            "Check that it is the CA's answer for this node; a certificate can only be uploaded on the node whose CSR it answers.",
        ),
        "csr.subject_mismatch" => t(
            "The subject differs from the CSR's: certificate {certificate_subject}; CSR {csr_subject}.",
            "Usually harmless when the CA applies its own subject policy; if the upload is refused, ask the CA to keep the CSR's subject.",
        ),
        "trust.self_signed_leaf" => t(
            "Self-signed {store} certificate: every agent's browser must accept it on every URL of the checklist.",
            "Accept it once per URL in each browser, or install it in the PCs' Trusted Root store (e.g. by GPO); in Firefox add an exception. A CA-signed certificate avoids this.",
        ),
        "trust.mixed_selfsigned_ecdsa" => t(
            "{server} has a CA-signed tomcat certificate but a self-signed tomcat-ECDSA certificate: agents are asked to accept extra certificates, and accepting from the Live Data gadget fails.",
            "Have the tomcat-ECDSA CSR signed by an EC CA and upload it as tomcat-ECDSA, or install the UCCX ECDSA COP so that only RSA is presented.",
        ),
        "csr.bad_signature" => t(
            "The CSR's own signature does not verify: {problem}. The request was damaged or edited after it was generated.",
            "Download the CSR again from OS Administration > Security > Certificate Management, or generate a new one, and send that to the CA unchanged.",
        ),
        _ => return None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::RULES;

    #[test]
    fn every_rule_has_english_texts() {
        for rule in RULES {
            let text = text_for(rule.id, Lang::En).unwrap_or_else(|| panic!("{}", rule.id));
            assert!(!text.message.is_empty() && !text.fix.is_empty(), "{}", rule.id);
        }
    }

    #[test]
    fn parses_language_tags() {
        assert_eq!(Lang::parse("ja-JP"), Some(Lang::Ja));
        assert_eq!(Lang::parse("pt"), Some(Lang::PtBr));
        assert_eq!(Lang::parse("zh-Hant-TW"), Some(Lang::ZhTw));
        assert_eq!(Lang::parse("fr"), None);
    }

    #[test]
    fn fills_placeholders() {
        assert_eq!(fill("{a} and {b}", &[("a", "1".into()), ("b", "2".into())]), "1 and 2");
    }
}
