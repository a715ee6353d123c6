//! `posdoctor doctor --demo`: the built-in simulated acquirer, and for every fault it can
//! inject, the top-ranked finding names the right category and cause.

use crate::common;

use common::{Env, assert_schema, json, stderr, stdout};

fn doctor(env: &Env, faults: &[&str]) -> (Option<i32>, serde_json::Value) {
    let mut args = vec!["--json", "--timeout", "2", "doctor", "--demo"];
    for f in faults {
        args.extend(["--fault", f]);
    }
    let out = env.cmd().args(&args).output().unwrap();
    assert!(!stderr(&out).contains("panicked"), "{}", stderr(&out));
    let doc = json(&out);
    assert_schema(&doc);
    (out.status.code(), doc)
}

#[test]
fn a_healthy_demo_finds_nothing_wrong() {
    let env = Env::new();
    let (code, doc) = doctor(&env, &[]);
    assert_eq!(code, Some(0), "{doc:#}");
    assert_eq!(doc["status"], "ok");
    assert!(doc["ranking"].as_array().unwrap().is_empty());
    let ids: Vec<&str> = doc["findings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["id"].as_str().unwrap())
        .collect();
    for id in [
        "check.merchant-id",
        "net.tcp.connect",
        "net.iso8583.signin",
        "net.iso8583.sale",
    ] {
        assert!(ids.contains(&id), "{id} missing from {ids:?}");
    }
    for lang in ["en", "zh"] {
        let out = env
            .cmd()
            .args(["--lang", lang, "doctor", "--demo"])
            .output()
            .unwrap();
        assert_eq!(out.status.code(), Some(0));
        assert!(stdout(&out).contains(if lang == "en" {
            "Nothing wrong found"
        } else {
            "未发现问题"
        }));
    }
}

#[test]
fn every_fault_is_diagnosed_as_what_it_is() {
    let env = Env::new();
    for (fault, id, category, cause, exit) in [
        (
            "slow=1200ms",
            "net.iso8583.signin",
            "no-response",
            "host",
            0,
        ),
        ("refuse", "net.tcp.connect", "no-response", "network", 1),
        ("blackhole", "net.iso8583.signin", "no-response", "host", 1),
        ("reset", "net.iso8583.signin", "no-response", "host", 1),
        (
            "garbage",
            "net.iso8583.signin",
            "no-response",
            "merchant-params",
            1,
        ),
        (
            "oversize",
            "net.iso8583.signin",
            "no-response",
            "merchant-params",
            1,
        ),
        (
            "wrong-nii",
            "net.iso8583.signin",
            "no-response",
            "merchant-params",
            1,
        ),
        (
            "mac-error",
            "net.iso8583.signin",
            "declined",
            "merchant-params",
            1,
        ),
        (
            "not-signed-in",
            "net.iso8583.signin",
            "declined",
            "merchant-params",
            1,
        ),
        ("maintenance", "net.iso8583.signin", "declined", "host", 1),
        (
            "insufficient-funds",
            "net.iso8583.sale",
            "declined",
            "funds",
            1,
        ),
    ] {
        let (code, doc) = doctor(&env, &[fault]);
        assert_eq!(code, Some(exit), "{fault}: {doc:#}");
        let top = &doc["top"];
        assert_eq!(top["id"], id, "{fault}: {top}");
        assert_eq!(top["category"], category, "{fault}: {top}");
        assert_eq!(top["cause"], cause, "{fault}: {top}");
        assert_eq!(doc["ranking"][0], id);
    }
}

#[test]
fn the_human_summary_names_the_first_thing_to_do() {
    let env = Env::new();
    let out = env
        .cmd()
        .args(["--lang", "zh", "doctor", "--demo", "--fault", "maintenance"])
        .output()
        .unwrap();
    let text = stdout(&out);
    assert!(
        text.contains("最可能的原因") && text.contains("posdoctor fix declined --cause host"),
        "{text}"
    );
}

#[test]
fn faults_need_the_demo_and_must_exist() {
    let env = Env::new();
    env.cmd()
        .args(["doctor", "--fault", "reset"])
        .assert()
        .code(2);
    let out = env
        .cmd()
        .args(["doctor", "--demo", "--fault", "weather"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("weather") && stderr(&out).contains("mac-error"));
}
