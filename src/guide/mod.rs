//! Guided fixes: the decision trees of `data/guides.toml` and a walk through one of them.
//!
//! A walk is a sequence of nodes with stable ids, so a shell job can answer it with
//! `--answer ID=CHOICE`: `cause` (the first question), `CAUSE.N` (the N-th step of that
//! cause's branch: `yes`/`no` after an action, `ok`/`fail` for an automatic check), and
//! `CAUSE.N.fix` (the step a failed check leads to).

pub mod checks;
pub mod run;

use std::collections::BTreeMap;

use serde::Deserialize;

use crate::i18n::{Lang, Text};
use crate::taxonomy::{Category, Cause};
use crate::triage::Rules;

const GUIDES: &str = include_str!("../../data/guides.toml");

#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum StepKind {
    Action,
    Check,
}

/// The automatic checks a step can run.
pub const CHECKS: &[&str] = &["net", "iso", "check", "txn"];

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Step {
    pub kind: StepKind,
    pub text: Text,
    #[serde(default)]
    pub check: Option<String>,
    /// For a check: the action step to take when it fails.
    #[serde(default)]
    pub fail: Option<String>,
    /// For a check: what a cashier can see for themselves when it cannot run.
    #[serde(default)]
    pub observe: Option<Observe>,
}

/// What a cashier can see at the terminal in place of an automatic check that cannot run
/// (no profile to run it against, no RRN, `--no-checks`): a person cannot vouch for a check
/// posdoctor did not run, but can say what the screen, the slip or another card shows.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Observe {
    pub text: Text,
    /// What the cashier sees when the check would pass (the `ok` answer).
    pub ok: Text,
    /// What the cashier sees when it would fail (the `fail` answer).
    pub fail: Text,
}

impl Observe {
    /// The answers with the choice each stands for, in the order of the check's choices.
    pub fn answers(&self, lang: Lang) -> Vec<(String, String)> {
        vec![
            ("ok".into(), self.ok.get(lang).to_string()),
            ("fail".into(), self.fail.get(lang).to_string()),
        ]
    }
}

impl Step {
    /// The step's first clause ("Check the link", "检查网络"): short enough for a ticket
    /// line.
    pub fn title(&self, lang: Lang) -> &str {
        let text = self.text.get(lang);
        let end = text
            .find(['.', '。', ':', ':', '(', '(', ';', ';'])
            .unwrap_or(text.len());
        text[..end].trim_end_matches([',', ',', ' '])
    }
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Branch {
    pub cause: Cause,
    pub label: Text,
    #[serde(default)]
    pub codes: Vec<String>,
    pub steps: Vec<String>,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Guide {
    pub question: Text,
    pub branches: Vec<Branch>,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Guides {
    pub steps: BTreeMap<String, Step>,
    pub guides: BTreeMap<Category, Guide>,
}

impl Guides {
    /// The built-in guides. The file is part of the binary and validated by tests.
    pub fn builtin() -> Guides {
        toml::from_str(GUIDES).unwrap_or_else(|e| panic!("data/guides.toml: {e}"))
    }

    pub fn guide(&self, c: Category) -> Option<&Guide> {
        self.guides.get(&c)
    }

    /// Problems with the data: a missing step, an unknown check, a cause outside the
    /// category, a cause without a branch, an empty text.
    pub fn problems(&self) -> Vec<String> {
        let mut out = Vec::new();
        for (name, s) in &self.steps {
            if s.text.en.trim().is_empty() || s.text.zh.trim().is_empty() {
                out.push(format!("step {name}: text missing in a language"));
            }
            match (&s.observe, s.kind) {
                (Some(o), StepKind::Check) => {
                    if [&o.text, &o.ok, &o.fail]
                        .iter()
                        .any(|t| t.en.trim().is_empty() || t.zh.trim().is_empty())
                    {
                        out.push(format!("step {name}: observe text missing in a language"));
                    }
                }
                (None, StepKind::Check) => out.push(format!(
                    "step {name}: a check needs what a cashier can observe"
                )),
                (Some(_), StepKind::Action) => {
                    out.push(format!("step {name}: only a check has observe"))
                }
                (None, StepKind::Action) => {}
            }
            match (s.kind, &s.check, &s.fail) {
                (StepKind::Check, Some(c), Some(f)) => {
                    if !CHECKS.contains(&c.as_str()) {
                        out.push(format!("step {name}: unknown check {c}"));
                    }
                    match self.steps.get(f) {
                        Some(t) if t.kind == StepKind::Action => {}
                        _ => out.push(format!("step {name}: fail step {f} is not an action")),
                    }
                }
                (StepKind::Check, _, _) => {
                    out.push(format!("step {name}: a check needs check and fail"))
                }
                (StepKind::Action, None, None) => {}
                (StepKind::Action, _, _) => {
                    out.push(format!("step {name}: an action has no check"))
                }
            }
        }
        for c in Category::ALL {
            let Some(g) = self.guides.get(&c) else {
                out.push(format!("no guide for {c}"));
                continue;
            };
            for cause in c.causes() {
                if !g.branches.iter().any(|b| b.cause == *cause) {
                    out.push(format!("guide {c}: no branch for cause {cause}"));
                }
            }
            for b in &g.branches {
                if !c.causes().contains(&b.cause) {
                    out.push(format!(
                        "guide {c}: cause {} is not one of the category's",
                        b.cause
                    ));
                }
                if b.steps.is_empty() {
                    out.push(format!("guide {c}: branch {} has no steps", b.cause));
                }
                for s in &b.steps {
                    if !self.steps.contains_key(s) {
                        out.push(format!("guide {c}, branch {}: no step {s}", b.cause));
                    }
                }
            }
        }
        out
    }
}

/// Where a walk is.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Node {
    /// Which cause: answered with a cause key.
    Cause,
    /// Step `n` (0-based) of the branch.
    Step {
        cause: Cause,
        n: usize,
    },
    /// The action a failed check at step `n` leads to.
    Fix {
        cause: Cause,
        n: usize,
    },
    Resolved,
    Escalate,
}

impl Node {
    /// The id used by `--answer`.
    pub fn id(&self) -> String {
        match self {
            Node::Cause => "cause".into(),
            Node::Step { cause, n } => format!("{cause}.{}", n + 1),
            Node::Fix { cause, n } => format!("{cause}.{}.fix", n + 1),
            Node::Resolved => "resolved".into(),
            Node::Escalate => "escalate".into(),
        }
    }

    pub fn is_end(&self) -> bool {
        matches!(self, Node::Resolved | Node::Escalate)
    }
}

/// One walk through one guide.
pub struct Walk<'g> {
    pub guides: &'g Guides,
    pub category: Category,
    pub guide: &'g Guide,
}

impl<'g> Walk<'g> {
    pub fn new(guides: &'g Guides, category: Category) -> Option<Walk<'g>> {
        Some(Walk {
            guides,
            category,
            guide: guides.guide(category)?,
        })
    }

    pub fn branch(&self, cause: Cause) -> Option<&'g Branch> {
        self.guide.branches.iter().find(|b| b.cause == cause)
    }

    /// The step shown at `node`.
    pub fn step(&self, node: &Node) -> Option<&'g Step> {
        match node {
            Node::Step { cause, n } => self.guides.steps.get(self.branch(*cause)?.steps.get(*n)?),
            Node::Fix { cause, n } => {
                let check = self.guides.steps.get(self.branch(*cause)?.steps.get(*n)?)?;
                self.guides.steps.get(check.fail.as_ref()?)
            }
            _ => None,
        }
    }

    /// The choices at `node`, as `--answer` takes them.
    pub fn choices(&self, node: &Node) -> Vec<String> {
        match node {
            Node::Cause => self
                .guide
                .branches
                .iter()
                .map(|b| b.cause.to_string())
                .collect(),
            Node::Step { .. } | Node::Fix { .. } => match self.step(node).map(|s| s.kind) {
                Some(StepKind::Check) if matches!(node, Node::Step { .. }) => {
                    vec!["ok".into(), "fail".into()]
                }
                _ => vec!["yes".into(), "no".into()],
            },
            _ => Vec::new(),
        }
    }

    /// The node after `node` answered with `answer`; `None` for an answer not among the
    /// choices.
    pub fn next(&self, node: &Node, answer: &str) -> Option<Node> {
        let after = |cause: Cause, n: usize| {
            let len = self.branch(cause).map_or(0, |b| b.steps.len());
            if n + 1 < len {
                Node::Step { cause, n: n + 1 }
            } else {
                Node::Escalate
            }
        };
        match node {
            Node::Cause => {
                let b = self
                    .guide
                    .branches
                    .iter()
                    .find(|b| b.cause.to_string() == answer)?;
                Some(Node::Step {
                    cause: b.cause,
                    n: 0,
                })
            }
            Node::Step { cause, n } => match (self.step(node)?.kind, answer) {
                (StepKind::Action, "yes") => Some(Node::Resolved),
                (StepKind::Action, "no") => Some(after(*cause, *n)),
                (StepKind::Check, "ok") => Some(after(*cause, *n)),
                (StepKind::Check, "fail") => Some(Node::Fix {
                    cause: *cause,
                    n: *n,
                }),
                _ => None,
            },
            Node::Fix { cause, n } => match answer {
                "yes" => Some(Node::Resolved),
                "no" => Some(after(*cause, *n)),
                _ => None,
            },
            _ => None,
        }
    }

    /// The branch a response code starts at.
    pub fn cause_for_code(&self, code: &str) -> Option<Cause> {
        self.guide
            .branches
            .iter()
            .find(|b| b.codes.iter().any(|c| c == code))
            .map(|b| b.cause)
    }

    /// Every complete path from `start`, as the answers that walk it: for tests and for
    /// checking that every path ends.
    pub fn paths(&self, start: &Node) -> Vec<Vec<(String, String)>> {
        let mut out = Vec::new();
        let mut stack = vec![(start.clone(), Vec::new())];
        // Bounded: the trees are small; a cycle in the data would stop here, not hang.
        let mut budget = 100_000;
        while let Some((node, answers)) = stack.pop() {
            budget -= 1;
            if budget == 0 {
                break;
            }
            if node.is_end() {
                out.push(answers);
                continue;
            }
            for choice in self.choices(&node) {
                if let Some(next) = self.next(&node, &choice) {
                    let mut a: Vec<(String, String)> = answers.clone();
                    a.push((node.id(), choice));
                    stack.push((next, a));
                }
            }
        }
        out
    }
}

/// Where a whole guided session is: before the guide (confirming a triage suggestion,
/// choosing the category) or inside it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Pos {
    /// "Is the suggested category right?": `yes` or `no`.
    Triage,
    /// Which category: answered with a category key.
    Category,
    /// A triage question ("Was the customer's card charged?") asked because the words left
    /// the category open, with the questions answered before it.
    Ask {
        id: String,
        before: Vec<(String, String)>,
    },
    Guide(Category, Node),
}

/// What triage found, for the questions that settle it when the words did not: the rules
/// (with their questions), the weight per category, and the strongest cause per category.
pub struct Asking<'g> {
    pub rules: &'g Rules,
    pub scores: Vec<(Category, u32)>,
    pub causes: Vec<(Category, Cause)>,
}

impl Asking<'_> {
    /// Where the answers lead: the next question, the guide they settle on, or the choice
    /// of category when they settle nothing.
    fn after(&self, answers: Vec<(String, String)>, guides: &Guides) -> Pos {
        if let Some(q) = self.rules.next_question(&self.scores, &answers) {
            return Pos::Ask {
                id: q.id.clone(),
                before: answers,
            };
        }
        match crate::triage::decide(&self.rules.rescored(&self.scores, &answers)) {
            Some(c) => {
                let cause = self.causes.iter().find(|k| k.0 == c).map(|k| k.1);
                Session::at(c, cause, guides)
            }
            None => Pos::Category,
        }
    }

    /// The first position: a question, or the choice of category when none splits anything.
    pub fn start(&self, guides: &Guides) -> Pos {
        self.after(Vec::new(), guides)
    }
}

/// A guided session from its first question to resolved or escalate: the guides, plus the
/// questions asked before a guide is chosen. Pure: where a session is follows from its
/// answers alone, which is how going back works.
pub struct Session<'g> {
    pub guides: &'g Guides,
    /// What triage suggested, when the session began from a description.
    pub suggested: Option<(Category, Option<Cause>)>,
    /// When triage could not tell: what it found, for the questions that settle it.
    pub asking: Option<Asking<'g>>,
    pub start: Pos,
}

impl<'g> Session<'g> {
    /// The first position for a known category, starting at `cause` when the guide has it.
    pub fn at(category: Category, cause: Option<Cause>, guides: &Guides) -> Pos {
        let node = match cause {
            Some(c) if Walk::new(guides, category).is_some_and(|w| w.branch(c).is_some()) => {
                Node::Step { cause: c, n: 0 }
            }
            _ => Node::Cause,
        };
        Pos::Guide(category, node)
    }

    pub fn walk(&self, category: Category) -> Option<Walk<'g>> {
        Walk::new(self.guides, category)
    }

    /// The id `--answer` uses for `pos`.
    pub fn id(&self, pos: &Pos) -> String {
        match pos {
            Pos::Triage => "triage".into(),
            Pos::Category => "category".into(),
            Pos::Ask { id, .. } => id.clone(),
            Pos::Guide(_, n) => n.id(),
        }
    }

    pub fn is_end(&self, pos: &Pos) -> bool {
        matches!(pos, Pos::Guide(_, n) if n.is_end())
    }

    pub fn choices(&self, pos: &Pos) -> Vec<String> {
        match pos {
            Pos::Triage => vec!["yes".into(), "no".into()],
            Pos::Category => Category::ALL.iter().map(|c| c.key().to_string()).collect(),
            Pos::Ask { id, .. } => self
                .asking
                .as_ref()
                .and_then(|a| a.rules.question(id))
                .map(|q| q.keys())
                .unwrap_or_default(),
            Pos::Guide(c, n) => self.walk(*c).map(|w| w.choices(n)).unwrap_or_default(),
        }
    }

    /// The question that would tell triage's candidates apart, when the words said too
    /// little.
    pub fn first_question(&self) -> Option<&'g crate::triage::Question> {
        let a = self.asking.as_ref()?;
        a.rules.next_question(&a.scores, &[])
    }

    /// What triage made of the words, for a script: the suggestion, the command that
    /// continues from it and, when the words said too little, the question to answer.
    pub fn triage_json(&self, s: &crate::triage::Suggestion, lang: Lang) -> serde_json::Value {
        let mut triage = serde_json::to_value(s).unwrap_or_default();
        if let Some(n) = s.next_command() {
            triage["next"] = n.into();
        }
        if let Some(q) = self.first_question() {
            triage["question"] = serde_json::json!({
                "id": q.id,
                "text": q.text.get(lang),
                "choices": q.keys(),
            });
        }
        triage
    }

    /// The position after answering `answer` at `pos`; `None` when it is not a choice.
    pub fn next(&self, pos: &Pos, answer: &str) -> Option<Pos> {
        match pos {
            Pos::Triage => match (answer, self.suggested) {
                ("yes", Some((c, cause))) => Some(Session::at(c, cause, self.guides)),
                ("no", _) => Some(Pos::Category),
                _ => None,
            },
            Pos::Category => Category::ALL
                .into_iter()
                .find(|c| c.key() == answer)
                .map(|c| Pos::Guide(c, Node::Cause)),
            Pos::Ask { id, before } => {
                let asking = self.asking.as_ref()?;
                asking
                    .rules
                    .question(id)?
                    .answers
                    .iter()
                    .find(|a| a.key == answer)?;
                let mut answers = before.clone();
                answers.push((id.clone(), answer.to_string()));
                Some(asking.after(answers, self.guides))
            }
            Pos::Guide(c, n) => self.walk(*c)?.next(n, answer).map(|n| Pos::Guide(*c, n)),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn walking_a_branch() {
        let g = Guides::builtin();
        let w = Walk::new(&g, Category::NoResponse).unwrap();
        let n = w.next(&Node::Cause, "network").unwrap();
        assert_eq!(n.id(), "network.1");
        assert_eq!(w.next(&n, "yes"), Some(Node::Resolved));
        let n2 = w.next(&n, "no").unwrap();
        assert_eq!(n2.id(), "network.2");
        let n3 = w.next(&n2, "no").unwrap();
        assert_eq!(w.choices(&n3), vec!["ok", "fail"]);
        let fix = w.next(&n3, "fail").unwrap();
        assert_eq!(fix.id(), "network.3.fix");
        assert!(
            w.step(&fix)
                .unwrap()
                .text
                .en
                .contains("communication settings")
        );
        assert_eq!(w.next(&Node::Cause, "weather"), None);
        let s = Session {
            guides: &g,
            suggested: Some((Category::Declined, Some(Cause::Funds))),
            asking: None,
            start: Pos::Triage,
        };
        let replay = |answers: &[&str]| {
            answers
                .iter()
                .try_fold(s.start.clone(), |pos, a| s.next(&pos, a))
        };
        assert_eq!(
            replay(&["yes"]),
            Some(Pos::Guide(
                Category::Declined,
                Node::Step {
                    cause: Cause::Funds,
                    n: 0
                }
            ))
        );
        assert_eq!(
            replay(&["no", "not-credited"]),
            Some(Pos::Guide(Category::NotCredited, Node::Cause))
        );
        assert_eq!(replay(&["maybe"]), None);
        assert_eq!(
            Walk::new(&g, Category::Declined)
                .unwrap()
                .cause_for_code("51"),
            Some(Cause::Funds)
        );
    }
}
