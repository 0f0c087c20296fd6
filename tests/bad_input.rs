//! Bad files, end to end: for each, `tend check` says where and why (or that it loads), and
//! the screen opens it without crashing, says something kind that names the file, quits
//! cleanly, and leaves the file exactly as it was.

mod common;

use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use common::pty::{Tend, run_with_timeout, tend_cmd};
use tend::model::{Map, Part, PartId, Relation, RelationKind};

const T: Duration = Duration::from_secs(5);

fn ok(r: Result<(), String>) {
    if let Err(e) = r {
        panic!("{e}");
    }
}

/// A small deterministic generator (Knuth's MMIX LCG).
struct Lcg(u64);

impl Lcg {
    fn next(&mut self) -> u64 {
        self.0 = self
            .0
            .wrapping_mul(6_364_136_223_846_793_005)
            .wrapping_add(1_442_695_040_888_963_407);
        self.0 >> 33
    }
}

/// A valid two-part map with a relation.
fn sample() -> Map {
    let at: jiff::Timestamp = "2026-11-25T21:04:00Z".parse().unwrap();
    let mut map = Map::new("sample");
    map.add_part(Part::new(PartId(1), "The Critic", at));
    map.add_part(Part::new(PartId(2), "Little One", at));
    map.relations.push(Relation {
        from: PartId(1),
        to: PartId(2),
        kind: RelationKind::Protects,
        note: "keeps her out of sight".into(),
    });
    map
}

fn ron(map: &Map) -> String {
    tend::store::to_ron(map).unwrap()
}

/// What is at `path`, exactly: its kind, and its bytes (a file) or its entries (a folder).
fn fingerprint(path: &Path) -> String {
    let meta = std::fs::symlink_metadata(path).unwrap();
    let t = meta.file_type();
    if t.is_symlink() {
        format!("symlink to {:?}", std::fs::read_link(path).unwrap())
    } else if t.is_dir() {
        let mut names: Vec<_> = std::fs::read_dir(path)
            .unwrap()
            .map(|e| e.unwrap().file_name())
            .collect();
        names.sort();
        format!("folder {names:?}")
    } else if t.is_file() {
        let bytes = std::fs::read(path).unwrap();
        // A digest rather than the bytes, so a failure message stays readable.
        let mut hash: u64 = 0xcbf2_9ce4_8422_2325;
        for b in &bytes {
            hash ^= u64::from(*b);
            hash = hash.wrapping_mul(0x0100_0000_01b3);
        }
        format!("file of {} bytes, fnv {hash:016x}", bytes.len())
    } else {
        format!("special file {t:?}")
    }
}

/// What `tend check` should say.
enum Check {
    /// Exit 0.
    Loads,
    /// Exit 1 and `FILE:LINE:COL: …` on stderr; `Some((line, col))` pins the place, and the
    /// message must contain the text.
    Fails(Option<(usize, usize)>, &'static str),
    /// Like `Fails`, with only the line pinned.
    FailsOnLine(usize, &'static str),
}

fn check(home: &Path, path: &Path, want: &Check, timeout: Duration) {
    let mut cmd = tend_cmd(home);
    cmd.arg("check").arg(path);
    let ran = run_with_timeout(cmd, timeout);
    match want {
        Check::Loads => assert!(
            ran.status.success(),
            "tend check {} should pass ({}):\n{}{}",
            path.display(),
            ran.status,
            ran.stdout,
            ran.stderr
        ),
        Check::Fails(..) | Check::FailsOnLine(..) => {
            assert_eq!(
                ran.status.code(),
                Some(1),
                "tend check {}: {}\n{}{}",
                path.display(),
                ran.status,
                ran.stdout,
                ran.stderr
            );
            let line = ran.stderr.lines().next().unwrap_or_default();
            let prefix = format!("{}:", path.display());
            let rest = line
                .strip_prefix(&prefix)
                .unwrap_or_else(|| panic!("check line does not start with {prefix:?}: {line:?}"));
            let mut fields = rest.splitn(3, ':');
            let l: usize = fields.next().unwrap_or("").parse().unwrap_or_else(|_| {
                panic!("no LINE in {line:?}");
            });
            let c: usize = fields.next().unwrap_or("").parse().unwrap_or_else(|_| {
                panic!("no COL in {line:?}");
            });
            let message = fields.next().unwrap_or_default();
            assert!(
                message.starts_with(' ') && message.trim().len() > 3,
                "no message in {line:?}"
            );
            let what = match want {
                Check::Fails(Some(place), what) => {
                    assert_eq!((l, c), *place, "{line}");
                    what
                }
                Check::FailsOnLine(want_line, what) => {
                    assert_eq!(l, *want_line, "{line}");
                    what
                }
                Check::Fails(None, what) => what,
                Check::Loads => unreachable!(),
            };
            assert!(message.contains(what), "{line:?} does not say {what:?}");
        }
    }
}

/// Opens `path` in the screen: it must stay up, show `needle`, quit with 0 on `q`, and leave
/// the file as it was.
fn open_and_quit(home: &Path, path: &Path, needles: &[&str], timeout: Duration) {
    let before = fingerprint(path);
    let mut t = Tend::spawn(home, &[path.to_str().unwrap()], &[], 100, 30);
    for needle in needles {
        ok(t.wait_for(needle, timeout));
    }
    // A moment for anything that would go wrong after the first frame.
    std::thread::sleep(Duration::from_millis(200));
    assert!(t.is_running(), "tend stopped:\n{}", t.screen());
    t.type_text("q");
    let status = t.wait_exit(timeout).expect("tend did not exit after q");
    assert!(
        status.success(),
        "tend exited with {status:?}\n{}",
        t.screen()
    );
    assert_eq!(fingerprint(path), before, "{} changed", path.display());
}

/// A bad file: check fails as described, the screen explains it, nothing changes.
fn refused(name: &str, bytes: &[u8], want: Check) {
    let home = tempfile::tempdir().unwrap();
    let path = home.path().join(name);
    std::fs::write(&path, bytes).unwrap();
    check(home.path(), &path, &want, T);
    open_and_quit(
        home.path(),
        &path,
        &[
            "This map could not be opened",
            &format!("I couldn't read {name}"),
        ],
        T,
    );
    assert_lonely(home.path(), &path);
}

/// Nothing was written beside a file that did not load (no lock, no temporaries, no draft).
fn assert_lonely(home: &Path, path: &Path) {
    let dir = path.parent().unwrap();
    let mut names: Vec<String> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n != "state.ron")
        .collect();
    names.sort();
    let own = path.file_name().unwrap().to_string_lossy().into_owned();
    assert_eq!(
        names,
        [own],
        "files appeared beside a map that did not load"
    );
    assert!(
        !home.join("backups").exists(),
        "a backup was made of a map that did not load"
    );
}

#[test]
fn an_empty_file_is_refused() {
    refused("empty.ron", b"", Check::Fails(Some((1, 1)), "empty"));
}

#[test]
fn a_truncated_file_is_refused() {
    let text = ron(&sample());
    let half = &text[..text.len() / 2];
    // The problem is where the text stops: on its last line.
    let line = half.matches('\n').count() + 1;
    refused(
        "truncated.ron",
        half.as_bytes(),
        Check::FailsOnLine(line, ""),
    );
}

#[test]
fn binary_garbage_is_refused() {
    let mut rng = Lcg(0xbad_f00d);
    let bytes: Vec<u8> = (0..256 * 1024).map(|_| rng.next() as u8).collect();
    refused("garbage.ron", &bytes, Check::Fails(None, ""));
}

#[test]
fn ascii_noise_full_of_brackets_is_refused_without_overflowing() {
    // Valid UTF-8 that reaches the parser: control characters, NULs, and a great many
    // unbalanced brackets and quotes.
    let mut rng = Lcg(0x5eed);
    let alphabet = b"(((([[[[{{{{\"'\\/*,:)]}\0\x01\x1b \n abcSome(None";
    let bytes: Vec<u8> = (0..256 * 1024)
        .map(|_| alphabet[(rng.next() as usize) % alphabet.len()])
        .collect();
    refused("noise.ron", &bytes, Check::Fails(None, ""));
}

#[test]
fn invalid_utf8_is_refused_at_its_place() {
    let text = ron(&sample());
    let at = text.find("The Critic").unwrap() + "The Cr".len();
    let mut bytes = text.as_bytes().to_vec();
    bytes.insert(at, 0xff);
    let before = &text[..at];
    let line = before.matches('\n').count() + 1;
    let col = before.rsplit('\n').next().unwrap().chars().count() + 1;
    refused(
        "latin1.ron",
        &bytes,
        Check::Fails(Some((line, col)), "UTF-8"),
    );
}

#[test]
fn a_newer_version_is_refused() {
    let text = ron(&sample());
    assert!(text.contains("version: 2,"));
    let text = text.replacen("version: 2,", "version: 99,", 1);
    refused(
        "newer.ron",
        text.as_bytes(),
        Check::Fails(None, "newer tend"),
    );
}

#[test]
fn nesting_ten_thousand_deep_is_refused_without_overflowing() {
    let depth = 10_000;
    let mut text = String::from("(\n    version: 2,\n    title: \"deep\",\n    parts: ");
    text.push_str(&"[".repeat(depth));
    text.push_str(&"]".repeat(depth));
    text.push_str(",\n)\n");
    refused("deep.ron", text.as_bytes(), Check::Fails(None, ""));

    // And nesting before anything else: the version probe must not recurse either.
    let text = format!("{}{}", "(".repeat(depth), ")".repeat(depth));
    refused("deeper.ron", text.as_bytes(), Check::Fails(None, ""));
}

#[test]
fn a_byte_order_mark_is_accepted() {
    let home = tempfile::tempdir().unwrap();
    let path = home.path().join("bom.ron");
    let mut bytes = b"\xEF\xBB\xBF".to_vec();
    bytes.extend_from_slice(ron(&sample()).as_bytes());
    std::fs::write(&path, &bytes).unwrap();
    check(home.path(), &path, &Check::Loads, T);
    open_and_quit(
        home.path(),
        &path,
        &["tend · sample", "The Critic", "Little One"],
        T,
    );
    assert_eq!(std::fs::read(&path).unwrap(), bytes);
}

#[test]
fn a_folder_where_the_map_should_be_is_refused() {
    let home = tempfile::tempdir().unwrap();
    let path = home.path().join("folder.ron");
    std::fs::create_dir(&path).unwrap();
    check(home.path(), &path, &Check::Fails(Some((1, 1)), "folder"), T);
    open_and_quit(
        home.path(),
        &path,
        &["This map could not be opened", "I couldn't read folder.ron"],
        T,
    );
    assert_lonely(home.path(), &path);
}

#[test]
fn a_fifo_is_refused_without_blocking() {
    let home = tempfile::tempdir().unwrap();
    let path = home.path().join("pipe.ron");
    match std::process::Command::new("mkfifo").arg(&path).status() {
        Ok(s) if s.success() => {}
        other => {
            eprintln!("SKIPPED: mkfifo is not available here ({other:?})");
            return;
        }
    }
    check(home.path(), &path, &Check::Fails(Some((1, 1)), "pipe"), T);
    open_and_quit(
        home.path(),
        &path,
        &["This map could not be opened", "I couldn't read pipe.ron"],
        T,
    );
    assert_lonely(home.path(), &path);
}

/// A map that loads once mended: check passes (and says what it would mend), the screen says
/// "I mended", and the file is not written while nothing is changed.
fn mended(name: &str, map: &Map, says: &str) {
    let home = tempfile::tempdir().unwrap();
    let path = home.path().join(name);
    std::fs::write(&path, ron(map)).unwrap();
    let mut cmd = tend_cmd(home.path());
    cmd.arg("check").arg(&path);
    let ran = run_with_timeout(cmd, T);
    assert!(ran.status.success(), "{}{}", ran.stdout, ran.stderr);
    assert!(
        ran.stderr.contains(says),
        "check does not say {says:?}: {}",
        ran.stderr
    );
    open_and_quit(home.path(), &path, &["I mended", "The Critic"], T);
    assert!(
        !home.path().join("backups").exists(),
        "a backup was made though nothing changed"
    );
}

#[test]
fn duplicate_part_ids_are_mended_and_the_file_left_alone() {
    let mut map = sample();
    let at = map.parts[0].created;
    map.add_part(Part::new(PartId(1), "Also One", at));
    mended("twins.ron", &map, "two parts shared the id 1");
}

#[test]
fn a_relation_to_a_missing_part_is_mended_and_the_file_left_alone() {
    let mut map = sample();
    map.relations.push(Relation {
        from: PartId(2),
        to: PartId(42),
        kind: RelationKind::Allied,
        note: String::new(),
    });
    mended(
        "dangling.ron",
        &map,
        "pointed to a part that isn't in the map",
    );
}

#[test]
fn fifty_megabytes_of_notes_load_draw_and_quit() {
    let home = tempfile::tempdir().unwrap();
    let path = home.path().join("huge.ron");
    let mut map = sample();
    let sentence = "the quiet one waits by the door and says nothing at all. ";
    let notes = sentence.repeat(50 * 1024 * 1024 / sentence.len() + 1);
    std::sync::Arc::make_mut(&mut map.parts[0]).notes = notes;
    std::fs::write(&path, ron(&map)).unwrap();
    let size = std::fs::metadata(&path).unwrap().len();
    assert!(size > 50 * 1024 * 1024, "the map is only {size} bytes");
    let generous = Duration::from_secs(60);
    check(home.path(), &path, &Check::Loads, generous);

    let before = fingerprint(&path);
    let started = Instant::now();
    let mut t = Tend::spawn(home.path(), &[path.to_str().unwrap()], &[], 100, 30);
    ok(t.wait_for("The Critic", generous));
    ok(t.wait_for("the quiet one waits", generous));
    let drawn = started.elapsed();
    assert!(t.is_running(), "tend stopped:\n{}", t.screen());
    t.type_text("j");
    ok(t.wait_until("Little One selected", generous, |s| {
        s.contains("› Little One") || s.contains("›? Little One")
    }));
    t.type_text("q");
    let status = t.wait_exit(generous).expect("tend did not exit after q");
    let total = started.elapsed();
    assert!(
        status.success(),
        "tend exited with {status:?}\n{}",
        t.screen()
    );
    assert_eq!(fingerprint(&path), before, "the file changed");
    eprintln!("50 MB notes: drawn after {drawn:?}, quit after {total:?}");
    assert!(
        drawn < Duration::from_secs(10),
        "the map with 50 MB of notes took {drawn:?} to draw"
    );
}

#[test]
fn a_symlinked_map_is_followed_and_saves_write_through() {
    let home = tempfile::tempdir().unwrap();
    let real_dir = home.path().join("real");
    let link_dir = home.path().join("links");
    std::fs::create_dir_all(&real_dir).unwrap();
    std::fs::create_dir_all(&link_dir).unwrap();
    let real = real_dir.join("target.ron");
    let link = link_dir.join("link.ron");
    std::fs::write(&real, ron(&sample())).unwrap();
    std::os::unix::fs::symlink(&real, &link).unwrap();
    check(home.path(), &link, &Check::Loads, T);

    // Opened and closed without a change: nothing is written.
    open_and_quit(home.path(), &link, &["The Critic"], T);
    assert_eq!(std::fs::read_to_string(&real).unwrap(), ron(&sample()));

    let mut t = Tend::spawn(home.path(), &[link.to_str().unwrap()], &[], 100, 30);
    ok(t.wait_for("The Critic", T));
    t.type_text("a");
    ok(t.wait_for("A new part", T));
    t.type_text("Through The Link");
    t.enter();
    ok(t.wait_gone("A new part", T));
    t.type_text("q");
    let status = t.wait_exit(T).expect("tend did not exit after q");
    assert!(status.success(), "{status:?}\n{}", t.screen());

    let meta = std::fs::symlink_metadata(&link).unwrap();
    assert!(
        meta.file_type().is_symlink(),
        "the link was replaced by a file"
    );
    assert_eq!(std::fs::read_link(&link).unwrap(), real);
    let names: Vec<String> = tend::store::load_map(&real)
        .unwrap()
        .parts
        .iter()
        .map(|p| p.name.clone())
        .collect();
    assert_eq!(names, ["The Critic", "Little One", "Through The Link"]);
    let beside_link: Vec<_> = std::fs::read_dir(&link_dir)
        .unwrap()
        .map(|e| e.unwrap().file_name())
        .collect();
    assert_eq!(
        beside_link,
        ["link.ron"],
        "files were written beside the link"
    );
    check(home.path(), &link, &Check::Loads, T);
}

/// A symlink whose map does not exist yet (made ahead, say, into a synced folder): the new
/// map must be created where the link points, and the link kept.
///
/// FAILS at the time of writing: `open::open_with` creates a missing map with
/// `write_atomic(path)` on the path as given, and the rename replaces the symlink with a
/// regular file; the folder the link points to stays empty.
#[test]
fn a_symlink_to_a_map_not_made_yet_is_created_through_not_replaced() {
    let home = tempfile::tempdir().unwrap();
    let real_dir = home.path().join("synced");
    std::fs::create_dir_all(&real_dir).unwrap();
    let real = real_dir.join("later.ron");
    let link = home.path().join("later.ron");
    std::os::unix::fs::symlink(&real, &link).unwrap();

    let mut t = Tend::spawn(home.path(), &[link.to_str().unwrap()], &[], 100, 30);
    ok(t.wait_for("No parts here yet", T));
    t.type_text("q");
    let status = t.wait_exit(T).expect("tend did not exit after q");
    assert!(status.success(), "{status:?}\n{}", t.screen());

    let meta = std::fs::symlink_metadata(&link).unwrap();
    assert!(
        meta.file_type().is_symlink(),
        "the symlink {} was replaced by a regular file; {} was never created",
        link.display(),
        real.display()
    );
    assert!(
        real.is_file(),
        "the map was not created where the link points"
    );
}

/// Undoes what made a folder read-only.
enum Frozen {
    Mount(PathBuf),
    Immutable(PathBuf),
}

impl Drop for Frozen {
    fn drop(&mut self) {
        let (prog, args): (&str, Vec<&std::ffi::OsStr>) = match self {
            Frozen::Mount(dir) => ("umount", vec![dir.as_os_str()]),
            Frozen::Immutable(dir) => ("chattr", vec!["-i".as_ref(), dir.as_os_str()]),
        };
        let _ = std::process::Command::new(prog).args(args).status();
    }
}

fn quietly(prog: &str, args: &[&std::ffi::OsStr]) -> bool {
    std::process::Command::new(prog)
        .args(args)
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null())
        .status()
        .is_ok_and(|s| s.success())
}

/// Whether a new file can be made in `dir` (as root, permissions alone don't stop it).
fn can_create_in(dir: &Path) -> bool {
    let probe = dir.join(".probe");
    match std::fs::write(&probe, b"") {
        Ok(()) => {
            let _ = std::fs::remove_file(&probe);
            true
        }
        Err(_) => false,
    }
}

/// Makes `dir` (holding `file` with `bytes`) unwritable: a read-only tmpfs with the file
/// copied in, a read-only bind mount, or the immutable attribute, whichever works here.
fn freeze(dir: &Path, file: &Path, bytes: &[u8]) -> Option<Frozen> {
    let d = dir.as_os_str();
    // A tmpfs, filled, then made read-only.
    if quietly(
        "mount",
        &[
            "-t".as_ref(),
            "tmpfs".as_ref(),
            "-o".as_ref(),
            "size=4m".as_ref(),
            "tmpfs".as_ref(),
            d,
        ],
    ) {
        let frozen = Frozen::Mount(dir.to_path_buf());
        if std::fs::write(file, bytes).is_ok()
            && quietly("mount", &["-o".as_ref(), "remount,ro".as_ref(), d])
            && !can_create_in(dir)
        {
            eprintln!("the folder is made unwritable with a read-only tmpfs");
            return Some(frozen);
        }
        drop(frozen);
    }
    std::fs::write(file, bytes).ok()?;
    // The folder bound onto itself, read-only.
    if quietly("mount", &["--bind".as_ref(), d, d]) {
        let frozen = Frozen::Mount(dir.to_path_buf());
        if quietly("mount", &["-o".as_ref(), "remount,bind,ro".as_ref(), d]) && !can_create_in(dir)
        {
            eprintln!("the folder is made unwritable with a read-only bind mount");
            return Some(frozen);
        }
        drop(frozen);
    }
    if quietly("chattr", &["+i".as_ref(), d]) {
        let frozen = Frozen::Immutable(dir.to_path_buf());
        if !can_create_in(dir) {
            eprintln!("the folder is made unwritable with chattr +i");
            return Some(frozen);
        }
        drop(frozen);
    }
    None
}

#[test]
fn a_map_in_a_folder_that_cannot_be_written_opens_read_only() {
    let home = tempfile::tempdir().unwrap();
    let dir = home.path().join("frozen");
    std::fs::create_dir(&dir).unwrap();
    let path = dir.join("frozen.ron");
    let bytes = ron(&sample());
    let Some(_frozen) = freeze(&dir, &path, bytes.as_bytes()) else {
        eprintln!(
            "SKIPPED: no way to make a folder unwritable here (no mount, no chattr +i, and \
             permissions don't stop this user)"
        );
        return;
    };
    check(home.path(), &path, &Check::Loads, T);

    let before = fingerprint(&path);
    let mut t = Tend::spawn(home.path(), &[path.to_str().unwrap()], &[], 100, 30);
    ok(t.wait_for("The Critic", T));
    ok(t.wait_for("I can't write in the folder of frozen", T));
    let header = t.screen().lines().next().unwrap_or_default().to_string();
    assert!(header.contains("read-only"), "header: {header}");
    t.type_text("a");
    std::thread::sleep(Duration::from_millis(300));
    assert!(
        !t.screen().contains("A new part"),
        "a read-only window opened the name box:\n{}",
        t.screen()
    );
    assert!(t.is_running(), "tend stopped:\n{}", t.screen());
    t.type_text("q");
    let status = t.wait_exit(T).expect("tend did not exit after q");
    assert!(status.success(), "{status:?}\n{}", t.screen());
    assert_eq!(fingerprint(&path), before);
    assert_eq!(std::fs::read_to_string(&path).unwrap(), bytes);
}
