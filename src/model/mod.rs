//! The persisted domain: one person's map of parts, exactly as it is written to disk.
//!
//! Field order here is file order, and every collection is a `Vec` or `BTreeSet`, so saving
//! an unchanged map gives the same bytes every time.

mod draft;
mod part;
mod session;

pub use draft::{Draft, DraftFor};
pub use part::{
    BodySpot, Burden, BurdenOrigin, Feeling, Need, Part, PartId, Position, Region, Role, Side,
    Status, TextField,
};
pub use session::{CheckIn, Commitment, CommitmentState, Entry, Session, SessionId, Speaker, Turn};

use std::sync::Arc;

use serde::{Deserialize, Serialize};

/// The schema version this build writes. Files with a higher number are refused; older ones
/// are read through their frozen types and migrated (see `store::v1`).
pub const SCHEMA_VERSION: u32 = 2;

/// The next ids to give out, so an id is never used twice in one map (even after a delete).
#[derive(Serialize, Deserialize, Clone, Copy, Debug, PartialEq, Eq, Default)]
pub struct NextIds {
    /// The next part id.
    pub part: u32,
    /// The next dialogue id.
    pub session: u32,
}

/// One person's system of parts: what one map file holds.
///
/// Parts are shared (`Arc`) between the map and its undo snapshots, so a change copies only
/// the part it touches and a snapshot of a large map costs little.
#[derive(Serialize, Deserialize, Clone, Debug, PartialEq, Eq, Default)]
pub struct Map {
    /// Schema version of the file (see [`SCHEMA_VERSION`]).
    pub version: u32,
    /// The map's title, shown in the header ("meadow", "Sam").
    #[serde(default)]
    pub title: String,
    /// The next ids to give out.
    #[serde(default)]
    pub next_ids: NextIds,
    /// The parts, in the order the person added them.
    #[serde(default)]
    pub parts: Vec<Arc<Part>>,
    /// How parts stand toward each other.
    #[serde(default)]
    pub relations: Vec<Relation>,
    /// Witnessing dialogues, oldest first.
    #[serde(default)]
    pub sessions: Vec<Arc<Session>>,
    /// Self-compassion breaks taken outside a session.
    #[serde(default)]
    pub check_ins: Vec<CheckIn>,
}

impl Map {
    /// An empty map with the given title, at the current schema version.
    pub fn new(title: impl Into<String>) -> Self {
        Map {
            version: SCHEMA_VERSION,
            title: title.into(),
            next_ids: NextIds {
                part: 1,
                session: 1,
            },
            parts: Vec::new(),
            relations: Vec::new(),
            sessions: Vec::new(),
            check_ins: Vec::new(),
        }
    }

    /// The part with this id, if there is one.
    pub fn part(&self, id: PartId) -> Option<&Part> {
        self.parts.iter().find(|p| p.id == id).map(|p| &**p)
    }

    /// The name of the part with this id (empty if there is none).
    pub fn name_of(&self, id: PartId) -> String {
        self.part(id).map(|p| p.name.clone()).unwrap_or_default()
    }

    /// The part with this id, mutably (copied first if a snapshot shares it).
    pub fn part_mut(&mut self, id: PartId) -> Option<&mut Part> {
        self.parts
            .iter_mut()
            .find(|p| p.id == id)
            .map(Arc::make_mut)
    }

    /// Adds a part at the end (its id is never given out again).
    pub fn add_part(&mut self, part: Part) {
        self.next_ids.part = self.next_ids.part.max(part.id.0.saturating_add(1));
        self.parts.push(Arc::new(part));
    }

    /// Adds a dialogue at the end (its id is never given out again).
    pub fn add_session(&mut self, session: Session) {
        self.next_ids.session = self.next_ids.session.max(session.id.0.saturating_add(1));
        self.sessions.push(Arc::new(session));
    }

    /// The position of the part with this id in `parts`.
    pub fn index_of(&self, id: PartId) -> Option<usize> {
        self.parts.iter().position(|p| p.id == id)
    }

    /// An id no part has ever had in this map.
    pub fn next_part_id(&self) -> PartId {
        let past = self.parts.iter().map(|p| p.id.0).max().unwrap_or(0) + 1;
        PartId(self.next_ids.part.max(past))
    }

    /// Removes a part, every relation that touches it, and its sessions; returns the part.
    pub fn remove_part(&mut self, id: PartId) -> Option<Arc<Part>> {
        let index = self.index_of(id)?;
        self.relations.retain(|r| r.from != id && r.to != id);
        self.sessions.retain(|s| s.part != Some(id));
        Some(self.parts.remove(index))
    }

    /// The session with this id.
    pub fn session(&self, id: SessionId) -> Option<&Session> {
        self.sessions.iter().find(|s| s.id == id).map(|s| &**s)
    }

    /// The session with this id, mutably (copied first if a snapshot shares it).
    pub fn session_mut(&mut self, id: SessionId) -> Option<&mut Session> {
        self.sessions
            .iter_mut()
            .find(|s| s.id == id)
            .map(Arc::make_mut)
    }

    /// An id no dialogue has ever had in this map.
    pub fn next_session_id(&self) -> SessionId {
        let past = self.sessions.iter().map(|s| s.id.0).max().unwrap_or(0) + 1;
        SessionId(self.next_ids.session.max(past))
    }

    /// The sessions with a part, newest first.
    pub fn sessions_of(&self, part: PartId) -> Vec<&Session> {
        let mut out: Vec<&Session> = self
            .sessions
            .iter()
            .filter(|s| s.part == Some(part))
            .map(|s| &**s)
            .collect();
        out.sort_by_key(|s| std::cmp::Reverse((s.started, s.id)));
        out
    }

    /// The open commitments made with a part: (session, index in its commitments).
    pub fn open_commitments(&self, part: PartId) -> Vec<(SessionId, usize)> {
        self.sessions
            .iter()
            .filter(|s| s.part == Some(part))
            .flat_map(|s| {
                s.commitments
                    .iter()
                    .enumerate()
                    .filter(|(_, c)| c.state == CommitmentState::Open)
                    .map(move |(i, _)| (s.id, i))
            })
            .collect()
    }

    /// The name a speaker goes by in this map ("Self", or the part's name).
    pub fn speaker_name(&self, speaker: Speaker) -> &str {
        match speaker {
            Speaker::Me => "Self",
            Speaker::Part(id) => self.part(id).map_or("a part", |p| p.name.as_str()),
        }
    }

    /// The relations that involve this part, with their index in `relations`.
    pub fn relations_of(&self, id: PartId) -> impl Iterator<Item = (usize, &Relation)> {
        self.relations
            .iter()
            .enumerate()
            .filter(move |(_, r)| r.from == id || r.to == id)
    }
}

/// How two parts stand toward each other.
#[derive(Serialize, Deserialize, Clone, Debug, PartialEq, Eq)]
pub struct Relation {
    /// The part the relation starts from (the protector, for `Protects`).
    pub from: PartId,
    /// The other part (the protected one, for `Protects`).
    pub to: PartId,
    /// What kind of relation it is.
    pub kind: RelationKind,
    /// The person's own words about it.
    #[serde(default)]
    pub note: String,
}

/// The kinds of relation between two parts.
#[derive(Serialize, Deserialize, Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum RelationKind {
    /// `from` protects `to`.
    Protects,
    /// The two pull in opposite directions.
    Polarized,
    /// The two work together.
    Allied,
    /// There is something between them, not yet named.
    Unsure,
}

impl RelationKind {
    /// Every kind, in the order pickers show them.
    pub const ALL: [RelationKind; 4] = [
        RelationKind::Protects,
        RelationKind::Polarized,
        RelationKind::Allied,
        RelationKind::Unsure,
    ];

    /// The words shown between the two names ("protects", "polarized with").
    pub fn phrase(self) -> &'static str {
        match self {
            RelationKind::Protects => "protects",
            RelationKind::Polarized => "polarized with",
            RelationKind::Allied => "allied with",
            RelationKind::Unsure => "unsure about",
        }
    }

    /// The words seen from the other end ("protected by").
    pub fn reverse_phrase(self) -> &'static str {
        match self {
            RelationKind::Protects => "protected by",
            other => other.phrase(),
        }
    }
}
