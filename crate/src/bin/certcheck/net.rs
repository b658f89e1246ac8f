//! The probe's network side: TLS handshakes that record the certificate chain a server sends and
//! trust none of it. rustls makes the handshake; our verifier keeps the chain and then refuses it,
//! so the client sends an alert and closes: nothing but the handshake ever goes to the server.
//! Every wait is bounded: the connection, each read and write, the whole handshake (`--timeout`),
//! the bytes read, and the run (`deadline`); at most [`WORKERS`] connections at once.

use std::io::{self, Read, Write};
use std::net::{IpAddr, SocketAddr, TcpStream, ToSocketAddrs};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use certcheck::probe::{Observation, Offer, ProbeError, Seen};
use rustls::client::danger::{HandshakeSignatureValid, ServerCertVerified, ServerCertVerifier};
use rustls::crypto::{ring, CryptoProvider};
use rustls::pki_types::{CertificateDer, ServerName, UnixTime};
use rustls::{
    ClientConfig, ClientConnection, DigitallySignedStruct, SignatureAlgorithm, SignatureScheme,
};

/// Connections at once.
pub const WORKERS: usize = 8;
/// Bytes read from one server for one handshake: a certificate chain may be up to 64 KiB
/// (rustls refuses larger handshake messages), plus the rest of the server's flight.
const MAX_READ: usize = 256 * 1024;

/// One handshake to make.
pub struct Job {
    /// The name sent as SNI (none for an IP address) and resolved to connect.
    pub host: String,
    /// The TCP port.
    pub port: u16,
    /// What to offer.
    pub offer: Offer,
}

/// Make every handshake, `WORKERS` at a time (names resolved on the workers too, so a slow
/// resolver delays only its own targets); each ends by `timeout` and none starts after
/// `deadline`. Results in the order of `jobs`, each with the time it took (the core reads no
/// clock).
pub fn run(
    jobs: &[Job],
    pinned: &[(String, IpAddr)],
    timeout: Duration,
    deadline: Instant,
) -> Vec<Observation> {
    let next = AtomicUsize::new(0);
    let results: Mutex<Vec<Option<Observation>>> = Mutex::new(vec![None; jobs.len()]);
    std::thread::scope(|scope| {
        for _ in 0..WORKERS.min(jobs.len()) {
            scope.spawn(|| loop {
                let at = next.fetch_add(1, Ordering::Relaxed);
                let Some(job) = jobs.get(at) else { break };
                let now = Instant::now();
                let result = if now >= deadline {
                    Err(ProbeError::NotTried)
                } else {
                    match resolve(&job.host, job.port, pinned) {
                        None => Err(ProbeError::Resolve),
                        Some(address) if job.offer == Offer::Dhe => {
                            dhe_hello(&job.host, address, (now + timeout).min(deadline))
                        }
                        Some(address) => {
                            handshake(&job.host, address, job.offer, (now + timeout).min(deadline))
                        }
                    }
                };
                let took = now.elapsed();
                if let Ok(mut results) = results.lock() {
                    results[at] = Some(Observation { offer: job.offer, result, took });
                }
            });
        }
    });
    let results = results.into_inner().unwrap_or_default();
    results
        .into_iter()
        .zip(jobs)
        .map(|(result, job)| {
            result.unwrap_or(Observation {
                offer: job.offer,
                result: Err(ProbeError::NotTried),
                took: Duration::ZERO,
            })
        })
        .collect()
}

/// The address of `host:port`: from `--resolve`, an IP address as written, or the system
/// resolver (first address).
fn resolve(host: &str, port: u16, pinned: &[(String, IpAddr)]) -> Option<SocketAddr> {
    if let Some((_, address)) = pinned.iter().find(|(name, _)| name.eq_ignore_ascii_case(host)) {
        return Some(SocketAddr::new(*address, port));
    }
    if let Ok(address) = host.parse::<IpAddr>() {
        return Some(SocketAddr::new(address, port));
    }
    (host, port).to_socket_addrs().ok()?.next()
}

/// Records the chain and accepts nothing.
#[derive(Debug)]
struct Recorder {
    schemes: Vec<SignatureScheme>,
    chain: Mutex<Option<Vec<Vec<u8>>>>,
}

impl ServerCertVerifier for Recorder {
    fn verify_server_cert(
        &self,
        end_entity: &CertificateDer<'_>,
        intermediates: &[CertificateDer<'_>],
        _server_name: &ServerName<'_>,
        _ocsp_response: &[u8],
        _now: UnixTime,
    ) -> Result<ServerCertVerified, rustls::Error> {
        let chain = std::iter::once(end_entity)
            .chain(intermediates)
            .map(|certificate| certificate.as_ref().to_vec())
            .collect();
        if let Ok(mut slot) = self.chain.lock() {
            *slot = Some(chain);
        }
        // Never trusted: the handshake ends here with an alert.
        Err(rustls::Error::General("recorded, not trusted".into()))
    }

    fn verify_tls12_signature(
        &self,
        _message: &[u8],
        _cert: &CertificateDer<'_>,
        _dss: &DigitallySignedStruct,
    ) -> Result<HandshakeSignatureValid, rustls::Error> {
        Err(rustls::Error::General("not trusted".into()))
    }

    fn verify_tls13_signature(
        &self,
        _message: &[u8],
        _cert: &CertificateDer<'_>,
        _dss: &DigitallySignedStruct,
    ) -> Result<HandshakeSignatureValid, rustls::Error> {
        Err(rustls::Error::General("not trusted".into()))
    }

    fn supported_verify_schemes(&self) -> Vec<SignatureScheme> {
        self.schemes.clone()
    }
}

fn schemes(offer: Offer) -> Vec<SignatureScheme> {
    use SignatureScheme::*;
    let rsa = [
        RSA_PSS_SHA256,
        RSA_PSS_SHA384,
        RSA_PSS_SHA512,
        RSA_PKCS1_SHA256,
        RSA_PKCS1_SHA384,
        RSA_PKCS1_SHA512,
        RSA_PKCS1_SHA1,
    ];
    let ecdsa =
        [ECDSA_NISTP256_SHA256, ECDSA_NISTP384_SHA384, ECDSA_NISTP521_SHA512, ECDSA_SHA1_Legacy];
    match offer {
        Offer::Rsa => rsa.to_vec(),
        Offer::Ecdsa => ecdsa.to_vec(),
        // The DHE hello is written by hand (`dhe_hello`): rustls offers no DHE suite.
        Offer::Any | Offer::Dhe => ecdsa.iter().chain(&rsa).copied().chain([ED25519]).collect(),
    }
}

fn provider(offer: Offer) -> CryptoProvider {
    // ring is already the CLI's signature backend and builds with a C compiler alone; recording a
    // chain needs no post-quantum key exchange (the reason rustls deprecates this provider).
    #[allow(deprecated)]
    let mut provider = ring::default_provider();
    // TLS 1.2 suites name the server's key type: keep those of the key offered.
    let algorithm = match offer {
        Offer::Rsa => Some(SignatureAlgorithm::RSA),
        Offer::Ecdsa => Some(SignatureAlgorithm::ECDSA),
        Offer::Any | Offer::Dhe => None,
    };
    if let Some(algorithm) = algorithm {
        provider.cipher_suites.retain(|suite| suite.usable_for_signature_algorithm(algorithm));
    }
    provider
}

/// The socket, counting and keeping the first bytes the server sends (to tell plain HTTP).
struct Wire {
    stream: TcpStream,
    first: Vec<u8>,
    read: usize,
    deadline: Instant,
}

impl Wire {
    fn arm(&self) -> io::Result<()> {
        let left = self.deadline.saturating_duration_since(Instant::now());
        if left.is_zero() {
            return Err(io::ErrorKind::TimedOut.into());
        }
        self.stream.set_read_timeout(Some(left))?;
        self.stream.set_write_timeout(Some(left))
    }
}

impl Read for Wire {
    fn read(&mut self, buffer: &mut [u8]) -> io::Result<usize> {
        self.arm()?;
        if self.read >= MAX_READ {
            return Err(io::Error::other("too large"));
        }
        let room = buffer.len().min(MAX_READ - self.read);
        let count = self.stream.read(&mut buffer[..room])?;
        if self.first.len() < 8 {
            let take = count.min(8 - self.first.len());
            self.first.extend_from_slice(&buffer[..take]);
        }
        self.read += count;
        Ok(count)
    }
}

impl Write for Wire {
    fn write(&mut self, buffer: &[u8]) -> io::Result<usize> {
        self.arm()?;
        self.stream.write(buffer)
    }

    fn flush(&mut self) -> io::Result<()> {
        self.stream.flush()
    }
}

fn io_error(error: &io::Error) -> ProbeError {
    match error.kind() {
        io::ErrorKind::ConnectionRefused => ProbeError::Refused,
        io::ErrorKind::TimedOut | io::ErrorKind::WouldBlock => ProbeError::Timeout,
        io::ErrorKind::ConnectionReset
        | io::ErrorKind::ConnectionAborted
        | io::ErrorKind::BrokenPipe
        | io::ErrorKind::UnexpectedEof => ProbeError::Closed,
        _ if error.to_string() == "too large" => ProbeError::TooLarge,
        _ => ProbeError::Unreachable,
    }
}

/// What the first bytes say when they are not TLS: TLS records start with a content type
/// 20–24 and major version 3.
fn not_tls(first: &[u8]) -> Option<ProbeError> {
    match first {
        [] => None,
        // A status line, or (to a request without a version, as a TLS hello reads) a page.
        [b'H', b'T', b'T', b'P', ..] | [b'<', ..] => Some(ProbeError::NotTls { http: true }),
        [20..=24, 3, ..] | [20..=24] => None,
        _ => Some(ProbeError::NotTls { http: false }),
    }
}

fn tls_error(error: &rustls::Error, first: &[u8]) -> ProbeError {
    use rustls::{AlertDescription, InvalidMessage};
    if let Some(error) = not_tls(first) {
        return error;
    }
    match error {
        rustls::Error::AlertReceived(AlertDescription::ProtocolVersion) => {
            ProbeError::NoCommonVersion
        }
        rustls::Error::AlertReceived(alert) => ProbeError::Alert(format!("{alert:?}")),
        rustls::Error::InvalidMessage(
            InvalidMessage::HandshakePayloadTooLarge
            | InvalidMessage::MessageTooLarge
            | InvalidMessage::CertificatePayloadTooLarge,
        ) => ProbeError::TooLarge,
        rustls::Error::PeerIncompatible(incompatible)
            if format!("{incompatible:?}").contains("Version") =>
        {
            ProbeError::NoCommonVersion
        }
        other => ProbeError::Handshake(other.to_string()),
    }
}

fn version_name(version: rustls::ProtocolVersion) -> String {
    match version {
        rustls::ProtocolVersion::TLSv1_3 => "TLS 1.3".into(),
        rustls::ProtocolVersion::TLSv1_2 => "TLS 1.2".into(),
        other => format!("{other:?}"),
    }
}

/// The two suites Finesse refuses (Logjam, TN214617): TLS_DHE_RSA_WITH_AES_256_CBC_SHA and
/// TLS_DHE_RSA_WITH_AES_128_CBC_SHA.
const DHE_SUITES: [[u8; 2]; 2] = [[0x00, 0x39], [0x00, 0x33]];

/// A TLS 1.2 ClientHello offering only the DHE suites (with SNI for a name, and the RSA
/// signature algorithms a TLS 1.2 server needs). Written by hand: rustls has no DHE.
fn dhe_client_hello(host: &str) -> Vec<u8> {
    let with_length = |length_bytes: usize, body: &[u8]| {
        let mut out = body.len().to_be_bytes()[8 - length_bytes..].to_vec();
        out.extend_from_slice(body);
        out
    };
    let mut extensions = Vec::new();
    if host.parse::<IpAddr>().is_err() && host.len() < 256 {
        let name = [&[0u8][..], &with_length(2, host.as_bytes())].concat();
        extensions.extend_from_slice(&[0x00, 0x00]);
        extensions.extend(with_length(2, &with_length(2, &name)));
    }
    // signature_algorithms: rsa_pkcs1_sha256, rsa_pkcs1_sha384, rsa_pkcs1_sha1.
    extensions.extend_from_slice(&[0x00, 0x0d]);
    extensions.extend(with_length(2, &with_length(2, &[0x04, 0x01, 0x05, 0x01, 0x02, 0x01])));
    let mut hello = vec![0x03, 0x03];
    hello.extend_from_slice(&[0x2a; 32]); // client random: nothing is encrypted with it
    hello.push(0); // no session id
    hello.extend(with_length(2, &DHE_SUITES.concat()));
    hello.extend_from_slice(&[0x01, 0x00]); // compression: none
    hello.extend(with_length(2, &extensions));
    let handshake = [&[0x01u8][..], &with_length(3, &hello)].concat();
    [&[0x16u8, 0x03, 0x01][..], &with_length(2, &handshake)].concat()
}

/// Whether the server at `address` accepts a hello offering only the DHE suites: its ServerHello
/// names one of them (`Ok`, no chain read), or it refuses (`Err`), before `deadline`.
fn dhe_hello(host: &str, address: SocketAddr, deadline: Instant) -> Result<Seen, ProbeError> {
    let left = deadline.saturating_duration_since(Instant::now());
    if left.is_zero() {
        return Err(ProbeError::Timeout);
    }
    let stream = TcpStream::connect_timeout(&address, left).map_err(|error| io_error(&error))?;
    let mut wire = Wire { stream, first: Vec::new(), read: 0, deadline };
    wire.write_all(&dhe_client_hello(host)).map_err(|error| io_error(&error))?;
    // The first record: a handshake record whose first message is the ServerHello.
    let mut header = [0u8; 5];
    wire.read_exact(&mut header).map_err(|error| io_error(&error))?;
    if let Some(error) = not_tls(&header) {
        return Err(error);
    }
    let length = usize::from(u16::from_be_bytes([header[3], header[4]])).min(16 * 1024 + 256);
    let mut body = vec![0u8; length];
    wire.read_exact(&mut body).map_err(|error| io_error(&error))?;
    if header[0] != 0x16 || body.first() != Some(&0x02) {
        return Err(ProbeError::Alert("HandshakeFailure".into()));
    }
    // ServerHello: type, length (3), version (2), random (32), session id (1 + n), suite (2).
    let suite_at = 4 + 2 + 32;
    let session = usize::from(*body.get(suite_at).ok_or(ProbeError::Closed)?);
    let suite =
        body.get(suite_at + 1 + session..suite_at + 3 + session).ok_or(ProbeError::Closed)?;
    if DHE_SUITES.iter().any(|dhe| dhe[..] == *suite) {
        Ok(Seen { version: "TLS 1.2".into(), chain: Vec::new() })
    } else {
        Err(ProbeError::Handshake("the server chose another suite".into()))
    }
}

/// One handshake with `host` at `address`, offering `offer`, ended by `deadline`.
fn handshake(
    host: &str,
    address: SocketAddr,
    offer: Offer,
    deadline: Instant,
) -> Result<Seen, ProbeError> {
    let recorder = Arc::new(Recorder { schemes: schemes(offer), chain: Mutex::new(None) });
    let config = ClientConfig::builder_with_provider(Arc::new(provider(offer)))
        .with_protocol_versions(&[&rustls::version::TLS13, &rustls::version::TLS12])
        .map_err(|error| ProbeError::Handshake(error.to_string()))?
        .dangerous()
        .with_custom_certificate_verifier(recorder.clone())
        .with_no_client_auth();
    // An IP address is sent as no SNI; a name that is not a valid DNS name cannot be probed.
    let name = ServerName::try_from(host.to_string())
        .map_err(|_| ProbeError::Handshake(format!("not a host name: {host}")))?;
    let mut connection = ClientConnection::new(Arc::new(config), name)
        .map_err(|error| ProbeError::Handshake(error.to_string()))?;
    let left = deadline.saturating_duration_since(Instant::now());
    if left.is_zero() {
        return Err(ProbeError::Timeout);
    }
    let stream = TcpStream::connect_timeout(&address, left).map_err(|error| io_error(&error))?;
    let mut wire = Wire { stream, first: Vec::new(), read: 0, deadline };
    let recorded = |recorder: &Recorder| recorder.chain.lock().ok().and_then(|slot| slot.clone());
    loop {
        while connection.wants_write() {
            connection.write_tls(&mut wire).map_err(|error| io_error(&error))?;
        }
        if let Some(chain) = recorded(&recorder) {
            let version = connection.protocol_version().map(version_name).unwrap_or_default();
            return Ok(Seen { version, chain });
        }
        let count = match connection.read_tls(&mut wire) {
            Ok(count) => count,
            Err(error) => {
                return Err(not_tls(&wire.first).unwrap_or_else(|| io_error(&error)));
            }
        };
        if count == 0 {
            return Err(not_tls(&wire.first).unwrap_or(ProbeError::Closed));
        }
        if let Err(error) = connection.process_new_packets() {
            if let Some(chain) = recorded(&recorder) {
                // Our refusal: send the alert rustls queued, then report what was sent.
                let _ = connection.write_tls(&mut wire);
                let version = connection.protocol_version().map(version_name).unwrap_or_default();
                return Ok(Seen { version, chain });
            }
            let _ = connection.write_tls(&mut wire);
            return Err(tls_error(&error, &wire.first));
        }
    }
}
