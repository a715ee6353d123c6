//! The guided fixes: every guide is complete and every path through it can be walked by a
//! script with `--answer` flags.

use crate::common;

use common::{Env, assert_schema, json};
use posdoctor::guide::{Guides, Node, Walk};
use posdoctor::taxonomy::Category;

#[test]
fn every_guide_is_complete() {
    let g = Guides::builtin();
    assert_eq!(g.problems(), Vec::<String>::new());
    let codes = posdoctor::codes::CodeTable::load(None).unwrap();
    for c in Category::ALL {
        let w = Walk::new(&g, c).unwrap();
        for b in &w.guide.branches {
            for code in &b.codes {
                let entry = codes
                    .get(code)
                    .unwrap_or_else(|| panic!("{c}/{}: code {code} unknown", b.cause));
                // `fix --code` starts at this branch, so the code table must file the code
                // under the same category and cause.
                assert_eq!(
                    (entry.category, entry.cause),
                    (c, b.cause),
                    "{c}/{}: code {code} is filed elsewhere in the code table",
                    b.cause
                );
                // A code a branch names is named in its label too, so the operator sees it.
                assert!(
                    b.label.en.contains(code.as_str()) && b.label.zh.contains(code.as_str()),
                    "{c}/{}: label does not name {code}",
                    b.cause
                );
            }
            assert!(!b.label.en.is_empty() && !b.label.zh.is_empty());
        }
        // Every step of every branch is reachable, and every path ends.
        let paths = w.paths(&Node::Cause);
        for b in &w.guide.branches {
            for n in 0..b.steps.len() {
                let id = format!("{}.{}", b.cause, n + 1);
                assert!(
                    paths.iter().any(|p| p.iter().any(|(node, _)| *node == id)),
                    "{c}: {id} unreachable"
                );
            }
        }
        assert!(paths.len() >= w.guide.branches.len());
    }
}

/// The binary's wiring for walked paths: answers from the flags, the report and the record
/// in the incident log. Every path is walked in-process by the engine's own tests
/// (`guide::run`); here one resolved and one escalated path per category.
#[test]
fn walked_paths_are_reported_and_recorded() {
    let g = Guides::builtin();
    let env = Env::new();
    let mut walked = 0;
    for c in Category::ALL {
        let w = Walk::new(&g, c).unwrap();
        let paths = w.paths(&Node::Cause);
        let resolved = paths
            .iter()
            .find(|p| p.last().is_some_and(|(_, a)| a == "yes"));
        let escalated = paths
            .iter()
            .find(|p| p.last().is_some_and(|(_, a)| a != "yes"));
        for path in resolved.into_iter().chain(escalated) {
            let mut cmd = env.cmd();
            cmd.args(["--json", "fix", c.key()]);
            for (node, answer) in path {
                cmd.arg("--answer").arg(format!("{node}={answer}"));
            }
            let out = cmd.output().unwrap();
            let resolved = path.last().is_some_and(|(_, a)| a == "yes");
            assert_eq!(
                out.status.code(),
                Some(if resolved { 0 } else { 1 }),
                "{c} {path:?}: {}",
                common::stderr(&out)
            );
            let doc = json(&out);
            assert_schema(&doc);
            assert_eq!(doc["steps"].as_array().unwrap().len(), path.len());
            walked += 1;
            // The session is in the incident log, with the steps exactly as answered.
            assert_eq!(doc["incident"], walked, "{c} {path:?}");
            let out = env
                .cmd()
                .args(["--json", "incident", "show", &walked.to_string()])
                .output()
                .unwrap();
            let inc = &json(&out)["incident"];
            assert_eq!(inc["category"], c.key());
            assert_eq!(inc["source"], "fix");
            assert_eq!(
                inc["outcome"],
                if resolved { "resolved" } else { "escalated" }
            );
            let steps: Vec<(String, String)> = inc["steps"]
                .as_array()
                .unwrap()
                .iter()
                .map(|s| {
                    (
                        s["node"].as_str().unwrap().to_string(),
                        s["answer"].as_str().unwrap().to_string(),
                    )
                })
                .collect();
            assert_eq!(steps, *path);
            // An escalated session carries the ticket.
            assert_eq!(doc["ticket"].is_object(), !resolved);
        }
    }
    assert_eq!(walked, 2 * Category::ALL.len());
    println!("walked {walked} paths, each recorded as an incident");
    let out = env
        .cmd()
        .args(["--json", "incident", "stats", "--by", "category"])
        .output()
        .unwrap();
    assert_eq!(json(&out)["total"], walked);
}

#[test]
fn scripts_are_told_what_is_missing() {
    let env = Env::new();
    let out = env.cmd().args(["fix", "declined"]).output().unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(
        common::stderr(&out).contains("--answer cause="),
        "{}",
        common::stderr(&out)
    );
    let out = env
        .cmd()
        .args(["fix", "declined", "--answer", "cause=weather"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(common::stderr(&out).contains("funds|card"));
    let out = env
        .cmd()
        .args([
            "fix",
            "--code",
            "51",
            "--answer",
            "funds.1=yes",
            "--answer",
            "x.9=no",
        ])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(common::stderr(&out).contains("x.9"));
    // No category: the first question is which one.
    let out = env.cmd().args(["fix"]).output().unwrap();
    assert_eq!(out.status.code(), Some(2));
    // Wrapped to the terminal: compare with the line breaks taken out.
    let err = common::stderr_flat(&out);
    assert!(err.contains("--answer category="), "{err}");
    // A check with nothing to run against is asked like any step, and says why.
    let out = env
        .cmd()
        .args([
            "fix",
            "no-response",
            "--cause",
            "network",
            "--answer",
            "network.1=no",
            "--answer",
            "network.2=no",
        ])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    let err = common::stderr_flat(&out);
    assert!(
        err.contains("network.3 could not run (no profile configured)"),
        "{}",
        common::stderr(&out)
    );
    // A response code starts at its branch.
    let out = env
        .cmd()
        .args([
            "--json",
            "fix",
            "--code",
            "A0",
            "--answer",
            "merchant-params.1=ok",
            "--answer",
            "merchant-params.2=yes",
        ])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0), "{}", common::stderr(&out));
    assert_eq!(json(&out)["cause"], "merchant-params");
}

#[test]
fn printed_checklists_in_both_languages() {
    let env = Env::new();
    for c in Category::ALL {
        for lang in ["en", "zh"] {
            let out = env
                .cmd()
                .args(["--lang", lang, "fix", c.key(), "--print"])
                .output()
                .unwrap();
            assert_eq!(out.status.code(), Some(0));
            let text = common::stdout(&out);
            assert!(text.starts_with("# "), "{text}");
            assert!(text.matches("- [ ]").count() >= c.causes().len() * 2);
        }
    }
    let out = env
        .cmd()
        .args(["--lang", "zh", "fix", "void-failed", "--print"])
        .output()
        .unwrap();
    assert!(common::stdout(&out).contains("退货"));
}

fn steps_of(doc: &serde_json::Value) -> Vec<(String, String, bool)> {
    doc["steps"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| {
            (
                s["node"].as_str().unwrap().to_string(),
                s["answer"].as_str().unwrap().to_string(),
                s["auto"].as_bool().unwrap_or(false),
            )
        })
        .collect()
}

#[test]
fn automatic_checks_run_against_the_simulated_acquirer() {
    let env = Env::new();
    // Healthy simulator: the parameter check passes by itself; the operator answers the
    // action after it.
    let out = env
        .cmd()
        .args([
            "--json",
            "fix",
            "declined",
            "--cause",
            "merchant-params",
            "--demo",
        ])
        .args(["--answer", "merchant-params.2=yes"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0), "{}", common::stderr(&out));
    let doc = json(&out);
    assert_schema(&doc);
    assert_eq!(
        steps_of(&doc),
        [
            ("merchant-params.1".into(), "ok".into(), true),
            ("merchant-params.2".into(), "yes".into(), false)
        ]
    );

    // The host refuses connections: the sign-in check fails, its fix step follows, and the
    // ticket says what the check found.
    let out = env
        .cmd()
        .args([
            "--json",
            "fix",
            "no-response",
            "--cause",
            "host",
            "--demo",
            "--fault",
            "refuse",
        ])
        .args([
            "--answer",
            "host.1=no",
            "--answer",
            "host.2.fix=no",
            "--answer",
            "host.3=no",
        ])
        .args(["--rrn", "000000000009", "--amount", "12.50"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1), "{}", common::stderr(&out));
    let doc = json(&out);
    assert_schema(&doc);
    assert_eq!(steps_of(&doc)[1], ("host.2".into(), "fail".into(), true));
    assert!(
        doc["findings"]
            .as_array()
            .unwrap()
            .iter()
            .any(|f| f["id"] == "net.iso8583.signin" && f["status"] == "fail")
    );
    let ticket = &doc["ticket"];
    assert_eq!(ticket["rrn"], "000000000009");
    assert_eq!(ticket["amount"], 1250);
    assert_eq!(ticket["terminal_id"], "10000001");
    let checks = ticket["checks"].as_array().unwrap();
    assert!(
        checks[1]["result"].as_str().unwrap().contains("refused"),
        "{checks:?}"
    );

    // An answer overrides the check; --no-checks asks instead of running.
    let out = env
        .cmd()
        .args([
            "--json",
            "fix",
            "no-response",
            "--cause",
            "host",
            "--demo",
            "--fault",
            "refuse",
        ])
        .args([
            "--answer",
            "host.1=no",
            "--answer",
            "host.2=ok",
            "--answer",
            "host.3=yes",
        ])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0));
    let out = env
        .cmd()
        .args([
            "fix",
            "no-response",
            "--cause",
            "host",
            "--no-checks",
            "--answer",
            "host.1=no",
        ])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(common::stderr(&out).contains("--no-checks"));

    // A fault that does not exist is bad input, not a skipped check.
    let out = env
        .cmd()
        .args([
            "fix",
            "declined",
            "--cause",
            "merchant-params",
            "--demo",
            "--fault",
            "gremlins",
        ])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(common::stderr(&out).contains("gremlins"));
}

#[test]
fn the_transaction_check_looks_in_the_journal() {
    let env = Env::new();
    common::import_one_sale(&env);
    // Known: the check passes and the walk goes on to the hardware step.
    let out = env
        .cmd()
        .args([
            "--json",
            "fix",
            "no-response",
            "--cause",
            "hardware",
            "--rrn",
            "000000000001",
        ])
        .args(["--answer", "hardware.2=yes"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0), "{}", common::stderr(&out));
    assert_eq!(
        steps_of(&json(&out))[0],
        ("hardware.1".into(), "ok".into(), true)
    );
    // Not in the journal: the outcome is unknown, so "query first, do not charge again".
    let out = env
        .cmd()
        .args([
            "--json",
            "fix",
            "no-response",
            "--cause",
            "hardware",
            "--rrn",
            "000000000077",
        ])
        .args(["--answer", "hardware.1.fix=yes"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0), "{}", common::stderr(&out));
    assert_eq!(
        steps_of(&json(&out))[0],
        ("hardware.1".into(), "fail".into(), true)
    );
}

#[test]
fn walk_output_in_both_languages() {
    let env = Env::new();
    for lang in ["en", "zh"] {
        let out = env
            .cmd()
            .args([
                "--lang",
                lang,
                "fix",
                "void-failed",
                "--cause",
                "settlement",
                "--no-record",
            ])
            .args(["--answer", "settlement.1=no"])
            .args([
                "--terminal",
                "10000001",
                "--merchant",
                "898310054111234",
                "--rrn",
                "000000000001",
            ])
            .args(["--card", "6222021234567890123", "--amount", "55.50"])
            .output()
            .unwrap();
        assert_eq!(out.status.code(), Some(1), "{}", common::stderr(&out));
        // The ticket's time is now: masked for the snapshot.
        let text = common::stdout(&out);
        let text: String = text
            .lines()
            .map(|l| {
                if l.contains("Time  ") || l.contains("时间  ") {
                    l.rsplit_once("  ")
                        .map_or(l, |(label, _)| label)
                        .to_string()
                        + "  <now>"
                } else {
                    l.to_string()
                }
            })
            .collect::<Vec<_>>()
            .join("\n");
        insta::assert_snapshot!(format!("fix_escalated_{lang}"), text);
    }
}

/// docs/knowledge.md maps every cause and remedy of the source documents to what covers it;
/// every reference it makes must exist.
#[test]
fn the_seed_audit_refers_to_what_exists() {
    let root = env!("CARGO_MANIFEST_DIR");
    let doc = std::fs::read_to_string(format!("{root}/docs/knowledge.md")).unwrap();
    let guides: toml::Table = std::fs::read_to_string(format!("{root}/data/guides.toml"))
        .unwrap()
        .parse()
        .unwrap();
    let steps = guides["steps"].as_table().unwrap();
    let codes = posdoctor::codes::CodeTable::load(None).unwrap();
    let env = Env::new();
    let mut seen = std::collections::BTreeSet::new();
    // The references are the `…` spans that start with one of the four kinds.
    for span in doc.split('`').skip(1).step_by(2) {
        let Some((kind, what)) = span.split_once(' ') else {
            continue;
        };
        // The page explains the four kinds with placeholders.
        if ["CATEGORY/CAUSE", "NAME", "XX", "posdoctor …"].contains(&what)
            || !seen.insert(span.to_string())
        {
            continue;
        }
        match kind {
            "guide" => {
                let (cat, cause) = what.split_once('/').unwrap_or_else(|| panic!("{span}"));
                let branches = guides["guides"]
                    .get(cat)
                    .and_then(|g| g.get("branches"))
                    .and_then(|b| b.as_array())
                    .unwrap_or_else(|| panic!("{span}: no guide {cat}"));
                assert!(
                    branches.iter().any(|b| b["cause"].as_str() == Some(cause)),
                    "{span}: no branch {cause}"
                );
            }
            "step" => assert!(steps.contains_key(what), "{span}: no such step"),
            "code" => assert!(codes.get(what).is_some(), "{span}: no such code"),
            "command" => {
                let words: Vec<&str> = what.split_whitespace().skip(1).collect();
                let out = env.cmd().args(&words).arg("--help").output().unwrap();
                assert_eq!(out.status.code(), Some(0), "{span}: not a command");
            }
            _ => {}
        }
    }
    assert!(seen.len() > 60, "only {} references", seen.len());
    // Each of the five failure categories has its section.
    for c in Category::ALL {
        assert!(
            doc.contains(&format!(" — {}", c.key().replace('-', " "))),
            "no section for {c}"
        );
    }
}
