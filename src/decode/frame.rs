//! The length header in front of a POS message. UnionPay-style hosts use a 2-byte binary
//! length; others a 2-byte BCD length, four ASCII digits, or none at all. A terminal and a host
//! that disagree here never understand each other, so decoding and framing discovery try them
//! all.

use serde::Serialize;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum LengthHeader {
    /// Two bytes, big-endian binary.
    Binary2,
    /// Two bytes, four BCD digits.
    Bcd2,
    /// Four ASCII digits.
    Ascii4,
    /// No length header.
    None,
}

impl LengthHeader {
    pub const ALL: [LengthHeader; 4] = [
        LengthHeader::Binary2,
        LengthHeader::Bcd2,
        LengthHeader::Ascii4,
        LengthHeader::None,
    ];

    pub fn name(self) -> &'static str {
        match self {
            LengthHeader::Binary2 => "binary2",
            LengthHeader::Bcd2 => "bcd2",
            LengthHeader::Ascii4 => "ascii4",
            LengthHeader::None => "none",
        }
    }

    pub fn size(self) -> usize {
        match self {
            LengthHeader::Binary2 | LengthHeader::Bcd2 => 2,
            LengthHeader::Ascii4 => 4,
            LengthHeader::None => 0,
        }
    }

    /// The header for `len` bytes, or `None` when it cannot say that many.
    pub fn encode(self, len: usize) -> Option<Vec<u8>> {
        match self {
            LengthHeader::Binary2 => u16::try_from(len).ok().map(|n| n.to_be_bytes().to_vec()),
            LengthHeader::Bcd2 => (len <= 9999).then(|| {
                let d = format!("{len:04}").into_bytes();
                vec![
                    (d[0] - b'0') << 4 | (d[1] - b'0'),
                    (d[2] - b'0') << 4 | (d[3] - b'0'),
                ]
            }),
            LengthHeader::Ascii4 => (len <= 9999).then(|| format!("{len:04}").into_bytes()),
            LengthHeader::None => Some(Vec::new()),
        }
    }

    /// The length a header announces, or `None` when the bytes are not such a header.
    pub fn read(self, bytes: &[u8]) -> Option<usize> {
        let b = bytes.get(..self.size())?;
        match self {
            LengthHeader::Binary2 => Some(usize::from(u16::from_be_bytes([b[0], b[1]]))),
            LengthHeader::Bcd2 => b.iter().try_fold(0usize, |n, x| {
                let (hi, lo) = (x >> 4, x & 0xF);
                (hi <= 9 && lo <= 9).then(|| n * 100 + usize::from(hi) * 10 + usize::from(lo))
            }),
            LengthHeader::Ascii4 => std::str::from_utf8(b)
                .ok()
                .filter(|s| s.bytes().all(|c| c.is_ascii_digit()))
                .and_then(|s| s.parse().ok()),
            LengthHeader::None => None,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn headers_round_trip() {
        for h in LengthHeader::ALL {
            if h == LengthHeader::None {
                continue;
            }
            for n in [0usize, 9, 47, 999, 4096] {
                let b = h.encode(n).unwrap();
                assert_eq!(b.len(), h.size());
                assert_eq!(h.read(&b), Some(n), "{h:?} {n}");
            }
        }
        assert_eq!(LengthHeader::Bcd2.encode(0x47).unwrap(), [0x00, 0x71]);
        assert_eq!(LengthHeader::Bcd2.read(&[0x00, 0x7A]), None);
        assert_eq!(LengthHeader::Ascii4.read(b"00x1"), None);
    }
}
