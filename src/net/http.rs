//! One HTTP request to a URL target, timed phase by phase as httpstat and
//! `curl -w` show them: DNS, TCP connect, TLS handshake, first byte, total.

use std::net::SocketAddr;
use std::sync::Arc;
use std::time::{Duration, Instant, SystemTime};

use http_body_util::{BodyExt, Empty, Limited};
use hyper::body::Bytes;
use hyper_util::rt::TokioIo;
use rustls::RootCertStore;
use rustls::pki_types::ServerName;
use tokio::io::{AsyncRead, AsyncWrite};

use super::target::Target;
use super::tcp;
use super::tls::{self, CertProblem, Leaf};

/// Bodies are read to time the whole response, but no further than this.
const MAX_BODY: usize = 1 << 20;

#[derive(Debug, Clone)]
pub struct Timing {
    pub dns_ms: f64,
    pub connect_ms: f64,
    pub tls_ms: Option<f64>,
    /// From the start of the look-up to the first byte of the response, as curl's
    /// `time_starttransfer`.
    pub start_transfer_ms: f64,
    pub total_ms: f64,
    pub status: u16,
    pub tls_version: Option<String>,
    pub leaf: Option<Leaf>,
    /// Server clock minus ours, in seconds, from the `Date` header.
    pub skew_s: Option<f64>,
    /// Where a 3xx answer points (its `Location`, as sent). The probe never follows it, and
    /// never sends credentials at all (a URL's userinfo is dropped when it is parsed).
    pub location: Option<String>,
}

impl Timing {
    /// The phases known once connected; the rest are filled in as they happen.
    fn started(dns: Duration, connected: Duration) -> Timing {
        Timing {
            dns_ms: ms(dns),
            connect_ms: ms(connected),
            tls_ms: None,
            start_transfer_ms: 0.0,
            total_ms: 0.0,
            status: 0,
            tls_version: None,
            leaf: None,
            skew_s: None,
            location: None,
        }
    }
}

#[derive(Debug, Clone)]
pub enum Failure {
    Connect(tcp::Failure),
    Certificate {
        problem: CertProblem,
        leaf: Option<Leaf>,
    },
    Handshake(String),
    /// Connected, but no response before the deadline.
    NoAnswer,
    /// The server closed or reset the connection instead of answering.
    Closed,
    /// What came back was not HTTP.
    NotHttp(String),
    /// The proxy could not be reached, or refused to open a tunnel (its status code).
    Proxy {
        status: Option<u16>,
        detail: String,
    },
}

/// Why a redirect was not followed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RedirectRefusal {
    /// Another scheme, host or port: the token must not go there, nor its answer be taken
    /// for the gateway's.
    OtherOrigin,
    /// From https to http: the token and the answer would cross the network in the clear.
    Downgrade,
    /// More than the client's limit within the origin.
    TooMany,
}

impl RedirectRefusal {
    pub fn key(self) -> &'static str {
        match self {
            RedirectRefusal::OtherOrigin => "other-origin",
            RedirectRefusal::Downgrade => "downgrade",
            RedirectRefusal::TooMany => "too-many",
        }
    }
}

impl std::fmt::Display for RedirectRefusal {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.key())
    }
}

/// Whether a redirect from `from` to `to` may be followed: only within the same origin
/// (scheme, host and port, RFC 6454), so credentials never reach another server and an
/// answer is only ever the configured gateway's.
pub fn redirect_refusal(from: &reqwest::Url, to: &reqwest::Url) -> Option<RedirectRefusal> {
    if from.scheme() == "https" && to.scheme() != "https" {
        return Some(RedirectRefusal::Downgrade);
    }
    let same = from.scheme() == to.scheme()
        && from.host() == to.host()
        && from.port_or_known_default() == to.port_or_known_default();
    (!same).then_some(RedirectRefusal::OtherOrigin)
}

/// A redirect's target as it may be shown: resolved against the URL that answered, without
/// userinfo, query or fragment (`?…` marks a query left out).
pub fn shown_location(base: &reqwest::Url, location: Option<&str>) -> String {
    let Some(raw) = location else {
        return "-".into();
    };
    match base.join(raw.trim()) {
        Ok(mut u) => {
            let had_query = u.query().is_some();
            let _ = u.set_username("");
            let _ = u.set_password(None);
            u.set_query(None);
            u.set_fragment(None);
            let mut s = u.to_string();
            if had_query {
                s.push_str("?…");
            }
            s
        }
        Err(_) => "-".into(),
    }
}

fn ms(d: Duration) -> f64 {
    d.as_secs_f64() * 1000.0
}

/// GETs the target's path from `addr`; `dns` is how long the look-up took (part of the
/// start-transfer time, as in curl).
pub async fn get(
    t: &Target,
    addr: SocketAddr,
    proxy: Option<&Target>,
    interface: Option<&str>,
    dns: Duration,
    roots: &Arc<RootCertStore>,
    deadline: Instant,
) -> Result<Timing, Failure> {
    let left = || deadline.saturating_duration_since(Instant::now());
    let t0 = Instant::now();
    let connect_to = match proxy {
        None => addr,
        Some(p) => proxy_address(p).await?,
    };
    let tcp = match tokio::time::timeout(left(), tcp::open(connect_to, interface)).await {
        Ok(Ok(s)) => s,
        Ok(Err(e)) if proxy.is_some() => {
            return Err(Failure::Proxy {
                status: None,
                detail: e.to_string(),
            });
        }
        Ok(Err(e)) => return Err(Failure::Connect(tcp::classify(&e))),
        Err(_) if proxy.is_some() => {
            return Err(Failure::Proxy {
                status: None,
                detail: "timed out".into(),
            });
        }
        Err(_) => return Err(Failure::Connect(tcp::Failure::TimedOut)),
    };
    let _ = tcp.set_nodelay(true);
    let https = t.scheme.as_deref() == Some("https");
    if let (Some(_), true) = (proxy, https) {
        let tunnel = tunnel(tcp, t, deadline).await?;
        let connected = t0.elapsed();
        return secure(TokioIo::new(tunnel), t, t0, connected, dns, roots, deadline).await;
    }
    let connected = t0.elapsed();
    if https {
        return secure(tcp, t, t0, connected, dns, roots, deadline).await;
    }
    let timing = Timing::started(dns, connected);
    exchange(tcp, t, proxy.is_some(), t0, dns, deadline, timing).await
}

async fn proxy_address(p: &Target) -> Result<SocketAddr, Failure> {
    if let Some(ip) = p.ip() {
        return Ok(SocketAddr::new(ip, p.port));
    }
    let found = tokio::net::lookup_host((p.host.as_str(), p.port)).await;
    found
        .ok()
        .and_then(|mut a| a.next())
        .ok_or_else(|| Failure::Proxy {
            status: None,
            detail: format!("cannot resolve {}", p.host),
        })
}

/// Asks the proxy for a tunnel to the target (`CONNECT host:port`).
async fn tunnel(
    tcp: tokio::net::TcpStream,
    t: &Target,
    deadline: Instant,
) -> Result<hyper::upgrade::Upgraded, Failure> {
    let left = || deadline.saturating_duration_since(Instant::now());
    let proxy_err = |detail: String| Failure::Proxy {
        status: None,
        detail,
    };
    let (mut sender, conn) = match tokio::time::timeout(
        left(),
        hyper::client::conn::http1::handshake(TokioIo::new(tcp)),
    )
    .await
    {
        Ok(Ok(pair)) => pair,
        Ok(Err(e)) => return Err(proxy_err(e.to_string())),
        Err(_) => return Err(proxy_err("timed out".into())),
    };
    tokio::spawn(conn.with_upgrades());
    let authority = format!("{}:{}", t.host, t.port);
    let request = hyper::Request::connect(authority.as_str())
        .header(hyper::header::HOST, authority.as_str())
        .body(Empty::<Bytes>::new())
        .map_err(|e| proxy_err(e.to_string()))?;
    let response = match tokio::time::timeout(left(), sender.send_request(request)).await {
        Ok(Ok(r)) => r,
        Ok(Err(e)) => return Err(proxy_err(e.to_string())),
        Err(_) => return Err(proxy_err("timed out".into())),
    };
    if !response.status().is_success() {
        return Err(Failure::Proxy {
            status: Some(response.status().as_u16()),
            detail: String::new(),
        });
    }
    match tokio::time::timeout(left(), hyper::upgrade::on(response)).await {
        Ok(Ok(u)) => Ok(u),
        Ok(Err(e)) => Err(proxy_err(e.to_string())),
        Err(_) => Err(proxy_err("timed out".into())),
    }
}

async fn secure<S>(
    stream: S,
    t: &Target,
    t0: Instant,
    connected: Duration,
    dns: Duration,
    roots: &Arc<RootCertStore>,
    deadline: Instant,
) -> Result<Timing, Failure>
where
    S: AsyncRead + AsyncWrite + Unpin + Send + 'static,
{
    let left = || deadline.saturating_duration_since(Instant::now());
    let mut timing = Timing::started(dns, connected);
    {
        let (config, recorder) = tls::client(roots).map_err(Failure::Handshake)?;
        let host = t
            .host
            .trim_start_matches('[')
            .trim_end_matches(']')
            .to_string();
        let name = ServerName::try_from(host).map_err(|e| Failure::Handshake(e.to_string()))?;
        let connector = tokio_rustls::TlsConnector::from(config);
        let handshake = tokio::time::timeout(left(), connector.connect(name, stream)).await;
        let leaf = recorder
            .leaf
            .lock()
            .ok()
            .and_then(|l| l.as_deref().and_then(tls::read_leaf));
        let stream = match handshake {
            Ok(Ok(s)) => s,
            Ok(Err(e)) => {
                return Err(match tls::classify(&e, leaf.as_ref()) {
                    Some(problem) => Failure::Certificate { problem, leaf },
                    None => Failure::Handshake(e.to_string()),
                });
            }
            Err(_) => return Err(Failure::NoAnswer),
        };
        timing.tls_ms = Some(ms(t0.elapsed() - connected));
        timing.tls_version = stream
            .get_ref()
            .1
            .protocol_version()
            .map(|v| format!("{v:?}").replace('_', "."));
        timing.leaf = leaf;
        exchange(stream, t, false, t0, dns, deadline, timing).await
    }
}

/// Sends the request and times the answer. `absolute`: the request goes to a proxy, which
/// needs the whole URL as the request target.
async fn exchange<S>(
    stream: S,
    t: &Target,
    absolute: bool,
    t0: Instant,
    dns: Duration,
    deadline: Instant,
    mut timing: Timing,
) -> Result<Timing, Failure>
where
    S: AsyncRead + AsyncWrite + Unpin + Send + 'static,
{
    let left = || deadline.saturating_duration_since(Instant::now());
    let (mut sender, conn) = match tokio::time::timeout(
        left(),
        hyper::client::conn::http1::handshake(TokioIo::new(stream)),
    )
    .await
    {
        Ok(Ok(pair)) => pair,
        Ok(Err(e)) => return Err(Failure::NotHttp(e.to_string())),
        Err(_) => return Err(Failure::NoAnswer),
    };
    let driver = tokio::spawn(conn);
    let authority = if (t.scheme.as_deref() == Some("https") && t.port == 443)
        || (t.scheme.as_deref() == Some("http") && t.port == 80)
    {
        t.host.clone()
    } else {
        format!("{}:{}", t.host, t.port)
    };
    let uri = if absolute {
        format!("http://{authority}{}", t.path)
    } else {
        t.path.clone()
    };
    let request = hyper::Request::get(uri.as_str())
        .header(hyper::header::HOST, authority)
        .header(
            hyper::header::USER_AGENT,
            concat!("posdoctor/", env!("CARGO_PKG_VERSION")),
        )
        .header(hyper::header::CONNECTION, "close")
        .body(Empty::<Bytes>::new())
        .map_err(|e| Failure::NotHttp(e.to_string()))?;
    let response = match tokio::time::timeout(left(), sender.send_request(request)).await {
        Ok(Ok(r)) => r,
        Ok(Err(e)) => {
            driver.abort();
            // Closed before a whole response: the server hung up. Anything else the parser
            // met (a bad status line, bytes before any request was answered) is not HTTP.
            return Err(
                if e.is_incomplete_message() || e.is_closed() || e.is_canceled() {
                    Failure::Closed
                } else {
                    Failure::NotHttp(e.to_string())
                },
            );
        }
        Err(_) => {
            driver.abort();
            return Err(Failure::NoAnswer);
        }
    };
    let first_byte = t0.elapsed();
    let received_at = SystemTime::now();
    timing.start_transfer_ms = ms(dns + first_byte);
    timing.status = response.status().as_u16();
    if response.status().is_redirection() {
        timing.location = response
            .headers()
            .get(hyper::header::LOCATION)
            .and_then(|l| l.to_str().ok())
            .map(str::to_string);
    }
    timing.skew_s = response
        .headers()
        .get(hyper::header::DATE)
        .and_then(|d| d.to_str().ok())
        .and_then(|d| httpdate::parse_http_date(d).ok())
        .map(|server| {
            // `Date` has whole seconds: compare it with our clock in whole seconds too, so a
            // clock in step reads 0 rather than a fraction of a second behind.
            let secs = |t: SystemTime| {
                t.duration_since(std::time::UNIX_EPOCH)
                    .map_or(0, |d| d.as_secs() as i64)
            };
            (secs(server) - secs(received_at)) as f64
        });
    let body = Limited::new(response.into_body(), MAX_BODY);
    let _ = tokio::time::timeout(left(), body.collect()).await;
    timing.total_ms = ms(dns + t0.elapsed());
    driver.abort();
    Ok(timing)
}
