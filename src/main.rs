use std::ffi::OsString;
use std::io::IsTerminal;
use std::process::ExitCode;

use clap::{FromArgMatches, Parser};
use posdoctor::cli::{self, Cli, ColorChoice, Command};
use posdoctor::commands::{self, Context};
use posdoctor::config::Paths;
use posdoctor::error::exit;
use posdoctor::i18n::{Lang, Msg};
use posdoctor::render::{Glyphs, Output};

fn env(name: &str) -> Option<String> {
    std::env::var(name).ok()
}

/// The value of `--NAME VALUE` or `--NAME=VALUE` before clap has run, so that help and
/// argument errors already speak the right language and use the right colors.
fn early_flag(args: &[OsString], name: &str) -> Option<String> {
    let long = format!("--{name}");
    let mut it = args.iter().skip(1).map(|a| a.to_string_lossy());
    while let Some(a) = it.next() {
        if a == "--" {
            break;
        }
        if a == long {
            return it.next().map(|v| v.into_owned());
        }
        if let Some(v) = a.strip_prefix(&format!("{long}=")) {
            return Some(v.to_string());
        }
    }
    None
}

fn early_lang(args: &[OsString]) -> Lang {
    early_flag(args, "lang")
        .or_else(|| env("POSDOCTOR_LANG"))
        .and_then(|v| Lang::parse(&v))
        .unwrap_or_else(|| Lang::from_locale(env))
}

fn color_choice(choice: Option<ColorChoice>) -> anstream::ColorChoice {
    match choice {
        Some(ColorChoice::Always) => anstream::ColorChoice::Always,
        Some(ColorChoice::Never) => anstream::ColorChoice::Never,
        _ => anstream::ColorChoice::Auto,
    }
}

fn main() -> ExitCode {
    posdoctor::txn::init_local_offset();
    let args: Vec<OsString> = std::env::args_os().collect();
    let lang = early_lang(&args);
    // Before anything that could take long: from here on Ctrl-C and SIGTERM end every
    // command with a report and exit 130 instead of killing it mid-way.
    posdoctor::interrupt::install(lang);
    // A bug must end in one clear line and exit code 3, not a backtrace.
    std::panic::set_hook(Box::new(move |info| {
        let info = posdoctor::redact::line(&info.to_string());
        eprintln!("posdoctor: {}: {info}", lang.tr(Msg::ErrorPanic));
    }));
    match std::panic::catch_unwind(|| run(args, lang)) {
        Ok(code) => ExitCode::from(code),
        Err(_) => ExitCode::from(exit::ERROR),
    }
}

fn run(args: Vec<OsString>, lang: Lang) -> u8 {
    let early_color = early_flag(&args, "color")
        .or_else(|| env("POSDOCTOR_COLOR"))
        .and_then(|v| <ColorChoice as clap::ValueEnum>::from_str(&v, true).ok());
    let clap_color = match early_color {
        Some(ColorChoice::Always) => clap::ColorChoice::Always,
        Some(ColorChoice::Never) => clap::ColorChoice::Never,
        _ => clap::ColorChoice::Auto,
    };
    // Parse with the plain definition; only help and argument errors need the translated
    // one, so only they pay for building it.
    let parsed = match Cli::try_parse_from(&args) {
        Ok(c) => c,
        Err(_) => {
            let localized = cli::command(lang)
                .color(clap_color)
                .try_get_matches_from(&args);
            match localized.and_then(|m| Cli::from_arg_matches(&m)) {
                Ok(c) => c,
                Err(e) => return cli_error(e, lang, &args),
            }
        }
    };
    let lang = parsed.global.lang.unwrap_or(lang);
    let out = Output {
        lang,
        json: parsed.global.json,
        quiet: parsed.global.quiet,
        verbose: parsed.global.verbose,
        glyphs: Glyphs::from_locale(env),
        color: color_choice(Some(parsed.global.color)),
    };
    let paths = match Paths::resolve(parsed.global.config.as_deref()) {
        Ok(p) => p,
        Err(e) => return report_error(&out, &e),
    };
    let ctx = Context {
        out,
        global: parsed.global,
        paths,
    };
    let interrupted_args = args.clone();
    let result = match &parsed.command {
        Command::Doctor(a) => commands::doctor::run(&ctx, a),
        Command::Net(a) => commands::net::run(&ctx, a),
        Command::Sim(a) => commands::sim::run(&ctx, a),
        Command::Check(a) => commands::check::run(&ctx, a),
        Command::Txn(a) => commands::txn::run(&ctx, a),
        Command::Code(a) => commands::code::run(&ctx, a),
        Command::Fix(a) => commands::fix::run(&ctx, a),
        Command::Incident(a) => commands::incident::run(&ctx, a),
        Command::Profile(a) => commands::profile::run(&ctx, a),
        Command::Decode(a) => commands::decode::run(&ctx, a),
        Command::Watch(a) => commands::watch::run(&ctx, a),
        Command::Completions(a) => commands::completions::run(&ctx, a),
    };
    match result {
        // The command reported (marked as interrupted where it was cut short); the exit
        // code says it was stopped.
        Ok(_) if posdoctor::interrupt::received() => exit::INTERRUPTED,
        Ok(code) => code,
        // Whatever error the signal caused (a read cut short), the run was interrupted.
        Err(e)
            if matches!(e, posdoctor::Error::Interrupted) || posdoctor::interrupt::received() =>
        {
            report_interrupted(&ctx.out, &interrupted_args)
        }
        Err(e) => report_error(&ctx.out, &e),
    }
}

/// An interrupted command that had nothing to report: one JSON document with `--json`,
/// else a line on stderr; exit 130.
fn report_interrupted(out: &Output, args: &[OsString]) -> u8 {
    if out.json {
        // The command's name as its reports give it (`txn import`): only this rare path
        // pays for parsing the arguments again.
        let name = command_path(args);
        let report = posdoctor::interrupt::report(&name);
        let _ = out.report(&report, |_| String::new());
    } else {
        report_error(out, &posdoctor::Error::Interrupted);
    }
    exit::INTERRUPTED
}

/// One line on stderr in the user's language; with `-v`, the chain of causes under it.
fn report_error(out: &Output, e: &posdoctor::Error) -> u8 {
    let mut stderr = anstream::AutoStream::new(std::io::stderr().lock(), out.color);
    let label = anstyle::AnsiColor::Red.on_default().bold();
    let text = out.tr(Msg::ErrorLabel);
    // A full-width colon carries its own space.
    let space = if text.ends_with('：') { "" } else { " " };
    let line = format!(
        "{label}{text}{label:#}{space}{}",
        posdoctor::redact::terminal(&e.render(out.lang))
    );
    let width = posdoctor::render::wrap::columns();
    let line = posdoctor::render::wrap::fill(&line, width, "", "  ");
    let _ = std::io::Write::write_all(&mut stderr, line.as_bytes());
    if out.verbose > 0 {
        let mut source = std::error::Error::source(e);
        while let Some(s) = source {
            let cause = posdoctor::redact::line(&s.to_string());
            let _ = std::io::Write::write_fmt(&mut stderr, format_args!("  {cause}\n"));
            source = s.source();
        }
    }
    e.exit_code()
}

/// Help and version go to stdout with exit 0; argument errors to stderr with exit 2, their
/// fixed English phrases translated for Chinese users.
fn cli_error(e: clap::Error, lang: Lang, args: &[OsString]) -> u8 {
    let json = wants_json(args);
    use clap::error::ErrorKind;
    match e.kind() {
        ErrorKind::DisplayVersion => {
            let _ = e.print();
            exit::OK
        }
        // clap wraps help only at spaces, so Chinese lines would run past the terminal:
        // the help is fitted to it here, CJK-aware.
        ErrorKind::DisplayHelp => {
            let styled = std::io::stdout().is_terminal() && std::env::var_os("NO_COLOR").is_none();
            let text = if styled {
                e.render().ansi().to_string()
            } else {
                e.render().to_string()
            };
            // clap ends each heading with an ASCII colon; Chinese takes the full-width one.
            let text = match lang {
                Lang::Zh => ["参数", "选项", "命令"]
                    .iter()
                    .fold(text, |t, h| t.replace(&format!("{h}:"), &format!("{h}："))),
                Lang::En => text,
            };
            let text = posdoctor::render::wrap::help(&text, posdoctor::render::wrap::columns());
            let mut stdout = std::io::stdout().lock();
            let _ = std::io::Write::write_all(&mut stdout, text.as_bytes());
            exit::OK
        }
        _ => {
            let styled = std::io::stderr().is_terminal() && std::env::var_os("NO_COLOR").is_none();
            let text = if styled {
                e.render().ansi().to_string()
            } else {
                e.render().to_string()
            };
            let text = match lang {
                Lang::Zh => cli::translate_clap_error(&text),
                Lang::En => text,
            };
            // clap quotes the arguments it could not place: a key typed as an argument or a
            // card given to the wrong option passes the same policy as every other error.
            let text = posdoctor::redact::secrets(&text);
            // The JSON document does not depend on the terminal's width; only stderr is fitted.
            if json {
                usage_json(&e, &text, args);
            }
            let text = posdoctor::render::wrap::help(&text, posdoctor::render::wrap::columns());
            eprint!("{}", posdoctor::redact::terminal(&text));
            exit::USAGE
        }
    }
}

/// Whether `--json` (or `POSDOCTOR_JSON`) was asked for, before clap could say so.
fn wants_json(args: &[OsString]) -> bool {
    let flag = args
        .iter()
        .skip(1)
        .map(|a| a.to_string_lossy())
        .take_while(|a| a != "--")
        .any(|a| a == "--json");
    flag || env("POSDOCTOR_JSON").is_some_and(|v| {
        matches!(
            v.trim().to_ascii_lowercase().as_str(),
            "1" | "true" | "yes" | "on" | "y"
        )
    })
}

/// The command path the arguments name, as far as it goes (`txn status`), for the report of
/// a usage error; `posdoctor` when not even the first command is known.
fn command_path(args: &[OsString]) -> String {
    const TAKES_VALUE: &[&str] = &["--lang", "--profile", "--config", "--color", "--timeout"];
    let mut cmd = <Cli as clap::CommandFactory>::command();
    let mut path: Vec<String> = Vec::new();
    let mut it = args
        .iter()
        .skip(1)
        .map(|a| a.to_string_lossy().into_owned());
    while let Some(a) = it.next() {
        if a == "--" {
            break;
        }
        if TAKES_VALUE.contains(&a.as_str()) {
            it.next();
            continue;
        }
        if a.starts_with('-') {
            continue;
        }
        match cmd.find_subcommand(&a).cloned() {
            Some(sub) => {
                path.push(a);
                cmd = sub;
            }
            None => break,
        }
    }
    if path.is_empty() {
        "posdoctor".to_string()
    } else {
        path.join(" ")
    }
}

/// With `--json`, a usage error is one JSON document on stdout too: the report shape with one
/// failed finding `usage` (its summary the error's first line) and `usage` with the error's
/// kind and full text. docs/report.schema.json describes it.
fn usage_json(e: &clap::Error, text: &str, args: &[OsString]) {
    use posdoctor::finding::{Finding, Report, Status};
    let plain = anstream::adapter::strip_str(text).to_string();
    let first = plain
        .lines()
        .find(|l| !l.trim().is_empty())
        .unwrap_or("")
        .trim()
        .to_string();
    // `InvalidValue` → `invalid-value`: the kinds clap documents, in the report's spelling.
    let mut kind = String::new();
    for (i, c) in format!("{:?}", e.kind()).chars().enumerate() {
        if c.is_ascii_uppercase() && i > 0 {
            kind.push('-');
        }
        kind.push(c.to_ascii_lowercase());
    }
    let report = Report::new(
        &command_path(args),
        vec![Finding::new("usage", Status::Fail, first)],
    )
    .with(
        "usage",
        serde_json::json!({ "kind": kind, "exit": exit::USAGE, "text": plain.trim_end() }),
    );
    // The one finding is the error's own first line, already in the user's language.
    let said = report.said(posdoctor::finding::Locale::ascii(posdoctor::i18n::Lang::En));
    let Ok(mut doc) = serde_json::to_value(said) else {
        return;
    };
    posdoctor::redact::json(&mut doc);
    if let Ok(out) = serde_json::to_string_pretty(&doc) {
        println!("{out}");
    }
}
