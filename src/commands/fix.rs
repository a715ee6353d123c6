//! `posdoctor fix`: walks a guide, answered by `--answer` flags or, on a terminal, by the
//! operator; or prints it as a checklist.

use std::collections::BTreeMap;
use std::io::IsTerminal;

use super::Context;
use crate::cli::FixArgs;
use crate::error::{Error, Message, exit};
use crate::finding::{Finding, Report, Status};
use crate::guide::{Guides, Node, StepKind, Walk};
use crate::i18n::{Lang, Msg};
use crate::taxonomy::Category;

pub fn run(ctx: &Context, args: &FixArgs) -> Result<u8, Error> {
    let lang = ctx.out.lang;
    let guides = Guides::builtin();
    let (category, mut cause) = match (&args.code, args.category) {
        (Some(code), cat) => {
            let codes = crate::codes::CodeTable::load(Some(&ctx.paths.config_dir))?;
            let entry = codes
                .get(code)
                .ok_or_else(|| Message::new(Msg::ErrorFixCode).arg("code", code))?;
            let category = cat.unwrap_or(entry.category);
            let walk = Walk::new(&guides, category)
                .ok_or_else(|| Message::new(Msg::ErrorFixCode).arg("code", code))?;
            let cause = walk
                .cause_for_code(&entry.code)
                .or_else(|| walk.branch(entry.cause).map(|b| b.cause));
            (category, cause)
        }
        (None, Some(c)) => (c, args.cause),
        (None, None) => return Err(Message::new(Msg::ErrorFixCategory).into()),
    };
    let walk = Walk::new(&guides, category).ok_or_else(|| Message::new(Msg::ErrorFixCategory))?;
    if args.print {
        ctx.out.emit(&checklist(&walk, lang, cause))?;
        return Ok(exit::OK);
    }
    let mut answers: BTreeMap<String, String> = BTreeMap::new();
    for a in &args.answers {
        let (node, choice) = a
            .split_once('=')
            .filter(|(n, c)| !n.trim().is_empty() && !c.trim().is_empty())
            .ok_or_else(|| Message::new(Msg::ErrorFixAnswer).arg("value", a))?;
        answers.insert(node.trim().to_string(), choice.trim().to_string());
    }
    let interactive = std::io::stdin().is_terminal() && std::io::stderr().is_terminal();
    let mut node = match cause.take() {
        Some(c) if walk.branch(c).is_some() => Node::Step { cause: c, n: 0 },
        _ => Node::Cause,
    };
    let mut history: Vec<(Node, String)> = Vec::new();
    let mut used = 0usize;
    // Bounded: every step moves forward along a finite branch.
    for _ in 0..1000 {
        if node.is_end() {
            break;
        }
        let id = node.id();
        let choices = walk.choices(&node);
        let answer = match answers.get(&id) {
            Some(a) => {
                used += 1;
                a.clone()
            }
            None if interactive => match ask(&walk, &node, lang)? {
                Some(a) => a,
                None => return Ok(crate::error::exit::INTERRUPTED),
            },
            None => {
                return Err(Message::new(Msg::ErrorFixMissing)
                    .arg("node", &id)
                    .arg("choices", choices.join("|"))
                    .into());
            }
        };
        let next = walk.next(&node, &answer).ok_or_else(|| {
            Message::new(Msg::ErrorFixBadChoice)
                .arg("node", &id)
                .arg("value", &answer)
                .arg("choices", choices.join("|"))
        })?;
        history.push((node, answer));
        node = next;
    }
    if used < answers.len() {
        let reached: Vec<String> = history.iter().map(|(n, _)| n.id()).collect();
        if let Some(unused) = answers.keys().find(|k| !reached.contains(k)) {
            return Err(Message::new(Msg::ErrorFixUnused).arg("node", unused).into());
        }
    }
    let resolved = node == Node::Resolved;
    let chosen = history.iter().find_map(|(n, _)| match n {
        Node::Step { cause, .. } => Some(*cause),
        _ => None,
    });
    let steps: Vec<serde_json::Value> = history
        .iter()
        .map(|(n, a)| serde_json::json!({"node": n.id(), "answer": a}))
        .collect();
    let summary = if resolved {
        lang.tr(Msg::FixResolved).to_string()
    } else {
        lang.tr(Msg::FixEscalate).to_string()
    };
    let mut f = Finding::new(
        "fix.outcome",
        if resolved { Status::Ok } else { Status::Fail },
        summary,
    )
    .metric("outcome", if resolved { "resolved" } else { "escalate" });
    if let Some(c) = chosen {
        f = f.blame(category, c);
    }
    let report = Report::new("fix", vec![f])
        .with("category", category)
        .with("cause", chosen)
        .with("steps", &steps);
    ctx.out.report(&report, |o| {
        let mut s = format!(
            "{}\n",
            lang.trf(Msg::FixHeading, &[("category", &category.name(lang))])
        );
        for (n, a) in &history {
            if let Some(step) = walk.step(n) {
                s.push_str(&format!("  {}  {}  [{a}]\n", n.id(), step.text.get(lang)));
            } else {
                s.push_str(&format!("  {}  [{a}]\n", n.id()));
            }
        }
        s.push('\n');
        s.push_str(&o.findings(&report.findings));
        s
    })?;
    Ok(if resolved { exit::OK } else { exit::FAILED })
}

/// Asks one node on the terminal; `None` when the operator quits.
fn ask(walk: &Walk, node: &Node, lang: Lang) -> Result<Option<String>, Error> {
    let choices = walk.choices(node);
    let (prompt, labels): (String, Vec<String>) = match node {
        Node::Cause => (
            walk.guide.question.get(lang).to_string(),
            walk.guide
                .branches
                .iter()
                .map(|b| b.label.get(lang).to_string())
                .collect(),
        ),
        _ => {
            let step = walk.step(node);
            let text = step.map_or("", |s| s.text.get(lang));
            let q = match step.map(|s| s.kind) {
                Some(StepKind::Check) => format!("{}: {text}", lang.tr(Msg::FixCheck)),
                _ => format!("{text}\n{}", lang.tr(Msg::FixFixed)),
            };
            (q, choices.clone())
        }
    };
    let pick = dialoguer::Select::new()
        .with_prompt(prompt)
        .items(&labels)
        .default(0)
        .interact_opt()
        .map_err(|e| Error::Io {
            message: Message::new(Msg::ErrorPrompt),
            source: std::io::Error::other(e),
        })?;
    Ok(pick.and_then(|i| choices.get(i).cloned()))
}

/// The guide as a Markdown checklist: every branch (or only `only`), every step.
pub fn checklist(walk: &Walk, lang: Lang, only: Option<crate::taxonomy::Cause>) -> String {
    let cat: Category = walk.category;
    let mut s = format!(
        "# {}\n\n{}\n\n",
        lang.trf(Msg::FixHeading, &[("category", &cat.name(lang))]),
        lang.tr(Msg::FixPrintIntro)
    );
    s.push_str(&format!("**{}**\n\n", walk.guide.question.get(lang)));
    for b in &walk.guide.branches {
        if only.is_some_and(|c| c != b.cause) {
            continue;
        }
        s.push_str(&format!("## {}\n\n", b.label.get(lang)));
        for name in &b.steps {
            let Some(step) = walk.guides.steps.get(name) else {
                continue;
            };
            s.push_str(&format!("- [ ] {}\n", step.text.get(lang)));
            if let Some(fail) = step.fail.as_ref().and_then(|f| walk.guides.steps.get(f)) {
                s.push_str(&format!(
                    "  - [ ] {}: {}\n",
                    lang.tr(Msg::FixOnFail),
                    fail.text.get(lang)
                ));
            }
        }
        s.push_str(&format!("- [ ] {}\n\n", lang.tr(Msg::FixEscalateLine)));
    }
    s
}
