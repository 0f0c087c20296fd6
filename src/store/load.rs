//! Reading a map file: every way it can fail becomes a [`LoadError`] that names the file and
//! the place, in plain words. Loading never writes anything.

use std::fmt;
use std::path::{Path, PathBuf};

use serde::Deserialize;

use crate::model::{Map, SCHEMA_VERSION};

/// Why a map file could not be opened, and where.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct LoadError {
    /// The file that was being read.
    pub path: PathBuf,
    /// What went wrong.
    pub problem: LoadProblem,
}

/// The ways a map file can fail to load.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum LoadProblem {
    /// There is no file at that path.
    Missing,
    /// The file could not be read (permissions, a disk error).
    Unreadable(String),
    /// Something other than a regular file is there (a folder, a pipe).
    NotAFile(&'static str),
    /// The file is empty.
    Empty,
    /// The bytes are not UTF-8 text.
    NotText {
        /// 1-based line of the first bad byte.
        line: usize,
        /// 1-based column of the first bad byte.
        col: usize,
    },
    /// The text is not a map: a syntax or shape problem at a place.
    Syntax {
        /// 1-based line.
        line: usize,
        /// 1-based column.
        col: usize,
        /// What is wrong there, in plain words.
        what: String,
    },
    /// The file was written by a newer tend.
    TooNew {
        /// The version the file says it is.
        version: u32,
    },
    /// The map is encrypted, and its key was not given (or does not open it).
    Encrypted(String),
}

impl LoadError {
    fn new(path: &Path, problem: LoadProblem) -> Self {
        LoadError {
            path: path.to_path_buf(),
            problem,
        }
    }

    /// Line and column of the problem (1:1 when it is about the whole file).
    pub fn position(&self) -> (usize, usize) {
        match &self.problem {
            LoadProblem::NotText { line, col } | LoadProblem::Syntax { line, col, .. } => {
                (*line, *col)
            }
            _ => (1, 1),
        }
    }

    /// What is wrong, in plain words, without the file name.
    pub fn what(&self) -> String {
        match &self.problem {
            LoadProblem::Missing => "there is no file here".into(),
            LoadProblem::Unreadable(why) => format!("it could not be read ({why})"),
            LoadProblem::NotAFile(what) => format!("this is {what}, not a map file"),
            LoadProblem::Empty => "the file is empty".into(),
            LoadProblem::NotText { .. } => {
                "this is not text I can read (it is not valid UTF-8)".into()
            }
            LoadProblem::Syntax { what, .. } => what.clone(),
            LoadProblem::Encrypted(why) => why.clone(),
            LoadProblem::TooNew { version } => format!(
                "it was written by a newer tend (file version {version}; this one knows up to {SCHEMA_VERSION}), \
                 so I won't risk changing it"
            ),
        }
    }

    /// The line `tend check` prints: `FILE:LINE:COL: message`.
    pub fn check_line(&self) -> String {
        let (line, col) = self.position();
        format!("{}:{line}:{col}: {}", self.path.display(), self.what())
    }

    /// A kind sentence for the screen: which file, where, why, and that nothing changed.
    pub fn sentence(&self) -> String {
        let name = super::file_name(&self.path, &self.path.display().to_string());
        let place = match &self.problem {
            LoadProblem::NotText { line, col } | LoadProblem::Syntax { line, col, .. } => {
                format!("line {line}, column {col}: ")
            }
            _ => String::new(),
        };
        format!(
            "I couldn't read {name}: {place}{}. Nothing has been changed.",
            self.what()
        )
    }
}

impl fmt::Display for LoadError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.check_line())
    }
}

impl std::error::Error for LoadError {}

/// Reads and parses the map at `path`. Never writes.
pub fn load_map(path: &Path) -> Result<Map, LoadError> {
    load_map_with(path, None)
}

/// Reads and parses the map at `path`, decrypting it with `key` if it is encrypted.
pub fn load_map_with(path: &Path, key: Option<&super::crypt::Key>) -> Result<Map, LoadError> {
    let meta = match std::fs::metadata(path) {
        Ok(m) => m,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
            return Err(LoadError::new(path, LoadProblem::Missing));
        }
        Err(e) => return Err(LoadError::new(path, LoadProblem::Unreadable(e.to_string()))),
    };
    if meta.is_dir() {
        return Err(LoadError::new(path, LoadProblem::NotAFile("a folder")));
    }
    if !meta.is_file() {
        return Err(LoadError::new(
            path,
            LoadProblem::NotAFile("a special file (a pipe or a device)"),
        ));
    }
    let bytes = std::fs::read(path)
        .map_err(|e| LoadError::new(path, LoadProblem::Unreadable(e.to_string())))?;
    if super::crypt::is_encrypted(&bytes) {
        let Some(key) = key else {
            return Err(LoadError::new(
                path,
                LoadProblem::Encrypted(
                    "this map is encrypted; it opens with its passphrase (asked when tend \
                     starts, or TEND_PASSPHRASE)"
                        .into(),
                ),
            ));
        };
        let plain = key.open(&bytes).map_err(|e| {
            LoadError::new(
                path,
                LoadProblem::Encrypted(format!("this map is encrypted, and {e}")),
            )
        })?;
        return parse_map(&plain).map_err(|problem| LoadError::new(path, problem));
    }
    parse_map(&bytes).map_err(|problem| LoadError::new(path, problem))
}

#[derive(Deserialize)]
struct VersionProbe {
    version: u32,
}

/// Parses map bytes: UTF-8 (a leading byte-order mark is accepted), then the version, then
/// the map of that version.
pub fn parse_map(bytes: &[u8]) -> Result<Map, LoadProblem> {
    let text = match std::str::from_utf8(bytes) {
        Ok(t) => t,
        Err(e) => {
            let (line, col) = line_col(&bytes[..e.valid_up_to()]);
            return Err(LoadProblem::NotText { line, col });
        }
    };
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    if text.trim().is_empty() {
        return Err(LoadProblem::Empty);
    }
    let options = ron::Options::default();
    let probe: VersionProbe = options.from_str(text).map_err(syntax)?;
    if probe.version > SCHEMA_VERSION {
        return Err(LoadProblem::TooNew {
            version: probe.version,
        });
    }
    if probe.version == 0 {
        return Err(LoadProblem::Syntax {
            line: 1,
            col: 1,
            what: "the version is 0, which no tend has ever written".into(),
        });
    }
    match probe.version {
        1 => options
            .from_str::<super::v1::MapV1>(text)
            .map(super::v1::MapV1::into_current)
            .map_err(syntax),
        _ => options.from_str::<Map>(text).map_err(syntax),
    }
}

/// Line and column (1-based) just after `before`, counting characters, not bytes.
fn line_col(before: &[u8]) -> (usize, usize) {
    let text = String::from_utf8_lossy(before);
    let line = text.matches('\n').count() + 1;
    let col = text.rsplit('\n').next().map_or(0, |l| l.chars().count()) + 1;
    (line, col)
}

fn syntax(e: ron::error::SpannedError) -> LoadProblem {
    LoadProblem::Syntax {
        line: e.span.start.line.max(1),
        col: e.span.start.col.max(1),
        what: plain(&e.code),
    }
}

/// Turns a RON error into plain words.
fn plain(code: &ron::Error) -> String {
    use ron::Error as E;
    match code {
        E::ExpectedStringEnd => "a quote that never closes".into(),
        E::Eof => "the file ends before the map does (it may have been cut short)".into(),
        E::ExpectedComma => "a comma is missing".into(),
        E::ExpectedArrayEnd => "a list that is not closed with ]".into(),
        E::ExpectedStructLikeEnd => "a ( that is not closed with )".into(),
        E::ExpectedMapEnd => "a { that is not closed with }".into(),
        E::ExpectedStructLike | E::ExpectedNamedStructLike(_) => "expected a ( here".into(),
        E::ExpectedArray => "expected a list in [ ] here".into(),
        E::ExpectedString => "expected text in quotes here".into(),
        E::ExpectedInteger => "expected a whole number here".into(),
        E::ExpectedBoolean => "expected true or false here".into(),
        E::ExpectedOption => "expected Some(…) or None here".into(),
        E::ExpectedIdentifier => "expected a name here".into(),
        E::IntegerOutOfBounds => "a number that is out of range".into(),
        E::UnexpectedChar(c) => format!("a character I didn't expect here: ‘{c}’"),
        E::TrailingCharacters => "there is more text after the end of the map".into(),
        E::ExceededRecursionLimit => "things are nested too deeply to read safely".into(),
        E::UnclosedBlockComment => "a /* comment that never closes".into(),
        E::InvalidEscape(what) => format!("a backslash escape I can't read ({what})"),
        E::MissingStructField { field, .. } => format!("the field ‘{field}’ is missing"),
        E::DuplicateStructField { field, .. } => format!("the field ‘{field}’ appears twice"),
        E::NoSuchStructField { found, .. } => format!("a field I don't know: ‘{found}’"),
        E::NoSuchEnumVariant {
            expected, found, ..
        } => format!(
            "‘{found}’ is not one of {}",
            expected
                .iter()
                .map(|e| format!("‘{e}’"))
                .collect::<Vec<_>>()
                .join(", ")
        ),
        E::InvalidValueForType { expected, found } => {
            format!("expected {expected} here, found {found}")
        }
        E::Utf8Error(_) => "this is not valid UTF-8 text".into(),
        E::Message(m) => m.clone(),
        other => {
            let text = other.to_string();
            let mut chars = text.chars();
            match chars.next() {
                Some(first) => first.to_lowercase().chain(chars).collect(),
                None => "something here I can't read".into(),
            }
        }
    }
}
