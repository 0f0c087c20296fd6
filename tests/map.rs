//! The parts map and the Maps screen, driven by keys: selecting by direction, moving parts,
//! laying out, building relations, the mouse, and choosing, naming and archiving maps.

mod support;

use support::*;
use tend::Effect;
use tend::model::{Position, RelationKind};
use tend::msg::{Mouse, MouseKind, Msg};
use tend::state::{MapEntry, Modal, NameFor, Screen};

fn critic_and_little_one() -> tend::Model {
    let mut m = empty();
    add_part(&mut m, "The Critic");
    add_part(&mut m, "Little One");
    add_part(&mut m, "The Drinker");
    press(&mut m, "g");
    m
}

fn relation(m: &mut tend::Model, other: &str, kind: &str, note: &str) -> Vec<Effect> {
    press(m, "r");
    typed(m, other);
    press(m, "Enter");
    typed(m, kind);
    press(m, "Enter");
    typed(m, note);
    press(m, "Enter")
}

#[test]
fn building_relations_by_typing() {
    let mut m = critic_and_little_one();
    press(&mut m, "m");
    assert!(matches!(m.screen, Screen::Map));
    let effects = relation(&mut m, "little", "protects", "keeps her hidden");
    assert_eq!(effects, vec![Effect::Save]);
    let r = &m.map.relations[0];
    assert_eq!((r.from.0, r.to.0, r.kind), (1, 2, RelationKind::Protects));
    assert_eq!(r.note, "keeps her hidden");
    // "is protected by" turns the direction around; the note may be left empty.
    press(&mut m, "j");
    let drinker = m.selected_part().map(|p| p.name.clone());
    relation(&mut m, "critic", "polarized", "");
    let r = &m.map.relations[1];
    assert_eq!(r.kind, RelationKind::Polarized);
    assert_eq!(r.note, "");
    assert!(drinker.is_some());
    // The same relation is not added twice.
    m.selected = 0;
    let before = m.map.relations.len();
    relation(&mut m, "little", "protects", "");
    assert_eq!(m.map.relations.len(), before);
    assert!(
        m.notice
            .as_ref()
            .is_some_and(|n| n.text.contains("already"))
    );
}

#[test]
fn protected_by_reverses_the_arrow() {
    let mut m = critic_and_little_one();
    press(&mut m, "m j");
    let little = m.selected_part().map(|p| p.id).expect("selected");
    relation(&mut m, "critic", "protected", "");
    let r = &m.map.relations[0];
    assert_eq!(r.kind, RelationKind::Protects);
    assert_eq!(r.to, little);
}

#[test]
fn relations_show_on_both_parts_and_can_be_deleted_and_undone() {
    let mut m = critic_and_little_one();
    press(&mut m, "m");
    relation(&mut m, "little", "allied", "");
    press(&mut m, "Esc");
    let text = screen_text(&m, 120, 40);
    assert!(text.contains("allied with ? Little One"), "{text}");
    press(&mut m, "j");
    let text = screen_text(&m, 120, 40);
    assert!(text.contains("allied with ? The Critic"), "{text}");
    press(&mut m, "Tab End d y");
    assert!(m.map.relations.is_empty());
    press(&mut m, "u");
    assert_eq!(m.map.relations.len(), 1);
}

#[test]
fn moving_a_node_saves_its_place_and_fixes_the_others() {
    let mut m = critic_and_little_one();
    press(&mut m, "m");
    // The first look at the map fixes where every part is drawn.
    assert!(m.map.parts.iter().all(|p| p.position.is_some()));
    let placed = m.map.clone();
    let before = tend::geometry::positions(&m.map);
    let critic = m.map.parts[0].id;
    let effects = press(&mut m, "L L J");
    assert!(effects.contains(&Effect::Save));
    let start = before[&critic];
    assert_eq!(
        m.map.parts[0].position,
        Some(Position {
            x: start.x + 4,
            y: start.y + 1
        })
    );
    // Everyone else stays where they were drawn.
    for p in &m.map.parts[1..] {
        assert_eq!(p.position, Some(before[&p.id]));
    }
    press(&mut m, "u u u");
    assert_eq!(m.map, placed);
    press(&mut m, "u");
    assert!(m.map.parts.iter().all(|p| p.position.is_none()));
}

#[test]
fn arrows_select_the_nearest_part_that_way() {
    let mut m = critic_and_little_one();
    press(&mut m, "m");
    let pos = tend::geometry::positions(&m.map);
    let here = pos[&m.map.parts[0].id];
    for key in ["Left", "Right", "Up", "Down"] {
        let mut probe = m.clone();
        press(&mut probe, key);
        let now = probe.selected_part().map(|p| pos[&p.id]).expect("a part");
        match key {
            "Left" if now != here => assert!(now.x < here.x),
            "Right" if now != here => assert!(now.x > here.x),
            "Up" if now != here => assert!(now.y < here.y),
            "Down" if now != here => assert!(now.y > here.y),
            _ => {}
        }
    }
}

#[test]
fn relayout_places_every_part_and_undo_takes_it_back() {
    let mut m = demo();
    press(&mut m, "m");
    let placed = m.map.clone();
    press(&mut m, "L L =");
    assert_eq!(
        tend::geometry::positions(&m.map),
        tend::geometry::layout(&m.map)
    );
    press(&mut m, "u");
    assert_ne!(
        m.map, placed,
        "undo takes back the new layout, not the move before it"
    );
    press(&mut m, "u u");
    assert_eq!(m.map, placed);
}

#[test]
fn a_part_added_to_a_placed_map_gets_a_free_place_of_its_own() {
    let mut m = demo();
    press(&mut m, "m");
    add_part(&mut m, "A new one");
    let new = m.map.parts.last().expect("added");
    assert!(new.position.is_some());
    let w = tend::geometry::label_width(&new.name);
    for other in &m.map.parts[..m.map.parts.len() - 1] {
        let (a, b) = (
            new.position.expect("placed"),
            other.position.expect("placed"),
        );
        assert!(a != b, "{a:?}");
        let _ = w;
    }
}

#[test]
fn the_mouse_selects_and_drags_with_one_undo_step() {
    let mut m = critic_and_little_one();
    send(&mut m, Msg::Resize(100, 30));
    press(&mut m, "m");
    let placed = m.map.clone();
    let term = ratatui::layout::Rect::new(0, 0, 100, 30);
    let layout = tend::geometry::map_layout(tend::geometry::body_of(term, 1), false);
    let fit = tend::geometry::Fit::new(layout.canvas);
    let labels = tend::geometry::labels(&m.map, &fit);
    let (id, rect, _) = labels[1].clone();
    let down = Mouse {
        kind: MouseKind::Down,
        col: rect.x + 1,
        row: rect.y,
    };
    send(&mut m, Msg::Mouse(down));
    assert_eq!(m.selected_part().map(|p| p.id), Some(id));
    let history_before = m.history.clone();
    for dx in 1..=6 {
        let effects = send(
            &mut m,
            Msg::Mouse(Mouse {
                kind: MouseKind::Drag,
                col: rect.x + 1 + dx,
                row: rect.y + 2,
            }),
        );
        assert!(effects.is_empty(), "no save while dragging");
    }
    let effects = send(
        &mut m,
        Msg::Mouse(Mouse {
            kind: MouseKind::Up,
            col: rect.x + 7,
            row: rect.y + 2,
        }),
    );
    assert_eq!(effects, vec![Effect::Save]);
    assert_ne!(m.history, history_before);
    press(&mut m, "u");
    assert_eq!(m.map, placed, "one undo takes the whole drag back");
}

fn entry(name: &str, title: &str) -> MapEntry {
    MapEntry {
        path: format!("/maps/{name}.ron").into(),
        name: name.into(),
        title: title.into(),
        parts: 3,
        changed: None,
        problem: None,
    }
}

#[test]
fn the_maps_screen_lists_filters_and_opens() {
    let mut m = empty();
    let effects = press(&mut m, "o");
    assert_eq!(effects, vec![Effect::ListMaps]);
    send(
        &mut m,
        Msg::MapsListed(vec![
            entry("sam", "Sam"),
            entry("alex", "Alex"),
            entry("robin", "Robin"),
        ]),
    );
    typed(&mut m, "alx");
    let Screen::Maps(view) = &m.screen else {
        panic!("on the Maps screen")
    };
    assert_eq!(view.current().map(|e| e.name.as_str()), Some("alex"));
    let effects = press(&mut m, "Enter");
    assert_eq!(effects, vec![Effect::OpenMap("/maps/alex.ron".into())]);
}

#[test]
fn new_rename_copy_and_archive_ask_for_names() {
    let mut m = empty();
    press(&mut m, "o");
    send(&mut m, Msg::MapsListed(vec![entry("sam", "Sam")]));
    press(&mut m, "ctrl-o");
    typed(&mut m, "Jo (Tuesdays)");
    assert_eq!(
        press(&mut m, "Enter"),
        vec![Effect::CreateMap("Jo (Tuesdays)".into())]
    );
    // (The event loop would open the new map; here the screen is simply shown again.)
    m.screen = Screen::Parts;
    press(&mut m, "o");
    send(&mut m, Msg::MapsListed(vec![entry("sam", "Sam")]));
    press(&mut m, "ctrl-r");
    let Screen::Maps(view) = &m.screen else {
        panic!()
    };
    assert!(matches!(
        view.naming.as_ref().map(|n| &n.purpose),
        Some(NameFor::Rename(_))
    ));
    typed(&mut m, " K.");
    assert_eq!(
        press(&mut m, "Enter"),
        vec![Effect::RenameMap {
            path: "/maps/sam.ron".into(),
            title: "Sam K.".into()
        }]
    );
    // Archiving needs the map's name typed exactly.
    press(&mut m, "ctrl-a");
    typed(&mut m, "sa");
    assert!(press(&mut m, "Enter").is_empty());
    typed(&mut m, "m");
    assert_eq!(
        press(&mut m, "Enter"),
        vec![Effect::ArchiveMap("/maps/sam.ron".into())]
    );
    press(&mut m, "ctrl-s");
    typed(&mut m, "a copy");
    assert_eq!(
        press(&mut m, "Enter"),
        vec![Effect::CopyMap("a copy".into())]
    );
}

#[test]
fn the_maps_screen_is_refused_while_presenting() {
    let mut m = empty();
    press(&mut m, "P");
    assert!(m.presenting);
    assert!(press(&mut m, "o").is_empty());
    assert!(matches!(m.screen, Screen::Parts));
    assert!(
        m.notice
            .as_ref()
            .is_some_and(|n| n.text.contains("hidden while presenting"))
    );
    // Turning presenting on from the Maps screen leaves it.
    press(&mut m, "P o");
    assert!(matches!(m.screen, Screen::Maps(_)));
    m.presenting = true;
    let text = screen_text(&m, 100, 30);
    assert!(!text.contains("Your maps"), "{text}");
}

#[test]
fn theme_cycles_and_is_saved_but_presenting_stays_high_contrast() {
    use tend::ui::theme::ThemeName;
    let mut m = empty();
    assert_eq!(press(&mut m, "T"), vec![Effect::SaveConfig]);
    assert_eq!(m.config.theme, ThemeName::HighContrast);
    assert_eq!(m.theme.name, ThemeName::HighContrast);
    press(&mut m, "T");
    assert_eq!(m.theme.name, ThemeName::NoColor);
    press(&mut m, "P");
    assert_eq!(m.theme.name, ThemeName::HighContrast);
    press(&mut m, "P");
    assert_eq!(m.theme.name, ThemeName::NoColor);
    m.no_color = true;
    assert!(press(&mut m, "T").is_empty());
}

#[test]
fn a_relation_picker_without_another_part_explains() {
    let mut m = empty();
    add_part(&mut m, "Alone");
    press(&mut m, "m r");
    assert!(m.modal.is_none());
    assert!(matches!(m.modal, None | Some(Modal::Picker(_))));
    assert!(
        m.notice
            .as_ref()
            .is_some_and(|n| n.text.contains("two parts"))
    );
}
