//! `posdoctor net`: network diagnostics for the given targets or the active profile's.

use std::time::Duration;

use super::Context;
use crate::cli::NetArgs;
use crate::error::{Error, Message};
use crate::finding::Report;
use crate::i18n::Msg;
use crate::net::{self, Target};

pub fn run(ctx: &Context, args: &NetArgs) -> Result<u8, Error> {
    let mut targets: Vec<Target> = args
        .targets
        .iter()
        .map(|t| Target::parse(t))
        .collect::<Result<_, _>>()?;
    if let Some(path) = &args.targets_file {
        let text = crate::input::read_list(path, crate::input::CONFIG_LIMIT)?.ok_or_else(|| {
            Error::from(Message::new(Msg::ErrorNoSuchFile).arg("path", path.display()))
        })?;
        targets.extend(Target::parse_list(&text)?);
    }
    // The config is read once, and only when the profile is needed: for its targets when
    // none were given, and for the sign-in.
    let config = if targets.is_empty() || args.iso8583 {
        Some(ctx.config()?)
    } else {
        None
    };
    let active = |c: &crate::config::Config| {
        c.active(ctx.global.profile.as_deref(), &ctx.paths.config_file)
            .map(|(_, p)| p.clone())
    };
    if targets.is_empty()
        && let Some(c) = config.as_ref().filter(|c| !c.profiles.is_empty())
    {
        targets = Target::from_profile(&active(c)?)?;
    }
    if targets.is_empty() {
        return Err(Message::new(Msg::ErrorNoTargets).into());
    }
    let reach = ctx
        .reach_base()
        .with_ca_file(args.ca_file.as_deref())
        .with_dns(&args.dns)?;
    if let Some(name) = &args.interface
        && !net::link::interface_exists(name)
    {
        return Err(Message::new(Msg::ErrorInterface).arg("name", name).into());
    }
    // The system trust store is read only when there is an https target to verify.
    let tls = targets.iter().any(|t| t.scheme.is_some());
    let opts = net::Options {
        interface: args.interface.clone(),
        interval: Duration::from_secs_f64(args.interval),
        ..reach.options(None, args.count, tls)?
    };
    let runtime = crate::reach::runtime()?;
    // Progress goes to stderr, and only when a person is watching it.
    let progress = ctx
        .out
        .progress(targets.len() as u64, "{spinner} {pos}/{len} {wide_msg}");
    if let Some(bar) = &progress {
        bar.enable_steady_tick(Duration::from_millis(100));
    }
    let done = |t: &Target| {
        if let Some(bar) = &progress {
            bar.set_message(t.spec.clone());
            bar.inc(1);
        }
    };
    let iso = match &config {
        Some(c) if args.iso8583 => Some(net::iso::probe_for(&active(c)?)?),
        _ => None,
    };
    // The code table explains the host's response code; without a sign-in it is not needed.
    let codes = match iso {
        Some(_) => crate::codes::CodeTable::load(Some(&ctx.paths.config_dir))?,
        None => crate::codes::CodeTable::default(),
    };
    let (mut findings, iso_finding) = runtime.block_on(async {
        let iso_run = async {
            match &iso {
                Some((t, p)) if args.discover => Some(net::discover::run(t, p, &opts).await),
                Some((t, p)) => Some(net::iso_probe(t, p, &opts, &codes).await),
                None => None,
            }
        };
        tokio::join!(net::diagnose(&targets, &opts, &done), iso_run)
    });
    findings.extend(iso_finding);
    if let Some(bar) = progress {
        bar.finish_and_clear();
    }
    let report = Report::new("net", findings).with(
        "targets",
        targets.iter().map(|t| t.spec.clone()).collect::<Vec<_>>(),
    );
    let report = crate::interrupt::mark(report);
    ctx.out.report(&report, |o| o.findings(&report.findings))?;
    Ok(report.exit_code(ctx.global.strict))
}
