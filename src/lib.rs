//! posdoctor (POS 医生): finds out why a card payment on a POS terminal failed and walks the
//! operator to the fix.
//!
//! The binary is a thin shell over this library: `cli` declares the command line, `commands`
//! runs each subcommand, checks and knowledge modules return data, and `render` alone turns
//! data into text or JSON.

pub mod bundle;
pub mod calendar;
pub mod card;
pub mod check;
pub mod cli;
pub mod codes;
pub mod commands;
pub mod config;
pub mod csv_out;
pub mod decode;
pub mod doctor;
pub mod error;
pub mod finding;
pub mod generate;
pub mod guide;
pub mod i18n;
pub mod incident;
pub mod input;
pub mod interrupt;
pub mod iso8583;
pub mod journal;
pub mod keys;
pub mod net;
pub mod profile_init;
pub mod reach;
pub mod reconcile;
pub mod redact;
pub mod reference;
pub mod render;
pub mod sim;
pub mod store;
pub mod tabular;
pub mod taxonomy;
pub mod ticket;
pub mod toml_input;
pub mod triage;
pub mod txn;
pub mod watch;

pub use error::{Error, Result};
