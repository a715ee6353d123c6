//! The watch engine: probes a fleet of targets on a schedule, keeps one small state per
//! target, and tells its caller only when a target's state changes.
//!
//! It owns its loop and its runtime's signal handling (SIGINT/SIGTERM stop it, SIGHUP
//! reloads the targets) and hands every event to a callback, the way trippy's tracer does:
//! the command decides how an event is shown. The probes themselves are the `net` module's.

pub mod metrics;
pub mod targets;

use std::collections::HashMap;
use std::hash::{Hash, Hasher};
use std::net::SocketAddr;
use std::sync::Arc;
use std::time::{Duration, Instant, SystemTime};

use serde::Serialize;
use tokio::sync::Semaphore;
use tokio::task::JoinSet;

use crate::codes::CodeTable;
use crate::error::{Error, Message};
use crate::finding::{Finding, Status, overall};
use crate::i18n::Msg;
use crate::net::{self, Target, iso};

/// One thing to watch: a host:port or URL, with the terminal it belongs to when known, and
/// the ISO 8583 sign-in to send it when asked for.
#[derive(Debug, Clone)]
pub struct WatchTarget {
    /// Unique within a watch: the target as written, plus the terminal when there is one.
    pub key: String,
    pub target: Target,
    pub terminal: Option<String>,
    pub merchant: Option<String>,
    pub signin: Option<iso::Probe>,
}

impl WatchTarget {
    pub fn new(target: Target, terminal: Option<String>, merchant: Option<String>) -> Self {
        let key = match (&terminal, &merchant) {
            (Some(t), _) => format!("{}#{t}", target.spec),
            (None, Some(m)) => format!("{}#{m}", target.spec),
            (None, None) => target.spec.clone(),
        };
        WatchTarget {
            key,
            target,
            terminal,
            merchant,
            signin: None,
        }
    }
}

/// How to watch.
#[derive(Debug, Clone)]
pub struct Settings {
    pub every: Duration,
    /// Stop after this many cycles; run until a signal when `None`.
    pub count: Option<u64>,
    /// Consecutive results that differ from a target's state before the change counts.
    pub flap: u32,
    /// Probes in flight at once, over all targets.
    pub concurrency: usize,
    /// Probe options; `timeout` is each probe's own deadline.
    pub net: net::Options,
    /// Serve `/metrics` here.
    pub metrics: Option<SocketAddr>,
}

/// A target's state as the watch reports it: `skip` counts as ok.
fn class(s: Status) -> Status {
    if s == Status::Skip { Status::Ok } else { s }
}

/// A change of a target's state, or (first cycle) its initial state when that is not ok.
#[derive(Debug, Clone, Serialize)]
pub struct Change {
    pub target: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub terminal: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub merchant: Option<String>,
    /// `None` for the initial state.
    pub from: Option<Status>,
    pub to: Status,
    #[serde(skip)]
    pub at: SystemTime,
    /// How long the target was in the state it left (from the first result that showed the
    /// old state to the first that showed the new one).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub after_s: Option<f64>,
    /// The finding behind the state: the new state's worst, or on recovery the one that kept
    /// the target down. In JSON as `render::watch_change_json` says it (in a language).
    #[serde(skip)]
    pub finding: Option<Finding>,
}

/// One cycle, for the `-v` summary line and the metrics.
#[derive(Debug, Clone, Default, Serialize)]
pub struct Cycle {
    pub cycle: u64,
    pub duration_s: f64,
    pub targets: usize,
    pub ok: usize,
    pub warn: usize,
    pub fail: usize,
    /// Cycles that could not start on time because this one ran past them (0 normally).
    pub skipped: u64,
}

/// What happened while watching, in order.
#[derive(Debug)]
pub enum Event<'a> {
    /// The metrics server is listening (the port is known when `:0` was asked for).
    Listening(SocketAddr),
    Change(&'a Change),
    Cycle(&'a Cycle),
    /// A cycle ran past its interval; the cycles it overlapped are skipped, not stacked.
    Overrun(&'a Cycle),
    Reloaded {
        targets: usize,
        added: usize,
        removed: usize,
    },
    ReloadFailed(&'a Error),
}

/// Why the watch ended.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Stop {
    /// SIGINT or SIGTERM.
    Signal,
    /// `--count` cycles ran; the number of targets failing at the end.
    Count { failing: usize },
}

/// What is kept per target between cycles: a few numbers and at most one finding, so memory
/// stays flat however long the watch runs.
#[derive(Debug, Clone)]
struct State {
    confirmed: Option<Status>,
    /// When the confirmed state began.
    since: Instant,
    /// Results in a row that differ from `confirmed`, and when the first of them came.
    streak: u32,
    streak_start: Instant,
    /// The worst finding of the last non-ok result.
    last_bad: Option<Finding>,
}

/// Reloads the targets (SIGHUP): the command's own reading of its files.
pub type Reload = Box<dyn FnMut() -> Result<Vec<WatchTarget>, Error> + Send>;

pub struct Watch {
    settings: Settings,
    codes: Arc<CodeTable>,
    targets: Vec<Arc<WatchTarget>>,
    reload: Option<Reload>,
    states: HashMap<String, State>,
}

/// A target's start within a cycle: a fixed offset derived from its key, spread over the
/// first half of the interval (at most 5 s), so thousands of probes never fire in the same
/// millisecond and each target is still probed at a regular period.
fn offset(key: &str, every: Duration) -> Duration {
    let spread = (every / 2).min(Duration::from_secs(5));
    let mut h = std::collections::hash_map::DefaultHasher::new();
    key.hash(&mut h);
    let frac = (h.finish() % 1_000_000) as f64 / 1_000_000.0;
    spread.mul_f64(frac)
}

/// Descriptors a probe may hold at once (its connection and a DNS socket), and those kept
/// for everything else (the metrics server and its clients, files, the runtime).
const FDS_PER_PROBE: u64 = 2;
const FDS_SPARE: u64 = 128;

/// The concurrency the open-file limit allows: the soft limit is raised as far as the hard
/// limit lets it, and the number of probes in flight lowered if even that is not enough, so
/// a large `--concurrency` never turns into "too many open files" failures.
fn concurrency(wanted: usize) -> usize {
    let need = wanted as u64 * FDS_PER_PROBE + FDS_SPARE;
    match rlimit::increase_nofile_limit(need) {
        Ok(got) if got < need => {
            (got.saturating_sub(FDS_SPARE) / FDS_PER_PROBE).clamp(1, wanted as u64) as usize
        }
        _ => wanted.max(1),
    }
}

/// The figures a result carries: latency (ms) and the sign-in's response code.
fn figures(findings: &[Finding]) -> (Option<f64>, Option<String>) {
    let metric = |id: &str, name: &str| {
        findings
            .iter()
            .find(|f| f.id == id)
            .and_then(|f| f.metrics.get(name))
            .and_then(serde_json::Value::as_f64)
    };
    let latency = metric("net.iso8583.signin", "rtt_ms")
        .or_else(|| metric("net.http.phases", "total_ms"))
        .or_else(|| metric("net.tcp.latency", "median_ms"));
    let code = findings
        .iter()
        .find(|f| f.id == "net.iso8583.signin")
        .and_then(|f| f.metrics.get("code"))
        .and_then(serde_json::Value::as_str)
        .map(str::to_string);
    (latency, code)
}

/// Every probe a target needs, each within the options' deadline: the sign-in for a host
/// with one (it connects, so it also tells reachability), else DNS, TCP and, for URLs, TLS
/// and HTTP.
async fn probe(t: &WatchTarget, opts: &net::Options, codes: &CodeTable) -> Vec<Finding> {
    match &t.signin {
        Some(p) => vec![net::iso_probe(&t.target, p, opts, codes).await],
        None => {
            let mut f = net::diagnose(std::slice::from_ref(&t.target), opts, &|_| {}).await;
            // The local link is this machine's, not the target's.
            f.retain(|f| f.id != "net.link");
            f
        }
    }
}

impl Watch {
    pub fn new(
        settings: Settings,
        codes: CodeTable,
        targets: Vec<WatchTarget>,
        reload: Option<Reload>,
    ) -> Watch {
        Watch {
            settings,
            codes: Arc::new(codes),
            targets: dedup(targets),
            reload,
            states: HashMap::new(),
        }
    }

    /// Runs until a signal or `count` cycles, calling `on_event` for everything worth telling.
    pub fn run_with(
        &mut self,
        rt: &tokio::runtime::Runtime,
        mut on_event: impl FnMut(Event<'_>),
    ) -> Result<Stop, Error> {
        rt.block_on(self.run(&mut on_event))
    }

    async fn run(&mut self, on_event: &mut dyn FnMut(Event<'_>)) -> Result<Stop, Error> {
        use tokio::signal::unix::{SignalKind, signal};
        let sig = |k| {
            signal(k).map_err(|e| Error::Io {
                message: Message::new(Msg::ErrorRuntime),
                source: e,
            })
        };
        let (mut term, mut int, mut hup) = (
            sig(SignalKind::terminate())?,
            sig(SignalKind::interrupt())?,
            sig(SignalKind::hangup())?,
        );
        let metrics = Arc::new(metrics::Metrics::new());
        let _server = match self.settings.metrics {
            Some(addr) => {
                let (bound, handle) = metrics::serve(addr, metrics.clone()).await?;
                on_event(Event::Listening(bound));
                Some(handle)
            }
            None => None,
        };
        for t in &self.targets {
            metrics.add(t);
        }
        let every = self.settings.every;
        let limit = Arc::new(Semaphore::new(concurrency(self.settings.concurrency)));
        let opts = Arc::new(self.settings.net.clone());
        let mut reload_pending = false;
        let mut n = 0u64;
        loop {
            n += 1;
            let started = Instant::now();
            let mut set = JoinSet::new();
            for t in &self.targets {
                let (t, limit, opts, codes) =
                    (t.clone(), limit.clone(), opts.clone(), self.codes.clone());
                let at = started + offset(&t.key, every);
                set.spawn(async move {
                    tokio::time::sleep_until(at.into()).await;
                    let _permit = limit.acquire_owned().await.ok();
                    let findings = probe(&t, &opts, &codes).await;
                    (t, findings, Instant::now())
                });
            }
            loop {
                tokio::select! {
                    r = set.join_next() => match r {
                        Some(Ok((t, findings, at))) => {
                            self.record(&t, findings, at, &metrics, on_event);
                        }
                        // A probe that panicked has no result this cycle.
                        Some(Err(_)) => {}
                        None => break,
                    },
                    _ = term.recv() => return Ok(Stop::Signal),
                    _ = int.recv() => return Ok(Stop::Signal),
                    _ = hup.recv() => reload_pending = true,
                }
            }
            let elapsed = started.elapsed();
            let mut cycle = self.summary(n, elapsed);
            let skipped = (elapsed.as_nanos() / every.as_nanos().max(1)) as u64;
            cycle.skipped = skipped;
            metrics.cycle(&cycle);
            on_event(Event::Cycle(&cycle));
            if skipped > 0 {
                on_event(Event::Overrun(&cycle));
            }
            if self.settings.count.is_some_and(|c| n >= c) {
                return Ok(Stop::Count {
                    failing: cycle.fail,
                });
            }
            if reload_pending {
                reload_pending = false;
                self.reload(&metrics, on_event);
            }
            let next = started + every * (skipped as u32).saturating_add(1);
            let sleep = tokio::time::sleep_until(next.into());
            tokio::pin!(sleep);
            loop {
                tokio::select! {
                    _ = &mut sleep => break,
                    _ = term.recv() => return Ok(Stop::Signal),
                    _ = int.recv() => return Ok(Stop::Signal),
                    _ = hup.recv() => self.reload(&metrics, on_event),
                }
            }
        }
    }

    /// Takes one result into the target's state; a change that passes the flap guard is
    /// told, and the metrics follow every result.
    fn record(
        &mut self,
        t: &WatchTarget,
        findings: Vec<Finding>,
        at: Instant,
        metrics: &metrics::Metrics,
        on_event: &mut dyn FnMut(Event<'_>),
    ) {
        let status = class(overall(&findings));
        let (latency, code) = figures(&findings);
        let worst = findings
            .into_iter()
            .filter(|f| class(f.status) == status)
            .max_by_key(|f| f.category.is_some());
        let flap = self.settings.flap.max(1);
        let state = self.states.entry(t.key.clone()).or_insert(State {
            confirmed: None,
            since: at,
            streak: 0,
            streak_start: at,
            last_bad: None,
        });
        let change = match state.confirmed {
            // The first result sets the state at once; only a target not ok is told.
            None => {
                state.confirmed = Some(status);
                state.since = at;
                (status != Status::Ok).then(|| Change {
                    target: t.target.spec.clone(),
                    terminal: t.terminal.clone(),
                    merchant: t.merchant.clone(),
                    from: None,
                    to: status,
                    at: SystemTime::now(),
                    after_s: None,
                    finding: worst.clone(),
                })
            }
            Some(c) if c == status => {
                state.streak = 0;
                None
            }
            Some(c) => {
                if state.streak == 0 {
                    state.streak_start = at;
                }
                state.streak += 1;
                if state.streak >= flap {
                    let began = state.streak_start;
                    let after = began.saturating_duration_since(state.since).as_secs_f64();
                    state.confirmed = Some(status);
                    state.since = began;
                    state.streak = 0;
                    let finding = if status == Status::Ok {
                        state.last_bad.clone()
                    } else {
                        worst.clone()
                    };
                    Some(Change {
                        target: t.target.spec.clone(),
                        terminal: t.terminal.clone(),
                        merchant: t.merchant.clone(),
                        from: Some(c),
                        to: status,
                        at: SystemTime::now(),
                        after_s: Some((after * 10.0).round() / 10.0),
                        finding,
                    })
                } else {
                    None
                }
            }
        };
        if status != Status::Ok {
            state.last_bad = worst;
        }
        metrics.result(
            t,
            status,
            state.confirmed.unwrap_or(status),
            latency,
            code.as_deref(),
            state.since,
        );
        if let Some(c) = change {
            on_event(Event::Change(&c));
        }
    }

    fn summary(&self, n: u64, elapsed: Duration) -> Cycle {
        let mut c = Cycle {
            cycle: n,
            duration_s: (elapsed.as_secs_f64() * 1000.0).round() / 1000.0,
            targets: self.targets.len(),
            ..Cycle::default()
        };
        for t in &self.targets {
            match self.states.get(&t.key).and_then(|s| s.confirmed) {
                Some(Status::Fail) => c.fail += 1,
                Some(Status::Warn) => c.warn += 1,
                Some(_) => c.ok += 1,
                None => {}
            }
        }
        c
    }

    /// Reads the targets again; targets that remain keep their state, the others' state and
    /// series are dropped. A bad file leaves the watch as it was.
    fn reload(&mut self, metrics: &metrics::Metrics, on_event: &mut dyn FnMut(Event<'_>)) {
        let Some(reload) = self.reload.as_mut() else {
            return;
        };
        match reload() {
            Ok(new) => {
                let new = dedup(new);
                let keys: std::collections::HashSet<&str> =
                    new.iter().map(|t| t.key.as_str()).collect();
                let old: std::collections::HashSet<&str> =
                    self.targets.iter().map(|t| t.key.as_str()).collect();
                let added = keys.difference(&old).count();
                let removed = old.difference(&keys).count();
                for t in self
                    .targets
                    .iter()
                    .filter(|t| !keys.contains(t.key.as_str()))
                {
                    metrics.remove(t);
                }
                self.states.retain(|k, _| keys.contains(k.as_str()));
                for t in new.iter().filter(|t| !old.contains(t.key.as_str())) {
                    metrics.add(t);
                }
                self.targets = new;
                on_event(Event::Reloaded {
                    targets: self.targets.len(),
                    added,
                    removed,
                });
            }
            Err(e) => on_event(Event::ReloadFailed(&e)),
        }
    }
}

/// One entry per key, first one wins.
fn dedup(targets: Vec<WatchTarget>) -> Vec<Arc<WatchTarget>> {
    let mut seen = std::collections::HashSet::new();
    targets
        .into_iter()
        .filter(|t| seen.insert(t.key.clone()))
        .map(Arc::new)
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn offsets_are_stable_and_inside_the_first_half() {
        let every = Duration::from_secs(10);
        let a = offset("127.0.0.1:5000", every);
        assert_eq!(a, offset("127.0.0.1:5000", every));
        let spread: Vec<Duration> = (0..1000)
            .map(|i| offset(&format!("127.0.{}.{}:5000", i / 250, i % 250), every))
            .collect();
        assert!(spread.iter().all(|d| *d < Duration::from_secs(5)));
        let distinct: std::collections::HashSet<u128> =
            spread.iter().map(|d| d.as_millis()).collect();
        assert!(distinct.len() > 500, "{}", distinct.len());
    }

    #[test]
    fn figures_prefer_the_sign_in() {
        let f = vec![
            Finding::new("net.tcp.latency", Status::Ok, "").metric("median_ms", 2.0),
            Finding::new("net.iso8583.signin", Status::Ok, "")
                .metric("rtt_ms", 7.5)
                .metric("code", "00"),
        ];
        assert_eq!(figures(&f), (Some(7.5), Some("00".to_string())));
        assert_eq!(figures(&f[..1]), (Some(2.0), None));
    }
}
