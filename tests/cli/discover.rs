//! `posdoctor net --iso8583 --discover` against the simulated acquirer's ISO 8583 host serving
//! one framing (length header, TPDU, application header) and dropping every message framed
//! otherwise, as UnionPay's test host does. All traffic stays on 127.0.0.1.

use crate::common;

use std::time::{Duration, Instant};

use common::{Env, assert_schema, json, stderr, stdout};

const TIMEOUT_S: u64 = 2;

/// Runs discovery against `127.0.0.1:port` with a UnionPay profile (2-byte binary length,
/// TPDU, application header); the exit code, the discovery finding and how long it took.
fn discover(env: &Env, port: u16, lang: &str) -> (Option<i32>, serde_json::Value, Duration) {
    env.write_config(&format!(
        "[profiles.shop]\nhost = \"127.0.0.1:{port}\"\nmerchant_id = \"898310054111234\"\nterminal_id = \"10000001\"\n"
    ));
    let start = Instant::now();
    let out = env
        .cmd()
        .args([
            "--json",
            "--lang",
            lang,
            "--timeout",
            &TIMEOUT_S.to_string(),
            "net",
            "--iso8583",
            "--discover",
            "--count",
            "1",
        ])
        .output()
        .unwrap();
    let elapsed = start.elapsed();
    assert!(!stderr(&out).contains("panicked"), "{}", stderr(&out));
    let doc = json(&out);
    assert_schema(&doc);
    let findings = doc["findings"].as_array().unwrap();
    assert!(
        findings.iter().all(|f| f["id"] != "net.iso8583.signin"),
        "discovery replaces the single sign-in"
    );
    let f = findings
        .iter()
        .find(|f| f["id"] == "net.iso8583.discover")
        .cloned()
        .expect("discovery finding");
    (out.status.code(), f, elapsed)
}

/// The simulator serves `length`, with or without TPDU; discovery must find exactly that.
fn finds_exactly(length: &str) {
    let env = Env::new();
    for tpdu in [true, false] {
        let fault = format!("length={length}");
        let mut faults = vec![fault.as_str()];
        if !tpdu {
            faults.push("no-tpdu");
            // The other way a host drops a message: closing the connection at once.
            faults.push("drop-close");
        }
        let h = common::servers::iso_host(&faults, "unionpay");
        let (code, f, elapsed) = discover(&env, h.port, "en");
        let what = format!("{faults:?}: {f:#}");
        assert_eq!(
            f["metrics"]["framing"],
            serde_json::json!({"length": length, "tpdu": tpdu, "header": true}),
            "{what}"
        );
        let attempts = f["metrics"]["attempts"].as_array().unwrap();
        assert_eq!(attempts.len(), 16, "{what}");
        assert_eq!(f["metrics"]["tried"], 16);
        let answered: Vec<&serde_json::Value> = attempts
            .iter()
            .filter(|a| a["result"] == "answered")
            .collect();
        assert_eq!(answered.len(), 1, "exactly one framing answers: {what}");
        assert_eq!(f["metrics"]["answered"], 1);
        assert_eq!(answered[0]["code"], "00");
        // Every other framing got nothing usable back: no answer (a host that keeps the
        // connection, or waits for the rest of what a wrong length header announced), or a
        // closed connection.
        let others: Vec<&str> = attempts
            .iter()
            .filter(|a| a["result"] != "answered")
            .map(|a| a["result"].as_str().unwrap())
            .collect();
        let allowed: &[&str] = if tpdu {
            &["no-answer"]
        } else {
            &["no-answer", "closed"]
        };
        assert!(others.iter().all(|r| allowed.contains(r)), "{what}");
        assert_eq!(others.contains(&"closed"), !tpdu, "{what}");
        let profiles = length == "binary2" && tpdu;
        assert_eq!(f["status"], if profiles { "ok" } else { "warn" }, "{what}");
        if !profiles {
            assert_eq!(f["category"], "no-response");
            assert_eq!(f["cause"], "merchant-params");
        }
        assert_eq!(code, Some(0), "{what}");
        assert!(
            elapsed < Duration::from_secs(TIMEOUT_S + 2),
            "{what} took {elapsed:?}"
        );
    }
}

#[test]
fn a_binary_length_is_found() {
    finds_exactly("binary2");
}

#[test]
fn a_bcd_length_is_found() {
    finds_exactly("bcd2");
}

#[test]
fn an_ascii_length_is_found() {
    finds_exactly("ascii4");
}

#[test]
fn no_length_header_is_found() {
    finds_exactly("none");
}

#[test]
fn a_host_without_application_header_is_found() {
    let env = Env::new();
    let h = common::servers::iso_host(&["length=bcd2", "no-header"], "unionpay");
    let (code, f, _) = discover(&env, h.port, "en");
    assert_eq!(code, Some(0), "{f:#}");
    assert_eq!(
        f["metrics"]["framing"],
        serde_json::json!({"length": "bcd2", "tpdu": true, "header": false})
    );
    let summary = f["summary"].as_str().unwrap();
    assert!(
        summary.contains("2-byte BCD length, TPDU, no application header"),
        "{summary}"
    );
    assert!(summary.contains("2-byte binary length, TPDU, application header"));
}

#[test]
fn nothing_answering_is_a_failure_within_the_deadline() {
    let env = Env::new();
    // Accepts every connection, reads, answers none.
    let h = common::servers::iso_host(&["blackhole"], "unionpay");
    let (code, f, elapsed) = discover(&env, h.port, "en");
    assert_eq!(code, Some(1), "{f:#}");
    assert_eq!(f["status"], "fail");
    assert_eq!(f["category"], "no-response");
    assert_eq!(f["fix"], "posdoctor fix no-response --cause host");
    assert_eq!(f["metrics"]["answered"], 0);
    assert_eq!(f["metrics"]["error"], "no-answer");
    assert!(f["metrics"].get("framing").is_none());
    let summary = f["summary"].as_str().unwrap();
    assert!(
        summary.starts_with(
            "none of the 16 framings got an answer that decodes (16 without an answer)"
        ),
        "{summary}"
    );
    assert!(
        elapsed < Duration::from_secs(TIMEOUT_S + 2),
        "took {elapsed:?}"
    );

    // Nothing listens at all.
    let port = {
        let l = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
        l.local_addr().unwrap().port()
    };
    let (code, f, _) = discover(&env, port, "en");
    assert_eq!(code, Some(1), "{f:#}");
    assert_eq!(f["metrics"]["error"], "refused");
    assert_eq!(f["cause"], "network");
}

#[test]
fn an_answer_a_terminal_drops_is_not_a_found_framing() {
    let env = Env::new();
    let h = common::servers::iso_host(&["length=ascii4", "wrong-stan"], "unionpay");
    let (code, f, _) = discover(&env, h.port, "en");
    assert_eq!(code, Some(1), "{f:#}");
    assert_eq!(f["status"], "fail");
    assert_eq!(f["metrics"]["answered"], 0);
    assert_eq!(f["metrics"]["error"], "dropped");
    assert_eq!(f["metrics"]["field"], "stan");
    assert_eq!(
        f["metrics"]["framing"],
        serde_json::json!({"length": "ascii4", "tpdu": true, "header": true})
    );
    assert!(
        f["summary"]
            .as_str()
            .unwrap()
            .contains("a terminal drops it")
    );
}

#[test]
fn the_finding_reads_in_chinese_with_full_width_punctuation() {
    let env = Env::new();
    let h = common::servers::iso_host(&["length=none", "no-tpdu", "drop-close"], "unionpay");
    let (code, f, _) = discover(&env, h.port, "zh");
    assert_eq!(code, Some(0), "{f:#}");
    let summary = f["summary"].as_str().unwrap();
    assert!(
        summary.contains("主机应答的组帧方式是无长度头，无 TPDU，带应用头（应答码 00）"),
        "{summary}"
    );
    assert!(!summary.contains(['(', ')', ',', ':', ';']), "{summary}");
    // The human text fits the line and names the same framing.
    let out = env
        .cmd()
        .args([
            "--lang",
            "zh",
            "--timeout",
            "2",
            "net",
            "--iso8583",
            "--discover",
            "--count",
            "1",
        ])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0));
    let text = stdout(&out);
    assert!(text.contains("net.iso8583.discover"), "{text}");
    assert!(text.contains("无长度头，无 TPDU，带应用头"), "{text}");
}

#[test]
fn discovery_and_framing_faults_refuse_bad_usage() {
    let env = Env::new();
    // Discovery is a way of signing in: without --iso8583 it is a usage error.
    let out = env.cmd().args(["net", "--discover"]).output().unwrap();
    assert_eq!(out.status.code(), Some(2), "{}", stderr(&out));
    assert!(stderr(&out).contains("--iso8583"), "{}", stderr(&out));
    // A length header the simulator does not know is named, with the ones it does.
    let out = env
        .cmd()
        .args(["doctor", "--demo", "--fault", "length=bcd4"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2), "{}", stderr(&out));
    let err = common::unwrapped(&stderr(&out));
    assert!(err.contains("length=bcd4"), "{err}");
    assert!(err.contains("length=binary2|bcd2|ascii4|none"), "{err}");
}
