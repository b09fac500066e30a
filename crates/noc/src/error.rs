//! Errors of parsing and loading NOC data.
//!
//! An [`Error`] says where (file, line) and what was expected. Errors found
//! while loading many files are gathered in [`ErrorKind::Partial`], so a
//! loader can return the good profiles together with every problem.

use std::fmt;
use std::path::{Path, PathBuf};

/// The result type of this crate.
pub type Result<T> = std::result::Result<T, Error>;

/// An error from parsing or loading NOC data.
#[derive(Debug)]
pub struct Error(Box<ErrorKind>);

/// Where in an input an error was found.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Position {
    /// The file, when the input came from one.
    pub path: Option<PathBuf>,
    /// The 1-based line number, when known.
    pub line: Option<u64>,
}

/// The kinds of error.
#[derive(Debug)]
#[non_exhaustive]
pub enum ErrorKind {
    /// Reading a file or directory failed.
    Io {
        /// The file or directory.
        path: PathBuf,
        /// The underlying error.
        err: std::io::Error,
    },
    /// The input does not follow the expected format.
    Syntax {
        /// Where.
        pos: Position,
        /// What was expected or what is wrong.
        msg: String,
    },
    /// A CSV file has a header other than the one expected.
    Header {
        /// Where.
        pos: Position,
        /// The file expected, for example
        /// `noc_2021_version_1.0_-_elements.csv`.
        expected_file: String,
        /// What is wrong with the header.
        msg: String,
    },
    /// The CSV reader failed (bad UTF-8, unbalanced quotes ...).
    Csv {
        /// Where.
        pos: Position,
        /// The CSV reader's message.
        msg: String,
    },
    /// A NOC code is not valid.
    InvalidCode {
        /// The text given.
        text: String,
        /// Why it is not a code.
        msg: String,
    },
    /// A required file is not there.
    MissingFile {
        /// The folder searched.
        dir: PathBuf,
        /// The file expected.
        expected_file: String,
    },
    /// A description of work (a reference letter's duties) that cannot
    /// be read.
    Description {
        /// What is wrong and what was expected.
        msg: String,
        /// The line of the duties' text it is on (from 1), if one.
        line: Option<usize>,
    },
    /// Several errors, from a load that kept going past bad inputs.
    Partial(Vec<Error>),
    /// The data asked for cannot be used: not there, of another version,
    /// not installed, or empty. The message says what to do.
    Unavailable {
        /// What is wrong and how to fix it.
        msg: String,
    },
    /// What was being done when `cause` happened. Prints the context
    /// alone; the cause is the [`source`](std::error::Error::source).
    Context {
        /// What was being done, e.g. `loading NOC data from DIR`.
        context: String,
        /// The error it met.
        cause: Box<dyn std::error::Error + Send + Sync>,
    },
}

impl Error {
    /// The kind of this error.
    pub fn kind(&self) -> &ErrorKind {
        &self.0
    }

    /// Consumes the error, returning its kind.
    pub fn into_kind(self) -> ErrorKind {
        *self.0
    }

    /// The position of this error in its input, if it has one.
    pub fn position(&self) -> Option<&Position> {
        match &*self.0 {
            ErrorKind::Syntax { pos, .. }
            | ErrorKind::Header { pos, .. }
            | ErrorKind::Csv { pos, .. } => Some(pos),
            _ => None,
        }
    }

    /// The errors inside, or this one alone.
    pub fn errors(&self) -> Vec<&Error> {
        match &*self.0 {
            ErrorKind::Partial(errs) => {
                errs.iter().flat_map(|e| e.errors()).collect()
            }
            _ => vec![self],
        }
    }

    pub(crate) fn new(kind: ErrorKind) -> Error {
        Error(Box::new(kind))
    }

    pub(crate) fn syntax(pos: Position, msg: impl Into<String>) -> Error {
        Error::new(ErrorKind::Syntax { pos, msg: msg.into() })
    }

    pub(crate) fn io(path: &Path, err: std::io::Error) -> Error {
        Error::new(ErrorKind::Io { path: path.to_path_buf(), err })
    }

    pub(crate) fn invalid_code(text: &str, msg: impl Into<String>) -> Error {
        Error::new(ErrorKind::InvalidCode {
            text: text.to_string(),
            msg: msg.into(),
        })
    }

    pub(crate) fn unavailable(msg: impl Into<String>) -> Error {
        Error::new(ErrorKind::Unavailable { msg: msg.into() })
    }

    pub(crate) fn with_cause(
        context: impl Into<String>,
        cause: impl std::error::Error + Send + Sync + 'static,
    ) -> Error {
        Error::new(ErrorKind::Context {
            context: context.into(),
            cause: Box::new(cause),
        })
    }

    /// Wraps this error as the cause of `context`.
    pub(crate) fn context(self, context: impl Into<String>) -> Error {
        Error::with_cause(context, self)
    }

    /// Sets the file of this error (and of errors inside a `Partial`)
    /// where it has none yet.
    pub(crate) fn with_path(mut self, path: &Path) -> Error {
        match &mut *self.0 {
            ErrorKind::Syntax { pos, .. }
            | ErrorKind::Header { pos, .. }
            | ErrorKind::Csv { pos, .. }
                if pos.path.is_none() =>
            {
                pos.path = Some(path.to_path_buf());
            }
            ErrorKind::Partial(errs) => {
                let inner = std::mem::take(errs);
                *errs = inner.into_iter().map(|e| e.with_path(path)).collect();
            }
            _ => {}
        }
        self
    }
}

impl Error {
    /// The error with every path it names passed through `f` (which
    /// gives a new path, or `None` to keep it): a file checked in a
    /// staging folder is named as the user gave it.
    pub(crate) fn map_paths(
        mut self,
        f: &dyn Fn(&Path) -> Option<PathBuf>,
    ) -> Error {
        let swap = |p: &mut PathBuf| {
            if let Some(new) = f(p) {
                *p = new;
            }
        };
        match &mut *self.0 {
            ErrorKind::Syntax { pos, .. }
            | ErrorKind::Header { pos, .. }
            | ErrorKind::Csv { pos, .. } => {
                if let Some(p) = &mut pos.path {
                    swap(p);
                }
            }
            ErrorKind::Io { path, .. } => swap(path),
            ErrorKind::MissingFile { dir, .. } => swap(dir),
            ErrorKind::Partial(errs) => {
                let inner = std::mem::take(errs);
                *errs = inner.into_iter().map(|e| e.map_paths(f)).collect();
            }
            // A context's cause is any error; its paths stay as given.
            ErrorKind::InvalidCode { .. }
            | ErrorKind::Unavailable { .. }
            | ErrorKind::Context { .. }
            | ErrorKind::Description { .. } => {}
        }
        self
    }
}

impl Position {
    pub(crate) fn line(line: u64) -> Position {
        Position { path: None, line: Some(line) }
    }
}

impl fmt::Display for Position {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match (&self.path, self.line) {
            (Some(p), Some(l)) => write!(f, "{}: line {l}", p.display()),
            (Some(p), None) => write!(f, "{}", p.display()),
            (None, Some(l)) => write!(f, "line {l}"),
            (None, None) => write!(f, "<input>"),
        }
    }
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match &*self.0 {
            ErrorKind::Io { path, err } => {
                write!(f, "{}: {err}", path.display())
            }
            ErrorKind::Syntax { pos, msg } => write!(f, "{pos}: {msg}"),
            ErrorKind::Header { pos, expected_file, msg } => write!(
                f,
                "{pos}: {msg}; expected the header of the official \
                 Statistics Canada file {expected_file}"
            ),
            ErrorKind::Csv { pos, msg } => write!(f, "{pos}: {msg}"),
            ErrorKind::InvalidCode { text, msg } => {
                write!(f, "invalid NOC code {text:?}: {msg}")
            }
            ErrorKind::MissingFile { dir, expected_file } => write!(
                f,
                "{}: no file {expected_file} in this folder",
                dir.display()
            ),
            ErrorKind::Description { msg, line: None } => write!(f, "{msg}"),
            ErrorKind::Description { msg, line: Some(line) } => {
                write!(f, "line {line}: {msg}")
            }
            ErrorKind::Partial(errs) => {
                for (i, e) in errs.iter().enumerate() {
                    if i > 0 {
                        writeln!(f)?;
                    }
                    write!(f, "{e}")?;
                }
                Ok(())
            }
            ErrorKind::Unavailable { msg } => write!(f, "{msg}"),
            ErrorKind::Context { context, .. } => write!(f, "{context}"),
        }
    }
}

impl std::error::Error for Error {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match &*self.0 {
            ErrorKind::Io { err, .. } => Some(err),
            ErrorKind::Context { cause, .. } => Some(&**cause),
            _ => None,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn display_names_file_and_line() {
        let e = Error::syntax(Position::line(14), "expected a heading")
            .with_path(Path::new("data/4212.txt"));
        insta::assert_snapshot!(e, @"data/4212.txt: line 14: expected a heading");
    }

    #[test]
    fn partial_lists_each_error() {
        let e = Error::new(ErrorKind::Partial(vec![
            Error::syntax(Position::line(1), "a"),
            Error::syntax(Position::line(2), "b"),
        ]));
        assert_eq!(e.errors().len(), 2);
        assert_eq!(e.to_string(), "line 1: a\nline 2: b");
    }
}
