//! Managing the map files in `$TEND_HOME/maps`: listing them, creating, renaming, copying,
//! and moving one to `$TEND_HOME/archive`. Nothing here deletes a map.

use std::path::{Path, PathBuf};

use crate::model::Map;
use crate::state::MapEntry;

use super::{Home, ensure_private_dir, load_map, map_name, to_ron, write_atomic};

/// Every `.ron` map in the maps folder, by file name, with title, parts and last change.
pub fn list_maps(home: &Home) -> Vec<MapEntry> {
    let dir = home.maps_dir();
    let mut files: Vec<PathBuf> = match std::fs::read_dir(&dir) {
        Ok(entries) => entries
            .filter_map(Result::ok)
            .map(|e| e.path())
            .filter(|p| p.extension().is_some_and(|e| e == "ron") && p.is_file())
            .collect(),
        Err(_) => Vec::new(),
    };
    files.sort();
    files
        .into_iter()
        .map(|path| {
            let changed = std::fs::metadata(&path)
                .and_then(|m| m.modified())
                .ok()
                .and_then(|t| jiff::Timestamp::try_from(t).ok());
            let name = map_name(&path);
            match load_map(&path) {
                Ok(map) => MapEntry {
                    title: map.title.clone(),
                    parts: map.parts.len(),
                    path,
                    name,
                    changed,
                    problem: None,
                },
                Err(e) => MapEntry {
                    title: String::new(),
                    parts: 0,
                    path,
                    name,
                    changed,
                    problem: Some(match e.problem {
                        super::LoadProblem::Encrypted(_) => "encrypted".into(),
                        _ => e.what(),
                    }),
                },
            }
        })
        .collect()
}

/// A file name for a map title: lower case, letters and digits, dashes between words.
pub fn slug(title: &str) -> String {
    let mut out = String::new();
    for c in title.trim().chars() {
        if c.is_alphanumeric() {
            out.extend(c.to_lowercase());
        } else if !out.ends_with('-') && !out.is_empty() {
            out.push('-');
        }
    }
    let out = out.trim_end_matches('-').to_string();
    if out.is_empty() { "map".into() } else { out }
}

/// A path in `dir` for `title` that no file uses yet.
pub fn free_path(dir: &Path, title: &str) -> PathBuf {
    let base = slug(title);
    let mut path = dir.join(format!("{base}.ron"));
    let mut n = 2;
    while path.exists() {
        path = dir.join(format!("{base}-{n}.ron"));
        n += 1;
    }
    path
}

/// Writes `map` as a new map file named after `title`; returns its path. With a key (and
/// its key file), the new map is encrypted to the same key, so a copy of an encrypted map is
/// never written in plain text.
pub fn create_map(
    home: &Home,
    title: &str,
    mut map: Map,
    key: Option<(&super::crypt::Key, &[u8])>,
) -> Result<PathBuf, String> {
    let dir = home.maps_dir();
    ensure_private_dir(&dir).map_err(|e| format!("the maps folder could not be made: {e}"))?;
    let path = free_path(&dir, title);
    map.title = title.trim().to_string();
    let text = to_ron(&map).map_err(|e| e.to_string())?;
    match key {
        Some((key, key_file)) => {
            write_atomic(&super::crypt::key_path(&path), key_file).map_err(|e| e.to_string())?;
            let sealed = key.seal(text.as_bytes())?;
            write_atomic(&path, &sealed).map_err(|e| e.to_string())?;
        }
        None => write_atomic(&path, text.as_bytes()).map_err(|e| e.to_string())?,
    }
    Ok(path)
}

/// Holds a map's lock for a file operation, or says who has it open.
fn hold(path: &Path) -> Result<super::MapLock, String> {
    super::MapLock::acquire(path).map_err(|e| match e {
        super::LockError::Held(pid) => format!(
            "it is open in another tend{}; close it there first",
            pid.map_or_else(String::new, |p| format!(" (process {p})"))
        ),
        super::LockError::Unwritable(why) => why,
    })
}

/// Moves the files that belong with a map (its key, draft) to go with it under a new path.
fn move_companions(from: &Path, to: &Path) {
    let pairs = [
        (super::crypt::key_path(from), super::crypt::key_path(to)),
        (super::draft_path(from), super::draft_path(to)),
    ];
    for (a, b) in pairs {
        if a.exists() && !b.exists() {
            let _ = std::fs::rename(a, b);
        }
    }
    let _ = std::fs::remove_file(super::lock_path(from));
}

/// Gives the map at `path` a new title and a file name to match; returns the new path.
/// The new file is written before the old one is removed.
pub fn rename_map(home: &Home, path: &Path, title: &str) -> Result<PathBuf, String> {
    if crate::passphrase::is_encrypted_file(path) {
        return Err(
            "an encrypted map keeps its name here; decrypt it, rename it, and encrypt it again"
                .into(),
        );
    }
    let _lock = hold(path)?;
    let mut map = load_map(path).map_err(|e| e.sentence())?;
    map.title = title.trim().to_string();
    let dir = path
        .parent()
        .map_or_else(|| home.maps_dir(), Path::to_path_buf);
    let wanted = dir.join(format!("{}.ron", slug(title)));
    let target = if wanted == path {
        wanted
    } else {
        free_path(&dir, title)
    };
    let text = to_ron(&map).map_err(|e| e.to_string())?;
    write_atomic(&target, text.as_bytes()).map_err(|e| e.to_string())?;
    if target != path {
        // The backups go with the map, so `tend restore` finds them under the new name.
        let backups = home.backups_dir();
        let old = super::backup::backup_dir(&backups, path);
        let new = super::backup::backup_dir(&backups, &target);
        if old.exists() && !new.exists() {
            let _ = std::fs::rename(&old, &new);
        }
        move_companions(path, &target);
        std::fs::remove_file(path).map_err(|e| e.to_string())?;
    }
    Ok(target)
}

/// Moves a map to `$TEND_HOME/archive` (never over another file); returns where it went.
pub fn archive_map(home: &Home, path: &Path) -> Result<PathBuf, String> {
    let _lock = hold(path)?;
    let dir = home.root.join("archive");
    ensure_private_dir(&dir).map_err(|e| format!("the archive folder could not be made: {e}"))?;
    let target = free_path(&dir, &map_name(path));
    std::fs::rename(path, &target).map_err(|e| e.to_string())?;
    move_companions(path, &target);
    Ok(target)
}
