//! `posdoctor doctor`: every check for the active profile at once, and one conclusion.

use super::Context;
use crate::cli::DoctorArgs;
use crate::error::Error;
use crate::finding::Report;
use crate::i18n::Msg;
use crate::net;
use crate::reach::Probing;
use crate::render;

/// The test sale sent to the simulator in demo mode: 100.00 CNY, approved unless a fault
/// says otherwise.
const DEMO_SALE_CENTS: u64 = 10_000;

pub fn run(ctx: &Context, args: &DoctorArgs) -> Result<u8, Error> {
    let lang = ctx.out.lang;
    // A bad bundle path is said before anything runs.
    let bundle = args
        .bundle
        .as_deref()
        .map(crate::bundle::Pending::prepare)
        .transpose()?;
    let timeline = crate::bundle::Timeline::start();
    let p = Probing::open(
        &ctx.reach(&args.reach)?,
        &ctx.paths,
        ctx.global.profile.as_deref(),
        args.count,
    )?;
    let (name, simulator, opts, codes) = (&p.name, &p.simulator, &p.opts, &p.codes);
    let iso = net::iso::probe_for(&p.profile).ok();
    let progress = ctx.out.spinner(lang.tr(Msg::DoctorRunning));
    let mut findings = timeline.time("check.profile", || {
        crate::check::profile(&p.profile, &ctx.paths.config_dir)
    });
    let (net_findings, iso_finding, sale) = p.rt.block_on(async {
        let signin = async {
            match &iso {
                Some((t, probe)) => Some(net::iso_probe(t, probe, opts, codes).await),
                None => None,
            }
        };
        let sale = async {
            match (&iso, &simulator) {
                (Some((t, probe)), Some(_)) => {
                    Some(net::iso_test_sale(t, probe, DEMO_SALE_CENTS, opts, codes).await)
                }
                _ => None,
            }
        };
        tokio::join!(
            timeline.track("net", net::diagnose(&p.targets, opts, &|_| {})),
            timeline.track("iso8583.signin", signin),
            timeline.track("iso8583.sale", sale)
        )
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
        .with("profile", name)
        .with("demo", args.reach.demo)
        .with("ranking", &ranked_ids);
    if let Some(t) = &top {
        report = report.with("top", t.said(ctx.out.locale()));
    }
    if let Some(sim) = &simulator {
        report = report.with("simulator", sim.iso.to_string());
    }
    let mut report = crate::interrupt::mark(report);
    let human = |o: &render::Output, findings: &[crate::finding::Finding]| {
        render::doctor(
            o,
            name,
            simulator.as_ref().map(|s| s.iso.to_string()),
            findings,
            &ranking,
        )
    };
    if let Some(pending) = bundle {
        let plain = render::Output {
            json: false,
            ..ctx.out
        };
        let written = super::bundle_written(
            ctx,
            pending,
            &crate::bundle::Contents {
                report: &report,
                text: &human(&plain, &report.findings),
                profile_name: name,
                profile: &p.profile,
                config_dir: &ctx.paths.config_dir,
                journal: &ctx.store()?,
                lang,
                timeline: &timeline,
            },
        )?;
        if let Some(path) = written {
            report = report.with("bundle", path);
        }
    }
    ctx.out.report(&report, |o| human(o, &report.findings))?;
    // The simulator stops while the runtime still runs (the fields' order).
    drop(p);
    Ok(report.exit_code(ctx.global.strict))
}
