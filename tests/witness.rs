//! Witnessing, driven by keys: a whole session, both feel-toward branches, the body map,
//! needs, commitments, the pause and the break, support contacts, and reading it back.

mod support;

use support::*;
use tend::Effect;
use tend::dialogue::Step;
use tend::model::{CommitmentState, Entry, Region, Role, Side, Speaker};
use tend::msg::Msg;
use tend::state::{Modal, Mode, Overlay, Pane, Screen};

fn critic() -> tend::Model {
    let mut m = empty();
    add_part(&mut m, "The Critic");
    m
}

fn answer(m: &mut tend::Model, text: &str) -> Vec<Effect> {
    typed(m, text);
    press(m, "Enter")
}

fn mode(m: &tend::Model) -> Mode {
    m.witness().expect("on the Witness screen").mode.clone()
}

fn session(m: &tend::Model) -> &tend::model::Session {
    let id = m.witness().and_then(|w| w.session).expect("a session");
    m.map.session(id).expect("the session exists")
}

#[test]
fn a_whole_session_from_trailhead_to_thanks() {
    let mut m = critic();
    press(&mut m, "w");
    assert!(matches!(m.screen, Screen::Witness(_)));
    assert_eq!(mode(&m), Mode::Writing);
    let effects = answer(&mut m, "A big talk tomorrow");
    assert_eq!(
        effects,
        vec![Effect::Save],
        "each answer is saved as it is sent"
    );
    // Find it: the body map has the keyboard. Mark the throat, then go on.
    assert!(matches!(mode(&m), Mode::Body(_)));
    press(&mut m, "Up Up Up Enter");
    typed(&mut m, "a lump");
    press(&mut m, "Enter ctrl-n");
    answer(&mut m, "I can stay with it");
    answer(&mut m, "small, grey, sharp");
    answer(&mut m, "curious about it");
    // Befriend, written as the part.
    press(&mut m, "ctrl-t");
    answer(&mut m, "I keep you from being laughed at");
    answer(&mut m, "that everyone sees you fail");
    press(&mut m, "ctrl-t");
    answer(&mut m, "to rest");
    assert!(
        matches!(m.modal, Some(Modal::Picker(_))),
        "the needs list opens"
    );
    typed(&mut m, "reassurance");
    press(&mut m, "Enter");
    typed(&mut m, "rest");
    press(&mut m, "Enter Esc");
    answer(&mut m, "Thank it before the talk");
    answer(&mut m, "Thank you");

    let s = session(&m).clone();
    assert!(s.finished);
    let steps: Vec<Option<Step>> = s.turns().map(|t| t.step).collect();
    assert_eq!(
        steps,
        vec![
            Some(Step::Trailhead),
            Some(Step::Focus),
            Some(Step::FleshOut),
            Some(Step::FeelToward),
            Some(Step::Befriend),
            Some(Step::Fears),
            Some(Step::Needs),
            Some(Step::Action),
            Some(Step::Thanks),
        ]
    );
    let speakers: Vec<Speaker> = s.turns().map(|t| t.speaker).collect();
    assert_eq!(speakers[4], Speaker::Part(m.map.parts[0].id));
    assert_eq!(speakers[5], Speaker::Part(m.map.parts[0].id));
    assert_eq!(speakers[6], Speaker::Me);
    assert!(s.turns().all(|t| !t.question.is_empty()));
    assert_eq!(s.commitments.len(), 1);
    assert_eq!(s.commitments[0].text, "Thank it before the talk");
    assert_eq!(s.commitments[0].state, CommitmentState::Open);
    let part = &m.map.parts[0];
    assert!(
        part.body.iter().any(|b| b.region == Region::Throat
            && b.side == Side::Centre
            && b.sensation == "a lump")
    );
    let needs: Vec<(&str, bool)> = part
        .needs
        .iter()
        .map(|n| (n.word.as_str(), n.met))
        .collect();
    assert_eq!(needs, vec![("reassurance", false), ("rest", false)]);
    assert!(s.entries.iter().any(|e| matches!(e, Entry::Body { .. })));
    assert_eq!(
        s.entries
            .iter()
            .filter(|e| matches!(e, Entry::Needs { .. }))
            .count(),
        2
    );
    // Leaving shows the part's dialogues, newest first.
    press(&mut m, "Esc");
    assert!(matches!(m.screen, Screen::Parts));
    assert_eq!(m.focus, Pane::Notes);
    assert_eq!(m.selected_session(), Some(s.id));
}

#[test]
fn feel_toward_annoyed_is_met_kindly_and_step_back_asks_again() {
    let mut m = critic();
    press(&mut m, "w ctrl-n ctrl-n ctrl-n ctrl-n");
    assert_eq!(
        m.witness().map(|w| w.flow.next),
        Some(Some(Step::FeelToward))
    );
    answer(&mut m, "annoyed");
    assert_eq!(mode(&m), Mode::Concern);
    press(&mut m, "s");
    assert_eq!(mode(&m), Mode::Writing);
    assert_eq!(
        m.witness().map(|w| w.flow.next),
        Some(Some(Step::FeelToward))
    );
    assert!(
        session(&m)
            .entries
            .iter()
            .any(|e| matches!(e, Entry::SteppedBack { feeling, .. } if feeling == "annoyed"))
    );
    answer(&mut m, "a little curious now");
    assert_eq!(m.witness().map(|w| w.flow.next), Some(Some(Step::Befriend)));
}

#[test]
fn turning_toward_the_concerned_part_starts_a_branch_with_it() {
    let mut m = critic();
    press(&mut m, "w ctrl-n ctrl-n ctrl-n ctrl-n");
    answer(&mut m, "I want it gone");
    press(&mut m, "t");
    typed(&mut m, "The Judge");
    press(&mut m, "Enter");
    let judge = m
        .map
        .parts
        .iter()
        .find(|p| p.name == "The Judge")
        .expect("created");
    let judge_id = judge.id;
    assert_eq!(judge.role, Role::Unsure);
    let w = m.witness().expect("still witnessing");
    assert_eq!(w.part, Some(judge_id));
    assert_eq!(w.flow.next, Some(Step::FindIt));
    let new_id = w.session.expect("the branch has its session");
    let first = m
        .map
        .sessions
        .iter()
        .find(|s| s.id != new_id)
        .expect("the first");
    assert!(first.entries.iter().any(|e| matches!(
        e,
        Entry::TurnedToward { part, session, .. } if *part == judge_id && *session == new_id
    )));
    assert_eq!(
        first.next,
        Some(Step::FeelToward),
        "the first waits at feel toward"
    );
    let branch = m.map.session(new_id).expect("branch");
    assert!(
        matches!(branch.entries[0], Entry::BranchedFrom { session, .. } if session == first.id)
    );
}

#[test]
fn going_on_past_a_concern_is_allowed() {
    let mut m = critic();
    press(&mut m, "w ctrl-n ctrl-n ctrl-n ctrl-n");
    answer(&mut m, "scared of it");
    press(&mut m, "Enter");
    assert_eq!(m.witness().map(|w| w.flow.next), Some(Some(Step::Befriend)));
}

#[test]
fn skipping_every_question_records_each_skip_once_there_is_a_session() {
    let mut m = critic();
    press(&mut m, "w");
    answer(&mut m, "something happened");
    for _ in 0..9 {
        press(&mut m, "ctrl-n");
    }
    let s = session(&m);
    assert!(s.finished);
    let skipped = s
        .entries
        .iter()
        .filter(|e| matches!(e, Entry::Skipped { .. }))
        .count();
    assert_eq!(skipped, 9);
    assert!(m.witness().is_some_and(|w| w.flow.next.is_none()));
}

#[test]
fn pause_keeps_the_words_and_is_recorded_with_its_length() {
    let mut m = critic();
    press(&mut m, "w");
    answer(&mut m, "first answer");
    press(&mut m, "Tab");
    typed(&mut m, "half a thought");
    press(&mut m, "ctrl-p");
    assert!(matches!(m.overlays.last(), Some(Overlay::Pause(_))));
    assert!(m.animating());
    m.now = clock() + jiff::SignedDuration::from_secs(75);
    send(&mut m, Msg::Tick);
    press(&mut m, "Esc");
    assert!(m.overlays.is_empty());
    assert_eq!(
        m.witness().map(|w| w.text()),
        Some("half a thought".to_string())
    );
    assert!(
        session(&m)
            .entries
            .iter()
            .any(|e| matches!(e, Entry::Pause { seconds: 75, .. }))
    );
}

#[test]
fn a_self_compassion_break_in_a_session_is_kept_in_it() {
    let mut m = critic();
    press(&mut m, "w");
    answer(&mut m, "it hurts today");
    press(&mut m, "Tab ctrl-b");
    typed(&mut m, "this is hard");
    press(&mut m, "Enter");
    typed(&mut m, "others feel this too");
    press(&mut m, "Enter");
    typed(&mut m, "you're doing your best");
    press(&mut m, "Enter Enter");
    assert!(m.overlays.is_empty());
    let lines = session(&m)
        .entries
        .iter()
        .find_map(|e| match e {
            Entry::Break { lines, .. } => Some(lines.clone()),
            _ => None,
        })
        .expect("the break is recorded");
    assert_eq!(
        lines,
        vec![
            "this is hard",
            "others feel this too",
            "you're doing your best"
        ]
    );
}

#[test]
fn a_break_outside_a_session_is_kept_with_the_map_even_if_left_early() {
    let mut m = critic();
    press(&mut m, "b");
    typed(&mut m, "a hard evening");
    let effects = press(&mut m, "Esc");
    assert_eq!(effects, vec![Effect::Save]);
    assert_eq!(m.map.check_ins.len(), 1);
    assert_eq!(m.map.check_ins[0].lines, vec!["a hard evening"]);
    // A break closed without writing anything leaves nothing behind.
    press(&mut m, "b Esc");
    assert_eq!(m.map.check_ins.len(), 1);
}

#[test]
fn support_opens_from_anywhere_and_contacts_are_saved_to_settings() {
    let mut m = critic();
    press(&mut m, "!");
    assert!(matches!(m.overlays.last(), Some(Overlay::Support(_))));
    press(&mut m, "a");
    typed(&mut m, "Sam");
    press(&mut m, "Enter");
    typed(&mut m, "07700 900123");
    let effects = press(&mut m, "Enter");
    assert_eq!(effects, vec![Effect::SaveConfig]);
    assert_eq!(m.config.contacts[0].name, "Sam");
    assert_eq!(m.config.contacts[0].how, "07700 900123");
    press(&mut m, "d n");
    assert_eq!(m.config.contacts.len(), 1);
    assert_eq!(press(&mut m, "d y"), vec![Effect::SaveConfig]);
    assert!(m.config.contacts.is_empty());
    press(&mut m, "Esc");
    assert!(m.overlays.is_empty());
    // In a dialogue: `!` with an empty box, Ctrl-g at any time; the words stay.
    press(&mut m, "w !");
    assert!(matches!(m.overlays.last(), Some(Overlay::Support(_))));
    press(&mut m, "Esc");
    typed(&mut m, "wait!");
    assert!(m.overlays.is_empty(), "a ! inside words is just a !");
    press(&mut m, "ctrl-g");
    assert!(matches!(m.overlays.last(), Some(Overlay::Support(_))));
    press(&mut m, "Esc");
    assert_eq!(m.witness().map(|w| w.text()), Some("wait!".to_string()));
}

#[test]
fn an_exile_is_met_with_a_gentle_note_first() {
    let mut m = empty();
    add_part(&mut m, "Little one");
    press(&mut m, "Tab Down Enter");
    typed(&mut m, "exile");
    press(&mut m, "Enter");
    press(&mut m, "w");
    assert!(matches!(mode(&m), Mode::Intro(tend::state::Intro::Exile)));
    press(&mut m, "Esc");
    assert!(matches!(m.screen, Screen::Parts), "stepping back is fine");
    assert!(m.map.sessions.is_empty());
    press(&mut m, "w Enter");
    assert_eq!(mode(&m), Mode::Writing);
}

#[test]
fn open_commitments_come_first_and_can_be_marked() {
    let mut m = critic();
    press(&mut m, "w");
    for _ in 0..8 {
        press(&mut m, "ctrl-n");
    }
    answer(&mut m, "call Sam on Sunday");
    press(&mut m, "Esc w");
    assert!(matches!(
        mode(&m),
        Mode::Intro(tend::state::Intro::Commitments { .. })
    ));
    press(&mut m, "d");
    let c = &m.map.sessions[0].commitments[0];
    assert!(matches!(c.state, CommitmentState::Done(_)));
    assert_eq!(
        mode(&m),
        Mode::Writing,
        "nothing left open: the dialogue begins"
    );
}

#[test]
fn enquiries_are_asked_once_in_place_of_the_question() {
    let mut m = critic();
    press(&mut m, "w ctrl-e");
    assert!(matches!(m.modal, Some(Modal::Picker(ref p)) if p.rows.len() == 9));
    typed(&mut m, "steering");
    press(&mut m, "Enter");
    let q = m
        .witness()
        .map(|w| w.question(&m.map, &m.assets))
        .unwrap_or_default();
    assert!(q.contains("steering around"), "{q}");
    answer(&mut m, "the phone call");
    assert_eq!(
        m.witness().map(|w| w.flow.next),
        Some(Some(Step::Trailhead))
    );
}

#[test]
fn something_is_up_names_the_part_after_the_first_answer() {
    let mut m = critic();
    press(&mut m, "W");
    assert_eq!(m.witness().map(|w| w.part), Some(None));
    answer(&mut m, "I snapped at my brother");
    assert!(matches!(m.modal, Some(Modal::Picker(_))));
    typed(&mut m, "The Snapper");
    press(&mut m, "Enter");
    let snapper = m
        .map
        .parts
        .iter()
        .find(|p| p.name == "The Snapper")
        .expect("new part");
    assert_eq!(m.witness().and_then(|w| w.part), Some(snapper.id));
    assert_eq!(session(&m).part, Some(snapper.id));
    assert!(matches!(mode(&m), Mode::Body(_)), "find it comes next");
}

#[test]
fn leaving_with_unsent_words_asks_and_can_keep_them() {
    let mut m = critic();
    press(&mut m, "w");
    typed(&mut m, "not sent yet");
    press(&mut m, "Esc");
    assert_eq!(mode(&m), Mode::Leaving);
    press(&mut m, "Esc");
    assert_eq!(mode(&m), Mode::Writing);
    press(&mut m, "Esc y");
    assert!(matches!(m.screen, Screen::Parts));
    let s = &m.map.sessions[0];
    assert_eq!(
        s.turns().next().map(|t| t.text.as_str()),
        Some("not sent yet")
    );
}

#[test]
fn an_unfinished_session_can_be_read_and_continued() {
    let mut m = critic();
    press(&mut m, "w");
    answer(&mut m, "first");
    press(&mut m, "Esc");
    // The dialogue is selected in the third pane: Enter reads it, w continues it.
    press(&mut m, "Enter");
    assert!(matches!(m.screen, Screen::Reading { .. }));
    press(&mut m, "w");
    let w = m.witness().expect("continued");
    assert_eq!(w.flow.next, Some(Step::FindIt));
    assert_eq!(w.session, Some(m.map.sessions[0].id));
    press(&mut m, "Tab");
    answer(&mut m, "second");
    assert_eq!(m.map.sessions.len(), 1);
    assert_eq!(m.map.sessions[0].turns().count(), 2);
}

#[test]
fn a_session_is_undone_turn_by_turn_from_the_parts_screen() {
    let mut m = critic();
    press(&mut m, "w");
    answer(&mut m, "one");
    press(&mut m, "Tab");
    answer(&mut m, "two");
    press(&mut m, "Esc u");
    assert_eq!(m.map.sessions[0].turns().count(), 1);
    press(&mut m, "u");
    assert!(m.map.sessions.is_empty());
}
