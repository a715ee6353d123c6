//! The response-code knowledge base: ISO 8583 field 39 and China UnionPay POS codes, read from
//! `data/codes.toml` (embedded) and from the user's own files in the config directory, and
//! looked up by code or by the text a terminal printed.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use crate::error::{Error, Message};
use crate::i18n::{Lang, Msg, Text};
use crate::taxonomy::{Category, Cause, fix_command};
use crate::toml_input;

/// `data/codes.toml`, converted to JSON by `build.rs`.
const BUILTIN: &str = include_str!(concat!(env!("OUT_DIR"), "/codes.json"));
const BUILTIN_ORIGIN: &str = "built-in";

/// A party to a card payment: who has to act on a code, and whose answer a code is. The
/// switch (银联处理中心) is a party of its own: some codes are its answer, not the issuer's.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Party {
    Cardholder,
    Merchant,
    Acquirer,
    Issuer,
    Switch,
}

impl Party {
    pub fn name(self, lang: Lang) -> &'static str {
        lang.tr(match self {
            Party::Cardholder => Msg::PartyCardholder,
            Party::Merchant => Msg::PartyMerchant,
            Party::Acquirer => Msg::PartyAcquirer,
            Party::Issuer => Msg::PartyIssuer,
            Party::Switch => Msg::PartySwitch,
        })
    }
}

/// The action classes of the acquirer POS manual: what the terminal and its operator do with
/// an answer. Kept as the manual names them, because acquirers' help desks speak in them.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum ActionClass {
    /// 交易成功
    A,
    /// 交易失败，可重试
    B,
    /// 交易失败，不需要重试
    C,
    /// 交易失败，终端操作员处理
    D,
    /// 交易失败，系统故障，不需要重试
    E,
}

impl ActionClass {
    pub fn name(self, lang: Lang) -> &'static str {
        lang.tr(match self {
            ActionClass::A => Msg::CodeClassA,
            ActionClass::B => Msg::CodeClassB,
            ActionClass::C => Msg::CodeClassC,
            ActionClass::D => Msg::CodeClassD,
            ActionClass::E => Msg::CodeClassE,
        })
    }
}

/// Whether trying the same transaction again can help.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Retry {
    Yes,
    Later,
    AfterFix,
    No,
    /// The code approves: the payment went through, and charging again would take the money
    /// twice.
    NotNeeded,
}

impl Retry {
    pub fn name(self, lang: Lang) -> &'static str {
        lang.tr(match self {
            Retry::Yes => Msg::RetryYes,
            Retry::Later => Msg::RetryLater,
            Retry::AfterFix => Msg::RetryAfterFix,
            Retry::No => Msg::RetryNo,
            Retry::NotNeeded => Msg::RetryNotNeeded,
        })
    }
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Source {
    pub key: String,
    pub text: Text,
    /// A short name for the source, for one-line citations.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub name: Option<Text>,
    /// Where the source can be read.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub url: Option<String>,
}

/// The action class of a code, with the source that gives it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Class {
    pub value: ActionClass,
    pub source: String,
}

/// The party whose answer a code is, with the source that says so.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct DecidedBy {
    pub role: Party,
    pub source: String,
}

/// When a code is sent (UnionPay's 适用条件, or the acquirer manual's reason column).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Conditions {
    pub zh: String,
    pub en: String,
    pub source: String,
}

/// The meaning of a code as one source words it, in that source's language.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Reading {
    pub source: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub zh: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub en: Option<String>,
}

impl Reading {
    pub fn text(&self) -> &str {
        self.zh.as_deref().or(self.en.as_deref()).unwrap_or("")
    }
}

/// The text a terminal shows for a code according to one source. `fallback` marks the
/// acquirer manual's rule for codes missing from its table ("交易失败").
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Display {
    pub source: String,
    pub text: String,
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub fallback: bool,
}

/// One response code, complete: built-in entries and user entries merged.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct CodeEntry {
    pub code: String,
    pub approved: bool,
    pub meaning: Text,
    pub terminal_text: String,
    pub action: Text,
    pub who: Party,
    pub retry: Retry,
    pub category: Category,
    pub cause: Cause,
    pub fix: String,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub aliases: Vec<String>,
    pub sources: Vec<Source>,
    /// Where the entry came from: `built-in`, then every user file that changed it.
    pub origin: Vec<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub class: Option<Class>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub decided_by: Option<DecidedBy>,
    /// The parties UnionPay's table allows to send the code (适用角色).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub sent_by: Vec<Party>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub conditions: Option<Conditions>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub readings: Vec<Reading>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub displays: Vec<Display>,
    /// Where the sources disagree: both readings, and which applies when.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub conflict: Option<Text>,
    /// Why posdoctor gives a value that no source gives.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub note: Option<Text>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct CodeFile {
    #[serde(default)]
    sources: BTreeMap<String, SourceDef>,
    #[serde(default, rename = "code")]
    codes: Vec<RawEntry>,
}

#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct SourceDef {
    zh: Option<String>,
    en: Option<String>,
    name: Option<PartialText>,
    url: Option<String>,
}

#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct PartialText {
    zh: Option<String>,
    en: Option<String>,
}

impl PartialText {
    /// A text with one language missing borrows the other: an acquirer's private code may be
    /// documented in Chinese only, and showing that beats showing nothing.
    fn complete(&self) -> Option<Text> {
        match (&self.zh, &self.en) {
            (Some(zh), Some(en)) => Some(Text {
                zh: zh.clone(),
                en: en.clone(),
            }),
            (Some(t), None) | (None, Some(t)) => Some(Text {
                zh: t.clone(),
                en: t.clone(),
            }),
            (None, None) => None,
        }
    }

    fn merge_into(&self, text: &mut Text) {
        if let Some(zh) = &self.zh {
            text.zh = zh.clone();
        }
        if let Some(en) = &self.en {
            text.en = en.clone();
        }
    }
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawEntry {
    code: String,
    meaning: Option<PartialText>,
    terminal: Option<String>,
    action: Option<PartialText>,
    who: Option<Party>,
    retry: Option<Retry>,
    approved: Option<bool>,
    category: Option<Category>,
    cause: Option<Cause>,
    #[serde(default)]
    aliases: Vec<String>,
    #[serde(default)]
    sources: Vec<String>,
    class: Option<Class>,
    decided_by: Option<DecidedBy>,
    sent_by: Option<Vec<Party>>,
    conditions: Option<Conditions>,
    readings: Option<Vec<Reading>>,
    displays: Option<Vec<Display>>,
    conflict: Option<PartialText>,
    note: Option<PartialText>,
}

impl RawEntry {
    /// Every source key the entry cites, in any field.
    fn cited(&self) -> Vec<&str> {
        let mut keys: Vec<&str> = self.sources.iter().map(String::as_str).collect();
        keys.extend(self.class.iter().map(|c| c.source.as_str()));
        keys.extend(self.decided_by.iter().map(|d| d.source.as_str()));
        keys.extend(self.conditions.iter().map(|c| c.source.as_str()));
        keys.extend(self.readings.iter().flatten().map(|r| r.source.as_str()));
        keys.extend(self.displays.iter().flatten().map(|d| d.source.as_str()));
        keys
    }
}

/// The result of looking something up.
#[derive(Debug, Clone, PartialEq)]
pub enum Lookup {
    /// The query named a code, or a text that only one code prints.
    Found(Vec<CodeEntry>),
    /// Nothing matched; the closest entries by text, if any are close.
    Unknown {
        query: String,
        suggestions: Vec<CodeEntry>,
    },
}

#[derive(Debug, Clone, Default)]
pub struct CodeTable {
    entries: Vec<CodeEntry>,
    sources: BTreeMap<String, Source>,
}

/// Field 39 is two characters; terminals print a single digit for codes below 10 ("5" for
/// 05), and people type letters in either case ("a0").
pub fn normalize_code(query: &str) -> Option<String> {
    let q = query.trim();
    if q.is_empty() || q.len() > 2 || !q.chars().all(|c| c.is_ascii_alphanumeric()) {
        return None;
    }
    let q = q.to_ascii_uppercase();
    Some(if q.len() == 1 && q.chars().all(|c| c.is_ascii_digit()) {
        format!("0{q}")
    } else {
        q
    })
}

/// Folds case and drops spaces and punctuation (ASCII and Chinese), so "余额不足!" and
/// "Insufficient  Funds" match their table entries.
pub fn normalize_text(text: &str) -> String {
    text.chars()
        .filter(|c| c.is_alphanumeric())
        .flat_map(char::to_lowercase)
        .collect()
}

fn bigrams(s: &str) -> Vec<(char, char)> {
    let chars: Vec<char> = s.chars().collect();
    let mut out: Vec<(char, char)> = chars.windows(2).map(|w| (w[0], w[1])).collect();
    out.sort_unstable();
    out.dedup();
    out
}

/// Dice similarity over character pairs: works for Chinese, where words are not separated by
/// spaces, as well as for English with typos.
fn similarity(a: &str, b: &str) -> f64 {
    let (x, y) = (bigrams(a), bigrams(b));
    if x.is_empty() || y.is_empty() {
        return 0.0;
    }
    let common = x.iter().filter(|p| y.binary_search(p).is_ok()).count();
    2.0 * common as f64 / (x.len() + y.len()) as f64
}

impl CodeEntry {
    fn texts(&self) -> impl Iterator<Item = &str> {
        [
            self.terminal_text.as_str(),
            self.meaning.zh.as_str(),
            self.meaning.en.as_str(),
        ]
        .into_iter()
        .chain(self.aliases.iter().map(String::as_str))
        // Every source's display, so the words of any terminal's variant find the code; the
        // acquirer manual's catch-all "交易失败" is left out, as it names no code.
        .chain(
            self.displays
                .iter()
                .filter(|d| !d.fallback)
                .map(|d| d.text.as_str()),
        )
    }

    /// How well a normalised query matches this entry's texts: 3 exact, 2 the query is part of
    /// a text, 1 a text is part of the query (a whole sentence around the printed words).
    fn score(&self, q: &str) -> u8 {
        self.texts()
            .map(normalize_text)
            .filter(|t| !t.is_empty())
            .map(|t| {
                if t == q {
                    3
                } else if q.chars().count() >= 2 && t.contains(q) {
                    2
                } else if t.chars().count() >= 2 && q.contains(&t) {
                    1
                } else {
                    0
                }
            })
            .max()
            .unwrap_or(0)
    }
}

impl CodeTable {
    /// The table shipped in the binary.
    pub fn builtin() -> Result<CodeTable, Error> {
        let mut table = CodeTable::default();
        let file: CodeFile = serde_json::from_str(BUILTIN)
            .map_err(|e| Error::internal(format!("data/codes.toml: {e}")))?;
        table.merge(Path::new(BUILTIN_ORIGIN), file, true)?;
        Ok(table)
    }

    /// The built-in table plus the user's files: `codes.toml` and then `codes.d/*.toml` (in
    /// name order) in the config directory. Later files override earlier ones field by field.
    pub fn load(config_dir: Option<&Path>) -> Result<CodeTable, Error> {
        let mut table = CodeTable::builtin()?;
        if let Some(dir) = config_dir {
            for path in override_files(dir)? {
                // Bounded like the config: a regular file of at most 1 MiB.
                let Some(text) = crate::input::read_text(&path, crate::input::CONFIG_LIMIT)? else {
                    continue;
                };
                table.merge_text(&path, &text, false)?;
            }
        }
        Ok(table)
    }

    fn merge_text(&mut self, path: &Path, text: &str, builtin: bool) -> Result<(), Error> {
        let file: CodeFile = toml_input::parse(path, text)?;
        self.merge(path, file, builtin)
    }

    fn merge(&mut self, path: &Path, file: CodeFile, builtin: bool) -> Result<(), Error> {
        let origin = if builtin {
            BUILTIN_ORIGIN.to_string()
        } else {
            path.display().to_string()
        };
        let bad = |code: &str, msg: Msg| -> Error {
            Message::new(msg)
                .arg("path", path.display())
                .arg("code", code)
                .into()
        };
        for (key, def) in &file.sources {
            let text = PartialText {
                zh: def.zh.clone(),
                en: def.en.clone(),
            }
            .complete()
            .ok_or_else(|| bad(key, Msg::ErrorCodeSourceEmpty))?;
            self.sources.insert(
                key.clone(),
                Source {
                    key: key.clone(),
                    text,
                    name: def.name.as_ref().and_then(PartialText::complete),
                    url: def.url.clone(),
                },
            );
        }
        for raw in file.codes {
            let code =
                normalize_code(&raw.code).ok_or_else(|| bad(&raw.code, Msg::ErrorCodeBad))?;
            for s in raw.cited() {
                if !self.sources.contains_key(s) {
                    return Err(bad(&code, Msg::ErrorCodeUnknownSource));
                }
            }
            let sources = |keys: &[String]| -> Vec<Source> {
                keys.iter()
                    .filter_map(|k| self.sources.get(k).cloned())
                    .collect()
            };
            match self.entries.iter_mut().find(|e| e.code == code) {
                Some(entry) => {
                    if let Some(t) = &raw.meaning {
                        t.merge_into(&mut entry.meaning);
                    }
                    if let Some(t) = &raw.action {
                        t.merge_into(&mut entry.action);
                    }
                    if let Some(t) = raw.terminal.clone() {
                        entry.terminal_text = t;
                    }
                    entry.who = raw.who.unwrap_or(entry.who);
                    entry.retry = raw.retry.unwrap_or(entry.retry);
                    entry.approved = raw.approved.unwrap_or(entry.approved);
                    entry.category = raw.category.unwrap_or(entry.category);
                    entry.cause = raw.cause.unwrap_or(entry.cause);
                    entry.fix = fix_command(entry.category, entry.cause);
                    entry.aliases.extend(raw.aliases.iter().cloned());
                    if !raw.sources.is_empty() {
                        entry.sources = sources(&raw.sources);
                    }
                    if let Some(c) = raw.class.clone() {
                        entry.class = Some(c);
                    }
                    if let Some(d) = raw.decided_by.clone() {
                        entry.decided_by = Some(d);
                    }
                    if let Some(s) = raw.sent_by.clone() {
                        entry.sent_by = s;
                    }
                    if let Some(c) = raw.conditions.clone() {
                        entry.conditions = Some(c);
                    }
                    if let Some(r) = raw.readings.clone() {
                        entry.readings = r;
                    }
                    if let Some(d) = raw.displays.clone() {
                        entry.displays = d;
                    }
                    if let Some(t) = &raw.conflict {
                        match &mut entry.conflict {
                            Some(c) => t.merge_into(c),
                            None => entry.conflict = t.complete(),
                        }
                    }
                    if let Some(t) = &raw.note {
                        match &mut entry.note {
                            Some(n) => t.merge_into(n),
                            None => entry.note = t.complete(),
                        }
                    }
                    entry.origin.push(origin.clone());
                }
                None => {
                    let missing = |what: &str| -> Error {
                        Message::new(Msg::ErrorCodeMissingField)
                            .arg("path", path.display())
                            .arg("code", &code)
                            .arg("field", what)
                            .into()
                    };
                    let meaning = raw
                        .meaning
                        .as_ref()
                        .and_then(PartialText::complete)
                        .ok_or(missing("meaning"))?;
                    let category = raw.category.ok_or(missing("category"))?;
                    let cause = raw.cause.ok_or(missing("cause"))?;
                    let action = match &raw.action {
                        Some(a) => a.complete().ok_or(missing("action"))?,
                        None if builtin => return Err(missing("action")),
                        None => Text {
                            zh: Msg::CodeActionDefault.zh().to_string(),
                            en: Msg::CodeActionDefault.en().to_string(),
                        },
                    };
                    // A built-in entry says where each of its facts comes from.
                    if builtin {
                        let absent = [
                            ("terminal", raw.terminal.is_none()),
                            ("sources", raw.sources.is_empty()),
                            ("class", raw.class.is_none()),
                            ("decided_by", raw.decided_by.is_none()),
                            ("readings", raw.readings.as_ref().is_none_or(Vec::is_empty)),
                            ("displays", raw.displays.as_ref().is_none_or(Vec::is_empty)),
                        ];
                        if let Some((field, _)) = absent.iter().find(|(_, a)| *a) {
                            return Err(missing(field));
                        }
                    }
                    self.entries.push(CodeEntry {
                        terminal_text: raw.terminal.clone().unwrap_or_else(|| meaning.zh.clone()),
                        meaning,
                        action,
                        who: raw.who.unwrap_or(Party::Acquirer),
                        retry: raw.retry.unwrap_or(Retry::No),
                        approved: raw.approved.unwrap_or(false),
                        category,
                        cause,
                        fix: fix_command(category, cause),
                        aliases: raw.aliases.clone(),
                        sources: sources(&raw.sources),
                        origin: vec![origin.clone()],
                        class: raw.class.clone(),
                        decided_by: raw.decided_by.clone(),
                        sent_by: raw.sent_by.clone().unwrap_or_default(),
                        conditions: raw.conditions.clone(),
                        readings: raw.readings.clone().unwrap_or_default(),
                        displays: raw.displays.clone().unwrap_or_default(),
                        conflict: raw.conflict.as_ref().and_then(PartialText::complete),
                        note: raw.note.as_ref().and_then(PartialText::complete),
                        code,
                    });
                }
            }
        }
        self.entries.sort_by(|a, b| a.code.cmp(&b.code));
        Ok(())
    }

    pub fn entries(&self) -> &[CodeEntry] {
        &self.entries
    }

    /// The sources the table knows, by key.
    pub fn source(&self, key: &str) -> Option<&Source> {
        self.sources.get(key)
    }

    pub fn get(&self, code: &str) -> Option<&CodeEntry> {
        let code = normalize_code(code)?;
        self.entries.iter().find(|e| e.code == code)
    }

    /// Looks a query up as a code ("51", "a0", "5"), as a terminal line ("51-余额不足"), or as
    /// the words printed or spoken ("余额不足", "insufficient funds").
    pub fn lookup(&self, query: &str) -> Result<Lookup, Error> {
        let q = query.trim();
        if q.is_empty() {
            return Err(Message::new(Msg::ErrorCodeEmpty).into());
        }
        if q.chars().count() > 200 {
            return Err(Message::new(Msg::ErrorCodeTooLong)
                .arg("length", q.chars().count())
                .into());
        }
        if let Some(code) = normalize_code(q) {
            return Ok(match self.get(&code) {
                Some(e) => Lookup::Found(vec![e.clone()]),
                None => Lookup::Unknown {
                    query: code,
                    suggestions: Vec::new(),
                },
            });
        }
        // "51-余额不足", "A0 MAC校验错": a code followed by its text, as receipts print it.
        let mut chars = q.char_indices();
        if let (Some((_, a)), Some((_, b)), Some((i, sep))) =
            (chars.next(), chars.next(), chars.next())
            && a.is_ascii_alphanumeric()
            && b.is_ascii_alphanumeric()
            && matches!(sep, '-' | ' ' | ':' | '\u{ff1a}' | '—' | '_')
            && !q[i + sep.len_utf8()..].trim().is_empty()
            && let Some(e) = self.get(&q[..2])
        {
            return Ok(Lookup::Found(vec![e.clone()]));
        }
        let nq = normalize_text(q);
        let scored: Vec<(u8, &CodeEntry)> = self
            .entries
            .iter()
            .map(|e| (e.score(&nq), e))
            .filter(|(s, _)| *s > 0)
            .collect();
        if let Some(best) = scored.iter().map(|(s, _)| *s).max() {
            let found = scored
                .iter()
                .filter(|(s, _)| *s == best)
                .map(|(_, e)| (*e).clone());
            return Ok(Lookup::Found(found.collect()));
        }
        let mut near: Vec<(f64, &CodeEntry)> = self
            .entries
            .iter()
            .map(|e| {
                let best = e
                    .texts()
                    .map(|t| similarity(&nq, &normalize_text(t)))
                    .fold(0.0, f64::max);
                (best, e)
            })
            .filter(|(s, _)| *s >= 0.4)
            .collect();
        near.sort_by(|a, b| b.0.total_cmp(&a.0).then_with(|| a.1.code.cmp(&b.1.code)));
        Ok(Lookup::Unknown {
            query: q.to_string(),
            suggestions: near.into_iter().take(3).map(|(_, e)| e.clone()).collect(),
        })
    }

    pub fn list(&self, category: Option<Category>, cause: Option<Cause>) -> Vec<CodeEntry> {
        self.entries
            .iter()
            .filter(|e| category.is_none_or(|c| e.category == c))
            .filter(|e| cause.is_none_or(|c| e.cause == c))
            .cloned()
            .collect()
    }
}

/// The user's override files, in the order they apply.
pub fn override_files(config_dir: &Path) -> Result<Vec<PathBuf>, Error> {
    let mut files = Vec::new();
    let main = config_dir.join("codes.toml");
    if main.is_file() {
        files.push(main);
    }
    let dir = config_dir.join("codes.d");
    if dir.is_dir() {
        let mut more: Vec<PathBuf> = std::fs::read_dir(&dir)
            .map_err(|e| Error::io(Msg::ErrorRead, &dir, e))?
            .filter_map(|e| e.ok().map(|e| e.path()))
            .filter(|p| p.extension().is_some_and(|x| x == "toml") && p.is_file())
            .collect();
        more.sort();
        files.extend(more);
    }
    Ok(files)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn table() -> CodeTable {
        CodeTable::builtin().expect("built-in table parses")
    }

    #[test]
    fn builtin_table_is_complete_and_consistent() {
        let t = table();
        assert!(t.entries().len() >= 100, "only {} codes", t.entries().len());
        let mut seen = std::collections::HashSet::new();
        for e in t.entries() {
            assert!(seen.insert(e.code.clone()), "{} twice", e.code);
            assert_eq!(e.code.len(), 2, "{}", e.code);
            assert!(
                e.category.causes().contains(&e.cause),
                "{}: cause {} is not one of category {}'s causes",
                e.code,
                e.cause,
                e.category
            );
            assert_eq!(
                e.fix,
                format!("posdoctor fix {} --cause {}", e.category, e.cause)
            );
            for text in [&e.meaning, &e.action] {
                assert!(
                    !text.zh.trim().is_empty() && !text.en.trim().is_empty(),
                    "{}",
                    e.code
                );
                assert_ne!(text.zh, text.en, "{}: zh and en are the same text", e.code);
                assert!(
                    text.zh
                        .chars()
                        .any(|c| ('\u{4e00}'..='\u{9fff}').contains(&c)),
                    "{}: zh text has no Chinese",
                    e.code
                );
            }
            assert!(!e.terminal_text.is_empty(), "{}", e.code);
            assert!(!e.sources.is_empty(), "{} has no source", e.code);
            assert_eq!(e.origin, vec!["built-in"]);
        }
        for must in [
            "00", "03", "05", "12", "14", "51", "54", "55", "61", "68", "91", "94", "96",
        ] {
            assert!(t.get(must).is_some(), "missing ISO code {must}");
        }
        for must in [
            "79", "97", "98", "99", "A0", "A1", "A2", "A3", "A4", "A5", "A6", "A7", "A8", "C1",
            "P1", "Y1", "Y3", "Z1", "Z3",
        ] {
            assert!(t.get(must).is_some(), "missing UnionPay code {must}");
        }
    }

    #[test]
    fn codes_are_normalised() {
        assert_eq!(normalize_code("5"), Some("05".into()));
        assert_eq!(normalize_code(" a0 "), Some("A0".into()));
        assert_eq!(normalize_code("511"), None);
        assert_eq!(normalize_code("余额"), None);
    }

    fn codes(l: Lookup) -> Vec<String> {
        match l {
            Lookup::Found(v) => v.into_iter().map(|e| e.code).collect(),
            Lookup::Unknown { .. } => vec![],
        }
    }

    #[test]
    fn lookup_by_code_and_text() {
        let t = table();
        assert_eq!(codes(t.lookup("51").unwrap()), ["51"]);
        assert_eq!(codes(t.lookup("a0").unwrap()), ["A0"]);
        assert_eq!(codes(t.lookup("余额不足").unwrap()), ["51"]);
        assert_eq!(codes(t.lookup("Insufficient Funds").unwrap()), ["51"]);
        assert_eq!(codes(t.lookup("51-余额不足").unwrap()), ["51"]);
        assert_eq!(codes(t.lookup("MAC校验错").unwrap()), ["A0"]);
        assert_eq!(codes(t.lookup("终端未登记").unwrap()), ["97"]);
        // A whole sentence around the printed words still finds them.
        assert_eq!(codes(t.lookup("刷卡提示余额不足怎么办").unwrap()), ["51"]);
        // The same terminal text for several codes lists them all.
        assert!(codes(t.lookup("交易失败,请联系发卡行").unwrap()).len() > 3);
    }

    #[test]
    fn unknown_queries_get_suggestions_or_nothing() {
        let t = table();
        match t.lookup("Z9").unwrap() {
            Lookup::Unknown { query, suggestions } => {
                assert_eq!(query, "Z9");
                assert!(suggestions.is_empty());
            }
            other => panic!("{other:?}"),
        }
        match t.lookup("insuficient fund").unwrap() {
            Lookup::Unknown { suggestions, .. } => assert_eq!(suggestions[0].code, "51"),
            Lookup::Found(v) => assert_eq!(v[0].code, "51"),
        }
        assert!(t.lookup("   ").is_err());
    }

    #[test]
    fn user_entries_override_and_add() {
        let mut t = table();
        let text = r#"
[[code]]
code = "51"
terminal = "卡内余额不足"

[[code]]
code = "Q1"
meaning = { zh = "商户未开通扫码" }
category = "declined"
cause = "merchant-params"
"#;
        t.merge_text(Path::new("/etc/x/codes.toml"), text, false)
            .unwrap();
        let e = t.get("51").unwrap();
        assert_eq!(e.terminal_text, "卡内余额不足");
        assert_eq!(e.meaning.en, "Insufficient funds");
        assert_eq!(e.origin, ["built-in", "/etc/x/codes.toml"]);
        let q = t.get("Q1").unwrap();
        assert_eq!(q.meaning.en, "商户未开通扫码");
        assert_eq!(q.fix, "posdoctor fix declined --cause merchant-params");
    }

    #[test]
    fn bad_user_entries_are_input_errors() {
        let mut t = table();
        let missing = "[[code]]\ncode = \"Q2\"\nmeaning = { en = \"x\" }\n";
        assert!(matches!(
            t.merge_text(Path::new("c.toml"), missing, false),
            Err(Error::Input(m)) if m.msg == Msg::ErrorCodeMissingField
        ));
        let bad_cause = "[[code]]\ncode = \"51\"\ncause = \"weather\"\n";
        let err = t
            .merge_text(Path::new("c.toml"), bad_cause, false)
            .unwrap_err();
        let text = err.render(Lang::En);
        assert!(text.contains("c.toml") && text.contains("line 3"), "{text}");
    }
}
