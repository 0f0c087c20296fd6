//! Deciding which map to open and opening it: the file named, the map used last, the
//! default map (created on first run), or the demo. Loading failures become a screen that
//! explains them; nothing is ever written over a file that did not load.

use std::path::{Path, PathBuf};

use crate::model::Map;
use crate::store::{self, Home, LoadError, LoadProblem};

/// The bundled demo map's text.
pub const DEMO: &str = include_str!("../assets/demo.ron");

/// The fictional demo map.
pub fn demo() -> Result<Map, String> {
    store::parse_map(DEMO.as_bytes()).map_err(|p| {
        LoadError {
            path: PathBuf::from("assets/demo.ron"),
            problem: p,
        }
        .check_line()
    })
}

/// Whether this window may write to the map.
#[derive(Debug)]
pub enum Access {
    /// It holds the map's lock: changes are saved.
    Writer(store::MapLock),
    /// Read-only, and why (another tend has it, or the folder cannot be written).
    ReadOnly(String),
}

/// The outcome of opening a map file.
#[derive(Debug)]
pub enum Opened {
    /// It loaded (or was created new).
    Map {
        /// The map.
        map: Map,
        /// Its file (the real file, through any symlink).
        path: PathBuf,
        /// Whether it was created just now.
        created: bool,
        /// What was mended as it loaded, in plain words (nothing saved until a change).
        mended: Vec<String>,
        /// Whether changes can be saved.
        access: Access,
    },
    /// It could not be loaded; it is left untouched.
    Failed(LoadError),
}

/// The file `tend` opens when none is named: the map used last, else the default map.
pub fn default_path(home: &Home) -> PathBuf {
    home.last_map().unwrap_or_else(|| home.default_map())
}

/// Takes the map's lock; if another tend has it, or the folder is read-only, the map is
/// opened read-only with a sentence saying why.
fn access(path: &Path) -> Access {
    match store::MapLock::acquire(path) {
        Ok(lock) => {
            store::clean_temporaries(path);
            Access::Writer(lock)
        }
        Err(store::LockError::Held(pid)) => {
            let who = pid.map_or_else(String::new, |p| format!(" (process {p})"));
            Access::ReadOnly(format!(
                "{} is open in another tend{who}; this window is read-only.",
                store::map_name(path)
            ))
        }
        Err(store::LockError::Unwritable(why)) => Access::ReadOnly(format!(
            "I can't write in the folder of {} ({why}), so it is open read-only. Nothing will \
             be changed.",
            store::map_name(path)
        )),
    }
}

/// Opens the map at `path`, creating an empty one there if nothing exists yet.
pub fn open(path: &Path) -> Result<Opened, String> {
    open_with(path, None)
}

/// Opens the map at `path` with the key of an encrypted map (if it is one).
pub fn open_with(path: &Path, key: Option<&store::crypt::Key>) -> Result<Opened, String> {
    match store::load_map_with(path, key) {
        Ok(mut map) => {
            let real = real_path(path);
            let mended = store::repair(&mut map);
            Ok(Opened::Map {
                access: access(&real),
                map,
                path: real,
                created: false,
                mended,
            })
        }
        Err(LoadError {
            problem: LoadProblem::Missing,
            ..
        }) => {
            // A link to a map not made yet: make it where the link points, keep the link.
            let link_target = follow_dangling_link(path);
            let path = link_target.as_deref().unwrap_or(path);
            let map = Map::new(title_for(path));
            let parent = path
                .parent()
                .filter(|p| !p.as_os_str().is_empty())
                .unwrap_or(Path::new("."));
            store::ensure_private_dir(parent).map_err(|e| {
                format!(
                    "I couldn't create the folder {} for a new map: {}. Nothing was written.",
                    parent.display(),
                    e
                )
            })?;
            let lock = match access(path) {
                Access::Writer(lock) => lock,
                Access::ReadOnly(why) => return Err(why),
            };
            let text = store::to_ron(&map).map_err(|e| e.to_string())?;
            store::write_atomic(path, text.as_bytes()).map_err(|e| {
                format!(
                    "I couldn't create {}: {}. Nothing was written.",
                    path.display(),
                    e
                )
            })?;
            Ok(Opened::Map {
                map,
                path: real_path(path),
                created: true,
                mended: Vec::new(),
                access: Access::Writer(lock),
            })
        }
        Err(e) => Ok(Opened::Failed(e)),
    }
}

/// Where a symlink that points at nothing yet points (relative to its folder).
fn follow_dangling_link(path: &Path) -> Option<PathBuf> {
    follow_link(path, 16)
}

fn follow_link(path: &Path, hops: u8) -> Option<PathBuf> {
    if hops == 0 {
        return None;
    }
    let meta = std::fs::symlink_metadata(path).ok()?;
    if !meta.file_type().is_symlink() {
        return None;
    }
    let mut target = std::fs::read_link(path).ok()?;
    if target.is_relative() {
        target = path.parent().unwrap_or(Path::new(".")).join(target);
    }
    // A chain of links: follow it to its end (a loop is not followed forever).
    Some(follow_link(&target, hops - 1).unwrap_or(target))
}

/// The file a path really names (through symlinks), so saves go to the real file.
fn real_path(path: &Path) -> PathBuf {
    std::fs::canonicalize(path).unwrap_or_else(|_| path.to_path_buf())
}

/// A new map's title: its file name, or "my parts" for the default map.
fn title_for(path: &Path) -> String {
    let name = store::map_name(path);
    if name == "default" {
        "my parts".into()
    } else {
        name
    }
}
