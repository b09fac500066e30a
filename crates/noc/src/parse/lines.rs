//! True line numbers for CSV records.
//!
//! The csv crate counts lines by `\n` but places a record that follows a
//! CRLF line end at the `\n`, before it is counted, so every record of a
//! CRLF file after the first line is reported one line too low (see:
//! issue 11). [`LineCounter`] wraps the reader, notes where each line
//! ends, and gives the line of a record from its byte offset instead.

use std::cell::RefCell;
use std::io::Read;
use std::rc::Rc;

/// A reader that notes the byte offset of every `\n` it passes on.
#[derive(Debug)]
pub struct LineCounter<R> {
    inner: R,
    offset: u64,
    ends: Rc<RefCell<Vec<u64>>>,
}

/// The line ends seen so far by a [`LineCounter`].
#[derive(Clone, Debug, Default)]
pub struct Lines(Rc<RefCell<Vec<u64>>>);

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
        let counter =
            LineCounter { inner, offset: 0, ends: Rc::clone(&lines.0) };
        (counter, lines)
    }
}

impl<R: Read> Read for LineCounter<R> {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        let n = self.inner.read(buf)?;
        let mut ends = self.ends.borrow_mut();
        ends.extend(
            buf[..n]
                .iter()
                .enumerate()
                .filter(|(_, b)| **b == b'\n')
                .map(|(i, _)| self.offset + i as u64),
        );
        self.offset += n as u64;
        Ok(n)
    }
}

impl Lines {
    /// The 1-based line where a record (or an error) at `pos` starts: one
    /// more than the line ends before its first byte. A record placed at
    /// the `\n` of a CRLF starts after it.
    pub fn line(&self, pos: &csv::Position) -> u64 {
        let ends = self.0.borrow();
        1 + ends.partition_point(|&e| e <= pos.byte()) as u64
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
    let headers = rdr.headers().cloned().map_err(|e| {
        crate::error::Error::syntax(
            crate::error::Position::line(1),
            e.to_string(),
        )
    })?;
    Ok((rdr, lines, headers))
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

    /// See: issue 11 (CRLF rows were one line too low).
    #[test]
    fn crlf_lf_and_multiline_fields_agree() {
        assert_eq!(lines_of("h,x\na,1\n,2\nb,3\n"), [2, 3, 4]);
        assert_eq!(lines_of("h,x\r\na,1\r\n,2\r\nb,3\r\n"), [2, 3, 4]);
        assert_eq!(lines_of("h,x\r\n\"a\r\nb\",1\r\nc,2\r\n"), [2, 4]);
        assert_eq!(lines_of("h,x\n\"a\nb\",1\nc,2"), [2, 4]);
    }
}
