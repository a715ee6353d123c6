//! Streaming batch checks over a CSV of terminal records (`posdoctor check --batch`).
//!
//! The file is read in chunks of rows; each chunk is checked in parallel and its bad rows are
//! handed on in file order, so memory stays flat however long the file is. A row that cannot
//! be read (wrong number of fields, bad UTF-8) is reported with its line number and the batch
//! goes on.

use std::io::Read;
use std::sync::mpsc;

use rayon::prelude::*;
use serde::Serialize;

use super::{Violation, currency, key, mcc, merchant_id, terminal_id};
use crate::config::Acquirer;
use crate::error::{Error, Message};
use crate::finding::{Finding, Status, overall};
use crate::i18n::Msg;
use crate::keys::Algorithm;
use crate::taxonomy::{Category, Cause};

/// Rows per chunk: large enough to keep both cores busy, small enough that memory is a few
/// megabytes whatever the file size.
const CHUNK: usize = 8192;

/// The key columns, each with an optional `<name>_kcv` column beside it.
const KEY_COLUMNS: [&str; 4] = ["tmk", "tpk", "tak", "tdk"];

/// Column positions, found by header name (case and surrounding spaces ignored).
#[derive(Debug)]
struct Columns {
    width: usize,
    merchant_id: usize,
    terminal_id: usize,
    mcc: Option<usize>,
    currency: Option<usize>,
    region: Option<usize>,
    acquirer: Option<usize>,
    algorithm: Option<usize>,
    keys: Vec<(&'static str, usize, Option<usize>)>,
}

impl Columns {
    fn from_header(header: &csv::ByteRecord, path: &str) -> Result<Columns, Error> {
        let names: Vec<String> = header
            .iter()
            .map(|h| {
                String::from_utf8_lossy(h)
                    .trim()
                    .trim_start_matches('\u{feff}')
                    .to_ascii_lowercase()
            })
            .collect();
        let find = |n: &str| names.iter().position(|h| h == n);
        let mut missing = Vec::new();
        let mut required = |n: &'static str| {
            find(n).unwrap_or_else(|| {
                missing.push(n);
                0
            })
        };
        let (merchant_id, terminal_id) = (required("merchant_id"), required("terminal_id"));
        if !missing.is_empty() {
            return Err(Message::new(Msg::ErrorBatchColumns)
                .arg("path", path)
                .arg("missing", missing.join(", "))
                .arg(
                    "found",
                    crate::input::excerpt(&names.join(", "), crate::input::HEADER_CHARS),
                )
                .into());
        }
        let keys = KEY_COLUMNS
            .iter()
            .filter_map(|k| find(k).map(|i| (*k, i, find(&format!("{k}_kcv")))))
            .collect();
        Ok(Columns {
            width: names.len(),
            merchant_id,
            terminal_id,
            mcc: find("mcc"),
            currency: find("currency"),
            region: find("region"),
            acquirer: find("acquirer"),
            algorithm: find("algorithm"),
            keys,
        })
    }
}

/// One row that broke a rule, as printed (and, with `--json`, one JSON line: see
/// `render::batch_record_json`, which says the findings in the user's language).
#[derive(Debug)]
pub struct BadRecord {
    pub line: u64,
    pub merchant_id: String,
    pub terminal_id: String,
    pub status: Status,
    pub findings: Vec<Finding>,
}

#[derive(Debug, Default, Clone, Serialize)]
pub struct Summary {
    pub records: u64,
    pub ok: u64,
    pub warn: u64,
    pub fail: u64,
    /// Rows that could not be read as records at all (also counted in `fail`).
    pub unreadable: u64,
}

impl Summary {
    /// The batch's overall status: the worst of its records.
    pub fn status(&self) -> Status {
        if self.fail > 0 {
            Status::Fail
        } else if self.warn > 0 {
            Status::Warn
        } else {
            Status::Ok
        }
    }
}

enum Outcome {
    Ok,
    Bad(BadRecord),
}

fn text(field: &[u8]) -> Option<&str> {
    std::str::from_utf8(field).ok().map(str::trim)
}

fn unreadable(line: u64, msg: Message) -> Outcome {
    let f = Finding::new("check.batch.row", Status::Fail, &msg)
        .target(format!("line {line}"))
        .blame(Category::Declined, Cause::MerchantParams);
    Outcome::Bad(BadRecord {
        line,
        merchant_id: String::new(),
        terminal_id: String::new(),
        status: Status::Fail,
        findings: vec![f],
    })
}

fn check_row(row: &csv::ByteRecord, cols: &Columns, default_acquirer: Acquirer) -> Outcome {
    let line = row.position().map_or(0, |p| p.line());
    if row.len() != cols.width {
        let m = Message::new(Msg::CheckBatchWidth)
            .arg("line", line)
            .arg("fields", row.len())
            .arg("width", cols.width);
        return unreadable(line, m);
    }
    let field = |i: usize| -> Option<&str> { text(&row[i]) };
    // Delimiters are ASCII, so the row is valid UTF-8 exactly when every field is: one check
    // for the common case, a search for the column only when it fails.
    if std::str::from_utf8(row.as_slice()).is_err() {
        let col = (0..row.len())
            .find(|i| field(*i).is_none())
            .map_or(0, |i| i + 1);
        return unreadable(
            line,
            Message::new(Msg::CheckBatchUtf8)
                .arg("line", line)
                .arg("column", col),
        );
    }
    let get = |i: Option<usize>| i.and_then(field).filter(|s| !s.is_empty());
    let acquirer = match get(cols.acquirer) {
        Some(a) if a.eq_ignore_ascii_case("generic") => Acquirer::Generic,
        Some(a) if a.eq_ignore_ascii_case("unionpay") => Acquirer::Unionpay,
        _ => default_acquirer,
    };
    let algorithm = match get(cols.algorithm) {
        Some(a) if a.eq_ignore_ascii_case("aes") => Algorithm::Aes,
        Some(a) if a.eq_ignore_ascii_case("sm4") => Algorithm::Sm4,
        _ => Algorithm::Tdes,
    };
    let mid = field(cols.merchant_id).unwrap_or("");
    let tid = field(cols.terminal_id).unwrap_or("");
    let mut v: Vec<Violation> = Vec::new();
    let mut shown: Vec<String> = Vec::new();
    // What each violation shows as its value; filled only when there are violations.
    let label = |v: &Vec<Violation>, shown: &mut Vec<String>, value: &str| {
        if v.len() > shown.len() {
            shown.resize(v.len(), crate::redact::line(value));
        }
    };
    merchant_id(mid, acquirer, get(cols.mcc), get(cols.region), &mut v);
    label(&v, &mut shown, mid);
    terminal_id(tid, acquirer, &mut v);
    label(&v, &mut shown, tid);
    if let Some(m) = get(cols.mcc) {
        mcc(m, &mut v);
        label(&v, &mut shown, m);
    }
    if let Some(c) = get(cols.currency) {
        currency(c, &mut v);
        label(&v, &mut shown, c);
    }
    for (name, k, kcv) in &cols.keys {
        if let Some(hex) = get(Some(*k)) {
            let before = v.len();
            let parsed = key(name, hex, algorithm, get(*kcv), &mut v);
            if v.len() > before {
                let masked =
                    parsed.map_or_else(|| "****".to_string(), |p| format!("KCV {}", p.kcv()));
                shown.resize(v.len(), masked);
            }
        }
    }
    if v.is_empty() {
        return Outcome::Ok;
    }
    let findings: Vec<Finding> = v.iter().zip(&shown).map(|(x, s)| x.finding(s)).collect();
    Outcome::Bad(BadRecord {
        line,
        merchant_id: crate::redact::line(mid),
        terminal_id: crate::redact::line(tid),
        status: overall(&findings),
        findings,
    })
}

/// Checks every row of `input`, calling `on_bad` for each row that broke a rule, in file
/// order. `path` names the input in messages.
pub fn run(
    input: impl Read + Send,
    path: &str,
    default_acquirer: Acquirer,
    on_bad: impl FnMut(&BadRecord) -> Result<(), Error>,
) -> Result<Summary, Error> {
    let table = crate::tabular::Table::new(input, path, &crate::tabular::Options::default())?;
    run_table(table, default_acquirer, on_bad)
}

/// [`run`] over a table already opened (any encoding, delimiter, or a workbook).
pub fn run_table(
    mut table: crate::tabular::Table<'_>,
    default_acquirer: Acquirer,
    mut on_bad: impl FnMut(&BadRecord) -> Result<(), Error>,
) -> Result<Summary, Error> {
    // A row with bytes that are not text is reported as that row, and the batch goes on.
    table.set_strict(false);
    let path = table.name().to_string();
    let cols = Columns::from_header(table.byte_headers(), &path).map_err(|e| match e {
        Error::Input(m) => table.header_error(m),
        other => other,
    })?;
    let mut summary = Summary::default();
    let (tx, rx) = mpsc::sync_channel::<Result<Vec<csv::ByteRecord>, Error>>(2);
    // Checked chunks go back to the reader to be filled again: rows are read into buffers
    // that already have room, instead of allocating each row anew.
    let (give_back, recycled) = mpsc::channel::<Vec<csv::ByteRecord>>();
    std::thread::scope(|scope| {
        scope.spawn(move || {
            loop {
                let mut chunk = recycled.try_recv().unwrap_or_default();
                let mut n = 0;
                while n < CHUNK {
                    if n == chunk.len() {
                        chunk.push(csv::ByteRecord::new());
                    }
                    match table.read(&mut chunk[n]) {
                        Ok(true) => n += 1,
                        Ok(false) => break,
                        Err(e) => {
                            let _ = tx.send(Err(e));
                            return;
                        }
                    }
                }
                chunk.truncate(n);
                let done = n < CHUNK;
                if (n > 0 && tx.send(Ok(chunk)).is_err()) || done {
                    return;
                }
            }
        });
        for chunk in rx {
            let chunk = chunk?;
            let outcomes: Vec<Outcome> = chunk
                .par_iter()
                .map(|r| check_row(r, &cols, default_acquirer))
                .collect();
            let _ = give_back.send(chunk);
            for o in outcomes {
                summary.records += 1;
                match o {
                    Outcome::Ok => summary.ok += 1,
                    Outcome::Bad(b) => {
                        match b.status {
                            Status::Fail => summary.fail += 1,
                            Status::Warn => summary.warn += 1,
                            _ => summary.ok += 1,
                        }
                        if b.findings.iter().any(|f| f.id == "check.batch.row") {
                            summary.unreadable += 1;
                        }
                        on_bad(&b)?;
                    }
                }
            }
        }
        Ok(summary)
    })
}
