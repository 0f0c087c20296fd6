//! Benchmarks: load, save and render of a large generated map (200 parts with long notes
//! and 100 dialogues, about 1.7 MB), the first frame of an empty map, and the cost of a key press.
//! Run with `cargo bench`; the figures seen are in docs/performance.md.

use std::hint::black_box;
use std::sync::Arc;

use divan::Bencher;
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use tend::assets::Assets;
use tend::keymap::{Key, Keymap};
use tend::model::Map;
use tend::state::{Model, Source};
use tend::ui::theme::Theme;

fn main() {
    divan::main();
}

/// The large map of the benchmarks: 200 parts, ~4 KB of notes each, 100 dialogues of 20
/// turns.
fn large() -> Map {
    tend::sample::benchmark_map()
}

fn model(map: Map) -> Model {
    let assets = Arc::new(Assets::load().expect("assets"));
    let keymap = Arc::new(Keymap::defaults().expect("keymap"));
    Model::new(
        map,
        Source::File("/tmp/bench.ron".into()),
        assets,
        keymap,
        Theme::soft(),
    )
}

/// Presses one key (written as in keymap.ron) through the keymap and update, as the event
/// loop does. A key that means nothing where the model is would measure nothing: it panics.
fn press(m: &mut Model, key: &str) -> Vec<tend::Effect> {
    let event = Key::parse(key).expect("key").to_event();
    let msg = m
        .keymap
        .message(m.context(), &event)
        .expect("a key that means something here");
    tend::update(m, msg)
}

#[divan::bench]
fn load_large_map(bencher: Bencher) {
    let text = tend::store::to_ron(&large()).expect("ron");
    bencher
        .counter(divan::counter::BytesCount::new(text.len()))
        .bench(|| tend::store::parse_map(black_box(text.as_bytes())).expect("parses"));
}

#[divan::bench]
fn serialise_large_map(bencher: Bencher) {
    let map = large();
    bencher.bench(|| tend::store::to_ron(black_box(&map)).expect("ron"));
}

#[divan::bench]
fn save_large_map_atomically(bencher: Bencher) {
    let map = large();
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("large.ron");
    bencher.bench(|| {
        let text = tend::store::to_ron(&map).expect("ron");
        tend::store::write_atomic(&path, text.as_bytes()).expect("write");
    });
}

#[divan::bench]
fn clone_large_map_for_the_writer(bencher: Bencher) {
    let map = large();
    bencher.bench(|| black_box(&map).clone());
}

#[divan::bench(args = [(80, 24), (120, 40), (300, 100)])]
fn render_large_map(bencher: Bencher, (w, h): (u16, u16)) {
    let m = model(large());
    let mut terminal = Terminal::new(TestBackend::new(w, h)).expect("terminal");
    bencher.bench_local(|| {
        terminal.draw(|f| tend::ui::view(&m, f)).expect("draw");
    });
}

#[divan::bench]
fn first_frame_of_an_empty_map(bencher: Bencher) {
    bencher.bench_local(|| {
        let m = model(Map::new("new"));
        let mut terminal = Terminal::new(TestBackend::new(100, 30)).expect("terminal");
        terminal.draw(|f| tend::ui::view(&m, f)).expect("draw");
    });
}

#[divan::bench]
fn keypress_typing_in_an_editor(bencher: Bencher) {
    let mut m = model(large());
    press(&mut m, "e");
    bencher.bench_local(|| press(&mut m, "x"));
}

#[divan::bench(args = [(80, 24), (120, 40)])]
fn render_witness_screen_on_the_large_map(bencher: Bencher, (w, h): (u16, u16)) {
    // An unfinished dialogue continued from the reader: the transcript is drawn in full.
    let map = large();
    let session = map
        .sessions
        .iter()
        .find(|s| !s.finished)
        .map(|s| s.id)
        .expect("an unfinished dialogue");
    let mut m = model(map);
    m.screen = tend::state::Screen::Reading { session, scroll: 0 };
    press(&mut m, "w");
    assert!(m.witness().is_some(), "the dialogue is on screen");
    let mut terminal = Terminal::new(TestBackend::new(w, h)).expect("terminal");
    bencher.bench_local(|| {
        terminal.draw(|f| tend::ui::view(&m, f)).expect("draw");
    });
}

#[divan::bench]
fn keypress_typing_in_a_dialogue(bencher: Bencher) {
    let mut m = model(large());
    press(&mut m, "w");
    // Past the commitments note, if the part has one.
    press(&mut m, "enter");
    bencher.bench_local(|| press(&mut m, "x"));
}

#[divan::bench]
fn sending_an_answer_in_the_large_map(bencher: Bencher) {
    // Each answer is a change to the map: an undo snapshot, a session copy, a save hand-off.
    use tend::msg::{Action, Msg};
    let mut m = model(large());
    tend::update(&mut m, Msg::Do(Action::Witness));
    tend::update(&mut m, Msg::Do(Action::Confirm));
    // Past the guided questions: free dialogue, one turn per send.
    for _ in 0..10 {
        tend::update(&mut m, Msg::Do(Action::Skip));
    }
    bencher.bench_local(|| {
        tend::update(&mut m, Msg::Paste("a few words".into()));
        tend::update(&mut m, Msg::Do(Action::Send))
    });
}

#[divan::bench]
fn keypress_changing_the_large_map(bencher: Bencher) {
    // A change clones the map for undo and compares it: the worst case of a key press.
    let mut m = model(large());
    for key in ["tab", "down", "down", "down"] {
        press(&mut m, key);
    }
    bencher.bench_local(|| press(&mut m, "x"));
}

#[divan::bench]
fn writer_save_with_backup_and_read_back(bencher: Bencher) {
    // What the background writer does for each save of the large map: serialise, keep the
    // old file as a backup, write a temporary, read it back, parse and compare, rename.
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("large.ron");
    let writer = tend::store::Writer::start_for(tend::store::Target {
        path,
        backups: Some(dir.path().join("backups")),
        key: None,
    });
    let mut map = large();
    let mut n = 0u32;
    bencher.bench_local(|| {
        n += 1;
        map.title = format!("a large map {n}");
        writer.save(Arc::new(map.clone()));
        writer.flush(std::time::Duration::from_secs(10))
    });
}

#[divan::bench(args = [(80, 24), (160, 48)])]
fn render_the_parts_map(bencher: Bencher, (w, h): (u16, u16)) {
    // Forty parts, placed (as they are once the map has been looked at) with relations.
    let mut map = tend::sample::large_map(40, 200);
    tend::geometry::place_all(&mut map);
    let mut m = model(map);
    m.screen = tend::state::Screen::Map;
    let mut terminal = Terminal::new(TestBackend::new(w, h)).expect("terminal");
    bencher.bench_local(|| {
        terminal.draw(|f| tend::ui::view(&m, f)).expect("draw");
    });
}
