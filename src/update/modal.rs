//! What is open on top: keeping or leaving a text box, picking from a list, answering a
//! yes/no question, and leaving tend without losing what was being written.

use crate::model::{BodySpot, Feeling, Need, Part, Role, Status, TextField};
use crate::msg::{Action, Effect};
use crate::state::{EditTarget, Editor, Modal, Model, Notice, Pane, PartRow, Pending, Row};

use super::{change, parts};

pub(super) fn act(model: &mut Model, action: Action) -> Vec<Effect> {
    let Some(modal) = model.modal.take() else {
        return Vec::new();
    };
    match modal {
        Modal::Editor(editor) => editor_action(model, editor, action),
        Modal::Picker(mut picker) => {
            match action {
                Action::Up => picker.step(-1),
                Action::Down => picker.step(1),
                Action::PageUp => picker.jump(-10),
                Action::PageDown => picker.jump(10),
                Action::Cancel => return Vec::new(),
                Action::Confirm => return pick(model, picker),
                _ => {}
            }
            model.modal = Some(Modal::Picker(picker));
            Vec::new()
        }
        Modal::Draft(draft) => match action {
            Action::Yes => restore_draft(model, draft),
            Action::No | Action::Cancel => {
                model.notice = Some(Notice::info("Let go. Nothing else was changed."));
                Vec::new()
            }
            _ => {
                model.modal = Some(Modal::Draft(draft));
                Vec::new()
            }
        },
        Modal::Confirm(confirm) => match action {
            Action::Yes => settle(model, confirm.then),
            Action::No | Action::Cancel => Vec::new(),
            _ => {
                model.modal = Some(Modal::Confirm(confirm));
                Vec::new()
            }
        },
    }
}

fn editor_action(model: &mut Model, mut editor: Editor, action: Action) -> Vec<Effect> {
    if editor.asking_discard {
        match action {
            Action::Yes => return Vec::new(),
            Action::No | Action::Cancel => editor.asking_discard = false,
            _ => {}
        }
        model.modal = Some(Modal::Editor(editor));
        return Vec::new();
    }
    match action {
        Action::Confirm => keep(model, editor),
        Action::Cancel => {
            if editor.changed() && !editor.text().trim().is_empty() {
                editor.asking_discard = true;
                model.modal = Some(Modal::Editor(editor));
            }
            Vec::new()
        }
        _ => {
            model.modal = Some(Modal::Editor(editor));
            Vec::new()
        }
    }
}

/// Keeps what was written in the editor. A name cannot be empty; the box stays open then.
fn keep(model: &mut Model, editor: Editor) -> Vec<Effect> {
    let text = editor.text();
    match editor.target.clone() {
        EditTarget::NewPart => {
            let name = text.trim().to_string();
            if name.is_empty() {
                model.notice = Some(Notice::info("A part needs a name, even a small one."));
                model.modal = Some(Modal::Editor(editor));
                return Vec::new();
            }
            let id = model.map.next_part_id();
            let now = model.stamp();
            let effects = change(model, format!("added {name}"), |map| {
                map.add_part(Part::new(id, name.clone(), now));
                crate::geometry::place_new(map, id);
            });
            model.selected = model.map.parts.len().saturating_sub(1);
            model.part_row = 0;
            effects
        }
        EditTarget::Rename(id) => {
            let name = text.trim().to_string();
            if name.is_empty() {
                model.notice = Some(Notice::info("A part needs a name, even a small one."));
                model.modal = Some(Modal::Editor(editor));
                return Vec::new();
            }
            let old = model.map.name_of(id);
            change(model, format!("renamed {old} to {name}"), |map| {
                if let Some(p) = map.part_mut(id) {
                    p.name = name.clone();
                }
            })
        }
        EditTarget::Field(id, field) => {
            let text = if field == TextField::Burdens {
                text
            } else {
                text.trim_end().to_string()
            };
            let name = model.map.name_of(id);
            change(model, format!("{} of {name}", field.label()), |map| {
                if let Some(p) = map.part_mut(id) {
                    p.set_text(field, text);
                }
            })
        }
        EditTarget::NewBodySpot(id, region, side) => {
            let sensation = text.trim().to_string();
            let name = model.map.name_of(id);
            let effects = change(
                model,
                format!("{} · {} for {name}", region.word(), side.word()),
                |map| {
                    if let Some(p) = map.part_mut(id) {
                        p.body.push(BodySpot {
                            region,
                            side,
                            sensation,
                        });
                    }
                },
            );
            select_row(model, |rows, part| {
                rows.iter()
                    .position(|r| *r == PartRow::Body(part.body.len().saturating_sub(1)))
            });
            effects
        }
        EditTarget::WitnessSpot(region, side) => super::witness::marked(
            model,
            BodySpot {
                region,
                side,
                sensation: text.trim().to_string(),
            },
        ),
        EditTarget::NewRelation(from, to, kind) => {
            super::map::add_relation(model, from, to, kind, text.trim().to_string())
        }
        EditTarget::RelationNote(i) => {
            let note = text.trim().to_string();
            change(model, "a relation's note", |map| {
                if let Some(r) = map.relations.get_mut(i) {
                    r.note = note;
                }
            })
        }
        EditTarget::BodySpot(id, i) => {
            let sensation = text.trim().to_string();
            change(model, "the sensation", |map| {
                if let Some(s) = map.part_mut(id).and_then(|p| p.body.get_mut(i)) {
                    s.sensation = sensation;
                }
            })
        }
    }
}

/// Acts on the highlighted row of a picker.
fn pick(model: &mut Model, picker: crate::state::Picker) -> Vec<Effect> {
    let Some(row) = picker.current().cloned() else {
        model.modal = Some(Modal::Picker(picker));
        return Vec::new();
    };
    let label = match &row {
        Row::Choice(i) => picker.choices[*i].label.clone(),
        Row::Own(word) => word.trim().to_string(),
    };
    let index = match row {
        Row::Choice(i) => Some(i),
        Row::Own(_) => None,
    };
    use crate::state::Purpose as P;
    match picker.purpose {
        P::Feeling { part, replace } => add_word(model, part, label, replace, true),
        P::Need { part, replace } => add_word(model, part, label, replace, false),
        P::Role(id) => {
            let Some(role) = index.and_then(|i| Role::ALL.get(i).copied()) else {
                return Vec::new();
            };
            let name = model.map.name_of(id);
            change(model, format!("{name} as {}", role.word()), |map| {
                if let Some(p) = map.part_mut(id) {
                    p.role = role;
                }
            })
        }
        P::Status(id) => {
            let Some(status) = index.and_then(|i| Status::ALL.get(i).copied()) else {
                return Vec::new();
            };
            let name = model.map.name_of(id);
            change(model, format!("{name}: {}", status.word()), |map| {
                if let Some(p) = map.part_mut(id) {
                    p.status = status;
                }
            })
        }
        P::Region(id) => {
            if let Some(region) = index.and_then(|i| crate::model::Region::ALL.get(i).copied()) {
                parts::open_sides(model, id, region);
            }
            Vec::new()
        }
        P::Enquiry => {
            if let Some(i) = index
                && let Some(w) = model.witness_mut()
            {
                w.flow.ask_enquiry(i);
                w.mode = crate::state::Mode::Writing;
                w.note = None;
            }
            Vec::new()
        }
        P::SessionPart(ref ids) | P::ConcernedPart(ref ids) => {
            let known = index.and_then(|i| ids.get(i).copied());
            let (part, mut effects) = match known {
                Some(id) => (id, Vec::new()),
                None => super::witness::new_part(model, &label),
            };
            if matches!(picker.purpose, P::SessionPart(_)) {
                effects.extend(super::witness::part_chosen(model, part));
            } else {
                effects.extend(super::witness::turn_toward(model, part));
            }
            effects.dedup();
            effects
        }
        P::RelationTarget(from, ref ids) => {
            if let Some(to) = index.and_then(|i| ids.get(i).copied()) {
                super::map::pick_kind(model, from, to);
            }
            Vec::new()
        }
        P::RelationKind(from, to) => {
            let a = model.map.name_of(from);
            let b = model.map.name_of(to);
            if let Some((_, kind, reversed)) =
                index.and_then(|i| super::map::kinds(&a, &b).into_iter().nth(i))
            {
                let (from, to) = if reversed { (to, from) } else { (from, to) };
                super::map::ask_note(model, from, to, kind);
            }
            Vec::new()
        }
        P::WitnessNeeds(_) => {
            if label.is_empty() {
                return Vec::new();
            }
            super::witness::need_added(model, label)
        }
        P::Side(id, region) => {
            if let Some(side) = index.and_then(|i| crate::model::Side::ALL.get(i).copied()) {
                let name = model.map.name_of(id);
                model.modal = Some(Modal::Editor(Editor::new(
                    EditTarget::NewBodySpot(id, region, side),
                    "",
                    true,
                    format!("{name} · {} · {}", region.word(), side.word()),
                    "What does it feel like there? (tight, buzzing, heavy… or leave it empty)",
                )));
            }
            Vec::new()
        }
    }
}

/// Adds a feeling or need word to a part (or changes the word at `replace`); a word already
/// there is selected rather than added twice.
fn add_word(
    model: &mut Model,
    id: crate::model::PartId,
    word: String,
    replace: Option<usize>,
    feeling: bool,
) -> Vec<Effect> {
    if word.is_empty() {
        return Vec::new();
    }
    let Some(part) = model.map.part(id) else {
        return Vec::new();
    };
    let name = part.name.clone();
    let existing = if feeling {
        part.feelings
            .iter()
            .position(|f| f.word.eq_ignore_ascii_case(&word))
    } else {
        part.needs
            .iter()
            .position(|n| n.word.eq_ignore_ascii_case(&word))
    };
    let row_of = move |i: usize| {
        if feeling {
            PartRow::Feeling(i)
        } else {
            PartRow::Need(i)
        }
    };
    if let Some(i) = existing {
        if replace != Some(i) {
            model.notice = Some(Notice::info(format!("{word} is already with {name}.")));
        }
        select_row(model, |rows, _| rows.iter().position(|r| *r == row_of(i)));
        return Vec::new();
    }
    let what = match (replace, feeling) {
        (Some(_), _) => format!("{word} for {name}"),
        (None, true) => format!("added {word} to {name}"),
        (None, false) => format!("added the need for {word} to {name}"),
    };
    let effects = change(model, what, |map| {
        let Some(p) = map.part_mut(id) else {
            return;
        };
        match (feeling, replace) {
            (true, Some(i)) => {
                if let Some(f) = p.feelings.get_mut(i) {
                    f.word = word.clone();
                }
            }
            (true, None) => p.feelings.push(Feeling {
                word: word.clone(),
                intensity: Feeling::START,
            }),
            (false, Some(i)) => {
                if let Some(n) = p.needs.get_mut(i) {
                    n.word = word.clone();
                }
            }
            (false, None) => p.needs.push(Need {
                word: word.clone(),
                met: false,
            }),
        }
    });
    select_row(model, |rows, part| {
        let i = match replace {
            Some(i) => i,
            None if feeling => part.feelings.len().saturating_sub(1),
            None => part.needs.len().saturating_sub(1),
        };
        rows.iter().position(|r| *r == row_of(i))
    });
    effects
}

/// Focuses the Part pane on the row `find` picks, for the selected part.
fn select_row(model: &mut Model, find: impl FnOnce(&[PartRow], &Part) -> Option<usize>) {
    let Some(part) = model.selected_part() else {
        return;
    };
    let rows = crate::state::part_rows(&model.map, part);
    if let Some(i) = find(&rows, part) {
        model.focus = Pane::Part;
        model.part_row = i;
    }
}

/// Carries out a removal the person said yes to.
fn settle(model: &mut Model, pending: Pending) -> Vec<Effect> {
    let name_of = |model: &Model, id| {
        model
            .map
            .part(id)
            .map(|p: &Part| p.name.clone())
            .unwrap_or_default()
    };
    let effects = match pending {
        Pending::QuitAnyway => return vec![Effect::QuitAnyway],
        Pending::DeletePart(id) => {
            let name = name_of(model, id);
            let effects = change(model, format!("deleted {name}"), |map| {
                map.remove_part(id);
            });
            model.focus = Pane::List;
            model.notice = Some(Notice::info(format!(
                "{name} is deleted. u brings it back."
            )));
            return effects;
        }
        Pending::DeleteFeeling(id, i) => {
            let name = name_of(model, id);
            change(model, format!("removed a feeling from {name}"), |map| {
                if let Some(p) = map.part_mut(id).filter(|p| i < p.feelings.len()) {
                    p.feelings.remove(i);
                }
            })
        }
        Pending::DeleteNeed(id, i) => {
            let name = name_of(model, id);
            change(model, format!("removed a need from {name}"), |map| {
                if let Some(p) = map.part_mut(id).filter(|p| i < p.needs.len()) {
                    p.needs.remove(i);
                }
            })
        }
        Pending::DeleteBody(id, i) => {
            let name = name_of(model, id);
            change(
                model,
                format!("removed a place in the body from {name}"),
                |map| {
                    if let Some(p) = map.part_mut(id).filter(|p| i < p.body.len()) {
                        p.body.remove(i);
                    }
                },
            )
        }
        Pending::DeleteBurden(id, i) => {
            let name = name_of(model, id);
            change(model, format!("removed a burden from {name}"), |map| {
                if let Some(p) = map.part_mut(id).filter(|p| i < p.burdens.len()) {
                    p.burdens.remove(i);
                }
            })
        }
        Pending::DeleteRelation(i) => change(model, "removed a relation", |map| {
            if i < map.relations.len() {
                map.relations.remove(i);
            }
        }),
        Pending::DeleteSession(id) => change(model, "deleted a dialogue", |map| {
            map.sessions.retain(|s| s.id != id);
        }),
        Pending::ClearField(id, field) => {
            let name = name_of(model, id);
            change(
                model,
                format!("cleared {} of {name}", field.label()),
                |map| {
                    if let Some(p) = map.part_mut(id) {
                        p.set_text(field, String::new());
                    }
                },
            )
        }
    };
    if !effects.is_empty() {
        model.notice = Some(Notice::info("Removed. u brings it back."));
    }
    effects
}

/// Leaves tend. Whatever was being written in a text box is kept first, never dropped.
pub(super) fn quit(model: &mut Model) -> Vec<Effect> {
    let mut effects = Vec::new();
    if let Some(Modal::Editor(editor)) = model.modal.take()
        && editor.changed()
        && !editor.text().trim().is_empty()
    {
        effects = keep(model, editor);
    }
    model.modal = None;
    // Words in a dialogue's answer box are kept as what was said.
    if model.witness().is_some_and(|w| !w.blank()) {
        effects.extend(super::witness::keep_unsent(model));
    }
    effects.push(Effect::Quit);
    effects
}

/// Puts found words back where they were being written; if that place is gone, they are
/// kept with the map's check-ins rather than lost.
fn restore_draft(model: &mut Model, draft: crate::model::Draft) -> Vec<Effect> {
    use crate::model::DraftFor;
    let text = draft.text.clone();
    match draft.target {
        DraftFor::Field(id, field) if model.map.part(id).is_some() => {
            if let Some(i) = model.map.index_of(id) {
                model.selected = i;
            }
            let part = model.map.part(id).cloned();
            if let Some(part) = part {
                let mut editor = Editor::new(
                    EditTarget::Field(id, field),
                    &text,
                    field.single_line(),
                    format!("{} · {}", part.name, field.label()),
                    field.question(),
                );
                editor.original = part.text(field);
                model.modal = Some(Modal::Editor(editor));
            }
            Vec::new()
        }
        DraftFor::NewPart => {
            let mut editor = Editor::new(
                EditTarget::NewPart,
                &text,
                true,
                "A new part",
                "What would you like to call it?",
            );
            editor.original = String::new();
            model.modal = Some(Modal::Editor(editor));
            Vec::new()
        }
        DraftFor::Rename(id) if model.map.part(id).is_some() => {
            let old = model.map.name_of(id);
            let mut editor = Editor::new(
                EditTarget::Rename(id),
                &text,
                true,
                format!("Renaming {old}"),
                "What would you like to call it?",
            );
            editor.original = old;
            model.modal = Some(Modal::Editor(editor));
            Vec::new()
        }
        DraftFor::Dialogue { part, session } => {
            let open = session
                .and_then(|s| model.map.session(s))
                .is_some_and(|s| !s.finished);
            match (session, part) {
                (Some(s), _) if open => super::witness::resume(model, s),
                (_, Some(p)) if model.map.part(p).is_some() => {
                    super::witness::start(model, Some(p))
                }
                (_, None) => super::witness::start(model, None),
                _ => return keep_as_check_in(model, draft.at, text),
            }
            if let Some(w) = model.witness_mut() {
                w.paste(&text);
                w.mode = crate::state::Mode::Writing;
            }
            Vec::new()
        }
        _ => keep_as_check_in(model, draft.at, text),
    }
}

fn keep_as_check_in(model: &mut Model, at: jiff::Timestamp, text: String) -> Vec<Effect> {
    model.notice = Some(Notice::info(
        "The place those words were for isn't here any more, so they are kept with the map's \
         check-ins.",
    ));
    change(model, "kept words from a draft", |map| {
        map.check_ins.push(crate::model::CheckIn {
            at,
            lines: vec![text],
        });
    })
}
