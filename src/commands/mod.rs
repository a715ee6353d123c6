//! One function per subcommand: gather the input, call the library, hand the result to the
//! renderer, and say which exit code the run earned.

pub mod check;
pub mod code;
pub mod completions;
pub mod decode;
pub mod doctor;
pub mod fix;
pub mod incident;
pub mod net;
pub mod probing;
pub mod profile;
pub mod sim;
pub mod txn;
pub mod watch;

use crate::cli::GlobalArgs;
use crate::config::{Config, Paths};
use crate::error::Error;
use crate::render::Output;

/// What every command gets: how to print, the global options and where the files are.
pub struct Context {
    pub out: Output,
    pub global: GlobalArgs,
    pub paths: Paths,
}

/// The async runtime for commands that do network work: two workers, the size of the
/// machines this runs on, enough for hundreds of concurrent probes.
pub fn runtime() -> Result<tokio::runtime::Runtime, Error> {
    tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
        .map_err(|e| Error::Io {
            message: crate::error::Message::new(crate::i18n::Msg::ErrorRuntime),
            source: e,
        })
}

impl Context {
    pub fn config(&self) -> Result<Config, Error> {
        Config::load(&self.paths.config_file)
    }

    /// Where the journal and incident log are: `--db` (or `POSDOCTOR_DB`), else `database`
    /// in the config, else the SQLite file in the data directory (docs/contract.md, "Files").
    pub fn store(&self) -> Result<crate::store::Location, Error> {
        let config = self.config()?;
        let mut settings = crate::store::Settings {
            password_env: config.database_password_env.clone(),
            ..Default::default()
        };
        if let Some(t) = self.global.timeout {
            settings.deadline = std::time::Duration::from_secs_f64(t);
        }
        match self.global.db.as_deref().or(config.database.as_deref()) {
            Some(v) => crate::store::Location::parse(v, &settings),
            None => Ok(crate::store::Location::Sqlite(
                self.paths.data_dir.join("posdoctor.db"),
            )),
        }
    }

    /// The journal, opened (and created when needed).
    pub fn journal(&self) -> Result<crate::journal::Journal, Error> {
        crate::journal::Journal::open(&self.store()?)
    }

    /// The journal for reading: `None` when nothing was ever recorded in a SQLite file, so
    /// a look at an empty log does not create a database.
    pub fn existing_journal(&self) -> Result<Option<crate::journal::Journal>, Error> {
        let location = self.store()?;
        if location.may_exist() {
            crate::journal::Journal::open(&location).map(Some)
        } else {
            Ok(None)
        }
    }
}
