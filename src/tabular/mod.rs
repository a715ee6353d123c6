//! One reader for the tables merchants and acquirers hand over: transaction exports and
//! settlement files (`txn import`, `txn reconcile`) and fleet lists (`check --batch`).
//!
//! Such files come as Excel and the counter's PC save them: CSV in GBK (what Chinese Excel
//! writes for "CSV"), UTF-8 with or without a byte-order mark, Excel's "Unicode text"
//! (UTF-16, tab-separated), semicolon-separated exports, and .xlsx/.xls workbooks. The reader
//! looks at the first bytes and decides, unless told (`--encoding`, `--sheet`):
//!
//! - a workbook by its signature (zip for .xlsx, OLE for .xls), read with calamine;
//! - otherwise text: a byte-order mark, then the NUL pattern of UTF-16 without one, then
//!   valid UTF-8, and GB18030 (a superset of GBK) for anything else;
//! - the delimiter by counting commas, tabs and semicolons outside quotes in the header.
//!
//! Every caller then sees the same thing: a header and rows of UTF-8 fields
//! ([`csv::ByteRecord`]s), with line numbers as the user's editor shows them. UTF-8 files are
//! not copied or converted on the way (the reconciler reads millions of rows); other
//! encodings are decoded as they stream. When a file cannot be read, the error says which
//! encoding and delimiter were tried, so the user knows what `--encoding` to give.

pub mod sheet;
pub mod txn;

use std::io::{self, Read};

use encoding_rs::Encoding;

use crate::error::{Error, Message};
use crate::i18n::{Lang, Msg, Text};

/// How much of a text file is looked at to decide its encoding and delimiter.
const SNIFF: usize = 64 * 1024;

/// What the user told the reader, overriding what it would detect.
#[derive(Debug, Clone, Default)]
pub struct Options {
    /// `--encoding`: `None` detects.
    pub encoding: Option<&'static Encoding>,
    /// `--sheet NAME|N` of a workbook (1-based); `None` is the first sheet.
    pub sheet: Option<String>,
}

impl Options {
    /// From `--encoding` and `--sheet` as given.
    pub fn new(encoding: Option<&str>, sheet: Option<&str>) -> Result<Options, Error> {
        Ok(Options {
            encoding: match encoding {
                Some(e) => parse_encoding(e)?,
                None => None,
            },
            sheet: sheet.map(str::to_string),
        })
    }
}

/// Parses an `--encoding` value: `auto`, or any label the WHATWG Encoding Standard knows
/// (`utf-8`, `gbk`, `gb18030`, `utf-16le`, `utf-16be`, `big5`, …).
pub fn parse_encoding(value: &str) -> Result<Option<&'static Encoding>, Error> {
    let v = value.trim();
    if v.eq_ignore_ascii_case("auto") {
        return Ok(None);
    }
    // The standard maps a bare "utf-16" to little-endian, as Windows writes it.
    match Encoding::for_label(v.as_bytes()) {
        // The replacement encoding and x-user-defined are not what anyone means.
        Some(e) if e != encoding_rs::REPLACEMENT && e != encoding_rs::X_USER_DEFINED => Ok(Some(e)),
        _ => Err(Message::new(Msg::TabularEncoding).arg("value", v).into()),
    }
}

/// How a file was read: named in every error about it.
#[derive(Debug, Clone)]
pub enum How {
    Text {
        encoding: &'static Encoding,
        bom: bool,
        delimiter: u8,
    },
    Workbook {
        kind: &'static str,
        sheet: String,
    },
}

impl How {
    /// The encoding and delimiter (or workbook and sheet), in both languages.
    pub fn describe(&self) -> Text {
        match self {
            How::Text {
                encoding,
                bom,
                delimiter,
            } => {
                let enc = encoding_name(encoding);
                let bom_en = if *bom { " with BOM" } else { "" };
                let bom_zh = if *bom { "（带 BOM）" } else { "" };
                let (d_en, d_zh) = match delimiter {
                    b'\t' => ("tab", "制表符"),
                    b';' => ("semicolon", "分号"),
                    _ => ("comma", "逗号"),
                };
                Text {
                    en: format!("{enc}{bom_en}, {d_en}-separated"),
                    zh: format!("{enc} 编码{bom_zh}、{d_zh}分隔"),
                }
            }
            How::Workbook { kind, sheet } => Text {
                en: format!("{kind} workbook, sheet “{sheet}”"),
                zh: format!("{kind} 工作簿的工作表“{sheet}”"),
            },
        }
    }

    /// The encoding's name as users know it (`UTF-8`, `GB18030`, `UTF-16LE`).
    pub fn encoding(&self) -> &'static str {
        match self {
            How::Text { encoding, .. } => encoding_name(encoding),
            How::Workbook { .. } => "",
        }
    }
}

fn encoding_name(e: &'static Encoding) -> &'static str {
    if e == encoding_rs::GB18030 || e == encoding_rs::GBK {
        // encoding_rs decodes both alike; GB18030 is the superset, GBK what people call it.
        "GBK/GB18030"
    } else {
        e.name()
    }
}

/// The error for a file that cannot be read as it was tried: `detail` says what went wrong
/// (in both languages), the message names the file, encoding and delimiter.
pub fn unreadable(file: &str, how: &How, detail: &Message) -> Message {
    Message::new(Msg::TabularUnreadable)
        .arg("file", file)
        .arg_text("how", &how.describe())
        .arg_text("detail", &both(detail))
}

fn both(m: &Message) -> Text {
    Text {
        en: m.render(Lang::En),
        zh: m.render(Lang::Zh),
    }
}

enum Rows<'a> {
    Text(Box<csv::Reader<crate::input::Bounded<Box<dyn Read + Send + 'a>>>>),
    Sheet(sheet::SheetRows),
}

/// An open table: its header is read, its rows come one by one.
pub struct Table<'a> {
    name: String,
    how: How,
    rows: Rows<'a>,
    headers: csv::ByteRecord,
    /// Check that every row of a UTF-8 file is UTF-8 (a decoded file always is).
    strict: bool,
}

impl<'a> Table<'a> {
    /// Opens `input` (named `name` in messages) and reads its header row.
    pub fn new<R: Read + Send + 'a>(
        mut input: R,
        name: &str,
        opts: &Options,
    ) -> Result<Table<'a>, Error> {
        let mut head = Vec::with_capacity(SNIFF);
        (&mut input)
            .take(SNIFF as u64)
            .read_to_end(&mut head)
            .map_err(|e| Error::io(Msg::ErrorRead, std::path::Path::new(name), e))?;
        if sheet::is_workbook(&head) {
            let (how, rows) = sheet::open(head, input, name, opts)?;
            let mut t = Table {
                name: name.to_string(),
                how,
                rows: Rows::Sheet(rows),
                headers: csv::ByteRecord::new(),
                strict: false,
            };
            t.read_headers()?;
            return Ok(t);
        }
        let (encoding, bom) = match opts.encoding {
            Some(e) => (e, bom_of(&head).is_some_and(|(b, _)| b == e)),
            None => detect_encoding(&head),
        };
        let delimiter = detect_delimiter(&head, encoding);
        let how = How::Text {
            encoding,
            bom,
            delimiter,
        };
        let rest = io::Cursor::new(head).chain(input);
        let stream: Box<dyn Read + Send + 'a> = if encoding == encoding_rs::UTF_8 {
            // UTF-8 passes through untouched; only the BOM goes.
            let mut rest = rest;
            if bom {
                let mut skip = [0u8; 3];
                rest.read_exact(&mut skip)
                    .map_err(|e| Error::io(Msg::ErrorRead, std::path::Path::new(name), e))?;
            }
            Box::new(rest)
        } else {
            Box::new(Decode::new(rest, encoding))
        };
        let reader = crate::input::csv_reader_delimited(
            csv::ReaderBuilder::new()
                // The header is read as a row, the same way for text and workbooks.
                .has_headers(false)
                // Lines end at `\n`: with CRLF the parser would name every row one line
                // early (Excel writes CRLF). The `\r` left at a line's end is trimmed with
                // the other spaces around a cell.
                .terminator(csv::Terminator::Any(b'\n'))
                .flexible(true)
                .delimiter(delimiter)
                .buffer_capacity(1 << 20),
            stream,
            delimiter,
        );
        let mut t = Table {
            name: name.to_string(),
            how,
            rows: Rows::Text(Box::new(reader)),
            headers: csv::ByteRecord::new(),
            strict: encoding == encoding_rs::UTF_8,
        };
        t.read_headers()?;
        Ok(t)
    }

    fn read_headers(&mut self) -> Result<(), Error> {
        let mut rec = csv::ByteRecord::new();
        if !self.read_raw(&mut rec)? {
            // An empty file has no columns: the callers' header check says so.
            return Ok(());
        }
        if std::str::from_utf8(rec.as_slice()).is_err() {
            let m = Message::new(Msg::TabularBadText).arg("line", 1);
            return Err(unreadable(&self.name, &self.how, &m).into());
        }
        // A BOM a decoder kept, or one in a workbook cell, is not part of the first name.
        let mut clean = csv::ByteRecord::new();
        for (i, f) in rec.iter().enumerate() {
            let f = if i == 0 {
                f.strip_prefix("\u{feff}".as_bytes()).unwrap_or(f)
            } else {
                f
            };
            clean.push_field(f.strip_suffix(b"\r").unwrap_or(f));
        }
        self.headers = clean;
        Ok(())
    }

    /// The name in messages.
    pub fn name(&self) -> &str {
        &self.name
    }

    /// How the file is being read.
    pub fn how(&self) -> &How {
        &self.how
    }

    /// The header row's fields (UTF-8).
    pub fn byte_headers(&self) -> &csv::ByteRecord {
        &self.headers
    }

    /// The header row as text.
    pub fn headers(&self) -> Vec<String> {
        self.headers
            .iter()
            .map(|h| String::from_utf8_lossy(h).into_owned())
            .collect()
    }

    /// Whether rows are checked to be UTF-8 as they are read. The batch check turns it off
    /// to report such a row and go on.
    pub fn set_strict(&mut self, strict: bool) {
        self.strict = strict;
    }

    /// Wraps a header-level error (columns not found) so that it also says how the file was
    /// read: a wrong encoding shows up as unrecognised column names.
    pub fn header_error(&self, e: Message) -> Error {
        unreadable(&self.name, &self.how, &e).into()
    }

    /// Reads the next row into `rec` (its position set to the row's line); `false` at the
    /// end.
    pub fn read(&mut self, rec: &mut csv::ByteRecord) -> Result<bool, Error> {
        if !self.read_raw(rec)? {
            return Ok(false);
        }
        if self.strict && std::str::from_utf8(rec.as_slice()).is_err() {
            let line = rec.position().map_or(0, |p| p.line());
            let m = Message::new(Msg::TabularBadText).arg("line", line);
            return Err(unreadable(&self.name, &self.how, &m).into());
        }
        Ok(true)
    }

    fn read_raw(&mut self, rec: &mut csv::ByteRecord) -> Result<bool, Error> {
        match &mut self.rows {
            Rows::Text(r) => match r.read_byte_record(rec) {
                Ok(more) => Ok(more),
                Err(e) => Err(self.csv_error(e)),
            },
            Rows::Sheet(s) => Ok(s.next(rec)),
        }
    }

    /// Bytes read so far (for a progress bar).
    pub fn byte_position(&self, rec: &csv::ByteRecord) -> u64 {
        match &self.rows {
            Rows::Text(_) => rec.position().map_or(0, |p| p.byte()),
            Rows::Sheet(_) => 0,
        }
    }

    fn csv_error(&self, e: csv::Error) -> Error {
        let file = self.name.as_str();
        if let Some(m) = crate::input::record_too_long(file, &e) {
            return m.into();
        }
        let line = e.position().map_or(0, |p| p.line());
        if let csv::ErrorKind::Io(io) = e.kind() {
            if let Some(d) = io.get_ref().and_then(|x| x.downcast_ref::<DecodeError>()) {
                let m = Message::new(Msg::TabularBadBytes).arg("offset", d.offset);
                return unreadable(file, &self.how, &m).into();
            }
            return Error::Io {
                message: Message::new(Msg::ErrorRead).arg("path", file),
                source: io::Error::new(io.kind(), io.to_string()),
            };
        }
        let m = Message::new(Msg::ErrorTxnCsv)
            .arg("file", file)
            .arg("line", line)
            .arg("error", e);
        unreadable(file, &self.how, &m).into()
    }
}

/// The byte-order mark at the start of `head`, and its length.
fn bom_of(head: &[u8]) -> Option<(&'static Encoding, usize)> {
    Encoding::for_bom(head)
}

/// The encoding of a text file from its first bytes.
fn detect_encoding(head: &[u8]) -> (&'static Encoding, bool) {
    if let Some((e, _)) = bom_of(head) {
        return (e, true);
    }
    // UTF-16 without a BOM: text in the Latin range has a NUL in every other byte.
    let sample = &head[..head.len().min(4096) & !1];
    let pairs = sample.len() / 2;
    if pairs >= 2 {
        let even = sample.iter().step_by(2).filter(|b| **b == 0).count();
        let odd = sample
            .iter()
            .skip(1)
            .step_by(2)
            .filter(|b| **b == 0)
            .count();
        if odd * 4 >= pairs && even * 20 < pairs {
            return (encoding_rs::UTF_16LE, false);
        }
        if even * 4 >= pairs && odd * 20 < pairs {
            return (encoding_rs::UTF_16BE, false);
        }
    }
    // UTF-8, unless its invalid sequences outnumber its valid non-ASCII characters: GBK
    // text is mostly invalid as UTF-8, while a UTF-8 file with one stray byte is still UTF-8
    // (that row is then reported, not the whole file misread).
    let (mut valid, mut invalid) = (0usize, 0usize);
    let mut chunks = head.utf8_chunks().peekable();
    while let Some(c) = chunks.next() {
        valid += c.valid().chars().filter(|ch| !ch.is_ascii()).count();
        // A character cut off by the sample's end is not an error.
        let cut = chunks.peek().is_none() && c.invalid().len() < 4;
        if !c.invalid().is_empty() && !cut {
            invalid += 1;
        }
    }
    if invalid == 0 || valid >= 4 * invalid {
        (encoding_rs::UTF_8, false)
    } else {
        // What Chinese Windows writes: GBK, which GB18030 contains.
        (encoding_rs::GB18030, false)
    }
}

/// The delimiter of the header line: the most frequent of comma, tab and semicolon outside
/// quotes (comma when none is there: a file of one column).
fn detect_delimiter(head: &[u8], encoding: &'static Encoding) -> u8 {
    let (text, _) = encoding.decode_with_bom_removal(head);
    let mut counts = [0usize; 3];
    let mut quoted = false;
    for c in text.trim_start_matches(['\r', '\n']).chars() {
        match c {
            '"' => quoted = !quoted,
            '\n' | '\r' if !quoted => break,
            ',' if !quoted => counts[0] += 1,
            '\t' if !quoted => counts[1] += 1,
            ';' if !quoted => counts[2] += 1,
            _ => {}
        }
    }
    let best = (0..3).max_by_key(|i| (counts[*i], 3 - i)).unwrap_or(0);
    if counts[best] == 0 {
        return b',';
    }
    [b',', b'\t', b';'][best]
}

/// Where decoding stopped: the byte that is not in the encoding.
#[derive(Debug, thiserror::Error)]
#[error("invalid byte sequence at byte {offset}")]
struct DecodeError {
    offset: u64,
}

/// A reader that decodes `inner` from `encoding` into UTF-8 as it streams, failing at the
/// first byte sequence the encoding does not have (never replacing it: a wrong guess must
/// not turn into silently wrong column names or amounts).
struct Decode<R> {
    inner: R,
    decoder: encoding_rs::Decoder,
    input: Vec<u8>,
    start: usize,
    end: usize,
    eof: bool,
    done: bool,
    /// Bytes of input consumed before `input[start]`.
    consumed: u64,
    output: Vec<u8>,
    out_start: usize,
    out_end: usize,
    /// The offset of a byte sequence the encoding does not have, once met.
    failed: Option<u64>,
}

impl<R: Read> Decode<R> {
    fn new(inner: R, encoding: &'static Encoding) -> Self {
        Decode {
            inner,
            decoder: encoding.new_decoder_with_bom_removal(),
            input: vec![0; 64 * 1024],
            start: 0,
            end: 0,
            eof: false,
            done: false,
            consumed: 0,
            output: vec![0; 64 * 1024 * 3 + 16],
            out_start: 0,
            out_end: 0,
            failed: None,
        }
    }
}

impl<R: Read> Read for Decode<R> {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        loop {
            if self.out_start < self.out_end {
                let n = buf.len().min(self.out_end - self.out_start);
                buf[..n].copy_from_slice(&self.output[self.out_start..self.out_start + n]);
                self.out_start += n;
                return Ok(n);
            }
            if let Some(offset) = self.failed {
                return Err(io::Error::new(
                    io::ErrorKind::InvalidData,
                    DecodeError { offset },
                ));
            }
            if self.done {
                return Ok(0);
            }
            if self.start == self.end && !self.eof {
                self.start = 0;
                self.end = 0;
                let n = loop {
                    match self.inner.read(&mut self.input) {
                        Ok(n) => break n,
                        Err(e) if e.kind() == io::ErrorKind::Interrupted => continue,
                        Err(e) => return Err(e),
                    }
                };
                if n == 0 {
                    self.eof = true;
                }
                self.end = n;
            }
            let (result, read, written) = self.decoder.decode_to_utf8_without_replacement(
                &self.input[self.start..self.end],
                &mut self.output,
                self.eof,
            );
            self.start += read;
            self.consumed += read as u64;
            self.out_start = 0;
            self.out_end = written;
            match result {
                encoding_rs::DecoderResult::InputEmpty => {
                    if self.eof {
                        self.done = true;
                    }
                }
                encoding_rs::DecoderResult::OutputFull => {}
                encoding_rs::DecoderResult::Malformed(bad, after) => {
                    // What was decoded before the bad bytes is served first, then the error.
                    let offset = self
                        .consumed
                        .saturating_sub(u64::from(bad) + u64::from(after));
                    self.failed = Some(offset);
                    self.done = true;
                }
            }
            if self.out_end == 0
                && let Some(offset) = self.failed
            {
                return Err(io::Error::new(
                    io::ErrorKind::InvalidData,
                    DecodeError { offset },
                ));
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn read_all(bytes: &[u8], opts: &Options) -> Result<(How, Vec<Vec<String>>), Error> {
        let mut t = Table::new(bytes, "f", opts)?;
        let mut rows = vec![t.headers()];
        let mut rec = csv::ByteRecord::new();
        while t.read(&mut rec)? {
            rows.push(
                rec.iter()
                    .map(|f| String::from_utf8_lossy(f).into_owned())
                    .collect(),
            );
        }
        Ok((t.how.clone(), rows))
    }

    fn utf16(s: &str, le: bool, bom: bool) -> Vec<u8> {
        let mut out = Vec::new();
        if bom {
            out.extend(if le { [0xff, 0xfe] } else { [0xfe, 0xff] });
        }
        for u in s.encode_utf16() {
            out.extend(if le { u.to_le_bytes() } else { u.to_be_bytes() });
        }
        out
    }

    const TEXT: &str = "参考号,交易金额,商户名称\n331009000101,88.00,老王水果店\n";

    fn expect(rows: &[Vec<String>]) {
        assert_eq!(rows[0], ["参考号", "交易金额", "商户名称"]);
        assert_eq!(rows[1], ["331009000101", "88.00", "老王水果店"]);
    }

    #[test]
    fn encodings_are_detected() {
        let o = Options::default();
        let (how, rows) = read_all(TEXT.as_bytes(), &o).unwrap();
        expect(&rows);
        assert_eq!(how.encoding(), "UTF-8");
        let bom = [b"\xef\xbb\xbf".as_slice(), TEXT.as_bytes()].concat();
        let (how, rows) = read_all(&bom, &o).unwrap();
        expect(&rows);
        assert!(matches!(how, How::Text { bom: true, .. }));
        let (gbk, _, _) = encoding_rs::GBK.encode(TEXT);
        let (how, rows) = read_all(&gbk, &o).unwrap();
        expect(&rows);
        assert_eq!(how.encoding(), "GBK/GB18030");
        for (le, bom) in [(true, true), (false, true), (true, false), (false, false)] {
            let tabbed = TEXT.replace(',', "\t");
            let (how, rows) = read_all(&utf16(&tabbed, le, bom), &o).unwrap();
            expect(&rows);
            assert_eq!(
                how.encoding(),
                if le { "UTF-16LE" } else { "UTF-16BE" },
                "{le} {bom}"
            );
            assert!(matches!(
                how,
                How::Text {
                    delimiter: b'\t',
                    ..
                }
            ));
        }
        let semi = TEXT.replace(',', ";");
        let (how, rows) = read_all(semi.as_bytes(), &o).unwrap();
        expect(&rows);
        assert!(matches!(
            how,
            How::Text {
                delimiter: b';',
                ..
            }
        ));
    }

    #[test]
    fn a_stray_byte_does_not_make_utf8_gbk() {
        let mut bytes = TEXT.as_bytes().to_vec();
        bytes.extend(b"331009000102,1.00,\xff\xfe\n");
        assert_eq!(detect_encoding(&bytes).0, encoding_rs::UTF_8);
        let (gbk, _, _) = encoding_rs::GBK.encode(TEXT);
        assert_eq!(detect_encoding(&gbk).0, encoding_rs::GB18030);
    }

    #[test]
    fn a_wrong_encoding_is_named() {
        let (gbk, _, _) = encoding_rs::GBK.encode(TEXT);
        let o = Options {
            encoding: parse_encoding("utf-8").unwrap(),
            ..Default::default()
        };
        let e = read_all(&gbk, &o).err().unwrap().to_string();
        assert!(e.contains("UTF-8") && e.contains("comma"), "{e}");
        // Bytes GB18030 does not have, late in the file.
        let mut bad = TEXT.as_bytes().to_vec();
        bad.extend(b"1,2,\x81\x20\n");
        let o = Options {
            encoding: parse_encoding("gbk").unwrap(),
            ..Default::default()
        };
        let e = read_all(&bad, &o).err().unwrap().to_string();
        assert!(e.contains("GBK/GB18030"), "{e}");
        assert!(parse_encoding("klingon").is_err());
        assert_eq!(parse_encoding("auto").unwrap(), None);
    }
}
