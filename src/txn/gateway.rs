//! Asking an acquirer's HTTP gateway about one transaction.
//!
//! The reference protocol is the simulator's API (`docs/gateway-api.md`); any other
//! acquirer's REST API is reached through the profile's `[gateway]` mapping: a URL template,
//! the method, where the token comes from, and JSON pointers to the fields, so a support
//! team connects their acquirer without code. Every request is bounded by a deadline;
//! server errors (5xx) and timeouts are retried with backoff, nothing else is.

use std::net::SocketAddr;
use std::sync::Arc;
use std::time::{Duration, Instant};

use serde_json::Value;

use super::columns::{parse_time, parse_yuan};
use super::{State, Txn};
use crate::config::Gateway;

/// A body larger than this is not a transaction record.
pub const MAX_BODY: usize = 1 << 20;

/// Redirects followed within the gateway's own origin; a longer chain is reported, not
/// followed.
pub const MAX_REDIRECTS: usize = 3;

/// What the look-up is keyed on; a template may use any of them.
#[derive(Debug, Clone, Default)]
pub struct Keys {
    pub rrn: Option<String>,
    pub trace: Option<String>,
    pub terminal_id: Option<String>,
    pub merchant_id: Option<String>,
    /// `YYYY-MM-DD`.
    pub date: Option<String>,
    pub order_id: Option<String>,
}

impl Keys {
    fn get(&self, name: &str) -> Option<&str> {
        match name {
            "rrn" => self.rrn.as_deref(),
            "trace" => self.trace.as_deref(),
            "terminal_id" => self.terminal_id.as_deref(),
            "merchant_id" => self.merchant_id.as_deref(),
            "date" => self.date.as_deref(),
            "order_id" => self.order_id.as_deref(),
            _ => None,
        }
    }
}

/// Why the gateway gave no answer about the transaction.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum GatewayError {
    #[error("the look-up needs {0}")]
    NeedsKey(String),
    #[error("bad gateway setting {field}: {value}")]
    Setting { field: String, value: String },
    #[error("environment variable {0} is not set")]
    MissingToken(String),
    #[error("401 unauthorized")]
    Unauthorized,
    #[error("403 forbidden")]
    Forbidden,
    #[error("429 too many requests")]
    RateLimited { retry_after: Option<String> },
    #[error("HTTP {status} after {attempts} attempts")]
    Server { status: u16, attempts: u32 },
    #[error("HTTP {0}")]
    Status(u16),
    #[error("timed out after {attempts} attempts")]
    Timeout { attempts: u32 },
    #[error("TLS: {0}")]
    Tls(String),
    #[error("could not connect: {0}")]
    Connect(String),
    #[error("the answer is not the expected JSON: {0}")]
    Malformed(String),
    #[error("the answer is larger than {0} bytes")]
    TooLarge(usize),
    /// The gateway pointed the look-up somewhere it was not followed: another origin, down
    /// from https to http, or one redirect too many. `location` is where it pointed, without
    /// userinfo or query (they may carry secrets).
    #[error("redirected to {location} ({why})")]
    Redirect {
        location: String,
        why: RedirectRefusal,
    },
}

pub use crate::net::http::{RedirectRefusal, redirect_refusal, shown_location};

impl GatewayError {
    /// The error in the user's language, for a finding's summary (JSON keeps [`key`]); what
    /// a library said (a TLS or JSON parser message) stays verbatim, quoted in Chinese.
    ///
    /// [`key`]: GatewayError::key
    pub fn describe(&self, lang: crate::i18n::Lang) -> String {
        use crate::i18n::{Lang, Msg};
        let quoted = |detail: &str| match lang {
            Lang::Zh => format!("`{detail}`"),
            Lang::En => detail.to_string(),
        };
        match self {
            GatewayError::Unauthorized => lang.tr(Msg::TxnGatewayErrorUnauthorized).to_string(),
            GatewayError::Forbidden => lang.tr(Msg::TxnGatewayErrorForbidden).to_string(),
            GatewayError::Server { status, attempts } => lang.trf(
                Msg::TxnGatewayErrorServer,
                &[("status", status), ("attempts", attempts)],
            ),
            GatewayError::Timeout { attempts } => {
                lang.trf(Msg::TxnGatewayErrorTimeout, &[("attempts", attempts)])
            }
            GatewayError::Tls(d) => lang.trf(Msg::TxnGatewayErrorTls, &[("detail", &quoted(d))]),
            GatewayError::Connect(d) => {
                lang.trf(Msg::TxnGatewayErrorConnect, &[("detail", &quoted(d))])
            }
            GatewayError::Malformed(d) => {
                lang.trf(Msg::TxnGatewayErrorMalformed, &[("detail", &quoted(d))])
            }
            GatewayError::TooLarge(limit) => {
                lang.trf(Msg::TxnGatewayErrorTooLarge, &[("limit", limit)])
            }
            other => other.to_string(),
        }
    }

    /// The stable key used in JSON (`metrics.error`).
    pub fn key(&self) -> &'static str {
        match self {
            GatewayError::NeedsKey(_) => "needs-key",
            GatewayError::Setting { .. } => "setting",
            GatewayError::MissingToken(_) => "missing-token",
            GatewayError::Unauthorized => "unauthorized",
            GatewayError::Forbidden => "forbidden",
            GatewayError::RateLimited { .. } => "rate-limited",
            GatewayError::Server { .. } => "server-error",
            GatewayError::Status(_) => "http-status",
            GatewayError::Timeout { .. } => "timeout",
            GatewayError::Tls(_) => "tls",
            GatewayError::Connect(_) => "connect",
            GatewayError::Malformed(_) => "malformed",
            GatewayError::TooLarge(_) => "too-large",
            GatewayError::Redirect { .. } => "redirect",
        }
    }
}

/// How the client reaches the gateway.
#[derive(Clone, Default)]
pub struct Transport {
    pub roots: Option<Arc<rustls::RootCertStore>>,
    /// Names resolved to these addresses instead of through DNS.
    pub overrides: Vec<(String, SocketAddr)>,
    /// Resolve names through these servers (`--dns`); the system's resolver when empty.
    pub dns: Vec<crate::net::dns::DnsServer>,
    /// Retries after the first attempt, on 5xx and timeouts only.
    pub retries: u32,
    /// First backoff; doubled each retry.
    pub backoff: Duration,
}

/// Names resolved through the `--dns` servers, so the gateway is found as `net` finds it.
struct Resolver {
    servers: Vec<crate::net::dns::DnsServer>,
    timeout: Duration,
}

impl reqwest::dns::Resolve for Resolver {
    fn resolve(&self, name: reqwest::dns::Name) -> reqwest::dns::Resolving {
        let host = name.as_str().to_string();
        let servers = self.servers.clone();
        let timeout = self.timeout;
        Box::pin(async move {
            // All servers at once, the first answer wins: a dead resolver listed first
            // must not use up the time the request itself needs.
            let lookups = crate::net::dns::resolve_all(&host, &servers, timeout / 2, None).await;
            if let Some(addrs) = lookups
                .iter()
                .map(|r| r.addresses())
                .find(|a| !a.is_empty())
            {
                let it = addrs.into_iter().map(|ip| SocketAddr::new(ip, 0));
                return Ok(Box::new(it.collect::<Vec<_>>().into_iter()) as reqwest::dns::Addrs);
            }
            let last = lookups.last().map_or_else(
                || "no DNS server".to_string(),
                |r| format!("{host}: {:?}", r.v4),
            );
            Err(last.into())
        })
    }
}

fn client(
    transport: &Transport,
    timeout: Duration,
    origin: reqwest::Url,
) -> Result<reqwest::Client, GatewayError> {
    let provider = Arc::new(rustls::crypto::ring::default_provider());
    let roots = transport
        .roots
        .clone()
        .unwrap_or_else(|| Arc::new(rustls::RootCertStore::empty()));
    let tls = rustls::ClientConfig::builder_with_provider(provider)
        .with_safe_default_protocol_versions()
        .map_err(|e| GatewayError::Tls(e.to_string()))?
        .with_root_certificates(roots)
        .with_no_client_auth();
    let mut b = reqwest::Client::builder()
        .tls_backend_preconfigured(tls)
        .timeout(timeout)
        .connect_timeout(timeout)
        // Followed only within the configured origin, and only a few: anything else comes
        // back as the 3xx answer itself, which `lookup` reports. Custom headers (an
        // `X-Api-Key`) are never stripped by reqwest on a redirect, so not following is the
        // only way to keep them from another host.
        .redirect(reqwest::redirect::Policy::custom(move |attempt| {
            if attempt.previous().len() > MAX_REDIRECTS
                || redirect_refusal(&origin, attempt.url()).is_some()
            {
                attempt.stop()
            } else {
                attempt.follow()
            }
        }))
        .user_agent(concat!("posdoctor/", env!("CARGO_PKG_VERSION")));
    if !transport.dns.is_empty() {
        b = b.dns_resolver(Arc::new(Resolver {
            servers: transport.dns.clone(),
            timeout,
        }));
    }
    for (host, addr) in &transport.overrides {
        b = b.resolve(host, *addr);
    }
    b.build().map_err(|e| GatewayError::Connect(chain(&e)))
}

/// An error with its causes, as one line: reqwest's own message alone says little.
fn chain(e: &dyn std::error::Error) -> String {
    let mut s = e.to_string();
    let mut src = e.source();
    while let Some(c) = src {
        let t = c.to_string();
        if !s.contains(&t) {
            s.push_str(": ");
            s.push_str(&t);
        }
        src = c.source();
    }
    // The URL is shown beside the error already.
    match s.split_once(" for url (") {
        Some((head, rest)) => match rest.split_once(')') {
            Some((_, tail)) => format!("{head}{tail}"),
            None => s,
        },
        None => s,
    }
}

fn is_tls(e: &reqwest::Error) -> bool {
    let mut src: Option<&dyn std::error::Error> = Some(e);
    while let Some(c) = src {
        if c.downcast_ref::<rustls::Error>().is_some() {
            return true;
        }
        // An I/O error's `source()` skips the error it wraps, where rustls's usually is.
        if let Some(io) = c.downcast_ref::<std::io::Error>()
            && io
                .get_ref()
                .is_some_and(|inner| inner.downcast_ref::<rustls::Error>().is_some())
        {
            return true;
        }
        src = c.source();
    }
    false
}

/// Fills `{name}` placeholders; values are percent-encoded for URLs, JSON-escaped for bodies.
fn fill(template: &str, gw: &Gateway, keys: &Keys, json: bool) -> Result<String, GatewayError> {
    let mut out = String::with_capacity(template.len() + 32);
    let mut rest = template;
    while let Some(start) = rest.find('{') {
        out.push_str(&rest[..start]);
        let after = &rest[start + 1..];
        let Some(end) = after.find('}') else {
            out.push_str(&rest[start..]);
            rest = "";
            break;
        };
        let name = &after[..end];
        if name == "url" {
            out.push_str(gw.url.trim_end_matches('/'));
        } else if !name.chars().all(|c| c.is_ascii_lowercase() || c == '_') || name.is_empty() {
            // Not a placeholder (a JSON body's own braces).
            out.push('{');
            rest = after;
            continue;
        } else {
            let v = keys
                .get(name)
                .ok_or_else(|| GatewayError::NeedsKey(name.to_string()))?;
            if json {
                let quoted = Value::String(v.to_string()).to_string();
                out.push_str(&quoted[1..quoted.len() - 1]);
            } else {
                out.extend(percent_encoding::utf8_percent_encode(
                    v,
                    percent_encoding::NON_ALPHANUMERIC,
                ));
            }
        }
        rest = &after[end + 1..];
    }
    out.push_str(rest);
    Ok(out)
}

/// The look-up request's URL, for display and errors (holds no secret: the token goes in a
/// header).
pub fn lookup_url(gw: &Gateway, keys: &Keys) -> Result<String, GatewayError> {
    let template = gw
        .lookup
        .as_deref()
        .unwrap_or("{url}/v1/transactions/{rrn}");
    fill(template, gw, keys, false)
}

/// Asks the gateway about one transaction: `Ok(None)` when it answers 404 (not found).
pub async fn lookup(
    gw: &Gateway,
    keys: &Keys,
    transport: &Transport,
    deadline: Instant,
) -> Result<Option<Txn>, GatewayError> {
    let url = lookup_url(gw, keys)?;
    let method = match gw
        .method
        .as_deref()
        .unwrap_or("GET")
        .to_ascii_uppercase()
        .as_str()
    {
        "GET" => reqwest::Method::GET,
        "POST" => reqwest::Method::POST,
        other => {
            return Err(GatewayError::Setting {
                field: "method".into(),
                value: other.into(),
            });
        }
    };
    let body = match &gw.body {
        Some(b) => Some(fill(b, gw, keys, true)?),
        None => None,
    };
    let header = gw.auth_header.as_deref().unwrap_or("Authorization");
    let token = match &gw.auth_env {
        Some(var) => Some(
            std::env::var(var)
                .ok()
                .filter(|v| !v.is_empty())
                .ok_or_else(|| GatewayError::MissingToken(var.clone()))?,
        ),
        None => None,
    };
    let auth = token.map(|t| {
        let prefix = gw.auth_prefix.clone().unwrap_or_else(|| {
            if header.eq_ignore_ascii_case("authorization") {
                "Bearer ".into()
            } else {
                String::new()
            }
        });
        zeroize::Zeroizing::new(format!("{prefix}{t}"))
    });
    let origin = reqwest::Url::parse(&url).map_err(|e| GatewayError::Setting {
        field: "url".into(),
        value: e.to_string(),
    })?;
    let left = deadline.saturating_duration_since(Instant::now());
    let client = client(
        transport,
        left.max(Duration::from_millis(1)),
        origin.clone(),
    )?;
    let mut attempts = 0u32;
    let mut backoff = transport.backoff;
    loop {
        attempts += 1;
        let left = deadline.saturating_duration_since(Instant::now());
        if left.is_zero() {
            return Err(GatewayError::Timeout { attempts });
        }
        let mut req = client.request(method.clone(), &url).timeout(left);
        req = req.header("accept", "application/json");
        if let Some(a) = &auth {
            let mut v =
                reqwest::header::HeaderValue::from_str(a).map_err(|_| GatewayError::Setting {
                    field: "auth_env".into(),
                    value: gw.auth_env.clone().unwrap_or_default(),
                })?;
            v.set_sensitive(true);
            req = req.header(header, v);
        }
        if let Some(b) = &body {
            req = req
                .header("content-type", "application/json")
                .body(b.clone());
        }
        let retryable = match req.send().await {
            Ok(resp) => {
                let status = resp.status().as_u16();
                match status {
                    200..=299 => {
                        let bytes = read_limited(resp).await?;
                        return parse(gw, &bytes).map(Some);
                    }
                    404 => return Ok(None),
                    300..=399 if resp.headers().contains_key(reqwest::header::LOCATION) => {
                        // A redirect the policy did not follow.
                        let location = resp
                            .headers()
                            .get(reqwest::header::LOCATION)
                            .and_then(|v| v.to_str().ok());
                        let target = location.and_then(|l| resp.url().join(l.trim()).ok());
                        let why = target
                            .as_ref()
                            .and_then(|t| redirect_refusal(&origin, t))
                            .unwrap_or(RedirectRefusal::TooMany);
                        return Err(GatewayError::Redirect {
                            location: shown_location(resp.url(), location),
                            why,
                        });
                    }
                    401 => return Err(GatewayError::Unauthorized),
                    403 => return Err(GatewayError::Forbidden),
                    429 => {
                        let retry_after = resp
                            .headers()
                            .get("retry-after")
                            .and_then(|v| v.to_str().ok())
                            .map(str::to_string);
                        return Err(GatewayError::RateLimited { retry_after });
                    }
                    500..=599 => GatewayError::Server { status, attempts },
                    _ => return Err(GatewayError::Status(status)),
                }
            }
            Err(e) if e.is_timeout() => GatewayError::Timeout { attempts },
            Err(e) if is_tls(&e) || chain(&e).contains("certificate") => {
                return Err(GatewayError::Tls(chain(&e)));
            }
            Err(e) => return Err(GatewayError::Connect(chain(&e))),
        };
        let left = deadline.saturating_duration_since(Instant::now());
        if attempts > transport.retries || left <= backoff {
            return Err(retryable);
        }
        tokio::time::sleep(backoff).await;
        backoff *= 2;
    }
}

async fn read_limited(mut resp: reqwest::Response) -> Result<Vec<u8>, GatewayError> {
    if resp.content_length().is_some_and(|n| n > MAX_BODY as u64) {
        return Err(GatewayError::TooLarge(MAX_BODY));
    }
    let mut body = Vec::new();
    loop {
        match resp.chunk().await {
            Ok(Some(c)) => {
                if body.len() + c.len() > MAX_BODY {
                    return Err(GatewayError::TooLarge(MAX_BODY));
                }
                body.extend_from_slice(&c);
            }
            Ok(None) => return Ok(body),
            Err(e) if e.is_timeout() => return Err(GatewayError::Timeout { attempts: 1 }),
            Err(e) => return Err(GatewayError::Malformed(chain(&e))),
        }
    }
}

/// The JSON pointer for `field`: the profile's, else the simulator's field name.
fn pointer<'g>(gw: &'g Gateway, field: &str, default: &'g str) -> &'g str {
    gw.fields.get(field).map_or(default, String::as_str)
}

fn text_at(v: &Value, ptr: &str) -> Option<String> {
    match v.pointer(ptr)? {
        Value::String(s) if !s.is_empty() => Some(s.clone()),
        Value::Number(n) => Some(n.to_string()),
        Value::Bool(b) => Some(b.to_string()),
        _ => None,
    }
}

/// Reads a gateway answer into a [`Txn`] through the profile's mapping.
pub fn parse(gw: &Gateway, body: &[u8]) -> Result<Txn, GatewayError> {
    let v: Value =
        serde_json::from_slice(body).map_err(|e| GatewayError::Malformed(e.to_string()))?;
    if !v.is_object() {
        return Err(GatewayError::Malformed("not a JSON object".into()));
    }
    let state_ptr = pointer(gw, "state", "/state");
    let raw_state = text_at(&v, state_ptr)
        .ok_or_else(|| GatewayError::Malformed(format!("no state at {state_ptr}")))?;
    let code = text_at(&v, pointer(gw, "response_code", "/response_code"));
    let mut state = gw
        .states
        .get(&raw_state)
        .and_then(|s| State::parse_key(s))
        .or_else(|| State::parse_key(&raw_state.to_ascii_lowercase()))
        .or_else(|| super::columns::parse_status(&raw_state))
        .ok_or_else(|| {
            GatewayError::Malformed(format!(
                "unknown state {raw_state:?} (map it in [gateway.states])"
            ))
        })?;
    let settlement = text_at(&v, pointer(gw, "settlement", "/settlement"));
    if state == State::Approved {
        match settlement
            .as_deref()
            .map(str::to_ascii_lowercase)
            .as_deref()
        {
            Some("settled") => state = State::Settled,
            Some("credited") => state = State::Credited,
            _ => {}
        }
    }
    let amount = match text_at(&v, pointer(gw, "amount", "/amount")) {
        Some(a) => {
            let yuan = gw.amount_unit.as_deref() == Some("yuan");
            let parsed = if yuan {
                parse_yuan(&a)
            } else {
                super::columns::parse_fen(&a)
            };
            Some(parsed.ok_or_else(|| GatewayError::Malformed(format!("amount {a:?}")))?)
        }
        None => None,
    };
    let time = text_at(&v, pointer(gw, "time", "/time"));
    let date = time.as_deref().and_then(|t| {
        parse_time(t)
            .and_then(|(d, _)| d)
            .or_else(|| super::columns::parse_date(t))
    });
    let card = text_at(&v, pointer(gw, "card", "/card"))
        .and_then(|c| {
            crate::card::digits(&c)
                .map(|d| crate::card::mask(&d))
                .or(Some(c))
        })
        .filter(|c| !c.chars().all(|ch| ch.is_ascii_digit()) || c.len() <= 10);
    Ok(Txn {
        state: Some(state),
        code,
        rrn: text_at(&v, pointer(gw, "rrn", "/rrn")),
        trace: text_at(&v, pointer(gw, "trace", "/trace")),
        terminal_id: text_at(&v, pointer(gw, "terminal_id", "/terminal_id")),
        merchant_id: text_at(&v, pointer(gw, "merchant_id", "/merchant_id")),
        order_id: text_at(&v, pointer(gw, "order_id", "/order_id")),
        amount,
        time,
        date,
        clock: None,
        card,
        settlement,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn templates() {
        let gw = Gateway {
            url: "https://acq.example/api/".into(),
            ..Default::default()
        };
        let keys = Keys {
            rrn: Some("0000 12/3".into()),
            ..Default::default()
        };
        assert_eq!(
            lookup_url(&gw, &keys).unwrap(),
            "https://acq.example/api/v1/transactions/0000%2012%2F3"
        );
        assert_eq!(
            lookup_url(&gw, &Keys::default()).unwrap_err(),
            GatewayError::NeedsKey("rrn".into())
        );
        let body = fill(
            r#"{"q": {"rrn": "{rrn}"}}"#,
            &gw,
            &Keys {
                rrn: Some("a\"b".into()),
                ..Default::default()
            },
            true,
        )
        .unwrap();
        assert_eq!(body, r#"{"q": {"rrn": "a\"b"}}"#);
    }

    #[test]
    fn redirects_stay_on_the_origin() {
        let u = |s: &str| reqwest::Url::parse(s).unwrap();
        let gw = u("https://acq.example/api/v1/transactions/1");
        assert_eq!(redirect_refusal(&gw, &u("https://acq.example/v2/x")), None);
        assert_eq!(redirect_refusal(&gw, &u("https://acq.example:443/x")), None);
        assert_eq!(
            redirect_refusal(&gw, &u("http://acq.example/x")),
            Some(RedirectRefusal::Downgrade)
        );
        assert_eq!(
            redirect_refusal(&gw, &u("https://evil.example/x")),
            Some(RedirectRefusal::OtherOrigin)
        );
        assert_eq!(
            redirect_refusal(&gw, &u("https://acq.example:8443/x")),
            Some(RedirectRefusal::OtherOrigin)
        );
        assert_eq!(
            redirect_refusal(&gw, &u("https://user@acq.example.evil/x")),
            Some(RedirectRefusal::OtherOrigin)
        );
        let plain = u("http://127.0.0.1:8080/x");
        assert_eq!(
            redirect_refusal(&plain, &u("http://127.0.0.2:8080/x")),
            Some(RedirectRefusal::OtherOrigin)
        );
        assert_eq!(
            redirect_refusal(&plain, &u("https://127.0.0.1:8080/x")),
            Some(RedirectRefusal::OtherOrigin)
        );
    }

    #[test]
    fn shown_locations_carry_no_secrets() {
        let base = reqwest::Url::parse("https://acq.example/api/x").unwrap();
        assert_eq!(
            shown_location(
                &base,
                Some("https://u:p4ss@evil.example:8443/t?token=s3cret#f")
            ),
            "https://evil.example:8443/t?…"
        );
        assert_eq!(
            shown_location(&base, Some("/v2/y")),
            "https://acq.example/v2/y"
        );
        assert_eq!(shown_location(&base, None), "-");
        assert_eq!(shown_location(&base, Some("http://[bad")), "-");
    }

    #[test]
    fn mapped_answers() {
        let mut gw = Gateway::default();
        gw.fields.insert("state".into(), "/data/txnStatus".into());
        gw.fields.insert("amount".into(), "/data/amt".into());
        gw.fields
            .insert("response_code".into(), "/data/respCode".into());
        gw.fields.insert("card".into(), "/data/pan".into());
        gw.states.insert("S".into(), "approved".into());
        gw.amount_unit = Some("yuan".into());
        let t = parse(
            &gw,
            br#"{"data": {"txnStatus": "S", "amt": "100.51", "respCode": "00", "pan": "6222021234567890123"}}"#,
        )
        .unwrap();
        assert_eq!(t.state, Some(State::Approved));
        assert_eq!(t.amount, Some(10051));
        assert_eq!(t.card.as_deref(), Some("622202*********0123"));
        assert!(matches!(
            parse(&gw, br#"{"data": {"txnStatus": "Q"}}"#),
            Err(GatewayError::Malformed(_))
        ));
        assert!(matches!(
            parse(&gw, b"<html>"),
            Err(GatewayError::Malformed(_))
        ));
        let sim = Gateway::default();
        let t = parse(
            &sim,
            br#"{"state": "approved", "settlement": "credited", "amount": 5, "time": "2026-11-23T06:00:00Z"}"#,
        )
        .unwrap();
        assert_eq!(t.state, Some(State::Credited));
        assert_eq!(t.date, Some(20261123));
    }
}
