//! Human text for guided fixes: the walk as it went, the triage suggestion, the result of
//! an automatic check, and a guide as a printable checklist.

use super::{BOLD, CMD, DIM, Output, paint};
use crate::finding::Finding;
use crate::guide::Guides;
use crate::i18n::{Lang, Msg};
use crate::taxonomy::{Category, Cause};
use crate::ticket::Ticket;
use crate::triage::Suggestion;

/// One answered step of a walk.
pub struct FixLine {
    pub id: String,
    pub text: Option<String>,
    pub answer: String,
    pub result: Option<String>,
}

pub fn fix_walk(
    out: &Output,
    category: Option<Category>,
    lines: &[FixLine],
    findings: &[Finding],
    ticket: Option<&Ticket>,
    recorded: Option<i64>,
) -> String {
    let lang = out.lang;
    let mut s = String::new();
    if let Some(c) = category {
        s.push_str(&format!(
            "{}\n",
            paint(
                BOLD,
                &lang.trf(Msg::FixHeading, &[("category", &c.name(lang))])
            )
        ));
    }
    for l in lines {
        let text = l.text.as_deref().unwrap_or("");
        // The answer as the operator chose it, in the user's language; choice keys of a
        // branch node stay as the data names them.
        let answer = match (lang, l.answer.as_str()) {
            (Lang::Zh, "yes") => lang.tr(Msg::FixYes),
            (Lang::Zh, "no") => lang.tr(Msg::FixNo),
            (Lang::Zh, "ok") => lang.tr(Msg::FixOk),
            (Lang::Zh, "fail") => lang.tr(Msg::FixFailed),
            // A category or cause chosen at a branch: its name, not its key.
            (Lang::Zh, key) => <Category as clap::ValueEnum>::from_str(key, false)
                .map(|c| c.name(lang))
                .or_else(|_| <Cause as clap::ValueEnum>::from_str(key, false).map(|c| c.name(lang)))
                .unwrap_or(key),
            (_, other) => other,
        };
        let head = format!("  {}  [{answer}]  ", l.id);
        let indent = " ".repeat(super::width(&head));
        for (i, piece) in super::wrap::lines(
            text,
            super::line_width()
                .saturating_sub(super::width(&indent))
                .max(10),
        )
        .iter()
        .enumerate()
        {
            if i == 0 {
                s.push_str(&format!("{}{piece}\n", paint(DIM, &head)));
            } else {
                s.push_str(&format!("{indent}{piece}\n"));
            }
        }
        if let Some(r) = &l.result {
            let head = format!("{indent}{} ", out.glyphs.arrow());
            s.push_str(&super::para(&head, r, super::width(&head)));
        }
    }
    s.push('\n');
    // An escalated or abandoned walk has just been this guide: pointing back to it helps no
    // one, the ticket below is the next step.
    let findings: Vec<Finding> = findings
        .iter()
        .cloned()
        .map(|mut f| {
            if f.id == "fix.outcome" {
                f.fix = None;
            }
            f
        })
        .collect();
    s.push_str(&out.findings(&findings));
    if let Some(t) = ticket {
        s.push_str(&format!("\n{}\n", paint(BOLD, lang.tr(Msg::TicketHeading))));
        s.push_str(&super::boxed(&super::ticket_text(lang, t)));
    }
    if let Some(id) = recorded {
        s.push_str(&format!(
            "\n{}\n",
            lang.trf(Msg::FixRecorded, &[("id", &id)])
        ));
    }
    s
}

/// The suggestion in one line.
pub fn fix_triage_line(lang: Lang, s: &Suggestion) -> String {
    let confidence = s.confidence;
    match (s.category, s.cause) {
        (Some(c), Some(k)) => lang.trf(
            Msg::FixTriage,
            &[
                ("category", &c.name(lang)),
                ("cause", &k.name(lang)),
                ("confidence", &confidence),
            ],
        ),
        (Some(c), None) => lang.trf(
            Msg::FixTriageCategory,
            &[("category", &c.name(lang)), ("confidence", &confidence)],
        ),
        _ => lang.tr(Msg::FixTriageNone).to_string(),
    }
}

/// The suggestion, the words it rests on, and how to go on.
pub fn fix_triage(out: &Output, s: &Suggestion) -> String {
    let lang = out.lang;
    let mut text = paint(BOLD, &fix_triage_line(lang, s));
    if !s.matched.is_empty() {
        text.push_str(&format!(
            "\n  {}",
            lang.trf(
                Msg::FixTriageMatched,
                &[(
                    "words",
                    &s.matched.join(match lang {
                        Lang::Zh => "、",
                        Lang::En => ", ",
                    }),
                )],
            )
        ));
    }
    if let Some(cmd) = s.next_command() {
        text.push_str(&format!(
            "\n  {}",
            lang.trf(Msg::FixTriageNext, &[("command", &paint(CMD, &cmd))])
        ));
    }
    super::fit(&text)
}

/// The question that would settle an unsure suggestion, and how a script answers it.
pub fn fix_triage_question(out: &Output, q: &crate::triage::Question) -> String {
    let lang = out.lang;
    let answer = format!("--answer {}={}", q.id, q.keys().join("|"));
    super::fit(&format!(
        "\n  {}\n  {}",
        lang.trf(Msg::FixTriageAsk, &[("question", &q.text.get(lang))]),
        lang.trf(Msg::FixTriageAnswer, &[("command", &paint(CMD, &answer))])
    ))
}

/// What an automatic check found, while the walk goes on.
pub fn fix_check_result(out: &Output, findings: &[Finding], result: &str) -> String {
    let mut s = out.findings(findings);
    s.push_str(&super::fit(&format!(
        "{} {}",
        out.glyphs.arrow(),
        paint(BOLD, result)
    )));
    s
}

/// The guide for `category` as a Markdown checklist: every branch (or only `only`), every
/// step, to print and keep at the counter.
pub fn fix_checklist(
    guides: &Guides,
    category: Category,
    lang: Lang,
    only: Option<Cause>,
) -> String {
    let mut s = format!(
        "# {}\n\n{}\n\n",
        lang.trf(Msg::FixHeading, &[("category", &category.name(lang))]),
        lang.tr(Msg::FixPrintIntro)
    );
    let Some(guide) = guides.guide(category) else {
        return s;
    };
    s.push_str(&format!("**{}**\n\n", guide.question.get(lang)));
    for b in &guide.branches {
        if only.is_some_and(|c| c != b.cause) {
            continue;
        }
        s.push_str(&format!("## {}\n\n", b.label.get(lang)));
        for name in &b.steps {
            let Some(step) = guides.steps.get(name) else {
                continue;
            };
            s.push_str(&format!("- [ ] {}\n", step.text.get(lang)));
            if let Some(fail) = step.fail.as_ref().and_then(|f| guides.steps.get(f)) {
                s.push_str(&format!(
                    "  - [ ] {}{}{}\n",
                    lang.tr(Msg::FixOnFail),
                    super::colon(lang),
                    fail.text.get(lang)
                ));
            }
        }
        s.push_str(&format!("- [ ] {}\n\n", lang.tr(Msg::FixEscalateLine)));
    }
    super::fit(&s)
}
