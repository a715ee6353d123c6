//! The command line as a whole: help in both languages, environment variables, errors.

use crate::common;

use common::{Env, json, stderr, stdout};

#[test]
fn help_answers_a_newcomer_in_both_languages() {
    let env = Env::new();
    let en = stdout(&env.cmd().arg("--help").output().unwrap());
    for word in [
        "code",
        "profile",
        "completions",
        "--lang",
        "--json",
        "POSDOCTOR_",
        "Exit codes",
    ] {
        assert!(en.contains(word), "--help lacks {word}: {en}");
    }
    let zh = stdout(&env.cmd().args(["--lang", "zh", "--help"]).output().unwrap());
    for word in ["用法", "命令", "选项", "解释应答码", "退出码"] {
        assert!(zh.contains(word), "zh --help lacks {word}: {zh}");
    }
    for sub in [
        vec!["code"],
        vec!["profile"],
        vec!["profile", "init"],
        vec!["profile", "show"],
        vec!["completions"],
    ] {
        for lang in ["en", "zh"] {
            let out = env
                .cmd()
                .args(["--lang", lang])
                .args(&sub)
                .arg("--help")
                .output()
                .unwrap();
            assert_eq!(out.status.code(), Some(0));
            let text = stdout(&out);
            assert!(text.lines().count() > 3, "{sub:?} {lang}: {text}");
            // Every option has a help text: beside it, or (on a narrow terminal) on the
            // line under it, indented further. No option stands alone without text.
            let options: Vec<&str> = text
                .lines()
                .skip_while(|l| *l != "Options:" && *l != "选项：")
                .skip(1)
                .take_while(|l| !l.trim().is_empty())
                .collect();
            let indent = |l: &str| l.len() - l.trim_start().len();
            let is_option =
                |t: &str| t.starts_with("--") || t.starts_with("-q") || t.starts_with("-v");
            for (i, line) in options.iter().enumerate() {
                let t = line.trim_start();
                if is_option(t) {
                    let beside = t.split("  ").filter(|p| !p.trim().is_empty()).count() >= 2;
                    let under = options.get(i + 1).is_some_and(|next| {
                        indent(next) > indent(line) && !is_option(next.trim_start())
                    });
                    assert!(beside || under, "{sub:?} {lang}: bare option `{line}`");
                }
            }
        }
    }
    let zh_code = stdout(
        &env.cmd()
            .args(["--lang", "zh", "code", "--help"])
            .output()
            .unwrap(),
    );
    assert!(
        zh_code.contains("列出所有已知应答码") && zh_code.contains("显示帮助"),
        "{zh_code}"
    );
}

#[test]
fn version() {
    let env = Env::new();
    let out = env.cmd().arg("--version").output().unwrap();
    assert_eq!(out.status.code(), Some(0));
    assert!(stdout(&out).starts_with("posdoctor "));
}

#[test]
fn options_come_from_environment_variables() {
    let env = Env::new();
    let out = env
        .cmd()
        .env("POSDOCTOR_JSON", "true")
        .args(["code", "51"])
        .output()
        .unwrap();
    assert_eq!(json(&out)["command"], "code");
    let other = env.path().join("elsewhere.toml");
    std::fs::write(
        &other,
        "[profiles.from-env]\nmerchant_id = \"898310058120001\"\n",
    )
    .unwrap();
    let out = env
        .cmd()
        .env("POSDOCTOR_CONFIG", &other)
        .args(["--json", "profile", "show"])
        .output()
        .unwrap();
    assert_eq!(json(&out)["profile"], "from-env");
    let bad = env
        .cmd()
        .env("POSDOCTOR_TIMEOUT", "-1")
        .args(["code", "51"])
        .output()
        .unwrap();
    assert_eq!(bad.status.code(), Some(2));
    assert!(stderr(&bad).contains("-1"));
}

#[test]
fn usage_errors_exit_2_without_a_backtrace() {
    let env = Env::new();
    for args in [
        vec!["frobnicate"],
        vec![],
        vec!["--timeout", "abc", "code", "51"],
        vec!["code", "51", "--list"],
        vec!["-q", "-v", "code", "51"],
    ] {
        let out = env.cmd().args(&args).output().unwrap();
        assert_eq!(out.status.code(), Some(2), "{args:?}");
        let err = stderr(&out);
        assert!(
            !err.contains("panicked") && !err.contains("backtrace"),
            "{err}"
        );
    }
}

#[test]
fn quiet_hides_ok_findings() {
    let env = Env::new();
    let out = env
        .cmd()
        .args([
            "-q",
            "profile",
            "init",
            "s",
            "--merchant-id",
            "898310058120001",
            "--terminal-id",
            "10000001",
        ])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0));
    assert_eq!(stdout(&out), "");
}

#[test]
fn a_closed_pipe_is_not_an_error() {
    use std::process::{Command, Stdio};
    let bin = assert_cmd::cargo::cargo_bin("posdoctor");
    let mut child = Command::new(bin)
        .args(["code", "--list"])
        .env("LANG", "en_US.UTF-8")
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    drop(child.stdout.take());
    let out = child.wait_with_output().unwrap();
    assert!(!String::from_utf8_lossy(&out.stderr).contains("panicked"));
}
