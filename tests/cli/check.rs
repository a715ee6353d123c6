//! `posdoctor check`, run as a user runs it.

use crate::common;
use crate::crosscheck;

use common::{Env, assert_schema, json, stderr, stdout};

const TEST_KEY: &str = "0123456789ABCDEFFEDCBA9876543210";
/// A random double-length key with odd parity; KCV computed with Python's `cryptography`.
const GOOD_KEY: &str = "1C587F1C13924FEF8A1A4C6E2F3B5D7C";

#[test]
fn one_values_exit_0_when_good_and_1_when_bad() {
    let env = Env::new();
    for (args, code) in [
        (vec!["merchant-id", "898310054111234"], 0),
        (
            vec![
                "merchant-id",
                "898310054111234",
                "--mcc",
                "5411",
                "--region",
                "3100",
            ],
            0,
        ),
        (vec!["merchant-id", "898310054111234", "--mcc", "5812"], 1),
        (vec!["merchant-id", "89831005411123"], 1),
        (vec!["merchant-id", "SHOP-42", "--acquirer", "generic"], 0),
        (vec!["terminal-id", "10000001"], 0),
        (vec!["terminal-id", "1000001"], 1),
        (vec!["mcc", "5411"], 0),
        (vec!["mcc", "54x1"], 1),
        (vec!["currency", "156"], 0),
        (vec!["currency", "CNY"], 0),
        (vec!["currency", "999"], 1),
    ] {
        let out = env.cmd().arg("check").args(&args).output().unwrap();
        assert_eq!(out.status.code(), Some(code), "{args:?}: {}", stdout(&out));
        let doc = json(
            &env.cmd()
                .args(["--json", "check"])
                .args(&args)
                .output()
                .unwrap(),
        );
        assert_schema(&doc);
        if code == 1 {
            let f = &doc["findings"][0];
            assert!(f["id"].as_str().unwrap().starts_with("check."), "{f}");
            assert_eq!(f["category"], "declined");
            assert!(
                f["fix"]
                    .as_str()
                    .unwrap()
                    .starts_with("posdoctor fix declined")
            );
            assert!(
                f["metrics"]["value"].is_string(),
                "the finding names the value: {f}"
            );
        }
    }
}

#[test]
fn a_merchant_id_mismatch_in_both_languages() {
    let env = Env::new();
    let args = ["check", "merchant-id", "898310054111234", "--mcc", "5812"];
    insta::assert_snapshot!(
        "check_mid_mismatch_en",
        stdout(&env.cmd().args(args).output().unwrap())
    );
    insta::assert_snapshot!(
        "check_mid_mismatch_zh",
        stdout(
            &env.cmd()
                .arg("--lang")
                .arg("zh")
                .args(args)
                .output()
                .unwrap()
        )
    );
}

#[test]
fn mcc_and_currency_are_named() {
    let env = Env::new();
    let zh = stdout(
        &env.cmd()
            .args(["--lang", "zh", "check", "mcc", "5812"])
            .output()
            .unwrap(),
    );
    assert!(zh.contains("餐馆") && zh.contains("餐娱类"), "{zh}");
    let en = stdout(
        &env.cmd()
            .args(["check", "currency", "cny"])
            .output()
            .unwrap(),
    );
    let en = en.split_whitespace().collect::<Vec<_>>().join(" ");
    assert!(
        en.contains("156/CNY") && en.contains("2 decimal places"),
        "{en}"
    );
}

#[test]
fn key_from_stdin_file_and_environment() {
    let env = Env::new();
    let file = env.path().join("tmk.hex");
    std::fs::write(&file, format!("{GOOD_KEY}\n")).unwrap();
    let kcv = stdout(
        &env.cmd()
            .args(["check", "key", "--kcv"])
            .write_stdin(GOOD_KEY)
            .output()
            .unwrap(),
    );
    assert_eq!(kcv.trim().len(), 6);
    let kcv = kcv.trim().to_string();
    for args in [
        vec![
            "check".to_string(),
            "key".into(),
            "--file".into(),
            file.display().to_string(),
        ],
        vec![
            "check".into(),
            "key".into(),
            "--env".into(),
            "MY_TMK".into(),
        ],
    ] {
        let out = env
            .cmd()
            .env("MY_TMK", GOOD_KEY)
            .args(&args)
            .args(["--expect", &kcv])
            .output()
            .unwrap();
        assert_eq!(out.status.code(), Some(0), "{}", stdout(&out));
        assert!(stdout(&out).contains(&kcv));
        let wrong = env
            .cmd()
            .env("MY_TMK", GOOD_KEY)
            .args(&args)
            .args(["--expect", "000000"])
            .output()
            .unwrap();
        assert_eq!(wrong.status.code(), Some(1));
        assert!(stdout(&wrong).contains("kcv-mismatch"));
    }
    let doc = json(
        &env.cmd()
            .args(["--json", "check", "key"])
            .write_stdin(TEST_KEY)
            .output()
            .unwrap(),
    );
    assert_schema(&doc);
    assert_eq!(doc["kcv"], "08D7B4");
    assert_eq!(doc["findings"][0]["id"], "check.key.test-key");
    env.cmd()
        .args(["check", "key", "--file", "/nonexistent/tmk.hex"])
        .assert()
        .code(2);
    env.cmd()
        .args(["check", "key", "--env", "NOT_SET_ANYWHERE_42"])
        .assert()
        .code(2);
}

/// KCVs of seeded random keys of every length, computed by Python's `cryptography`
/// (tests/kcv_reference.py): the committed golden vectors in tests/golden/kcv.csv always, and
/// the package itself where it is installed, which must print the same lines.
#[test]
fn kcvs_agree_with_an_independent_implementation() {
    const TEST: &str = "kcvs_agree_with_an_independent_implementation";
    let path = crosscheck::golden_path("kcv.csv");
    let live = crosscheck::python("kcv_reference.py", &["40"], "");
    let text = if crosscheck::writing() {
        let text = live.unwrap_or_else(|why| panic!("{TEST}: cannot write kcv.csv: {why}"));
        let version = crosscheck::python("kcv_reference.py", &["--version"], "").unwrap();
        std::fs::write(
            &path,
            format!(
                "# {} through tests/kcv_reference.py 40; regenerate: tests/golden/regenerate\n{text}",
                version.trim()
            ),
        )
        .unwrap();
        text
    } else {
        let golden = std::fs::read_to_string(&path).unwrap();
        let text: String = golden
            .lines()
            .filter(|l| !l.starts_with('#'))
            .map(|l| format!("{l}\n"))
            .collect();
        match live {
            Ok(live) => {
                assert_eq!(
                    live, text,
                    "Python's cryptography now prints other KCVs than tests/golden/kcv.csv"
                );
                let generator = golden.lines().next().unwrap_or_default();
                let generator = generator.trim_start_matches("# ").split(';').next();
                crosscheck::live_ran(TEST, generator.unwrap_or_default());
            }
            Err(why) => crosscheck::live_skipped(TEST, &why),
        }
        text
    };
    let mut n = 0;
    for line in text.lines() {
        let mut parts = line.split(',');
        let (alg, hex, kcv) = (
            parts.next().unwrap(),
            parts.next().unwrap(),
            parts.next().unwrap(),
        );
        let alg = if alg == "aes" {
            posdoctor::keys::Algorithm::Aes
        } else {
            posdoctor::keys::Algorithm::Tdes
        };
        let key = posdoctor::keys::Key::from_hex(hex, alg).unwrap();
        assert_eq!(
            key.kcv().to_string(),
            kcv,
            "{alg:?} key of {} bytes",
            hex.len() / 2
        );
        n += 1;
    }
    assert_eq!(n, 240);
    // And through the command line, one of each kind.
    let env = Env::new();
    for line in text.lines().take(6) {
        let mut parts = line.split(',');
        let (alg, hex, kcv) = (
            parts.next().unwrap(),
            parts.next().unwrap(),
            parts.next().unwrap(),
        );
        let out = env
            .cmd()
            .args(["check", "key", "--kcv", "--algorithm", alg])
            .write_stdin(hex)
            .output()
            .unwrap();
        assert_eq!(stdout(&out).trim(), kcv);
    }
}

#[test]
fn keys_never_appear_in_output_even_when_malformed() {
    let env = Env::new();
    let cases = [
        TEST_KEY.to_string(),
        GOOD_KEY.to_string(),
        format!("{}Z", &GOOD_KEY[..31]),
        format!("{GOOD_KEY}AB"),
        format!("{} {}", &GOOD_KEY[..16], &GOOD_KEY[16..]),
        GOOD_KEY[..30].to_string(),
        "1C587F1C13924FEF1C587F1C13924FEF".to_string(),
    ];
    for key in &cases {
        let compact: String = key.chars().filter(|c| !c.is_whitespace()).collect();
        for lang in ["en", "zh"] {
            for extra in [vec![], vec!["--json"], vec!["-v"], vec!["--kcv"]] {
                let mut args = vec!["--lang", lang, "check", "key"];
                args.extend(extra.iter().copied());
                let via_stdin = env
                    .cmd()
                    .args(&args)
                    .write_stdin(key.as_str())
                    .output()
                    .unwrap();
                let via_env = env
                    .cmd()
                    .env("K", key)
                    .args(&args)
                    .args(["--env", "K"])
                    .output()
                    .unwrap();
                for out in [via_stdin, via_env] {
                    let all = format!("{}{}", stdout(&out), stderr(&out));
                    for window in compact.as_bytes().windows(8) {
                        let w = std::str::from_utf8(window).unwrap();
                        assert!(
                            !all.contains(w),
                            "key material `{w}` shown for {args:?}: {all}"
                        );
                    }
                    assert!(!all.contains("panicked"));
                }
            }
        }
    }
}

#[test]
fn cards_are_checked_and_only_ever_masked() {
    let env = Env::new();
    let out = env
        .cmd()
        .args(["check", "card", "--expiry", "12/40"])
        .write_stdin("4111 1111 1111 1111\n")
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0), "{}", stdout(&out));
    assert!(stdout(&out).contains("411111******1111"));
    let expired = env
        .cmd()
        .args(["--json", "check", "card", "--expiry", "01/20"])
        .write_stdin("4111111111111111")
        .output()
        .unwrap();
    assert_eq!(expired.status.code(), Some(1));
    let doc = json(&expired);
    assert_schema(&doc);
    assert_eq!(doc["findings"][0]["id"], "check.card.expired");
    assert_eq!(doc["card"]["masked"], "411111******1111");
    assert_eq!(doc["card"]["brand"], "visa");
    let luhn = env
        .cmd()
        .args(["check", "card", "4111111111111112"])
        .output()
        .unwrap();
    assert_eq!(luhn.status.code(), Some(1));
    let chip = env
        .cmd()
        .args(["--lang", "zh", "check", "card", "--track2", "-"])
        .write_stdin("6212345678901265=30122011234")
        .output()
        .unwrap();
    let text = stdout(&chip);
    assert!(
        text.contains("芯片卡") && text.contains("621234******1265"),
        "{text}"
    );
    for out in [&luhn, &chip] {
        let all = format!("{}{}", stdout(out), stderr(out));
        assert!(!all.contains("4111111111111112") && !all.contains("6212345678901265"));
    }
    // Input that cannot be read: exit 2, and what was typed is not echoed.
    let bad = env
        .cmd()
        .args(["check", "card"])
        .write_stdin("4111-1111-1111-111x")
        .output()
        .unwrap();
    assert_eq!(bad.status.code(), Some(2));
    assert!(!stderr(&bad).contains("1111-111x"));
    env.cmd()
        .args(["check", "card", "--expiry", "13/40", "4111111111111111"])
        .assert()
        .code(2);
    env.cmd()
        .args(["check", "card", "--track2", "nonsense"])
        .assert()
        .code(2);
}

#[test]
fn the_active_profile_is_checked() {
    let env = Env::new();
    env.write_config(
        "[profiles.shop]\nmerchant_id = \"898310058121234\"\nterminal_id = \"10000001\"\nmcc = \"5411\"\ncurrency = \"156\"\n\
         [profiles.shop.keys.tmk]\nenv = \"SHOP_TMK\"\nkcv = \"000000\"\n",
    );
    let out = env
        .cmd()
        .env("SHOP_TMK", GOOD_KEY)
        .args(["--json", "check"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    let doc = json(&out);
    assert_schema(&doc);
    let ids: Vec<&str> = doc["findings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["id"].as_str().unwrap())
        .collect();
    assert!(ids.contains(&"check.merchant-id.mcc-mismatch"), "{ids:?}");
    assert!(
        ids.contains(&"check.terminal-id") && ids.contains(&"check.currency"),
        "{ids:?}"
    );
    assert!(ids.contains(&"check.tmk.kcv-mismatch"), "{ids:?}");
    assert!(!format!("{doc}").contains(GOOD_KEY));
    // --config checks another file.
    let other = env.path().join("fleet.toml");
    std::fs::write(
        &other,
        "[profiles.a]\nmerchant_id = \"898310054111234\"\nterminal_id = \"10000002\"\n",
    )
    .unwrap();
    env.cmd()
        .args(["--config", other.to_str().unwrap(), "check"])
        .assert()
        .code(0);
}

const BATCH: &str = "\
merchant_id,terminal_id,mcc,currency,region,tmk,tmk_kcv,note
898310054111234,10000001,5411,156,3100,1C587F1C13924FEF8A1A4C6E2F3B5D7C,E6665B,好
898310054111234,1000002,5411,156,3100,,,终端号少一位
898310054111234,10000003,5812,CNY,3100,,,MCC 不符
898310054111234,10000004
898310054111234,10000005,5411,156,3100,0123456789ABCDEFFEDCBA9876543210,08D7B4,测试密钥
\"898310054111234\",\"10000006\",\"5411\",\"156\",\"3100\",\"\",\"\",\"引号, 逗号\"
";

#[test]
fn batch_reports_bad_rows_with_line_numbers_and_goes_on() {
    let env = Env::new();
    let mut csv = BATCH.as_bytes().to_vec();
    csv.extend_from_slice(b"898310054111234,10000007,5411,156,3100,,,\xff\xfe\n");
    csv.extend_from_slice(b"898310054111234,10000008,5411,156,3100,,,last\n");
    let path = env.path().join("terminals.csv");
    std::fs::write(&path, &csv).unwrap();

    let out = env
        .cmd()
        .args(["--json", "check", "--batch", path.to_str().unwrap()])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    let lines: Vec<serde_json::Value> = stdout(&out)
        .lines()
        .map(|l| serde_json::from_str(l).expect("JSON Lines"))
        .collect();
    let bad: Vec<(u64, String)> = lines[..lines.len() - 1]
        .iter()
        .map(|r| {
            (
                r["line"].as_u64().unwrap(),
                r["findings"][0]["id"].as_str().unwrap().to_string(),
            )
        })
        .collect();
    assert_eq!(
        bad,
        vec![
            (3, "check.terminal-id.length".to_string()),
            (4, "check.merchant-id.mcc-mismatch".to_string()),
            (5, "check.batch.row".to_string()),
            (6, "check.tmk.test-key".to_string()),
            (8, "check.batch.row".to_string()),
        ]
    );
    let summary = lines.last().unwrap();
    assert_schema(summary);
    assert_eq!(summary["summary"]["records"], 8);
    assert_eq!(summary["summary"]["ok"], 3);
    assert_eq!(summary["summary"]["fail"], 5);
    assert_eq!(summary["summary"]["unreadable"], 2);
    let all = stdout(&out);
    assert!(!all.contains("0123456789ABCDEF") && !all.contains("1C587F1C"));

    let human = stdout(
        &env.cmd()
            .args(["--lang", "zh", "check", "--batch", path.to_str().unwrap()])
            .output()
            .unwrap(),
    );
    assert!(
        human.contains("第 5 行") && human.contains("共 8 条记录"),
        "{human}"
    );

    // From stdin, a clean file passes.
    let clean = "merchant_id,terminal_id\n898310054111234,10000001\n";
    env.cmd()
        .args(["check", "--batch", "-"])
        .write_stdin(clean)
        .assert()
        .code(0);
}

#[test]
fn batch_input_that_cannot_be_used_is_exit_2() {
    let env = Env::new();
    let out = env
        .cmd()
        .args(["check", "--batch", "-"])
        .write_stdin("mid,tid\n1,2\n")
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(
        stderr(&out).contains("merchant_id") && stderr(&out).contains("terminal_id"),
        "{}",
        stderr(&out)
    );
    env.cmd()
        .args(["check", "--batch", "/nonexistent.csv"])
        .assert()
        .code(2);
}
