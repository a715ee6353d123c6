//! `posdoctor net`: network diagnostics for the given targets or the active profile's.

use std::io::IsTerminal;
use std::time::Duration;

use super::Context;
use crate::cli::NetArgs;
use crate::error::{Error, Message};
use crate::finding::Report;
use crate::i18n::Msg;
use crate::net::{self, DnsServer, Target};
use crate::render::Glyphs;

/// The deadline when `--timeout` is not given: long enough for 5 handshakes to a slow host,
/// short enough that a support call does not wait.
const DEFAULT_TIMEOUT: f64 = 10.0;

/// The ISO 8583 probe for a profile: its host, identity and framing.
pub fn probe_for(p: &crate::config::Profile) -> Result<(Target, net::iso::Probe), Error> {
    let missing: Vec<&str> = [
        ("host", p.host.is_none()),
        ("terminal_id", p.terminal_id.is_none()),
        ("merchant_id", p.merchant_id.is_none()),
    ]
    .iter()
    .filter(|(_, m)| *m)
    .map(|(n, _)| *n)
    .collect();
    if !missing.is_empty() {
        return Err(Message::new(Msg::ErrorIsoProfile)
            .arg("missing", missing.join(", "))
            .into());
    }
    let bad = |field: &str, value: &str, rule: Msg| -> Error {
        Message::new(Msg::ErrorIsoSetting)
            .arg("field", field)
            .arg("value", value)
            .arg_msg("rule", rule)
            .into()
    };
    let layout_name = p.iso_layout.as_deref().unwrap_or("unionpay");
    let layout = crate::iso8583::Layout::builtin(layout_name)
        .ok_or_else(|| bad("iso_layout", layout_name, Msg::RuleIsoLayout))?;
    let tpdu = if layout.framing.tpdu {
        let text = p.tpdu.as_deref().unwrap_or("6000030000");
        let b = net::iso::hex_bytes(text)
            .filter(|b| b.len() == 5)
            .ok_or_else(|| bad("tpdu", text, Msg::RuleTpdu))?;
        Some(crate::iso8583::Tpdu {
            id: b[0],
            destination: u16::from_be_bytes([b[1], b[2]]),
            source: u16::from_be_bytes([b[3], b[4]]),
        })
    } else {
        None
    };
    let default_header = "60".to_string()
        + &"0".repeat(
            layout
                .framing
                .header_len
                .saturating_mul(2)
                .saturating_sub(2),
        );
    let header_text = p
        .app_header
        .clone()
        .unwrap_or(if layout.framing.header_len == 0 {
            String::new()
        } else {
            default_header
        });
    let header = net::iso::hex_bytes(&header_text)
        .filter(|h| h.len() == layout.framing.header_len)
        .ok_or_else(|| bad("app_header", &header_text, Msg::RuleAppHeader))?;
    let target = Target::parse(p.host.as_deref().unwrap_or_default())?;
    let probe = net::iso::Probe {
        layout,
        terminal_id: p.terminal_id.clone().unwrap_or_default(),
        merchant_id: p.merchant_id.clone().unwrap_or_default(),
        tpdu,
        header,
    };
    Ok((target, probe))
}

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
    let dns = if args.dns.is_empty() {
        vec![DnsServer::System]
    } else {
        args.dns
            .iter()
            .map(|d| DnsServer::parse(d))
            .collect::<Result<_, _>>()?
    };
    if let Some(name) = &args.interface
        && !net::link::interface_exists(name)
    {
        return Err(Message::new(Msg::ErrorInterface).arg("name", name).into());
    }
    let proxies = net::proxy::Proxies::from_env(|k| std::env::var(k).ok())?;
    let opts = net::Options {
        proxies,
        interface: args.interface.clone(),
        dns,
        count: usize::from(args.count),
        interval: Duration::from_secs_f64(args.interval),
        timeout: Duration::from_secs_f64(ctx.global.timeout.unwrap_or(DEFAULT_TIMEOUT)),
        lang: ctx.out.lang,
        unicode: ctx.out.glyphs == Glyphs::Unicode,
        // The system trust store is read only when there is an https target to verify.
        roots: if targets.iter().any(|t| t.scheme.is_some()) {
            Some(net::tls::roots(args.ca_file.as_deref())?)
        } else {
            None
        },
    };
    let runtime = super::runtime()?;
    // Progress goes to stderr, and only when a person is watching it.
    let progress = (std::io::stderr().is_terminal() && !ctx.out.quiet).then(|| {
        let bar = indicatif::ProgressBar::new(targets.len() as u64);
        bar.set_style(
            indicatif::ProgressStyle::with_template("{spinner} {pos}/{len} {wide_msg}")
                .unwrap_or_else(|_| indicatif::ProgressStyle::default_spinner()),
        );
        bar.enable_steady_tick(Duration::from_millis(100));
        bar
    });
    let done = |t: &Target| {
        if let Some(bar) = &progress {
            bar.set_message(t.spec.clone());
            bar.inc(1);
        }
    };
    let iso = match &config {
        Some(c) if args.iso8583 => Some(probe_for(&active(c)?)?),
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
    let report = crate::interrupt::mark(report, ctx.out.lang);
    ctx.out.report(&report, |o| o.findings(&report.findings))?;
    Ok(report.exit_code(ctx.global.strict))
}
