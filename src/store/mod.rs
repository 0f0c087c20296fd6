//! Where maps live on disk, and how they are read and written: load with kind errors,
//! atomic saves, and the background writer that keeps typing from waiting on the disk.

pub mod backup;
pub mod crypt;
mod load;
mod lock;
mod maps;
mod repair;
mod save;
mod v1;
mod writer;

pub use load::{LoadError, LoadProblem, load_map, load_map_with, parse_map};
pub use lock::{LockError, MapLock, clean_temporaries, lock_path, remove_temporaries};
pub use maps::{archive_map, create_map, free_path, list_maps, rename_map, slug};
pub use repair::repair;
pub use save::{ensure_private_dir, pretty, to_ron, write_atomic, write_atomic_checked};
pub use writer::{FlushHandle, SaveState, Target, Writer, draft_path};

use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

/// The folders tend keeps its files in (`$TEND_HOME`, or the platform data folder).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Home {
    /// The root folder.
    pub root: PathBuf,
}

impl Home {
    /// `$TEND_HOME` if set, else the platform data folder (e.g. `~/.local/share/tend`).
    pub fn from_env() -> Option<Home> {
        if let Some(root) = std::env::var_os("TEND_HOME").filter(|v| !v.is_empty()) {
            return Some(Home {
                root: PathBuf::from(root),
            });
        }
        directories::ProjectDirs::from("", "", "tend").map(|d| Home {
            root: d.data_dir().to_path_buf(),
        })
    }

    /// A home at the given folder (tests, scripts).
    pub fn at(root: impl Into<PathBuf>) -> Home {
        Home { root: root.into() }
    }

    /// The folder of maps.
    pub fn maps_dir(&self) -> PathBuf {
        self.root.join("maps")
    }

    /// The map opened when no file is named on first run.
    pub fn default_map(&self) -> PathBuf {
        self.maps_dir().join("default.ron")
    }

    /// The small file that remembers which map was used last.
    pub fn state_file(&self) -> PathBuf {
        self.root.join("state.ron")
    }

    /// The folder of backups.
    pub fn backups_dir(&self) -> PathBuf {
        self.root.join("backups")
    }

    /// The user's settings.
    pub fn config_file(&self) -> PathBuf {
        self.root.join("config.ron")
    }

    /// The map used last, if it was remembered and still exists.
    pub fn last_map(&self) -> Option<PathBuf> {
        let text = std::fs::read_to_string(self.state_file()).ok()?;
        let state: State = ron::from_str(&text).ok()?;
        state.last_map.filter(|p| p.exists())
    }

    /// Remembers the map used last. Failing to remember is not worth troubling anyone with.
    pub fn remember(&self, map: &Path) -> std::io::Result<()> {
        let state = State {
            last_map: Some(map.to_path_buf()),
        };
        ensure_private_dir(&self.root)?;
        let text = ron::ser::to_string_pretty(&state, save::pretty())
            .map_err(|e| std::io::Error::other(e.to_string()))?;
        write_atomic(&self.state_file(), text.as_bytes())
    }
}

/// What tend remembers between runs.
#[derive(Serialize, Deserialize, Default)]
struct State {
    #[serde(default)]
    last_map: Option<PathBuf>,
}

/// A file's name (not its folder), as text; `fallback` when the path has none.
pub fn file_name(path: &Path, fallback: &str) -> String {
    path.file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| fallback.to_string())
}

/// The folder a file is in (`.` for a bare file name).
pub fn folder_of(path: &Path) -> &Path {
    match path.parent() {
        Some(d) if !d.as_os_str().is_empty() => d,
        _ => Path::new("."),
    }
}

/// A file beside a map, named from the map's file name (`.meadow.ron.lock`,
/// `meadow.ron.key`).
pub fn beside(map: &Path, name: impl FnOnce(&str) -> String) -> PathBuf {
    map.with_file_name(name(&file_name(map, "map")))
}

/// A map's display name: its file stem ("meadow" for `maps/meadow.ron`).
pub fn map_name(path: &Path) -> String {
    path.file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_else(|| path.display().to_string())
}
