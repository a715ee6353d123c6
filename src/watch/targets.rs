//! What `watch` watches, read from where the operator said: a targets file, a fleet CSV,
//! or profiles. Kept as a [`Source`] so SIGHUP can read it again.

use std::path::{Path, PathBuf};

use super::WatchTarget;
use crate::config::{Config, Profile};
use crate::error::{Error, Message};
use crate::i18n::{Lang, Msg};
use crate::net::{Target, iso};

/// A targets file or fleet larger than this is refused rather than read into memory.
const MAX_FILE: u64 = 64 * 1024 * 1024;

/// Where the targets come from; kept to read them again on SIGHUP.
#[derive(Debug, Clone)]
pub enum Source {
    Targets(PathBuf),
    Fleet(PathBuf),
    Profiles {
        config: PathBuf,
        names: Vec<Option<String>>,
    },
}

/// A targets file or fleet, bounded (a regular file or a pipe, as `--targets` everywhere).
fn read_text(path: &Path) -> Result<String, Error> {
    crate::input::read_list(path, MAX_FILE)?.ok_or_else(|| {
        Message::new(Msg::ErrorNoSuchFile)
            .arg("path", path.display())
            .into()
    })
}

/// A profile's targets: the host (signed in to with `iso`), endpoints and gateway, labelled
/// with its terminal and merchant.
pub fn profile_targets(p: &Profile, iso: bool) -> Result<Vec<WatchTarget>, Error> {
    let signin = if iso { Some(iso::probe_for(p)?) } else { None };
    let mut out = Vec::new();
    for t in Target::from_profile(p)? {
        let mut w = WatchTarget::new(t, p.terminal_id.clone(), p.merchant_id.clone());
        if let Some((host, probe)) = &signin
            && p.host.as_deref().is_some_and(|h| h.trim() == w.target.spec)
            && host.port == w.target.port
        {
            w.signin = Some(probe.clone());
        }
        out.push(w);
    }
    Ok(out)
}

/// A fleet CSV: `merchant_id`, `terminal_id` (the columns `check --batch` reads), `host`
/// and/or `endpoints` (several separated by spaces or `;`), and optionally the sign-in
/// framing columns a profile has (`tpdu`, `app_header`, `iso_layout`). Key columns are never
/// read.
fn fleet(path: &Path, iso: bool, lang: Lang) -> Result<Vec<WatchTarget>, Error> {
    let text = read_text(path)?;
    let bad_row = |line: u64, detail: String| -> Error {
        Message::new(Msg::WatchFleetRow)
            .arg("path", path.display())
            .arg("line", line)
            .arg("detail", detail)
            .into()
    };
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(true)
        .trim(csv::Trim::All)
        .from_reader(text.as_bytes());
    let names: Vec<String> = reader
        .headers()
        .map_err(|e| bad_row(1, e.to_string()))?
        .iter()
        .map(|h| h.trim_start_matches('\u{feff}').trim().to_ascii_lowercase())
        .collect();
    let find = |n: &str| names.iter().position(|h| h == n);
    let (merchant, terminal, host, endpoints) = (
        find("merchant_id"),
        find("terminal_id"),
        find("host"),
        find("endpoints"),
    );
    if merchant.is_none() || terminal.is_none() || (host.is_none() && endpoints.is_none()) {
        return Err(Message::new(Msg::WatchFleetColumns)
            .arg("path", path.display())
            .arg("found", names.join(", "))
            .into());
    }
    let (tpdu, header, layout) = (find("tpdu"), find("app_header"), find("iso_layout"));
    let mut out = Vec::new();
    for record in reader.records() {
        let record = record.map_err(|e| {
            let line = e.position().map_or(0, |p| p.line());
            bad_row(line, e.to_string())
        })?;
        let line = record.position().map_or(0, |p| p.line());
        let get = |i: Option<usize>| {
            i.and_then(|i| record.get(i))
                .filter(|v| !v.is_empty())
                .map(str::to_string)
        };
        let (terminal_id, merchant_id) = (get(terminal), get(merchant));
        let parse = |spec: &str| Target::parse(spec).map_err(|m| bad_row(line, m.render(lang)));
        if let Some(h) = get(host) {
            let mut w = WatchTarget::new(parse(&h)?, terminal_id.clone(), merchant_id.clone());
            if iso {
                let profile = Profile {
                    host: Some(h),
                    terminal_id: terminal_id.clone(),
                    merchant_id: merchant_id.clone(),
                    tpdu: get(tpdu),
                    app_header: get(header),
                    iso_layout: get(layout),
                    ..Profile::default()
                };
                let (_, probe) =
                    iso::probe_for(&profile).map_err(|e| bad_row(line, e.render(lang)))?;
                w.signin = Some(probe);
            }
            out.push(w);
        }
        for e in get(endpoints)
            .unwrap_or_default()
            .split([' ', ';'])
            .filter(|s| !s.is_empty())
        {
            out.push(WatchTarget::new(
                parse(e)?,
                terminal_id.clone(),
                merchant_id.clone(),
            ));
        }
    }
    Ok(out)
}

pub fn load(source: &Source, iso: bool, lang: Lang) -> Result<Vec<WatchTarget>, Error> {
    let targets = match source {
        Source::Targets(path) => Target::parse_list(&read_text(path)?)?
            .into_iter()
            .map(|t| WatchTarget::new(t, None, None))
            .collect(),
        Source::Fleet(path) => fleet(path, iso, lang)?,
        Source::Profiles { config, names } => {
            let c = Config::load(config)?;
            let mut out = Vec::new();
            for name in names {
                let (_, p) = c.active(name.as_deref(), config)?;
                out.extend(profile_targets(p, iso)?);
            }
            out
        }
    };
    if targets.is_empty() {
        return Err(Message::new(Msg::ErrorNoTargets).into());
    }
    Ok(targets)
}
