//! The redaction policy at every boundary: card numbers, track 2 data, keys and credentials
//! given anywhere (arguments, config, CSV columns, incident notes, gateway answers) never
//! come out again, in any spelling, on stdout, stderr, in the database or in an export; and
//! control characters from outside never reach the terminal.

use crate::common;

use common::{Env, stderr, stdout};
use proptest::prelude::*;
use proptest::test_runner::{Config, RngSeed, TestRunner};

/// Everything a run left behind: both streams of every command, the database files and
/// the exports.
#[derive(Default)]
struct Seen {
    bytes: Vec<u8>,
}

impl Seen {
    fn out(&mut self, out: &std::process::Output) {
        self.bytes.extend_from_slice(&out.stdout);
        self.bytes.push(b'\n');
        self.bytes.extend_from_slice(&out.stderr);
        self.bytes.push(b'\n');
    }

    fn files(&mut self, env: &Env, extra: &[std::path::PathBuf]) {
        let data = env.path().join("data").join("posdoctor");
        let mut paths: Vec<std::path::PathBuf> =
            ["posdoctor.db", "posdoctor.db-wal", "posdoctor.db-shm"]
                .iter()
                .map(|f| data.join(f))
                .collect();
        paths.extend_from_slice(extra);
        for p in paths {
            if let Ok(b) = std::fs::read(&p) {
                self.bytes.extend_from_slice(&b);
            }
        }
    }

    /// Every decimal digit, full-width ones included, in order, nothing else.
    fn digits(&self) -> String {
        String::from_utf8_lossy(&self.bytes)
            .chars()
            .filter_map(|c| match c {
                '0'..='9' => Some(c),
                '０'..='９' => char::from_u32(c as u32 - '０' as u32 + '0' as u32),
                _ => None,
            })
            .collect()
    }

    /// Every hexadecimal digit, upper case, full-width ones included.
    fn hex(&self) -> String {
        String::from_utf8_lossy(&self.bytes)
            .chars()
            .filter_map(|c| {
                let c = match c {
                    '０'..='９' | 'Ａ'..='Ｆ' | 'ａ'..='ｆ' => {
                        char::from_u32(c as u32 - 0xFEE0).unwrap_or(c)
                    }
                    c => c,
                };
                c.is_ascii_hexdigit().then(|| c.to_ascii_uppercase())
            })
            .collect()
    }

    fn text(&self) -> String {
        String::from_utf8_lossy(&self.bytes).into_owned()
    }
}

fn normal(s: &str) -> String {
    s.chars()
        .filter_map(|c| match c {
            '0'..='9' | 'A'..='F' => Some(c),
            'a'..='f' => Some(c.to_ascii_uppercase()),
            '０'..='９' | 'Ａ'..='Ｆ' => char::from_u32(c as u32 - 0xFEE0),
            'ａ'..='ｆ' => char::from_u32(c as u32 - 0xFEE0).map(|c| c.to_ascii_uppercase()),
            _ => None,
        })
        .collect()
}

fn luhn_digit(body: &[u8]) -> u8 {
    let sum: u32 = body
        .iter()
        .rev()
        .enumerate()
        .map(|(i, d)| {
            let d = u32::from(*d);
            if i % 2 == 0 {
                if d * 2 > 9 { d * 2 - 9 } else { d * 2 }
            } else {
                d
            }
        })
        .sum();
    ((10 - sum % 10) % 10) as u8
}

/// A Luhn-valid card number of a UnionPay (62, 16–19 digits), Visa (4; 13, 16, 19) or
/// Mastercard (5; 16) BIN.
fn pan() -> impl Strategy<Value = String> {
    let shape = prop_oneof![
        (Just(vec![6u8, 2]), 16usize..=19),
        (
            Just(vec![4u8]),
            prop_oneof![Just(13usize), Just(16), Just(19)]
        ),
        (Just(vec![5u8]), Just(16usize)),
    ];
    (shape, proptest::collection::vec(0u8..10, 19)).prop_map(|((bin, len), rest)| {
        let mut d = bin;
        d.extend(rest.into_iter().take(len - 1 - d.len()));
        d.push(luhn_digit(&d));
        d.into_iter().map(|x| char::from(b'0' + x)).collect()
    })
}

fn key() -> impl Strategy<Value = String> {
    prop_oneof![Just(16usize), Just(32), Just(48)].prop_flat_map(|n| {
        proptest::collection::vec(0u8..16, n)
            .prop_map(|v| v.into_iter().map(|x| format!("{x:X}")).collect::<String>())
    })
}

/// Track 2 equivalent data for `pan`: `=` or `D`, YYMM, service code, discretionary data.
fn track2(pan: String) -> impl Strategy<Value = String> {
    (
        prop_oneof![Just('='), Just('D')],
        26u8..40,
        1u8..13,
        proptest::collection::vec(0u8..10, 3..14),
    )
        .prop_map(move |(sep, yy, mm, rest)| {
            let rest: String = rest.into_iter().map(|x| char::from(b'0' + x)).collect();
            format!("{pan}{sep}{yy:02}{mm:02}{rest}")
        })
}

const SEPARATORS: [&str; 14] = [
    " ", "-", ".", "/", "_", "  ", "\t", "\u{a0}", "，", "、", "\u{3000}", " - ", ",", "．",
];

/// `s` as people and input methods write it: in groups with a separator, some digits
/// full-width.
fn spelled(s: String) -> impl Strategy<Value = String> {
    (
        prop_oneof![Just(0usize), Just(4usize), 3usize..7],
        0..SEPARATORS.len(),
        proptest::collection::vec(any::<bool>(), s.chars().count()),
        any::<bool>(),
    )
        .prop_map(move |(group, sep, wide, use_wide)| {
            let mut out = String::new();
            for (i, c) in s.chars().enumerate() {
                if group > 0 && i > 0 && i % group == 0 {
                    out.push_str(SEPARATORS[sep]);
                }
                if use_wide && wide[i] && c.is_ascii_alphanumeric() {
                    out.push(char::from_u32(c as u32 + 0xFEE0).unwrap_or(c));
                } else {
                    out.push(c);
                }
            }
            out
        })
}

fn csv_cell(s: &str) -> String {
    format!("\"{}\"", s.replace('"', "\"\""))
}

#[derive(Debug, Clone)]
struct Case {
    pan: String,
    pan_spelled: String,
    track: String,
    key: String,
    key_spelled: String,
    token: String,
}

fn case() -> impl Strategy<Value = Case> {
    (pan(), key(), "[a-z0-9]{20}")
        .prop_flat_map(|(pan, key, token)| {
            (
                Just(pan.clone()),
                spelled(pan.clone()),
                track2(pan),
                Just(key.clone()),
                spelled(key),
                Just(format!("tok{token}")),
            )
        })
        .prop_map(|(pan, pan_spelled, track, key, key_spelled, token)| Case {
            pan,
            pan_spelled,
            track,
            key,
            key_spelled,
            token,
        })
}

/// Runs every input path with the case's secrets and returns what came out.
fn run_everywhere(c: &Case) -> Seen {
    let env = Env::new();
    let mut seen = Seen::default();
    let mut run = |args: &[&str], stdin: Option<&str>, vars: &[(&str, &str)]| {
        let mut cmd = env.cmd();
        cmd.args(args);
        for (k, v) in vars {
            cmd.env(k, v);
        }
        if let Some(s) = stdin {
            cmd.write_stdin(s);
        }
        let out = cmd.output().unwrap();
        assert!(
            out.status.code().is_some_and(|c| c <= 3),
            "{args:?}: {:?}\n{}",
            out.status,
            stderr(&out)
        );
        seen.out(&out);
    };
    let good_key = "0123456789ABCDEFFEDCBA9876543210";
    // Command-line arguments.
    run(&["check", "key", &c.key_spelled], None, &[]);
    run(
        &["check", "key", "--env", "K", "--expect", &c.key_spelled],
        None,
        &[("K", good_key)],
    );
    run(
        &[
            "--json",
            "check",
            "key",
            "--env",
            "K",
            "--expect",
            &c.key_spelled,
        ],
        None,
        &[("K", good_key)],
    );
    run(
        &["check", "card", "--expiry", &c.pan_spelled],
        Some("4111111111111111\n"),
        &[],
    );
    run(&["check", "card", "--track2", &c.track], None, &[]);
    run(
        &[
            "txn",
            "status",
            "--rrn",
            &c.pan_spelled,
            "--source",
            "journal",
        ],
        None,
        &[],
    );
    // Incident notes and facts.
    let note = format!(
        "卡号{}，磁道 {} 密钥：{}",
        c.pan_spelled, c.track, c.key_spelled
    );
    let star = format!("{}*", c.pan);
    run(
        &[
            "incident",
            "add",
            "declined",
            "--rrn",
            &c.pan_spelled,
            "--merchant",
            &c.key_spelled,
            "--note",
            &note,
        ],
        None,
        &[],
    );
    run(&["incident", "add", "declined", "--note", &note], None, &[]);
    run(&["incident", "add", "declined", "--card", &star], None, &[]);
    run(
        &[
            "incident",
            "add",
            "declined",
            "--card",
            &c.pan_spelled,
            "--note",
            &c.track,
        ],
        None,
        &[],
    );
    run(&["incident", "list"], None, &[]);
    run(&["incident", "show", "1"], None, &[]);
    run(&["--json", "incident", "show", "1"], None, &[]);
    run(&["incident", "export", "--format", "csv"], None, &[]);
    run(&["incident", "export", "--format", "json"], None, &[]);
    // CSV columns: import, reconcile, batch.
    let dir = env.path();
    let bad_amount = dir.join("bad.csv");
    std::fs::write(
        &bad_amount,
        format!(
            "rrn,amount,date\n000000000041,{},2026-11-23\n",
            csv_cell(&c.pan_spelled)
        ),
    )
    .unwrap();
    let headerless = dir.join("headerless.csv");
    std::fs::write(
        &headerless,
        format!(
            "{},{},100.00\n",
            csv_cell(&c.pan_spelled),
            csv_cell(&c.track)
        ),
    )
    .unwrap();
    let good = dir.join("good.csv");
    std::fs::write(
        &good,
        format!(
            "rrn,amount,date,card,merchant_id,order_id\n000000000042,88.00,2026-11-23,{},{},{}\n",
            csv_cell(&star),
            csv_cell(&c.key_spelled),
            csv_cell(&c.track)
        ),
    )
    .unwrap();
    for f in [&bad_amount, &headerless, &good] {
        run(&["txn", "import", f.to_str().unwrap()], None, &[]);
    }
    run(
        &[
            "txn",
            "status",
            "--rrn",
            "000000000042",
            "--source",
            "journal",
        ],
        None,
        &[],
    );
    run(
        &[
            "--json",
            "txn",
            "status",
            "--rrn",
            "000000000042",
            "--source",
            "journal",
        ],
        None,
        &[],
    );
    let sales = dir.join("sales.csv");
    let settle = dir.join("settle.csv");
    std::fs::write(
        &sales,
        format!(
            "rrn,amount,date\n{},88.00,2026-11-23\n000000000043,1.00,2026-11-23\n",
            csv_cell(&c.pan_spelled)
        ),
    )
    .unwrap();
    std::fs::write(&settle, "rrn,amount,date\n000000000043,1.00,2026-11-23\n").unwrap();
    let bad_fee = dir.join("fee.csv");
    std::fs::write(
        &bad_fee,
        format!(
            "rrn,amount,date,fee\n000000000043,1.00,2026-11-23,{}\n",
            csv_cell(&c.pan_spelled)
        ),
    )
    .unwrap();
    for s in [&sales, &bad_fee] {
        let (s, t) = (s.to_str().unwrap(), settle.to_str().unwrap());
        run(
            &["txn", "reconcile", "--sales", s, "--settlement", t],
            None,
            &[],
        );
        run(
            &[
                "txn",
                "reconcile",
                "--sales",
                s,
                "--settlement",
                t,
                "--output",
                "csv",
            ],
            None,
            &[],
        );
        run(
            &[
                "--json",
                "txn",
                "reconcile",
                "--sales",
                s,
                "--settlement",
                t,
            ],
            None,
            &[],
        );
    }
    let batch = dir.join("batch.csv");
    std::fs::write(
        &batch,
        format!(
            "merchant_id,terminal_id,tmk,tmk_kcv\n{},{},{},{}\n",
            csv_cell(&c.key_spelled),
            csv_cell(&c.pan_spelled),
            good_key,
            csv_cell(&c.key_spelled)
        ),
    )
    .unwrap();
    run(&["check", "--batch", batch.to_str().unwrap()], None, &[]);
    run(
        &["--json", "check", "--batch", batch.to_str().unwrap()],
        None,
        &[],
    );
    // The config, and a gateway on loopback answering with the card and track data.
    let body = serde_json::json!({
        "state": "approved", "amount": 8800, "card": format!("{}*", c.pan_spelled),
        "trace": c.track, "tid": c.key_spelled, "mid": c.pan_spelled,
    })
    .to_string();
    let server = common::servers::start(
        common::servers::Mode::Api {
            path: "/q?rrn=000000000042".into(),
            header: "X-Api-Key".into(),
            value: c.token.clone(),
            body,
        },
        None,
    );
    let toml_str = |s: &str| toml::Value::String(s.to_string()).to_string();
    env.write_config(&format!(
        r#"
[profiles.p]
merchant_id = {mid}
terminal_id = {tid}

[profiles.p.keys.tmk]
env = "P_TMK"
kcv = {kcv}

[profiles.p.gateway]
url = "http://ops:{token}@127.0.0.1:{port}"
lookup = "{{url}}/q?rrn={{rrn}}"
auth_env = "ACQ_TOKEN"
auth_header = "X-Api-Key"

[profiles.p.gateway.fields]
card = "/card"
trace = "/trace"
terminal_id = "/tid"
merchant_id = "/mid"
"#,
        mid = toml_str(&c.key_spelled),
        tid = toml_str(&c.pan_spelled),
        kcv = toml_str(&c.key_spelled),
        token = c.token,
        port = server.addr.port()
    ));
    let vars = [("P_TMK", good_key), ("ACQ_TOKEN", c.token.as_str())];
    run(&["profile", "show"], None, &vars);
    run(&["--json", "profile", "show"], None, &vars);
    run(&["profile", "list"], None, &vars);
    run(&["check"], None, &vars);
    run(&["--json", "check"], None, &vars);
    for json in [false, true] {
        let mut args = vec![
            "txn",
            "status",
            "--rrn",
            "000000000042",
            "--source",
            "gateway",
        ];
        if json {
            args.insert(0, "--json");
        }
        run(&args, None, &vars);
    }
    run(
        &["-vv", "--json", "txn", "status", "--rrn", "000000000042"],
        None,
        &vars,
    );
    seen.files(&env, &[]);
    seen
}

fn check(c: &Case, seen: &Seen) -> Result<(), TestCaseError> {
    let digits = seen.digits();
    let hex = seen.hex();
    let text = seen.text();
    let track: String = c.track.chars().filter(char::is_ascii_digit).collect();
    prop_assert!(
        !digits.contains(&c.pan),
        "card number {} leaked:\n{text}",
        c.pan
    );
    prop_assert!(!digits.contains(&track), "track 2 {} leaked", c.track);
    prop_assert!(
        !hex.contains(&normal(&c.key)),
        "key {} leaked:\n{text}",
        c.key
    );
    prop_assert!(!text.contains(&c.token), "token leaked:\n{text}");
    Ok(())
}

#[test]
fn no_secret_comes_out_of_any_input_path() {
    let mut runner = TestRunner::new(Config {
        cases: 8,
        failure_persistence: None,
        rng_seed: RngSeed::Fixed(0x05EC_7E75),
        ..Config::default()
    });
    runner
        .run(&case(), |c| {
            let seen = run_everywhere(&c);
            check(&c, &seen)
        })
        .unwrap();
}

crate::on_both_backends!(each_reported_leak_is_closed);

/// The leaks reported one by one, each with the value as a user typed it.
fn each_reported_leak_is_closed(b: &common::db::Backend) {
    let env = Env::on(b);
    let card = "6222021234567890123";
    let key = "0123456789ABCDEFFEDCBA9876543210";
    let cases: Vec<(Vec<String>, &str)> = vec![
        (vec!["check".into(), "key".into(), key.into()], key),
        (
            vec!["check".into(), "key".into(), "--env".into(), "K".into(), "--expect".into(), key.into()],
            key,
        ),
        (
            vec!["check".into(), "card".into(), "4111111111111111".into(), "--expiry".into(), card.into()],
            card,
        ),
        (
            vec!["txn".into(), "status".into(), "--rrn".into(), card.into(), "--source".into(), "journal".into()],
            card,
        ),
        (
            vec!["incident".into(), "add".into(), "declined".into(), "--card".into(), format!("{card}*")],
            card,
        ),
        (
            vec![
                "incident".into(),
                "add".into(),
                "declined".into(),
                "--note".into(),
                "卡号６２２２．０２１２．３４５６．７８９０．１２３，磁道6222021234567890123D28122011234".into(),
            ],
            card,
        ),
    ];
    for (args, secret) in cases {
        let out = env.cmd().args(&args).env("K", key).output().unwrap();
        let all = format!("{}{}", stdout(&out), stderr(&out));
        assert!(!all.contains(secret), "{args:?} shows {secret}:\n{all}");
    }
    for args in [["incident", "list"], ["incident", "export"]] {
        let out = env.cmd().args(args).output().unwrap();
        assert!(!stdout(&out).contains(card), "{}", stdout(&out));
    }
    // Every stored byte: the SQLite files, or the whole PostgreSQL database dumped.
    assert!(b.rows(&env, "incidents") > 0, "the incidents were stored");
    let stored = b.stored(&env);
    assert!(!String::from_utf8_lossy(&stored).contains(card));
    // A key in a config, written in groups.
    env.write_config(
        "[profiles.p]\nmerchant_id = \"0123 4567 89AB CDEF FEDC BA98 7654 3210\"\n\
         terminal_id = \"0123-4567-89ab-cdef\"\n",
    );
    for args in [
        vec!["profile", "show"],
        vec!["check"],
        vec!["--json", "check"],
    ] {
        let out = env.cmd().args(&args).output().unwrap();
        let all = normal(&format!("{}{}", stdout(&out), stderr(&out)));
        assert!(
            !all.contains(key) && !all.contains("0123456789ABCDEF"),
            "{args:?}: {all}"
        );
    }
    // Credentials in the gateway URL.
    env.write_config(
        "[profiles.p]\nmerchant_id = \"898310054111234\"\n[profiles.p.gateway]\n\
         url = \"https://ops:hunter2pass@127.0.0.1:9/api?token=tok123secret\"\n",
    );
    let url = "https://ops:hunter2pass@127.0.0.1:9/api?token=tok123secret";
    for args in [
        vec!["profile", "show"],
        vec!["--json", "profile", "show"],
        vec!["--json", "doctor"],
        vec!["-vv", "net", url],
        vec!["--json", "net", url],
    ] {
        let out = env.cmd().args(&args).output().unwrap();
        let all = format!("{}{}", stdout(&out), stderr(&out));
        assert!(
            !all.contains("hunter2pass") && !all.contains("tok123secret"),
            "{args:?}: {all}"
        );
    }
}

#[test]
fn control_characters_never_reach_the_terminal() {
    let env = Env::new();
    let hostile = "a\rb\x1b[2Jc\u{202e}d\u{85}e\u{2066}f";
    let note = format!("note {hostile}");
    let runs: Vec<Vec<&str>> = vec![
        vec![
            "incident",
            "add",
            "declined",
            "--note",
            &note,
            "--merchant",
            hostile,
        ],
        vec!["incident", "show", "1"],
        vec!["incident", "list"],
        vec!["txn", "status", "--rrn", hostile, "--source", "journal"],
        vec!["check", "merchant-id", hostile],
        vec!["check", "key", hostile],
    ];
    for args in runs {
        let out = env.cmd().args(&args).output().unwrap();
        for stream in [&out.stdout, &out.stderr] {
            let text = String::from_utf8_lossy(stream);
            let bad = text.chars().find(|c| {
                let u = *c as u32;
                (u < 0x20 && !matches!(c, '\n' | '\t'))
                    || (0x7f..=0x9f).contains(&u)
                    || (0x202a..=0x202e).contains(&u)
                    || (0x2066..=0x2069).contains(&u)
            });
            assert!(bad.is_none(), "{args:?} printed {bad:?}: {text:?}");
        }
    }
}

#[test]
fn a_card_marked_with_a_star_is_not_taken_as_masked() {
    let env = Env::new();
    let out = env
        .cmd()
        .args([
            "--json",
            "incident",
            "add",
            "declined",
            "--card",
            "622202*********0123",
        ])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let out = env
        .cmd()
        .args(["--json", "incident", "show", "1"])
        .output()
        .unwrap();
    assert!(
        stdout(&out).contains("622202*********0123"),
        "{}",
        stdout(&out)
    );
}
