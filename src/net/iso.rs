//! The ISO 8583 host probe: a network-management sign-in (0800 → 0810) sent exactly as a
//! terminal sends it, and what came back, or why nothing usable did.

use std::net::SocketAddr;
use std::time::{Duration, Instant};

use tokio::io::AsyncWriteExt;

use super::target::Target;
use super::tcp;
use crate::decode::LengthHeader;
use crate::error::Error;
use crate::i18n::Msg;
use crate::iso8583::wire::{ReadError, Wire};
use crate::iso8583::{Layout, Message, Tpdu};

/// No POS response is anywhere near this long; a larger length prefix is a framing error,
/// reported without reading (or allocating) what it announces.
pub const MAX_FRAME: usize = 4096;

/// What the probe sends: the terminal's identity and framing.
#[derive(Debug, Clone)]
pub struct Probe {
    pub layout: &'static Layout,
    pub terminal_id: String,
    pub merchant_id: String,
    pub tpdu: Option<Tpdu>,
    pub header: Vec<u8>,
}

#[derive(Debug, Clone)]
pub struct Answer {
    pub rtt_ms: f64,
    pub mti: String,
    pub code: String,
}

#[derive(Debug, Clone, PartialEq)]
pub enum Failure {
    Connect(tcp::Failure),
    /// Connected and sent, but nothing came back before the deadline.
    NoAnswer,
    /// The host closed the connection without answering.
    Closed,
    /// A length prefix that cannot be right (0 or over `MAX_FRAME`), or a frame cut short.
    Framing(crate::error::Message),
    /// The TPDU's network identifiers do not answer ours.
    Nii {
        sent: Tpdu,
        got: Tpdu,
    },
    /// What came back does not decode with the layout.
    Garbage(String),
    /// The answer does not belong to the request: wrong answer MTI, or field 11 (STAN) or 41
    /// (terminal ID) not echoed. A terminal discards such an answer and times out.
    Mismatch {
        /// `mti`, `stan` or `terminal`.
        what: &'static str,
        sent: String,
        got: String,
    },
    /// Something we could not even send (a bad terminal ID for the layout, say).
    Request(String),
}

impl Probe {
    pub fn sign_in(&self, stan: u32) -> Message {
        Message::new("0800")
            .with(11, format!("{:06}", stan % 1_000_000))
            .with(41, self.terminal_id.clone())
            .with(42, self.merchant_id.clone())
            // 60.1 message type 00, 60.2 batch 000001, 60.3 network code 003: sign-in.
            .with(60, "00000001003")
            .with(63, "01 ")
    }

    /// A sale of `cents` with a test card, for the simulator only: a real host must never
    /// be sent a sale by a diagnostic tool.
    pub fn test_sale(&self, stan: u32, cents: u64) -> Message {
        Message::new("0200")
            .with(2, "6222020000000000006")
            .with(3, "000000")
            .with(4, format!("{:012}", cents % 1_000_000_000_000))
            .with(11, format!("{:06}", stan % 1_000_000))
            .with(22, "021")
            .with(25, "00")
            .with(41, self.terminal_id.clone())
            .with(42, self.merchant_id.clone())
            .with(49, "156")
    }

    /// Signs in, as a terminal does first.
    pub async fn run(
        &self,
        addr: SocketAddr,
        interface: Option<&str>,
        deadline: Instant,
    ) -> Result<Answer, Failure> {
        let stan = (std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map_or(0, |d| d.as_secs())
            % 1_000_000) as u32;
        self.exchange(&self.sign_in(stan), addr, interface, deadline)
            .await
    }

    /// Sends one message on a new connection and reads one framed answer, framed as the
    /// layout says (2-byte binary length, the layout's TPDU and header).
    pub async fn exchange(
        &self,
        message: &Message,
        addr: SocketAddr,
        interface: Option<&str>,
        deadline: Instant,
    ) -> Result<Answer, Failure> {
        let wire = Wire {
            length: LengthHeader::Binary2,
            tpdu: self.tpdu.is_some(),
            header_len: self.header.len(),
        };
        if self.layout.framing.tpdu && self.tpdu.is_none() {
            return Err(Failure::Request(
                crate::iso8583::LayoutError::MissingTpdu.to_string(),
            ));
        }
        if self.header.len() != self.layout.framing.header_len {
            return Err(Failure::Request(
                crate::iso8583::LayoutError::HeaderLength {
                    expected: self.layout.framing.header_len,
                    got: self.header.len(),
                }
                .to_string(),
            ));
        }
        self.exchange_framed(message, wire, addr, interface, deadline)
            .await
    }

    /// [`Probe::exchange`] in another framing shape (framing discovery): the TPDU and header
    /// are the probe's, sent only when `wire` has them; the answer is read in the same shape
    /// and checked exactly as a terminal checks it.
    pub async fn exchange_framed(
        &self,
        message: &Message,
        wire: Wire,
        addr: SocketAddr,
        interface: Option<&str>,
        deadline: Instant,
    ) -> Result<Answer, Failure> {
        let left = || deadline.saturating_duration_since(Instant::now());
        let body = self
            .layout
            .encode(message)
            .map_err(|e| Failure::Request(e.to_string()))?;
        let tpdu = if wire.tpdu { self.tpdu } else { None };
        let header = self.header.get(..wire.header_len).unwrap_or(&self.header);
        let bytes = wire
            .wrap(tpdu, header, &body)
            .map_err(|e| Failure::Request(e.to_string()))?;
        let mut stream = match tokio::time::timeout(left(), tcp::open(addr, interface)).await {
            Ok(Ok(s)) => s,
            Ok(Err(e)) => return Err(Failure::Connect(tcp::classify(&e))),
            Err(_) => return Err(Failure::Connect(tcp::Failure::TimedOut)),
        };
        let start = Instant::now();
        match tokio::time::timeout(left(), stream.write_all(&bytes)).await {
            Ok(Ok(())) => {}
            Ok(Err(_)) => return Err(Failure::Closed),
            Err(_) => return Err(Failure::NoAnswer),
        }
        let inner = match wire
            .read(&mut stream, self.layout, MAX_FRAME, Some(deadline))
            .await
        {
            Ok(inner) => inner,
            Err(ReadError::Closed) => return Err(Failure::Closed),
            Err(ReadError::Silent) => return Err(Failure::NoAnswer),
            Err(ReadError::Header(d)) => return Err(Failure::Framing(d)),
            Err(ReadError::Cut(n)) => {
                return Err(Failure::Framing(
                    crate::error::Message::new(Msg::NetFrameShort).arg("n", n),
                ));
            }
            Err(ReadError::Late(n)) => {
                return Err(Failure::Framing(
                    crate::error::Message::new(Msg::NetFrameStalled).arg("n", n),
                ));
            }
            Err(ReadError::Undecodable { .. }) => {
                return Err(Failure::Garbage(
                    "the bytes do not make up a message of the layout".into(),
                ));
            }
        };
        let rtt = start.elapsed();
        let frame = wire
            .split(&inner)
            .map_err(|e| Failure::Garbage(e.to_string()))?;
        if let (Some(sent), Some(got)) = (tpdu, frame.tpdu)
            && (got.destination != sent.source || got.source != sent.destination)
        {
            return Err(Failure::Nii { sent, got });
        }
        let m = self
            .layout
            .decode(&frame.body)
            .map_err(|e| Failure::Garbage(e.to_string()))?;
        if let Some((what, sent, got)) = mismatch(message, &m) {
            return Err(Failure::Mismatch { what, sent, got });
        }
        Ok(Answer {
            rtt_ms: ms(rtt),
            mti: m.mti.clone(),
            code: m.text(39).unwrap_or("").to_string(),
        })
    }
}

/// The answer MTI a terminal waits for: the request's with the function digit one up
/// (0800 → 0810, 0200 → 0210, 0400 → 0410).
pub fn answer_mti(request: &str) -> Option<String> {
    let b = request.as_bytes();
    if b.len() != 4 || !b.iter().all(u8::is_ascii_digit) || b[2] % 2 == 1 {
        return None;
    }
    let mut a = b.to_vec();
    a[2] += 1;
    String::from_utf8(a).ok()
}

/// What makes `answer` not the answer to `request`, as a terminal matches them: the answer
/// MTI, the STAN (field 11) and the terminal ID (field 41) must all agree.
pub fn mismatch(request: &Message, answer: &Message) -> Option<(&'static str, String, String)> {
    if let Some(want) = answer_mti(&request.mti)
        && answer.mti != want
    {
        return Some(("mti", want, answer.mti.clone()));
    }
    for (field, what) in [(11u8, "stan"), (41, "terminal")] {
        if let Some(sent) = request.text(field) {
            let got = answer.text(field).unwrap_or("");
            if got != sent {
                return Some((what, sent.to_string(), got.to_string()));
            }
        }
    }
    None
}

fn ms(d: Duration) -> f64 {
    d.as_secs_f64() * 1000.0
}

/// Parses hex from a profile (`tpdu`, `app_header`).
pub fn hex_bytes(s: &str) -> Option<Vec<u8>> {
    let s = s.trim();
    if !s.len().is_multiple_of(2) {
        return None;
    }
    (0..s.len() / 2)
        .map(|i| u8::from_str_radix(s.get(2 * i..2 * i + 2)?, 16).ok())
        .collect()
}

/// The ISO 8583 probe for a profile: its host, identity and framing (the layout, TPDU and
/// application header it names, or the UnionPay defaults). `net`, `doctor`, `fix`, `watch`
/// and the demo look-up all sign in this way.
pub fn probe_for(p: &crate::config::Profile) -> Result<(Target, Probe), Error> {
    let missing: Vec<&str> = [
        ("host", p.host.is_none()),
        ("terminal_id", p.terminal_id.is_none()),
        ("merchant_id", p.merchant_id.is_none()),
    ]
    .iter()
    .filter(|(_, m)| *m)
    .map(|(n, _)| *n)
    .collect();
    if !missing.is_empty() {
        return Err(crate::error::Message::new(Msg::ErrorIsoProfile)
            .arg("missing", missing.join(", "))
            .into());
    }
    let bad = |field: &str, value: &str, rule: Msg| -> Error {
        crate::error::Message::new(Msg::ErrorIsoSetting)
            .arg("field", field)
            .arg("value", value)
            .arg_msg("rule", rule)
            .into()
    };
    let layout_name = p.iso_layout.as_deref().unwrap_or("unionpay");
    let layout = Layout::builtin(layout_name)
        .ok_or_else(|| bad("iso_layout", layout_name, Msg::RuleIsoLayout))?;
    let tpdu = if layout.framing.tpdu {
        let text = p.tpdu.as_deref().unwrap_or("6000030000");
        let b: [u8; 5] = hex_bytes(text)
            .and_then(|b| b.try_into().ok())
            .ok_or_else(|| bad("tpdu", text, Msg::RuleTpdu))?;
        Some(Tpdu::from_bytes(b))
    } else {
        None
    };
    let default_header = "60".to_string()
        + &"0".repeat(
            layout
                .framing
                .header_len
                .saturating_mul(2)
                .saturating_sub(2),
        );
    let header_text = p
        .app_header
        .clone()
        .unwrap_or(if layout.framing.header_len == 0 {
            String::new()
        } else {
            default_header
        });
    let header = hex_bytes(&header_text)
        .filter(|h| h.len() == layout.framing.header_len)
        .ok_or_else(|| bad("app_header", &header_text, Msg::RuleAppHeader))?;
    let target = Target::parse(p.host.as_deref().unwrap_or_default())?;
    let probe = Probe {
        layout,
        terminal_id: p.terminal_id.clone().unwrap_or_default(),
        merchant_id: p.merchant_id.clone().unwrap_or_default(),
        tpdu,
        header,
    };
    Ok((target, probe))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn answers_are_matched_as_a_terminal_matches_them() {
        let req = Message::new("0800").with(11, "000123").with(41, "10000001");
        let ok = Message::new("0810").with(11, "000123").with(41, "10000001");
        assert_eq!(mismatch(&req, &ok), None);
        let stan = Message::new("0810").with(11, "000124").with(41, "10000001");
        assert_eq!(
            mismatch(&req, &stan),
            Some(("stan", "000123".into(), "000124".into()))
        );
        let tid = Message::new("0810").with(11, "000123").with(41, "10000002");
        assert_eq!(mismatch(&req, &tid).map(|m| m.0), Some("terminal"));
        let mti = Message::new("0830").with(11, "000123").with(41, "10000001");
        assert_eq!(mismatch(&req, &mti).map(|m| m.0), Some("mti"));
        let missing = Message::new("0810").with(41, "10000001");
        assert_eq!(mismatch(&req, &missing).map(|m| m.0), Some("stan"));
        assert_eq!(answer_mti("0200").as_deref(), Some("0210"));
        assert_eq!(answer_mti("0210"), None);
    }
}
