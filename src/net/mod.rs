//! Network diagnostics: which layer between the terminal and the acquirer is broken.
//!
//! Probes run concurrently under one deadline and return findings; nothing here prints.
//! Today: DNS (every resolver given, answers compared), TCP reachability of every address,
//! and handshake latency. TLS, HTTP phases, clock skew and the local link are next.

pub mod dns;
pub mod stats;
pub mod target;
pub mod tcp;

use std::net::{IpAddr, SocketAddr};
use std::time::{Duration, Instant};

use futures_util::future::join_all;

use crate::finding::{Finding, Status};
use crate::i18n::{Lang, Msg};
use crate::taxonomy::{Category, Cause};
pub use dns::DnsServer;
pub use target::Target;

/// Thresholds for a card payment's connection to the acquirer (documented in README): a
/// terminal gives a whole transaction roughly 30–60 s, but a handshake slower than these
/// makes timeouts and reversals likely.
pub const WARN_MEDIAN_MS: f64 = 300.0;
pub const FAIL_MEDIAN_MS: f64 = 1500.0;
pub const WARN_P95_MS: f64 = 1000.0;
pub const WARN_JITTER_MS: f64 = 150.0;
pub const FAIL_LOSS_PCT: f64 = 50.0;

#[derive(Debug, Clone)]
pub struct Options {
    pub dns: Vec<DnsServer>,
    pub count: usize,
    pub interval: Duration,
    /// Overall deadline for all probes of all targets.
    pub timeout: Duration,
    pub lang: Lang,
    pub unicode: bool,
}

fn blame(f: Finding) -> Finding {
    f.blame(Category::NoResponse, Cause::Network)
}

fn ms(d: Duration) -> String {
    format!("{:.1}", d.as_secs_f64() * 1000.0)
}

/// All probes for all targets; findings in target order.
pub async fn diagnose(targets: &[Target], opts: &Options) -> Vec<Finding> {
    let deadline = Instant::now() + opts.timeout;
    let runs = targets.iter().map(|t| diagnose_one(t, opts, deadline));
    join_all(runs).await.into_iter().flatten().collect()
}

async fn diagnose_one(t: &Target, opts: &Options, deadline: Instant) -> Vec<Finding> {
    let lang = opts.lang;
    let mut findings = Vec::new();
    let step = |d: Duration| d.min(deadline.saturating_duration_since(Instant::now()));
    let addresses: Vec<IpAddr> = match t.ip() {
        Some(ip) => vec![ip],
        None => {
            let lookups = join_all(
                opts.dns
                    .iter()
                    .map(|s| dns::resolve(&t.host, s, step(Duration::from_secs(3)))),
            )
            .await;
            for r in &lookups {
                findings.push(dns_finding(t, r, lang));
            }
            let answered: Vec<&dns::Resolution> = lookups
                .iter()
                .filter(|r| !r.addresses().is_empty())
                .collect();
            if answered.len() > 1 {
                let sets: Vec<Vec<IpAddr>> = answered
                    .iter()
                    .map(|r| {
                        let mut a = r.addresses();
                        a.sort();
                        a
                    })
                    .collect();
                if sets.windows(2).any(|w| w[0] != w[1]) {
                    let detail: Vec<String> = answered
                        .iter()
                        .zip(&sets)
                        .map(|(r, s)| {
                            format!(
                                "{}: {}",
                                r.server,
                                s.iter()
                                    .map(IpAddr::to_string)
                                    .collect::<Vec<_>>()
                                    .join(" ")
                            )
                        })
                        .collect();
                    findings.push(blame(
                        Finding::new(
                            "net.dns.consistency",
                            Status::Warn,
                            lang.trf(Msg::NetDnsDiffer, &[("detail", &detail.join("; "))]),
                        )
                        .target(t.host.clone()),
                    ));
                }
            }
            let mut all: Vec<IpAddr> = answered.iter().flat_map(|r| r.addresses()).collect();
            all.sort();
            all.dedup();
            all
        }
    };
    let probes = join_all(addresses.iter().map(|ip| {
        let addr = SocketAddr::new(*ip, t.port);
        async move {
            (
                addr,
                tcp::probe(
                    addr,
                    opts.count.max(1),
                    opts.interval,
                    Duration::from_secs(3),
                    deadline,
                )
                .await,
            )
        }
    }))
    .await;
    for (addr, samples) in probes {
        findings.extend(tcp_findings(t, addr, &samples, opts));
    }
    findings
}

fn dns_finding(t: &Target, r: &dns::Resolution, lang: Lang) -> Finding {
    use dns::Answer::*;
    let server = r.server.to_string();
    let base = |status, msg: Msg, extra: &[(&str, &dyn std::fmt::Display)]| {
        let mut args: Vec<(&str, &dyn std::fmt::Display)> =
            vec![("host", &t.host), ("server", &server)];
        args.extend_from_slice(extra);
        Finding::new("net.dns.resolve", status, lang.trf(msg, &args))
            .target(t.host.clone())
            .metric("server", server.clone())
            .metric(
                "ms",
                (r.elapsed.as_secs_f64() * 1000.0 * 10.0).round() / 10.0,
            )
    };
    let addrs = r.addresses();
    if !addrs.is_empty() {
        let list: Vec<String> = addrs.iter().map(IpAddr::to_string).collect();
        let list = list.join(", ");
        let elapsed = ms(r.elapsed);
        return base(
            Status::Ok,
            Msg::NetDnsOk,
            &[("addresses", &list), ("ms", &elapsed)],
        )
        .metric("addresses", list.clone());
    }
    let (msg, detail): (Msg, String) = match (&r.v4, &r.v6) {
        (NxDomain, _) | (_, NxDomain) => (Msg::NetDnsNxdomain, String::new()),
        (Timeout, _) | (_, Timeout) => (Msg::NetDnsTimeout, String::new()),
        (Rcode(c), _) | (_, Rcode(c)) => (Msg::NetDnsRcode, c.clone()),
        (NoRecords, NoRecords) => (Msg::NetDnsNoRecords, String::new()),
        (Other(e), _) | (_, Other(e)) => (Msg::NetDnsOther, e.clone()),
        _ => (Msg::NetDnsNoRecords, String::new()),
    };
    blame(base(Status::Fail, msg, &[("detail", &detail)]))
}

fn tcp_findings(
    t: &Target,
    addr: SocketAddr,
    samples: &[Result<f64, tcp::Failure>],
    opts: &Options,
) -> Vec<Finding> {
    let lang = opts.lang;
    let target = if t.ip().is_some() {
        addr.to_string()
    } else {
        format!("{} ({addr})", t.host)
    };
    let ok: Vec<Option<f64>> = samples.iter().map(|s| s.as_ref().ok().copied()).collect();
    let mut findings = Vec::new();
    let Some(lat) = stats::latency(&ok) else {
        let failure = samples
            .iter()
            .find_map(|s| s.as_ref().err().copied())
            .unwrap_or(tcp::Failure::TimedOut);
        let (msg, key) = match failure {
            tcp::Failure::Refused => (Msg::NetTcpRefused, "refused"),
            tcp::Failure::TimedOut => (Msg::NetTcpTimeout, "timeout"),
            tcp::Failure::Unreachable => (Msg::NetTcpUnreachable, "unreachable"),
            tcp::Failure::Reset => (Msg::NetTcpReset, "reset"),
            tcp::Failure::Other => (Msg::NetTcpOther, "other"),
        };
        let port = addr.port();
        findings.push(blame(
            Finding::new(
                "net.tcp.connect",
                Status::Fail,
                lang.trf(msg, &[("port", &port)]),
            )
            .target(target)
            .metric("error", key)
            .metric("attempts", samples.len()),
        ));
        return findings;
    };
    findings.push(
        Finding::new(
            "net.tcp.connect",
            Status::Ok,
            lang.trf(Msg::NetTcpOk, &[("ms", &format!("{:.1}", lat.min_ms))]),
        )
        .target(target.clone()),
    );
    let status = if lat.loss_pct >= FAIL_LOSS_PCT || lat.median_ms >= FAIL_MEDIAN_MS {
        Status::Fail
    } else if lat.lost > 0
        || lat.median_ms >= WARN_MEDIAN_MS
        || lat.p95_ms >= WARN_P95_MS
        || lat.jitter_ms >= WARN_JITTER_MS
    {
        Status::Warn
    } else {
        Status::Ok
    };
    let spark = stats::sparkline(&ok, opts.unicode);
    let summary = lang.trf(
        Msg::NetTcpLatency,
        &[
            ("median", &format!("{:.1}", lat.median_ms)),
            ("p95", &format!("{:.1}", lat.p95_ms)),
            ("jitter", &format!("{:.1}", lat.jitter_ms)),
            ("loss", &format!("{:.0}", lat.loss_pct)),
            ("spark", &spark),
        ],
    );
    let mut f = Finding::new("net.tcp.latency", status, summary).target(target);
    if let Ok(serde_json::Value::Object(m)) = serde_json::to_value(&lat) {
        f.metrics = m;
    }
    if status != Status::Ok {
        f = blame(f);
    }
    findings.push(f);
    findings
}
