//! Cells of the CSV files the tool writes (`incident export`, `txn reconcile --output csv`),
//! made safe to open in a spreadsheet.
//!
//! Values in them come from outside (notes typed at the counter, identifiers read from
//! acquirers' files). A cell starting with `=`, `+`, `-`, `@`, a tab or a carriage return is
//! run as a formula by Excel, LibreOffice and WPS (CSV injection); as OWASP's "CSV Injection"
//! page recommends, such a cell is prefixed with a single quote, which spreadsheets show as
//! text. The CSV writer itself quotes cells holding commas, quotes or newlines.
//!
//! One exception: a cell that is a plain number (`-12.50`, a refund) is left as it is. A
//! spreadsheet reads it as a number, never a formula: there is no operator or reference after
//! the sign, so nothing can run, and quoting it would turn money into text that no longer adds
//! up.

use std::borrow::Cow;

/// A CSV writer whose every cell goes through [`cell`].
pub struct Writer<W: std::io::Write>(csv::Writer<W>);

impl<W: std::io::Write> Writer<W> {
    pub fn from_writer(w: W) -> Self {
        Writer(csv::Writer::from_writer(w))
    }

    pub fn write_record<I, T>(&mut self, record: I) -> csv::Result<()>
    where
        I: IntoIterator<Item = T>,
        T: AsRef<str>,
    {
        self.0
            .write_record(record.into_iter().map(|c| cell(c.as_ref()).into_owned()))
    }

    pub fn into_inner(self) -> std::io::Result<W> {
        self.0.into_inner().map_err(|e| e.into_error())
    }
}

/// `value` as it is safe to write into a CSV cell.
pub fn cell(value: &str) -> Cow<'_, str> {
    let risky = value
        .chars()
        .next()
        .is_some_and(|c| matches!(c, '=' | '+' | '-' | '@' | '\t' | '\r'));
    if risky && !is_plain_number(value) {
        Cow::Owned(format!("'{value}"))
    } else {
        Cow::Borrowed(value)
    }
}

/// `-` followed by digits, with at most one `.` between digits: `-5`, `-0.05`, `-1234.50`.
fn is_plain_number(value: &str) -> bool {
    let Some(rest) = value.strip_prefix('-') else {
        return false;
    };
    let (whole, frac) = rest.split_once('.').unwrap_or((rest, "0"));
    let digits = |s: &str| !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit());
    digits(whole) && digits(frac)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formulas_are_neutralised() {
        for v in [
            "=1+1",
            "+1",
            "-1+cmd|' /C calc'!A0",
            "@SUM(A1)",
            "\t=1",
            "\r=1",
            "-",
            "--1",
            "-1.",
            "-.5",
            "-1e5",
        ] {
            assert_eq!(cell(v), format!("'{v}"), "{v:?}");
        }
    }

    #[test]
    fn plain_values_and_negative_numbers_stay() {
        for v in [
            "", "abc", "100.00", "-0.05", "-1234", "-12.50", "1-2", "a=b",
        ] {
            assert_eq!(cell(v), v, "{v:?}");
        }
    }
}
