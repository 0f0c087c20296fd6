//! Mending a map that loads but does not hold together (two parts with one id, a relation
//! to a part that is not there): each repair is described in plain words, never made
//! silently. The file itself is only rewritten on the next change, and its old form is then
//! kept as a backup.

use std::collections::BTreeSet;
use std::sync::Arc;

use crate::model::{Feeling, Map, PartId, SessionId};

/// Mends `map` in place; returns a sentence for each thing mended.
pub fn repair(map: &mut Map) -> Vec<String> {
    let mut notes = Vec::new();
    // Two parts with one id: the first keeps it, the others get new ones.
    let mut seen = BTreeSet::new();
    let mut next = map.next_part_id().0;
    for part in map.parts.iter_mut() {
        if !seen.insert(part.id) {
            let old = part.id;
            let p = Arc::make_mut(part);
            p.id = PartId(next);
            next += 1;
            notes.push(format!(
                "two parts shared the id {}; “{}” now has the id {}",
                old.0, p.name, p.id.0
            ));
        }
    }
    map.next_ids.part = map.next_ids.part.max(next);
    let ids: BTreeSet<PartId> = map.parts.iter().map(|p| p.id).collect();
    let before = map.relations.len();
    map.relations
        .retain(|r| ids.contains(&r.from) && ids.contains(&r.to) && r.from != r.to);
    let dropped = before - map.relations.len();
    if dropped > 0 {
        notes.push(format!(
            "{} pointed to a part that isn't in the map (or to the part itself), so {} set aside",
            if dropped == 1 {
                "a relation".to_string()
            } else {
                format!("{dropped} relations")
            },
            if dropped == 1 { "it was" } else { "they were" }
        ));
    }
    let mut seen_sessions = BTreeSet::new();
    let mut next_session = map.next_session_id().0;
    for session in map.sessions.iter_mut() {
        if !seen_sessions.insert(session.id) {
            Arc::make_mut(session).id = SessionId(next_session);
            next_session += 1;
            notes.push("two dialogues shared an id; the second has a new one".into());
        }
        if let Some(part) = session.part
            && !ids.contains(&part)
        {
            Arc::make_mut(session).part = None;
            notes.push(format!(
                "a dialogue was with a part that isn't in the map (id {}); it is kept, \
                 without a part",
                part.0
            ));
        }
    }
    map.next_ids.session = map.next_ids.session.max(next_session);
    for part in map.parts.iter_mut() {
        if part.feelings.iter().any(|f| f.intensity > Feeling::MAX) {
            let p = Arc::make_mut(part);
            for f in &mut p.feelings {
                f.intensity = f.intensity.min(Feeling::MAX);
            }
            notes.push(format!(
                "a feeling of “{}” was stronger than 10; it is 10 now",
                p.name
            ));
        }
    }
    notes
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Part, Relation, RelationKind, Session};

    #[test]
    fn duplicates_and_dangling_references_are_mended_and_described() {
        let at = jiff::Timestamp::UNIX_EPOCH;
        let mut map = Map::new("t");
        map.add_part(Part::new(PartId(1), "One", at));
        map.add_part(Part::new(PartId(1), "Also one", at));
        map.relations.push(Relation {
            from: PartId(1),
            to: PartId(9),
            kind: RelationKind::Allied,
            note: String::new(),
        });
        map.add_session(Session::new(SessionId(1), Some(PartId(9)), at, None));
        let notes = repair(&mut map);
        assert_eq!(notes.len(), 3, "{notes:?}");
        assert_ne!(map.parts[0].id, map.parts[1].id);
        assert!(map.relations.is_empty());
        assert_eq!(map.sessions[0].part, None);
        assert!(
            repair(&mut map).is_empty(),
            "a mended map needs nothing more"
        );
    }
}
