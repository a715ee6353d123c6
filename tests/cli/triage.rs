//! Triage from what merchants say: the complaint table in `tests/complaints.toml`, and
//! `posdoctor fix --symptom` run the way a user runs it.

use crate::common;

use common::{Env, assert_schema, json, stdout};
use posdoctor::codes::CodeTable;
use posdoctor::taxonomy::{Category, Cause};
use posdoctor::triage::Rules;

#[derive(serde::Deserialize)]
struct Case {
    text: String,
    category: Category,
    cause: Option<Cause>,
}

#[derive(serde::Deserialize)]
struct Cases {
    case: Vec<Case>,
    second_round: Vec<Case>,
}

/// Runs `cases`, prints the rates and the misses, and returns the category and cause rates
/// in percent.
fn rates(name: &str, cases: &[Case]) -> (f64, f64) {
    let rules = Rules::builtin();
    let codes = CodeTable::load(None).unwrap();
    let mut right = 0;
    let (mut with_cause, mut cause_right) = (0, 0);
    let mut misses = Vec::new();
    for c in cases {
        let s = rules.suggest(&c.text, &codes);
        if s.category == Some(c.category) {
            right += 1;
        } else {
            misses.push(format!(
                "  {} — expected {}, got {:?} {:?}",
                c.text, c.category, s.category, s.scores
            ));
        }
        if let Some(cause) = c.cause {
            with_cause += 1;
            if s.category == Some(c.category) && s.cause == Some(cause) {
                cause_right += 1;
            } else if s.category == Some(c.category) {
                misses.push(format!("  {} — cause {cause}, got {:?}", c.text, s.cause));
            }
        }
    }
    let n = cases.len();
    let rate = 100.0 * f64::from(right) / n as f64;
    let cause_rate = 100.0 * f64::from(cause_right) / f64::from(with_cause.max(1));
    println!(
        "triage ({name}): category right for {right} of {n} complaints ({rate:.1} %); cause right for {cause_right} of {with_cause} that name one ({cause_rate:.1} %)"
    );
    for m in &misses {
        println!("{m}");
    }
    (rate, cause_rate)
}

/// How often the suggested category is right on the complaint table (both rounds; see the
/// file for what the second round scored before the rules saw it). `cargo test --test
/// triage -- --nocapture` prints the rates and every miss.
#[test]
fn complaint_table_accuracy() {
    let cases: Cases = toml::from_str(include_str!("../complaints.toml")).unwrap();
    assert!(cases.case.len() + cases.second_round.len() >= 60);
    rates("first round", &cases.case);
    rates("second round", &cases.second_round);
    let mut all = cases.case;
    all.extend(cases.second_round);
    let (category, cause) = rates("all", &all);
    assert!(category >= 95.0, "category accuracy {category:.1} %");
    assert!(cause >= 80.0, "cause accuracy {cause:.1} %");
}

#[test]
fn unrelated_text_suggests_nothing() {
    let rules = Rules::builtin();
    let codes = CodeTable::load(None).unwrap();
    let s = rules.suggest("今天天气不错", &codes);
    assert_eq!((s.category, s.confidence), (None, 0));
    // A code alone decides: 51 is funds.
    let s = rules.suggest("小票上写着51", &codes);
    assert_eq!(s.category, Some(Category::Declined));
    assert_eq!(s.cause, Some(Cause::Funds));
    assert_eq!(s.code.as_deref(), Some("51"));
    // An amount is not a code.
    let s = rules.suggest("刷了51块钱没反应", &codes);
    assert_eq!(s.category, Some(Category::NoResponse));
    assert_eq!(s.code, None);
}

#[test]
fn symptom_without_a_terminal_reports_the_suggestion() {
    let env = Env::new();
    let out = env
        .cmd()
        .args(["--json", "fix", "--symptom", "刷卡后一直没反应,小票也没出"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0), "{}", stdout(&out));
    let doc = json(&out);
    assert_schema(&doc);
    assert_eq!(doc["triage"]["category"], "no-response");
    assert!(doc["triage"]["confidence"].as_u64().unwrap() >= 50);
    assert!(
        doc["triage"]["next"]
            .as_str()
            .unwrap()
            .starts_with("posdoctor fix no-response")
    );

    // In Chinese, for people.
    let out = env
        .cmd()
        .args(["--lang", "zh", "fix", "--symptom", "ka卡显示余额不足"])
        .output()
        .unwrap();
    let text = stdout(&out);
    assert!(text.contains("交易失败"), "{text}");
    assert!(text.contains("余额不足"), "{text}");
    assert!(
        text.contains("posdoctor fix declined --cause funds"),
        "{text}"
    );

    // Nothing recognisable: exit 1 and say so.
    let out = env
        .cmd()
        .args(["fix", "--symptom", "hello there"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    assert!(stdout(&out).contains("does not say enough"));

    // Empty: a usage error.
    let out = env.cmd().args(["fix", "--symptom", "  "]).output().unwrap();
    assert_eq!(out.status.code(), Some(2));
}

#[test]
fn symptom_with_answers_confirms_and_walks_the_suggested_guide() {
    let env = Env::new();
    let out = env
        .cmd()
        .args([
            "--json",
            "fix",
            "--symptom",
            "刷卡显示余额不足",
            "--answer",
            "triage=yes",
            "--answer",
            "funds.1=yes",
        ])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0), "{}", stdout(&out));
    let doc = json(&out);
    assert_eq!(doc["category"], "declined");
    assert_eq!(doc["cause"], "funds");

    // Declined suggestion: then the category is asked.
    let out = env
        .cmd()
        .args([
            "--json",
            "fix",
            "--symptom",
            "刷卡显示余额不足",
            "--answer",
            "triage=no",
            "--answer",
            "category=not-credited",
            "--answer",
            "cause=settlement",
            "--answer",
            "settlement.1=yes",
        ])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0), "{}", stdout(&out));
    assert_eq!(json(&out)["category"], "not-credited");
}

/// One complaint from a public page (`tests/complaints_real.toml`).
#[derive(serde::Deserialize)]
struct Real {
    text: String,
    category: Category,
    #[allow(dead_code)]
    cause: Option<Cause>,
    #[allow(dead_code)]
    source: String,
    url: String,
}

#[derive(serde::Deserialize)]
struct RealSet {
    complaint: Vec<Real>,
}

/// Right category, "cannot tell" and wrong category, as counts.
#[derive(Default, Clone, Copy)]
struct Tally {
    right: u32,
    unsure: u32,
    wrong: u32,
}

impl Tally {
    fn n(&self) -> u32 {
        self.right + self.unsure + self.wrong
    }
    fn pct(&self, k: u32) -> f64 {
        100.0 * f64::from(k) / f64::from(self.n().max(1))
    }
    fn row(&self, name: &str) -> String {
        format!(
            "{name:<10} {:>4} {:>5} ({:>5.1} %) {:>5} ({:>5.1} %) {:>5} ({:>5.1} %)",
            self.n(),
            self.right,
            self.pct(self.right),
            self.unsure,
            self.pct(self.unsure),
            self.wrong,
            self.pct(self.wrong)
        )
    }
}

/// The fixed split: every third complaint (the 3rd, 6th, 9th, …) is held out.
fn held_out(index: usize) -> bool {
    index % 3 == 2
}

/// Triage on real complaints, whole set and each part. `cargo test --test cli triage
/// real_complaints -- --nocapture` prints the table and the misses of the tuning part only:
/// the held-out part is reported as figures, so that it stays unseen.
#[test]
fn real_complaints() {
    let set: RealSet = toml::from_str(include_str!("../complaints_real.toml")).unwrap();
    assert!(set.complaint.len() >= 100, "{}", set.complaint.len());
    for c in &set.complaint {
        assert!(c.url.starts_with("http"), "{}: no source", c.text);
    }
    let rules = Rules::builtin();
    let codes = CodeTable::load(None).unwrap();
    let (mut whole, mut tuning, mut held) = (Tally::default(), Tally::default(), Tally::default());
    let mut misses = Vec::new();
    for (i, c) in set.complaint.iter().enumerate() {
        let s = rules.suggest(&c.text, &codes);
        let part = if held_out(i) { &mut held } else { &mut tuning };
        let slot = match s.category {
            Some(k) if k == c.category => 0,
            None => 1,
            Some(_) => 2,
        };
        for t in [&mut whole, part] {
            match slot {
                0 => t.right += 1,
                1 => t.unsure += 1,
                _ => t.wrong += 1,
            }
        }
        if slot != 0 && !held_out(i) {
            misses.push(format!(
                "  [{i}] {} — expected {}, got {:?} {:?}",
                c.text, c.category, s.category, s.scores
            ));
        }
    }
    // The second set, gathered after tuning: figures only, like the held-out part.
    let fresh_set: RealSet = toml::from_str(include_str!("../complaints_fresh.toml")).unwrap();
    let mut fresh = Tally::default();
    let mut fresh_misses = Vec::new();
    for c in &fresh_set.complaint {
        assert!(c.url.starts_with("http"), "{}: no source", c.text);
        let s = rules.suggest(&c.text, &codes);
        match s.category {
            Some(k) if k == c.category => fresh.right += 1,
            None => fresh.unsure += 1,
            Some(_) => fresh.wrong += 1,
        }
        if s.category != Some(c.category) {
            fresh_misses.push(format!(
                "  {} — expected {}, got {:?} {:?}",
                c.text, c.category, s.category, s.scores
            ));
        }
    }
    // The third set, gathered after all tuning: figures only, never its misses.
    let unseen_set: RealSet = toml::from_str(include_str!("../complaints_unseen.toml")).unwrap();
    let mut unseen = Tally::default();
    for c in &unseen_set.complaint {
        assert!(c.url.starts_with("http"), "{}: no source", c.text);
        match rules.suggest(&c.text, &codes).category {
            Some(k) if k == c.category => unseen.right += 1,
            None => unseen.unsure += 1,
            Some(_) => unseen.wrong += 1,
        }
    }
    println!("part          n right             cannot tell       wrong category");
    println!("{}", whole.row("whole"));
    println!("{}", tuning.row("tuning"));
    println!("{}", held.row("held-out"));
    println!("{}", fresh.row("fresh"));
    println!("{}", unseen.row("unseen"));
    println!("misses in the tuning part:");
    for m in &misses {
        println!("{m}");
    }
    println!("misses in the fresh set:");
    for m in &fresh_misses {
        println!("{m}");
    }
    // Guards at the figures reached (see the report in the README): a rule change that
    // loses them fails here, held-out part included.
    assert!(tuning.pct(tuning.right) >= 95.0, "tuning part right");
    assert!(held.pct(held.right) >= 85.0, "held-out part right");
    assert!(held.pct(held.wrong) <= 5.0, "held-out part wrong category");
    assert!(fresh.pct(fresh.right) >= 85.0, "second set right");
    assert!(fresh.pct(fresh.wrong) <= 5.0, "second set wrong category");
    assert!(unseen.pct(unseen.right) >= 85.0, "third set right");
    assert!(unseen.pct(unseen.wrong) <= 5.0, "third set wrong category");
}

/// Words that leave it open: a script gets the question that would tell, in JSON and in
/// text, and answers it like any other node.
#[test]
fn unsure_triage_asks_a_question_that_a_script_answers() {
    let env = Env::new();
    // A failure on the screen and a long wait: declined or no response.
    let words = "刷卡显示交易失败，等了好久";
    let out = env
        .cmd()
        .args(["--json", "fix", "--symptom", words])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1), "{}", stdout(&out));
    let doc = json(&out);
    assert_schema(&doc);
    assert!(doc["triage"]["category"].is_null());
    assert_eq!(doc["triage"]["question"]["id"], "charged");
    assert_eq!(
        doc["triage"]["question"]["choices"],
        serde_json::json!(["yes", "no", "unknown"])
    );

    // The same in Chinese text, with full-width punctuation.
    let out = env
        .cmd()
        .args(["--lang", "zh", "fix", "--symptom", words])
        .output()
        .unwrap();
    let text = stdout(&out);
    assert!(
        text.contains("持卡人的卡被扣款了吗（扣款短信、银行账单）？"),
        "{text}"
    );
    assert!(text.contains("--answer charged=yes|no|unknown"), "{text}");

    // Charged: the outcome never reached the terminal — the no-response guide.
    let out = env
        .cmd()
        .args([
            "--json",
            "fix",
            "--symptom",
            words,
            "--answer",
            "charged=yes",
            "--answer",
            "cause=network",
            "--answer",
            "network.1=yes",
        ])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0), "{}", stdout(&out));
    let doc = json(&out);
    assert_eq!(doc["category"], "no-response");

    // Not charged: a decline.
    let out = env
        .cmd()
        .args([
            "--json",
            "fix",
            "--symptom",
            words,
            "--answer",
            "charged=no",
            "--answer",
            "cause=funds",
            "--answer",
            "funds.1=yes",
        ])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0), "{}", stdout(&out));
    assert_eq!(json(&out)["category"], "declined");

    // Nothing to go on: two questions, then the guide they point to.
    let out = env
        .cmd()
        .args([
            "--json",
            "--lang",
            "en",
            "fix",
            "--symptom",
            "problem with the card machine",
            "--answer",
            "charged=yes",
            "--answer",
            "slip=yes",
            "--answer",
            "cause=settlement",
            "--answer",
            "settlement.1=yes",
        ])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0), "{}", stdout(&out));
    assert_eq!(json(&out)["category"], "not-credited");

    // A wrong answer names the choices.
    let out = env
        .cmd()
        .args(["fix", "--symptom", words, "--answer", "charged=maybe"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("yes|no|unknown"), "{err}");
}
