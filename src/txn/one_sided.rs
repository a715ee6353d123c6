//! Debited without a receipt (单边账): the terminal never showed a sale's outcome, or showed
//! it as failed, while the acquirer's gateway or the settlement says the money moved.
//!
//! This is the case merchants fear most after "no response": the customer's bank sent a debit
//! message, no slip printed, and nobody knows whether to charge again. What happens next is
//! knowledge, not code: `data/one_sided.toml` says per case what happens to the money, what to
//! tell the customer and when to escalate, with the sources that say so.

use std::collections::BTreeMap;
use std::sync::OnceLock;

use serde::{Deserialize, Serialize};

use super::State;
use crate::calendar::Calendar;
use crate::i18n::Lang;

const DATA: &str = include_str!("../../data/one_sided.toml");

#[derive(Debug, Clone, Deserialize)]
pub struct Text {
    pub en: String,
    pub zh: String,
}

impl Text {
    pub fn get(&self, lang: Lang) -> &str {
        match lang {
            Lang::Zh => &self.zh,
            _ => &self.en,
        }
    }
}

#[derive(Debug, Clone, Deserialize)]
pub struct Source {
    pub url: String,
    pub says: Text,
}

#[derive(Debug, Clone, Deserialize)]
pub struct CaseText {
    pub sources: Vec<String>,
    pub what: Text,
    pub tell: Text,
    pub escalate: Text,
}

#[derive(Debug, Clone, Deserialize)]
pub struct Return {
    pub working_days_min: u32,
    pub working_days_max: u32,
    pub source: String,
}

/// The knowledge file.
#[derive(Debug, Clone, Deserialize)]
pub struct Knowledge {
    #[serde(rename = "return")]
    pub return_days: Return,
    pub sources: BTreeMap<String, Source>,
    pub cases: BTreeMap<String, CaseText>,
}

impl Knowledge {
    /// The embedded file; the test suite checks it, so a problem here is a bug and reads as
    /// no knowledge rather than a panic.
    pub fn embedded() -> Option<&'static Knowledge> {
        static K: OnceLock<Option<Knowledge>> = OnceLock::new();
        K.get_or_init(|| toml::from_str(DATA).ok()).as_ref()
    }
}

/// Which case a one-sided sale is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Case {
    /// Settled (or credited) and not cancelled: the merchant is paid.
    Credited,
    /// Approved at the host, not settled, not yet reversed: the terminal reverses it next.
    ReversalExpected,
    /// Reversed or voided: the money goes back to the card.
    Returned,
}

impl Case {
    pub fn key(self) -> &'static str {
        match self {
            Case::Credited => "credited",
            Case::ReversalExpected => "reversal-expected",
            Case::Returned => "returned",
        }
    }
}

/// What cancelled the sale.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum CancelKind {
    /// 冲正 (MTI 0400, or a reversal row).
    Reversal,
    /// 撤销.
    Void,
}

/// A reversal or void found for the sale.
#[derive(Debug, Clone, Serialize)]
pub struct Cancel {
    pub kind: CancelKind,
    /// `gateway` or `journal`.
    pub source: &'static str,
    /// `YYYY-MM-DD`, when known.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub date: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub trace: Option<String>,
    #[serde(skip)]
    pub ymd: Option<u32>,
}

/// What the sources say about the sale.
#[derive(Debug, Clone, Default)]
pub struct Signals {
    /// What the terminal recorded for the sale itself (its journal row).
    pub terminal: Option<State>,
    /// What the gateway says.
    pub gateway: Option<State>,
    /// A settlement row names the sale.
    pub settled: bool,
    pub cancel: Option<Cancel>,
    /// `YYYYMMDD` of the sale.
    pub date: Option<u32>,
    /// `YYYY-MM-DD` the sale is due in the merchant's account.
    pub due: Option<String>,
}

/// The one-sided sale as `txn status` reports it (`transactions[].one_sided`).
#[derive(Debug, Clone, Serialize)]
pub struct OneSided {
    pub case: Case,
    /// What the terminal showed: `pending` (no outcome) or `declined` (failed).
    pub terminal: State,
    /// Who says the money moved: `gateway`, `settlement`.
    pub money_moved: Vec<&'static str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub cancelled_by: Option<Cancel>,
    /// `YYYY-MM-DD`: the last working day by which the cardholder should have the money back.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub return_by: Option<String>,
    /// What happens to the money, what to tell the customer, when to escalate: in the
    /// user's language.
    pub what_happens: String,
    pub tell_customer: String,
    pub escalate: String,
    /// Pages that say so.
    pub sources: Vec<String>,
}

/// Recognises a one-sided sale, and says what to do about it in `lang`.
pub fn detect(s: &Signals, cal: &Calendar, lang: Lang) -> Option<OneSided> {
    let k = Knowledge::embedded()?;
    let terminal = s
        .terminal
        .filter(|t| matches!(t, State::Pending | State::Declined))?;
    let mut money_moved = Vec::new();
    if matches!(
        s.gateway,
        Some(State::Approved | State::Settled | State::Credited)
    ) {
        money_moved.push("gateway");
    }
    if s.settled {
        money_moved.push("settlement");
    }
    if money_moved.is_empty() {
        return None;
    }
    let case = match (&s.cancel, s.settled) {
        (Some(_), _) => Case::Returned,
        (None, true) => Case::Credited,
        (None, false) if s.gateway == Some(State::Approved) => Case::ReversalExpected,
        (None, false) => Case::Credited,
    };
    let return_by = (case == Case::Returned)
        .then(|| {
            let from = s
                .cancel
                .as_ref()
                .and_then(|c| c.ymd)
                .or(s.date)
                .and_then(super::credit::date_of)?;
            let d = cal.working_day_after(from, k.return_days.working_days_max)?;
            Some(super::columns::show_date(super::credit::ymd_of(d)))
        })
        .flatten();
    let text = k.cases.get(case.key())?;
    let cancel_word = match s.cancel.as_ref().map(|c| c.kind) {
        Some(CancelKind::Void) => "撤销",
        _ => "冲正",
    };
    let cancel_text = match lang {
        Lang::Zh => cancel_word.to_string(),
        _ => match s.cancel.as_ref().map(|c| c.kind) {
            Some(CancelKind::Void) => "void (撤销)".to_string(),
            _ => "reversal (冲正)".to_string(),
        },
    };
    let unknown = match lang {
        Lang::Zh => "到期日",
        _ => "the due date",
    };
    let by = return_by.clone();
    let fill = |t: &Text| {
        t.get(lang)
            .replace("{due}", s.due.as_deref().unwrap_or(unknown))
            .replace("{return_by}", by.as_deref().unwrap_or(unknown))
            .replace("{cancel}", &cancel_text)
    };
    let mut sources: Vec<String> = text
        .sources
        .iter()
        .filter_map(|key| k.sources.get(key).map(|src| src.url.clone()))
        .collect();
    sources.dedup();
    Some(OneSided {
        case,
        terminal,
        money_moved,
        cancelled_by: s.cancel.clone(),
        return_by,
        what_happens: fill(&text.what),
        tell_customer: fill(&text.tell),
        escalate: fill(&text.escalate),
        sources,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_knowledge_is_complete_and_cited() {
        let k = Knowledge::embedded().expect("data/one_sided.toml parses");
        assert!(k.sources.contains_key(&k.return_days.source));
        assert!(k.return_days.working_days_min <= k.return_days.working_days_max);
        for case in [Case::Credited, Case::ReversalExpected, Case::Returned] {
            let c = k.cases.get(case.key()).expect("every case has its texts");
            assert!(!c.sources.is_empty());
            for s in &c.sources {
                assert!(k.sources.contains_key(s), "{s} is not a source");
            }
            for t in [&c.what, &c.tell, &c.escalate] {
                assert!(!t.en.is_empty() && !t.zh.is_empty());
                // Chinese text uses full-width punctuation.
                for bad in [',', ';', '(', ')', '?'] {
                    assert!(!t.zh.contains(bad), "half-width {bad:?} in {}", t.zh);
                }
            }
        }
        for s in k.sources.values() {
            assert!(s.url.starts_with("http"));
        }
    }

    #[test]
    fn cases() {
        let cal = Calendar::embedded().unwrap();
        let settled = Signals {
            terminal: Some(State::Pending),
            settled: true,
            date: Some(20261123),
            due: Some("2026-11-24".into()),
            ..Default::default()
        };
        let o = detect(&settled, cal, Lang::En).unwrap();
        assert_eq!(o.case, Case::Credited);
        assert!(o.what_happens.contains("2026-11-24"));
        let reversed = Signals {
            terminal: Some(State::Declined),
            gateway: Some(State::Approved),
            cancel: Some(Cancel {
                kind: CancelKind::Reversal,
                source: "journal",
                date: None,
                trace: None,
                ymd: Some(20261123),
            }),
            date: Some(20261123),
            ..Default::default()
        };
        let o = detect(&reversed, cal, Lang::Zh).unwrap();
        assert_eq!(o.case, Case::Returned);
        // Seven working days after Monday 23 November 2026.
        assert_eq!(o.return_by.as_deref(), Some("2026-12-02"));
        assert!(o.what_happens.contains("冲正"));
        // The terminal showed approval: not one-sided.
        let fine = Signals {
            terminal: Some(State::Approved),
            settled: true,
            ..Default::default()
        };
        assert!(detect(&fine, cal, Lang::En).is_none());
    }
}
