//! The one place that turns results into what the user sees: colored, aligned text in the
//! user's language, or a JSON document. Everything above it returns data.

mod batch;
mod codes;
mod decode;
mod doctor;
mod fix;
mod incident;
mod profile;
mod txn;
mod watch;

pub use batch::{batch_record, batch_summary};
pub use codes::{code_list, code_lookup};
pub use decode::{decode_emv, decode_finding, decode_message, emv_conclusion};
pub use doctor::{doctor, sim_banner};
pub use fix::{
    FixLine, fix_check_result, fix_checklist, fix_triage, fix_triage_line, fix_triage_question,
    fix_walk,
};
pub use incident::{incident_csv, incident_list, incident_show, incident_stats, outcome_name};
pub use profile::{profile_list, profile_show};
pub use txn::{reconcile, reconcile_csv, ticket_text, txn_status};
pub use watch::{
    watch_change, watch_change_json, watch_cycle, watch_cycle_json, watch_duration, watch_overrun,
    watch_overrun_json, watch_reload_failed_json, watch_reload_json,
};

use std::io::Write as _;

use anstyle::{AnsiColor, Style};
use unicode_width::UnicodeWidthStr;

use crate::error::{Error, Message};
use crate::finding::{Finding, Report, Status};
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

/// Text lines are wrapped to this many columns: readable on an 80-column terminal and the
/// same on every machine, so output can be compared and snapshot-tested.
pub(crate) const LINE_WIDTH: usize = 80;

/// A table: a header row and rows, columns padded to their widest cell (Chinese counted
/// as two columns).
pub(crate) fn table(header: &[&str], rows: &[Vec<String>]) -> String {
    // Cells hold outside values (RRNs, notes, file names): the redaction policy applies
    // before anything is measured.
    let rows: Vec<Vec<String>> = rows
        .iter()
        .map(|r| r.iter().map(|c| crate::redact::human(c, false)).collect())
        .collect();
    let rows = &rows;
    let n = header.len();
    let mut w: Vec<usize> = header.iter().map(|h| width(h)).collect();
    for r in rows {
        for (i, c) in r.iter().enumerate().take(n) {
            w[i] = w[i].max(width(c));
        }
    }
    let line = |cells: Vec<String>| {
        let s: Vec<String> = cells
            .iter()
            .enumerate()
            .map(|(i, c)| pad(c, w[i]))
            .collect();
        format!("  {}", s.join("  ").trim_end())
    };
    let mut out = paint(BOLD, &line(header.iter().map(|h| h.to_string()).collect()));
    out.push('\n');
    for r in rows {
        out.push_str(&line(r.clone()));
        out.push('\n');
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
    let w = rows.iter().map(|(l, _)| width(l)).max().unwrap_or(0);
    let value_width = LINE_WIDTH.saturating_sub(w + 4).max(30);
    let mut out = String::new();
    for (label, value) in rows {
        let value = if trusted.contains(label) {
            crate::redact::human_controls(value)
        } else {
            crate::redact::human(value, true)
        };
        let mut first = true;
        for line in value.lines() {
            for piece in textwrap::wrap(line, value_width) {
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

impl Output {
    pub fn tr(&self, msg: Msg) -> &'static str {
        self.lang.tr(msg)
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
            let _ = writeln!(err, "{}", crate::redact::terminal(text));
        }
    }

    /// Prints a report: the JSON document with `--json`, else the human text `human` builds.
    pub fn report(
        &self,
        report: &Report,
        human: impl FnOnce(&Output) -> String,
    ) -> Result<(), Error> {
        if self.json {
            let internal = |e: serde_json::Error| {
                Error::Internal(Message::new(Msg::ErrorInternal).arg("detail", e))
            };
            // Every string in the document passes the redaction policy: gateway answers and
            // other outside values travel in it.
            let mut doc = serde_json::to_value(report).map_err(internal)?;
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
        let mut out = String::new();
        for f in shown {
            let marker = pad(self.glyphs.marker(f.status), marker_w);
            let summary = crate::redact::human(&f.summary, false);
            let mut line = format!(
                "{} {}",
                paint(status_style(f.status), &marker),
                pad(&f.id, id_w)
            );
            if target_w > 0 {
                line.push_str("  ");
                let target = crate::redact::human(f.target.as_deref().unwrap_or(""), false);
                line.push_str(&pad(&target, target_w));
            }
            line.push_str("  ");
            line.push_str(&summary);
            out.push_str(line.trim_end());
            out.push('\n');
            if matches!(f.status, Status::Warn | Status::Fail)
                && let Some(fix) = &f.fix
            {
                out.push_str(&format!(
                    "{}   {} {}\n",
                    pad("", marker_w),
                    self.glyphs.arrow(),
                    paint(CMD, fix)
                ));
            }
            if self.verbose > 0 && !f.metrics.is_empty() {
                let mut m = serde_json::Value::Object(f.metrics.clone());
                crate::redact::json(&mut m);
                out.push_str(&format!(
                    "{}   {}\n",
                    pad("", marker_w),
                    paint(DIM, &m.to_string())
                ));
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
