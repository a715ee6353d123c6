//! `posdoctor profile init|show|list`.

use std::io::IsTerminal;

use super::Context;
use crate::cli::{self, KeySpec, ProfileArgs, ProfileCommand, ProfileInitArgs, ProfileShowArgs};
use crate::config::{self, Acquirer, Gateway, KeyRef, KeySource, Profile};
use crate::error::{Error, Message, exit};
use crate::finding::{Finding, Report, Status};
use crate::i18n::{Lang, Msg};
use crate::render;
use crate::taxonomy::{Category, Cause};

pub fn run(ctx: &Context, args: &ProfileArgs) -> Result<u8, Error> {
    match &args.command {
        ProfileCommand::Init(a) => init(ctx, a),
        ProfileCommand::Show(a) => show(ctx, a),
        ProfileCommand::List => list(ctx),
    }
}

/// Asks on the terminal for a value that was not given as a flag; `None` when nobody is
/// there to ask (a script), so the caller can say which flags are missing.
struct Prompter {
    lang: Lang,
    interactive: bool,
}

impl Prompter {
    fn ask(
        &self,
        field: &str,
        label: Msg,
        acquirer: Acquirer,
        required: bool,
    ) -> Result<Option<String>, Error> {
        if !self.interactive {
            return Ok(None);
        }
        let lang = self.lang;
        let field_owned = field.to_string();
        let theme = crate::render::PromptTheme::new(lang);
        let answer: String = dialoguer::Input::with_theme(&theme)
            .with_prompt(lang.tr(label))
            .allow_empty(!required)
            .validate_with(move |v: &String| -> Result<(), String> {
                if v.trim().is_empty() && !required {
                    return Ok(());
                }
                config::validate_field(&field_owned, v, acquirer)
                    .map(|_| ())
                    .map_err(|e| e.render(lang))
            })
            .interact_text()
            .map_err(|e| match e {
                dialoguer::Error::IO(io) => Error::Io {
                    message: Message::new(Msg::ErrorPrompt),
                    source: io,
                },
            })?;
        Ok(Some(answer.trim().to_string()).filter(|a| !a.is_empty()))
    }
}

fn init(ctx: &Context, a: &ProfileInitArgs) -> Result<u8, Error> {
    let interactive =
        !a.no_input && std::io::stdin().is_terminal() && std::io::stderr().is_terminal();
    let p = Prompter {
        lang: ctx.out.lang,
        interactive,
    };
    let acquirer = a.acquirer.unwrap_or_default();
    let mut missing = Vec::new();

    let name = match &a.name {
        Some(n) => Some(n.clone()),
        None => p.ask("name", Msg::PromptName, acquirer, true)?,
    };
    if name.is_none() {
        missing.push("NAME");
    }
    let mut value = |flag: &'static str,
                     field: &str,
                     given: &Option<String>,
                     label: Msg,
                     required: bool|
     -> Result<Option<String>, Error> {
        let v = match given {
            Some(v) => Some(v.clone()),
            None => p.ask(field, label, acquirer, required)?,
        };
        if v.is_none() && required {
            missing.push(flag);
        }
        v.map(|v| config::validate_field(field, &v, acquirer))
            .transpose()
    };
    let merchant_id = value(
        "--merchant-id",
        "merchant_id",
        &a.merchant_id,
        Msg::PromptMerchantId,
        true,
    )?;
    let terminal_id = value(
        "--terminal-id",
        "terminal_id",
        &a.terminal_id,
        Msg::PromptTerminalId,
        true,
    )?;
    let merchant_name = value(
        "--merchant-name",
        "merchant_name",
        &a.merchant_name,
        Msg::PromptMerchantName,
        false,
    )?;
    let mcc = value("--mcc", "mcc", &a.mcc, Msg::PromptMcc, false)?;
    let currency = value(
        "--currency",
        "currency",
        &a.currency,
        Msg::PromptCurrency,
        false,
    )?;
    let region = value("--region", "region", &a.region, Msg::PromptRegion, false)?;
    let host = value("--host", "host", &a.host, Msg::PromptHost, false)?;
    let gateway_url = value(
        "--gateway-url",
        "gateway_url",
        &a.gateway_url,
        Msg::PromptGatewayUrl,
        false,
    )?;
    let gateway_auth_env = a
        .gateway_auth_env
        .as_deref()
        .map(|v| config::validate_field("gateway_auth_env", v, acquirer))
        .transpose()?;
    if !missing.is_empty() {
        return Err(Message::new(Msg::ErrorMissingValues)
            .arg("flags", missing.join(", "))
            .into());
    }
    let name = name.unwrap_or_default();
    config::validate_profile_name(&name)?;

    let mut keys = std::collections::BTreeMap::new();
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
        keys.insert(
            key,
            KeyRef {
                source,
                kcv: None,
                algorithm: None,
            },
        );
    }
    for given in &a.kcvs {
        let (key, kcv) = cli::parse_kcv_spec(given)?;
        match keys.get_mut(&key) {
            Some(k) => k.kcv = Some(kcv),
            None => return Err(Message::new(Msg::ErrorKcvWithoutKey).arg("key", key).into()),
        }
    }
    let gateway = match (gateway_url, gateway_auth_env) {
        (Some(url), auth_env) => Some(Gateway {
            url,
            auth_env,
            ..Default::default()
        }),
        (None, Some(_)) => return Err(Message::new(Msg::ErrorAuthWithoutGateway).into()),
        (None, None) => None,
    };
    let profile = Profile {
        acquirer,
        merchant_name,
        merchant_id,
        terminal_id,
        mcc,
        currency,
        region,
        host,
        tpdu: None,
        app_header: None,
        iso_layout: None,
        endpoints: Vec::new(),
        gateway,
        keys,
    };
    let path = &ctx.paths.config_file;
    config::write_profile(path, &name, &profile, a.make_default, a.force)?;
    let summary = ctx.out.lang.trf(
        Msg::ProfileWritten,
        &[("name", &name), ("path", &path.display())],
    );
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
