//! `decode --pcap`: the conversation in a capture. Every message is decoded as it is cut from
//! its TCP stream and handed out at once (so a 100 MB capture is never held in memory);
//! only what pairing needs stays: the requests still waiting for an answer, and the STANs
//! seen, both bounded.
//!
//! Pairing is what a terminal does: an answer belongs to the request with the answer's MTI
//! minus one in the third digit (0200 → 0210, 0420 → 0430), the same STAN (field 11) and
//! terminal ID (field 41), on the same connection, in the other direction. A reversal
//! (04x0) is matched to what it reverses by field 90 (original MTI and STAN), the STAN, field
//! 61 (UnionPay: original batch and STAN), or the amount, in that order.

use std::collections::HashMap;
use std::io::Read;

use serde::Serialize;

use super::capture::{self, CaptureError, Damage, Format};
use super::stream::{ConnectionInfo, Direction, Framer, RawMessage, Streams};
use super::{Decoded, FramingChoice, LengthHeader, decode_message};
use crate::iso8583::Layout;

/// Requests waiting for an answer, at most; beyond, the oldest counts as never answered.
pub const MAX_WAITING: usize = 100_000;
/// Requests remembered to find repeated STANs and what a reversal reverses.
pub const MAX_REMEMBERED: usize = 500_000;
/// Items listed in each list of the summary (the messages themselves have all of it).
pub const MAX_LISTED: usize = 1_000;

pub struct Options {
    pub layouts: Vec<&'static Layout>,
    pub all_layouts: Vec<&'static Layout>,
    pub framing: FramingChoice,
    /// An answer slower than this is late.
    pub late_ms: f64,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Kind {
    Request,
    Answer,
    /// A message that does not decode, or whose MTI is neither.
    Other,
}

/// One message of the capture, with what is known about it when it is cut: an answer knows
/// its request, a reversal its original; that a request is never answered is known only at
/// the end (`Conversation::unanswered`).
#[derive(Debug, Clone, Serialize)]
pub struct MessageRecord {
    pub index: u32,
    /// When its last byte was captured, RFC 3339 (UTC).
    pub time: String,
    /// Milliseconds since the capture's first packet.
    pub elapsed_ms: f64,
    pub connection: u32,
    pub direction: Direction,
    pub from: String,
    pub to: String,
    pub stream_offset: u64,
    pub length: usize,
    pub framing: LengthHeader,
    pub kind: Kind,
    pub mti: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub stan: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub terminal: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub response_code: Option<String>,
    /// For an answer: the request it answers.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub answers: Option<u32>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub rtt_ms: Option<f64>,
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub late: bool,
    /// An answer that matches no request waiting: the terminal would drop it.
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub unmatched: bool,
    /// For an unmatched answer: the request on the same connection it was probably meant
    /// for (same MTI pair, STAN or terminal ID not echoed).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub expected_request: Option<u32>,
    /// For a reversal: the message it reverses, and how that was found.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub reverses: Option<u32>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub reversal_match: Option<&'static str>,
    /// For a request: the earlier request with the same terminal ID and STAN.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub repeats: Option<u32>,
    /// The message decoded (masked as `decode` masks it); absent when too short to try.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub message: Option<Decoded>,
}

impl MessageRecord {
    pub fn decoded(&self) -> bool {
        self.message.as_ref().is_some_and(Decoded::ok)
    }
}

#[derive(Debug, Clone, Serialize)]
pub struct Pair {
    pub request: u32,
    pub answer: u32,
    pub rtt_ms: f64,
    pub late: bool,
}

#[derive(Debug, Clone, Serialize)]
pub struct Waiting {
    pub index: u32,
    pub mti: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub stan: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub terminal: Option<String>,
    pub elapsed_ms: f64,
}

#[derive(Debug, Clone, Serialize)]
pub struct Reversal {
    pub reversal: u32,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub original: Option<u32>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub by: Option<&'static str>,
}

#[derive(Debug, Clone, Serialize)]
pub struct Repeat {
    pub message: u32,
    pub first: u32,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub stan: Option<String>,
}

#[derive(Debug, Clone, Serialize)]
pub struct RttStats {
    pub median: f64,
    pub p95: f64,
    pub max: f64,
}

/// Everything but the messages: counts, connections, pairs and what stands out.
#[derive(Debug, Clone, Serialize)]
pub struct Conversation {
    pub format: Format,
    pub packets: u64,
    /// Packets that are not TCP (or are cut short, or IP fragments): not read.
    pub other_packets: u64,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub damage: Option<Damage>,
    /// When the first packet was captured, RFC 3339.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub start: Option<String>,
    pub late_after_ms: f64,
    pub messages: u32,
    pub requests: u32,
    pub answered: u32,
    pub connections: Vec<ConnectionInfo>,
    pub pairs: Vec<Pair>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub rtt_ms: Option<RttStats>,
    pub unanswered: Vec<Waiting>,
    pub late: Vec<u32>,
    pub reversals: Vec<Reversal>,
    pub repeated_stans: Vec<Repeat>,
    pub unmatched_answers: Vec<u32>,
    pub undecoded: Vec<u32>,
    /// Counts of the lists above where they were cut at [`MAX_LISTED`] (pairs never are).
    pub counts: Counts,
    pub gaps: u32,
    pub bytes_missing: u64,
    pub incomplete_bytes: u64,
}

#[derive(Debug, Clone, Default, Serialize)]
pub struct Counts {
    pub unanswered: u32,
    pub late: u32,
    pub reversals: u32,
    pub repeated_stans: u32,
    pub unmatched_answers: u32,
    pub undecoded: u32,
}

fn push_listed<T>(list: &mut Vec<T>, count: &mut u32, item: T) {
    *count += 1;
    if list.len() < MAX_LISTED {
        list.push(item);
    }
}

type Key = (u32, [u8; 3], String, String);

struct PendingReq {
    index: u32,
    at_us: i64,
    waiting: Waiting,
}

struct State<'o> {
    opts: &'o Options,
    first_us: Option<i64>,
    index: u32,
    requests: u32,
    answered: u32,
    pending: HashMap<Key, PendingReq>,
    /// (terminal, STAN) → the first request with them.
    by_stan: HashMap<(String, String), u32>,
    /// (terminal, amount) → the last request with them.
    by_amount: HashMap<(String, String), u32>,
    pairs: Vec<Pair>,
    unanswered: Vec<Waiting>,
    late: Vec<u32>,
    reversals: Vec<Reversal>,
    repeated: Vec<Repeat>,
    unmatched: Vec<u32>,
    undecoded: Vec<u32>,
    counts: Counts,
}

fn rfc3339(us: i64) -> String {
    time::OffsetDateTime::from_unix_timestamp_nanos(i128::from(us) * 1000)
        .ok()
        .and_then(|t| {
            t.format(&time::format_description::well_known::Rfc3339)
                .ok()
        })
        .unwrap_or_default()
}

/// The answer's MTI for a request's (the function digit plus one, no repeat flag), or
/// `None` when `mti` is not a request.
fn answer_mti(mti: &str) -> Option<[u8; 3]> {
    let b = mti.as_bytes();
    if b.len() != 4 || !b.iter().all(u8::is_ascii_digit) {
        return None;
    }
    matches!(b[2], b'0' | b'2' | b'4').then(|| [b[0], b[1], b[2] + 1])
}

fn is_answer(mti: &str) -> Option<[u8; 3]> {
    let b = mti.as_bytes();
    if b.len() != 4 || !b.iter().all(u8::is_ascii_digit) {
        return None;
    }
    matches!(b[2], b'1' | b'3' | b'5').then(|| [b[0], b[1], b[2]])
}

fn digits(v: &str) -> bool {
    v.bytes().all(|c| c.is_ascii_digit())
}

impl State<'_> {
    fn record(&mut self, raw: RawMessage) -> MessageRecord {
        self.index = self.index.saturating_add(1);
        let index = self.index;
        let first = *self.first_us.get_or_insert(raw.last_us);
        let elapsed_ms = (raw.last_us - first) as f64 / 1000.0;
        let choice = match self.opts.framing {
            FramingChoice::Only(h) => FramingChoice::Only(h),
            FramingChoice::Auto => FramingChoice::Only(raw.framing.unwrap_or(LengthHeader::None)),
        };
        let mut decoded = decode_message(
            &raw.bytes,
            &self.opts.layouts,
            choice,
            &self.opts.all_layouts,
        );
        if decoded.as_ref().is_none_or(|d| !d.ok()) && self.opts.framing == FramingChoice::Auto {
            // The stream's framing did not fit this message: try every way before saying
            // where it stops.
            if let Some(d) = decode_message(
                &raw.bytes,
                &self.opts.layouts,
                FramingChoice::Auto,
                &self.opts.all_layouts,
            )
            .filter(Decoded::ok)
            {
                decoded = Some(d);
            }
        }
        let ok = decoded.as_ref().is_some_and(Decoded::ok);
        let field = |n: u8| {
            decoded
                .as_ref()
                .and_then(|d| d.value(n))
                .map(|v| v.trim().to_string())
        };
        let mti = decoded.as_ref().map(|d| d.mti.clone()).unwrap_or_default();
        let stan = field(11);
        let terminal = field(41);
        let (from, to) = match raw.direction {
            Direction::ToServer => (raw.client, raw.server),
            Direction::ToClient => (raw.server, raw.client),
        };
        let mut rec = MessageRecord {
            index,
            time: rfc3339(raw.last_us),
            elapsed_ms,
            connection: raw.connection,
            direction: raw.direction,
            from: from.to_string(),
            to: to.to_string(),
            stream_offset: raw.stream_offset,
            length: raw.bytes.len(),
            framing: decoded
                .as_ref()
                .map_or(raw.framing.unwrap_or(LengthHeader::None), |d| {
                    d.framing.length
                }),
            kind: Kind::Other,
            mti: mti.clone(),
            stan: stan.clone(),
            terminal: terminal.clone(),
            response_code: field(39),
            answers: None,
            rtt_ms: None,
            late: false,
            unmatched: false,
            expected_request: None,
            reverses: None,
            reversal_match: None,
            repeats: None,
            message: None,
        };
        if !ok {
            push_listed(&mut self.undecoded, &mut self.counts.undecoded, index);
        } else if let Some(ans) = answer_mti(&mti) {
            rec.kind = Kind::Request;
            self.requests += 1;
            self.request(&mut rec, &raw, ans, &field);
        } else if let Some(ans) = is_answer(&mti) {
            rec.kind = Kind::Answer;
            self.answer(&mut rec, &raw, ans);
        }
        rec.message = decoded;
        rec
    }

    fn request(
        &mut self,
        rec: &mut MessageRecord,
        raw: &RawMessage,
        ans: [u8; 3],
        field: &dyn Fn(u8) -> Option<String>,
    ) {
        let tid = rec.terminal.clone().unwrap_or_default();
        let stan = rec.stan.clone().unwrap_or_default();
        let m = rec.mti.as_bytes();
        let reversal = m[1] == b'4';
        let repeat_flag = matches!(m[3], b'1' | b'3' | b'5');
        if reversal {
            let mut found: Option<(u32, &'static str)> = None;
            if let Some(f90) = field(90).filter(|v| v.len() >= 10 && digits(v)) {
                found = self
                    .by_stan
                    .get(&(tid.clone(), f90[4..10].to_string()))
                    .map(|&i| (i, "field-90"));
            }
            if found.is_none() && !stan.is_empty() {
                found = self
                    .by_stan
                    .get(&(tid.clone(), stan.clone()))
                    .map(|&i| (i, "stan"));
            }
            if found.is_none()
                && let Some(f61) = field(61).filter(|v| v.len() >= 12 && digits(&v[..12]))
            {
                found = self
                    .by_stan
                    .get(&(tid.clone(), f61[6..12].to_string()))
                    .map(|&i| (i, "field-61"));
            }
            if found.is_none()
                && let Some(amount) = field(4)
            {
                found = self
                    .by_amount
                    .get(&(tid.clone(), amount))
                    .map(|&i| (i, "amount"));
            }
            rec.reverses = found.map(|f| f.0);
            rec.reversal_match = found.map(|f| f.1);
            if !repeat_flag {
                push_listed(
                    &mut self.reversals,
                    &mut self.counts.reversals,
                    Reversal {
                        reversal: rec.index,
                        original: rec.reverses,
                        by: rec.reversal_match,
                    },
                );
            }
        } else if !repeat_flag && !stan.is_empty() {
            if self.by_stan.len() >= MAX_REMEMBERED || self.by_amount.len() >= MAX_REMEMBERED {
                self.by_stan.clear();
                self.by_amount.clear();
            }
            match self.by_stan.get(&(tid.clone(), stan.clone())) {
                Some(&first) => {
                    rec.repeats = Some(first);
                    push_listed(
                        &mut self.repeated,
                        &mut self.counts.repeated_stans,
                        Repeat {
                            message: rec.index,
                            first,
                            stan: rec.stan.clone(),
                        },
                    );
                }
                None => {
                    self.by_stan.insert((tid.clone(), stan.clone()), rec.index);
                }
            }
            if let Some(amount) = field(4) {
                self.by_amount.insert((tid.clone(), amount), rec.index);
            }
        }
        let key = (raw.connection, ans, stan, tid);
        let waiting = Waiting {
            index: rec.index,
            mti: rec.mti.clone(),
            stan: rec.stan.clone(),
            terminal: rec.terminal.clone(),
            elapsed_ms: rec.elapsed_ms,
        };
        if self.pending.len() >= MAX_WAITING
            && let Some(oldest) = self
                .pending
                .iter()
                .min_by_key(|(_, p)| p.index)
                .map(|(k, _)| k.clone())
            && let Some(p) = self.pending.remove(&oldest)
        {
            self.unanswered_push(p.waiting);
        }
        if let Some(old) = self.pending.insert(
            key,
            PendingReq {
                index: rec.index,
                at_us: raw.last_us,
                waiting,
            },
        ) {
            // The same request again before an answer: the first one was not answered.
            self.unanswered_push(old.waiting);
        }
    }

    fn unanswered_push(&mut self, w: Waiting) {
        push_listed(&mut self.unanswered, &mut self.counts.unanswered, w);
    }

    fn answer(&mut self, rec: &mut MessageRecord, raw: &RawMessage, ans: [u8; 3]) {
        let key = (
            raw.connection,
            ans,
            rec.stan.clone().unwrap_or_default(),
            rec.terminal.clone().unwrap_or_default(),
        );
        match self.pending.remove(&key) {
            Some(p) => {
                let rtt = (raw.last_us - p.at_us) as f64 / 1000.0;
                let late = rtt > self.opts.late_ms;
                rec.answers = Some(p.index);
                rec.rtt_ms = Some(rtt);
                rec.late = late;
                self.answered += 1;
                self.pairs.push(Pair {
                    request: p.index,
                    answer: rec.index,
                    rtt_ms: rtt,
                    late,
                });
                if late {
                    push_listed(&mut self.late, &mut self.counts.late, rec.index);
                }
            }
            None => {
                rec.unmatched = true;
                if self.pending.len() <= 10_000 {
                    rec.expected_request = self
                        .pending
                        .iter()
                        .filter(|(k, _)| k.0 == raw.connection && k.1 == ans)
                        .map(|(_, p)| p.index)
                        .max();
                }
                push_listed(
                    &mut self.unmatched,
                    &mut self.counts.unmatched_answers,
                    rec.index,
                );
            }
        }
    }
}

fn percentile(sorted: &[f64], p: f64) -> f64 {
    if sorted.is_empty() {
        return 0.0;
    }
    let i = ((sorted.len() - 1) as f64 * p).round() as usize;
    sorted[i.min(sorted.len() - 1)]
}

/// Reads a capture and decodes its conversation. Each message goes to `each` as soon as it
/// is cut (`each` returns `false` to stop early: an interrupt, a closed pipe); the rest is
/// returned at the end. Only a file that is no capture at all is an error.
pub fn analyse<R: Read + Send>(
    input: R,
    opts: &Options,
    mut each: impl FnMut(&MessageRecord) -> bool,
) -> Result<Conversation, CaptureError> {
    let decodes = |b: &[u8], h: LengthHeader| {
        decode_message(b, &opts.layouts, FramingChoice::Only(h), &[]).is_some_and(|d| d.ok())
    };
    let framer = Framer {
        fixed: match opts.framing {
            FramingChoice::Only(h) => Some(h),
            FramingChoice::Auto => None,
        },
        decodes: &decodes,
    };
    let mut streams = Streams::new();
    let mut state = State {
        opts,
        first_us: None,
        index: 0,
        requests: 0,
        answered: 0,
        pending: HashMap::new(),
        by_stan: HashMap::new(),
        by_amount: HashMap::new(),
        pairs: Vec::new(),
        unanswered: Vec::new(),
        late: Vec::new(),
        reversals: Vec::new(),
        repeated: Vec::new(),
        unmatched: Vec::new(),
        undecoded: Vec::new(),
        counts: Counts::default(),
    };
    let mut start_us = None;
    let mut other = 0u64;
    let mut out = Vec::new();
    let mut go_on = true;
    let end = capture::read_packets(input, |p| {
        start_us.get_or_insert(p.ts_us);
        state.first_us.get_or_insert(p.ts_us);
        match capture::segment(p.linktype, p.data) {
            Some(seg) => streams.push(&seg, p.ts_us, &framer, &mut out),
            None => other += 1,
        }
        for raw in out.drain(..) {
            if go_on {
                let rec = state.record(raw);
                go_on = each(&rec);
            }
        }
        go_on
    })?;
    if go_on {
        streams.finish(&framer, &mut out);
        for raw in out.drain(..) {
            if go_on {
                let rec = state.record(raw);
                go_on = each(&rec);
            }
        }
    }
    let mut rest: Vec<PendingReq> = state.pending.drain().map(|(_, p)| p).collect();
    rest.sort_by_key(|p| p.index);
    for p in rest {
        state.unanswered_push(p.waiting);
    }
    state.unanswered.sort_by_key(|w| w.index);
    let mut rtts: Vec<f64> = state.pairs.iter().map(|p| p.rtt_ms).collect();
    rtts.sort_by(f64::total_cmp);
    let rtt_ms = (!rtts.is_empty()).then(|| RttStats {
        median: percentile(&rtts, 0.5),
        p95: percentile(&rtts, 0.95),
        max: rtts.last().copied().unwrap_or(0.0),
    });
    let gaps = streams.connections.iter().map(|c| c.gaps).sum();
    let bytes_missing = streams.connections.iter().map(|c| c.bytes_missing).sum();
    let incomplete_bytes = streams.connections.iter().map(|c| c.incomplete_bytes).sum();
    Ok(Conversation {
        format: end.format,
        packets: end.packets,
        other_packets: other,
        damage: end.damage,
        start: start_us.map(rfc3339),
        late_after_ms: opts.late_ms,
        messages: state.index,
        requests: state.requests,
        answered: state.answered,
        connections: std::mem::take(&mut streams.connections),
        pairs: state.pairs,
        rtt_ms,
        unanswered: state.unanswered,
        late: state.late,
        reversals: state.reversals,
        repeated_stans: state.repeated,
        unmatched_answers: state.unmatched,
        undecoded: state.undecoded,
        counts: state.counts,
        gaps,
        bytes_missing,
        incomplete_bytes,
    })
}
