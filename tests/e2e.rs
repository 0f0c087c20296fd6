//! End-to-end tests: the real binary in a pseudo-terminal, driven key by key.

mod common;

use std::time::Duration;

use common::pty::{Tend, sgr_sequences, tend_cmd};

const T: Duration = Duration::from_secs(5);

fn ok(r: Result<(), String>) {
    if let Err(e) = r {
        panic!("{e}");
    }
}

#[test]
fn adds_a_part_with_a_feeling_and_a_need_then_exports_them() {
    let home = tempfile::tempdir().unwrap();
    let mut t = Tend::spawn(home.path(), &[], &[], 100, 30);
    ok(t.wait_for("No parts here yet", T));

    t.type_text("a");
    ok(t.wait_for("A new part", T));
    t.type_text("The Critic 🦉");
    t.enter();
    ok(t.wait_gone("A new part", T));
    ok(t.wait_for("The Critic 🦉", T));

    t.type_text("f");
    ok(t.wait_for("A feeling that comes with", T));
    t.type_text("anxious");
    t.enter();
    ok(t.wait_gone("A feeling that comes with", T));

    t.type_text("n");
    ok(t.wait_for("needs", T));
    t.type_text("rest");
    t.enter();
    ok(t.wait_until("\"anxious\" and \"rest\" on screen", T, |s| {
        s.contains("anxious") && s.contains("rest") && !s.contains("Something The Critic")
    }));

    t.type_text("q");
    let status = t.wait_exit(T).expect("tend did not exit after q");
    assert!(
        status.success(),
        "tend exited with {status:?}\n{}",
        t.screen()
    );

    let map = home.path().join("maps").join("default.ron");
    assert!(map.exists(), "{} was not written", map.display());
    let out = tend_cmd(home.path())
        .arg("export")
        .arg(&map)
        .args(["--format", "markdown"])
        .output()
        .unwrap();
    let md = String::from_utf8_lossy(&out.stdout);
    assert!(
        out.status.success(),
        "export failed: {}\n{}",
        out.status,
        String::from_utf8_lossy(&out.stderr)
    );
    for want in ["The Critic 🦉", "anxious (5/10)", "rest (unmet)"] {
        assert!(md.contains(want), "export lacks {want:?}:\n{md}");
    }
}

/// Whether an SGR parameter list (the text between `ESC [` and `m`) sets a colour.
fn sets_colour(params: &str) -> bool {
    params.split(';').any(|p| {
        // `38:5:n` style sub-parameters: the first number is what matters.
        let first = p.split(':').next().unwrap_or("");
        let n: u32 = if first.is_empty() {
            0
        } else {
            first.parse().unwrap_or(0)
        };
        matches!(n, 30..=39 | 40..=49 | 58 | 59 | 90..=97 | 100..=107)
    })
}

#[test]
fn no_color_sends_no_colour_escapes() {
    let home = tempfile::tempdir().unwrap();
    let mut t = Tend::spawn(home.path(), &["--demo"], &[("NO_COLOR", "1")], 100, 30);
    ok(t.wait_for("The Critic", T));
    t.type_text("j");
    t.type_text("j");
    t.type_text("?");
    ok(t.wait_for("Help", T));
    t.type_text("q"); // closes help
    ok(t.wait_gone("Help", T));
    t.type_text("q");
    let status = t.wait_exit(T).expect("tend did not exit after q");
    assert!(
        status.success(),
        "tend exited with {status:?}\n{}",
        t.screen()
    );

    let raw = t.raw();
    let bad: Vec<String> = sgr_sequences(&raw)
        .into_iter()
        .filter(|p| sets_colour(p))
        .map(|p| format!("ESC[{p}m"))
        .collect();
    assert!(bad.is_empty(), "colour escapes under NO_COLOR: {bad:?}");
}

#[test]
fn a_tiny_terminal_does_not_crash() {
    let home = tempfile::tempdir().unwrap();
    let mut t = Tend::spawn(home.path(), &["--demo"], &[], 20, 6);
    ok(t.wait_for("bigger", T));
    t.type_text("q");
    let status = t.wait_exit(T).expect("tend did not exit after q");
    assert!(
        status.success(),
        "tend exited with {status:?}\n{}",
        t.screen()
    );
}

#[test]
fn sgr_colour_check_reads_parameters() {
    assert!(!sets_colour(""));
    assert!(!sets_colour("0"));
    assert!(!sets_colour("1;4;7"));
    assert!(sets_colour("31"));
    assert!(sets_colour("1;38;5;200"));
    assert!(sets_colour("38:2::1:2:3"));
    assert!(sets_colour("0;49"));
    assert!(sets_colour("107"));
    assert_eq!(
        sgr_sequences(b"a\x1b[0mb\x1b[1;31mc\x1b[2Jd\x1b[m"),
        ["0", "1;31", ""]
    );
}

#[test]
fn a_short_session_with_a_pause_keeps_the_draft_and_reaches_the_export() {
    let home = tempfile::tempdir().unwrap();
    let mut t = Tend::spawn(home.path(), &[], &[], 100, 30);
    ok(t.wait_for("No parts here yet", T));
    t.type_text("a");
    ok(t.wait_for("A new part", T));
    t.type_text("The Critic");
    t.enter();
    ok(t.wait_gone("A new part", T));

    t.type_text("w");
    ok(t.wait_for("What is happening for you right now?", T));
    t.type_text("The talk tomorrow — it’s loud 🦉");
    t.enter();
    ok(t.wait_for("Where do you notice it", T));
    t.tab();
    t.type_text("in my chest");
    t.enter();
    ok(t.wait_for("turn your attention", T));
    t.type_text("half a thought");
    t.ctrl('p');
    ok(t.wait_for("breathe", T));
    ok(t.wait_for("What you were writing is kept.", T));
    // A pause shorter than a second is not worth a line in the dialogue.
    std::thread::sleep(Duration::from_millis(1_300));
    t.esc();
    ok(t.wait_gone("breathe", T));
    ok(t.wait_for("half a thought", T));
    t.type_text(", now whole");
    t.enter();
    ok(t.wait_for("What is The Critic like?", T));
    t.esc();
    ok(t.wait_for("Your dialogue is kept", T));
    t.type_text("q");
    let status = t.wait_exit(T).expect("tend did not exit after q");
    assert!(status.success(), "{status:?}\n{}", t.screen());

    let map = home.path().join("maps").join("default.ron");
    let out = tend_cmd(home.path())
        .arg("export")
        .arg(&map)
        .output()
        .unwrap();
    let md = String::from_utf8_lossy(&out.stdout);
    for want in [
        "### Dialogues",
        "**Self:** The talk tomorrow — it’s loud 🦉",
        "**Self:** in my chest",
        "**Self:** half a thought, now whole",
        "_(a pause,",
    ] {
        assert!(md.contains(want), "export lacks {want:?}:\n{md}");
    }
}

#[test]
fn two_parts_and_a_protects_relation_typed_on_the_map_reach_the_markdown() {
    let home = tempfile::tempdir().unwrap();
    let mut t = Tend::spawn(home.path(), &[], &[], 100, 30);
    ok(t.wait_for("No parts here yet", T));
    for name in ["The Critic", "Little One"] {
        t.type_text("a");
        ok(t.wait_for("A new part", T));
        t.type_text(name);
        t.enter();
        ok(t.wait_gone("A new part", T));
    }
    t.type_text("g");
    t.type_text("m");
    ok(t.wait_for("◎ Self", T));
    t.type_text("r");
    ok(t.wait_for("The Critic and which part?", T));
    t.type_text("little");
    t.enter();
    ok(t.wait_for("How do The Critic and Little One stand?", T));
    t.type_text("protects");
    t.enter();
    ok(t.wait_for("A note about it", T));
    t.type_text("keeps her out of sight");
    t.enter();
    ok(t.wait_for("Added: The Critic protects Little One", T));
    ok(t.wait_for("protects", T));
    t.type_text("q");
    let status = t.wait_exit(T).expect("tend did not exit after q");
    assert!(status.success(), "{status:?}\n{}", t.screen());

    let map = home.path().join("maps").join("default.ron");
    let out = tend_cmd(home.path())
        .arg("export")
        .arg(&map)
        .args(["--format", "markdown"])
        .output()
        .unwrap();
    let md = String::from_utf8_lossy(&out.stdout);
    assert!(
        md.contains("protects ? Little One: keeps her out of sight"),
        "export lacks the relation:\n{md}"
    );
}
