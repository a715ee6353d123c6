//! The guided fixes: every guide is complete and every path through it can be walked by a
//! script with `--answer` flags.

mod common;

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
                assert!(
                    codes.get(code).is_some(),
                    "{c}/{}: code {code} unknown",
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

#[test]
fn every_path_walks_to_its_end_with_answers() {
    let g = Guides::builtin();
    let env = Env::new();
    let mut walked = 0;
    for c in Category::ALL {
        let w = Walk::new(&g, c).unwrap();
        for path in w.paths(&Node::Cause) {
            let mut cmd = env.cmd();
            cmd.args(["--json", "fix", c.key()]);
            for (node, answer) in &path {
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
        }
    }
    assert!(walked > 100, "only {walked} paths");
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
    let out = env.cmd().args(["fix"]).output().unwrap();
    assert_eq!(out.status.code(), Some(2));
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
