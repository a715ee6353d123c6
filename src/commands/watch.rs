//! `posdoctor watch`: read the targets, hand them to the watch engine, print its events.

use std::io::{IsTerminal, Read};
use std::path::{Path, PathBuf};
use std::time::Duration;

use super::Context;
use crate::cli::WatchArgs;
use crate::config::{Config, Profile};
use crate::error::{Error, Message, exit};
use crate::i18n::{Lang, Msg};
use crate::net::{self, Target};
use crate::reach::Probing;
use crate::render;
use crate::watch::{Event, Reload, Settings, Stop, Watch, WatchTarget};

/// A targets file or fleet larger than this is refused rather than read into memory.
const MAX_FILE: u64 = 64 * 1024 * 1024;

/// Where the targets come from; kept to read them again on SIGHUP.
#[derive(Debug, Clone)]
enum Source {
    Targets(PathBuf),
    Fleet(PathBuf),
    Profiles {
        config: PathBuf,
        names: Vec<Option<String>>,
    },
}

fn read_text(path: &Path) -> Result<String, Error> {
    let file = std::fs::File::open(path).map_err(|e| match e.kind() {
        std::io::ErrorKind::NotFound => Message::new(Msg::ErrorNoSuchFile)
            .arg("path", path.display())
            .into(),
        _ => Error::io(Msg::ErrorRead, path, e),
    })?;
    let mut bytes = Vec::new();
    file.take(MAX_FILE + 1)
        .read_to_end(&mut bytes)
        .map_err(|e| Error::io(Msg::ErrorRead, path, e))?;
    if bytes.len() as u64 > MAX_FILE {
        return Err(Message::new(Msg::WatchTooLarge)
            .arg("path", path.display())
            .arg("limit", MAX_FILE / 1024 / 1024)
            .into());
    }
    String::from_utf8(bytes).map_err(|_| {
        Message::new(Msg::ErrorNotUtf8)
            .arg("path", path.display())
            .into()
    })
}

/// A profile's targets: the host (signed in to with `iso`), endpoints and gateway, labelled
/// with its terminal and merchant.
fn profile_targets(p: &Profile, iso: bool) -> Result<Vec<WatchTarget>, Error> {
    let signin = if iso {
        Some(net::iso::probe_for(p)?)
    } else {
        None
    };
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
                    net::iso::probe_for(&profile).map_err(|e| bad_row(line, e.render(lang)))?;
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

fn load(source: &Source, iso: bool, lang: Lang) -> Result<Vec<WatchTarget>, Error> {
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

pub fn run(ctx: &Context, args: &WatchArgs) -> Result<u8, Error> {
    // The engine answers SIGINT/SIGTERM (stop, exit 0) and SIGHUP (reload) itself.
    crate::interrupt::hand_over();
    let lang = ctx.out.lang;
    let iso = args.iso8583;
    // Each probe's deadline: within half the interval (the other half is where probes
    // start), at most 5 s, unless --timeout says otherwise.
    let timeout = ctx.global.timeout.map_or_else(
        || (args.every / 2).min(Duration::from_secs(5)),
        Duration::from_secs_f64,
    );
    let demo;
    let own_rt;
    let reach = ctx.reach(&args.reach)?;
    let (rt, targets, opts, codes, reload): (_, _, _, _, Option<Reload>) = if reach.demo.is_some() {
        demo = Probing::open(&reach, &ctx.paths, ctx.global.profile.as_deref(), 1)?;
        let targets = profile_targets(&demo.profile, iso)?;
        let opts = net::Options {
            timeout,
            ..demo.opts.clone()
        };
        (&demo.rt, targets, opts, demo.codes.clone(), None)
    } else {
        let source = if let Some(p) = &args.targets_file {
            Source::Targets(p.clone())
        } else if let Some(p) = &args.fleet {
            Source::Fleet(p.clone())
        } else {
            let names = if args.profiles.is_empty() {
                vec![ctx.global.profile.clone()]
            } else {
                args.profiles.iter().map(|n| Some(n.clone())).collect()
            };
            Source::Profiles {
                config: ctx.paths.config_file.clone(),
                names,
            }
        };
        let targets = load(&source, iso, lang)?;
        let opts = net::Options {
            interval: Duration::ZERO,
            timeout,
            // Read once, whatever the first list holds: a reload may bring URLs.
            ..reach.options(None, 1, true)?
        };
        let codes = if iso {
            crate::codes::CodeTable::load(Some(&ctx.paths.config_dir))?
        } else {
            crate::codes::CodeTable::default()
        };
        let reload: Reload = Box::new(move || load(&source, iso, lang));
        own_rt = crate::reach::runtime()?;
        (&own_rt, targets, opts, codes, Some(reload))
    };
    let settings = Settings {
        every: args.every,
        count: args.count,
        flap: args.flap,
        concurrency: args.concurrency as usize,
        net: opts,
        metrics: args.metrics,
    };
    let every_s = args.every.as_secs_f64();
    if std::io::stderr().is_terminal() {
        ctx.out.note(&lang.trf(
            Msg::WatchWatching,
            &[("targets", &targets.len()), ("every", &every_s)],
        ));
    }
    let out = ctx.out;
    let mut watch = Watch::new(settings, codes, targets, reload);
    let stop = watch.run_with(rt, |event| {
        let text = match event {
            Event::Listening(addr) => {
                out.note(&lang.trf(Msg::WatchListening, &[("addr", &addr)]));
                return;
            }
            Event::Change(c) if out.json => render::watch_change_json(c),
            Event::Change(c) => render::watch_change(&out, c),
            Event::Cycle(_) if out.verbose == 0 => return,
            Event::Cycle(c) if out.json => render::watch_cycle_json(c),
            Event::Cycle(c) => render::watch_cycle(&out, c),
            Event::Overrun(c) if out.json => render::watch_overrun_json(c, every_s),
            Event::Overrun(c) => render::watch_overrun(&out, c, every_s),
            Event::Reloaded {
                targets,
                added,
                removed,
            } => {
                if out.json {
                    render::watch_reload_json(targets, added, removed)
                } else {
                    lang.trf(
                        Msg::WatchReloaded,
                        &[
                            ("targets", &targets),
                            ("added", &added),
                            ("removed", &removed),
                        ],
                    ) + "\n"
                }
            }
            Event::ReloadFailed(e) => {
                if out.json {
                    render::watch_reload_failed_json(&e.render(lang))
                } else {
                    lang.trf(Msg::WatchReloadFailed, &[("error", &e.render(lang))]) + "\n"
                }
            }
        };
        // A closed stdout is not a reason to stop watching: the metrics may still be read.
        let _ = out.emit(&crate::redact::human(&text, true));
    })?;
    Ok(match stop {
        Stop::Signal => exit::OK,
        Stop::Count { failing: 0 } => exit::OK,
        Stop::Count { .. } => exit::FAILED,
    })
}
