//! `posdoctor watch`: read the targets, hand them to the watch engine, print its events.

use std::time::Duration;

use super::Context;
use crate::cli::WatchArgs;
use crate::error::{Error, exit};
use crate::i18n::Msg;
use crate::net;
use crate::reach::Probing;
use crate::render;
use crate::watch::targets::{self, Source};
use crate::watch::{Event, Reload, Settings, Stop, Watch};

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
        let targets = targets::profile_targets(&demo.profile, iso)?;
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
        let targets = targets::load(&source, iso, lang)?;
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
        let reload: Reload = Box::new(move || targets::load(&source, iso, lang));
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
    if ctx.out.watched() {
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
            Event::Change(c) if out.json => render::watch_change_json(&out, c),
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
