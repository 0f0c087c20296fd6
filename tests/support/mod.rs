//! Shared helpers for driving tend without a terminal: build a model, press keys through the
//! real keymap and update, and render into a test backend.
#![allow(dead_code)]

use std::path::PathBuf;
use std::sync::Arc;

use ratatui::Terminal;
use ratatui::backend::TestBackend;
use tend::assets::Assets;
use tend::keymap::{Key, Keymap};
use tend::model::Map;
use tend::state::{Model, Source};
use tend::ui::theme::Theme;
use tend::{Effect, Msg, update};

/// The fixed clock every test runs at: 25 November 2026, 21:04 UTC.
pub fn clock() -> jiff::Timestamp {
    "2026-11-25T21:04:00Z".parse().expect("a valid timestamp")
}

/// A model of `map` backed by a (never written) file, so changes ask for saves.
pub fn model_with(map: Map) -> Model {
    let assets = Arc::new(Assets::load().expect("assets parse"));
    let keymap = Arc::new(Keymap::defaults().expect("keymap parses"));
    let mut model = Model::new(
        map,
        Source::File(PathBuf::from("/nonexistent/test.ron")),
        assets,
        keymap,
        Theme::soft(),
    );
    model.now = clock();
    model
}

/// A model of an empty map titled "meadow".
pub fn empty() -> Model {
    model_with(Map::new("meadow"))
}

/// A model of the bundled demo map, in memory as `tend --demo` has it.
pub fn demo() -> Model {
    let mut model = model_with(tend::open::demo().expect("demo parses"));
    model.source = Source::Demo;
    model
}

/// Sends one message through update.
pub fn send(model: &mut Model, msg: Msg) -> Vec<Effect> {
    update(model, msg)
}

/// Presses keys written as in keymap.ron, separated by spaces: `"a"`, `"Enter"`,
/// `"ctrl-r"`, `"Space"`, `"Down"`. Returns every effect asked for.
pub fn press(model: &mut Model, keys: &str) -> Vec<Effect> {
    let mut effects = Vec::new();
    for token in keys.split_whitespace() {
        let key = Key::parse(token).unwrap_or_else(|e| panic!("{e}"));
        effects.extend(press_key(model, key));
    }
    effects
}

fn press_key(model: &mut Model, key: Key) -> Vec<Effect> {
    let event = key.to_event();
    match model.keymap.clone().message(model.context(), &event) {
        Some(msg) => update(model, msg),
        None => Vec::new(),
    }
}

/// Types text character by character, as a person would.
pub fn typed(model: &mut Model, text: &str) -> Vec<Effect> {
    let mut effects = Vec::new();
    for c in text.chars() {
        let key = Key {
            code: ratatui::crossterm::event::KeyCode::Char(c),
            mods: ratatui::crossterm::event::KeyModifiers::NONE,
        };
        effects.extend(press_key(model, key));
    }
    effects
}

/// Adds a part by typing its name.
pub fn add_part(model: &mut Model, name: &str) -> Vec<Effect> {
    let mut effects = press(model, "a");
    effects.extend(typed(model, name));
    effects.extend(press(model, "Enter"));
    effects
}

/// The screen as text, drawn at `width` × `height`.
pub fn render(model: &Model, width: u16, height: u16) -> TestBackend {
    let mut terminal = Terminal::new(TestBackend::new(width, height)).expect("test terminal");
    terminal
        .draw(|frame| tend::ui::view(model, frame))
        .expect("draw");
    terminal.backend().clone()
}

/// The screen's text only, rows joined by newlines.
pub fn screen_text(model: &Model, width: u16, height: u16) -> String {
    let backend = render(model, width, height);
    let buf = backend.buffer();
    let mut out = String::new();
    for y in 0..buf.area.height {
        for x in 0..buf.area.width {
            out.push_str(buf[(x, y)].symbol());
        }
        out.push('\n');
    }
    out
}
