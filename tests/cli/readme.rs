//! Every example in README.md is true: the commands in its `console` blocks run with the
//! exit code and (where shown) the output given there, and its TOML and JSON examples are
//! accepted by the tool and by the published schema.

use crate::common;

use common::{Env, assert_schema};

const README: &str = include_str!("../../README.md");

/// The fenced blocks of a Markdown text: (info string, body).
fn blocks(text: &str) -> Vec<(String, String)> {
    let mut out = Vec::new();
    let mut current: Option<(String, String)> = None;
    for line in text.lines() {
        match (&mut current, line.strip_prefix("```")) {
            (None, Some(info)) => current = Some((info.trim().to_string(), String::new())),
            (Some(_), Some(_)) => out.extend(current.take()),
            (Some((_, body)), None) => {
                body.push_str(line);
                body.push('\n');
            }
            (None, None) => {}
        }
    }
    out
}

struct Example {
    args: Vec<String>,
    exit: i32,
    output: Vec<String>,
}

fn examples(body: &str) -> Vec<Example> {
    let mut out: Vec<Example> = Vec::new();
    for line in body.lines() {
        if let Some(cmd) = line.strip_prefix("$ ") {
            let (cmd, comment) = cmd.split_once(" #").unwrap_or((cmd, ""));
            let exit = comment
                .trim()
                .strip_prefix("exits ")
                .and_then(|r| r.split(|c: char| !c.is_ascii_digit()).next())
                .and_then(|n| n.parse().ok())
                .unwrap_or(0);
            let words = shell_words::split(cmd).expect("README command parses as shell words");
            let args = match words.iter().position(|w| w == "--") {
                Some(i) if words[0] == "cargo" => words[i + 1..].to_vec(),
                _ => {
                    assert_eq!(words[0], "posdoctor", "README runs only posdoctor: {line}");
                    words[1..].to_vec()
                }
            };
            out.push(Example {
                args,
                exit,
                output: Vec::new(),
            });
        } else if let Some(last) = out.last_mut() {
            last.output.push(line.to_string());
        }
    }
    out
}

#[test]
fn console_examples_run_as_shown() {
    let env = Env::new();
    let mut ran = 0;
    for (info, body) in blocks(README) {
        if info != "console" {
            continue;
        }
        for ex in examples(&body) {
            let out = env.cmd().args(&ex.args).output().unwrap();
            let stdout = String::from_utf8_lossy(&out.stdout);
            assert_eq!(
                out.status.code(),
                Some(ex.exit),
                "README example `{}` exit code; stderr: {}",
                ex.args.join(" "),
                String::from_utf8_lossy(&out.stderr)
            );
            if !ex.output.is_empty() {
                let got: Vec<&str> = stdout.lines().map(str::trim_end).collect();
                let want: Vec<&str> = ex.output.iter().map(|l| l.trim_end()).collect();
                assert_eq!(got, want, "README example `{}` output", ex.args.join(" "));
            }
            ran += 1;
        }
    }
    assert!(ran >= 8, "only {ran} README examples found");
}

#[test]
fn config_example_is_a_valid_config() {
    let toml = blocks(README)
        .into_iter()
        .find(|(info, body)| info == "toml" && body.contains("[profiles.shop]"))
        .expect("README has a config example")
        .1;
    let config = posdoctor::config::Config::parse(std::path::Path::new("README.md"), &toml)
        .unwrap_or_else(|e| panic!("{}", e.render(posdoctor::i18n::Lang::En)));
    assert_eq!(config.profiles.len(), 1);
    let env = Env::new();
    env.write_config(&toml);
    env.cmd().args(["profile", "show"]).assert().code(1); // keys/tmk.hex does not exist here
}

#[test]
fn code_override_example_works() {
    let toml = blocks(README)
        .into_iter()
        .find(|(info, body)| info == "toml" && body.contains("[[code]]"))
        .expect("README has a code override example")
        .1;
    let env = Env::new();
    std::fs::create_dir_all(env.config_dir()).unwrap();
    std::fs::write(env.config_dir().join("codes.toml"), toml).unwrap();
    let out = env.cmd().args(["--json", "code", "Q1"]).output().unwrap();
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
}

#[test]
fn json_example_matches_the_schema() {
    let json = blocks(README)
        .into_iter()
        .find(|(info, _)| info == "json")
        .expect("README has a JSON example")
        .1;
    let doc: serde_json::Value = serde_json::from_str(&json).expect("README JSON example parses");
    assert_schema(&doc);
}
