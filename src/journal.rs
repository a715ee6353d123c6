//! The local database (`$XDG_DATA_HOME/posdoctor/posdoctor.db`, SQLite in WAL mode): the
//! transaction journal imported from terminal exports and settlement files, and the
//! incident log.
//!
//! Writers take the database lock for one whole import (`BEGIN IMMEDIATE`), so concurrent
//! processes queue instead of losing rows, and a killed import leaves nothing behind.
//! Re-importing a file adds nothing: every row carries a fingerprint of its content and of
//! how many identical rows came before it in the same file.

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::time::Duration;

use rusqlite::{Connection, OptionalExtension, TransactionBehavior, params};
use sha2::Digest;

use crate::error::{Error, Message};
use crate::i18n::Msg;
use crate::txn::columns::{self, Columns, Field, TxnType};
use crate::txn::{State, Txn};

/// Schema version kept in `PRAGMA user_version`.
const SCHEMA_VERSION: i64 = 2;

const SCHEMA: &str = "
CREATE TABLE IF NOT EXISTS txns (
    id INTEGER PRIMARY KEY,
    kind TEXT NOT NULL CHECK (kind IN ('sales', 'settlement')),
    fingerprint BLOB NOT NULL UNIQUE,
    file TEXT NOT NULL,
    line INTEGER NOT NULL,
    rrn TEXT,
    trace TEXT,
    terminal_id TEXT,
    merchant_id TEXT,
    merchant_name TEXT,
    order_id TEXT,
    date INTEGER,
    time INTEGER,
    amount INTEGER NOT NULL,
    fee INTEGER,
    net INTEGER,
    type TEXT NOT NULL,
    code TEXT,
    state TEXT,
    card TEXT,
    batch TEXT,
    settle_date INTEGER,
    orig_trace TEXT,
    import_id INTEGER NOT NULL
);
CREATE INDEX IF NOT EXISTS txns_rrn ON txns (rrn) WHERE rrn IS NOT NULL;
CREATE INDEX IF NOT EXISTS txns_trace ON txns (terminal_id, trace);
CREATE INDEX IF NOT EXISTS txns_order ON txns (order_id) WHERE order_id IS NOT NULL;
CREATE INDEX IF NOT EXISTS txns_when ON txns (date, time);
CREATE TABLE IF NOT EXISTS imports (
    id INTEGER PRIMARY KEY,
    file TEXT NOT NULL,
    kind TEXT NOT NULL,
    rows INTEGER NOT NULL,
    added INTEGER NOT NULL,
    at TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS incidents (
    id INTEGER PRIMARY KEY,
    at TEXT NOT NULL,
    week TEXT NOT NULL,
    category TEXT NOT NULL,
    cause TEXT,
    outcome TEXT NOT NULL,
    source TEXT NOT NULL,
    terminal_id TEXT,
    merchant_id TEXT,
    rrn TEXT,
    card TEXT,
    amount INTEGER,
    code TEXT,
    note TEXT,
    steps TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS incidents_at ON incidents (at);
";

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

pub struct Journal {
    pub(crate) conn: Connection,
    pub path: PathBuf,
}

fn db_error(path: &Path, e: rusqlite::Error) -> Error {
    Error::Io {
        message: Message::new(Msg::ErrorDatabase)
            .arg("path", path.display())
            .arg("error", e.to_string()),
        source: std::io::Error::other(e),
    }
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
        Ok(CsvSource { table, cols, first })
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
        let text = |v: Option<&str>| v.map(|v| crate::redact::secrets(v).into_owned());
        Ok(Row {
            rrn: text(f.rrn),
            trace: text(f.trace),
            terminal_id: text(f.terminal_id),
            merchant_id: text(f.merchant_id),
            merchant_name: text(f.merchant_name),
            order_id: text(f.order_id),
            date: f.date,
            time: f.time,
            amount: f.amount,
            fee: f.fee,
            net: f.net,
            kind: f.kind,
            code: text(f.code),
            state: f.state,
            card: f.card.and_then(crate::card::masked),
            batch: text(f.batch),
            settle_date: f.settle_date,
            orig_trace: text(f.orig_trace),
        })
    }
}

impl Row {
    /// A digest of everything stored about the row.
    fn content_key(&self, kind: Kind) -> [u8; 32] {
        let mut h = sha2::Sha256::new();
        let mut put = |s: &str| {
            h.update((s.len() as u32).to_le_bytes());
            h.update(s.as_bytes());
        };
        put(kind.key());
        for v in [
            &self.rrn,
            &self.trace,
            &self.terminal_id,
            &self.merchant_id,
            &self.merchant_name,
            &self.order_id,
            &self.code,
            &self.card,
            &self.batch,
            &self.orig_trace,
        ] {
            put(v.as_deref().unwrap_or("\u{0}"));
        }
        for n in [
            self.date.map(i64::from),
            self.time.map(i64::from),
            Some(self.amount),
            self.fee,
            self.net,
            self.settle_date.map(i64::from),
        ] {
            put(&n.map_or_else(|| "\u{0}".into(), |n| n.to_string()));
        }
        put(self.kind.map_or("\u{0}", TxnType::key));
        put(self.state.map_or("\u{0}", State::key));
        h.finalize().into()
    }
}

/// The stored fingerprint: the row's content and how many identical rows came before it in
/// the same file. Re-importing adds nothing; two real identical sales stay two.
fn fingerprint(content: &[u8; 32], occurrence: u32) -> [u8; 16] {
    let mut out = [0u8; 16];
    if occurrence == 0 {
        out.copy_from_slice(&content[..16]);
    } else {
        let mut h = sha2::Sha256::new();
        h.update(content);
        h.update(occurrence.to_le_bytes());
        out.copy_from_slice(&h.finalize()[..16]);
    }
    out
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

fn read_stored(r: &rusqlite::Row<'_>) -> rusqlite::Result<Stored> {
    let kind: String = r.get(0)?;
    let ty: String = r.get(12)?;
    let state: Option<String> = r.get(14)?;
    Ok(Stored {
        kind: if kind == "settlement" {
            Kind::Settlement
        } else {
            Kind::Sales
        },
        row: Row {
            rrn: r.get(1)?,
            trace: r.get(2)?,
            terminal_id: r.get(3)?,
            merchant_id: r.get(4)?,
            merchant_name: r.get(5)?,
            order_id: r.get(6)?,
            date: r.get(7)?,
            time: r.get(8)?,
            amount: r.get(9)?,
            fee: r.get(10)?,
            net: r.get(11)?,
            kind: Some(TxnType::parse(&ty)),
            code: r.get(13)?,
            state: state.as_deref().and_then(State::parse_key),
            card: r.get(15)?,
            batch: r.get(16)?,
            settle_date: r.get(17)?,
            orig_trace: r.get(18)?,
        },
    })
}

impl Journal {
    /// Opens (creating when needed) the database at `path`.
    pub fn open(path: &Path) -> Result<Journal, Error> {
        if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
            std::fs::create_dir_all(dir).map_err(|e| Error::io(Msg::ErrorWrite, dir, e))?;
        }
        let err = |e| db_error(path, e);
        let conn = Connection::open(path).map_err(err)?;
        // Other writers hold the lock for a whole import; wait for them rather than fail.
        conn.busy_timeout(Duration::from_secs(300)).map_err(err)?;
        conn.pragma_update(None, "journal_mode", "WAL")
            .map_err(err)?;
        conn.pragma_update(None, "synchronous", "NORMAL")
            .map_err(err)?;
        conn.pragma_update(None, "foreign_keys", "ON")
            .map_err(err)?;
        // A large import inserts into five indexes, one of them (the fingerprint) in random
        // order; with the default 2 MB page cache it spends its time re-reading pages.
        conn.pragma_update(None, "cache_size", -262_144)
            .map_err(err)?;
        let version: i64 = conn
            .pragma_query_value(None, "user_version", |r| r.get(0))
            .map_err(err)?;
        if version > SCHEMA_VERSION {
            return Err(Message::new(Msg::ErrorDatabaseNewer)
                .arg("path", path.display())
                .into());
        }
        if version < SCHEMA_VERSION {
            let tx = conn.unchecked_transaction().map_err(err)?;
            tx.execute_batch(SCHEMA).map_err(err)?;
            tx.pragma_update(None, "user_version", SCHEMA_VERSION)
                .map_err(err)?;
            tx.commit().map_err(err)?;
        }
        Ok(Journal {
            conn,
            path: path.to_path_buf(),
        })
    }

    pub(crate) fn err(&self, e: rusqlite::Error) -> Error {
        db_error(&self.path, e)
    }

    /// Imports a CSV file in one transaction: all its rows, or (on any bad row, or if the
    /// process dies) none. `progress` is told how many bytes have been read.
    pub fn import(
        &mut self,
        source: CsvSource<'_>,
        kind: Kind,
        progress: &dyn Fn(u64),
    ) -> Result<ImportStats, Error> {
        let CsvSource {
            mut table,
            cols,
            mut first,
        } = source;
        let file = table.name().to_string();
        let file = file.as_str();
        let path = self.path.clone();
        let err = |e| db_error(&path, e);
        let tx = self
            .conn
            .transaction_with_behavior(TransactionBehavior::Immediate)
            .map_err(err)?;
        let now = crate::txn::timestamp(crate::txn::now_local());
        tx.execute(
            "INSERT INTO imports (file, kind, rows, added, at) VALUES (?1, ?2, 0, 0, ?3)",
            params![file, kind.key(), now],
        )
        .map_err(err)?;
        let import_id = tx.last_insert_rowid();
        let mut stats = ImportStats::default();
        let mut seen: HashMap<[u8; 32], u32, rustc_hash::FxBuildHasher> = HashMap::default();
        {
            let mut insert = tx
                .prepare(
                    "INSERT OR IGNORE INTO txns (kind, fingerprint, file, line, rrn, trace, \
                     terminal_id, merchant_id, merchant_name, order_id, date, time, amount, fee, \
                     net, type, code, state, card, batch, settle_date, orig_trace, import_id) \
                     VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, \
                     ?16, ?17, ?18, ?19, ?20, ?21, ?22, ?23)",
                )
                .map_err(err)?;
            let mut rec = csv::ByteRecord::new();
            loop {
                if let Some(r) = first.take() {
                    rec = r;
                } else if !table.read(&mut rec)? {
                    break;
                }
                let line = rec.position().map_or(0, |p| p.line());
                if crate::tabular::txn::is_blank(&rec) {
                    continue;
                }
                let row = Row::parse(&cols, &rec, file, line)?;
                let content = row.content_key(kind);
                let n = seen.entry(content).or_insert(0);
                let fp = fingerprint(&content, *n);
                *n += 1;
                let added = insert
                    .execute(params![
                        kind.key(),
                        &fp[..],
                        file,
                        line as i64,
                        row.rrn,
                        row.trace,
                        row.terminal_id,
                        row.merchant_id,
                        row.merchant_name,
                        row.order_id,
                        row.date,
                        row.time,
                        row.amount,
                        row.fee,
                        row.net,
                        row.kind.unwrap_or(TxnType::Sale).key(),
                        row.code,
                        row.state.map(State::key),
                        row.card,
                        row.batch,
                        row.settle_date,
                        row.orig_trace,
                        import_id,
                    ])
                    .map_err(err)?;
                stats.rows += 1;
                stats.added += added as u64;
                if stats.rows.is_multiple_of(8192) {
                    progress(table.byte_position(&rec));
                }
            }
        }
        stats.skipped = stats.rows - stats.added;
        tx.execute(
            "UPDATE imports SET rows = ?1, added = ?2 WHERE id = ?3",
            params![stats.rows as i64, stats.added as i64, import_id],
        )
        .map_err(err)?;
        tx.commit().map_err(err)?;
        Ok(stats)
    }

    /// Rows matching `q` (every given key must match).
    pub fn find(&self, q: &Query) -> Result<Vec<Stored>, Error> {
        let mut sql = format!("SELECT {COLUMNS} FROM txns WHERE 1 = 1");
        let mut args: Vec<Box<dyn rusqlite::ToSql>> = Vec::new();
        let mut add = |cond: &str, v: Box<dyn rusqlite::ToSql>| {
            args.push(v);
            sql.push_str(&format!(" AND {cond} ?{}", args.len()));
        };
        if let Some(v) = &q.rrn {
            add("rrn =", Box::new(v.clone()));
        }
        if let Some(v) = &q.terminal_id {
            add("terminal_id =", Box::new(v.clone()));
        }
        if let Some(v) = &q.trace {
            add("trace =", Box::new(v.clone()));
        }
        if let Some(v) = q.date {
            add("date =", Box::new(v));
        }
        if let Some(v) = &q.order_id {
            add("order_id =", Box::new(v.clone()));
        }
        if let Some(v) = q.amount {
            add("amount =", Box::new(v));
        }
        if let Some((d, t)) = q.from {
            add(
                "date * 1000000 + coalesce(time, 0) >=",
                Box::new(i64::from(d) * 1_000_000 + i64::from(t)),
            );
        }
        if let Some((d, t)) = q.to {
            add(
                "date * 1000000 + coalesce(time, 0) <=",
                Box::new(i64::from(d) * 1_000_000 + i64::from(t)),
            );
        }
        sql.push_str(" ORDER BY date, time, id LIMIT 1000");
        let mut stmt = self.conn.prepare(&sql).map_err(|e| self.err(e))?;
        let refs: Vec<&dyn rusqlite::ToSql> = args.iter().map(|b| b.as_ref()).collect();
        let rows = stmt
            .query_map(&refs[..], read_stored)
            .map_err(|e| self.err(e))?
            .collect::<Result<Vec<_>, _>>()
            .map_err(|e| self.err(e))?;
        Ok(rows)
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
            let mut stmt = self
                .conn
                .prepare_cached(&format!(
                    "SELECT {COLUMNS} FROM txns WHERE terminal_id = ?1 AND \
                     (orig_trace = ?2 OR (trace = ?2 AND (?3 IS NULL OR date = ?3))) LIMIT 100"
                ))
                .map_err(|e| self.err(e))?;
            let rows = stmt
                .query_map(params![tid, trace, sale.date], read_stored)
                .map_err(|e| self.err(e))?
                .collect::<Result<Vec<_>, _>>()
                .map_err(|e| self.err(e))?;
            out.extend(rows);
        }
        Ok(out)
    }

    /// Number of journal rows, by kind.
    pub fn counts(&self) -> Result<(u64, u64), Error> {
        let count = |k: &str| -> Result<u64, Error> {
            self.conn
                .query_row("SELECT count(*) FROM txns WHERE kind = ?1", [k], |r| {
                    r.get::<_, i64>(0)
                })
                .optional()
                .map(|v| v.unwrap_or(0) as u64)
                .map_err(|e| self.err(e))
        };
        Ok((count("sales")?, count("settlement")?))
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
