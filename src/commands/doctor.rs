//! `posdoctor doctor`: every check for the active profile at once, and one conclusion.

use std::io::IsTerminal;
use std::time::Duration;

use super::Context;
use crate::cli::DoctorArgs;
use crate::codes::CodeTable;
use crate::error::{Error, Message};
use crate::finding::Report;
use crate::i18n::Msg;
use crate::net::{self, DnsServer, Target};
use crate::render::{self, Glyphs};
use crate::sim::{Faults, Simulator};

/// The test sale sent to the simulator in demo mode: 100.00 CNY, approved unless a fault
/// says otherwise.
const DEMO_SALE_CENTS: u64 = 10_000;

pub fn run(ctx: &Context, args: &DoctorArgs) -> Result<u8, Error> {
    let faults = Faults::parse(&args.fault)?;
    let rt = super::runtime()?;
    let lang = ctx.out.lang;
    // Demo mode: the simulated acquirer in this process, and its profile.
    let (name, profile, simulator) = if args.demo {
        let layout = crate::iso8583::Layout::builtin("unionpay").ok_or_else(|| {
            Error::Internal(
                Message::new(Msg::ErrorInternal).arg("detail", "built-in layout missing"),
            )
        })?;
        let sim = rt
            .block_on(Simulator::start(
                "127.0.0.1:0".parse().map_err(|_| {
                    Error::Internal(Message::new(Msg::ErrorInternal).arg("detail", "address"))
                })?,
                layout,
                faults,
            ))
            .map_err(|e| Error::Io {
                message: Message::new(Msg::ErrorSimStart),
                source: e,
            })?;
        ("demo".to_string(), sim.profile(), Some(sim))
    } else {
        let config = ctx.config()?;
        let (n, p) = config.active(ctx.global.profile.as_deref(), &ctx.paths.config_file)?;
        (n, p.clone(), None)
    };
    let targets = Target::from_profile(&profile)?;
    // In demo mode names resolve through the simulator's own DNS server and its gateway's
    // certificate is trusted through its own CA: nothing is asked of the machine's setup.
    let dns = match &simulator {
        Some(sim) => vec![DnsServer::Addr(sim.dns)],
        None if args.dns.is_empty() => vec![DnsServer::System],
        None => args
            .dns
            .iter()
            .map(|d| DnsServer::parse(d))
            .collect::<Result<_, _>>()?,
    };
    let needs_tls = targets.iter().any(|t| t.scheme.is_some());
    let roots = match (&simulator, needs_tls) {
        (Some(sim), _) => Some(
            net::tls::roots_from_pem(&sim.ca_pem)
                .map_err(|e| Error::Internal(Message::new(Msg::ErrorInternal).arg("detail", e)))?,
        ),
        (None, true) => Some(net::tls::roots(args.ca_file.as_deref())?),
        (None, false) => None,
    };
    let opts = net::Options {
        dns,
        count: usize::from(args.count),
        interval: Duration::from_millis(50),
        timeout: Duration::from_secs_f64(ctx.global.timeout.unwrap_or(10.0)),
        lang,
        unicode: ctx.out.glyphs == Glyphs::Unicode,
        interface: None,
        proxies: net::proxy::Proxies::from_env(|k| std::env::var(k).ok())?,
        roots,
    };
    let codes = CodeTable::load(Some(&ctx.paths.config_dir))?;
    let iso = super::net::probe_for(&profile).ok();
    let progress = (std::io::stderr().is_terminal() && !ctx.out.quiet).then(|| {
        let bar = indicatif::ProgressBar::new_spinner();
        bar.set_message(lang.tr(Msg::DoctorRunning));
        bar.enable_steady_tick(Duration::from_millis(100));
        bar
    });
    let mut findings = crate::check::profile(&profile, &ctx.paths.config_dir, lang);
    let (net_findings, iso_finding, sale) = rt.block_on(async {
        let signin = async {
            match &iso {
                Some((t, p)) => Some(net::iso_probe(t, p, &opts, &codes).await),
                None => None,
            }
        };
        let sale = async {
            match (&iso, &simulator) {
                (Some((t, p)), Some(_)) => {
                    Some(net::iso_test_sale(t, p, DEMO_SALE_CENTS, &opts, &codes).await)
                }
                _ => None,
            }
        };
        tokio::join!(net::diagnose(&targets, &opts, &|_| {}), signin, sale)
    });
    if let Some(bar) = progress {
        bar.finish_and_clear();
    }
    findings.extend(net_findings);
    findings.extend(iso_finding);
    findings.extend(sale);
    let ranking = crate::doctor::rank(&findings);
    let ranked_ids: Vec<&str> = ranking.iter().map(|i| findings[*i].id.as_str()).collect();
    let top = ranking.first().map(|i| findings[*i].clone());
    let mut report = Report::new("doctor", findings.clone())
        .with("profile", &name)
        .with("demo", args.demo)
        .with("ranking", &ranked_ids);
    if let Some(t) = &top {
        report = report.with("top", t);
    }
    if let Some(sim) = &simulator {
        report = report.with("simulator", sim.iso.to_string());
    }
    ctx.out.report(&report, |o| {
        render::doctor(
            o,
            &name,
            simulator.as_ref().map(|s| s.iso.to_string()),
            &report.findings,
            &ranking,
        )
    })?;
    drop(simulator);
    Ok(report.exit_code(ctx.global.strict))
}
