//! Every human output and every help text fits the terminal: run at `COLUMNS=80` and at
//! `COLUMNS=60`, in both languages, no line on stdout or stderr is wider than the terminal,
//! a Chinese character counting as two columns. (A line the terminal had to wrap itself
//! breaks mid-word or mid-number: `merchant_id 898` / `310054111234`.)

use crate::common;

use common::Env;
use unicode_width::UnicodeWidthStr;

const README: &str = include_str!("../../README.md");

/// The `$ posdoctor …` lines of the README's console blocks, in order (they build on each
/// other: an incident is added, then listed), as argument lists.
fn readme_commands() -> Vec<Vec<String>> {
    let mut out = Vec::new();
    let mut in_console = false;
    for line in README.lines() {
        if let Some(info) = line.strip_prefix("```") {
            in_console = !in_console && info.trim() == "console";
            continue;
        }
        if let (true, Some(cmd)) = (in_console, line.strip_prefix("$ ")) {
            let cmd = cmd.split_once(" #").map_or(cmd, |(c, _)| c);
            let words = shell_words::split(cmd).expect("README command parses");
            let args = match words.iter().position(|w| w == "--") {
                Some(i) if words[0] == "cargo" => words[i + 1..].to_vec(),
                _ => words[1..].to_vec(),
            };
            out.push(args);
        }
    }
    out
}

/// Outputs the README does not show: tables and walks with long values.
const EXTRA: &[&[&str]] = &[
    &["check", "merchant-id", "898310054111234", "--mcc", "5812"],
    &["check", "terminal-id", "1000001"],
    &["check", "mcc", "5411"],
    &["txn", "status", "--demo"],
    &["txn", "status", "--demo", "--amount", "100.51"],
    &[
        "incident",
        "add",
        "no-response",
        "--cause",
        "host",
        "--terminal",
        "10000001",
    ],
    &["incident", "list"],
    &["incident", "show", "1"],
    &["incident", "stats"],
    &["code", "--list"],
    &["code", "96"],
    &["fix", "declined", "--print"],
    &["fix", "no-response", "--print"],
    &[
        "fix",
        "declined",
        "--cause",
        "funds",
        "--answer",
        "funds.1=no",
        "--answer",
        "funds.2=yes",
        "--no-record",
    ],
    &[
        "fix",
        "--symptom",
        "刷卡后一直没反应，小票也没出",
        "--no-record",
    ],
    &["profile", "list"],
    &["profile", "show", "shop"],
    &["doctor", "--demo", "--fault", "refuse"],
    &["check", "merchant-id", "12"],
    &["incident", "show", "abc"],
];

/// The lines wider than `columns`, with where they came from.
fn overflows(env: &Env, lang: &str, columns: usize, args: &[String]) -> Vec<String> {
    let out = env
        .cmd()
        .env("POSDOCTOR_LANG", lang)
        .env("COLUMNS", columns.to_string())
        .args(args)
        .output()
        .unwrap();
    let mut bad = Vec::new();
    for (stream, bytes) in [("stdout", &out.stdout), ("stderr", &out.stderr)] {
        for line in String::from_utf8_lossy(bytes).lines() {
            let w = UnicodeWidthStr::width(line);
            if w > columns {
                bad.push(format!(
                    "{lang} {columns} `{}` {stream} ({w}): {line}",
                    args.join(" ")
                ));
            }
        }
    }
    bad
}

fn run_all(columns: usize) -> Vec<String> {
    let mut bad = Vec::new();
    for lang in ["zh", "en"] {
        let env = Env::new();
        std::fs::create_dir_all(env.path().join("keys")).unwrap();
        // An export is a file for a spreadsheet or a program, not text for a person.
        for args in readme_commands()
            .into_iter()
            .filter(|a| !a.contains(&"export".into()))
        {
            bad.extend(overflows(&env, lang, columns, &args));
        }
        for args in EXTRA {
            let args: Vec<String> = args.iter().map(|a| a.to_string()).collect();
            bad.extend(overflows(&env, lang, columns, &args));
        }
        for mut path in common::command_paths(posdoctor::i18n::Lang::En) {
            path.push("--help".into());
            bad.extend(overflows(&env, lang, columns, &path));
        }
    }
    bad
}

fn check(columns: usize) {
    let bad = run_all(columns);
    assert!(
        bad.is_empty(),
        "{} lines wider than {columns} columns:\n{}",
        bad.len(),
        bad.join("\n")
    );
}

#[test]
fn every_output_fits_80_columns() {
    check(80);
}

#[test]
fn every_output_fits_60_columns() {
    check(60);
}
