//! What a user pastes: hex (spaced or not), base64, or a whole log line with the message's
//! hex somewhere in it. Errors never quote the input: it may hold a card number.

use base64::Engine as _;
use serde::Serialize;

/// More than any POS message (the length header allows 65,535 bytes), hex-encoded, with room
/// for a log line's prefix.
pub const MAX_TEXT: usize = 256 * 1024;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum InputKind {
    Hex,
    Base64,
    /// Hex found inside other text (a terminal or host log line).
    Log,
}

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum InputError {
    #[error("the input is empty")]
    Empty,
    #[error("the input is longer than {0} characters")]
    TooLong(usize),
    #[error("the input is not hex, base64 or a log line with hex in it")]
    Unreadable,
}

/// Shortest hex run taken from a log line: a message has at least an MTI and a bitmap.
const MIN_LOG_BYTES: usize = 10;

pub fn read(text: &str) -> Result<(InputKind, Vec<u8>), InputError> {
    if text.len() > MAX_TEXT {
        return Err(InputError::TooLong(MAX_TEXT));
    }
    let t = text.trim();
    if t.is_empty() {
        return Err(InputError::Empty);
    }
    let compact: String = t
        .chars()
        .filter(|c| !c.is_whitespace() && *c != ':')
        .collect();
    let compact = compact
        .strip_prefix("0x")
        .or_else(|| compact.strip_prefix("0X"))
        .unwrap_or(&compact);
    if let Some(b) = hex(compact) {
        return Ok((InputKind::Hex, b));
    }
    if compact.bytes().all(|b| b.is_ascii_hexdigit()) {
        // An odd number of hex digits: a digit was lost in copying.
        return Err(InputError::Unreadable);
    }
    // Base64 may be wrapped over lines, but words separated by spaces are prose, not base64.
    if compact.len() >= 8
        && !t.contains(' ')
        && compact
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || matches!(b, b'+' | b'/' | b'='))
    {
        let engine = base64::engine::general_purpose::STANDARD;
        let lenient = base64::engine::general_purpose::STANDARD_NO_PAD;
        if let Ok(b) = engine
            .decode(compact)
            .or_else(|_| lenient.decode(compact.trim_end_matches('=')))
        {
            return Ok((InputKind::Base64, b));
        }
    }
    longest_hex_run(t)
        .filter(|b| b.len() >= MIN_LOG_BYTES)
        .map(|b| (InputKind::Log, b))
        .ok_or(InputError::Unreadable)
}

/// Even-length hex without separators.
pub fn hex(s: &str) -> Option<Vec<u8>> {
    if s.is_empty() || !s.len().is_multiple_of(2) || !s.bytes().all(|b| b.is_ascii_hexdigit()) {
        return None;
    }
    (0..s.len() / 2)
        .map(|i| u8::from_str_radix(&s[2 * i..2 * i + 2], 16).ok())
        .collect()
}

/// The longest stretch of hex tokens (even-length words of hex digits) in a text, whatever
/// separates them: a log line's prefix and suffix are words that are not hex.
fn longest_hex_run(text: &str) -> Option<Vec<u8>> {
    let mut best: Vec<u8> = Vec::new();
    let mut run: Vec<u8> = Vec::new();
    for token in text.split(|c: char| !c.is_ascii_alphanumeric()) {
        if token.is_empty() {
            continue;
        }
        match hex(token) {
            Some(b) => run.extend(b),
            None => {
                if run.len() > best.len() {
                    best = std::mem::take(&mut run);
                }
                run.clear();
            }
        }
    }
    if run.len() > best.len() {
        best = run;
    }
    (!best.is_empty()).then_some(best)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hex_base64_and_log_lines() {
        assert_eq!(
            read("08 00 20").unwrap(),
            (InputKind::Hex, vec![8, 0, 0x20])
        );
        assert_eq!(read("0x0800").unwrap(), (InputKind::Hex, vec![8, 0]));
        assert_eq!(
            read("CAAgAAAAwAAS").unwrap(),
            (InputKind::Base64, vec![8, 0, 0x20, 0, 0, 0, 0xC0, 0, 0x12])
        );
        let line = "2024-05-01 10:00:01 [send] len=30 data: 00 1E 60 00 03 00 00 60 31 00 00 00 00 08 00 done";
        let (kind, b) = read(line).unwrap();
        assert_eq!(kind, InputKind::Log);
        assert_eq!(b[..3], [0x00, 0x1E, 0x60]);
        assert_eq!(b.len(), 15);
        assert_eq!(read("  "), Err(InputError::Empty));
        assert_eq!(
            read("hello world, nothing here"),
            Err(InputError::Unreadable)
        );
    }
}
