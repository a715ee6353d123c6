//! ISO 8583 as POS terminals in China speak it to acquirer hosts. The message layout is data
//! (`data/iso8583/*.toml`: MTI and bitmap encoding, every field's format, length type and
//! encoding), so an acquirer's variant is a new file, not new code. Decoding is bounded by
//! the input: a hostile or broken frame is an error, never a panic or a large allocation.

pub mod layout;
pub mod wire;

use std::collections::BTreeMap;

pub use layout::{FieldAt, Layout, LayoutError, Stop, Trace};

/// A field's value: text for numeric, track and character fields, bytes for binary ones.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Value {
    Text(String),
    Bytes(Vec<u8>),
}

impl Value {
    pub fn text(&self) -> Option<&str> {
        match self {
            Value::Text(t) => Some(t),
            Value::Bytes(_) => None,
        }
    }
}

/// A message: its type indicator and its fields by number (the bitmap is derived).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Message {
    pub mti: String,
    pub fields: BTreeMap<u8, Value>,
}

impl Message {
    pub fn new(mti: &str) -> Message {
        Message {
            mti: mti.to_string(),
            fields: BTreeMap::new(),
        }
    }

    pub fn with(mut self, field: u8, value: impl Into<String>) -> Message {
        self.fields.insert(field, Value::Text(value.into()));
        self
    }

    pub fn with_bytes(mut self, field: u8, value: Vec<u8>) -> Message {
        self.fields.insert(field, Value::Bytes(value));
        self
    }

    pub fn text(&self, field: u8) -> Option<&str> {
        self.fields.get(&field).and_then(Value::text)
    }
}

/// The Transport Protocol Data Unit in front of China POS messages: ID 0x60, destination and
/// source network international identifiers (NII).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Tpdu {
    pub id: u8,
    pub destination: u16,
    pub source: u16,
}

impl Tpdu {
    /// The TPDU in its 5 bytes: ID, destination NII, source NII.
    pub fn from_bytes(b: [u8; 5]) -> Tpdu {
        Tpdu {
            id: b[0],
            destination: u16::from_be_bytes([b[1], b[2]]),
            source: u16::from_be_bytes([b[3], b[4]]),
        }
    }

    pub fn to_bytes(self) -> [u8; 5] {
        let d = self.destination.to_be_bytes();
        let s = self.source.to_be_bytes();
        [self.id, d[0], d[1], s[0], s[1]]
    }

    /// The answer's TPDU: source and destination swapped.
    pub fn reversed(self) -> Tpdu {
        Tpdu {
            id: self.id,
            destination: self.source,
            source: self.destination,
        }
    }
}

/// One frame on the wire: 2-byte length, then TPDU and header (when the layout has them),
/// then the message.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Frame {
    pub tpdu: Option<Tpdu>,
    pub header: Vec<u8>,
    pub body: Vec<u8>,
}

impl Layout {
    /// The bytes to send, length prefix included.
    pub fn frame(&self, frame: &Frame) -> Result<Vec<u8>, LayoutError> {
        wire::Wire::of(self).wrap(frame.tpdu, &frame.header, &frame.body)
    }

    /// Splits what follows the length prefix into TPDU, header and message.
    pub fn unframe(&self, inner: &[u8]) -> Result<Frame, LayoutError> {
        wire::Wire::of(self).split(inner)
    }
}
