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
