//! One writer per map: a lock file beside the map (`.meadow.ron.lock`) holds an advisory
//! lock for as long as tend has the map open, and the process id, so a second tend can say
//! who has it. The kernel releases the lock if tend dies.

use std::fs::{File, OpenOptions};
use std::io::{Read, Seek, SeekFrom, Write};
use std::path::{Path, PathBuf};

/// The lock on an open map; released when dropped (or when the process ends).
#[derive(Debug)]
pub struct MapLock {
    file: File,
    path: PathBuf,
}

/// Why a map could not be locked.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum LockError {
    /// Another tend has it open (its process id, when it could be read).
    Held(Option<u32>),
    /// The folder does not let tend create the lock file.
    Unwritable(String),
}

/// The lock file of a map: hidden, beside it.
pub fn lock_path(map: &Path) -> PathBuf {
    super::beside(map, |name| format!(".{name}.lock"))
}

impl MapLock {
    /// Takes the lock for `map`, or says who has it.
    pub fn acquire(map: &Path) -> Result<MapLock, LockError> {
        let path = lock_path(map);
        let mut options = OpenOptions::new();
        options.read(true).write(true).create(true).truncate(false);
        #[cfg(unix)]
        {
            use std::os::unix::fs::OpenOptionsExt;
            options.mode(0o600);
        }
        let mut file = options
            .open(&path)
            .map_err(|e| LockError::Unwritable(super::writer::describe_io(&e)))?;
        match file.try_lock() {
            Ok(()) => {
                let _ = file.set_len(0);
                let _ = file.seek(SeekFrom::Start(0));
                let _ = write!(file, "{}", std::process::id());
                let _ = file.sync_all();
                Ok(MapLock { file, path })
            }
            Err(std::fs::TryLockError::WouldBlock) => {
                let mut text = String::new();
                let _ = file.read_to_string(&mut text);
                Err(LockError::Held(text.trim().parse().ok()))
            }
            Err(std::fs::TryLockError::Error(e)) => {
                Err(LockError::Unwritable(super::writer::describe_io(&e)))
            }
        }
    }

    /// Where the lock file is.
    pub fn path(&self) -> &Path {
        &self.path
    }
}

impl Drop for MapLock {
    fn drop(&mut self) {
        let _ = self.file.unlock();
    }
}

/// Removes temporary files a save left behind when tend was stopped mid-write. Only call it
/// while holding the map's lock, so no other tend is writing one right now.
pub fn clean_temporaries(map: &Path) -> usize {
    let name = super::file_name(map, "");
    // The map's own temporaries, and the draft's (`..NAME.draft.XXXX.tmp`).
    let prefixes = [format!(".{name}."), format!("..{name}.draft.")];
    remove_temporaries(super::folder_of(map), &prefixes)
}

/// Removes `*.tmp` files in `dir` whose names start with one of `prefixes` (all of them
/// when `prefixes` is empty).
pub fn remove_temporaries(dir: &Path, prefixes: &[String]) -> usize {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return 0;
    };
    let mut removed = 0;
    for entry in entries.filter_map(Result::ok) {
        let file = entry.file_name().to_string_lossy().into_owned();
        let ours = prefixes.is_empty() || prefixes.iter().any(|p| file.starts_with(p));
        if ours
            && file.starts_with('.')
            && file.ends_with(".tmp")
            && std::fs::remove_file(entry.path()).is_ok()
        {
            removed += 1;
        }
    }
    removed
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_second_lock_is_refused_with_the_process_id_and_freed_on_drop() {
        let dir = tempfile::tempdir().expect("tempdir");
        let map = dir.path().join("meadow.ron");
        let first = MapLock::acquire(&map).expect("first");
        assert_eq!(
            MapLock::acquire(&map).map(|_| ()),
            Err(LockError::Held(Some(std::process::id())))
        );
        drop(first);
        assert!(MapLock::acquire(&map).is_ok());
    }

    #[test]
    fn leftover_temporaries_are_cleaned() {
        let dir = tempfile::tempdir().expect("tempdir");
        let map = dir.path().join("meadow.ron");
        std::fs::write(dir.path().join(".meadow.ron.abc123.tmp"), "half").expect("write");
        std::fs::write(dir.path().join(".other.ron.abc.tmp"), "not ours").expect("write");
        assert_eq!(clean_temporaries(&map), 1);
        assert!(dir.path().join(".other.ron.abc.tmp").exists());
    }
}
