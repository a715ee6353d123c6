//! Certificates for the simulated gateway, made when the simulator starts: a CA of its own
//! and a server certificate it signed, valid or deliberately wrong (for the TLS faults).

use std::sync::Arc;

use rustls::pki_types::{CertificateDer, PrivateKeyDer, PrivatePkcs8KeyDer};

use super::dns::GATEWAY_HOST;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Leaf {
    Valid,
    Expired,
    WrongHost,
}

pub struct Pki {
    pub ca_pem: String,
    pub server: Arc<rustls::ServerConfig>,
}

pub fn make(leaf: Leaf) -> Result<Pki, String> {
    let err = |e: &dyn std::fmt::Display| e.to_string();
    let ca_key = rcgen::KeyPair::generate().map_err(|e| err(&e))?;
    let mut ca_params = rcgen::CertificateParams::new(Vec::<String>::new()).map_err(|e| err(&e))?;
    ca_params.is_ca = rcgen::IsCa::Ca(rcgen::BasicConstraints::Unconstrained);
    ca_params
        .distinguished_name
        .push(rcgen::DnType::CommonName, "posdoctor simulated acquirer CA");
    let ca = ca_params.self_signed(&ca_key).map_err(|e| err(&e))?;
    let name = match leaf {
        Leaf::WrongHost => "other.posdoctor.test",
        _ => GATEWAY_HOST,
    };
    let key = rcgen::KeyPair::generate().map_err(|e| err(&e))?;
    let mut params = rcgen::CertificateParams::new(vec![name.to_string()]).map_err(|e| err(&e))?;
    params
        .distinguished_name
        .push(rcgen::DnType::CommonName, name);
    let now = time::OffsetDateTime::now_utc();
    if leaf == Leaf::Expired {
        params.not_before = now - time::Duration::days(400);
        params.not_after = now - time::Duration::days(3);
    } else {
        params.not_before = now - time::Duration::days(1);
        params.not_after = now + time::Duration::days(365);
    }
    let issuer = rcgen::Issuer::from_params(&ca_params, &ca_key);
    let cert = params.signed_by(&key, &issuer).map_err(|e| err(&e))?;
    let provider = Arc::new(rustls::crypto::ring::default_provider());
    let server = rustls::ServerConfig::builder_with_provider(provider)
        .with_safe_default_protocol_versions()
        .map_err(|e| err(&e))?
        .with_no_client_auth()
        .with_single_cert(
            vec![CertificateDer::from(cert.der().to_vec())],
            PrivateKeyDer::Pkcs8(PrivatePkcs8KeyDer::from(key.serialize_der())),
        )
        .map_err(|e| err(&e))?;
    Ok(Pki {
        ca_pem: ca.pem(),
        server: Arc::new(server),
    })
}
