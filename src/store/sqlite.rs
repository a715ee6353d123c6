//! The SQLite backend: one file per machine, in WAL mode.
//!
//! Writers take the database lock for one whole import (`BEGIN IMMEDIATE`), so concurrent
//! processes queue instead of losing rows, and a killed import leaves nothing behind. The
//! schema version is kept in `PRAGMA user_version`; versions 1 and 2 predate PostgreSQL
//! support, version 3 is the first both engines share, version 4 their current one.

use std::path::{Path, PathBuf};
use std::time::Duration;

use rusqlite::{Connection, TransactionBehavior};

use super::{Cells, ImportBatch, ImportHeader, Param};
use crate::error::{Error, Message};
use crate::i18n::Msg;
use crate::journal::ImportStats;

/// The newest schema version this build writes (shared with PostgreSQL).
pub const SCHEMA_VERSION: i64 = 4;

/// Version 2: the layout before PostgreSQL support. A 16-byte fingerprint in random order
/// and five indexes made an import 5–7 times slower than loading the same file into a bare
/// table.
const V2: &str = "
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

/// Version 3, first part: the journal keyed by an 8-byte fingerprint (the first 8 bytes of
/// the old one, so rows imported before still match a re-import), without the (date, time)
/// index no look-up used; incidents gain the instant in UTC (lists sort by it, not by the
/// local clock text), the training mark and the caller. The fingerprints are filled in
/// between the two parts.
const V3_TABLES: &str = "
CREATE TABLE txns_v3 (
    id INTEGER PRIMARY KEY,
    kind TEXT NOT NULL CHECK (kind IN ('sales', 'settlement')),
    fp INTEGER NOT NULL,
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
INSERT INTO txns_v3 SELECT id, kind, 0, file, line, rrn, trace, terminal_id, merchant_id,
    merchant_name, order_id, date, time, amount, fee, net, type, code, state, card, batch,
    settle_date, orig_trace, import_id FROM txns;
ALTER TABLE incidents ADD COLUMN at_utc INTEGER;
UPDATE incidents SET at_utc = CAST(strftime('%s', at) AS INTEGER);
ALTER TABLE incidents ADD COLUMN training INTEGER NOT NULL DEFAULT 0;
ALTER TABLE incidents ADD COLUMN caller TEXT;
DROP INDEX IF EXISTS incidents_at;
CREATE INDEX incidents_utc ON incidents (at_utc, id);
";

const V3_INDEXES: &str = "
DROP TABLE txns;
ALTER TABLE txns_v3 RENAME TO txns;
";

/// The journal's indexes in version 3: the unique fingerprint, and what look-ups used.
const V3_TXN_INDEXES: &str = "
CREATE UNIQUE INDEX txns_fp ON txns (fp);
CREATE INDEX txns_rrn ON txns (rrn) WHERE rrn IS NOT NULL;
CREATE INDEX txns_trace ON txns (terminal_id, trace);
CREATE INDEX txns_order ON txns (order_id) WHERE order_id IS NOT NULL;
";

/// Bytes of input per row already in the journal above which an import builds the indexes
/// after its rows rather than as it goes: at least this much input per existing row means
/// the file is larger than the journal, and rebuilding costs less than inserting into four
/// indexes, one of them in random order (5–7 times the cost of loading a bare table).
const BULK_BYTES_PER_ROW: u64 = 64;

/// What makes a stored row the same as an imported one on the bulk path, as the unique
/// indexes have it on the row-by-row path: its fingerprint and its RRN (hashed: the set of
/// rows already stored is held in memory).
fn stored_key(fp: i64, rrn: Option<&str>) -> (i64, u64) {
    use std::hash::BuildHasher;
    (fp, rustc_hash::FxBuildHasher.hash_one(rrn))
}

/// The page cache, in KiB: an import keeping its indexes up row by row (a file smaller than
/// the journal) would otherwise spend its time re-reading index pages from the 2 MiB
/// default; a bulk import keeps a million rows' pages in it until they are written.
const CACHE_KIB: i64 = 256 * 1024;

/// The page cache while a bulk import builds its indexes, in KiB, and the helper threads
/// SQLite may sort with meanwhile. SQLite sorts an index's keys in runs as large as the
/// page cache: runs of a few MiB stay in the processor's caches and helper threads sort
/// them while the table is still being read, where one run of the whole table's keys is
/// sorted on one thread from main memory. A million keys in random order (an acquirer's
/// file, say) were indexed in half the time; keys nearly in order took the same time.
const SORT_CACHE_KIB: i64 = 4096;
const SORT_THREADS: i64 = 2;

/// Bytes of input from which an import writes its pages once, through a rollback journal,
/// rather than twice (into the WAL, then from there into the database at the checkpoint):
/// for a million rows that is a sixth of the import's time. SQLite only leaves WAL mode when
/// no other connection has the database open; when one has, the import keeps the WAL. WAL
/// mode comes back when the import ends, whatever its outcome (or, if the process dies, with
/// the next connection that opens the database).
const DIRECT_BYTES: u64 = 1 << 20;

/// The indexes the bulk path of `header`'s import builds after the rows.
fn rebuilt<'h>(
    header: &'h ImportHeader<'_>,
) -> impl Iterator<Item = (&'static str, &'static str)> + 'h {
    super::TXN_INDEXES
        .into_iter()
        .filter(|(name, _)| super::rebuilt_after_rows(name, header))
}

/// Whether `e` is SQLite saying another connection holds a lock it needs.
fn is_busy(e: &rusqlite::Error) -> bool {
    matches!(
        e.sqlite_error_code(),
        Some(rusqlite::ErrorCode::DatabaseBusy)
    )
}

pub struct Sqlite {
    conn: Connection,
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

/// `$1` placeholders as SQLite numbers them (`?1`).
fn dialect(sql: &str) -> std::borrow::Cow<'_, str> {
    if sql.contains('$') {
        sql.replace('$', "?").into()
    } else {
        sql.into()
    }
}

fn to_sql(p: &Param) -> rusqlite::types::Value {
    use rusqlite::types::Value;
    match p {
        Param::Int(Some(v)) => Value::Integer(*v),
        Param::Text(Some(v)) => Value::Text(v.clone()),
        Param::Bool(b) => Value::Integer(i64::from(*b)),
        Param::Int(None) | Param::Text(None) => Value::Null,
    }
}

/// Binds `params` without copying strings: the import's hot path.
fn bind(stmt: &mut rusqlite::Statement<'_>, params: &[Param]) -> rusqlite::Result<()> {
    for (i, p) in params.iter().enumerate() {
        let i = i + 1;
        match p {
            Param::Int(v) => stmt.raw_bind_parameter(i, v)?,
            Param::Text(v) => stmt.raw_bind_parameter(i, v.as_deref())?,
            Param::Bool(b) => stmt.raw_bind_parameter(i, b)?,
        }
    }
    Ok(())
}

impl Cells for rusqlite::Row<'_> {
    fn int(&self, i: usize) -> Result<Option<i64>, String> {
        self.get(i).map_err(|e| e.to_string())
    }
    fn text(&self, i: usize) -> Result<Option<String>, String> {
        self.get(i).map_err(|e| e.to_string())
    }
}

impl Sqlite {
    /// Opens (creating when needed) the database at `path` and brings its schema up to date.
    pub fn open(path: &Path) -> Result<Sqlite, Error> {
        if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
            std::fs::create_dir_all(dir).map_err(|e| Error::io(Msg::ErrorWrite, dir, e))?;
        }
        let err = |e| db_error(path, e);
        let conn = Connection::open(path).map_err(err)?;
        // Other writers hold the lock for a whole import; wait for them rather than fail.
        conn.busy_timeout(Duration::from_secs(300)).map_err(err)?;
        // A new database gets 16 KiB pages: a million-row import and its index builds take
        // about a sixth less time than with 4 KiB ones. (An existing database keeps its own;
        // the setting only applies before the first table is written.)
        conn.pragma_update(None, "page_size", 16384).map_err(err)?;
        match conn.pragma_update(None, "journal_mode", "WAL") {
            // A large import holds the database in rollback mode while it writes (see
            // [`DIRECT_BYTES`]); it puts the WAL back when it ends. Meanwhile this connection
            // reads and writes through the rollback journal, waiting for the lock as usual.
            Err(e) if is_busy(&e) => {}
            r => r.map_err(err)?,
        }
        conn.pragma_update(None, "synchronous", "NORMAL")
            .map_err(err)?;
        conn.pragma_update(None, "foreign_keys", "ON")
            .map_err(err)?;
        conn.pragma_update(None, "cache_size", -CACHE_KIB)
            .map_err(err)?;
        let mut db = Sqlite {
            conn,
            path: path.to_path_buf(),
        };
        db.migrate()?;
        Ok(db)
    }

    fn err(&self, e: rusqlite::Error) -> Error {
        db_error(&self.path, e)
    }

    fn version(&self) -> Result<i64, Error> {
        self.conn
            .pragma_query_value(None, "user_version", |r| r.get(0))
            .map_err(|e| self.err(e))
    }

    /// Brings the schema to [`SCHEMA_VERSION`], one version at a time, each in the same
    /// transaction as the version it writes; a second process waits for the first.
    fn migrate(&mut self) -> Result<(), Error> {
        let version = self.version()?;
        if version > SCHEMA_VERSION {
            return Err(Message::new(Msg::ErrorDatabaseNewer)
                .arg("path", self.path.display())
                .into());
        }
        if version == SCHEMA_VERSION {
            return Ok(());
        }
        let path = self.path.clone();
        let err = |e| db_error(&path, e);
        let tx = self
            .conn
            .transaction_with_behavior(TransactionBehavior::Immediate)
            .map_err(err)?;
        let version: i64 = tx
            .pragma_query_value(None, "user_version", |r| r.get(0))
            .map_err(err)?;
        if version < 2 {
            tx.execute_batch(V2).map_err(err)?;
        }
        if version < 3 {
            tx.execute_batch(V3_TABLES).map_err(err)?;
            {
                let mut read = tx
                    .prepare("SELECT id, fingerprint FROM txns")
                    .map_err(err)?;
                let mut write = tx
                    .prepare("UPDATE txns_v3 SET fp = ?1 WHERE id = ?2")
                    .map_err(err)?;
                let mut rows = read.query([]).map_err(err)?;
                while let Some(r) = rows.next().map_err(err)? {
                    let id: i64 = r.get(0).map_err(err)?;
                    let old: Vec<u8> = r.get(1).map_err(err)?;
                    write
                        .execute(rusqlite::params![crate::journal::short_fp(&old), id])
                        .map_err(err)?;
                }
            }
            tx.execute_batch(V3_INDEXES).map_err(err)?;
            tx.execute_batch(V3_TXN_INDEXES).map_err(err)?;
        }
        if version < 4 {
            tx.execute_batch(super::V4).map_err(err)?;
            for (_, create) in super::TXN_INDEXES {
                tx.execute_batch(create).map_err(err)?;
            }
        }
        tx.pragma_update(None, "user_version", SCHEMA_VERSION)
            .map_err(err)?;
        tx.commit().map_err(err)
    }

    pub fn query<T>(
        &self,
        sql: &str,
        params: &[Param],
        f: &mut dyn FnMut(&dyn Cells) -> Result<T, String>,
    ) -> Result<Vec<T>, Error> {
        let mut stmt = self
            .conn
            .prepare_cached(&dialect(sql))
            .map_err(|e| self.err(e))?;
        bind(&mut stmt, params).map_err(|e| self.err(e))?;
        let mut rows = stmt.raw_query();
        let mut out = Vec::new();
        while let Some(r) = rows.next().map_err(|e| self.err(e))? {
            out.push(f(r).map_err(|d| super::bad_cell(&self.path.display().to_string(), d))?);
        }
        Ok(out)
    }

    pub fn execute(&self, sql: &str, params: &[Param]) -> Result<u64, Error> {
        let values: Vec<rusqlite::types::Value> = params.iter().map(to_sql).collect();
        self.conn
            .execute(&dialect(sql), rusqlite::params_from_iter(values))
            .map(|n| n as u64)
            .map_err(|e| self.err(e))
    }

    /// Sets the journal mode; `Ok(false)` when another connection's lock forbids the change
    /// (SQLite says so at once, without waiting).
    fn journal_mode(&self, mode: &str) -> Result<bool, Error> {
        match self
            .conn
            .pragma_update_and_check(None, "journal_mode", mode, |r| r.get::<_, String>(0))
        {
            Ok(now) => Ok(now.eq_ignore_ascii_case(mode)),
            Err(e) if is_busy(&e) => Ok(false),
            Err(e) => Err(self.err(e)),
        }
    }

    pub fn import(
        &mut self,
        header: &ImportHeader<'_>,
        next: &mut dyn FnMut(&mut ImportBatch) -> Result<bool, Error>,
    ) -> Result<ImportStats, Error> {
        let direct =
            header.size.is_some_and(|size| size >= DIRECT_BYTES) && self.journal_mode("DELETE")?;
        if !direct {
            return self.import_rows(header, next);
        }
        // A rollback journal is safe against power loss only with a sync at every step.
        let synced = self
            .conn
            .pragma_update(None, "synchronous", "FULL")
            .map_err(|e| self.err(e));
        let result = synced.and_then(|()| self.import_rows(header, next));
        let normal = self
            .conn
            .pragma_update(None, "synchronous", "NORMAL")
            .map_err(|e| self.err(e));
        // Busy here (a reader in the middle of a query) leaves the switch to the next
        // connection that opens the database.
        let wal = self.journal_mode("WAL");
        result.and_then(|stats| normal.and(wal).map(|_| stats))
    }

    fn import_rows(
        &mut self,
        header: &ImportHeader<'_>,
        next: &mut dyn FnMut(&mut ImportBatch) -> Result<bool, Error>,
    ) -> Result<ImportStats, Error> {
        let path = self.path.clone();
        let err = |e| db_error(&path, e);
        let tx = self
            .conn
            .transaction_with_behavior(TransactionBehavior::Immediate)
            .map_err(err)?;
        tx.execute(
            "INSERT INTO imports (file, kind, rows, added, at) VALUES (?1, ?2, 0, 0, ?3)",
            rusqlite::params![header.file, header.kind.key(), header.at],
        )
        .map_err(err)?;
        let import_id = tx.last_insert_rowid();
        let mut stats = ImportStats::default();
        let existing: i64 = tx
            .query_row("SELECT count(*) FROM txns", [], |r| r.get(0))
            .map_err(err)?;
        // A file larger than the journal: the fingerprints already stored are held in
        // memory to skip duplicates, and the indexes are built once, after the rows.
        let bulk = header
            .size
            .is_some_and(|size| (existing.max(0) as u64).saturating_mul(BULK_BYTES_PER_ROW) < size);
        let mut known: std::collections::HashSet<(i64, u64), rustc_hash::FxBuildHasher> =
            std::collections::HashSet::default();
        // The fingerprints this import adds on the bulk path, checked for repeats after the
        // rows (sorting a list costs a fraction of a hash set's random inserts).
        let mut added: Vec<i64> = Vec::new();
        if bulk {
            let mut read = tx.prepare("SELECT fp, rrn FROM txns").map_err(err)?;
            let mut rows = read.query([]).map_err(err)?;
            while let Some(r) = rows.next().map_err(err)? {
                let rrn: Option<String> = r.get(1).map_err(err)?;
                known.insert(stored_key(r.get(0).map_err(err)?, rrn.as_deref()));
            }
            drop(rows);
            drop(read);
            for (name, _) in rebuilt(header) {
                tx.execute_batch(&format!("DROP INDEX {name}"))
                    .map_err(err)?;
            }
        }
        {
            let placeholders: Vec<String> = (1..=super::INSERT_COLUMNS.len())
                .map(|i| format!("?{i}"))
                .collect();
            let verb = if bulk { "INSERT" } else { "INSERT OR IGNORE" };
            let mut insert = tx
                .prepare(&format!(
                    "{verb} INTO txns ({}) VALUES ({})",
                    super::INSERT_COLUMNS.join(", "),
                    placeholders.join(", ")
                ))
                .map_err(err)?;
            let kind = header.kind.key();
            // The kind and import are the same in every row: bound once (SQLite keeps
            // bindings from one execution to the next), not copied a million times.
            let fixed: Vec<bool> = super::INSERT_COLUMNS
                .iter()
                .map(|c| matches!(*c, "kind" | "import_id"))
                .collect();
            let mut bound = false;
            // Which parameters hold NULL from the row before: most columns of a file are
            // empty in every row, and need not be bound again.
            let mut null = [false; super::INSERT_COLUMNS.len()];
            let mut batch = ImportBatch::default();
            while next(&mut batch)? {
                for row in batch.rows() {
                    stats.rows += 1;
                    if bulk {
                        if !known.is_empty() && known.contains(&stored_key(row.fp(), row.rrn())) {
                            continue;
                        }
                        added.push(row.fp());
                    }
                    for (i, v) in row.values(kind, import_id).iter().enumerate() {
                        if bound && fixed[i] {
                            continue;
                        }
                        let is_null =
                            matches!(v, super::Value::Int(None) | super::Value::Text(None));
                        if bound && is_null && null[i] {
                            continue;
                        }
                        null[i] = is_null;
                        match v {
                            super::Value::Int(n) => insert.raw_bind_parameter(i + 1, n),
                            super::Value::Text(t) => insert.raw_bind_parameter(i + 1, t),
                        }
                        .map_err(err)?;
                    }
                    bound = true;
                    let added = insert.raw_execute().map_err(err)?;
                    stats.added += added as u64;
                }
            }
        }
        if bulk {
            // Two rows of the file with one fingerprint and one RRN (a chance collision of 64
            // bits): the first stays, as the unique indexes would have it on the row-by-row
            // path. (Rows whose RRNs differ all stay, as there.)
            added.sort_unstable();
            let mut repeated: Vec<i64> = added
                .windows(2)
                .filter(|w| w[0] == w[1])
                .map(|w| w[0])
                .collect();
            repeated.dedup();
            for fp in repeated {
                let gone = tx
                    .execute(
                        "DELETE FROM txns WHERE import_id = ?1 AND fp = ?2 AND id NOT IN \
                         (SELECT min(id) FROM txns WHERE import_id = ?1 AND fp = ?2 GROUP BY rrn)",
                        rusqlite::params![import_id, fp],
                    )
                    .map_err(err)?;
                stats.added -= gone as u64;
            }
            tx.pragma_update(None, "cache_size", -SORT_CACHE_KIB)
                .map_err(err)?;
            tx.pragma_update(None, "threads", SORT_THREADS)
                .map_err(err)?;

            for (_, create) in rebuilt(header) {
                tx.execute_batch(create).map_err(err)?;
            }
            tx.pragma_update(None, "cache_size", -CACHE_KIB)
                .map_err(err)?;
            tx.pragma_update(None, "threads", 0).map_err(err)?;
        }
        stats.skipped = stats.rows - stats.added;
        tx.execute(
            "UPDATE imports SET rows = ?1, added = ?2 WHERE id = ?3",
            rusqlite::params![stats.rows as i64, stats.added as i64, import_id],
        )
        .map_err(err)?;
        tx.commit().map_err(err)?;
        Ok(stats)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::journal::{CsvSource, Journal, Kind};
    use crate::store::Location;

    const CSV: &str = "rrn,terminal_id,trace,date,time,amount\n\
                       000000000001,10000001,000001,2026-11-20,10:00:01,100.00\n\
                       000000000002,10000001,000002,2026-11-20,10:00:02,12.50\n";

    /// The first column of every row `sql` returns.
    fn column<T: rusqlite::types::FromSql>(c: &Connection, sql: &str) -> Vec<T> {
        let mut s = c.prepare(sql).unwrap();
        s.query_map([], |r| r.get(0))
            .unwrap()
            .collect::<Result<_, _>>()
            .unwrap()
    }

    /// The journal's indexes are those of [`super::super::TXN_INDEXES`], no more, no fewer.
    fn assert_has_the_journal_indexes(c: &Connection) {
        let indexes: Vec<String> = column(
            c,
            "SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name = 'txns' ORDER BY name",
        );
        let mut expected: Vec<&str> = super::super::TXN_INDEXES.iter().map(|(n, _)| *n).collect();
        expected.sort_unstable();
        assert_eq!(indexes, expected);
    }

    fn source(text: &str) -> CsvSource<'_> {
        let table = crate::tabular::Table::new(
            text.as_bytes(),
            "sales.csv",
            &crate::tabular::Options::default(),
        )
        .unwrap();
        CsvSource::new(table, &Default::default()).unwrap()
    }

    /// A version 2 database (as the last release wrote it) is upgraded in place: its rows
    /// keep matching a re-import of the same file, its incidents gain the instant in UTC.
    #[test]
    fn version_2_databases_are_upgraded_and_keep_their_rows() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("v2.db");
        // The fingerprints version 2 stored, found through an import into a scratch journal
        // (version 3 keeps their first 8 bytes).
        let scratch = Location::Sqlite(dir.path().join("scratch.db"));
        let mut j = Journal::open(&scratch).unwrap();
        j.import(source(CSV), Kind::Sales, &|_| {}).unwrap();
        drop(j);
        let fps: Vec<i64> = column(
            &Connection::open(dir.path().join("scratch.db")).unwrap(),
            "SELECT fp FROM txns ORDER BY id",
        );
        {
            let c = Connection::open(&path).unwrap();
            c.execute_batch(V2).unwrap();
            for (i, fp) in fps.iter().enumerate() {
                // 16 bytes, the first 8 of which are the version 3 fingerprint.
                let mut blob = fp.to_le_bytes().to_vec();
                blob.extend_from_slice(&[0xAB; 8]);
                c.execute(
                    "INSERT INTO txns (kind, fingerprint, file, line, rrn, amount, type, import_id) \
                     VALUES ('sales', ?1, 'old.csv', ?2, ?3, 100, 'sale', 1)",
                    rusqlite::params![blob, i as i64 + 2, format!("{:012}", i + 1)],
                )
                .unwrap();
            }
            c.execute(
                "INSERT INTO incidents (at, week, category, outcome, source, steps) \
                 VALUES ('2026-11-23T19:13:00+08:00', '2026-W48', 'declined', 'open', 'manual', '[]')",
                [],
            )
            .unwrap();
            c.pragma_update(None, "user_version", 2).unwrap();
        }
        let mut j = Journal::open(&Location::Sqlite(path.clone())).unwrap();
        let stats = j.import(source(CSV), Kind::Sales, &|_| {}).unwrap();
        assert_eq!(
            (stats.rows, stats.added),
            (2, 0),
            "the old rows still match"
        );
        let c = Connection::open(&path).unwrap();
        let v: i64 = c
            .pragma_query_value(None, "user_version", |r| r.get(0))
            .unwrap();
        assert_eq!(v, SCHEMA_VERSION);
        let (utc, training): (i64, i64) = c
            .query_row("SELECT at_utc, training FROM incidents", [], |r| {
                Ok((r.get(0)?, r.get(1)?))
            })
            .unwrap();
        assert_eq!((utc, training), (1_795_432_380, 0), "11:13 UTC");
        // Version 4: the rows no longer name their file; the indexes are the current ones.
        let file_columns: i64 = c
            .query_row(
                "SELECT count(*) FROM pragma_table_info('txns') WHERE name = 'file'",
                [],
                |r| r.get(0),
            )
            .unwrap();
        assert_eq!(file_columns, 0);
        assert_has_the_journal_indexes(&c);
    }

    /// Rows of one file with the same fingerprint (a 64-bit collision, forced here): with
    /// the same RRN, or both without one, the bulk path keeps the first, as the unique
    /// indexes do on the row-by-row path; with different RRNs both paths keep both.
    #[test]
    fn a_repeated_fingerprint_keeps_the_first_row() {
        let dir = tempfile::tempdir().unwrap();
        for size in [Some(1 << 30), None] {
            let path = dir.path().join(format!("{size:?}.db"));
            let mut db = Sqlite::open(&path).unwrap();
            let header = ImportHeader {
                file: "sales.csv",
                kind: Kind::Sales,
                at: "2026-11-23T10:00:00+08:00",
                size,
                order_ids: false,
            };
            // (fingerprint, RRN, amount): the amount tells the rows apart.
            let given = [
                (42, Some("000000000001"), 1),
                (42, Some("000000000001"), 2),
                (42, Some("000000000002"), 3),
                (7, None, 4),
                (7, None, 5),
                (99, Some("000000000001"), 6),
            ];
            let mut batch = ImportBatch::default();
            for (&(fp, rrn, amount), line) in given.iter().zip(2..) {
                let row = crate::tabular::txn::TxnFields {
                    rrn,
                    amount,
                    ..Default::default()
                };
                batch.push(fp, line, &row);
            }
            let mut batches = std::iter::once(batch);
            let stats = db
                .import(&header, &mut |b| {
                    Ok(batches.next().map(|n| *b = n).is_some())
                })
                .unwrap();
            assert_eq!(
                (stats.rows, stats.added, stats.skipped),
                (6, 4, 2),
                "{size:?}"
            );
            let kept: Vec<i64> = column(&db.conn, "SELECT amount FROM txns ORDER BY id");
            assert_eq!(kept, [1, 3, 4, 6], "{size:?}");
        }
    }

    /// A large import writes through a rollback journal when it has the database to itself,
    /// and puts the WAL back; with another connection open it keeps the WAL. A connection
    /// opened meanwhile works in whichever mode the database is in.
    #[test]
    fn a_large_import_leaves_the_wal_only_when_alone() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("j.db");
        let mode = |c: &Connection| -> String {
            c.query_row("PRAGMA journal_mode", [], |r| r.get(0))
                .unwrap()
        };
        for (amount, alone) in [(1, true), (2, false), (3, true)] {
            let mut db = Sqlite::open(&path).unwrap();
            let other = (!alone).then(|| Connection::open(&path).unwrap());
            if let Some(c) = &other {
                // Open for real: a connection touches the file at its first statement.
                assert_eq!(mode(c), "wal");
            }
            let header = ImportHeader {
                file: "sales.csv",
                kind: Kind::Sales,
                at: "2026-11-23T10:00:00+08:00",
                size: Some(DIRECT_BYTES),
                order_ids: false,
            };
            let mut batch = ImportBatch::default();
            let row = crate::tabular::txn::TxnFields {
                rrn: Some("000000000001"),
                amount,
                ..Default::default()
            };
            batch.push(amount, 2, &row);
            let mut batches = std::iter::once(batch);
            let mut during = Vec::new();
            let stats = db
                .import(&header, &mut |b| {
                    let reader = Sqlite::open(&path).unwrap();
                    during.push(mode(&reader.conn));
                    Ok(batches.next().map(|n| *b = n).is_some())
                })
                .unwrap();
            assert_eq!(stats.added, 1);
            let expected = if alone { "delete" } else { "wal" };
            assert_eq!(during, [expected, expected], "alone: {alone}");
            assert_eq!(mode(&db.conn), "wal");
            assert_eq!(mode(&Connection::open(&path).unwrap()), "wal");
            let sync: i64 = db
                .conn
                .query_row("PRAGMA synchronous", [], |r| r.get(0))
                .unwrap();
            assert_eq!(sync, 1, "NORMAL again");
            // The sort settings of the index builds are undone too.
            let cache: i64 = db
                .conn
                .query_row("PRAGMA cache_size", [], |r| r.get(0))
                .unwrap();
            let threads: i64 = db
                .conn
                .query_row("PRAGMA threads", [], |r| r.get(0))
                .unwrap();
            assert_eq!((cache, threads), (-CACHE_KIB, 0));
        }
        let c = Connection::open(&path).unwrap();
        let amounts: Vec<i64> = column(&c, "SELECT amount FROM txns ORDER BY id");
        assert_eq!(amounts, [1, 2, 3]);
    }

    /// The indexes a bulk import keeps up row by row (settlement dates always, order
    /// numbers for a file without them) end with every row they should hold, as do those it
    /// builds after the rows.
    #[test]
    fn indexes_kept_up_in_a_bulk_import_hold_every_row() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("j.db");
        let mut j = Journal::open(&Location::Sqlite(path.clone())).unwrap();
        let mut with_orders = String::from("rrn,terminal_id,trace,date,time,amount,order_id\n");
        let mut settled =
            String::from("rrn,terminal_id,trace,date,amount,fee,net,settle_date,order_id\n");
        for i in 0..300 {
            with_orders.push_str(&format!(
                "{i:012},10000001,{i:06},2026-11-20,10:00:00,1.00,{}\n",
                if i % 3 == 0 {
                    format!("O{}", 997 * i % 300)
                } else {
                    String::new()
                }
            ));
            settled.push_str(&format!(
                "{i:012},10000001,{i:06},2026-11-20,1.00,0.01,0.99,2026112{},O{i}\n",
                1 + i % 2
            ));
        }
        let files = [
            (CSV, Kind::Sales),
            (with_orders.as_str(), Kind::Sales),
            (settled.as_str(), Kind::Settlement),
        ];
        for (text, kind) in files {
            // Each file larger than the journal so far: the bulk path every time.
            j.import(source(text).with_size(Some(1 << 30)), kind, &|_| {})
                .unwrap();
            let c = Connection::open(&path).unwrap();
            let check: Vec<String> = column(&c, "PRAGMA integrity_check");
            assert_eq!(check, ["ok"]);
        }
        let c = Connection::open(&path).unwrap();
        assert_has_the_journal_indexes(&c);
        assert_eq!(
            j.settlement_dates(20261101, 20261130, None).unwrap(),
            [20261121, 20261122]
        );
        let orders: Vec<i64> = column(
            &c,
            "SELECT count(*) FROM txns INDEXED BY txns_order WHERE order_id = 'O0'",
        );
        assert_eq!(orders, [2], "one sale and one settlement row");
    }

    /// A large file into an empty journal takes the bulk path (indexes built after the
    /// rows) and gives the same result as the row-by-row path: duplicates skipped, the
    /// unique index back in place.
    #[test]
    fn bulk_and_incremental_imports_agree() {
        let dir = tempfile::tempdir().unwrap();
        let mut csv = String::from("rrn,terminal_id,trace,date,time,amount\n");
        for i in 0..500 {
            csv.push_str(&format!(
                "{i:012},10000001,{i:06},2026-11-20,10:00:00,1.00\n"
            ));
        }
        csv.push_str("000000000001,10000001,000001,2026-11-20,10:00:00,1.00\n");
        let mut bulk = Journal::open(&Location::Sqlite(dir.path().join("a.db"))).unwrap();
        let s = bulk
            .import(source(&csv).with_size(Some(1 << 30)), Kind::Sales, &|_| {})
            .unwrap();
        assert_eq!((s.rows, s.added), (501, 501), "two identical rows stay two");
        // Again, bulk: nothing added; then row by row: nothing added either.
        let s = bulk
            .import(source(&csv).with_size(Some(1 << 30)), Kind::Sales, &|_| {})
            .unwrap();
        assert_eq!((s.rows, s.added), (501, 0));
        let s = bulk.import(source(&csv), Kind::Sales, &|_| {}).unwrap();
        assert_eq!((s.rows, s.added), (501, 0));
        let c = Connection::open(dir.path().join("a.db")).unwrap();
        let indexes: i64 = c
            .query_row(
                "SELECT count(*) FROM sqlite_master WHERE type = 'index' AND tbl_name = 'txns'",
                [],
                |r| r.get(0),
            )
            .unwrap();
        assert_eq!(indexes as usize, super::super::TXN_INDEXES.len());
    }
}
