//! True line numbers for CSV records.
//!
//! The csv crate counts lines by `\n` but places a record that follows a
//! CRLF line end at the `\n`, before it is counted, so every record of a
//! CRLF file after the first line is reported one line too low (see:
//! issue 11); and it places a record after blank lines before them, so
//! with CRLF ends each blank line above a record cost one more.
//! [`LineCounter`] wraps the reader, notes where each line ends and
//! which lines are blank, and gives the line of a record from its byte
//! offset instead.

use std::cell::RefCell;
use std::io::Read;
use std::rc::Rc;

/// A reader that notes the byte offset of every `\n` it passes on.
#[derive(Debug)]
pub struct LineCounter<R> {
    inner: R,
    offset: u64,
    /// Whether the line read so far holds nothing but `\r`.
    blank: bool,
    ends: Rc<RefCell<Vec<LineEnd>>>,
}

/// Where a line ends (its `\n`), and whether it holds nothing but `\r`:
/// the csv reader skips such a line.
#[derive(Clone, Copy, Debug)]
struct LineEnd {
    at: u64,
    blank: bool,
}

/// The line ends seen so far by a [`LineCounter`].
#[derive(Clone, Debug, Default)]
pub struct Lines(Rc<RefCell<Vec<LineEnd>>>);

impl<R: Read> LineCounter<R> {
    /// Wraps `inner`; the [`Lines`] answer for what has been read.
    ///
    /// # Example
    /// ```
    /// use noc::parse::lines::LineCounter;
    /// let data = "title\r\nnurse\r\nwelder\r\n";
    /// let (reader, lines) = LineCounter::new(data.as_bytes());
    /// let mut rdr = csv::Reader::from_reader(reader);
    /// let found: Vec<u64> = rdr
    ///     .records()
    ///     .map(|r| lines.line(r.unwrap().position().unwrap()))
    ///     .collect();
    /// assert_eq!(found, [2, 3]);
    /// ```
    pub fn new(inner: R) -> (LineCounter<R>, Lines) {
        let lines = Lines::default();
        let counter = LineCounter {
            inner,
            offset: 0,
            blank: true,
            ends: Rc::clone(&lines.0),
        };
        (counter, lines)
    }

    /// Notes the line ends in `bytes`, which follow what was read so far.
    fn note(&mut self, bytes: &[u8]) {
        let mut ends = self.ends.borrow_mut();
        for (i, b) in bytes.iter().enumerate() {
            match b {
                b'\n' => {
                    let at = self.offset + i as u64;
                    ends.push(LineEnd { at, blank: self.blank });
                    self.blank = true;
                }
                b'\r' => {}
                _ => self.blank = false,
            }
        }
        self.offset += bytes.len() as u64;
    }
}

impl<R: Read> Read for LineCounter<R> {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        let n = self.inner.read(buf)?;
        self.note(&buf[..n]);
        Ok(n)
    }
}

impl Lines {
    /// The line ends of a whole text held in memory, for a reader that
    /// reads it from there.
    ///
    /// # Example
    /// ```
    /// use noc::parse::lines::Lines;
    /// let data = b"title\r\nnurse\r\n\r\nwelder\r\n";
    /// let lines = Lines::of(data);
    /// let mut rdr = csv::Reader::from_reader(&data[..]);
    /// let found: Vec<u64> = rdr
    ///     .records()
    ///     .map(|r| lines.line(r.unwrap().position().unwrap()))
    ///     .collect();
    /// assert_eq!(found, [2, 4]);
    /// ```
    pub fn of(bytes: &[u8]) -> Lines {
        let (mut counter, lines) = LineCounter::new(std::io::empty());
        counter.note(bytes);
        lines
    }

    /// The 1-based line where a record (or an error) at `pos` starts: one
    /// more than the line ends before its first byte. A record placed at
    /// the `\n` of a CRLF starts after it, and after the blank lines that
    /// follow (the reader skips them).
    pub fn line(&self, pos: &csv::Position) -> u64 {
        let ends = self.0.borrow();
        let mut before = ends.partition_point(|e| e.at <= pos.byte());
        while ends.get(before).is_some_and(|e| e.blank) {
            before += 1;
        }
        1 + before as u64
    }
}

/// A flexible CSV reader (rows may have more or fewer cells than the
/// header) over `reader`, whose records' true lines the [`Lines`] give,
/// and the header it read first. A header that cannot be read is an
/// error at line 1.
pub fn csv_with_lines<R: Read>(
    reader: R,
) -> crate::error::Result<(
    csv::Reader<LineCounter<R>>,
    Lines,
    csv::StringRecord,
)> {
    let (reader, lines) = LineCounter::new(reader);
    let mut rdr = csv::ReaderBuilder::new().flexible(true).from_reader(reader);
    let at_line_1 = |msg: String| {
        crate::error::Error::syntax(crate::error::Position::line(1), msg)
    };
    let raw = rdr.byte_headers().map_err(|e| at_line_1(e.to_string()))?;
    if let Some(why) = not_a_csv(raw) {
        return Err(at_line_1(why.to_string()));
    }
    let headers =
        rdr.headers().cloned().map_err(|e| at_line_1(e.to_string()))?;
    Ok((rdr, lines, headers))
}

/// Why a file whose first line was read as `header` is no UTF-8 CSV at
/// all, if it is not: empty, UTF-16 (Excel's "Unicode text"), or binary.
/// Without it a user reads "no column `title`; the columns are ��t i t l
/// e".
pub fn not_a_csv(header: &csv::ByteRecord) -> Option<&'static str> {
    let bytes: Vec<u8> = header.iter().flatten().copied().collect();
    if bytes.iter().all(u8::is_ascii_whitespace) {
        return Some("the file is empty; expected a CSV whose first line names the columns");
    }
    let utf16 = |odd: usize| {
        bytes.len() >= 4 && bytes.iter().skip(odd).step_by(2).all(|b| *b == 0)
    };
    if bytes.starts_with(&[0xFF, 0xFE])
        || bytes.starts_with(&[0xFE, 0xFF])
        || utf16(0)
        || utf16(1)
    {
        return Some(
            "the file is UTF-16 text; expected UTF-8 (save it again as \
             \"CSV UTF-8\")",
        );
    }
    if bytes.iter().any(|b| {
        *b == 0 || (b.is_ascii_control() && *b != b'\t' && *b != b'\r')
    }) {
        return Some("the file is not text (a binary file?); expected a CSV");
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    fn lines_of(data: &str) -> Vec<u64> {
        let (reader, lines) = LineCounter::new(data.as_bytes());
        let mut rdr =
            csv::ReaderBuilder::new().flexible(true).from_reader(reader);
        rdr.byte_records()
            .map(|r| match r {
                Ok(r) => lines.line(r.position().unwrap()),
                Err(e) => lines.line(e.position().unwrap()),
            })
            .collect()
    }

    #[test]
    fn files_that_are_no_csv_say_what_they_are() {
        let header = |bytes: &[u8]| {
            let mut rdr =
                csv::ReaderBuilder::new().flexible(true).from_reader(bytes);
            rdr.byte_headers().unwrap().clone()
        };
        let why = |bytes: &[u8]| not_a_csv(&header(bytes)).unwrap_or("");
        assert!(why(b"").contains("empty"));
        assert!(why(b"\n\n").contains("empty"));
        assert!(why(b"\xff\xfet\0i\0t\0l\0e\0\n\0").contains("UTF-16"));
        assert!(why(b"t\0i\0t\0l\0e\0").contains("UTF-16"));
        assert!(why(b"\x7fELF\x02\x01\x01\0\0\0\x03").contains("binary"));
        assert_eq!(not_a_csv(&header(b"title,code\nCook,63200\n")), None);
        assert_eq!(not_a_csv(&header("titre,métier\n".as_bytes())), None);
    }

    /// See: issue 11 (CRLF rows were one line too low).
    #[test]
    fn crlf_lf_and_multiline_fields_agree() {
        assert_eq!(lines_of("h,x\na,1\n,2\nb,3\n"), [2, 3, 4]);
        assert_eq!(lines_of("h,x\r\na,1\r\n,2\r\nb,3\r\n"), [2, 3, 4]);
        assert_eq!(lines_of("h,x\r\n\"a\r\nb\",1\r\nc,2\r\n"), [2, 4]);
        assert_eq!(lines_of("h,x\n\"a\nb\",1\nc,2"), [2, 4]);
    }

    /// The reader skips blank lines; with CRLF ends it placed the next
    /// record before them, so each one cost a line.
    #[test]
    fn blank_lines_count_with_either_line_end() {
        assert_eq!(lines_of("h,x\na,1\n\nb,3\n"), [2, 4]);
        assert_eq!(lines_of("h,x\r\na,1\r\n\r\nb,3\r\n"), [2, 4]);
        assert_eq!(lines_of("h\r\na\r\n\r\n\r\n\r\nb\r\n\r\n"), [2, 6]);
        assert_eq!(lines_of("h\n\n\na\n\n\n\nb"), [4, 8]);
        assert_eq!(lines_of("h\r\n\r\n\"a\r\n\r\nb\"\r\n\r\nc\r\n"), [3, 7]);
        // A line of spaces is a record, not a blank line.
        assert_eq!(lines_of("h\r\n \r\nb\r\n"), [2, 3]);
    }

    /// Lines read from memory are the lines read through the counter.
    #[test]
    fn lines_of_bytes_agree_with_the_counter() {
        let data = "h,x\r\na,1\r\n\r\n\"b\r\nc\",3\r\n\r\nd\r\n";
        let lines = Lines::of(data.as_bytes());
        let mut rdr = csv::ReaderBuilder::new()
            .flexible(true)
            .from_reader(data.as_bytes());
        let found: Vec<u64> = rdr
            .byte_records()
            .map(|r| lines.line(r.unwrap().position().unwrap()))
            .collect();
        assert_eq!(found, lines_of(data));
        assert_eq!(found, [2, 4, 7]);
    }
}
