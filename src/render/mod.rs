//! The one place that turns results into what the user sees: colored, aligned text in the
//! user's language, or a JSON document. Everything above it returns data.

mod batch;
mod codes;
mod decode;
mod doctor;
mod fix;
mod incident;
mod pcap;
mod profile;
pub mod prompt;
mod theme;
mod txn;
mod watch;
pub mod wrap;

pub use batch::{batch_record, batch_record_json, batch_summary};
pub use codes::{code_list, code_lookup};
pub use decode::{decode_emv, decode_finding, decode_message, emv_conclusion};
pub use doctor::{doctor, sim_banner};
pub use fix::{
    FixLine, fix_check_result, fix_checklist, fix_triage, fix_triage_line, fix_triage_question,
    fix_walk,
};
pub use incident::{incident_csv, incident_list, incident_show, incident_stats, outcome_name};
pub use pcap::{PcapPrinter, pcap_findings};
pub use profile::{profile_list, profile_show};
pub use theme::PromptTheme;
pub use txn::{reconcile, reconcile_csv, ticket_shown, ticket_text, txn_status};
pub use watch::{
    watch_change, watch_change_json, watch_cycle, watch_cycle_json, watch_duration, watch_overrun,
    watch_overrun_json, watch_reload_failed_json, watch_reload_json,
};

use std::io::{IsTerminal as _, Write as _};

/// Streamed output on stdout; see [`Output::stream`].
pub struct Stream {
    inner: std::io::BufWriter<anstream::AutoStream<std::io::StdoutLock<'static>>>,
}

impl Stream {
    /// Writes `text`; a reader that went away (`| head`) is not an error.
    pub fn write(&mut self, text: &str) -> Result<(), Error> {
        match self.inner.write_all(text.as_bytes()) {
            Err(e) if e.kind() != std::io::ErrorKind::BrokenPipe => Err(Error::Io {
                message: Message::new(Msg::ErrorWriteStdout),
                source: e,
            }),
            _ => Ok(()),
        }
    }

    pub fn flush(&mut self) {
        let _ = self.inner.flush();
    }
}

use anstyle::{AnsiColor, Style};
use unicode_width::UnicodeWidthStr;

use crate::error::{Error, Message};
use crate::finding::{Finding, Locale, Report, Status};
use crate::i18n::{Lang, Msg};

/// Status markers, with an ASCII fallback for terminals that cannot show the symbols.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Glyphs {
    Unicode,
    Ascii,
}

impl Glyphs {
    /// Unicode when the locale's character set is UTF-8 (LC_ALL, LC_CTYPE, LANG, first set
    /// wins, as `setlocale` decides), ASCII otherwise.
    pub fn from_locale(get: impl Fn(&str) -> Option<String>) -> Glyphs {
        for var in ["LC_ALL", "LC_CTYPE", "LANG"] {
            if let Some(v) = get(var).filter(|v| !v.is_empty()) {
                let v = v.to_ascii_lowercase();
                return if v.contains("utf-8") || v.contains("utf8") {
                    Glyphs::Unicode
                } else {
                    Glyphs::Ascii
                };
            }
        }
        if cfg!(windows) {
            Glyphs::Unicode
        } else {
            Glyphs::Ascii
        }
    }

    pub fn marker(self, status: Status) -> &'static str {
        match (self, status) {
            (Glyphs::Unicode, Status::Ok) => "✓",
            (Glyphs::Unicode, Status::Warn) => "⚠",
            (Glyphs::Unicode, Status::Fail) => "✗",
            (Glyphs::Unicode, Status::Skip) => "·",
            (Glyphs::Ascii, Status::Ok) => "[ok]",
            (Glyphs::Ascii, Status::Warn) => "[!!]",
            (Glyphs::Ascii, Status::Fail) => "[xx]",
            (Glyphs::Ascii, Status::Skip) => "[--]",
        }
    }

    pub fn arrow(self) -> &'static str {
        match self {
            Glyphs::Unicode => "→",
            Glyphs::Ascii => "->",
        }
    }
}

/// How and where output goes: decided once, from the global options, in `main`.
#[derive(Debug, Clone, Copy)]
pub struct Output {
    pub lang: Lang,
    pub json: bool,
    pub quiet: bool,
    pub verbose: u8,
    pub glyphs: Glyphs,
    pub color: anstream::ColorChoice,
}

pub(crate) const BOLD: Style = Style::new().bold();
pub(crate) const DIM: Style = Style::new().dimmed();
pub(crate) const CODE: Style = AnsiColor::Cyan.on_default().bold();
pub(crate) const CMD: Style = AnsiColor::Cyan.on_default();

pub(crate) fn status_style(status: Status) -> Style {
    match status {
        Status::Ok => AnsiColor::Green.on_default().bold(),
        Status::Warn => AnsiColor::Yellow.on_default().bold(),
        Status::Fail => AnsiColor::Red.on_default().bold(),
        Status::Skip => DIM,
    }
}

pub(crate) fn paint(style: Style, text: &str) -> String {
    format!("{style}{text}{style:#}")
}

/// The colon after a label: full-width in Chinese, where it needs no space after it.
pub(crate) fn colon(lang: Lang) -> &'static str {
    match lang {
        Lang::Zh => "：",
        Lang::En => ": ",
    }
}

/// Pads to a display width, counting a Chinese character as two columns.
pub(crate) fn pad(text: &str, width: usize) -> String {
    let w = UnicodeWidthStr::width(text);
    let mut s = text.to_string();
    s.extend(std::iter::repeat_n(' ', width.saturating_sub(w)));
    s
}

pub(crate) fn width(text: &str) -> usize {
    UnicodeWidthStr::width(text)
}

/// The width text is laid out for: the terminal's (see [`wrap::columns`]).
pub(crate) fn line_width() -> usize {
    wrap::columns()
}

/// `text` after `head` (which may be styled), wrapped to the terminal with the lines after
/// the first indented by `indent` columns; ends in a newline.
pub(crate) fn para(head: &str, text: &str, indent: usize) -> String {
    wrap::fill(text, line_width(), head, &" ".repeat(indent))
}

/// Every line of `text` fitted to the terminal (see [`wrap::fit`]).
pub(crate) fn fit(text: &str) -> String {
    wrap::fit(text, line_width())
}

/// Plain text (a ticket to paste) shown in a box at the left, its lines wrapped inside it.
pub(crate) fn boxed(text: &str) -> String {
    let mut s = String::new();
    for line in wrap::fit(text, line_width().saturating_sub(4)).lines() {
        s.push_str(&format!("  {} {line}\n", paint(DIM, "│")));
    }
    s
}

/// A table: a header row and rows, columns padded to their widest cell (Chinese counted
/// as two columns). When that is wider than the terminal, the widest columns give way and
/// their cells wrap within the column.
pub(crate) fn table(header: &[&str], rows: &[Vec<String>]) -> String {
    // Cells hold outside values (RRNs, notes, file names): the redaction policy applies
    // before anything is measured.
    let rows: Vec<Vec<String>> = rows
        .iter()
        .map(|r| r.iter().map(|c| crate::redact::human(c, false)).collect())
        .collect();
    let rows = &rows;
    let n = header.len();
    let mut natural: Vec<usize> = header.iter().map(|h| width(h)).collect();
    // The longest word of each column: how narrow it can get without breaking one.
    let mut min: Vec<usize> = natural.clone();
    for r in rows {
        for (i, c) in r.iter().enumerate().take(n) {
            natural[i] = natural[i].max(width(c));
            let longest = wrap::lines(c, 1)
                .iter()
                .map(|l| width(l))
                .max()
                .unwrap_or(0);
            min[i] = min[i].max(longest);
        }
    }
    let w = wrap::column_widths(&natural, &min, 2, 2, line_width());
    let line = |cells: &[String]| {
        let wrapped: Vec<Vec<String>> = (0..n)
            .map(|i| {
                let c = cells.get(i).map_or("", String::as_str);
                if width(c) <= w[i] {
                    vec![c.to_string()]
                } else {
                    wrap::lines(c, w[i])
                }
            })
            .collect();
        let height = wrapped.iter().map(Vec::len).max().unwrap_or(1);
        let mut text = String::new();
        for k in 0..height {
            let s: Vec<String> = (0..n)
                .map(|i| pad(wrapped[i].get(k).map_or("", String::as_str), w[i]))
                .collect();
            text.push_str(format!("  {}", s.join("  ")).trim_end());
            text.push('\n');
        }
        text
    };
    let head: Vec<String> = header.iter().map(|h| h.to_string()).collect();
    let mut out = String::new();
    for l in line(&head).lines() {
        out.push_str(&paint(BOLD, l));
        out.push('\n');
    }
    for r in rows {
        out.push_str(&line(r));
    }
    out
}

/// Label/value lines with the values aligned and wrapped under themselves.
pub(crate) fn fields(rows: &[(&str, String)]) -> String {
    fields_trusting(rows, &[])
}

/// [`fields`], with the rows whose labels are in `trusted` shown as they are: values the tool
/// computed itself whose shape the redaction policy would take for a secret (an ISO 8583
/// bitmap is 16 hex digits, like a key).
pub(crate) fn fields_trusting(rows: &[(&str, String)], trusted: &[&str]) -> String {
    let total = line_width();
    let mut w = rows.iter().map(|(l, _)| width(l)).max().unwrap_or(0);
    // A label so wide that it leaves the values too little room (under 20 columns, and
    // less than the widest value) stands on its own line, its value under it.
    let widest_value = rows.iter().map(|(_, v)| width(v)).max().unwrap_or(0);
    let room = total.saturating_sub(w + 4);
    let label_max = total / 3;
    if room < 20 && room < widest_value && w > label_max {
        w = rows
            .iter()
            .map(|(l, _)| width(l))
            .filter(|&x| x <= label_max)
            .max()
            .unwrap_or(0);
    }
    let value_width = total.saturating_sub(w + 4).max(10);
    let mut out = String::new();
    for (label, value) in rows {
        let value = if trusted.contains(label) {
            crate::redact::human_controls(value)
        } else {
            crate::redact::human(value, true)
        };
        let mut first = true;
        if width(label) > w && !value.is_empty() {
            out.push_str(&format!("  {}\n", paint(DIM, label)));
            first = false;
        }
        for line in value.lines() {
            for piece in wrap::lines(line, value_width) {
                let label = if first {
                    paint(DIM, &pad(label, w))
                } else {
                    pad("", w)
                };
                out.push_str(&format!("  {label}  {piece}\n"));
                first = false;
            }
        }
    }
    out
}

/// Whether a person is there to answer questions: stdin and stderr are both a terminal.
/// Scripts (a pipe on either) get errors that name the flag instead of a prompt.
pub fn can_ask() -> bool {
    std::io::stdin().is_terminal() && std::io::stderr().is_terminal()
}

/// Whether stdin is a terminal: a secret is then asked for (hidden) instead of read.
pub fn stdin_is_terminal() -> bool {
    std::io::stdin().is_terminal()
}

impl Output {
    pub fn tr(&self, msg: Msg) -> &'static str {
        self.lang.tr(msg)
    }

    /// What findings are said in: the language, and the characters the terminal has (the
    /// same choice as the status markers'). Text and JSON alike say findings with it.
    pub fn locale(&self) -> Locale {
        Locale::new(self.lang, self.glyphs == Glyphs::Unicode)
    }

    /// Whether a person watches stderr: progress and notes that only help someone
    /// waiting are shown only then (never with `--quiet`, never into a pipe or a log).
    pub fn watched(&self) -> bool {
        !self.quiet && std::io::stderr().is_terminal()
    }

    /// A progress bar on stderr over `len` steps, drawn with `template` (indicatif's),
    /// when someone watches; `None` otherwise.
    pub fn progress(&self, len: u64, template: &str) -> Option<indicatif::ProgressBar> {
        self.watched().then(|| {
            let bar = indicatif::ProgressBar::new(len);
            bar.set_style(
                indicatif::ProgressStyle::with_template(template)
                    .unwrap_or_else(|_| indicatif::ProgressStyle::default_bar()),
            );
            bar
        })
    }

    /// A spinner on stderr saying `message` while something runs, when someone watches.
    pub fn spinner(&self, message: &str) -> Option<indicatif::ProgressBar> {
        self.watched().then(|| {
            let bar = indicatif::ProgressBar::new_spinner();
            bar.set_message(message.to_string());
            bar.enable_steady_tick(std::time::Duration::from_millis(100));
            bar
        })
    }

    /// A writer to stdout for output that streams (one line per record of a large batch):
    /// buffered, colors kept or stripped as decided, a closed pipe not an error.
    pub fn stream(&self) -> Stream {
        Stream {
            inner: std::io::BufWriter::with_capacity(
                1 << 16,
                anstream::AutoStream::new(std::io::stdout().lock(), self.color),
            ),
        }
    }

    /// Writes to stdout, keeping or stripping colors as decided. A closed pipe (`| head`) is
    /// not an error worth reporting. Control characters that outside text may still carry
    /// are shown as escapes (`redact::terminal`, JSON-safe).
    pub fn emit(&self, text: &str) -> Result<(), Error> {
        let text = crate::redact::terminal(text);
        let mut out = anstream::AutoStream::new(std::io::stdout().lock(), self.color);
        match out.write_all(text.as_bytes()).and_then(|_| out.flush()) {
            Err(e) if e.kind() != std::io::ErrorKind::BrokenPipe => Err(Error::Io {
                message: Message::new(Msg::ErrorWriteStdout),
                source: e,
            }),
            _ => Ok(()),
        }
    }

    /// A line for the person at the terminal, on stderr so it never mixes into output that
    /// is piped or redirected; nothing with `--quiet`.
    pub fn note(&self, text: &str) {
        if !self.quiet {
            let mut err = anstream::AutoStream::new(std::io::stderr().lock(), self.color);
            let _ = writeln!(err, "{}", crate::redact::terminal(&fit(text)));
        }
    }

    /// Prints a report: the JSON document with `--json`, else the human text `human` builds.
    pub fn report(
        &self,
        report: &Report,
        human: impl FnOnce(&Output) -> String,
    ) -> Result<(), Error> {
        if self.json {
            let internal = |e: serde_json::Error| Error::internal(e);
            // Every string in the document passes the redaction policy: gateway answers and
            // other outside values travel in it.
            let mut doc = serde_json::to_value(report.said(self.locale())).map_err(internal)?;
            crate::redact::json(&mut doc);
            let text = serde_json::to_string_pretty(&doc).map_err(internal)?;
            self.emit(&(text + "\n"))
        } else {
            self.emit(&human(self))
        }
    }

    /// Findings as aligned lines, each failing or warning one followed by its fix command.
    pub fn findings(&self, findings: &[Finding]) -> String {
        let shown: Vec<&Finding> = findings
            .iter()
            .filter(|f| !self.quiet || matches!(f.status, Status::Warn | Status::Fail))
            .collect();
        let id_w = shown.iter().map(|f| width(&f.id)).max().unwrap_or(0);
        let target_w = shown
            .iter()
            .map(|f| {
                f.target
                    .as_deref()
                    .map_or(0, |t| width(&crate::redact::human(t, false)))
            })
            .max()
            .unwrap_or(0);
        let marker_w = shown
            .iter()
            .map(|f| width(self.glyphs.marker(f.status)))
            .max()
            .unwrap_or(0);
        let total = line_width();
        // Columns (marker, id, target, summary) while the summary keeps room to read;
        // on a narrow terminal the summary goes under its id instead.
        let column = marker_w + 1 + id_w + 2 + if target_w > 0 { target_w + 2 } else { 0 };
        let columns = column + (total / 2).min(40) <= total;
        let under = " ".repeat(marker_w + 3);
        let mut out = String::new();
        for f in shown {
            let marker = pad(self.glyphs.marker(f.status), marker_w);
            let summary = crate::redact::human(&f.summary.say(self.locale()), false);
            let target = crate::redact::human(f.target.as_deref().unwrap_or(""), false);
            let marker = paint(status_style(f.status), &marker);
            if columns {
                let mut head = format!("{marker} {}", pad(&f.id, id_w));
                if target_w > 0 {
                    head.push_str("  ");
                    head.push_str(&pad(&target, target_w));
                }
                head.push_str("  ");
                let rest = " ".repeat(column);
                for (i, l) in wrap::lines(&summary, total - column).iter().enumerate() {
                    let line = if i == 0 {
                        format!("{head}{l}")
                    } else {
                        format!("{rest}{l}")
                    };
                    out.push_str(line.trim_end());
                    out.push('\n');
                }
            } else {
                let mut head = f.id.clone();
                if !target.is_empty() {
                    head.push_str("  ");
                    head.push_str(&target);
                }
                let lead = " ".repeat(marker_w + 1);
                for (i, l) in wrap::hanging(&head, total, "", &under).iter().enumerate() {
                    if i == 0 {
                        out.push_str(&format!("{marker} {l}\n"));
                    } else {
                        out.push_str(&format!("{lead}{}\n", l.trim_start()));
                    }
                }
                out.push_str(&wrap::fill(&summary, total, &under, &under));
            }
            let arrow = self.glyphs.arrow();
            let cmd_at = marker_w + 3 + width(arrow) + 1;
            if matches!(f.status, Status::Warn | Status::Fail)
                && let Some(fix) = &f.fix
            {
                for (i, l) in wrap::lines(fix, total.saturating_sub(cmd_at))
                    .iter()
                    .enumerate()
                {
                    let head = if i == 0 {
                        format!("{}   {arrow} ", pad("", marker_w))
                    } else {
                        " ".repeat(cmd_at)
                    };
                    out.push_str(&format!("{head}{}\n", paint(CMD, l)));
                }
            }
            if self.verbose > 0 && !f.metrics.is_empty() {
                let mut m = serde_json::Value::Object(f.metrics.clone());
                crate::redact::json(&mut m);
                let at = " ".repeat(marker_w + 3);
                for l in wrap::lines(&m.to_string(), total.saturating_sub(marker_w + 3)) {
                    out.push_str(&format!("{at}{}\n", paint(DIM, &l)));
                }
            }
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn glyphs_follow_the_locale_charset() {
        let env = |v: &'static str| move |k: &str| (k == "LANG").then(|| v.to_string());
        assert_eq!(Glyphs::from_locale(env("zh_CN.UTF-8")), Glyphs::Unicode);
        assert_eq!(Glyphs::from_locale(env("en_US.utf8")), Glyphs::Unicode);
        assert_eq!(Glyphs::from_locale(env("C")), Glyphs::Ascii);
        let lc_all = |k: &str| match k {
            "LC_ALL" => Some("POSIX".to_string()),
            "LANG" => Some("en_US.UTF-8".to_string()),
            _ => None,
        };
        assert_eq!(Glyphs::from_locale(lc_all), Glyphs::Ascii);
    }

    #[test]
    fn padding_counts_wide_characters_twice() {
        assert_eq!(pad("余额", 6), "余额  ");
        assert_eq!(pad("ab", 4), "ab  ");
    }
}
