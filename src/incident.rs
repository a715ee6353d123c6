//! The incident log: one record per failure that was worked on, in the same database as
//! the transaction journal, so recurring causes can be counted by category, cause,
//! terminal and week.
//!
//! Records come from the end of a guided fix or from `incident add`. Whatever reaches a
//! record is masked first: card numbers as 6+4, and every text field through the redaction
//! policy (someone will paste a card number or a key into a note, or give one as an RRN).

use rusqlite::{OptionalExtension, params_from_iter, types::Value};
use serde::{Deserialize, Serialize};

use crate::error::{Error, Message};
use crate::i18n::Msg;
use crate::journal::Journal;
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

    fn parse(s: &str) -> Option<Outcome> {
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
        let checks: [(&str, &Option<String>, Rule, Msg); 3] = [
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

/// The ISO week `t` falls in, as `2026-W48`.
pub fn iso_week(t: time::OffsetDateTime) -> String {
    let (y, w, _) = t.date().to_iso_week_date();
    format!("{y}-W{w:02}")
}

/// The WHERE clause and its values for `f`.
fn clause(f: &Filter) -> (String, Vec<Value>) {
    let mut terms: Vec<&str> = Vec::new();
    let mut values: Vec<Value> = Vec::new();
    if let Some(c) = f.category {
        terms.push("category = ?");
        values.push(Value::Text(c.key().into()));
    }
    if let Some(c) = f.cause {
        terms.push("cause = ?");
        values.push(Value::Text(c.key().into()));
    }
    if let Some(t) = &f.terminal_id {
        terms.push("terminal_id = ?");
        values.push(Value::Text(t.clone()));
    }
    if let Some(o) = f.outcome {
        terms.push("outcome = ?");
        values.push(Value::Text(o.key().into()));
    }
    // `at` is RFC 3339, so its first ten characters are the local date.
    if let Some(s) = &f.since {
        terms.push("substr(at, 1, 10) >= ?");
        values.push(Value::Text(s.clone()));
    }
    if let Some(u) = &f.until {
        terms.push("substr(at, 1, 10) <= ?");
        values.push(Value::Text(u.clone()));
    }
    if terms.is_empty() {
        (String::new(), values)
    } else {
        (format!(" WHERE {}", terms.join(" AND ")), values)
    }
}

const COLUMNS: &str = "id, at, week, category, cause, outcome, source, terminal_id, merchant_id, rrn, card, amount, code, note, steps";

fn from_row(r: &rusqlite::Row) -> rusqlite::Result<Incident> {
    let text = |i: usize| -> rusqlite::Result<String> { r.get(i) };
    let bad = |i: usize, what: &str| {
        rusqlite::Error::FromSqlConversionFailure(
            i,
            rusqlite::types::Type::Text,
            format!("not a {what}").into(),
        )
    };
    let category: Category = serde_json::from_value(serde_json::Value::String(text(3)?))
        .map_err(|_| bad(3, "category"))?;
    let cause: Option<Cause> = match r.get::<_, Option<String>>(4)? {
        Some(c) => Some(
            serde_json::from_value(serde_json::Value::String(c)).map_err(|_| bad(4, "cause"))?,
        ),
        None => None,
    };
    let outcome = Outcome::parse(&text(5)?).ok_or_else(|| bad(5, "outcome"))?;
    let steps: Vec<StepTaken> =
        serde_json::from_str(&text(14)?).map_err(|_| bad(14, "step list"))?;
    Ok(Incident {
        id: r.get(0)?,
        at: text(1)?,
        week: text(2)?,
        category,
        cause,
        outcome,
        source: text(6)?,
        terminal_id: r.get(7)?,
        merchant_id: r.get(8)?,
        rrn: r.get(9)?,
        card: r.get(10)?,
        amount: r.get(11)?,
        code: r.get(12)?,
        note: r.get(13)?,
        steps,
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
        let text = |v: &Option<String>| v.as_deref().map(scrub);
        let outcome = n.outcome.unwrap_or(Outcome::Open);
        self.conn
            .execute(
                &format!(
                    "INSERT INTO incidents ({}) VALUES (NULL, ?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14)",
                    COLUMNS
                ),
                rusqlite::params![
                    crate::txn::timestamp(at),
                    iso_week(at),
                    category.key(),
                    n.cause.map(Cause::key),
                    outcome.key(),
                    n.source,
                    text(&n.terminal_id),
                    text(&n.merchant_id),
                    text(&n.rrn),
                    card,
                    n.amount,
                    text(&n.code),
                    note,
                    steps,
                ],
            )
            .map_err(|e| self.err(e))?;
        let id = self.conn.last_insert_rowid();
        self.incident(id)?
            .ok_or_else(|| self.err(rusqlite::Error::QueryReturnedNoRows))
    }

    pub fn incident(&self, id: i64) -> Result<Option<Incident>, Error> {
        self.conn
            .query_row(
                &format!("SELECT {COLUMNS} FROM incidents WHERE id = ?1"),
                [id],
                from_row,
            )
            .optional()
            .map_err(|e| self.err(e))
    }

    /// Incidents matching `f`, newest first.
    pub fn incidents(&self, f: &Filter) -> Result<Vec<Incident>, Error> {
        let (clause, mut values) = clause(f);
        let limit = match f.limit {
            Some(n) => {
                values.push(Value::Integer(i64::try_from(n).unwrap_or(i64::MAX)));
                " LIMIT ?"
            }
            None => "",
        };
        let sql =
            format!("SELECT {COLUMNS} FROM incidents{clause} ORDER BY at DESC, id DESC{limit}");
        let mut stmt = self.conn.prepare(&sql).map_err(|e| self.err(e))?;
        let rows = stmt
            .query_map(params_from_iter(values), from_row)
            .map_err(|e| self.err(e))?;
        rows.collect::<Result<Vec<_>, _>>().map_err(|e| self.err(e))
    }

    /// How many incidents match `f` (its limit aside).
    pub fn incident_count(&self, f: &Filter) -> Result<u64, Error> {
        let (clause, values) = clause(f);
        self.conn
            .query_row(
                &format!("SELECT COUNT(*) FROM incidents{clause}"),
                params_from_iter(values),
                |r| r.get::<_, i64>(0),
            )
            .map(|n| n.max(0) as u64)
            .map_err(|e| self.err(e))
    }

    /// Counts of the incidents matching `f`, grouped by `by`: most frequent first, except
    /// weeks, which read best in time order.
    pub fn incident_groups(&self, f: &Filter, by: GroupBy) -> Result<Vec<Group>, Error> {
        let (clause, values) = clause(f);
        let col = by.column();
        let order = match by {
            GroupBy::Week => "key",
            _ => "count DESC, key",
        };
        let sql = format!(
            "SELECT {col} AS key, COUNT(*) AS count, SUM(outcome = 'resolved') FROM incidents{clause} GROUP BY {col} ORDER BY {order}"
        );
        let mut stmt = self.conn.prepare(&sql).map_err(|e| self.err(e))?;
        let rows = stmt
            .query_map(params_from_iter(values), |r| {
                Ok(Group {
                    key: r.get(0)?,
                    count: r.get::<_, i64>(1)?.max(0) as u64,
                    resolved: r.get::<_, Option<i64>>(2)?.unwrap_or(0).max(0) as u64,
                })
            })
            .map_err(|e| self.err(e))?;
        rows.collect::<Result<Vec<_>, _>>().map_err(|e| self.err(e))
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
        let j = Journal::open(&dir.path().join("p.db")).unwrap();
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
