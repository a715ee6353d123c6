//! Cross-checks against independent Python implementations (pyiso8583, `cryptography`)
//! without depending on what happens to be installed. What the package answered is committed
//! as golden vectors in `tests/golden/`, and every run checks against them; where the package
//! is importable, the package is asked again (live) and must still agree with the vectors.
//!
//! - `POSDOCTOR_LIVE_CROSSCHECK=require` (set by `.ci/run`): a missing package fails the test
//!   instead of skipping the live half.
//! - `POSDOCTOR_GOLDEN=write` (used by `tests/golden/regenerate`): the live answers are written
//!   to the golden files instead of being compared with them.
//!
//! Which halves ran is printed (`cargo test -- --nocapture` shows it).

#![allow(dead_code)]

use std::io::Write;
use std::path::PathBuf;
use std::process::{Command, Stdio};

/// The exit code the reference scripts use when their package is not importable.
const PACKAGE_MISSING: i32 = 3;

pub fn golden_path(file: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("tests/golden")
        .join(file)
}

pub fn writing() -> bool {
    std::env::var("POSDOCTOR_GOLDEN").is_ok_and(|v| v == "write")
}

fn required() -> bool {
    std::env::var("POSDOCTOR_LIVE_CROSSCHECK").is_ok_and(|v| v == "require")
}

/// Runs `python3 tests/SCRIPT ARGS` with `input` on stdin. `Err` says why the live check
/// cannot run (no python3, or the package is not installed); any other failure panics.
pub fn python(script: &str, args: &[&str], input: &str) -> Result<String, String> {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("tests")
        .join(script);
    let child = Command::new("python3")
        .arg(&path)
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn();
    let mut child = match child {
        Ok(c) => c,
        Err(e) => return Err(format!("python3 cannot be started ({e})")),
    };
    let mut stdin = child.stdin.take().expect("piped stdin");
    // The script reads all of stdin before answering large batches; write from a thread so
    // neither side blocks on a full pipe.
    let input = input.to_string();
    let writer = std::thread::spawn(move || {
        let _ = stdin.write_all(input.as_bytes());
    });
    let out = child.wait_with_output().expect("python3 runs");
    writer.join().expect("stdin writer");
    let stderr = String::from_utf8_lossy(&out.stderr);
    match out.status.code() {
        Some(0) => Ok(String::from_utf8(out.stdout).expect("UTF-8 from the reference script")),
        Some(PACKAGE_MISSING) => Err(stderr.trim().to_string()),
        _ => panic!("tests/{script} failed: {stderr}"),
    }
}

/// Reports what ran, and fails when the live check was required but could not run.
pub fn live_skipped(test: &str, why: &str) {
    assert!(
        !required() && !writing(),
        "{test}: the live cross-check is required here but cannot run: {why}"
    );
    eprintln!("{test}: live cross-check SKIPPED ({why}); golden vectors checked");
}

pub fn live_ran(test: &str, what: &str) {
    eprintln!("{test}: golden vectors checked, and live cross-check against {what} ran");
}
