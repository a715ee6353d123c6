//! `posdoctor decode --emv`: field 55 explained. The expected bit meanings are those of the
//! published tables: EMV Book 3 v4.3 Annex C5 (TVR), C6 (TSI), C3 (CVM Results) and section
//! 6.5.5.4 (Cryptogram Information Data); the Chinese TVR names follow the table published at
//! blog.csdn.net/weixin_42364414/article/details/107105829.

use crate::common;

use common::{Env, assert_schema, json, stderr, stdout};

/// One BER-TLV object as hex (lengths under 128).
fn tlv(tag: &str, value: &str) -> String {
    format!("{tag}{:02X}{value}", value.len() / 2)
}

/// A UnionPay-style ARQC request's field 55, with the tags acquirers ask for.
fn arqc() -> String {
    [
        ("9F26", "1122334455667788"),
        ("9F27", "80"),
        ("9F10", "07010103A0A000"),
        ("9F37", "12345678"),
        ("9F36", "0012"),
        ("95", "0080048000"),
        ("9A", "240501"),
        ("9C", "00"),
        ("9F02", "000000010000"),
        ("5F2A", "0156"),
        ("82", "7C00"),
        ("9F1A", "0156"),
        ("9F03", "000000000000"),
        ("9F33", "E0F9C8"),
        ("9F34", "420300"),
        ("9F35", "22"),
        ("9F1E", "3132333435363738"),
        ("84", "A000000333010101"),
        ("9F09", "0020"),
        ("9F41", "00000001"),
        ("9F63", "30313032303030300000000000000000"),
        ("DF31", "0000000000"),
        ("9B", "E800"),
    ]
    .iter()
    .map(|(t, v)| tlv(t, v))
    .collect()
}

fn run(env: &Env, args: &[&str]) -> std::process::Output {
    env.cmd().args(args).output().unwrap()
}

#[test]
fn every_common_tag_is_named_and_tvr_tsi_cvm_are_read_bit_by_bit() {
    let env = Env::new();
    let out = run(&env, &["--json", "decode", "--emv", &arqc()]);
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}{}",
        stdout(&out),
        stderr(&out)
    );
    let doc = json(&out);
    assert_schema(&doc);
    let emv = &doc["emv"];
    for e in emv["elements"].as_array().unwrap() {
        assert!(e["name"]["en"].is_string(), "{} unnamed", e["tag"]);
        assert!(e["name"]["zh"].is_string(), "{} unnamed", e["tag"]);
    }
    // TVR 00 80 04 80 00 (Annex C5): byte 2 bit 8, byte 3 bit 3, byte 4 bit 8.
    let tvr: Vec<(u64, u64)> = emv["tvr"]
        .as_array()
        .unwrap()
        .iter()
        .map(|b| (b["byte"].as_u64().unwrap(), b["bit"].as_u64().unwrap()))
        .collect();
    assert_eq!(tvr, [(2, 8), (3, 3), (4, 8)]);
    assert_eq!(
        emv["tvr"][0]["text"]["en"],
        "ICC and terminal have different application versions"
    );
    assert_eq!(emv["tvr"][1]["text"]["en"], "Online PIN entered");
    assert_eq!(
        emv["tvr"][2]["text"]["en"],
        "Transaction exceeds floor limit"
    );
    // TSI E8 00 (Annex C6): ODA, CVM, card risk management, terminal risk management.
    assert_eq!(emv["tsi"].as_array().unwrap().len(), 4);
    assert_eq!(
        emv["tsi"][3]["text"]["en"],
        "Terminal risk management was performed"
    );
    // CVM Results 42 03 00 (Annex C3): enciphered PIN online, next rule if it fails, if the
    // terminal supports it, result unknown (the issuer checks the PIN).
    assert_eq!(emv["cvm"]["method"]["en"], "Enciphered PIN verified online");
    assert_eq!(emv["cvm"]["next_if_unsuccessful"], true);
    assert_eq!(
        emv["cvm"]["condition"]["en"],
        "If terminal supports the CVM"
    );
    assert_eq!(emv["cvm"]["result"]["en"], "Unknown");
    assert_eq!(emv["cryptogram"]["type"], "ARQC");
    assert_eq!(emv["verdict"], "online");
    assert_eq!(doc["findings"][0]["status"], "ok");
}

#[test]
fn an_offline_decline_is_explained_in_plain_words() {
    let env = Env::new();
    // CID 02: AAC, reason PIN try limit exceeded; TVR byte 3 bit 6 and byte 3 bit 8.
    let aac = format!("{}{}", tlv("9F27", "02"), tlv("95", "0000A00000"));
    let aac = aac.as_str();
    let out = run(&env, &["decode", "--emv", aac]);
    let text = stdout(&out);
    assert_eq!(out.status.code(), Some(0), "{text}");
    assert!(
        text.contains("The card declined offline (AAC): PIN Try Limit exceeded;"),
        "{text}"
    );
    assert!(
        text.contains("Cardholder verification was not successful."),
        "{text}"
    );
    let out = run(&env, &["--lang", "zh", "decode", "--emv", aac]);
    let text = stdout(&out);
    assert!(
        text.contains("卡片脱机拒绝了交易\u{ff08}AAC\u{ff09}"),
        "{text}"
    );
    assert!(text.contains("密码重试次数超限"), "{text}");
    for line in text.lines() {
        assert!(unicode_width::UnicodeWidthStr::width(line) <= 80, "{line}");
    }
    let out = run(&env, &["--strict", "decode", "--emv", aac]);
    assert_eq!(out.status.code(), Some(1));
    // TC: approved offline.
    let out = run(&env, &["--json", "decode", "--emv", "9F270140"]);
    assert_eq!(json(&out)["emv"]["verdict"], "approved-offline");
}

#[test]
fn card_numbers_and_track_data_in_chip_data_are_not_shown() {
    let env = Env::new();
    let data = format!(
        "{}{}{}",
        tlv("5A", "6222021234567890"),
        tlv("57", "6222021234567890D28122011234567F"),
        tlv("9F27", "80")
    );
    let data = data.as_str();
    let out = run(&env, &["--json", "decode", "--emv", data]);
    assert_eq!(out.status.code(), Some(0));
    let s = stdout(&out);
    assert!(!s.contains("6222021234567890"), "{s}");
    assert!(!s.contains("2812201"), "{s}");
    // Nor in field 55 of a whole message.
    let out = run(&env, &["decode", "--emv", data]);
    assert!(!stdout(&out).contains("1234567890"));
}

#[test]
fn broken_chip_data_names_the_offset_and_bad_hex_is_a_usage_error() {
    let env = Env::new();
    // 95 announces 5 bytes, 2 follow.
    let out = run(&env, &["--json", "decode", "--emv", "9F2701809505AABB"]);
    assert_eq!(out.status.code(), Some(1));
    let doc = json(&out);
    assert_eq!(doc["findings"][0]["status"], "fail");
    assert_eq!(doc["findings"][0]["metrics"]["offset"], 4);
    let out = run(&env, &["decode", "--emv", "9F27XYZ"]);
    assert_eq!(out.status.code(), Some(2));
    let out = env
        .cmd()
        .args(["decode", "--emv", "-"])
        .write_stdin("9F270180\n")
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0));
}
