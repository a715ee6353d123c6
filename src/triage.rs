//! Triage: what a merchant says, mapped to a failure category and cause with a confidence.
//!
//! The rules are data (`data/symptoms.toml`); this module owns normalising the text the way
//! merchants type it (full-width characters, pinyin left by the input method, typos) and
//! weighing the rules that match.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use crate::codes::CodeTable;
use crate::taxonomy::{Category, Cause};

const SYMPTOMS: &str = include_str!("../data/symptoms.toml");

/// What a response code named in the text weighs: as much as the strongest words.
const CODE_WEIGHT: u32 = 6;

/// Below this much weight a suggestion is unsure however one-sided it is.
const SURE_WEIGHT: u32 = 6;

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Rule {
    pub category: Category,
    #[serde(default)]
    pub cause: Option<Cause>,
    pub weight: u32,
    pub words: Vec<String>,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Rules {
    pub normalize: Vec<(String, String)>,
    pub code_markers: Vec<String>,
    #[serde(rename = "rule")]
    pub rules: Vec<Rule>,
}

/// The suggestion for one description.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Suggestion {
    pub category: Option<Category>,
    pub cause: Option<Cause>,
    /// Percent.
    pub confidence: u8,
    /// Every category that got weight, highest first.
    pub scores: Vec<(Category, u32)>,
    /// The words (after normalising) that matched, in rule order.
    pub matched: Vec<String>,
    /// A response code named in the text and found in the code table.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub code: Option<String>,
}

impl Suggestion {
    /// The `posdoctor fix` command that starts where the suggestion points.
    pub fn next_command(&self) -> Option<String> {
        let c = self.category?;
        Some(match self.cause {
            Some(k) => crate::taxonomy::fix_command(c, k),
            None => format!("posdoctor fix {c}"),
        })
    }
}

impl Rules {
    /// The built-in rules; the file is part of the binary and checked by tests.
    pub fn builtin() -> Rules {
        toml::from_str(SYMPTOMS).unwrap_or_else(|e| panic!("data/symptoms.toml: {e}"))
    }

    /// Rules naming a cause their category does not have, and empty word lists.
    pub fn problems(&self) -> Vec<String> {
        let mut out = Vec::new();
        for r in &self.rules {
            if let Some(c) = r.cause
                && !r.category.causes().contains(&c)
            {
                out.push(format!(
                    "rule for {}: cause {c} is not one of its causes",
                    r.category
                ));
            }
            if r.words.iter().any(|w| normalize(w, &[]).trim().is_empty()) || r.words.is_empty() {
                out.push(format!("rule for {}: an empty word", r.category));
            }
        }
        out
    }

    /// `text` as the rules see it.
    pub fn normalized(&self, text: &str) -> String {
        normalize(text, &self.normalize)
    }

    pub fn suggest(&self, text: &str, codes: &CodeTable) -> Suggestion {
        let text = self.normalized(text);
        let tokens = ascii_words(&text);
        let mut categories: BTreeMap<Category, u32> = BTreeMap::new();
        let mut causes: BTreeMap<(Category, Cause), u32> = BTreeMap::new();
        let mut matched = Vec::new();
        for rule in &self.rules {
            let hits: Vec<&String> = rule
                .words
                .iter()
                .filter(|w| {
                    let w = normalize(w, &[]);
                    contains_word(&text, &w) || fuzzy_hit(&tokens, &w)
                })
                .collect();
            if hits.is_empty() {
                continue;
            }
            // A second and third word of the same rule add a little: saying it twice is
            // surer, but not twice as sure.
            let weight = rule.weight + (hits.len() as u32 - 1).min(2);
            *categories.entry(rule.category).or_default() += weight;
            if let Some(c) = rule.cause {
                *causes.entry((rule.category, c)).or_default() += weight;
            }
            matched.extend(hits.into_iter().cloned());
        }
        let code = self
            .named_codes(&text)
            .into_iter()
            .find_map(|c| codes.get(&c).filter(|e| !e.approved).map(|e| (c, e)));
        if let Some((c, e)) = &code {
            *categories.entry(e.category).or_default() += CODE_WEIGHT;
            *causes.entry((e.category, e.cause)).or_default() += CODE_WEIGHT;
            matched.push(c.clone());
        }
        let mut scores: Vec<(Category, u32)> = categories.into_iter().collect();
        scores.sort_by_key(|s| std::cmp::Reverse(s.1));
        let total: u32 = scores.iter().map(|s| s.1).sum();
        let top = scores.first().copied();
        let category = top.map(|t| t.0);
        let cause = category.and_then(|cat| {
            causes
                .iter()
                .filter(|((c, _), _)| *c == cat)
                .max_by_key(|(_, w)| **w)
                .map(|((_, k), _)| *k)
        });
        let confidence = match top {
            Some((_, w)) if total > 0 => {
                let share = f64::from(w) / f64::from(total);
                let sure = (f64::from(w) / f64::from(SURE_WEIGHT)).min(1.0);
                (share * sure * 100.0).round() as u8
            }
            _ => 0,
        };
        Suggestion {
            category,
            cause,
            confidence,
            scores,
            matched,
            code: code.map(|(c, _)| c),
        }
    }

    /// Two-character codes right after a marker word ("返回码 51", "code:A0").
    fn named_codes(&self, text: &str) -> Vec<String> {
        let mut out = Vec::new();
        for m in &self.code_markers {
            let m = normalize(m, &[]);
            for (at, _) in text.match_indices(m.as_str()) {
                let rest = text[at + m.len()..].trim_start_matches(|c: char| {
                    c.is_whitespace() || matches!(c, ':' | '=' | '是' | '为' | '了')
                });
                let code: String = rest.chars().take(2).collect();
                let after = rest.chars().nth(2);
                if code.chars().count() == 2
                    && code.chars().all(|c| c.is_ascii_alphanumeric())
                    && !after.is_some_and(|c| c.is_ascii_alphanumeric())
                {
                    out.push(code.to_ascii_uppercase());
                }
            }
        }
        out
    }
}

/// Lower case, full-width forms made half-width, whitespace collapsed, then `pairs`
/// replaced in order.
pub fn normalize(text: &str, pairs: &[(String, String)]) -> String {
    let mut s = String::with_capacity(text.len());
    let mut space = false;
    for c in text.chars() {
        let c = match c {
            '\u{FF01}'..='\u{FF5E}' => char::from_u32(c as u32 - 0xFEE0).unwrap_or(c),
            '\u{3000}' => ' ',
            '。' => '.',
            '、' => ',',
            '“' | '”' | '‘' | '’' => '\'',
            _ => c,
        };
        if c.is_whitespace() {
            space = true;
            continue;
        }
        if space && !s.is_empty() {
            s.push(' ');
        }
        space = false;
        s.extend(c.to_lowercase());
    }
    for (from, to) in pairs {
        let from = from.to_lowercase();
        if s.contains(&from) {
            s = s.replace(&from, to);
        }
    }
    s
}

/// Whether `word` occurs in `text`; an ASCII word must not be part of a longer ASCII word
/// ("mac" is not in "machine"), while Chinese has no word boundaries to respect.
fn contains_word(text: &str, word: &str) -> bool {
    if word.is_empty() {
        return false;
    }
    let ascii = |c: Option<char>| c.is_some_and(|c| c.is_ascii_alphanumeric());
    text.match_indices(word).any(|(at, _)| {
        let before = text[..at].chars().next_back();
        let after = text[at + word.len()..].chars().next();
        let first = word.chars().next();
        let last = word.chars().next_back();
        !(ascii(first) && ascii(before) || ascii(last) && ascii(after))
    })
}

fn ascii_words(text: &str) -> Vec<&str> {
    text.split(|c: char| !(c.is_ascii_alphanumeric() || c == '\''))
        .filter(|w| !w.is_empty())
        .collect()
}

/// A single English word of five letters or more, typed with one letter wrong, missing or
/// extra ("declnied" is two edits and does not count; "timout" does).
fn fuzzy_hit(tokens: &[&str], word: &str) -> bool {
    if word.len() < 5 || !word.bytes().all(|b| b.is_ascii_alphabetic()) {
        return false;
    }
    tokens
        .iter()
        .any(|t| t.len() >= 4 && strsim::levenshtein(t, word) == 1)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn normalising_undoes_full_width_and_pinyin() {
        let r = Rules::builtin();
        assert_eq!(r.normalized("ＰＯＳ机　刷ka没反应！"), "pos机 刷卡没反应!");
        assert_eq!(r.normalized("钱没dao账"), "钱没到账");
    }

    #[test]
    fn ascii_words_respect_boundaries() {
        assert!(contains_word("the mac failed", "mac"));
        assert!(!contains_word("the machine", "mac"));
        assert!(contains_word("4g信号", "4g"));
        assert!(contains_word("没反应了", "没反应"));
        assert!(fuzzy_hit(&["timout"], "timeout"));
        assert!(!fuzzy_hit(&["tim"], "timeout"));
    }

    #[test]
    fn the_rules_are_consistent() {
        assert_eq!(Rules::builtin().problems(), Vec::<String>::new());
    }
}
