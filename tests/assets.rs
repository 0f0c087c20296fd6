//! Every file in `assets/` parses, and the vocabularies and texts are what the app promises.

use std::collections::BTreeSet;

use tend::assets::{Assets, SOURCES};
use tend::keymap::{Context, Key, Keymap};
use tend::msg::Action;

#[test]
fn every_file_in_assets_parses_as_ron() {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("assets");
    let mut seen = 0;
    for entry in std::fs::read_dir(&dir).expect("assets folder") {
        let path = entry.expect("entry").path();
        if path.extension().is_some_and(|e| e == "ron") {
            let text = std::fs::read_to_string(&path).expect("utf8");
            ron::from_str::<ron::Value>(&text)
                .unwrap_or_else(|e| panic!("{}: {e}", path.display()));
            seen += 1;
        }
    }
    assert!(seen >= SOURCES.len() + 2, "only {seen} asset files found");
}

#[test]
fn the_typed_assets_load() {
    let assets = Assets::load().expect("assets load");
    assert_eq!(assets.dialogue.steps.len(), 10);
    assert_eq!(assets.dialogue.enquiries.len(), 9);
    assert_eq!(assets.self_energy.qualities.len(), 8);
    assert_eq!(assets.compassion.steps.len(), 3);
    assert!(!assets.grounding.steps.is_empty());
    Keymap::defaults().expect("keymap loads");
    tend::open::demo().expect("demo map loads");
}

#[test]
fn vocabularies_are_big_grouped_and_without_repeats() {
    let assets = Assets::load().expect("assets load");
    let feelings = &assets.feelings;
    let needs = &assets.needs;
    assert!(
        feelings.words.len() >= 120,
        "{} feelings",
        feelings.words.len()
    );
    assert!(needs.words.len() >= 60, "{} needs", needs.words.len());
    assert!(feelings.groups().len() >= 8);
    assert!(needs.groups().len() >= 6);
    for vocab in [feelings, needs] {
        let unique: BTreeSet<_> = vocab.words.iter().map(|w| w.word.to_lowercase()).collect();
        assert_eq!(unique.len(), vocab.words.len(), "a word appears twice");
        assert!(vocab.words.iter().all(|w| !w.word.trim().is_empty()));
    }
    for word in ["anxious", "annoyed", "scared", "curious", "calm", "lonely"] {
        assert!(feelings.contains(word), "{word}");
    }
    for word in ["rest", "safety", "acceptance", "belonging"] {
        assert!(needs.contains(word), "{word}");
    }
}

#[test]
fn the_demo_has_every_role_feelings_needs_body_and_relations() {
    let demo = tend::open::demo().expect("demo");
    assert!(demo.parts.len() >= 5);
    for role in tend::model::Role::ALL {
        assert!(demo.parts.iter().any(|p| p.role == role), "{role:?}");
    }
    assert!(
        demo.parts
            .iter()
            .all(|p| !p.feelings.is_empty() && !p.needs.is_empty())
    );
    assert!(demo.parts.iter().all(|p| !p.body.is_empty()));
    assert!(!demo.relations.is_empty());
}

/// The SPEC's normal-mode keys, each bound to its action on the Parts screen.
#[test]
fn the_keymap_keeps_the_spec_contract() {
    let keymap = Keymap::defaults().expect("keymap");
    let contract: &[(&str, Action)] = &[
        ("q", Action::Quit),
        ("ctrl-c", Action::Quit),
        ("?", Action::Help),
        ("tab", Action::NextPane),
        ("backtab", Action::PrevPane),
        ("up", Action::Up),
        ("down", Action::Down),
        ("j", Action::Down),
        ("k", Action::Up),
        ("a", Action::AddPart),
        ("e", Action::Edit),
        ("enter", Action::Edit),
        ("d", Action::Delete),
        ("u", Action::Undo),
        ("ctrl-r", Action::Redo),
        ("f", Action::AddFeeling),
        ("n", Action::AddNeed),
        ("w", Action::Witness),
        ("p", Action::Pause),
        ("b", Action::Break),
        ("m", Action::PartsMap),
        ("o", Action::Maps),
        ("x", Action::TogglePrivate),
        ("v", Action::Veil),
        ("P", Action::Present),
        ("!", Action::Support),
    ];
    for (key, action) in contract {
        let event = Key::parse(key).expect("key").to_event();
        assert_eq!(
            keymap.resolve(Context::Parts, &event),
            Some(*action),
            "key {key}"
        );
    }
    // Text boxes: Enter keeps a line, Ctrl-s keeps writing, Esc cancels.
    let resolve = |ctx, key: &str| keymap.resolve(ctx, &Key::parse(key).expect("key").to_event());
    assert_eq!(resolve(Context::Line, "enter"), Some(Action::Confirm));
    assert_eq!(resolve(Context::Writing, "ctrl-s"), Some(Action::Confirm));
    assert_eq!(
        resolve(Context::Writing, "enter"),
        None,
        "Enter is a new line"
    );
    assert_eq!(resolve(Context::Writing, "esc"), Some(Action::Cancel));
    assert_eq!(resolve(Context::Confirm, "y"), Some(Action::Yes));
}

#[test]
fn no_key_is_bound_twice_in_one_context() {
    let keymap = Keymap::defaults().expect("keymap");
    for ctx in &keymap.contexts {
        let mut seen = BTreeSet::new();
        for b in &ctx.bindings {
            for k in &b.keys {
                assert!(seen.insert(k.to_string()), "{:?}: {k} twice", ctx.context);
            }
        }
    }
}

#[test]
fn a_user_keys_file_patches_over_the_defaults() {
    let mut keymap = Keymap::defaults().expect("keymap");
    keymap
        .patch("(contexts: [(context: Parts, bindings: [(action: AddPart, keys: [\"+\"])])])")
        .expect("patch");
    let plus = Key::parse("+").expect("key").to_event();
    let a = Key::parse("a").expect("key").to_event();
    assert_eq!(keymap.resolve(Context::Parts, &plus), Some(Action::AddPart));
    assert_eq!(keymap.resolve(Context::Parts, &a), None);
    let before = keymap.clone();
    let bad = "(contexts: [(context: Parts, bindings: [(action: Quit, keys: [\"Q\"]), \
               (action: AddPart, keys: [\"hyper-x\"])])])";
    assert!(keymap.patch(bad).is_err());
    assert_eq!(keymap, before, "a file with an error changes nothing");
}
