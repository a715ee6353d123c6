//! `posdoctor decode --pcap`: captures written by independent tools (messages encoded by
//! pyiso8583, packets and files by scapy: tests/pcap_golden.py) decode to the conversation
//! the generator wrote down in tests/pcap/expected.json. Where scapy and pyiso8583 are
//! installed, the generator runs again and must still agree.

use crate::common;

use std::path::{Path, PathBuf};

use common::{Env, assert_schema, json, stdout};
use serde_json::{Value, json};

const EXPECTED: &str = include_str!("../pcap/expected.json");

/// Every capture of the full conversation: pcap and pcapng, IPv4 and IPv6, Ethernet and
/// Linux cooked capture.
const CAPTURES: [&str; 4] = [
    "conversation_ipv4.pcap",
    "conversation_ipv4.pcapng",
    "conversation_ipv6.pcapng",
    "conversation_sll.pcap",
];

fn capture(name: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("tests/pcap")
        .join(name)
}

fn run_json(env: &Env, path: &Path, extra: &[&str]) -> (Option<i32>, Value) {
    let out = env
        .cmd()
        .args(["--json", "decode", "--pcap"])
        .arg(path)
        .args(extra)
        .output()
        .unwrap();
    let doc = json(&out);
    assert_schema(&doc);
    (out.status.code(), doc)
}

/// The conversation as `expected.json` writes it, taken from posdoctor's document.
fn conversation(doc: &Value) -> Value {
    let messages: Vec<Value> = doc["messages"]
        .as_array()
        .unwrap()
        .iter()
        .map(|m| {
            json!({"index": m["index"], "mti": m["mti"], "stan": m["stan"],
                   "terminal": m["terminal"], "direction": m["direction"]})
        })
        .collect();
    let c = &doc["conversation"];
    let pairs: Vec<Value> = c["pairs"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| {
            let rtt = (p["rtt_ms"].as_f64().unwrap() * 1000.0).round() / 1000.0;
            json!({"request": p["request"], "answer": p["answer"], "rtt_ms": rtt})
        })
        .collect();
    let unanswered: Vec<Value> = c["unanswered"]
        .as_array()
        .unwrap()
        .iter()
        .map(|w| w["index"].clone())
        .collect();
    let reversals: Vec<Value> = c["reversals"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| json!({"reversal": r["reversal"], "original": r["original"]}))
        .collect();
    let repeated: Vec<Value> = c["repeated_stans"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| json!({"message": r["message"], "first": r["first"]}))
        .collect();
    json!({"messages": messages, "pairs": pairs, "unanswered": unanswered,
           "late": c["late"], "reversals": reversals, "repeated_stans": repeated,
           "unmatched_answers": c["unmatched_answers"]})
}

fn expected() -> Value {
    serde_json::from_str(EXPECTED).unwrap()
}

fn without(mut v: Value, keys: &[&str]) -> Value {
    for k in keys {
        v.as_object_mut().unwrap().remove(*k);
    }
    v
}

#[test]
fn captures_decode_to_the_conversation_the_generator_wrote() {
    let env = Env::new();
    let want = without(expected(), &["gap"]);
    for name in CAPTURES {
        let (code, doc) = run_json(&env, &capture(name), &[]);
        assert_eq!(code, Some(0), "{name}");
        assert_eq!(conversation(&doc), want, "{name}");
        let c = &doc["conversation"];
        assert_eq!(
            c["gaps"], 0,
            "{name}: the split, reordered and retransmitted segments fit"
        );
        assert_eq!(c["connections"].as_array().unwrap().len(), 1, "{name}");
        assert_eq!(c["connections"][0]["framing"], "binary2", "{name}");
        assert_eq!(
            c["format"],
            if name.ends_with(".pcapng") {
                "pcapng"
            } else {
                "pcap"
            }
        );
        assert!(c.get("damage").is_none(), "{name}");
        // Every message decoded, TPDU and header found.
        for m in doc["messages"].as_array().unwrap() {
            assert!(m["message"].get("stopped").is_none(), "{name}: {m}");
            assert_eq!(m["message"]["framing"]["tpdu"], "6000030000");
        }
        // The reversal's original is found through its STAN (field 11 repeats the sale's).
        assert_eq!(doc["messages"][5]["reversal_match"], "stan");
        // The answer with another STAN points at the request it was probably meant for.
        assert_eq!(doc["messages"][8]["expected_request"], 8);
        let ids: Vec<&str> = doc["findings"]
            .as_array()
            .unwrap()
            .iter()
            .map(|f| f["id"].as_str().unwrap())
            .collect();
        for id in [
            "decode.pcap.capture",
            "decode.pcap.pairs",
            "decode.pcap.unanswered",
            "decode.pcap.late",
            "decode.pcap.reversals",
            "decode.pcap.repeated-stan",
            "decode.pcap.unmatched-answer",
        ] {
            assert!(ids.contains(&id), "{name}: {id} in {ids:?}");
        }
        assert_eq!(doc["status"], "warn");
    }
}

#[test]
fn a_lost_packet_is_a_gap_and_the_stream_goes_on() {
    let env = Env::new();
    let gap = expected()["gap"].clone();
    let (code, doc) = run_json(&env, &capture("conversation_gap.pcap"), &[]);
    assert_eq!(code, Some(0));
    assert_eq!(conversation(&doc), without(gap.clone(), &["bytes_missing"]));
    assert_eq!(doc["conversation"]["gaps"], 1);
    assert_eq!(doc["conversation"]["bytes_missing"], gap["bytes_missing"]);
}

#[test]
fn the_late_threshold_is_an_option() {
    let env = Env::new();
    let (_, doc) = run_json(&env, &capture(CAPTURES[0]), &["--late", "20"]);
    assert_eq!(doc["conversation"]["late"], json!([]));
    assert_eq!(doc["conversation"]["late_after_ms"], 20000.0);
    let (_, doc) = run_json(&env, &capture(CAPTURES[0]), &["--late", "0.1"]);
    assert_eq!(doc["conversation"]["late"], json!([4, 7]));
}

#[test]
fn secrets_in_the_capture_never_reach_output() {
    let env = Env::new();
    for json_flag in [true, false] {
        let mut cmd = env.cmd();
        if json_flag {
            cmd.arg("--json");
        }
        let out = cmd
            .args(["decode", "--pcap"])
            .arg(capture(CAPTURES[0]))
            .output()
            .unwrap();
        let text = stdout(&out);
        for secret in ["6222021234567890123", "123456789ABCDEF0", "2812201"] {
            assert!(!text.contains(secret), "{secret} shown");
        }
        if json_flag {
            let doc: Value = serde_json::from_str(&text).unwrap();
            let sale = &doc["messages"][2]["message"]["fields"];
            let pan = sale
                .as_array()
                .unwrap()
                .iter()
                .find(|f| f["field"] == 2)
                .unwrap();
            assert_eq!(pan["value"], "622202*********0123");
            for hidden in [35, 52] {
                let f = sale
                    .as_array()
                    .unwrap()
                    .iter()
                    .find(|f| f["field"] == hidden)
                    .unwrap();
                assert_eq!(f["hidden"], true);
                assert_eq!(f["value"], "");
            }
        }
    }
}

#[test]
fn the_timeline_fits_the_terminal_in_both_languages() {
    let env = Env::new();
    for lang in ["en", "zh"] {
        let out = env
            .cmd()
            .args(["--lang", lang, "--color", "never", "decode", "--pcap"])
            .arg(capture(CAPTURES[2]))
            .output()
            .unwrap();
        assert_eq!(out.status.code(), Some(0));
        let text = stdout(&out);
        // The timeline (the findings after it wrap to the terminal's width, tested elsewhere).
        for line in text.lines().take_while(|l| !l.is_empty()) {
            assert!(
                unicode_width(line) <= 80,
                "{lang}: {} columns: {line}",
                unicode_width(line)
            );
        }
        assert!(text.contains("[fd00::2]:50123"), "{text}");
        assert!(text.contains("#6"), "{text}");
    }
    let out = env
        .cmd()
        .args(["--lang", "en", "--color", "never", "decode", "--pcap"])
        .arg(capture(CAPTURES[0]))
        .output()
        .unwrap();
    let text = stdout(&out);
    let line = |n: &str| {
        text.lines()
            .find(|l| l.contains(&format!(" {n} ")))
            .unwrap_or_else(|| panic!("no line for {n}: {text}"))
            .to_string()
    };
    assert!(line("#4").contains("answers #3, 120 ms"), "{text}");
    assert!(line("#6").contains("reversal of #5"), "{text}");
    assert!(line("#7").contains("LATE"), "{text}");
    assert!(line("#8").contains("STAN repeats #3"), "{text}");
    assert!(text.contains("2 requests never answered: #5, #8"), "{text}");
}

/// Columns on a terminal, a Chinese character counting two.
fn unicode_width(s: &str) -> usize {
    s.chars()
        .map(|c| {
            if matches!(c as u32, 0x1100..=0x115F | 0x2E80..=0xA4CF | 0xAC00..=0xD7A3 | 0xF900..=0xFAFF | 0xFE30..=0xFE4F | 0xFF00..=0xFF60 | 0xFFE0..=0xFFE6)
            {
                2
            } else {
                1
            }
        })
        .sum()
}

#[test]
fn a_file_that_is_no_capture_exits_2_and_writes_nothing() {
    let env = Env::new();
    let path = env.path().join("not.pcap");
    std::fs::write(&path, "0200 this is a log, not a capture\n").unwrap();
    for p in [path.clone(), env.path().join("missing.pcap")] {
        let out = env
            .cmd()
            .args(["--json", "decode", "--pcap"])
            .arg(&p)
            .output()
            .unwrap();
        assert_eq!(out.status.code(), Some(2), "{}", p.display());
        assert!(out.stdout.is_empty());
        assert!(!out.stderr.is_empty());
    }
    let empty = env.path().join("empty.pcap");
    std::fs::write(&empty, b"").unwrap();
    let out = env
        .cmd()
        .args(["decode", "--pcap"])
        .arg(&empty)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
}

#[test]
fn a_capture_cut_short_is_read_up_to_the_cut() {
    let env = Env::new();
    let bytes = std::fs::read(capture(CAPTURES[1])).unwrap();
    let cut = env.path().join("cut.pcapng");
    std::fs::write(&cut, &bytes[..bytes.len() * 2 / 3]).unwrap();
    let (code, doc) = run_json(&env, &cut, &[]);
    assert_eq!(code, Some(0));
    assert_eq!(doc["conversation"]["damage"]["kind"], "truncated");
    let n = doc["messages"].as_array().unwrap().len();
    assert!((3..9).contains(&n), "{n} messages");
}

#[test]
fn a_message_that_does_not_decode_exits_1() {
    let env = Env::new();
    let mut bytes = std::fs::read(capture(CAPTURES[0])).unwrap();
    // The MTI after the first TPDU and application header becomes 0xFFFF.
    let marker = [0x60, 0x00, 0x03, 0x00, 0x00, 0x60, 0x31, 0, 0, 0, 0];
    let at = bytes
        .windows(marker.len())
        .position(|w| w == marker)
        .unwrap()
        + marker.len();
    bytes[at] = 0xFF;
    bytes[at + 1] = 0xFF;
    let bad = env.path().join("bad.pcap");
    std::fs::write(&bad, &bytes).unwrap();
    let (code, doc) = run_json(&env, &bad, &[]);
    assert_eq!(code, Some(1));
    assert_eq!(doc["status"], "fail");
    assert_eq!(doc["conversation"]["undecoded"], json!([1]));
    assert!(doc["messages"][0]["message"]["stopped"]["offset"].is_u64());
    // The rest of the conversation is still there.
    assert_eq!(doc["messages"].as_array().unwrap().len(), 9);
}

#[test]
fn a_wrong_framing_option_says_the_messages_do_not_decode() {
    let env = Env::new();
    let (code, doc) = run_json(&env, &capture(CAPTURES[0]), &["--framing", "ascii4"]);
    assert_eq!(code, Some(1));
    assert!(doc["conversation"]["counts"]["undecoded"].as_u64().unwrap() >= 1);
    let (code, doc) = run_json(&env, &capture(CAPTURES[0]), &["--framing", "binary2"]);
    assert_eq!(code, Some(0));
    assert_eq!(doc["conversation"]["pairs"].as_array().unwrap().len(), 3);
}

#[test]
fn the_capture_can_come_from_standard_input() {
    let env = Env::new();
    let out = env
        .cmd()
        .args(["--json", "decode", "--pcap", "-"])
        .write_stdin(std::fs::read(capture(CAPTURES[1])).unwrap())
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0));
    assert_eq!(conversation(&json(&out)), without(expected(), &["gap"]));
}

/// Where scapy and pyiso8583 are installed, the generator writes the same expectations
/// again, and its fresh captures decode the same.
#[test]
fn golden_captures_match_the_generator_where_installed() {
    let env = Env::new();
    let dir = env.path().join("fresh");
    let out = std::process::Command::new("python3")
        .arg(concat!(env!("CARGO_MANIFEST_DIR"), "/tests/pcap_golden.py"))
        .arg(&dir)
        .output();
    let out = match out {
        Ok(o) if o.status.code() == Some(3) => {
            if std::env::var("POSDOCTOR_LIVE_CROSSCHECK").is_ok_and(|v| v == "require") {
                panic!(
                    "scapy or pyiso8583 missing: {}",
                    String::from_utf8_lossy(&o.stderr)
                );
            }
            eprintln!(
                "scapy or pyiso8583 not installed: checked against the committed captures only"
            );
            return;
        }
        Ok(o) => o,
        Err(e) => {
            eprintln!("python3 cannot be started ({e}): committed captures only");
            return;
        }
    };
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let fresh: Value =
        serde_json::from_str(&std::fs::read_to_string(dir.join("expected.json")).unwrap()).unwrap();
    assert_eq!(fresh, expected());
    for name in CAPTURES {
        let (_, doc) = run_json(&env, &dir.join(name), &[]);
        assert_eq!(conversation(&doc), without(expected(), &["gap"]), "{name}");
    }
}
