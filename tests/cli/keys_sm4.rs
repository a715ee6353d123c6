//! SM4 keys and combined key components, checked against an independent implementation
//! (Python's `cryptography`, through tests/sm4_reference.py): the committed vectors always,
//! and the script itself where the package is installed.

use crate::common;

use common::{Env, json, stderr, stdout};

const GOLDEN: &str = include_str!("../golden/sm4_kcv.json");

fn golden() -> serde_json::Value {
    serde_json::from_str(GOLDEN).unwrap()
}

#[test]
fn sm4_kcvs_match_the_reference() {
    let env = Env::new();
    let g = golden();
    let keys = g["keys"].as_array().unwrap();
    assert_eq!(keys.len(), 10);
    for k in keys {
        let out = env
            .cmd()
            .args(["check", "key", "--algorithm", "sm4", "--kcv"])
            .write_stdin(format!("{}\n", k["key"].as_str().unwrap()))
            .output()
            .unwrap();
        // The first is GB/T 32907's sample key: a published test key, so exit 1.
        assert!(matches!(out.status.code(), Some(0 | 1)), "{}", stderr(&out));
        assert_eq!(stdout(&out).trim(), k["kcv"].as_str().unwrap());
    }
    // The standard's own example key is a test key, as for TDES.
    let out = env
        .cmd()
        .args(["--json", "check", "key", "--algorithm", "sm4"])
        .write_stdin("0123456789ABCDEFFEDCBA9876543210\n")
        .output()
        .unwrap();
    let doc = json(&out);
    assert_eq!(doc["kcv"], keys[0]["kcv"]);
    // SM4 keys are 16 bytes, no other length.
    let out = env
        .cmd()
        .args(["check", "key", "--algorithm", "sm4"])
        .write_stdin("0123456789ABCDEF\n")
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    assert!(
        stdout(&out).contains("SM4 key has 32 hex digits"),
        "{}",
        stdout(&out)
    );
    assert!(!stdout(&out).contains("0123456789ABCDEF"));
}

#[test]
fn combined_components_match_the_reference() {
    let env = Env::new();
    let g = golden();
    for c in g["combined"].as_array().unwrap() {
        let alg = c["algorithm"].as_str().unwrap();
        let parts: Vec<&str> = c["components"]
            .as_array()
            .unwrap()
            .iter()
            .map(|p| p.as_str().unwrap())
            .collect();
        let input = parts.join("\n") + "\n";
        let out = env
            .cmd()
            .args(["check", "key", "--combine", "--kcv", "--algorithm", alg])
            .write_stdin(input.clone())
            .output()
            .unwrap();
        assert!(matches!(out.status.code(), Some(0 | 1)), "{}", stderr(&out));
        assert_eq!(stdout(&out).trim(), c["kcv"].as_str().unwrap(), "{alg}");
        let out = env
            .cmd()
            .args(["--json", "check", "key", "--combine", "--algorithm", alg])
            .write_stdin(input)
            .output()
            .unwrap();
        let doc = json(&out);
        assert_eq!(doc["kcv"], c["kcv"]);
        assert_eq!(doc["components"], c["component_kcvs"]);
        let parity = doc["parity"].as_str().unwrap();
        assert_eq!(parity == "not-applicable", alg == "sm4");
        let text = String::from_utf8(out.stdout).unwrap();
        for p in &parts {
            assert!(!text.contains(p), "a component leaked");
        }
    }
}

#[test]
fn combine_needs_two_or_three_components_of_one_length() {
    let env = Env::new();
    for input in [
        "0123456789ABCDEFFEDCBA9876543210\n",
        "00\n11\n22\n33\n",
        "0123456789ABCDEFFEDCBA9876543210\n0123456789ABCDEF\n",
    ] {
        let out = env
            .cmd()
            .args(["check", "key", "--combine"])
            .write_stdin(input)
            .output()
            .unwrap();
        assert_eq!(out.status.code(), Some(2), "{input}");
        assert!(
            !stderr(&out).contains("0123456789ABCDEF"),
            "{}",
            stderr(&out)
        );
    }
}

#[test]
fn reference_script_still_produces_the_committed_vectors() {
    let have = std::process::Command::new("python3")
        .args([
            "-c",
            "from cryptography.hazmat.primitives.ciphers import algorithms; algorithms.SM4",
        ])
        .output()
        .is_ok_and(|o| o.status.success());
    if !have {
        eprintln!(
            "cryptography with SM4 not installed: checked against the committed vectors only"
        );
        return;
    }
    let out = std::process::Command::new("python3")
        .arg(concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/tests/sm4_reference.py"
        ))
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert_eq!(String::from_utf8(out.stdout).unwrap(), GOLDEN);
}
