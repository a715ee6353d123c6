//! A guided session run from its first position to its end: the engine of `posdoctor fix`.
//!
//! [`Session`] says where an answer leads; a [`Run`] keeps the answers given so far and
//! takes each next one from, in this order, the scripted `--answer NODE=CHOICE`s, an
//! automatic check, and a person. The run owns the loop (back, start over, quit, the bound
//! on it, a signal ending it); the caller supplies an [`Answerer`] that runs the checks and
//! asks the person, as trippy's `Tracer::run_with` owns its loop and the UI supplies a
//! callback. What the run ends with ([`Walked`]) knows the category and cause chosen, the
//! outcome, the text shown at each position and the ticket for the acquirer.

use std::collections::BTreeMap;

use super::{Asking, Guides, Node, Pos, Session, StepKind, Walk};
use crate::codes::CodeTable;
use crate::error::{Error, Message};
use crate::finding::{Finding, Locale, Status};
use crate::i18n::{Lang, Msg};
use crate::incident::{NewIncident, Outcome, StepTaken};
use crate::taxonomy::{Category, Cause};
use crate::ticket::{Checked, Ticket};
use crate::triage::{Rules, Suggestion};

/// How many positions a run visits at most. Every answer moves forward along a finite
/// guide; only a person's backs and restarts come round again, and they are their own.
const MAX_POSITIONS: usize = 10_000;

/// What a person did at a prompt.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Reply {
    Choice(String),
    Back,
    Restart,
    Quit,
}

/// A question for a person that the engine composes itself (what the terminal shows in
/// place of a check, what to do without a profile): the question, the answers with the
/// choice each stands for, then back and start over (when there is an answer to go back to)
/// and quit.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Menu {
    pub prompt: String,
    /// `(choice, label)`, in the order shown.
    pub answers: Vec<(String, String)>,
    pub can_go_back: bool,
    lang: Lang,
}

impl Menu {
    pub fn new(lang: Lang, prompt: String, answers: Vec<(String, String)>, back: bool) -> Menu {
        Menu {
            prompt,
            answers,
            can_go_back: back,
            lang,
        }
    }

    /// Every item as shown: the answers, back and start over, quit.
    pub fn labels(&self) -> Vec<String> {
        let lang = self.lang;
        let mut labels: Vec<String> = self.answers.iter().map(|(_, l)| l.clone()).collect();
        if self.can_go_back {
            labels.push(lang.tr(Msg::FixBack).into());
            labels.push(lang.tr(Msg::FixRestart).into());
        }
        labels.push(lang.tr(Msg::FixQuit).into());
        labels
    }

    /// What the item at `pick` means; leaving the menu (`None`: Esc, q, Ctrl-C) is quitting.
    pub fn reply(&self, pick: Option<usize>) -> Reply {
        let n = self.answers.len();
        match pick {
            Some(i) if i < n => Reply::Choice(self.answers[i].0.clone()),
            Some(i) if self.can_go_back && i == n => Reply::Back,
            Some(i) if self.can_go_back && i == n + 1 => Reply::Restart,
            _ => Reply::Quit,
        }
    }

    /// The label of `choice`.
    pub fn label(&self, choice: &str) -> Option<&str> {
        self.answers
            .iter()
            .find(|(c, _)| c == choice)
            .map(|(_, l)| l.as_str())
    }
}

/// What a person chose to do, before the walk, when no profile is configured.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Setup {
    /// Create a profile now (`posdoctor profile init`), then walk with its checks.
    Profile,
    /// Practise against the simulated acquirer (`--demo`): a training record.
    Demo,
    /// Go on without one, answering what the terminal shows in place of each check.
    Observe,
    Quit,
}

impl Setup {
    /// The offer made before a walk when there is no profile to check against.
    pub fn menu(lang: Lang) -> Menu {
        let answers = [
            ("profile", Msg::FixSetupProfile),
            ("demo", Msg::FixSetupDemo),
            ("observe", Msg::FixSetupObserve),
        ]
        .into_iter()
        .map(|(k, m)| (k.to_string(), lang.tr(m).to_string()))
        .collect();
        Menu::new(lang, lang.tr(Msg::FixSetup).to_string(), answers, false)
    }

    pub fn from_reply(reply: &Reply) -> Setup {
        match reply {
            Reply::Choice(c) if c == "profile" => Setup::Profile,
            Reply::Choice(c) if c == "demo" => Setup::Demo,
            Reply::Choice(c) if c == "observe" => Setup::Observe,
            _ => Setup::Quit,
        }
    }
}

/// An automatic check's result.
#[derive(Debug, Clone)]
pub struct CheckRun {
    pub pass: bool,
    /// The findings that failed (or all of them, when none did).
    pub findings: Vec<Finding>,
    /// The first failing finding's summary, for the ticket.
    pub summary: crate::finding::Text,
}

impl CheckRun {
    /// A check's findings: it passes when none failed.
    pub fn from_findings(findings: Vec<Finding>) -> CheckRun {
        let failed: Vec<Finding> = findings
            .iter()
            .filter(|f| f.status == Status::Fail)
            .cloned()
            .collect();
        let pass = failed.is_empty();
        let summary = failed
            .first()
            .map_or_else(|| String::new().into(), |f| f.summary.clone());
        CheckRun {
            pass,
            findings: if pass { findings } else { failed },
            summary,
        }
    }
}

/// Where the answers the script did not give come from.
pub trait Answerer {
    /// Whether a person is there to ask (stdin and stderr are a terminal).
    fn interactive(&self) -> bool;

    /// Runs the automatic check `name` (one of [`super::CHECKS`]) described by `what`:
    /// `Ok(Err(why))` when it cannot run here, `Err` when a flag or the configuration is
    /// wrong (or `Error::Interrupted` when a signal cut it short).
    fn check(&mut self, name: &str, what: &str) -> Result<Result<CheckRun, String>, Error>;

    /// Asks the person at `pos`; `can_go_back` when there is an answer to go back to.
    fn ask(&mut self, session: &Session, pos: &Pos, can_go_back: bool) -> Result<Reply, Error>;

    /// Asks the person a question the engine composed (what the terminal shows in place of
    /// a check that cannot run).
    fn choose(&mut self, menu: &Menu) -> Result<Reply, Error>;

    /// A check ran: its findings and the result line, for a person watching.
    fn checked(&mut self, _findings: &[Finding], _result: &str) {}

    /// A check could not run and the person will be asked what the terminal shows instead.
    fn skipped(&mut self, _why: &str) {}
}

/// One answered position, with what an automatic check found.
#[derive(Debug, Clone)]
pub struct Answered {
    pub pos: Pos,
    pub answer: String,
    pub auto: bool,
    /// A check a person answered from what the terminal showed (it could not run).
    pub observed: bool,
    pub result: Option<String>,
    pub findings: Vec<Finding>,
}

/// How a session begins, from what the operator gave.
#[derive(Default)]
pub struct Begin<'a> {
    /// What triage made of the operator's words (`--symptom`).
    pub suggestion: Option<&'a Suggestion>,
    /// A response code (`--code`): its category and branch.
    pub code: Option<&'a str>,
    pub category: Option<Category>,
    pub cause: Option<Cause>,
}

impl<'a> Begin<'a> {
    /// The session that starts here: confirming a triage suggestion, the questions that
    /// split its candidates when the words said too little, a code's branch, a category's
    /// guide (at its cause when given), or the choice of category.
    pub fn session<'g>(
        &self,
        guides: &'g Guides,
        rules: &'g Rules,
        codes: &CodeTable,
    ) -> Result<Session<'g>, Error> {
        let asking = self
            .suggestion
            .filter(|s| s.category.is_none())
            .map(|s| Asking {
                rules,
                scores: s.scores.clone(),
                causes: s.causes.clone(),
            });
        let start = match (&asking, self.suggestion) {
            (Some(a), _) => a.start(guides),
            (None, Some(_)) => Pos::Triage,
            (None, None) => self.start(guides, codes)?,
        };
        Ok(Session {
            guides,
            suggested: self
                .suggestion
                .and_then(|s| s.category.map(|c| (c, s.cause))),
            asking,
            start,
        })
    }

    fn start(&self, guides: &Guides, codes: &CodeTable) -> Result<Pos, Error> {
        if let Some(code) = self.code {
            let entry = codes
                .get(code)
                .ok_or_else(|| Message::new(Msg::ErrorFixCode).arg("code", code))?;
            let category = self.category.unwrap_or(entry.category);
            let walk = Walk::new(guides, category)
                .ok_or_else(|| Message::new(Msg::ErrorFixCode).arg("code", code))?;
            let cause = walk
                .cause_for_code(&entry.code)
                .or_else(|| walk.branch(entry.cause).map(|b| b.cause));
            return Ok(Session::at(category, cause, guides));
        }
        Ok(match self.category {
            Some(c) => Session::at(c, self.cause, guides),
            None => Pos::Category,
        })
    }
}

/// A session with its scripted answers, ready to run.
pub struct Run<'g> {
    pub session: Session<'g>,
    scripted: BTreeMap<String, String>,
    lang: Lang,
}

impl<'g> Run<'g> {
    /// `answers` are `NODE=CHOICE` as `--answer` takes them; each is checked as it is used.
    pub fn new(session: Session<'g>, answers: &[String], lang: Lang) -> Result<Run<'g>, Error> {
        let mut scripted = BTreeMap::new();
        for a in answers {
            let (node, choice) = a
                .split_once('=')
                .filter(|(n, c)| !n.trim().is_empty() && !c.trim().is_empty())
                .ok_or_else(|| Message::new(Msg::ErrorFixAnswer).arg("value", a))?;
            scripted.insert(node.trim().to_string(), choice.trim().to_string());
        }
        Ok(Run {
            session,
            scripted,
            lang,
        })
    }

    /// Whether the script answered anything.
    pub fn is_scripted(&self) -> bool {
        !self.scripted.is_empty()
    }

    /// Walks the session to its end: resolved, escalated (the guide ran out), or
    /// abandoned (the person quit, or a signal came). A position nobody can answer is an
    /// error naming the `--answer` that would; so is a scripted answer that is not a choice
    /// or was never asked.
    pub fn run_with(&self, answerer: &mut dyn Answerer) -> Result<Walked, Error> {
        let session = &self.session;
        let lang = self.lang;
        let interactive = answerer.interactive();
        let mut history: Vec<Answered> = Vec::new();
        let mut used: Vec<String> = Vec::new();
        let mut quit = false;
        for _ in 0..MAX_POSITIONS {
            // Ctrl-C or SIGTERM during the walk: it ends here, recorded as abandoned.
            if crate::interrupt::received() {
                quit = true;
                break;
            }
            let pos = self.position(&history);
            if session.is_end(&pos) {
                break;
            }
            let id = session.id(&pos);
            let choices = session.choices(&pos).join("|");
            if let Some(a) = self.scripted.get(&id) {
                if session.next(&pos, a).is_none() {
                    return Err(Message::new(Msg::ErrorFixBadChoice)
                        .arg("node", &id)
                        .arg("value", a)
                        .arg("choices", choices)
                        .into());
                }
                used.push(id);
                history.push(Answered::by_hand(pos, a.clone()));
                continue;
            }
            // An automatic check the script did not answer: run it when there is something
            // to run it against.
            if let Some(name) = check_at(session, &pos) {
                let what = self.text(&pos).unwrap_or_default();
                let ran = match answerer.check(&name, &what) {
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
                            lang.trf(
                                Msg::FixAutoFail,
                                &[("what", &run.summary.say(Locale::ascii(lang)))],
                            )
                        };
                        answerer.checked(&run.findings, &result);
                        history.push(Answered {
                            pos,
                            answer: if run.pass { "ok" } else { "fail" }.into(),
                            auto: true,
                            observed: false,
                            result: Some(result),
                            findings: run.findings,
                        });
                        continue;
                    }
                    Err(why) if interactive => {
                        answerer.skipped(&why);
                        // What the terminal shows, in place of the check.
                        if let Some(menu) = self.observation(&pos, !history.is_empty()) {
                            let reply = answerer.choose(&menu)?;
                            if let Reply::Choice(a) = &reply {
                                let seen = menu.label(a).unwrap_or_default();
                                history.push(Answered {
                                    answer: a.clone(),
                                    auto: false,
                                    observed: true,
                                    result: Some(lang.trf(Msg::FixObserved, &[("what", &seen)])),
                                    ..Answered::by_hand(pos, String::new())
                                });
                            } else if apply(reply, &mut history) {
                                quit = true;
                                break;
                            }
                            continue;
                        }
                    }
                    Err(why) => {
                        return Err(Message::new(Msg::ErrorFixMissingCheck)
                            .arg("node", &id)
                            .arg("choices", choices)
                            .arg("why", why)
                            .into());
                    }
                }
            }
            if !interactive {
                return Err(Message::new(Msg::ErrorFixMissing)
                    .arg("node", &id)
                    .arg("choices", choices)
                    .into());
            }
            match answerer.ask(session, &pos, !history.is_empty())? {
                Reply::Choice(a) => history.push(Answered::by_hand(pos, a)),
                other => {
                    if apply(other, &mut history) {
                        quit = true;
                        break;
                    }
                }
            }
        }
        if !crate::interrupt::received()
            && let Some(unused) = self.scripted.keys().find(|k| !used.contains(k))
        {
            return Err(Message::new(Msg::ErrorFixUnused).arg("node", unused).into());
        }
        let end = self.position(&history);
        let outcome = match end {
            _ if quit => Outcome::Abandoned,
            Pos::Guide(_, Node::Resolved) => Outcome::Resolved,
            _ => Outcome::Escalated,
        };
        let (category, cause) = chosen(&history, &end);
        Ok(Walked {
            history,
            outcome,
            category,
            cause,
        })
    }

    /// Where the answers so far lead. Pure: going back is forgetting an answer.
    fn position(&self, history: &[Answered]) -> Pos {
        history
            .last()
            .and_then(|h| self.session.next(&h.pos, &h.answer))
            .unwrap_or_else(|| self.session.start.clone())
    }

    /// The question about the terminal asked in place of the check at `pos`, when it is a
    /// check.
    fn observation(&self, pos: &Pos, can_go_back: bool) -> Option<Menu> {
        let Pos::Guide(c, n @ Node::Step { .. }) = pos else {
            return None;
        };
        let step = self.session.walk(*c)?.step(n)?;
        let o = step.observe.as_ref()?;
        let lang = self.lang;
        Some(Menu::new(
            lang,
            o.text.get(lang).to_string(),
            o.answers(lang),
            can_go_back,
        ))
    }

    /// What the operator was asked at an answered position: the question about the
    /// terminal for a check they answered from what it showed, else [`Run::text`].
    pub fn shown(&self, h: &Answered) -> Option<String> {
        match h.observed {
            true => self.observation(&h.pos, false).map(|m| m.prompt),
            false => self.text(&h.pos),
        }
    }

    /// What the operator saw at `pos`, in their language.
    pub fn text(&self, pos: &Pos) -> Option<String> {
        let (session, lang) = (&self.session, self.lang);
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

    /// The ticket for the acquirer: the payment's facts from `record` and every guide step
    /// taken with its result.
    pub fn ticket(&self, walked: &Walked, record: &NewIncident) -> Ticket {
        let lang = self.lang;
        let checks = walked
            .history
            .iter()
            .filter_map(|h| {
                let Pos::Guide(c, n) = &h.pos else {
                    return None;
                };
                let step = self.session.walk(*c)?.step(n)?;
                let is_check = step.kind == StepKind::Check && matches!(n, Node::Step { .. });
                let result = h.result.clone().unwrap_or_else(|| {
                    lang.tr(match (is_check, h.answer.as_str()) {
                        (true, "ok") => Msg::FixAutoOk,
                        (true, _) => Msg::FixFailed,
                        _ => Msg::FixStepTried,
                    })
                    .to_string()
                });
                let what = if is_check {
                    check_name(lang, step.check.as_deref())
                } else {
                    step.title(lang).to_string()
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
            amount: record.amount,
            rrn: record.rrn.clone(),
            trace: None,
            card: None,
            terminal_id: record.terminal_id.clone(),
            merchant_id: record.merchant_id.clone(),
            code: record.code.clone(),
            category: record.category,
            cause: record.cause,
            checks,
        }
        .with_card(record.card.as_deref())
    }
}

impl Answered {
    fn by_hand(pos: Pos, answer: String) -> Answered {
        Answered {
            pos,
            answer,
            auto: false,
            observed: false,
            result: None,
            findings: Vec::new(),
        }
    }
}

/// A run's end: every answer, the outcome, and the category and cause it ended up in.
#[derive(Debug, Clone)]
pub struct Walked {
    pub history: Vec<Answered>,
    pub outcome: Outcome,
    pub category: Option<Category>,
    pub cause: Option<Cause>,
}

impl Walked {
    /// A run left before its first question.
    pub fn abandoned() -> Walked {
        Walked {
            history: Vec::new(),
            outcome: Outcome::Abandoned,
            category: None,
            cause: None,
        }
    }

    /// The steps as the incident log keeps them.
    pub fn steps(&self, session: &Session) -> Vec<StepTaken> {
        self.history
            .iter()
            .map(|h| StepTaken {
                node: session.id(&h.pos),
                answer: h.answer.clone(),
                auto: h.auto,
                result: h.result.clone(),
            })
            .collect()
    }

    /// Everything the automatic checks found.
    pub fn findings(&self) -> impl Iterator<Item = &Finding> {
        self.history.iter().flat_map(|h| h.findings.iter())
    }
}

/// A person's back, start over or quit applied to the answers so far; `true` for quit.
fn apply(reply: Reply, history: &mut Vec<Answered>) -> bool {
    match reply {
        Reply::Back => {
            // Back to the last question a person answered, past checks that ran alone.
            while let Some(h) = history.pop() {
                if !h.auto {
                    break;
                }
            }
        }
        Reply::Restart => history.clear(),
        Reply::Quit => return true,
        // An answer is kept by the caller.
        Reply::Choice(_) => {}
    }
    false
}

/// The automatic check at `pos`, when it is a check step.
fn check_at(session: &Session, pos: &Pos) -> Option<String> {
    let Pos::Guide(c, n @ Node::Step { .. }) = pos else {
        return None;
    };
    let step = session.walk(*c)?.step(n)?;
    (step.kind == StepKind::Check).then(|| step.check.clone().unwrap_or_default())
}

/// The category and cause a session ended up in: the last guide position's.
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

#[cfg(test)]
mod tests {
    use std::collections::VecDeque;

    use super::*;

    /// Answers as a script or a person would: automatic checks from `checks` (none: they
    /// cannot run), replies from `replies` when interactive.
    #[derive(Default)]
    struct Scripted {
        interactive: bool,
        checks: VecDeque<bool>,
        replies: VecDeque<Reply>,
        asked: Vec<String>,
    }

    impl Answerer for Scripted {
        fn interactive(&self) -> bool {
            self.interactive
        }

        fn check(&mut self, name: &str, _what: &str) -> Result<Result<CheckRun, String>, Error> {
            Ok(match self.checks.pop_front() {
                Some(pass) => {
                    let status = if pass { Status::Ok } else { Status::Fail };
                    let f = Finding::new(format!("test.{name}"), status, "link down");
                    Ok(CheckRun::from_findings(vec![f]))
                }
                None => Err("nothing to run against".into()),
            })
        }

        fn ask(&mut self, session: &Session, pos: &Pos, _back: bool) -> Result<Reply, Error> {
            self.asked.push(session.id(pos));
            Ok(self.replies.pop_front().unwrap_or(Reply::Quit))
        }

        fn choose(&mut self, menu: &Menu) -> Result<Reply, Error> {
            self.asked.push(format!("menu: {}", menu.prompt));
            Ok(self.replies.pop_front().unwrap_or(Reply::Quit))
        }
    }

    struct Fixture {
        guides: Guides,
        rules: Rules,
        codes: CodeTable,
    }

    impl Fixture {
        fn new() -> Fixture {
            Fixture {
                guides: Guides::builtin(),
                rules: Rules::builtin(),
                codes: CodeTable::builtin().unwrap(),
            }
        }

        fn run(&self, begin: Begin, answers: &[&str], lang: Lang) -> Result<Run<'_>, Error> {
            let session = begin.session(&self.guides, &self.rules, &self.codes)?;
            let answers: Vec<String> = answers.iter().map(|a| a.to_string()).collect();
            Run::new(session, &answers, lang)
        }
    }

    fn category(c: Category) -> Begin<'static> {
        Begin {
            category: Some(c),
            ..Begin::default()
        }
    }

    /// Every path through every guide, answered by a script, in both languages: it ends as
    /// its last answer says, in the category and cause it walked, with every step recorded
    /// as answered, a text at every position and, when escalated, a ticket line per step.
    #[test]
    fn every_path_of_every_guide_walks_to_its_end() {
        let fx = Fixture::new();
        let mut walked_paths = 0;
        for c in Category::ALL {
            let w = Walk::new(&fx.guides, c).unwrap();
            for path in w.paths(&Node::Cause) {
                let answers: Vec<String> = path.iter().map(|(n, a)| format!("{n}={a}")).collect();
                let answers: Vec<&str> = answers.iter().map(String::as_str).collect();
                for lang in [Lang::En, Lang::Zh] {
                    let run = fx.run(category(c), &answers, lang).unwrap();
                    let walked = run.run_with(&mut Scripted::default()).unwrap();
                    let resolved = path.last().is_some_and(|(_, a)| a == "yes");
                    let expected = if resolved {
                        Outcome::Resolved
                    } else {
                        Outcome::Escalated
                    };
                    assert_eq!(walked.outcome, expected, "{c} {path:?}");
                    assert_eq!(walked.category, Some(c));
                    assert_eq!(
                        walked.cause.map(|k| k.to_string()).as_deref(),
                        Some(path[0].1.as_str()),
                        "{c} {path:?}"
                    );
                    let steps: Vec<(String, String)> = walked
                        .steps(&run.session)
                        .into_iter()
                        .map(|s| (s.node, s.answer))
                        .collect();
                    assert_eq!(steps, path);
                    for h in &walked.history {
                        let text = run.text(&h.pos).unwrap_or_default();
                        assert!(!text.trim().is_empty(), "{c} {}: no text", h.answer);
                    }
                    let ticket = run.ticket(&walked, &NewIncident::default());
                    // The first answer picks the cause; every later one is a step.
                    assert_eq!(ticket.checks.len(), path.len() - 1, "{c} {path:?}");
                }
                walked_paths += 1;
            }
        }
        assert!(walked_paths > 100, "only {walked_paths} paths");
    }

    #[test]
    fn automatic_checks_answer_what_the_script_does_not() {
        let fx = Fixture::new();
        let begin = Begin {
            category: Some(Category::NoResponse),
            cause: Some(Cause::Network),
            ..Begin::default()
        };
        let run = fx
            .run(
                begin,
                &["network.1=no", "network.2=no", "network.3.fix=yes"],
                Lang::En,
            )
            .unwrap();
        let mut answerer = Scripted {
            checks: [false].into(),
            ..Scripted::default()
        };
        let walked = run.run_with(&mut answerer).unwrap();
        assert_eq!(walked.outcome, Outcome::Resolved);
        let check = &walked.history[2];
        assert!(check.auto);
        assert_eq!(check.answer, "fail");
        assert!(check.result.as_deref().unwrap().contains("link down"));
        assert_eq!(walked.findings().count(), 1);
        // With nothing to run against, a script is told which answer would do.
        let run = fx
            .run(
                category(Category::NoResponse),
                &["cause=network", "network.1=no", "network.2=no"],
                Lang::En,
            )
            .unwrap();
        let e = run.run_with(&mut Scripted::default()).unwrap_err();
        let said = e.render(Lang::En);
        assert!(
            said.contains("network.3 could not run (nothing to run against)")
                && said.contains("--answer network.3=CHOICE (ok|fail)"),
            "{said}"
        );
    }

    #[test]
    fn scripts_are_told_what_is_wrong() {
        let fx = Fixture::new();
        let said = |answers: &[&str]| {
            let run = fx.run(category(Category::Declined), answers, Lang::En)?;
            run.run_with(&mut Scripted::default())
                .map(|_| String::new())
        };
        let missing = said(&[]).unwrap_err().render(Lang::En);
        assert!(missing.contains("--answer cause="), "{missing}");
        let bad = said(&["cause=weather"]).unwrap_err().render(Lang::En);
        assert!(
            bad.contains("weather") && bad.contains("funds|card"),
            "{bad}"
        );
        let unused = said(&["cause=funds", "funds.1=yes", "x.9=no"]).unwrap_err();
        assert!(unused.render(Lang::En).contains("x.9"));
        assert!(
            fx.run(category(Category::Declined), &["cause"], Lang::En)
                .is_err()
        );
        // A response code starts at its branch.
        let begin = Begin {
            code: Some("51"),
            ..Begin::default()
        };
        let run = fx.run(begin, &["funds.1=yes"], Lang::En).unwrap();
        let walked = run.run_with(&mut Scripted::default()).unwrap();
        assert_eq!(walked.cause, Some(Cause::Funds));
        let begin = Begin {
            code: Some("ZZ"),
            ..Begin::default()
        };
        assert!(fx.run(begin, &[], Lang::En).is_err());
    }

    #[test]
    fn a_person_can_go_back_start_over_and_quit() {
        let fx = Fixture::new();
        let run = fx.run(Begin::default(), &[], Lang::Zh).unwrap();
        let choice = |c: &str| Reply::Choice(c.into());
        let mut person = Scripted {
            interactive: true,
            replies: [
                choice("declined"),
                choice("funds"),
                Reply::Back,
                choice("card"),
                Reply::Restart,
                choice("no-response"),
                choice("network"),
                choice("no"),
                Reply::Quit,
            ]
            .into(),
            ..Scripted::default()
        };
        let walked = run.run_with(&mut person).unwrap();
        assert_eq!(
            person.asked,
            [
                "category",
                "cause",
                "funds.1",
                "cause",
                "card.1",
                "category",
                "cause",
                "network.1",
                "network.2"
            ]
        );
        assert_eq!(walked.outcome, Outcome::Abandoned);
        assert_eq!(
            (walked.category, walked.cause),
            (Some(Category::NoResponse), Some(Cause::Network))
        );
        assert_eq!(walked.history.len(), 3);
    }

    /// Without a profile a check cannot run: a person is asked what the terminal shows, in
    /// their language, never to vouch for the check; the answer is recorded as seen, and
    /// back leaves the question like any other.
    #[test]
    fn a_check_that_cannot_run_asks_what_the_terminal_shows() {
        let fx = Fixture::new();
        let choice = |c: &str| Reply::Choice(c.into());
        for lang in [Lang::Zh, Lang::En] {
            let begin = Begin {
                category: Some(Category::NoResponse),
                cause: Some(Cause::Network),
                ..Begin::default()
            };
            let run = fx.run(begin, &[], lang).unwrap();
            let mut person = Scripted {
                interactive: true,
                replies: [
                    choice("no"),
                    choice("no"),
                    // At the check: back to the step before, then on again.
                    Reply::Back,
                    choice("no"),
                    choice("fail"),
                    choice("no"),
                    choice("no"),
                ]
                .into(),
                ..Scripted::default()
            };
            let walked = run.run_with(&mut person).unwrap();
            let menus: Vec<&String> = person
                .asked
                .iter()
                .filter(|a| a.starts_with("menu: "))
                .collect();
            assert_eq!(menus.len(), 2, "{:?}", person.asked);
            let question = menus[0].trim_start_matches("menu: ");
            assert!(!question.contains("posdoctor"), "{question}");
            assert_eq!(walked.outcome, Outcome::Escalated);
            let steps: Vec<String> = walked
                .steps(&run.session)
                .into_iter()
                .map(|s| format!("{}={}", s.node, s.answer))
                .collect();
            assert_eq!(
                steps,
                [
                    "network.1=no",
                    "network.2=no",
                    "network.3=fail",
                    "network.3.fix=no",
                    "network.4=no"
                ]
            );
            let seen = &walked.history[2];
            assert!(seen.observed && !seen.auto);
            let result = seen.result.clone().unwrap();
            let (said, fail) = match lang {
                Lang::Zh => ("终端上看到：", "通讯失败"),
                Lang::En => ("seen at the terminal: ", "Communication failed"),
            };
            assert!(
                result.starts_with(said) && result.contains(fail),
                "{result}"
            );
            assert_eq!(run.shown(seen).as_deref(), Some(question));
            let ticket = run.ticket(&walked, &NewIncident::default());
            assert!(
                ticket.checks.iter().any(|c| c.result == result),
                "{ticket:?}"
            );
        }
    }

    #[test]
    fn the_offer_without_a_profile_and_its_menu() {
        let menu = Setup::menu(Lang::Zh);
        assert!(menu.prompt.contains("配置档"));
        let labels = menu.labels();
        assert!(labels[0].contains("posdoctor profile init"), "{labels:?}");
        assert!(labels[1].contains("--demo"), "{labels:?}");
        // No back or start over before the walk: three choices and quit.
        assert_eq!(labels.len(), 4);
        let setup = |pick| Setup::from_reply(&menu.reply(pick));
        assert_eq!(setup(Some(0)), Setup::Profile);
        assert_eq!(setup(Some(1)), Setup::Demo);
        assert_eq!(setup(Some(2)), Setup::Observe);
        assert_eq!(setup(Some(3)), Setup::Quit);
        assert_eq!(setup(None), Setup::Quit);
        // With an answer to go back to: back, start over, quit after the answers.
        let m = Menu::new(
            Lang::En,
            "?".into(),
            vec![("ok".into(), "fine".into())],
            true,
        );
        assert_eq!(m.reply(Some(0)), Reply::Choice("ok".into()));
        assert_eq!(m.reply(Some(1)), Reply::Back);
        assert_eq!(m.reply(Some(2)), Reply::Restart);
        assert_eq!(m.reply(Some(3)), Reply::Quit);
    }

    #[test]
    fn a_suggestion_is_confirmed_first() {
        let fx = Fixture::new();
        let suggestion = fx.rules.suggest("余额不足", &fx.codes);
        assert_eq!(suggestion.category, Some(Category::Declined));
        let begin = Begin {
            suggestion: Some(&suggestion),
            ..Begin::default()
        };
        let run = fx.run(begin, &["triage=no", "category=not-credited"], Lang::En);
        let walked = run.unwrap().run_with(&mut Scripted {
            interactive: true,
            ..Scripted::default()
        });
        let walked = walked.unwrap();
        assert_eq!(walked.outcome, Outcome::Abandoned);
        assert_eq!(walked.category, Some(Category::NotCredited));
    }
}
