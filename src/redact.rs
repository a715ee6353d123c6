//! The one redaction policy: what outside text may carry into output, storage or an error
//! message.
//!
//! Outside text (CSV cells, config values, command-line arguments, incident notes, gateway
//! answers, URLs) passes through here at the boundary where it enters a message, a rendered
//! line, a JSON document or the database. Nothing else in the tool decides what is secret.
//!
//! [`secrets`] (storage, JSON, everything) hides, in this order:
//!
//! * **Track 2**: 12–19 digits, then `=` or `D`, then at least 4 digits (`YYMM`, service code,
//!   discretionary data). The card number is masked 6+4 and everything after the separator is
//!   replaced by `*`. The shape alone is enough: it is never anything but track data.
//! * **Keys**: a chain of hexadecimal words, written together or with up to three separators
//!   between groups (`0123 4567 …`, `0123-4567-…`), holding 16 or more hex digits, one
//!   word of which mixes digits and letters `A`–`F` (or, written in groups of one size,
//!   with digits and letters among them). The whole chain becomes `********`.
//!   Words count only whole (`check` or `token` are never part of a chain), so English text
//!   does not match; a key that happens to be all decimal digits is left to the card rules
//!   (a 16-digit one is hidden by the last of them). `:` is not a separator here, so full
//!   IPv6 addresses survive.
//! * **Card numbers**: digit groups (ASCII or full-width digits) joined by up to three
//!   separators of the kinds people and Chinese input methods type: space, double space,
//!   tab, NBSP and other fixed spaces, ideographic space, `-` `.` `/` `_` `,`, full-width
//!   `－．／＿`, `，`, `、`, `。`. A run of whole groups is masked 6+4
//!   (`622202*********0123`) when it holds 13–19 digits, starts like a card of a scheme
//!   seen at Chinese counters (3, 4, 5, 6, 9, or 2221–2720: dates, and the RRNs and order
//!   numbers that begin with one, do not), and either is written as a card is (unbroken, or
//!   in groups of four) — whatever its check digit, since a mistyped card number is still
//!   a card number to whoever reads it — or passes the Luhn check in groups of at most six
//!   digits (or 6 + the rest). 15 digits count only as American Express (`34`, `37`) with
//!   a valid check digit: 15 digits is also the length of a UnionPay merchant ID, which must
//!   stay readable. A long number next to a short one (`13800138000，2026`) is never joined
//!   into a card. A single unbroken run of exactly 16 digits is masked whatever it starts
//!   with: it may be a single-length DES key written in decimals.
//! * **Credentials in URLs**: the user information (`https://user:pass@host`) and the values
//!   of query parameters named like a credential (`token`, `key`, `secret`, `pass`, `pwd`,
//!   `sign`, `auth`, `session`) become `***`.
//!
//! What survives, and why: 12-digit RRNs, 6-digit STANs, 8-digit terminal IDs, 15-digit
//! merchant IDs, 11-digit phone numbers, dates and times (`:` separates nothing here, and a
//! date has 8 digits), amounts (`1,234,567.89`: too few digits, or not starting like a
//! card), order numbers of 20 or more unbroken digits (a card number is never longer than
//! 19), KCVs (6 hex digits).
//! The price of the separators list is a rare false positive: short numbers written next to
//! each other (`300.00 1234 5678 9012`) that start like a card and together pass the Luhn
//! check are masked; a masked number costs a look-up, a leaked card costs a breach.
//!
//! What is not caught: a card number glued to more digits (a 20+ digit run), one with other
//! characters between its digits (`6222a0212…`), cards of other industries (airline 1,
//! fuel 7, health 8) and 15-digit numbers other than American Express, CVVs and PINs on
//! their own (3–6 digits are indistinguishable from codes and amounts: they must never be
//! asked for), and tokens that are not in a URL (an API token in a config is read from a
//! file or the environment and is never printed).
//!
//! [`line`] and [`block`] add the terminal rule for human output and error messages: C0 and C1
//! control characters, DEL, and the bidirectional overrides and isolates (U+202A–U+202E,
//! U+2066–U+2069, with U+200E, U+200F, U+061C and the line/paragraph separators) are shown
//! as escapes (`\r`, `\u001b`, `\u202e`: also valid inside a JSON string), so outside
//! text can neither move the cursor, rewrite a line nor reorder what the user reads.
//! [`terminal`] is the last net before stdout: the same, except for the color sequences the
//! renderer itself writes.

use std::borrow::Cow;

/// What a hidden key is shown as.
pub const HIDDEN_KEY: &str = "********";

/// A decimal digit, ASCII or full-width (what Chinese input methods type in full-width mode).
fn digit(c: char) -> Option<u8> {
    match c {
        '0'..='9' => Some(c as u8 - b'0'),
        '０'..='９' => Some((c as u32 - '０' as u32) as u8),
        _ => None,
    }
}

fn is_hex(c: char) -> bool {
    digit(c).is_some() || matches!(c, 'a'..='f' | 'A'..='F' | 'ａ'..='ｆ' | 'Ａ'..='Ｆ')
}

fn is_word(c: char) -> bool {
    c.is_ascii_alphanumeric() || matches!(c, '０'..='９' | 'ａ'..='ｚ' | 'Ａ'..='Ｚ')
}

/// What people type between groups of a long number.
fn is_separator(c: char) -> bool {
    matches!(
        c,
        ' ' | '\t'
            | ','
            | '-'
            | '.'
            | '/'
            | '_'
            | '\u{a0}'
            | '\u{2007}'
            | '\u{2009}'
            | '\u{202f}'
            | '\u{3000}'
            | '－'
            | '．'
            | '／'
            | '＿'
            | '，'
            | '、'
            | '。'
    )
}

/// At most this many separator characters between two groups (a double space with a dash,
/// a Chinese comma with a space).
const MAX_GAP: usize = 3;

fn linked(chars: &[char], from: usize, to: usize) -> bool {
    let gap = to - from;
    (1..=MAX_GAP).contains(&gap) && chars[from..to].iter().all(|c| is_separator(*c))
}

/// ISO/IEC 7812-1 check digit over decimal digit values.
fn luhn(digits: &[u8]) -> bool {
    let sum: u32 = digits
        .iter()
        .rev()
        .enumerate()
        .map(|(i, d)| {
            let d = u32::from(*d);
            if i % 2 == 1 {
                if d * 2 > 9 { d * 2 - 9 } else { d * 2 }
            } else {
                d
            }
        })
        .sum();
    sum.is_multiple_of(10)
}

/// Whether the whole groups `groups` (holding `digits`) are a card number: see the module
/// documentation for the rules and why.
fn is_card(digits: &[u8], groups: &[(usize, usize)]) -> bool {
    let n = digits.len();
    if !(13..=19).contains(&n) || !card_prefix(digits) {
        return false;
    }
    if n == 15 {
        // Also the length of a UnionPay merchant ID: only American Express counts.
        return matches!(digits[..2], [3, 4] | [3, 7]) && luhn(digits);
    }
    let len = |g: &(usize, usize)| g.1 - g.0;
    match groups {
        [_] => true,
        _ if grouped_like_a_card(groups) => true,
        [first, _] if len(first) == 6 => luhn(digits),
        _ => groups.iter().all(|g| len(g) <= 6) && luhn(digits),
    }
}

/// Starts like a card of a scheme seen at Chinese counters: American Express, JCB and
/// Diners (3), Visa (4), Mastercard (51–55, 2221–2720), UnionPay and Discover (6), the old
/// domestic debit cards (9, as ICBC's 9558). Dates (`2026…`), and the RRNs and order
/// numbers that start with them, do not.
fn card_prefix(digits: &[u8]) -> bool {
    let four = digits
        .iter()
        .take(4)
        .fold(0u32, |n, d| n * 10 + u32::from(*d));
    matches!(digits.first(), Some(3..=6 | 9))
        || (digits.len() >= 4 && (2221..=2720).contains(&four))
}

/// Written in groups of four as on the card (`6222 0212 3456 7890 123`).
fn grouped_like_a_card(groups: &[(usize, usize)]) -> bool {
    let n = groups.len();
    n >= 3
        && groups[..n - 1].iter().all(|g| g.1 - g.0 == 4)
        && (1..=4).contains(&(groups[n - 1].1 - groups[n - 1].0))
}

/// A card number in the one form it may be shown: first 6 and last 4 digits.
fn mask_digits(digits: &[u8]) -> String {
    let n = digits.len();
    let shown = |d: &[u8]| d.iter().map(|d| char::from(b'0' + d)).collect::<String>();
    if n <= 10 {
        return "*".repeat(n);
    }
    format!(
        "{}{}{}",
        shown(&digits[..6]),
        "*".repeat(n - 10),
        shown(&digits[n - 4..])
    )
}

/// Whether `text` (spaces and dashes removed) is a card number already masked: at most 6
/// leading and 4 trailing digits around at least one `*`, `x` or `X`, and nothing else, 19
/// characters at most. `6222021234567890123*` is not: it shows 19 digits.
pub fn is_masked_card(text: &str) -> bool {
    let compact: Vec<char> = text.chars().filter(|c| !matches!(c, ' ' | '-')).collect();
    let lead = compact.iter().take_while(|c| c.is_ascii_digit()).count();
    let trail = compact
        .iter()
        .rev()
        .take_while(|c| c.is_ascii_digit())
        .count();
    let middle = &compact[lead..compact.len().saturating_sub(trail).max(lead)];
    compact.len() <= 19
        && lead <= 6
        && trail <= 4
        && !middle.is_empty()
        && middle.iter().all(|c| matches!(c, '*' | 'x' | 'X'))
}

/// Replacements found by a pass: char ranges and their text, in order, not overlapping.
type Spans = Vec<(usize, usize, String)>;

fn apply(chars: Vec<char>, spans: Spans) -> Vec<char> {
    if spans.is_empty() {
        return chars;
    }
    let mut out = Vec::with_capacity(chars.len());
    let mut at = 0;
    for (s, e, with) in spans {
        out.extend_from_slice(&chars[at..s]);
        out.extend(with.chars());
        at = e;
    }
    out.extend_from_slice(&chars[at..]);
    out
}

/// Maximal runs of chars for which `unit` holds, as `[start, end)`.
fn runs(chars: &[char], unit: impl Fn(char) -> bool) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    let mut i = 0;
    while i < chars.len() {
        if unit(chars[i]) {
            let s = i;
            while i < chars.len() && unit(chars[i]) {
                i += 1;
            }
            out.push((s, i));
        } else {
            i += 1;
        }
    }
    out
}

fn track2(chars: &[char]) -> Spans {
    let mut spans = Vec::new();
    for (s, e) in runs(chars, |c| digit(c).is_some()) {
        if spans.last().is_some_and(|(_, end, _)| s < *end) || !(12..=19).contains(&(e - s)) {
            continue;
        }
        let sep = match chars.get(e) {
            Some(c @ ('=' | 'D' | 'd')) => *c,
            _ => continue,
        };
        let yymm = chars.get(e + 1..e + 5);
        if !yymm.is_some_and(|t| t.iter().all(|c| digit(*c).is_some())) {
            continue;
        }
        let mut j = e + 1;
        while j < chars.len() && (is_hex(chars[j]) || chars[j] == '=') {
            j += 1;
        }
        let pan: Vec<u8> = chars[s..e].iter().filter_map(|c| digit(*c)).collect();
        let text = format!("{}{sep}{}", mask_digits(&pan), "*".repeat(j - e - 1));
        spans.push((s, j, text));
    }
    spans
}

fn keys(chars: &[char]) -> Spans {
    let words = runs(chars, is_word);
    let mut spans = Vec::new();
    let mut i = 0;
    while i < words.len() {
        let all_hex = |w: (usize, usize)| chars[w.0..w.1].iter().all(|c| is_hex(*c));
        if !all_hex(words[i]) {
            i += 1;
            continue;
        }
        let mut j = i;
        while j + 1 < words.len()
            && all_hex(words[j + 1])
            && linked(chars, words[j].1, words[j + 1].0)
        {
            j += 1;
        }
        let (s, e) = (words[i].0, words[j].1);
        let hex = chars[s..e].iter().filter(|c| is_hex(**c)).count();
        // A word mixing digits and letters: never an English word or a plain number, so
        // `a fee 123456789012` stays as written.
        let mixed = words[i..=j].iter().any(|w| {
            let word = &chars[w.0..w.1];
            word.iter().any(|c| digit(*c).is_some()) && word.iter().any(|c| digit(*c).is_none())
        });
        // Or groups of one size, as keys are written (`0123 4567 ABCD EF89`).
        let len = |w: &(usize, usize)| w.1 - w.0;
        let size = len(&words[i]);
        let uniform = j > i
            && size >= 2
            && words[i..j].iter().all(|w| len(w) == size)
            && len(&words[j]) <= size;
        let letters = chars[s..e]
            .iter()
            .any(|c| is_hex(*c) && digit(*c).is_none());
        let digits = chars[s..e].iter().any(|c| digit(*c).is_some());
        if hex >= 16 && (mixed || (uniform && letters && digits)) {
            spans.push((s, e, HIDDEN_KEY.to_string()));
        }
        i = j + 1;
    }
    spans
}

fn cards(chars: &[char]) -> Spans {
    let groups = runs(chars, |c| digit(c).is_some());
    let value = |g: (usize, usize)| -> Vec<u8> {
        chars[g.0..g.1].iter().filter_map(|c| digit(*c)).collect()
    };
    // Chains of linked groups; a group longer than any card number stands alone.
    let mut chains: Vec<Vec<(usize, usize)>> = Vec::new();
    for g in groups {
        let long = g.1 - g.0 > 19;
        match chains.last_mut() {
            Some(chain)
                if !long
                    && chain
                        .last()
                        .is_some_and(|p| p.1 - p.0 <= 19 && linked(chars, p.1, g.0)) =>
            {
                chain.push(g)
            }
            _ => chains.push(vec![g]),
        }
    }
    let mut spans = Vec::new();
    for chain in chains {
        // Every run of whole groups that is a card number, merged where they overlap.
        let mut marked: Vec<(usize, usize)> = Vec::new();
        for a in 0..chain.len() {
            let mut digits = Vec::new();
            for (b, g) in chain.iter().enumerate().skip(a) {
                digits.extend(value(*g));
                if digits.len() > 19 {
                    break;
                }
                let bare16 = a == b && digits.len() == 16;
                if bare16 || is_card(&digits, &chain[a..=b]) {
                    match marked.last_mut() {
                        Some(m) if a <= m.1 => m.1 = m.1.max(b),
                        _ => marked.push((a, b)),
                    }
                }
            }
        }
        for (a, b) in marked {
            let digits: Vec<u8> = chain[a..=b].iter().flat_map(|g| value(*g)).collect();
            spans.push((chain[a].0, chain[b].1, mask_digits(&digits)));
        }
    }
    spans
}

const CREDENTIAL_PARAMS: [&str; 8] = [
    "token", "key", "secret", "pass", "pwd", "sign", "auth", "session",
];

fn url_end(c: char) -> bool {
    c.is_whitespace() || matches!(c, '"' | '\'' | '<' | '>' | '`')
}

fn urls(chars: &[char]) -> Spans {
    let mut spans = Vec::new();
    let mut i = 0;
    while i + 3 <= chars.len() {
        if chars[i..i + 3] != [':', '/', '/'] {
            i += 1;
            continue;
        }
        let start = i + 3;
        let mut end = start;
        while end < chars.len() && !url_end(chars[end]) {
            end += 1;
        }
        let auth_end = (start..end)
            .find(|k| matches!(chars[*k], '/' | '?' | '#'))
            .unwrap_or(end);
        if let Some(at) = (start..auth_end).rev().find(|k| chars[*k] == '@') {
            spans.push((start, at, "***".to_string()));
        }
        if let Some(q) = (auth_end..end).find(|k| chars[*k] == '?') {
            let mut k = q + 1;
            while k < end {
                let pair_end = (k..end)
                    .find(|x| matches!(chars[*x], '&' | '#'))
                    .unwrap_or(end);
                if let Some(eq) = (k..pair_end).find(|x| chars[*x] == '=') {
                    let name: String = chars[k..eq].iter().collect::<String>().to_lowercase();
                    if eq + 1 < pair_end && CREDENTIAL_PARAMS.iter().any(|p| name.contains(p)) {
                        spans.push((eq + 1, pair_end, "***".to_string()));
                    }
                }
                if pair_end < end && chars[pair_end] == '#' {
                    break;
                }
                k = pair_end + 1;
            }
        }
        i = end.max(i + 3);
    }
    spans
}

/// Whether `text` could hold anything [`secrets`] hides: 13 hex digits or more (the
/// shortest card number), or a URL. RRNs, traces, terminal IDs and amounts cannot.
fn suspect(text: &str) -> bool {
    let few_hex = if text.is_ascii() {
        // Most cells: counted byte by byte (the same digits as `is_hex` finds in ASCII).
        text.bytes().filter(u8::is_ascii_hexdigit).nth(12).is_none()
    } else {
        text.chars().filter(|c| is_hex(*c)).nth(12).is_none()
    };
    !few_hex || text.contains("://")
}

/// [`secrets`] for a stream of cells in which the same values come back (an import's merchant
/// IDs, 15 digits each, so each needs the whole check): every distinct value is checked once.
#[derive(Default)]
pub struct Memo {
    /// The values checked, and what each becomes when it changes.
    seen: std::collections::HashMap<Box<str>, Option<Box<str>>, rustc_hash::FxBuildHasher>,
}

impl Memo {
    /// Distinct values kept: past this many the memo starts again, so memory stays bounded
    /// whatever the input.
    const VALUES: usize = 1 << 16;

    /// What [`secrets`] makes of `text`.
    pub fn secrets<'t>(&mut self, text: &'t str) -> Cow<'t, str> {
        if !suspect(text) {
            return Cow::Borrowed(text);
        }
        if let Some(known) = self.seen.get(text) {
            return known
                .as_deref()
                .map_or(Cow::Borrowed(text), |s| Cow::Owned(s.to_string()));
        }
        let out = secrets(text);
        if self.seen.len() >= Self::VALUES {
            self.seen.clear();
        }
        let changed = match &out {
            Cow::Borrowed(_) => None,
            Cow::Owned(s) => Some(s.as_str().into()),
        };
        self.seen.insert(text.into(), changed);
        out
    }
}

/// Hides card numbers, track 2 data, keys and URL credentials (module doc): for anything
/// that is stored or written as data (database, JSON, CSV, tickets).
pub fn secrets(text: &str) -> Cow<'_, str> {
    if !suspect(text) {
        return Cow::Borrowed(text);
    }
    let chars: Vec<char> = text.chars().collect();
    let spans = track2(&chars);
    let chars = apply(chars, spans);
    let spans = keys(&chars);
    let chars = apply(chars, spans);
    let spans = cards(&chars);
    let chars = apply(chars, spans);
    let spans = urls(&chars);
    let chars = apply(chars, spans);
    let out: String = chars.into_iter().collect();
    if out == text {
        Cow::Borrowed(text)
    } else {
        Cow::Owned(out)
    }
}

/// Characters that would move the cursor, erase, or reorder what the reader sees.
fn is_control(c: char) -> bool {
    let u = c as u32;
    u < 0x20
        || (0x7f..=0x9f).contains(&u)
        || (0x202a..=0x202e).contains(&u)
        || (0x2066..=0x2069).contains(&u)
        || matches!(u, 0x200e | 0x200f | 0x061c | 0x2028 | 0x2029)
}

fn escape(c: char, out: &mut String) {
    match c {
        '\r' => out.push_str("\\r"),
        '\n' => out.push_str("\\n"),
        '\t' => out.push_str("\\t"),
        c => out.push_str(&format!("\\u{:04x}", c as u32)),
    }
}

/// Shows control characters as escapes; newlines and tabs are kept when `lines` is true.
pub fn controls(text: &str, lines: bool) -> Cow<'_, str> {
    let keep = |c: char| lines && matches!(c, '\n' | '\t');
    if !text.chars().any(|c| is_control(c) && !keep(c)) {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len() + 8);
    for c in text.chars() {
        if is_control(c) && !keep(c) {
            escape(c, &mut out);
        } else {
            out.push(c);
        }
    }
    Cow::Owned(out)
}

/// An outside value on one line of human output or in an error message: secrets hidden,
/// every control character (newlines too) escaped.
pub fn line(text: &str) -> String {
    controls(&secrets(text), false).into_owned()
}

/// Outside multi-line text (a note) for human output: secrets hidden, control characters
/// escaped except newlines and tabs.
pub fn block(text: &str) -> String {
    controls(&secrets(text), true).into_owned()
}

/// The last net before the terminal, over finished human output: control characters are
/// escaped except newlines, tabs and the color sequences (`ESC [ digits ; … m`) the renderer
/// writes itself, which the output stream strips when it is not a terminal.
pub fn terminal(text: &str) -> Cow<'_, str> {
    terminal_with(text, true)
}

/// A rendered cell or value that may hold outside text and the renderer's own colors:
/// secrets hidden, control characters escaped except color sequences (and newlines and
/// tabs when `lines`).
pub fn human(text: &str, lines: bool) -> String {
    terminal_with(&secrets(text), lines).into_owned()
}

/// [`human`] without hiding secrets: for values the tool computed itself (an ISO 8583 bitmap),
/// whose shape alone would be taken for a key. Control characters are still escaped.
pub fn human_controls(text: &str) -> String {
    terminal_with(text, true).into_owned()
}

/// An ISO 8583 bitmap as `decode` reports it: 16 or 32 upper-case hex digits, standing beside
/// the message's MTI. It says which fields are present and is never a secret, but it has the
/// shape of a key.
fn is_message_bitmap(object: &serde_json::Map<String, serde_json::Value>, key: &str) -> bool {
    key == "bitmap"
        && object.get("mti").is_some_and(|m| m.is_string())
        && object.get(key).and_then(|v| v.as_str()).is_some_and(|b| {
            matches!(b.len(), 16 | 32)
                && b.bytes()
                    .all(|c| c.is_ascii_digit() || (b'A'..=b'F').contains(&c))
        })
}

fn terminal_with(text: &str, lines: bool) -> Cow<'_, str> {
    let chars: Vec<char> = text.chars().collect();
    let sgr_len = |i: usize| -> Option<usize> {
        if chars.get(i + 1) != Some(&'[') {
            return None;
        }
        let mut j = i + 2;
        while chars
            .get(j)
            .is_some_and(|c| c.is_ascii_digit() || *c == ';')
        {
            j += 1;
        }
        (chars.get(j) == Some(&'m')).then_some(j + 1 - i)
    };
    let mut out: Option<String> = None;
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        if c == '\x1b'
            && let Some(n) = sgr_len(i)
        {
            if let Some(o) = out.as_mut() {
                o.extend(&chars[i..i + n]);
            }
            i += n;
            continue;
        }
        if is_control(c) && !(lines && matches!(c, '\n' | '\t')) {
            let o = out.get_or_insert_with(|| chars[..i].iter().collect());
            escape(c, o);
        } else if let Some(o) = out.as_mut() {
            o.push(c);
        }
        i += 1;
    }
    out.map_or(Cow::Borrowed(text), Cow::Owned)
}

/// Applies [`secrets`] to every string in a JSON document (values and object keys).
pub fn json(value: &mut serde_json::Value) {
    use serde_json::Value;
    match value {
        Value::String(s) => {
            if let Cow::Owned(o) = secrets(s) {
                *s = o;
            }
        }
        Value::Array(a) => a.iter_mut().for_each(json),
        Value::Object(m) => {
            if m.keys().any(|k| matches!(secrets(k), Cow::Owned(_))) {
                let old = std::mem::take(m);
                for (k, mut v) in old {
                    json(&mut v);
                    m.insert(secrets(&k).into_owned(), v);
                }
            } else {
                let bitmap = m.keys().find(|k| is_message_bitmap(m, k)).cloned();
                for (k, v) in m.iter_mut() {
                    if Some(k) != bitmap.as_ref() {
                        json(v);
                    }
                }
            }
        }
        _ => {}
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The memo gives what `secrets` gives, the first time and every time after.
    #[test]
    fn the_memo_agrees_with_secrets() {
        let mut memo = Memo::default();
        for _ in 0..2 {
            for text in [
                "898310058120123",
                "6222021234567890123",
                "card 6222 0212 3456 7890 123",
                "https://ops:pw@gw.example/pay",
                "331009000101",
                "便利店1",
            ] {
                assert_eq!(memo.secrets(text), secrets(text), "{text}");
            }
        }
    }

    #[test]
    fn cards_in_every_spelling_are_masked() {
        for text in [
            "6222021234567890123",
            "6222 0212 3456 7890 123",
            "6222  0212\t3456 7890 123",
            "6222.0212.3456.7890.123",
            "6222/0212/3456/7890/123",
            "6222_0212_3456_7890_123",
            "6222\u{a0}0212\u{a0}3456\u{a0}7890\u{a0}123",
            "6222，0212，3456，7890，123",
            "6222,0212,3456,7890,123",
            "6222, 0212, 3456, 7890, 123",
            "６２２２０２１２３４５６７８９０１２３",
            "6222　0212　3456　7890　123",
        ] {
            assert_eq!(secrets(text), "622202*********0123", "{text:?}");
        }
        assert_eq!(
            secrets("卡号6222021234567890123刷不了"),
            "卡号622202*********0123刷不了"
        );
        assert_eq!(secrets("4111111111111111"), "411111******1111");
        assert_eq!(secrets("Amex 378282246310005"), "Amex 378282*****0005");
        // A mistyped 16-digit card is still hidden.
        assert_eq!(secrets("4111111111111112"), "411111******1112");
        // Not Luhn-valid, but written as a card is.
        assert_eq!(secrets("6222 0212 3456 7890 124"), "622202*********0124");
        assert_eq!(secrets("6222021234567890124"), "622202*********0124");
    }

    #[test]
    fn ordinary_numbers_survive() {
        for text in [
            "RRN 123456789012",
            "电话 13800138000，参考号 123456789012",
            "amount 1,234,567.89 at 2026-11-23 14:05:09",
            "merchant 898310048161234",
            "order 20261123140509123456789",
            "STAN 000123 terminal 12345678",
            "KCV 8CA64D",
            "paid a fee 123456789012",
            "2408:8207:1850:2ab0:1234:5678:9abc:def0",
        ] {
            assert_eq!(secrets(text), text);
        }
    }

    #[test]
    fn track2_and_keys_are_hidden() {
        assert_eq!(
            secrets(";6222021234567890123=28122011234?"),
            ";622202*********0123=***********?"
        );
        assert_eq!(
            secrets("6222021234567890123D28122011234F"),
            "622202*********0123D************"
        );
        for key in [
            "0123456789ABCDEFFEDCBA9876543210",
            "0123 4567 89AB CDEF FEDC BA98 7654 3210",
            "0123-4567-89ab-cdef",
            "0123 4567 ABCD 8901",
            "０１２３４５６７８９ＡＢＣＤＥＦ",
        ] {
            assert_eq!(
                secrets(&format!("key {key}.")),
                format!("key {HIDDEN_KEY}.")
            );
        }
        assert_eq!(secrets("check the token"), "check the token");
    }

    #[test]
    fn url_credentials_are_hidden() {
        assert_eq!(
            secrets("https://ops:s3cret@gw.example:8443/api?token=abc&rrn=1"),
            "https://***@gw.example:8443/api?token=***&rrn=1"
        );
        assert_eq!(secrets("http://gw.example/x"), "http://gw.example/x");
    }

    #[test]
    fn masked_shapes() {
        for m in [
            "622202*********0123",
            "6222****0123",
            "************0123",
            "622202XXXXXX0123",
        ] {
            assert!(is_masked_card(m), "{m}");
        }
        for m in [
            "6222021234567890123*",
            "*6222021234567890123",
            "62220212*0123",
            "abc*",
        ] {
            assert!(!is_masked_card(m), "{m}");
        }
    }

    use proptest::prelude::*;
    use proptest::test_runner::RngSeed;

    const SEPARATORS: [&str; 14] = [
        " ", "-", ".", "/", "_", "  ", "\t", "\u{a0}", "，", "、", "\u{3000}", " - ", ",", "．",
    ];

    fn luhn_complete(mut d: Vec<u8>) -> Vec<u8> {
        let check = (0..10).find(|c| {
            let mut t = d.clone();
            t.push(*c);
            luhn(&t)
        });
        d.push(check.unwrap_or(0));
        d
    }

    /// `text` in groups of `group` with `sep` between them, characters made full-width
    /// where `wide` says so.
    fn spell(text: &str, group: usize, sep: &str, wide: &[bool]) -> String {
        let mut out = String::new();
        for (i, c) in text.chars().enumerate() {
            if group > 0 && i > 0 && i % group == 0 {
                out.push_str(sep);
            }
            match wide.get(i) {
                Some(true) => out.push(char::from_u32(c as u32 + 0xFEE0).unwrap_or(c)),
                _ => out.push(c),
            }
        }
        out
    }

    fn normalised(text: &str, keep: impl Fn(char) -> bool) -> String {
        text.chars()
            .map(|c| match c {
                '０'..='９' | 'Ａ'..='Ｆ' => char::from_u32(c as u32 - 0xFEE0).unwrap_or(c),
                c => c.to_ascii_uppercase(),
            })
            .filter(|c| keep(*c))
            .collect()
    }

    fn config() -> ProptestConfig {
        ProptestConfig {
            cases: 512,
            failure_persistence: None,
            rng_seed: RngSeed::Fixed(12),
            ..ProptestConfig::default()
        }
    }

    proptest! {
        #![proptest_config(config())]

        #[test]
        fn a_card_in_any_spelling_is_hidden(
            (bin, len) in prop_oneof![
                (Just(vec![6u8, 2]), 16usize..=19),
                (Just(vec![4u8]), prop_oneof![Just(13usize), Just(16), Just(19)]),
                (Just(vec![5u8]), Just(16usize)),
                (Just(vec![3u8, 7]), Just(15usize)),
            ],
            body in proptest::collection::vec(0u8..10, 18),
            group in prop_oneof![Just(0usize), Just(4), 1usize..7],
            sep in 0..SEPARATORS.len(),
            wide in proptest::collection::vec(any::<bool>(), 19),
            track in proptest::option::of(("[=D]", "[0-9]{4,20}")),
            before in "[a-z卡号 ：]{0,6}",
            after in "[ 刷不了，。]{0,6}",
        ) {
            let mut d = bin;
            d.extend(body.into_iter().take(len - 1 - d.len()));
            let pan: String = luhn_complete(d).iter().map(|x| char::from(b'0' + x)).collect();
            let written = match &track {
                Some((sep, rest)) => format!("{pan}{sep}{rest}"),
                None => spell(&pan, group, SEPARATORS[sep], &wide),
            };
            let out = secrets(&format!("{before}{written}{after}")).into_owned();
            prop_assert!(!normalised(&out, |c| c.is_ascii_digit()).contains(&pan), "{out}");
            if let Some((_, rest)) = &track {
                prop_assert!(!out.contains(rest.as_str()), "{out}");
            }
        }

        #[test]
        fn a_key_in_any_spelling_is_hidden(
            key in prop_oneof![Just(16usize), Just(32), Just(48)]
                .prop_flat_map(|n| proptest::collection::vec(0u8..16, n)),
            group in prop_oneof![Just(0usize), Just(2), Just(4), Just(8)],
            sep in prop_oneof![Just(" "), Just("-"), Just("  "), Just("\u{a0}"), Just("_")],
            wide in proptest::collection::vec(any::<bool>(), 48),
        ) {
            let key: String = key.iter().map(|x| format!("{x:X}")).collect();
            let mixed = key.chars().any(|c| c.is_ascii_digit()) && key.chars().any(|c| c.is_ascii_alphabetic());
            prop_assume!(mixed);
            let out = secrets(&format!("tmk = \"{}\"", spell(&key, group, sep, &wide))).into_owned();
            prop_assert!(!normalised(&out, |c| c.is_ascii_hexdigit()).contains(&key), "{out}");
        }

        #[test]
        fn rrns_phones_dates_and_amounts_survive(
            rrn in "[0-9]{12}",
            phone in "1[3-9][0-9]{9}",
            yuan in 0u32..1_000_000,
            fen in 0u32..100,
            mid in "8[0-9]{14}",
            day in 1u32..29,
            at in (0u32..24, 0u32..60, 0u32..60),
        ) {
            let text = format!(
                "参考号 {rrn}，电话 {phone}，金额 {yuan}.{fen:02} 元，商户 {mid}，\
                 2026-11-{day:02} {:02}:{:02}:{:02}",
                at.0, at.1, at.2
            );
            prop_assert_eq!(secrets(&text), text.as_str());
        }
    }

    #[test]
    fn controls_become_escapes() {
        assert_eq!(
            line("a\rb\x1b[2Jc\u{202e}d\u{85}"),
            "a\\rb\\u001b[2Jc\\u202ed\\u0085"
        );
        assert_eq!(block("a\nb\tc\r"), "a\nb\tc\\r");
        assert_eq!(
            terminal("\x1b[1mok\x1b[0m\r\x1b[2K"),
            "\x1b[1mok\x1b[0m\\r\\u001b[2K"
        );
    }
}
