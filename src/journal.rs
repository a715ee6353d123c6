//! The transaction journal imported from terminal exports and settlement files, and (in
//! `incident.rs`) the incident log, kept in one database: a SQLite file
//! (`$XDG_DATA_HOME/posdoctor/posdoctor.db`) or a shared PostgreSQL database (see
//! [`crate::store`]).
//!
//! An import is one transaction: all its rows or, if anything fails or the process dies,
//! none. Re-importing a file adds nothing: every row carries a fingerprint of its content
//! and of how many identical rows came before it in the same file, unique in the journal
//! with its RRN (see `store::TXN_INDEXES`).

use sha2::Digest;
use std::collections::HashMap;

use crate::error::{Error, Message};
use crate::i18n::Msg;
use crate::store::{Cells, Db, ImportBatch, Location, Param};
use crate::tabular::txn::TxnFields;
use crate::txn::columns::{self, Columns, Field, TxnType};
use crate::txn::{State, Txn};

/// Which side of a reconciliation a file is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Kind {
    /// What the terminal sold (its transaction export).
    Sales,
    /// What the acquirer settled and credited (its settlement file).
    Settlement,
}

impl Kind {
    pub fn key(self) -> &'static str {
        match self {
            Kind::Sales => "sales",
            Kind::Settlement => "settlement",
        }
    }
}

/// The journal and incident log, on either backend.
pub struct Journal {
    pub(crate) db: crate::store::Db,
}

/// One imported row, parsed and with the card number masked.
#[derive(Debug, Clone, Default)]
pub struct Row {
    pub rrn: Option<String>,
    pub trace: Option<String>,
    pub terminal_id: Option<String>,
    pub merchant_id: Option<String>,
    pub merchant_name: Option<String>,
    pub order_id: Option<String>,
    pub date: Option<u32>,
    pub time: Option<u32>,
    pub amount: i64,
    pub fee: Option<i64>,
    pub net: Option<i64>,
    pub kind: Option<TxnType>,
    pub code: Option<String>,
    pub state: Option<State>,
    pub card: Option<String>,
    pub batch: Option<String>,
    pub settle_date: Option<u32>,
    pub orig_trace: Option<String>,
}

/// A table whose header has been read and whose columns are known: everything about the
/// file's shape is checked before the database is opened, so a wrong file or `--map` leaves
/// no database behind. The file is read once, so a pipe works too.
pub struct CsvSource<'a> {
    table: crate::tabular::Table<'a>,
    cols: Columns,
    /// The first row with anything in it, already checked.
    first: Option<csv::ByteRecord>,
    /// The input's size in bytes, when known: a large import builds its indexes at the end.
    size: Option<u64>,
}

impl<'a> CsvSource<'a> {
    /// Finds the columns of `table`, with `map` naming those whose headers are not
    /// recognised, and reads its first row.
    pub fn new(
        mut table: crate::tabular::Table<'a>,
        map: &std::collections::BTreeMap<Field, String>,
    ) -> Result<Self, Error> {
        let headers = table.headers();
        let header_refs: Vec<&str> = headers.iter().map(String::as_str).collect();
        let cols = Columns::from_headers(&header_refs, map, table.name())
            .map_err(|e| table.header_error(e))?;
        // The first row too: a file that is not what it claims fails here, not inside an
        // import.
        let mut first = None;
        let mut rec = csv::ByteRecord::new();
        while table.read(&mut rec)? {
            if crate::tabular::txn::is_blank(&rec) {
                continue;
            }
            let line = rec.position().map_or(0, |p| p.line());
            Row::parse(&cols, &rec, table.name(), line)?;
            first = Some(rec);
            break;
        }
        Ok(CsvSource {
            table,
            cols,
            first,
            size: None,
        })
    }

    /// The input's size in bytes (a regular file's), which lets a large import choose the
    /// faster path.
    pub fn with_size(mut self, size: Option<u64>) -> Self {
        self.size = size;
        self
    }

    pub fn columns(&self) -> &Columns {
        &self.cols
    }
}

impl Row {
    /// Reads one row through `cols` (the rules are [`crate::tabular::txn::parse`]'s, the
    /// reconciler's too) and keeps what the journal stores: outside text only as the
    /// redaction policy lets it, the card number masked.
    pub fn parse(
        cols: &Columns,
        rec: &csv::ByteRecord,
        file: &str,
        line: u64,
    ) -> Result<Row, Message> {
        let f = crate::tabular::txn::parse(cols, rec, file, line)?;
        Ok(Stores::of(&f, &mut crate::redact::Memo::default())
            .fields(&f)
            .into())
    }

    /// The row as fields that borrow from it.
    #[cfg(test)]
    fn fields(&self) -> TxnFields<'_> {
        TxnFields {
            rrn: self.rrn.as_deref(),
            trace: self.trace.as_deref(),
            terminal_id: self.terminal_id.as_deref(),
            merchant_id: self.merchant_id.as_deref(),
            merchant_name: self.merchant_name.as_deref(),
            order_id: self.order_id.as_deref(),
            date: self.date,
            time: self.time,
            amount: self.amount,
            fee: self.fee,
            net: self.net,
            kind: self.kind,
            code: self.code.as_deref(),
            state: self.state,
            card: self.card.as_deref(),
            batch: self.batch.as_deref(),
            settle_date: self.settle_date,
            orig_trace: self.orig_trace.as_deref(),
        }
    }
}

impl From<TxnFields<'_>> for Row {
    fn from(f: TxnFields<'_>) -> Row {
        let own = |v: Option<&str>| v.map(str::to_string);
        Row {
            rrn: own(f.rrn),
            trace: own(f.trace),
            terminal_id: own(f.terminal_id),
            merchant_id: own(f.merchant_id),
            merchant_name: own(f.merchant_name),
            order_id: own(f.order_id),
            date: f.date,
            time: f.time,
            amount: f.amount,
            fee: f.fee,
            net: f.net,
            kind: f.kind,
            code: own(f.code),
            state: f.state,
            card: own(f.card),
            batch: own(f.batch),
            settle_date: f.settle_date,
            orig_trace: own(f.orig_trace),
        }
    }
}

/// What the journal stores of a row's text, where it differs from the file: each cell as
/// the redaction policy lets it (almost always the cell itself, borrowed), the card number
/// masked.
struct Stores<'r> {
    texts: [Option<std::borrow::Cow<'r, str>>; 9],
    card: Option<String>,
}

impl<'r> Stores<'r> {
    fn of(f: &TxnFields<'r>, memo: &mut crate::redact::Memo) -> Stores<'r> {
        Stores {
            texts: [
                f.rrn,
                f.trace,
                f.terminal_id,
                f.merchant_id,
                f.merchant_name,
                f.order_id,
                f.code,
                f.batch,
                f.orig_trace,
            ]
            .map(|v| v.map(|v| memo.secrets(v))),
            card: f.card.and_then(crate::card::masked),
        }
    }

    /// `f` as stored.
    fn fields<'s>(&'s self, f: &TxnFields<'r>) -> TxnFields<'s> {
        let [
            rrn,
            trace,
            terminal_id,
            merchant_id,
            merchant_name,
            order_id,
            code,
            batch,
            orig,
        ] = &self.texts;
        TxnFields {
            rrn: rrn.as_deref(),
            trace: trace.as_deref(),
            terminal_id: terminal_id.as_deref(),
            merchant_id: merchant_id.as_deref(),
            merchant_name: merchant_name.as_deref(),
            order_id: order_id.as_deref(),
            code: code.as_deref(),
            card: self.card.as_deref(),
            batch: batch.as_deref(),
            orig_trace: orig.as_deref(),
            ..f.clone()
        }
    }
}

/// A digest of everything stored about a row: each cell's length and bytes, in one buffer
/// (`buf`, reused from row to row) hashed at once.
fn content_key(row: &TxnFields<'_>, kind: Kind, buf: &mut Vec<u8>) -> [u8; 32] {
    buf.clear();
    let mut put = |s: &[u8]| {
        buf.extend_from_slice(&(s.len() as u32).to_le_bytes());
        buf.extend_from_slice(s);
    };
    put(kind.key().as_bytes());
    for v in crate::store::texts(row) {
        put(v.unwrap_or("\u{0}").as_bytes());
    }
    for n in [
        row.date.map(i64::from),
        row.time.map(i64::from),
        Some(row.amount),
        row.fee,
        row.net,
        row.settle_date.map(i64::from),
    ] {
        match n {
            Some(n) => put(decimal(n, &mut [0; 20])),
            None => put(b"\0"),
        }
    }
    put(row.kind.map_or("\u{0}", TxnType::key).as_bytes());
    put(row.state.map_or("\u{0}", State::key).as_bytes());
    sha2::Sha256::digest(&buf[..]).into()
}

/// `n` in decimal, written into `buf` (20 bytes hold every i64: "-9223372036854775808").
fn decimal(n: i64, buf: &mut [u8; 20]) -> &[u8] {
    let mut at = buf.len();
    let mut v = n.unsigned_abs();
    loop {
        at -= 1;
        buf[at] = b'0' + (v % 10) as u8;
        v /= 10;
        if v == 0 {
            break;
        }
    }
    if n < 0 {
        at -= 1;
        buf[at] = b'-';
    }
    &buf[at..]
}

/// The stored fingerprint: the row's content and how many identical rows came before it in
/// the same file. Re-importing adds nothing; two real identical sales stay two. Stored as
/// 8 bytes (a 64-bit integer, the first 8 of what schema version 2 kept), which keeps the
/// unique index small: a chance collision needs billions of rows.
fn fingerprint(content: &[u8; 32], occurrence: u32) -> i64 {
    if occurrence == 0 {
        short_fp(&content[..16])
    } else {
        let mut h = sha2::Sha256::new();
        h.update(content);
        h.update(occurrence.to_le_bytes());
        short_fp(&h.finalize()[..16])
    }
}

/// The 8-byte fingerprint of a 16-byte one (schema version 2's); 0 for a shorter blob.
pub(crate) fn short_fp(old: &[u8]) -> i64 {
    old.get(..8)
        .and_then(|b| <[u8; 8]>::try_from(b).ok())
        .map_or(0, i64::from_le_bytes)
}

/// Rows per batch passed from the reading thread to the writing one, and how many batches
/// may wait: enough to keep both threads busy, little enough to keep memory flat.
const IMPORT_ROWS: usize = 2048;
const IMPORT_BATCHES: usize = 16;

/// What the reading thread of an import hands the writing one.
enum Batch {
    /// Parsed rows, and how many bytes of the file have been read.
    Rows(ImportBatch, u64),
    /// Every row has been sent.
    End,
    /// A row or the file could not be read: the import is rolled back.
    Failed(Error),
}

/// Reads, parses and fingerprints every row of `source`, sending them in batches; stops
/// early when the writer has stopped listening.
fn parse_rows(
    source: CsvSource<'_>,
    kind: Kind,
    tx: &std::sync::mpsc::SyncSender<Batch>,
    back: &std::sync::mpsc::Receiver<ImportBatch>,
) -> Result<(), Error> {
    use std::sync::mpsc::TrySendError;
    let CsvSource {
        mut table,
        cols,
        mut first,
        ..
    } = source;
    let file = table.name().to_string();
    let mut rec = csv::ByteRecord::new();
    let mut batch = ImportBatch::with_capacity(IMPORT_ROWS);
    let mut key = Vec::new();
    let mut memo = crate::redact::Memo::default();
    loop {
        if let Some(r) = first.take() {
            rec = r;
        } else if !table.read(&mut rec)? {
            break;
        }
        if crate::tabular::txn::is_blank(&rec) {
            continue;
        }
        let line = rec.position().map_or(0, |p| p.line());
        let f = crate::tabular::txn::parse(&cols, &rec, &file, line)?;
        let stores = Stores::of(&f, &mut memo);
        // Fingerprinted on the writer's side (see below).
        batch.push(0, line, &stores.fields(&f));
        if batch.len() == IMPORT_ROWS || batch.text_len() >= ImportBatch::TEXT_BYTES {
            let spare = back
                .try_recv()
                .unwrap_or_else(|_| ImportBatch::with_capacity(IMPORT_ROWS));
            let full = std::mem::replace(&mut batch, spare);
            // Whichever thread has time computes the rows' digests (the writer counts the
            // repeats, in file order): a writer with batches waiting gets this one digested.
            let position = table.byte_position(&rec);
            match tx.try_send(Batch::Rows(full, position)) {
                Ok(()) => {}
                Err(TrySendError::Full(Batch::Rows(mut full, _))) => {
                    full.digest(|row| content_key(row, kind, &mut key));
                    if tx.send(Batch::Rows(full, position)).is_err() {
                        return Ok(());
                    }
                }
                // The writer has stopped.
                Err(_) => return Ok(()),
            }
        }
    }
    let position = table.byte_position(&rec);
    if batch.is_empty() || tx.send(Batch::Rows(batch, position)).is_ok() {
        let _ = tx.send(Batch::End);
    }
    Ok(())
}

/// The writer's side of fingerprinting an import's rows: it sees the batches in file order,
/// so it counts the identical rows.
struct Fingerprints {
    kind: Kind,
    /// How many rows with the same content came before, by the content's first 8 bytes.
    seen: HashMap<i64, u32, rustc_hash::FxBuildHasher>,
    key: Vec<u8>,
}

impl Fingerprints {
    /// For a file of `size` bytes: the map is sized at the outset (a row takes some 60
    /// bytes or more), as growing a million-entry map step by step rehashes it twenty times.
    fn new(kind: Kind, size: Option<u64>) -> Fingerprints {
        let expected = size.map_or(0, |s| (s / 64).min(1 << 22) as usize);
        Fingerprints {
            kind,
            seen: HashMap::with_capacity_and_hasher(expected, Default::default()),
            key: Vec::new(),
        }
    }

    /// Fingerprints the rows of `batch`, the next in the file (digesting them first unless
    /// the reader did).
    fn apply(&mut self, batch: &mut ImportBatch) {
        let Fingerprints { kind, seen, key } = self;
        batch.digest(|row| content_key(row, *kind, key));
        batch.fingerprint(|content| {
            let n = seen.entry(short_fp(&content[..16])).or_insert(0);
            let fp = fingerprint(content, *n);
            *n += 1;
            fp
        });
    }
}

/// What an import did.
#[derive(Debug, Clone, Copy, Default, serde::Serialize)]
pub struct ImportStats {
    pub rows: u64,
    pub added: u64,
    pub skipped: u64,
}

/// What a journal look-up is keyed on.
#[derive(Debug, Clone, Default)]
pub struct Query {
    pub rrn: Option<String>,
    pub trace: Option<String>,
    pub terminal_id: Option<String>,
    pub date: Option<u32>,
    pub order_id: Option<String>,
    pub amount: Option<i64>,
    /// `(YYYYMMDD, HHMMSS)` bounds, inclusive.
    pub from: Option<(u32, u32)>,
    pub to: Option<(u32, u32)>,
}

/// A stored row, as a look-up returns it.
#[derive(Debug, Clone)]
pub struct Stored {
    pub kind: Kind,
    pub row: Row,
}

const COLUMNS: &str = "kind, rrn, trace, terminal_id, merchant_id, merchant_name, order_id, date, time, \
     amount, fee, net, type, code, state, card, batch, settle_date, orig_trace";

/// The look-up of [`Journal::settlement_dates`]: answered from the settlement-date index,
/// not by reading every row of a large journal.
fn settlement_dates_sql(by_merchant: bool) -> String {
    let mut sql = String::from(
        "SELECT DISTINCT settle_date FROM txns WHERE kind = 'settlement' \
         AND settle_date BETWEEN $1 AND $2",
    );
    if by_merchant {
        sql.push_str(" AND (merchant_id IS NULL OR merchant_id = $3)");
    }
    sql.push_str(" ORDER BY settle_date LIMIT 10");
    sql
}

/// A date or time column: out of range is a broken row, not a panic.
fn small(c: &dyn Cells, i: usize) -> Result<Option<u32>, String> {
    c.int(i)?
        .map(|v| u32::try_from(v).map_err(|_| format!("column {i}: {v} out of range")))
        .transpose()
}

fn read_stored(r: &dyn Cells) -> Result<Stored, String> {
    let kind = r.text(0)?.unwrap_or_default();
    let ty = r.text(12)?.unwrap_or_default();
    let state = r.text(14)?;
    Ok(Stored {
        kind: if kind == "settlement" {
            Kind::Settlement
        } else {
            Kind::Sales
        },
        row: Row {
            rrn: r.text(1)?,
            trace: r.text(2)?,
            terminal_id: r.text(3)?,
            merchant_id: r.text(4)?,
            merchant_name: r.text(5)?,
            order_id: r.text(6)?,
            date: small(r, 7)?,
            time: small(r, 8)?,
            amount: r.int(9)?.unwrap_or(0),
            fee: r.int(10)?,
            net: r.int(11)?,
            kind: Some(TxnType::parse(&ty)),
            code: r.text(13)?,
            state: state.as_deref().and_then(State::parse_key),
            card: r.text(15)?,
            batch: r.text(16)?,
            settle_date: small(r, 17)?,
            orig_trace: r.text(18)?,
        },
    })
}

impl Journal {
    /// Opens (creating when needed) the journal at `location` and brings its schema up to
    /// date.
    pub fn open(location: &Location) -> Result<Journal, Error> {
        Ok(Journal {
            db: Db::open(location)?,
        })
    }

    /// Where the journal is, as it may be shown (a URL without its password).
    pub fn shown(&self) -> String {
        self.db.shown()
    }

    /// Imports a CSV file in one transaction: all its rows, or (on any bad row, or if the
    /// process dies) none. `progress` is told how many bytes have been read.
    ///
    /// Two threads: one reads and parses the file, the other (this one) fingerprints the
    /// rows and writes them to the database; batches of rows pass between them through a
    /// bounded channel, so memory stays flat however large the file, and come back empty to
    /// be filled again. The costliest part of a fingerprint, the digest of the row, is
    /// computed by whichever thread has time (see [`parse_rows`]).
    pub fn import(
        &mut self,
        source: CsvSource<'_>,
        kind: Kind,
        progress: &dyn Fn(u64),
    ) -> Result<ImportStats, Error> {
        let file = source.table.name().to_string();
        let size = source.size;
        let now = crate::txn::timestamp(crate::txn::now_local());
        let header = crate::store::ImportHeader {
            file: &file,
            kind,
            at: &now,
            size,
            order_ids: source.cols.has(Field::OrderId),
        };
        let db = &mut self.db;
        std::thread::scope(|scope| {
            let (tx, rx) = std::sync::mpsc::sync_channel::<Batch>(IMPORT_BATCHES);
            // Batches the writer is done with, back to the reader to fill again: their
            // memory is reused while still mapped and warm, not allocated anew.
            let (back_tx, back_rx) = std::sync::mpsc::sync_channel::<ImportBatch>(IMPORT_BATCHES);
            let parser = scope.spawn(move || {
                if let Err(e) = parse_rows(source, kind, &tx, &back_rx) {
                    // The writer may have stopped already (then nobody listens).
                    let _ = tx.send(Batch::Failed(e));
                }
            });
            let mut ended = false;
            let mut fingerprints = Fingerprints::new(kind, size);
            let mut next = move |batch: &mut ImportBatch| -> Result<bool, Error> {
                if ended {
                    return Ok(false);
                }
                match rx.recv() {
                    Ok(Batch::Rows(mut rows, position)) => {
                        progress(position);
                        fingerprints.apply(&mut rows);
                        let mut used = std::mem::replace(batch, rows);
                        used.clear();
                        // The reader may have ended, or have spares enough: then it is freed.
                        let _ = back_tx.try_send(used);
                        Ok(true)
                    }
                    Ok(Batch::End) => {
                        ended = true;
                        Ok(false)
                    }
                    Ok(Batch::Failed(e)) => Err(e),
                    // The reader stopped without saying why: it panicked.
                    Err(_) => Err(Message::new(Msg::ErrorPanicThread).into()),
                }
            };
            let result = db.import(&header, &mut next);
            // Dropping the receiver stops a reader still sending (the import failed).
            drop(next);
            match parser.join() {
                Ok(()) => result,
                Err(_) => result.and(Err(Message::new(Msg::ErrorPanicThread).into())),
            }
        })
    }

    /// Settlement dates from `from` to `to` (`YYYYMMDD`) that the journal holds a settlement
    /// file of, at most ten.
    ///
    /// With `merchant`, only files that are that merchant's count (or say no merchant at
    /// all): an acquirer's settlement of one shop says nothing about another shop's money.
    pub fn settlement_dates(
        &self,
        from: u32,
        to: u32,
        merchant: Option<&str>,
    ) -> Result<Vec<u32>, Error> {
        let mut args = vec![Param::from(i64::from(from)), Param::from(i64::from(to))];
        if let Some(m) = merchant {
            args.push(m.into());
        }
        self.db
            .query(&settlement_dates_sql(merchant.is_some()), &args, |c| {
                small(c, 0).map(Option::unwrap_or_default)
            })
    }

    /// Rows matching `q` (every given key must match).
    pub fn find(&self, q: &Query) -> Result<Vec<Stored>, Error> {
        let mut sql = format!("SELECT {COLUMNS} FROM txns WHERE 1 = 1");
        let mut args: Vec<Param> = Vec::new();
        let mut add = |cond: &str, v: Param| {
            args.push(v);
            sql.push_str(&format!(" AND {cond} ${}", args.len()));
        };
        if let Some(v) = &q.rrn {
            add("rrn =", v.as_str().into());
        }
        if let Some(v) = &q.terminal_id {
            add("terminal_id =", v.as_str().into());
        }
        if let Some(v) = &q.trace {
            add("trace =", v.as_str().into());
        }
        if let Some(v) = q.date {
            add("date =", i64::from(v).into());
        }
        if let Some(v) = &q.order_id {
            add("order_id =", v.as_str().into());
        }
        if let Some(v) = q.amount {
            add("amount =", v.into());
        }
        if let Some((d, t)) = q.from {
            add(
                "date * 1000000 + coalesce(time, 0) >=",
                (i64::from(d) * 1_000_000 + i64::from(t)).into(),
            );
        }
        if let Some((d, t)) = q.to {
            add(
                "date * 1000000 + coalesce(time, 0) <=",
                (i64::from(d) * 1_000_000 + i64::from(t)).into(),
            );
        }
        sql.push_str(" ORDER BY date NULLS FIRST, time NULLS FIRST, id LIMIT 1000");
        self.db.query(&sql, &args, read_stored)
    }

    /// The rows that tell what became of `sale`: settlement rows for it, and voids,
    /// refunds or reversals that refer to it.
    pub fn related(&self, sale: &Row) -> Result<Vec<Stored>, Error> {
        let mut out = Vec::new();
        if let Some(rrn) = &sale.rrn {
            out.extend(self.find(&Query {
                rrn: Some(rrn.clone()),
                ..Default::default()
            })?);
        }
        if let (Some(tid), Some(trace)) = (&sale.terminal_id, &sale.trace) {
            let mut args: Vec<Param> = vec![tid.as_str().into(), trace.as_str().into()];
            let same_day = match sale.date {
                Some(d) => {
                    args.push(i64::from(d).into());
                    " AND date = $3"
                }
                None => "",
            };
            let sql = format!(
                "SELECT {COLUMNS} FROM txns WHERE terminal_id = $1 AND \
                 (orig_trace = $2 OR (trace = $2{same_day})) ORDER BY id LIMIT 100"
            );
            out.extend(self.db.query(&sql, &args, read_stored)?);
        }
        Ok(out)
    }

    /// Number of journal rows, by kind.
    pub fn counts(&self) -> Result<(u64, u64), Error> {
        let rows = self
            .db
            .query("SELECT kind, count(*) FROM txns GROUP BY kind", &[], |r| {
                Ok((r.text(0)?.unwrap_or_default(), r.int(1)?.unwrap_or(0)))
            })?;
        let get = |k: &str| {
            rows.iter()
                .find(|(kind, _)| kind == k)
                .map_or(0, |(_, n)| (*n).max(0) as u64)
        };
        Ok((get("sales"), get("settlement")))
    }
}

/// The state the journal's rows give a sale: a void, refund or reversal referring to it
/// wins, then crediting and settlement, then what the terminal recorded.
pub fn state_of(sale: &Row, related: &[Stored], today: u32) -> State {
    let mut state = sale.state.unwrap_or(match sale.code.as_deref() {
        None | Some("00") => State::Approved,
        Some(_) => State::Declined,
    });
    match sale.kind {
        Some(TxnType::Void) => return State::Voided,
        Some(TxnType::Refund) => return State::Refunded,
        Some(TxnType::Reversal) => return State::Reversed,
        _ => {}
    }
    let refers = |r: &Row| {
        r.orig_trace.is_some() && r.orig_trace == sale.trace
            || (r.rrn.is_some() && r.rrn == sale.rrn)
    };
    for s in related.iter().filter(|s| s.kind == Kind::Sales) {
        let r = &s.row;
        if !refers(r) || r.state == Some(State::Declined) {
            continue;
        }
        match r.kind {
            Some(TxnType::Void) => return State::Voided,
            Some(TxnType::Refund) => return State::Refunded,
            Some(TxnType::Reversal) => return State::Reversed,
            _ => {}
        }
    }
    if state == State::Approved {
        for s in related.iter().filter(|s| s.kind == Kind::Settlement) {
            let credited = s.row.state == Some(State::Credited)
                || s.row.settle_date.is_some_and(|d| d <= today);
            state = if credited {
                State::Credited
            } else {
                State::Settled
            };
            if credited {
                break;
            }
        }
    }
    state
}

/// A journal row as a [`Txn`].
pub fn to_txn(row: &Row, state: State) -> Txn {
    let time = match (row.date, row.time) {
        (Some(d), Some(t)) => Some(format!(
            "{} {}",
            columns::show_date(d),
            columns::show_time(t)
        )),
        (Some(d), None) => Some(columns::show_date(d)),
        _ => None,
    };
    Txn {
        state: Some(state),
        code: row.code.clone(),
        rrn: row.rrn.clone(),
        trace: row.trace.clone(),
        terminal_id: row.terminal_id.clone(),
        merchant_id: row.merchant_id.clone(),
        order_id: row.order_id.clone(),
        amount: Some(row.amount),
        time,
        date: row.date,
        clock: row.time,
        card: row.card.clone(),
        settlement: None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Decimal digits as `format!` writes them: the fingerprints depend on them.
    #[test]
    fn numbers_are_written_as_format_writes_them() {
        for n in [0, 7, -7, 10, 8800, -53, 20261123, i64::MAX, i64::MIN] {
            assert_eq!(decimal(n, &mut [0; 20]), n.to_string().as_bytes());
        }
    }

    /// A row's fingerprint is the same whether the reader digested its batch (the writer was
    /// behind) or the writer did; identical rows get one fingerprint each, in file order.
    #[test]
    fn either_thread_may_digest_a_batch() {
        let csv = "rrn,terminal_id,trace,date,time,amount,card\n\
                   331009000101,10000001,000101,2026-11-23,09:15:02,88.00,6222021234567890123\n\
                   331009000102,10000001,000102,2026-11-23,09:16:02,12.00,\n\
                   331009000101,10000001,000101,2026-11-23,09:15:02,88.00,6222021234567890123\n";
        let table = crate::tabular::Table::new(
            csv.as_bytes(),
            "sales.csv",
            &crate::tabular::Options::default(),
        )
        .unwrap();
        let source = CsvSource::new(table, &Default::default()).unwrap();
        let (tx, rx) = std::sync::mpsc::sync_channel(4);
        let (_back_tx, back_rx) = std::sync::mpsc::sync_channel(1);
        parse_rows(source, Kind::Sales, &tx, &back_rx).unwrap();
        let Ok(Batch::Rows(batch, _)) = rx.recv() else {
            panic!("no rows")
        };
        let mut by_reader = batch.clone();
        by_reader.digest(|row| content_key(row, Kind::Sales, &mut Vec::new()));
        let mut fps = Vec::new();
        for mut b in [batch, by_reader] {
            Fingerprints::new(Kind::Sales, None).apply(&mut b);
            fps.push(b.rows().map(|r| r.fp()).collect::<Vec<_>>());
        }
        assert_eq!(fps[0], fps[1]);
        assert_eq!(fps[0].len(), 3);
        assert!(
            fps[0][0] != fps[0][2] && fps[0][0] != fps[0][1],
            "{:?}",
            fps[0]
        );
        // The stored card number is masked, and the digest is of what is stored.
        let stored = Row::parse(
            &Columns::from_headers(
                &[
                    "rrn",
                    "terminal_id",
                    "trace",
                    "date",
                    "time",
                    "amount",
                    "card",
                ],
                &Default::default(),
                "sales.csv",
            )
            .unwrap(),
            &csv::ByteRecord::from(vec![
                "331009000101",
                "10000001",
                "000101",
                "2026-11-23",
                "09:15:02",
                "88.00",
                "6222021234567890123",
            ]),
            "sales.csv",
            2,
        )
        .unwrap();
        let content = content_key(&stored.fields(), Kind::Sales, &mut Vec::new());
        assert_eq!(fps[0][0], fingerprint(&content, 0));
        assert_eq!(fps[0][2], fingerprint(&content, 1));
    }

    /// Which settlement files the journal holds is read from an index, by merchant or not
    /// (a full scan took a tenth of a second per million rows, on every look-up).
    #[test]
    fn settlement_dates_are_read_from_their_index() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("j.db");
        drop(Journal::open(&crate::store::Location::Sqlite(path.clone())).unwrap());
        let c = rusqlite::Connection::open(&path).unwrap();
        for by_merchant in [false, true] {
            let sql = settlement_dates_sql(by_merchant).replace('$', "?");
            let mut plan = c.prepare(&format!("EXPLAIN QUERY PLAN {sql}")).unwrap();
            let args: &[i64] = if by_merchant {
                &[20261101, 20261130, 0]
            } else {
                &[20261101, 20261130]
            };
            let steps: Vec<String> = plan
                .query_map(rusqlite::params_from_iter(args), |r| r.get(3))
                .unwrap()
                .collect::<Result<_, _>>()
                .unwrap();
            assert!(
                steps.iter().any(|s| s.contains("INDEX txns_settled")),
                "{by_merchant}: {steps:?}"
            );
        }
    }

    /// The fingerprints stored in existing journals: a faster computation must give the
    /// very same numbers, or a re-import would add every row again. The expected values
    /// come from an independent computation of the documented rule (SHA-256 over each
    /// field's length and bytes, then the occurrence).
    #[test]
    fn fingerprints_are_stable() {
        let row = Row {
            rrn: Some("331009000101".into()),
            trace: Some("000101".into()),
            terminal_id: Some("10000001".into()),
            merchant_name: Some("老王水果店".into()),
            code: Some("00".into()),
            date: Some(20261123),
            time: Some(91502),
            amount: 8800,
            net: Some(-53),
            kind: Some(TxnType::Sale),
            ..Default::default()
        };
        let content = content_key(&row.fields(), Kind::Sales, &mut Vec::new());
        assert_eq!(fingerprint(&content, 0), 6648042883038371712);
        assert_eq!(fingerprint(&content, 1), -6513174648354673984);
    }
}
