//! Where the tool keeps its files, and the config: `[profiles.NAME]` tables with a merchant's
//! and terminal's settings. Key material is only ever referenced (a file or an environment
//! variable), never stored in the config.

use std::collections::BTreeMap;
use std::fmt;
use std::path::{Path, PathBuf};

use clap::ValueEnum;
use serde::{Deserialize, Serialize};

use crate::error::{Error, Message};
use crate::i18n::Msg;
use crate::keys::{Algorithm, Key, KeyError};
use crate::toml_input;
use zeroize::Zeroizing;

/// The files the tool reads and writes.
#[derive(Debug, Clone)]
pub struct Paths {
    pub config_file: PathBuf,
    /// Directory of the config file; user code tables live beside it.
    pub config_dir: PathBuf,
    pub data_dir: PathBuf,
}

impl Paths {
    /// The journal and incident database (docs/contract.md, "Files").
    pub fn journal(&self) -> PathBuf {
        self.data_dir.join("posdoctor.db")
    }

    /// `$XDG_CONFIG_HOME/posdoctor/config.toml` and `$XDG_DATA_HOME/posdoctor/` (docs/contract.md,
    /// "Files"), or the config file given with `--config`.
    pub fn resolve(config: Option<&Path>) -> Result<Paths, Error> {
        use etcetera::BaseStrategy;
        let xdg = etcetera::base_strategy::Xdg::new();
        let data_dir = match &xdg {
            Ok(x) => x.data_dir().join("posdoctor"),
            Err(_) => PathBuf::from(".posdoctor"),
        };
        let config_file = match config {
            Some(p) => p.to_path_buf(),
            None => match &xdg {
                Ok(x) => x.config_dir().join("posdoctor").join("config.toml"),
                Err(_) => return Err(Message::new(Msg::ErrorNoHome).into()),
            },
        };
        let config_dir = match config_file.parent() {
            Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
            _ => PathBuf::from("."),
        };
        Ok(Paths {
            config_file,
            config_dir,
            data_dir,
        })
    }
}

#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize, clap::ValueEnum)]
#[serde(rename_all = "lowercase")]
pub enum Acquirer {
    // China UnionPay rules: 15-digit merchant ID with its structure, 8-character terminal ID.
    #[default]
    Unionpay,
    // Plain ISO 8583: field 42 up to 15 characters, field 41 8 characters.
    Generic,
}

impl fmt::Display for Acquirer {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Acquirer::Unionpay => "unionpay",
            Acquirer::Generic => "generic",
        })
    }
}

/// The four keys a POS terminal holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize, ValueEnum)]
#[serde(rename_all = "lowercase")]
pub enum KeyName {
    // Terminal master key (主密钥)
    Tmk,
    // PIN key (PIN 密钥)
    Tpk,
    // MAC key (MAC 密钥)
    Tak,
    // Track data key (磁道密钥)
    Tdk,
}

impl KeyName {
    pub const ALL: [KeyName; 4] = [KeyName::Tmk, KeyName::Tpk, KeyName::Tak, KeyName::Tdk];

    pub fn key(self) -> &'static str {
        match self {
            KeyName::Tmk => "tmk",
            KeyName::Tpk => "tpk",
            KeyName::Tak => "tak",
            KeyName::Tdk => "tdk",
        }
    }

    pub fn parse(s: &str) -> Option<KeyName> {
        KeyName::ALL
            .into_iter()
            .find(|k| k.key().eq_ignore_ascii_case(s.trim()))
    }
}

impl fmt::Display for KeyName {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.key())
    }
}

/// Where a key's hex lives. Exactly one of `file` and `env`; the optional `kcv` is what the
/// acquirer's key letter says the check value should be.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(try_from = "RawKeyRef")]
pub struct KeyRef {
    #[serde(flatten)]
    pub source: KeySource,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub kcv: Option<String>,
    /// `tdes` (the default, as China's POS keys are) or `aes`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub algorithm: Option<Algorithm>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum KeySource {
    File(PathBuf),
    Env(String),
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawKeyRef {
    file: Option<PathBuf>,
    env: Option<String>,
    kcv: Option<String>,
    algorithm: Option<Algorithm>,
}

impl TryFrom<RawKeyRef> for KeyRef {
    type Error = String;

    fn try_from(raw: RawKeyRef) -> Result<Self, String> {
        let source = match (raw.file, raw.env) {
            (Some(f), None) => KeySource::File(f),
            (None, Some(e)) => KeySource::Env(e),
            _ => return Err("a key needs exactly one of `file` or `env`".to_string()),
        };
        let kcv = raw.kcv.map(|k| k.trim().to_ascii_uppercase());
        if let Some(k) = &kcv
            && (k.len() < 4 || k.len() > 16 || !k.chars().all(|c| c.is_ascii_hexdigit()))
        {
            return Err("`kcv` must be 4 to 16 hex digits (usually 6)".to_string());
        }
        Ok(KeyRef {
            source,
            kcv,
            algorithm: raw.algorithm,
        })
    }
}

/// How an acquirer's HTTP gateway is reached for transaction look-ups.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Gateway {
    pub url: String,
    /// Environment variable holding the API token; the token itself is never in the config.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub auth_env: Option<String>,
    /// Header that carries the token; `Authorization` (as `Bearer TOKEN`) when not set.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub auth_header: Option<String>,
    /// Text put before the token; `"Bearer "` for the `Authorization` header, else none.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub auth_prefix: Option<String>,
    /// URL of a transaction look-up, with `{url}`, `{rrn}`, `{trace}`, `{terminal_id}`,
    /// `{merchant_id}`, `{date}` and `{order_id}`; the simulator's API when not set.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub lookup: Option<String>,
    /// `GET` (default) or `POST`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub method: Option<String>,
    /// JSON body of a `POST` look-up, with the same placeholders as `lookup`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub body: Option<String>,
    /// `fen` (default) or `yuan`: how the answer writes amounts.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub amount_unit: Option<String>,
    /// JSON pointers into the answer, per field; the simulator's names when not set.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub fields: BTreeMap<String, String>,
    /// The acquirer's state words mapped onto posdoctor's (`SUCCESS = "approved"`).
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub states: BTreeMap<String, String>,
}

/// One merchant/terminal's settings.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Profile {
    #[serde(default)]
    pub acquirer: Acquirer,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub merchant_name: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub merchant_id: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub terminal_id: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub mcc: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub currency: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub region: Option<String>,
    /// The acquirer host the terminal talks ISO 8583 to, `host:port`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub host: Option<String>,
    /// TPDU in front of every message, 10 hex digits (ID 60, destination NII, source NII).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub tpdu: Option<String>,
    /// The application header after the TPDU, hex (12 digits for a 6-byte header).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub app_header: Option<String>,
    /// Message layout: `unionpay` (default) or `generic`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub iso_layout: Option<String>,
    /// More endpoints to probe: `host:port` or URLs.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub endpoints: Vec<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub gateway: Option<Gateway>,
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub keys: BTreeMap<KeyName, KeyRef>,
    /// The acquirer's settlement terms: `T+1` (the next working day, the default), `T+0`,
    /// `D+0`, `D+1`, …; `txn status` gives every sale's due date from them.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub settlement: Option<String>,
    /// The acquirer's daily cut-off, `HH:MM` (default `23:00`): a sale at or after it counts
    /// for the next day; `"none"` for no cut-off.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub cutoff: Option<String>,
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Config {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub default_profile: Option<String>,
    /// The journal and incident database: a SQLite path or a `postgres://` URL (`--db` and
    /// `POSDOCTOR_DB` win over it). A password does not belong here: see `database_password_env`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub database: Option<String>,
    /// The name of the environment variable that holds the database password.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub database_password_env: Option<String>,
    #[serde(default)]
    pub profiles: BTreeMap<String, Profile>,
}

impl Config {
    /// Reads the config; a missing file is an empty config (a new user has none yet).
    pub fn load(path: &Path) -> Result<Config, Error> {
        match crate::input::read_text(path, crate::input::CONFIG_LIMIT)? {
            Some(text) => Config::parse(path, &text),
            None => Ok(Config::default()),
        }
    }

    pub fn parse(path: &Path, text: &str) -> Result<Config, Error> {
        let config: Config = toml_input::parse(path, text)?;
        for (name, p) in &config.profiles {
            validate_profile_name(name)?;
            // The acquirer's terms are checked where they are read, so a typo is named
            // before any command relies on them.
            if let Err((field, value)) =
                crate::txn::credit::terms(p.settlement.as_deref(), p.cutoff.as_deref())
            {
                return Err(Message::new(Msg::ErrorInvalidValue)
                    .arg("field", format!("profiles.{name}.{field}"))
                    .arg(
                        "value",
                        crate::input::excerpt(&value, crate::input::EXCERPT_CHARS),
                    )
                    .arg_msg("rule", Msg::TxnCreditingRuleTerms)
                    .into());
            }
        }
        if let Some(d) = &config.default_profile
            && !config.profiles.contains_key(d)
        {
            return Err(Message::new(Msg::ErrorDefaultProfileMissing)
                .arg("path", path.display())
                .arg("name", d)
                .into());
        }
        Ok(config)
    }

    /// The profile to use: `--profile`, else `default_profile`, else the only one there is.
    pub fn active(&self, wanted: Option<&str>, path: &Path) -> Result<(String, &Profile), Error> {
        let name = match wanted.or(self.default_profile.as_deref()) {
            Some(n) => n.to_string(),
            None if self.profiles.len() == 1 => {
                self.profiles.keys().next().cloned().unwrap_or_default()
            }
            None if self.profiles.is_empty() => {
                return Err(Message::new(Msg::ErrorNoProfiles)
                    .arg("path", path.display())
                    .into());
            }
            None => {
                return Err(Message::new(Msg::ErrorWhichProfile)
                    .arg(
                        "names",
                        self.profiles.keys().cloned().collect::<Vec<_>>().join(", "),
                    )
                    .into());
            }
        };
        match self.profiles.get(&name) {
            Some(p) => {
                p.check_key_files(&config_dir_of(path))?;
                Ok((name, p))
            }
            None => Err(Message::new(Msg::ErrorUnknownProfile)
                .arg("name", &name)
                .arg("path", path.display())
                .arg(
                    "names",
                    self.profiles.keys().cloned().collect::<Vec<_>>().join(", "),
                )
                .into()),
        }
    }
}

/// The directory relative key files are found in: the config file's own.
fn config_dir_of(path: &Path) -> PathBuf {
    match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
        _ => PathBuf::from("."),
    }
}

impl Profile {
    /// Refuses (exit 2) a key file that is a directory, device or FIFO, or too large to be a
    /// key, before anything reads it; a missing one is reported where it is used.
    pub fn check_key_files(&self, config_dir: &Path) -> Result<(), Error> {
        for k in self.keys.values() {
            if let KeySource::File(p) = &k.source {
                crate::input::check_secret_file(&resolve_key_path(p, config_dir))?;
            }
        }
        Ok(())
    }
}

pub fn validate_profile_name(name: &str) -> Result<(), Error> {
    let ok = !name.is_empty()
        && name.len() <= 64
        && name
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_');
    if ok {
        Ok(())
    } else {
        Err(Message::new(Msg::ErrorProfileName).arg("name", name).into())
    }
}

/// What can be said about a key reference without revealing the key.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct KeyStatus {
    pub name: KeyName,
    /// `file:PATH` or `env:NAME`.
    pub source: String,
    pub present: bool,
    /// Unix permission bits of a key file that group or others can read.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub loose_mode: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub kcv: Option<String>,
    /// The check value of the key as read; the only trace of the key that is ever shown.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub computed_kcv: Option<String>,
    /// Whether the key's hex could be used: `ok`, `not-hex` or `bad-length`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub format: Option<&'static str>,
}

impl KeyStatus {
    /// The key was read and its check value is not the one the profile expects (a key letter
    /// may quote only the first bytes of a longer AES KCV).
    pub fn kcv_mismatch(&self) -> bool {
        matches!((&self.kcv, &self.computed_kcv), (Some(e), Some(a)) if !a.starts_with(e.as_str()))
    }
}

/// A relative key file is relative to the config file's directory, as users write paths next
/// to their config; `~/` is the home directory.
pub fn resolve_key_path(path: &Path, config_dir: &Path) -> PathBuf {
    if let Ok(rest) = path.strip_prefix("~")
        && let Some(home) = std::env::var_os("HOME")
    {
        return PathBuf::from(home).join(rest);
    }
    if path.is_absolute() {
        path.to_path_buf()
    } else {
        config_dir.join(path)
    }
}

impl KeyRef {
    /// The key's hex, wiped from memory when dropped; `None` when the file or variable is
    /// not there.
    pub fn read(&self, config_dir: &Path) -> Option<Zeroizing<String>> {
        match &self.source {
            // Bounded, and never from a device or FIFO; a file that cannot be a key reads as
            // absent here (commands refuse it earlier, see `Profile::check_key_files`).
            KeySource::File(p) => crate::input::read_secret(
                &resolve_key_path(p, config_dir),
                crate::input::KEY_FILE_LIMIT,
            )
            .ok()
            .flatten(),
            KeySource::Env(v) => std::env::var(v)
                .ok()
                .filter(|x| !x.is_empty())
                .map(Zeroizing::new),
        }
    }

    /// Where the key is (`file:PATH` or `env:NAME`), and the mode of a key file that group
    /// or others can read; the key itself is not read.
    pub fn location(&self, config_dir: &Path) -> (String, Option<String>) {
        match &self.source {
            KeySource::File(p) => {
                let full = resolve_key_path(p, config_dir);
                let mode = std::fs::metadata(&full).ok().and_then(|m| loose_mode(&m));
                (format!("file:{}", full.display()), mode)
            }
            KeySource::Env(v) => (format!("env:{v}"), None),
        }
    }

    /// Reads the key, if it is there, only to compute its check value; the hex is wiped
    /// from memory before this returns.
    pub fn inspect(&self, name: KeyName, config_dir: &Path) -> KeyStatus {
        let (source, loose_mode) = self.location(config_dir);
        let hex = self.read(config_dir);
        let parsed = hex
            .as_ref()
            .map(|h| Key::from_hex(h, self.algorithm.unwrap_or_default()));
        let (computed_kcv, format) = match &parsed {
            Some(Ok(k)) => (Some(k.kcv().to_string()), Some("ok")),
            Some(Err(KeyError::NotHex)) => (None, Some("not-hex")),
            Some(Err(KeyError::Length(_))) => (None, Some("bad-length")),
            None => (None, None),
        };
        KeyStatus {
            name,
            source,
            present: hex.is_some(),
            loose_mode,
            kcv: self.kcv.clone(),
            computed_kcv,
            format,
        }
    }
}

#[cfg(unix)]
fn loose_mode(meta: &std::fs::Metadata) -> Option<String> {
    use std::os::unix::fs::PermissionsExt;
    let mode = meta.permissions().mode() & 0o777;
    (mode & 0o077 != 0).then(|| format!("{mode:04o}"))
}

#[cfg(not(unix))]
fn loose_mode(_meta: &std::fs::Metadata) -> Option<String> {
    None
}

/// A value given for a profile field that cannot be right, with the rule it breaks.
fn invalid(field: &str, value: &str, rule: Msg) -> Error {
    Error::bad_value(
        field,
        crate::input::excerpt(value, crate::input::EXCERPT_CHARS),
        rule,
    )
}

/// Checks the syntax of a value given for a profile field (the deeper checks, such as the
/// merchant ID's structure against the MCC, belong to `posdoctor check`). Returns the value
/// as it should be stored.
pub fn validate_field(field: &str, value: &str, acquirer: Acquirer) -> Result<String, Error> {
    let v = value.trim();
    let digits = |n: usize| v.len() == n && v.chars().all(|c| c.is_ascii_digit());
    let printable = |c: char| c.is_ascii_graphic() || c == ' ';
    let ok = match field {
        "merchant_id" => match acquirer {
            Acquirer::Unionpay => v.len() == 15 && v.chars().all(|c| c.is_ascii_alphanumeric()),
            Acquirer::Generic => !v.is_empty() && v.len() <= 15 && v.chars().all(printable),
        },
        "terminal_id" => match acquirer {
            Acquirer::Unionpay => v.len() == 8 && v.chars().all(|c| c.is_ascii_alphanumeric()),
            Acquirer::Generic => v.len() == 8 && v.chars().all(printable),
        },
        "mcc" | "region" => digits(4),
        "currency" => {
            v.len() == 3
                && (v.chars().all(|c| c.is_ascii_digit())
                    || v.chars().all(|c| c.is_ascii_alphabetic()))
        }
        "host" => valid_host_port(v),
        "gateway_url" => {
            let rest = v
                .strip_prefix("https://")
                .or_else(|| v.strip_prefix("http://"));
            rest.is_some_and(|r| {
                !r.is_empty() && !r.starts_with('/') && !r.contains(char::is_whitespace)
            })
        }
        "gateway_auth_env" => valid_env_name(v),
        "merchant_name" => !v.is_empty() && v.chars().count() <= 64,
        _ => true,
    };
    if ok {
        Ok(if field == "currency" {
            v.to_ascii_uppercase()
        } else {
            v.to_string()
        })
    } else {
        let rule = match (field, acquirer) {
            ("merchant_id", Acquirer::Unionpay) => Msg::RuleMerchantIdUnionpay,
            ("merchant_id", Acquirer::Generic) => Msg::RuleMerchantIdGeneric,
            ("terminal_id", _) => Msg::RuleTerminalId,
            ("mcc", _) => Msg::RuleMcc,
            ("region", _) => Msg::RuleRegion,
            ("currency", _) => Msg::RuleCurrency,
            ("host", _) => Msg::RuleHost,
            ("gateway_url", _) => Msg::RuleUrl,
            ("gateway_auth_env", _) => Msg::RuleEnvName,
            _ => Msg::RuleText,
        };
        Err(invalid(field, v, rule))
    }
}

fn valid_host_port(v: &str) -> bool {
    let (host, port) = match v.rsplit_once(':') {
        Some(hp) => hp,
        None => return false,
    };
    let host_ok = if let Some(inner) = host.strip_prefix('[').and_then(|h| h.strip_suffix(']')) {
        inner.parse::<std::net::Ipv6Addr>().is_ok()
    } else {
        crate::net::target::valid_host_name(host)
            && host
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '.')
    };
    host_ok && port.parse::<u16>().is_ok_and(|p| p > 0)
}

pub fn valid_env_name(v: &str) -> bool {
    let mut chars = v.chars();
    chars
        .next()
        .is_some_and(|c| c.is_ascii_alphabetic() || c == '_')
        && chars.all(|c| c.is_ascii_alphanumeric() || c == '_')
}

/// Adds (or with `force` replaces) a profile in the config file, keeping everything else in
/// the file as the user wrote it. The file is replaced atomically, so an interrupted write
/// leaves the old config in place.
pub fn write_profile(
    path: &Path,
    name: &str,
    profile: &Profile,
    make_default: bool,
    force: bool,
) -> Result<(), Error> {
    validate_profile_name(name)?;
    let existing = crate::input::read_text(path, crate::input::CONFIG_LIMIT)?.unwrap_or_default();
    // Refuse to rewrite a config we cannot read correctly ourselves.
    let current = Config::parse(path, &existing)?;
    if current.profiles.contains_key(name) && !force {
        return Err(Message::new(Msg::ErrorProfileExists)
            .arg("name", name)
            .arg("path", path.display())
            .into());
    }
    let internal = |e: &dyn fmt::Display| Error::internal(e);
    let mut doc: toml_edit::DocumentMut = existing.parse().map_err(|e| internal(&e))?;
    let rendered = toml::to_string(profile).map_err(|e| internal(&e))?;
    let table = rendered
        .parse::<toml_edit::DocumentMut>()
        .map_err(|e| internal(&e))?
        .as_table()
        .clone();
    let profiles = doc
        .entry("profiles")
        .or_insert_with(|| {
            let mut t = toml_edit::Table::new();
            t.set_implicit(true);
            toml_edit::Item::Table(t)
        })
        .as_table_mut()
        .ok_or_else(|| internal(&"`profiles` is not a table"))?;
    profiles.insert(name, toml_edit::Item::Table(table));
    if make_default || current.profiles.is_empty() && current.default_profile.is_none() {
        doc.insert("default_profile", toml_edit::value(name));
    }
    let dir = match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
        _ => PathBuf::from("."),
    };
    std::fs::create_dir_all(&dir).map_err(|e| Error::io(Msg::ErrorWrite, &dir, e))?;
    let mut tmp =
        tempfile::NamedTempFile::new_in(&dir).map_err(|e| Error::io(Msg::ErrorWrite, &dir, e))?;
    std::io::Write::write_all(&mut tmp, doc.to_string().as_bytes())
        .map_err(|e| Error::io(Msg::ErrorWrite, path, e))?;
    tmp.as_file()
        .sync_all()
        .map_err(|e| Error::io(Msg::ErrorWrite, path, e))?;
    tmp.persist(path)
        .map_err(|e| Error::io(Msg::ErrorWrite, path, e.error))?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    const GOOD: &str = r#"
default_profile = "shop"

[profiles.shop]
acquirer = "unionpay"
merchant_id = "898310058120001"
terminal_id = "10000001"
mcc = "5411"
host = "upos.example.cn:5000"

[profiles.shop.keys.tmk]
file = "keys/tmk.hex"
kcv = "08d7b4"

[profiles.backup]
merchant_id = "898310058120001"
"#;

    #[test]
    fn parses_profiles_and_keys() {
        let c = Config::parse(Path::new("c.toml"), GOOD).unwrap();
        let (name, p) = c.active(None, Path::new("c.toml")).unwrap();
        assert_eq!(name, "shop");
        assert_eq!(p.keys[&KeyName::Tmk].kcv.as_deref(), Some("08D7B4"));
        assert_eq!(
            p.keys[&KeyName::Tmk].source,
            KeySource::File("keys/tmk.hex".into())
        );
        let (_, b) = c.active(Some("backup"), Path::new("c.toml")).unwrap();
        assert_eq!(b.acquirer, Acquirer::Unionpay);
        assert!(c.active(Some("nope"), Path::new("c.toml")).is_err());
    }

    #[test]
    fn errors_name_line_and_field() {
        let text = "[profiles.shop]\nmerchant_id = \"1\"\nmcc = 5411\n";
        let e = Config::parse(Path::new("/x/config.toml"), text)
            .unwrap_err()
            .render(crate::i18n::Lang::En);
        assert!(e.contains("/x/config.toml"), "{e}");
        assert!(e.contains("line 3"), "{e}");
        assert!(e.contains("profiles.shop.mcc"), "{e}");
    }

    #[test]
    fn inline_key_material_is_refused_without_echoing_it() {
        let key = "0123456789ABCDEFFEDCBA9876543210";
        for text in [
            format!("[profiles.s]\nkeys.tmk = \"{key}\"\n"),
            format!("[profiles.s.keys.tmk]\nvalue = \"{key}\"\n"),
            format!("[profiles.s.keys.tmk]\nfile = \"a\"\nenv = \"B\"\nkcv = \"{key}zz\"\n"),
        ] {
            let e = Config::parse(Path::new("c.toml"), &text).unwrap_err();
            let shown = format!(
                "{} {}",
                e.render(crate::i18n::Lang::En),
                e.render(crate::i18n::Lang::Zh)
            );
            assert!(
                !shown.contains(key) && !shown.contains("0123456789"),
                "{shown}"
            );
        }
    }
}
