//! Excel workbooks (.xlsx, and .xls from older Excel and many bank portals), read with
//! calamine: one sheet, its first row the header, every cell turned into the text the same
//! value has in a CSV export (numbers without a trailing `.0`, dates as `2026-11-23`, times
//! as `09:15:02`), so the column and value rules are the CSV ones.
//!
//! A workbook is read whole (a zip or OLE file cannot be streamed), so its size is capped,
//! and an .xlsx's declared unpacked size too: a small zip must not unpack into gigabytes.

use std::io::{Cursor, Read};

use calamine::{Data, Range, Reader};

use super::{How, Options};
use crate::error::{Error, Message};
use crate::i18n::Msg;

/// The largest workbook read: Excel's own limit of 1,048,576 rows of a transaction export is
/// well under it.
pub const WORKBOOK_LIMIT: u64 = 128 * 1024 * 1024;
/// The most an .xlsx may unpack to (its XML is verbose: about ten times the zip).
pub const UNPACKED_LIMIT: u64 = 1024 * 1024 * 1024;

const ZIP: &[u8] = b"PK\x03\x04";
const OLE: &[u8] = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1";

/// Whether the first bytes are a workbook's.
pub fn is_workbook(head: &[u8]) -> bool {
    head.starts_with(ZIP) || head.starts_with(OLE)
}

/// The rows of one sheet, handed out one at a time.
pub struct SheetRows {
    range: Range<Data>,
    next: usize,
    /// The sheet row of the range's first row (0-based): line numbers are the sheet's.
    first_row: u32,
}

impl SheetRows {
    /// The next row's cells as text into `rec`; `false` after the last.
    pub fn next(&mut self, rec: &mut csv::ByteRecord) -> bool {
        let Some(row) = self.range.rows().nth(self.next) else {
            return false;
        };
        rec.clear();
        let mut cell = String::new();
        for c in row {
            cell.clear();
            text(c, &mut cell);
            rec.push_field(cell.as_bytes());
        }
        // Trailing empty cells are no columns.
        let mut pos = csv::Position::new();
        pos.set_line(u64::from(self.first_row) + self.next as u64 + 1);
        pos.set_record(self.next as u64);
        rec.set_position(Some(pos));
        self.next += 1;
        true
    }
}

/// A cell as a CSV export would have written it.
fn text(c: &Data, out: &mut String) {
    use std::fmt::Write;
    match c {
        Data::Empty => {}
        Data::String(s) | Data::DateTimeIso(s) | Data::DurationIso(s) => out.push_str(s.trim()),
        Data::Int(i) => {
            let _ = write!(out, "{i}");
        }
        Data::Float(f) => {
            // Whole numbers (an RRN or terminal ID typed as a number) without `.0`; others
            // in the shortest form that reads back the same (`0.53`, not `0.530000001`).
            if f.fract() == 0.0 && f.abs() < 1e15 {
                let _ = write!(out, "{}", *f as i64);
            } else {
                let _ = write!(out, "{f}");
            }
        }
        Data::Bool(b) => out.push_str(if *b { "TRUE" } else { "FALSE" }),
        Data::DateTime(d) => {
            let v = d.as_f64();
            let (y, mo, da, h, mi, s, ms) = d.to_ymd_hms_milli();
            // Round to the second as a CSV export shows it.
            let secs =
                (u32::from(h) * 3600 + u32::from(mi) * 60 + u32::from(s)) + u32::from(ms >= 500);
            let (h, mi, s) = (secs / 3600 % 24, secs / 60 % 60, secs % 60);
            if d.is_duration() || v < 1.0 {
                let _ = write!(out, "{h:02}:{mi:02}:{s:02}");
            } else if v.fract() == 0.0 {
                let _ = write!(out, "{y:04}-{mo:02}-{da:02}");
            } else {
                let _ = write!(out, "{y:04}-{mo:02}-{da:02} {h:02}:{mi:02}:{s:02}");
            }
        }
        Data::Error(e) => {
            let _ = write!(out, "{e}");
        }
    }
}

/// Reads the rest of a workbook whose first bytes are `head`, and opens the sheet `opts`
/// names (the first when none).
pub(super) fn open<R: Read>(
    head: Vec<u8>,
    rest: R,
    name: &str,
    opts: &Options,
) -> Result<(How, SheetRows), Error> {
    let kind = if head.starts_with(ZIP) { "xlsx" } else { "xls" };
    let mut data = head;
    rest.take(WORKBOOK_LIMIT + 1 - data.len() as u64)
        .read_to_end(&mut data)
        .map_err(|e| Error::io(Msg::ErrorRead, std::path::Path::new(name), e))?;
    if data.len() as u64 > WORKBOOK_LIMIT {
        return Err(Message::new(Msg::ErrorFileTooLarge)
            .arg("path", name)
            .arg("limit", WORKBOOK_LIMIT)
            .into());
    }
    let bad = |detail: String| -> Error {
        Message::new(Msg::TabularWorkbook)
            .arg("file", name)
            .arg("kind", kind)
            .arg("error", crate::input::excerpt(&detail, 200))
            .into()
    };
    if kind == "xlsx" {
        let zip = zip::ZipArchive::new(Cursor::new(&data[..])).map_err(|e| bad(e.to_string()))?;
        let unpacked: u64 = zip
            .decompressed_size()
            .unwrap_or(u128::MAX)
            .try_into()
            .unwrap_or(u64::MAX);
        if unpacked > UNPACKED_LIMIT {
            return Err(Message::new(Msg::ErrorFileTooLarge)
                .arg("path", name)
                .arg("limit", UNPACKED_LIMIT)
                .into());
        }
    }
    let mut book =
        calamine::open_workbook_auto_from_rs(Cursor::new(data)).map_err(|e| bad(e.to_string()))?;
    let names = book.sheet_names();
    let index = match opts.sheet.as_deref().map(str::trim) {
        None => 0,
        Some(s) => names
            .iter()
            .position(|n| n == s)
            .or_else(|| {
                s.parse::<usize>()
                    .ok()
                    .filter(|n| (1..=names.len()).contains(n))
                    .map(|n| n - 1)
            })
            .ok_or_else(|| {
                Error::from(
                    Message::new(Msg::TabularSheet)
                        .arg("file", name)
                        .arg("sheet", s)
                        .arg(
                            "sheets",
                            crate::input::excerpt(&names.join(", "), crate::input::HEADER_CHARS),
                        ),
                )
            })?,
    };
    let Some(sheet) = names.get(index).cloned() else {
        return Err(bad("no sheets".into()));
    };
    let range = book
        .worksheet_range(&sheet)
        .map_err(|e| bad(e.to_string()))?;
    let first_row = range.start().map_or(0, |(r, _)| r);
    Ok((
        How::Workbook { kind, sheet },
        SheetRows {
            range,
            next: 0,
            first_row,
        },
    ))
}

#[cfg(test)]
mod tests {
    use super::*;
    use calamine::{ExcelDateTime, ExcelDateTimeType};

    fn t(c: Data) -> String {
        let mut s = String::new();
        text(&c, &mut s);
        s
    }

    #[test]
    fn cells_read_as_a_csv_export_writes_them() {
        assert_eq!(t(Data::Float(331009000101.0)), "331009000101");
        assert_eq!(t(Data::Float(256.5)), "256.5");
        assert_eq!(t(Data::Float(0.53)), "0.53");
        assert_eq!(t(Data::Int(88)), "88");
        let dt = |v| Data::DateTime(ExcelDateTime::new(v, ExcelDateTimeType::DateTime, false));
        // 2026-11-23 is serial 46349.
        assert_eq!(t(dt(46349.0)), "2026-11-23");
        assert_eq!(
            t(dt(46349.0 + (9.0 * 3600.0 + 15.0 * 60.0 + 2.0) / 86400.0)),
            "2026-11-23 09:15:02"
        );
        assert_eq!(
            t(dt((9.0 * 3600.0 + 15.0 * 60.0 + 2.0) / 86400.0)),
            "09:15:02"
        );
    }
}
