//! BER-TLV as EMV chip data uses it (EMV Book 3, Annex B): tags of one to three bytes,
//! definite lengths of one to three bytes, constructed tags holding more TLVs. Padding bytes
//! 00 and FF between objects are allowed and skipped. Every length is checked against what is
//! left before anything is read, and nesting is bounded, so hostile input is an error.

use serde::Serialize;

/// Deeper than any real chip template; a deeper nesting is treated as broken input.
pub const MAX_DEPTH: usize = 8;

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Tlv {
    /// The tag as uppercase hex (`9F26`).
    pub tag: String,
    /// Offset of the tag's first byte in the whole input.
    pub offset: usize,
    pub constructed: bool,
    #[serde(skip)]
    pub value: Vec<u8>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub children: Vec<Tlv>,
}

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum TlvError {
    #[error("data ends inside the tag at byte {0}")]
    TagTruncated(usize),
    #[error("tag at byte {0} is longer than 3 bytes")]
    TagTooLong(usize),
    #[error("data ends inside the length of tag {tag} at byte {offset}")]
    LengthTruncated { tag: String, offset: usize },
    #[error("tag {tag} at byte {offset}: length form {byte:02X} is not allowed")]
    LengthForm {
        tag: String,
        offset: usize,
        byte: u8,
    },
    #[error("tag {tag} at byte {offset} announces {len} bytes, only {left} follow")]
    ValueTruncated {
        tag: String,
        offset: usize,
        len: usize,
        left: usize,
    },
    #[error("templates nested deeper than {MAX_DEPTH} levels")]
    TooDeep,
}

impl TlvError {
    /// The problem in the user's language (the `Display` text is the English one).
    pub fn describe(&self, lang: crate::i18n::Lang) -> String {
        use crate::i18n::Msg;
        match self {
            TlvError::TagTruncated(o) => lang.trf(Msg::DecodeTlvTagTruncated, &[("offset", o)]),
            TlvError::TagTooLong(o) => lang.trf(Msg::DecodeTlvTagTooLong, &[("offset", o)]),
            TlvError::LengthTruncated { tag, offset } => lang.trf(
                Msg::DecodeTlvLengthTruncated,
                &[("tag", tag), ("offset", offset)],
            ),
            TlvError::LengthForm { tag, offset, byte } => lang.trf(
                Msg::DecodeTlvLengthForm,
                &[
                    ("tag", tag),
                    ("offset", offset),
                    ("byte", &format!("{byte:02X}")),
                ],
            ),
            TlvError::ValueTruncated {
                tag,
                offset,
                len,
                left,
            } => lang.trf(
                Msg::DecodeTlvValueTruncated,
                &[
                    ("tag", tag),
                    ("offset", offset),
                    ("len", len),
                    ("left", left),
                ],
            ),
            TlvError::TooDeep => lang.trf(Msg::DecodeTlvTooDeep, &[("max", &MAX_DEPTH)]),
        }
    }

    /// Where in the input the problem is.
    pub fn offset(&self) -> usize {
        match self {
            TlvError::TagTruncated(o) | TlvError::TagTooLong(o) => *o,
            TlvError::LengthTruncated { offset, .. }
            | TlvError::LengthForm { offset, .. }
            | TlvError::ValueTruncated { offset, .. } => *offset,
            TlvError::TooDeep => 0,
        }
    }
}

/// Parses a BER-TLV blob (EMV field 55, a GENERATE AC response, a template).
pub fn parse(data: &[u8]) -> Result<Vec<Tlv>, TlvError> {
    parse_at(data, 0, 0)
}

fn parse_at(data: &[u8], base: usize, depth: usize) -> Result<Vec<Tlv>, TlvError> {
    if depth > MAX_DEPTH {
        return Err(TlvError::TooDeep);
    }
    let mut out = Vec::new();
    let mut i = 0;
    while i < data.len() {
        if data[i] == 0x00 || data[i] == 0xFF {
            i += 1;
            continue;
        }
        let start = i;
        let first = data[i];
        i += 1;
        if first & 0x1F == 0x1F {
            loop {
                let b = *data.get(i).ok_or(TlvError::TagTruncated(base + start))?;
                i += 1;
                if b & 0x80 == 0 {
                    break;
                }
                if i - start >= 3 {
                    return Err(TlvError::TagTooLong(base + start));
                }
            }
        }
        let tag: String = data[start..i].iter().map(|b| format!("{b:02X}")).collect();
        let truncated = || TlvError::LengthTruncated {
            tag: tag.clone(),
            offset: base + start,
        };
        let lb = *data.get(i).ok_or_else(truncated)?;
        i += 1;
        let len = match lb {
            0x00..=0x7F => usize::from(lb),
            0x81 => {
                let b = *data.get(i).ok_or_else(truncated)?;
                i += 1;
                usize::from(b)
            }
            0x82 => {
                let b = data.get(i..i + 2).ok_or_else(truncated)?;
                i += 2;
                usize::from(u16::from_be_bytes([b[0], b[1]]))
            }
            _ => {
                return Err(TlvError::LengthForm {
                    tag,
                    offset: base + start,
                    byte: lb,
                });
            }
        };
        let left = data.len() - i;
        if len > left {
            return Err(TlvError::ValueTruncated {
                tag,
                offset: base + start,
                len,
                left,
            });
        }
        let value = data[i..i + len].to_vec();
        let constructed = first & 0x20 != 0;
        let children = if constructed {
            parse_at(&value, base + i, depth + 1)?
        } else {
            Vec::new()
        };
        i += len;
        out.push(Tlv {
            tag,
            offset: base + start,
            constructed,
            value,
            children,
        });
    }
    Ok(out)
}

/// Every primitive object, templates opened, in order.
pub fn flatten(tlvs: &[Tlv]) -> Vec<&Tlv> {
    let mut out = Vec::new();
    for t in tlvs {
        out.push(t);
        out.extend(flatten(&t.children));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tags_lengths_and_templates() {
        // 9F27 01 80, 95 05 0000000000, 77 (template) holding 9F36 02 0001.
        let data = [
            0x9F, 0x27, 0x01, 0x80, 0x95, 0x05, 0, 0, 0, 0, 0, 0x77, 0x05, 0x9F, 0x36, 0x02, 0x00,
            0x01,
        ];
        let t = parse(&data).unwrap();
        assert_eq!(t.len(), 3);
        assert_eq!(t[0].tag, "9F27");
        assert_eq!(t[0].value, [0x80]);
        assert_eq!(t[1].tag, "95");
        assert!(t[2].constructed);
        assert_eq!(t[2].children[0].tag, "9F36");
        assert_eq!(t[2].children[0].offset, 13);
        let long = [0x9F, 0x10, 0x81, 0x02, 1, 2];
        assert_eq!(parse(&long).unwrap()[0].value, [1, 2]);
    }

    #[test]
    fn broken_input_is_an_error_with_an_offset() {
        assert!(matches!(
            parse(&[0x95, 0x05, 0, 0]),
            Err(TlvError::ValueTruncated {
                len: 5,
                left: 2,
                ..
            })
        ));
        assert_eq!(parse(&[0x9F]), Err(TlvError::TagTruncated(0)));
        assert!(parse(&[0x9F, 0xFF, 0xFF, 0x01]).is_err());
        assert!(matches!(
            parse(&[0x9A, 0x84, 0, 0, 0, 1]),
            Err(TlvError::LengthForm { .. })
        ));
        // Deep nesting is refused, not recursed into without end.
        let mut nested = vec![0x5A, 0x00];
        for _ in 0..20 {
            let mut outer = vec![0x70, nested.len() as u8];
            outer.extend(nested);
            nested = outer;
        }
        assert_eq!(parse(&nested), Err(TlvError::TooDeep));
        for cut in 0..18 {
            let data = [
                0x9F, 0x27, 0x01, 0x80, 0x95, 0x05, 0, 0, 0, 0, 0, 0x77, 0x05, 0x9F, 0x36, 0x02,
                0x00, 0x01,
            ];
            let _ = parse(&data[..cut]);
        }
    }
}
