//! `posdoctor code`, run as a user runs it.

use crate::common;

use common::{Env, assert_schema, json, stderr, stdout};

#[test]
fn code_51_in_english() {
    let env = Env::new();
    let out = env.cmd().args(["code", "51"]).output().unwrap();
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    insta::assert_snapshot!("code_51_en", stdout(&out));
}

#[test]
fn code_51_in_chinese() {
    let env = Env::new();
    let out = env
        .cmd()
        .args(["--lang", "zh", "code", "51"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    insta::assert_snapshot!("code_51_zh", stdout(&out));
}

#[test]
fn language_comes_from_the_locale() {
    let env = Env::new();
    let zh = env
        .cmd()
        .env("LANG", "zh_CN.UTF-8")
        .args(["code", "51"])
        .output()
        .unwrap();
    assert!(stdout(&zh).contains("可用余额不足"));
    let lc_all = env
        .cmd()
        .env("LANG", "zh_CN.UTF-8")
        .env("LC_ALL", "en_US.UTF-8")
        .args(["code", "51"])
        .output()
        .unwrap();
    assert!(stdout(&lc_all).contains("Insufficient funds"));
    let var = env
        .cmd()
        .env("POSDOCTOR_LANG", "zh")
        .args(["code", "51"])
        .output()
        .unwrap();
    assert!(stdout(&var).contains("可用余额不足"));
}

#[test]
fn json_matches_the_documented_shape() {
    let env = Env::new();
    let out = env.cmd().args(["--json", "code", "51"]).output().unwrap();
    assert_eq!(out.status.code(), Some(0));
    let doc = json(&out);
    assert_schema(&doc);
    assert_eq!(doc["schema"], 1);
    assert_eq!(doc["command"], "code");
    assert_eq!(doc["status"], "ok");
    let code = &doc["codes"][0];
    assert_eq!(code["code"], "51");
    assert_eq!(code["category"], "declined");
    assert_eq!(code["cause"], "funds");
    assert_eq!(code["fix"], "posdoctor fix declined --cause funds");
    assert_eq!(code["meaning"]["zh"], "可用余额不足");
    assert_eq!(code["terminal_text"], "余额不足");
    assert_eq!(code["origin"][0], "built-in");

    let unknown = env.cmd().args(["--json", "code", "Z9"]).output().unwrap();
    assert_eq!(unknown.status.code(), Some(1));
    let doc = json(&unknown);
    assert_schema(&doc);
    assert_eq!(doc["status"], "fail");
    assert_eq!(doc["findings"][0]["id"], "code.unknown");
    assert_eq!(doc["findings"][0]["target"], "Z9");

    let list = env
        .cmd()
        .args(["--json", "code", "--list"])
        .output()
        .unwrap();
    let doc = json(&list);
    assert_schema(&doc);
    assert!(doc["codes"].as_array().unwrap().len() >= 60);
}

#[test]
fn exit_codes() {
    let env = Env::new();
    env.cmd().args(["code", "51"]).assert().code(0);
    env.cmd().args(["code", "Z9"]).assert().code(1);
    // Bad input: no code, an unknown option value, an unknown option.
    env.cmd().args(["code", " "]).assert().code(2);
    env.cmd().args(["code"]).assert().code(2);
    env.cmd()
        .args(["code", "--list", "--category", "weather"])
        .assert()
        .code(2);
    env.cmd().args(["code", "--nope"]).assert().code(2);
    env.cmd()
        .args(["--lang", "fr", "code", "51"])
        .assert()
        .code(2);
}

#[test]
fn usage_errors_name_the_bad_value_in_both_languages() {
    let env = Env::new();
    let en = env
        .cmd()
        .args(["code", "--list", "--category", "weather"])
        .output()
        .unwrap();
    assert!(stderr(&en).contains("weather"), "{}", stderr(&en));
    let zh = env
        .cmd()
        .args(["--lang", "zh", "code", "--list", "--category", "weather"])
        .output()
        .unwrap();
    let text = stderr(&zh);
    assert!(
        text.contains("weather") && text.contains("无效的值"),
        "{text}"
    );
    assert!(!text.contains("panicked"));
}

#[test]
fn look_up_by_printed_text() {
    let env = Env::new();
    for (query, code) in [
        ("余额不足", "51"),
        ("insufficient funds", "51"),
        ("51-余额不足", "51"),
        ("MAC校验错", "A0"),
        ("a0", "A0"),
        ("5", "05"),
        ("终端未登记", "97"),
    ] {
        let out = env.cmd().args(["--json", "code", query]).output().unwrap();
        assert_eq!(out.status.code(), Some(0), "{query}");
        assert_eq!(json(&out)["codes"][0]["code"], code, "{query}");
    }
    // Unquoted words are one text; several codes are several codes.
    let words = env
        .cmd()
        .args(["--json", "code", "insufficient", "funds"])
        .output()
        .unwrap();
    assert_eq!(json(&words)["codes"][0]["code"], "51");
    let two = env
        .cmd()
        .args(["--json", "code", "51", "A0"])
        .output()
        .unwrap();
    let codes: Vec<String> = json(&two)["codes"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c["code"].as_str().unwrap().to_string())
        .collect();
    assert_eq!(codes, ["51", "A0"]);
}

#[test]
fn unknown_text_suggests_near_codes() {
    let env = Env::new();
    let out = env
        .cmd()
        .args(["code", "insuficient fund"])
        .output()
        .unwrap();
    let text = stdout(&out);
    assert!(text.contains("51"), "{text}");
}

#[test]
fn list_filters_by_category_and_cause() {
    let env = Env::new();
    let out = env
        .cmd()
        .args(["--json", "code", "--list", "--category", "no-response"])
        .output()
        .unwrap();
    let doc = json(&out);
    let codes = doc["codes"].as_array().unwrap();
    assert!(!codes.is_empty());
    assert!(codes.iter().all(|c| c["category"] == "no-response"));
    let out = env
        .cmd()
        .args(["code", "--list", "--cause", "funds"])
        .output()
        .unwrap();
    let text = stdout(&out);
    assert!(text.contains("51") && !text.contains("A0"), "{text}");
}

#[test]
fn user_files_add_and_override_codes_and_say_so() {
    let env = Env::new();
    std::fs::create_dir_all(env.config_dir().join("codes.d")).unwrap();
    std::fs::write(
        env.config_dir().join("codes.toml"),
        "[[code]]\ncode = \"51\"\nterminal = \"卡内余额不足\"\n",
    )
    .unwrap();
    std::fs::write(
        env.config_dir().join("codes.d").join("acquirer.toml"),
        "[[code]]\ncode = \"Q1\"\nmeaning = { zh = \"商户未开通扫码\", en = \"QR payments not enabled\" }\ncategory = \"declined\"\ncause = \"merchant-params\"\n",
    )
    .unwrap();
    let out = env
        .cmd()
        .args(["--json", "code", "51", "Q1"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let doc = json(&out);
    assert_schema(&doc);
    assert_eq!(doc["codes"][0]["terminal_text"], "卡内余额不足");
    assert_eq!(
        doc["codes"][0]["origin"][1],
        env.config_dir().join("codes.toml").display().to_string()
    );
    assert_eq!(doc["codes"][1]["meaning"]["en"], "QR payments not enabled");
    let human = env.cmd().args(["code", "Q1"]).output().unwrap();
    assert!(
        stdout(&human).contains("acquirer.toml"),
        "origin is shown: {}",
        stdout(&human)
    );
}

#[test]
fn a_broken_user_file_is_reported_with_file_and_line() {
    let env = Env::new();
    std::fs::create_dir_all(env.config_dir()).unwrap();
    std::fs::write(
        env.config_dir().join("codes.toml"),
        "[[code]]\ncode = \"51\"\ncause = \"weather\"\n",
    )
    .unwrap();
    let out = env.cmd().args(["code", "51"]).output().unwrap();
    assert_eq!(out.status.code(), Some(2));
    let err = stderr(&out);
    assert!(
        err.contains("codes.toml") && err.contains("line 3") && err.contains("code.cause"),
        "{err}"
    );
    assert_eq!(err.lines().count(), 1, "one clear line: {err}");
}

#[test]
fn colors_follow_the_options() {
    let env = Env::new();
    let plain = env.cmd().args(["code", "51"]).output().unwrap();
    assert!(
        !stdout(&plain).contains('\x1b'),
        "not a terminal: no colors"
    );
    let forced = env
        .cmd()
        .args(["--color", "always", "code", "51"])
        .output()
        .unwrap();
    assert!(stdout(&forced).contains('\x1b'));
    let never = env
        .cmd()
        .env("POSDOCTOR_COLOR", "never")
        .args(["code", "51"])
        .output()
        .unwrap();
    assert!(!stdout(&never).contains('\x1b'));
}

#[test]
fn markers_degrade_to_ascii_outside_utf8_locales() {
    let env = Env::new();
    let out = env
        .cmd()
        .env("LANG", "C")
        .args(["code", "51", "00"])
        .output()
        .unwrap();
    let text = stdout(&out);
    assert!(
        text.contains("[xx] 51") && text.contains("[ok] 00"),
        "{text}"
    );
    assert!(!text.contains('✗'));
}
