//! HTTP and TLS servers on loopback for `net` tests, each in its own runtime that stops when
//! the handle is dropped; certificates are generated in the test with rcgen.

use std::convert::Infallible;
use std::net::SocketAddr;
use std::sync::Arc;
use std::time::{Duration, SystemTime};

use hyper::body::Bytes;
use hyper_util::rt::TokioIo;
use rustls::pki_types::{CertificateDer, PrivateKeyDer, PrivatePkcs8KeyDer};
use tokio::io::{AsyncReadExt, AsyncWriteExt};

#[derive(Clone)]
pub enum Mode {
    /// A real HTTP/1.1 server (hyper): answers `status` after `delay`, with a `Date` header
    /// shifted by `clock_offset` seconds.
    Http {
        status: u16,
        delay: Duration,
        clock_offset: i64,
    },
    /// Accepts and never answers.
    Silent,
    /// Accepts, reads the request, then resets the connection.
    Reset,
    /// Answers with bytes that are not HTTP.
    Garbage,
    /// An acquirer's JSON API: answers `body` to `GET path` carrying `header: value`,
    /// 401 without it, 404 for any other path.
    Api {
        path: String,
        header: String,
        value: String,
        body: String,
    },
    /// An HTTP proxy: tunnels `CONNECT` (or refuses it with 403), answers plain requests
    /// itself.
    Proxy { refuse: bool },
}

pub struct Server {
    pub addr: SocketAddr,
    _runtime: tokio::runtime::Runtime,
}

pub fn ok() -> Mode {
    Mode::Http {
        status: 200,
        delay: Duration::ZERO,
        clock_offset: 0,
    }
}

pub fn start(mode: Mode, tls: Option<Arc<rustls::ServerConfig>>) -> Server {
    let (runtime, listener) = loopback();
    let addr = listener.local_addr().unwrap();
    runtime.spawn(async move {
        loop {
            let Ok((stream, _)) = listener.accept().await else {
                continue;
            };
            let mode = mode.clone();
            let tls = tls.clone();
            tokio::spawn(async move {
                match tls {
                    Some(cfg) => {
                        if let Ok(s) = tokio_rustls::TlsAcceptor::from(cfg).accept(stream).await {
                            serve(s, mode).await;
                        }
                    }
                    None => serve(stream, mode).await,
                }
            });
        }
    });
    Server {
        addr,
        _runtime: runtime,
    }
}

async fn serve<S>(mut stream: S, mode: Mode)
where
    S: tokio::io::AsyncRead + tokio::io::AsyncWrite + Unpin + Send + 'static,
{
    match mode {
        Mode::Http {
            status,
            delay,
            clock_offset,
        } => {
            let service = hyper::service::service_fn(move |_req| async move {
                tokio::time::sleep(delay).await;
                let now = SystemTime::now();
                let date = if clock_offset >= 0 {
                    now + Duration::from_secs(clock_offset as u64)
                } else {
                    now - Duration::from_secs((-clock_offset) as u64)
                };
                let resp = hyper::Response::builder()
                    .status(status)
                    .header("date", httpdate::fmt_http_date(date))
                    .body(http_body_util::Full::new(Bytes::from_static(b"ok\n")))
                    .unwrap();
                Ok::<_, Infallible>(resp)
            });
            let _ = hyper::server::conn::http1::Builder::new()
                .timer(hyper_util::rt::TokioTimer::new())
                .serve_connection(TokioIo::new(stream), service)
                .await;
        }
        Mode::Api {
            path,
            header,
            value,
            body,
        } => {
            let service =
                hyper::service::service_fn(move |req: hyper::Request<hyper::body::Incoming>| {
                    let authorised = req
                        .headers()
                        .get(header.as_str())
                        .is_some_and(|v| v.as_bytes() == value.as_bytes());
                    let (status, text) = if !authorised {
                        (401, "{\"error\": \"unauthorized\"}".to_string())
                    } else if req.uri().path_and_query().map(|p| p.as_str()) == Some(path.as_str())
                    {
                        (200, body.clone())
                    } else {
                        (404, "{}".to_string())
                    };
                    async move {
                        Ok::<_, Infallible>(
                            hyper::Response::builder()
                                .status(status)
                                .header("content-type", "application/json")
                                .body(http_body_util::Full::new(Bytes::from(text)))
                                .unwrap(),
                        )
                    }
                });
            let _ = hyper::server::conn::http1::Builder::new()
                .serve_connection(TokioIo::new(stream), service)
                .await;
        }
        Mode::Proxy { refuse } => {
            let service = hyper::service::service_fn(
                move |req: hyper::Request<hyper::body::Incoming>| async move {
                    let empty = || http_body_util::Full::new(Bytes::new());
                    if req.method() != hyper::Method::CONNECT {
                        let resp = hyper::Response::builder()
                            .status(200)
                            .header("via", "test-proxy")
                            .body(empty())
                            .unwrap();
                        return Ok::<_, Infallible>(resp);
                    }
                    if refuse {
                        return Ok(hyper::Response::builder()
                            .status(403)
                            .body(empty())
                            .unwrap());
                    }
                    let authority = req
                        .uri()
                        .authority()
                        .map(|a| a.to_string())
                        .unwrap_or_default();
                    tokio::spawn(async move {
                        if let (Ok(upgraded), Ok(mut upstream)) = (
                            hyper::upgrade::on(req).await,
                            tokio::net::TcpStream::connect(authority).await,
                        ) {
                            let mut client = TokioIo::new(upgraded);
                            let _ = tokio::io::copy_bidirectional(&mut client, &mut upstream).await;
                        }
                    });
                    Ok(hyper::Response::builder()
                        .status(200)
                        .body(empty())
                        .unwrap())
                },
            );
            let _ = hyper::server::conn::http1::Builder::new()
                .serve_connection(TokioIo::new(stream), service)
                .with_upgrades()
                .await;
        }
        Mode::Silent => {
            let mut buf = [0u8; 1024];
            while let Ok(n) = stream.read(&mut buf).await {
                if n == 0 {
                    break;
                }
            }
        }
        Mode::Reset => {
            let mut buf = [0u8; 1024];
            let _ = stream.read(&mut buf).await;
            drop(stream);
        }
        Mode::Garbage => {
            let mut buf = [0u8; 1024];
            let _ = stream.read(&mut buf).await;
            let _ = stream
                .write_all(b"\x16\x03garbage that is not HTTP\r\n\r\n")
                .await;
            let _ = stream.shutdown().await;
        }
    }
}

/// A test CA and certificates it (or nobody) signed.
pub struct Pki {
    pub ca_pem: String,
    ca_params: rcgen::CertificateParams,
    ca_key: rcgen::KeyPair,
}

pub enum Leaf {
    Valid,
    /// Valid, but for 10 more days only.
    ExpiringSoon,
    Expired,
    NotYetValid,
    WrongHost,
    SelfSigned,
}

impl Pki {
    pub fn new() -> Pki {
        let ca_key = rcgen::KeyPair::generate().unwrap();
        let mut ca_params = rcgen::CertificateParams::new(Vec::<String>::new()).unwrap();
        ca_params.is_ca = rcgen::IsCa::Ca(rcgen::BasicConstraints::Unconstrained);
        ca_params
            .distinguished_name
            .push(rcgen::DnType::CommonName, "posdoctor test CA");
        let ca = ca_params.self_signed(&ca_key).unwrap();
        Pki {
            ca_pem: ca.pem(),
            ca_params,
            ca_key,
        }
    }

    pub fn server_config(&self, leaf: Leaf) -> Arc<rustls::ServerConfig> {
        let names = match leaf {
            Leaf::WrongHost => vec!["other.test".to_string()],
            _ => vec!["gw.test".to_string(), "localhost".to_string()],
        };
        let key = rcgen::KeyPair::generate().unwrap();
        let mut params = rcgen::CertificateParams::new(names).unwrap();
        params
            .distinguished_name
            .push(rcgen::DnType::CommonName, "gw.test");
        let now = time::OffsetDateTime::now_utc();
        match leaf {
            Leaf::Expired => {
                params.not_before = now - time::Duration::days(400);
                params.not_after = now - time::Duration::days(35);
            }
            Leaf::NotYetValid => {
                params.not_before = now + time::Duration::days(10);
                params.not_after = now + time::Duration::days(400);
            }
            Leaf::ExpiringSoon => {
                params.not_before = now - time::Duration::days(300);
                params.not_after = now + time::Duration::days(10) + time::Duration::hours(1);
            }
            _ => {
                params.not_before = now - time::Duration::days(1);
                params.not_after = now + time::Duration::days(200);
            }
        }
        let cert = match leaf {
            Leaf::SelfSigned => params.self_signed(&key).unwrap(),
            _ => {
                let issuer = rcgen::Issuer::from_params(&self.ca_params, &self.ca_key);
                params.signed_by(&key, &issuer).unwrap()
            }
        };
        let chain = vec![CertificateDer::from(cert.der().to_vec())];
        let key = PrivateKeyDer::Pkcs8(PrivatePkcs8KeyDer::from(key.serialize_der()));
        let provider = Arc::new(rustls::crypto::ring::default_provider());
        let cfg = rustls::ServerConfig::builder_with_provider(provider)
            .with_safe_default_protocol_versions()
            .unwrap()
            .with_no_client_auth()
            .with_single_cert(chain, key)
            .unwrap();
        Arc::new(cfg)
    }
}

/// The simulated acquirer's ISO 8583 host on 127.0.0.1 with `faults` injected and messages
/// of `layout`; it stops when dropped.
pub struct IsoHost {
    pub port: u16,
    _runtime: tokio::runtime::Runtime,
}

pub fn iso_host(faults: &[&str], layout: &str) -> IsoHost {
    use posdoctor::sim::{Faults, gateway::Ledger, iso};
    let faults = Faults::parse(&faults.iter().map(|s| s.to_string()).collect::<Vec<_>>()).unwrap();
    let (runtime, listener) = loopback();
    let port = listener.local_addr().unwrap().port();
    runtime.spawn(iso::serve(
        listener,
        posdoctor::iso8583::Layout::builtin(layout).unwrap(),
        Arc::new(faults),
        Arc::new(Ledger::default()),
    ));
    IsoHost {
        port,
        _runtime: runtime,
    }
}

/// A one-thread runtime and a listener on a free port of 127.0.0.1 bound in it.
fn loopback() -> (tokio::runtime::Runtime, tokio::net::TcpListener) {
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(1)
        .enable_all()
        .build()
        .unwrap();
    let listener = runtime
        .block_on(tokio::net::TcpListener::bind("127.0.0.1:0"))
        .unwrap();
    (runtime, listener)
}
