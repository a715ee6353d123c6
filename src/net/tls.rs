//! TLS to gateways with rustls: which protocol version was agreed, whether the certificate
//! chain verifies and if not why (expired, not yet valid, wrong host, unknown issuer,
//! self-signed), and how many days the certificate has left.

use std::path::Path;
use std::sync::{Arc, Mutex};

use rustls::client::WebPkiServerVerifier;
use rustls::client::danger::{HandshakeSignatureValid, ServerCertVerified, ServerCertVerifier};
use rustls::pki_types::pem::PemObject;
use rustls::pki_types::{CertificateDer, ServerName, UnixTime};
use rustls::{CertificateError, DigitallySignedStruct, RootCertStore, SignatureScheme};

use crate::error::{Error, Message};
use crate::i18n::Msg;

/// Why a certificate was not accepted.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum CertProblem {
    Expired,
    NotYetValid,
    WrongHost,
    UnknownIssuer,
    SelfSigned,
    Other(String),
}

impl CertProblem {
    pub fn key(&self) -> &'static str {
        match self {
            CertProblem::Expired => "expired",
            CertProblem::NotYetValid => "not-yet-valid",
            CertProblem::WrongHost => "wrong-host",
            CertProblem::UnknownIssuer => "unknown-issuer",
            CertProblem::SelfSigned => "self-signed",
            CertProblem::Other(_) => "other",
        }
    }
}

/// What the certificate says, read from the leaf the server presented.
#[derive(Debug, Clone, Default)]
pub struct Leaf {
    pub subject: String,
    pub issuer: String,
    /// Seconds since the Unix epoch.
    pub not_after: i64,
    pub self_issued: bool,
}

pub fn read_leaf(der: &[u8]) -> Option<Leaf> {
    let (_, cert) = x509_parser::parse_x509_certificate(der).ok()?;
    let subject = cert.subject().to_string();
    let issuer = cert.issuer().to_string();
    Some(Leaf {
        self_issued: subject == issuer,
        subject,
        issuer,
        not_after: cert.validity().not_after.timestamp(),
    })
}

/// The trust anchors: the system's, plus any given with `--ca-file` (a private acquirer CA).
pub fn roots(extra: Option<&Path>) -> Result<Arc<RootCertStore>, Error> {
    let mut store = RootCertStore::empty();
    let native = rustls_native_certs::load_native_certs();
    for cert in native.certs {
        let _ = store.add(cert);
    }
    if let Some(path) = extra {
        // Bounded, and never a device or FIFO (src/input.rs).
        let pem = crate::input::read_text(path, crate::input::CONFIG_LIMIT)?.ok_or_else(|| {
            Error::from(Message::new(Msg::ErrorCaFile).arg("path", path.display()))
        })?;
        let certs: Vec<CertificateDer<'static>> = CertificateDer::pem_slice_iter(pem.as_bytes())
            .map(|c| c.map(|c| c.into_owned()))
            .collect::<Result<_, _>>()
            .map_err(|_| Error::from(Message::new(Msg::ErrorCaFile).arg("path", path.display())))?;
        if certs.is_empty() {
            return Err(Message::new(Msg::ErrorCaFile)
                .arg("path", path.display())
                .into());
        }
        for c in certs {
            store.add(c).map_err(|_| {
                Error::from(Message::new(Msg::ErrorCaFile).arg("path", path.display()))
            })?;
        }
    }
    Ok(Arc::new(store))
}

/// Trust anchors from PEM text only: the simulated acquirer's own CA, nothing else.
pub fn roots_from_pem(pem: &str) -> Result<Arc<RootCertStore>, String> {
    let mut store = RootCertStore::empty();
    for cert in CertificateDer::pem_slice_iter(pem.as_bytes()) {
        store
            .add(cert.map_err(|e| e.to_string())?)
            .map_err(|e| e.to_string())?;
    }
    Ok(Arc::new(store))
}

/// Verifies as rustls's WebPKI verifier does, and keeps the chain the server presented, so a
/// rejected certificate can still be described.
#[derive(Debug)]
pub struct Recorder {
    inner: Arc<WebPkiServerVerifier>,
    pub leaf: Mutex<Option<Vec<u8>>>,
}

impl ServerCertVerifier for Recorder {
    fn verify_server_cert(
        &self,
        end_entity: &CertificateDer<'_>,
        intermediates: &[CertificateDer<'_>],
        server_name: &ServerName<'_>,
        ocsp: &[u8],
        now: UnixTime,
    ) -> Result<ServerCertVerified, rustls::Error> {
        if let Ok(mut l) = self.leaf.lock() {
            *l = Some(end_entity.as_ref().to_vec());
        }
        self.inner
            .verify_server_cert(end_entity, intermediates, server_name, ocsp, now)
    }

    fn verify_tls12_signature(
        &self,
        message: &[u8],
        cert: &CertificateDer<'_>,
        dss: &DigitallySignedStruct,
    ) -> Result<HandshakeSignatureValid, rustls::Error> {
        self.inner.verify_tls12_signature(message, cert, dss)
    }

    fn verify_tls13_signature(
        &self,
        message: &[u8],
        cert: &CertificateDer<'_>,
        dss: &DigitallySignedStruct,
    ) -> Result<HandshakeSignatureValid, rustls::Error> {
        self.inner.verify_tls13_signature(message, cert, dss)
    }

    fn supported_verify_schemes(&self) -> Vec<SignatureScheme> {
        self.inner.supported_verify_schemes()
    }
}

/// A client configuration for one connection, and the recorder that sees its certificate.
pub fn client(
    roots: &Arc<RootCertStore>,
) -> Result<(Arc<rustls::ClientConfig>, Arc<Recorder>), String> {
    let provider = Arc::new(rustls::crypto::ring::default_provider());
    let inner = WebPkiServerVerifier::builder_with_provider(roots.clone(), provider.clone())
        .build()
        .map_err(|e| e.to_string())?;
    let recorder = Arc::new(Recorder {
        inner,
        leaf: Mutex::new(None),
    });
    let config = rustls::ClientConfig::builder_with_provider(provider)
        .with_safe_default_protocol_versions()
        .map_err(|e| e.to_string())?
        .dangerous()
        .with_custom_certificate_verifier(recorder.clone())
        .with_no_client_auth();
    Ok((Arc::new(config), recorder))
}

/// Names a handshake failure; `leaf` tells a self-signed certificate from one whose issuer is
/// merely unknown.
pub fn classify(err: &std::io::Error, leaf: Option<&Leaf>) -> Option<CertProblem> {
    let inner = err.get_ref()?.downcast_ref::<rustls::Error>()?;
    let rustls::Error::InvalidCertificate(c) = inner else {
        return None;
    };
    Some(match c {
        CertificateError::Expired | CertificateError::ExpiredContext { .. } => CertProblem::Expired,
        CertificateError::NotValidYet | CertificateError::NotValidYetContext { .. } => {
            CertProblem::NotYetValid
        }
        CertificateError::NotValidForName | CertificateError::NotValidForNameContext { .. } => {
            CertProblem::WrongHost
        }
        CertificateError::UnknownIssuer if leaf.is_some_and(|l| l.self_issued) => {
            CertProblem::SelfSigned
        }
        CertificateError::UnknownIssuer => CertProblem::UnknownIssuer,
        other => CertProblem::Other(format!("{other:?}")),
    })
}
