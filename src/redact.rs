//! The one place that decides what may be drawn while presenting or veiled. The view draws
//! `for_view(model)`, never the model itself, so no pane can forget a rule.
//!
//! Presenting shows what is meant to be shared (names, roles, statuses, feelings, needs,
//! body locations, relations) and hides every field, dialogue and check-in marked private,
//! and the support contacts. The veil hides all personal text: names, every word the person
//! wrote or chose, the map's title; structure, glyphs and the app's own words remain.

use std::borrow::Cow;
use std::sync::Arc;

use ratatui_textarea::TextArea;

use crate::model::{Entry, Map, Part, Session, TextField};
use crate::state::editor::style_text_area;
use crate::state::{EditTarget, Modal, Model, Overlay, Screen};

/// What stands in for hidden text while presenting.
pub const PRIVATE: &str = "· private ·";
/// What stands in for text under the veil.
pub const VEILED: &str = "· · ·";

/// The model as it may be drawn now.
pub fn for_view(model: &Model) -> Cow<'_, Model> {
    if !model.presenting && !model.veiled {
        return Cow::Borrowed(model);
    }
    let mut shown = model.clone();
    // The past is not drawn; keep the copy light.
    shown.history = crate::history::History::default();
    // Fix every part where it is drawn now, so hiding names never moves the map around.
    crate::geometry::place_all(&mut shown.map);
    if model.veiled {
        veil(&mut shown);
    } else {
        present(&mut shown);
    }
    Cow::Owned(shown)
}

fn hide(text: &mut String, with: &str) {
    if !text.trim().is_empty() {
        *text = with.to_string();
    }
}

fn hidden_box(with: &str) -> TextArea<'static> {
    let mut area = TextArea::new(vec![with.to_string()]);
    style_text_area(&mut area, false);
    area
}

/// Presenting: private fields, private dialogues and check-ins, and contacts are hidden.
fn present(m: &mut Model) {
    let map = &mut m.map;
    for part in map.parts.iter_mut() {
        if TextField::SHOWN
            .iter()
            .chain([TextField::Notes].iter())
            .any(|f| part.is_private(*f) && !part.text(*f).trim().is_empty())
        {
            let p = Arc::make_mut(part);
            hide_private_fields(p);
        }
    }
    for session in map.sessions.iter_mut() {
        if session.private {
            hide_session(Arc::make_mut(session), PRIVATE, true);
        }
    }
    // A relation is shared; the notes about it, like check-ins and contacts, are not.
    hide_always(m, PRIVATE);
    // The list of other maps is never drawn while presenting.
    if matches!(m.screen, Screen::Maps(_)) {
        m.screen = Screen::Parts;
    }
    let private_session = |map: &Map, id| map.session(id).is_none_or(|s: &Session| s.private);
    if let Screen::Witness(w) = &mut m.screen
        && w.session.is_none_or(|id| private_session(&m.map, id))
        && !w.blank()
    {
        w.answer = hidden_box(PRIVATE);
    }
    if let Some(Modal::Editor(e)) = &mut m.modal {
        let private = match e.target {
            EditTarget::Field(id, field) => m.map.part(id).is_none_or(|p| p.is_private(field)),
            EditTarget::NewRelation(..) | EditTarget::RelationNote(_) => true,
            _ => false,
        };
        if private {
            e.area = hidden_box(PRIVATE);
        }
    }
}

/// What is hidden both while presenting and under the veil: relation notes, check-ins,
/// support contacts, found drafts, and what is being written in a break or a new contact.
fn hide_always(m: &mut Model, with: &str) {
    for r in &mut m.map.relations {
        hide(&mut r.note, with);
    }
    for c in &mut m.map.check_ins {
        for line in &mut c.lines {
            hide(line, with);
        }
    }
    for c in &mut m.config.contacts {
        hide(&mut c.name, with);
        hide(&mut c.how, with);
    }
    if let Some(Modal::Draft(d)) = &mut m.modal {
        hide(&mut d.text, with);
    }
    for overlay in &mut m.overlays {
        match overlay {
            Overlay::Break(b) => {
                b.input = hidden_box(with);
                for line in &mut b.lines {
                    hide(line, with);
                }
            }
            Overlay::Support(s) => {
                if let Some(adding) = &mut s.adding {
                    adding.input = hidden_box(with);
                    if let Some(name) = &mut adding.name {
                        hide(name, with);
                    }
                }
            }
            Overlay::Help { .. } | Overlay::Pause(_) => {}
        }
    }
}

fn hide_private_fields(p: &mut Part) {
    let fields: Vec<TextField> = p.private.iter().copied().collect();
    for field in fields {
        match field {
            TextField::Burdens => {
                for b in &mut p.burdens {
                    hide(&mut b.text, PRIVATE);
                }
            }
            other => {
                let text = p.text(other);
                if !text.trim().is_empty() {
                    p.set_text(other, PRIVATE.to_string());
                }
            }
        }
    }
}

fn hide_session(s: &mut Session, with: &str, everything: bool) {
    for entry in &mut s.entries {
        match entry {
            Entry::Turn(t) => {
                hide(&mut t.text, with);
                if everything {
                    hide(&mut t.question, with);
                }
            }
            Entry::SteppedBack { feeling, .. } | Entry::TurnedToward { feeling, .. } => {
                hide(feeling, with)
            }
            Entry::Break { lines, .. } => lines.iter_mut().for_each(|l| hide(l, with)),
            Entry::Body { spot, .. } if everything => hide(&mut spot.sensation, with),
            Entry::Needs { words, .. } if everything => {
                words.iter_mut().for_each(|w| hide(w, with))
            }
            _ => {}
        }
    }
    for c in &mut s.commitments {
        hide(&mut c.text, with);
    }
}

/// The veil: every word that belongs to the person is replaced by neutral dots.
fn veil(m: &mut Model) {
    let map = &mut m.map;
    hide(&mut map.title, VEILED);
    for part in map.parts.iter_mut() {
        let p = Arc::make_mut(part);
        hide(&mut p.name, VEILED);
        for field in TextField::SHOWN.iter().chain([TextField::Notes].iter()) {
            if field == &TextField::Burdens {
                for b in &mut p.burdens {
                    hide(&mut b.text, VEILED);
                }
            } else if !p.text(*field).trim().is_empty() {
                p.set_text(*field, VEILED.to_string());
            }
        }
        for f in &mut p.feelings {
            hide(&mut f.word, VEILED);
        }
        for n in &mut p.needs {
            hide(&mut n.word, VEILED);
        }
        for s in &mut p.body {
            hide(&mut s.sensation, VEILED);
        }
    }
    for session in map.sessions.iter_mut() {
        hide_session(Arc::make_mut(session), VEILED, true);
    }
    hide_always(m, VEILED);
    // A file name can be a person's name too.
    if let crate::state::Source::File(path) = &m.source {
        let veiled = path.with_file_name("veiled");
        m.source = crate::state::Source::File(veiled);
    }
    m.notice = None;
    match &mut m.screen {
        Screen::Witness(w) => {
            if !w.blank() {
                w.answer = hidden_box(VEILED);
            }
            w.note = None;
            if let Some(c) = &mut w.flow.concern {
                hide(&mut c.answer, VEILED);
                hide(&mut c.word, VEILED);
            }
        }
        Screen::LoadFailed(e) => {
            e.path = e.path.with_file_name("veiled");
        }
        Screen::Maps(view) => {
            for e in &mut view.entries {
                hide(&mut e.name, VEILED);
                hide(&mut e.title, VEILED);
                e.path = e.path.with_file_name("veiled");
            }
            view.query = hidden_box(if view.text().is_empty() { "" } else { VEILED });
            if let Some(n) = &mut view.naming {
                n.input = hidden_box(VEILED);
            }
        }
        Screen::Parts | Screen::Map | Screen::Reading { .. } => {}
    }
    match &mut m.modal {
        Some(Modal::Editor(e)) => {
            e.area = hidden_box(VEILED);
            hide(&mut e.title, VEILED);
        }
        Some(Modal::Picker(p)) => {
            if !p.text().is_empty() {
                p.query = hidden_box(VEILED);
            }
            hide(&mut p.title, VEILED);
            for c in &mut p.choices {
                hide(&mut c.label, VEILED);
            }
            for row in &mut p.rows {
                if let crate::state::Row::Own(word) = row {
                    hide(word, VEILED);
                }
            }
        }
        Some(Modal::Confirm(c)) => {
            hide(&mut c.question, VEILED);
        }
        Some(Modal::Draft(_)) | None => {}
    }
}
