//! The Witness screen: starting, answering, skipping, the body map, the feel-toward branch,
//! commitments, leaving; and reading a past dialogue. Every answer is saved as it is sent.

use crate::dialogue::{After, Asking, Flow, Step};

use crate::model::{
    BodySpot, Commitment, CommitmentState, Entry, Map, Part, PartId, Role, Session, SessionId,
    Side, Speaker, Turn,
};
use crate::msg::{Action, Effect};
use crate::state::{
    BodyCursor, Choice, Intro, Mode, Model, Notice, Pane, Picker, Purpose, Screen, Witness,
    witness::BODY_ROWS,
};

use super::{change, overlays};

/// Starts a dialogue with `part`, or (with `None`) from "something is up".
pub(super) fn start(model: &mut Model, part: Option<PartId>) {
    let witness = match part {
        Some(id) => {
            let mut w = Witness::new(Some(id), Flow::at(Some(Step::Trailhead)), Mode::Writing);
            w.mode = intro_for(&model.map, id, None).unwrap_or_else(|| w.mode_for_step());
            w
        }
        None => Witness::new(None, Flow::from_trailhead(), Mode::Writing),
    };
    model.modal = None;
    model.screen = Screen::Witness(Box::new(witness));
}

/// The first note to show before a dialogue with `part`, after `after` (if any).
fn intro_for(map: &Map, part: PartId, after: Option<&Intro>) -> Option<Mode> {
    let exile = map.part(part).is_some_and(|p| p.role == Role::Exile);
    let commitments = !map.open_commitments(part).is_empty();
    match after {
        None if exile => Some(Mode::Intro(Intro::Exile)),
        None | Some(Intro::Exile) if commitments => {
            Some(Mode::Intro(Intro::Commitments { cursor: 0 }))
        }
        _ => None,
    }
}

/// Continues an unfinished dialogue where it stopped.
pub(super) fn resume(model: &mut Model, id: SessionId) {
    let Some(session) = model.map.session(id) else {
        return;
    };
    let mut flow = Flow::at(session.next);
    flow.awaiting_part = session.part.is_none();
    let part = session.part;
    let mut w = Witness::new(part, flow, Mode::Writing);
    w.session = Some(id);
    w.mode = w.mode_for_step();
    if let Some(p) = part
        && model.map.part(p).is_some_and(|p| p.role == Role::Exile)
    {
        w.mode = Mode::Intro(Intro::Exile);
    }
    model.screen = Screen::Witness(Box::new(w));
    if part.is_none() {
        open_session_part(model);
    }
}

pub(super) fn act(model: &mut Model, action: Action) -> Vec<Effect> {
    let Some(mode) = model.witness().map(|w| w.mode.clone()) else {
        return Vec::new();
    };
    match action {
        Action::Pause => {
            overlays::open_pause(model);
            return Vec::new();
        }
        Action::Break => {
            overlays::open_break(model);
            return Vec::new();
        }
        Action::Support => {
            overlays::open_support(model);
            return Vec::new();
        }
        Action::Help => {
            model
                .overlays
                .push(crate::state::Overlay::Help { scroll: 0 });
            return Vec::new();
        }
        _ => {}
    }
    match mode {
        Mode::Intro(intro) => intro_action(model, intro, action),
        Mode::Writing => writing(model, action),
        Mode::Body(cursor) => body(model, cursor, action),
        Mode::Concern => concern(model, action),
        Mode::Leaving => match action {
            Action::Yes => {
                let mut effects = keep_unsent(model);
                effects.extend(leave(model));
                effects
            }
            Action::No => leave(model),
            Action::Cancel => {
                set_mode(model, Mode::Writing);
                Vec::new()
            }
            Action::Support => {
                overlays::open_support(model);
                Vec::new()
            }
            _ => Vec::new(),
        },
    }
}

fn set_mode(model: &mut Model, mode: Mode) {
    if let Some(w) = model.witness_mut() {
        w.mode = mode;
    }
}

fn intro_action(model: &mut Model, intro: Intro, action: Action) -> Vec<Effect> {
    let Some(part) = model.witness().and_then(|w| w.part) else {
        return Vec::new();
    };
    let open = model.map.open_commitments(part);
    match (action, &intro) {
        (Action::Cancel, _) => {
            back_to_parts(model, part);
            model.notice = Some(Notice::info(
                "That's all right. You can come back any time.",
            ));
            Vec::new()
        }
        (Action::Confirm, _) => {
            let next = match intro_for(&model.map, part, Some(&intro)) {
                Some(mode) => mode,
                None => model
                    .witness()
                    .map(|w| w.mode_for_step())
                    .unwrap_or(Mode::Writing),
            };
            set_mode(model, next);
            Vec::new()
        }
        (Action::Up | Action::Down, Intro::Commitments { cursor }) => {
            let last = open.len().saturating_sub(1);
            let cursor = if action == Action::Up {
                cursor.saturating_sub(1)
            } else {
                (cursor + 1).min(last)
            };
            set_mode(model, Mode::Intro(Intro::Commitments { cursor }));
            Vec::new()
        }
        (Action::Done | Action::LetGo, Intro::Commitments { cursor }) => {
            let Some(&(session, index)) = open.get(*cursor) else {
                return Vec::new();
            };
            let at = model.stamp();
            let (state, what) = if action == Action::Done {
                (CommitmentState::Done(at), "a commitment marked done")
            } else {
                (CommitmentState::LetGo(at), "a commitment let go")
            };
            let effects = change(model, what, |map| {
                if let Some(c) = map
                    .session_mut(session)
                    .and_then(|s| s.commitments.get_mut(index))
                {
                    c.state = state;
                }
            });
            let left = model.map.open_commitments(part).len();
            if left == 0 {
                let next = model
                    .witness()
                    .map(|w| w.mode_for_step())
                    .unwrap_or(Mode::Writing);
                set_mode(model, next);
            } else {
                set_mode(
                    model,
                    Mode::Intro(Intro::Commitments {
                        cursor: (*cursor).min(left - 1),
                    }),
                );
            }
            effects
        }
        _ => Vec::new(),
    }
}

fn writing(model: &mut Model, action: Action) -> Vec<Effect> {
    match action {
        Action::Send => send(model),
        Action::NewLine => {
            if let Some(w) = model.witness_mut() {
                w.answer.insert_newline();
            }
            Vec::new()
        }
        Action::Skip => skip(model),
        Action::SwitchSpeaker => {
            if let Some(w) = model.witness_mut() {
                match (w.speaker, w.part) {
                    (Speaker::Me, Some(part)) => w.speaker = Speaker::Part(part),
                    (Speaker::Me, None) => {
                        model.notice = Some(Notice::info(
                            "Once you know which part this is, you can write as it too.",
                        ))
                    }
                    (Speaker::Part(_), _) => w.speaker = Speaker::Me,
                }
            }
            Vec::new()
        }
        Action::Enquiries => {
            open_enquiries(model);
            Vec::new()
        }
        Action::PageUp => {
            if let Some(w) = model.witness_mut() {
                w.scroll = w.scroll.saturating_add(5);
            }
            Vec::new()
        }
        Action::PageDown => {
            if let Some(w) = model.witness_mut() {
                w.scroll = w.scroll.saturating_sub(5);
            }
            Vec::new()
        }
        Action::Leave => {
            if model.witness().is_some_and(|w| !w.blank()) {
                set_mode(model, Mode::Leaving);
                Vec::new()
            } else {
                leave(model)
            }
        }
        _ => Vec::new(),
    }
}

/// The question being asked now, as the person sees it.
fn question(model: &Model, w: &Witness) -> String {
    w.question(&model.map, &model.assets)
}

/// Keeps the words in the answer box as a turn, without moving the dialogue on (leaving or
/// quitting with words not yet sent).
pub(super) fn keep_unsent(model: &mut Model) -> Vec<Effect> {
    let Some(w) = model.witness() else {
        return Vec::new();
    };
    let text = w.text().trim_end().to_string();
    if text.trim().is_empty() {
        return Vec::new();
    }
    let turn = Turn {
        at: model.stamp(),
        speaker: w.speaker,
        step: match w.flow.asking() {
            Asking::Step(step) => Some(step),
            _ => None,
        },
        question: question(model, w),
        text,
    };
    let effects = record(model, "words kept on leaving", |s| {
        s.entries.push(Entry::Turn(turn))
    });
    if let Some(w) = model.witness_mut() {
        w.clear();
    }
    effects
}

/// Sends the answer: it becomes a turn in the session, and the dialogue moves on.
fn send(model: &mut Model) -> Vec<Effect> {
    let Some(w) = model.witness() else {
        return Vec::new();
    };
    let text = w.text().trim_end().to_string();
    if text.trim().is_empty() {
        model.notice = Some(Notice::info(
            "Write a few words when you're ready, or Ctrl-n to skip this question.",
        ));
        return Vec::new();
    }
    let asked = question(model, w);
    let step = match w.flow.asking() {
        Asking::Step(step) => Some(step),
        _ => None,
    };
    let speaker = w.speaker;
    let words = model.assets.self_energy.clone();
    let at = model.stamp();
    let mut flow = w.flow.clone();
    let after = flow.answered(&text, &words);
    if let Some(w) = model.witness_mut() {
        w.flow = flow;
        w.note = None;
        w.scroll = 0;
    }
    let turn = Turn {
        at,
        speaker,
        step,
        question: asked,
        text,
    };
    let mut effects = record(model, "a turn in the dialogue", |s| {
        s.entries.push(Entry::Turn(turn));
    });
    if let Some(w) = model.witness_mut() {
        w.clear();
        w.mode = w.mode_for_step();
    }
    match after {
        After::Continue => {}
        After::AskPart => open_session_part(model),
        After::PickNeeds => {
            if model.witness().is_some_and(|w| w.part.is_some()) {
                open_needs(model, false);
            }
        }
        After::Commit(text) => {
            effects.extend(record(model, "a commitment", |s| {
                s.commitments.push(Commitment {
                    made: at,
                    text,
                    state: CommitmentState::Open,
                });
            }));
        }
        After::Concern(_) => set_mode(model, Mode::Concern),
        After::Finished => {
            effects.extend(record(model, "the dialogue's end", |s| s.finished = true));
            let name = part_name(model);
            if let Some(w) = model.witness_mut() {
                w.note = Some(format!(
                    "Thank you for being here with {name}. You can keep writing, or Esc to leave."
                ));
            }
        }
    }
    effects
}

fn skip(model: &mut Model) -> Vec<Effect> {
    let Some(w) = model.witness_mut() else {
        return Vec::new();
    };
    let awaiting = w.flow.awaiting_part;
    let skipped = w.flow.skip();
    w.note = None;
    w.marked = 0;
    w.mode = w.mode_for_step();
    let has_session = w.session.is_some();
    let mut effects = Vec::new();
    if let Some(step) = skipped {
        let at = model.stamp();
        if has_session {
            effects = record(model, "a question skipped", |s| {
                s.entries.push(Entry::Skipped { at, step });
            });
        }
        if step == Step::Trailhead && awaiting {
            open_session_part(model);
        }
        if step == Step::Thanks {
            effects.extend(record(model, "the dialogue's end", |s| s.finished = true));
        }
    }
    effects
}

fn body(model: &mut Model, cursor: BodyCursor, action: Action) -> Vec<Effect> {
    let last = BODY_ROWS.len() - 1;
    let moved = |c: BodyCursor| Mode::Body(c);
    match action {
        Action::Up => set_mode(
            model,
            moved(BodyCursor {
                row: cursor.row.saturating_sub(1),
                ..cursor
            }),
        ),
        Action::Down => set_mode(
            model,
            moved(BodyCursor {
                row: (cursor.row + 1).min(last),
                ..cursor
            }),
        ),
        Action::Left | Action::Right => {
            let i = Side::ALL
                .iter()
                .position(|s| *s == cursor.side)
                .unwrap_or(1);
            let i = if action == Action::Left {
                i.saturating_sub(1)
            } else {
                (i + 1).min(2)
            };
            set_mode(
                model,
                moved(BodyCursor {
                    side: Side::ALL[i],
                    ..cursor
                }),
            );
        }
        Action::Mark => {
            let name = part_name(model);
            let region = cursor.region();
            model.modal = Some(crate::state::Modal::Editor(crate::state::Editor::new(
                crate::state::EditTarget::WitnessSpot(region, cursor.side),
                "",
                true,
                format!("{name} · {} · {}", region.word(), cursor.side.word()),
                "What does it feel like there? (tight, buzzing, heavy… or leave it empty)",
            )));
        }
        Action::WriteInstead => set_mode(model, Mode::Writing),
        Action::Enquiries => open_enquiries(model),
        Action::Skip => {
            let marked = model.witness().is_some_and(|w| w.marked > 0);
            if marked {
                if let Some(w) = model.witness_mut() {
                    w.flow.advance();
                    w.marked = 0;
                    w.mode = w.mode_for_step();
                }
                return record(model, "moved on", |_| {});
            }
            return skip(model);
        }
        Action::Leave => {
            if model.witness().is_some_and(|w| !w.blank()) {
                set_mode(model, Mode::Leaving);
                return Vec::new();
            }
            return leave(model);
        }
        _ => {}
    }
    Vec::new()
}

/// A place was marked on the body map: it goes on the part and into the session.
pub(super) fn marked(model: &mut Model, spot: BodySpot) -> Vec<Effect> {
    let part = model.witness().and_then(|w| w.part);
    let at = model.stamp();
    let entry_spot = spot.clone();
    // Without a part yet, the place is kept in the dialogue only.
    let mut effects = match part {
        Some(part) => change(model, "a place in the body", |map| {
            if let Some(p) = map.part_mut(part)
                && !p.body.contains(&spot)
            {
                p.body.push(spot);
            }
        }),
        None => Vec::new(),
    };
    effects.extend(record(model, "a place in the body", |s| {
        s.entries.push(Entry::Body {
            at,
            spot: entry_spot,
        });
    }));
    if let Some(w) = model.witness_mut() {
        w.marked += 1;
    }
    dedupe(effects)
}

fn concern(model: &mut Model, action: Action) -> Vec<Effect> {
    let Some(word) = model
        .witness()
        .and_then(|w| w.flow.concern.as_ref())
        .map(|c| c.word.clone())
    else {
        set_mode(model, Mode::Writing);
        return Vec::new();
    };
    match action {
        Action::StepBack => {
            let at = model.stamp();
            if let Some(w) = model.witness_mut() {
                w.flow.stepped_back();
                w.mode = Mode::Writing;
                w.note =
                    Some("Thank you. When it has made a little room, see how you feel now.".into());
            }
            record(model, "asked a part to step back", |s| {
                s.entries.push(Entry::SteppedBack { at, feeling: word });
            })
        }
        Action::TurnToward => {
            open_concerned_part(model, &word);
            Vec::new()
        }
        Action::GoOn => {
            if let Some(w) = model.witness_mut() {
                w.flow.go_on();
                w.mode = w.mode_for_step();
            }
            record(model, "went on", |_| {})
        }
        Action::Leave => leave(model),
        _ => Vec::new(),
    }
}

/// Turns toward the concerned part: this dialogue pauses at "feel toward" and a new one
/// begins with that part.
pub(super) fn turn_toward(model: &mut Model, other: PartId) -> Vec<Effect> {
    let Some(w) = model.witness() else {
        return Vec::new();
    };
    let feeling = w
        .flow
        .concern
        .as_ref()
        .map(|c| c.answer.clone())
        .unwrap_or_default();
    let at = model.stamp();
    let mut effects = record(model, "turned toward another part", |_| {});
    let Some(from) = model.witness().and_then(|w| w.session) else {
        return effects;
    };
    let new_id = model.map.next_session_id();
    effects.extend(change(model, "turned toward another part", |map| {
        if let Some(s) = map.session_mut(from) {
            s.entries.push(Entry::TurnedToward {
                at,
                feeling,
                part: other,
                session: new_id,
            });
            s.next = Some(Step::FeelToward);
            s.updated = at;
        }
        let mut session = Session::new(new_id, Some(other), at, Some(Step::FindIt));
        session
            .entries
            .push(Entry::BranchedFrom { at, session: from });
        map.add_session(session);
    }));
    let mut w = Witness::new(Some(other), Flow::at(Some(Step::FindIt)), Mode::Writing);
    w.session = Some(new_id);
    w.branched_from = Some(from);
    w.mode = w.mode_for_step();
    let name = model.map.part(other).map_or("it", |p| p.name.as_str());
    w.note = Some(format!(
        "Turning toward {name}. The other dialogue is kept, paused at “feel toward”."
    ));
    if model.map.part(other).is_some_and(|p| p.role == Role::Exile) {
        w.mode = Mode::Intro(Intro::Exile);
    }
    model.screen = Screen::Witness(Box::new(w));
    dedupe(effects)
}

/// The part of a dialogue begun from "something is up" is now known.
pub(super) fn part_chosen(model: &mut Model, part: PartId) -> Vec<Effect> {
    let session = model.witness().and_then(|w| w.session);
    if let Some(w) = model.witness_mut() {
        w.part = Some(part);
        w.flow.part_known();
    }
    let mut effects = Vec::new();
    if let Some(id) = session {
        effects = change(model, "the part of a dialogue", |map| {
            if let Some(s) = map.session_mut(id) {
                s.part = Some(part);
            }
        });
    }
    if let Some(intro) = intro_for(&model.map, part, None) {
        set_mode(model, intro);
    }
    effects
}

/// Needs picked at "what does it need?" go on the part (unmet) and into the session.
pub(super) fn need_added(model: &mut Model, word: String) -> Vec<Effect> {
    let Some(part) = model.witness().and_then(|w| w.part) else {
        return Vec::new();
    };
    let at = model.stamp();
    let added = word.clone();
    let mut effects = change(model, format!("the need for {word}"), |map| {
        if let Some(p) = map.part_mut(part)
            && !p.needs.iter().any(|n| n.word.eq_ignore_ascii_case(&word))
        {
            p.needs.push(crate::model::Need { word, met: false });
        }
    });
    effects.extend(record(model, "a need named", |s| {
        s.entries.push(Entry::Needs {
            at,
            words: vec![added],
        });
    }));
    open_needs(model, true);
    dedupe(effects)
}

/// Adds an entry to this dialogue's session (creating it on first use), keeping where the
/// dialogue stands so it can be continued later.
pub(super) fn record(model: &mut Model, what: &str, f: impl FnOnce(&mut Session)) -> Vec<Effect> {
    let Some(w) = model.witness() else {
        return Vec::new();
    };
    let at = model.stamp();
    let next = w.flow.next;
    let part = w.part;
    let branched = w.branched_from;
    let id = w.session.unwrap_or_else(|| model.map.next_session_id());
    let effects = change(model, what, |map| {
        if map.session(id).is_none() {
            let mut s = Session::new(id, part, at, next);
            if let Some(from) = branched {
                s.entries.push(Entry::BranchedFrom { at, session: from });
            }
            map.add_session(s);
        }
        if let Some(s) = map.session_mut(id) {
            f(s);
            s.next = next;
            s.part = s.part.or(part);
            s.updated = at;
        }
    });
    if let Some(w) = model.witness_mut() {
        w.session = Some(id);
    }
    effects
}

fn dedupe(mut effects: Vec<Effect>) -> Vec<Effect> {
    effects.dedup();
    effects
}

/// Leaves the dialogue; it is already saved. The part's dialogues are shown.
fn leave(model: &mut Model) -> Vec<Effect> {
    let Some(w) = model.witness() else {
        return Vec::new();
    };
    let part = w.part;
    let had_session = w.session.is_some();
    match part {
        Some(p) => back_to_parts(model, p),
        None => {
            model.screen = Screen::Parts;
            model.clamp();
        }
    }
    if had_session {
        model.notice = Some(Notice::info(
            "Your dialogue is kept. Enter on it, in the third pane, reads it again.",
        ));
    }
    Vec::new()
}

fn back_to_parts(model: &mut Model, part: PartId) {
    model.screen = Screen::Parts;
    if let Some(i) = model.map.index_of(part) {
        model.selected = i;
        model.focus = Pane::Notes;
        model.notes_row = 0;
    }
    model.clamp();
}

fn part_name(model: &Model) -> String {
    model
        .witness()
        .and_then(|w| w.part)
        .and_then(|p| model.map.part(p))
        .map_or("this part".to_string(), |p| p.name.clone())
}

fn open_enquiries(model: &mut Model) {
    let choices = model
        .assets
        .dialogue
        .enquiries
        .iter()
        .map(|e| Choice {
            label: e.clone(),
            group: String::new(),
        })
        .collect();
    model.modal = Some(crate::state::Modal::Picker(Picker::new(
        Purpose::Enquiry,
        "Ask yourself",
        choices,
        false,
        "type to filter",
    )));
}

fn part_choices(map: &Map, except: Option<PartId>) -> (Vec<Choice>, Vec<PartId>) {
    map.parts
        .iter()
        .filter(|p| Some(p.id) != except)
        .map(|p| {
            (
                Choice {
                    label: p.name.clone(),
                    group: format!("{} {}", p.role.glyph(), p.role.word()),
                },
                p.id,
            )
        })
        .unzip()
}

fn open_session_part(model: &mut Model) {
    let (choices, ids) = part_choices(&model.map, None);
    model.modal = Some(crate::state::Modal::Picker(Picker::new(
        Purpose::SessionPart(ids),
        "Who is here? Pick a part, or name a new one",
        choices,
        true,
        "type a name",
    )));
}

fn open_concerned_part(model: &mut Model, word: &str) {
    let current = model.witness().and_then(|w| w.part);
    let (choices, ids) = part_choices(&model.map, current);
    model.modal = Some(crate::state::Modal::Picker(Picker::new(
        Purpose::ConcernedPart(ids),
        format!("Which part feels {word}? Pick one, or name it"),
        choices,
        true,
        "type a name",
    )));
}

fn open_needs(model: &mut Model, again: bool) {
    let Some(part) = model.witness().and_then(|w| w.part) else {
        return;
    };
    let name = part_name(model);
    let choices = super::parts::vocab_choices(&model.assets.needs);
    let title = if again {
        "Another need? Esc when that's all".to_string()
    } else {
        format!("What does {name} need? Esc when that's all")
    };
    model.modal = Some(crate::state::Modal::Picker(Picker::new(
        Purpose::WitnessNeeds(part),
        title,
        choices,
        true,
        "type a need, or your own word",
    )));
}

/// Creates a part named in a picker ("name a new one"), returning its id.
pub(super) fn new_part(model: &mut Model, name: &str) -> (PartId, Vec<Effect>) {
    let id = model.map.next_part_id();
    let at = model.stamp();
    let name = name.trim().to_string();
    let effects = change(model, format!("added {name}"), |map| {
        map.add_part(Part::new(id, name.clone(), at));
        crate::geometry::place_new(map, id);
    });
    (id, effects)
}

/// Keys while reading a past dialogue.
pub(super) fn reading(model: &mut Model, action: Action) -> Vec<Effect> {
    let Screen::Reading { session, scroll } = &mut model.screen else {
        return Vec::new();
    };
    let id = *session;
    match action {
        Action::Up => *scroll = scroll.saturating_sub(1),
        Action::Down => *scroll = scroll.saturating_add(1),
        Action::PageUp => *scroll = scroll.saturating_sub(10),
        Action::PageDown => *scroll = scroll.saturating_add(10),
        Action::Resume => {
            let finished = model.map.session(id).is_none_or(|s| s.finished);
            if finished {
                model.notice = Some(Notice::info(
                    "This dialogue came to its end. w on the part starts a new one.",
                ));
            } else {
                resume(model, id);
            }
        }
        Action::Cancel => {
            let part = model.map.session(id).and_then(|s| s.part);
            match part {
                Some(p) => back_to_parts(model, p),
                None => model.screen = Screen::Parts,
            }
        }
        Action::Support => overlays::open_support(model),
        Action::Help => model
            .overlays
            .push(crate::state::Overlay::Help { scroll: 0 }),
        _ => {}
    }
    Vec::new()
}
