//! What surrounds a message on a TCP connection: a length header of one of four kinds, then
//! (or not) a TPDU, then (or not) an application header. A terminal and a host that disagree
//! on any of the three never understand each other, and a host usually says nothing about it:
//! framing discovery (`net::discover`) and the simulator (`sim::iso`) both speak every shape.

use std::time::Instant;

use tokio::io::{AsyncRead, AsyncReadExt};

use super::{Frame, Layout, LayoutError, Tpdu};
use crate::decode::LengthHeader;

/// One framing shape: which length header, whether a TPDU follows it, and how long the
/// application header after that is (0: none).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Wire {
    pub length: LengthHeader,
    pub tpdu: bool,
    pub header_len: usize,
}

/// Why no frame could be read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ReadError {
    /// The peer closed the connection before a whole frame came.
    Closed,
    /// Nothing at all came before the deadline.
    Silent,
    /// The length header is not one of this kind, or announces 0 or more than the limit.
    Header(crate::error::Message),
    /// The frame announced `n` bytes and the connection ended before them.
    Cut(usize),
    /// The frame announced `n` bytes and the rest did not come before the deadline.
    Late(usize),
    /// Without a length header: bytes came, but they never made up a message of the layout
    /// (`complete`: the layout says they cannot, whatever follows).
    Undecodable { complete: bool },
}

/// TPDU IDs in use: 0x60 (transactions) and 0x68 (sent by some terminals for management).
pub fn tpdu_id_ok(id: u8) -> bool {
    matches!(id, 0x60 | 0x68)
}

impl Wire {
    /// The shape a layout describes: 2-byte binary length, its TPDU and header.
    pub fn of(layout: &Layout) -> Wire {
        Wire {
            length: LengthHeader::Binary2,
            tpdu: layout.framing.tpdu,
            header_len: layout.framing.header_len,
        }
    }

    /// The bytes to send: length header, TPDU, header, message.
    pub fn wrap(
        &self,
        tpdu: Option<Tpdu>,
        header: &[u8],
        body: &[u8],
    ) -> Result<Vec<u8>, LayoutError> {
        let mut inner = Vec::with_capacity(body.len() + 16);
        if self.tpdu {
            inner.extend_from_slice(&tpdu.ok_or(LayoutError::MissingTpdu)?.to_bytes());
        }
        if header.len() != self.header_len {
            return Err(LayoutError::HeaderLength {
                expected: self.header_len,
                got: header.len(),
            });
        }
        inner.extend_from_slice(header);
        inner.extend_from_slice(body);
        let mut out = self
            .length
            .encode(inner.len())
            .ok_or(LayoutError::TooLong(inner.len()))?;
        out.extend(inner);
        Ok(out)
    }

    /// Splits what follows the length header into TPDU, header and message.
    pub fn split(&self, inner: &[u8]) -> Result<Frame, LayoutError> {
        let mut at = 0;
        let tpdu =
            if self.tpdu {
                let b: [u8; 5] = inner.get(..5).and_then(|b| b.try_into().ok()).ok_or(
                    LayoutError::Truncated {
                        what: "TPDU".into(),
                    },
                )?;
                at = 5;
                Some(Tpdu::from_bytes(b))
            } else {
                None
            };
        let end = at + self.header_len;
        let header = inner
            .get(at..end)
            .ok_or(LayoutError::Truncated {
                what: "header".into(),
            })?
            .to_vec();
        Ok(Frame {
            tpdu,
            header,
            body: inner[end..].to_vec(),
        })
    }

    /// Reads one frame and returns what follows the length header. Nothing larger than `max`
    /// is read or allocated; `deadline` (none: wait as long as the peer keeps the connection)
    /// bounds the whole read. Without a length header the frame ends where the bytes first
    /// decode as one whole message of `layout`.
    pub async fn read<R: AsyncRead + Unpin>(
        &self,
        stream: &mut R,
        layout: &Layout,
        max: usize,
        deadline: Option<Instant>,
    ) -> Result<Vec<u8>, ReadError> {
        if self.length == LengthHeader::None {
            return self.read_unframed(stream, layout, max, deadline).await;
        }
        let mut head = vec![0u8; self.length.size()];
        match within(deadline, stream.read_exact(&mut head)).await {
            Some(Ok(_)) => {}
            Some(Err(_)) => return Err(ReadError::Closed),
            None => return Err(ReadError::Silent),
        }
        let n = match self.length.read(&head) {
            Some(n) if n > 0 && n <= max => n,
            Some(n) => {
                return Err(ReadError::Header(
                    crate::error::Message::new(crate::i18n::Msg::NetFramePrefix)
                        .arg("n", n)
                        .arg("bytes", hex(&head)),
                ));
            }
            None => {
                return Err(ReadError::Header(
                    crate::error::Message::new(crate::i18n::Msg::NetFrameNotHeader)
                        .arg("bytes", hex(&head))
                        .arg("kind", self.length.name()),
                ));
            }
        };
        let mut inner = vec![0u8; n];
        match within(deadline, stream.read_exact(&mut inner)).await {
            Some(Ok(_)) => Ok(inner),
            Some(Err(_)) => Err(ReadError::Cut(n)),
            None => Err(ReadError::Late(n)),
        }
    }

    async fn read_unframed<R: AsyncRead + Unpin>(
        &self,
        stream: &mut R,
        layout: &Layout,
        max: usize,
        deadline: Option<Instant>,
    ) -> Result<Vec<u8>, ReadError> {
        let mut buf = Vec::with_capacity(512);
        let mut chunk = [0u8; 1024];
        loop {
            let n = match within(deadline, stream.read(&mut chunk)).await {
                Some(Ok(0)) | Some(Err(_)) if buf.is_empty() => return Err(ReadError::Closed),
                Some(Ok(0)) | Some(Err(_)) => {
                    return Err(ReadError::Undecodable { complete: false });
                }
                Some(Ok(n)) => n,
                None if buf.is_empty() => return Err(ReadError::Silent),
                None => return Err(ReadError::Undecodable { complete: false }),
            };
            buf.extend_from_slice(&chunk[..n]);
            match self.whole(&buf, layout) {
                Some(true) => return Ok(buf),
                Some(false) => return Err(ReadError::Undecodable { complete: true }),
                None if buf.len() >= max => {
                    return Err(ReadError::Undecodable { complete: true });
                }
                None => {}
            }
        }
    }

    /// Whether `bytes` (no length header) are one whole message: `Some(true)` yes,
    /// `Some(false)` never (more bytes cannot help), `None` not yet.
    fn whole(&self, bytes: &[u8], layout: &Layout) -> Option<bool> {
        if self.tpdu && bytes.first().is_some_and(|id| !tpdu_id_ok(*id)) {
            return Some(false);
        }
        let frame = self.split(bytes).ok()?;
        match layout.decode(&frame.body) {
            Ok(_) => Some(true),
            Err(LayoutError::Truncated { .. }) => None,
            Err(_) => Some(false),
        }
    }
}

/// `fut`, given until `deadline` (none: as long as it takes); `None` when the time ran out.
async fn within<F: std::future::Future>(deadline: Option<Instant>, fut: F) -> Option<F::Output> {
    match deadline {
        Some(d) => tokio::time::timeout(d.saturating_duration_since(Instant::now()), fut)
            .await
            .ok(),
        None => Some(fut.await),
    }
}

fn hex(b: &[u8]) -> String {
    b.iter()
        .map(|x| format!("{x:02X}"))
        .collect::<Vec<_>>()
        .join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test]
    async fn every_shape_reads_back_what_it_wrote() {
        let layout = Layout::builtin("unionpay").unwrap();
        let body = layout
            .encode(
                &super::super::Message::new("0800")
                    .with(11, "000001")
                    .with(41, "10000001"),
            )
            .unwrap();
        let tpdu = Tpdu {
            id: 0x60,
            destination: 3,
            source: 0,
        };
        for length in LengthHeader::ALL {
            for (with_tpdu, header_len) in [(true, 6), (false, 6), (true, 0), (false, 0)] {
                let wire = Wire {
                    length,
                    tpdu: with_tpdu,
                    header_len,
                };
                let header = vec![0x60u8; header_len];
                let bytes = wire
                    .wrap(with_tpdu.then_some(tpdu), &header, &body)
                    .unwrap();
                let mut r = &bytes[..];
                let inner = wire.read(&mut r, layout, 4096, None).await.unwrap();
                let frame = wire.split(&inner).unwrap();
                assert_eq!(frame.body, body, "{wire:?}");
                assert_eq!(frame.header, header);
                assert_eq!(frame.tpdu, with_tpdu.then_some(tpdu));
            }
        }
    }

    #[tokio::test]
    async fn bad_length_headers_are_refused_without_reading_on() {
        let layout = Layout::builtin("unionpay").unwrap();
        let bcd = Wire {
            length: LengthHeader::Bcd2,
            tpdu: true,
            header_len: 6,
        };
        let ascii = Wire {
            length: LengthHeader::Ascii4,
            ..bcd
        };
        // A BCD header with a non-decimal nibble; an ASCII header too long for the message.
        for (wire, bytes) in [(bcd, &[0x00u8, 0x3A, 0x60][..]), (ascii, &b"9999"[..])] {
            let mut r = bytes;
            assert!(
                matches!(
                    wire.read(&mut r, layout, 4096, None).await,
                    Err(ReadError::Header(_))
                ),
                "{wire:?}"
            );
        }
        let none = Wire {
            length: LengthHeader::None,
            ..bcd
        };
        let mut r: &[u8] = &[0x00, 0x3A, 0x60, 0x00, 0x03];
        assert_eq!(
            none.read(&mut r, layout, 4096, None).await,
            Err(ReadError::Undecodable { complete: true })
        );
    }
}
