//! `posdoctor fix`: a guided session from what happened to the fix. The session engine is
//! [`crate::guide::run`]; this module supplies its answers (`--answer` flags, the
//! operator's replies on a terminal, the automatic checks) and, at the end, the incident
//! record, the ticket and the report.

use super::Context;
use crate::cli::FixArgs;
use crate::codes::CodeTable;
use crate::error::{Error, Message, exit};
use crate::finding::{Finding, Report, Status};
use crate::guide::checks::Checks;
use crate::guide::run::{Answerer, Begin, CheckRun, Menu, Reply, Run, Setup, Walked};
use crate::guide::{Guides, Node, Pos, Session};
use crate::i18n::Msg;
use crate::incident::{NewIncident, Outcome};
use crate::profile_init::Draft;
use crate::render::{self, prompt};
use crate::triage::{Rules, Suggestion};
use crate::txn::lookup::LookupRequest;

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
    let begin = Begin {
        suggestion: suggestion.as_ref(),
        code: args.code.as_deref(),
        category: args.category,
        cause: args.cause,
    };
    let session = begin.session(&guides, &rules, &codes)?;
    if args.print {
        let Pos::Guide(category, node) = &session.start else {
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
    let run = Run::new(session, &args.answers, lang)?;
    let interactive = render::can_ask();
    // A description alone, from a script: the suggestion is the answer.
    if let Some(s) = &suggestion
        && !interactive
        && !run.is_scripted()
    {
        return triage_report(ctx, s, &run.session);
    }
    if interactive && let Some(s) = &suggestion {
        ctx.out.note(&render::fix_triage(&ctx.out, s));
    }
    let mut operator = Operator {
        ctx,
        args,
        interactive,
        checks: Checks::new(
            ctx.reach(&args.reach)?,
            ctx.paths.clone(),
            ctx.global.profile.clone(),
            args.no_checks,
        )
        .with_rrn(args.about.rrn.clone()),
    };
    // No profile to check against: a person chooses to create one, to practise against the
    // simulator, or to answer what the terminal shows. A script (--answer, --json) is not
    // asked; the checks it does not answer fail as they always did.
    if interactive && !ctx.out.json && !run.is_scripted() && operator.checks.without_profile()? {
        let setup = Setup::from_reply(&operator.choose(&Setup::menu(lang))?);
        match setup {
            Setup::Profile => operator.create_profile()?,
            Setup::Demo => operator.checks.practise()?,
            Setup::Observe => {}
            Setup::Quit => return finish(&mut operator, &run, &Walked::abandoned()),
        }
    }
    let walked = run.run_with(&mut operator)?;
    finish(&mut operator, &run, &walked)
}

/// The incident record, the ticket and the report at the end of a session.
fn finish(op: &mut Operator, run: &Run, walked: &Walked) -> Result<u8, Error> {
    let (ctx, args) = (op.ctx, op.args);
    let lang = ctx.out.lang;
    let (category, cause, outcome) = (walked.category, walked.cause, walked.outcome);
    let mut record = NewIncident {
        category,
        cause,
        outcome: Some(outcome),
        source: "fix",
        code: args.code.clone(),
        steps: walked.steps(&run.session),
        // A walk against the simulator is training: kept, but out of the real counts.
        training: op.checks.demo(),
        ..Default::default()
    };
    if let Some(p) = op.checks.profile() {
        record.terminal_id = p.terminal_id.clone();
        record.merchant_id = p.merchant_id.clone();
    }
    args.about.apply(&mut record)?;
    // The acquirer asks for the RRN first; on a terminal it is worth one question, unless
    // a check asked it already.
    record.rrn = match (op.interactive, outcome) {
        (true, Outcome::Escalated) => op.checks.rrn.get(|| prompt::ask_rrn(lang))?,
        _ => op.checks.rrn.known(),
    };
    let ticket = (outcome == Outcome::Escalated).then(|| run.ticket(walked, &record));
    let recorded = match (&category, args.no_record) {
        (Some(_), false) => Some(ctx.journal()?.add_incident(&record)?.id),
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
    let mut findings: Vec<Finding> = walked.findings().cloned().collect();
    findings.push(f);
    let mut report = Report::new("fix", findings)
        .with("category", category)
        .with("cause", cause)
        .with("outcome", outcome_key)
        .with("steps", &record.steps);
    if let Some(t) = &ticket {
        report = report.with("ticket", t);
    }
    if let Some(id) = recorded {
        report = report.with("incident", id);
    }
    let report = crate::interrupt::mark(report);
    let lines: Vec<render::FixLine> = walked
        .history
        .iter()
        .map(|h| render::FixLine {
            id: run.session.id(&h.pos),
            text: run.shown(h),
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

/// A script asked only for triage: the suggestion and the command that continues from it;
/// when the words say too little, the question that would tell the candidates apart.
fn triage_report(ctx: &Context, s: &Suggestion, session: &Session) -> Result<u8, Error> {
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
    let question = session.first_question();
    let triage = session.triage_json(s, ctx.out.lang);
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

/// The answers a script did not give: the automatic checks, and the operator on a terminal.
struct Operator<'c> {
    ctx: &'c Context,
    args: &'c FixArgs,
    interactive: bool,
    checks: Checks,
}

impl Answerer for Operator<'_> {
    fn interactive(&self) -> bool {
        self.interactive
    }

    fn check(&mut self, name: &str, what: &str) -> Result<Result<CheckRun, String>, Error> {
        let lang = self.ctx.out.lang;
        // Whether it can run at all, before saying it runs.
        let why = match name {
            "txn" => {
                let ctx = self.ctx;
                let ask = || prompt::ask_rrn(lang);
                let journal = || Ok(ctx.existing_journal()?.is_some());
                let ask: Option<&dyn Fn() -> _> = self.interactive.then_some(&ask);
                self.checks.txn_unavailable(&journal, ask)?
            }
            _ => self.checks.unavailable()?,
        };
        if let Some(why) = why {
            return Ok(Err(why));
        }
        if self.interactive {
            self.ctx
                .out
                .note(&lang.trf(Msg::FixRunning, &[("what", &what)]));
        }
        let found = match name {
            "txn" => Ok(self.txn()?),
            other => self.checks.run(other)?,
        };
        Ok(found.map(CheckRun::from_findings))
    }

    fn ask(&mut self, session: &Session, pos: &Pos, can_go_back: bool) -> Result<Reply, Error> {
        prompt::ask(session, pos, self.ctx.out.lang, can_go_back)
    }

    fn choose(&mut self, menu: &Menu) -> Result<Reply, Error> {
        let theme = render::PromptTheme::new(self.ctx.out.lang);
        Ok(menu.reply(theme.select(&menu.prompt, &menu.labels())?))
    }

    fn checked(&mut self, findings: &[Finding], result: &str) {
        if self.interactive {
            let out = &self.ctx.out;
            out.note(&render::fix_check_result(out, findings, result));
        }
    }

    fn skipped(&mut self, why: &str) {
        let out = &self.ctx.out;
        out.note(&out.lang.trf(Msg::FixAutoSkip, &[("why", &why)]));
    }
}

impl Operator<'_> {
    /// The transaction look-up: a known outcome passes, an unknown or missing one fails.
    fn txn(&mut self) -> Result<Vec<Finding>, Error> {
        let req = LookupRequest::payment(self.checks.rrn.known(), self.args.about.terminal.clone());
        let found = super::lookup::look_up(self.ctx, self.checks.reach(), &req)?;
        Ok(crate::guide::checks::txn_verdict(found))
    }

    /// Creates a profile on the terminal, as `profile init` does, and checks against it
    /// from now on.
    fn create_profile(&mut self) -> Result<(), Error> {
        let (ctx, lang) = (self.ctx, self.ctx.out.lang);
        let mut draft = Draft::new(Default::default());
        let theme = render::PromptTheme::new(lang);
        draft.interview(lang, &|_| false, &mut |p, empty, check| {
            theme.input(p, empty, check)
        })?;
        let (name, written) = draft.write(&ctx.paths.config_file, None, true, false, lang)?;
        ctx.out.note(&written);
        self.checks.use_profile(name);
        Ok(())
    }
}
