//! The support bundle (`doctor --bundle FILE`): one .zip an operator mails to the acquirer's
//! or ISV's support desk, holding what a support engineer otherwise asks for over the phone:
//! the report (JSON and text), the profile, the terminal's recent incidents, the version and
//! the environment that matters, and when each group of checks ran.
//!
//! Nothing secret goes in, by construction: every entry is built from the forms the tool
//! already shows (keys as their KCV through `KeyRef::inspect`, the gateway token as the name
//! of its variable and whether it is set, proxy variables by name only, incidents as
//! stored), and every entry then passes the one redaction policy (`redact`) before it is
//! written. The archive appears whole or not at all: it is written to a temporary file in
//! the target's folder and renamed over the target only when complete, and not at all once
//! a signal has arrived.

use std::collections::BTreeMap;
use std::io::{Read, Write};
use std::path::{Path, PathBuf};
use std::sync::Mutex;
use std::time::Instant;

use serde::Serialize;

use crate::config::{KeyStatus, Profile};
use crate::error::{Error, Message};
use crate::finding::Report;
use crate::i18n::{Lang, Msg};

/// Incidents of the terminal put in the bundle, newest first.
pub const INCIDENTS: u64 = 20;

/// The entries of the archive, in order.
pub const ENTRIES: [&str; 6] = [
    "report.json",
    "report.txt",
    "profile.json",
    "incidents.json",
    "environment.json",
    "timeline.json",
];

/// When each group of checks started and ended, relative to the start of the run.
pub struct Timeline {
    started: Instant,
    started_at: String,
    phases: Mutex<Vec<Phase>>,
}

/// Whether a step's result says the step ran. A step with nothing to do (no ISO 8583 host
/// to sign in to, no simulator to send the test sale to, no target to probe) returns `None`
/// or no findings at once: listed, it would read as a check that passed in 0 ms, so the
/// timeline leaves it out and support sees only what was really sent, for as long as it
/// took.
pub trait Ran {
    fn ran(&self) -> bool;
}

impl<T> Ran for Option<T> {
    fn ran(&self) -> bool {
        self.is_some()
    }
}

impl<T> Ran for Vec<T> {
    fn ran(&self) -> bool {
        !self.is_empty()
    }
}

#[derive(Debug, Clone, Serialize)]
pub struct Phase {
    pub name: &'static str,
    pub start_ms: f64,
    pub end_ms: f64,
}

impl Default for Timeline {
    fn default() -> Self {
        Timeline::start()
    }
}

impl Timeline {
    pub fn start() -> Timeline {
        Timeline {
            started: Instant::now(),
            started_at: crate::txn::timestamp(crate::txn::now_local()),
            phases: Mutex::new(Vec::new()),
        }
    }

    fn record(&self, name: &'static str, from: Instant) {
        // Tenths of a millisecond: finer says nothing about a network check.
        let ms =
            |t: Instant| (t.duration_since(self.started).as_secs_f64() * 10_000.0).round() / 10.0;
        if let Ok(mut p) = self.phases.lock() {
            p.push(Phase {
                name,
                start_ms: ms(from),
                end_ms: ms(Instant::now()),
            });
        }
    }

    /// Runs `f`, noting when it started and ended if it ran (see [`Ran`]).
    pub fn time<T: Ran>(&self, name: &'static str, f: impl FnOnce() -> T) -> T {
        let from = Instant::now();
        let out = f();
        if out.ran() {
            self.record(name, from);
        }
        out
    }

    /// Awaits `fut`, noting when it started and ended if it ran (see [`Ran`]).
    pub async fn track<T: Ran>(
        &self,
        name: &'static str,
        fut: impl std::future::Future<Output = T>,
    ) -> T {
        let from = Instant::now();
        let out = fut.await;
        if out.ran() {
            self.record(name, from);
        }
        out
    }

    fn phases(&self) -> Vec<Phase> {
        let mut p = self.phases.lock().map(|p| p.clone()).unwrap_or_default();
        p.sort_by(|a, b| a.start_ms.total_cmp(&b.start_ms));
        p
    }
}

/// What the bundle is made of; all of it already computed by the command.
pub struct Contents<'a> {
    pub report: &'a Report,
    /// The report as text, as printed (colors are removed here).
    pub text: &'a str,
    pub profile_name: &'a str,
    pub profile: &'a Profile,
    pub config_dir: &'a Path,
    /// Where the journal is; read only when it exists (a bundle never creates one).
    pub journal: &'a crate::store::Location,
    pub lang: Lang,
    pub timeline: &'a Timeline,
}

/// The profile as support may see it: settings, key references with their check values,
/// the gateway without anything that authenticates to it.
#[derive(Debug, Serialize)]
pub struct SafeProfile<'a> {
    pub name: &'a str,
    pub acquirer: crate::config::Acquirer,
    /// The plain settings that are set (`merchant_name`, `merchant_id`, `terminal_id`,
    /// `mcc`, `currency`, `region`, `host`, `tpdu`, `app_header`, `iso_layout`), in that
    /// order; one left unset is left out.
    #[serde(flatten)]
    pub settings: serde_json::Map<String, serde_json::Value>,
    pub endpoints: Vec<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub gateway: Option<SafeGateway>,
    /// Where each key is, whether it is there, and its check value: never the key.
    pub keys: Vec<KeyStatus>,
}

#[derive(Debug, Serialize)]
pub struct SafeGateway {
    pub url: String,
    /// `token_variable` (the name of the variable that holds the API token, never its
    /// value), `auth_header`, `lookup`, `method`, `amount_unit`: those set.
    #[serde(flatten)]
    pub settings: serde_json::Map<String, serde_json::Value>,
    /// Whether the token's variable is set here.
    pub token_set: bool,
    /// A POST body template may carry a fixed credential: only whether there is one.
    pub body_template: bool,
}

/// The settings among `fields` that are set, in their order.
fn set_only(fields: &[(&str, Option<&str>)]) -> serde_json::Map<String, serde_json::Value> {
    fields
        .iter()
        .filter_map(|(k, v)| v.map(|v| (k.to_string(), v.into())))
        .collect()
}

impl<'a> SafeProfile<'a> {
    pub fn new(name: &'a str, p: &'a Profile, config_dir: &Path) -> SafeProfile<'a> {
        let url = |u: &str| crate::redact::secrets(u).into_owned();
        SafeProfile {
            name,
            acquirer: p.acquirer,
            settings: set_only(&[
                ("merchant_name", p.merchant_name.as_deref()),
                ("merchant_id", p.merchant_id.as_deref()),
                ("terminal_id", p.terminal_id.as_deref()),
                ("mcc", p.mcc.as_deref()),
                ("currency", p.currency.as_deref()),
                ("region", p.region.as_deref()),
                ("host", p.host.as_deref()),
                ("tpdu", p.tpdu.as_deref()),
                ("app_header", p.app_header.as_deref()),
                ("iso_layout", p.iso_layout.as_deref()),
            ]),
            endpoints: p.endpoints.iter().map(|e| url(e)).collect(),
            gateway: p.gateway.as_ref().map(|g| SafeGateway {
                url: url(&g.url),
                settings: set_only(&[
                    ("token_variable", g.auth_env.as_deref()),
                    ("auth_header", g.auth_header.as_deref()),
                    ("lookup", g.lookup.as_deref().map(url).as_deref()),
                    ("method", g.method.as_deref()),
                    ("amount_unit", g.amount_unit.as_deref()),
                ]),
                token_set: g
                    .auth_env
                    .as_deref()
                    .and_then(std::env::var_os)
                    .is_some_and(|v| !v.is_empty()),
                body_template: g.body.is_some(),
            }),
            keys: p
                .keys
                .iter()
                .map(|(n, k)| k.inspect(*n, config_dir))
                .collect(),
        }
    }
}

/// What matters about the machine: versions, language, time zone, and which proxy and
/// posdoctor variables are set (their names; a proxy URL may carry a password).
#[derive(Debug, Serialize)]
pub struct Environment {
    pub posdoctor: &'static str,
    pub generated_at: String,
    pub os: &'static str,
    pub arch: &'static str,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub os_release: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub kernel: Option<String>,
    /// The language posdoctor speaks in this run: `zh` or `en`.
    pub language: &'static str,
    /// `LANG`, `LC_ALL`, `LC_MESSAGES`, `LC_CTYPE` as set.
    pub locale: BTreeMap<&'static str, String>,
    pub time_zone: TimeZone,
    pub proxy_variables: Vec<String>,
    pub posdoctor_variables: Vec<String>,
}

#[derive(Debug, Serialize)]
pub struct TimeZone {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub tz: Option<String>,
    /// The system's zone name (`/etc/timezone`, or where `/etc/localtime` points).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub zone: Option<String>,
    /// The offset the tool's local times carry, `+08:00`.
    pub utc_offset: String,
}

/// Proxy variables as curl and posdoctor read them, in either case.
const PROXY_VARIABLES: [&str; 5] = [
    "http_proxy",
    "https_proxy",
    "all_proxy",
    "no_proxy",
    "ftp_proxy",
];

/// A locale or zone name is short and plain; anything else is not shown.
fn plain(v: &str) -> Option<String> {
    let v = v.trim();
    (!v.is_empty()
        && v.len() <= 64
        && v.chars()
            .all(|c| c.is_ascii_alphanumeric() || "_.-@+/:".contains(c)))
    .then(|| v.to_string())
}

/// The first line of a small system file (bounded), or `None`.
fn first_line(path: &str) -> Option<String> {
    let mut text = String::new();
    std::fs::File::open(path)
        .ok()?
        .take(64 * 1024)
        .read_to_string(&mut text)
        .ok()?;
    text.lines().next().map(str::to_string)
}

fn os_release() -> Option<String> {
    let mut text = String::new();
    std::fs::File::open("/etc/os-release")
        .ok()?
        .take(64 * 1024)
        .read_to_string(&mut text)
        .ok()?;
    text.lines()
        .find_map(|l| l.strip_prefix("PRETTY_NAME="))
        .map(|v| v.trim_matches('"').to_string())
        .filter(|v| v.len() <= 128)
}

impl Environment {
    pub fn here(lang: Lang) -> Environment {
        let names: Vec<String> = std::env::vars_os()
            .filter_map(|(k, _)| k.into_string().ok())
            .collect();
        let mut proxy_variables: Vec<String> = names
            .iter()
            .filter(|k| PROXY_VARIABLES.contains(&k.to_ascii_lowercase().as_str()))
            .cloned()
            .collect();
        proxy_variables.sort();
        let mut posdoctor_variables: Vec<String> = names
            .iter()
            .filter(|k| k.starts_with("POSDOCTOR_"))
            .cloned()
            .collect();
        posdoctor_variables.sort();
        let locale = ["LANG", "LC_ALL", "LC_MESSAGES", "LC_CTYPE"]
            .into_iter()
            .filter_map(|k| Some((k, plain(&std::env::var(k).ok()?)?)))
            .collect();
        let zone = first_line("/etc/timezone")
            .and_then(|z| plain(&z))
            .or_else(|| {
                let target = std::fs::read_link("/etc/localtime").ok()?;
                let target = target.to_string_lossy();
                plain(target.split("zoneinfo/").nth(1)?)
            });
        let now = crate::txn::now_local();
        let offset = now.offset();
        Environment {
            posdoctor: env!("CARGO_PKG_VERSION"),
            generated_at: crate::txn::timestamp(now),
            os: std::env::consts::OS,
            arch: std::env::consts::ARCH,
            os_release: os_release(),
            kernel: first_line("/proc/sys/kernel/osrelease").and_then(|k| plain(&k)),
            language: match lang {
                Lang::Zh => "zh",
                Lang::En => "en",
            },
            locale,
            time_zone: TimeZone {
                tz: std::env::var("TZ").ok().and_then(|t| plain(&t)),
                zone,
                utc_offset: format!(
                    "{}{:02}:{:02}",
                    if offset.is_negative() { '-' } else { '+' },
                    offset.whole_hours().unsigned_abs(),
                    offset.minutes_past_hour().unsigned_abs()
                ),
            },
            proxy_variables,
            posdoctor_variables,
        }
    }
}

/// The terminal's last incidents, as stored; an absent database is not created.
fn incidents(c: &Contents) -> serde_json::Value {
    let terminal = c.profile.terminal_id.clone();
    let (database, list) = if !c.journal.may_exist() {
        ("absent", Vec::new())
    } else {
        let filter = crate::incident::Filter {
            terminal_id: terminal.clone(),
            limit: Some(INCIDENTS),
            ..Default::default()
        };
        match crate::journal::Journal::open(c.journal).and_then(|j| j.incidents(&filter)) {
            Ok(list) if terminal.is_some() => ("present", list),
            Ok(_) => ("present", Vec::new()),
            Err(_) => ("unreadable", Vec::new()),
        }
    };
    serde_json::json!({
        "terminal_id": terminal,
        "database": database,
        "incidents": list,
    })
}

fn timeline(c: &Contents) -> serde_json::Value {
    let ranking = c.report.extra.get("ranking").cloned();
    serde_json::json!({
        "started_at": c.timeline.started_at,
        "phases": c.timeline.phases(),
        "findings": c.report.findings.iter().map(|f| serde_json::json!({
            "id": f.id,
            "target": f.target,
            "status": f.status,
        })).collect::<Vec<_>>(),
        "ranking": ranking,
    })
}

/// Every entry's name and text, each passed through the redaction policy.
pub fn entries(c: &Contents) -> Result<Vec<(&'static str, String)>, Error> {
    let json = |mut v: serde_json::Value| -> Result<String, Error> {
        crate::redact::json(&mut v);
        serde_json::to_string_pretty(&v)
            .map(|t| t + "\n")
            .map_err(|e| Error::Internal(Message::new(Msg::ErrorInternal).arg("detail", e)))
    };
    let text = anstream::adapter::strip_str(c.text).to_string();
    let text = crate::redact::secrets(&crate::redact::terminal(&text)).into_owned();
    Ok(vec![
        (
            "report.json",
            // A file for support: its one drawing (a sparkline) in ASCII.
            json(value(&c.report.said(crate::finding::Locale::ascii(c.lang))))?,
        ),
        ("report.txt", text),
        (
            "profile.json",
            json(value(&SafeProfile::new(
                c.profile_name,
                c.profile,
                c.config_dir,
            )))?,
        ),
        ("incidents.json", json(incidents(c))?),
        ("environment.json", json(value(&Environment::here(c.lang)))?),
        ("timeline.json", json(timeline(c))?),
    ])
}

fn value<T: Serialize>(v: &T) -> serde_json::Value {
    serde_json::to_value(v).unwrap_or(serde_json::Value::Null)
}

/// A bundle about to be written: the target checked and a temporary file ready beside it,
/// before any check runs, so that a bad path costs nothing and is said at once.
pub struct Pending {
    path: PathBuf,
    temp: tempfile::NamedTempFile,
}

fn bad_path(path: &Path, reason: Msg) -> Error {
    Message::new(Msg::ErrorBundlePath)
        .arg("path", path.display())
        .arg_msg("reason", reason)
        .into()
}

impl Pending {
    pub fn prepare(path: &Path) -> Result<Pending, Error> {
        if path.as_os_str().is_empty() || path.is_dir() || path.file_name().is_none() {
            return Err(bad_path(path, Msg::ErrorBundleIsFolder));
        }
        let folder = match path.parent() {
            Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
            _ => PathBuf::from("."),
        };
        if !folder.is_dir() {
            return Err(bad_path(path, Msg::ErrorBundleNoFolder));
        }
        if path.exists() && !path.is_file() {
            return Err(bad_path(path, Msg::ErrorBundleNotFile));
        }
        let temp = tempfile::Builder::new()
            .prefix(".posdoctor-bundle-")
            .suffix(".tmp")
            .tempfile_in(&folder)
            .map_err(|_| bad_path(path, Msg::ErrorBundleDenied))?;
        Ok(Pending {
            path: path.to_path_buf(),
            temp,
        })
    }

    pub fn path(&self) -> &Path {
        &self.path
    }

    /// Writes the archive and renames it into place. After a signal nothing is written (the
    /// temporary file is removed) and the command reports the interruption.
    pub fn write(mut self, c: &Contents) -> Result<PathBuf, Error> {
        crate::interrupt::check()?;
        let entries = entries(c)?;
        let failed = |e: std::io::Error| Error::io(Msg::ErrorBundleWrite, &self.path, e);
        {
            let mut zip = zip::ZipWriter::new(self.temp.as_file_mut());
            let options = zip::write::SimpleFileOptions::default()
                .compression_method(zip::CompressionMethod::Deflated)
                .unix_permissions(0o600);
            for (name, text) in &entries {
                zip.start_file(*name, options)
                    .map_err(|e| failed(std::io::Error::other(e)))?;
                zip.write_all(text.as_bytes()).map_err(failed)?;
            }
            zip.finish().map_err(|e| failed(std::io::Error::other(e)))?;
        }
        self.temp.as_file().sync_all().map_err(failed)?;
        crate::interrupt::check()?;
        let path = self.path.clone();
        self.temp
            .persist(&path)
            .map_err(|e| Error::io(Msg::ErrorBundleWrite, &path, e.error))?;
        Ok(path)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_environment_names_proxy_variables_without_their_values() {
        let env = Environment::here(Lang::En);
        let v = serde_json::to_string(&env).unwrap();
        assert!(v.contains(env!("CARGO_PKG_VERSION")));
        for name in &env.proxy_variables {
            let value = std::env::var(name).unwrap_or_default();
            assert!(
                value.len() < 4 || !v.contains(&value),
                "{name}'s value is in {v}"
            );
        }
        assert!(env.time_zone.utc_offset.len() == 6);
    }

    #[test]
    fn the_timeline_lists_only_steps_that_ran_with_their_durations() {
        let t = Timeline::start();
        let rt = tokio::runtime::Builder::new_current_thread()
            .enable_time()
            .build()
            .unwrap();
        let slow = || async {
            tokio::time::sleep(std::time::Duration::from_millis(30)).await;
            Some(1)
        };
        let (signin, sale, net) = rt.block_on(async {
            tokio::join!(
                t.track("iso8583.signin", slow()),
                t.track("iso8583.sale", async { None::<u8> }),
                t.track("net", async { Vec::<u8>::new() }),
            )
        });
        assert_eq!((signin, sale, net), (Some(1), None, vec![]));
        t.time("check.profile", || vec![1]);
        t.time("skipped", || None::<u8>);
        let phases = t.phases();
        let names: Vec<&str> = phases.iter().map(|p| p.name).collect();
        assert_eq!(names, ["iso8583.signin", "check.profile"]);
        let signin = &phases[0];
        assert!(
            signin.end_ms - signin.start_ms >= 29.0,
            "the real duration: {signin:?}"
        );
    }

    #[test]
    fn plain_values_only() {
        assert_eq!(plain("zh_CN.UTF-8").as_deref(), Some("zh_CN.UTF-8"));
        assert_eq!(plain("Asia/Shanghai").as_deref(), Some("Asia/Shanghai"));
        assert_eq!(plain("x y"), None);
        assert_eq!(plain(""), None);
    }
}
