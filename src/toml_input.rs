//! Reading TOML that people write by hand (the config, code overrides): a mistake is reported
//! with the file, line, column and the field it is in, and never with the offending line's
//! text, which may hold a pasted key.

use std::path::Path;

use crate::error::{Error, Message};
use crate::i18n::Msg;

/// Parses `text` (read from `path`) into `T`, turning a syntax or schema error into an input
/// error that names the place.
pub fn parse<T: serde::de::DeserializeOwned>(path: &Path, text: &str) -> Result<T, Error> {
    toml::from_str(text).map_err(|e| describe(path, text, &e).into())
}

pub fn describe(path: &Path, text: &str, err: &toml::de::Error) -> Message {
    let (line, column, field) = match err.span() {
        Some(span) => {
            let (line, column) = line_col(text, span.start);
            (line, column, field_at(text, span.start))
        }
        None => (0, 0, String::new()),
    };
    let detail = redact(err.message().trim());
    Message::new(Msg::ErrorTomlAt)
        .arg("path", path.display())
        .arg("line", line)
        .arg("column", column)
        .arg(
            "field",
            if field.is_empty() {
                "-".to_string()
            } else {
                field
            },
        )
        .arg("detail", detail)
}

/// 1-based line and column (in characters) of a byte offset.
pub fn line_col(text: &str, offset: usize) -> (usize, usize) {
    let offset = offset.min(text.len());
    let before = &text[..floor_char_boundary(text, offset)];
    let line = before.matches('\n').count() + 1;
    let column = before.rsplit('\n').next().map_or(0, |l| l.chars().count()) + 1;
    (line, column)
}

fn floor_char_boundary(text: &str, mut i: usize) -> usize {
    while i > 0 && !text.is_char_boundary(i) {
        i -= 1;
    }
    i
}

/// The dotted path of the key on the line at `offset`: the nearest `[table]` header above it
/// plus the key on that line, e.g. `profiles.shop.mcc`.
fn field_at(text: &str, offset: usize) -> String {
    let offset = floor_char_boundary(text, offset.min(text.len()));
    let line_start = text[..offset].rfind('\n').map_or(0, |i| i + 1);
    let line_end = text[offset..].find('\n').map_or(text.len(), |i| offset + i);
    let line = text[line_start..line_end].trim();
    let header = |l: &str| -> Option<String> {
        let l = l.trim();
        let inner = l
            .strip_prefix("[[")
            .and_then(|r| r.strip_suffix("]]"))
            .or_else(|| {
                l.strip_prefix('[')
                    .and_then(|r| r.split(']').next())
                    .filter(|_| !l.contains('='))
            })?;
        Some(
            inner
                .split('.')
                .map(|p| p.trim().trim_matches('"'))
                .collect::<Vec<_>>()
                .join("."),
        )
    };
    if let Some(h) = header(line) {
        return h;
    }
    let key = line
        .split('=')
        .next()
        .map(str::trim)
        .filter(|k| !k.is_empty() && line.contains('='));
    let table = text[..line_start].lines().rev().find_map(header);
    match (table, key) {
        (Some(t), Some(k)) => format!("{t}.{}", k.trim_matches('"')),
        (None, Some(k)) => k.trim_matches('"').to_string(),
        (Some(t), None) => t,
        (None, None) => String::new(),
    }
}

/// Masks anything that looks like key material (16 or more hex digits in a row) in a message
/// that came from the parser, since parser messages may quote a value.
pub fn redact(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut run = String::new();
    let flush = |run: &mut String, out: &mut String| {
        if run.len() >= 16 {
            out.push_str("<redacted>");
        } else {
            out.push_str(run);
        }
        run.clear();
    };
    for c in text.chars() {
        if c.is_ascii_hexdigit() {
            run.push(c);
        } else {
            flush(&mut run, &mut out);
            out.push(c);
        }
    }
    flush(&mut run, &mut out);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn line_and_column_are_one_based() {
        let t = "a = 1\nbb = 2\n";
        assert_eq!(line_col(t, 0), (1, 1));
        assert_eq!(line_col(t, 6), (2, 1));
        assert_eq!(line_col(t, 9), (2, 4));
    }

    #[test]
    fn field_is_table_plus_key() {
        let t = "[profiles.shop]\nmcc = 5411\n";
        let off = t.find("5411").unwrap();
        assert_eq!(field_at(t, off), "profiles.shop.mcc");
        assert_eq!(field_at("[[code]]\ncode = 1\n", 14), "code.code");
    }

    #[test]
    fn hex_runs_are_redacted() {
        assert_eq!(
            redact("value 0123456789ABCDEF0123 bad"),
            "value <redacted> bad"
        );
        assert_eq!(redact("line 12 ABC"), "line 12 ABC");
    }
}
