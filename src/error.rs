//! The library's error type and the exit codes docs/contract.md promises.
//!
//! Errors carry a message key and its arguments rather than a finished string, so the edge
//! (`main.rs`) can say them in the user's language.

use std::fmt;

use crate::i18n::{Lang, Msg};

/// Exit codes (docs/contract.md, "Exit codes").
pub mod exit {
    pub const OK: u8 = 0;
    pub const FAILED: u8 = 1;
    pub const USAGE: u8 = 2;
    pub const ERROR: u8 = 3;
    pub const INTERRUPTED: u8 = 130;
}

/// A user-facing message: a key into the message table plus its named arguments.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Message {
    pub msg: Msg,
    pub args: Vec<(&'static str, Arg)>,
}

/// A message argument: a plain value, or another message said in the same language.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Arg {
    Value(String),
    Msg(Msg),
    Text(crate::i18n::Text),
}

impl Message {
    pub fn new(msg: Msg) -> Self {
        Message {
            msg,
            args: Vec::new(),
        }
    }

    /// Adds a value. Values are often outside text (a CSV cell, an argument, a config
    /// value), so every one passes the redaction policy here, once for every error path:
    /// card numbers, track data, keys and URL credentials hidden, control characters shown
    /// as escapes (see [`crate::redact`]).
    pub fn arg(mut self, name: &'static str, value: impl fmt::Display) -> Self {
        let value = crate::redact::line(&value.to_string());
        self.args.push((name, Arg::Value(value)));
        self
    }

    pub fn arg_text(mut self, name: &'static str, text: &crate::i18n::Text) -> Self {
        self.args.push((name, Arg::Text(text.clone())));
        self
    }

    pub fn arg_msg(mut self, name: &'static str, msg: Msg) -> Self {
        self.args.push((name, Arg::Msg(msg)));
        self
    }

    pub fn render(&self, lang: Lang) -> String {
        let values: Vec<(&str, &str)> = self
            .args
            .iter()
            .map(|(n, v)| match v {
                Arg::Value(s) => (*n, s.as_str()),
                Arg::Msg(m) => (*n, lang.tr(*m)),
                Arg::Text(t) => (*n, t.get(lang)),
            })
            .collect();
        let args: Vec<(&str, &dyn fmt::Display)> = values
            .iter()
            .map(|(n, v)| (*n, v as &dyn fmt::Display))
            .collect();
        lang.trf(self.msg, &args)
    }
}

#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// Invalid input, config or usage: exit 2, nothing written.
    #[error("{}", .0.render(Lang::En))]
    Input(Message),
    /// The tool could not do its work (file system, database): exit 3.
    #[error("{}", .message.render(Lang::En))]
    Io {
        message: Message,
        #[source]
        source: std::io::Error,
    },
    /// Something the tool itself got wrong: exit 3.
    #[error("{}", .0.render(Lang::En))]
    Internal(Message),
    /// Stopped by Ctrl-C (SIGINT), SIGTERM or SIGHUP before the work was done: exit 130,
    /// nothing half-written (see `interrupt`).
    #[error("interrupted")]
    Interrupted,
}

impl Error {
    pub fn input(msg: Msg) -> Message {
        Message::new(msg)
    }

    pub fn exit_code(&self) -> u8 {
        match self {
            Error::Input(_) => exit::USAGE,
            Error::Io { .. } | Error::Internal(_) => exit::ERROR,
            Error::Interrupted => exit::INTERRUPTED,
        }
    }

    pub fn render(&self, lang: Lang) -> String {
        match self {
            Error::Input(m) | Error::Internal(m) => m.render(lang),
            Error::Io { message, .. } => message.render(lang),
            Error::Interrupted => lang.tr(Msg::InterruptedError).to_string(),
        }
    }

    /// Something the tool itself got wrong (a built-in table that does not load, output
    /// that does not serialise): exit 3, with the detail for the bug report.
    pub fn internal(detail: impl fmt::Display) -> Error {
        Error::Internal(Message::new(Msg::ErrorInternal).arg("detail", detail))
    }

    /// A value given for `field` (a flag, a profile setting, a CSV column) that breaks
    /// `rule`: the one wording for every bad value, naming the field, the value and the
    /// rule. The value passes the redaction policy like every argument; callers that take
    /// values of any length pass an excerpt.
    pub fn bad_value(field: impl fmt::Display, value: impl fmt::Display, rule: Msg) -> Error {
        Message::new(Msg::ErrorInvalidValue)
            .arg("field", field)
            .arg("value", value)
            .arg_msg("rule", rule)
            .into()
    }

    /// An I/O failure on `path`, worded for the user.
    pub fn io(msg: Msg, path: &std::path::Path, source: std::io::Error) -> Error {
        Error::Io {
            message: Message::new(msg).arg("path", path.display()),
            source,
        }
    }
}

impl From<Message> for Error {
    fn from(m: Message) -> Self {
        Error::Input(m)
    }
}

pub type Result<T, E = Error> = std::result::Result<T, E>;
