//! The incident log: one record per failure that was worked on, in the same database as
//! the transaction journal, so recurring causes can be counted by category, cause,
//! terminal and week.
//!
//! Records come from the end of a guided fix or from `incident add`. Whatever reaches a
//! record is masked first: card numbers as 6+4, and every text field through the redaction
//! policy (someone will paste a card number or a key into a note, or give one as an RRN).

use serde::{Deserialize, Serialize};

use crate::error::{Error, Message};
use crate::i18n::Msg;
use crate::journal::Journal;
use crate::store::{Cells, Param};
use crate::taxonomy::{Category, Cause};

/// How the work on an incident ended.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, clap::ValueEnum)]
#[serde(rename_all = "lowercase")]
pub enum Outcome {
    /// A step fixed it.
    Resolved,
    /// Handed to the acquirer with a ticket.
    Escalated,
    /// The operator quit the guide before it ended.
    Abandoned,
    /// Recorded by hand, not worked on yet.
    Open,
}

impl Outcome {
    pub fn key(self) -> &'static str {
        match self {
            Outcome::Resolved => "resolved",
            Outcome::Escalated => "escalated",
            Outcome::Abandoned => "abandoned",
            Outcome::Open => "open",
        }
    }

    pub fn parse(s: &str) -> Option<Outcome> {
        [
            Outcome::Resolved,
            Outcome::Escalated,
            Outcome::Abandoned,
            Outcome::Open,
        ]
        .into_iter()
        .find(|o| o.key() == s)
    }
}

/// One step of a guided session as it was answered.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct StepTaken {
    /// The node id, as `--answer` takes it.
    pub node: String,
    pub answer: String,
    /// True when posdoctor ran the check itself.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub auto: bool,
    /// What an automatic check found, in the operator's language.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub result: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Incident {
    pub id: i64,
    /// Local time, RFC 3339.
    pub at: String,
    /// ISO week, `2026-W48`.
    pub week: String,
    pub category: Category,
    pub cause: Option<Cause>,
    pub outcome: Outcome,
    /// `fix` (the end of a guided session) or `manual` (`incident add`).
    pub source: String,
    pub terminal_id: Option<String>,
    pub merchant_id: Option<String>,
    pub rrn: Option<String>,
    /// Masked, 6+4.
    pub card: Option<String>,
    /// Fen.
    pub amount: Option<i64>,
    pub code: Option<String>,
    pub note: Option<String>,
    pub steps: Vec<StepTaken>,
    /// Recorded from a training walk (`--demo`, `--fault`): kept, but left out of lists,
    /// statistics and exports unless they ask for training records.
    pub training: bool,
    /// Who called the support desk (a name or phone number), through the redaction policy.
    pub caller: Option<String>,
}

/// A record about to be written; `Incident` without the id.
#[derive(Debug, Clone, Default)]
pub struct NewIncident {
    pub at: Option<time::OffsetDateTime>,
    pub category: Option<Category>,
    pub cause: Option<Cause>,
    pub outcome: Option<Outcome>,
    pub source: &'static str,
    pub terminal_id: Option<String>,
    pub merchant_id: Option<String>,
    pub rrn: Option<String>,
    pub card: Option<String>,
    pub amount: Option<i64>,
    pub code: Option<String>,
    pub note: Option<String>,
    pub steps: Vec<StepTaken>,
    pub training: bool,
    pub caller: Option<String>,
}

/// The longest note kept with an incident, in characters.
pub const NOTE_CHARS: usize = 2000;

/// A terminal ID as field 41 carries it: 8 printable ASCII characters.
pub fn valid_terminal_id(v: &str) -> bool {
    v.len() == 8 && v.bytes().all(|b| b.is_ascii_graphic())
}

/// What a user said about the failed payment, as typed (`--terminal`, `--rrn`, `--card`,
/// ...): for the ticket and the incident record. Checked by [`Facts::apply`].
#[derive(Debug, Clone, Default, clap::Args)]
pub struct Facts {
    #[arg(long, value_name = "ID")]
    pub terminal: Option<String>,
    #[arg(long, value_name = "ID")]
    pub merchant: Option<String>,
    #[arg(long, value_name = "RRN")]
    pub rrn: Option<String>,
    #[arg(long, value_name = "CARD")]
    pub card: Option<String>,
    #[arg(long, value_name = "YUAN")]
    pub amount: Option<String>,
    #[arg(long, value_name = "TEXT")]
    pub note: Option<String>,
    /// Who called the support desk (a name or a phone number), for the record.
    #[arg(long, value_name = "NAME|PHONE")]
    pub caller: Option<String>,
}

impl Facts {
    /// Checks the facts a user typed and turns them into the parts of a record; a card
    /// that is not a card number is refused rather than stored.
    pub fn apply(&self, record: &mut NewIncident) -> Result<(), Error> {
        let f = self;
        if let Some(a) = &f.amount {
            record.amount = Some(
                crate::txn::columns::parse_yuan(a)
                    .filter(|v| *v > 0)
                    .ok_or_else(|| Error::bad_value("--amount", a, Msg::RuleAmount))?,
            );
        }
        if let Some(c) = &f.card {
            // The value is not echoed: it may be a full card number with a typo.
            record.card = Some(
                crate::card::masked(c)
                    .ok_or_else(|| Error::bad_value("--card", "…", Msg::RuleCard))?,
            );
        }
        if let Some(r) = &f.rrn {
            check_rrn("--rrn", r)?;
            record.rrn = Some(r.clone());
        }
        type Rule = fn(&str) -> bool;
        let checks: [(&str, &Option<String>, Rule, Msg); 4] = [
            (
                "--terminal",
                &f.terminal,
                valid_terminal_id,
                Msg::RuleTerminalId,
            ),
            (
                "--merchant",
                &f.merchant,
                valid_merchant_id,
                Msg::RuleMerchantIdGeneric,
            ),
            ("--note", &f.note, valid_note, Msg::RuleNote),
            ("--caller", &f.caller, valid_caller, Msg::RuleCaller),
        ];
        for (flag, value, valid, rule) in checks {
            if let Some(v) = value.as_deref().filter(|v| !valid(v)) {
                let shown = crate::input::excerpt(v, crate::input::EXCERPT_CHARS);
                return Err(Error::bad_value(flag, shown, rule));
            }
        }
        record.terminal_id = f.terminal.clone().or(record.terminal_id.take());
        record.merchant_id = f.merchant.clone().or(record.merchant_id.take());
        record.note = f.note.clone();
        record.caller = f.caller.clone();
        Ok(())
    }
}

/// Checks an RRN given for `field`: 12 letters or digits. A value that could be a card
/// number (13 to 19 digits) is refused without being repeated.
pub fn check_rrn(field: &str, v: &str) -> Result<(), Error> {
    if v.len() == 12 && v.chars().all(|c| c.is_ascii_alphanumeric()) {
        return Ok(());
    }
    let digits = v.chars().filter(char::is_ascii_digit).count();
    let card_like = (13..=19).contains(&digits)
        && v.chars()
            .all(|c| c.is_ascii_digit() || matches!(c, ' ' | '-'));
    if card_like {
        return Err(Message::new(Msg::ErrorRrnCard).arg("field", field).into());
    }
    Err(Error::bad_value(
        field,
        crate::input::excerpt(v, crate::input::EXCERPT_CHARS),
        Msg::RuleRrn,
    ))
}

/// A merchant ID as field 42 carries it: 1 to 15 printable ASCII characters (UnionPay's
/// are 15 letters or digits; other acquirers' may be shorter).
pub fn valid_merchant_id(v: &str) -> bool {
    (1..=15).contains(&v.len()) && v.bytes().all(|b| b.is_ascii_graphic() || b == b' ')
}

/// A response code as field 39 carries it: 2 letters or digits.
pub fn valid_code(v: &str) -> bool {
    v.len() == 2 && v.bytes().all(|b| b.is_ascii_alphanumeric())
}

pub fn valid_note(v: &str) -> bool {
    v.chars().count() <= NOTE_CHARS
}

/// Which incidents a list, stats or export covers.
#[derive(Debug, Clone, Default)]
pub struct Filter {
    pub category: Option<Category>,
    pub cause: Option<Cause>,
    pub terminal_id: Option<String>,
    pub outcome: Option<Outcome>,
    /// Inclusive, `YYYY-MM-DD`.
    pub since: Option<String>,
    /// Inclusive, `YYYY-MM-DD`.
    pub until: Option<String>,
    pub limit: Option<u64>,
    /// Include training records.
    pub training: bool,
}

/// What `stats` groups by.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, clap::ValueEnum)]
#[serde(rename_all = "lowercase")]
pub enum GroupBy {
    Category,
    Cause,
    Terminal,
    Week,
}

impl GroupBy {
    pub const ALL: [GroupBy; 4] = [
        GroupBy::Category,
        GroupBy::Cause,
        GroupBy::Terminal,
        GroupBy::Week,
    ];

    pub fn key(self) -> &'static str {
        match self {
            GroupBy::Category => "category",
            GroupBy::Cause => "cause",
            GroupBy::Terminal => "terminal",
            GroupBy::Week => "week",
        }
    }

    fn column(self) -> &'static str {
        match self {
            GroupBy::Category => "category",
            GroupBy::Cause => "cause",
            GroupBy::Terminal => "terminal_id",
            GroupBy::Week => "week",
        }
    }
}

/// One row of a grouping: the group's key (`None` when unknown), its count, and how many of
/// those were resolved.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Group {
    pub key: Option<String>,
    pub count: u64,
    pub resolved: u64,
}

/// What of a free-text note may be stored: card numbers masked 6+4 in whatever spelling
/// (full-width digits, Chinese commas, NBSP, dots between groups), track data, keys and URL
/// credentials hidden, by the one policy in [`crate::redact`].
pub fn scrub(text: &str) -> String {
    crate::redact::secrets(text).into_owned()
}

/// A caller as a support desk notes one: a name or phone number, at most 64 characters.
pub fn valid_caller(v: &str) -> bool {
    let n = v.chars().count();
    (1..=64).contains(&n) && !v.chars().any(char::is_control)
}

/// The escalation ticket of a recorded incident, printed again (`incident show --ticket`):
/// the facts as recorded and every step with what came of it.
pub fn ticket(i: &Incident) -> crate::ticket::Ticket {
    crate::ticket::Ticket {
        time: Some(i.at.get(..19).unwrap_or(&i.at).replace('T', " ")),
        amount: i.amount,
        rrn: i.rrn.clone(),
        trace: None,
        card: None,
        terminal_id: i.terminal_id.clone(),
        merchant_id: i.merchant_id.clone(),
        code: i.code.clone(),
        category: Some(i.category),
        cause: i.cause,
        checks: i
            .steps
            .iter()
            .map(|s| crate::ticket::Checked {
                what: s.node.clone(),
                result: scrub(s.result.as_deref().unwrap_or(&s.answer)),
            })
            .collect(),
    }
    .with_card(i.card.as_deref())
}

/// The ISO week `t` falls in, as `2026-W48`.
pub fn iso_week(t: time::OffsetDateTime) -> String {
    let (y, w, _) = t.date().to_iso_week_date();
    format!("{y}-W{w:02}")
}

/// The WHERE clause and its values for `f`, numbered from `$1`.
fn clause(f: &Filter) -> (String, Vec<Param>) {
    let mut terms: Vec<String> = Vec::new();
    let mut values: Vec<Param> = Vec::new();
    let mut term = |sql: &str, v: Param| {
        values.push(v);
        terms.push(format!("{sql} ${}", values.len()));
    };
    if let Some(c) = f.category {
        term("category =", c.key().into());
    }
    if let Some(c) = f.cause {
        term("cause =", c.key().into());
    }
    if let Some(t) = &f.terminal_id {
        term("terminal_id =", t.as_str().into());
    }
    if let Some(o) = f.outcome {
        term("outcome =", o.key().into());
    }
    // `at` is RFC 3339, so its first ten characters are the local date.
    if let Some(s) = &f.since {
        term("substr(at, 1, 10) >=", s.as_str().into());
    }
    if let Some(u) = &f.until {
        term("substr(at, 1, 10) <=", u.as_str().into());
    }
    if !f.training {
        term("training =", false.into());
    }
    if terms.is_empty() {
        (String::new(), values)
    } else {
        (format!(" WHERE {}", terms.join(" AND ")), values)
    }
}

const COLUMNS: &str = "id, at, week, category, cause, outcome, source, terminal_id, merchant_id, rrn, card, amount, code, note, steps, \
     CASE WHEN training THEN 1 ELSE 0 END, caller";

fn from_row(r: &dyn Cells) -> Result<Incident, String> {
    let text = |i: usize| -> Result<String, String> {
        r.text(i)?.ok_or_else(|| format!("column {i} is empty"))
    };
    let bad = |i: usize, what: &str| format!("column {i}: not a {what}");
    let category: Category = serde_json::from_value(serde_json::Value::String(text(3)?))
        .map_err(|_| bad(3, "category"))?;
    let cause: Option<Cause> = match r.text(4)? {
        Some(c) => Some(
            serde_json::from_value(serde_json::Value::String(c)).map_err(|_| bad(4, "cause"))?,
        ),
        None => None,
    };
    let outcome = Outcome::parse(&text(5)?).ok_or_else(|| bad(5, "outcome"))?;
    let steps: Vec<StepTaken> =
        serde_json::from_str(&text(14)?).map_err(|_| bad(14, "step list"))?;
    Ok(Incident {
        id: r.int(0)?.unwrap_or(0),
        at: text(1)?,
        week: text(2)?,
        category,
        cause,
        outcome,
        source: text(6)?,
        terminal_id: r.text(7)?,
        merchant_id: r.text(8)?,
        rrn: r.text(9)?,
        card: r.text(10)?,
        amount: r.int(11)?,
        code: r.text(12)?,
        note: r.text(13)?,
        steps,
        training: r.int(15)?.unwrap_or(0) != 0,
        caller: r.text(16)?,
    })
}

impl Journal {
    /// Writes one incident and returns its id. The card is masked and the note scrubbed
    /// here, whatever the caller did.
    pub fn add_incident(&self, n: &NewIncident) -> Result<Incident, Error> {
        let at = n.at.unwrap_or_else(crate::txn::now_local);
        let category = n.category.unwrap_or(Category::Declined);
        let steps = serde_json::to_string(&n.steps).unwrap_or_else(|_| "[]".into());
        let card = n.card.as_deref().and_then(crate::card::masked);
        let note = n
            .note
            .as_deref()
            .map(scrub)
            .filter(|s| !s.trim().is_empty());
        let text = |v: &Option<String>| -> Param { v.as_deref().map(scrub).into() };
        let outcome = n.outcome.unwrap_or(Outcome::Open);
        let ids = self.db.query(
            "INSERT INTO incidents (at, at_utc, week, category, cause, outcome, source, \
             terminal_id, merchant_id, rrn, card, amount, code, note, steps, training, caller) \
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17) \
             RETURNING id",
            &[
                crate::txn::timestamp(at).into(),
                at.unix_timestamp().into(),
                iso_week(at).into(),
                category.key().into(),
                n.cause.map(Cause::key).into(),
                outcome.key().into(),
                n.source.into(),
                text(&n.terminal_id),
                text(&n.merchant_id),
                text(&n.rrn),
                card.into(),
                n.amount.into(),
                text(&n.code),
                note.into(),
                steps.into(),
                n.training.into(),
                text(&n.caller),
            ],
            |r| r.int(0).map(Option::unwrap_or_default),
        )?;
        let id = ids.first().copied().unwrap_or_default();
        self.incident(id)?.ok_or_else(|| {
            crate::store::bad_cell(
                &self.shown(),
                format!("incident {id} not found after insert"),
            )
        })
    }

    pub fn incident(&self, id: i64) -> Result<Option<Incident>, Error> {
        Ok(self
            .db
            .query(
                &format!("SELECT {COLUMNS} FROM incidents WHERE id = $1"),
                &[id.into()],
                from_row,
            )?
            .into_iter()
            .next())
    }

    /// Changes an incident's outcome and adds a line to its note (scrubbed as every note
    /// is); `None` when there is no such incident.
    pub fn update_incident(
        &self,
        id: i64,
        outcome: Option<Outcome>,
        note: Option<&str>,
    ) -> Result<Option<Incident>, Error> {
        let note = note.map(scrub).filter(|s| !s.trim().is_empty());
        let line = note.as_ref().map(|n| format!("\n{n}"));
        self.db.execute(
            "UPDATE incidents SET outcome = coalesce($1, outcome), \
             note = CASE WHEN CAST($2 AS TEXT) IS NULL THEN note ELSE coalesce(note || $3, $2) END \
             WHERE id = $4",
            &[
                outcome.map(Outcome::key).into(),
                note.into(),
                line.into(),
                id.into(),
            ],
        )?;
        self.incident(id)
    }

    /// Incidents matching `f`, newest first by the instant (not by local clock text: the
    /// records of agents in different time zones interleave correctly).
    pub fn incidents(&self, f: &Filter) -> Result<Vec<Incident>, Error> {
        let (clause, mut values) = clause(f);
        let limit = match f.limit {
            Some(n) => {
                values.push(i64::try_from(n).unwrap_or(i64::MAX).into());
                format!(" LIMIT ${}", values.len())
            }
            None => String::new(),
        };
        let sql =
            format!("SELECT {COLUMNS} FROM incidents{clause} ORDER BY at_utc DESC, id DESC{limit}");
        self.db.query(&sql, &values, from_row)
    }

    /// How many incidents match `f` (its limit aside).
    pub fn incident_count(&self, f: &Filter) -> Result<u64, Error> {
        let (clause, values) = clause(f);
        let n = self.db.query(
            &format!("SELECT COUNT(*) FROM incidents{clause}"),
            &values,
            |r| r.int(0),
        )?;
        Ok(n.first().copied().flatten().unwrap_or(0).max(0) as u64)
    }

    /// Counts of the incidents matching `f`, grouped by `by`: most frequent first, except
    /// weeks, which read best in time order.
    pub fn incident_groups(&self, f: &Filter, by: GroupBy) -> Result<Vec<Group>, Error> {
        let (clause, values) = clause(f);
        let col = by.column();
        let order = match by {
            GroupBy::Week => "1 NULLS FIRST",
            _ => "2 DESC, 1 NULLS FIRST",
        };
        let sql = format!(
            "SELECT {col}, COUNT(*), SUM(CASE WHEN outcome = 'resolved' THEN 1 ELSE 0 END) \
             FROM incidents{clause} GROUP BY {col} ORDER BY {order}"
        );
        self.db.query(&sql, &values, |r| {
            Ok(Group {
                key: r.text(0)?,
                count: r.int(1)?.unwrap_or(0).max(0) as u64,
                resolved: r.int(2)?.unwrap_or(0).max(0) as u64,
            })
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn notes_lose_card_numbers_but_keep_short_numbers() {
        assert_eq!(
            scrub("card 6222 0212 3456 7890 123 declined 51, RRN 123456789012"),
            "card 622202*********0123 declined 51, RRN 123456789012"
        );
        assert_eq!(scrub("amount 100.00 at 14:05"), "amount 100.00 at 14:05");
        assert_eq!(
            scrub("卡号6222021234567890123刷不了"),
            "卡号622202*********0123刷不了"
        );
        assert_eq!(
            crate::card::masked("6222021234567890123").as_deref(),
            Some("622202*********0123")
        );
        assert_eq!(crate::card::masked("not a card"), None);
        assert_eq!(
            scrub("卡号６２２２ ０２１２．３４５６，７８９０　１２３刷不了"),
            "卡号622202*********0123刷不了"
        );
    }

    #[test]
    fn iso_weeks_follow_the_iso_calendar() {
        let t = time::macros::datetime!(2026-11-23 10:00 +8);
        assert_eq!(iso_week(t), "2026-W48");
        let t = time::macros::datetime!(2027-01-01 10:00 +8);
        assert_eq!(iso_week(t), "2026-W53");
    }

    #[test]
    fn records_round_trip_and_group() {
        let dir = tempfile::tempdir().unwrap();
        let j = Journal::open(&crate::store::Location::Sqlite(dir.path().join("p.db"))).unwrap();
        for (cat, cause, tid, out) in [
            (
                Category::NoResponse,
                Cause::Network,
                "T1",
                Outcome::Resolved,
            ),
            (
                Category::NoResponse,
                Cause::Network,
                "T1",
                Outcome::Escalated,
            ),
            (Category::Declined, Cause::Funds, "T2", Outcome::Resolved),
        ] {
            j.add_incident(&NewIncident {
                category: Some(cat),
                cause: Some(cause),
                terminal_id: Some(tid.into()),
                outcome: Some(out),
                source: "manual",
                card: Some("6222021234567890123".into()),
                steps: vec![StepTaken {
                    node: "cause".into(),
                    answer: cause.key().into(),
                    auto: false,
                    result: None,
                }],
                ..Default::default()
            })
            .unwrap();
        }
        let all = j.incidents(&Filter::default()).unwrap();
        assert_eq!(all.len(), 3);
        assert_eq!(all[0].card.as_deref(), Some("622202*********0123"));
        assert_eq!(all[0].steps.len(), 1);
        let g = j
            .incident_groups(&Filter::default(), GroupBy::Cause)
            .unwrap();
        assert_eq!(g[0].key.as_deref(), Some("network"));
        assert_eq!((g[0].count, g[0].resolved), (2, 1));
        let f = Filter {
            terminal_id: Some("T2".into()),
            ..Default::default()
        };
        assert_eq!(j.incidents(&f).unwrap().len(), 1);
    }
}
