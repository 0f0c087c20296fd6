//! Stress: random key sequences (with pastes, mouse, resizes and time passing) through the
//! real keymap, update and view, on every screen, at sizes from 1×1 to 300×100. Nothing may
//! panic, the model's invariants must hold, and the map must survive a save and a load.
//! And the loader, fed arbitrary bytes and damaged maps, must answer without panicking.

mod support;

use std::collections::BTreeSet;

use proptest::prelude::*;
use ratatui::crossterm::event::{KeyCode, KeyModifiers};
use support::*;
use tend::keymap::Key;
use tend::msg::{Mouse, MouseKind, Msg};

/// One thing a person (or their terminal) might do.
#[derive(Clone, Debug)]
enum Input {
    Key(Key),
    Paste(String),
    Mouse(MouseKind, u16, u16),
    Resize(u16, u16),
    Wait(u32),
}

fn key_strategy() -> impl Strategy<Value = Key> {
    let named = prop::sample::select(vec![
        "enter",
        "esc",
        "tab",
        "backtab",
        "up",
        "down",
        "left",
        "right",
        "shift-up",
        "shift-down",
        "shift-left",
        "shift-right",
        "pageup",
        "pagedown",
        "home",
        "end",
        "space",
        "backspace",
        "delete",
        "ctrl-n",
        "ctrl-t",
        "ctrl-e",
        "ctrl-p",
        "ctrl-b",
        "ctrl-g",
        "ctrl-s",
        "ctrl-r",
        "ctrl-o",
        "ctrl-a",
        "ctrl-v",
        "ctrl-z",
        "ctrl-c",
        "alt-enter",
        "!",
        "?",
        "=",
        "+",
        "-",
        "P",
        "W",
        "T",
        "G",
        "H",
        "J",
        "K",
        "L",
        "y",
        "n",
    ])
    .prop_map(|k| Key::parse(k).expect("a key"));
    let letter = prop::char::range('a', 'z').prop_map(|c| Key {
        code: KeyCode::Char(c),
        mods: KeyModifiers::NONE,
    });
    let any_char = any::<char>().prop_map(|c| Key {
        code: KeyCode::Char(c),
        mods: KeyModifiers::NONE,
    });
    prop_oneof![4 => letter, 4 => named, 1 => any_char]
}

fn input_strategy() -> impl Strategy<Value = Input> {
    prop_oneof![
        40 => key_strategy().prop_map(Input::Key),
        1 => prop::sample::select(vec![
            "The Critic 🦉",
            "line one\r\nline “two” — ❤️",
            "👨‍👩‍👧",
            "",
            "\t\u{0}\u{1b}[31m",
        ])
        .prop_map(|s| Input::Paste(s.to_string())),
        1 => (prop::sample::select(vec![MouseKind::Down, MouseKind::Drag, MouseKind::Up]), 0u16..200, 0u16..60)
            .prop_map(|(k, c, r)| Input::Mouse(k, c, r)),
        1 => (1u16..=300, 1u16..=100).prop_map(|(w, h)| Input::Resize(w, h)),
        1 => (0u32..20_000).prop_map(Input::Wait),
    ]
}

fn check_invariants(m: &tend::Model) -> Result<(), TestCaseError> {
    let ids: BTreeSet<u32> = m.map.parts.iter().map(|p| p.id.0).collect();
    prop_assert_eq!(ids.len(), m.map.parts.len(), "part ids are unique");
    let sessions: BTreeSet<u32> = m.map.sessions.iter().map(|s| s.id.0).collect();
    prop_assert_eq!(
        sessions.len(),
        m.map.sessions.len(),
        "dialogue ids are unique"
    );
    for r in &m.map.relations {
        prop_assert!(ids.contains(&r.from.0) && ids.contains(&r.to.0), "{:?}", r);
    }
    prop_assert!(ids.iter().all(|id| *id < m.map.next_part_id().0));
    prop_assert!(m.selected < m.map.parts.len().max(1));
    prop_assert!(m.part_row < m.part_rows().len().max(1));
    prop_assert!(m.notes_row <= m.listed_sessions().len());
    for p in m.map.parts.iter() {
        prop_assert!(p.feelings.iter().all(|f| f.intensity <= 10));
    }
    Ok(())
}

fn run(m: &mut tend::Model, inputs: &[Input]) -> Result<(), TestCaseError> {
    let mut size = (80u16, 24u16);
    for (i, input) in inputs.iter().enumerate() {
        let msg = match input {
            Input::Key(key) => m.keymap.clone().message(m.context(), &key.to_event()),
            Input::Paste(text) => Some(Msg::Paste(text.clone())),
            Input::Mouse(kind, col, row) => Some(Msg::Mouse(Mouse {
                kind: *kind,
                col: *col,
                row: *row,
            })),
            Input::Resize(w, h) => {
                size = (*w, *h);
                Some(Msg::Resize(*w, *h))
            }
            Input::Wait(ms) => {
                m.now += jiff::SignedDuration::from_millis(i64::from(*ms));
                Some(Msg::Tick)
            }
        };
        if let Some(msg) = msg {
            tend::update(m, msg);
        }
        check_invariants(m)?;
        // Drawing every step would be slow; every few steps, and always at the end.
        if i % 20 == 0 || i + 1 == inputs.len() {
            render(m, size.0, size.1);
        }
    }
    Ok(())
}

proptest! {
    #![proptest_config(ProptestConfig {
        cases: 2000,
        failure_persistence: None,
        .. ProptestConfig::default()
    })]

    #[test]
    fn random_keys_never_panic_and_keep_the_map_whole(
        start in prop::sample::select(vec![0u8, 1, 2]),
        inputs in prop::collection::vec(input_strategy(), 100..300),
    ) {
        let mut m = match start {
            0 => empty(),
            1 => demo(),
            _ => {
                let mut m = demo();
                m.source = tend::state::Source::File("/nonexistent/p.ron".into());
                m.presenting = true;
                m
            }
        };
        run(&mut m, &inputs)?;
        let text = tend::store::to_ron(&m.map).expect("the map turns into text");
        let back = tend::store::parse_map(text.as_bytes()).expect("and reads back");
        prop_assert_eq!(back, m.map.clone());
        // The veil and presentation draw without trouble wherever the keys left things.
        m.veiled = true;
        render(&m, 120, 40);
        m.presenting = true;
        render(&m, 33, 9);
    }

    #[test]
    fn the_loader_answers_arbitrary_bytes_without_panicking(
        bytes in prop::collection::vec(any::<u8>(), 0..2000),
    ) {
        let _ = tend::store::parse_map(&bytes);
    }

    #[test]
    fn the_loader_answers_damaged_maps_without_panicking(
        cuts in prop::collection::vec((any::<prop::sample::Index>(), any::<u8>()), 1..8),
        truncate in any::<prop::sample::Index>(),
    ) {
        let mut bytes = tend::open::DEMO.as_bytes().to_vec();
        for (at, byte) in cuts {
            let i = at.index(bytes.len());
            bytes[i] = byte;
        }
        let _ = tend::store::parse_map(&bytes);
        let end = truncate.index(bytes.len());
        let _ = tend::store::parse_map(&bytes[..end]);
    }
}
