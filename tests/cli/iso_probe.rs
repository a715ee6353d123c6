//! `posdoctor net --iso8583` against the built-in simulated acquirer's ISO 8583 host, started
//! on loopback by each test with one fault injected.

use crate::common;

use std::time::{Duration, Instant};

use common::{Env, assert_schema, json, stderr};

fn probe(env: &Env, port: u16, extra: &str) -> (Option<i32>, serde_json::Value, Duration) {
    env.write_config(&format!(
        "[profiles.shop]\nhost = \"127.0.0.1:{port}\"\nmerchant_id = \"898310054111234\"\nterminal_id = \"10000001\"\n{extra}"
    ));
    let start = Instant::now();
    let out = env
        .cmd()
        .args([
            "--json",
            "--timeout",
            "2",
            "net",
            "--iso8583",
            "--count",
            "1",
        ])
        .output()
        .unwrap();
    let elapsed = start.elapsed();
    assert!(!stderr(&out).contains("panicked"));
    let doc = json(&out);
    assert_schema(&doc);
    let f = doc["findings"]
        .as_array()
        .unwrap()
        .iter()
        .find(|f| f["id"] == "net.iso8583.signin")
        .cloned()
        .expect("sign-in finding");
    (out.status.code(), f, elapsed)
}

#[test]
fn a_healthy_host_signs_in() {
    let h = common::servers::iso_host(&[], "unionpay");
    let env = Env::new();
    let (code, f, _) = probe(&env, h.port, "");
    assert_eq!(code, Some(0), "{f}");
    assert_eq!(f["status"], "ok");
    assert_eq!(f["metrics"]["code"], "00");
    let generic = common::servers::iso_host(&[], "generic");
    let (code, f, _) = probe(&env, generic.port, "iso_layout = \"generic\"\n");
    assert_eq!(code, Some(0), "{f}");
}

#[test]
fn response_codes_name_their_cause() {
    let env = Env::new();
    for (fault, code, category, cause) in [
        ("mac-error", "A0", "declined", "merchant-params"),
        ("not-signed-in", "77", "declined", "merchant-params"),
        ("maintenance", "96", "declined", "host"),
    ] {
        let h = common::servers::iso_host(&[fault], "unionpay");
        let (exit, f, _) = probe(&env, h.port, "");
        assert_eq!(exit, Some(1), "{fault}");
        assert_eq!(f["metrics"]["code"], code, "{fault}: {f}");
        assert_eq!(f["category"], category, "{fault}");
        assert_eq!(f["cause"], cause, "{fault}");
    }
}

#[test]
fn transport_faults_are_told_apart_within_the_deadline() {
    let env = Env::new();
    for (fault, error) in [
        ("blackhole", "no-answer"),
        ("reset", "closed"),
        ("garbage", "framing"),
        ("oversize", "framing"),
        ("wrong-nii", "nii"),
    ] {
        let h = common::servers::iso_host(&[fault], "unionpay");
        let (exit, f, elapsed) = probe(&env, h.port, "");
        assert_eq!(exit, Some(1), "{fault}");
        assert_eq!(f["metrics"]["error"], error, "{fault}: {f}");
        assert_eq!(f["category"], "no-response", "{fault}");
        assert!(elapsed < Duration::from_secs(4), "{fault} took {elapsed:?}");
    }
    // A 65535-byte length prefix is refused at once, not waited for.
    let h = common::servers::iso_host(&["oversize"], "unionpay");
    let (_, f, elapsed) = probe(&env, h.port, "");
    assert!(f["summary"].as_str().unwrap().contains("65535"), "{f}");
    assert!(elapsed < Duration::from_secs(2), "{elapsed:?}");
}

/// An answer whose STAN or terminal ID is not the request's is one a terminal drops: the
/// probe says so instead of passing it as a good sign-in.
#[test]
fn an_answer_for_another_request_is_dropped_as_a_terminal_drops_it() {
    let env = Env::new();
    for (fault, field) in [("wrong-stan", "stan"), ("wrong-terminal", "terminal")] {
        let h = common::servers::iso_host(&[fault], "unionpay");
        let (exit, f, _) = probe(&env, h.port, "");
        assert_eq!(exit, Some(1), "{fault}: {f}");
        assert_eq!(f["status"], "fail", "{fault}");
        assert_eq!(f["metrics"]["error"], "mismatch", "{fault}: {f}");
        assert_eq!(f["metrics"]["field"], field, "{fault}");
        assert_eq!(f["category"], "no-response", "{fault}");
        assert!(
            f["summary"]
                .as_str()
                .unwrap()
                .contains("drops such an answer"),
            "{f}"
        );
    }
}

#[test]
fn a_slow_host_is_timed() {
    let h = common::servers::iso_host(&["slow=300ms"], "unionpay");
    let env = Env::new();
    let (code, f, _) = probe(&env, h.port, "");
    assert_eq!(code, Some(0));
    assert!(f["metrics"]["rtt_ms"].as_f64().unwrap() >= 300.0, "{f}");
}

#[test]
fn a_profile_that_cannot_sign_in_is_exit_2() {
    let env = Env::new();
    env.write_config("[profiles.shop]\nhost = \"127.0.0.1:1\"\n");
    let out = env.cmd().args(["net", "--iso8583"]).output().unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("terminal_id"));
    env.write_config("[profiles.shop]\nhost = \"127.0.0.1:1\"\nmerchant_id = \"898310054111234\"\nterminal_id = \"10000001\"\ntpdu = \"60xx\"\n");
    let out = env.cmd().args(["net", "--iso8583"]).output().unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("60xx"));
}
