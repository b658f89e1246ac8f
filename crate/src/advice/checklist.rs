//! The per-port acceptance checklist (domain.md §3; seeds 001, 002, 004): one row per node and
//! client URL, who needs it, which certificate it presents (only where a seed says so), and what
//! happens in the user's browser with the certificates given.

use serde::Serialize;

use crate::analysis::verdict::{self, Failure, InBrowser, InBrowsers, Verdict};
use crate::analysis::Analysis;
use crate::deployment::facts::Question;
use crate::deployment::roles::Store;
use crate::deployment::Product;
use crate::i18n::{self, Lang};
use crate::rules::finding::Finding;
use crate::x509::certificate::Certificate;

/// Who opens a URL.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Audience {
    /// Agents (Finesse desktop).
    Agent,
    /// Supervisors.
    Supervisor,
    /// Administrators.
    Admin,
    /// Reporting users (CUIC, Live Data reports).
    Reporting,
}

impl Audience {
    /// The audience's name in `lang`.
    pub fn label(self, lang: Lang) -> &'static str {
        i18n::phrase(
            match self {
                Audience::Agent => "audience.agent",
                Audience::Supervisor => "audience.supervisor",
                Audience::Admin => "audience.admin",
                Audience::Reporting => "audience.reporting",
            },
            lang,
        )
    }
}

/// Which web service a row is about.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Endpoint {
    /// UCCX AppAdmin and the UCCX platform web services (`/appadmin/main`).
    AppAdmin,
    /// The notification service (Openfire), `:7443`.
    Notification,
    /// The Finesse desktop, `:8445`.
    Finesse,
    /// Finesse administration, `:8445/cfadmin`.
    FinesseAdmin,
    /// CUIC, `:8444`.
    Cuic,
    /// Live Data (socket.io), `:12015` (from 11.x).
    LiveData,
    /// SocialMiner (chat and e-mail).
    SocialMiner,
    /// UCCE OS Administration, `:8443/cmplatform`.
    OsAdmin,
}

/// What the user's browser will do.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Outcome {
    /// Trusted once the PC trusts the chain's root.
    Trusted,
    /// Self-signed: accept it once (or install it on the PC).
    Accept,
    /// Will fail, with the reason.
    Fails,
    /// Depends on which certificate the port presents, which the sources do not say.
    Uncertain,
    /// The certificate this URL presents was not given.
    NotGiven,
}

impl Outcome {
    /// The outcome's short name in `lang`.
    pub fn label(self, lang: Lang) -> &'static str {
        i18n::phrase(
            match self {
                Outcome::Trusted => "outcome.trusted",
                Outcome::Accept => "outcome.accept",
                Outcome::Fails => "outcome.fails",
                Outcome::Uncertain => "outcome.uncertain",
                Outcome::NotGiven => "outcome.not_given",
            },
            lang,
        )
    }
}

/// One row.
#[derive(Clone, Debug, Serialize)]
pub struct Row {
    /// The server.
    pub node: String,
    /// The web service.
    pub endpoint: Endpoint,
    /// The URL to open.
    pub url: String,
    /// Who needs it.
    pub audiences: Vec<Audience>,
    /// The store whose certificate this URL presents, when a seed says so.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub presents: Option<Store>,
    /// The presented certificate, in words (says when it is not documented).
    pub presents_text: String,
    /// The outcome.
    pub outcome: Outcome,
    /// The outcome, in words, with what to do.
    pub outcome_text: String,
    /// The item of the certificate judged.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub item: Option<usize>,
    /// What Chrome/Edge and Firefox do with it (measured), when the row is about browser checks.
    pub browsers: Option<InBrowsers>,
    /// Seeds.
    pub cite: &'static str,
}

/// The checklist.
#[derive(Clone, Debug, Default, Serialize)]
pub struct Checklist {
    /// Rows, node by node.
    pub rows: Vec<Row>,
    /// URLs agents must accept in their browser (self-signed), counted once each.
    pub agent_accepts: usize,
    /// Why there are no rows, when there are none.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub empty_reason: Option<String>,
    /// What the rows cannot say, in words (UCCE Live Data's address for agents is not in the
    /// sources: what agents do instead).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub notes: Vec<String>,
}

const CITE_002: &str = "002_0fb8040ec2c52a7f.txt § Integração e configuração de cliente";
const CITE_001_TABLE: &str =
    "001_ac2a69aa6a55e92f.txt § よく寄せられる質問 (FAQ); 002_0fb8040ec2c52a7f.txt";
const CITE_LIVE_DATA: &str =
    "001_ac2a69aa6a55e92f.txt § UCCX および SocialMiner の署名付き証明書; 002_0fb8040ec2c52a7f.txt";
const CITE_004: &str =
    "004_724e4e2f4013d7cd.txt; 002_0fb8040ec2c52a7f.txt § Integração e configuração de cliente";

/// Which certificate a URL presents.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Presented {
    /// The RSA tomcat certificate.
    Tomcat,
    /// tomcat-ECDSA (tomcat when no EC certificate is presented).
    Ecdsa,
    /// Not documented from 11.5: tomcat or tomcat-ECDSA.
    Undocumented,
}

struct Spec {
    endpoint: Endpoint,
    path: &'static str,
    audiences: &'static [Audience],
    presents: Presented,
    cite: &'static str,
}

use Audience::*;

/// The UCCX rows of seed 002 (§ client certificates), in its order.
const UCCX: &[Spec] = &[
    Spec {
        endpoint: Endpoint::AppAdmin,
        path: "/appadmin/main",
        audiences: &[Admin, Agent, Supervisor],
        presents: Presented::Tomcat,
        cite: CITE_001_TABLE,
    },
    Spec {
        endpoint: Endpoint::Notification,
        path: ":7443/",
        audiences: &[Agent, Supervisor, Reporting],
        presents: Presented::Tomcat,
        cite: CITE_001_TABLE,
    },
    Spec {
        endpoint: Endpoint::Finesse,
        path: ":8445/",
        audiences: &[Agent, Supervisor],
        presents: Presented::Undocumented,
        cite: CITE_002,
    },
    Spec {
        endpoint: Endpoint::FinesseAdmin,
        path: ":8445/cfadmin",
        audiences: &[Admin],
        presents: Presented::Undocumented,
        cite: CITE_002,
    },
    Spec {
        endpoint: Endpoint::Cuic,
        path: ":8444/",
        audiences: &[Agent, Supervisor, Reporting],
        presents: Presented::Undocumented,
        cite: CITE_002,
    },
    Spec {
        endpoint: Endpoint::LiveData,
        path: ":12015/",
        audiences: &[Agent, Supervisor, Reporting],
        presents: Presented::Ecdsa,
        cite: CITE_LIVE_DATA,
    },
];

const UCCE_FINESSE: &[Spec] = &[
    Spec {
        endpoint: Endpoint::Finesse,
        path: ":8445/",
        audiences: &[Agent, Supervisor],
        presents: Presented::Undocumented,
        cite: CITE_004,
    },
    // The notification service the desktop keeps open (BOSH/WebSocket over HTTPS), with the
    // Finesse Tomcat certificate (Cisco's Finesse developer documentation).
    Spec {
        endpoint: Endpoint::Notification,
        path: ":7443/",
        audiences: &[Agent, Supervisor],
        presents: Presented::Tomcat,
        cite: "FIN-DEV-EVENTS § \"using the binding URI https://<FQDN>:7443/http-bind\"; FIN-DEV-XMPP § \"Finesse Notification Service shares the same certificate with Cisco Finesse Tomcat.\"",
    },
    Spec {
        endpoint: Endpoint::FinesseAdmin,
        path: ":8445/cfadmin",
        audiences: &[Admin],
        presents: Presented::Undocumented,
        cite: CITE_004,
    },
    Spec {
        endpoint: Endpoint::OsAdmin,
        path: ":8443/cmplatform",
        audiences: &[Admin],
        presents: Presented::Undocumented,
        cite: CITE_004,
    },
];

const UCCE_CUIC: &[Spec] = &[
    Spec {
        endpoint: Endpoint::Cuic,
        path: ":8444/",
        audiences: &[Agent, Supervisor, Reporting],
        presents: Presented::Undocumented,
        cite: CITE_004,
    },
    Spec {
        endpoint: Endpoint::OsAdmin,
        path: ":8443/cmplatform",
        audiences: &[Admin],
        presents: Presented::Undocumented,
        cite: CITE_004,
    },
];

const UCCE_LIVE_DATA: &[Spec] = &[Spec {
    endpoint: Endpoint::OsAdmin,
    path: ":8443/cmplatform",
    audiences: &[Admin],
    presents: Presented::Undocumented,
    cite: CITE_004,
}];

const SOCIALMINER: Spec = Spec {
    endpoint: Endpoint::SocialMiner,
    path: "/",
    audiences: &[Agent],
    presents: Presented::Ecdsa,
    cite:
        "002_0fb8040ec2c52a7f.txt § Certificado de cliente de SocialMiner; 001_ac2a69aa6a55e92f.txt",
};

/// How the leaf of one store on one node stands.
struct Judged {
    outcome: Outcome,
    text: String,
    item: Option<usize>,
    browsers: Option<InBrowsers>,
}

struct Judge<'a> {
    analysis: &'a Analysis,
    findings: &'a [Finding],
    lang: Lang,
}

impl Judge<'_> {
    fn phrase(&self, key: &str, args: &[(&'static str, String)]) -> String {
        i18n::fill(i18n::phrase(key, self.lang), args)
    }

    /// The server certificate `node` will present from `store` (the end state).
    fn leaf(&self, node: &str, store: Store) -> Option<(usize, &Certificate, bool)> {
        let item = self.analysis.end_state.presents(node, store)?;
        let (certificate, role) = self.analysis.certificate_with_role(item)?;
        Some((item, certificate, role.self_signed_leaf))
    }

    /// The words for a failure: the report's finding of that id on that certificate, when the
    /// report has one (its rule may need context that was not given), else the id and the label.
    fn reason(&self, failure: Failure) -> String {
        let finding = self
            .findings
            .iter()
            .find(|finding| finding.id == failure.id && finding.item == Some(failure.item));
        match finding {
            Some(finding) => format!("{} — {}", failure.id, finding.message),
            None => format!("{} — {}", failure.id, self.analysis.label(failure.item)),
        }
    }

    fn judge(&self, node: &str, store: Store) -> Judged {
        let Some((item, _, _)) = self.leaf(node, store) else {
            return Judged {
                outcome: Outcome::NotGiven,
                text: self.phrase(
                    "checklist.not_given",
                    &[("store", store.as_str().into()), ("node", node.into())],
                ),
                item: None,
                browsers: None,
            };
        };
        let verdict = verdict::judge(self.analysis, item, node);
        let browsers = verdict::in_browsers(&verdict).map(|browsers| InBrowsers {
            safari: verdict::in_safari(self.analysis, item, &verdict),
            ..browsers
        });
        let (outcome, text) = match verdict {
            Verdict::Fails(failure) => (
                Outcome::Fails,
                self.phrase("checklist.fails", &[("reason", self.reason(failure))]),
            ),
            Verdict::SelfSigned { as_root } => {
                let mut text = self.phrase("checklist.accept", &[]);
                // A VOS self-signed certificate is cA=TRUE: imported as an authority it is
                // trusted by Chrome and Edge, while Firefox refuses a CA certificate used as a
                // server's and keeps only a per-site exception — unless Chromium refuses it as a
                // root too (expired, not yet valid, SHA-1/MD5 self-signature: measured).
                if let Some(id) = as_root {
                    let reason = self.reason(Failure { id, item });
                    text = format!(
                        "{text} {}",
                        self.phrase("checklist.accept_not_as_root", &[("reason", reason)])
                    );
                } else if self.analysis.certificate(item).is_some_and(Certificate::is_ca) {
                    text =
                        format!("{text} {}", self.phrase("checklist.accept_ca_self_signed", &[]));
                }
                (Outcome::Accept, text)
            }
            Verdict::Trusted { root: Some(root), .. } => (
                Outcome::Trusted,
                self.phrase("checklist.trusted", &[("root", self.analysis.label(root))]),
            ),
            Verdict::Trusted { above, .. } => (
                Outcome::Trusted,
                self.phrase("checklist.trusted_above", &[("issuer", above.unwrap_or_default())]),
            ),
        };
        // Safari (macOS, iOS) refuses what Apple's rules refuse, where Chromium and Firefox may
        // not: the row says so (documented by Apple, not measured).
        let text = match verdict::apple_failure(self.analysis, item) {
            Some(failure) => format!(
                "{text} {}",
                self.phrase("checklist.safari_refuses", &[("reason", self.reason(failure))])
            ),
            None => text,
        };
        Judged { outcome, text, item: Some(item), browsers }
    }

    /// What each browser family does, in words: whole sentences per family and case.
    fn browser_text(&self, browsers: &InBrowsers) -> String {
        let sentence = |family: &str, what: &InBrowser| {
            let case = match (what.opens, what.click_through) {
                (true, _) => "opens",
                (false, true) => "click_through",
                (false, false) => "no_way",
            };
            self.phrase(&format!("browser.{family}.{case}"), &[])
        };
        format!(
            "{} {}",
            sentence("chromium", &browsers.chromium),
            sentence("firefox", &browsers.firefox)
        )
    }

    fn row(&self, node: &str, spec: &Spec) -> Row {
        let url = format!("https://{node}{}", spec.path);
        let release = self.analysis.context.release;
        // The release facts: tomcat-ECDSA on UCCX/SocialMiner 11.5(x), UCCE with ECDSA enabled.
        let ecdsa_era = self.analysis.context.tomcat_ecdsa();
        // Without a release, an EC certificate for the node means it runs 11.5(x).
        let has_ecdsa = ecdsa_era.unwrap_or_else(|| self.leaf(node, Store::TomcatEcdsa).is_some());
        let (presents, presents_key) = match (spec.presents, has_ecdsa) {
            (Presented::Tomcat, _) | (_, false) => {
                (Some(Store::Tomcat), "checklist.presents_tomcat")
            }
            (Presented::Ecdsa, true) => (Some(Store::TomcatEcdsa), "checklist.presents_ecdsa"),
            (Presented::Undocumented, true) => (None, "checklist.presents_undocumented"),
        };
        let mut judged = match presents {
            Some(Store::TomcatEcdsa) => {
                let ecdsa = self.judge(node, Store::TomcatEcdsa);
                let rsa = self.judge(node, Store::Tomcat);
                let rsa_ca = rsa.outcome == Outcome::Trusted;
                let signed_by_rsa = self.leaf(node, Store::TomcatEcdsa).is_some_and(
                    |(_, certificate, self_signed)| {
                        !self_signed && certificate.signature_oid.starts_with("1.2.840.113549")
                    },
                );
                if spec.endpoint == Endpoint::LiveData && ecdsa.outcome == Outcome::Accept && rsa_ca
                {
                    // 001 table, row 4: CA-signed tomcat + self-signed tomcat-ECDSA.
                    Judged {
                        outcome: Outcome::Fails,
                        text: self.phrase("checklist.live_data_mixed", &[]),
                        item: ecdsa.item,
                        browsers: None,
                    }
                } else if spec.endpoint == Endpoint::SocialMiner && signed_by_rsa {
                    Judged {
                        outcome: Outcome::Fails,
                        text: self.phrase("checklist.socialminer_rsa_ecdsa", &[]),
                        item: ecdsa.item,
                        browsers: None,
                    }
                } else if signed_by_rsa {
                    // 001: an ECDSA certificate signed by an RSA CA is not presented; tomcat is.
                    Judged {
                        text: format!(
                            "{} {}",
                            self.phrase("checklist.ecdsa_not_presented", &[]),
                            rsa.text
                        ),
                        ..rsa
                    }
                } else if ecdsa.outcome == Outcome::NotGiven
                    && rsa.outcome != Outcome::NotGiven
                    && ecdsa_era.is_none()
                {
                    rsa
                } else {
                    ecdsa
                }
            }
            Some(_) => self.judge(node, Store::Tomcat),
            None => {
                let rsa = self.judge(node, Store::Tomcat);
                let ecdsa = self.judge(node, Store::TomcatEcdsa);
                if rsa.outcome == ecdsa.outcome || ecdsa.outcome == Outcome::NotGiven {
                    rsa
                } else {
                    Judged {
                        outcome: if rsa.outcome == Outcome::Fails || ecdsa.outcome == Outcome::Fails
                        {
                            Outcome::Fails
                        } else {
                            Outcome::Uncertain
                        },
                        text: self.phrase(
                            "checklist.either",
                            &[
                                ("rsa", format!("{} {}", rsa.outcome.label(self.lang), rsa.text)),
                                (
                                    "ecdsa",
                                    format!("{} {}", ecdsa.outcome.label(self.lang), ecdsa.text),
                                ),
                            ],
                        ),
                        item: rsa.item,
                        browsers: None,
                    }
                }
            }
        };
        // Whether agents can click through, per browser family, where a browser refuses.
        if let Some(browsers) = &judged.browsers {
            if judged.outcome != Outcome::Trusted {
                judged.text = format!("{} {}", judged.text, self.browser_text(browsers));
            }
        }
        if spec.endpoint == Endpoint::LiveData && release.is_none() {
            judged.text =
                format!("{} {}", judged.text, self.phrase("checklist.live_data_from_11", &[]));
        }
        Row {
            node: node.to_string(),
            endpoint: spec.endpoint,
            url,
            audiences: spec.audiences.to_vec(),
            presents,
            presents_text: self.phrase(presents_key, &[]),
            outcome: judged.outcome,
            outcome_text: judged.text,
            item: judged.item,
            browsers: judged.browsers,
            cite: spec.cite,
        }
    }
}

/// Build the checklist for the analysed certificates and context. `findings` are the report's.
#[inline(never)] // a stage of the check, its own wasm function: see `report::report`
pub fn build(analysis: &Analysis, findings: &[Finding], lang: Lang) -> Checklist {
    let judge = Judge { analysis, findings, lang };
    let context = &analysis.context;
    let mut rows = Vec::new();
    let empty_reason = match context.product {
        Some(Product::Uccx) => {
            let live_data = context.fact(Question::LiveData).yes() != Some(false);
            for node in context.plain_nodes() {
                for spec in
                    UCCX.iter().filter(|spec| spec.endpoint != Endpoint::LiveData || live_data)
                {
                    rows.push(judge.row(node, spec));
                }
            }
            context.nodes.is_empty().then(|| judge.phrase("checklist.need_nodes", &[]))
        }
        Some(Product::Ucce) => {
            let clusters = [
                (&context.ucce.finesse, UCCE_FINESSE),
                (&context.ucce.cuic, UCCE_CUIC),
                (&context.ucce.livedata, UCCE_LIVE_DATA),
            ];
            for (nodes, specs) in clusters {
                for node in nodes {
                    for spec in specs {
                        rows.push(judge.row(node, spec));
                    }
                }
            }
            rows.is_empty().then(|| judge.phrase("checklist.need_ucce_servers", &[]))
        }
        // MediaSense has no agent-facing URLs in the seeds: say what would give a checklist.
        Some(Product::Mediasense) => Some(judge.phrase("checklist.mediasense", &[])),
        Some(Product::Socialminer) | None if context.socialminer.is_none() => {
            Some(judge.phrase("checklist.need_product", &[]))
        }
        _ => None,
    };
    if let Some(socialminer) = &context.socialminer {
        if matches!(context.product, Some(Product::Uccx | Product::Socialminer) | None) {
            rows.push(judge.row(socialminer, &SOCIALMINER));
        }
    }
    let mut accepted: Vec<&str> = Vec::new();
    for row in &rows {
        if row.audiences.contains(&Agent)
            && row.outcome == Outcome::Accept
            && !accepted.contains(&row.url.as_str())
        {
            accepted.push(row.url.as_str());
        }
    }
    let agent_accepts = accepted.len();
    let mut notes = Vec::new();
    if context.product == Some(Product::Ucce) && !context.ucce.livedata.is_empty() {
        notes.push(judge.phrase("checklist.ucce_live_data", &[]));
    }
    Checklist { rows, agent_accepts, empty_reason, notes }
}
