//! The pure update: a message comes in, the model changes, effects go out. No I/O here.

mod map;
mod maps;
mod modal;
mod overlays;
mod parts;
mod witness;

use crate::keymap::Context;
use crate::model::Map;
use crate::msg::{Action, Effect, Msg};
use crate::state::{Modal, Model, Notice, Overlay, Screen};

/// Applies one message to the model and returns what the event loop should do.
pub fn update(model: &mut Model, msg: Msg) -> Vec<Effect> {
    let effects = apply(model, msg);
    // Whatever happened, the selection stays inside what exists.
    model.clamp();
    effects
}

fn apply(model: &mut Model, msg: Msg) -> Vec<Effect> {
    match msg {
        Msg::SaveState(state) => {
            model.save = state;
            Vec::new()
        }
        Msg::Tick => Vec::new(),
        Msg::Resize(w, h) => {
            model.size = (w, h);
            Vec::new()
        }
        Msg::Mouse(m) => map::mouse(model, m),
        Msg::QuitBlocked(why) => {
            model.modal = Some(Modal::Confirm(crate::state::Confirm {
                question: format!("Your last changes couldn't be saved yet: {why}."),
                detail: "If you quit now, they are lost. y quits anyway; n stays, and tend \
                         keeps trying to save."
                    .into(),
                then: crate::state::Pending::QuitAnyway,
            }));
            Vec::new()
        }
        Msg::MapsListed(entries) => {
            maps::listed(model, entries);
            Vec::new()
        }
        Msg::Paste(text) => {
            model.notice = None;
            paste(model, &text);
            Vec::new()
        }
        Msg::Key(input) => {
            key(model, input);
            Vec::new()
        }
        Msg::Do(action) => {
            model.notice = None;
            act(model, action)
        }
    }
}

/// A key for whichever text box has the keyboard.
fn key(model: &mut Model, input: ratatui_textarea::Input) {
    match model.overlays.last_mut() {
        Some(Overlay::Break(b)) => {
            if !crate::state::editor::starts_new_line(&input) {
                b.input.input(input);
            }
            return;
        }
        Some(Overlay::Support(s)) => {
            if let Some(adding) = &mut s.adding
                && !crate::state::editor::starts_new_line(&input)
            {
                adding.input.input(input);
            }
            return;
        }
        Some(_) => return,
        None => {}
    }
    match &mut model.modal {
        Some(Modal::Editor(editor)) if !editor.asking_discard => editor.input(input),
        Some(Modal::Picker(picker)) => picker.input(input),
        Some(_) => {}
        None => match &mut model.screen {
            Screen::Witness(w) if matches!(w.mode, crate::state::Mode::Writing) => {
                w.answer.input(input);
            }
            Screen::Maps(view) => maps::key(view, input),
            _ => {}
        },
    }
}

fn act(model: &mut Model, action: Action) -> Vec<Effect> {
    match action {
        Action::Suspend => return vec![Effect::Suspend],
        Action::Quit => return modal::quit(model),
        Action::Veil => {
            model.veiled = !model.veiled;
            return Vec::new();
        }
        Action::Present => {
            model.presenting = !model.presenting;
            model.retheme();
            if model.presenting && matches!(model.screen, Screen::Maps(_)) {
                model.screen = Screen::Parts;
            }
            return Vec::new();
        }
        Action::Theme => return cycle_theme(model),
        _ => {}
    }
    if model.read_only.is_some() && changes_the_map(model, action) {
        model.notice = model.read_only.clone().map(Notice::info);
        return Vec::new();
    }
    if !model.overlays.is_empty() {
        return overlays::act(model, action);
    }
    match model.context() {
        Context::Line if model.modal.is_none() && matches!(model.screen, Screen::Maps(_)) => {
            maps::act(model, action)
        }
        Context::Line | Context::Writing | Context::Picker | Context::Confirm => {
            modal::act(model, action)
        }
        Context::Parts => parts::act(model, action),
        Context::Map => map::act(model, action),
        Context::Maps => maps::act(model, action),
        Context::Reading => witness::reading(model, action),
        Context::Witness
        | Context::WitnessBlank
        | Context::Body
        | Context::Concern
        | Context::Intro
        | Context::Leaving => witness::act(model, action),
        Context::LoadFailed => load_failed(model, action),
        Context::Help | Context::Pause | Context::Break | Context::Support => Vec::new(),
    }
}

fn load_failed(model: &mut Model, action: Action) -> Vec<Effect> {
    match action {
        Action::OpenBackup => {
            if let Some((path, _)) = &model.rescue {
                return vec![Effect::RestoreBackup(path.clone())];
            }
            model.notice = Some(Notice::info("There is no backup of this map that loads."));
        }
        Action::Help => model.overlays.push(Overlay::Help { scroll: 0 }),
        Action::Support => overlays::open_support(model),
        Action::Maps => return maps::open(model),
        _ => {}
    }
    Vec::new()
}

fn paste(model: &mut Model, text: &str) {
    let text = crate::state::editor::normalize_newlines(text);
    match model.overlays.last_mut() {
        Some(Overlay::Break(b)) => {
            b.input.insert_str(text.replace('\n', " "));
            return;
        }
        Some(Overlay::Support(s)) => {
            if let Some(adding) = &mut s.adding {
                adding.input.insert_str(text.replace('\n', " "));
            }
            return;
        }
        Some(_) => return,
        None => {}
    }
    match &mut model.modal {
        Some(Modal::Editor(editor)) if !editor.asking_discard => editor.paste(&text),
        Some(Modal::Picker(picker)) => picker.paste(&text),
        Some(_) => {}
        None => match &mut model.screen {
            Screen::Witness(w) if matches!(w.mode, crate::state::Mode::Writing) => w.paste(&text),
            Screen::Parts => {
                model.notice = Some(Notice::info(
                    "To paste, open a text box first: e to edit a field, a to add a part.",
                ));
            }
            _ => {}
        },
    }
}

/// Whether an action on the main screens would change the map (refused when read-only).
fn changes_the_map(model: &Model, action: Action) -> bool {
    let on_screen = model.overlays.is_empty()
        && model.modal.is_none()
        && matches!(
            model.context(),
            Context::Parts | Context::Map | Context::Reading
        );
    let writes = matches!(
        action,
        Action::AddPart
            | Action::Edit
            | Action::Delete
            | Action::Undo
            | Action::Redo
            | Action::AddFeeling
            | Action::AddNeed
            | Action::Increase
            | Action::Decrease
            | Action::Toggle
            | Action::TogglePrivate
            | Action::Witness
            | Action::SomethingUp
            | Action::Resume
            | Action::Break
            | Action::MoveUp
            | Action::MoveDown
            | Action::MoveLeft
            | Action::MoveRight
            | Action::AddRelation
            | Action::Relayout
    );
    // Reading a dialogue (Enter on it) is fine; editing anything is not.
    let reading = action == Action::Edit
        && model.focus == crate::state::Pane::Notes
        && model.selected_session().is_some();
    on_screen && writes && !reading
}

/// The next colour theme, kept in the settings.
fn cycle_theme(model: &mut Model) -> Vec<Effect> {
    use crate::ui::theme::ThemeName;
    if model.no_color {
        model.notice = Some(Notice::info("NO_COLOR is set, so colours stay off."));
        return Vec::new();
    }
    model.config.theme = match model.config.theme {
        ThemeName::Default => ThemeName::HighContrast,
        ThemeName::HighContrast => ThemeName::NoColor,
        ThemeName::NoColor => ThemeName::Default,
    };
    model.retheme();
    let name = match model.config.theme {
        ThemeName::Default => "soft colours",
        ThemeName::HighContrast => "high contrast",
        ThemeName::NoColor => "no colour",
    };
    model.notice = Some(Notice::info(if model.presenting {
        format!("Theme: {name} (presenting stays high contrast).")
    } else {
        format!("Theme: {name}.")
    }));
    vec![Effect::SaveConfig]
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
