//! Whether a sale's money reached the merchant, and when it is due.
//!
//! A merchant's first question after "did it go through?" is "when does the money arrive?".
//! The acquirer's terms (the profile's `settlement`, T+1 by default, and `cutoff`, 23:00 by
//! default) and the working-day calendar (`crate::calendar`) give the day a sale is due. The
//! settlement rows imported into the journal then say whether it arrived, with which amount,
//! fee and net, or — when the settlement of the due day was imported and the sale is not in
//! it — that it did not.

use serde::Serialize;
use time::{Date, Time};

use crate::calendar::{self, Calendar, Terms};
use crate::txn::columns::show_date;

/// What the journal holds about a sale's settlement.
#[derive(Debug, Clone, Default)]
pub struct Evidence {
    /// The settlement rows that name the sale (by RRN, or terminal and trace).
    pub rows: Vec<SettledRow>,
    /// Settlement dates from the due date up to today whose files were imported
    /// (`YYYYMMDD`): where the sale should have been.
    pub imported: Vec<u32>,
    /// The gateway's settlement word, when it said one (`credited`, `settled`).
    pub gateway_credited: bool,
}

/// One settlement row for the sale.
#[derive(Debug, Clone, Serialize)]
pub struct SettledRow {
    /// `YYYY-MM-DD`, when the file has a settlement date.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub settle_date: Option<String>,
    /// Fen, as settled.
    pub amount: i64,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub fee: Option<i64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub net: Option<i64>,
    /// The file said it was credited (已入账).
    #[serde(skip)]
    pub credited: bool,
    #[serde(skip)]
    pub settle_ymd: Option<u32>,
}

/// Where the money is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum CreditState {
    /// In a settlement whose date has come (or marked credited).
    Credited,
    /// In a settlement of a later date.
    Settled,
    /// Not yet due.
    Due,
    /// Due, not seen in any settlement, and the due date has passed.
    Overdue,
    /// Absent from an imported settlement of the due date (or later).
    NotCredited,
}

/// A difference between what was sold and what was settled.
#[derive(Debug, Clone, Serialize)]
pub struct Difference {
    /// `amount` (settled ≠ sold) or `net` (net ≠ settled amount − fee).
    pub field: &'static str,
    /// Fen: what was expected (the sale's amount; amount − fee).
    pub expected: i64,
    /// Fen: what the settlement says.
    pub actual: i64,
}

/// The crediting of one sale, as `txn status` reports it (`transactions[].crediting`).
#[derive(Debug, Clone, Serialize)]
pub struct Crediting {
    pub state: CreditState,
    /// The acquirer's terms as the profile states them: `T+1`, `D+0`, …
    pub terms: String,
    /// `HH:MM`: a sale at or after it counts for the next day.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub cutoff: Option<String>,
    /// `YYYY-MM-DD`: the day the sale counts for.
    pub trade_day: String,
    /// `YYYY-MM-DD`: the day it is due in the merchant's account.
    pub due: String,
    /// True when a year on the way has no holiday table: the due date may still move.
    pub due_may_move: bool,
    /// Working days past the due date, when overdue or not credited.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub overdue_working_days: Option<u32>,
    /// Settlement dates (`YYYY-MM-DD`) imported and checked, in which the sale is absent.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub checked: Vec<String>,
    /// The settlement row, when there is one.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub settlement: Option<SettledRow>,
    /// Amount or net differences between the sale and its settlement; empty when they agree.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub differences: Vec<Difference>,
}

pub(crate) fn date_of(ymd: u32) -> Option<Date> {
    Date::from_calendar_date(
        (ymd / 10000) as i32,
        time::Month::try_from((ymd / 100 % 100) as u8).ok()?,
        (ymd % 100) as u8,
    )
    .ok()
}

pub(crate) fn ymd_of(d: Date) -> u32 {
    d.year() as u32 * 10000 + u32::from(u8::from(d.month())) * 100 + u32::from(d.day())
}

fn show(d: Date) -> String {
    show_date(ymd_of(d))
}

/// The sale's due date under `terms`, when its date is known.
pub fn due(cal: &Calendar, date: u32, clock: Option<u32>, terms: Terms) -> Option<calendar::Due> {
    let d = date_of(date)?;
    let c = clock.unwrap_or(0);
    let t = Time::from_hms(
        (c / 10000) as u8,
        (c / 100 % 100) as u8,
        (c % 100).min(59) as u8,
    )
    .ok()?;
    calendar::due(cal, d, t, terms)
}

/// Where a sale of `amount` fen, made on `date` (`YYYYMMDD`) at `clock` (`HHMMSS`), stands on
/// `today`, from what the journal and the gateway say.
pub fn assess(
    cal: &Calendar,
    terms: Terms,
    date: u32,
    clock: Option<u32>,
    amount: Option<i64>,
    evidence: &Evidence,
    today: Date,
) -> Option<Crediting> {
    let due = due(cal, date, clock, terms)?;
    let settlement = evidence.rows.first().cloned();
    let mut differences = Vec::new();
    if let Some(s) = &settlement {
        if let Some(sold) = amount
            && sold != s.amount
        {
            differences.push(Difference {
                field: "amount",
                expected: sold,
                actual: s.amount,
            });
        }
        if let (Some(fee), Some(net)) = (s.fee, s.net)
            && s.amount - fee != net
        {
            differences.push(Difference {
                field: "net",
                expected: s.amount - fee,
                actual: net,
            });
        }
    }
    let late = cal.working_days_between(due.date, today);
    let state = match &settlement {
        Some(s) if s.credited || s.settle_ymd.and_then(date_of).is_none_or(|d| d <= today) => {
            CreditState::Credited
        }
        Some(_) => CreditState::Settled,
        None if evidence.gateway_credited => CreditState::Credited,
        None if !evidence.imported.is_empty() => CreditState::NotCredited,
        None if today > due.date => CreditState::Overdue,
        None => CreditState::Due,
    };
    let overdue_working_days = matches!(state, CreditState::Overdue | CreditState::NotCredited)
        .then_some(late)
        .filter(|n| *n > 0);
    Some(Crediting {
        state,
        terms: format!(
            "{}+{}",
            match terms.basis {
                calendar::Basis::Working => 'T',
                calendar::Basis::Calendar => 'D',
            },
            terms.days
        ),
        cutoff: terms
            .cutoff
            .map(|c| format!("{:02}:{:02}", c.hour(), c.minute())),
        trade_day: show(due.trade_day),
        due: show(due.date),
        due_may_move: !due.certain,
        overdue_working_days,
        checked: if settlement.is_none() {
            evidence.imported.iter().map(|d| show_date(*d)).collect()
        } else {
            Vec::new()
        },
        settlement,
        differences,
    })
}

/// The acquirer's terms from the profile's `settlement` and `cutoff` (T+1 and 23:00 when not
/// given); `Err` names the value that is not understood.
pub fn terms(
    settlement: Option<&str>,
    cutoff: Option<&str>,
) -> Result<Terms, (&'static str, String)> {
    let cut = match cutoff.map(str::trim) {
        None => Some(Time::from_hms(23, 0, 0).unwrap_or(Time::MIDNIGHT)),
        Some("" | "none") => None,
        Some(c) => Some(parse_cutoff(c).ok_or_else(|| ("cutoff", c.to_string()))?),
    };
    let text = settlement.unwrap_or("T+1");
    Terms::parse(text, cut).ok_or_else(|| ("settlement", text.to_string()))
}

fn parse_cutoff(c: &str) -> Option<Time> {
    let (h, m) = c.split_once(':')?;
    if h.is_empty() || h.len() > 2 || m.len() != 2 {
        return None;
    }
    Time::from_hms(h.parse().ok()?, m.parse().ok()?, 0).ok()
}

#[cfg(test)]
mod tests {
    use super::*;
    use time::macros::date;

    fn cal() -> &'static Calendar {
        Calendar::embedded().expect("calendar")
    }

    fn row(amount: i64, fee: i64, net: i64, settle: u32) -> SettledRow {
        SettledRow {
            settle_date: Some(show_date(settle)),
            amount,
            fee: Some(fee),
            net: Some(net),
            credited: false,
            settle_ymd: Some(settle),
        }
    }

    #[test]
    fn settled_with_another_amount_is_a_difference() {
        let ev = Evidence {
            rows: vec![row(26500, 159, 26341, 20261124)],
            ..Default::default()
        };
        let c = assess(
            cal(),
            terms(None, None).unwrap(),
            20261123,
            Some(104019),
            Some(25650),
            &ev,
            date!(2026 - 11 - 24),
        )
        .unwrap();
        assert_eq!(c.state, CreditState::Credited);
        assert_eq!(c.differences.len(), 1);
        assert_eq!(c.differences[0].expected, 25650);
        assert_eq!(c.differences[0].actual, 26500);
    }

    #[test]
    fn absent_from_the_due_days_settlement_is_not_credited() {
        let ev = Evidence {
            imported: vec![20261124],
            ..Default::default()
        };
        let t = terms(Some("T+1"), Some("23:00")).unwrap();
        let c = assess(
            cal(),
            t,
            20261123,
            Some(91502),
            None,
            &ev,
            date!(2026 - 11 - 24),
        )
        .unwrap();
        assert_eq!(c.state, CreditState::NotCredited);
        assert_eq!(c.due, "2026-11-24");
        assert_eq!(c.checked, ["2026-11-24"]);
        // Nothing imported: due, then overdue by working days.
        let none = Evidence::default();
        let c = assess(cal(), t, 20261120, None, None, &none, date!(2026 - 11 - 20)).unwrap();
        assert_eq!((c.state, c.due.as_str()), (CreditState::Due, "2026-11-23"));
        let c = assess(cal(), t, 20261120, None, None, &none, date!(2026 - 11 - 25)).unwrap();
        assert_eq!(c.state, CreditState::Overdue);
        assert_eq!(c.overdue_working_days, Some(2));
    }

    #[test]
    fn terms_are_checked() {
        assert!(terms(Some("T+1"), Some("23:00")).is_ok());
        assert!(terms(Some("D+0"), None).is_ok());
        assert_eq!(terms(Some("X+1"), None).unwrap_err().0, "settlement");
        assert_eq!(terms(None, Some("25:00")).unwrap_err().0, "cutoff");
        assert_eq!(terms(None, Some("9")).unwrap_err().0, "cutoff");
    }
}
