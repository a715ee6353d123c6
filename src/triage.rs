//! Triage: what a merchant says, mapped to a failure category and cause with a confidence.
//!
//! The rules are data (`data/symptoms.toml`); this module owns normalising the text the way
//! merchants type it (full-width characters, pinyin left by the input method, typos) and
//! weighing the rules that match.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use crate::codes::CodeTable;
use crate::i18n::Text;
use crate::taxonomy::{Category, Cause};

const SYMPTOMS: &str = include_str!("../data/symptoms.toml");

/// What a response code named in the text weighs: as much as the strongest words.
const CODE_WEIGHT: u32 = 6;

/// A response code standing alone ("pos机系统故障96", "显示05"), with no marker word before
/// it: a little less than a named one, and only in a short complaint, where a two-character
/// token is unlikely to be anything else.
const BARE_CODE_WEIGHT: u32 = 5;

/// How long (in characters, after normalising) a complaint may be for a bare code to count.
const BARE_CODE_MAX_CHARS: usize = 60;

/// Below this much weight a suggestion is unsure however one-sided it is.
const SURE_WEIGHT: u32 = 6;

/// The least weight the leading category needs before triage names it at all: one weak word
/// ("显示", "失败") is not a diagnosis.
const MIN_WEIGHT: u32 = 3;

/// The least share of all the weight the leading category needs: when the words point two
/// ways, "cannot tell" (and, on a terminal, a question) beats a wrong guide.
const MIN_SHARE: f64 = 0.6;

/// What an answer to a triage question weighs for each category it favours: as much as a
/// response code, so one clear answer can settle two close candidates.
pub const QUESTION_WEIGHT: u32 = 6;

/// At most this many questions before triage gives the choice to the operator.
pub const MAX_QUESTIONS: usize = 2;

/// How many units (characters, English words) away from a word a negation may stand
/// ("并没有打印出票据"), before it, or after it for classes that allow it ("小票也没出").
const NEGATION_WINDOW: usize = 5;

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Rule {
    pub category: Category,
    #[serde(default)]
    pub cause: Option<Cause>,
    pub weight: u32,
    pub words: Vec<String>,
    /// Whether a negator next to a word cancels it ("密码没输错" is no operator error). Only
    /// for words that claim something happened: "未签到" and "没网络" are complaints.
    #[serde(default)]
    pub negatable: bool,
}

/// A class of words that mean one thing ("the card was debited", "a slip"), used by combined
/// rules; each occurrence is either plain or negated ("没有扣款", "no receipt").
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Class {
    pub name: String,
    pub words: Vec<String>,
    /// Whether a negation right after a word also negates it ("小票也没出", "打不出").
    #[serde(default)]
    pub negated_after: bool,
}

/// A rule that needs one word of each listed class: `"debit"` a plain occurrence,
/// `"!receipt"` a negated one. It says what no single word can ("交易失败但已扣款").
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Combo {
    pub category: Category,
    #[serde(default)]
    pub cause: Option<Cause>,
    pub weight: u32,
    pub all: Vec<String>,
}

/// A short question that splits candidate categories when the words leave them close
/// ("Was the customer's card charged?"), asked on a terminal or answered with `--answer`.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Question {
    /// The id `--answer` uses.
    pub id: String,
    pub text: Text,
    pub answers: Vec<Answer>,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Answer {
    pub key: String,
    pub text: Text,
    /// The categories this answer speaks for (none: it rules nothing in).
    #[serde(default)]
    pub favours: Vec<Category>,
}

impl Question {
    pub fn keys(&self) -> Vec<String> {
        self.answers.iter().map(|a| a.key.clone()).collect()
    }

    /// Whether some answer speaks for `a` and not `b`, and some for `b` and not `a`; with no
    /// `b`, whether some answer speaks for `a` and some does not.
    fn splits(&self, a: Category, b: Option<Category>) -> bool {
        let for_ = |x: Category, y: Option<Category>| {
            self.answers
                .iter()
                .any(|ans| ans.favours.contains(&x) && y.is_none_or(|y| !ans.favours.contains(&y)))
        };
        match b {
            Some(b) => for_(a, Some(b)) && for_(b, Some(a)),
            None => for_(a, None) && self.answers.iter().any(|ans| !ans.favours.contains(&a)),
        }
    }
}

/// The category `scores` point to clearly enough: enough weight, and a clear share of it.
pub fn decide(scores: &[(Category, u32)]) -> Option<Category> {
    let total: u32 = scores.iter().map(|s| s.1).sum();
    let (category, w) = scores.iter().copied().max_by_key(|s| s.1)?;
    (w >= MIN_WEIGHT && f64::from(w) >= MIN_SHARE * f64::from(total.max(1))).then_some(category)
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Rules {
    pub normalize: Vec<(String, String)>,
    /// Traditional characters and their simplified forms, in pairs ("機机顯显…").
    #[serde(default)]
    pub traditional: String,
    pub code_markers: Vec<String>,
    /// Words (English) and characters (Chinese) that negate a class word next to them.
    #[serde(default)]
    pub negators: Vec<String>,
    /// What may stand between a negator and the word it negates ("没有被扣钱": 有, 被).
    #[serde(default)]
    pub fillers: Vec<String>,
    #[serde(rename = "class", default)]
    pub classes: Vec<Class>,
    #[serde(rename = "combo", default)]
    pub combos: Vec<Combo>,
    #[serde(rename = "rule")]
    pub rules: Vec<Rule>,
    #[serde(rename = "question", default)]
    pub questions: Vec<Question>,
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
    /// The strongest cause for each category that got one, so that an answered question can
    /// start the guide at the cause the words named.
    #[serde(skip)]
    pub causes: Vec<(Category, Cause)>,
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

    /// Rules naming a cause their category does not have, empty word lists, classes that do
    /// not exist, questions without two answers or with ids that clash with guide nodes.
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
        for c in &self.combos {
            if let Some(k) = c.cause
                && !c.category.causes().contains(&k)
            {
                out.push(format!(
                    "combined rule for {}: cause {k} is not one of its causes",
                    c.category
                ));
            }
            for name in &c.all {
                let name = name.trim_start_matches('!');
                if !self.classes.iter().any(|k| k.name == name) {
                    out.push(format!("combined rule for {}: no class {name}", c.category));
                }
            }
            if c.all.is_empty() {
                out.push(format!("combined rule for {}: no classes", c.category));
            }
        }
        for k in &self.classes {
            if k.words.is_empty() || k.words.iter().any(|w| normalize(w, &[]).trim().is_empty()) {
                out.push(format!("class {}: an empty word", k.name));
            }
        }
        for q in &self.questions {
            if q.answers.len() < 2 {
                out.push(format!("question {}: fewer than two answers", q.id));
            }
            if self.questions.iter().filter(|o| o.id == q.id).count() > 1 {
                out.push(format!("question {}: the id is used twice", q.id));
            }
            if ["triage", "category", "cause"].contains(&q.id.as_str())
                || q.id.contains('.')
                || Cause::ALL.iter().any(|c| c.key() == q.id)
            {
                out.push(format!(
                    "question {}: the id clashes with a guide node",
                    q.id
                ));
            }
        }
        if !self.traditional.chars().count().is_multiple_of(2) {
            out.push("traditional: characters do not pair up".into());
        }
        out
    }

    /// `text` as the rules see it: traditional characters made simplified, then normalised.
    pub fn normalized(&self, text: &str) -> String {
        let pairs: Vec<char> = self.traditional.chars().collect();
        let simplified: String = text
            .chars()
            .map(|c| {
                pairs
                    .chunks_exact(2)
                    .find(|p| p[0] == c)
                    .map_or(c, |p| p[1])
            })
            .collect();
        normalize(&simplified, &self.normalize)
    }

    /// For each class, the first plain and the first negated word found in `text`.
    fn classes_in(&self, text: &str) -> BTreeMap<&str, (Option<String>, Option<String>)> {
        let mut out = BTreeMap::new();
        for class in &self.classes {
            let mut plain = None;
            let mut negated = None;
            for w in &class.words {
                let w = normalize(w, &[]);
                for at in word_positions(text, &w) {
                    let neg = negated_at(text, at, w.len(), class.negated_after, self);
                    let slot = if neg { &mut negated } else { &mut plain };
                    if slot.is_none() {
                        *slot = Some(w.clone());
                    }
                }
            }
            out.insert(class.name.as_str(), (plain, negated));
        }
        out
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
                    if rule.negatable {
                        word_positions(&text, &w)
                            .into_iter()
                            .any(|at| !negated_at(&text, at, w.len(), false, self))
                    } else {
                        contains_word(&text, &w) || fuzzy_hit(&tokens, &w)
                    }
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
        let found = self.classes_in(&text);
        for combo in &self.combos {
            let hits: Option<Vec<String>> = combo
                .all
                .iter()
                .map(|name| {
                    let (plain, negated) = found.get(name.trim_start_matches('!'))?;
                    if name.starts_with('!') {
                        negated.clone()
                    } else {
                        plain.clone()
                    }
                })
                .collect();
            let Some(hits) = hits else {
                continue;
            };
            *categories.entry(combo.category).or_default() += combo.weight;
            if let Some(c) = combo.cause {
                *causes.entry((combo.category, c)).or_default() += combo.weight;
            }
            // A class word already inside a matched word ("小票" in "小票也没出") adds nothing
            // to read.
            for h in hits {
                if !matched.iter().any(|m| m.contains(h.as_str())) {
                    matched.push(h);
                }
            }
        }
        let usable = |c: String| codes.get(&c).filter(|e| !e.approved).map(|e| (c, e));
        let named = self.named_codes(&text).into_iter().find_map(usable);
        let code = match named {
            Some((c, e)) => Some((c, e, CODE_WEIGHT)),
            None if text.chars().count() <= BARE_CODE_MAX_CHARS => bare_codes(&text)
                .into_iter()
                .find_map(usable)
                .map(|(c, e)| (c, e, BARE_CODE_WEIGHT)),
            None => None,
        };
        if let Some((c, e, weight)) = &code {
            *categories.entry(e.category).or_default() += weight;
            *causes.entry((e.category, e.cause)).or_default() += weight;
            matched.push(c.clone());
        }
        let mut scores: Vec<(Category, u32)> = categories.into_iter().collect();
        scores.sort_by_key(|s| std::cmp::Reverse(s.1));
        let total: u32 = scores.iter().map(|s| s.1).sum();
        let top = scores.first().copied();
        let category = decide(&scores);
        let best_cause = |cat: Category| {
            causes
                .iter()
                .filter(|((c, _), _)| *c == cat)
                .max_by_key(|(_, w)| **w)
                .map(|((_, k), _)| *k)
        };
        let cause = category.and_then(best_cause);
        let best_causes = Category::ALL
            .into_iter()
            .filter_map(|c| best_cause(c).map(|k| (c, k)))
            .collect();
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
            code: code.map(|(c, _, _)| c),
            causes: best_causes,
        }
    }

    pub fn question(&self, id: &str) -> Option<&Question> {
        self.questions.iter().find(|q| q.id == id)
    }

    /// `scores` with what the answers so far add.
    pub fn rescored(
        &self,
        scores: &[(Category, u32)],
        answers: &[(String, String)],
    ) -> Vec<(Category, u32)> {
        // An answer speaks among the candidates the words raised; it raises new ones only
        // when the words raised none ("charged: yes" picks no-response over declined, and
        // does not bring in not-credited).
        let open = scores.iter().all(|s| s.1 == 0);
        let mut out: BTreeMap<Category, u32> = scores.iter().copied().collect();
        for (id, key) in answers {
            let favours = self
                .question(id)
                .and_then(|q| q.answers.iter().find(|a| &a.key == key))
                .map(|a| a.favours.as_slice())
                .unwrap_or_default();
            for c in favours {
                if open || out.contains_key(c) {
                    *out.entry(*c).or_default() += QUESTION_WEIGHT;
                }
            }
        }
        let mut out: Vec<(Category, u32)> = out.into_iter().filter(|s| s.1 > 0).collect();
        out.sort_by_key(|s| std::cmp::Reverse(s.1));
        out
    }

    /// The next question worth asking: none when the answers so far decide, when
    /// [`MAX_QUESTIONS`] have been asked, or when no question left splits the two leading
    /// candidates (the leading one from the rest, when there is one; any, when there is none).
    pub fn next_question(
        &self,
        scores: &[(Category, u32)],
        answers: &[(String, String)],
    ) -> Option<&Question> {
        let scores = self.rescored(scores, answers);
        if decide(&scores).is_some() || answers.len() >= MAX_QUESTIONS {
            return None;
        }
        let open = self
            .questions
            .iter()
            .filter(|q| !answers.iter().any(|(id, _)| *id == q.id));
        match scores.as_slice() {
            [] => open.into_iter().next(),
            [(a, _)] => open.into_iter().find(|q| q.splits(*a, None)),
            [(a, _), (b, _), ..] => open.into_iter().find(|q| q.splits(*a, Some(*b))),
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
            // A Turkish keyboard's dotless i ("receıvıng").
            'ı' => 'i',
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
    !word_positions(text, word).is_empty()
}

/// Where `word` occurs in `text`, with the same boundaries as [`contains_word`].
fn word_positions(text: &str, word: &str) -> Vec<usize> {
    if word.is_empty() {
        return Vec::new();
    }
    let ascii = |c: Option<char>| c.is_some_and(|c| c.is_ascii_alphanumeric());
    text.match_indices(word)
        .filter(|(at, _)| {
            let before = text[..*at].chars().next_back();
            let after = text[at + word.len()..].chars().next();
            let first = word.chars().next();
            let last = word.chars().next_back();
            !(ascii(first) && ascii(before) || ascii(last) && ascii(after))
        })
        .map(|(at, _)| at)
        .collect()
}

/// Whether the word at `at..at + len` is negated: a negator before it ("没有扣款", "not
/// received") or, when `after` allows, after it ("小票也没出"), with nothing between but
/// filler ("没有被扣钱", "并没有打印出票据", "receipt didn't print"). Anything else between —
/// another word, a comma, "但" — ends the negation's reach, so "没出小票钱扣了" is a debit.
fn negated_at(text: &str, at: usize, len: usize, after: bool, rules: &Rules) -> bool {
    let reaches = |units: Vec<String>| {
        for u in units.iter().take(NEGATION_WINDOW) {
            if rules.negators.iter().any(|n| is_negator(u, n)) {
                return true;
            }
            if !rules.fillers.iter().any(|f| f == u) {
                return false;
            }
        }
        false
    };
    let mut back = units(&text[..at]);
    back.reverse();
    if reaches(back) {
        return true;
    }
    after && reaches(units(&text[at + len..]))
}

fn is_negator(unit: &str, negator: &str) -> bool {
    unit == negator || (negator == "n't" && unit.ends_with("n't"))
}

/// The text as units: an English word, a Chinese character, or a punctuation mark each.
fn units(s: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut word = String::new();
    for c in s.chars() {
        if c.is_ascii_alphanumeric() || c == '\'' {
            word.push(c);
            continue;
        }
        if !word.is_empty() {
            out.push(std::mem::take(&mut word));
        }
        if !c.is_whitespace() {
            out.push(c.to_string());
        }
    }
    if !word.is_empty() {
        out.push(word);
    }
    out
}

/// Two-character tokens that could be response codes, standing alone: not part of a longer
/// run of letters and digits, not an amount, a time, a percentage or a date ("51块",
/// "23:00", "30%", "2023-04-10").
fn bare_codes(text: &str) -> Vec<String> {
    const UNITS: &str = "元块%次秒分天万个笔岁年月日点时号人台张位件倍期页s";
    let chars: Vec<char> = text.chars().collect();
    let mut out = Vec::new();
    let mut i = 0;
    while i < chars.len() {
        if !chars[i].is_ascii_alphanumeric() {
            i += 1;
            continue;
        }
        let start = i;
        while i < chars.len() && chars[i].is_ascii_alphanumeric() {
            i += 1;
        }
        if i - start != 2 {
            continue;
        }
        let token: String = chars[start..i].iter().collect();
        let before = start.checked_sub(1).map(|b| chars[b]);
        let after = chars.get(i).copied();
        let amountish = before.is_some_and(|c| "$¥+-./:#~".contains(c))
            || after.is_some_and(|c| UNITS.contains(c) || "-./:%".contains(c));
        if token.chars().any(|c| c.is_ascii_digit()) && !amountish {
            out.push(token.to_ascii_uppercase());
        }
    }
    out
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
    fn negation_reaches_over_fillers_only() {
        let r = Rules::builtin();
        let found = |t: &str| {
            let t = r.normalized(t);
            r.classes_in(&t)
                .into_iter()
                .map(|(k, (p, n))| (k.to_string(), (p.is_some(), n.is_some())))
                .collect::<BTreeMap<String, (bool, bool)>>()
        };
        // Plain and negated debits.
        assert_eq!(found("扣款了")["debit"], (true, false));
        assert_eq!(found("顾客没有被扣钱")["debit"], (false, true));
        assert_eq!(found("customer was not charged")["debit"], (false, true));
        // A negation does not reach over other words or a comma.
        assert_eq!(found("没出小票钱扣了")["debit"], (true, false));
        assert_eq!(found("不成功,扣款了")["debit"], (true, false));
        // Slips: negated before and, for this class, after.
        assert!(found("并没有打印出票据")["receipt"].1);
        assert!(found("小票也没出")["receipt"].1);
        assert!(found("no receipt")["receipt"].1);
        assert_eq!(found("打出了小票")["receipt"], (true, false));
    }

    #[test]
    fn debit_without_slip_is_no_response_and_no_debit_is_not() {
        let r = Rules::builtin();
        let codes = CodeTable::load(None).unwrap();
        let cat = |t: &str| r.suggest(t, &codes).category;
        for t in [
            "卡被扣款了但是没出小票",
            "扣了钱没打单",
            "钱扣了交易失败",
            "刷卡失败但已扣款",
            "customer was charged but no receipt printed",
        ] {
            assert_eq!(cat(t), Some(Category::NoResponse), "{t}");
        }
        assert_eq!(cat("交易失败,没有扣款"), Some(Category::Declined));
    }

    #[test]
    fn bare_codes_count_in_short_complaints_but_not_amounts() {
        assert_eq!(bare_codes("pos机系统故障96"), ["96"]);
        assert_eq!(bare_codes("显示05"), ["05"]);
        assert_eq!(bare_codes("刷了51块"), Vec::<String>::new());
        assert_eq!(
            bare_codes("23:00以后 30% 2023-04-10 ~30s 2850"),
            Vec::<String>::new()
        );
        let r = Rules::builtin();
        let codes = CodeTable::load(None).unwrap();
        let s = r.suggest("顾客的卡刷不了,显示51", &codes);
        assert_eq!(
            (s.category, s.cause),
            (Some(Category::Declined), Some(Cause::Funds))
        );
        assert_eq!(s.code.as_deref(), Some("51"));
        // Not a code in a long story.
        let long = "今天下午来了一位顾客买了51件衣服,刷卡以后机器一直转圈,等了好久也没有任何结果出来,小票也没打,最后只好让他扫码付款";
        assert_eq!(r.suggest(long, &codes).code, None);
    }

    #[test]
    fn traditional_characters_read_as_simplified() {
        let r = Rules::builtin();
        assert_eq!(r.normalized("POS機顯示無效卡"), "pos机显示无效卡");
    }

    #[test]
    fn questions_split_the_leading_candidates() {
        let r = Rules::builtin();
        let scores = [(Category::NoResponse, 8), (Category::Declined, 6)];
        let q = r.next_question(&scores, &[]).unwrap();
        assert_eq!(q.id, "charged");
        let yes = [("charged".to_string(), "yes".to_string())];
        assert_eq!(r.next_question(&scores, &yes).map(|q| q.id.as_str()), None);
        assert_eq!(
            decide(&r.rescored(&scores, &yes)),
            Some(Category::NoResponse)
        );
        // Declined against terminated: only the screen tells.
        let scores = [(Category::Declined, 4), (Category::Terminated, 4)];
        assert_eq!(r.next_question(&scores, &[]).unwrap().id, "shown");
        // Nothing to go on: the first question, and at most two.
        assert_eq!(r.next_question(&[], &[]).unwrap().id, "charged");
        let two = [
            ("charged".to_string(), "unknown".to_string()),
            ("voiding".to_string(), "no".to_string()),
        ];
        assert!(r.next_question(&[], &two).is_none());
    }

    #[test]
    fn the_rules_are_consistent() {
        assert_eq!(Rules::builtin().problems(), Vec::<String>::new());
    }
}
