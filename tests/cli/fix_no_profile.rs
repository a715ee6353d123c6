//! `fix` with no profile when nobody is at a terminal (a script, `--answer`, `--json`): no
//! offer and no question; a check it cannot run is answered by `--answer`, or the run stops
//! with exit 2 naming the answer that would do.

use crate::common;

use common::{Env, json};

fn walk(env: &Env, args: &[&str]) -> std::process::Output {
    env.cmd()
        .args(["--json", "fix", "no-response", "--cause", "network"])
        .args(["--answer", "network.1=no", "--answer", "network.2=no"])
        .args(args)
        .output()
        .unwrap()
}

#[test]
fn a_script_answers_the_check_it_cannot_run() {
    let env = Env::new();
    let out = walk(
        &env,
        &[
            "--answer",
            "network.3=fail",
            "--answer",
            "network.3.fix=yes",
        ],
    );
    assert_eq!(out.status.code(), Some(0), "{}", common::stderr(&out));
    // Nothing offered, nothing asked: stderr stays empty.
    assert!(out.stderr.is_empty(), "{}", common::stderr(&out));
    let doc = json(&out);
    assert_eq!(doc["outcome"], "resolved");
    let check = &doc["steps"][2];
    assert_eq!(check["node"], "network.3");
    assert_eq!(check["answer"], "fail");
    // Answered, not run: `auto` is left out.
    assert_ne!(check["auto"], true);
    assert!(doc["incident"].is_i64(), "{doc}");
}

#[test]
fn a_script_without_the_answer_stops_with_exit_2() {
    let env = Env::new();
    let out = walk(&env, &[]);
    assert_eq!(out.status.code(), Some(2));
    let said = common::stderr_flat(&out);
    assert!(
        said.contains("--answer network.3=") && said.contains("no profile configured"),
        "{said}"
    );
    // Stopped before the end: nothing recorded.
    let list = env
        .cmd()
        .args(["--json", "incident", "list", "--training"])
        .output()
        .unwrap();
    assert!(json(&list)["incidents"].as_array().unwrap().is_empty());
}

/// The transaction check without a profile and without a journal has nothing to look in,
/// even with `--rrn`: the script is told which answer would do.
#[test]
fn the_transaction_check_needs_somewhere_to_look() {
    let env = Env::new();
    let out = env
        .cmd()
        .args(["fix", "no-response", "--cause", "hardware"])
        .args(["--rrn", "000000000001"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    let err = common::stderr_flat(&out);
    assert!(
        err.contains("hardware.1") && err.contains("no profile configured"),
        "{err}"
    );
    let out = env
        .cmd()
        .args(["--json", "fix", "no-response", "--cause", "hardware"])
        .args(["--rrn", "000000000001", "--answer", "hardware.1=ok"])
        .args(["--answer", "hardware.2=yes"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0), "{}", common::stderr(&out));
    let doc = json(&out);
    assert_ne!(doc["steps"][0]["auto"], true);
    assert_eq!(doc["ticket"], serde_json::Value::Null);
}
