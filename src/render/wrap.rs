//! Fitting text to the terminal: its width, and wrapping that counts a Chinese character as
//! two columns and breaks only where a line may break (between words, after Chinese
//! punctuation, between two Chinese characters), never inside a word or a number. A line
//! the terminal wraps itself breaks anywhere (`merchant_id 898` / `310054111234`), and
//! menus that count lines redraw wrongly; so every line is made to fit here.

use std::sync::OnceLock;

use textwrap::{Options, WordSeparator, WordSplitter};

/// The narrowest layout posdoctor lays text out for; a narrower terminal wraps it.
const MIN_COLUMNS: usize = 20;
/// Prose is hard to read wider than this, however wide the terminal.
const MAX_COLUMNS: usize = 120;

/// The terminal's width in columns: `COLUMNS` when set (what shells and scripts use to ask
/// for a width), else the width of the terminal on stdout or stderr, else 80.
pub fn columns() -> usize {
    static COLUMNS: OnceLock<usize> = OnceLock::new();
    *COLUMNS.get_or_init(|| {
        let from_env = std::env::var("COLUMNS")
            .ok()
            .and_then(|v| v.trim().parse::<usize>().ok())
            .filter(|&w| w > 0);
        let from_tty = || {
            terminal_size::terminal_size_of(std::io::stdout())
                .or_else(|| terminal_size::terminal_size_of(std::io::stderr()))
                .map(|(w, _)| usize::from(w.0))
                .filter(|&w| w > 0)
        };
        from_env
            .or_else(from_tty)
            .unwrap_or(80)
            .clamp(MIN_COLUMNS, MAX_COLUMNS)
    })
}

fn options<'a>(width: usize, first: &'a str, rest: &'a str) -> Options<'a> {
    Options::new(width.max(1))
        .initial_indent(first)
        .subsequent_indent(rest)
        .word_separator(WordSeparator::UnicodeBreakProperties)
        .word_splitter(WordSplitter::NoHyphenation)
        .break_words(true)
}

/// `text` (one paragraph per line) in lines of at most `width` columns.
pub fn lines(text: &str, width: usize) -> Vec<String> {
    hanging(text, width, "", "")
}

/// `text` in lines of at most `width` columns, the first starting with `first`, the others
/// with `rest` (a hanging indent). Line breaks in `text` are kept; each of its lines starts
/// with `first` only if it is the first.
pub fn hanging(text: &str, width: usize, first: &str, rest: &str) -> Vec<String> {
    let mut out = Vec::new();
    for (i, para) in text.split('\n').enumerate() {
        let head = if i == 0 { first } else { rest };
        if para.trim().is_empty() {
            out.push(head.trim_end().to_string());
            continue;
        }
        for line in textwrap::wrap(para, options(width, head, rest)) {
            out.push(line.trim_end().to_string());
        }
    }
    out
}

/// `text` fitted to `width`, as one string ending in a newline per line.
pub fn fill(text: &str, width: usize, first: &str, rest: &str) -> String {
    let mut s = String::new();
    for l in hanging(text, width, first, rest) {
        s.push_str(&l);
        s.push('\n');
    }
    s
}

/// Every line of `text` wider than `width` wrapped, its continuation indented like the
/// line itself, and past a list marker (`- `, `- [ ] `, `1. `, `│ `) when it has one. Line
/// ends are kept as they are (a text without a final newline gets none).
pub fn fit(text: &str, width: usize) -> String {
    let mut out = String::new();
    for (i, line) in text.split('\n').enumerate() {
        if i > 0 {
            out.push('\n');
        }
        if super::width(line) <= width {
            out.push_str(line);
            continue;
        }
        let plain = strip_ansi(line);
        let trimmed = plain.trim_start();
        let lead = super::width(&plain[..plain.len() - trimmed.len()]);
        let marker = ["- [ ] ", "- ", "* ", "│ ", "> "]
            .iter()
            .find(|m| trimmed.starts_with(*m))
            .map(|m| super::width(m))
            .or_else(|| {
                let digits = trimmed.chars().take_while(char::is_ascii_digit).count();
                (digits > 0 && trimmed[digits..].starts_with(". ")).then_some(digits + 2)
            })
            .unwrap_or(0);
        let rest = " ".repeat((lead + marker).min(width / 2));
        out.push_str(&hanging(line, width, "", &rest).join("\n"));
    }
    out
}

/// Lines of help text (clap's layout, unwrapped) fitted to `width`. clap wraps help only at
/// spaces, so a line of Chinese would stay as long as it is: clap lays help out without
/// wrapping, and each line is wrapped here, its continuation aligned under the help column
/// (after the first run of two spaces past the indent), or under the indent when there is
/// no such column.
pub fn help(text: &str, width: usize) -> String {
    let mut out = String::new();
    for line in text.lines() {
        if super::width(line) <= width {
            out.push_str(line);
            out.push('\n');
            continue;
        }
        let plain = strip_ansi(line);
        let indent = plain.len() - plain.trim_start().len();
        let column = plain[indent..]
            .find("  ")
            .map(|i| {
                let gap = plain[indent + i..].len() - plain[indent + i..].trim_start().len();
                super::width(&plain[..indent + i + gap])
            })
            .filter(|&c| c + 20 <= width)
            .or_else(|| {
                // `Usage: posdoctor …`: continue under the command.
                ["Usage: ", "用法: ", "用法："]
                    .iter()
                    .find(|p| plain[indent..].starts_with(*p))
                    .map(|p| indent + super::width(p))
            })
            .unwrap_or(indent)
            .min(width / 2);
        let rest = " ".repeat(column);
        for l in hanging(line, width, "", &rest) {
            out.push_str(&l);
            out.push('\n');
        }
    }
    out
}

fn strip_ansi(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut chars = s.chars();
    while let Some(c) = chars.next() {
        if c == '\u{1b}' {
            // CSI: ESC [ parameters final-byte
            if chars.next() == Some('[') {
                for c in chars.by_ref() {
                    if ('@'..='~').contains(&c) {
                        break;
                    }
                }
            }
        } else {
            out.push(c);
        }
    }
    out
}

/// Column widths for a table of `natural` widths (the widest cell of each column) and
/// `min` widths (the longest word of each), separated by `gap` columns and indented by
/// `indent`, within `total` columns: the widest columns give way first, down to their
/// longest word; when even that does not fit, words are broken.
pub fn column_widths(
    natural: &[usize],
    min: &[usize],
    indent: usize,
    gap: usize,
    total: usize,
) -> Vec<usize> {
    let n = natural.len();
    let avail = total.saturating_sub(indent + gap * n.saturating_sub(1));
    let mut w = natural.to_vec();
    let floor_of = |i: usize, floors: &[usize]| floors[i].min(natural[i]).max(1);
    let mut floors = min.to_vec();
    loop {
        let sum: usize = w.iter().sum();
        if sum <= avail {
            return w;
        }
        // The widest column that can still give way.
        let widest = (0..n)
            .filter(|&i| w[i] > floor_of(i, &floors))
            .max_by_key(|&i| w[i]);
        match widest {
            Some(i) => w[i] -= 1,
            None => {
                // Every column is down to its longest word: allow breaking words.
                if floors.iter().all(|&f| f <= 4) {
                    return w;
                }
                floors = floors.iter().map(|&f| (f / 2).max(4)).collect();
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn chinese_wraps_between_characters_and_numbers_stay_whole() {
        let text = "连接成功，用时 0.3 毫秒，握手中位数 0.4 毫秒，p95 0.5 毫秒，抖动 0.1 毫秒";
        for l in lines(text, 20) {
            assert!(crate::render::width(&l) <= 20, "{l}");
        }
        let joined = lines(text, 20).join("|");
        for n in ["0.3", "0.4", "p95", "0.5", "0.1"] {
            assert!(joined.contains(n), "{joined}");
        }
    }

    #[test]
    fn hanging_indent_and_no_break_in_ids() {
        let got = hanging(
            "merchant_id 898310054111234：全部检查通过",
            24,
            "  ",
            "    ",
        );
        assert_eq!(got[0], "  merchant_id");
        assert!(got.iter().any(|l| l.contains("898310054111234")));
        assert!(got[1..].iter().all(|l| l.starts_with("    ")));
        let cmd = lines("posdoctor fix no-response --cause host", 20);
        assert!(cmd.iter().any(|l| l.contains("no-response")), "{cmd:?}");
    }

    #[test]
    fn help_lines_continue_under_the_help_column() {
        let line = "      --lang <LANG>  所有输出的语言：zh 或 en（默认按 LC_ALL、LC_MESSAGES、LANG 决定）";
        let got = help(line, 50);
        let lines: Vec<&str> = got.lines().collect();
        assert!(lines.len() > 1);
        for l in &lines {
            assert!(crate::render::width(l) <= 50, "{l}");
        }
        assert!(lines[1].starts_with(&" ".repeat(21)));
    }

    #[test]
    fn tables_give_way_from_the_widest_column() {
        assert_eq!(column_widths(&[10, 40], &[5, 10], 2, 2, 40), vec![10, 26]);
        assert_eq!(column_widths(&[10, 20], &[5, 10], 2, 2, 80), vec![10, 20]);
    }
}
