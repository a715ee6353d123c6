//! The ISO 8583 host probe: a network-management sign-in (0800 → 0810) sent exactly as a
//! terminal sends it, and what came back, or why nothing usable did.

use std::net::SocketAddr;
use std::time::{Duration, Instant};

use tokio::io::{AsyncReadExt, AsyncWriteExt};

use super::tcp;
use crate::iso8583::{Frame, Layout, Message, Tpdu};

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
    Framing(String),
    /// The TPDU's network identifiers do not answer ours.
    Nii {
        sent: Tpdu,
        got: Tpdu,
    },
    /// What came back does not decode with the layout.
    Garbage(String),
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

    /// Sends one message on a new connection and reads one framed answer.
    pub async fn exchange(
        &self,
        message: &Message,
        addr: SocketAddr,
        interface: Option<&str>,
        deadline: Instant,
    ) -> Result<Answer, Failure> {
        let left = || deadline.saturating_duration_since(Instant::now());
        let body = self
            .layout
            .encode(message)
            .map_err(|e| Failure::Request(e.to_string()))?;
        let wire = self
            .layout
            .frame(&Frame {
                tpdu: self.tpdu,
                header: self.header.clone(),
                body,
            })
            .map_err(|e| Failure::Request(e.to_string()))?;
        let mut stream = match tokio::time::timeout(left(), tcp::open(addr, interface)).await {
            Ok(Ok(s)) => s,
            Ok(Err(e)) => return Err(Failure::Connect(tcp::classify(&e))),
            Err(_) => return Err(Failure::Connect(tcp::Failure::TimedOut)),
        };
        let start = Instant::now();
        match tokio::time::timeout(left(), stream.write_all(&wire)).await {
            Ok(Ok(())) => {}
            Ok(Err(_)) => return Err(Failure::Closed),
            Err(_) => return Err(Failure::NoAnswer),
        }
        let mut len = [0u8; 2];
        match tokio::time::timeout(left(), stream.read_exact(&mut len)).await {
            Ok(Ok(_)) => {}
            Ok(Err(_)) => return Err(Failure::Closed),
            Err(_) => return Err(Failure::NoAnswer),
        }
        let n = usize::from(u16::from_be_bytes(len));
        if n == 0 || n > MAX_FRAME {
            return Err(Failure::Framing(format!(
                "length prefix {n} (bytes {:02X} {:02X})",
                len[0], len[1]
            )));
        }
        let mut inner = vec![0u8; n];
        match tokio::time::timeout(left(), stream.read_exact(&mut inner)).await {
            Ok(Ok(_)) => {}
            Ok(Err(_)) => {
                return Err(Failure::Framing(format!(
                    "frame announced {n} bytes but ended early"
                )));
            }
            Err(_) => {
                return Err(Failure::Framing(format!(
                    "frame announced {n} bytes; the rest never came"
                )));
            }
        }
        let rtt = start.elapsed();
        let frame = self
            .layout
            .unframe(&inner)
            .map_err(|e| Failure::Garbage(e.to_string()))?;
        if let (Some(sent), Some(got)) = (self.tpdu, frame.tpdu)
            && (got.destination != sent.source || got.source != sent.destination)
        {
            return Err(Failure::Nii { sent, got });
        }
        let m = self
            .layout
            .decode(&frame.body)
            .map_err(|e| Failure::Garbage(e.to_string()))?;
        Ok(Answer {
            rtt_ms: ms(rtt),
            mti: m.mti.clone(),
            code: m.text(39).unwrap_or("").to_string(),
        })
    }
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
