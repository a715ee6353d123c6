//! Message layouts and the encoder and decoder they drive.

use std::collections::BTreeMap;
use std::sync::OnceLock;

use serde::Deserialize;

use super::{Message, Value};
use crate::i18n::Text;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Encoding {
    Bcd,
    Ascii,
    Binary,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Format {
    /// Digits.
    N,
    /// Track data: digits and the separator `=` (`D` on the wire).
    Z,
    An,
    Ans,
    /// Raw bytes.
    B,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum LengthType {
    Fixed,
    Ll,
    Lll,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Field {
    pub name: String,
    /// The field's name in Chinese, as UnionPay terminal specifications call it.
    #[serde(default)]
    pub name_zh: Option<String>,
    pub format: Format,
    pub length: LengthType,
    /// Digits for n and z, characters for an/ans, bytes for b.
    pub max: usize,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Framing {
    /// Only `binary2` (2-byte big-endian length of what follows) is used by China POS hosts.
    pub length: String,
    pub tpdu: bool,
    pub header_len: usize,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Layout {
    pub name: String,
    pub description: Text,
    pub source: Text,
    /// `bcd` (2 bytes) or `ascii` (4 characters).
    pub mti: Encoding,
    /// `binary` (8 bytes per bitmap) or `hex` (16 hex characters per bitmap).
    pub bitmap: String,
    /// How n and z fields are carried: `bcd` or `ascii`.
    pub num_encoding: Encoding,
    /// How ll/lll lengths are carried: `bcd`, `ascii` or `binary`.
    pub len_encoding: Encoding,
    pub framing: Framing,
    #[serde(deserialize_with = "numbered")]
    pub fields: BTreeMap<u8, Field>,
}

fn numbered<'de, D: serde::Deserializer<'de>>(d: D) -> Result<BTreeMap<u8, Field>, D::Error> {
    let raw: BTreeMap<String, Field> = BTreeMap::deserialize(d)?;
    raw.into_iter()
        .map(|(k, v)| match k.parse::<u8>() {
            Ok(n) if (2..=128).contains(&n) => Ok((n, v)),
            _ => Err(serde::de::Error::custom(format!(
                "field number `{k}` is not 2 to 128"
            ))),
        })
        .collect()
}

/// What can go wrong encoding or decoding; messages name the field and the problem, and
/// never quote field contents (a PAN or PIN block may be in them).
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum LayoutError {
    #[error("field {0} is not defined in this layout")]
    UnknownField(u8),
    #[error("field {field}: {problem}")]
    Field { field: u8, problem: String },
    #[error("message ends inside {what}")]
    Truncated { what: String },
    #[error("MTI is not four digits")]
    Mti,
    #[error("{0} bytes left after the last field")]
    Trailing(usize),
    #[error("the layout needs a TPDU")]
    MissingTpdu,
    #[error("header must be {expected} bytes, not {got}")]
    HeaderLength { expected: usize, got: usize },
    #[error("frame of {0} bytes is longer than a 2-byte length allows")]
    TooLong(usize),
    #[error("the length header announces {announced} bytes, {present} follow")]
    LengthHeader { announced: usize, present: usize },
}

fn field_err(field: u8, problem: impl Into<String>) -> LayoutError {
    LayoutError::Field {
        field,
        problem: problem.into(),
    }
}

/// A reader over a message that never reads past its end.
struct Cursor<'a> {
    buf: &'a [u8],
    at: usize,
}

impl<'a> Cursor<'a> {
    fn take(&mut self, n: usize, what: impl FnOnce() -> String) -> Result<&'a [u8], LayoutError> {
        let end = self
            .at
            .checked_add(n)
            .filter(|e| *e <= self.buf.len())
            .ok_or_else(|| LayoutError::Truncated { what: what() })?;
        let s = &self.buf[self.at..end];
        self.at = end;
        Ok(s)
    }
}

fn bcd_encode(digits: &str, pad_right_f: bool) -> Option<Vec<u8>> {
    let mut nibbles: Vec<u8> = Vec::with_capacity(digits.len() + 1);
    for c in digits.chars() {
        nibbles.push(match c {
            '0'..='9' => c as u8 - b'0',
            '=' | 'D' | 'd' => 0xD,
            _ => return None,
        });
    }
    if nibbles.len() % 2 == 1 {
        if pad_right_f {
            nibbles.push(0xF);
        } else {
            nibbles.insert(0, 0);
        }
    }
    Some(nibbles.chunks(2).map(|p| p[0] << 4 | p[1]).collect())
}

/// `count` nibbles from BCD bytes; an odd count drops the pad nibble (left for numbers,
/// right for track data).
fn bcd_decode(bytes: &[u8], count: usize, track: bool) -> Option<String> {
    let mut nibbles: Vec<u8> = bytes.iter().flat_map(|b| [b >> 4, b & 0xF]).collect();
    if nibbles.len() > count {
        if track {
            nibbles.truncate(count);
        } else {
            nibbles.drain(..nibbles.len() - count);
        }
    }
    nibbles
        .iter()
        .map(|n| match n {
            0..=9 => Some((b'0' + n) as char),
            0xD if track => Some('='),
            _ => None,
        })
        .collect()
}

/// A field as decoded, with where it sat in the message (offsets from the MTI's first byte).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FieldAt {
    pub field: u8,
    pub offset: usize,
    pub len: usize,
    pub value: Value,
}

/// Where decoding stopped: the field (0 for the MTI or bytes after the last field, 1 for the
/// bitmap), the byte offset where it began, and why.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Stop {
    pub field: u8,
    pub offset: usize,
    pub error: LayoutError,
}

/// Everything a decoding attempt found, also when it failed part-way.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Trace {
    pub mti: String,
    pub bitmap_offset: usize,
    pub bitmap: Vec<u8>,
    pub fields: Vec<FieldAt>,
    /// Where the last field ended.
    pub end: usize,
    pub stop: Option<Stop>,
}

impl Trace {
    pub fn ok(&self) -> bool {
        self.stop.is_none()
    }

    /// The fields read, as a message.
    pub fn message(&self) -> Message {
        Message {
            mti: self.mti.clone(),
            fields: self
                .fields
                .iter()
                .map(|f| (f.field, f.value.clone()))
                .collect(),
        }
    }
}

impl Layout {
    /// The built-in layouts: `unionpay` and `generic`.
    pub fn builtin(name: &str) -> Option<&'static Layout> {
        static UNIONPAY: OnceLock<Layout> = OnceLock::new();
        static GENERIC: OnceLock<Layout> = OnceLock::new();
        let parse = |json: &str, file: &str| -> Layout {
            serde_json::from_str(json).unwrap_or_else(|e| panic!("data/iso8583/{file}.toml: {e}"))
        };
        match name {
            "unionpay" => Some(UNIONPAY.get_or_init(|| {
                parse(
                    include_str!(concat!(env!("OUT_DIR"), "/iso8583-unionpay.json")),
                    "unionpay",
                )
            })),
            "generic" => Some(GENERIC.get_or_init(|| {
                parse(
                    include_str!(concat!(env!("OUT_DIR"), "/iso8583-generic.json")),
                    "generic",
                )
            })),
            _ => None,
        }
    }

    fn hex_bitmap(&self) -> bool {
        self.bitmap == "hex"
    }

    fn put_length(&self, out: &mut Vec<u8>, len: usize, t: LengthType) {
        let digits = if t == LengthType::Ll { 2 } else { 3 };
        match self.len_encoding {
            Encoding::Ascii => out.extend(format!("{len:0digits$}").bytes()),
            Encoding::Bcd => out.extend(
                bcd_encode(
                    &format!("{len:0w$}", w = if digits == 2 { 2 } else { 4 }),
                    false,
                )
                .unwrap_or_default(),
            ),
            Encoding::Binary => {
                if digits == 2 {
                    out.push(len as u8);
                } else {
                    out.extend((len as u16).to_be_bytes());
                }
            }
        }
    }

    fn get_length(
        &self,
        c: &mut Cursor<'_>,
        t: LengthType,
        field: u8,
    ) -> Result<usize, LayoutError> {
        let what = || format!("the length of field {field}");
        let two = t == LengthType::Ll;
        let n = match self.len_encoding {
            Encoding::Ascii => {
                let b = c.take(if two { 2 } else { 3 }, what)?;
                std::str::from_utf8(b)
                    .ok()
                    .and_then(|s| s.parse::<usize>().ok())
            }
            Encoding::Bcd => {
                let b = c.take(if two { 1 } else { 2 }, what)?;
                bcd_decode(b, b.len() * 2, false).and_then(|s| s.parse::<usize>().ok())
            }
            Encoding::Binary => {
                let b = c.take(if two { 1 } else { 2 }, what)?;
                Some(b.iter().fold(0usize, |n, x| n << 8 | usize::from(*x)))
            }
        };
        n.ok_or_else(|| field_err(field, "length is not a number"))
    }

    fn bcd_fields(&self) -> bool {
        self.num_encoding == Encoding::Bcd
    }

    /// Encodes a message (without framing).
    pub fn encode(&self, m: &Message) -> Result<Vec<u8>, LayoutError> {
        let mut out = Vec::with_capacity(256);
        if m.mti.len() != 4 || !m.mti.bytes().all(|b| b.is_ascii_digit()) {
            return Err(LayoutError::Mti);
        }
        match self.mti {
            Encoding::Bcd => out.extend(bcd_encode(&m.mti, false).ok_or(LayoutError::Mti)?),
            _ => out.extend(m.mti.bytes()),
        }
        let secondary = m.fields.keys().any(|f| *f > 64);
        let mut bitmap = [0u8; 16];
        if secondary {
            bitmap[0] |= 0x80;
        }
        for f in m.fields.keys() {
            if *f < 2 || *f > 128 {
                return Err(LayoutError::UnknownField(*f));
            }
            let i = usize::from(*f - 1);
            bitmap[i / 8] |= 0x80 >> (i % 8);
        }
        let bitmap = &bitmap[..if secondary { 16 } else { 8 }];
        if self.hex_bitmap() {
            out.extend(bitmap.iter().flat_map(|b| format!("{b:02X}").into_bytes()));
        } else {
            out.extend_from_slice(bitmap);
        }
        for (n, v) in &m.fields {
            let spec = self.fields.get(n).ok_or(LayoutError::UnknownField(*n))?;
            self.encode_field(&mut out, *n, spec, v)?;
        }
        Ok(out)
    }

    fn encode_field(
        &self,
        out: &mut Vec<u8>,
        n: u8,
        spec: &Field,
        v: &Value,
    ) -> Result<(), LayoutError> {
        let (payload, count): (Vec<u8>, usize) = match (spec.format, v) {
            (Format::B, Value::Bytes(b)) => (b.clone(), b.len()),
            (Format::B, Value::Text(_)) => return Err(field_err(n, "binary field given as text")),
            (_, Value::Bytes(_)) => return Err(field_err(n, "text field given as bytes")),
            (Format::N | Format::Z, Value::Text(t)) => {
                let track = spec.format == Format::Z;
                let ok = t
                    .chars()
                    .all(|c| c.is_ascii_digit() || (track && matches!(c, '=' | 'D' | 'd')));
                if !ok {
                    return Err(field_err(
                        n,
                        if track {
                            "track data must be digits and `=`"
                        } else {
                            "must be digits"
                        },
                    ));
                }
                if self.bcd_fields() {
                    (
                        bcd_encode(t, track).ok_or_else(|| field_err(n, "not BCD"))?,
                        t.len(),
                    )
                } else {
                    (t.replace(['D', 'd'], "=").into_bytes(), t.len())
                }
            }
            (Format::An | Format::Ans, Value::Text(t)) => {
                if !t.is_ascii() {
                    return Err(field_err(n, "must be ASCII"));
                }
                (t.clone().into_bytes(), t.len())
            }
        };
        match spec.length {
            LengthType::Fixed if count != spec.max => {
                return Err(field_err(
                    n,
                    format!("must be {} long, not {count}", spec.max),
                ));
            }
            LengthType::Ll | LengthType::Lll if count > spec.max => {
                return Err(field_err(
                    n,
                    format!("at most {} long, not {count}", spec.max),
                ));
            }
            LengthType::Fixed => {}
            t => self.put_length(out, count, t),
        }
        out.extend(payload);
        Ok(())
    }

    /// Decodes a message (without framing). Every length is checked against the field's
    /// maximum and against what is left of the input before anything is read.
    pub fn decode(&self, buf: &[u8]) -> Result<Message, LayoutError> {
        let trace = self.trace(buf);
        match trace.stop {
            Some(stop) => Err(stop.error),
            None => Ok(trace.message()),
        }
    }

    /// Decodes a message and keeps where each field sat; a message that does not decode
    /// keeps the fields read so far and where (field and byte offset) decoding stopped.
    pub fn trace(&self, buf: &[u8]) -> Trace {
        let mut c = Cursor { buf, at: 0 };
        let mut t = Trace::default();
        let stop = |field: u8, offset: usize, error: LayoutError, t: &mut Trace| {
            t.stop = Some(Stop {
                field,
                offset,
                error,
            });
        };
        let mti = match self.mti {
            Encoding::Bcd => c
                .take(2, || "the MTI".into())
                .and_then(|b| bcd_decode(b, 4, false).ok_or(LayoutError::Mti)),
            _ => c.take(4, || "the MTI".into()).and_then(|b| {
                std::str::from_utf8(b)
                    .ok()
                    .filter(|s| s.bytes().all(|b| b.is_ascii_digit()))
                    .map(str::to_string)
                    .ok_or(LayoutError::Mti)
            }),
        };
        match mti {
            Ok(m) => t.mti = m,
            Err(e) => {
                stop(0, 0, e, &mut t);
                return t;
            }
        }
        let mut bitmap = [0u8; 16];
        let read_map = |c: &mut Cursor<'_>, into: &mut [u8]| -> Result<(), LayoutError> {
            if self.hex_bitmap() {
                let hex = c.take(16, || "the bitmap".into())?;
                for (i, pair) in hex.chunks(2).enumerate() {
                    let s =
                        std::str::from_utf8(pair).map_err(|_| field_err(1, "bitmap is not hex"))?;
                    into[i] =
                        u8::from_str_radix(s, 16).map_err(|_| field_err(1, "bitmap is not hex"))?;
                }
            } else {
                into.copy_from_slice(c.take(8, || "the bitmap".into())?);
            }
            Ok(())
        };
        t.bitmap_offset = c.at;
        if let Err(e) = read_map(&mut c, &mut bitmap[..8]) {
            stop(1, t.bitmap_offset, e, &mut t);
            return t;
        }
        let secondary = bitmap[0] & 0x80 != 0;
        if secondary {
            let at = c.at;
            if let Err(e) = read_map(&mut c, &mut bitmap[8..]) {
                t.bitmap = bitmap[..8].to_vec();
                stop(1, at, e, &mut t);
                return t;
            }
        }
        t.bitmap = bitmap[..if secondary { 16 } else { 8 }].to_vec();
        let last = if secondary { 128 } else { 64 };
        for n in 2..=last {
            let i = usize::from(n - 1);
            if bitmap[i / 8] & (0x80 >> (i % 8)) == 0 {
                continue;
            }
            let offset = c.at;
            let Some(spec) = self.fields.get(&n) else {
                stop(n, offset, LayoutError::UnknownField(n), &mut t);
                return t;
            };
            match self.decode_field(&mut c, n, spec) {
                Ok(value) => t.fields.push(FieldAt {
                    field: n,
                    offset,
                    len: c.at - offset,
                    value,
                }),
                Err(e) => {
                    stop(n, offset, e, &mut t);
                    return t;
                }
            }
        }
        t.end = c.at;
        if c.at != buf.len() {
            stop(0, c.at, LayoutError::Trailing(buf.len() - c.at), &mut t);
        }
        t
    }

    /// What a field must look like on the wire, in ISO 8583 notation (`n12`, `ans..99 LLVAR`),
    /// with how its digits and length are carried in this layout.
    pub fn expected(&self, field: u8) -> Option<String> {
        let spec = self.fields.get(&field)?;
        let fmt = match spec.format {
            Format::N => "n",
            Format::Z => "z",
            Format::An => "an",
            Format::Ans => "ans",
            Format::B => "b",
        };
        let enc = |e: Encoding| match e {
            Encoding::Bcd => "BCD",
            Encoding::Ascii => "ASCII",
            Encoding::Binary => "binary",
        };
        let carried = match spec.format {
            Format::N | Format::Z => enc(self.num_encoding),
            Format::B => "binary",
            _ => "ASCII",
        };
        Some(match spec.length {
            LengthType::Fixed => {
                let bytes = match spec.format {
                    Format::N | Format::Z if self.bcd_fields() => spec.max.div_ceil(2),
                    _ => spec.max,
                };
                format!("{fmt}{} {carried} ({bytes} B)", spec.max)
            }
            t => {
                let (dots, var) = if t == LengthType::Ll {
                    ("..", "LLVAR")
                } else {
                    ("...", "LLLVAR")
                };
                format!(
                    "{fmt}{dots}{} {carried}, {var} {}",
                    spec.max,
                    enc(self.len_encoding)
                )
            }
        })
    }

    fn decode_field(&self, c: &mut Cursor<'_>, n: u8, spec: &Field) -> Result<Value, LayoutError> {
        let count = match spec.length {
            LengthType::Fixed => spec.max,
            t => {
                let len = self.get_length(c, t, n)?;
                if len > spec.max {
                    return Err(field_err(
                        n,
                        format!("length {len} is over the maximum {}", spec.max),
                    ));
                }
                len
            }
        };
        let what = || format!("field {n}");
        Ok(match spec.format {
            Format::B => Value::Bytes(c.take(count, what)?.to_vec()),
            Format::N | Format::Z if self.bcd_fields() => {
                let bytes = c.take(count.div_ceil(2), what)?;
                let track = spec.format == Format::Z;
                Value::Text(bcd_decode(bytes, count, track).ok_or_else(|| field_err(n, "not BCD"))?)
            }
            _ => {
                let bytes = c.take(count, what)?;
                let s = std::str::from_utf8(bytes).map_err(|_| field_err(n, "not ASCII"))?;
                if !s.is_ascii() {
                    return Err(field_err(n, "not ASCII"));
                }
                if matches!(spec.format, Format::N) && !s.bytes().all(|b| b.is_ascii_digit()) {
                    return Err(field_err(n, "must be digits"));
                }
                // What encode accepts, so whatever decodes can be encoded again.
                if matches!(spec.format, Format::Z)
                    && !s.bytes().all(|b| b.is_ascii_digit() || b == b'=')
                {
                    return Err(field_err(n, "track data must be digits and `=`"));
                }
                Value::Text(s.to_string())
            }
        })
    }
}

#[cfg(test)]
mod tests {
    use super::super::{Frame, Message, Tpdu};
    use super::*;

    fn sign_in() -> Message {
        Message::new("0800")
            .with(11, "000123")
            .with(41, "10000001")
            .with(42, "898310054111234")
            .with(60, "00000001003")
            .with(63, "01 ")
    }

    fn sale() -> Message {
        Message::new("0200")
            .with(2, "6222021234567890123")
            .with(3, "000000")
            .with(4, "000000010000")
            .with(11, "000124")
            .with(22, "051")
            .with(25, "00")
            .with(35, "6222021234567890123=28122011234")
            .with(41, "10000001")
            .with(42, "898310054111234")
            .with(49, "156")
            .with_bytes(52, vec![0x12, 0x34, 0x56, 0x78, 0x9A, 0xBC, 0xDE, 0xF0])
            .with_bytes(64, vec![1, 2, 3, 4, 5, 6, 7, 8])
    }

    #[test]
    fn both_layouts_round_trip() {
        for name in ["unionpay", "generic"] {
            let l = Layout::builtin(name).unwrap();
            for m in [sign_in(), sale()] {
                let bytes = l.encode(&m).unwrap();
                assert_eq!(l.decode(&bytes).unwrap(), m, "{name} {}", m.mti);
            }
        }
    }

    #[test]
    fn unionpay_wire_format() {
        let l = Layout::builtin("unionpay").unwrap();
        let bytes = l.encode(&sign_in()).unwrap();
        // MTI 0800 in BCD, then the binary bitmap: fields 11, 41, 42, 60, 63.
        assert_eq!(&bytes[..2], &[0x08, 0x00]);
        assert_eq!(
            &bytes[2..10],
            &[0x00, 0x20, 0x00, 0x00, 0x00, 0xC0, 0x00, 0x12]
        );
        // Field 11 as 3 BCD bytes.
        assert_eq!(&bytes[10..13], &[0x00, 0x01, 0x23]);
        let frame = Frame {
            tpdu: Some(Tpdu {
                id: 0x60,
                destination: 0x0003,
                source: 0x0000,
            }),
            header: vec![0x60, 0x31, 0, 0, 0, 0],
            body: bytes.clone(),
        };
        let wire = l.frame(&frame).unwrap();
        assert_eq!(
            u16::from_be_bytes([wire[0], wire[1]]) as usize,
            wire.len() - 2
        );
        assert_eq!(&wire[2..7], &[0x60, 0x00, 0x03, 0x00, 0x00]);
        assert_eq!(l.unframe(&wire[2..]).unwrap(), frame);
    }

    #[test]
    fn generic_wire_format() {
        let l = Layout::builtin("generic").unwrap();
        let bytes = l.encode(&sign_in()).unwrap();
        assert!(bytes.starts_with(b"08000020000000C00012000123"));
    }

    #[test]
    fn bad_values_and_bad_input_are_errors() {
        let l = Layout::builtin("unionpay").unwrap();
        assert!(matches!(
            l.encode(&Message::new("0800").with(11, "12")),
            Err(LayoutError::Field { field: 11, .. })
        ));
        assert!(matches!(
            l.encode(&Message::new("0800").with(2, "4111x")),
            Err(LayoutError::Field { field: 2, .. })
        ));
        assert!(matches!(
            l.encode(&Message::new("08x0")),
            Err(LayoutError::Mti)
        ));
        let good = l.encode(&sale()).unwrap();
        for cut in 0..good.len() {
            assert!(l.decode(&good[..cut]).is_err(), "truncated at {cut}");
        }
        let mut extra = good.clone();
        extra.push(0);
        assert_eq!(l.decode(&extra), Err(LayoutError::Trailing(1)));
        // A length over the field's maximum is refused before reading.
        let mut long = l
            .encode(&Message::new("0800").with(2, "4111111111111111"))
            .unwrap();
        long[10] = 0x99;
        assert!(matches!(
            l.decode(&long),
            Err(LayoutError::Field { field: 2, .. })
        ));
    }
}
