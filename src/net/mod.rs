//! Network diagnostics: which layer between the terminal and the acquirer is broken.
//!
//! Probes run concurrently under one deadline and return findings; nothing here prints:
//! DNS (every resolver given, answers compared), TCP reachability and handshake latency of
//! every address, TLS, HTTP phases, clock skew, the local link and the ISO 8583 sign-in.

pub mod discover;
pub mod dns;
pub mod http;
pub mod iso;
pub mod link;
pub mod proxy;
pub mod stats;
pub mod target;
pub mod tcp;
pub mod tls;

use std::net::{IpAddr, SocketAddr};
use std::sync::{Mutex, MutexGuard};
use std::time::{Duration, Instant};

use futures_util::future::join_all;

use crate::finding::{Finding, Status, Text};
use crate::i18n::Msg;
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
    /// Probe through this interface only (`--interface`), as a terminal with a Wi-Fi and a
    /// 4G link would use one of them.
    pub interface: Option<String>,
    /// Proxies from the environment (`HTTPS_PROXY`, `HTTP_PROXY`, `NO_PROXY`).
    pub proxies: proxy::Proxies,
    /// Trust anchors for https targets (the system's plus `--ca-file`).
    pub roots: Option<std::sync::Arc<rustls::RootCertStore>>,
}

/// Clock skew thresholds (seconds): a terminal clock this far off breaks TLS validity checks
/// and signed gateway requests.
pub const WARN_SKEW_S: f64 = 30.0;
pub const FAIL_SKEW_S: f64 = 300.0;
/// A certificate this close to its end draws a warning.
pub const WARN_CERT_DAYS: i64 = 30;

/// The findings gathered so far; a mutex (not a `RefCell`) so that the future holding it can
/// move between threads, as `watch` spawns its probes. Nothing panics while holding it.
fn lock(found: &Mutex<Vec<Finding>>) -> MutexGuard<'_, Vec<Finding>> {
    found.lock().unwrap_or_else(|e| e.into_inner())
}

fn blame(f: Finding) -> Finding {
    f.blame(Category::NoResponse, Cause::Network)
}

/// `f` blamed on `cause` (no answer from the acquirer) unless it passed: the thresholded
/// findings (latency, certificate lifetime, clock skew, HTTP status) warn or fail for it.
fn blame_unless_ok(f: Finding, cause: Cause) -> Finding {
    if f.status == Status::Ok {
        f
    } else {
        f.blame(Category::NoResponse, cause)
    }
}

fn ms(d: Duration) -> String {
    format!("{:.1}", d.as_secs_f64() * 1000.0)
}

/// All probes for all targets; findings in target order. `done` is told of each target as
/// its probes finish (for a progress display).
pub async fn diagnose(
    targets: &[Target],
    opts: &Options,
    done: &(dyn Fn(&Target) + Sync),
) -> Vec<Finding> {
    let deadline = Instant::now() + opts.timeout;
    let runs = targets.iter().map(|t| async move {
        // Ctrl-C stops this target's probes where they are; the targets already done keep
        // their findings.
        let found = Mutex::new(Vec::new());
        let r = tokio::select! {
            remote = diagnose_one(t, opts, deadline, &found) => (std::mem::take(&mut *lock(&found)), remote),
            _ = crate::interrupt::wait() => {
                let mut done = std::mem::take(&mut *lock(&found));
                done.push(crate::interrupt::finding(Some(&t.spec)));
                (done, false)
            }
        };
        done(t);
        r
    });
    let results = join_all(runs).await;
    let mut findings: Vec<Finding> = Vec::new();
    // The local link matters only when something off this machine is to be reached (or a
    // name could not be resolved at all, which a missing link also explains).
    if results.iter().any(|(_, remote)| *remote) {
        findings.push(link_finding(&link::inspect()));
    }
    findings.extend(results.into_iter().flat_map(|(f, _)| f));
    findings
}

fn link_finding(l: &link::Link) -> Finding {
    let list = |v: &[(String, IpAddr)]| {
        v.iter()
            .map(|(n, a)| format!("{n} {a}"))
            .collect::<Vec<_>>()
            .join(", ")
    };
    if l.addresses.is_empty() {
        return blame(Finding::new(
            "net.link",
            Status::Fail,
            Msg::NetLinkNoAddress,
        ));
    }
    let addresses = list(&l.addresses);
    match &l.default_routes {
        Some(routes) if routes.is_empty() => blame(
            Finding::new(
                "net.link",
                Status::Warn,
                Text::msg(Msg::NetLinkNoRoute).arg("addresses", &addresses),
            )
            .metric("addresses", addresses.clone()),
        ),
        Some(routes) => {
            let via = routes.join(", ");
            Finding::new(
                "net.link",
                Status::Ok,
                Text::msg(Msg::NetLinkOk)
                    .arg("addresses", &addresses)
                    .arg("via", &via),
            )
            .metric("addresses", addresses.clone())
            .metric("default_route", via.clone())
        }
        None => Finding::new(
            "net.link",
            Status::Ok,
            Text::msg(Msg::NetLinkOkNoRoutes).arg("addresses", &addresses),
        )
        .metric("addresses", addresses.clone()),
    }
}

/// The findings for one target, into `found` as each phase ends (so that an interrupted
/// run keeps what was done), and whether reaching it needs the network beyond this machine.
async fn diagnose_one(
    t: &Target,
    opts: &Options,
    deadline: Instant,
    found: &Mutex<Vec<Finding>>,
) -> bool {
    // Through a proxy the terminal never connects to the host itself: only the proxy's view
    // of it counts.
    if let (Some(p), Some(roots)) = (opts.proxies.for_target(t), &opts.roots) {
        let unused = SocketAddr::new(IpAddr::from([0, 0, 0, 0]), t.port);
        let result = http::get(
            t,
            unused,
            Some(p),
            opts.interface.as_deref(),
            Duration::ZERO,
            roots,
            deadline,
        )
        .await;
        lock(found).push(proxy_finding(t, p, &result));
        lock(found).extend(http_findings(t, &result));
        return p.ip().is_none_or(|ip| !ip.is_loopback());
    }
    // The deadline is shared between the phases still to come (DNS, TCP, HTTP), so that
    // one that hangs cannot leave the next with nothing and have it blamed for that.
    let https_phase = u32::from(t.scheme.is_some() && opts.roots.is_some());
    let share = |phases: u32| deadline.saturating_duration_since(Instant::now()) / phases.max(1);
    let mut dns_time = Duration::ZERO;
    let addresses: Vec<IpAddr> = match t.ip() {
        Some(ip) => vec![ip],
        None => {
            let bind = opts.interface.as_deref().and_then(link::interface_address);
            let budget = share(2 + https_phase).min(DNS_TIMEOUT);
            let lookups = dns::resolve_all(&t.host, &opts.dns, budget, bind).await;
            for r in &lookups {
                lock(found).push(dns_finding(t, r));
            }
            let answered: Vec<&dns::Resolution> = lookups
                .iter()
                .filter(|r| !r.addresses().is_empty())
                .collect();
            dns_time = answered.first().map_or(Duration::ZERO, |r| r.elapsed);
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
                    lock(found).push(blame(
                        Finding::new(
                            "net.dns.consistency",
                            Status::Warn,
                            Text::msg(Msg::NetDnsDiffer).arg("detail", detail.join("; ")),
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
    let tcp_deadline = Instant::now() + share(1 + https_phase);
    let probes = join_all(addresses.iter().map(|ip| {
        let addr = SocketAddr::new(*ip, t.port);
        async move {
            (
                addr,
                tcp::probe(
                    addr,
                    opts.interface.as_deref(),
                    opts.count.max(1),
                    opts.interval,
                    Duration::from_secs(3),
                    tcp_deadline,
                )
                .await,
            )
        }
    }))
    .await;
    let reachable = probes
        .iter()
        .find(|(_, s)| s.iter().any(Result::is_ok))
        .map(|(a, _)| *a);
    for (addr, samples) in &probes {
        lock(found).extend(tcp_findings(t, *addr, samples, opts));
    }
    if let (Some(_), Some(_), Some(_)) = (&t.scheme, reachable, &opts.roots)
        && deadline <= Instant::now()
    {
        lock(found).push(no_time("net.http.phases", t.spec.clone(), opts));
    } else if let (Some(_), Some(addr), Some(roots)) = (&t.scheme, reachable, &opts.roots) {
        let result = http::get(
            t,
            addr,
            None,
            opts.interface.as_deref(),
            dns_time,
            roots,
            deadline,
        )
        .await;
        lock(found).extend(http_findings(t, &result));
    }
    addresses.is_empty() || addresses.iter().any(|a| !a.is_loopback())
}

/// A resolver is given at most this long.
const DNS_TIMEOUT: Duration = Duration::from_secs(3);

/// A check that never ran because the deadline was used up before its turn: `skip`, with
/// that reason, never a failure it did not observe.
fn no_time(id: &str, target: String, opts: &Options) -> Finding {
    let secs = format!("{:.1}", opts.timeout.as_secs_f64());
    Finding::new(
        id,
        Status::Skip,
        Text::msg(Msg::NetSkippedNoTime).arg("timeout", secs),
    )
    .target(target)
    .metric("skipped", "no-time")
}

fn proxy_finding(t: &Target, p: &Target, result: &Result<http::Timing, http::Failure>) -> Finding {
    let proxy = format!("{}:{}", p.host, p.port);
    let f = |status, text: Text| {
        Finding::new("net.http.proxy", status, text)
            .target(t.spec.clone())
            .metric("proxy", proxy.clone())
    };
    match result {
        Err(http::Failure::Proxy { status, detail }) => {
            let detail = status.map_or_else(|| detail.clone(), |s| format!("HTTP {s}"));
            blame(f(
                Status::Fail,
                Text::msg(Msg::NetProxyFailed)
                    .arg("proxy", &proxy)
                    .arg("detail", detail),
            ))
        }
        _ => f(
            Status::Ok,
            Text::msg(Msg::NetProxyUsed).arg("proxy", &proxy),
        ),
    }
}

fn http_findings(t: &Target, result: &Result<http::Timing, http::Failure>) -> Vec<Finding> {
    let mut out = Vec::new();
    let at = |id: &str, status, text: Text| Finding::new(id, status, text).target(t.spec.clone());
    let https = t.scheme.as_deref() == Some("https");
    match result {
        Ok(timing) => {
            if https && let Some(leaf) = &timing.leaf {
                let now = std::time::SystemTime::now()
                    .duration_since(std::time::UNIX_EPOCH)
                    .map_or(0, |d| d.as_secs() as i64);
                let days = (leaf.not_after - now).div_euclid(86_400);
                let version = timing.tls_version.clone().unwrap_or_default();
                let status = if days < WARN_CERT_DAYS {
                    Status::Warn
                } else {
                    Status::Ok
                };
                let f = at(
                    "net.tls.certificate",
                    status,
                    Text::msg(Msg::NetTlsOk)
                        .arg("version", &version)
                        .arg("subject", &leaf.subject)
                        .arg("days", days),
                )
                .metric("tls_version", version.clone())
                .metric("days_left", days)
                .metric("issuer", leaf.issuer.clone());
                out.push(blame_unless_ok(f, Cause::Host));
            }
            let status = match timing.status {
                500.. => Status::Fail,
                400..=499 => Status::Warn,
                _ => Status::Ok,
            };
            let fmt1 = |v: f64| format!("{v:.1}");
            let tls = timing.tls_ms.map_or_else(|| "-".to_string(), fmt1);
            let mut f = at(
                "net.http.phases",
                status,
                Text::msg(Msg::NetHttpPhases)
                    .arg("status", timing.status)
                    .arg("dns", fmt1(timing.dns_ms))
                    .arg("connect", fmt1(timing.connect_ms))
                    .arg("tls", tls)
                    .arg("ttfb", fmt1(timing.start_transfer_ms))
                    .arg("total", fmt1(timing.total_ms)),
            )
            .metric("status", timing.status)
            .metric("dns_ms", timing.dns_ms)
            .metric("connect_ms", timing.connect_ms)
            .metric("start_transfer_ms", timing.start_transfer_ms)
            .metric("total_ms", timing.total_ms);
            if let Some(tls) = timing.tls_ms {
                f = f.metric("tls_ms", tls);
            }
            f = blame_unless_ok(f, Cause::Host);
            // A redirect is reported where it points, never followed; one that leaves the
            // origin (or https) is worth a warning: a client that follows it sends its
            // requests, and perhaps its credentials, elsewhere.
            let base = reqwest::Url::parse(&format!(
                "{}://{}:{}{}",
                t.scheme.as_deref().unwrap_or("http"),
                t.host,
                t.port,
                t.path
            ));
            let mut redirect = None;
            if let (Some(raw), Ok(base)) = (&timing.location, &base) {
                let shown = http::shown_location(base, Some(raw));
                f = f.metric("location", shown.clone());
                let refusal = base
                    .join(raw.trim())
                    .ok()
                    .and_then(|to| http::redirect_refusal(base, &to));
                if let Some(why) = refusal {
                    let why_text = match why {
                        http::RedirectRefusal::Downgrade => Msg::TxnGatewayRedirectDowngrade,
                        _ => Msg::TxnGatewayRedirectOtherOrigin,
                    };
                    redirect = Some(
                        at(
                            "net.http.redirect",
                            Status::Warn,
                            Text::msg(Msg::NetHttpRedirect)
                                .arg("location", &shown)
                                .with("why", why_text),
                        )
                        .metric("location", shown)
                        .metric("redirect", why.key())
                        .blame(Category::NoResponse, Cause::MerchantParams),
                    );
                }
            }
            out.push(f);
            out.extend(redirect);
            if let Some(skew) = timing.skew_s {
                let status = if skew.abs() > FAIL_SKEW_S {
                    Status::Fail
                } else if skew.abs() > WARN_SKEW_S {
                    Status::Warn
                } else {
                    Status::Ok
                };
                let f = at(
                    "net.clock.skew",
                    status,
                    Text::msg(Msg::NetClockSkew).arg("skew", format!("{:+}", skew.round() as i64)),
                )
                .metric("skew_s", skew.round());
                out.push(blame_unless_ok(f, Cause::Software));
            }
        }
        Err(http::Failure::Connect(_)) | Err(http::Failure::Proxy { .. }) => {}
        Err(http::Failure::Certificate { problem, leaf }) => {
            let (msg, cause) = match problem {
                tls::CertProblem::Expired => (Msg::NetTlsExpired, Cause::Host),
                tls::CertProblem::NotYetValid => (Msg::NetTlsNotYetValid, Cause::Host),
                tls::CertProblem::WrongHost => (Msg::NetTlsWrongHost, Cause::MerchantParams),
                tls::CertProblem::UnknownIssuer => (Msg::NetTlsUnknownIssuer, Cause::Network),
                tls::CertProblem::SelfSigned => (Msg::NetTlsSelfSigned, Cause::Network),
                tls::CertProblem::Other(_) => (Msg::NetTlsOther, Cause::Network),
            };
            let subject = leaf
                .as_ref()
                .map_or_else(String::new, |l| l.subject.clone());
            let detail = match problem {
                tls::CertProblem::Other(d) => d.clone(),
                _ => String::new(),
            };
            out.push(
                at(
                    "net.tls.certificate",
                    Status::Fail,
                    Text::msg(msg)
                        .arg("host", &t.host)
                        .arg("subject", subject)
                        .arg("detail", detail),
                )
                .metric("error", problem.key())
                .blame(Category::NoResponse, cause),
            );
        }
        Err(http::Failure::Handshake(e)) => out.push(blame(at(
            "net.tls.handshake",
            Status::Fail,
            Text::msg(Msg::NetTlsHandshake).arg("detail", e),
        ))),
        Err(
            failure @ (http::Failure::NoAnswer | http::Failure::Closed | http::Failure::NotHttp(_)),
        ) => {
            // The server was reached but did not answer in HTTP: the host's fault.
            let (msg, key) = match failure {
                http::Failure::NoAnswer => (Msg::NetHttpNoAnswer, "no-answer"),
                http::Failure::Closed => (Msg::NetHttpClosed, "closed"),
                _ => (Msg::NetHttpNotHttp, "not-http"),
            };
            out.push(
                at("net.http.phases", Status::Fail, msg.into())
                    .metric("error", key)
                    .blame(Category::NoResponse, Cause::Host),
            );
        }
    }
    out
}

fn dns_finding(t: &Target, r: &dns::Resolution) -> Finding {
    use dns::Answer::*;
    let server = r.server.to_string();
    let base = |status, text: Text| {
        Finding::new("net.dns.resolve", status, text)
            .target(t.host.clone())
            .metric("server", server.clone())
            .metric(
                "ms",
                (r.elapsed.as_secs_f64() * 1000.0 * 10.0).round() / 10.0,
            )
    };
    let said = |msg| Text::msg(msg).arg("host", &t.host).arg("server", &server);
    let addrs = r.addresses();
    if !addrs.is_empty() {
        let list: Vec<String> = addrs.iter().map(IpAddr::to_string).collect();
        let list = list.join(", ");
        return base(
            Status::Ok,
            said(Msg::NetDnsOk)
                .arg("addresses", &list)
                .arg("ms", ms(r.elapsed)),
        )
        .metric("addresses", list.clone());
    }
    if r.v4 == Abandoned && r.v6 == Abandoned {
        return blame(
            base(
                Status::Warn,
                said(Msg::NetDnsAbandoned).arg("ms", ms(r.elapsed)),
            )
            .metric("error", "abandoned"),
        );
    }
    let (msg, detail): (Msg, String) = match (&r.v4, &r.v6) {
        (NxDomain, _) | (_, NxDomain) => (Msg::NetDnsNxdomain, String::new()),
        (Timeout, _) | (_, Timeout) => (Msg::NetDnsTimeout, String::new()),
        (Rcode(c), _) | (_, Rcode(c)) => (Msg::NetDnsRcode, c.clone()),
        (NoRecords, NoRecords) => (Msg::NetDnsNoRecords, String::new()),
        (Other(e), _) | (_, Other(e)) => (Msg::NetDnsOther, e.clone()),
        _ => (Msg::NetDnsNoRecords, String::new()),
    };
    blame(base(Status::Fail, said(msg).arg("detail", detail)))
}

fn tcp_findings(
    t: &Target,
    addr: SocketAddr,
    samples: &[Result<f64, tcp::Failure>],
    opts: &Options,
) -> Vec<Finding> {
    let target = if t.ip().is_some() {
        addr.to_string()
    } else {
        format!("{} ({addr})", t.host)
    };
    if samples.is_empty() {
        return vec![no_time("net.tcp.connect", target, opts)];
    }
    let ok: Vec<Option<f64>> = samples.iter().map(|s| s.as_ref().ok().copied()).collect();
    let mut findings = Vec::new();
    let Some(lat) = stats::latency(&ok) else {
        let failure = samples
            .iter()
            .find_map(|s| s.as_ref().err().copied())
            .unwrap_or(tcp::Failure::TimedOut);
        let msg = match failure {
            tcp::Failure::Refused => Msg::NetTcpRefused,
            tcp::Failure::TimedOut => Msg::NetTcpTimeout,
            tcp::Failure::Unreachable => Msg::NetTcpUnreachable,
            tcp::Failure::Reset => Msg::NetTcpReset,
            tcp::Failure::Other => Msg::NetTcpOther,
        };
        findings.push(blame(
            Finding::new(
                "net.tcp.connect",
                Status::Fail,
                Text::msg(msg).arg("port", addr.port()),
            )
            .target(target)
            .metric("error", failure.key())
            .metric("attempts", samples.len()),
        ));
        return findings;
    };
    findings.push(
        Finding::new(
            "net.tcp.connect",
            Status::Ok,
            Text::msg(Msg::NetTcpOk).arg("ms", format!("{:.1}", lat.min_ms)),
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
    // The samples themselves, not their drawing: the rendering layer draws the sparkline
    // in the characters the terminal has.
    let summary = Text::msg(Msg::NetTcpLatency)
        .arg("median", format!("{:.1}", lat.median_ms))
        .arg("p95", format!("{:.1}", lat.p95_ms))
        .arg("jitter", format!("{:.1}", lat.jitter_ms))
        .arg("loss", format!("{:.0}", lat.loss_pct))
        .with("spark", Text::Spark(ok.clone()));
    let mut f = Finding::new("net.tcp.latency", status, summary).target(target);
    if let Ok(serde_json::Value::Object(m)) = serde_json::to_value(&lat) {
        f.metrics = m;
    }
    findings.push(blame_unless_ok(f, Cause::Network));
    findings
}

/// The target's address: itself when it is one, else the first answer of the first resolver.
async fn first_address(target: &Target, opts: &Options) -> Option<SocketAddr> {
    match target.ip() {
        Some(ip) => Some(SocketAddr::new(ip, target.port)),
        None => {
            // Every resolver given, the first to answer wins: a dead one listed first must
            // not take the time the probe after it needs.
            let servers = if opts.dns.is_empty() {
                vec![DnsServer::System]
            } else {
                opts.dns.clone()
            };
            let lookups = dns::resolve_all(
                &target.host,
                &servers,
                DNS_TIMEOUT.min(opts.timeout / 2),
                None,
            )
            .await;
            lookups
                .iter()
                .find_map(|r| r.addresses().first().copied())
                .map(|ip| SocketAddr::new(ip, target.port))
        }
    }
}

/// A sign-in answered later than this makes terminals time out and reverse.
pub const SLOW_HOST_MS: f64 = 1000.0;

/// `probe` run against `target`, stopped by a signal like every probe (the finding then
/// says so).
async fn or_interrupted(target: &Target, probe: impl Future<Output = Finding>) -> Finding {
    tokio::select! {
        f = probe => f,
        _ = crate::interrupt::wait() => crate::interrupt::finding(Some(&target.spec)),
    }
}

/// A test sale through the simulator (demo mode only), judged by its response code.
pub async fn iso_test_sale(
    target: &Target,
    probe: &iso::Probe,
    cents: u64,
    opts: &Options,
    codes: &crate::codes::CodeTable,
) -> Finding {
    or_interrupted(target, async {
        let deadline = Instant::now() + opts.timeout;
        let f = |status, text: Text| {
            Finding::new("net.iso8583.sale", status, text).target(target.spec.clone())
        };
        let Some(addr) = first_address(target, opts).await else {
            return f(
                Status::Skip,
                Text::msg(Msg::NetIsoNoAddress).arg("host", &target.host),
            );
        };
        let sale = probe.test_sale(1, cents);
        match probe.exchange(&sale, addr, None, deadline).await {
            Ok(a) if a.code == "00" => f(
                Status::Ok,
                Text::msg(Msg::NetIsoSaleOk).arg("ms", format!("{:.1}", a.rtt_ms)),
            )
            .metric("code", a.code.clone()),
            Ok(a) => {
                let (summary, category, cause) = declined(Msg::NetIsoSaleCode, &a.code, codes);
                f(Status::Fail, summary)
                    .metric("code", a.code.clone())
                    .blame(category, cause)
            }
            // Transport problems are the sign-in probe's to report.
            Err(_) => f(Status::Skip, Msg::NetIsoSaleSkipped.into()),
        }
    })
    .await
}

/// A host's answer `code` (not `00`) to a request, said with `msg` (`{code}: {meaning}`):
/// the meaning, category and cause from the code table; a code the table does not know
/// is the host declining.
fn declined(msg: Msg, code: &str, codes: &crate::codes::CodeTable) -> (Text, Category, Cause) {
    let entry = codes.get(code);
    let meaning: Text = entry.map_or(Msg::NetIsoUnknownCode.into(), |e| (&e.meaning).into());
    let (category, cause) =
        entry.map_or((Category::Declined, Cause::Host), |e| (e.category, e.cause));
    let summary = Text::msg(msg).arg("code", code).with("meaning", meaning);
    (summary, category, cause)
}

/// A mismatched field of an answer (`iso::Failure::Mismatch`), in words.
fn mismatched(what: &str) -> Msg {
    match what {
        "mti" => Msg::NetIsoMismatchMti,
        "stan" => Msg::NetIsoMismatchStan,
        _ => Msg::NetIsoMismatchTerminal,
    }
}

/// Two network identifiers as a TPDU carries them, `DDDD/SSSS` in hex.
fn nii(first: u16, second: u16) -> String {
    format!("{first:04X}/{second:04X}")
}

/// The ISO 8583 sign-in probe against `target` (the profile's host), as a finding whose
/// category and cause follow the response code when the host answered one.
pub async fn iso_probe(
    target: &Target,
    probe: &iso::Probe,
    opts: &Options,
    codes: &crate::codes::CodeTable,
) -> Finding {
    or_interrupted(target, async {
        let deadline = Instant::now() + opts.timeout;
        let addr = first_address(target, opts).await;
        let f = |status, text: Text| {
            Finding::new("net.iso8583.signin", status, text).target(target.spec.clone())
        };
        // A failure of the exchange: `error` names it in JSON, and it is blamed on `cause`.
        let failed = |text: Text, error: &str, category, cause| {
            f(Status::Fail, text)
                .metric("error", error)
                .blame(category, cause)
        };
        let Some(addr) = addr else {
            return blame(f(
                Status::Fail,
                Text::msg(Msg::NetIsoNoAddress).arg("host", &target.host),
            ));
        };
        use Category::{Declined, NoResponse};
        use Cause::{Host, MerchantParams};
        match probe.run(addr, opts.interface.as_deref(), deadline).await {
            Ok(a) if a.code == "00" && a.rtt_ms >= SLOW_HOST_MS => f(
                Status::Warn,
                Text::msg(Msg::NetIsoSlow).arg("ms", format!("{:.0}", a.rtt_ms)),
            )
            .metric("code", a.code.clone())
            .metric("rtt_ms", a.rtt_ms)
            .blame(NoResponse, Host),
            Ok(a) if a.code == "00" => f(
                Status::Ok,
                Text::msg(Msg::NetIsoOk)
                    .arg("mti", &a.mti)
                    .arg("ms", format!("{:.1}", a.rtt_ms)),
            )
            .metric("code", a.code.clone())
            .metric("rtt_ms", a.rtt_ms),
            Ok(a) => {
                let (summary, category, cause) = declined(Msg::NetIsoCode, &a.code, codes);
                f(Status::Fail, summary)
                    .metric("code", a.code.clone())
                    .metric("rtt_ms", a.rtt_ms)
                    .blame(category, cause)
            }
            Err(iso::Failure::Connect(fail)) => failed(
                Text::msg(Msg::NetIsoConnect).with("error", fail.reason()),
                fail.key(),
                NoResponse,
                Cause::Network,
            ),
            Err(iso::Failure::NoAnswer) => {
                failed(Msg::NetIsoNoAnswer.into(), "no-answer", NoResponse, Host)
            }
            Err(iso::Failure::Closed) => {
                failed(Msg::NetIsoClosed.into(), "closed", NoResponse, Host)
            }
            Err(iso::Failure::Framing(d)) => failed(
                Text::msg(Msg::NetIsoFraming).with("detail", &d),
                "framing",
                NoResponse,
                MerchantParams,
            ),
            Err(iso::Failure::Garbage(d)) => failed(
                Text::msg(Msg::NetIsoGarbage).arg("detail", d),
                "garbage",
                NoResponse,
                MerchantParams,
            ),
            Err(iso::Failure::Nii { sent, got }) => {
                // An answer swaps the request's NIIs: what it should have carried is the point.
                failed(
                    Text::msg(Msg::NetIsoNii)
                        .arg("sent", nii(sent.destination, sent.source))
                        .arg("expected", nii(sent.source, sent.destination))
                        .arg("got", nii(got.destination, got.source)),
                    "nii",
                    NoResponse,
                    MerchantParams,
                )
            }
            Err(iso::Failure::Mismatch { what, sent, got }) => failed(
                Text::msg(Msg::NetIsoMismatch)
                    .with("what", mismatched(what))
                    .arg("sent", sent)
                    .arg("got", got),
                "mismatch",
                NoResponse,
                Host,
            )
            .metric("field", what),
            Err(iso::Failure::Request(d)) => failed(
                Text::msg(Msg::NetIsoRequest).arg("detail", d),
                "request",
                Declined,
                MerchantParams,
            ),
        }
    })
    .await
}
