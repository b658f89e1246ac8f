//! What each product and release has: one table of facts, each with the releases it holds for and
//! the Cisco document it comes from (style.md §5, as zlint's lints hold for a range of dates).
//!
//! Every question about a release — does it have tomcat-ECDSA, Live Data, multi-server SAN
//! certificates; which RSA key lengths it takes; does it need clientAuth for mutual TLS (FN74382);
//! which TLS versions it speaks — asks this table, and the answer carries its citation so the
//! sentence the user reads can name the source. Precedence: a newer document wins for the
//! releases it names, the older fact stays for the releases before — so a newer document only
//! narrows a range here; no `if release >= …` lives anywhere else.

use serde::Serialize;

use super::{Product, Release};

/// A question the table answers.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Question {
    /// The servers have a `tomcat-ECDSA` certificate they present to clients.
    TomcatEcdsa,
    /// Live Data (`:12015`, socket.io) runs on the node.
    LiveData,
    /// One certificate may name several servers in its SAN.
    MultiServerSan,
    /// The RSA key lengths a node certificate may have.
    RsaKeyLengths,
    /// Mutual-TLS connections need certificates with both serverAuth and clientAuth (FN74382).
    ClientAuthForMtls,
    /// The TLS versions the product speaks as server and as client.
    TlsVersions,
    /// Finesse IP Phone Agent needs HTTPS: Unified CM's Phone-trust must hold the UCCX (Finesse)
    /// certificate or its CA chain.
    IppaHttps,
}

impl Question {
    /// Every question, in the order the README's table lists them.
    pub const ALL: [Question; 7] = [
        Question::TomcatEcdsa,
        Question::LiveData,
        Question::MultiServerSan,
        Question::RsaKeyLengths,
        Question::ClientAuthForMtls,
        Question::TlsVersions,
        Question::IppaHttps,
    ];

    /// The question as the README's table names it.
    pub fn title(self) -> &'static str {
        match self {
            Question::TomcatEcdsa => "tomcat-ECDSA certificate",
            Question::LiveData => "Live Data on the node (:12015)",
            Question::MultiServerSan => "multi-server (SAN) certificate",
            Question::RsaKeyLengths => "RSA key lengths of a node certificate",
            Question::ClientAuthForMtls => "mutual TLS needs clientAuth (FN74382)",
            Question::TlsVersions => "TLS versions (server / client)",
            Question::IppaHttps => "Finesse IP Phone Agent over HTTPS (Unified CM Phone-trust)",
        }
    }
}

/// What the table says.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case", tag = "kind")]
pub enum Value {
    /// Yes.
    Yes,
    /// No.
    No,
    /// Only when the administrator turns it on (UCCE's ECDSA).
    OptIn,
    /// Yes, but only the cluster's own nodes (UCCX multi-server SAN).
    NodesOnly,
    /// Exactly these RSA key lengths.
    KeyLengths {
        /// The lengths, in bits.
        bits: &'static [u32],
    },
    /// RSA keys up to this length.
    KeyLengthsUpTo {
        /// The longest, in bits.
        bits: u32,
    },
    /// Affected by FN74382: server-only certificates from public CAs break mutual TLS; the fix
    /// is the release named.
    Affected {
        /// The first fixed release.
        fixed: Release,
    },
    /// Fixed: the release can ignore the client EKU (FN74382).
    Fixed,
    /// TLS versions.
    Tls {
        /// As server.
        server: &'static [&'static str],
        /// As client (scripts, Finesse workflows, gadgets).
        client: &'static [&'static str],
        /// The upgrade the source gives for these releases (a phrase key), if any.
        #[serde(skip)]
        upgrade: Option<&'static str>,
        /// What the source adds for these releases (a phrase key), if anything.
        #[serde(skip)]
        note: Option<&'static str>,
    },
}

/// A release range `[from, before)`; `None` is open.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
pub struct Releases {
    /// The first release it holds for.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub from: Option<Release>,
    /// The first release it no longer holds for.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub before: Option<Release>,
}

impl Releases {
    /// Whether `release` is in the range.
    pub fn contains(self, release: Release) -> bool {
        self.from.is_none_or(|from| release >= from)
            && self.before.is_none_or(|before| release < before)
    }

    /// The range in words, as release numbers: `11.5 – before 11.6`, `from 12.5(1)`, `all`.
    pub fn describe(self) -> String {
        let short = |release: Release| {
            if release.maintenance == 0 && release.service_update == 0 {
                format!("{}.{}", release.major, release.minor)
            } else {
                release.to_string()
            }
        };
        match (self.from, self.before) {
            (None, None) => "all".to_string(),
            (Some(from), None) => format!("{} and later", short(from)),
            (None, Some(before)) => format!("before {}", short(before)),
            (Some(from), Some(before)) => {
                format!("{} up to {} (not included)", short(from), short(before))
            }
        }
    }
}

/// One fact: for these products and releases, this is the answer, says this document.
#[derive(Clone, Copy, Debug, Serialize)]
pub struct Fact {
    /// The question.
    pub question: Question,
    /// The products it holds for.
    pub products: &'static [Product],
    /// The releases it holds for.
    pub releases: Releases,
    /// The answer.
    pub value: Value,
    /// The source: a seed file and section, or a document of `cisco-now` and the sentence quoted
    /// (`TN118855 § "…"`), as every citation is written (see `report::sources`).
    pub cite: &'static str,
    /// The fact in the user's words: a phrase key of the text catalogue.
    pub why: &'static str,
}

const fn r(major: u32, minor: u32, maintenance: u32, service_update: u32) -> Release {
    Release::new(major, minor, maintenance, service_update)
}

const fn range(from: Option<Release>, before: Option<Release>) -> Releases {
    Releases { from, before }
}

/// UCCX and SocialMiner (Customer Collaboration Platform from 12.0): the products of the
/// seeds' UCCX solution.
const UCCX_SOLUTION: &[Product] = &[Product::Uccx, Product::Socialminer];

const CITE_ECDSA_11_5: &str = "001_ac2a69aa6a55e92f.txt § UCCX および SocialMiner の署名付き証明書";
const CITE_ECDSA_REMOVED: &str = "TN118855 § \"Starting from 11.6, use of ECDSA certificates has been removed from the UCCX solution completely.\"";
const CITE_ECDSA_UCCE: &str = "UCCE-150-SEC § \"A component operates on ECDSA only if the server is configured to use ECDSA\"";
const CITE_MULTI_SAN_OLD: &str =
    "002_0fb8040ec2c52a7f.txt § Instale Certificados assinados do aplicativo de Tomcat";
const CITE_MULTI_SAN_11_6: &str = "TN118855 § \"Multi-server (SAN) certificate is supported for UCCX from 11.6 release onwards.\"";
const CITE_KEY_UCCX: &str =
    "TN118855 § \"UCCX only supports certificate key lengths of 1024 and 2048 bits.\"";
const CITE_KEY_PLATFORM: &str = "CUCM-SEC-14SU2 § \"certificates up to 4096 bits\"";
const CITE_FN74382: &str = "FN74382 § \"Certificates that are used for mTLS connections in Cisco Unified Contact Center products are expected to include both Server and Client Authentication EKUs.\"";
const CITE_TLS: &str = "000_e1a875b5f41a8b27.txt";

const CITE_IPPA: &str = "UCCX-125-RN § \"12.5(1) requires HTTPS for Finesse IP Phone Agent\"";

/// FN74382's first fixed release, for every product it names.
pub const FN74382_FIXED: Release = r(15, 0, 1, 2);

/// The table. Within one question and product the ranges do not overlap (a test checks it).
pub static FACTS: &[Fact] = &[
    // tomcat-ECDSA: added in 11.5 for Common Criteria (seed 001), removed from 11.6 (TN118855).
    Fact {
        question: Question::TomcatEcdsa,
        products: UCCX_SOLUTION,
        releases: range(None, Some(r(11, 5, 0, 0))),
        value: Value::No,
        cite: CITE_ECDSA_11_5,
        why: "facts.ecdsa_before_11_5",
    },
    Fact {
        question: Question::TomcatEcdsa,
        products: UCCX_SOLUTION,
        releases: range(Some(r(11, 5, 0, 0)), Some(r(11, 6, 0, 0))),
        value: Value::Yes,
        cite: CITE_ECDSA_11_5,
        why: "facts.ecdsa_11_5",
    },
    Fact {
        question: Question::TomcatEcdsa,
        products: UCCX_SOLUTION,
        releases: range(Some(r(11, 6, 0, 0)), None),
        value: Value::No,
        cite: CITE_ECDSA_REMOVED,
        why: "facts.ecdsa_removed",
    },
    // UCCE 11.0 (seed 004) has no tomcat-ECDSA; in the current guide ECDSA is opt-in.
    Fact {
        question: Question::TomcatEcdsa,
        products: &[Product::Ucce],
        releases: range(None, Some(r(11, 5, 0, 0))),
        value: Value::No,
        cite: "004_724e4e2f4013d7cd.txt",
        why: "facts.ecdsa_ucce_11_0",
    },
    Fact {
        question: Question::TomcatEcdsa,
        products: &[Product::Ucce],
        releases: range(Some(r(11, 5, 0, 0)), None),
        value: Value::OptIn,
        cite: CITE_ECDSA_UCCE,
        why: "facts.ecdsa_ucce",
    },
    // Live Data is part of UCCX from 11.x (seeds 001, 002).
    Fact {
        question: Question::LiveData,
        products: &[Product::Uccx],
        releases: range(None, Some(r(11, 0, 0, 0))),
        value: Value::No,
        cite: "001_ac2a69aa6a55e92f.txt § UCCX および SocialMiner の署名付き証明書; 002_0fb8040ec2c52a7f.txt",
        why: "facts.live_data_before_11",
    },
    Fact {
        question: Question::LiveData,
        products: &[Product::Uccx],
        releases: range(Some(r(11, 0, 0, 0)), None),
        value: Value::Yes,
        cite: "001_ac2a69aa6a55e92f.txt § UCCX および SocialMiner の署名付き証明書; 002_0fb8040ec2c52a7f.txt",
        why: "facts.live_data_from_11",
    },
    // Multi-server SAN: unsupported in seed 002; UCCX from 11.6, its two nodes only (TN118855).
    Fact {
        question: Question::MultiServerSan,
        products: &[Product::Uccx],
        releases: range(None, Some(r(11, 6, 0, 0))),
        value: Value::No,
        cite: CITE_MULTI_SAN_OLD,
        why: "facts.multi_san_before_11_6",
    },
    Fact {
        question: Question::MultiServerSan,
        products: &[Product::Uccx],
        releases: range(Some(r(11, 6, 0, 0)), None),
        value: Value::NodesOnly,
        cite: CITE_MULTI_SAN_11_6,
        why: "facts.multi_san_nodes_only",
    },
    Fact {
        question: Question::MultiServerSan,
        products: &[Product::Socialminer, Product::Mediasense],
        releases: range(None, None),
        value: Value::No,
        cite: CITE_MULTI_SAN_OLD,
        why: "facts.multi_san_unsupported",
    },
    // Key lengths: UCCX 1024 and 2048 (TN118855); the platform up to 4096 (Unified CM's guide).
    Fact {
        question: Question::RsaKeyLengths,
        products: &[Product::Uccx],
        releases: range(None, None),
        value: Value::KeyLengths { bits: &[1024, 2048] },
        cite: CITE_KEY_UCCX,
        why: "facts.keys_uccx",
    },
    Fact {
        question: Question::RsaKeyLengths,
        products: &[Product::Ucce, Product::Socialminer, Product::Mediasense],
        releases: range(None, None),
        value: Value::KeyLengthsUpTo { bits: 4096 },
        cite: CITE_KEY_PLATFORM,
        why: "facts.keys_platform",
    },
    // FN74382: UCCX 12.5(1)–SU3 and 15.0(1) (with CCP), Finesse, CUIC, UCCE 12.5(1)–15.0(1).
    Fact {
        question: Question::ClientAuthForMtls,
        products: &[Product::Uccx, Product::Socialminer, Product::Ucce],
        releases: range(Some(r(12, 5, 0, 0)), Some(FN74382_FIXED)),
        value: Value::Affected { fixed: FN74382_FIXED },
        cite: CITE_FN74382,
        why: "facts.fn74382_affected",
    },
    Fact {
        question: Question::ClientAuthForMtls,
        products: &[Product::Uccx, Product::Socialminer, Product::Ucce],
        releases: range(Some(FN74382_FIXED), None),
        value: Value::Fixed,
        cite: CITE_FN74382,
        why: "facts.fn74382_fixed",
    },
    // Finesse IP Phone Agent over HTTPS from UCCX 12.5(1) (its release notes).
    Fact {
        question: Question::IppaHttps,
        products: &[Product::Uccx],
        releases: range(Some(r(12, 5, 0, 0)), None),
        value: Value::Yes,
        cite: CITE_IPPA,
        why: "facts.ippa_https",
    },
    // TLS versions by release (seed 000's table).
    Fact {
        question: Question::TlsVersions,
        products: UCCX_SOLUTION,
        releases: range(Some(r(10, 0, 0, 0)), Some(r(10, 6, 1, 3))),
        value: Value::Tls {
            server: &["1.0", "1.1", "1.2"],
            client: &["1.0"],
            upgrade: Some("tls.upgrade_10"),
            note: None,
        },
        cite: CITE_TLS,
        why: "facts.tls",
    },
    Fact {
        question: Question::TlsVersions,
        products: UCCX_SOLUTION,
        releases: range(Some(r(10, 6, 1, 3)), Some(r(11, 0, 0, 0))),
        value: Value::Tls {
            server: &["1.0", "1.1", "1.2"],
            client: &["1.1", "1.2"],
            upgrade: Some("tls.upgrade_10_su3"),
            note: None,
        },
        cite: CITE_TLS,
        why: "facts.tls",
    },
    Fact {
        question: Question::TlsVersions,
        products: UCCX_SOLUTION,
        releases: range(Some(r(11, 0, 0, 0)), Some(r(11, 5, 1, 1))),
        value: Value::Tls {
            server: &["1.0", "1.1", "1.2"],
            client: &["1.0"],
            upgrade: Some("tls.upgrade_11"),
            note: None,
        },
        cite: CITE_TLS,
        why: "facts.tls",
    },
    Fact {
        question: Question::TlsVersions,
        products: UCCX_SOLUTION,
        releases: range(Some(r(11, 5, 1, 1)), Some(r(11, 6, 0, 0))),
        value: Value::Tls {
            server: &["1.1", "1.2"],
            client: &["1.1", "1.2"],
            upgrade: None,
            note: Some("tls.socialminer_11_5_su1"),
        },
        cite: CITE_TLS,
        why: "facts.tls",
    },
    Fact {
        question: Question::TlsVersions,
        products: UCCX_SOLUTION,
        releases: range(Some(r(11, 6, 0, 0)), Some(r(11, 7, 0, 0))),
        value: Value::Tls {
            server: &["1.2"],
            client: &["1.2"],
            upgrade: None,
            note: Some("tls.socialminer_11_6"),
        },
        cite: CITE_TLS,
        why: "facts.tls",
    },
];

impl Value {
    /// TLS 1.0 is the only version spoken as a client (seed 000).
    pub fn client_tls10_only(self) -> bool {
        matches!(self, Value::Tls { client: ["1.0"], .. })
    }
}

/// What the table answers for one product and release.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Answer {
    /// The answer, when a fact covers the product and release.
    pub value: Option<Value>,
    /// Its source, when a fact covers them.
    pub cite: &'static str,
    /// The fact in words (a phrase key), when a fact covers them.
    pub why: &'static str,
}

impl Answer {
    /// Yes / no for the yes-or-no questions (`None`: the table does not know, or it is opt-in).
    pub fn yes(self) -> Option<bool> {
        match self.value? {
            Value::Yes | Value::NodesOnly => Some(true),
            Value::No => Some(false),
            _ => None,
        }
    }
}

/// The product a question is asked for: no product given is taken as UCCX, the solution the seeds
/// describe (its rules have always run without one).
fn product_or_uccx(product: Option<Product>) -> Product {
    product.unwrap_or(Product::Uccx)
}

/// Ask the table. Without a release there is no answer (see [`ranges`] for what each release does).
pub fn ask(question: Question, product: Option<Product>, release: Option<Release>) -> Answer {
    let product = product_or_uccx(product);
    let found = ranges(question, Some(product)).find(|fact| match release {
        Some(release) => fact.releases.contains(release),
        // Facts that hold for every release answer without one.
        None => fact.releases.from.is_none() && fact.releases.before.is_none(),
    });
    match found {
        Some(fact) => Answer { value: Some(fact.value), cite: fact.cite, why: fact.why },
        None => Answer { value: None, cite: "", why: "" },
    }
}

/// The platform's RSA key lengths (documented for Unified CM; same platform), for a check made
/// without a product.
pub fn platform_rsa_lengths() -> Answer {
    ask(Question::RsaKeyLengths, Some(Product::Mediasense), None)
}

/// Every fact about `question` for `product`, in release order: what each release does.
pub fn ranges(question: Question, product: Option<Product>) -> impl Iterator<Item = &'static Fact> {
    let product = product_or_uccx(product);
    FACTS.iter().filter(move |fact| fact.question == question && fact.products.contains(&product))
}

/// The table as Markdown, for the README (a test fails when the README differs).
pub fn markdown_table() -> String {
    let mut out = String::from(
        "| question | products | releases | answer | source |\n|---|---|---|---|---|\n",
    );
    for question in Question::ALL {
        for fact in FACTS.iter().filter(|fact| fact.question == question) {
            let products: Vec<&str> = fact.products.iter().map(|product| product.name()).collect();
            let answer = match fact.value {
                Value::Yes => "yes".to_string(),
                Value::No => "no".to_string(),
                Value::OptIn => "only when ECDSA is enabled".to_string(),
                Value::NodesOnly => "yes, the cluster's own nodes only".to_string(),
                Value::KeyLengths { bits } => {
                    let bits: Vec<String> = bits.iter().map(u32::to_string).collect();
                    format!("{} bits only", bits.join(" and "))
                }
                Value::KeyLengthsUpTo { bits } => format!("up to {bits} bits"),
                Value::Affected { fixed } => format!("affected (fixed in {fixed})"),
                Value::Fixed => "fixed (client EKU can be ignored)".to_string(),
                Value::Tls { server, client, .. } => {
                    format!("TLS {} / TLS {}", server.join(", "), client.join(", "))
                }
            };
            out.push_str(&format!(
                "| {} | {} | {} | {} | {} |\n",
                question.title(),
                products.join(", "),
                fact.releases.describe(),
                answer,
                fact.cite.replace('|', "\\|"),
            ));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ranges_of_one_question_and_product_do_not_overlap() {
        let products = [Product::Uccx, Product::Ucce, Product::Socialminer, Product::Mediasense];
        let probes = [
            r(9, 0, 1, 0),
            r(10, 6, 1, 2),
            r(10, 6, 1, 3),
            r(11, 0, 1, 0),
            r(11, 5, 1, 0),
            r(11, 5, 1, 1),
            r(11, 6, 2, 0),
            r(12, 5, 1, 3),
            r(15, 0, 1, 1),
            r(15, 0, 1, 2),
        ];
        for question in Question::ALL {
            for product in products {
                for release in probes {
                    let covering = ranges(question, Some(product))
                        .filter(|fact| fact.releases.contains(release))
                        .count();
                    assert!(covering <= 1, "{question:?} {product:?} {release}: {covering}");
                }
            }
        }
    }

    #[test]
    fn answers_follow_the_newer_documents() {
        let uccx = Some(Product::Uccx);
        let ask_yes = |question, release| ask(question, uccx, Some(release)).yes();
        assert_eq!(ask_yes(Question::TomcatEcdsa, r(11, 0, 1, 0)), Some(false));
        assert_eq!(ask_yes(Question::TomcatEcdsa, r(11, 5, 1, 2)), Some(true));
        assert_eq!(ask_yes(Question::TomcatEcdsa, r(12, 5, 1, 3)), Some(false));
        assert_eq!(ask(Question::TomcatEcdsa, uccx, None).value, None);
        let ucce = |release| ask(Question::TomcatEcdsa, Some(Product::Ucce), Some(release)).value;
        assert_eq!(ucce(r(11, 0, 1, 0)), Some(Value::No));
        assert_eq!(ucce(r(12, 6, 2, 0)), Some(Value::OptIn));
        assert_eq!(ask_yes(Question::MultiServerSan, r(11, 5, 1, 0)), Some(false));
        assert_eq!(ask_yes(Question::MultiServerSan, r(12, 5, 1, 0)), Some(true));
        assert_eq!(
            ask(Question::MultiServerSan, Some(Product::Socialminer), Some(r(12, 5, 1, 0))).yes(),
            Some(false)
        );
        let fn74382 = |release| ask(Question::ClientAuthForMtls, uccx, Some(release)).value;
        assert_eq!(fn74382(r(11, 6, 2, 0)), None);
        assert_eq!(fn74382(r(12, 5, 1, 3)), Some(Value::Affected { fixed: FN74382_FIXED }));
        assert_eq!(fn74382(r(15, 0, 1, 0)), Some(Value::Affected { fixed: FN74382_FIXED }));
        assert_eq!(fn74382(r(15, 0, 1, 2)), Some(Value::Fixed));
        assert!(!ask(Question::RsaKeyLengths, uccx, None).cite.is_empty());
    }
}
