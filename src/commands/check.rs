//! `posdoctor check`: the active profile, one value, or a CSV batch.

use super::Context;
use crate::card::{self, YearMonth};
use crate::check::{self, Violation, batch};
use crate::cli::{CardArgs, CheckArgs, CheckCommand, KeyArgs};
use crate::config::Acquirer;
use crate::error::{Error, Message, exit};
use crate::finding::{Finding, Report, Status, Text};
use crate::i18n::Msg;
use crate::render;

/// Secrets and card data are short; anything longer on stdin is not what was asked for.
const MAX_STDIN: u64 = 64 * 1024;

pub fn run(ctx: &Context, args: &CheckArgs) -> Result<u8, Error> {
    match (&args.command, &args.batch) {
        (Some(cmd), _) => one(ctx, cmd),
        (None, Some(path)) => run_batch(
            ctx,
            path,
            args.acquirer.unwrap_or_default(),
            &crate::tabular::Options::new(
                args.tabular.encoding.as_deref(),
                args.tabular.sheet.as_deref(),
            )?,
        ),
        (None, None) => profile(ctx),
    }
}

/// `command` is the report's command path: `check` for the profile, `check mcc` for one value.
fn finish(
    ctx: &Context,
    command: &str,
    findings: Vec<Finding>,
    extra: Option<(&str, serde_json::Value)>,
) -> Result<u8, Error> {
    let mut report = Report::new(command, findings);
    if let Some((k, v)) = extra {
        report = report.with(k, v);
    }
    ctx.out.report(&report, |o| o.findings(&report.findings))?;
    Ok(report.exit_code(ctx.global.strict))
}

fn profile(ctx: &Context) -> Result<u8, Error> {
    let config = ctx.config()?;
    let (name, p) = config.active(ctx.global.profile.as_deref(), &ctx.paths.config_file)?;
    let findings = check::profile(p, &ctx.paths.config_dir);
    finish(
        ctx,
        "check",
        findings,
        Some(("profile", serde_json::Value::from(name))),
    )
}

fn one(ctx: &Context, cmd: &CheckCommand) -> Result<u8, Error> {
    let mut v: Vec<Violation> = Vec::new();
    let (field, value, ok) = match cmd {
        CheckCommand::MerchantId(a) => {
            let acquirer = a.acquirer.unwrap_or_default();
            let (mcc, region) = (a.mcc.as_deref(), a.region.as_deref());
            check::merchant_id(&a.value, acquirer, mcc, region, &mut v);
            let ok = check::ok_text("merchant_id", &a.value);
            ("merchant_id", &a.value, ok)
        }
        CheckCommand::TerminalId(a) => {
            check::terminal_id(&a.value, a.acquirer.unwrap_or(Acquirer::Unionpay), &mut v);
            let ok = check::ok_text("terminal_id", &a.value);
            ("terminal_id", &a.value, ok)
        }
        CheckCommand::Mcc(a) => {
            check::mcc(&a.value, &mut v);
            ("mcc", &a.value, check::mcc_ok_text(&a.value))
        }
        CheckCommand::Currency(a) => {
            check::currency(&a.value, &mut v);
            ("currency", &a.value, check::currency_ok_text(&a.value))
        }
        CheckCommand::Key(a) => return key(ctx, a),
        CheckCommand::Card(a) => return card_check(ctx, a),
    };
    let mut findings = Vec::new();
    check::emit(&mut findings, field, value, &mut v, ok);
    finish(ctx, cmd.path(), findings, None)
}

/// Reads a secret or card number from stdin: hidden prompt on a terminal, else the whole
/// (bounded) input.
fn read_stdin(ctx: &Context, prompt: Msg) -> Result<zeroize::Zeroizing<String>, Error> {
    if render::stdin_is_terminal() {
        return render::prompt::secret(ctx.out.lang, ctx.out.tr(prompt), false);
    }
    crate::input::read_stdin_text(MAX_STDIN)
}

fn key(ctx: &Context, a: &KeyArgs) -> Result<u8, Error> {
    if a.combine {
        return combine(ctx, a);
    }
    let hex = match (&a.file, &a.env) {
        (Some(path), _) => crate::input::read_secret(path, crate::input::KEY_FILE_LIMIT)?
            .ok_or_else(|| {
                Error::from(Message::new(Msg::ErrorNoSuchFile).arg("path", path.display()))
            })?,
        (None, Some(var)) => match std::env::var(var) {
            Ok(t) if !t.is_empty() => zeroize::Zeroizing::new(t),
            _ => return Err(Message::new(Msg::ErrorNoSuchVar).arg("var", var).into()),
        },
        (None, None) => read_stdin(ctx, Msg::PromptKey)?,
    };
    let mut v = Vec::new();
    let parsed = check::key("key", &hex, a.algorithm, a.expect.as_deref(), &mut v);
    drop(hex);
    let kcv = parsed.as_ref().map(|k| k.kcv());
    if a.kcv && !ctx.out.json {
        // Script-friendly: only the KCV, or the reason there is none.
        return match &kcv {
            Some(k) => kcv_only(ctx, &k.to_string(), &v),
            None => Err(Error::Input(
                v.first()
                    .map(|x| x.message.clone())
                    .unwrap_or(Message::new(Msg::CheckKeyNotHex)),
            )),
        };
    }
    let shown = kcv
        .as_ref()
        .map_or_else(|| "****".to_string(), |k| format!("KCV {k}"));
    let mut findings = Vec::new();
    let ok = match (&kcv, &a.expect) {
        (Some(k), Some(_)) => Text::msg(Msg::CheckKeyOkVerified)
            .arg("key", "key")
            .arg("kcv", k),
        (Some(k), None) => check::ok_text("key", &format!("KCV {k}")),
        (None, _) => Text::Plain(String::new()),
    };
    check::emit(&mut findings, "key", &shown, &mut v, ok);
    finish(
        ctx,
        "check key",
        findings,
        kcv.map(|k| ("kcv", serde_json::Value::from(k.to_string()))),
    )
}

/// Two or three key components, one a line on stdin (or asked for one by one on a
/// terminal): each component's KCV, the combined key's KCV and the combined key's checks.
fn combine(ctx: &Context, a: &KeyArgs) -> Result<u8, Error> {
    let lang = ctx.out.lang;
    let mut lines: Vec<zeroize::Zeroizing<String>> = Vec::new();
    if render::stdin_is_terminal() {
        for n in 1..=3 {
            let prompt = lang.trf(Msg::PromptKeyComponent, &[("n", &n)]);
            let text = render::prompt::secret(lang, &prompt, n == 3)?;
            if text.trim().is_empty() {
                break;
            }
            lines.push(text);
        }
    } else {
        let all = read_stdin(ctx, Msg::PromptKey)?;
        lines.extend(
            all.lines()
                .map(str::trim)
                .filter(|l| !l.is_empty())
                .map(|l| zeroize::Zeroizing::new(l.to_string())),
        );
    }
    if !(2..=3).contains(&lines.len()) {
        return Err(Message::new(Msg::CheckKeyComponentCount)
            .arg("count", lines.len())
            .into());
    }
    let check::Combined {
        mut findings,
        kcvs,
        key,
        mut violations,
    } = check::combine(&lines, a.algorithm)?;
    drop(lines);
    let kcv = key.kcv().to_string();
    if a.kcv && !ctx.out.json {
        return kcv_only(ctx, &kcv, &violations);
    }
    let parity = check::parity(a.algorithm, &key);
    let ok = Text::msg(match parity {
        "odd" => Msg::CheckKeyCombinedOdd,
        _ => Msg::CheckKeyCombined,
    })
    .arg("kcv", &kcv);
    check::emit(
        &mut findings,
        "key",
        &format!("KCV {kcv}"),
        &mut violations,
        ok,
    );
    let mut report = Report::new("check key", findings)
        .with("kcv", &kcv)
        .with("components", &kcvs)
        .with("parity", parity);
    if ctx.out.json {
        report = report.with("algorithm", a.algorithm);
    }
    ctx.out.report(&report, |o| o.findings(&report.findings))?;
    Ok(report.exit_code(ctx.global.strict))
}

/// Only the KCV, for a script: exit 1 when the key breaks a rule.
fn kcv_only(ctx: &Context, kcv: &str, v: &[Violation]) -> Result<u8, Error> {
    ctx.out.emit(&format!("{kcv}\n"))?;
    Ok(if v.iter().any(|x| x.status == Status::Fail) {
        exit::FAILED
    } else {
        exit::OK
    })
}

fn card_check(ctx: &Context, a: &CardArgs) -> Result<u8, Error> {
    let card::Given {
        digits,
        expiry,
        service_code,
    } = card::given(
        a.track2.as_deref(),
        a.number.as_deref(),
        a.expiry.as_deref(),
        |prompt| read_stdin(ctx, prompt),
    )?;
    let masked = card::mask(&digits);
    let mut v = Vec::new();
    let service_code = service_code.as_deref();
    check::card(&digits, expiry, service_code, YearMonth::now(), &mut v);
    let brand = crate::reference::brands().for_number(&digits);
    let brand_name: Text = brand.map_or_else(|| "?".into(), |b| (&b.name).into());
    let ok = Text::msg(Msg::CheckCardOk)
        .arg("card", &masked)
        .with("brand", brand_name);
    let mut findings = Vec::new();
    check::emit(&mut findings, "card", &masked, &mut v, ok);
    let extra = serde_json::json!({
        "masked": masked,
        "brand": brand.map(|b| b.brand.clone()),
        "expiry": expiry.map(|e| format!("{}-{:02}", e.year, e.month)),
        "service_code": service_code,
    });
    finish(ctx, "check card", findings, Some(("card", extra)))
}

fn run_batch(
    ctx: &Context,
    path: &std::path::Path,
    acquirer: Acquirer,
    tabular: &crate::tabular::Options,
) -> Result<u8, Error> {
    let input = crate::input::open_input(path)?;
    let name = input.name.clone();
    // Ctrl-C stops the batch between two reads.
    let table = crate::tabular::Table::new(crate::interrupt::Reader::new(input), &name, tabular)?;
    let out = &ctx.out;
    let mut w = out.stream();
    let summary = batch::run_table(table, acquirer, |bad| {
        let text = if out.json {
            render::batch_record_json(out, bad)
        } else if out.quiet && bad.status != Status::Fail {
            String::new()
        } else {
            render::batch_record(out, bad)
        };
        w.write(&text)
    })?;
    let status = summary.status();
    let mut report = Report::new("check", Vec::new())
        .with("summary", &summary)
        .with("input", &name);
    report.status = status;
    let text = if out.json {
        serde_json::to_string(&report.said(out.locale())).unwrap_or_default() + "\n"
    } else {
        render::batch_summary(out, &summary, status)
    };
    w.write(&text)?;
    w.flush();
    Ok(report.exit_code(ctx.global.strict))
}
