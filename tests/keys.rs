//! Key-sequence tests: keys go through the real keymap and update, as a person would type
//! them, and the model is checked afterwards.

mod support;

use support::*;
use tend::Effect;
use tend::model::{BurdenOrigin, Region, Role, Side, Status, TextField};
use tend::msg::Msg;
use tend::state::{Modal, Pane, PartRow};

#[test]
fn adding_a_part_by_typing_its_name() {
    let mut m = empty();
    let effects = add_part(&mut m, "The Critic 🦉");
    assert_eq!(m.map.parts.len(), 1);
    assert_eq!(m.map.parts[0].name, "The Critic 🦉");
    assert_eq!(m.map.parts[0].role, Role::Unsure);
    assert_eq!(m.map.parts[0].created, clock());
    assert!(m.modal.is_none());
    assert_eq!(effects, vec![Effect::Save]);
}

#[test]
fn a_part_needs_a_name_and_esc_adds_nothing() {
    let mut m = empty();
    press(&mut m, "a");
    typed(&mut m, "   ");
    let effects = press(&mut m, "Enter");
    assert!(effects.is_empty());
    assert!(
        matches!(m.modal, Some(Modal::Editor(_))),
        "the box stays open"
    );
    assert!(
        m.notice
            .as_ref()
            .is_some_and(|n| n.text.contains("needs a name"))
    );
    press(&mut m, "Esc");
    assert!(m.modal.is_none());
    assert!(m.map.parts.is_empty());
}

#[test]
fn ids_stay_unique_after_deleting() {
    let mut m = empty();
    add_part(&mut m, "One");
    add_part(&mut m, "Two");
    press(&mut m, "d y");
    add_part(&mut m, "Three");
    let ids: Vec<u32> = m.map.parts.iter().map(|p| p.id.0).collect();
    assert_eq!(
        ids,
        vec![1, 3],
        "a deleted part's id is never given out again"
    );
    assert_eq!(m.map.parts[1].name, "Three");
}

#[test]
fn picking_a_feeling_and_adjusting_its_intensity() {
    let mut m = empty();
    add_part(&mut m, "The Critic");
    press(&mut m, "f");
    typed(&mut m, "anxious");
    let effects = press(&mut m, "Enter");
    assert_eq!(effects, vec![Effect::Save]);
    let f = &m.map.parts[0].feelings;
    assert_eq!((f[0].word.as_str(), f[0].intensity), ("anxious", 5));
    // The new feeling is selected, so the arrows adjust it straight away.
    assert_eq!(m.focus, Pane::Part);
    assert_eq!(m.current_part_row(), Some(PartRow::Feeling(0)));
    press(&mut m, "Right Right +");
    assert_eq!(m.map.parts[0].feelings[0].intensity, 8);
    press(&mut m, "- Left");
    assert_eq!(m.map.parts[0].feelings[0].intensity, 6);
    press(&mut m, "+ + + + + + + +");
    assert_eq!(m.map.parts[0].feelings[0].intensity, 10);
    press(&mut m, "- - - - - - - - - - - -");
    assert_eq!(m.map.parts[0].feelings[0].intensity, 0);
}

#[test]
fn fuzzy_filter_picks_the_close_word() {
    let mut m = empty();
    add_part(&mut m, "Saturday night");
    press(&mut m, "f");
    typed(&mut m, "restl");
    press(&mut m, "Enter");
    assert_eq!(m.map.parts[0].feelings[0].word, "restless");
}

#[test]
fn a_word_not_in_the_list_is_the_persons_own() {
    let mut m = empty();
    add_part(&mut m, "The fog");
    press(&mut m, "f");
    typed(&mut m, "underwater");
    press(&mut m, "Enter");
    assert_eq!(m.map.parts[0].feelings[0].word, "underwater");
    press(&mut m, "n");
    typed(&mut m, "a slow morning");
    press(&mut m, "Enter");
    assert_eq!(m.map.parts[0].needs[0].word, "a slow morning");
}

#[test]
fn the_same_feeling_is_not_added_twice() {
    let mut m = empty();
    add_part(&mut m, "The Critic");
    press(&mut m, "f");
    typed(&mut m, "anxious");
    press(&mut m, "Enter f");
    typed(&mut m, "Anxious");
    let effects = press(&mut m, "Enter");
    assert!(effects.is_empty());
    assert_eq!(m.map.parts[0].feelings.len(), 1);
    assert!(
        m.notice
            .as_ref()
            .is_some_and(|n| n.text.contains("already"))
    );
}

#[test]
fn a_need_starts_unmet_and_space_toggles_it() {
    let mut m = empty();
    add_part(&mut m, "The Critic");
    press(&mut m, "n");
    typed(&mut m, "rest");
    press(&mut m, "Enter");
    assert!(!m.map.parts[0].needs[0].met);
    press(&mut m, "Space");
    assert!(m.map.parts[0].needs[0].met);
    press(&mut m, "Space");
    assert!(!m.map.parts[0].needs[0].met);
}

#[test]
fn removing_a_feeling_and_a_need_asks_first() {
    let mut m = empty();
    add_part(&mut m, "The Critic");
    press(&mut m, "f");
    typed(&mut m, "anxious");
    press(&mut m, "Enter n");
    typed(&mut m, "rest");
    press(&mut m, "Enter");
    // The need is selected; d asks, n keeps it, d y removes it.
    press(&mut m, "d n");
    assert_eq!(m.map.parts[0].needs.len(), 1);
    press(&mut m, "d y");
    assert!(m.map.parts[0].needs.is_empty());
    press(&mut m, "Home");
    while m.current_part_row() != Some(PartRow::Feeling(0)) {
        press(&mut m, "Down");
    }
    press(&mut m, "d y");
    assert!(m.map.parts[0].feelings.is_empty());
}

#[test]
fn renaming_from_the_list() {
    let mut m = empty();
    add_part(&mut m, "Critic");
    press(&mut m, "e Home");
    typed(&mut m, "The ");
    press(&mut m, "Enter");
    assert_eq!(m.map.parts[0].name, "The Critic");
}

#[test]
fn writing_a_multi_line_field_and_keeping_it_with_ctrl_s() {
    let mut m = empty();
    add_part(&mut m, "The Critic");
    press(&mut m, "Tab");
    while m.current_part_row() != Some(PartRow::Field(TextField::Job)) {
        press(&mut m, "Down");
    }
    press(&mut m, "Enter");
    assert!(matches!(m.modal, Some(Modal::Editor(ref e)) if !e.single_line));
    typed(&mut m, "points out mistakes");
    press(&mut m, "Enter");
    typed(&mut m, "before anyone else can");
    press(&mut m, "ctrl-s");
    assert!(m.modal.is_none());
    assert_eq!(
        m.map.parts[0].job,
        "points out mistakes\nbefore anyone else can"
    );
}

#[test]
fn esc_with_unkept_words_asks_before_leaving() {
    let mut m = empty();
    add_part(&mut m, "The Critic");
    press(&mut m, "Tab Tab e");
    typed(&mut m, "Loudest before meetings.");
    press(&mut m, "Esc");
    assert!(matches!(m.modal, Some(Modal::Editor(ref e)) if e.asking_discard));
    press(&mut m, "n");
    assert!(matches!(m.modal, Some(Modal::Editor(ref e)) if !e.asking_discard));
    typed(&mut m, " Always.");
    press(&mut m, "ctrl-s");
    assert_eq!(m.map.parts[0].notes, "Loudest before meetings. Always.");
    press(&mut m, "e");
    typed(&mut m, " More.");
    press(&mut m, "Esc y");
    assert!(m.modal.is_none());
    assert_eq!(m.map.parts[0].notes, "Loudest before meetings. Always.");
}

#[test]
fn quitting_while_writing_keeps_the_words() {
    let mut m = empty();
    add_part(&mut m, "The Critic");
    press(&mut m, "Tab Tab e");
    typed(&mut m, "Don't lose this.");
    let effects = press(&mut m, "ctrl-c");
    assert_eq!(effects, vec![Effect::Save, Effect::Quit]);
    assert_eq!(m.map.parts[0].notes, "Don't lose this.");
}

#[test]
fn setting_role_and_status_from_their_lists() {
    let mut m = empty();
    add_part(&mut m, "Little one");
    press(&mut m, "Tab Down Enter");
    typed(&mut m, "exi");
    press(&mut m, "Enter");
    assert_eq!(m.map.parts[0].role, Role::Exile);
    press(&mut m, "Down Enter Down Down Enter");
    assert_eq!(m.map.parts[0].status, Status::Befriended);
}

#[test]
fn adding_a_place_in_the_body() {
    let mut m = empty();
    add_part(&mut m, "The Critic");
    press(&mut m, "Tab End");
    assert_eq!(m.current_part_row(), Some(PartRow::AddBody));
    press(&mut m, "Enter");
    typed(&mut m, "chest");
    press(&mut m, "Enter Enter");
    typed(&mut m, "tight");
    press(&mut m, "Enter");
    let spot = &m.map.parts[0].body[0];
    assert_eq!(
        (spot.region, spot.side, spot.sensation.as_str()),
        (Region::Chest, Side::Centre, "tight")
    );
}

#[test]
fn burdens_are_one_per_line_and_keep_their_origin() {
    let mut m = empty();
    add_part(&mut m, "The Critic");
    press(&mut m, "Tab");
    while m.current_part_row() != Some(PartRow::Field(TextField::Burdens)) {
        press(&mut m, "Down");
    }
    press(&mut m, "Enter");
    typed(&mut m, "I must be perfect");
    press(&mut m, "Enter");
    typed(&mut m, "nobody is coming");
    press(&mut m, "ctrl-s");
    assert_eq!(m.map.parts[0].burdens.len(), 2);
    assert_eq!(m.current_part_row(), Some(PartRow::Burden(0)));
    press(&mut m, "Space Space");
    assert_eq!(m.map.parts[0].burdens[0].origin, BurdenOrigin::Legacy);
    // Editing the lines again keeps the origin of an unchanged burden.
    press(&mut m, "Enter");
    press(&mut m, "ctrl-s");
    assert_eq!(m.map.parts[0].burdens[0].origin, BurdenOrigin::Legacy);
}

#[test]
fn x_marks_a_field_private_and_back() {
    let mut m = empty();
    add_part(&mut m, "The Critic");
    press(&mut m, "Tab");
    while m.current_part_row() != Some(PartRow::Field(TextField::Fears)) {
        press(&mut m, "Down");
    }
    press(&mut m, "x");
    assert!(m.map.parts[0].is_private(TextField::Fears));
    press(&mut m, "x");
    assert!(!m.map.parts[0].is_private(TextField::Fears));
    // Notes start private.
    assert!(m.map.parts[0].is_private(TextField::Notes));
}

#[test]
fn delete_asks_then_undo_and_redo_bring_it_back_and_away() {
    let mut m = empty();
    add_part(&mut m, "The Critic");
    press(&mut m, "d");
    assert!(matches!(m.modal, Some(Modal::Confirm(_))));
    press(&mut m, "n");
    assert_eq!(m.map.parts.len(), 1);
    press(&mut m, "d y");
    assert!(m.map.parts.is_empty());
    let effects = press(&mut m, "u");
    assert_eq!(m.map.parts.len(), 1);
    assert_eq!(effects, vec![Effect::Save]);
    press(&mut m, "ctrl-r");
    assert!(m.map.parts.is_empty());
}

#[test]
fn every_change_can_be_undone_back_to_the_start() {
    let mut m = empty();
    let start = m.map.clone();
    add_part(&mut m, "The Critic");
    press(&mut m, "f");
    typed(&mut m, "anxious");
    press(&mut m, "Enter + + n");
    typed(&mut m, "rest");
    press(&mut m, "Enter Space Home x");
    let end = m.map.clone();
    for _ in 0..20 {
        press(&mut m, "u");
    }
    assert_eq!(m.map, start);
    assert!(
        m.notice
            .as_ref()
            .is_some_and(|n| n.text == "Nothing to undo.")
    );
    for _ in 0..20 {
        press(&mut m, "ctrl-r");
    }
    assert_eq!(m.map, end);
}

#[test]
fn deleting_a_part_takes_its_relations_and_undo_restores_them() {
    let mut m = demo();
    let before = m.map.clone();
    // The Critic is first and in every demo relation.
    press(&mut m, "d y");
    assert!(m.map.relations.is_empty());
    press(&mut m, "u");
    assert_eq!(m.map, before);
}

#[test]
fn pasted_text_has_its_line_endings_normalised() {
    let mut m = empty();
    add_part(&mut m, "The Critic");
    press(&mut m, "Tab Tab e");
    send(
        &mut m,
        Msg::Paste("first line\r\nsecond “line” — ❤️\rthird".into()),
    );
    press(&mut m, "ctrl-s");
    assert_eq!(
        m.map.parts[0].notes,
        "first line\nsecond “line” — ❤️\nthird"
    );
    // In a one-line box, pasted lines become one line.
    press(&mut m, "a");
    send(&mut m, Msg::Paste("Saturday\r\nnight".into()));
    press(&mut m, "Enter");
    assert_eq!(m.map.parts[1].name, "Saturday night");
}

#[test]
fn the_demo_never_asks_for_a_save() {
    let mut m = demo();
    let effects = add_part(&mut m, "New one");
    assert!(effects.is_empty());
    assert_eq!(m.map.parts.len(), 6);
}

#[test]
fn help_opens_scrolls_and_closes() {
    let mut m = empty();
    press(&mut m, "?");
    assert_eq!(m.context(), tend::keymap::Context::Help);
    press(&mut m, "j j");
    press(&mut m, "Esc");
    assert_eq!(m.context(), tend::keymap::Context::Parts);
    // `a` inside help does not add a part.
    press(&mut m, "? a q");
    assert!(m.modal.is_none() && m.map.parts.is_empty());
}

#[test]
fn moving_between_parts_and_panes() {
    let mut m = demo();
    press(&mut m, "j j");
    assert_eq!(m.selected, 2);
    press(&mut m, "k");
    assert_eq!(m.selected, 1);
    press(&mut m, "G");
    assert_eq!(m.selected, 4);
    press(&mut m, "g");
    assert_eq!(m.selected, 0);
    press(&mut m, "Tab");
    assert_eq!(m.focus, Pane::Part);
    press(&mut m, "Tab");
    assert_eq!(m.focus, Pane::Notes);
    press(&mut m, "shift-tab shift-tab");
    assert_eq!(m.focus, Pane::List);
}

#[test]
fn quit_and_suspend_are_effects() {
    let mut m = empty();
    assert_eq!(press(&mut m, "q"), vec![Effect::Quit]);
    assert_eq!(press(&mut m, "ctrl-z"), vec![Effect::Suspend]);
    assert_eq!(press(&mut m, "ctrl-c"), vec![Effect::Quit]);
}
