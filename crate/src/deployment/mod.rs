//! The deployment context: product, release, node FQDNs, and the check date.

pub mod facts;
pub mod roles;

use std::cmp::Ordering;
use std::fmt;

use serde::{Deserialize, Serialize};

/// The Cisco product the certificates are for.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Product {
    /// Unified Contact Center Express.
    Uccx,
    /// Unified Contact Center Enterprise (Finesse, CUIC, Live Data servers).
    Ucce,
    /// SocialMiner.
    Socialminer,
    /// MediaSense.
    Mediasense,
}

impl Product {
    /// Parse `uccx`, `UCCE`, `socialminer`, `mediasense`.
    pub fn parse(text: &str) -> Option<Product> {
        match text.trim().to_ascii_lowercase().as_str() {
            "uccx" => Some(Product::Uccx),
            "ucce" => Some(Product::Ucce),
            "socialminer" => Some(Product::Socialminer),
            "mediasense" => Some(Product::Mediasense),
            _ => None,
        }
    }

    /// The product's usual name.
    pub fn name(self) -> &'static str {
        match self {
            Product::Uccx => "UCCX",
            Product::Ucce => "UCCE",
            Product::Socialminer => "SocialMiner",
            Product::Mediasense => "MediaSense",
        }
    }
}

/// A release such as `11.6(1)`, `10.6(1)SU3` or `12.5`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
pub struct Release {
    /// Major version.
    pub major: u32,
    /// Minor version.
    pub minor: u32,
    /// Maintenance release, the number in parentheses (0 when absent).
    pub maintenance: u32,
    /// Service update (SU) number, 0 when none.
    pub service_update: u32,
}

impl Release {
    /// Parse a release string. Accepts `11.5(1)SU1`, `11.5(1) SU1`, `11.5.1.10000-61`, `12.5`.
    pub fn parse(text: &str) -> Option<Release> {
        let text = text.trim().to_ascii_uppercase();
        let text = text.strip_prefix('V').unwrap_or(&text);
        let (major_text, rest) = text.split_once('.')?;
        let major: u32 = major_text.trim().parse().ok()?;
        let minor_digits: String = rest.chars().take_while(char::is_ascii_digit).collect();
        let minor: u32 = minor_digits.parse().ok()?;
        let mut rest = &rest[minor_digits.len()..];
        let mut maintenance = 0;
        if let Some(inner) = rest.strip_prefix('(') {
            let (number, after) = inner.split_once(')')?;
            maintenance = number.trim().parse().ok()?;
            rest = after;
        } else if let Some(inner) = rest.strip_prefix('.') {
            // Dotted build numbers: 11.5.1.10000-61 → maintenance 1.
            let digits: String = inner.chars().take_while(char::is_ascii_digit).collect();
            maintenance = digits.parse().ok()?;
            rest = "";
        }
        let rest = rest.trim();
        let mut service_update = 0;
        if let Some(number) = rest.strip_prefix("SU") {
            let digits: String = number.trim().chars().take_while(char::is_ascii_digit).collect();
            service_update = digits.parse().ok()?;
        } else if !rest.is_empty() && !rest.starts_with("ES") {
            return None;
        }
        Some(Release { major, minor, maintenance, service_update })
    }

    /// A release built from numbers (for comparisons in rules).
    pub const fn new(major: u32, minor: u32, maintenance: u32, service_update: u32) -> Release {
        Release { major, minor, maintenance, service_update }
    }

    fn key(self) -> (u32, u32, u32, u32) {
        (self.major, self.minor, self.maintenance, self.service_update)
    }
}

impl PartialOrd for Release {
    fn partial_cmp(&self, other: &Self) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}

impl Ord for Release {
    fn cmp(&self, other: &Self) -> Ordering {
        self.key().cmp(&other.key())
    }
}

impl fmt::Display for Release {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}.{}({})", self.major, self.minor, self.maintenance.max(1))?;
        if self.service_update > 0 {
            write!(f, "SU{}", self.service_update)?;
        }
        Ok(())
    }
}

/// A server the deployment's servers talk to, outside its own nodes: its certificate (or CA
/// chain) goes into a store of theirs, or theirs into its (cisco-now.md §6).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum PeerKind {
    /// A Unified CM node (UCCX signs agents in through it; Finesse IP Phone Agent).
    Cucm,
    /// A third-party gadget server that Finesse calls through its gadget proxy.
    Gadget,
}

/// A third-party gadget server, as its gadget URL names it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Gadget {
    /// Its host name.
    pub host: String,
    /// Its HTTPS port (443 unless the URL says).
    pub port: u16,
}

/// What the certificates are for, and when to check them.
#[derive(Clone, Debug, Default, Serialize)]
pub struct Context {
    /// The product.
    pub product: Option<Product>,
    /// The release.
    pub release: Option<Release>,
    /// Node FQDNs; the first is the publisher/primary.
    pub nodes: Vec<String>,
    /// The SocialMiner FQDN.
    pub socialminer: Option<String>,
    /// The server the given certificates are meant for, when the user says so.
    pub host: Option<String>,
    /// The check date, Unix seconds.
    pub at: i64,
    /// UCCE: the Finesse, CUIC and Live Data servers, primary first (seed 004).
    pub ucce: UcceServers,
    /// The MediaSense FQDN, when given.
    pub mediasense: Option<String>,
    /// UCCE: the administrator has configured the servers to use ECDSA (UCCE-150-SEC: opt-in).
    pub ucce_ecdsa: bool,
    /// Unified CM nodes, publisher first.
    pub cucm: Vec<String>,
    /// Third-party gadget servers Finesse calls.
    pub gadgets: Vec<Gadget>,
}

/// UCCE's separate servers, each a primary/secondary pair (seed 004).
#[derive(Clone, Debug, Default, Serialize)]
pub struct UcceServers {
    /// Finesse servers, primary first.
    pub finesse: Vec<String>,
    /// CUIC servers, primary first.
    pub cuic: Vec<String>,
    /// Live Data servers, primary first.
    pub livedata: Vec<String>,
}

impl Context {
    /// What the release facts say for this product and release.
    pub fn fact(&self, question: facts::Question) -> facts::Answer {
        facts::ask(question, self.product, self.release)
    }

    /// Whether the servers present a tomcat-ECDSA certificate: UCCX and SocialMiner 11.5(x) only
    /// (seed 001, TN118855), UCCE only when ECDSA is enabled; `None` when the release is not
    /// given (or no source says, as for MediaSense).
    pub fn tomcat_ecdsa(&self) -> Option<bool> {
        // UCCE without a release: the administrator's word (ECDSA is opt-in there).
        if self.product == Some(Product::Ucce) && self.release.is_none() {
            return Some(self.ucce_ecdsa);
        }
        let answer = self.fact(facts::Question::TomcatEcdsa);
        match answer.value {
            Some(facts::Value::OptIn) => Some(self.ucce_ecdsa),
            _ => answer.yes(),
        }
    }

    /// The node whose `tomcat-trust` uploads replicate to `node`: the first node of its cluster
    /// (UCCX publisher, UCCE primary of the same server type).
    pub fn cluster_head(&self, node: &str) -> Option<&str> {
        for cluster in [&self.ucce.finesse, &self.ucce.cuic, &self.ucce.livedata] {
            if cluster.iter().any(|member| member == node) {
                return cluster.first().map(String::as_str);
            }
        }
        if self.nodes.iter().any(|member| member == node) {
            return self.plain_nodes().first().copied();
        }
        None
    }

    /// The nodes given in the plain node list (not the UCCE typed ones).
    pub fn plain_nodes(&self) -> Vec<&str> {
        let typed = |node: &str| {
            [&self.ucce.finesse, &self.ucce.cuic, &self.ucce.livedata]
                .iter()
                .any(|cluster| cluster.iter().any(|member| member == node))
        };
        self.nodes.iter().map(String::as_str).filter(|node| !typed(node)).collect()
    }
}

/// The context as given by the page or the CLI: plain strings, validated into a [`Context`].
#[derive(Clone, Debug, Default, Deserialize, Serialize)]
#[serde(default)]
pub struct ContextInput {
    /// `uccx`, `ucce`, `socialminer`, `mediasense`, or empty.
    pub product: String,
    /// Release text, or empty.
    pub version: String,
    /// Node FQDNs.
    pub nodes: Vec<String>,
    /// SocialMiner FQDN, or empty.
    pub socialminer: String,
    /// Target host, or empty.
    pub host: String,
    /// Check date `YYYY-MM-DD` or RFC 3339, or empty for `today`.
    pub at: String,
    /// UCCE Finesse servers, primary first.
    pub finesse: Vec<String>,
    /// UCCE CUIC servers, primary first.
    pub cuic: Vec<String>,
    /// UCCE Live Data servers, primary first.
    pub livedata: Vec<String>,
    /// MediaSense FQDN, or empty.
    pub mediasense: String,
    /// UCCE: ECDSA is enabled on the servers.
    pub ecdsa: bool,
    /// Unified CM node FQDNs, publisher first.
    pub cucm: Vec<String>,
    /// Third-party gadget servers, `HOST[:PORT]` (or the gadget's URL).
    pub gadgets: Vec<String>,
}

/// A context field that could not be understood.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct ContextProblem {
    /// The field (`product`, `version`, `at`, `nodes`, ...).
    pub field: &'static str,
    /// What was given.
    pub value: String,
}

impl ContextInput {
    /// Validate into a context; `today` is the caller's clock (Unix seconds).
    pub fn resolve(&self, today: i64) -> (Context, Vec<ContextProblem>) {
        let mut problems = Vec::new();
        let mut problem = |field: &'static str, value: &str| {
            problems.push(ContextProblem { field, value: value.to_string() })
        };
        let product = match self.product.trim() {
            "" => None,
            text => Product::parse(text).or_else(|| {
                problem("product", text);
                None
            }),
        };
        let release = match self.version.trim() {
            "" => None,
            text => Release::parse(text).or_else(|| {
                problem("version", text);
                None
            }),
        };
        let at = match self.at.trim() {
            "" => today,
            text => crate::dates::parse(text).unwrap_or_else(|| {
                problem("at", text);
                today
            }),
        };
        let hosts =
            |list: &[String], field: &'static str, problem: &mut dyn FnMut(&'static str, &str)| {
                let mut out: Vec<String> = Vec::new();
                for node in list {
                    let node = normalise_fqdn(node);
                    if node.is_empty() {
                        continue;
                    }
                    if is_plausible_host(&node) {
                        if !out.contains(&node) {
                            out.push(node);
                        }
                    } else {
                        problem(field, &node);
                    }
                }
                out
            };
        let mut nodes = hosts(&self.nodes, "nodes", &mut problem);
        let ucce = UcceServers {
            finesse: hosts(&self.finesse, "finesse", &mut problem),
            cuic: hosts(&self.cuic, "cuic", &mut problem),
            livedata: hosts(&self.livedata, "livedata", &mut problem),
        };
        // The typed UCCE servers are nodes too (names, hostname rules, upload plan).
        for node in ucce.finesse.iter().chain(&ucce.cuic).chain(&ucce.livedata) {
            if !nodes.contains(node) {
                nodes.push(node.clone());
            }
        }
        let optional_host =
            |value: &str, field: &'static str, problem: &mut dyn FnMut(&'static str, &str)| {
                let host = normalise_fqdn(value);
                if host.is_empty() {
                    None
                } else if is_plausible_host(&host) {
                    Some(host)
                } else {
                    problem(field, &host);
                    None
                }
            };
        let socialminer = optional_host(&self.socialminer, "socialminer", &mut problem);
        let host = optional_host(&self.host, "host", &mut problem);
        let mediasense = optional_host(&self.mediasense, "mediasense", &mut problem);
        let cucm = hosts(&self.cucm, "cucm", &mut problem);
        let mut gadgets: Vec<Gadget> = Vec::new();
        for text in &self.gadgets {
            match parse_gadget(text) {
                Some(gadget) if !gadgets.contains(&gadget) => gadgets.push(gadget),
                Some(_) => {}
                None if text.trim().is_empty() => {}
                None => problem("gadgets", text.trim()),
            }
        }
        let ucce_ecdsa = self.ecdsa;
        let context = Context {
            product,
            release,
            nodes,
            socialminer,
            host,
            at,
            ucce,
            mediasense,
            ucce_ecdsa,
            cucm,
            gadgets,
        };
        (context, problems)
    }
}

/// Lower-case, trim, drop a trailing dot and any `https://` or `:port/path` the user pasted.
pub fn normalise_fqdn(text: &str) -> String {
    let mut host = text.trim().to_ascii_lowercase();
    for scheme in ["https://", "http://"] {
        if let Some(rest) = host.strip_prefix(scheme) {
            host = rest.to_string();
        }
    }
    if let Some(cut) = host.find(['/', ':']) {
        host.truncate(cut);
    }
    host.trim_end_matches('.').to_string()
}

/// A gadget server from `HOST[:PORT]` or its URL (`https://host:port/path`); port 443 by default.
pub fn parse_gadget(text: &str) -> Option<Gadget> {
    let text = text.trim();
    let rest =
        text.strip_prefix("https://").or_else(|| text.strip_prefix("HTTPS://")).unwrap_or(text);
    let authority = rest.split(['/', '?', '#']).next().unwrap_or_default();
    let (host, port) = match authority.rsplit_once(':') {
        Some((host, port)) => (host, port.parse::<u16>().ok().filter(|port| *port > 0)?),
        None => (authority, 443),
    };
    let host = normalise_fqdn(host);
    is_plausible_host(&host).then_some(Gadget { host, port })
}

fn is_plausible_host(host: &str) -> bool {
    !host.is_empty()
        && host.len() <= 253
        && host.split('.').all(|label| {
            !label.is_empty()
                && label.len() <= 63
                && label.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_')
        })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_and_orders_releases() {
        let su3 = Release::parse("10.6(1)SU3").expect("SU3");
        let plain = Release::parse("10.6(1)").expect("plain");
        assert!(su3 > plain);
        assert_eq!(Release::parse("11.5(1) SU1"), Some(Release::new(11, 5, 1, 1)));
        assert_eq!(Release::parse("11.5.1.10000-61"), Some(Release::new(11, 5, 1, 0)));
        assert_eq!(Release::parse("12.5"), Some(Release::new(12, 5, 0, 0)));
        assert!(Release::parse("11.6(1)") > Release::parse("11.5(1)SU1"));
        assert_eq!(Release::parse("eleven"), None);
        assert_eq!(su3.to_string(), "10.6(1)SU3");
    }

    #[test]
    fn reads_gadget_servers() {
        let gadget = |host: &str, port| Some(Gadget { host: host.into(), port });
        assert_eq!(parse_gadget("crm.example.com"), gadget("crm.example.com", 443));
        assert_eq!(parse_gadget("CRM.example.com:8443"), gadget("crm.example.com", 8443));
        assert_eq!(
            parse_gadget("https://crm.example.com:9443/gadget.xml"),
            gadget("crm.example.com", 9443)
        );
        assert_eq!(parse_gadget("crm.example.com:0"), None);
        assert_eq!(parse_gadget("bad host!"), None);
    }

    #[test]
    fn normalises_hosts() {
        assert_eq!(normalise_fqdn(" https://UCCX1.Example.com:8445/desktop "), "uccx1.example.com");
        let input = ContextInput { nodes: vec!["bad host!".into()], ..Default::default() };
        let (_, problems) = input.resolve(0);
        assert_eq!(problems[0].field, "nodes");
    }
}
