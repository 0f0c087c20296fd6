//! The Maps screen: one map per person or client. Find one by typing, open it, start a new
//! one, rename one, keep a copy of the open one, or move one to the archive (after typing
//! its name). The files themselves are touched by the event loop, through effects.

use crate::msg::{Action, Effect};
use crate::state::{MapEntry, MapsView, Model, NameFor, Naming, Notice, Screen, Source};

/// Opens the Maps screen (never while presenting: the list of clients stays private).
pub(super) fn open(model: &mut Model) -> Vec<Effect> {
    if model.presenting {
        model.notice = Some(Notice::info(
            "The list of maps stays hidden while presenting. P ends presenting.",
        ));
        return Vec::new();
    }
    model.screen = Screen::Maps(Box::default());
    vec![Effect::ListMaps]
}

/// The list arrived from the disk.
pub(super) fn listed(model: &mut Model, entries: Vec<MapEntry>) {
    let current = match &model.source {
        Source::File(p) => Some(p.clone()),
        Source::Demo => None,
    };
    if let Screen::Maps(view) = &mut model.screen {
        view.entries = entries;
        view.loaded = true;
        view.refilter();
        if let Some(i) =
            current.and_then(|c| view.shown.iter().position(|&i| view.entries[i].path == c))
        {
            view.cursor = i;
        }
    }
}

/// A key for the filter box or the name box.
pub(super) fn key(view: &mut MapsView, input: ratatui_textarea::Input) {
    if crate::state::editor::starts_new_line(&input) {
        return;
    }
    match &mut view.naming {
        Some(naming) => {
            naming.input.input(input);
        }
        None => {
            if view.query.input(input) {
                view.cursor = 0;
                view.refilter();
            }
        }
    }
}

pub(super) fn act(model: &mut Model, action: Action) -> Vec<Effect> {
    let open_path = match &model.source {
        Source::File(p) => Some(p.clone()),
        Source::Demo => None,
    };
    let Screen::Maps(view) = &mut model.screen else {
        return Vec::new();
    };
    if let Some(naming) = view.naming.take() {
        return naming_action(model, naming, action);
    }
    match action {
        Action::Up => view.cursor = view.cursor.saturating_sub(1),
        Action::Down => {
            view.cursor = (view.cursor + 1).min(view.shown.len().saturating_sub(1));
        }
        Action::Confirm => {
            let Some(entry) = view.current().cloned() else {
                return Vec::new();
            };
            if Some(&entry.path) == open_path.as_ref() {
                model.screen = Screen::Parts;
                return Vec::new();
            }
            return vec![Effect::OpenMap(entry.path)];
        }
        Action::NewMap => view.naming = Some(Naming::new(NameFor::New, &view.text())),
        Action::RenameMap => {
            if let Some(entry) = view.current().cloned() {
                let name = if entry.title.is_empty() {
                    entry.name.clone()
                } else {
                    entry.title.clone()
                };
                view.naming = Some(Naming::new(NameFor::Rename(entry.path), &name));
            }
        }
        Action::CopyMap => view.naming = Some(Naming::new(NameFor::Copy, "")),
        Action::ArchiveMap => {
            let Some(entry) = view.current().cloned() else {
                return Vec::new();
            };
            if Some(&entry.path) == open_path.as_ref() {
                model.notice = Some(Notice::info(
                    "This map is open. Open another one first, then archive this.",
                ));
                return Vec::new();
            }
            view.naming = Some(Naming::new(NameFor::Archive(entry.path), ""));
        }
        Action::Cancel => model.screen = Screen::Parts,
        Action::Support => super::overlays::open_support(model),
        _ => {}
    }
    Vec::new()
}

fn naming_action(model: &mut Model, naming: Naming, action: Action) -> Vec<Effect> {
    let text = naming.text().trim().to_string();
    let keep_open = |model: &mut Model, naming: Naming| {
        if let Screen::Maps(view) = &mut model.screen {
            view.naming = Some(naming);
        }
    };
    match action {
        Action::Cancel => Vec::new(),
        Action::Confirm => match naming.purpose.clone() {
            NameFor::Archive(path) => {
                let name = crate::store::map_name(&path);
                if text == name {
                    vec![Effect::ArchiveMap(path)]
                } else {
                    model.notice = Some(Notice::info(format!(
                        "Type {name} exactly to archive it, or Esc to keep it."
                    )));
                    keep_open(model, naming);
                    Vec::new()
                }
            }
            _ if text.is_empty() => {
                model.notice = Some(Notice::info("A map needs a name."));
                keep_open(model, naming);
                Vec::new()
            }
            NameFor::New => vec![Effect::CreateMap(text)],
            NameFor::Copy => vec![Effect::CopyMap(text)],
            NameFor::Rename(path) => vec![Effect::RenameMap { path, title: text }],
        },
        _ => {
            keep_open(model, naming);
            Vec::new()
        }
    }
}
