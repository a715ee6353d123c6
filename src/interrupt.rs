//! Ctrl-C (SIGINT), SIGTERM and SIGHUP, turned into one process-wide "interrupted" state that
//! every command can see.
//!
//! Why this shape: the default action of these signals kills the process on the spot, so a
//! `--json` run prints nothing and a `fix` walk is never recorded. Instead, `main` installs
//! handlers once ([`install`]); long-running work polls [`received`] (the journal import
//! through [`Reader`]) or selects on [`wait`] (network probes, the gateway look-up), stops,
//! and the command still reports, marked with [`mark`]; `main` exits 130. Nothing is left
//! half-written: an import's SQLite transaction is rolled back when it is not committed, and
//! files are replaced atomically.
//!
//! Why tokio's signal handling: tokio is already the async runtime here, its handler only
//! writes a byte to a pipe (safe in a signal handler), and its registry chains with any
//! other handler. A thread of its own waits for the signal, so it is seen even while the
//! main thread is busy or blocked. Its handlers restart interrupted system calls
//! (`SA_RESTART`), except those that never restart (`poll`, which the terminal prompts wait
//! in: a prompt returns "interrupted"). A command that does not stop within [`GRACE`], or a
//! second signal, ends the process at once with 130.

use std::sync::LazyLock;
use std::sync::atomic::{AtomicBool, AtomicI32, Ordering};
use std::time::Duration;

use crate::error::Error;
use crate::finding::{Finding, Report, Status, Text};
use crate::i18n::{Lang, Msg};

/// How long a command has to wind down after the first signal before the process ends
/// without it. Every engine that runs longer polls the interrupt, so this is only reached
/// when something blocks (a read from a terminal or pipe with nothing coming).
pub const GRACE: Duration = Duration::from_secs(3);

/// The signal received (its number), or 0.
static SIGNAL: AtomicI32 = AtomicI32::new(0);
/// The command took the signal as its normal end (`sim`): not an interruption.
static ACKNOWLEDGED: AtomicBool = AtomicBool::new(false);
/// The command handles every signal itself (see [`hand_over`]).
static HANDED_OVER: AtomicBool = AtomicBool::new(false);
static CHANNEL: LazyLock<tokio::sync::watch::Sender<bool>> =
    LazyLock::new(|| tokio::sync::watch::Sender::new(false));

const SIGHUP: i32 = 1;
const SIGINT: i32 = 2;
const SIGTERM: i32 = 15;

/// Installs the handlers and starts the thread that watches for them. Called once, first
/// thing in `main`; when it cannot (no thread, no runtime), signals keep their default
/// action, as before. `lang` is for the one line said when the process has to end without
/// its command's report.
pub fn install(lang: Lang) {
    let Ok(rt) = tokio::runtime::Builder::new_current_thread()
        .enable_io()
        .enable_time()
        .build()
    else {
        return;
    };
    // Registered here, before `install` returns, so that no signal after it is missed.
    let Ok(mut signals) = rt.block_on(async { Signals::new() }) else {
        return;
    };
    let _ = std::thread::Builder::new()
        .name("posdoctor-signals".into())
        .spawn(move || {
            rt.block_on(async move {
                let mut first = signals.next().await;
                // A command that handles signals itself (`watch`: SIGHUP reloads, SIGTERM
                // is its normal end) has taken them over: they are not interruptions.
                while HANDED_OVER.load(Ordering::SeqCst) {
                    first = signals.next().await;
                }
                SIGNAL.store(first, Ordering::SeqCst);
                CHANNEL.send_replace(true);
                tokio::select! {
                    _ = signals.next() => {}
                    _ = tokio::time::sleep(GRACE) => {}
                }
                if !ACKNOWLEDGED.load(Ordering::SeqCst) {
                    eprintln!("posdoctor: {}", lang.tr(Msg::InterruptedError));
                }
                std::process::exit(i32::from(crate::error::exit::INTERRUPTED));
            })
        });
}

#[cfg(unix)]
struct Signals {
    int: tokio::signal::unix::Signal,
    term: tokio::signal::unix::Signal,
    hup: tokio::signal::unix::Signal,
}

#[cfg(unix)]
impl Signals {
    fn new() -> std::io::Result<Signals> {
        use tokio::signal::unix::{SignalKind, signal};
        Ok(Signals {
            int: signal(SignalKind::interrupt())?,
            term: signal(SignalKind::terminate())?,
            hup: signal(SignalKind::hangup())?,
        })
    }

    async fn next(&mut self) -> i32 {
        tokio::select! {
            _ = self.int.recv() => SIGINT,
            _ = self.term.recv() => SIGTERM,
            _ = self.hup.recv() => SIGHUP,
        }
    }
}

#[cfg(not(unix))]
struct Signals;

#[cfg(not(unix))]
impl Signals {
    fn new() -> std::io::Result<Signals> {
        Ok(Signals)
    }

    async fn next(&mut self) -> i32 {
        let _ = tokio::signal::ctrl_c().await;
        SIGINT
    }
}

/// Whether an interrupting signal has arrived (and was not taken as the normal end).
pub fn received() -> bool {
    SIGNAL.load(Ordering::SeqCst) != 0 && !ACKNOWLEDGED.load(Ordering::SeqCst)
}

/// The signal's name, for the JSON document: `SIGINT`, `SIGTERM` or `SIGHUP`.
pub fn signal_name() -> Option<&'static str> {
    match SIGNAL.load(Ordering::SeqCst) {
        SIGINT => Some("SIGINT"),
        SIGTERM => Some("SIGTERM"),
        SIGHUP => Some("SIGHUP"),
        _ => None,
    }
}

/// Resolves when a signal arrives; never, when none does.
pub async fn wait() {
    let mut rx = CHANNEL.subscribe();
    let _ = rx.wait_for(|set| *set).await;
}

/// The command ends normally on the signal (a server run until Ctrl-C): exit with its own
/// code, not 130.
pub fn acknowledge() {
    ACKNOWLEDGED.store(true, Ordering::SeqCst);
}

/// The command handles SIGINT, SIGTERM and SIGHUP itself from now on (a long-running
/// service: `watch` reloads on SIGHUP and stops with exit 0 on SIGTERM): signals no longer
/// interrupt it or end the process. Called before the command installs its own handlers.
pub fn hand_over() {
    HANDED_OVER.store(true, Ordering::SeqCst);
}

/// `fut`'s output, or [`Error::Interrupted`] when a signal comes first.
pub async fn or_interrupted<F: std::future::Future>(fut: F) -> Result<F::Output, Error> {
    tokio::select! {
        out = fut => Ok(out),
        _ = wait() => Err(Error::Interrupted),
    }
}

/// [`Error::Interrupted`] once a signal has arrived: for loops between units of work.
pub fn check() -> Result<(), Error> {
    if received() {
        Err(Error::Interrupted)
    } else {
        Ok(())
    }
}

/// The finding for what was stopped by the signal (`target`, when it was one target's
/// checks): `skip`, never a failure.
pub fn finding(target: Option<&str>) -> Finding {
    let f = Finding::new(
        "interrupted",
        Status::Skip,
        Text::msg(Msg::InterruptedSummary).arg("signal", signal_name().unwrap_or("SIGINT")),
    );
    match target {
        Some(t) => f.target(t.to_string()),
        None => f,
    }
}

/// A report made while a signal arrived: `status` is `skip` (no verdict: the run did not
/// finish), `interrupted` names the signal, and an `interrupted` finding says so. Unchanged
/// when no signal came.
pub fn mark(mut report: Report) -> Report {
    if !received() {
        return report;
    }
    if !report.findings.iter().any(|f| f.id == "interrupted") {
        report.findings.push(finding(None));
    }
    report.status = Status::Skip;
    report.with("interrupted", signal_name().unwrap_or("SIGINT"))
}

/// What an interrupted command prints with `--json` when it had nothing else to report.
pub fn report(command: &str) -> Report {
    mark(Report::new(command, Vec::new()))
}

/// A reader that stops with an error once a signal has arrived, so that a long import or
/// reconciliation ends between two reads (and its transaction is rolled back).
pub struct Reader<R> {
    inner: R,
}

impl<R> Reader<R> {
    pub fn new(inner: R) -> Reader<R> {
        Reader { inner }
    }
}

fn stopped() -> std::io::Error {
    // Not `ErrorKind::Interrupted`: readers retry on that.
    std::io::Error::other("interrupted by a signal")
}

impl<R: std::io::Read> std::io::Read for Reader<R> {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        if received() {
            return Err(stopped());
        }
        let n = self.inner.read(buf)?;
        // A read that blocked across the signal (a pipe) ends here too.
        if received() {
            return Err(stopped());
        }
        Ok(n)
    }
}
