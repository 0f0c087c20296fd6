//! The parts map: selecting the nearest part in a direction, moving parts (keys or mouse),
//! laying the map out afresh, and adding relations.

use ratatui::layout::Rect;

use crate::geometry::{self, Dir, Fit};
use crate::model::{Map, PartId, Relation, RelationKind};
use crate::msg::{Action, Effect, Mouse, MouseKind};
use crate::state::{
    Choice, Drag, EditTarget, Editor, Modal, Model, Notice, Pane, Picker, Purpose, Screen,
};

use super::{change, overlays, parts, witness};

pub(super) fn act(model: &mut Model, action: Action) -> Vec<Effect> {
    match action {
        Action::Up => select(model, Dir::Up),
        Action::Down => select(model, Dir::Down),
        Action::Left => select(model, Dir::Left),
        Action::Right => select(model, Dir::Right),
        Action::MoveUp => return move_selected(model, Dir::Up),
        Action::MoveDown => return move_selected(model, Dir::Down),
        Action::MoveLeft => return move_selected(model, Dir::Left),
        Action::MoveRight => return move_selected(model, Dir::Right),
        Action::Relayout => {
            if model.map.parts.is_empty() {
                return Vec::new();
            }
            let fresh = geometry::layout(&model.map);
            let effects = change(model, "laid out the map afresh", |map| {
                set_positions(map, &fresh);
            });
            model.notice = Some(Notice::info("Laid out afresh. u puts things back."));
            return effects;
        }
        Action::AddRelation => open_relation(model),
        Action::AddPart => return parts::act(model, action),
        Action::Undo => return parts::undo(model, true),
        Action::Redo => return parts::undo(model, false),
        Action::Edit if model.selected_part().is_some() => {
            model.screen = Screen::Parts;
            model.focus = Pane::Part;
            model.part_row = 0;
        }
        Action::Witness => {
            let part = model.selected_part().map(|p| p.id);
            witness::start(model, part);
        }
        Action::Pause => overlays::open_pause(model),
        Action::Break => overlays::open_break(model),
        Action::Support => overlays::open_support(model),
        Action::Help => model
            .overlays
            .push(crate::state::Overlay::Help { scroll: 0 }),
        Action::Cancel => model.screen = Screen::Parts,
        _ => {}
    }
    Vec::new()
}

/// Sets every part's saved position from `pos` (a fresh layout).
fn set_positions(map: &mut Map, pos: &std::collections::BTreeMap<PartId, crate::model::Position>) {
    let ids: Vec<PartId> = map.parts.iter().map(|p| p.id).collect();
    for id in ids {
        if let (Some(p), Some(at)) = (map.part_mut(id), pos.get(&id))
            && p.position != Some(*at)
        {
            p.position = Some(*at);
        }
    }
}

fn select(model: &mut Model, dir: Dir) {
    let Some(current) = model.selected_part().map(|p| p.id) else {
        return;
    };
    let pos = geometry::positions(&model.map);
    let Some(from) = pos.get(&current).copied() else {
        return;
    };
    if let Some(next) = geometry::nearest(from, dir, &pos, current)
        && let Some(i) = model.map.index_of(next)
    {
        model.selected = i;
        model.part_row = 0;
    }
}

/// Moves the selected part one step. The first move fixes every part where it is drawn,
/// so nothing else shifts when one part moves.
fn move_selected(model: &mut Model, dir: Dir) -> Vec<Effect> {
    let Some(part) = model.selected_part().map(|p| (p.id, p.name.clone())) else {
        return Vec::new();
    };
    let pos = geometry::positions(&model.map);
    let Some(from) = pos.get(&part.0).copied() else {
        return Vec::new();
    };
    let to = geometry::moved(from, dir);
    change(model, format!("moved {}", part.1), |map| {
        geometry::place_all(map);
        if let Some(p) = map.part_mut(part.0) {
            p.position = Some(to);
        }
    })
}

/// The map's canvas on the terminal as it is now.
fn canvas(model: &Model) -> Rect {
    let term = Rect::new(0, 0, model.size.0, model.size.1);
    let big = model.presenting && geometry::big_title_fits(&model.title(), term);
    let footer = crate::ui::footer_rows(model, term.width);
    geometry::map_layout(geometry::body_of(term, footer), big).canvas
}

/// The mouse on the map: a click selects, a drag moves (one undo step for the whole drag).
pub(super) fn mouse(model: &mut Model, m: Mouse) -> Vec<Effect> {
    if !matches!(model.screen, Screen::Map) || model.modal.is_some() || !model.overlays.is_empty() {
        return Vec::new();
    }
    let fit = Fit::new(canvas(model));
    match m.kind {
        MouseKind::Down if model.read_only.is_some() => {
            // A click may still select; nothing moves in a read-only window.
            let labels = geometry::labels(&model.map, &fit);
            if let Some(i) =
                geometry::hit(&labels, m.col, m.row).and_then(|id| model.map.index_of(id))
            {
                model.selected = i;
            }
            Vec::new()
        }
        MouseKind::Down => {
            let labels = geometry::labels(&model.map, &fit);
            if let Some(id) = geometry::hit(&labels, m.col, m.row)
                && let Some(i) = model.map.index_of(id)
            {
                model.selected = i;
                model.drag = Some(Drag {
                    part: id,
                    before: model.map.clone(),
                    moved: false,
                });
            }
            Vec::new()
        }
        MouseKind::Drag => {
            let Some(drag) = model.drag.as_mut() else {
                return Vec::new();
            };
            let part = drag.part;
            drag.moved = true;
            let to = fit.position(m.col, m.row);
            // Moved live, without a save or an undo step per cell; those come on release.
            geometry::place_all(&mut model.map);
            if let Some(p) = model.map.part_mut(part) {
                p.position = Some(to);
            }
            Vec::new()
        }
        MouseKind::Up => {
            let Some(drag) = model.drag.take() else {
                return Vec::new();
            };
            if !drag.moved || drag.before == model.map {
                return Vec::new();
            }
            let name = model
                .map
                .part(drag.part)
                .map(|p| p.name.clone())
                .unwrap_or_default();
            model.history.record(drag.before, format!("moved {name}"));
            super::saved(model)
        }
    }
}

fn open_relation(model: &mut Model) {
    let Some(from) = model.selected_part().map(|p| (p.id, p.name.clone())) else {
        model.notice = Some(Notice::info("There are no parts yet. Press a to name one."));
        return;
    };
    let (choices, ids): (Vec<Choice>, Vec<PartId>) = model
        .map
        .parts
        .iter()
        .filter(|p| p.id != from.0)
        .map(|p| {
            (
                Choice {
                    label: p.name.clone(),
                    group: format!("{} {}", p.role.glyph(), p.role.word()),
                },
                p.id,
            )
        })
        .unzip();
    if ids.is_empty() {
        model.notice = Some(Notice::info(
            "A relation needs two parts. Press a to name another.",
        ));
        return;
    }
    model.modal = Some(Modal::Picker(Picker::new(
        Purpose::RelationTarget(from.0, ids),
        format!("{} and which part?", from.1),
        choices,
        false,
        "type to filter",
    )));
}

/// The kinds offered once both parts are known, as (label, kind, reversed).
pub(super) fn kinds(from: &str, to: &str) -> Vec<(String, RelationKind, bool)> {
    vec![
        (
            format!("{from} protects {to}"),
            RelationKind::Protects,
            false,
        ),
        (
            format!("{from} is protected by {to}"),
            RelationKind::Protects,
            true,
        ),
        (
            format!("{from} is polarized with {to}"),
            RelationKind::Polarized,
            false,
        ),
        (
            format!("{from} is allied with {to}"),
            RelationKind::Allied,
            false,
        ),
        (
            "something between them, not sure what".to_string(),
            RelationKind::Unsure,
            false,
        ),
    ]
}

/// The other part was picked: now the kind.
pub(super) fn pick_kind(model: &mut Model, from: PartId, to: PartId) {
    let name = |id| model.map.name_of(id);
    let (a, b) = (name(from), name(to));
    let choices = kinds(&a, &b)
        .into_iter()
        .map(|(label, kind, _)| Choice {
            label,
            group: kind.phrase().to_string(),
        })
        .collect();
    model.modal = Some(Modal::Picker(Picker::new(
        Purpose::RelationKind(from, to),
        format!("How do {a} and {b} stand?"),
        choices,
        false,
        "type to filter: protects, polarized, allied…",
    )));
}

/// The kind was picked: an optional note, then the relation is added.
pub(super) fn ask_note(model: &mut Model, from: PartId, to: PartId, kind: RelationKind) {
    let name = |id| model.map.name_of(id);
    model.modal = Some(Modal::Editor(Editor::new(
        EditTarget::NewRelation(from, to, kind),
        "",
        true,
        format!("{} {} {}", name(from), kind.phrase(), name(to)),
        "A note about it, if you like (Enter to leave it empty)",
    )));
}

/// Adds the relation (once: the same two parts and kind are not added twice).
pub(super) fn add_relation(
    model: &mut Model,
    from: PartId,
    to: PartId,
    kind: RelationKind,
    note: String,
) -> Vec<Effect> {
    let same = model.map.relations.iter().any(|r| {
        r.kind == kind
            && ((r.from == from && r.to == to)
                || (kind != RelationKind::Protects && r.from == to && r.to == from))
    });
    let name = |id| model.map.name_of(id);
    let what = format!("{} {} {}", name(from), kind.phrase(), name(to));
    if same {
        model.notice = Some(Notice::info(format!("“{what}” is already on the map.")));
        return Vec::new();
    }
    let effects = change(model, format!("added “{what}”"), |map| {
        map.relations.push(Relation {
            from,
            to,
            kind,
            note,
        });
    });
    model.notice = Some(Notice::info(format!("Added: {what}.")));
    effects
}
