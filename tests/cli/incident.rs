//! The incident log through the binary: recording by hand and from guided fixes, listing,
//! statistics with bar charts in both languages, export, and what never gets stored; each
//! test on SQLite and on PostgreSQL.

use crate::common;

use common::db::Backend;
use common::{Env, assert_schema, json, stderr, stdout};

crate::on_both_backends!(
    stats_show_recurring_causes_in_both_languages,
    list_show_and_export,
    bad_input_is_refused_and_nothing_is_written,
    card_numbers_never_reach_the_database,
    concurrent_sessions_all_get_recorded,
    times_are_the_merchants_local_time,
);

const PAN: &str = "6222021234567890123";

fn add(env: &Env, args: &[&str]) {
    let out = env
        .cmd()
        .arg("incident")
        .arg("add")
        .args(args)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
}

/// A small log: three terminals over two weeks, one terminal failing on the network again
/// and again.
fn seed(env: &Env) {
    for at in [
        "2026-11-16 09:00",
        "2026-11-17 12:30",
        "2026-11-23 10:00",
        "2026-11-23 18:45",
    ] {
        add(
            env,
            &[
                "no-response",
                "--cause",
                "network",
                "--terminal",
                "10000001",
                "--outcome",
                "resolved",
                "--at",
                at,
            ],
        );
    }
    add(
        env,
        &[
            "declined",
            "--cause",
            "funds",
            "--terminal",
            "10000002",
            "--code",
            "51",
            "--at",
            "2026-11-23 11:00",
            "--amount",
            "88.00",
        ],
    );
    add(
        env,
        &[
            "not-credited",
            "--cause",
            "settlement",
            "--terminal",
            "10000003",
            "--outcome",
            "escalated",
            "--at",
            "2026-11-20 08:00",
        ],
    );
}

fn stats_show_recurring_causes_in_both_languages(b: &Backend) {
    let env = Env::on(b);
    seed(&env);
    let out = env.cmd().args(["incident", "stats"]).output().unwrap();
    assert_eq!(out.status.code(), Some(0));
    insta::assert_snapshot!("incident_stats_en", stdout(&out));
    let out = env
        .cmd()
        .args([
            "--lang",
            "zh",
            "incident",
            "stats",
            "--by",
            "cause,terminal",
        ])
        .output()
        .unwrap();
    insta::assert_snapshot!("incident_stats_zh", stdout(&out));

    let out = env
        .cmd()
        .args(["--json", "incident", "stats"])
        .output()
        .unwrap();
    let doc = json(&out);
    assert_schema(&doc);
    assert_eq!(doc["total"], 6);
    assert_eq!(doc["by"]["terminal"][0]["key"], "10000001");
    assert_eq!(doc["by"]["terminal"][0]["count"], 4);
    assert_eq!(doc["by"]["terminal"][0]["resolved"], 4);
    let weeks: Vec<&str> = doc["by"]["week"]
        .as_array()
        .unwrap()
        .iter()
        .map(|w| w["key"].as_str().unwrap())
        .collect();
    assert_eq!(weeks, ["2026-W47", "2026-W48"]);

    // Filters narrow every grouping.
    let out = env
        .cmd()
        .args([
            "--json",
            "incident",
            "stats",
            "--since",
            "2026-11-20",
            "--category",
            "no-response",
        ])
        .output()
        .unwrap();
    assert_eq!(json(&out)["total"], 2);
}

fn list_show_and_export(b: &Backend) {
    let env = Env::on(b);
    // Nothing yet: said plainly, and no database is created by looking.
    let out = env.cmd().args(["incident", "list"]).output().unwrap();
    assert_eq!(stdout(&out), "No incidents recorded.\n");
    if b.is_sqlite() {
        // A server's database exists already; a file is not created by looking.
        assert!(!Backend::sqlite_file(&env).exists());
    }
    seed(&env);

    let out = env
        .cmd()
        .args(["--lang", "zh", "incident", "list", "--limit", "3"])
        .output()
        .unwrap();
    insta::assert_snapshot!("incident_list_zh", stdout(&out));

    let out = env.cmd().args(["incident", "show", "5"]).output().unwrap();
    insta::assert_snapshot!("incident_show_en", stdout(&out));
    let out = env.cmd().args(["incident", "show", "99"]).output().unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("no incident #99"));

    // CSV to stdout: a header and six rows, newest first.
    let out = env
        .cmd()
        .args(["incident", "export", "--terminal", "10000001"])
        .output()
        .unwrap();
    let csv = stdout(&out);
    assert!(csv.starts_with("id,at,week,category,cause,outcome,source,terminal_id"));
    assert_eq!(csv.lines().count(), 5);

    // JSON to a file, whole.
    let file = env.path().join("incidents.json");
    let out = env
        .cmd()
        .args(["incident", "export", "--format", "json", "-o"])
        .arg(&file)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0));
    assert!(stderr(&out).contains("Wrote 6 incidents"));
    let v: serde_json::Value = serde_json::from_slice(&std::fs::read(&file).unwrap()).unwrap();
    assert_eq!(v.as_array().unwrap().len(), 6);
    assert_eq!(v[1]["amount"], 8800);

    // An export into a missing directory fails and leaves nothing.
    let out = env
        .cmd()
        .args(["incident", "export", "-o"])
        .arg(env.path().join("nope/x.csv"))
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(3));
}

fn bad_input_is_refused_and_nothing_is_written(b: &Backend) {
    let env = Env::on(b);
    for (args, named) in [
        (vec!["declined", "--cause", "network"], "network"),
        (vec!["declined", "--amount", "-5"], "-5"),
        (vec!["declined", "--at", "yesterday"], "yesterday"),
        (vec!["declined", "--rrn", "12"], "12"),
        (vec!["declined", "--card", "12ab"], "--card"),
    ] {
        let out = env
            .cmd()
            .arg("incident")
            .arg("add")
            .args(&args)
            .output()
            .unwrap();
        assert_eq!(out.status.code(), Some(2), "{args:?}");
        assert!(stderr(&out).contains(named), "{args:?}: {}", stderr(&out));
    }
    let out = env
        .cmd()
        .args(["incident", "list", "--since", "2026-13-01"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    let out = env
        .cmd()
        .args(["--json", "incident", "list"])
        .output()
        .unwrap();
    assert_eq!(json(&out)["total"], 0);
}

fn card_numbers_never_reach_the_database(b: &Backend) {
    let env = Env::on(b);
    add(
        &env,
        &[
            "declined",
            "--card",
            PAN,
            "--note",
            &format!("customer card {PAN}, cvv 123"),
        ],
    );
    let out = env
        .cmd()
        .args([
            "--json",
            "fix",
            "declined",
            "--answer",
            "cause=funds",
            "--answer",
            "funds.1=yes",
            "--card",
            "6222 0212 3456 7890 123",
            "--note",
            PAN,
        ])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert!(!stdout(&out).contains(PAN));
    let out = env.cmd().args(["incident", "export"]).output().unwrap();
    let csv = stdout(&out);
    assert!(csv.contains("622202*********0123"));
    assert!(!csv.contains(PAN));
    // Every byte stored (the file and its WAL, or the whole database dumped), not just
    // what the tool shows.
    let bytes = b.stored(&env);
    assert!(bytes.len() > 1000, "{}: nothing stored?", b.name());
    assert!(
        !bytes.windows(PAN.len()).any(|w| w == PAN.as_bytes()),
        "full card number stored"
    );
}

fn concurrent_sessions_all_get_recorded(b: &Backend) {
    let env = Env::on(b);
    let children: Vec<std::process::Child> = (0..6)
        .map(|_| {
            env.std_cmd()
                .args([
                    "fix",
                    "declined",
                    "--answer",
                    "cause=funds",
                    "--answer",
                    "funds.1=yes",
                ])
                .stdout(std::process::Stdio::null())
                .spawn()
                .unwrap()
        })
        .collect();
    for mut c in children {
        assert!(c.wait().unwrap().success());
    }
    let out = env
        .cmd()
        .args(["--json", "incident", "list"])
        .output()
        .unwrap();
    assert_eq!(json(&out)["total"], 6);
}

fn times_are_the_merchants_local_time(b: &Backend) {
    let env = Env::on(b);
    // Beijing time as a POSIX rule, so no time-zone database is needed.
    let out = env
        .cmd()
        .env("TZ", "CST-8")
        .args([
            "--json",
            "incident",
            "add",
            "declined",
            "--at",
            "2026-11-23 07:30",
        ])
        .output()
        .unwrap();
    let inc = &json(&out)["incident"];
    assert_eq!(inc["at"], "2026-11-23T07:30:00+08:00");
    assert_eq!(inc["week"], "2026-W48");
    let out = env
        .cmd()
        .env("TZ", "CST-8")
        .args(["--json", "incident", "add", "declined"])
        .output()
        .unwrap();
    assert!(
        json(&out)["incident"]["at"]
            .as_str()
            .unwrap()
            .ends_with("+08:00")
    );
}
