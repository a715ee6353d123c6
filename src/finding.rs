//! The result model every check shares: a [`Finding`] per thing checked, gathered into a
//! [`Report`] per command. Checks build these; only `render` turns them into text or JSON.
//!
//! What a finding says is [`Text`]: a message key with its arguments (as `check/` keeps a
//! `Violation`), not words. The language, and whether Unicode drawing characters may be used,
//! are the rendering layer's to know ([`Locale`]); the domain below it never needs them.

use std::fmt;

use serde::Serialize;

use crate::i18n::{self, Lang, Msg};
use crate::taxonomy::{Category, Cause, fix_command};

/// How text is said: the language, and whether the character set has the Unicode drawing
/// characters (a sparkline's blocks) or only ASCII. Both come from the locale, decided once
/// in `main` and carried by `render::Output`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Locale {
    pub lang: Lang,
    pub unicode: bool,
}

impl Locale {
    pub fn new(lang: Lang, unicode: bool) -> Locale {
        Locale { lang, unicode }
    }

    /// `lang` in plain ASCII: for text said outside a terminal (a ticket to paste), where
    /// the only difference, a sparkline's characters, is safest in ASCII.
    pub fn ascii(lang: Lang) -> Locale {
        Locale {
            lang,
            unicode: false,
        }
    }
}

/// What a finding says, kept as data until it is shown: built by the checks, said in the
/// user's language once, by the rendering layer ([`Text::say`]).
///
/// Deliberately neither `Display` nor `Serialize`: text cannot reach the screen or a JSON
/// document without a [`Locale`], so no path can forget to translate it or print a key. JSON
/// goes through [`Report::said`] / [`Finding::said`], which take one.
#[derive(Debug, Clone, PartialEq)]
pub enum Text {
    /// Said as it is in every language: a value (an address, a code), or words an outside
    /// source gave (a server's error).
    Plain(String),
    /// A message from the table, its `{name}` placeholders filled with arguments that are
    /// themselves text: a value, or a word said in the same language (a reason, a field).
    Msg(Msg, Vec<(&'static str, Text)>),
    /// Knowledge-base text that comes in both languages (a response code's meaning).
    Both(i18n::Text),
    /// Items said as a list: "a, b" in English, "a，b" in Chinese.
    List(Vec<Text>),
    /// Samples drawn as a sparkline, one character each, higher for slower; `None` for a
    /// lost one. Drawn in Unicode blocks or ASCII as the locale allows.
    Spark(Vec<Option<f64>>),
}

impl Text {
    /// A message with no arguments yet; add them with [`Text::arg`] and [`Text::with`].
    pub fn msg(msg: Msg) -> Text {
        Text::Msg(msg, Vec::new())
    }

    /// Fills `{name}` with a plain value (a number, an address, outside words).
    pub fn arg(self, name: &'static str, value: impl fmt::Display) -> Text {
        self.with(name, Text::Plain(value.to_string()))
    }

    /// Fills `{name}` with text said in the same language (a message, a list, a sparkline).
    /// On text that is not a message it does nothing: there is no placeholder to fill.
    pub fn with(mut self, name: &'static str, text: impl Into<Text>) -> Text {
        if let Text::Msg(_, args) = &mut self {
            args.push((name, text.into()));
        }
        self
    }

    /// The text in `locale`'s language and characters: the one place a key becomes words.
    pub fn say(&self, locale: Locale) -> String {
        let lang = locale.lang;
        match self {
            Text::Plain(s) => s.clone(),
            Text::Msg(msg, args) => {
                let said: Vec<(&str, String)> =
                    args.iter().map(|(n, t)| (*n, t.say(locale))).collect();
                let args: Vec<(&str, &dyn fmt::Display)> = said
                    .iter()
                    .map(|(n, v)| (*n, v as &dyn fmt::Display))
                    .collect();
                lang.trf(*msg, &args)
            }
            Text::Both(t) => t.get(lang).to_string(),
            Text::List(items) => {
                let sep = match lang {
                    Lang::Zh => "，",
                    Lang::En => ", ",
                };
                items
                    .iter()
                    .map(|t| t.say(locale))
                    .collect::<Vec<_>>()
                    .join(sep)
            }
            Text::Spark(samples) => sparkline(samples, locale.unicode),
        }
    }
}

impl From<String> for Text {
    fn from(s: String) -> Text {
        Text::Plain(s)
    }
}

impl From<&str> for Text {
    fn from(s: &str) -> Text {
        Text::Plain(s.to_string())
    }
}

impl From<&String> for Text {
    fn from(s: &String) -> Text {
        Text::Plain(s.clone())
    }
}

impl From<Msg> for Text {
    fn from(msg: Msg) -> Text {
        Text::msg(msg)
    }
}

impl From<&i18n::Text> for Text {
    fn from(t: &i18n::Text) -> Text {
        Text::Both(t.clone())
    }
}

/// An error's message (its values already passed the redaction policy) as finding text.
impl From<&crate::error::Message> for Text {
    fn from(m: &crate::error::Message) -> Text {
        use crate::error::Arg;
        let args = m
            .args
            .iter()
            .map(|(n, a)| {
                let t = match a {
                    Arg::Value(v) => Text::Plain(v.clone()),
                    Arg::Msg(msg) => Text::msg(*msg),
                    Arg::Text(t) => Text::Both(t.clone()),
                };
                (*n, t)
            })
            .collect();
        Text::Msg(m.msg, args)
    }
}

/// One character per sample, higher for slower; `x` (or `✗`) for a lost one.
fn sparkline(samples: &[Option<f64>], unicode: bool) -> String {
    let bars: &[char] = if unicode {
        &['▁', '▂', '▃', '▄', '▅', '▆', '▇', '█']
    } else {
        &['_', '.', '-', '=', '#']
    };
    let lost = if unicode { '✗' } else { 'x' };
    let ok: Vec<f64> = samples.iter().flatten().copied().collect();
    let (lo, hi) = ok
        .iter()
        .fold((f64::MAX, 0.0f64), |(lo, hi), v| (lo.min(*v), hi.max(*v)));
    samples
        .iter()
        .map(|s| match s {
            None => lost,
            Some(_) if (hi - lo).abs() < f64::EPSILON => bars[0],
            Some(v) => bars[(((v - lo) / (hi - lo)) * (bars.len() - 1) as f64).round() as usize],
        })
        .collect()
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Status {
    Ok,
    Skip,
    Warn,
    Fail,
}

impl Status {
    pub fn key(self) -> &'static str {
        match self {
            Status::Ok => "ok",
            Status::Skip => "skip",
            Status::Warn => "warn",
            Status::Fail => "fail",
        }
    }
}

/// One check result. Its JSON form (the shape docs/contract.md documents for `--json`) is
/// [`Finding::said`]: the summary is text to be said in a language first.
#[derive(Debug, Clone, PartialEq)]
pub struct Finding {
    pub id: String,
    pub target: Option<String>,
    pub status: Status,
    pub category: Option<Category>,
    pub cause: Option<Cause>,
    pub summary: Text,
    pub metrics: serde_json::Map<String, serde_json::Value>,
    /// The guided-fix command, a command line (the same in every language).
    pub fix: Option<String>,
}

impl Finding {
    pub fn new(id: impl Into<String>, status: Status, summary: impl Into<Text>) -> Self {
        Finding {
            id: id.into(),
            target: None,
            status,
            category: None,
            cause: None,
            summary: summary.into(),
            metrics: serde_json::Map::new(),
            fix: None,
        }
    }

    pub fn target(mut self, target: impl Into<String>) -> Self {
        self.target = Some(target.into());
        self
    }

    /// Names the failure this finding explains, and with it the guided fix to run.
    pub fn blame(mut self, category: Category, cause: Cause) -> Self {
        self.category = Some(category);
        self.cause = Some(cause);
        self.fix = Some(fix_command(category, cause));
        self
    }

    pub fn metric(mut self, name: &str, value: impl Into<serde_json::Value>) -> Self {
        self.metrics.insert(name.to_string(), value.into());
        self
    }

    /// The finding as its JSON document says it, the summary in `locale`'s language.
    pub fn said(&self, locale: Locale) -> Said<'_, Finding> {
        Said { item: self, locale }
    }
}

/// A finding or report with the locale to say it in: what serialises to JSON. Neither
/// [`Finding`] nor [`Report`] serialises alone, so a document cannot carry an unsaid key.
#[derive(Debug, Clone, Copy)]
pub struct Said<'a, T> {
    item: &'a T,
    locale: Locale,
}

#[derive(Serialize)]
struct FindingJson<'a> {
    id: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    target: Option<&'a str>,
    status: Status,
    #[serde(skip_serializing_if = "Option::is_none")]
    category: Option<Category>,
    #[serde(skip_serializing_if = "Option::is_none")]
    cause: Option<Cause>,
    summary: String,
    #[serde(skip_serializing_if = "serde_json::Map::is_empty")]
    metrics: &'a serde_json::Map<String, serde_json::Value>,
    #[serde(skip_serializing_if = "Option::is_none")]
    fix: Option<&'a str>,
}

impl Serialize for Said<'_, Finding> {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let f = self.item;
        FindingJson {
            id: &f.id,
            target: f.target.as_deref(),
            status: f.status,
            category: f.category,
            cause: f.cause,
            summary: f.summary.say(self.locale),
            metrics: &f.metrics,
            fix: f.fix.as_deref(),
        }
        .serialize(s)
    }
}

#[derive(Serialize)]
struct ReportJson<'a> {
    schema: u32,
    command: &'a str,
    status: Status,
    findings: Vec<Said<'a, Finding>>,
    #[serde(flatten)]
    extra: &'a serde_json::Map<String, serde_json::Value>,
}

impl Serialize for Said<'_, Report> {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let r = self.item;
        ReportJson {
            schema: r.schema,
            command: &r.command,
            status: r.status,
            findings: r.findings.iter().map(|f| f.said(self.locale)).collect(),
            extra: &r.extra,
        }
        .serialize(s)
    }
}

/// A command's whole result: `{"schema": 1, "command": ..., "status": ..., "findings": [...]}`
/// plus command-specific fields, which may only ever be added to (docs/contract.md, "Output").
/// Serialised through [`Report::said`].
#[derive(Debug, Clone)]
pub struct Report {
    pub schema: u32,
    pub command: String,
    pub status: Status,
    pub findings: Vec<Finding>,
    pub extra: serde_json::Map<String, serde_json::Value>,
}

impl Report {
    pub const SCHEMA: u32 = 1;

    pub fn new(command: &str, findings: Vec<Finding>) -> Self {
        let status = overall(&findings);
        Report {
            schema: Self::SCHEMA,
            command: command.to_string(),
            status,
            findings,
            extra: serde_json::Map::new(),
        }
    }

    pub fn with(mut self, key: &str, value: impl Serialize) -> Self {
        let value = serde_json::to_value(value).unwrap_or(serde_json::Value::Null);
        self.extra.insert(key.to_string(), value);
        self
    }

    /// The report as its JSON document says it, every summary in `locale`'s language.
    pub fn said(&self, locale: Locale) -> Said<'_, Report> {
        Said { item: self, locale }
    }

    /// Exit code per docs/contract.md: 1 when something failed, or (with `strict`) warned.
    pub fn exit_code(&self, strict: bool) -> u8 {
        match self.status {
            Status::Fail => crate::error::exit::FAILED,
            Status::Warn if strict => crate::error::exit::FAILED,
            _ => crate::error::exit::OK,
        }
    }
}

/// The worst status among the findings; skipped checks do not make a run fail or pass.
pub fn overall(findings: &[Finding]) -> Status {
    findings
        .iter()
        .map(|f| f.status)
        .filter(|s| *s != Status::Skip)
        .max()
        .unwrap_or(Status::Ok)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn overall_is_the_worst_non_skip_status() {
        let f = |s| Finding::new("x", s, "");
        assert_eq!(overall(&[]), Status::Ok);
        assert_eq!(overall(&[f(Status::Skip)]), Status::Ok);
        assert_eq!(overall(&[f(Status::Ok), f(Status::Warn)]), Status::Warn);
        assert_eq!(overall(&[f(Status::Fail), f(Status::Warn)]), Status::Fail);
    }

    #[test]
    fn finding_serialises_in_the_documented_shape() {
        let f = Finding::new("net.tcp.connect", Status::Fail, "timed out")
            .target("upos.example.cn:5000")
            .blame(Category::NoResponse, Cause::Network)
            .metric("attempts", 5);
        let v = serde_json::to_value(f.said(Locale::ascii(Lang::En))).unwrap();
        assert_eq!(v["summary"], "timed out");
        assert_eq!(v["category"], "no-response");
        assert_eq!(v["cause"], "network");
        assert_eq!(v["fix"], "posdoctor fix no-response --cause network");
        assert_eq!(v["metrics"]["attempts"], 5);
    }

    #[test]
    fn a_keyed_finding_is_said_in_both_languages() {
        let f = Finding::new(
            "net.iso8583.signin",
            Status::Fail,
            Text::msg(Msg::NetIsoConnect).with("error", Msg::NetConnectReasonRefused),
        );
        let en = Locale::ascii(Lang::En);
        let zh = Locale::ascii(Lang::Zh);
        let said = |l: Locale| f.summary.say(l);
        assert_eq!(
            said(en),
            Lang::En.trf(
                Msg::NetIsoConnect,
                &[("error", &Lang::En.tr(Msg::NetConnectReasonRefused))]
            )
        );
        assert_eq!(
            said(zh),
            Lang::Zh.trf(
                Msg::NetIsoConnect,
                &[("error", &Lang::Zh.tr(Msg::NetConnectReasonRefused))]
            )
        );
        assert_ne!(said(en), said(zh));
        assert!(!said(en).contains('{') && !said(zh).contains('{'));
        // The JSON document says the same words the text does.
        let report = Report::new("net", vec![f.clone()]);
        for l in [en, zh] {
            let v = serde_json::to_value(report.said(l)).unwrap();
            assert_eq!(v["findings"][0]["summary"], said(l));
            assert_eq!(v["schema"], 1);
        }
    }

    #[test]
    fn nested_lists_and_data_text_follow_the_language() {
        let list = Text::List(vec![
            Msg::NetFramingBcd2.into(),
            Msg::NetFramingNoTpdu.into(),
            Text::Plain("x".into()),
        ]);
        assert_eq!(
            list.say(Locale::ascii(Lang::En)),
            format!(
                "{}, {}, x",
                Msg::NetFramingBcd2.en(),
                Msg::NetFramingNoTpdu.en()
            )
        );
        assert!(list.say(Locale::ascii(Lang::Zh)).contains('，'));
        let both = i18n::Text {
            zh: "余额不足".into(),
            en: "insufficient funds".into(),
        };
        let t = Text::msg(Msg::NetIsoCode)
            .arg("code", "51")
            .with("meaning", &both);
        assert!(t.say(Locale::ascii(Lang::Zh)).contains("余额不足"));
        assert!(
            t.say(Locale::ascii(Lang::En))
                .contains("insufficient funds")
        );
    }

    #[test]
    fn sparklines_follow_the_character_set() {
        let s = Text::Spark(vec![Some(1.0), Some(5.0), None]);
        assert_eq!(s.say(Locale::new(Lang::En, false)), "_#x");
        assert_eq!(s.say(Locale::new(Lang::En, true)), "▁█✗");
        let flat = Text::Spark(vec![Some(2.0), Some(2.0)]);
        assert_eq!(flat.say(Locale::new(Lang::Zh, true)), "▁▁");
    }
}
