//! Render snapshots at 80×24 and 120×40 (text only), plus explicit checks of the styles that
//! carry meaning and of drawing at every small size.

mod support;

use insta::assert_snapshot;
use ratatui::style::{Color, Modifier};
use support::*;
use tend::model::Map;
use tend::state::{Screen, Source};
use tend::store::{LoadError, LoadProblem};
use tend::ui::theme::Theme;

fn both(name: &str, model: &tend::Model) {
    assert_snapshot!(format!("{name}_80x24"), screen_text(model, 80, 24));
    assert_snapshot!(format!("{name}_120x40"), screen_text(model, 120, 40));
}

#[test]
fn empty_map() {
    both("empty", &empty());
}

#[test]
fn populated_map() {
    let mut m = demo();
    both("demo_list", &m);
    press(&mut m, "Tab");
    while m.current_part_row() != Some(tend::state::PartRow::Feeling(0)) {
        press(&mut m, "Down");
    }
    both("demo_feeling_selected", &m);
}

#[test]
fn feeling_picker_filtered() {
    let mut m = demo();
    press(&mut m, "f");
    typed(&mut m, "anx");
    both("feeling_picker", &m);
}

#[test]
fn need_picker_unfiltered_and_own_word() {
    let mut m = demo();
    press(&mut m, "j n");
    both("need_picker", &m);
    typed(&mut m, "a long bath");
    both("need_picker_own_word", &m);
}

#[test]
fn help_overlay() {
    let mut m = demo();
    press(&mut m, "?");
    both("help", &m);
}

#[test]
fn editor_and_confirm() {
    let mut m = demo();
    press(&mut m, "Tab Tab e");
    typed(&mut m, " And louder on Mondays.");
    both("notes_editor", &m);
    press(&mut m, "Esc");
    both("notes_editor_asking", &m);
    press(&mut m, "y d");
    both("confirm_delete", &m);
}

#[test]
fn a_map_that_would_not_load() {
    let mut m = model_with(Map::new(""));
    m.source = Source::File("/home/sam/maps/meadow.ron".into());
    m.screen = Screen::LoadFailed(LoadError {
        path: "/home/sam/maps/meadow.ron".into(),
        problem: LoadProblem::Syntax {
            line: 12,
            col: 4,
            what: "a quote that never closes".into(),
        },
    });
    both("load_failed", &m);
    m.rescue = Some((
        "/home/sam/.local/share/tend/backups/meadow/x.ron".into(),
        "2026-11-24T21:40:00Z".parse().expect("time"),
    ));
    both("load_failed_with_backup", &m);
}

#[test]
fn a_tiny_terminal_asks_for_room() {
    assert_snapshot!("tiny_20x6", screen_text(&demo(), 20, 6));
}

#[test]
fn every_small_size_draws_without_panicking() {
    let mut models = vec![empty(), demo()];
    let mut with_picker = demo();
    press(&mut with_picker, "f");
    typed(&mut with_picker, "zz");
    models.push(with_picker);
    let mut with_help = demo();
    press(&mut with_help, "? PageDown PageDown PageDown");
    models.push(with_help);
    let mut with_editor = demo();
    press(&mut with_editor, "Tab Tab e");
    models.push(with_editor);
    let widths = [
        1, 2, 3, 5, 8, 13, 20, 35, 36, 37, 40, 50, 59, 60, 63, 64, 65, 80, 95, 96,
    ];
    let heights = [1, 2, 3, 5, 7, 8, 9, 12, 17, 24];
    for m in &models {
        for w in widths {
            for h in heights {
                render(m, w, h);
            }
        }
    }
}

#[test]
fn focused_selection_is_reversed_and_marked() {
    let m = demo();
    let backend = render(&m, 100, 30);
    let buf = backend.buffer();
    // Row 2 is the first part; the marker is a glyph, not only a style.
    assert_eq!(buf[(1, 2)].symbol(), "›");
    assert!(buf[(4, 2)].modifier.contains(Modifier::REVERSED));
    assert!(!buf[(4, 3)].modifier.contains(Modifier::REVERSED));
}

#[test]
fn no_color_theme_sets_no_colour_anywhere() {
    for style in Theme::no_color().all_styles() {
        assert_eq!((style.fg, style.bg), (None, None), "{style:?}");
    }
    let mut m = demo();
    m.theme = Theme::no_color();
    let mut models = vec![m];
    let mut with_picker = demo();
    with_picker.theme = Theme::no_color();
    press(&mut with_picker, "f");
    typed(&mut with_picker, "sa");
    models.push(with_picker);
    let mut with_editor = demo();
    with_editor.theme = Theme::no_color();
    press(&mut with_editor, "Tab Tab e");
    models.push(with_editor);
    for m in &models {
        let backend = render(m, 120, 40);
        for cell in backend.buffer().content() {
            assert_eq!(cell.fg, Color::Reset, "{cell:?}");
            assert_eq!(cell.bg, Color::Reset, "{cell:?}");
        }
    }
}

#[test]
fn roles_show_as_glyph_and_word_not_colour_alone() {
    let text = screen_text(&demo(), 120, 40);
    for glyph in [
        "▲ The Critic",
        "◆ Saturday night",
        "● Little one",
        "? The fog",
    ] {
        assert!(text.contains(glyph), "{glyph}\n{text}");
    }
    assert!(text.contains("▲ manager"));
}

fn witnessing() -> tend::Model {
    // The demo's Critic, with its earlier dialogue and an open commitment: begin past it.
    let mut m = demo();
    press(&mut m, "w Enter");
    typed(&mut m, "The review is tomorrow — it’s loud again 🦉");
    press(&mut m, "Enter");
    m
}

#[test]
fn witness_screen_writing() {
    let mut m = witnessing();
    press(&mut m, "ctrl-n");
    typed(&mut m, "I can stay with it");
    press(&mut m, "Enter");
    typed(&mut m, "curious, a bit");
    both("witness_writing", &m);
}

#[test]
fn witness_screen_commitments_first() {
    let mut m = demo();
    press(&mut m, "w");
    both("witness_commitments", &m);
}

#[test]
fn witness_body_map() {
    let mut m = witnessing();
    press(&mut m, "Up Left");
    both("witness_body", &m);
}

#[test]
fn witness_concerned_part() {
    let mut m = witnessing();
    press(&mut m, "ctrl-n ctrl-n ctrl-n");
    typed(&mut m, "annoyed, honestly");
    press(&mut m, "Enter");
    both("witness_concern", &m);
}

#[test]
fn pacer_fixed_frame() {
    let mut m = witnessing();
    press(&mut m, "Tab");
    typed(&mut m, "half a thought");
    press(&mut m, "ctrl-p");
    m.now = clock() + jiff::SignedDuration::from_millis(2_500);
    both("pacer_breathing_in", &m);
    m.now = clock() + jiff::SignedDuration::from_millis(7_000);
    both("pacer_breathing_out", &m);
}

#[test]
fn self_compassion_break() {
    let mut m = demo();
    press(&mut m, "b");
    both("break_first_step", &m);
    typed(&mut m, "this is a hard week");
    press(&mut m, "Enter Enter Enter");
    both("break_end", &m);
}

#[test]
fn support_with_and_without_contacts() {
    let mut m = demo();
    press(&mut m, "!");
    both("support_empty", &m);
    m.config.contacts.push(tend::config::Contact {
        name: "Sam".into(),
        how: "07700 900123".into(),
    });
    both("support_contact", &m);
}

#[test]
fn reading_a_past_dialogue() {
    let mut m = demo();
    press(&mut m, "Tab Tab");
    both("parts_with_dialogues", &m);
    press(&mut m, "Enter");
    both("reading", &m);
}

fn map_snapshots(name: &str, model: &tend::Model) {
    assert_snapshot!(format!("{name}_80x24"), screen_text(model, 80, 24));
    assert_snapshot!(format!("{name}_160x48"), screen_text(model, 160, 48));
}

#[test]
fn the_parts_map() {
    let mut m = demo();
    press(&mut m, "m");
    map_snapshots("map", &m);
    press(&mut m, "P");
    map_snapshots("map_presenting", &m);
    press(&mut m, "v");
    map_snapshots("map_veiled", &m);
}

#[test]
fn the_parts_screen_presenting_and_veiled() {
    let mut m = demo();
    press(&mut m, "Tab P");
    both("parts_presenting", &m);
    press(&mut m, "v");
    both("parts_veiled", &m);
}

#[test]
fn the_maps_screen() {
    let mut m = demo();
    press(&mut m, "o");
    let at: jiff::Timestamp = "2026-11-24T18:30:00Z".parse().expect("time");
    let entry = |name: &str, title: &str, parts| tend::state::MapEntry {
        path: format!("/home/t/maps/{name}.ron").into(),
        name: name.into(),
        title: title.into(),
        parts,
        changed: Some(at),
        problem: None,
    };
    let mut broken = entry("old", "", 0);
    broken.problem = Some("the file ends before the map does".into());
    tend::update(
        &mut m,
        tend::Msg::MapsListed(vec![
            entry("alex", "Alex", 4),
            entry("jo-tuesdays", "Jo (Tuesdays)", 7),
            broken,
            entry("sam", "Sam K.", 12),
        ]),
    );
    both("maps", &m);
    press(&mut m, "ctrl-a");
    both("maps_archive", &m);
}
