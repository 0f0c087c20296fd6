//! Writing files safely: pretty RON with a stable shape, and atomic replacement (temporary
//! file in the same folder, flushed and synced, renamed, folder synced). Files are 0600.

use std::fs;
use std::io::{self, Write};
use std::path::Path;

use crate::model::Map;

/// The RON style of every file tend writes: no struct names (renaming a Rust type never
/// breaks a file) and text kept literal, so emoji and quotes read as typed.
pub fn pretty() -> ron::ser::PrettyConfig {
    ron::ser::PrettyConfig::new()
        .struct_names(false)
        .escape_strings(false)
}

/// The map as the text of its file. Same map, same bytes.
pub fn to_ron(map: &Map) -> Result<String, ron::Error> {
    let mut text = ron::ser::to_string_pretty(map, pretty())?;
    text.push('\n');
    Ok(text)
}

/// Creates `dir` (and its parents) if needed; folders tend creates are owner-only (0700).
pub fn ensure_private_dir(dir: &Path) -> io::Result<()> {
    if dir.is_dir() {
        return Ok(());
    }
    let mut builder = fs::DirBuilder::new();
    builder.recursive(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::DirBuilderExt;
        builder.mode(0o700);
    }
    builder.create(dir)
}

/// Replaces `path` with `bytes` atomically: readers see the old file or the new one, never
/// a mix, even if the power goes. The new file is readable by the owner only.
pub fn write_atomic(path: &Path, bytes: &[u8]) -> io::Result<()> {
    replace(path, bytes, None).map_err(|e| match e {
        Failed::Io(e) => e,
        Failed::Check(why) => io::Error::other(why),
    })
}

/// Like [`write_atomic`], but before the new file is put in place it is read back from the
/// disk and `check`ed; if the check fails, the old file stays exactly as it was.
pub fn write_atomic_checked(
    path: &Path,
    bytes: &[u8],
    check: impl Fn(&[u8]) -> Result<(), String>,
) -> Result<(), String> {
    replace(path, bytes, Some(&check)).map_err(|e| match e {
        Failed::Io(e) => super::writer::describe_io(&e),
        Failed::Check(why) => why,
    })
}

/// A check of the bytes as they read back from the disk.
type Check<'a> = &'a dyn Fn(&[u8]) -> Result<(), String>;

/// Why a replacement did not happen.
enum Failed {
    Io(io::Error),
    Check(String),
}

impl From<io::Error> for Failed {
    fn from(e: io::Error) -> Self {
        Failed::Io(e)
    }
}

/// Writes `bytes` to a temporary file beside `path` (0600, made by tempfile), syncs it,
/// reads it back for `check` if there is one, renames it over `path`, and syncs the folder.
fn replace(path: &Path, bytes: &[u8], check: Option<Check<'_>>) -> Result<(), Failed> {
    let dir = super::folder_of(path);
    let name = super::file_name(path, "map");
    let mut tmp = tempfile::Builder::new()
        .prefix(&format!(".{name}."))
        .suffix(".tmp")
        .tempfile_in(dir)?;
    tmp.write_all(bytes)?;
    tmp.flush()?;
    tmp.as_file().sync_all()?;
    if let Some(check) = check {
        let written = fs::read(tmp.path())?;
        check(&written).map_err(Failed::Check)?;
    }
    tmp.persist(path).map_err(|e| e.error)?;
    sync_dir(dir)?;
    Ok(())
}

/// Makes a rename in `dir` durable.
fn sync_dir(dir: &Path) -> io::Result<()> {
    #[cfg(unix)]
    {
        fs::File::open(dir)?.sync_all()?;
    }
    #[cfg(not(unix))]
    let _ = dir;
    Ok(())
}
