//! Undo and redo for every change to the map, as whole-map snapshots with a few words
//! saying what changed ("added anxious to The Critic").

use crate::model::Map;

/// How many changes can be undone.
pub const DEPTH: usize = 200;

/// The map as it was before a change, and what the change was.
#[derive(Clone, Debug, PartialEq)]
struct Snapshot {
    map: Map,
    what: String,
}

/// Past and undone changes.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct History {
    past: Vec<Snapshot>,
    future: Vec<Snapshot>,
}

impl History {
    /// Records that `before` was replaced by a change described by `what`.
    pub fn record(&mut self, before: Map, what: impl Into<String>) {
        self.past.push(Snapshot {
            map: before,
            what: what.into(),
        });
        if self.past.len() > DEPTH {
            self.past.remove(0);
        }
        self.future.clear();
    }

    /// Steps back: returns the earlier map and what is undone; `current` goes to redo.
    pub fn undo(&mut self, current: &Map) -> Option<(Map, String)> {
        let snap = self.past.pop()?;
        self.future.push(Snapshot {
            map: current.clone(),
            what: snap.what.clone(),
        });
        Some((snap.map, snap.what))
    }

    /// Steps forward again: returns the later map and what is redone.
    pub fn redo(&mut self, current: &Map) -> Option<(Map, String)> {
        let snap = self.future.pop()?;
        self.past.push(Snapshot {
            map: current.clone(),
            what: snap.what.clone(),
        });
        Some((snap.map, snap.what))
    }

    /// Whether there is anything to undo.
    pub fn can_undo(&self) -> bool {
        !self.past.is_empty()
    }

    /// Whether there is anything to redo.
    pub fn can_redo(&self) -> bool {
        !self.future.is_empty()
    }
}
