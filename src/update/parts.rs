//! The Parts screen: moving between parts and fields, and opening the editors, pickers and
//! questions that change them.

use crate::model::{Feeling, Part, PartId, Region, Role, Side, Status, TextField};
use crate::msg::{Action, Effect};
use crate::state::{
    Choice, Confirm, EditTarget, Editor, Modal, Model, Notice, Overlay, Pane, PartRow, Pending,
    Picker, Purpose,
};

use super::change;

/// Rows moved by PageUp / PageDown.
const PAGE: isize = 10;

pub(super) fn act(model: &mut Model, action: Action) -> Vec<Effect> {
    match action {
        Action::Help => model.overlays.push(Overlay::Help { scroll: 0 }),
        Action::Up => step(model, -1),
        Action::Down => step(model, 1),
        Action::PageUp => step(model, -PAGE),
        Action::PageDown => step(model, PAGE),
        Action::Top => step(model, isize::MIN / 2),
        Action::Bottom => step(model, isize::MAX / 2),
        Action::NextPane if model.selected_part().is_some() => model.focus = model.focus.next(),
        Action::PrevPane if model.selected_part().is_some() => model.focus = model.focus.prev(),
        Action::AddPart => {
            model.modal = Some(Modal::Editor(Editor::new(
                EditTarget::NewPart,
                "",
                true,
                "A new part",
                "What would you like to call it?",
            )));
        }
        Action::Edit => edit(model),
        Action::Delete => delete(model),
        Action::Undo => return undo(model, true),
        Action::Redo => return undo(model, false),
        Action::AddFeeling => {
            if let Some(id) = need_part(model) {
                open_feelings(model, id, None);
            }
        }
        Action::AddNeed => {
            if let Some(id) = need_part(model) {
                open_needs(model, id, None);
            }
        }
        Action::Increase => return adjust(model, 1),
        Action::Decrease => return adjust(model, -1),
        Action::Toggle => return toggle(model),
        Action::TogglePrivate => return toggle_private(model),
        Action::Witness => {
            let part = model.selected_part().map(|p| p.id);
            super::witness::start(model, part);
        }
        Action::SomethingUp => {
            let unnamed = model
                .map
                .sessions
                .iter()
                .rev()
                .find(|s| s.part.is_none() && !s.finished)
                .map(|s| s.id);
            match unnamed {
                Some(id) => {
                    super::witness::resume(model, id);
                    if let Some(w) = model.witness_mut() {
                        w.note = Some("Picking up where you left off.".into());
                    }
                }
                None => super::witness::start(model, None),
            }
        }
        Action::Pause => super::overlays::open_pause(model),
        Action::Break => super::overlays::open_break(model),
        Action::Support => super::overlays::open_support(model),
        Action::PartsMap => {
            model.screen = crate::state::Screen::Map;
            // The first look at the map fixes where every part is drawn, so it stays put.
            return change(
                model,
                "placed the parts on the map",
                crate::geometry::place_all,
            );
        }
        Action::Maps => return super::maps::open(model),
        _ => {}
    }
    Vec::new()
}

/// The selected part's id, or a gentle word that there is none yet.
fn need_part(model: &mut Model) -> Option<PartId> {
    let id = model.selected_part().map(|p| p.id);
    if id.is_none() {
        model.notice = Some(Notice::info("There are no parts yet. Press a to name one."));
    }
    id
}

fn step(model: &mut Model, delta: isize) {
    let sessions = model.listed_sessions().len();
    let (len, at) = match model.focus {
        Pane::List => (model.map.parts.len(), &mut model.selected),
        Pane::Part => (model.part_rows().len(), &mut model.part_row),
        Pane::Notes => (1 + sessions, &mut model.notes_row),
    };
    if len == 0 {
        return;
    }
    let moved = (*at as isize)
        .saturating_add(delta)
        .clamp(0, len as isize - 1) as usize;
    let changed_part = model.focus == Pane::List && moved != *at;
    *at = moved;
    if changed_part {
        model.part_row = 0;
        model.notes_row = 0;
    }
}

fn edit(model: &mut Model) {
    let Some(part) = model.selected_part().cloned() else {
        model.notice = Some(Notice::info("There are no parts yet. Press a to name one."));
        return;
    };
    match model.focus {
        Pane::List => open_rename(model, &part),
        Pane::Notes if model.selected_session().is_some() => {
            if let Some(id) = model.selected_session() {
                model.screen = crate::state::Screen::Reading {
                    session: id,
                    scroll: 0,
                };
            }
        }
        Pane::Notes => open_field(model, &part, TextField::Notes),
        Pane::Part => match model.current_part_row() {
            Some(PartRow::Name) | None => open_rename(model, &part),
            Some(PartRow::Role) => {
                let choices = Role::ALL
                    .iter()
                    .map(|r| Choice {
                        label: format!("{} {}", r.glyph(), r.word()),
                        group: r.describe().into(),
                    })
                    .collect();
                let current = format!("{} {}", part.role.glyph(), part.role.word());
                let picker = Picker::new(
                    Purpose::Role(part.id),
                    format!("The role of {}", part.name),
                    choices,
                    false,
                    "type to filter",
                )
                .highlight(&current);
                model.modal = Some(Modal::Picker(picker));
            }
            Some(PartRow::Status) => {
                let choices = Status::ALL
                    .iter()
                    .map(|s| Choice {
                        label: s.word().into(),
                        group: String::new(),
                    })
                    .collect();
                let picker = Picker::new(
                    Purpose::Status(part.id),
                    format!("Where you are with {}", part.name),
                    choices,
                    false,
                    "type to filter",
                )
                .highlight(part.status.word());
                model.modal = Some(Modal::Picker(picker));
            }
            Some(PartRow::Field(field)) => open_field(model, &part, field),
            Some(PartRow::Burden(_)) => open_field(model, &part, TextField::Burdens),
            Some(PartRow::Feeling(i)) => open_feelings(model, part.id, Some(i)),
            Some(PartRow::AddFeeling) => open_feelings(model, part.id, None),
            Some(PartRow::Need(i)) => open_needs(model, part.id, Some(i)),
            Some(PartRow::AddNeed) => open_needs(model, part.id, None),
            Some(PartRow::Body(i)) => {
                if let Some(spot) = part.body.get(i) {
                    model.modal = Some(Modal::Editor(Editor::new(
                        EditTarget::BodySpot(part.id, i),
                        &spot.sensation,
                        true,
                        format!(
                            "{} · {} · {}",
                            part.name,
                            spot.region.word(),
                            spot.side.word()
                        ),
                        "What does it feel like there?",
                    )));
                }
            }
            Some(PartRow::AddBody) => open_regions(model, part.id),
            Some(PartRow::Relation(i)) => {
                if let Some(r) = model.map.relations.get(i) {
                    let name = |id| model.map.name_of(id);
                    let title = format!("{} {} {}", name(r.from), r.kind.phrase(), name(r.to));
                    let note = r.note.clone();
                    model.modal = Some(Modal::Editor(Editor::new(
                        EditTarget::RelationNote(i),
                        &note,
                        true,
                        title,
                        "A note about it, in your words",
                    )));
                }
            }
        },
    }
}

fn open_rename(model: &mut Model, part: &Part) {
    model.modal = Some(Modal::Editor(Editor::new(
        EditTarget::Rename(part.id),
        &part.name,
        true,
        format!("Renaming {}", part.name),
        "What would you like to call it?",
    )));
}

fn open_field(model: &mut Model, part: &Part, field: TextField) {
    model.modal = Some(Modal::Editor(Editor::new(
        EditTarget::Field(part.id, field),
        &part.text(field),
        field.single_line(),
        format!("{} · {}", part.name, field.label()),
        field.question(),
    )));
}

fn open_feelings(model: &mut Model, id: PartId, replace: Option<usize>) {
    open_words(model, id, replace, true);
}

fn open_needs(model: &mut Model, id: PartId, replace: Option<usize>) {
    open_words(model, id, replace, false);
}

/// Every word of a vocabulary as a choice, with its family or category beside it.
pub(super) fn vocab_choices(vocab: &crate::assets::Vocabulary) -> Vec<Choice> {
    vocab
        .words
        .iter()
        .map(|w| Choice {
            label: w.word.clone(),
            group: w.group.clone(),
        })
        .collect()
}

/// The feelings (or needs) list for a part, to add a word or change the word at `replace`.
fn open_words(model: &mut Model, id: PartId, replace: Option<usize>, feeling: bool) {
    let name = model.map.name_of(id);
    let (vocab, purpose, title, placeholder) = if feeling {
        (
            &model.assets.feelings,
            Purpose::Feeling { part: id, replace },
            match replace {
                Some(_) => format!("Another word for this feeling of {name}"),
                None => format!("A feeling that comes with {name}"),
            },
            "type a feeling, or your own word",
        )
    } else {
        (
            &model.assets.needs,
            Purpose::Need { part: id, replace },
            match replace {
                Some(_) => format!("Another word for this need of {name}"),
                None => format!("Something {name} needs"),
            },
            "type a need, or your own word",
        )
    };
    let choices = vocab_choices(vocab);
    model.modal = Some(Modal::Picker(Picker::new(
        purpose,
        title,
        choices,
        true,
        placeholder,
    )));
}

fn open_regions(model: &mut Model, id: PartId) {
    let name = model.map.name_of(id);
    let choices = Region::ALL
        .iter()
        .map(|r| Choice {
            label: r.word().into(),
            group: String::new(),
        })
        .collect();
    model.modal = Some(Modal::Picker(Picker::new(
        Purpose::Region(id),
        format!("Where in the body do you notice {name}?"),
        choices,
        false,
        "type to filter",
    )));
}

/// Opens the side picker after a region was chosen.
pub(super) fn open_sides(model: &mut Model, id: PartId, region: Region) {
    let choices = Side::ALL
        .iter()
        .map(|s| Choice {
            label: s.word().into(),
            group: String::new(),
        })
        .collect();
    model.modal = Some(Modal::Picker(
        Picker::new(
            Purpose::Side(id, region),
            format!("Which side of the {}?", region.word()),
            choices,
            false,
            "type to filter",
        )
        .highlight(Side::Centre.word()),
    ));
}

fn delete(model: &mut Model) {
    let Some(part) = model.selected_part().cloned() else {
        return;
    };
    let undo = "u brings it back.";
    let ask = |question: String, detail: String, then: Pending| {
        Some(Modal::Confirm(Confirm {
            question,
            detail,
            then,
        }))
    };
    let modal = match (model.focus, model.current_part_row()) {
        (Pane::List, _) | (Pane::Part, Some(PartRow::Name)) => {
            let relations = model.map.relations_of(part.id).count();
            let mut goes = Vec::new();
            if !part.feelings.is_empty() {
                goes.push(count(part.feelings.len(), "feeling"));
            }
            if !part.needs.is_empty() {
                goes.push(count(part.needs.len(), "need"));
            }
            if relations > 0 {
                goes.push(count(relations, "relation"));
            }
            let sessions = model.map.sessions_of(part.id).len();
            if sessions > 0 {
                goes.push(count(sessions, "dialogue"));
            }
            let detail = if goes.is_empty() {
                undo.to_string()
            } else {
                format!("Its {} go with it; {undo}", join_and(&goes))
            };
            ask(
                format!("Delete {}?", part.name),
                detail,
                Pending::DeletePart(part.id),
            )
        }
        (Pane::Notes, _) if model.selected_session().is_some() => {
            let listed = model.listed_sessions();
            listed.get(model.notes_row).and_then(|s| {
                let turns = s.turns().count();
                ask(
                    format!("Delete this dialogue with {}?", part.name),
                    format!("{}; {undo}", count(turns, "turn")),
                    Pending::DeleteSession(s.id),
                )
            })
        }
        (Pane::Notes, _) => {
            if part.notes.is_empty() {
                None
            } else {
                ask(
                    format!("Clear the notes on {}?", part.name),
                    undo.into(),
                    Pending::ClearField(part.id, TextField::Notes),
                )
            }
        }
        (Pane::Part, Some(PartRow::Field(field))) => {
            if part.text(field).is_empty() {
                None
            } else {
                ask(
                    format!("Clear {} of {}?", field.label(), part.name),
                    undo.into(),
                    Pending::ClearField(part.id, field),
                )
            }
        }
        (Pane::Part, Some(PartRow::Burden(i))) => part.burdens.get(i).and_then(|b| {
            ask(
                format!("Remove “{}” from {}?", b.text, part.name),
                undo.into(),
                Pending::DeleteBurden(part.id, i),
            )
        }),
        (Pane::Part, Some(PartRow::Feeling(i))) => part.feelings.get(i).and_then(|f| {
            ask(
                format!("Remove {} from {}?", f.word, part.name),
                undo.into(),
                Pending::DeleteFeeling(part.id, i),
            )
        }),
        (Pane::Part, Some(PartRow::Need(i))) => part.needs.get(i).and_then(|n| {
            ask(
                format!("Remove the need for {} from {}?", n.word, part.name),
                undo.into(),
                Pending::DeleteNeed(part.id, i),
            )
        }),
        (Pane::Part, Some(PartRow::Body(i))) => part.body.get(i).and_then(|s| {
            ask(
                format!(
                    "Remove {} · {} from {}?",
                    s.region.word(),
                    s.side.word(),
                    part.name
                ),
                undo.into(),
                Pending::DeleteBody(part.id, i),
            )
        }),
        (Pane::Part, Some(PartRow::Relation(i))) => model.map.relations.get(i).and_then(|r| {
            let from = model.map.part(r.from).map_or("?", |p| p.name.as_str());
            let to = model.map.part(r.to).map_or("?", |p| p.name.as_str());
            ask(
                format!("Remove “{from} {} {to}”?", r.kind.phrase()),
                undo.into(),
                Pending::DeleteRelation(i),
            )
        }),
        _ => None,
    };
    model.modal = modal;
}

fn count(n: usize, word: &str) -> String {
    if n == 1 {
        format!("1 {word}")
    } else {
        format!("{n} {word}s")
    }
}

fn join_and(items: &[String]) -> String {
    match items {
        [] => String::new(),
        [one] => one.clone(),
        [rest @ .., last] => format!("{} and {last}", rest.join(", ")),
    }
}

pub(super) fn undo(model: &mut Model, back: bool) -> Vec<Effect> {
    let result = if back {
        model.history.undo(&model.map)
    } else {
        model.history.redo(&model.map)
    };
    match result {
        Some((map, what)) => {
            model.map = map;
            model.clamp();
            let verb = if back { "Undone" } else { "Redone" };
            model.notice = Some(Notice::info(format!("{verb}: {what}.")));
            super::saved(model)
        }
        None => {
            let text = if back {
                "Nothing to undo."
            } else {
                "Nothing to redo."
            };
            model.notice = Some(Notice::info(text));
            Vec::new()
        }
    }
}

/// Raises or lowers the selected feeling by `delta`.
fn adjust(model: &mut Model, delta: i8) -> Vec<Effect> {
    if model.focus != Pane::Part {
        return Vec::new();
    }
    let (Some(part), Some(PartRow::Feeling(i))) = (model.selected_part(), model.current_part_row())
    else {
        return Vec::new();
    };
    let id = part.id;
    let Some(feeling) = part.feelings.get(i) else {
        return Vec::new();
    };
    let level = (feeling.intensity as i8 + delta).clamp(0, Feeling::MAX as i8) as u8;
    let what = format!("{} at {level} for {}", feeling.word, part.name);
    change(model, what, |map| {
        if let Some(f) = map.part_mut(id).and_then(|p| p.feelings.get_mut(i)) {
            f.intensity = level;
        }
    })
}

fn toggle(model: &mut Model) -> Vec<Effect> {
    if model.focus != Pane::Part {
        return Vec::new();
    }
    let Some(part) = model.selected_part() else {
        return Vec::new();
    };
    let id = part.id;
    match model.current_part_row() {
        Some(PartRow::Need(i)) => {
            let Some(need) = part.needs.get(i) else {
                return Vec::new();
            };
            let met = !need.met;
            let what = format!(
                "{} marked {} for {}",
                need.word,
                if met { "met" } else { "unmet" },
                part.name
            );
            change(model, what, |map| {
                if let Some(n) = map.part_mut(id).and_then(|p| p.needs.get_mut(i)) {
                    n.met = met;
                }
            })
        }
        Some(PartRow::Burden(i)) => {
            let Some(burden) = part.burdens.get(i) else {
                return Vec::new();
            };
            let origin = burden.origin.next();
            let what = format!("where “{}” comes from", burden.text);
            change(model, what, |map| {
                if let Some(b) = map.part_mut(id).and_then(|p| p.burdens.get_mut(i)) {
                    b.origin = origin;
                }
            })
        }
        _ => Vec::new(),
    }
}

fn toggle_private(model: &mut Model) -> Vec<Effect> {
    let Some(part) = model.selected_part() else {
        return Vec::new();
    };
    if let Some(id) = model.selected_session() {
        let private = !model.map.session(id).is_some_and(|s| s.private);
        let effects = change(model, "a dialogue's privacy", |map| {
            if let Some(s) = map.session_mut(id) {
                s.private = private;
            }
        });
        model.notice = Some(Notice::info(if private {
            "This dialogue is private: it stays hidden when presenting."
        } else {
            "This dialogue is shareable now."
        }));
        return effects;
    }
    let field = match (model.focus, model.current_part_row()) {
        (Pane::Notes, _) => TextField::Notes,
        (Pane::Part, Some(PartRow::Field(f))) => f,
        (Pane::Part, Some(PartRow::Burden(_))) => TextField::Burdens,
        _ => {
            model.notice = Some(Notice::info(
                "Select a written field (job, fears, notes…) to mark it private.",
            ));
            return Vec::new();
        }
    };
    let id = part.id;
    let private = !part.is_private(field);
    let name = part.name.clone();
    let effects = change(
        model,
        format!(
            "{} of {name} marked {}",
            field.label(),
            if private { "private" } else { "shareable" }
        ),
        |map| {
            if let Some(p) = map.part_mut(id) {
                if private {
                    p.private.insert(field);
                } else {
                    p.private.remove(&field);
                }
            }
        },
    );
    model.notice = Some(Notice::info(if private {
        format!(
            "{} is private now: it stays hidden when presenting.",
            field.label()
        )
    } else {
        format!("{} is shareable now.", field.label())
    }));
    effects
}
