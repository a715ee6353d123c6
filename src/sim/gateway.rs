//! The simulated acquirer's HTTP JSON gateway: what an acquirer's web API says about a
//! transaction, a merchant and a settlement day, answered from what the simulated ISO 8583
//! host has seen. `docs/gateway-api.md` documents it; it is the reference protocol for
//! transaction look-ups.

use std::convert::Infallible;
use std::sync::{Arc, Mutex};

use http_body_util::Full;
use hyper::body::Bytes;
use hyper::{Method, Request, Response, StatusCode};
use hyper_util::rt::TokioIo;
use serde::Serialize;
use tokio::net::TcpListener;

/// A transaction the simulated host answered.
#[derive(Debug, Clone, Serialize)]
pub struct Txn {
    pub rrn: String,
    pub mti: String,
    pub state: &'static str,
    pub response_code: String,
    /// Amount in cents (fen).
    pub amount: u64,
    pub currency: String,
    pub terminal_id: String,
    pub merchant_id: String,
    pub trace: String,
    /// RFC 3339, UTC.
    pub time: String,
    /// `pending` until the (simulated) batch settles; the demo settles nothing.
    pub settlement: &'static str,
}

/// What the ISO host records and the gateway reads.
#[derive(Debug, Default)]
pub struct Ledger {
    pub txns: Mutex<Vec<Txn>>,
}

impl Ledger {
    pub fn record(&self, t: Txn) {
        if let Ok(mut v) = self.txns.lock() {
            // Bounded: the simulator is for tests and training, not for load.
            if v.len() >= 10_000 {
                v.remove(0);
            }
            v.push(t);
        }
    }

    fn find(&self, rrn: &str) -> Option<Txn> {
        self.txns
            .lock()
            .ok()?
            .iter()
            .rev()
            .find(|t| t.rrn == rrn)
            .cloned()
    }
}

fn json(status: StatusCode, body: serde_json::Value) -> (StatusCode, serde_json::Value) {
    (status, body)
}

/// The answer to one request: status and JSON body.
pub fn route(method: &Method, path: &str, ledger: &Ledger) -> (StatusCode, serde_json::Value) {
    if method != Method::GET {
        return json(
            StatusCode::METHOD_NOT_ALLOWED,
            serde_json::json!({"error": "method not allowed"}),
        );
    }
    let parts: Vec<&str> = path.trim_matches('/').split('/').collect();
    match parts.as_slice() {
        [""] | ["v1", "health"] => json(StatusCode::OK, serde_json::json!({"status": "ok"})),
        ["v1", "transactions", rrn] => match ledger.find(rrn) {
            Some(t) => json(StatusCode::OK, serde_json::to_value(&t).unwrap_or_default()),
            None => json(
                StatusCode::NOT_FOUND,
                serde_json::json!({"error": "transaction not found", "rrn": rrn}),
            ),
        },
        ["v1", "merchants", mid, "status"] => json(
            StatusCode::OK,
            serde_json::json!({
                "merchant_id": mid,
                "status": "active",
                "settlement_account": "valid",
                "settlement_cycle": "T+1",
            }),
        ),
        ["v1", "settlements", date] => json(
            StatusCode::OK,
            serde_json::json!({"date": date, "state": "pending", "credited_at": null}),
        ),
        _ => json(
            StatusCode::NOT_FOUND,
            serde_json::json!({"error": "no such endpoint"}),
        ),
    }
}

/// What the gateway gets wrong on purpose, for transaction look-ups.
#[derive(Debug, Default)]
pub struct GatewayFaults {
    status: Option<u16>,
    /// Look-ups still to be answered 503.
    flaky: std::sync::atomic::AtomicU32,
    slow: Option<std::time::Duration>,
    garbage: bool,
    oversize: bool,
}

impl From<&super::Faults> for GatewayFaults {
    fn from(f: &super::Faults) -> Self {
        GatewayFaults {
            status: f.gateway_status,
            flaky: std::sync::atomic::AtomicU32::new(f.gateway_flaky),
            slow: f.gateway_slow,
            garbage: f.gateway_garbage,
            oversize: f.gateway_oversize,
        }
    }
}

/// The faulty answer to a transaction look-up, if a fault applies: status, content type, body.
fn faulty(faults: &GatewayFaults, path: &str) -> Option<(StatusCode, &'static str, Bytes)> {
    use std::sync::atomic::Ordering;
    if !path.starts_with("/v1/transactions/") {
        return None;
    }
    let json = |code: StatusCode, msg: &str| {
        Some((
            code,
            "application/json",
            Bytes::from(serde_json::json!({"error": msg}).to_string()),
        ))
    };
    if faults
        .flaky
        .fetch_update(Ordering::SeqCst, Ordering::SeqCst, |n| n.checked_sub(1))
        .is_ok()
    {
        return json(StatusCode::SERVICE_UNAVAILABLE, "temporarily unavailable");
    }
    if let Some(code) = faults.status.and_then(|c| StatusCode::from_u16(c).ok()) {
        return json(code, code.canonical_reason().unwrap_or("error"));
    }
    if faults.garbage {
        return Some((
            StatusCode::OK,
            "text/html",
            Bytes::from_static(b"<html>maintenance</html>"),
        ));
    }
    if faults.oversize {
        return Some((
            StatusCode::OK,
            "application/json",
            Bytes::from(vec![b' '; 2 << 20]),
        ));
    }
    None
}

/// Serves the gateway (over TLS when given an acceptor) until the task is dropped.
pub async fn serve(
    listener: TcpListener,
    ledger: Arc<Ledger>,
    faults: Arc<GatewayFaults>,
    tls: Option<tokio_rustls::TlsAcceptor>,
) {
    loop {
        let Ok((stream, _)) = listener.accept().await else {
            continue;
        };
        let ledger = ledger.clone();
        let faults = faults.clone();
        let tls = tls.clone();
        tokio::spawn(async move {
            match tls {
                Some(acceptor) => {
                    if let Ok(s) = acceptor.accept(stream).await {
                        http(s, ledger, faults).await;
                    }
                }
                None => http(stream, ledger, faults).await,
            }
        });
    }
}

async fn http<S>(stream: S, ledger: Arc<Ledger>, faults: Arc<GatewayFaults>)
where
    S: tokio::io::AsyncRead + tokio::io::AsyncWrite + Unpin + Send + 'static,
{
    let service = hyper::service::service_fn(move |req: Request<hyper::body::Incoming>| {
        let path = req.uri().path().to_string();
        let (status, content_type, body) = match faulty(&faults, &path) {
            Some(f) => f,
            None => {
                let (status, body) = route(req.method(), &path, &ledger);
                (status, "application/json", Bytes::from(body.to_string()))
            }
        };
        let slow = faults
            .slow
            .filter(|_| path.starts_with("/v1/transactions/"));
        let resp = Response::builder()
            .status(status)
            .header("content-type", content_type)
            .body(Full::new(body))
            .unwrap_or_else(|_| Response::new(Full::new(Bytes::new())));
        async move {
            if let Some(d) = slow {
                tokio::time::sleep(d).await;
            }
            Ok::<_, Infallible>(resp)
        }
    });
    let _ = hyper::server::conn::http1::Builder::new()
        .serve_connection(TokioIo::new(stream), service)
        .await;
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn routes() {
        let ledger = Ledger::default();
        ledger.record(Txn {
            rrn: "000000000007".into(),
            mti: "0200".into(),
            state: "declined",
            response_code: "51".into(),
            amount: 10051,
            currency: "156".into(),
            terminal_id: "10000001".into(),
            merchant_id: "898310054111234".into(),
            trace: "000001".into(),
            time: "2026-11-23T06:00:00Z".into(),
            settlement: "pending",
        });
        let (s, body) = route(&Method::GET, "/v1/transactions/000000000007", &ledger);
        assert_eq!(s, StatusCode::OK);
        assert_eq!(body["response_code"], "51");
        assert_eq!(body["state"], "declined");
        assert_eq!(
            route(&Method::GET, "/v1/transactions/999", &ledger).0,
            StatusCode::NOT_FOUND
        );
        assert_eq!(
            route(
                &Method::GET,
                "/v1/merchants/898310054111234/status",
                &ledger
            )
            .1["status"],
            "active"
        );
        assert_eq!(
            route(&Method::GET, "/v1/settlements/2026-11-23", &ledger).1["state"],
            "pending"
        );
        assert_eq!(route(&Method::GET, "/", &ledger).0, StatusCode::OK);
        assert_eq!(
            route(&Method::POST, "/v1/health", &ledger).0,
            StatusCode::METHOD_NOT_ALLOWED
        );
        assert_eq!(
            route(&Method::GET, "/nope", &ledger).0,
            StatusCode::NOT_FOUND
        );
    }
}
