//! Explaining the bytes: one ISO 8583 message as pasted from a log (its length header, TPDU
//! and application header found automatically), and EMV chip data (field 55).
//!
//! Everything here returns data; `render::decode` turns it into text or JSON. Card numbers
//! leave this module masked 6+4, and PIN blocks, track data and key fields never leave it.

pub mod capture;
pub mod conversation;
pub mod emv;
pub mod frame;
pub mod input;
pub mod stream;
pub mod tlv;

use serde::Serialize;

pub use frame::LengthHeader;
pub use input::{InputError, InputKind};

use crate::i18n::Text;
use crate::iso8583::{Layout, Trace, Value};

/// The layouts tried when none is named, in this order.
pub const BUILTIN_LAYOUTS: [&str; 2] = ["unionpay", "generic"];

/// How the bytes in front of the message were read.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Framing {
    pub length: LengthHeader,
    /// The length the header announced.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub announced: Option<usize>,
    /// The TPDU, as hex.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub tpdu: Option<String>,
    /// The application header, as hex.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub header: Option<String>,
}

/// A field as it may be shown: masked or hidden where it is secret.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ShownField {
    pub field: u8,
    pub name: Text,
    /// Offset of the field's first byte in the input.
    pub offset: usize,
    /// Bytes on the wire, length prefix included.
    pub length: usize,
    /// The value: text, uppercase hex for binary fields, masked card numbers, or empty when
    /// `hidden`.
    pub value: String,
    /// Secret (PIN block, track data, keys): never shown.
    pub hidden: bool,
}

/// Where decoding stopped, and what was expected there.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Stopped {
    /// What was being read: `length` (the length header), `mti`, `bitmap`, `field`, or `end`
    /// (bytes after the last field).
    pub at: &'static str,
    /// The field (0: the MTI or bytes after the last field, 1: the bitmap).
    pub field: u8,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub name: Option<Text>,
    /// Offset in the input.
    pub offset: usize,
    /// The problem, in English (for scripts); `error` has it as data.
    pub problem: String,
    #[serde(skip)]
    pub error: crate::iso8583::LayoutError,
    /// The field's format in this layout, in ISO 8583 notation.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub expected: Option<String>,
}

/// A layout and length header with which the same bytes decode completely.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Alternative {
    pub layout: String,
    pub framing: LengthHeader,
}

/// One message, decoded as far as it goes.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Decoded {
    pub layout: String,
    pub framing: Framing,
    pub mti: String,
    /// The bitmap as hex (8 or 16 bytes).
    pub bitmap: String,
    pub fields: Vec<ShownField>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub stopped: Option<Stopped>,
    /// Other ways the bytes decode completely; filled only when these did not.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub alternatives: Vec<Alternative>,
}

impl Decoded {
    pub fn ok(&self) -> bool {
        self.stopped.is_none()
    }

    /// A field's shown value, when the field is there and not hidden.
    pub fn value(&self, field: u8) -> Option<&str> {
        self.fields
            .iter()
            .find(|f| f.field == field && !f.hidden)
            .map(|f| f.value.as_str())
    }
}

/// Which length headers to try.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FramingChoice {
    Auto,
    Only(LengthHeader),
}

/// An attempt: framing read, then the message traced.
struct Attempt {
    layout: &'static Layout,
    /// The length header (if any) announces exactly the bytes that follow it.
    complete: bool,
    framing: Framing,
    body_at: usize,
    trace: Trace,
}

impl Attempt {
    /// How far decoding got, to pick the most telling failure: a length header that agrees
    /// with the input says more than any number of fields read from misplaced bytes.
    fn progress(&self) -> (bool, bool, bool, usize, usize) {
        let reached = self.trace.stop.as_ref().map_or(usize::MAX, |s| s.offset);
        let framed = self.framing.length != LengthHeader::None;
        (
            self.ok(),
            plausible_mti(&self.trace.mti),
            framed,
            self.trace.fields.len(),
            reached,
        )
    }

    fn ok(&self) -> bool {
        self.complete && self.trace.ok()
    }
}

/// An MTI a terminal or host sends: version 0-2, a message class in use, a function 0-5.
fn plausible_mti(mti: &str) -> bool {
    let b = mti.as_bytes();
    b.len() == 4
        && matches!(b[0], b'0'..=b'2')
        && matches!(b[1], b'1'..=b'6' | b'8')
        && matches!(b[2], b'0'..=b'5')
}

/// TPDU IDs in use: 0x60 (transaction) and 0x68 (sent by some terminals for management).
fn looks_like_tpdu(b: &[u8]) -> bool {
    matches!(b.first(), Some(0x60 | 0x68)) && b.len() >= 5
}

fn hex(b: &[u8]) -> String {
    b.iter().map(|x| format!("{x:02X}")).collect()
}

/// Every way to split `bytes` into length header, TPDU, application header and message that
/// the header lengths allow, most likely first.
fn attempts<'a>(
    bytes: &'a [u8],
    layout: &'static Layout,
    choice: FramingChoice,
) -> impl Iterator<Item = Attempt> + 'a {
    let lengths: Vec<LengthHeader> = match choice {
        FramingChoice::Auto => LengthHeader::ALL.to_vec(),
        FramingChoice::Only(h) => vec![h],
    };
    let mut plans = Vec::new();
    for length in lengths {
        let announced = length.read(bytes);
        if length != LengthHeader::None {
            // An explicit header is read even when it disagrees, to say so; in automatic
            // mode only a header that matches what follows counts.
            // A header announcing more than is there is kept too: the input was cut short
            // (a log line's limit), and decoding says where.
            let fits = announced.is_some_and(|n| n >= bytes.len().saturating_sub(length.size()));
            if !fits && choice == FramingChoice::Auto {
                continue;
            }
        }
        let rest_at = length.size().min(bytes.len());
        let rest = &bytes[rest_at..];
        let tpdus: &[bool] = if looks_like_tpdu(rest) {
            &[true, false]
        } else {
            &[false]
        };
        for &tpdu in tpdus {
            let after_tpdu = rest_at + if tpdu { 5 } else { 0 };
            let mut headers = vec![layout.framing.header_len];
            for h in [6usize, 0] {
                if !headers.contains(&h) {
                    headers.push(h);
                }
            }
            for header_len in headers {
                if after_tpdu + header_len > bytes.len() {
                    continue;
                }
                plans.push((length, announced, tpdu, after_tpdu, header_len));
            }
        }
    }
    plans
        .into_iter()
        .map(move |(length, announced, tpdu, after_tpdu, header_len)| {
            let body_at = after_tpdu + header_len;
            let present = bytes.len().saturating_sub(length.size());
            Attempt {
                layout,
                complete: length == LengthHeader::None || announced == Some(present),
                framing: Framing {
                    length,
                    announced: announced.filter(|_| length != LengthHeader::None),
                    tpdu: tpdu.then(|| hex(&bytes[after_tpdu - 5..after_tpdu])),
                    header: (header_len > 0).then(|| hex(&bytes[after_tpdu..body_at])),
                },
                body_at,
                trace: layout.trace(&bytes[body_at..]),
            }
        })
}

/// Decodes one message with the given layouts (the first is preferred) and framing choice.
/// When none decodes completely, the attempt that got furthest is described, and every other
/// layout and length header with which the bytes do decode is listed.
pub fn decode_message(
    bytes: &[u8],
    layouts: &[&'static Layout],
    choice: FramingChoice,
    all_layouts: &[&'static Layout],
) -> Option<Decoded> {
    let mut best: Option<Attempt> = None;
    for layout in layouts {
        for a in attempts(bytes, layout, choice) {
            if a.ok() {
                return Some(show(a, Vec::new()));
            }
            if best.as_ref().is_none_or(|b| a.progress() > b.progress()) {
                best = Some(a);
            }
        }
    }
    let best = best?;
    let mut alternatives = Vec::new();
    for layout in all_layouts {
        for a in attempts(bytes, layout, FramingChoice::Auto) {
            let alt = Alternative {
                layout: layout.name.clone(),
                framing: a.framing.length,
            };
            if a.ok() && !alternatives.contains(&alt) {
                alternatives.push(alt);
            }
        }
    }
    Some(show(best, alternatives))
}

fn show(a: Attempt, alternatives: Vec<Alternative>) -> Decoded {
    let layout = a.layout;
    let mti = a.trace.mti.clone();
    let fields = a
        .trace
        .fields
        .iter()
        .map(|f| {
            let (value, hidden) = shown_value(f.field, &f.value, &mti);
            ShownField {
                field: f.field,
                name: field_name(layout, f.field),
                offset: a.body_at + f.offset,
                length: f.len,
                value,
                hidden,
            }
        })
        .collect();
    let header_stop = (!a.complete && a.trace.ok()).then(|| crate::iso8583::Stop {
        field: 0,
        offset: 0,
        error: crate::iso8583::LayoutError::LengthHeader {
            announced: a.framing.announced.unwrap_or(0),
            present: a.body_at.saturating_sub(a.framing.length.size()) + a.trace.end,
        },
    });
    let stop = a.trace.stop.as_ref().or(header_stop.as_ref());
    let stopped = stop.map(|s| Stopped {
        at: match (s.field, &s.error) {
            (0, crate::iso8583::LayoutError::Trailing(_)) => "end",
            (0, crate::iso8583::LayoutError::LengthHeader { .. }) => "length",
            (0, _) => "mti",
            (1, _) => "bitmap",
            _ => "field",
        },
        name: (s.field >= 2).then(|| field_name(layout, s.field)),
        field: s.field,
        offset: if s.field == 0 && s.offset == 0 {
            0
        } else {
            a.body_at + s.offset
        },
        problem: s.error.to_string(),
        error: s.error.clone(),
        expected: if s.field >= 2 {
            layout.expected(s.field)
        } else {
            None
        },
    });
    Decoded {
        layout: layout.name.clone(),
        framing: a.framing,
        mti,
        bitmap: hex(&a.trace.bitmap),
        fields,
        stopped,
        alternatives,
    }
}

/// A field's name in both languages (the English one where the layout has no Chinese one).
pub fn field_name(layout: &Layout, field: u8) -> Text {
    let spec = layout.fields.get(&field);
    let en = spec.map(|s| s.name.clone()).unwrap_or_default();
    Text {
        zh: spec
            .and_then(|s| s.name_zh.clone())
            .unwrap_or_else(|| en.clone()),
        en,
    }
}

/// Fields that carry secrets, whatever the message: track data (2 and 3 and 1), the PIN
/// block. Field 62 of a sign-in answer carries the working keys.
fn secret(field: u8, mti: &str) -> bool {
    matches!(field, 35 | 36 | 45 | 52) || (field == 62 && mti.starts_with("08"))
}

/// Chip data tags that hold the card number, track data or the cardholder's name.
const SECRET_TAGS: [&str; 6] = ["5A", "57", "56", "5F20", "9F1F", "9F20"];

fn shown_value(field: u8, value: &Value, mti: &str) -> (String, bool) {
    if secret(field, mti) {
        return (String::new(), true);
    }
    match value {
        Value::Text(t) if field == 2 => (crate::card::mask(t), false),
        Value::Text(t) => (
            t.chars()
                .map(|c| {
                    if c.is_ascii_graphic() || c == ' ' {
                        c
                    } else {
                        '.'
                    }
                })
                .collect(),
            false,
        ),
        Value::Bytes(b) if field == 55 => chip_data(b),
        Value::Bytes(b) => (hex(b), false),
    }
}

/// Field 55 as hex, unless it holds a card number or track data, which are not shown.
fn chip_data(b: &[u8]) -> (String, bool) {
    match tlv::parse(b) {
        Ok(t)
            if tlv::flatten(&t)
                .iter()
                .all(|x| !SECRET_TAGS.contains(&x.tag.as_str())) =>
        {
            (hex(b), false)
        }
        _ => (String::new(), true),
    }
}

/// Layout files are small; anything larger is not one.
const MAX_LAYOUT_FILE: u64 = 256 * 1024;

/// The layout `name`: a built-in one, or `layouts/NAME.toml` in the config directory (an
/// acquirer's own variant, in the format of the built-in files). `None`: no such layout.
pub fn layout(
    name: &str,
    config_dir: &std::path::Path,
) -> Result<Option<&'static Layout>, crate::Error> {
    if let Some(l) = Layout::builtin(name) {
        return Ok(Some(l));
    }
    if name.is_empty()
        || !name
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_')
    {
        return Ok(None);
    }
    let path = config_dir.join("layouts").join(format!("{name}.toml"));
    let Some(text) = crate::input::read_text(&path, MAX_LAYOUT_FILE)? else {
        return Ok(None);
    };
    let layout: Layout = crate::toml_input::parse(&path, &text)?;
    // A run decodes with at most one user layout; it lives as long as the process.
    Ok(Some(Box::leak(Box::new(layout))))
}
