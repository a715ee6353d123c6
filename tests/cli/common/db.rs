//! The journal and incident tests run once per backend: on the default SQLite file and on a
//! database of their own on the PostgreSQL server this test process shares
//! ([`Server::shared`]). [`crate::on_both_backends!`] makes the two tests from one function
//! taking a [`Backend`]; the function gets its [`Env`] with [`Env::on`] and looks at what
//! was stored through the backend-neutral helpers here, never by opening the SQLite file.

use super::Env;
use super::postgres::{PASSWORD, Server};

/// Where a test's commands keep the journal and the incident log.
#[derive(Clone)]
pub enum Backend {
    /// The default: `data/posdoctor/posdoctor.db` under the test's directory.
    Sqlite,
    /// A database made for this test on the shared server.
    Postgres {
        server: &'static Server,
        database: String,
    },
}

impl Backend {
    pub fn sqlite() -> Backend {
        Backend::Sqlite
    }

    /// A fresh database on the shared server; `None` where the machine has no PostgreSQL
    /// binaries (the test is then skipped with a note, unless CI requires the server).
    pub fn postgres() -> Option<Backend> {
        let server = Server::shared()?;
        Some(Backend::Postgres {
            server,
            database: server.database(),
        })
    }

    /// The same kind of backend, empty: a new database on the server (the SQLite file is
    /// the new [`Env`]'s own anyway).
    pub fn another(&self) -> Backend {
        match self {
            Backend::Sqlite => Backend::Sqlite,
            Backend::Postgres { server, .. } => Backend::Postgres {
                server,
                database: server.database(),
            },
        }
    }

    pub fn name(&self) -> &'static str {
        match self {
            Backend::Sqlite => "sqlite",
            Backend::Postgres { .. } => "postgres",
        }
    }

    pub fn is_sqlite(&self) -> bool {
        matches!(self, Backend::Sqlite)
    }

    /// The variables that point posdoctor at this backend (none for the default).
    pub fn vars(&self) -> Vec<(&'static str, String)> {
        match self {
            Backend::Sqlite => Vec::new(),
            Backend::Postgres { server, database } => vec![
                ("POSDOCTOR_DB", server.url(database)),
                ("PGPASSWORD", PASSWORD.to_string()),
            ],
        }
    }

    /// The SQLite file of `env` (for the tests of what only a file has: its WAL).
    pub fn sqlite_file(env: &Env) -> std::path::PathBuf {
        env.path().join("data/posdoctor/posdoctor.db")
    }

    /// One integer a query returns (`SELECT count(*) FROM txns`), the same SQL on both.
    pub fn count(&self, env: &Env, sql: &str) -> i64 {
        match self {
            Backend::Sqlite => {
                let conn = rusqlite::Connection::open(Backend::sqlite_file(env)).unwrap();
                conn.query_row(sql, [], |r| r.get(0)).unwrap()
            }
            Backend::Postgres { server, database } => server
                .sql(database, sql)
                .trim()
                .parse()
                .unwrap_or_else(|e| panic!("{sql}: {e}")),
        }
    }

    /// The rows of `table`; 0 when nothing has been stored yet (no file, no schema), and
    /// looking creates nothing.
    pub fn rows(&self, env: &Env, table: &str) -> i64 {
        let exists = match self {
            Backend::Sqlite => Backend::sqlite_file(env).exists(),
            Backend::Postgres { server, database } => {
                server
                    .sql(
                        database,
                        &format!("SELECT to_regclass('{table}') IS NOT NULL"),
                    )
                    .trim()
                    == "t"
            }
        };
        if exists {
            self.count(env, &format!("SELECT count(*) FROM {table}"))
        } else {
            0
        }
    }

    /// Whether an import is writing rows inside its transaction: SQLite's WAL has grown past
    /// 1 MiB or its rollback journal is there (a large import writes through one when it has
    /// the database to itself), or the server is running the import's `COPY`.
    pub fn import_under_way(&self, env: &Env) -> bool {
        match self {
            Backend::Sqlite => {
                let db = env.path().join("data/posdoctor/posdoctor.db");
                let with = |suffix: &str| {
                    let mut p = db.clone().into_os_string();
                    p.push(suffix);
                    std::fs::metadata(p).map(|m| m.len()).ok()
                };
                with("-wal").is_some_and(|n| n > 1 << 20) || with("-journal").is_some_and(|n| n > 0)
            }
            Backend::Postgres { server, database } => {
                server
                    .sql(
                        "postgres",
                        &format!(
                            "SELECT count(*) FROM pg_stat_activity WHERE datname = '{database}' \
                             AND state = 'active' AND query LIKE 'COPY%'"
                        ),
                    )
                    .trim()
                    != "0"
            }
        }
    }

    /// Runs a statement behind posdoctor's back (to plant what its own commands refuse to
    /// store), the same SQL on both; `$1` is `arg`.
    pub fn execute(&self, env: &Env, sql: &str, arg: &str) {
        match self {
            Backend::Sqlite => {
                let conn = rusqlite::Connection::open(Backend::sqlite_file(env)).unwrap();
                conn.execute(&sql.replace("$1", "?1"), [arg]).unwrap();
            }
            Backend::Postgres { server, database } => {
                let quoted = format!("'{}'", arg.replace('\'', "''"));
                server.sql(database, &sql.replace("$1", &quoted));
            }
        }
    }

    /// Runs several statements behind posdoctor's back, the same SQL on both.
    pub fn batch(&self, env: &Env, sql: &str) {
        match self {
            Backend::Sqlite => {
                let conn = rusqlite::Connection::open(Backend::sqlite_file(env)).unwrap();
                conn.execute_batch(sql).unwrap();
            }
            Backend::Postgres { server, database } => {
                server.sql(database, sql);
            }
        }
    }

    /// Every byte stored: the SQLite file with its WAL and shared memory, or the whole
    /// database as `pg_dump` writes it.
    pub fn stored(&self, env: &Env) -> Vec<u8> {
        match self {
            Backend::Sqlite => {
                let mut all = Vec::new();
                if let Ok(dir) = std::fs::read_dir(env.path().join("data/posdoctor")) {
                    for entry in dir {
                        all.extend(std::fs::read(entry.unwrap().path()).unwrap_or_default());
                    }
                }
                all
            }
            Backend::Postgres { server, database } => server.dump(database),
        }
    }
}

/// `on_both_backends!(a, b)` after `fn a(b: &Backend)` and `fn b(…)`: the tests `a::sqlite`,
/// `a::postgres`, `b::sqlite`, `b::postgres`, each running its function on that backend.
#[macro_export]
macro_rules! on_both_backends {
    ($($name:ident),* $(,)?) => {
        $(
            mod $name {
                #[test]
                fn sqlite() {
                    super::$name(&$crate::common::db::Backend::sqlite());
                }

                #[test]
                fn postgres() {
                    if let Some(b) = $crate::common::db::Backend::postgres() {
                        super::$name(&b);
                    }
                }
            }
        )*
    };
}
