//! Where the journal and the incident log are kept: a SQLite file (the default, one per
//! machine) or a PostgreSQL database (`--db postgres://…`, `database = "…"` in the config,
//! `POSDOCTOR_DB`) that a support desk's agents share.
//!
//! Both backends run the same SQL for every look-up, so they give the same answers; only
//! what differs between the engines lives in [`sqlite`] and [`postgres`]: connecting, the
//! schema history's dialects, and the bulk path of an import (prepared inserts in one
//! `BEGIN IMMEDIATE` transaction on SQLite; binary `COPY` into a staging table and one
//! `INSERT … ON CONFLICT DO NOTHING` on PostgreSQL; on both, an import larger than the
//! journal builds the look-up indexes after its rows). Queries are written with `$1`
//! placeholders, which SQLite reads as `?1`.

pub mod postgres;
pub mod sqlite;

use std::path::PathBuf;

use crate::error::{Error, Message};
use crate::i18n::Msg;

/// One bound value. Integers are 64-bit on both engines (`BIGINT` on PostgreSQL).
#[derive(Debug, Clone)]
pub enum Param {
    Int(Option<i64>),
    Text(Option<String>),
    Bool(bool),
}

impl From<i64> for Param {
    fn from(v: i64) -> Self {
        Param::Int(Some(v))
    }
}

impl From<Option<i64>> for Param {
    fn from(v: Option<i64>) -> Self {
        Param::Int(v)
    }
}

impl From<Option<u32>> for Param {
    fn from(v: Option<u32>) -> Self {
        Param::Int(v.map(i64::from))
    }
}

impl From<&str> for Param {
    fn from(v: &str) -> Self {
        Param::Text(Some(v.to_string()))
    }
}

impl From<String> for Param {
    fn from(v: String) -> Self {
        Param::Text(Some(v))
    }
}

impl From<Option<String>> for Param {
    fn from(v: Option<String>) -> Self {
        Param::Text(v)
    }
}

impl From<Option<&str>> for Param {
    fn from(v: Option<&str>) -> Self {
        Param::Text(v.map(str::to_string))
    }
}

impl From<bool> for Param {
    fn from(v: bool) -> Self {
        Param::Bool(v)
    }
}

/// A result row, read the same way from either engine. A cell that does not hold what the
/// schema says is an error naming the column, never a panic.
pub trait Cells {
    fn int(&self, i: usize) -> Result<Option<i64>, String>;
    fn text(&self, i: usize) -> Result<Option<String>, String>;
}

/// Where the database is, as the user gave it.
#[derive(Debug, Clone)]
pub enum Location {
    Sqlite(PathBuf),
    Postgres(Box<postgres::Target>),
}

/// What PostgreSQL needs besides the URL: the deadline of connecting and of each query, and
/// the name of an environment variable holding the password (from the config).
#[derive(Debug, Clone)]
pub struct Settings {
    pub deadline: std::time::Duration,
    pub password_env: Option<String>,
}

impl Default for Settings {
    fn default() -> Self {
        Settings {
            deadline: std::time::Duration::from_secs(10),
            password_env: None,
        }
    }
}

impl Location {
    /// `postgres://…` or `postgresql://…` is a PostgreSQL database; anything else a SQLite
    /// file path. A URL that does not parse is refused (exit 2), shown without its password.
    pub fn parse(value: &str, settings: &Settings) -> Result<Location, Error> {
        let lower = value.get(..13).unwrap_or(value).to_ascii_lowercase();
        if lower.starts_with("postgres://") || lower.starts_with("postgresql://") {
            postgres::Target::parse(value, settings).map(|t| Location::Postgres(Box::new(t)))
        } else if value.trim().is_empty() {
            Err(Message::new(Msg::ErrorInvalidValue)
                .arg("field", "--db")
                .arg("value", value)
                .arg_msg("rule", Msg::RuleDatabase)
                .into())
        } else {
            Ok(Location::Sqlite(PathBuf::from(value)))
        }
    }

    /// The location as it may be shown: a URL without its password.
    pub fn shown(&self) -> String {
        match self {
            Location::Sqlite(p) => p.display().to_string(),
            Location::Postgres(t) => t.shown.clone(),
        }
    }

    /// True when something may already be stored there: a look at an empty log does not
    /// create a SQLite file; a server is always asked.
    pub fn may_exist(&self) -> bool {
        match self {
            Location::Sqlite(p) => p.exists(),
            Location::Postgres(_) => true,
        }
    }
}

/// An open database of either kind.
pub(crate) enum Db {
    Sqlite(sqlite::Sqlite),
    Postgres(Box<postgres::Postgres>),
}

impl Db {
    pub fn open(location: &Location) -> Result<Db, Error> {
        match location {
            Location::Sqlite(p) => sqlite::Sqlite::open(p).map(Db::Sqlite),
            Location::Postgres(t) => postgres::Postgres::open(t).map(|p| Db::Postgres(Box::new(p))),
        }
    }

    /// Runs `sql` and maps every row through `f`.
    pub fn query<T>(
        &self,
        sql: &str,
        params: &[Param],
        mut f: impl FnMut(&dyn Cells) -> Result<T, String>,
    ) -> Result<Vec<T>, Error> {
        match self {
            Db::Sqlite(s) => s.query(sql, params, &mut f),
            Db::Postgres(p) => p.query(sql, params, &mut f),
        }
    }

    /// Runs a statement; returns the rows it changed.
    pub fn execute(&self, sql: &str, params: &[Param]) -> Result<u64, Error> {
        match self {
            Db::Sqlite(s) => s.execute(sql, params),
            Db::Postgres(p) => p.execute(sql, params),
        }
    }

    /// One import as one transaction: every row `next` yields, or (on an error, or if the
    /// process dies) none. `next` puts the next rows into the batch it is given (the
    /// previous one's buffers go back to the reader) and returns `false` after the last.
    pub fn import(
        &mut self,
        header: &ImportHeader<'_>,
        next: &mut dyn FnMut(&mut ImportBatch) -> Result<bool, Error>,
    ) -> Result<crate::journal::ImportStats, Error> {
        match self {
            Db::Sqlite(s) => s.import(header, next),
            Db::Postgres(p) => p.import(header, next),
        }
    }

    /// Where this database is, as it may be shown.
    pub fn shown(&self) -> String {
        match self {
            Db::Sqlite(s) => s.path.display().to_string(),
            Db::Postgres(p) => p.shown.clone(),
        }
    }
}

/// What an import records about itself.
pub struct ImportHeader<'a> {
    pub file: &'a str,
    pub kind: crate::journal::Kind,
    pub at: &'a str,
    /// The input's size in bytes, when known (a file, not a pipe).
    pub size: Option<u64>,
    /// Whether the file has a column of order numbers.
    pub order_ids: bool,
}

/// Whether the bulk path of an import drops the journal's index `name` and builds it again
/// after the rows, rather than keeping it up row by row. Building costs a scan of the whole
/// table; keeping it up is cheap when the rows add nothing to it, or add to it in order.
/// The settlement-date index takes no sales rows, and a settlement file's rows carry a few
/// dates, so they go in at a few places in order. The order-number index takes no rows
/// from a file without order numbers, and from one with them in random order.
pub(crate) fn rebuilt_after_rows(name: &str, header: &ImportHeader<'_>) -> bool {
    match name {
        "txns_settled" => false,
        "txns_order" => header.order_ids,
        _ => true,
    }
}

/// Rows ready to store, as an import's reading thread hands them to the writing one: the
/// text of all of them in one buffer. Rows of their own strings cost a million-row import
/// some five million allocations, made on one thread and freed on the other.
#[derive(Debug, Default, Clone)]
pub struct ImportBatch {
    text: String,
    rows: Vec<Packed>,
    /// Each row's digest, once computed (empty until then).
    digests: Vec<Digest>,
}

/// A digest of a row's content, from which its fingerprint is made.
pub type Digest = [u8; 32];

/// The text cells of a stored row, in [`INSERT_COLUMNS`] order.
const TEXTS: usize = 10;

/// One row of a batch: its numbers, and where its text cells are in the batch's text.
#[derive(Debug, Clone)]
struct Packed {
    fp: i64,
    line: u64,
    /// Cell `i` is `text[ends[i]..ends[i + 1]]`, present when bit `i` of `present` is set.
    ends: [u32; TEXTS + 1],
    present: u16,
    date: Option<u32>,
    time: Option<u32>,
    settle_date: Option<u32>,
    amount: i64,
    fee: Option<i64>,
    net: Option<i64>,
    kind: Option<crate::txn::columns::TxnType>,
    state: Option<crate::txn::State>,
}

impl ImportBatch {
    /// Bytes of text after which a batch is full, however few its rows: the offsets are
    /// 32-bit, and a file of very wide rows still passes in bounded pieces.
    pub const TEXT_BYTES: usize = 1 << 22;

    pub fn with_capacity(rows: usize) -> ImportBatch {
        ImportBatch {
            text: String::with_capacity(rows * 48),
            rows: Vec::with_capacity(rows),
            digests: Vec::with_capacity(rows),
        }
    }

    /// Empties the batch, keeping its buffers for the next rows.
    pub fn clear(&mut self) {
        self.text.clear();
        self.rows.clear();
        self.digests.clear();
    }

    pub fn len(&self) -> usize {
        self.rows.len()
    }

    pub fn is_empty(&self) -> bool {
        self.rows.is_empty()
    }

    /// Bytes of text held.
    pub fn text_len(&self) -> usize {
        self.text.len()
    }

    /// Adds a row as it is stored (its text already redacted, its card masked).
    pub fn push(&mut self, fp: i64, line: u64, row: &crate::tabular::txn::TxnFields<'_>) {
        let mut ends = [0u32; TEXTS + 1];
        let mut present = 0u16;
        // `TEXT_BYTES` keeps a batch far below 4 GiB: a batch is sent once it reaches it.
        ends[0] = self.text.len() as u32;
        for (i, cell) in texts(row).into_iter().enumerate() {
            if let Some(v) = cell {
                self.text.push_str(v);
                present |= 1 << i;
            }
            ends[i + 1] = self.text.len() as u32;
        }
        self.rows.push(Packed {
            fp,
            line,
            ends,
            present,
            date: row.date,
            time: row.time,
            settle_date: row.settle_date,
            amount: row.amount,
            fee: row.fee,
            net: row.net,
            kind: row.kind,
            state: row.state,
        });
    }

    /// Computes each row's digest with `f`, unless done already. Digests are independent of
    /// each other: either thread of an import may compute them.
    pub fn digest(&mut self, mut f: impl FnMut(&crate::tabular::txn::TxnFields<'_>) -> Digest) {
        if self.digests.len() != self.rows.len() {
            self.digests.clear();
            let text = &self.text;
            self.digests
                .extend(self.rows.iter().map(|r| f(&fields(text, r))));
        }
    }

    /// Sets each row's fingerprint to what `f` makes of its digest, in order (see
    /// [`ImportBatch::digest`]).
    pub fn fingerprint(&mut self, mut f: impl FnMut(&Digest) -> i64) {
        for (r, d) in self.rows.iter_mut().zip(&self.digests) {
            r.fp = f(d);
        }
    }

    pub fn rows(&self) -> impl Iterator<Item = ImportRow<'_>> {
        self.rows.iter().map(|row| ImportRow { batch: self, row })
    }
}

/// The text cells of `row` in [`INSERT_COLUMNS`] order (the order fingerprints take them
/// in, too).
pub(crate) fn texts<'a>(row: &crate::tabular::txn::TxnFields<'a>) -> [Option<&'a str>; TEXTS] {
    [
        row.rrn,
        row.trace,
        row.terminal_id,
        row.merchant_id,
        row.merchant_name,
        row.order_id,
        row.code,
        row.card,
        row.batch,
        row.orig_trace,
    ]
}

/// Text cell `i` of `r` (in [`INSERT_COLUMNS`] order, from `rrn`).
fn cell<'a>(text: &'a str, r: &Packed, i: usize) -> Option<&'a str> {
    (r.present & (1 << i) != 0).then(|| &text[r.ends[i] as usize..r.ends[i + 1] as usize])
}

/// A row of a batch, as the fields it was pushed as.
fn fields<'a>(text: &'a str, r: &Packed) -> crate::tabular::txn::TxnFields<'a> {
    let t = |i| cell(text, r, i);
    crate::tabular::txn::TxnFields {
        rrn: t(0),
        trace: t(1),
        terminal_id: t(2),
        merchant_id: t(3),
        merchant_name: t(4),
        order_id: t(5),
        date: r.date,
        time: r.time,
        amount: r.amount,
        fee: r.fee,
        net: r.net,
        kind: r.kind,
        code: t(6),
        state: r.state,
        card: t(7),
        batch: t(8),
        settle_date: r.settle_date,
        orig_trace: t(9),
    }
}

/// One row of an [`ImportBatch`], ready to store.
#[derive(Clone, Copy)]
pub struct ImportRow<'a> {
    batch: &'a ImportBatch,
    row: &'a Packed,
}

/// Version 4 of the schema, the same statements on both engines: the journal's rows no
/// longer repeat their file's name (the import they came with keeps it), and version 3's
/// indexes give way to [`TXN_INDEXES`], created after this.
pub(crate) const V4: &str = "
ALTER TABLE txns DROP COLUMN file;
DROP INDEX txns_fp;
DROP INDEX txns_rrn;
DROP INDEX txns_trace;
DROP INDEX txns_order;
";

/// The journal's indexes from schema version 4 on, the same on both engines, as (name,
/// statement).
///
/// A row is already stored when one with the same RRN and the same fingerprint is (the
/// fingerprint covers the RRN too, so this is the fingerprint's uniqueness, kept in an index
/// that look-ups by RRN use as well); a row without an RRN, when one with its fingerprint
/// is. One `(rrn, fp)` index instead of a fingerprint index and an RRN index: RRNs arrive
/// nearly in order, fingerprints in random order, and building an index over random keys
/// cost a million-row import a quarter of its time. The settlement dates let a look-up find
/// which days' settlement files the journal holds without reading every row.
pub(crate) const TXN_INDEXES: [(&str, &str); 5] = [
    (
        "txns_rrn_fp",
        "CREATE UNIQUE INDEX txns_rrn_fp ON txns (rrn, fp)",
    ),
    (
        "txns_fp",
        "CREATE UNIQUE INDEX txns_fp ON txns (fp) WHERE rrn IS NULL",
    ),
    (
        "txns_trace",
        "CREATE INDEX txns_trace ON txns (terminal_id, trace)",
    ),
    (
        "txns_order",
        "CREATE INDEX txns_order ON txns (order_id) WHERE order_id IS NOT NULL",
    ),
    (
        "txns_settled",
        "CREATE INDEX txns_settled ON txns (settle_date) WHERE kind = 'settlement'",
    ),
];

/// The journal columns an import writes, in the order both backends bind them.
pub(crate) const INSERT_COLUMNS: [&str; 22] = [
    "kind",
    "fp",
    "line",
    "rrn",
    "trace",
    "terminal_id",
    "merchant_id",
    "merchant_name",
    "order_id",
    "date",
    "time",
    "amount",
    "fee",
    "net",
    "type",
    "code",
    "state",
    "card",
    "batch",
    "settle_date",
    "orig_trace",
    "import_id",
];

/// A borrowed value of an imported row: bound without copying its text.
#[derive(Debug, Clone, Copy)]
pub enum Value<'a> {
    Int(Option<i64>),
    Text(Option<&'a str>),
}

impl<'a> ImportRow<'a> {
    pub fn fp(&self) -> i64 {
        self.row.fp
    }

    fn text(&self, i: usize) -> Option<&'a str> {
        cell(&self.batch.text, self.row, i)
    }

    pub fn rrn(&self) -> Option<&'a str> {
        self.text(0)
    }

    /// The row's values in [`INSERT_COLUMNS`] order.
    pub(crate) fn values(&self, kind: &'a str, import_id: i64) -> [Value<'a>; 22] {
        use crate::txn::State;
        use crate::txn::columns::TxnType;
        let r = self.row;
        let t = |i: usize| Value::Text(self.text(i));
        let n = |v: Option<u32>| Value::Int(v.map(i64::from));
        [
            Value::Text(Some(kind)),
            Value::Int(Some(r.fp)),
            Value::Int(Some(r.line as i64)),
            t(0),
            t(1),
            t(2),
            t(3),
            t(4),
            t(5),
            n(r.date),
            n(r.time),
            Value::Int(Some(r.amount)),
            Value::Int(r.fee),
            Value::Int(r.net),
            Value::Text(Some(r.kind.unwrap_or(TxnType::Sale).key())),
            t(6),
            Value::Text(r.state.map(State::key)),
            t(7),
            t(8),
            n(r.settle_date),
            t(9),
            Value::Int(Some(import_id)),
        ]
    }
}

/// An error in a result row (a cell of the wrong type): the database's fault, exit 3.
pub(crate) fn bad_cell(shown: &str, detail: String) -> Error {
    Error::Io {
        message: Message::new(Msg::ErrorDatabase)
            .arg("path", shown)
            .arg("error", &detail),
        source: std::io::Error::other(detail),
    }
}
