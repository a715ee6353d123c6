//! `posdoctor decode --pcap` as it goes: one timeline line per message (text) or one JSON
//! object per message inside the document's `messages` array, written as the capture is
//! read, so memory does not grow with the capture; the summary and findings come last.

use std::collections::HashSet;
use std::io::Write;

use super::decode::clip;
use super::{BOLD, DIM, Glyphs, Output, line_width, pad, paint, width};
use crate::decode::conversation::{Conversation, MessageRecord};
use crate::decode::stream::Direction;
use crate::error::{Error, Message};
use crate::finding::{Finding, Report, Status};
use crate::i18n::{Lang, Msg};
use crate::taxonomy::{Category, Cause};

/// Text is flushed in pieces of about this size.
const FLUSH_AT: usize = 64 * 1024;

pub struct PcapPrinter<'o> {
    out: &'o Output,
    text: String,
    json: Option<std::io::BufWriter<std::io::Stdout>>,
    first: bool,
    shown: HashSet<u32>,
    /// Standard output is closed (`| head`): nothing more to write.
    pub closed: bool,
}

fn write_error(e: std::io::Error) -> Error {
    Error::Io {
        message: Message::new(Msg::ErrorWriteStdout),
        source: e,
    }
}

fn json_text(value: &impl serde::Serialize, pretty: bool) -> String {
    let mut v = serde_json::to_value(value).unwrap_or(serde_json::Value::Null);
    crate::redact::json(&mut v);
    if pretty {
        serde_json::to_string_pretty(&v).unwrap_or_default()
    } else {
        serde_json::to_string(&v).unwrap_or_default()
    }
}

/// Indents every line after the first of a pretty-printed value by two spaces.
fn indent(text: &str) -> String {
    text.replace('\n', "\n  ")
}

impl<'o> PcapPrinter<'o> {
    pub fn new(out: &'o Output) -> Self {
        PcapPrinter {
            out,
            text: String::new(),
            json: out
                .json
                .then(|| std::io::BufWriter::with_capacity(1 << 16, std::io::stdout())),
            first: true,
            shown: HashSet::new(),
            closed: false,
        }
    }

    fn raw(&mut self, s: &str) -> Result<(), Error> {
        if self.closed {
            return Ok(());
        }
        if let Some(w) = &mut self.json {
            match w.write_all(s.as_bytes()) {
                Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => self.closed = true,
                Err(e) => return Err(write_error(e)),
                Ok(()) => {}
            }
        }
        Ok(())
    }

    fn flush_text(&mut self, force: bool) -> Result<(), Error> {
        if !self.text.is_empty() && (force || self.text.len() >= FLUSH_AT) {
            let t = std::mem::take(&mut self.text);
            self.out.emit(&t)?;
        }
        Ok(())
    }

    fn header(&self) -> String {
        let lang = self.out.lang;
        let line = format!(
            "  {} {} {} {} {} {}  {}",
            pad(lang.tr(Msg::DecodePcapColTime), 8),
            pad("#", 5),
            pad(lang.tr(Msg::DecodePcapColConn), 5),
            pad("MTI", 4),
            pad("STAN", 6),
            pad(lang.tr(Msg::DecodePcapColTerminal), 8),
            lang.tr(Msg::DecodePcapColNote),
        );
        paint(BOLD, line.trim_end()) + "\n"
    }

    /// One message: a timeline line, or an element of `messages`.
    pub fn message(&mut self, rec: &MessageRecord) -> Result<(), Error> {
        if self.json.is_some() {
            let head = if self.first {
                "{\n  \"schema\": 1,\n  \"command\": \"decode\",\n  \"input\": \"pcap\",\n  \"messages\": [\n    "
            } else {
                ",\n    "
            };
            self.first = false;
            let body = json_text(rec, false);
            self.raw(head)?;
            return self.raw(&body);
        }
        if self.out.quiet {
            return Ok(());
        }
        let lang = self.out.lang;
        if self.first {
            self.first = false;
            let h = self.header();
            self.text.push_str(&h);
        }
        if self.shown.insert(rec.connection) {
            let line = lang.trf(
                Msg::DecodePcapConnection,
                &[
                    ("id", &rec.connection),
                    (
                        "client",
                        &if rec.direction == Direction::ToServer {
                            &rec.from
                        } else {
                            &rec.to
                        },
                    ),
                    (
                        "server",
                        &if rec.direction == Direction::ToServer {
                            &rec.to
                        } else {
                            &rec.from
                        },
                    ),
                ],
            );
            let line = if self.out.glyphs == Glyphs::Ascii {
                line.replace('→', "->")
            } else {
                line
            };
            self.text.push_str(&paint(
                DIM,
                &format!("  {}", clip(&line, line_width().saturating_sub(2))),
            ));
            self.text.push('\n');
        }
        let arrow = match (rec.direction, self.out.glyphs) {
            (Direction::ToServer, Glyphs::Unicode) => "→",
            (Direction::ToClient, Glyphs::Unicode) => "←",
            (Direction::ToServer, Glyphs::Ascii) => "->",
            (Direction::ToClient, Glyphs::Ascii) => "<-",
        };
        let note = note(lang, rec);
        let left = format!(
            "  {} {} {} {} {} {}",
            pad(&format!("+{:.3}", rec.elapsed_ms / 1000.0), 8),
            pad(&format!("#{}", rec.index), 5),
            pad(&format!("c{} {arrow}", rec.connection), 5),
            pad(&clip(&rec.mti, 4), 4),
            pad(&clip(rec.stan.as_deref().unwrap_or("-"), 6), 6),
            pad(&clip(rec.terminal.as_deref().unwrap_or("-"), 8), 8),
        );
        let left = left.trim_end().to_string() + "  ";
        let room = line_width().saturating_sub(width(&left)).max(8);
        let note = clip(&note, room);
        let styled = if rec.late || rec.unmatched || !rec.decoded() {
            paint(
                super::status_style(if rec.decoded() {
                    Status::Warn
                } else {
                    Status::Fail
                }),
                &note,
            )
        } else {
            note
        };
        let left = crate::redact::human(&left, false);
        if styled.is_empty() {
            self.text.push_str(left.trim_end());
        } else {
            self.text.push_str(&left);
            self.text.push_str(&crate::redact::human(&styled, false));
        }
        self.text.push('\n');
        self.flush_text(false)
    }

    /// The end: the summary and findings (JSON: the rest of the document).
    pub fn finish(&mut self, conv: &Conversation, report: &Report) -> Result<(), Error> {
        if self.json.is_some() {
            let head = if self.first {
                "{\n  \"schema\": 1,\n  \"command\": \"decode\",\n  \"input\": \"pcap\",\n  \"messages\": [],\n"
            } else {
                "\n  ],\n"
            };
            self.raw(head)?;
            let tail = format!(
                "  \"conversation\": {},\n  \"findings\": {},\n  \"status\": {}\n}}\n",
                indent(&json_text(conv, true)),
                indent(&json_text(
                    &report
                        .findings
                        .iter()
                        .map(|f| f.said(self.out.locale()))
                        .collect::<Vec<_>>(),
                    true
                )),
                json_text(&report.status, false),
            );
            self.raw(&tail)?;
            if let Some(w) = &mut self.json
                && !self.closed
                && let Err(e) = w.flush()
                && e.kind() != std::io::ErrorKind::BrokenPipe
            {
                return Err(write_error(e));
            }
            return Ok(());
        }
        if !self.text.is_empty() || !self.first {
            self.text.push('\n');
        }
        let findings = super::decode::findings_wrapped(self.out, &report.findings);
        self.text.push_str(&findings);
        self.flush_text(true)
    }
}

fn note(lang: Lang, rec: &MessageRecord) -> String {
    let mut parts: Vec<String> = Vec::new();
    if !rec.decoded() {
        let mut s = lang.tr(Msg::DecodePcapNoteUndecoded).to_string();
        if let Some(st) = rec.message.as_ref().and_then(|d| d.stopped.as_ref()) {
            s.push_str(&format!(" (byte {})", st.offset));
        }
        parts.push(s);
    }
    if let Some(rc) = &rec.response_code {
        parts.push(rc.clone());
    }
    if let (Some(i), Some(rtt)) = (rec.answers, rec.rtt_ms) {
        let rtt = format!("{rtt:.0}");
        parts.push(if rec.late {
            lang.trf(Msg::DecodePcapNoteLate, &[("index", &i), ("rtt", &rtt)])
        } else {
            lang.trf(Msg::DecodePcapNoteAnswers, &[("index", &i), ("rtt", &rtt)])
        });
    }
    if rec.unmatched {
        parts.push(match rec.expected_request {
            Some(i) => lang.trf(Msg::DecodePcapNoteUnmatchedFor, &[("index", &i)]),
            None => lang.tr(Msg::DecodePcapNoteUnmatched).to_string(),
        });
    }
    if rec.mti.as_bytes().get(1) == Some(&b'4')
        && rec.kind == crate::decode::conversation::Kind::Request
    {
        parts.push(match (rec.reverses, rec.reversal_match) {
            (Some(i), Some(by)) => {
                // The JSON keeps the key; people read what matched.
                let by = match by {
                    "field-90" => lang.tr(Msg::DecodePcapByField90),
                    "field-61" => lang.tr(Msg::DecodePcapByField61),
                    "stan" => lang.tr(Msg::DecodePcapByStan),
                    "amount" => lang.tr(Msg::DecodePcapByAmount),
                    other => other,
                };
                lang.trf(Msg::DecodePcapNoteReverses, &[("index", &i), ("by", &by)])
            }
            _ => lang.tr(Msg::DecodePcapNoteReversal).to_string(),
        });
    }
    if let Some(i) = rec.repeats {
        parts.push(lang.trf(Msg::DecodePcapNoteRepeats, &[("index", &i)]));
    }
    parts.join(if lang == Lang::Zh { "；" } else { "; " })
}

fn list(lang: Lang, items: &[u32], total: u32) -> String {
    const SHOWN: usize = 8;
    let mut s: Vec<String> = items.iter().take(SHOWN).map(|i| format!("#{i}")).collect();
    let rest = u64::from(total).saturating_sub(s.len() as u64);
    if rest > 0 {
        s.push(lang.trf(Msg::DecodePcapMore, &[("count", &rest)]));
    }
    s.join(if lang == Lang::Zh { "、" } else { ", " })
}

fn ms(v: f64) -> String {
    format!("{v:.0}")
}

/// What the conversation shows, as findings: the counts, then each kind of trouble.
pub fn pcap_findings(lang: Lang, conv: &Conversation) -> Vec<Finding> {
    let mut f = Vec::new();
    let format = match conv.format {
        crate::decode::capture::Format::Pcap => "pcap",
        crate::decode::capture::Format::Pcapng => "pcapng",
    };
    if conv.messages == 0 {
        f.push(
            Finding::new(
                "decode.pcap.capture",
                Status::Warn,
                lang.trf(Msg::DecodePcapNone, &[("packets", &conv.packets)]),
            )
            .metric("packets", conv.packets),
        );
    } else {
        f.push(
            Finding::new(
                "decode.pcap.capture",
                Status::Ok,
                lang.trf(
                    Msg::DecodePcapSummary,
                    &[
                        ("messages", &conv.messages),
                        ("connections", &conv.connections.len()),
                        ("packets", &conv.packets),
                        ("format", &format),
                    ],
                ),
            )
            .metric("messages", conv.messages)
            .metric("connections", conv.connections.len())
            .metric("packets", conv.packets),
        );
    }
    if let Some(d) = &conv.damage {
        let kind = match d.kind {
            "truncated" => lang.tr(Msg::DecodePcapDamageTruncated),
            "too-large" => lang.tr(Msg::DecodePcapDamageTooLarge),
            _ => lang.tr(Msg::DecodePcapDamageMalformed),
        };
        f.push(
            Finding::new(
                "decode.pcap.damaged",
                Status::Warn,
                lang.trf(
                    Msg::DecodePcapDamaged,
                    &[("kind", &kind), ("offset", &d.offset)],
                ),
            )
            .metric("offset", d.offset),
        );
    }
    if conv.requests > 0 {
        let summary = match &conv.rtt_ms {
            Some(r) => lang.trf(
                Msg::DecodePcapPairs,
                &[
                    ("answered", &conv.answered),
                    ("requests", &conv.requests),
                    ("median", &ms(r.median)),
                    ("max", &ms(r.max)),
                ],
            ),
            None => lang.trf(
                Msg::DecodePcapPairsNone,
                &[("answered", &conv.answered), ("requests", &conv.requests)],
            ),
        };
        let mut finding = Finding::new("decode.pcap.pairs", Status::Ok, summary)
            .metric("requests", conv.requests)
            .metric("answered", conv.answered);
        if let Some(r) = &conv.rtt_ms {
            finding = finding
                .metric("rtt_median_ms", r.median)
                .metric("rtt_p95_ms", r.p95)
                .metric("rtt_max_ms", r.max);
        }
        f.push(finding);
    }
    let c = &conv.counts;
    if c.unanswered > 0 {
        let idx: Vec<u32> = conv.unanswered.iter().map(|w| w.index).collect();
        f.push(
            Finding::new(
                "decode.pcap.unanswered",
                Status::Warn,
                lang.trf(
                    Msg::DecodePcapUnanswered,
                    &[
                        ("count", &c.unanswered),
                        ("list", &list(lang, &idx, c.unanswered)),
                    ],
                ),
            )
            .blame(Category::NoResponse, Cause::Host)
            .metric("count", c.unanswered),
        );
    }
    if c.late > 0 {
        f.push(
            Finding::new(
                "decode.pcap.late",
                Status::Warn,
                lang.trf(
                    Msg::DecodePcapLate,
                    &[
                        ("count", &c.late),
                        ("seconds", &(conv.late_after_ms / 1000.0)),
                        ("list", &list(lang, &conv.late, c.late)),
                    ],
                ),
            )
            .blame(Category::NoResponse, Cause::Network)
            .metric("count", c.late),
        );
    }
    if c.reversals > 0 {
        let idx: Vec<u32> = conv.reversals.iter().map(|r| r.reversal).collect();
        f.push(
            Finding::new(
                "decode.pcap.reversals",
                Status::Warn,
                lang.trf(
                    Msg::DecodePcapReversals,
                    &[
                        ("count", &c.reversals),
                        ("list", &list(lang, &idx, c.reversals)),
                    ],
                ),
            )
            .blame(Category::NoResponse, Cause::Network)
            .metric("count", c.reversals),
        );
    }
    if c.repeated_stans > 0 {
        let idx: Vec<u32> = conv.repeated_stans.iter().map(|r| r.message).collect();
        f.push(
            Finding::new(
                "decode.pcap.repeated-stan",
                Status::Warn,
                lang.trf(
                    Msg::DecodePcapRepeated,
                    &[
                        ("count", &c.repeated_stans),
                        ("list", &list(lang, &idx, c.repeated_stans)),
                    ],
                ),
            )
            .blame(Category::Terminated, Cause::Software)
            .metric("count", c.repeated_stans),
        );
    }
    if c.unmatched_answers > 0 {
        f.push(
            Finding::new(
                "decode.pcap.unmatched-answer",
                Status::Warn,
                lang.trf(
                    Msg::DecodePcapUnmatched,
                    &[
                        ("count", &c.unmatched_answers),
                        (
                            "list",
                            &list(lang, &conv.unmatched_answers, c.unmatched_answers),
                        ),
                    ],
                ),
            )
            .blame(Category::NoResponse, Cause::Host)
            .metric("count", c.unmatched_answers),
        );
    }
    if conv.gaps > 0 {
        f.push(
            Finding::new(
                "decode.pcap.gaps",
                Status::Warn,
                lang.trf(
                    Msg::DecodePcapGaps,
                    &[("count", &conv.gaps), ("bytes", &conv.bytes_missing)],
                ),
            )
            .metric("gaps", conv.gaps)
            .metric("bytes_missing", conv.bytes_missing),
        );
    }
    if conv.incomplete_bytes > 0 {
        f.push(
            Finding::new(
                "decode.pcap.incomplete",
                Status::Warn,
                lang.trf(
                    Msg::DecodePcapIncomplete,
                    &[("bytes", &conv.incomplete_bytes)],
                ),
            )
            .metric("bytes", conv.incomplete_bytes),
        );
    }
    if c.undecoded > 0 {
        f.push(
            Finding::new(
                "decode.pcap.undecoded",
                Status::Fail,
                lang.trf(
                    Msg::DecodePcapUndecoded,
                    &[
                        ("count", &c.undecoded),
                        ("list", &list(lang, &conv.undecoded, c.undecoded)),
                    ],
                ),
            )
            .metric("count", c.undecoded),
        );
    }
    f
}
