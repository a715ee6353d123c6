//! TCP streams put back together, one per direction of a connection, and cut into messages
//! by their length header.
//!
//! Segments come split, out of order, retransmitted or overlapping: bytes already delivered
//! are dropped, a segment ahead of the stream waits until the bytes before it arrive. Memory
//! is bounded: at most [`MAX_PENDING`] bytes wait per direction and [`MAX_CONNECTIONS`]
//! connections are followed at once (the one idle longest is closed to make room). When
//! the bytes before a waiting segment never come (the capture lost them), the stream goes
//! on after a gap: the message in progress is dropped and the gap counted, never guessed.

use std::collections::HashMap;
use std::net::SocketAddr;

use serde::Serialize;

use super::LengthHeader;
use super::capture::Segment;

/// Bytes of segments ahead of the stream kept per direction.
pub const MAX_PENDING: usize = 256 * 1024;
/// Segments ahead of the stream kept per direction.
const MAX_PENDING_SEGMENTS: usize = 256;
/// Connections followed at once.
pub const MAX_CONNECTIONS: usize = 16_384;
/// The largest message: a 2-byte length header says at most 65,535 bytes.
const MAX_MESSAGE: usize = 65_535 + 4;
/// A length a header may plausibly announce when the framing is being found.
const PLAUSIBLE: std::ops::RangeInclusive<usize> = 12..=16_384;

/// Which way a message went: from the client (who opened the connection) or to it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Direction {
    ToServer,
    ToClient,
}

/// A message cut from a stream, not yet decoded.
pub struct RawMessage {
    pub connection: u32,
    pub direction: Direction,
    pub client: SocketAddr,
    pub server: SocketAddr,
    /// When its first and its last byte were captured (microseconds since 1970).
    pub first_us: i64,
    pub last_us: i64,
    /// Where it starts in its direction's stream.
    pub stream_offset: u64,
    /// The length header it was cut with (`None` when the stream has no length header or
    /// the framing could not be found).
    pub framing: Option<LengthHeader>,
    pub bytes: Vec<u8>,
}

/// A connection as the summary lists it.
#[derive(Debug, Clone, Serialize)]
pub struct ConnectionInfo {
    pub id: u32,
    pub client: String,
    pub server: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub framing: Option<LengthHeader>,
    pub messages: u32,
    pub gaps: u32,
    pub bytes_missing: u64,
    /// Bytes at the end of a direction that never made a whole message.
    pub incomplete_bytes: u64,
}

/// How to find the length header: fixed, or by trying each on the first bytes, keeping the
/// one with which `decodes` says the first message decodes.
pub struct Framer<'a> {
    pub fixed: Option<LengthHeader>,
    pub decodes: &'a dyn Fn(&[u8], LengthHeader) -> bool,
}

#[derive(Default)]
struct Half {
    /// The next sequence number expected; `None` until the first segment.
    next: Option<u32>,
    /// The sequence number of this side's SYN.
    syn_seq: Option<u32>,
    /// Segments ahead of `next`: (sequence number, bytes, time).
    pending: Vec<(u32, Vec<u8>, i64)>,
    pending_bytes: usize,
    /// Bytes delivered so far.
    delivered: u64,
    framing: Option<LengthHeader>,
    decided: bool,
    buf: Vec<u8>,
    /// Start of the unconsumed bytes in `buf`.
    start: usize,
    buf_first_us: i64,
    fin: bool,
    /// After a gap: bytes are dropped until a segment starts with a whole message.
    resync: bool,
}

struct Conn {
    id: u32,
    client: SocketAddr,
    server: SocketAddr,
    halves: [Half; 2],
    last_us: i64,
    info_at: usize,
}

/// Every connection of a capture, fed segment by segment.
pub struct Streams {
    conns: HashMap<(SocketAddr, SocketAddr), Conn>,
    pub connections: Vec<ConnectionInfo>,
    next_id: u32,
    /// The length header found last: tried first on the next stream.
    preferred: Option<LengthHeader>,
}

fn key(a: SocketAddr, b: SocketAddr) -> (SocketAddr, SocketAddr) {
    if a <= b { (a, b) } else { (b, a) }
}

impl Default for Streams {
    fn default() -> Self {
        Self::new()
    }
}

impl Streams {
    pub fn new() -> Self {
        Streams {
            conns: HashMap::new(),
            connections: Vec::new(),
            next_id: 1,
            preferred: None,
        }
    }

    fn open(
        &mut self,
        client: SocketAddr,
        server: SocketAddr,
        now: i64,
        out: &mut Vec<RawMessage>,
        framer: &Framer<'_>,
    ) -> (SocketAddr, SocketAddr) {
        if self.conns.len() >= MAX_CONNECTIONS {
            // Close the connection idle longest.
            if let Some(k) = self
                .conns
                .iter()
                .min_by_key(|(_, c)| c.last_us)
                .map(|(k, _)| *k)
            {
                self.close(k, out, framer);
            }
        }
        let id = self.next_id;
        self.next_id = self.next_id.saturating_add(1);
        self.connections.push(ConnectionInfo {
            id,
            client: client.to_string(),
            server: server.to_string(),
            framing: None,
            messages: 0,
            gaps: 0,
            bytes_missing: 0,
            incomplete_bytes: 0,
        });
        let k = key(client, server);
        self.conns.insert(
            k,
            Conn {
                id,
                client,
                server,
                halves: [Half::default(), Half::default()],
                last_us: now,
                info_at: self.connections.len() - 1,
            },
        );
        k
    }

    /// Takes one segment; messages it completes are appended to `out`.
    pub fn push(
        &mut self,
        seg: &Segment<'_>,
        now: i64,
        framer: &Framer<'_>,
        out: &mut Vec<RawMessage>,
    ) {
        let mut k = key(seg.src, seg.dst);
        // A new connection on the same addresses and ports: the old one is over.
        if seg.syn
            && !seg.ack
            && let Some(c) = self.conns.get(&k)
            && c.halves[0].syn_seq.is_some_and(|s| s != seg.seq)
        {
            self.close(k, out, framer);
        }
        if !self.conns.contains_key(&k) {
            if seg.payload.is_empty() && !seg.syn {
                return;
            }
            // The side that sends the first SYN is the client; without a handshake in the
            // capture, the side with the higher (ephemeral) port.
            let (client, server) = if seg.syn {
                if seg.ack {
                    (seg.dst, seg.src)
                } else {
                    (seg.src, seg.dst)
                }
            } else if seg.src.port() >= seg.dst.port() {
                (seg.src, seg.dst)
            } else {
                (seg.dst, seg.src)
            };
            k = self.open(client, server, now, out, framer);
        }
        let preferred = self.preferred;
        let Some(c) = self.conns.get_mut(&k) else {
            return;
        };
        c.last_us = now;
        let dir = if seg.src == c.client { 0 } else { 1 };
        let info = &mut self.connections[c.info_at];
        // The peer acknowledges bytes of the other direction the capture never had: they
        // are not coming, the waiting segments go on after a gap.
        if seg.ack {
            let other_emit = emit_for(c, 1 - dir, framer, preferred);
            let other = &mut c.halves[1 - dir];
            if !other.pending.is_empty()
                && other
                    .next
                    .is_some_and(|n| (seg.ack_no.wrapping_sub(n) as i32) > 0)
            {
                other.skip_gap(&other_emit, info, out);
            }
        }
        let emit = emit_for(c, dir, framer, preferred);
        let half = &mut c.halves[dir];
        if seg.syn {
            if half.next.is_none() {
                half.next = Some(seg.seq.wrapping_add(1));
                half.syn_seq = Some(seg.seq);
            }
            return;
        }
        let mut payload = seg.payload;
        let mut seq = seg.seq;
        let next = *half.next.get_or_insert(seq);
        let ahead = seq.wrapping_sub(next) as i32;
        if ahead < 0 {
            // Retransmitted or overlapping: drop what was delivered already.
            let skip = ahead.unsigned_abs() as usize;
            if skip >= payload.len() {
                payload = &[];
            } else {
                payload = &payload[skip..];
                seq = next;
            }
        }
        if seg.fin {
            half.fin = true;
        }
        if payload.is_empty() {
            if seg.rst || c.halves.iter().all(|h| h.fin) {
                self.close(k, out, framer);
            }
            return;
        }
        let ahead = seq.wrapping_sub(next) as i32;
        if ahead == 0 {
            half.deliver(payload, now, &emit, info, out);
            half.drain_pending(&emit, info, out);
        } else if !half
            .pending
            .iter()
            .any(|(s, b, _)| *s == seq && b.len() >= payload.len())
        {
            half.pending_bytes += payload.len();
            half.pending.push((seq, payload.to_vec(), now));
            if half.pending_bytes > MAX_PENDING || half.pending.len() > MAX_PENDING_SEGMENTS {
                half.skip_gap(&emit, info, out);
            }
        }
        if let Some(f) = half.framing {
            self.preferred = Some(f);
            if info.framing.is_none() {
                info.framing = Some(f);
            }
        }
        if seg.rst || c.halves.iter().all(|h| h.fin) {
            self.close(k, out, framer);
        }
    }

    fn close(
        &mut self,
        k: (SocketAddr, SocketAddr),
        out: &mut Vec<RawMessage>,
        framer: &Framer<'_>,
    ) {
        let Some(mut c) = self.conns.remove(&k) else {
            return;
        };
        let info = &mut self.connections[c.info_at];
        for dir in 0..2 {
            let emit = emit_for(&c, dir, framer, self.preferred);
            let half = &mut c.halves[dir];
            // Each round delivers at least the nearest waiting segment.
            for _ in 0..=half.pending.len() {
                if half.pending.is_empty() {
                    break;
                }
                half.skip_gap(&emit, info, out);
            }
            half.finish(&emit, info, out);
        }
    }

    /// Closes every connection still open (the end of the capture).
    pub fn finish(&mut self, framer: &Framer<'_>, out: &mut Vec<RawMessage>) {
        let mut keys: Vec<_> = self.conns.iter().map(|(k, c)| (c.id, *k)).collect();
        keys.sort();
        for (_, k) in keys {
            self.close(k, out, framer);
        }
    }
}

fn emit_for<'a>(
    c: &Conn,
    dir: usize,
    framer: &'a Framer<'a>,
    preferred: Option<LengthHeader>,
) -> Emit<'a> {
    Emit {
        framer,
        preferred,
        connection: c.id,
        direction: if dir == 0 {
            Direction::ToServer
        } else {
            Direction::ToClient
        },
        client: c.client,
        server: c.server,
    }
}

/// Where a half-connection's messages go and how they are framed: the connection they
/// belong to, the capture's framing rules and the framing other connections settled on.
struct Emit<'a> {
    framer: &'a Framer<'a>,
    preferred: Option<LengthHeader>,
    connection: u32,
    direction: Direction,
    client: SocketAddr,
    server: SocketAddr,
}

impl Emit<'_> {
    fn message(
        &self,
        half: &Half,
        first_us: i64,
        last_us: i64,
        offset: u64,
        bytes: &[u8],
    ) -> RawMessage {
        RawMessage {
            connection: self.connection,
            direction: self.direction,
            client: self.client,
            server: self.server,
            first_us,
            last_us,
            stream_offset: offset,
            framing: half.framing,
            bytes: bytes.to_vec(),
        }
    }
}

impl Half {
    fn buffered(&self) -> &[u8] {
        &self.buf[self.start..]
    }

    /// The stream offset of the first buffered byte.
    fn buf_offset(&self) -> u64 {
        self.delivered - self.buffered().len() as u64
    }

    fn deliver(
        &mut self,
        payload: &[u8],
        now: i64,
        emit: &Emit,
        info: &mut ConnectionInfo,
        out: &mut Vec<RawMessage>,
    ) {
        if self.buffered().is_empty() {
            self.buf.clear();
            self.start = 0;
            self.buf_first_us = now;
        }
        self.buf.extend_from_slice(payload);
        self.delivered += payload.len() as u64;
        self.next = Some(self.next.unwrap_or(0).wrapping_add(payload.len() as u32));
        if self.resync {
            if self.decided && !starts_message(self.buffered(), self.framing, emit.framer) {
                info.incomplete_bytes += self.buffered().len() as u64;
                self.buf.clear();
                self.start = 0;
                return;
            }
            self.resync = false;
        }
        self.cut(now, emit, info, out);
    }

    fn cut(&mut self, now: i64, emit: &Emit, info: &mut ConnectionInfo, out: &mut Vec<RawMessage>) {
        loop {
            if self.buffered().is_empty() {
                break;
            }
            if !self.decided {
                match emit.framer.fixed {
                    Some(h) => {
                        self.framing = (h != LengthHeader::None).then_some(h);
                        self.decided = true;
                    }
                    None => match detect(self.buffered(), emit.framer, emit.preferred, false) {
                        Some(found) => {
                            self.framing = found;
                            self.decided = true;
                        }
                        None => break,
                    },
                }
            }
            let Some(h) = self.framing else {
                // No length header: what arrived together is one message.
                let offset = self.buf_offset();
                out.push(emit.message(self, self.buf_first_us, now, offset, self.buffered()));
                info.messages += 1;
                self.start = self.buf.len();
                break;
            };
            let have = self.buffered().len();
            if have < h.size() {
                break;
            }
            match h.read(self.buffered()) {
                // A header of zero: a keep-alive some hosts send.
                Some(0) => self.start += h.size(),
                Some(n) if have >= h.size() + n => {
                    let offset = self.buf_offset();
                    let end = self.start + h.size() + n;
                    out.push(emit.message(
                        self,
                        self.buf_first_us,
                        now,
                        offset,
                        &self.buf[self.start..end],
                    ));
                    info.messages += 1;
                    self.start = end;
                    self.buf_first_us = now;
                }
                Some(_) => break,
                None => {
                    // Not a length header where one must be: the rest goes out as one
                    // message, which will not decode and says so.
                    let offset = self.buf_offset();
                    out.push(emit.message(self, self.buf_first_us, now, offset, self.buffered()));
                    info.messages += 1;
                    self.start = self.buf.len();
                    break;
                }
            }
        }
        if self.start > 0 && self.start * 2 >= self.buf.len() {
            self.buf.drain(..self.start);
            self.start = 0;
        }
        // A header that announces more than a message holds cannot be waited for.
        if self.buffered().len() > MAX_MESSAGE {
            info.incomplete_bytes += self.buffered().len() as u64;
            self.buf.clear();
            self.start = 0;
        }
    }

    fn drain_pending(&mut self, emit: &Emit, info: &mut ConnectionInfo, out: &mut Vec<RawMessage>) {
        loop {
            let Some(next) = self.next else { return };
            let Some(i) = self
                .pending
                .iter()
                .position(|(s, _, _)| (s.wrapping_sub(next) as i32) <= 0)
            else {
                return;
            };
            let (seq, bytes, ts) = self.pending.swap_remove(i);
            self.pending_bytes -= bytes.len();
            let skip = next.wrapping_sub(seq) as usize;
            if skip < bytes.len() {
                self.deliver(&bytes[skip..], ts, emit, info, out);
            }
        }
    }

    /// The bytes before the nearest waiting segment are not coming: count the gap, drop the
    /// message in progress, and go on from there.
    fn skip_gap(&mut self, emit: &Emit, info: &mut ConnectionInfo, out: &mut Vec<RawMessage>) {
        let Some(next) = self.next else { return };
        let Some(nearest) = self
            .pending
            .iter()
            .map(|(s, _, _)| *s)
            .min_by_key(|s| s.wrapping_sub(next))
        else {
            return;
        };
        let missing = nearest.wrapping_sub(next);
        info.gaps += 1;
        info.bytes_missing += u64::from(missing);
        info.incomplete_bytes += self.buffered().len() as u64;
        self.buf.clear();
        self.start = 0;
        self.delivered += u64::from(missing);
        self.next = Some(nearest);
        self.resync = true;
        self.drain_pending(emit, info, out);
    }

    /// The end of the stream: bytes that never made a message are counted; with the
    /// framing still open, what there is goes out as one message.
    fn finish(&mut self, emit: &Emit, info: &mut ConnectionInfo, out: &mut Vec<RawMessage>) {
        if self.buffered().is_empty() {
            return;
        }
        if !self.decided {
            self.framing = detect(self.buffered(), emit.framer, None, true).flatten();
            self.decided = true;
            let offset = self.buf_offset();
            let last = self.buf_first_us;
            out.push(emit.message(self, last, last, offset, self.buffered()));
            info.messages += 1;
        } else {
            info.incomplete_bytes += self.buffered().len() as u64;
        }
        self.buf.clear();
        self.start = 0;
    }
}

/// Whether `b` (the bytes after a gap, from a segment's start) begin with a message: a whole
/// one that decodes, or the start of one whose length header is plausible.
fn starts_message(b: &[u8], framing: Option<LengthHeader>, framer: &Framer<'_>) -> bool {
    let Some(h) = framing else {
        return (framer.decodes)(b, LengthHeader::None);
    };
    match h.read(b) {
        Some(n) if PLAUSIBLE.contains(&n) => {
            if b.len() >= h.size() + n {
                (framer.decodes)(&b[..h.size() + n], h)
            } else {
                plausible_start(&b[h.size()..])
            }
        }
        _ => false,
    }
}

/// A message's first bytes: a TPDU (0x60, 0x68), or an MTI in BCD or ASCII (version 0-2,
/// a message class in use).
fn plausible_start(b: &[u8]) -> bool {
    match b {
        [0x60 | 0x68, ..] => true,
        [v, c, ..] if *v <= 0x02 && matches!(c >> 4, 1..=6 | 8) => true,
        [b'0'..=b'2', b'1'..=b'6' | b'8', ..] => true,
        _ => false,
    }
}

/// The length header of a stream that starts with `b`: `Some(Some(h))` a header with which
/// the first message decodes, `Some(None)` no header, `None` not yet known (more bytes
/// needed). At the end of the stream (`last`) a header whose length fits is taken even when
/// the message does not decode, so that the failure is reported where it is.
fn detect(
    b: &[u8],
    framer: &Framer<'_>,
    preferred: Option<LengthHeader>,
    last: bool,
) -> Option<Option<LengthHeader>> {
    let mut order: Vec<LengthHeader> = preferred.into_iter().collect();
    for h in [
        LengthHeader::Binary2,
        LengthHeader::Bcd2,
        LengthHeader::Ascii4,
    ] {
        if !order.contains(&h) {
            order.push(h);
        }
    }
    let mut waiting = false;
    let mut fits = None;
    for h in order {
        if h == LengthHeader::None {
            continue;
        }
        let Some(n) = h.read(b) else { continue };
        if !PLAUSIBLE.contains(&n) {
            continue;
        }
        if b.len() < h.size() + n {
            waiting = true;
            continue;
        }
        if (framer.decodes)(&b[..h.size() + n], h) {
            return Some(Some(h));
        }
        fits.get_or_insert(h);
    }
    if waiting && !last && b.len() <= PLAUSIBLE.end() + 4 {
        return None;
    }
    if (framer.decodes)(b, LengthHeader::None) {
        return Some(None);
    }
    Some(fits)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn seg<'a>(from_client: bool, seq: u32, payload: &'a [u8]) -> Segment<'a> {
        let c: SocketAddr = "127.0.0.1:40000".parse().unwrap();
        let s: SocketAddr = "127.0.0.1:5000".parse().unwrap();
        let (src, dst) = if from_client { (c, s) } else { (s, c) };
        Segment {
            src,
            dst,
            seq,
            ack_no: 0,
            syn: false,
            ack: false,
            fin: false,
            rst: false,
            payload,
        }
    }

    fn framed(body: &[u8]) -> Vec<u8> {
        let mut m = (body.len() as u16).to_be_bytes().to_vec();
        m.extend_from_slice(body);
        m
    }

    #[test]
    fn split_reordered_and_overlapping_segments_make_whole_messages() {
        let decodes = |_: &[u8], _: LengthHeader| true;
        let framer = Framer {
            fixed: Some(LengthHeader::Binary2),
            decodes: &decodes,
        };
        let a = framed(&[b'A'; 30]);
        let b = framed(&[b'B'; 40]);
        let mut wire = a.clone();
        wire.extend_from_slice(&b);
        let mut st = Streams::new();
        let mut out = Vec::new();
        let base = u32::MAX - 10; // the sequence numbers wrap inside the stream
        st.push(&seg(true, base, &wire[..5]), 1, &framer, &mut out);
        // Ahead of the stream, then a retransmission overlapping what arrived already.
        st.push(
            &seg(true, base.wrapping_add(40), &wire[40..]),
            2,
            &framer,
            &mut out,
        );
        st.push(&seg(true, base, &wire[..20]), 3, &framer, &mut out);
        assert!(out.is_empty());
        st.push(
            &seg(true, base.wrapping_add(15), &wire[15..45]),
            4,
            &framer,
            &mut out,
        );
        let got: Vec<Vec<u8>> = out.iter().map(|m| m.bytes.clone()).collect();
        assert_eq!(got, vec![a, b]);
        assert_eq!(out[1].stream_offset, 32);
        assert_eq!(st.connections[0].gaps, 0);
    }

    #[test]
    fn waiting_bytes_are_bounded_and_a_gap_is_counted() {
        let decodes = |_: &[u8], _: LengthHeader| true;
        let framer = Framer {
            fixed: Some(LengthHeader::Binary2),
            decodes: &decodes,
        };
        let msg = framed(&[0x60; 1000]);
        let mut st = Streams::new();
        let mut out = Vec::new();
        st.push(&seg(true, 0, &msg[..10]), 0, &framer, &mut out);
        // The rest of the first message never comes; whole messages follow it.
        let mut seq = msg.len() as u32;
        for i in 0..1000 {
            st.push(&seg(true, seq, &msg), i, &framer, &mut out);
            seq += msg.len() as u32;
            let c = st.conns.values().next().unwrap();
            assert!(c.halves[0].pending_bytes <= MAX_PENDING + msg.len());
        }
        st.finish(&framer, &mut out);
        let info = &st.connections[0];
        assert_eq!(info.gaps, 1);
        assert_eq!(info.bytes_missing, msg.len() as u64 - 10);
        assert_eq!(out.len(), 1000);
    }
}
