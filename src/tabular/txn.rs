//! The one reading of a transaction row, shared by the journal import and the reconciler so
//! that the two can never read the same file differently: which cells are required, how
//! amounts, dates, times, types and states are written, and what error a bad cell gives.
//!
//! Fields borrow from the record: the reconciler reads millions of rows and keeps only
//! what it matches on, the import copies what it stores.

use crate::error::Message;
use crate::i18n::Msg;
use crate::txn::State;
use crate::txn::columns::{self, Columns, Field, TxnType};

/// One row, read and checked. Outside text is as it was in the file: whoever shows or
/// stores it applies the redaction policy.
#[derive(Debug, Clone, Default)]
pub struct TxnFields<'r> {
    pub rrn: Option<&'r str>,
    pub trace: Option<&'r str>,
    pub terminal_id: Option<&'r str>,
    pub merchant_id: Option<&'r str>,
    pub merchant_name: Option<&'r str>,
    pub order_id: Option<&'r str>,
    /// `YYYYMMDD`, from the date column or the date part of the time column.
    pub date: Option<u32>,
    /// `HHMMSS`.
    pub time: Option<u32>,
    /// Fen.
    pub amount: i64,
    pub fee: Option<i64>,
    pub net: Option<i64>,
    pub kind: Option<TxnType>,
    pub code: Option<&'r str>,
    pub state: Option<State>,
    /// As written: mask it before keeping it.
    pub card: Option<&'r str>,
    pub batch: Option<&'r str>,
    pub settle_date: Option<u32>,
    pub orig_trace: Option<&'r str>,
}

/// Why a cell could not be read: the line, the column and (an excerpt of) the value.
pub fn bad_cell(file: &str, line: u64, field: &str, value: &[u8]) -> Message {
    Message::new(Msg::ErrorTxnRow)
        .arg("file", file)
        .arg("line", line)
        .arg("field", field)
        .arg(
            "value",
            crate::input::excerpt(&String::from_utf8_lossy(value), crate::input::EXCERPT_CHARS),
        )
}

/// Whether a row has nothing in it (skipped by every reader).
pub fn is_blank(rec: &csv::ByteRecord) -> bool {
    rec.iter().all(|f| f.trim_ascii().is_empty())
}

/// Reads one row through `cols`. `line` names it in errors.
pub fn parse<'r>(
    cols: &Columns,
    rec: &'r csv::ByteRecord,
    file: &str,
    line: u64,
) -> Result<TxnFields<'r>, Message> {
    let bad = |field: &str, v: &[u8]| bad_cell(file, line, field, v);
    let text = |f: Field, name: &str| -> Result<Option<&'r str>, Message> {
        match cols.get_bytes(rec, f) {
            Some(v) => std::str::from_utf8(v).map(Some).map_err(|_| bad(name, v)),
            None => Ok(None),
        }
    };
    let money = |f: Field, fen: Field, name: &str| -> Result<Option<i64>, Message> {
        if let Some(v) = text(fen, name)? {
            return columns::parse_fen(v)
                .map(Some)
                .ok_or_else(|| bad(name, v.as_bytes()));
        }
        match text(f, name)? {
            Some(v) => columns::parse_yuan(v)
                .map(Some)
                .ok_or_else(|| bad(name, v.as_bytes())),
            None => Ok(None),
        }
    };
    let date_of = |f: Field, name: &str| -> Result<Option<u32>, Message> {
        match text(f, name)? {
            Some(v) => date(v).map(Some).ok_or_else(|| bad(name, v.as_bytes())),
            None => Ok(None),
        }
    };
    let amount =
        money(Field::Amount, Field::AmountFen, "amount")?.ok_or_else(|| bad("amount", b""))?;
    let mut date = date_of(Field::Date, "date")?;
    let time = match text(Field::Time, "time")? {
        Some(v) => {
            let (d, t) = time(v).ok_or_else(|| bad("time", v.as_bytes()))?;
            date = date.or(d);
            Some(t)
        }
        None => None,
    };
    let rrn = text(Field::Rrn, "rrn")?;
    let trace = text(Field::Trace, "trace")?;
    // A row must say which transaction it is.
    if rrn.is_none() && trace.is_none() {
        return Err(bad("rrn", b""));
    }
    Ok(TxnFields {
        rrn,
        trace,
        terminal_id: text(Field::TerminalId, "terminal_id")?,
        merchant_id: text(Field::MerchantId, "merchant_id")?,
        merchant_name: text(Field::MerchantName, "merchant_name")?,
        order_id: text(Field::OrderId, "order_id")?,
        date,
        time,
        amount,
        fee: money(Field::Fee, Field::FeeFen, "fee")?,
        net: money(Field::Net, Field::NetFen, "net")?,
        kind: text(Field::Type, "type")?.map(TxnType::parse),
        code: text(Field::Code, "code")?,
        state: text(Field::Status, "status")?.and_then(columns::parse_status),
        card: text(Field::Card, "card")?,
        batch: text(Field::Batch, "batch")?,
        settle_date: date_of(Field::SettleDate, "settle_date")?,
        orig_trace: text(Field::OrigTrace, "orig_trace")?,
    })
}

/// [`columns::parse_date`], with the common `YYYY-MM-DD` read without allocating (a
/// million-row file has a million of them); every other form goes to the general rule.
fn date(v: &str) -> Option<u32> {
    let b = v.as_bytes();
    if b.len() == 10
        && b[4] == b'-'
        && b[7] == b'-'
        && let (Some(y), Some(m), Some(d)) = (digits(&b[..4]), digits(&b[5..7]), digits(&b[8..]))
    {
        return valid_date(y, m, d);
    }
    columns::parse_date(v)
}

/// [`columns::parse_time`], with `HH:MM:SS` read without allocating.
fn time(v: &str) -> Option<(Option<u32>, u32)> {
    let b = v.as_bytes();
    if b.len() == 8
        && b[2] == b':'
        && b[5] == b':'
        && let (Some(h), Some(m), Some(s)) = (digits(&b[..2]), digits(&b[3..5]), digits(&b[6..]))
    {
        return (h < 24 && m < 60 && s < 61).then_some((None, h * 10000 + m * 100 + s));
    }
    columns::parse_time(v)
}

fn digits(b: &[u8]) -> Option<u32> {
    b.iter().try_fold(0u32, |n, c| {
        c.is_ascii_digit().then(|| n * 10 + u32::from(c - b'0'))
    })
}

/// The same bounds as [`columns::parse_date`]: 1970–2100, a day the calendar has.
fn valid_date(y: u32, m: u32, d: u32) -> Option<u32> {
    let month = time::Month::try_from(u8::try_from(m).ok()?).ok()?;
    let real = time::Date::from_calendar_date(i32::try_from(y).ok()?, month, u8::try_from(d).ok()?)
        .is_ok();
    ((1970..=2100).contains(&y) && real).then(|| y * 10000 + m * 100 + d)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fast_paths_agree_with_the_general_rules() {
        for v in [
            "2026-11-23",
            "2026-02-30",
            "1969-12-31",
            "2101-01-01",
            "2026-13-01",
            "2026-1a-01",
            "2024-02-29",
        ] {
            assert_eq!(date(v), columns::parse_date(v), "{v}");
        }
        for v in ["09:15:02", "24:00:00", "23:59:60", "23:60:00", "0a:00:00"] {
            assert_eq!(time(v), columns::parse_time(v), "{v}");
        }
    }
}
