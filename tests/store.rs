//! Store tests: maps round-trip through RON exactly, saves are atomic and private, and a file
//! that does not load is explained and never touched.

use std::fs;
use std::os::unix::fs::PermissionsExt;
use std::path::Path;
use std::process::Command;
use std::time::Duration;

use tend::model::{
    BodySpot, Burden, BurdenOrigin, Feeling, Map, Need, Part, PartId, Region, Relation,
    RelationKind, Role, SCHEMA_VERSION, Side, TextField,
};
use tend::open::{Opened, open};
use tend::store::{LoadProblem, SaveState, Writer, load_map, parse_map, to_ron, write_atomic};

fn tricky_map() -> Map {
    let created = "2026-11-25T21:04:00Z".parse().expect("timestamp");
    let mut map = Map::new("Sam’s map — “meadow” 🌿");
    let mut critic = Part::new(PartId(1), "The Critic 🦉", created);
    critic.role = Role::Manager;
    critic.job = "says \"be careful\"\nand then \\ says it again\n\n  indented line".into();
    critic.fears = "r#\"raw\"# and a # hash, a tab\tand a ‘single’ quote".into();
    critic.notes = "family: 👨‍👩‍👧 heart: ❤️ flag: 🏳️‍🌈 accents: é ñ ü 日本語".into();
    critic.burdens = vec![Burden {
        text: "I’m only okay if I’m perfect".into(),
        origin: BurdenOrigin::Legacy,
    }];
    critic.feelings = vec![Feeling {
        word: "anxious".into(),
        intensity: 7,
    }];
    critic.needs = vec![Need {
        word: "rest".into(),
        met: false,
    }];
    critic.body = vec![BodySpot {
        region: Region::Chest,
        side: Side::Left,
        sensation: "tight — like a fist".into(),
    }];
    critic.private.insert(TextField::Fears);
    let little = Part::new(PartId(2), "Little one", created);
    map.add_part(critic);
    map.add_part(little);
    map.relations = vec![Relation {
        from: PartId(1),
        to: PartId(2),
        kind: RelationKind::Protects,
        note: "keeps her “out of sight”".into(),
    }];
    map
}

#[test]
fn a_map_round_trips_exactly_with_emoji_quotes_and_lines() {
    let map = tricky_map();
    let text = to_ron(&map).expect("serialises");
    let back = parse_map(text.as_bytes()).expect("parses back");
    assert_eq!(back, map);
    // Text stays readable: emoji and quotes are written as typed, not escaped.
    assert!(text.contains("👨‍👩‍👧"), "{text}");
    assert!(text.contains("❤️"));
    assert!(text.contains("“meadow”"));
    assert!(!text.contains("\\u{"));
    // No Rust type names in the file.
    assert!(!text.contains("Map("), "{text}");
    assert!(!text.contains("Part("));
    assert!(text.starts_with(&format!("(\n    version: {SCHEMA_VERSION},")));
}

#[test]
fn saving_an_unchanged_map_is_byte_identical() {
    let map = tricky_map();
    let first = to_ron(&map).expect("serialises");
    let reloaded = parse_map(first.as_bytes()).expect("parses");
    let second = to_ron(&reloaded).expect("serialises again");
    assert_eq!(first, second);
}

#[test]
fn the_demo_file_is_already_in_canonical_form_once_saved() {
    let demo = tend::open::demo().expect("demo");
    let once = to_ron(&demo).expect("ron");
    let twice = to_ron(&parse_map(once.as_bytes()).expect("parse")).expect("ron");
    assert_eq!(once, twice);
}

#[test]
fn atomic_writes_are_owner_only_and_leave_no_temporary_files() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("meadow.ron");
    write_atomic(&path, b"first").expect("write");
    write_atomic(&path, b"second").expect("write again");
    assert_eq!(fs::read(&path).expect("read"), b"second");
    let mode = fs::metadata(&path).expect("meta").permissions().mode() & 0o777;
    assert_eq!(mode, 0o600);
    let names: Vec<_> = fs::read_dir(dir.path())
        .expect("list")
        .map(|e| e.expect("entry").file_name())
        .collect();
    assert_eq!(names, vec![std::ffi::OsString::from("meadow.ron")]);
}

#[test]
fn a_new_map_file_and_its_folder_are_private() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("clients").join("sam.ron");
    let Ok(Opened::Map { map, created, .. }) = open(&path) else {
        panic!("a new map should open");
    };
    assert!(created);
    assert_eq!(map.title, "sam");
    let file_mode = fs::metadata(&path).expect("meta").permissions().mode() & 0o777;
    let dir_mode = fs::metadata(path.parent().expect("parent"))
        .expect("meta")
        .permissions()
        .mode()
        & 0o777;
    assert_eq!((file_mode, dir_mode), (0o600, 0o700));
    assert_eq!(load_map(&path).expect("loads"), map);
}

#[test]
fn the_writer_saves_in_the_background_and_flushes_on_request() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("meadow.ron");
    let writer = Writer::start(path.clone());
    let mut map = tricky_map();
    writer.save(std::sync::Arc::new(map.clone()));
    map.title = "changed".into();
    writer.save(std::sync::Arc::new(map.clone()));
    assert_eq!(writer.flush(Duration::from_secs(5)), SaveState::Saved);
    assert_eq!(load_map(&path).expect("loads"), map);
}

#[test]
fn the_writer_saves_within_a_second_without_a_flush() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("meadow.ron");
    let writer = Writer::start(path.clone());
    writer.save(std::sync::Arc::new(tricky_map()));
    let deadline = std::time::Instant::now() + Duration::from_secs(1);
    while !path.exists() && std::time::Instant::now() < deadline {
        std::thread::sleep(Duration::from_millis(20));
    }
    assert_eq!(
        load_map(&path).expect("saved within a second"),
        tricky_map()
    );
    drop(writer);
}

#[test]
fn a_failed_save_is_reported_and_the_map_is_kept_for_a_retry() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("gone").join("meadow.ron");
    let writer = Writer::start(path.clone());
    writer.save(std::sync::Arc::new(tricky_map()));
    let state = writer.flush(Duration::from_secs(3));
    assert!(
        matches!(state, SaveState::Failed(ref why) if why.contains("gone")),
        "{state:?}"
    );
    // The folder comes back: the writer's retry succeeds.
    fs::create_dir(path.parent().expect("parent")).expect("mkdir");
    let state = writer.flush(Duration::from_secs(5));
    assert_eq!(state, SaveState::Saved);
    assert_eq!(load_map(&path).expect("loads"), tricky_map());
}

/// Writes `bytes` as a map file, tries to open it every way, and checks it is untouched.
fn refused(bytes: &[u8]) -> tend::store::LoadError {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("meadow.ron");
    fs::write(&path, bytes).expect("write");
    let error = match open(&path) {
        Ok(Opened::Failed(e)) => e,
        other => panic!("expected a refusal, got {other:?}"),
    };
    assert_eq!(
        fs::read(&path).expect("read"),
        bytes,
        "the file is untouched"
    );
    assert_eq!(
        fs::read_dir(dir.path()).expect("list").count(),
        1,
        "nothing else was written"
    );
    error
}

#[test]
fn an_unclosed_quote_is_explained_with_its_place() {
    let text = "(\n    version: 1,\n    title: \"meadow,\n    parts: [],\n)\n";
    let e = refused(text.as_bytes());
    assert_eq!(e.position(), (3, 12));
    assert!(e.what().contains("quote that never closes"), "{}", e.what());
    let sentence = e.sentence();
    assert!(sentence.starts_with("I couldn't read meadow.ron: line 3, column 12"));
    assert!(sentence.ends_with("Nothing has been changed."));
    assert!(
        e.check_line()
            .ends_with("meadow.ron:3:12: a quote that never closes")
    );
}

#[test]
fn a_newer_version_is_refused_not_downgraded() {
    let text = format!(
        "(version: {}, title: \"from the future\", parts: [], wormholes: [])",
        SCHEMA_VERSION + 1
    );
    let e = refused(text.as_bytes());
    assert!(matches!(e.problem, LoadProblem::TooNew { version } if version == SCHEMA_VERSION + 1));
    assert!(e.what().contains("newer tend"));
}

#[test]
fn empty_garbage_and_non_utf8_files_are_refused() {
    assert_eq!(refused(b"").problem, LoadProblem::Empty);
    assert_eq!(refused(b"  \n\n").problem, LoadProblem::Empty);
    let e = refused(b"(version: 1,\n title: \"caf\xe9\")");
    assert_eq!(e.problem, LoadProblem::NotText { line: 2, col: 13 });
    let e = refused(&[0x00, 0xff, 0x13, 0x37, 0x42]);
    assert!(matches!(e.problem, LoadProblem::NotText { .. }));
    let e = refused(b"hello, this is not a map");
    assert!(matches!(e.problem, LoadProblem::Syntax { .. }));
    let e = refused(b"(version: 1, parts: [(id: 1)])");
    assert!(e.what().contains("‘name’ is missing"), "{}", e.what());
}

#[test]
fn a_byte_order_mark_is_accepted() {
    let mut bytes = "\u{feff}".as_bytes().to_vec();
    bytes.extend(to_ron(&tricky_map()).expect("ron").as_bytes());
    assert_eq!(parse_map(&bytes).expect("loads"), tricky_map());
}

#[test]
fn deep_nesting_is_an_error_not_a_crash() {
    let deep = format!(
        "(version: 1, title: {}{})",
        "[".repeat(5000),
        "]".repeat(5000)
    );
    let e = refused(deep.as_bytes());
    assert!(matches!(e.problem, LoadProblem::Syntax { .. }));
}

#[test]
fn a_folder_is_not_a_map() {
    let dir = tempfile::tempdir().expect("tempdir");
    let e = load_map(dir.path()).expect_err("a folder");
    assert_eq!(e.problem, LoadProblem::NotAFile("a folder"));
}

fn tend(args: &[&str], home: &Path) -> std::process::Output {
    Command::new(env!("CARGO_BIN_EXE_tend"))
        .args(args)
        .env("TEND_HOME", home)
        .output()
        .expect("runs")
}

#[test]
fn tend_check_prints_file_line_col_and_fails() {
    let dir = tempfile::tempdir().expect("tempdir");
    let bad = dir.path().join("bad.ron");
    fs::write(&bad, "(\n  version: 1,\n  title: \"x\n").expect("write");
    let out = tend(&["check", bad.to_str().expect("utf8")], dir.path());
    assert!(!out.status.success());
    let err = String::from_utf8_lossy(&out.stderr);
    assert_eq!(
        err.trim(),
        format!("{}:3:10: a quote that never closes", bad.display())
    );

    let good = dir.path().join("good.ron");
    fs::write(&good, to_ron(&tricky_map()).expect("ron")).expect("write");
    let out = tend(&["check", good.to_str().expect("utf8")], dir.path());
    assert!(out.status.success(), "{out:?}");
}

#[test]
fn tend_export_writes_markdown_and_json() {
    let dir = tempfile::tempdir().expect("tempdir");
    let file = dir.path().join("m.ron");
    fs::write(&file, to_ron(&tricky_map()).expect("ron")).expect("write");
    let out = tend(&["export", file.to_str().expect("utf8")], dir.path());
    assert!(out.status.success());
    let md = String::from_utf8(out.stdout).expect("utf8");
    assert!(md.contains("## ▲ The Critic 🦉"), "{md}");
    assert!(md.contains("- anxious (7/10)"));
    assert!(md.contains("- rest (unmet)"));
    assert!(md.contains("- chest, left: tight — like a fist"));
    assert!(md.contains("- protects ? Little one: keeps her “out of sight”"));

    let json_path = dir.path().join("m.json");
    let out = tend(
        &[
            "export",
            file.to_str().expect("utf8"),
            "--format",
            "json",
            "-o",
            json_path.to_str().expect("utf8"),
        ],
        dir.path(),
    );
    assert!(out.status.success());
    let value: serde_json::Value =
        serde_json::from_str(&fs::read_to_string(&json_path).expect("read")).expect("json");
    assert_eq!(value["parts"][0]["name"], "The Critic 🦉");
    assert_eq!(value["parts"][0]["feelings"][0]["intensity"], 7);
}

#[test]
fn tend_export_of_a_broken_file_fails_kindly() {
    let dir = tempfile::tempdir().expect("tempdir");
    let file = dir.path().join("m.ron");
    fs::write(&file, "(version: 1,").expect("write");
    let out = tend(&["export", file.to_str().expect("utf8")], dir.path());
    assert!(!out.status.success());
    assert!(out.stdout.is_empty());
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("m.ron:1:"), "{err}");
    assert!(err.contains("unchanged"));
}

#[test]
fn tend_list_shows_titles_and_counts() {
    let dir = tempfile::tempdir().expect("tempdir");
    let maps = dir.path().join("maps");
    fs::create_dir_all(&maps).expect("mkdir");
    fs::write(maps.join("sam.ron"), to_ron(&tricky_map()).expect("ron")).expect("write");
    fs::write(maps.join("broken.ron"), "(").expect("write");
    let out = tend(&["list"], dir.path());
    assert!(out.status.success());
    let text = String::from_utf8(out.stdout).expect("utf8");
    assert!(text.contains("sam"), "{text}");
    assert!(text.contains("2 parts"), "{text}");
    assert!(text.contains("broken"), "{text}");
    assert!(text.contains("could not be read"), "{text}");

    let empty = tempfile::tempdir().expect("tempdir");
    let out = tend(&["list"], empty.path());
    assert!(String::from_utf8_lossy(&out.stdout).contains("No maps yet"));
}

#[test]
fn a_session_round_trips_exactly_with_quotes_dashes_emoji_and_lines() {
    use std::sync::Arc;
    use tend::dialogue::Step;
    use tend::model::{Commitment, CommitmentState, Entry, Session, SessionId, Speaker, Turn};
    let mut map = tricky_map();
    let at: jiff::Timestamp = "2026-11-25T21:04:00Z".parse().expect("timestamp");
    let mut s = Session::new(SessionId(1), Some(PartId(1)), at, Some(Step::Fears));
    s.entries.push(Entry::Turn(Turn {
        at,
        speaker: Speaker::Me,
        step: Some(Step::Trailhead),
        question: "What is happening for you right now?".into(),
        text: "It said “you’ll fail” — again.\nSecond line 👨‍👩‍👧\n\n  indented ❤️ \\ \"raw\" #".into(),
    }));
    s.entries.push(Entry::Turn(Turn {
        at,
        speaker: Speaker::Part(PartId(1)),
        step: None,
        question: String::new(),
        text: "I’m only trying to help…".into(),
    }));
    s.entries.push(Entry::Pause { at, seconds: 61 });
    s.entries.push(Entry::Break {
        at,
        lines: vec![
            "this is hard".into(),
            String::new(),
            "be gentle — really".into(),
        ],
    });
    s.commitments.push(Commitment {
        made: at,
        text: "call Sam on Sunday ☎️".into(),
        state: CommitmentState::Done(at),
    });
    map.sessions.push(Arc::new(s));
    let text = to_ron(&map).expect("ron");
    let back = parse_map(text.as_bytes()).expect("parses");
    assert_eq!(back, map);
    assert_eq!(to_ron(&back).expect("ron"), text, "byte-identical re-save");
    assert!(text.contains("speaker: Self"), "{text}");
    assert!(text.contains("“you’ll fail” — again."));
}

/// Every fixture of a past schema version loads, migrates to the current one, and re-saves
/// in today's form; the frozen version-1 types read what version 1 wrote.
#[test]
fn fixtures_of_version_1_load_and_migrate() {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures");
    let mut seen = 0;
    for entry in fs::read_dir(&dir).expect("fixtures") {
        let path = entry.expect("entry").path();
        let name = path
            .file_name()
            .and_then(|n| n.to_str())
            .unwrap_or("")
            .to_string();
        if !name.starts_with("v1-") {
            continue;
        }
        seen += 1;
        let map = load_map(&path).unwrap_or_else(|e| panic!("{name}: {}", e.check_line()));
        assert_eq!(map.version, SCHEMA_VERSION, "{name}");
        let max_part = map.parts.iter().map(|p| p.id.0).max().unwrap_or(0);
        assert!(
            map.next_ids.part > max_part,
            "{name}: part ids are never reused"
        );
        let max_session = map.sessions.iter().map(|s| s.id.0).max().unwrap_or(0);
        assert!(map.next_ids.session > max_session, "{name}");
        let text = to_ron(&map).expect("ron");
        assert!(text.contains(&format!("version: {SCHEMA_VERSION},")));
        assert_eq!(parse_map(text.as_bytes()).expect("re-parse"), map, "{name}");
    }
    assert!(seen >= 3, "only {seen} version-1 fixtures");
}

#[test]
fn the_first_release_fixture_keeps_every_word() {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures");
    let map = load_map(&dir.join("v1-first-release.ron")).expect("loads");
    let part = &map.parts[0];
    assert_eq!(part.name, "The Critic 🦉");
    assert_eq!(part.feelings[0].word, "anxious");
    assert_eq!(part.needs[0].word, "rest");
    let demo = load_map(&dir.join("v1-demo.ron")).expect("loads");
    assert_eq!(demo.parts.len(), 5);
    assert_eq!(demo.sessions.len(), 2);
    assert_eq!(demo.next_ids.part, 6);
    assert_eq!(demo.next_ids.session, 3);
    // The demo in assets is the same map, written as version 2.
    let mut current = tend::open::demo().expect("demo");
    current.version = demo.version;
    assert_eq!(current, demo);
}
