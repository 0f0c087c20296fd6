//! Backups: before a save replaces a map file, the file as it was is kept under
//! `$TEND_HOME/backups/<map>-<tag>/`. The newest ten are always kept, and the newest of each
//! day for thirty days. Restoring makes the current file a backup first, so a restore can be
//! undone too.

use std::path::{Path, PathBuf};

use jiff::Timestamp;

use super::{ensure_private_dir, map_name, write_atomic};

/// How many of the newest backups are always kept.
pub const KEEP_RECENT: usize = 10;
/// For how many days the newest backup of each day is kept.
pub const KEEP_DAYS: i64 = 30;

/// One kept version of a map.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Backup {
    /// The backup file.
    pub path: PathBuf,
    /// When it was kept.
    pub at: Timestamp,
}

/// The folder the backups of `map` go in: its name and a short tag of its full path, so two
/// maps with one name in different folders never share backups.
pub fn backup_dir(backups: &Path, map: &Path) -> PathBuf {
    let full = std::fs::canonicalize(map).unwrap_or_else(|_| map.to_path_buf());
    // FNV-1a: a stable, dependency-free tag.
    let mut hash: u64 = 0xcbf2_9ce4_8422_2325;
    for b in full.to_string_lossy().as_bytes() {
        hash ^= u64::from(*b);
        hash = hash.wrapping_mul(0x0100_0000_01b3);
    }
    backups.join(format!("{}-{:08x}", map_name(map), hash as u32))
}

fn file_name(at: Timestamp) -> String {
    format!("{}.ron", at.strftime("%Y%m%dT%H%M%S%.3fZ"))
}

fn parse_name(name: &str) -> Option<Timestamp> {
    let stem = name.strip_suffix(".ron")?;
    jiff::fmt::strtime::parse("%Y%m%dT%H%M%S%.fZ", stem)
        .ok()?
        .to_timestamp()
        .ok()
        .or_else(|| {
            // Names are UTC; parse them as such when the parser wants an offset.
            let with_zone = format!("{stem}+0000");
            jiff::fmt::strtime::parse("%Y%m%dT%H%M%S%.fZ%z", &with_zone)
                .ok()?
                .to_timestamp()
                .ok()
        })
}

/// The backups of `map`, newest first.
pub fn list(backups: &Path, map: &Path) -> Vec<Backup> {
    let dir = backup_dir(backups, map);
    let mut out: Vec<Backup> = std::fs::read_dir(&dir)
        .map(|entries| {
            entries
                .filter_map(Result::ok)
                .filter_map(|e| {
                    let name = e.file_name().to_string_lossy().into_owned();
                    parse_name(&name).map(|at| Backup { path: e.path(), at })
                })
                .collect()
        })
        .unwrap_or_default();
    out.sort_by_key(|b| std::cmp::Reverse(b.at));
    out
}

/// Keeps the file at `map` as it is now (if there is one) as a backup, then thins the
/// backups out. Returns the backup written, if any.
pub fn keep(backups: &Path, map: &Path, now: Timestamp) -> std::io::Result<Option<PathBuf>> {
    let bytes = match std::fs::read(map) {
        Ok(b) => b,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(None),
        Err(e) => return Err(e),
    };
    let dir = backup_dir(backups, map);
    ensure_private_dir(backups)?;
    ensure_private_dir(&dir)?;
    let mut at = now;
    let mut path = dir.join(file_name(at));
    // Two saves in one millisecond: step on rather than overwrite.
    while path.exists() {
        at = at
            .checked_add(jiff::SignedDuration::from_millis(1))
            .unwrap_or(at);
        path = dir.join(file_name(at));
    }
    // An identical newest backup is enough; don't keep the same bytes twice in a row.
    if let Some(newest) = list(backups, map).first()
        && std::fs::read(&newest.path).is_ok_and(|b| b == bytes)
    {
        return Ok(None);
    }
    write_atomic(&path, &bytes)?;
    prune(backups, map, now);
    Ok(Some(path))
}

/// Which backups to keep: the newest ten, and the newest of each of the last thirty days.
pub fn to_remove(all: &[Backup], now: Timestamp) -> Vec<PathBuf> {
    let mut keep_days = std::collections::BTreeSet::new();
    let day = |t: Timestamp| t.as_second().div_euclid(86_400);
    let today = day(now);
    let mut remove = Vec::new();
    for (i, b) in all.iter().enumerate() {
        let d = day(b.at);
        let recent = i < KEEP_RECENT;
        let daily = today - d < KEEP_DAYS && keep_days.insert(d);
        if !recent && !daily {
            remove.push(b.path.clone());
        }
    }
    remove
}

fn prune(backups: &Path, map: &Path, now: Timestamp) {
    for path in to_remove(&list(backups, map), now) {
        let _ = std::fs::remove_file(path);
    }
}

/// Puts a backup back in place of the map. The map as it is now becomes a backup first.
pub fn restore(backups: &Path, map: &Path, backup: &Path, now: Timestamp) -> std::io::Result<()> {
    let bytes = std::fs::read(backup)?;
    keep(backups, map, now)?;
    write_atomic(map, &bytes)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn t(s: &str) -> Timestamp {
        s.parse().expect("timestamp")
    }

    #[test]
    fn names_round_trip_to_the_millisecond() {
        let at = t("2026-11-25T21:40:07.123Z");
        assert_eq!(parse_name(&file_name(at)), Some(at));
    }

    #[test]
    fn the_newest_ten_and_one_a_day_for_thirty_days_are_kept() {
        let now = t("2026-11-25T12:00:00Z");
        let mut all = Vec::new();
        // Three backups a day for 40 days, newest first.
        for d in 0..40 {
            for h in 0..3 {
                let at = now
                    .checked_sub(jiff::SignedDuration::from_hours(d * 24 + h * 2))
                    .expect("time");
                all.push(Backup {
                    path: PathBuf::from(format!("{d}-{h}")),
                    at,
                });
            }
        }
        let removed = to_remove(&all, now);
        let kept: Vec<_> = all.iter().filter(|b| !removed.contains(&b.path)).collect();
        // The ten newest, plus one for each older day within thirty days.
        assert!(
            kept.iter()
                .take(10)
                .zip(all.iter())
                .all(|(a, b)| a.path == b.path)
        );
        let days: std::collections::BTreeSet<i64> = kept
            .iter()
            .map(|b| b.at.as_second().div_euclid(86_400))
            .collect();
        assert_eq!(days.len(), 30);
        assert!(kept.len() < all.len());
    }

    #[test]
    fn keep_list_and_restore_make_the_current_file_a_backup() {
        let dir = tempfile::tempdir().expect("tempdir");
        let backups = dir.path().join("backups");
        let map = dir.path().join("meadow.ron");
        std::fs::write(&map, "first").expect("write");
        keep(&backups, &map, t("2026-11-25T10:00:00Z")).expect("keep");
        std::fs::write(&map, "second").expect("write");
        keep(&backups, &map, t("2026-11-25T11:00:00Z")).expect("keep");
        // The same bytes again are not kept twice.
        assert_eq!(
            keep(&backups, &map, t("2026-11-25T11:30:00Z")).expect("keep"),
            None
        );
        std::fs::write(&map, "third").expect("write");
        let list1 = list(&backups, &map);
        assert_eq!(list1.len(), 2);
        assert_eq!(std::fs::read(&list1[1].path).expect("read"), b"first");
        restore(&backups, &map, &list1[1].path, t("2026-11-25T12:00:00Z")).expect("restore");
        assert_eq!(std::fs::read(&map).expect("read"), b"first");
        let list2 = list(&backups, &map);
        assert_eq!(std::fs::read(&list2[0].path).expect("read"), b"third");
    }
}
