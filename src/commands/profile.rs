//! `posdoctor profile init|show|list`.

use std::io::IsTerminal;

use super::Context;
use crate::cli::{self, KeySpec, ProfileArgs, ProfileCommand, ProfileInitArgs, ProfileShowArgs};
use crate::config::{self, KeySource, Profile};
use crate::error::{Error, Message, exit};
use crate::finding::{Finding, Report, Status};
use crate::i18n::Msg;
use crate::profile_init::{Draft, Field, QUESTIONS};
use crate::render;
use crate::taxonomy::{Category, Cause};

pub fn run(ctx: &Context, args: &ProfileArgs) -> Result<u8, Error> {
    match &args.command {
        ProfileCommand::Init(a) => init(ctx, a),
        ProfileCommand::Show(a) => show(ctx, a),
        ProfileCommand::List => list(ctx),
    }
}

/// The answer a flag gave to `field`, if any.
fn given(a: &ProfileInitArgs, field: Field) -> Option<&String> {
    match field {
        Field::Name => a.name.as_ref(),
        Field::MerchantId => a.merchant_id.as_ref(),
        Field::TerminalId => a.terminal_id.as_ref(),
        Field::MerchantName => a.merchant_name.as_ref(),
        Field::Mcc => a.mcc.as_ref(),
        Field::Currency => a.currency.as_ref(),
        Field::Region => a.region.as_ref(),
        Field::Host => a.host.as_ref(),
        Field::GatewayUrl => a.gateway_url.as_ref(),
        Field::Tpdu => a.tpdu.as_ref(),
        Field::AppHeader => a.app_header.as_ref(),
        // Keys and their check values come as --key and --kcv.
        Field::KeyFile(_) | Field::Kcv(_) => None,
    }
}

fn init(ctx: &Context, a: &ProfileInitArgs) -> Result<u8, Error> {
    let interactive =
        !a.no_input && std::io::stdin().is_terminal() && std::io::stderr().is_terminal();
    let lang = ctx.out.lang;
    let mut draft = Draft::new(a.acquirer.unwrap_or_default());
    for given in &a.keys {
        let (key, spec) = cli::parse_key_spec(given)?;
        let source = match spec {
            KeySpec::File(p) => KeySource::File(p),
            KeySpec::Env(v) if config::valid_env_name(&v) => KeySource::Env(v),
            KeySpec::Env(v) => {
                return Err(Message::new(Msg::ErrorInvalidValue)
                    .arg("field", format!("--key {key}"))
                    .arg("value", v)
                    .arg_msg("rule", Msg::RuleEnvName)
                    .into());
            }
        };
        draft.set_key(key, source);
    }
    for given in &a.kcvs {
        let (key, kcv) = cli::parse_kcv_spec(given)?;
        draft.set_kcv(key, kcv)?;
    }
    // The flags first, each checked (and against the ones before it); then the questions
    // they left open, checked against everything known.
    for q in &QUESTIONS {
        if let Some(v) = given(a, q.field)
            && let Some(v) = draft.check(q, v)?
        {
            draft.set(q, v);
        }
    }
    let flagged = |f: Field| given(a, f).is_some();
    let missing: Vec<&str> = match interactive {
        true => {
            let theme = render::PromptTheme::new(lang);
            draft.interview(lang, &flagged, &mut |p, empty, check| {
                theme.input(p, empty, check)
            })?;
            Vec::new()
        }
        false => draft
            .open(&flagged)
            .iter()
            .filter(|q| q.required)
            .map(|q| q.flag)
            .collect(),
    };
    if !missing.is_empty() {
        return Err(Message::new(Msg::ErrorMissingValues)
            .arg("flags", missing.join(", "))
            .into());
    }
    let gateway_auth_env = a
        .gateway_auth_env
        .as_deref()
        .map(|v| config::validate_field("gateway_auth_env", v, draft.acquirer))
        .transpose()?;
    let path = &ctx.paths.config_file;
    let (name, summary) = draft.write(path, gateway_auth_env, a.make_default, a.force, lang)?;
    let report = Report::new(
        "profile init",
        vec![Finding::new("profile.init", Status::Ok, summary.clone())],
    )
    .with("profile", &name)
    .with("path", path.display().to_string());
    ctx.out.report(&report, |o| o.findings(&report.findings))?;
    Ok(exit::OK)
}

fn show(ctx: &Context, a: &ProfileShowArgs) -> Result<u8, Error> {
    let config = ctx.config()?;
    let wanted = a.name.as_deref().or(ctx.global.profile.as_deref());
    let (name, profile) = config.active(wanted, &ctx.paths.config_file)?;
    let keys: Vec<_> = profile
        .keys
        .iter()
        .map(|(n, k)| k.inspect(*n, &ctx.paths.config_dir))
        .collect();
    let lang = ctx.out.lang;
    let mut findings = Vec::new();
    for k in &keys {
        if !k.present {
            findings.push(
                Finding::new(
                    "profile.key.present",
                    Status::Fail,
                    lang.trf(
                        Msg::ProfileKeyMissingFinding,
                        &[("key", &k.name), ("source", &k.source)],
                    ),
                )
                .target(k.name.key())
                .blame(Category::Declined, Cause::MerchantParams),
            );
        }
        if let Some(format) = k.format.filter(|f| *f != "ok") {
            let msg = if format == "not-hex" {
                Msg::ProfileKeyNotHex
            } else {
                Msg::ProfileKeyBadLength
            };
            findings.push(
                Finding::new(
                    "profile.key.format",
                    Status::Fail,
                    lang.trf(msg, &[("key", &k.name)]),
                )
                .target(k.name.key())
                .blame(Category::Declined, Cause::MerchantParams),
            );
        }
        if let (true, Some(expected), Some(actual)) = (k.kcv_mismatch(), &k.kcv, &k.computed_kcv) {
            findings.push(
                Finding::new(
                    "profile.key.kcv",
                    Status::Fail,
                    lang.trf(
                        Msg::ProfileKeyKcvMismatch,
                        &[("key", &k.name), ("actual", actual), ("expected", expected)],
                    ),
                )
                .target(k.name.key())
                .blame(Category::Declined, Cause::MerchantParams),
            );
        }
        if let Some(mode) = &k.loose_mode {
            findings.push(
                Finding::new(
                    "profile.key.permissions",
                    Status::Warn,
                    lang.trf(
                        Msg::ProfileKeyLooseFinding,
                        &[("key", &k.name), ("mode", mode)],
                    ),
                )
                .target(k.source.clone()),
            );
        }
    }
    let report = Report::new("profile show", findings)
        .with("profile", &name)
        .with("settings", profile)
        .with("keys", &keys);
    ctx.out
        .report(&report, |o| render::profile_show(o, &name, profile, &keys))?;
    Ok(report.exit_code(ctx.global.strict))
}

fn list(ctx: &Context) -> Result<u8, Error> {
    let config = ctx.config()?;
    let default = config
        .active(ctx.global.profile.as_deref(), &ctx.paths.config_file)
        .ok()
        .map(|(n, _)| n);
    let rows: Vec<(String, bool, &Profile)> = config
        .profiles
        .iter()
        .map(|(n, p)| (n.clone(), default.as_deref() == Some(n.as_str()), p))
        .collect();
    let json_rows: Vec<serde_json::Value> = rows
        .iter()
        .map(|(n, d, p)| {
            serde_json::json!({
                "name": n, "active": d, "acquirer": p.acquirer,
                "merchant_id": p.merchant_id, "terminal_id": p.terminal_id, "host": p.host,
            })
        })
        .collect();
    let report = Report::new("profile list", Vec::new())
        .with("path", ctx.paths.config_file.display().to_string())
        .with("profiles", json_rows);
    ctx.out
        .report(&report, |o| render::profile_list(o, &rows))?;
    Ok(exit::OK)
}
