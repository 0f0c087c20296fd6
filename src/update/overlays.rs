//! Overlays: help, the breathing pacer, the self-compassion break, and support. Pauses and
//! breaks taken during a dialogue are recorded in it; a break taken elsewhere is kept with
//! the map. Contacts are the person's settings.

use crate::config::Contact;
use crate::model::{CheckIn, Entry};
use crate::msg::{Action, Effect};
use crate::state::overlay::Adding;
use crate::state::{BreakState, Model, Overlay, PauseState, Screen};

use super::{change, witness};

/// Opens the breathing pacer over whatever is on screen.
pub(super) fn open_pause(model: &mut Model) {
    model
        .overlays
        .push(Overlay::Pause(PauseState { started: model.now }));
}

/// Opens the self-compassion break.
pub(super) fn open_break(model: &mut Model) {
    model
        .overlays
        .push(Overlay::Break(Box::new(BreakState::new(model.now))));
}

/// Opens grounding steps and support contacts (once; a second `!` is ignored).
pub(super) fn open_support(model: &mut Model) {
    if !matches!(model.overlays.last(), Some(Overlay::Support(_))) {
        model.overlays.push(Overlay::Support(Box::default()));
    }
}

pub(super) fn act(model: &mut Model, action: Action) -> Vec<Effect> {
    let Some(top) = model.overlays.last_mut() else {
        return Vec::new();
    };
    match top {
        Overlay::Help { scroll } => {
            match action {
                Action::Cancel | Action::Help => {
                    model.overlays.pop();
                }
                Action::Support => open_support(model),
                Action::Up => *scroll = scroll.saturating_sub(1),
                Action::Down => *scroll = scroll.saturating_add(1),
                Action::PageUp => *scroll = scroll.saturating_sub(10),
                Action::PageDown => *scroll = scroll.saturating_add(10),
                _ => {}
            }
            Vec::new()
        }
        Overlay::Pause(pause) => {
            let pause = *pause;
            match action {
                Action::Cancel => {
                    model.overlays.pop();
                    end_pause(model, pause)
                }
                Action::Support => {
                    open_support(model);
                    Vec::new()
                }
                _ => Vec::new(),
            }
        }
        Overlay::Break(state) => match action {
            Action::Confirm => {
                if state.step < 3 {
                    let line = state.text().trim().to_string();
                    state.lines.push(line);
                    state.step += 1;
                    state.input = BreakState::new(state.started).input;
                    Vec::new()
                } else {
                    close_break(model)
                }
            }
            Action::Cancel => close_break(model),
            Action::Support => {
                open_support(model);
                Vec::new()
            }
            _ => Vec::new(),
        },
        Overlay::Support(state) => {
            let cursor = state.cursor;
            support(model, action, cursor)
        }
    }
}

/// Records a pause in the dialogue it was taken in (how long it lasted).
fn end_pause(model: &mut Model, pause: PauseState) -> Vec<Effect> {
    if !matches!(model.screen, Screen::Witness(_)) {
        return Vec::new();
    }
    let seconds = model
        .now
        .as_second()
        .saturating_sub(pause.started.as_second())
        .max(0) as u32;
    if seconds == 0 {
        return Vec::new();
    }
    let at = jiff::Timestamp::from_second(pause.started.as_second()).unwrap_or(model.now);
    witness::record(model, "a pause", |s| {
        s.entries.push(Entry::Pause { at, seconds });
    })
}

/// Closes the break, keeping whatever was written: in the dialogue if one is open, else
/// with the map.
fn close_break(model: &mut Model) -> Vec<Effect> {
    let Some(Overlay::Break(state)) = model.overlays.pop() else {
        return Vec::new();
    };
    let mut lines = state.lines.clone();
    let unfinished = state.text().trim().to_string();
    if state.step < 3 && !unfinished.is_empty() {
        lines.push(unfinished);
    }
    if lines.iter().all(|l| l.is_empty()) {
        return Vec::new();
    }
    let at = jiff::Timestamp::from_second(state.started.as_second()).unwrap_or(model.now);
    if matches!(model.screen, Screen::Witness(_)) {
        witness::record(model, "a self-compassion break", |s| {
            s.entries.push(Entry::Break { at, lines });
        })
    } else {
        change(model, "a self-compassion break", |map| {
            map.check_ins.push(CheckIn { at, lines });
        })
    }
}

fn support(model: &mut Model, action: Action, cursor: usize) -> Vec<Effect> {
    let count = model.config.contacts.len();
    let Some(Overlay::Support(state)) = model.overlays.last_mut() else {
        return Vec::new();
    };
    if let Some(adding) = &mut state.adding {
        match action {
            Action::Confirm => {
                let text = adding.text().trim().to_string();
                match adding.name.clone() {
                    None if text.is_empty() => state.adding = None,
                    None => state.adding = Some(Adding::then_how(text)),
                    Some(name) => {
                        state.adding = None;
                        state.cursor = count;
                        model.config.contacts.push(Contact { name, how: text });
                        return vec![Effect::SaveConfig];
                    }
                }
            }
            Action::Cancel => state.adding = None,
            _ => {}
        }
        return Vec::new();
    }
    if state.confirm_delete {
        state.confirm_delete = false;
        if action == Action::Yes && cursor < count {
            model.config.contacts.remove(cursor);
            state.cursor = cursor.min(count.saturating_sub(2));
            return vec![Effect::SaveConfig];
        }
        return Vec::new();
    }
    match action {
        Action::AddContact => state.adding = Some(Adding::new()),
        Action::Delete if count > 0 => state.confirm_delete = true,
        Action::Up => state.cursor = cursor.saturating_sub(1),
        Action::Down => state.cursor = (cursor + 1).min(count.saturating_sub(1)),
        Action::Cancel => {
            model.overlays.pop();
        }
        _ => {}
    }
    Vec::new()
}
