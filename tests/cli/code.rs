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
    assert_eq!(code["terminal_text"], "可用余额不足");
    assert_eq!(code["class"]["value"], "C");
    assert_eq!(code["decided_by"]["role"], "issuer");
    assert_eq!(code["readings"][0]["source"], "cup");
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
    assert!(doc["codes"].as_array().unwrap().len() >= 100);
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
    // One message, wrapped to the terminal: its continuation lines are indented.
    let messages = err.lines().filter(|l| !l.starts_with(' ')).count();
    assert_eq!(messages, 1, "one clear message: {err}");
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

// ---- The code table against its sources ----------------------------------------------------
//
// Every value `data/codes.toml` cites is checked against the transcription of the source it
// cites (data/sources/), so that nothing cites a source that does not say it.

use std::collections::{BTreeMap, BTreeSet};

fn read_toml(path: &str) -> toml::Table {
    let full = format!("{}/{path}", env!("CARGO_MANIFEST_DIR"));
    let text = std::fs::read_to_string(&full).unwrap_or_else(|e| panic!("{full}: {e}"));
    text.parse().unwrap_or_else(|e| panic!("{full}: {e}"))
}

fn s<'a>(v: &'a toml::Value, key: &str) -> &'a str {
    v.get(key).and_then(|x| x.as_str()).unwrap_or("")
}

/// Compares texts the way a cashier reads them: punctuation, spaces and letter case do not
/// count, and 呑 (the specification's variant) is 吞.
fn norm(text: &str) -> String {
    text.chars()
        .filter(|c| c.is_alphanumeric())
        .flat_map(char::to_lowercase)
        .map(|c| if c == '呑' { '吞' } else { c })
        .collect()
}

/// One transcribed source: its rows by code, plus what the table as a whole says.
struct Excerpt {
    rows: BTreeMap<String, toml::Value>,
    fallback: Option<String>,
}

fn excerpts() -> BTreeMap<String, Excerpt> {
    let mut out = BTreeMap::new();
    for file in [
        "data/sources/cup-a2.toml",
        "data/sources/acquirer-pos.toml",
        "data/sources/iso8583-1987.toml",
    ] {
        let t = read_toml(file);
        let source = &t["source"];
        assert!(
            source["reproduced_at"]
                .as_array()
                .is_some_and(|a| !a.is_empty()),
            "{file} names no place where the source can be read"
        );
        let rows = t["row"]
            .as_array()
            .unwrap()
            .iter()
            .map(|r| (s(r, "code").to_string(), r.clone()))
            .collect();
        out.insert(
            s(source, "key").to_string(),
            Excerpt {
                rows,
                fallback: source
                    .get("fallback_display")
                    .and_then(|v| v.as_str())
                    .map(String::from),
            },
        );
    }
    for source in read_toml("data/sources/other.toml")["source"]
        .as_array()
        .unwrap()
    {
        let rows = source["rows"]
            .as_array()
            .unwrap()
            .iter()
            .map(|r| (s(r, "code").to_string(), r.clone()))
            .collect();
        out.insert(
            s(source, "key").to_string(),
            Excerpt {
                rows,
                fallback: None,
            },
        );
    }
    out
}

const ROLES: [(&str, &str); 3] = [("AC", "acquirer"), ("SW", "switch"), ("IS", "issuer")];

fn cup_roles(row: &toml::Value) -> Vec<String> {
    row["roles"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| {
            let r = r.as_str().unwrap();
            ROLES
                .iter()
                .find(|(k, _)| *k == r)
                .map(|(_, v)| v.to_string())
                .unwrap_or_else(|| panic!("unknown role {r}"))
        })
        .collect()
}

#[test]
fn every_cited_value_is_in_its_source() {
    let table = read_toml("data/codes.toml");
    let sources = table["sources"].as_table().unwrap();
    let ex = excerpts();
    let known: BTreeSet<&str> = sources.keys().map(String::as_str).collect();
    // Every source but posdoctor's own reading has a transcription, and every transcription is
    // a declared source with an address.
    for key in &known {
        if *key != "posdoctor" {
            assert!(ex.contains_key(*key), "source {key} has no transcription");
            assert!(
                sources[*key].get("url").is_some(),
                "source {key} has no address"
            );
        }
    }
    let codes = table["code"].as_array().unwrap();
    assert!(codes.len() >= 100, "only {} codes", codes.len());
    let mut problems = Vec::new();
    for c in codes {
        let code = s(c, "code");
        let mut bad = |what: String| problems.push(format!("{code}: {what}"));
        let row = |key: &str| ex.get(key).and_then(|e| e.rows.get(code));
        let mut cited = BTreeSet::new();

        // Meaning: at least one source's reading, each as that source words it.
        let readings = c.get("readings").and_then(|v| v.as_array());
        if readings.is_none_or(|r| r.is_empty()) {
            bad("no source for its meaning".into());
        }
        for r in readings.into_iter().flatten() {
            let key = s(r, "source");
            cited.insert(key.to_string());
            let Some(src) = row(key) else {
                bad(format!("reading cites {key}, which has no row for it"));
                continue;
            };
            match key {
                "iso8583" => {
                    if s(r, "en") != s(src, "name") {
                        bad(format!(
                            "ISO reading {:?} is not {:?}",
                            s(r, "en"),
                            s(src, "name")
                        ));
                    }
                }
                "cup" => {
                    let said = s(src, "meaning");
                    let ok = if said.is_empty() {
                        norm(s(src, "conditions")).contains(&norm(s(r, "zh")))
                    } else {
                        norm(said) == norm(s(r, "zh"))
                    };
                    if !ok {
                        bad(format!(
                            "UnionPay reading {:?} is not in the table",
                            s(r, "zh")
                        ));
                    }
                }
                _ => {
                    if norm(s(r, "zh")) != norm(s(src, "meaning")) {
                        bad(format!(
                            "{key} reading {:?} is not {:?}",
                            s(r, "zh"),
                            s(src, "meaning")
                        ));
                    }
                }
            }
        }

        // Display: the first display is the terminal text; each display is in its source.
        let displays = c.get("displays").and_then(|v| v.as_array());
        match displays.and_then(|d| d.first()) {
            None => bad("no source for its display".into()),
            Some(first) if s(first, "text") != s(c, "terminal") => {
                bad("terminal is not the first display".into())
            }
            Some(_) => {}
        }
        for d in displays.into_iter().flatten() {
            let key = s(d, "source");
            let text = s(d, "text");
            cited.insert(key.to_string());
            if d.get("fallback").and_then(|v| v.as_bool()) == Some(true) {
                let e = &ex[key];
                if e.rows.contains_key(code) || e.fallback.as_deref() != Some(text) {
                    bad(format!(
                        "fallback display {text:?} does not follow {key}'s rule"
                    ));
                }
                continue;
            }
            if key == "posdoctor" {
                if c.get("note").is_none() {
                    bad("posdoctor's own display without a note".into());
                }
                continue;
            }
            match row(key) {
                Some(src)
                    if !s(src, "display").is_empty()
                        && norm(s(src, "display")).contains(&norm(text)) => {}
                _ => bad(format!("display {text:?} is not what {key} shows")),
            }
        }

        // Class: from the acquirer manual, from UnionPay's terminal action, or posdoctor's own
        // reading with a note.
        match c.get("class") {
            None => bad("no class".into()),
            Some(class) => {
                let key = s(class, "source");
                let value = s(class, "value");
                cited.insert(key.to_string());
                let ok = match key {
                    "acquirer" => row(key).is_some_and(|r| s(r, "class") == value),
                    "cup" => row(key).is_some_and(|r| {
                        let op = s(r, "operation");
                        match value {
                            "A" => op.starts_with("成功"),
                            "D" => op.contains("没收"),
                            "B" | "C" | "E" => op == "失败",
                            _ => false,
                        }
                    }),
                    "posdoctor" => c.get("note").is_some(),
                    _ => false,
                };
                if !ok {
                    bad(format!("class {value} is not what {key} says"));
                }
                // A success is class A and class A is a success.
                let approved = c.get("approved").and_then(|v| v.as_bool()) == Some(true);
                if approved != (value == "A") {
                    bad(format!("approved = {approved} with class {value}"));
                }
            }
        }

        // Who decides: UnionPay's roles, or the party the cited source's meaning names.
        match c.get("decided_by") {
            None => bad("no decided_by".into()),
            Some(d) => {
                let key = s(d, "source");
                let role = s(d, "role");
                cited.insert(key.to_string());
                let ok = match key {
                    "cup" => row(key).is_some_and(|r| cup_roles(r).iter().any(|x| x == role)),
                    _ => row(key).is_some(),
                };
                if !ok {
                    bad(format!("decided_by {role} is not supported by {key}"));
                }
            }
        }
        let sent: Vec<String> = c
            .get("sent_by")
            .and_then(|v| v.as_array())
            .map(|a| a.iter().map(|x| x.as_str().unwrap().to_string()).collect())
            .unwrap_or_default();
        let cup_sent = row("cup").map(cup_roles).unwrap_or_default();
        if sent != cup_sent {
            bad(format!("sent_by {sent:?} is not UnionPay's {cup_sent:?}"));
        }

        // Conditions: UnionPay's 适用条件 or the acquirer manual's reason, word for word.
        if let Some(cond) = c.get("conditions") {
            let key = s(cond, "source");
            cited.insert(key.to_string());
            let column = if key == "cup" { "conditions" } else { "reason" };
            if row(key).is_none_or(|r| norm(s(r, column)) != norm(s(cond, "zh"))) {
                bad(format!("conditions are not {key}'s"));
            }
            if s(cond, "en").is_empty() {
                bad("conditions have no English".into());
            }
        }

        // Where posdoctor gives its own value, it says why; sources lists what is cited.
        if cited.contains("posdoctor") && c.get("note").is_none() {
            bad("cites posdoctor without a note".into());
        }
        let listed: BTreeSet<String> = c["sources"]
            .as_array()
            .unwrap()
            .iter()
            .map(|x| x.as_str().unwrap().to_string())
            .collect();
        if listed != cited {
            bad(format!(
                "sources {listed:?} are not what it cites {cited:?}"
            ));
        }
        for key in &cited {
            if !known.contains(key.as_str()) {
                bad(format!("cites unknown source {key}"));
            }
        }
        // Codes that UnionPay's or the acquirer's table has must cite it for their meaning.
        for key in ["cup", "acquirer", "iso8583"] {
            if row(key).is_some()
                && !readings
                    .into_iter()
                    .flatten()
                    .any(|r| s(r, "source") == key)
                && !(key == "cup" && code.starts_with(['Y', 'Z']))
            {
                bad(format!("{key} has the code but its reading is missing"));
            }
        }
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

#[test]
fn the_source_check_catches_a_wrong_citation() {
    // The check above is only worth something if a wrong value fails it: 22's UnionPay
    // display is not the acquirer manual's.
    let ex = excerpts();
    let cup = &ex["cup"].rows["22"];
    let acquirer = &ex["acquirer"].rows["22"];
    assert!(!norm(s(cup, "display")).contains(&norm(s(acquirer, "display"))));
    assert_eq!(cup_roles(&ex["cup"].rows["96"]), ["switch"]);
    assert!(
        !ex["iso8583"].rows.contains_key("85"),
        "85 is not ISO 8583:1987"
    );
    assert!(!ex["acquirer"].rows.contains_key("A7"));
}

#[test]
fn conflicting_codes_show_both_readings() {
    let env = Env::new();
    for code in ["22", "08", "06", "98", "21", "59", "12"] {
        let out = env.cmd().args(["--json", "code", code]).output().unwrap();
        let doc = json(&out);
        assert_schema(&doc);
        let e = &doc["codes"][0];
        assert!(e["conflict"]["zh"].is_string(), "{code}: no conflict");
        assert!(!e["readings"].as_array().unwrap().is_empty(), "{code}");
    }
    let out = env
        .cmd()
        .args(["--lang", "zh", "code", "22"])
        .output()
        .unwrap();
    let text = stdout(&out);
    assert!(
        text.contains("操作有误，或超出交易允许天数") && text.contains("操作有误，请重试"),
        "{text}"
    );
    assert!(text.contains("来源不一致"), "{text}");
    for line in text.lines() {
        assert!(
            unicode_width::UnicodeWidthStr::width(line) <= 80,
            "too wide: {line}"
        );
    }
}

#[test]
fn new_codes_and_fixed_readings() {
    let env = Env::new();
    let get = |code: &str| {
        let out = env.cmd().args(["--json", "code", code]).output().unwrap();
        assert_eq!(out.status.code(), Some(0), "{code}");
        json(&out)["codes"][0].clone()
    };
    let e = get("79");
    assert_eq!(e["category"], "not-credited");
    assert_eq!(e["terminal_text"], "POS终端重传脱机数据");
    assert_eq!(get("C1")["decided_by"]["role"], "switch");
    assert_eq!(get("96")["who"], "switch");
    assert_eq!(get("10")["approved"], true);
    assert_eq!(get("10")["category"], "not-credited");
    assert_eq!(get("12")["category"], "void-failed");
    assert_eq!(get("58")["decided_by"]["role"], "issuer");
    assert_eq!(get("40")["who"], "issuer");
    assert_eq!(get("21")["terminal_text"], "该卡未初始化或睡眠卡");
    assert_eq!(get("59")["terminal_text"], "卡片校验错");
    assert_eq!(get("A2")["terminal_text"], "交易成功，请向资金转入行确认");
    assert_eq!(get("06")["class"]["value"], "E");
    for code in ["Y1", "Y3", "Z1", "Z3", "P1", "A8", "18", "24", "29", "32"] {
        get(code);
    }
    let out = env.cmd().args(["code", "85"]).output().unwrap();
    assert_eq!(out.status.code(), Some(1), "85 is not a sourced code");
    // Words only another source's display uses still find the code.
    let out = env
        .cmd()
        .args(["--json", "code", "终端未登记"])
        .output()
        .unwrap();
    assert_eq!(json(&out)["codes"][0]["code"], "97");
}

#[test]
fn every_code_fits_80_columns_in_both_languages() {
    let env = Env::new();
    let list = env
        .cmd()
        .args(["--json", "code", "--list"])
        .output()
        .unwrap();
    let codes: Vec<String> = json(&list)["codes"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c["code"].as_str().unwrap().to_string())
        .collect();
    for lang in ["en", "zh"] {
        for verbose in [false, true] {
            let mut cmd = env.cmd();
            cmd.args(["--lang", lang]);
            if verbose {
                cmd.arg("-v");
            }
            let out = cmd.arg("code").args(&codes).output().unwrap();
            assert_eq!(out.status.code(), Some(0));
            let text = stdout(&out);
            assert!(text.lines().count() > codes.len() * 8);
            for line in text.lines() {
                assert!(
                    unicode_width::UnicodeWidthStr::width(line) <= 80,
                    "{lang}: too wide: {line}"
                );
            }
        }
        let out = env
            .cmd()
            .args(["--lang", lang, "code", "--list"])
            .output()
            .unwrap();
        for line in stdout(&out).lines() {
            assert!(unicode_width::UnicodeWidthStr::width(line) <= 80, "{line}");
        }
    }
}
