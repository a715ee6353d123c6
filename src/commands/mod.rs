//! One function per subcommand: gather the input, call the library, hand the result to the
//! renderer, and say which exit code the run earned.

pub mod check;
pub mod code;
pub mod completions;
pub mod decode;
pub mod doctor;
pub mod fix;
pub mod incident;
// Shared by `txn status` and `fix`: the wiring of a transaction look-up.
mod lookup;
pub mod net;
pub mod profile;
pub mod sim;
pub mod txn;
pub mod watch;

use crate::cli::{GlobalArgs, ReachArgs};
use crate::config::{Config, Paths};
use crate::error::Error;
use crate::reach::Reach;
use crate::render::Output;

/// What every command gets: how to print, the global options and where the files are.
pub struct Context {
    pub out: Output,
    pub global: GlobalArgs,
    pub paths: Paths,
}

impl Context {
    pub fn config(&self) -> Result<Config, Error> {
        Config::load(&self.paths.config_file)
    }

    /// The network settings: a command's `--demo`, `--fault`, `--dns` and `--ca-file` with
    /// the global `--timeout`, parsed once (a bad `--dns` or `--fault` is refused here,
    /// before anything runs).
    pub fn reach(&self, args: &ReachArgs) -> Result<Reach, Error> {
        self.reach_base()
            .with_ca_file(args.ca_file.as_deref())
            .with_demo(args.demo.then_some(args.fault.as_slice()))?
            .with_dns(&args.dns)
    }

    /// The network settings of a command without `--demo` flags: the global `--timeout` and
    /// how findings are worded.
    pub fn reach_base(&self) -> Reach {
        Reach::new(self.out.lang).with_timeout(self.global.timeout)
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
            None => Ok(crate::store::Location::Sqlite(self.paths.journal())),
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

/// Writes a support bundle (`--bundle`) and says where on stderr; the path for the report,
/// or nothing when a signal came first (the bundle is then not written at all).
pub fn bundle_written(
    ctx: &Context,
    pending: crate::bundle::Pending,
    contents: &crate::bundle::Contents,
) -> Result<Option<String>, Error> {
    let shown = pending.path().display().to_string();
    match pending.write(contents) {
        Ok(_) => {
            ctx.out.note(
                &ctx.out
                    .lang
                    .trf(crate::i18n::Msg::DoctorBundleWritten, &[("path", &shown)]),
            );
            Ok(Some(shown))
        }
        Err(Error::Interrupted) => {
            ctx.out
                .note(ctx.out.tr(crate::i18n::Msg::DoctorBundleSkipped));
            Ok(None)
        }
        Err(e) => Err(e),
    }
}
