//! The pure update: a message comes in, the model changes, effects go out. No I/O here.

mod modal;
mod parts;

use crate::keymap::Context;
use crate::model::Map;
use crate::msg::{Action, Effect, Msg};
use crate::state::{Modal, Model, Notice, Overlay, Screen};

/// Applies one message to the model and returns what the event loop should do.
pub fn update(model: &mut Model, msg: Msg) -> Vec<Effect> {
    match msg {
        Msg::SaveState(state) => {
            model.save = state;
            Vec::new()
        }
        Msg::Paste(text) => {
            model.notice = None;
            paste(model, &text);
            Vec::new()
        }
        Msg::Key(input) => {
            match &mut model.modal {
                Some(Modal::Editor(editor)) if !editor.asking_discard => editor.input(input),
                Some(Modal::Picker(picker)) => picker.input(input),
                _ => {}
            }
            Vec::new()
        }
        Msg::Do(action) => {
            model.notice = None;
            act(model, action)
        }
    }
}

fn act(model: &mut Model, action: Action) -> Vec<Effect> {
    match action {
        Action::Suspend => return vec![Effect::Suspend],
        Action::Quit => return modal::quit(model),
        _ => {}
    }
    match model.context() {
        Context::Help => {
            help(model, action);
            Vec::new()
        }
        Context::Line | Context::Writing | Context::Picker | Context::Confirm => {
            modal::act(model, action)
        }
        Context::Parts => parts::act(model, action),
        Context::LoadFailed => {
            load_failed(model, action);
            Vec::new()
        }
    }
}

fn help(model: &mut Model, action: Action) {
    let Some(Overlay::Help { scroll }) = &mut model.overlay else {
        return;
    };
    match action {
        Action::Cancel | Action::Help => model.overlay = None,
        Action::Up => *scroll = scroll.saturating_sub(1),
        Action::Down => *scroll = scroll.saturating_add(1),
        Action::PageUp => *scroll = scroll.saturating_sub(10),
        Action::PageDown => *scroll = scroll.saturating_add(10),
        _ => {}
    }
}

fn load_failed(model: &mut Model, action: Action) {
    match action {
        Action::Help => model.overlay = Some(Overlay::Help { scroll: 0 }),
        Action::Maps | Action::Support => {
            model.notice = Some(Notice::info("That is coming in a later version of tend."))
        }
        _ => {}
    }
}

fn paste(model: &mut Model, text: &str) {
    match &mut model.modal {
        Some(Modal::Editor(editor)) if !editor.asking_discard => editor.paste(text),
        Some(Modal::Picker(picker)) => picker.paste(text),
        _ => {
            if matches!(model.screen, Screen::Parts) {
                model.notice = Some(Notice::info(
                    "To paste, open a text box first: e to edit a field, a to add a part.",
                ));
            }
        }
    }
}

/// Changes the map with `f`; if anything changed, records it for undo (described by `what`)
/// and asks for a save.
pub(crate) fn change(
    model: &mut Model,
    what: impl Into<String>,
    f: impl FnOnce(&mut Map),
) -> Vec<Effect> {
    let before = model.map.clone();
    f(&mut model.map);
    if model.map == before {
        return Vec::new();
    }
    model.history.record(before, what);
    model.clamp();
    saved(model)
}

/// The effects after the map changed: a save, when the map has a file.
pub(crate) fn saved(model: &Model) -> Vec<Effect> {
    if model.saves() {
        vec![Effect::Save]
    } else {
        Vec::new()
    }
}
