//! `posdoctor fix`: a guided session from what happened to the fix. Answers come from
//! `--answer` flags or, on a terminal, from the operator (with back, start over and quit);
//! automatic checks run here when a profile (or `--demo`) says what to probe; the session
//! ends with a ticket when it is escalated and with a record in the incident log.

use std::collections::BTreeMap;
use std::io::IsTerminal;

use super::Context;
use super::probing::{Probing, Reach};
use crate::cli::{FixArgs, TxnSource, TxnStatusArgs};
use crate::codes::CodeTable;
use crate::error::{Error, Message, exit};
use crate::finding::{Finding, Report, Status};
use crate::guide::{Guides, Node, Pos, Session, StepKind};
use crate::i18n::{Lang, Msg};
use crate::incident::{NewIncident, Outcome, StepTaken};
use crate::render;
use crate::taxonomy::{Category, Cause};
use crate::ticket::{Checked, Ticket};
use crate::triage::{Rules, Suggestion};

/// One answered position, with what an automatic check found.
struct Answered {
    pos: Pos,
    answer: String,
    auto: bool,
    result: Option<String>,
    findings: Vec<Finding>,
}

/// What the operator did at a prompt.
enum Reply {
    Choice(String),
    Back,
    Restart,
    Quit,
}

pub fn run(ctx: &Context, args: &FixArgs) -> Result<u8, Error> {
    let lang = ctx.out.lang;
    let guides = Guides::builtin();
    let codes = CodeTable::load(Some(&ctx.paths.config_dir))?;
    let rules = Rules::builtin();
    let suggestion = match &args.symptom {
        Some(text) if text.trim().is_empty() => {
            return Err(Message::new(Msg::ErrorFixSymptomEmpty).into());
        }
        Some(text) => Some(rules.suggest(text, &codes)),
        None => None,
    };
    // Triage could not tell: questions that split the candidates come before the menu.
    let asking = suggestion
        .as_ref()
        .filter(|s| s.category.is_none())
        .map(|s| crate::guide::Asking {
            rules: &rules,
            scores: s.scores.clone(),
            causes: s.causes.clone(),
        });
    let mut start = start(args, &guides, &codes, suggestion.as_ref())?;
    if let Some(a) = &asking {
        start = a.start(&guides);
    }
    if args.print {
        let Pos::Guide(category, node) = &start else {
            return Err(Message::new(Msg::ErrorFixCategory).into());
        };
        let only = match node {
            Node::Step { cause, .. } => Some(*cause),
            _ => None,
        };
        ctx.out
            .emit(&render::fix_checklist(&guides, *category, lang, only))?;
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
    // A description alone, from a script: the suggestion is the answer.
    if let Some(s) = &suggestion
        && !interactive
        && answers.is_empty()
    {
        return triage_report(ctx, s, asking.as_ref());
    }
    let session = Session {
        guides: &guides,
        suggested: suggestion
            .as_ref()
            .and_then(|s| s.category.map(|c| (c, s.cause))),
        asking,
        start,
    };
    if interactive && let Some(s) = &suggestion {
        ctx.out.note(&render::fix_triage(&ctx.out, s));
    }

    let mut checker = Checker::new(ctx, args);
    let mut history: Vec<Answered> = Vec::new();
    let mut used: Vec<String> = Vec::new();
    let mut quit = false;
    // Bounded: every answer moves forward along a finite guide, and the operator's backs
    // and restarts are their own.
    for _ in 0..10_000 {
        // Ctrl-C or SIGTERM during the walk: it ends here, recorded as abandoned.
        if crate::interrupt::received() {
            quit = true;
            break;
        }
        let pos = history
            .last()
            .and_then(|h| session.next(&h.pos, &h.answer))
            .unwrap_or_else(|| session.start.clone());
        if session.is_end(&pos) {
            break;
        }
        let id = session.id(&pos);
        let choices = session.choices(&pos);
        if let Some(a) = answers.get(&id) {
            if session.next(&pos, a).is_none() {
                return Err(Message::new(Msg::ErrorFixBadChoice)
                    .arg("node", &id)
                    .arg("value", a)
                    .arg("choices", choices.join("|"))
                    .into());
            }
            used.push(id.clone());
            history.push(Answered {
                pos,
                answer: a.clone(),
                auto: false,
                result: None,
                findings: Vec::new(),
            });
            continue;
        }
        // An automatic check the operator did not answer: run it when there is something
        // to run it against.
        let step = match &pos {
            Pos::Guide(c, n) => session.walk(*c).and_then(|w| w.step(n)),
            _ => None,
        };
        if let (Some(step), Pos::Guide(_, Node::Step { .. })) = (step, &pos)
            && step.kind == StepKind::Check
        {
            let name = step.check.as_deref().unwrap_or_default();
            if interactive {
                ctx.out
                    .note(&lang.trf(Msg::FixRunning, &[("what", &step.text.get(lang))]));
            }
            let ran = match checker.run(name) {
                Err(Error::Interrupted) => None,
                other => Some(other?),
            };
            // A check cut short by the signal is not an answer.
            let Some(ran) = ran.filter(|_| !crate::interrupt::received()) else {
                quit = true;
                break;
            };
            match ran {
                Ok(run) => {
                    let result = if run.pass {
                        lang.tr(Msg::FixAutoOk).to_string()
                    } else {
                        lang.trf(Msg::FixAutoFail, &[("what", &run.summary)])
                    };
                    if interactive {
                        ctx.out
                            .note(&render::fix_check_result(&ctx.out, &run.findings, &result));
                    }
                    history.push(Answered {
                        pos,
                        answer: if run.pass { "ok" } else { "fail" }.into(),
                        auto: true,
                        result: Some(result),
                        findings: run.findings,
                    });
                    continue;
                }
                Err(why) if interactive => {
                    ctx.out.note(&lang.trf(Msg::FixAutoSkip, &[("why", &why)]));
                }
                Err(why) => {
                    return Err(Message::new(Msg::ErrorFixMissingCheck)
                        .arg("node", &id)
                        .arg("choices", choices.join("|"))
                        .arg("why", why)
                        .into());
                }
            }
        }
        if !interactive {
            return Err(Message::new(Msg::ErrorFixMissing)
                .arg("node", &id)
                .arg("choices", choices.join("|"))
                .into());
        }
        match ask(&session, &pos, lang, !history.is_empty())? {
            Reply::Choice(a) => history.push(Answered {
                pos,
                answer: a,
                auto: false,
                result: None,
                findings: Vec::new(),
            }),
            Reply::Back => {
                // Back to the last question a person answered, past checks that ran alone.
                while let Some(h) = history.pop() {
                    if !h.auto {
                        break;
                    }
                }
            }
            Reply::Restart => history.clear(),
            Reply::Quit => {
                quit = true;
                break;
            }
        }
    }
    if !crate::interrupt::received()
        && let Some(unused) = answers.keys().find(|k| !used.contains(k))
    {
        return Err(Message::new(Msg::ErrorFixUnused).arg("node", unused).into());
    }

    let end = history
        .last()
        .and_then(|h| session.next(&h.pos, &h.answer))
        .unwrap_or_else(|| session.start.clone());
    let outcome = match end {
        _ if quit => Outcome::Abandoned,
        Pos::Guide(_, Node::Resolved) => Outcome::Resolved,
        _ => Outcome::Escalated,
    };
    let (category, cause) = chosen(&history, &end);
    finish(
        ctx,
        args,
        &session,
        &history,
        category,
        cause,
        outcome,
        &mut checker,
        interactive,
    )
}

/// Where the session starts, from the flags.
fn start(
    args: &FixArgs,
    guides: &Guides,
    codes: &CodeTable,
    suggestion: Option<&Suggestion>,
) -> Result<Pos, Error> {
    if suggestion.is_some() {
        return Ok(match suggestion.and_then(|s| s.category) {
            Some(_) => Pos::Triage,
            None => Pos::Category,
        });
    }
    if let Some(code) = &args.code {
        let entry = codes
            .get(code)
            .ok_or_else(|| Message::new(Msg::ErrorFixCode).arg("code", code))?;
        let category = args.category.unwrap_or(entry.category);
        let walk = crate::guide::Walk::new(guides, category)
            .ok_or_else(|| Message::new(Msg::ErrorFixCode).arg("code", code))?;
        let cause = walk
            .cause_for_code(&entry.code)
            .or_else(|| walk.branch(entry.cause).map(|b| b.cause));
        return Ok(Session::at(category, cause, guides));
    }
    Ok(match args.category {
        Some(c) => Session::at(c, args.cause, guides),
        None => Pos::Category,
    })
}

/// The category and cause the session ended up in.
fn chosen(history: &[Answered], end: &Pos) -> (Option<Category>, Option<Cause>) {
    let mut category = None;
    let mut cause = None;
    for p in history.iter().map(|h| &h.pos).chain(std::iter::once(end)) {
        if let Pos::Guide(c, n) = p {
            category = Some(*c);
            if let Node::Step { cause: k, .. } | Node::Fix { cause: k, .. } = n {
                cause = Some(*k);
            }
        }
    }
    (category, cause)
}

/// The report, the ticket and the incident record at the end of a session.
#[allow(clippy::too_many_arguments)]
fn finish(
    ctx: &Context,
    args: &FixArgs,
    session: &Session,
    history: &[Answered],
    category: Option<Category>,
    cause: Option<Cause>,
    outcome: Outcome,
    checker: &mut Checker,
    interactive: bool,
) -> Result<u8, Error> {
    let lang = ctx.out.lang;
    let mut record = NewIncident {
        category,
        cause,
        outcome: Some(outcome),
        source: "fix",
        code: args.code.clone(),
        steps: history
            .iter()
            .map(|h| StepTaken {
                node: session.id(&h.pos),
                answer: h.answer.clone(),
                auto: h.auto,
                result: h.result.clone(),
            })
            .collect(),
        ..Default::default()
    };
    if let Some(p) = checker.profile() {
        record.terminal_id = p.terminal_id.clone();
        record.merchant_id = p.merchant_id.clone();
    }
    super::incident::facts(&args.about, &mut record)?;
    // The acquirer asks for the RRN first; on a terminal it is worth one question.
    if interactive && outcome == Outcome::Escalated && record.rrn.is_none() {
        record.rrn = ask_rrn(lang)?;
    }
    let ticket = (outcome == Outcome::Escalated).then(|| ticket(lang, session, history, &record));
    let recorded = match (&category, args.no_record) {
        (Some(_), false) => {
            let journal = ctx.journal()?;
            Some(journal.add_incident(&record)?.id)
        }
        _ => None,
    };

    let (status, summary) = match outcome {
        Outcome::Resolved => (Status::Ok, lang.tr(Msg::FixResolved)),
        Outcome::Abandoned => (Status::Fail, lang.tr(Msg::FixQuitNote)),
        _ => (Status::Fail, lang.tr(Msg::FixEscalate)),
    };
    // The report's word for an escalation predates the incident log's and stays as it was.
    let outcome_key = match outcome {
        Outcome::Escalated => "escalate",
        o => o.key(),
    };
    let mut f = Finding::new("fix.outcome", status, summary).metric("outcome", outcome_key);
    if let (Some(c), Some(k)) = (category, cause) {
        f = f.blame(c, k);
    }
    let mut findings: Vec<Finding> = history
        .iter()
        .flat_map(|h| h.findings.iter().cloned())
        .collect();
    findings.push(f);
    let steps: Vec<serde_json::Value> = history
        .iter()
        .map(|h| {
            let mut v = serde_json::json!({"node": session.id(&h.pos), "answer": h.answer});
            if h.auto {
                v["auto"] = true.into();
            }
            if let Some(r) = &h.result {
                v["result"] = r.clone().into();
            }
            v
        })
        .collect();
    let mut report = Report::new("fix", findings)
        .with("category", category)
        .with("cause", cause)
        .with("outcome", outcome_key)
        .with("steps", &steps);
    if let Some(t) = &ticket {
        report = report.with("ticket", t);
    }
    if let Some(id) = recorded {
        report = report.with("incident", id);
    }
    let report = crate::interrupt::mark(report, lang);
    let lines: Vec<render::FixLine> = history
        .iter()
        .map(|h| render::FixLine {
            id: session.id(&h.pos),
            text: position_text(session, &h.pos, lang),
            answer: h.answer.clone(),
            result: h.result.clone(),
        })
        .collect();
    ctx.out.report(&report, |o| {
        render::fix_walk(
            o,
            category,
            &lines,
            &report.findings,
            ticket.as_ref(),
            recorded,
        )
    })?;
    Ok(match outcome {
        Outcome::Resolved => exit::OK,
        Outcome::Abandoned => exit::INTERRUPTED,
        _ => exit::FAILED,
    })
}

/// What the operator saw at `pos`, in their language.
fn position_text(session: &Session, pos: &Pos, lang: Lang) -> Option<String> {
    match pos {
        Pos::Triage => Some(lang.tr(Msg::FixTriageConfirm).to_string()),
        Pos::Category => Some(lang.tr(Msg::FixWhichCategory).to_string()),
        Pos::Ask { id, .. } => session
            .asking
            .as_ref()
            .and_then(|a| a.rules.question(id))
            .map(|q| q.text.get(lang).to_string()),
        Pos::Guide(c, Node::Cause) => session
            .walk(*c)
            .map(|w| w.guide.question.get(lang).to_string()),
        Pos::Guide(c, n) => session
            .walk(*c)
            .and_then(|w| w.step(n))
            .map(|s| s.text.get(lang).to_string()),
    }
}

/// The ticket for the acquirer: the payment's facts and every step with its result.
fn ticket(lang: Lang, session: &Session, history: &[Answered], r: &NewIncident) -> Ticket {
    let checks = history
        .iter()
        .filter_map(|h| {
            let Pos::Guide(c, n) = &h.pos else {
                return None;
            };
            let step = session.walk(*c)?.step(n)?;
            let result = h.result.clone().unwrap_or_else(|| {
                lang.tr(match (step.kind, h.answer.as_str(), n) {
                    (StepKind::Check, "ok", Node::Step { .. }) => Msg::FixAutoOk,
                    (StepKind::Check, _, Node::Step { .. }) => Msg::FixFailed,
                    _ => Msg::FixStepTried,
                })
                .to_string()
            });
            let what = match (step.kind, n) {
                (StepKind::Check, Node::Step { .. }) => check_name(lang, step.check.as_deref()),
                _ => step.title(lang).to_string(),
            };
            Some(Checked { what, result })
        })
        .collect();
    Ticket {
        time: Some(
            crate::txn::now_local()
                .format(&time::macros::format_description!(
                    "[year]-[month]-[day] [hour]:[minute]:[second]"
                ))
                .unwrap_or_default(),
        ),
        amount: r.amount,
        rrn: r.rrn.clone(),
        trace: None,
        card: None,
        terminal_id: r.terminal_id.clone(),
        merchant_id: r.merchant_id.clone(),
        code: r.code.clone(),
        category: r.category,
        cause: r.cause,
        checks,
    }
    .with_card(r.card.as_deref())
}

/// What an automatic check looked at, for the ticket.
fn check_name(lang: Lang, check: Option<&str>) -> String {
    lang.tr(match check {
        Some("net") => Msg::FixCheckNet,
        Some("iso") => Msg::FixCheckIso,
        Some("txn") => Msg::FixCheckTxn,
        _ => Msg::FixCheckParams,
    })
    .to_string()
}

/// A script asked only for triage: the suggestion and the command that continues from it;
/// when the words say too little, the question that would tell the candidates apart.
fn triage_report(
    ctx: &Context,
    s: &Suggestion,
    asking: Option<&crate::guide::Asking>,
) -> Result<u8, Error> {
    let next = s.next_command();
    let status = if s.category.is_some() {
        Status::Ok
    } else {
        Status::Fail
    };
    let mut f = Finding::new(
        "fix.triage",
        status,
        render::fix_triage_line(ctx.out.lang, s),
    )
    .metric("confidence", s.confidence);
    if let (Some(c), Some(k)) = (s.category, s.cause) {
        f = f.blame(c, k);
    }
    let mut triage = serde_json::to_value(s).unwrap_or_default();
    if let Some(n) = &next {
        triage["next"] = n.clone().into();
    }
    let question = asking.and_then(|a| a.rules.next_question(&a.scores, &[]));
    if let Some(q) = question {
        triage["question"] = serde_json::json!({
            "id": q.id,
            "text": q.text.get(ctx.out.lang),
            "choices": q.keys(),
        });
    }
    let report = Report::new("fix", vec![f]).with("triage", triage);
    ctx.out.report(&report, |o| {
        let mut text = render::fix_triage(o, s);
        if let Some(q) = question {
            text.push_str(&render::fix_triage_question(o, q));
        }
        text + "\n"
    })?;
    Ok(if s.category.is_some() {
        exit::OK
    } else {
        exit::FAILED
    })
}

/// Asks for the RRN on the receipt; `None` when the operator skips it.
fn ask_rrn(lang: Lang) -> Result<Option<String>, Error> {
    let answer = dialoguer::Input::<String>::new()
        .with_prompt(lang.tr(Msg::FixAskRrn))
        .allow_empty(true)
        .validate_with(move |v: &String| -> Result<(), String> {
            let v = v.trim();
            if v.is_empty() || (v.len() == 12 && v.chars().all(|c| c.is_ascii_alphanumeric())) {
                Ok(())
            } else {
                Err(lang.tr(Msg::RuleRrn).to_string())
            }
        })
        .interact_text();
    match answer {
        Ok(v) => Ok(Some(v.trim().to_string()).filter(|v| !v.is_empty())),
        Err(dialoguer::Error::IO(e)) if e.kind() == std::io::ErrorKind::Interrupted => Ok(None),
        Err(dialoguer::Error::IO(e)) => Err(Error::Io {
            message: Message::new(Msg::ErrorPrompt),
            source: e,
        }),
    }
}

/// Asks one position on the terminal.
fn ask(session: &Session, pos: &Pos, lang: Lang, can_go_back: bool) -> Result<Reply, Error> {
    // Ctrl-C at a menu is a quit like any other: the session is still recorded.
    let prompt_error = |e: dialoguer::Error| -> Option<Error> {
        let dialoguer::Error::IO(io) = e;
        (io.kind() != std::io::ErrorKind::Interrupted).then(|| Error::Io {
            message: Message::new(Msg::ErrorPrompt),
            source: io,
        })
    };
    if *pos == Pos::Triage {
        let yes = match dialoguer::Confirm::new()
            .with_prompt(lang.tr(Msg::FixTriageConfirm))
            .default(true)
            .interact_opt()
        {
            Ok(v) => v,
            Err(e) => return prompt_error(e).map_or(Ok(Reply::Quit), Err),
        };
        return Ok(match yes {
            Some(true) => Reply::Choice("yes".into()),
            Some(false) => Reply::Choice("no".into()),
            None => Reply::Quit,
        });
    }
    let choices = session.choices(pos);
    let (prompt, mut labels): (String, Vec<String>) = match pos {
        Pos::Ask { id, .. } => {
            let Some(q) = session.asking.as_ref().and_then(|a| a.rules.question(id)) else {
                return Ok(Reply::Quit);
            };
            (
                q.text.get(lang).to_string(),
                q.answers
                    .iter()
                    .map(|a| a.text.get(lang).to_string())
                    .collect(),
            )
        }
        Pos::Category => (
            lang.tr(Msg::FixWhichCategory).to_string(),
            Category::ALL
                .iter()
                .map(|c| format!("{} ({c})", c.name(lang)))
                .collect(),
        ),
        Pos::Guide(c, Node::Cause) => {
            let Some(w) = session.walk(*c) else {
                return Ok(Reply::Quit);
            };
            (
                w.guide.question.get(lang).to_string(),
                w.guide
                    .branches
                    .iter()
                    .map(|b| b.label.get(lang).to_string())
                    .collect(),
            )
        }
        Pos::Guide(c, n) => {
            let step = session.walk(*c).and_then(|w| w.step(n));
            let text = step.map_or("", |s| s.text.get(lang));
            let is_check =
                step.is_some_and(|s| s.kind == StepKind::Check) && matches!(n, Node::Step { .. });
            if is_check {
                (
                    format!("{}: {text}", lang.tr(Msg::FixCheck)),
                    vec![lang.tr(Msg::FixOk).into(), lang.tr(Msg::FixFailed).into()],
                )
            } else {
                (
                    format!("{text}\n{}", lang.tr(Msg::FixFixed)),
                    vec![lang.tr(Msg::FixYes).into(), lang.tr(Msg::FixNo).into()],
                )
            }
        }
        Pos::Triage => unreachable!("handled above"),
    };
    let n = labels.len();
    if can_go_back {
        labels.push(lang.tr(Msg::FixBack).into());
        labels.push(lang.tr(Msg::FixRestart).into());
    }
    labels.push(lang.tr(Msg::FixQuit).into());
    let pick = match dialoguer::Select::new()
        .with_prompt(prompt)
        .items(&labels)
        .default(0)
        .interact_opt()
    {
        Ok(v) => v,
        Err(e) => return prompt_error(e).map_or(Ok(Reply::Quit), Err),
    };
    Ok(match pick {
        Some(i) if i < n => choices.get(i).cloned().map_or(Reply::Quit, Reply::Choice),
        Some(i) if can_go_back && i == n => Reply::Back,
        Some(i) if can_go_back && i == n + 1 => Reply::Restart,
        _ => Reply::Quit,
    })
}

/// An automatic check's result.
struct CheckRun {
    pass: bool,
    /// The findings that failed (or all of them, when none did).
    findings: Vec<Finding>,
    /// The first failing finding's summary, for the ticket.
    summary: String,
}

/// Runs the guides' automatic checks against the active profile (or the simulator with
/// `--demo`), opening the network setup once, when the first check needs it.
struct Checker<'c> {
    ctx: &'c Context,
    args: &'c FixArgs,
    probing: Option<Result<Probing, String>>,
}

impl<'c> Checker<'c> {
    fn new(ctx: &'c Context, args: &'c FixArgs) -> Checker<'c> {
        Checker {
            ctx,
            args,
            probing: None,
        }
    }

    /// The network setup, opened on first use. `Ok(Err(why))` when there is nothing to
    /// probe (no profile); `Err` when the configuration or a flag is wrong.
    fn probing(&mut self) -> Result<Result<&Probing, String>, Error> {
        let lang = self.ctx.out.lang;
        if self.args.no_checks {
            return Ok(Err("--no-checks".into()));
        }
        if self.probing.is_none() {
            let no_profile = !self.args.demo
                && self.ctx.config()?.profiles.is_empty()
                && self.ctx.global.profile.is_none();
            self.probing = Some(if no_profile {
                Err(lang.tr(Msg::FixNoProfile).to_string())
            } else {
                Ok(Probing::open(
                    self.ctx,
                    &Reach {
                        demo: self.args.demo,
                        faults: &self.args.fault,
                        dns: &self.args.dns,
                        ca_file: self.args.ca_file.as_ref(),
                        count: 3,
                    },
                )?)
            });
        }
        Ok(match &self.probing {
            Some(Ok(p)) => Ok(p),
            Some(Err(why)) => Err(why.clone()),
            None => Err(String::new()),
        })
    }

    /// The profile checks ran against, when any did.
    fn profile(&self) -> Option<&crate::config::Profile> {
        match &self.probing {
            Some(Ok(p)) => Some(&p.profile),
            _ => None,
        }
    }

    /// Runs `check`: `Ok(Err(why))` when it cannot run here, `Err` when a flag or the
    /// configuration is wrong.
    fn run(&mut self, check: &str) -> Result<Result<CheckRun, String>, Error> {
        let lang = self.ctx.out.lang;
        let findings = match check {
            "txn" => match self.txn()? {
                Ok(f) => f,
                Err(why) => return Ok(Err(why)),
            },
            _ => {
                let config_dir = self.ctx.paths.config_dir.clone();
                let p = match self.probing()? {
                    Ok(p) => p,
                    Err(why) => return Ok(Err(why)),
                };
                match check {
                    "check" => crate::check::profile(&p.profile, &config_dir, lang),
                    "net" => {
                        p.rt.block_on(crate::net::diagnose(&p.targets, &p.opts, &|_| {}))
                    }
                    "iso" => match super::net::probe_for(&p.profile) {
                        Ok((t, probe)) => vec![
                            p.rt.block_on(crate::net::iso_probe(&t, &probe, &p.opts, &p.codes)),
                        ],
                        Err(e) => return Ok(Err(e.render(lang))),
                    },
                    other => return Ok(Err(other.to_string())),
                }
            }
        };
        let failed: Vec<Finding> = findings
            .iter()
            .filter(|f| f.status == Status::Fail)
            .cloned()
            .collect();
        let pass = failed.is_empty();
        let summary = failed
            .first()
            .map(|f| f.summary.clone())
            .unwrap_or_default();
        Ok(Ok(CheckRun {
            pass,
            findings: if pass { findings } else { failed },
            summary,
        }))
    }

    /// The transaction look-up: a known outcome passes, an unknown or missing one fails.
    fn txn(&mut self) -> Result<Result<Vec<Finding>, String>, Error> {
        let lang = self.ctx.out.lang;
        if self.args.no_checks {
            return Ok(Err("--no-checks".into()));
        }
        if self.args.about.rrn.is_none() && !self.args.demo {
            return Ok(Err(lang.tr(Msg::FixNoRrn).to_string()));
        }
        let a = TxnStatusArgs {
            rrn: self.args.about.rrn.clone(),
            trace: None,
            terminal: self.args.about.terminal.clone(),
            date: None,
            order: None,
            amount: None,
            from: None,
            to: None,
            source: TxnSource::Auto,
            demo: self.args.demo,
            fault: self.args.fault.clone(),
            dns: self.args.dns.clone(),
            ca_file: self.args.ca_file.clone(),
            retries: 2,
        };
        let found = super::txn::look_up(self.ctx, &a)?;
        let known = found.outcomes.iter().all(|o| {
            !matches!(
                o.state,
                crate::txn::State::Pending | crate::txn::State::NotFound
            )
        });
        Ok(Ok(found
            .findings
            .into_iter()
            .map(|f| {
                if f.id == "txn.status" && !known {
                    Finding {
                        status: Status::Fail,
                        ..f
                    }
                } else if f.id == "txn.status" {
                    Finding {
                        status: Status::Ok,
                        ..f
                    }
                } else {
                    f
                }
            })
            .collect()))
    }
}
