//! `posdoctor decode`: one ISO 8583 message, or EMV chip data, explained.

use super::Context;
use crate::cli::{DecodeArgs, FramingArg};
use crate::codes::CodeTable;
use crate::decode::{self, FramingChoice, InputError, LengthHeader, conversation, emv, input};
use crate::error::{Error, Message, exit};
use crate::finding::{Finding, Report, Status, Text};
use crate::i18n::Msg;
use crate::iso8583::Layout;
use crate::render;

/// The text to decode: the argument, or standard input for `-` (or nothing, when piped).
fn text(arg: Option<&str>) -> Result<String, Error> {
    match arg {
        Some(t) if t != "-" => Ok(t.to_string()),
        None if render::stdin_is_terminal() => Err(Message::new(Msg::DecodeNoInput).into()),
        _ => {
            let buf = crate::input::read_stdin(input::MAX_TEXT as u64)?;
            // Binary junk is not a message; it is reported as unreadable below.
            Ok(String::from_utf8_lossy(&buf).into_owned())
        }
    }
}

fn input_error(e: &InputError) -> Error {
    match e {
        InputError::Empty => Message::new(Msg::DecodeEmpty),
        InputError::TooLong(n) => Message::new(Msg::DecodeTooLong).arg("limit", n),
        InputError::Unreadable => Message::new(Msg::DecodeUnreadable),
    }
    .into()
}

pub fn run(ctx: &Context, args: &DecodeArgs) -> Result<u8, Error> {
    if let Some(e) = &args.emv {
        return chip(ctx, e);
    }
    if let Some(path) = &args.pcap {
        return capture(ctx, args, path);
    }
    let text = text(args.input.as_deref())?;
    let (kind, bytes) = input::read(&text).map_err(|e| input_error(&e))?;
    let (layouts, all, choice) = layouts(ctx, args)?;
    let decoded = decode::decode_message(&bytes, &layouts, choice, &all);
    let lang = ctx.out.lang;
    let mut findings = Vec::new();
    let mut response = None;
    match &decoded {
        None => findings.push(
            Finding::new(
                "decode.message",
                Status::Fail,
                Text::msg(Msg::DecodeTooShort).arg("bytes", bytes.len()),
            )
            .metric("offset", 0),
        ),
        Some(d) => {
            findings.push(render::decode_finding(lang, d));
            if let Some(code) = d.value(39) {
                let table = CodeTable::load(Some(&ctx.paths.config_dir))?;
                let f = match table.get(code) {
                    Some(entry) => {
                        let summary = Text::msg(Msg::DecodeResponse)
                            .arg("code", &entry.code)
                            .with("meaning", &entry.meaning);
                        let mut f = Finding::new(
                            "decode.response-code",
                            if entry.approved {
                                Status::Ok
                            } else {
                                Status::Warn
                            },
                            summary,
                        )
                        .target(entry.code.clone());
                        if !entry.approved {
                            f = f.blame(entry.category, entry.cause);
                        }
                        response = Some(entry.clone());
                        f
                    }
                    None => Finding::new(
                        "decode.response-code",
                        Status::Warn,
                        Text::msg(Msg::DecodeResponseUnknown).arg("code", code),
                    )
                    .target(code.to_string()),
                };
                findings.push(f);
            }
        }
    }
    let mut report = Report::new("decode", findings).with("input", kind);
    if let Some(d) = &decoded {
        report = report.with("message", d);
    }
    if let Some(r) = &response {
        report = report.with("response", r);
    }
    ctx.out.report(&report, |o| {
        render::decode_message(o, decoded.as_ref(), response.as_ref(), &report.findings)
    })?;
    Ok(report.exit_code(ctx.global.strict))
}

type Layouts = (Vec<&'static Layout>, Vec<&'static Layout>, FramingChoice);

/// The layouts to decode with (the named one, or the built-in ones), every layout to look
/// for alternatives in, and the framing choice.
fn layouts(ctx: &Context, args: &DecodeArgs) -> Result<Layouts, Error> {
    let builtin: Vec<&'static Layout> = decode::BUILTIN_LAYOUTS
        .iter()
        .filter_map(|n| Layout::builtin(n))
        .collect();
    let layouts = match &args.layout {
        Some(name) => vec![decode::layout(name, &ctx.paths.config_dir)?.ok_or_else(|| {
            Error::from(
                Message::new(Msg::ErrorInvalidValue)
                    .arg("field", "--layout")
                    .arg("value", name)
                    .arg_msg("rule", Msg::DecodeLayoutRule),
            )
        })?],
        None => builtin.clone(),
    };
    let choice = match args.framing {
        FramingArg::Auto => FramingChoice::Auto,
        FramingArg::Binary2 => FramingChoice::Only(LengthHeader::Binary2),
        FramingArg::Bcd2 => FramingChoice::Only(LengthHeader::Bcd2),
        FramingArg::Ascii4 => FramingChoice::Only(LengthHeader::Ascii4),
        FramingArg::None => FramingChoice::Only(LengthHeader::None),
    };
    let mut all = layouts.clone();
    all.extend(
        builtin
            .iter()
            .filter(|b| !layouts.iter().any(|l| l.name == b.name)),
    );
    Ok((layouts, all, choice))
}

/// `--pcap`: the conversation in a capture, printed as it is read.
fn capture(ctx: &Context, args: &DecodeArgs, path: &std::path::Path) -> Result<u8, Error> {
    let (layouts, all_layouts, framing) = layouts(ctx, args)?;
    let input = crate::input::open_input(path)?;
    let opts = conversation::Options {
        layouts,
        all_layouts,
        framing,
        late_ms: args.late * 1000.0,
    };
    let mut printer = render::PcapPrinter::new(&ctx.out);
    let mut failure: Option<Error> = None;
    let conv = conversation::analyse(input, &opts, |rec| {
        if crate::interrupt::received() {
            return false;
        }
        match printer.message(rec) {
            Ok(()) => !printer.closed,
            Err(e) => {
                failure = Some(e);
                false
            }
        }
    })
    .map_err(|_| {
        Error::from(Message::new(Msg::DecodePcapNotCapture).arg("path", path.display().to_string()))
    })?;
    if let Some(e) = failure {
        return Err(e);
    }
    let lang = ctx.out.lang;
    let mut findings = render::pcap_findings(lang, &conv);
    let interrupted = crate::interrupt::received();
    if interrupted {
        findings.push(crate::interrupt::finding(None));
    }
    let report = Report::new("decode", findings);
    printer.finish(&conv, &report)?;
    if interrupted {
        return Err(Error::Interrupted);
    }
    Ok(report.exit_code(ctx.global.strict))
}

/// `--emv`: field 55 explained.
fn chip(ctx: &Context, arg: &str) -> Result<u8, Error> {
    let text = text(Some(arg))?;
    let compact: String = text.chars().filter(|c| !c.is_whitespace()).collect();
    let bytes =
        input::hex(&compact).ok_or_else(|| Error::from(Message::new(Msg::DecodeEmvBadHex)))?;
    let lang = ctx.out.lang;
    let (findings, chip) = match emv::explain(&bytes) {
        Ok(chip) => {
            let status = match chip.verdict {
                emv::Verdict::DeclinedOffline => Status::Warn,
                _ => Status::Ok,
            };
            let f = Finding::new("decode.emv", status, render::emv_conclusion(lang, &chip)).metric(
                "verdict",
                serde_json::to_value(chip.verdict).unwrap_or_default(),
            );
            (vec![f], Some(chip))
        }
        Err(e) => (
            vec![
                Finding::new(
                    "decode.emv",
                    Status::Fail,
                    lang.trf(Msg::DecodeEmvStopped, &[("problem", &e.describe(lang))]),
                )
                .metric("offset", e.offset()),
            ],
            None,
        ),
    };
    let mut report = Report::new("decode", findings);
    if let Some(c) = &chip {
        report = report.with("emv", c);
    }
    ctx.out.report(&report, |o| {
        render::decode_emv(o, chip.as_ref(), &report.findings)
    })?;
    if report.status == Status::Fail {
        return Ok(exit::FAILED);
    }
    Ok(report.exit_code(ctx.global.strict))
}
