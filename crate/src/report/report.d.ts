// The JSON contract of a report: what `certcheck check --format json` prints and what the wasm
// `check()` returns to the page. It mirrors the serde types of crate/src (the path of each type is
// given); `npm test` type-checks the page against it and checks real reports of the fixtures
// against it in both directions (a missing or an unknown member fails).

/** report/mod.rs `Report` */
export interface Report {
  tool_version: string;
  lang: Lang;
  /** RFC 3339, UTC. */
  check_date: string;
  context: Context;
  context_problems: ContextProblem[];
  items: Item[];
  /** Errors first. */
  findings: Finding[];
  summary: Summary;
  skipped_rules: SkippedRule[];
  chains: Chain[];
  upload_plan: UploadPlan;
  overview: string;
  /** One line per certificate and CSR, the worst first: its problems in a few words, what to do. */
  verdicts: { item: number; severity?: Severity; line: string }[];
  checklist: Checklist;
  ecdsa_verdict: EcdsaVerdict;
  integrations: Integration[];
  tls: TlsAdvice;
  /** The renewal calendar: per node and store, the presented certificate over time. */
  renewals: Renewal[];
  /** Which sections have something to show; every renderer reads these. */
  shown: Shown;
  /** Each `cite` above (seed file and section, for machines) as people see it: the document's
   *  title and the section heading. */
  sources: Record<string, string>;
  /** Only when the page asks for them. */
  exports?: Exports;
}

export type Lang = 'en' | 'ja' | 'pt-BR' | 'zh-TW';

/** report/mod.rs */
export interface Summary {
  errors: number;
  warnings: number;
  infos: number;
  certificates: number;
  csrs: number;
  unreadable: number;
}

/** report/mod.rs */
export interface Shown {
  chains: boolean;
  upload_plan: boolean;
  checklist: boolean;
  ecdsa: boolean;
  integrations: boolean;
  tls: boolean;
  renewals: boolean;
}

/** report/mod.rs */
export interface Exports {
  markdown: string;
  csv: string;
  /** The renewal dates as an iCalendar file (RFC 5545); empty without renewals. */
  ics: string;
}

/** report/mod.rs */
export interface SkippedRule {
  id: string;
  needs: 'nothing' | 'nodes' | 'release';
}

/** deployment/mod.rs `Context` */
export interface Context {
  product: Product | null;
  release: Release | null;
  nodes: string[];
  socialminer: string | null;
  host: string | null;
  /** Unix seconds. */
  at: number;
  ucce: { finesse: string[]; cuic: string[]; livedata: string[] };
  mediasense: string | null;
  /** UCCE: ECDSA is enabled on the servers (UCCE-150-SEC: opt-in). */
  ucce_ecdsa: boolean;
  /** Unified CM nodes, publisher first. */
  cucm: string[];
  /** Third-party gadget servers Finesse calls. */
  gadgets: { host: string; port: number }[];
}

export type Product = 'uccx' | 'ucce' | 'socialminer' | 'mediasense';

/** deployment/mod.rs */
export interface Release {
  major: number;
  minor: number;
  maintenance: number;
  service_update: number;
}

/** deployment/mod.rs */
export interface ContextProblem {
  field: string;
  value: string;
}

/** analysis.rs `Item` */
export interface Item {
  index: number;
  origin: Origin;
  kind: ItemKind;
  certificate?: CertificateInfo;
  csr?: CsrInfo;
  /** The private key's form (PKCS#8, PKCS#1…); its content is never read. */
  key_form?: string;
  error?: string;
  pkcs12?: Pkcs12State;
  duplicate_of?: number;
  label: string;
  role?: Role;
  /** Where the upload plan puts this certificate, or why it does not (as the plan says). */
  upload?: { stores: [string, Store][]; text: string };
}

export type ItemKind = 'certificate' | 'csr' | 'private-key' | 'pkcs12' | 'garbage';

/** input/mod.rs */
export interface Origin {
  source: string;
  block: number;
  position?: number;
  encoding: 'pem' | 'der' | 'base64';
  label?: string;
  container?: string;
}

/** analysis.rs `Pkcs12State`, input/pfx.rs `Pkcs12Error` */
export type Pkcs12State =
  | { state: 'opened'; certificates: number; keys: number }
  | { state: 'password-needed' }
  | { state: 'wrong-password' }
  | { state: 'unsupported'; detail: string }
  | { state: 'damaged'; detail: string };

/** deployment/roles.rs */
export interface Role {
  kind: 'root' | 'intermediate' | 'leaf';
  store: Store;
  self_signed_leaf: boolean;
  node: string | null;
  /** The item of the CSR this certificate answers. */
  csr: number | null;
  /** A server certificate naming a declared peer (Unified CM node, gadget server), not a node. */
  peer?: { kind: PeerKind; host: string };
}

export type PeerKind = 'cucm' | 'gadget';

/** 'not-used': an EC server certificate on a release whose servers present no tomcat-ECDSA. */
export type Store = 'tomcat-trust' | 'tomcat' | 'tomcat-ECDSA' | 'none' | 'not-used' | 'Phone-trust';

/** x509/certificate.rs */
export interface CertificateInfo {
  subject: string;
  subject_cn: string[];
  issuer: string;
  issuer_cn: string[];
  serial: string;
  version: number;
  validity: Validity;
  san: SubjectAltNames;
  public_key: PublicKeyInfo;
  signature_algorithm: string;
  signature_algorithm_oid: string;
  extensions: ExtensionInfo[];
  key_usage: string[] | null;
  extended_key_usage: string[] | null;
  basic_constraints: { ca: boolean; path_len: number | null } | null;
  subject_key_id: string | null;
  authority_key_id: string | null;
  fingerprints: { sha256: string; sha1: string };
  self_issued: boolean;
  self_signed: boolean;
}

/** x509/certificate.rs */
export interface Validity {
  not_before: string;
  not_after: string;
  not_before_unix: number;
  not_after_unix: number;
}

/** x509/certificate.rs */
export interface SubjectAltNames {
  dns: string[];
  ip: string[];
  email: string[];
  uri: string[];
  other: string[];
}

/** x509/certificate.rs */
export interface ExtensionInfo {
  oid: string;
  name: string;
  critical: boolean;
}

/** x509/key.rs `PublicKeyInfo` with `KeyAlgorithm` flattened in. */
export type PublicKeyInfo = {
  bits: number;
  spki_sha256: string;
  summary: string;
} & (
  | { type: 'RSA' | 'RSA-PSS' | 'Ed25519' | 'Ed448' | 'DSA' }
  | { type: 'EC'; curve: string }
  | { type: 'other'; oid: string }
);

/** x509/csr.rs */
export interface CsrInfo {
  subject: string;
  subject_cn: string[];
  san: SubjectAltNames;
  has_san_request: boolean;
  extensions: ExtensionInfo[];
  public_key: PublicKeyInfo;
  signature_algorithm: string;
  signature_valid: boolean;
  signature_problem: string | null;
}

/** rules/finding.rs */
export interface Finding {
  /** Stable catalog id (domain.md §7). */
  id: string;
  severity: Severity;
  subject: string;
  item: number | null;
  message: string;
  fix: string;
  cite: string;
  seen_as?: string;
  /** A few words naming the problem, for the verdict line (absent for info rules). */
  short?: string;
}

export type Severity = 'error' | 'warning' | 'info';

/** chain/mod.rs */
export interface Chain {
  /** Item indices, server certificate first. */
  path: number[];
  end: ChainEnd;
  problems: PathProblem[];
  /** Complete and every link valid: what every screen calls complete. */
  complete: boolean;
}

export type ChainEnd =
  | { kind: 'root' }
  | { kind: 'missing-issuer'; issuer: string; key_id: string | null }
  | { kind: 'too-long'; limit: number }
  | { kind: 'bad-signature'; issuer: number };

export type PathProblem =
  | { kind: 'issuer-not-ca'; item: number }
  | { kind: 'path-len-exceeded'; item: number; allowed: number; below: number }
  | { kind: 'no-key-cert-sign'; item: number }
  | { kind: 'unverifiable'; item: number; algorithm: string };

/** advice/upload_plan.rs */
export interface UploadPlan {
  nodes: NodePlan[];
  /** Without node FQDNs: the plan goes by each certificate's own name. */
  note?: string;
  /** What OS Administration takes (PEM or DER, one certificate per upload; the bundles given). */
  formats?: string;
  /** Each certificate a step uploads, as PEM, by item index (once, however many nodes). */
  pems: Record<string, string>;
}

/** advice/upload_plan.rs */
export interface NodePlan {
  node: string;
  first: boolean;
  /** A peer server's plan (Unified CM's Phone-trust), not a node of the deployment. */
  peer?: PeerKind;
  steps: Step[];
  /** Download name of the node's certificates in upload order (built from `pems`). */
  bundle_name: string;
}

/** advice/upload_plan.rs */
export interface Step {
  number: number;
  kind:
    | 'trust-root'
    | 'trust-intermediate'
    | 'missing-ca'
    | 'trust-expired'
    | 'trust-replicated'
    | 'tomcat'
    | 'tomcat-ecdsa'
    | 'self-signed'
    | 'no-leaf'
    | 'restart'
    | 'peer-trust'
    | 'peer-missing'
    | 'phone-trust'
    | 'restart-finesse';
  store?: Store;
  item?: number;
  text: string;
  cite: string;
  /** The certificate's download name; its PEM is `UploadPlan.pems[item]`. */
  file_name?: string;
  /** It has an error finding: fix it first, do not upload it as it is. */
  blocked?: boolean;
}

/** advice/checklist.rs */
export interface Checklist {
  rows: ChecklistRow[];
  agent_accepts: number;
  empty_reason?: string;
  /** What the rows cannot say (UCCE Live Data's address), in words. */
  notes?: string[];
}

/** advice/checklist.rs `Row` */
export interface ChecklistRow {
  node: string;
  endpoint:
    | 'app-admin'
    | 'notification'
    | 'finesse'
    | 'finesse-admin'
    | 'cuic'
    | 'live-data'
    | 'social-miner'
    | 'os-admin';
  url: string;
  audiences: Audience[];
  presents?: Store;
  presents_text: string;
  outcome: Outcome;
  outcome_text: string;
  item?: number;
  /** What Chrome/Edge (chromium) and Firefox do with the chain this row presents, as measured
   *  against the real browsers; null when the row is about a Cisco-side fact. */
  /** Chromium and Firefox as measured; Safari where Apple's document decides (else null). */
  browsers: { chromium: InBrowser; firefox: InBrowser; safari: InBrowser | null } | null;
  cite: string;
}

/** advice/checklist.rs via analysis/verdict.rs `InBrowser` */
export interface InBrowser {
  /** The page opens (for a CA-signed chain: once the PC trusts its root). */
  opens: boolean;
  /** When it does not open: the warning offers a way through. */
  click_through: boolean;
}

export type Audience = 'agent' | 'supervisor' | 'admin' | 'reporting';
export type Outcome = 'trusted' | 'accept' | 'fails' | 'uncertain' | 'not-given';

/** advice/ecdsa_table.rs */
export interface EcdsaVerdict {
  applicable: boolean;
  reason?: string;
  servers: ServerVerdict[];
  table: EcdsaTableRow[];
  cop: string[];
  /** Without a release, with an EC certificate: the table holds for 11.5(x) only. */
  note?: string;
  cite: string;
}

export type Signing = 'self-signed' | 'rsa-ca' | 'ec-ca' | 'other-ca' | 'not-given';

/** advice/ecdsa_table.rs */
export interface ServerVerdict {
  server: string;
  tomcat: Signing;
  tomcat_ecdsa: Signing;
  row?: number;
  text: string;
}

/** advice/ecdsa_table.rs `TableRow` */
export interface EcdsaTableRow {
  row: number;
  tomcat: Signing;
  tomcat_ecdsa: Signing;
  experience: string;
  advice: string;
}

/** advice/integrations.rs */
export interface Integration {
  kind:
    | 'uccx-to-mediasense'
    | 'mediasense-to-finesse'
    | 'uccx-to-socialminer'
    | 'scripts-to-third-party'
    | 'ucce-shared-root';
  text: string;
  cite: string;
}

/** advice/tls.rs */
export interface TlsAdvice {
  documented: boolean;
  server: string[];
  client: string[];
  client_tls10_only: boolean;
  upgrade?: string;
  notes: string[];
  empty_reason?: string;
  cite: string;
}

/** advice/renewals.rs: one node's certificate for one store, over time. Dates are Unix seconds. */
export interface Renewal {
  node: string;
  store: Store;
  /** The item the node presents. */
  item: number;
  /** Its chain in `Report.chains`. */
  chain: number | null;
  not_before: number;
  not_after: number;
  lifetime_days: number;
  self_signed: boolean;
  /** The chain's CA certificates, the issuer first. */
  authorities: { item: number; not_before: number; not_after: number }[];
  /** The chain's effective end: its earliest notAfter. */
  end: number;
  /** The item whose notAfter is `end`: `item`, or a CA certificate that ends first. */
  ends_first: number;
  /** The "expires soon" window before `end`, in days (of the certificate that ends first). */
  window_days: number;
  /** When that window opens. */
  soon_from: number;
  /** The public-CA cap (CA/B Forum SC-081v3) at its notBefore; null before 2026-03-15 or self-signed. */
  cap_days: number | null;
  /** The cap for its replacement, issued on `renew_on`. */
  next_cap_days: number | null;
  /** The date for the calendar (midnight UTC): the window's start, or the check date once due. */
  renew_on: number;
  status: 'planned' | 'due' | 'expired';
  /** In words, in the report's language (the ticket's line, the event's description). */
  text: string;
  cite: string;
}

/** deployment/mod.rs `ContextInput`: the context as the page's form and the CLI's flags give it. */
export interface ContextInput {
  product: string;
  version: string;
  nodes: string[];
  socialminer: string;
  host: string;
  at: string;
  finesse: string[];
  cuic: string[];
  livedata: string[];
  mediasense: string;
  /** UCCE: ECDSA is enabled on the servers. */
  ecdsa: boolean;
  /** Unified CM node FQDNs, publisher first. */
  cucm: string[];
  /** Third-party gadget servers, `HOST[:PORT]`. */
  gadgets: string[];
}

/** `certcheck probe --format json` (probe/mod.rs `ProbeReport`): what the servers present now.
 *  The page reads it from a dropped file; every string in it is hostile data. */
export interface ProbeReport {
  kind: 'certcheck-probe';
  tool_version: string;
  lang: Lang;
  /** RFC 3339. */
  probed_at: string;
  warn_days: number;
  /** `--crit-days`; null when not given (then only an expired certificate is critical). Optional
   *  here, as the members below marked so: a file from an earlier version lacks them, and the page
   *  reads dropped files. */
  crit_days?: number | null;
  context: Context;
  /** The context as the deployment form takes it. */
  deployment: ContextInput;
  targets: ProbeTarget[];
  summary: ProbeSummary;
  sources: Record<string, string>;
}

export interface ProbeTarget {
  url: string;
  node: string;
  endpoint: ChecklistRow['endpoint'] | null;
  host: string;
  port: number;
  reachable: boolean;
  error: string | null;
  presented: { rsa: ProbePresented[] | null; ecdsa: ProbePresented[] | null };
  tls: { rsa: string | null; ecdsa: string | null };
  /** The handshakes made; with `any` the chain under `presented.rsa` is what a browser gets. */
  offers: ('rsa' | 'ecdsa' | 'any' | 'dhe')[];
  matches_plan: boolean | null;
  /** Whole days (rounded down) until the first certificate sent expires, negative once one has;
   *  null when none was seen. */
  days_left?: number | null;
  /** The URL's handshakes (resolution, connection, handshake), added up, in seconds. */
  duration_seconds?: number;
  findings: Finding[];
}

export interface ProbePresented {
  subject: string;
  /** Colon-separated upper-case hex, as `check` prints fingerprints. */
  sha256: string;
  /** RFC 3339. */
  not_after?: string;
}

export interface ProbeSummary {
  targets: number;
  reachable: number;
  unreachable: number;
  matching_plan: number;
  not_matching_plan: number;
  errors: number;
  warnings: number;
  infos: number;
}
