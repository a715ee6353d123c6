//! The two languages the tool speaks, how the language is chosen, and the message table.
//!
//! Messages live in `data/messages.toml` with both languages side by side; `build.rs` turns
//! them into the typed [`Msg`] enum, so a message cannot exist in one language only.

use std::fmt;

include!(concat!(env!("OUT_DIR"), "/messages.rs"));

/// The language of everything the tool shows.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Lang {
    // 简体中文
    Zh,
    // English
    En,
}

impl fmt::Display for Lang {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Lang::Zh => "zh",
            Lang::En => "en",
        })
    }
}

impl Lang {
    /// The language from the POSIX locale variables, in their order of precedence: the first
    /// one set and non-empty decides, as `setlocale` does. `zh_*` means Chinese.
    pub fn from_locale(get: impl Fn(&str) -> Option<String>) -> Lang {
        for var in ["LC_ALL", "LC_MESSAGES", "LANG"] {
            if let Some(v) = get(var).filter(|v| !v.is_empty()) {
                return if v.to_ascii_lowercase().starts_with("zh") {
                    Lang::Zh
                } else {
                    Lang::En
                };
            }
        }
        Lang::En
    }

    /// Parses the value of `--lang`/`POSDOCTOR_LANG`, accepting locale spellings (`zh_CN`).
    pub fn parse(value: &str) -> Option<Lang> {
        let v = value.trim().to_ascii_lowercase();
        if v == "zh" || v.starts_with("zh_") || v.starts_with("zh-") {
            Some(Lang::Zh)
        } else if v == "en" || v.starts_with("en_") || v.starts_with("en-") {
            Some(Lang::En)
        } else {
            None
        }
    }

    pub fn tr(self, msg: Msg) -> &'static str {
        match self {
            Lang::Zh => msg.zh(),
            Lang::En => msg.en(),
        }
    }

    /// A message with its `{name}` placeholders filled in.
    pub fn trf(self, msg: Msg, args: &[(&str, &dyn fmt::Display)]) -> String {
        fill(self.tr(msg), args)
    }
}

/// Replaces `{name}` placeholders; unknown placeholders are left as they are so that a missing
/// argument is visible in a test rather than silently dropped.
///
/// `{name|one|other}` is an English plural: `one` when the argument is exactly `1`, else
/// `other` ("1 answer", "3 answers"). Chinese needs none, so Chinese texts never use it.
pub fn fill(template: &str, args: &[(&str, &dyn fmt::Display)]) -> String {
    let mut out = String::with_capacity(template.len() + 16);
    let mut rest = template;
    while let Some(start) = rest.find('{') {
        out.push_str(&rest[..start]);
        let after = &rest[start + 1..];
        match after.find('}') {
            Some(end) => {
                let raw = &after[..end];
                let (name, forms) = match raw.split_once('|') {
                    Some((n, forms)) => (n, forms.split_once('|')),
                    None => (raw, None),
                };
                match args.iter().find(|(n, _)| *n == name) {
                    Some((_, v)) => match forms {
                        Some((one, other)) => {
                            out.push_str(if v.to_string() == "1" { one } else { other })
                        }
                        None => out.push_str(&v.to_string()),
                    },
                    None => {
                        out.push('{');
                        out.push_str(raw);
                        out.push('}');
                    }
                }
                rest = &after[end + 1..];
            }
            None => {
                out.push_str(&rest[start..]);
                rest = "";
            }
        }
    }
    out.push_str(rest);
    out
}

/// A text in both languages, as the knowledge-base data files store it.
#[derive(Debug, Clone, PartialEq, Eq, serde::Deserialize, serde::Serialize)]
pub struct Text {
    pub zh: String,
    pub en: String,
}

impl Text {
    pub fn get(&self, lang: Lang) -> &str {
        match lang {
            Lang::Zh => &self.zh,
            Lang::En => &self.en,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn env(pairs: &[(&str, &str)]) -> impl Fn(&str) -> Option<String> {
        let pairs: Vec<(String, String)> = pairs
            .iter()
            .map(|(k, v)| (k.to_string(), v.to_string()))
            .collect();
        move |k| pairs.iter().find(|(n, _)| n == k).map(|(_, v)| v.clone())
    }

    #[test]
    fn english_plurals_follow_the_count() {
        let t = "{n} {n|answer|answers} came";
        assert_eq!(fill(t, &[("n", &1)]), "1 answer came");
        assert_eq!(fill(t, &[("n", &0)]), "0 answers came");
        assert_eq!(fill(t, &[("n", &21)]), "21 answers came");
        assert_eq!(fill("{x|a|b}", &[]), "{x|a|b}");
    }

    #[test]
    fn locale_precedence_follows_posix() {
        assert_eq!(Lang::from_locale(env(&[])), Lang::En);
        assert_eq!(Lang::from_locale(env(&[("LANG", "zh_CN.UTF-8")])), Lang::Zh);
        assert_eq!(
            Lang::from_locale(env(&[
                ("LANG", "zh_CN.UTF-8"),
                ("LC_MESSAGES", "en_US.UTF-8")
            ])),
            Lang::En
        );
        assert_eq!(
            Lang::from_locale(env(&[("LC_ALL", "zh_TW.UTF-8"), ("LC_MESSAGES", "en_US")])),
            Lang::Zh
        );
        assert_eq!(
            Lang::from_locale(env(&[("LC_ALL", ""), ("LANG", "zh_CN")])),
            Lang::Zh
        );
        assert_eq!(Lang::from_locale(env(&[("LANG", "C")])), Lang::En);
    }

    #[test]
    fn lang_values() {
        assert_eq!(Lang::parse("zh"), Some(Lang::Zh));
        assert_eq!(Lang::parse("zh_CN.UTF-8"), Some(Lang::Zh));
        assert_eq!(Lang::parse("EN"), Some(Lang::En));
        assert_eq!(Lang::parse("fr"), None);
    }

    #[test]
    fn fill_replaces_named_placeholders() {
        let n = 3;
        assert_eq!(fill("{a} and {b}", &[("a", &"x"), ("b", &n)]), "x and 3");
        assert_eq!(fill("{missing}", &[]), "{missing}");
        assert_eq!(fill("open { brace", &[]), "open { brace");
    }

    /// The build script refuses a message in one language only; this test says so in the
    /// test report too, and checks the data file as it stands in the repository.
    #[test]
    fn every_message_exists_in_both_languages() {
        let text = include_str!("../data/messages.toml");
        let table: toml::Table = toml::from_str(text).expect("valid TOML");
        fn walk(prefix: &str, t: &toml::Table, count: &mut usize) {
            for (k, v) in t {
                let key = format!("{prefix}{k}");
                let sub = v
                    .as_table()
                    .unwrap_or_else(|| panic!("{key} is not a table"));
                if sub.contains_key("en") || sub.contains_key("zh") {
                    for lang in ["en", "zh"] {
                        let s = sub.get(lang).and_then(|v| v.as_str());
                        assert!(
                            s.is_some_and(|s| !s.trim().is_empty()),
                            "{key} has no {lang} text"
                        );
                    }
                    *count += 1;
                } else {
                    walk(&format!("{key}."), sub, count);
                }
            }
        }
        let mut count = 0;
        walk("", &table, &mut count);
        assert_eq!(count, Msg::ALL.len());
        for m in Msg::ALL {
            assert!(!m.en().is_empty() && !m.zh().is_empty(), "{}", m.key());
        }
    }
}
