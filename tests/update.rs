//! `update` on its own: messages in, model and effects out, no keymap involved.

mod support;

use support::*;
use tend::msg::{Action, Effect, Msg};
use tend::state::{Modal, Pane};
use tend::store::SaveState;

#[test]
fn save_state_reports_change_the_header_state_only() {
    let mut m = demo();
    let before = m.map.clone();
    let effects = send(
        &mut m,
        Msg::SaveState(SaveState::Failed("the disk is full".into())),
    );
    assert!(effects.is_empty());
    assert_eq!(m.save, SaveState::Failed("the disk is full".into()));
    assert_eq!(m.map, before);
}

#[test]
fn a_text_key_with_no_box_open_changes_nothing() {
    let mut m = demo();
    let before = m.map.clone();
    let input = ratatui_textarea::Input {
        key: ratatui_textarea::Key::Char('a'),
        ..Default::default()
    };
    assert!(send(&mut m, Msg::Key(input)).is_empty());
    assert_eq!(m.map, before);
    assert!(m.modal.is_none());
}

#[test]
fn paste_outside_a_box_explains_where_it_can_go() {
    let mut m = demo();
    send(&mut m, Msg::Paste("hello".into()));
    assert!(
        m.notice
            .as_ref()
            .is_some_and(|n| n.text.contains("open a text box"))
    );
}

#[test]
fn editing_with_no_parts_says_how_to_begin() {
    let mut m = empty();
    for action in [Action::Edit, Action::AddFeeling, Action::AddNeed] {
        assert!(send(&mut m, Msg::Do(action)).is_empty());
        assert!(m.modal.is_none());
        assert!(
            m.notice
                .as_ref()
                .is_some_and(|n| n.text.contains("Press a")),
            "{action:?}"
        );
    }
    // Tab does not wander into panes that have nothing to show.
    send(&mut m, Msg::Do(Action::NextPane));
    assert_eq!(m.focus, Pane::List);
}

#[test]
fn add_part_opens_a_one_line_box_and_confirm_adds_and_saves() {
    let mut m = empty();
    send(&mut m, Msg::Do(Action::AddPart));
    let Some(Modal::Editor(editor)) = &m.modal else {
        panic!("an editor opens");
    };
    assert!(editor.single_line);
    send(&mut m, Msg::Paste("Little one".into()));
    let effects = send(&mut m, Msg::Do(Action::Confirm));
    assert_eq!(effects, vec![Effect::Save]);
    assert_eq!(m.map.parts[0].name, "Little one");
}

#[test]
fn a_notice_lasts_until_the_next_action() {
    let mut m = empty();
    send(&mut m, Msg::Do(Action::Undo));
    assert!(m.notice.is_some());
    send(&mut m, Msg::Do(Action::Down));
    assert!(m.notice.is_none());
}

#[test]
fn undo_says_what_it_undid() {
    let mut m = empty();
    add_part(&mut m, "The Critic");
    press(&mut m, "f");
    typed(&mut m, "anxious");
    press(&mut m, "Enter");
    let effects = send(&mut m, Msg::Do(Action::Undo));
    assert_eq!(effects, vec![Effect::Save]);
    assert_eq!(
        m.notice.as_ref().map(|n| n.text.as_str()),
        Some("Undone: added anxious to The Critic.")
    );
}
