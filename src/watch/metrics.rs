//! `/metrics` for Prometheus: the series the watch keeps, in the OpenMetrics text format
//! that Prometheus scrapes (encoded by `prometheus-client`), served by a small hyper server.
//!
//! Probes only ever touch atomics here; a scrape encodes on the blocking pool, so a slow or
//! busy scraper never holds up a cycle.

use std::collections::HashMap;
use std::convert::Infallible;
use std::net::SocketAddr;
use std::sync::atomic::AtomicU64;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use http_body_util::Full;
use hyper::body::Bytes;
use hyper::{Method, Request, Response, StatusCode};
use hyper_util::rt::{TokioIo, TokioTimer};
use prometheus_client::metrics::counter::Counter;
use prometheus_client::metrics::family::Family;
use prometheus_client::metrics::gauge::Gauge;
use prometheus_client::registry::{Registry, Unit};

use super::{Cycle, WatchTarget};
use crate::error::{Error, Message};
use crate::finding::Status;
use crate::i18n::Msg;

type Labels = Vec<(String, String)>;
type FloatGauge = Gauge<f64, AtomicU64>;

/// The content type of what `/metrics` returns.
pub const CONTENT_TYPE: &str = "application/openmetrics-text; version=1.0.0; charset=utf-8";

/// What a target's series are labelled with: `target`, and `terminal`/`merchant` when known.
/// Label values come from outside (a targets or fleet file) and pass the redaction policy: a
/// URL's credentials never reach a scrape.
pub fn labels(t: &WatchTarget) -> Labels {
    let clean = |v: &str| crate::redact::line(v);
    let mut l = vec![("target".to_string(), clean(&t.target.spec))];
    if let Some(v) = &t.terminal {
        l.push(("terminal".to_string(), clean(v)));
    }
    if let Some(v) = &t.merchant {
        l.push(("merchant".to_string(), clean(v)));
    }
    l
}

fn state_value(s: Status) -> i64 {
    match s {
        Status::Fail => 2,
        Status::Warn => 1,
        _ => 0,
    }
}

pub struct Metrics {
    registry: Registry,
    up: Family<Labels, Gauge>,
    state: Family<Labels, Gauge>,
    latency: Family<Labels, FloatGauge>,
    signin: Family<Labels, Gauge>,
    since_change: Family<Labels, FloatGauge>,
    cycle_seconds: FloatGauge,
    cycles: Counter,
    overruns: Counter,
    targets: Family<Labels, Gauge>,
    /// Per target key: its labels, when its state last changed, and its current sign-in
    /// code series (replaced, not added to, when the code changes).
    known: Mutex<HashMap<String, Known>>,
}

struct Known {
    labels: Labels,
    since: Option<Instant>,
    code: Option<Labels>,
}

impl Default for Metrics {
    fn default() -> Self {
        Self::new()
    }
}

impl Metrics {
    pub fn new() -> Metrics {
        let mut registry = Registry::with_prefix("posdoctor_watch");
        let m = Metrics {
            registry: Registry::default(),
            up: Family::default(),
            state: Family::default(),
            latency: Family::default(),
            signin: Family::default(),
            since_change: Family::default(),
            cycle_seconds: FloatGauge::default(),
            cycles: Counter::default(),
            overruns: Counter::default(),
            targets: Family::default(),
            known: Mutex::new(HashMap::new()),
        };
        registry.register(
            "up",
            "1 when the last probe of the target did not fail, else 0",
            m.up.clone(),
        );
        registry.register(
            "state",
            "The target's state after the flap guard: 0 ok, 1 warn, 2 fail",
            m.state.clone(),
        );
        registry.register_with_unit(
            "latency",
            "The last probe's latency: sign-in round trip, HTTP total or TCP handshake",
            Unit::Seconds,
            m.latency.clone(),
        );
        registry.register(
            "signin_code",
            "1 for the response code (label code) of the last ISO 8583 sign-in answer",
            m.signin.clone(),
        );
        registry.register_with_unit(
            "since_change",
            "Seconds since the target's state last changed (or was first seen)",
            Unit::Seconds,
            m.since_change.clone(),
        );
        registry.register_with_unit(
            "cycle_duration",
            "How long the last cycle took, from its start to its last result",
            Unit::Seconds,
            m.cycle_seconds.clone(),
        );
        registry.register("cycles", "Cycles completed", m.cycles.clone());
        registry.register(
            "overruns",
            "Cycles that ran past their interval",
            m.overruns.clone(),
        );
        registry.register(
            "targets",
            "Targets by state (label state: ok, warn, fail) after the last cycle",
            m.targets.clone(),
        );
        Metrics { registry, ..m }
    }

    fn known(&self) -> std::sync::MutexGuard<'_, HashMap<String, Known>> {
        self.known.lock().unwrap_or_else(|e| e.into_inner())
    }

    pub fn add(&self, t: &WatchTarget) {
        self.known().insert(
            t.key.clone(),
            Known {
                labels: labels(t),
                since: None,
                code: None,
            },
        );
    }

    /// Drops every series of a target that is no longer watched.
    pub fn remove(&self, t: &WatchTarget) {
        if let Some(k) = self.known().remove(&t.key) {
            self.up.remove(&k.labels);
            self.state.remove(&k.labels);
            self.latency.remove(&k.labels);
            self.since_change.remove(&k.labels);
            if let Some(c) = k.code {
                self.signin.remove(&c);
            }
        }
    }

    pub fn result(
        &self,
        t: &WatchTarget,
        last: Status,
        confirmed: Status,
        latency_ms: Option<f64>,
        code: Option<&str>,
        since: Instant,
    ) {
        let mut known = self.known();
        let Some(k) = known.get_mut(&t.key) else {
            return;
        };
        self.up
            .get_or_create(&k.labels)
            .set(i64::from(last != Status::Fail));
        self.state
            .get_or_create(&k.labels)
            .set(state_value(confirmed));
        if let Some(ms) = latency_ms {
            self.latency.get_or_create(&k.labels).set(ms / 1000.0);
        }
        if let Some(code) = code {
            let mut l = k.labels.clone();
            l.push(("code".to_string(), code.to_string()));
            if k.code.as_ref() != Some(&l) {
                if let Some(old) = k.code.take() {
                    self.signin.remove(&old);
                }
                self.signin.get_or_create(&l).set(1);
                k.code = Some(l);
            }
        }
        k.since = Some(since);
    }

    pub fn cycle(&self, c: &Cycle) {
        self.cycle_seconds.set(c.duration_s);
        self.cycles.inc();
        if c.skipped > 0 {
            self.overruns.inc();
        }
        for (state, n) in [("ok", c.ok), ("warn", c.warn), ("fail", c.fail)] {
            self.targets
                .get_or_create(&vec![("state".to_string(), state.to_string())])
                .set(n as i64);
        }
    }

    /// The exposition, with the seconds since each change brought up to now.
    pub fn encode(&self) -> String {
        self.encode_at(Instant::now())
    }

    /// The exposition as of `now` (a fixed instant makes it reproducible).
    pub fn encode_at(&self, now: Instant) -> String {
        for k in self.known().values() {
            if let Some(since) = k.since {
                let s = now.saturating_duration_since(since).as_secs_f64();
                self.since_change
                    .get_or_create(&k.labels)
                    .set((s * 1000.0).round() / 1000.0);
            }
        }
        let mut out = String::new();
        // Writing to a String cannot fail.
        let _ = prometheus_client::encoding::text::encode(&mut out, &self.registry);
        out
    }
}

/// Stops the server when dropped, with the watch.
pub struct Server(tokio::task::JoinHandle<()>);

impl Drop for Server {
    fn drop(&mut self) {
        self.0.abort();
    }
}

/// A scrape that takes longer than this (a stalled client) is dropped.
const CONNECTION_DEADLINE: Duration = Duration::from_secs(30);

/// Listens on `addr` and serves `GET /metrics` until the returned handle is dropped.
pub async fn serve(addr: SocketAddr, metrics: Arc<Metrics>) -> Result<(SocketAddr, Server), Error> {
    let bind_error = |e| Error::Io {
        message: Message::new(Msg::WatchMetricsBind).arg("addr", addr),
        source: e,
    };
    let listener = tokio::net::TcpListener::bind(addr)
        .await
        .map_err(bind_error)?;
    let bound = listener.local_addr().map_err(bind_error)?;
    let handle = tokio::spawn(async move {
        loop {
            let stream = match listener.accept().await {
                Ok((s, _)) => s,
                // Out of descriptors, say: wait rather than spin.
                Err(_) => {
                    tokio::time::sleep(Duration::from_millis(100)).await;
                    continue;
                }
            };
            let metrics = metrics.clone();
            tokio::spawn(async move {
                let service = hyper::service::service_fn(move |req| {
                    let metrics = metrics.clone();
                    async move { Ok::<_, Infallible>(respond(req, metrics).await) }
                });
                let conn = hyper::server::conn::http1::Builder::new()
                    .timer(TokioTimer::new())
                    .header_read_timeout(Duration::from_secs(5))
                    .serve_connection(TokioIo::new(stream), service);
                let _ = tokio::time::timeout(CONNECTION_DEADLINE, conn).await;
            });
        }
    });
    Ok((bound, Server(handle)))
}

async fn respond<B>(req: Request<B>, metrics: Arc<Metrics>) -> Response<Full<Bytes>> {
    let reply = |status: StatusCode, body: String| {
        let mut r = Response::new(Full::new(Bytes::from(body)));
        *r.status_mut() = status;
        r
    };
    if req.uri().path() != "/metrics" {
        return reply(StatusCode::NOT_FOUND, "try /metrics\n".to_string());
    }
    if req.method() != Method::GET && req.method() != Method::HEAD {
        return reply(StatusCode::METHOD_NOT_ALLOWED, String::new());
    }
    let body = tokio::task::spawn_blocking(move || metrics.encode())
        .await
        .unwrap_or_default();
    let mut r = reply(StatusCode::OK, body);
    r.headers_mut().insert(
        hyper::header::CONTENT_TYPE,
        hyper::header::HeaderValue::from_static(CONTENT_TYPE),
    );
    r
}
