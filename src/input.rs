//! Reading what comes from outside, bounded: a key file, the config, a CSV file, standard
//! input.
//!
//! Paths users give can name anything: `/dev/zero`, `/dev/urandom`, a FIFO nobody writes
//! to, a directory. A file that is read whole (a key, the config) must be a regular file
//! and small; it is opened without blocking, checked on the open handle (so it cannot be
//! swapped in between) and read with a cap. A CSV input is streamed, so it may also be a
//! pipe (`-`, `<(…)`), but not a device or a directory, and no record may be longer than
//! [`RECORD_LIMIT`]: the reader stops at the first record over it and names its line, instead
//! of growing one record until memory runs out.

use std::fs::File;
use std::io::{self, Read};
use std::path::Path;

use zeroize::Zeroizing;

use crate::error::{Error, Message};
use crate::i18n::Msg;

/// A key file holds at most 64 hex digits; grouping, a newline and a BOM add little.
pub const KEY_FILE_LIMIT: u64 = 4 * 1024;
/// A config of hundreds of profiles is well under this.
pub const CONFIG_LIMIT: u64 = 1024 * 1024;
/// One CSV record (a line, or lines joined by a quoted field). Real exports have rows of a
/// few hundred bytes.
pub const RECORD_LIMIT: usize = 64 * 1024;
/// How much of an outside value an error message quotes.
pub const EXCERPT_CHARS: usize = 64;
/// How much of a header (a list of column names) an error message quotes.
pub const HEADER_CHARS: usize = 240;

/// What a path may be.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Accept {
    /// A file read whole: only a regular file.
    Regular,
    /// A stream: a regular file, a FIFO or a socket (what `<(…)` and pipes give).
    Stream,
}

/// Opens `path` for reading without waiting for a FIFO's writer, and refuses what `accept`
/// does not allow. `Ok(None)`: there is no such file.
fn open(path: &Path, accept: Accept) -> Result<Option<File>, Error> {
    let mut options = std::fs::OpenOptions::new();
    options.read(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        // Opening a FIFO for reading blocks until someone opens it for writing.
        options.custom_flags(rustix::fs::OFlags::NONBLOCK.bits() as i32);
    }
    let file = match options.open(path) {
        Ok(f) => f,
        Err(e) if e.kind() == io::ErrorKind::NotFound => return Ok(None),
        Err(e) if e.kind() == io::ErrorKind::IsADirectory => return Err(not_a_file(path, accept)),
        Err(e) => return Err(Error::io(Msg::ErrorRead, path, e)),
    };
    let meta = file
        .metadata()
        .map_err(|e| Error::io(Msg::ErrorRead, path, e))?;
    let ft = meta.file_type();
    let ok = ft.is_file() || (accept == Accept::Stream && is_pipe(&ft));
    if !ok {
        return Err(not_a_file(path, accept));
    }
    #[cfg(unix)]
    {
        // Reads wait for data again, as a pipe's reader expects.
        use rustix::fs::{OFlags, fcntl_getfl, fcntl_setfl};
        let flags = fcntl_getfl(&file).map_err(|e| Error::io(Msg::ErrorRead, path, e.into()))?;
        fcntl_setfl(&file, flags - OFlags::NONBLOCK)
            .map_err(|e| Error::io(Msg::ErrorRead, path, e.into()))?;
    }
    Ok(Some(file))
}

#[cfg(unix)]
fn is_pipe(ft: &std::fs::FileType) -> bool {
    use std::os::unix::fs::FileTypeExt;
    ft.is_fifo() || ft.is_socket()
}

#[cfg(not(unix))]
fn is_pipe(_ft: &std::fs::FileType) -> bool {
    false
}

fn not_a_file(path: &Path, accept: Accept) -> Error {
    let msg = match accept {
        Accept::Regular => Msg::ErrorNotRegularFile,
        Accept::Stream => Msg::ErrorNotReadableInput,
    };
    Message::new(msg).arg("path", path.display()).into()
}

fn too_large(path: &Path, limit: u64) -> Error {
    Message::new(Msg::ErrorFileTooLarge)
        .arg("path", path.display())
        .arg("limit", limit)
        .into()
}

/// Reads a file of at most `limit` bytes whole, into memory wiped when dropped.
/// `Ok(None)`: there is no such file.
fn read_bytes(
    path: &Path,
    limit: u64,
    accept: Accept,
) -> Result<Option<Zeroizing<Vec<u8>>>, Error> {
    let Some(file) = open(path, accept)? else {
        return Ok(None);
    };
    // The size on disk is only a hint (the file may grow while read); the cap is what holds.
    let size = file.metadata().map_or(0, |m| m.len());
    if size > limit {
        return Err(too_large(path, limit));
    }
    let mut buf = Zeroizing::new(Vec::with_capacity(size as usize));
    file.take(limit + 1)
        .read_to_end(&mut buf)
        .map_err(|e| Error::io(Msg::ErrorRead, path, e))?;
    if buf.len() as u64 > limit {
        return Err(too_large(path, limit));
    }
    Ok(Some(buf))
}

/// Reads a UTF-8 text file (a config) of at most `limit` bytes, without a leading BOM.
/// `Ok(None)`: there is no such file.
pub fn read_text(path: &Path, limit: u64) -> Result<Option<String>, Error> {
    text_of(path, read_bytes(path, limit, Accept::Regular)?)
}

/// Reads a list (a targets file) of at most `limit` bytes whole: a regular file or a pipe
/// (`<(…)`), without a leading BOM. `Ok(None)`: there is no such file.
pub fn read_list(path: &Path, limit: u64) -> Result<Option<String>, Error> {
    text_of(path, read_bytes(path, limit, Accept::Stream)?)
}

fn text_of(path: &Path, buf: Option<Zeroizing<Vec<u8>>>) -> Result<Option<String>, Error> {
    let Some(buf) = buf else {
        return Ok(None);
    };
    let text = std::str::from_utf8(&buf)
        .map_err(|_| Error::from(Message::new(Msg::ErrorNotUtf8).arg("path", path.display())))?;
    Ok(Some(strip_bom(text).to_string()))
}

/// Reads a secret (a key file): like [`read_text`], but every copy is wiped when dropped
/// and nothing of the content is ever quoted.
pub fn read_secret(path: &Path, limit: u64) -> Result<Option<Zeroizing<String>>, Error> {
    let Some(buf) = read_bytes(path, limit, Accept::Regular)? else {
        return Ok(None);
    };
    let text = std::str::from_utf8(&buf)
        .map_err(|_| Error::from(Message::new(Msg::ErrorNotUtf8).arg("path", path.display())))?;
    Ok(Some(Zeroizing::new(strip_bom(text).to_string())))
}

/// Whether `path` can be a key file: missing (reported as missing where it is used), or a
/// regular file no larger than [`KEY_FILE_LIMIT`]. Only the metadata is looked at, so a
/// FIFO is not opened.
pub fn check_secret_file(path: &Path) -> Result<(), Error> {
    match std::fs::metadata(path) {
        Err(_) => Ok(()),
        Ok(m) if !m.is_file() => Err(not_a_file(path, Accept::Regular)),
        Ok(m) if m.len() > KEY_FILE_LIMIT => Err(too_large(path, KEY_FILE_LIMIT)),
        Ok(_) => Ok(()),
    }
}

/// Reads standard input up to one byte past `limit`, so the caller can tell "just fits" from
/// "too long" without holding more; the bytes are wiped when dropped (a key or a card number
/// may come this way).
pub fn read_stdin(limit: u64) -> Result<Zeroizing<Vec<u8>>, Error> {
    let mut buf = Zeroizing::new(Vec::new());
    io::stdin()
        .take(limit.saturating_add(1))
        .read_to_end(&mut buf)
        .map_err(|e| Error::Io {
            message: Message::new(Msg::ErrorRead).arg("path", "stdin"),
            source: e,
        })?;
    Ok(buf)
}

/// Reads a short text from standard input (a secret, a card number): at most `limit` bytes of
/// UTF-8, trimmed, wiped when dropped. Longer input is refused rather than cut.
pub fn read_stdin_text(limit: u64) -> Result<Zeroizing<String>, Error> {
    let buf = read_stdin(limit)?;
    if buf.len() as u64 > limit {
        return Err(Message::new(Msg::ErrorStdinTooLong)
            .arg("limit", limit)
            .into());
    }
    let text = std::str::from_utf8(&buf)
        .map_err(|_| Error::from(Message::new(Msg::ErrorNotUtf8).arg("path", "stdin")))?;
    Ok(Zeroizing::new(text.trim().to_string()))
}

/// Text Windows tools start with a byte-order mark, which is not part of the content.
pub fn strip_bom(text: &str) -> &str {
    text.strip_prefix('\u{feff}').unwrap_or(text)
}

/// A streamed input: a file, a pipe, or standard input (`-`).
pub struct Input {
    /// The path as given, or `-`, for messages.
    pub name: String,
    /// Bytes in the file, when it is a regular file (for a progress bar).
    pub size: Option<u64>,
    reader: Box<dyn Read + Send>,
}

impl Read for Input {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        self.reader.read(buf)
    }
}

/// Opens a CSV input: `-` is standard input; otherwise a regular file or a pipe (process
/// substitution). A directory or device is refused (exit 2), a missing file too.
pub fn open_input(path: &Path) -> Result<Input, Error> {
    let name = path.display().to_string();
    if path.as_os_str() == "-" {
        return Ok(Input {
            name,
            size: None,
            reader: Box::new(io::stdin()),
        });
    }
    let file = open(path, Accept::Stream)?
        .ok_or_else(|| Error::from(Message::new(Msg::ErrorNoSuchFile).arg("path", &name)))?;
    let size = file
        .metadata()
        .ok()
        .filter(std::fs::Metadata::is_file)
        .map(|m| m.len());
    Ok(Input {
        name,
        size,
        reader: Box::new(io::BufReader::with_capacity(1 << 20, file)),
    })
}

/// A CSV reader over `input` that fails, naming the line, on a record longer than
/// [`RECORD_LIMIT`] bytes.
pub fn csv_reader<R: Read>(builder: &csv::ReaderBuilder, input: R) -> csv::Reader<Bounded<R>> {
    builder.from_reader(Bounded::new(input, RECORD_LIMIT))
}

/// [`csv_reader`] for a file separated by `delimiter` (the builder must use the same).
pub fn csv_reader_delimited<R: Read>(
    builder: &csv::ReaderBuilder,
    input: R,
    delimiter: u8,
) -> csv::Reader<Bounded<R>> {
    let mut bounded = Bounded::new(input, RECORD_LIMIT);
    bounded.delimiter = delimiter;
    builder.from_reader(bounded)
}

/// The error a [`Bounded`] reader fails with.
#[derive(Debug, thiserror::Error)]
#[error("line {line} is longer than {limit} bytes")]
pub struct RecordTooLong {
    pub line: u64,
    pub limit: usize,
}

/// When a CSV error is a record over the limit: the message naming the file and line.
pub fn record_too_long(file: &str, e: &csv::Error) -> Option<Message> {
    let csv::ErrorKind::Io(io) = e.kind() else {
        return None;
    };
    let t = io.get_ref()?.downcast_ref::<RecordTooLong>()?;
    Some(
        Message::new(Msg::ErrorLineTooLong)
            .arg("file", file)
            .arg("line", t.line)
            .arg("limit", t.limit),
    )
}

/// Quoting state, as the `csv` crate parses (RFC 4180 quotes, opened only at a field's
/// start, `""` inside quotes is one quote).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum CsvState {
    FieldStart,
    Unquoted,
    Quoted,
    QuoteInQuoted,
}

/// A reader that counts the bytes of the CSV record being read and fails once one is
/// longer than the limit: the parser above it never buffers more than that for one record.
pub struct Bounded<R> {
    inner: R,
    limit: usize,
    /// Bytes of the current record so far.
    run: usize,
    state: CsvState,
    /// Newlines seen.
    newlines: u64,
    /// The 1-based line the current record starts on.
    record_line: u64,
    tripped: bool,
    /// The field separator: after it, a quote opens a quoted field.
    delimiter: u8,
}

impl<R> Bounded<R> {
    pub fn new(inner: R, limit: usize) -> Self {
        Bounded {
            inner,
            limit,
            run: 0,
            state: CsvState::FieldStart,
            newlines: 0,
            record_line: 1,
            tripped: false,
            delimiter: b',',
        }
    }

    fn error(&self) -> io::Error {
        io::Error::new(
            io::ErrorKind::InvalidData,
            RecordTooLong {
                line: self.record_line,
                limit: self.limit,
            },
        )
    }

    /// Follows one byte; `false` once the record is over the limit.
    fn step(&mut self, b: u8) -> bool {
        if b == b'\n' {
            self.newlines += 1;
        }
        let end_of_record = match self.state {
            CsvState::Quoted => {
                if b == b'"' {
                    self.state = CsvState::QuoteInQuoted;
                }
                false
            }
            CsvState::QuoteInQuoted if b == b'"' => {
                self.state = CsvState::Quoted;
                false
            }
            CsvState::FieldStart | CsvState::Unquoted | CsvState::QuoteInQuoted => match b {
                b'\n' | b'\r' => true,
                b'"' if self.state == CsvState::FieldStart => {
                    self.state = CsvState::Quoted;
                    false
                }
                // Only the delimiter: a quote after another byte is read as a character, so
                // a record is at worst counted short, never long.
                b if b == self.delimiter => {
                    self.state = CsvState::FieldStart;
                    false
                }
                _ => {
                    self.state = CsvState::Unquoted;
                    false
                }
            },
        };
        if end_of_record {
            self.state = CsvState::FieldStart;
            self.run = 0;
            self.record_line = self.newlines + 1;
            return true;
        }
        self.run += 1;
        self.run <= self.limit
    }
}

impl<R: Read> Read for Bounded<R> {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        if self.tripped {
            return Err(self.error());
        }
        let n = self.inner.read(buf)?;
        let bytes = &buf[..n];
        // Every byte of million-row files passes here. Without a quote in the chunk (and
        // none open), only line ends matter: records are the runs between them.
        if self.state != CsvState::Quoted
            && self.state != CsvState::QuoteInQuoted
            && !bytes.contains(&b'"')
        {
            let mut start = 0;
            for (k, &b) in bytes.iter().enumerate() {
                if b == b'\n' || b == b'\r' {
                    self.run += k - start;
                    if self.run > self.limit {
                        self.tripped = true;
                        return Err(self.error());
                    }
                    if b == b'\n' {
                        self.newlines += 1;
                    }
                    self.run = 0;
                    self.record_line = self.newlines + 1;
                    start = k + 1;
                }
            }
            self.run += n - start;
            if self.run > self.limit {
                self.tripped = true;
                return Err(self.error());
            }
            if let Some(&last) = bytes.last() {
                self.state = if matches!(last, b'\n' | b'\r') || last == self.delimiter {
                    CsvState::FieldStart
                } else {
                    CsvState::Unquoted
                };
            }
            return Ok(n);
        }
        for &b in bytes {
            if !self.step(b) {
                self.tripped = true;
                return Err(self.error());
            }
        }
        Ok(n)
    }
}

/// At most `max` characters of an outside value, for quoting it in a message: a file's
/// whole line is never echoed.
pub fn excerpt(text: &str, max: usize) -> String {
    let mut chars = text.chars();
    let head: String = chars.by_ref().take(max).collect();
    if chars.next().is_some() {
        head + "…"
    } else {
        head
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn read_all(data: &[u8], limit: usize) -> Result<usize, u64> {
        let mut r = Bounded::new(data, limit);
        let mut out = Vec::new();
        match r.read_to_end(&mut out) {
            Ok(n) => Ok(n),
            Err(e) => Err(e
                .get_ref()
                .and_then(|x| x.downcast_ref::<RecordTooLong>())
                .map(|t| t.line)
                .unwrap_or(0)),
        }
    }

    #[test]
    fn records_are_bounded_and_named_by_line() {
        assert_eq!(read_all(b"a,b\n1,2\n", 4), Ok(8));
        assert_eq!(read_all(b"a,b\r\n1,2\r\n", 4), Ok(10));
        assert_eq!(read_all(b"a,b\n1,2\n12345\n", 4), Err(3));
        // A quoted field spanning lines is one record, named by the line it starts on.
        assert_eq!(read_all(b"a\n\"x\n\n\n\n\n\"\n", 4), Err(2));
        // An escaped quote does not end the quoted field.
        assert_eq!(read_all(b"a\n\"x\"\"\n\n\n\"\n", 5), Err(2));
        // A quote inside an unquoted field is a character, not the start of quoting.
        assert_eq!(read_all(b"5\" tv\n1\n2\n3\n", 5), Ok(12));
    }

    #[test]
    fn excerpts_are_short() {
        assert_eq!(excerpt("abc", EXCERPT_CHARS), "abc");
        let long = "x".repeat(1000);
        assert_eq!(
            excerpt(&long, EXCERPT_CHARS).chars().count(),
            EXCERPT_CHARS + 1
        );
    }

    #[test]
    fn bom_is_stripped() {
        assert_eq!(strip_bom("\u{feff}0123"), "0123");
        assert_eq!(strip_bom("0123"), "0123");
    }
}
