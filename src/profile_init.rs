//! Creating a profile: the questions `profile init` asks, in order, and the check of each
//! answer the moment it is given, against the rules of its field and against the answers
//! before it (a UnionPay merchant ID carries the MCC and the region; an MCC that disagrees
//! is refused when it is typed, not after every question). Nothing is written until every
//! answer has passed: the caller builds the profile with [`Draft::profile`] and saves it.

use std::collections::BTreeMap;

use crate::check::{self, Violation};
use crate::config::{self, Acquirer, Gateway, KeyName, KeyRef, KeySource, Profile};
use crate::error::{Error, Message};
use crate::finding::Status;
use crate::i18n::{Lang, Msg};

/// One question: the profile field it fills, the flag that can answer it instead, its
/// prompt, and whether a profile needs it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Question {
    pub field: Field,
    pub flag: &'static str,
    pub prompt: Msg,
    pub required: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Field {
    Name,
    MerchantId,
    TerminalId,
    MerchantName,
    Mcc,
    Currency,
    Region,
    Host,
    Tpdu,
    AppHeader,
    GatewayUrl,
    /// The path of a key's file.
    KeyFile(KeyName),
    /// The check value of a key whose file was given.
    Kcv(KeyName),
}

impl Field {
    /// The name `config::validate_field` and the error messages use.
    fn name(self) -> &'static str {
        match self {
            Field::Name => "name",
            Field::MerchantId => "merchant_id",
            Field::TerminalId => "terminal_id",
            Field::MerchantName => "merchant_name",
            Field::Mcc => "mcc",
            Field::Currency => "currency",
            Field::Region => "region",
            Field::Host => "host",
            Field::Tpdu => "tpdu",
            Field::AppHeader => "app_header",
            Field::GatewayUrl => "gateway_url",
            Field::KeyFile(_) => "key",
            Field::Kcv(_) => "kcv",
        }
    }
}

const fn q(field: Field, flag: &'static str, prompt: Msg, required: bool) -> Question {
    Question {
        field,
        flag,
        prompt,
        required,
    }
}

/// Every question, in the order asked: the identifiers first, so that what follows can be
/// checked against them.
pub const QUESTIONS: [Question; 13] = [
    q(Field::Name, "NAME", Msg::PromptName, true),
    q(
        Field::MerchantId,
        "--merchant-id",
        Msg::PromptMerchantId,
        true,
    ),
    q(
        Field::TerminalId,
        "--terminal-id",
        Msg::PromptTerminalId,
        true,
    ),
    q(
        Field::MerchantName,
        "--merchant-name",
        Msg::PromptMerchantName,
        false,
    ),
    q(Field::Mcc, "--mcc", Msg::PromptMcc, false),
    q(Field::Currency, "--currency", Msg::PromptCurrency, false),
    q(Field::Region, "--region", Msg::PromptRegion, false),
    q(Field::Host, "--host", Msg::PromptHost, false),
    q(Field::Tpdu, "--tpdu", Msg::PromptTpdu, false),
    q(
        Field::AppHeader,
        "--app-header",
        Msg::PromptAppHeader,
        false,
    ),
    q(
        Field::GatewayUrl,
        "--gateway-url",
        Msg::PromptGatewayUrl,
        false,
    ),
    q(
        Field::KeyFile(KeyName::Tmk),
        "--key",
        Msg::PromptKeyFile,
        false,
    ),
    // Asked only once the key's file is known.
    q(Field::Kcv(KeyName::Tmk), "--kcv", Msg::PromptKcv, false),
];

/// The answers so far.
#[derive(Debug, Clone, Default)]
pub struct Draft {
    pub acquirer: Acquirer,
    pub name: Option<String>,
    pub values: BTreeMap<&'static str, String>,
    pub keys: BTreeMap<KeyName, KeyRef>,
}

fn invalid(field: &str, value: &str, rule: Msg) -> Error {
    Message::new(Msg::ErrorInvalidValue)
        .arg("field", field)
        .arg("value", value)
        .arg_msg("rule", rule)
        .into()
}

/// The first failing violation as an error in the user's words.
fn refused(violations: &[Violation]) -> Result<(), Error> {
    match violations.iter().find(|v| v.status == Status::Fail) {
        Some(v) => Err(Error::Input(v.message.clone())),
        None => Ok(()),
    }
}

fn hex(v: &str) -> bool {
    !v.is_empty() && v.len().is_multiple_of(2) && v.chars().all(|c| c.is_ascii_hexdigit())
}

impl Draft {
    pub fn new(acquirer: Acquirer) -> Draft {
        Draft {
            acquirer,
            ..Draft::default()
        }
    }

    fn get(&self, field: &str) -> Option<&str> {
        self.values.get(field).map(String::as_str)
    }

    /// Checks `answer` for `field` against its rules and against the answers already
    /// given; the value to keep (trimmed, normalised) or why it is refused. An empty answer
    /// to an optional question is `Ok(None)`.
    pub fn check(&self, question: &Question, answer: &str) -> Result<Option<String>, Error> {
        let v = answer.trim();
        if v.is_empty() {
            return if question.required {
                Err(Message::new(Msg::ErrorMissingValues)
                    .arg("flags", question.flag)
                    .into())
            } else {
                Ok(None)
            };
        }
        let field = question.field.name();
        let acquirer = self.acquirer;
        let value = match question.field {
            Field::Name => {
                config::validate_profile_name(v)?;
                v.to_string()
            }
            Field::Tpdu => {
                if v.len() != 10 || !hex(v) {
                    return Err(invalid(field, v, Msg::RuleTpdu));
                }
                v.to_ascii_uppercase()
            }
            Field::AppHeader => {
                // The header the default layout (UnionPay) frames with, byte for byte.
                let len =
                    crate::iso8583::Layout::builtin("unionpay").map_or(0, |l| l.framing.header_len);
                if !hex(v) || v.len() != len * 2 {
                    return Err(invalid(field, v, Msg::RuleAppHeader));
                }
                v.to_ascii_uppercase()
            }
            Field::Kcv(_) => {
                // A check value is not secret: it is shown to compare keys by.
                if !(4..=16).contains(&v.len()) || !hex(v) {
                    return Err(invalid(field, v, Msg::RuleKcv));
                }
                v.to_ascii_uppercase()
            }
            Field::KeyFile(_) => {
                if v.chars().any(char::is_control) {
                    return Err(invalid(field, v, Msg::RulePath));
                }
                v.to_string()
            }
            _ => config::validate_field(field, v, acquirer)?,
        };
        // Cross-checks with what is known so far, with the same rules `check` applies.
        let mut found = Vec::new();
        match question.field {
            Field::MerchantId => check::merchant_id(
                &value,
                acquirer,
                self.get("mcc"),
                self.get("region"),
                &mut found,
            ),
            Field::TerminalId => check::terminal_id(&value, acquirer, &mut found),
            Field::Mcc => {
                check::mcc(&value, &mut found);
                if let Some(mid) = self.get("merchant_id") {
                    check::merchant_id(mid, acquirer, Some(&value), self.get("region"), &mut found);
                }
            }
            Field::Region => {
                if let Some(mid) = self.get("merchant_id") {
                    check::merchant_id(mid, acquirer, self.get("mcc"), Some(&value), &mut found);
                }
            }
            Field::Currency => check::currency(&value, &mut found),
            _ => {}
        }
        refused(&found)?;
        Ok(Some(value))
    }

    /// Keeps an answer that [`Draft::check`] accepted.
    pub fn set(&mut self, question: &Question, value: String) {
        match question.field {
            Field::Name => self.name = Some(value),
            Field::KeyFile(key) => self.set_key(key, KeySource::File(value.into())),
            Field::Kcv(key) => {
                if let Some(k) = self.keys.get_mut(&key) {
                    k.kcv = Some(value);
                }
            }
            f => {
                self.values.insert(f.name(), value);
            }
        }
    }

    /// A key given as a flag (`--key tmk=file:PATH` or `env:VAR`).
    pub fn set_key(&mut self, key: KeyName, source: KeySource) {
        self.keys.insert(
            key,
            KeyRef {
                source,
                kcv: None,
                algorithm: None,
            },
        );
    }

    /// The check value given for a key (`--kcv tmk=HEX`); the key must be given.
    pub fn set_kcv(&mut self, key: KeyName, kcv: String) -> Result<(), Error> {
        match self.keys.get_mut(&key) {
            Some(k) => {
                k.kcv = Some(kcv);
                Ok(())
            }
            None => Err(Message::new(Msg::ErrorKcvWithoutKey).arg("key", key).into()),
        }
    }

    /// The profile, once every answer has passed; `gateway_auth_env` is the variable that
    /// holds the gateway's credentials, if any.
    pub fn profile(&self, gateway_auth_env: Option<String>) -> Result<Profile, Error> {
        let value = |f: &str| self.get(f).map(str::to_string);
        let gateway = match (value("gateway_url"), gateway_auth_env) {
            (Some(url), auth_env) => Some(Gateway {
                url,
                auth_env,
                ..Default::default()
            }),
            (None, Some(_)) => return Err(Message::new(Msg::ErrorAuthWithoutGateway).into()),
            (None, None) => None,
        };
        Ok(Profile {
            acquirer: self.acquirer,
            merchant_name: value("merchant_name"),
            merchant_id: value("merchant_id"),
            terminal_id: value("terminal_id"),
            mcc: value("mcc"),
            currency: value("currency"),
            region: value("region"),
            host: value("host"),
            tpdu: value("tpdu"),
            app_header: value("app_header"),
            iso_layout: None,
            endpoints: Vec::new(),
            gateway,
            keys: self.keys.clone(),
            ..Profile::default()
        })
    }
}

impl Draft {
    /// Writes the profile into the config at `path` once every answer has passed (`force`
    /// replaces one of the same name); its name, and the line that says where it went.
    pub fn write(
        &self,
        path: &std::path::Path,
        gateway_auth_env: Option<String>,
        make_default: bool,
        force: bool,
        lang: Lang,
    ) -> Result<(String, String), Error> {
        let name = self.name.clone().unwrap_or_default();
        let profile = self.profile(gateway_auth_env)?;
        config::write_profile(path, &name, &profile, make_default, force)?;
        let written = lang.trf(
            Msg::ProfileWritten,
            &[("name", &name), ("path", &path.display())],
        );
        Ok((name, written))
    }
}

/// The prompt of `question` in `lang` (the key questions name their key).
pub fn prompt(question: &Question, lang: Lang) -> String {
    match question.field {
        Field::KeyFile(key) | Field::Kcv(key) => {
            lang.trf(question.prompt, &[("key", &key.key().to_uppercase())])
        }
        _ => lang.tr(question.prompt).to_string(),
    }
}

/// How a question is put to a person: the prompt, whether an empty answer will do, and the
/// check that refuses an answer as it is typed (shown with its reason, asked again). `None`
/// when the person left.
pub type Ask<'a> = dyn FnMut(&str, bool, &dyn Fn(&str) -> Result<(), String>) -> Result<Option<String>, Error>
    + 'a;

impl Draft {
    /// Whether `question` is already answered (by a flag, or a key given with `--key`), or
    /// has nothing to ask about (the check value of a key not given).
    fn settled(&self, question: &Question, given: &dyn Fn(Field) -> bool) -> bool {
        match question.field {
            Field::KeyFile(k) => self.keys.contains_key(&k),
            Field::Kcv(k) => self.keys.get(&k).is_none_or(|r| r.kcv.is_some()),
            f => given(f),
        }
    }

    /// The questions still open, in order, with the flag that answers each: what a run
    /// without a terminal is missing (only the required ones stop it).
    pub fn open(&self, given: &dyn Fn(Field) -> bool) -> Vec<&'static Question> {
        QUESTIONS
            .iter()
            .filter(|q| !self.settled(q, given))
            .collect()
    }

    /// Asks every open question through `ask`, each answer checked as it is typed against
    /// its rules and the answers before it, and keeps what passes. `Error::Interrupted` when
    /// the person left: nothing is kept anywhere.
    pub fn interview(
        &mut self,
        lang: Lang,
        given: &dyn Fn(Field) -> bool,
        ask: &mut Ask<'_>,
    ) -> Result<(), Error> {
        for q in &QUESTIONS {
            if self.settled(q, given) {
                continue;
            }
            let draft = &*self;
            let check = |v: &str| draft.check(q, v).map(|_| ()).map_err(|e| e.render(lang));
            let Some(answer) = ask(&prompt(q, lang), !q.required, &check)? else {
                return Err(Error::Interrupted);
            };
            if let Some(v) = self.check(q, &answer)? {
                self.set(q, v);
            }
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn question(field: Field) -> Question {
        *QUESTIONS.iter().find(|q| q.field == field).unwrap()
    }

    #[test]
    fn answers_are_checked_against_the_ones_before() {
        let mut d = Draft::new(Acquirer::Unionpay);
        assert!(d.check(&question(Field::Name), "店铺1").is_err());
        let mid = question(Field::MerchantId);
        let v = d.check(&mid, "898310054111234").unwrap().unwrap();
        d.set(&mid, v);
        let mcc = question(Field::Mcc);
        let e = d.check(&mcc, "5812").unwrap_err().render(Lang::En);
        assert!(e.contains("5411"), "{e}");
        assert_eq!(d.check(&mcc, "5411").unwrap().as_deref(), Some("5411"));
        assert!(d.check(&mcc, "").unwrap().is_none());
        assert!(d.check(&question(Field::Tpdu), "60000300").is_err());
        assert_eq!(
            d.check(&question(Field::Tpdu), "6000030000")
                .unwrap()
                .as_deref(),
            Some("6000030000")
        );
        assert!(d.check(&question(Field::AppHeader), "60310").is_err());
        // The UnionPay header is 6 bytes.
        assert!(d.check(&question(Field::AppHeader), "6031").is_err());
        assert_eq!(
            d.check(&question(Field::AppHeader), "603100000000")
                .unwrap()
                .as_deref(),
            Some("603100000000")
        );
    }

    #[test]
    fn the_interview_asks_what_is_open_and_refuses_as_typed() {
        let mut d = Draft::new(Acquirer::Unionpay);
        let answers = [
            ("name", "店铺1", "shop"),
            ("Merchant ID", "12345", "898310054111234"),
            ("Terminal ID", "", "10000001"),
            ("", "", ""),
            ("MCC", "5812", "5411"),
            ("", "", ""),
            ("", "", ""),
            ("", "", ""),
            ("TPDU", "600003", "6000030000"),
            ("header", "60", "603100000000"),
            ("", "", ""),
            ("TMK", "", "keys/tmk.hex"),
            ("TMK", "xyz", "a1b2c3"),
        ];
        let mut i = 0;
        let mut refused = Vec::new();
        let mut ask = |prompt: &str, _empty: bool, check: &dyn Fn(&str) -> Result<(), String>| {
            let (label, bad, good) = answers[i];
            i += 1;
            assert!(prompt.contains(label), "{prompt} / {label}");
            if !bad.is_empty() || !good.is_empty() {
                if let Err(e) = check(bad) {
                    refused.push(e);
                }
                check(good).unwrap();
            }
            Ok(Some(good.to_string()))
        };
        d.interview(Lang::En, &|_| false, &mut ask).unwrap();
        assert_eq!(i, answers.len());
        // The empty merchant-ID and terminal answers of a required question, and every bad
        // one, were refused.
        assert_eq!(refused.len(), 7, "{refused:?}");
        let p = d.profile(None).unwrap();
        assert_eq!(p.mcc.as_deref(), Some("5411"));
        assert_eq!(p.app_header.as_deref(), Some("603100000000"));
        assert_eq!(p.keys[&KeyName::Tmk].kcv.as_deref(), Some("A1B2C3"));
        // Without a key file, its check value is not asked.
        let mut d = Draft::new(Acquirer::Unionpay);
        let given = |f: Field| !matches!(f, Field::KeyFile(_) | Field::Kcv(_));
        let mut asked = Vec::new();
        d.interview(Lang::En, &given, &mut |p, _, _| {
            asked.push(p.to_string());
            Ok(Some(String::new()))
        })
        .unwrap();
        assert_eq!(asked.len(), 1, "{asked:?}");
        // Leaving is an interruption.
        let mut d = Draft::new(Acquirer::Unionpay);
        let left = d.interview(Lang::En, &|_| false, &mut |_, _, _| Ok(None));
        assert!(matches!(left, Err(Error::Interrupted)));
    }
}
