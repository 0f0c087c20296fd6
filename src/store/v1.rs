//! Schema version 1, frozen: the map exactly as tend wrote it before version 2. These types
//! never change; `into_current` turns a version-1 map into today's.
//!
//! Version 2 added `next_ids`, so that a deleted part's or dialogue's id is never given to a
//! new one (an old dialogue that names a part by id must never point at a stranger).

use std::collections::BTreeSet;
use std::sync::Arc;

use jiff::Timestamp;
use serde::Deserialize;

use crate::dialogue::Step;
use crate::model as now;

#[derive(Deserialize)]
pub(super) struct MapV1 {
    #[allow(dead_code)]
    version: u32,
    #[serde(default)]
    title: String,
    #[serde(default)]
    parts: Vec<PartV1>,
    #[serde(default)]
    relations: Vec<RelationV1>,
    #[serde(default)]
    sessions: Vec<SessionV1>,
    #[serde(default)]
    check_ins: Vec<CheckInV1>,
}

#[derive(Deserialize)]
struct PartV1 {
    id: u32,
    name: String,
    #[serde(default)]
    role: RoleV1,
    #[serde(default)]
    status: StatusV1,
    #[serde(default)]
    felt_age: String,
    #[serde(default)]
    appearance: String,
    #[serde(default)]
    job: String,
    #[serde(default)]
    positive_intent: String,
    #[serde(default)]
    fears: String,
    #[serde(default)]
    burdens: Vec<BurdenV1>,
    #[serde(default)]
    triggers: String,
    #[serde(default)]
    body: Vec<BodySpotV1>,
    #[serde(default)]
    feelings: Vec<FeelingV1>,
    #[serde(default)]
    needs: Vec<NeedV1>,
    #[serde(default)]
    notes: String,
    #[serde(default)]
    private: BTreeSet<FieldV1>,
    #[serde(default)]
    position: Option<PositionV1>,
    created: Timestamp,
}

#[derive(Deserialize, Default, Clone, Copy)]
enum RoleV1 {
    Manager,
    Firefighter,
    Exile,
    #[default]
    Unsure,
}

#[derive(Deserialize, Default, Clone, Copy)]
enum StatusV1 {
    #[default]
    JustMet,
    GettingToKnow,
    Befriended,
    Witnessed,
    Unburdened,
}

#[derive(Deserialize, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum FieldV1 {
    FeltAge,
    Appearance,
    Job,
    PositiveIntent,
    Fears,
    Burdens,
    Triggers,
    Notes,
}

#[derive(Deserialize)]
struct BurdenV1 {
    text: String,
    #[serde(default)]
    origin: OriginV1,
}

#[derive(Deserialize, Default, Clone, Copy)]
enum OriginV1 {
    #[default]
    Unsure,
    Personal,
    Legacy,
}

#[derive(Deserialize)]
struct FeelingV1 {
    word: String,
    intensity: u8,
}

#[derive(Deserialize)]
struct NeedV1 {
    word: String,
    #[serde(default)]
    met: bool,
}

#[derive(Deserialize)]
struct BodySpotV1 {
    region: RegionV1,
    #[serde(default)]
    side: SideV1,
    #[serde(default)]
    sensation: String,
}

#[derive(Deserialize, Clone, Copy)]
enum RegionV1 {
    Head,
    Face,
    Throat,
    Shoulders,
    Chest,
    Heart,
    Belly,
    Pelvis,
    Back,
    Arms,
    Hands,
    Legs,
    Feet,
}

#[derive(Deserialize, Default, Clone, Copy)]
enum SideV1 {
    Left,
    #[default]
    Centre,
    Right,
}

#[derive(Deserialize, Clone, Copy)]
struct PositionV1 {
    x: i16,
    y: i16,
}

#[derive(Deserialize)]
struct RelationV1 {
    from: u32,
    to: u32,
    kind: KindV1,
    #[serde(default)]
    note: String,
}

#[derive(Deserialize, Clone, Copy)]
enum KindV1 {
    Protects,
    Polarized,
    Allied,
    Unsure,
}

#[derive(Deserialize)]
struct SessionV1 {
    id: u32,
    #[serde(default)]
    part: Option<u32>,
    started: Timestamp,
    updated: Timestamp,
    #[serde(default)]
    next: Option<Step>,
    #[serde(default)]
    finished: bool,
    #[serde(default = "yes")]
    private: bool,
    #[serde(default)]
    entries: Vec<EntryV1>,
    #[serde(default)]
    commitments: Vec<CommitmentV1>,
}

fn yes() -> bool {
    true
}

#[derive(Deserialize, Clone, Copy)]
enum SpeakerV1 {
    #[serde(rename = "Self")]
    Me,
    Part(u32),
}

#[derive(Deserialize)]
struct TurnV1 {
    at: Timestamp,
    speaker: SpeakerV1,
    #[serde(default)]
    step: Option<Step>,
    #[serde(default)]
    question: String,
    text: String,
}

#[derive(Deserialize)]
enum EntryV1 {
    Turn(TurnV1),
    Skipped {
        at: Timestamp,
        step: Step,
    },
    Pause {
        at: Timestamp,
        seconds: u32,
    },
    SteppedBack {
        at: Timestamp,
        feeling: String,
    },
    TurnedToward {
        at: Timestamp,
        feeling: String,
        part: u32,
        session: u32,
    },
    BranchedFrom {
        at: Timestamp,
        session: u32,
    },
    Body {
        at: Timestamp,
        spot: BodySpotV1,
    },
    Needs {
        at: Timestamp,
        words: Vec<String>,
    },
    Break {
        at: Timestamp,
        lines: Vec<String>,
    },
}

#[derive(Deserialize)]
struct CommitmentV1 {
    made: Timestamp,
    text: String,
    #[serde(default)]
    state: CommitmentStateV1,
}

#[derive(Deserialize, Default, Clone, Copy)]
enum CommitmentStateV1 {
    #[default]
    Open,
    Done(Timestamp),
    LetGo(Timestamp),
}

#[derive(Deserialize)]
struct CheckInV1 {
    at: Timestamp,
    lines: Vec<String>,
}

impl MapV1 {
    /// Today's map: the same content, with id counters set past every id in use.
    pub(super) fn into_current(self) -> now::Map {
        let next_part = self.parts.iter().map(|p| p.id).max().unwrap_or(0) + 1;
        let next_session = self.sessions.iter().map(|s| s.id).max().unwrap_or(0) + 1;
        now::Map {
            version: now::SCHEMA_VERSION,
            title: self.title,
            next_ids: now::NextIds {
                part: next_part,
                session: next_session,
            },
            parts: self
                .parts
                .into_iter()
                .map(|p| Arc::new(p.into_current()))
                .collect(),
            relations: self
                .relations
                .into_iter()
                .map(|r| now::Relation {
                    from: now::PartId(r.from),
                    to: now::PartId(r.to),
                    kind: match r.kind {
                        KindV1::Protects => now::RelationKind::Protects,
                        KindV1::Polarized => now::RelationKind::Polarized,
                        KindV1::Allied => now::RelationKind::Allied,
                        KindV1::Unsure => now::RelationKind::Unsure,
                    },
                    note: r.note,
                })
                .collect(),
            sessions: self
                .sessions
                .into_iter()
                .map(|s| Arc::new(s.into_current()))
                .collect(),
            check_ins: self
                .check_ins
                .into_iter()
                .map(|c| now::CheckIn {
                    at: c.at,
                    lines: c.lines,
                })
                .collect(),
        }
    }
}

impl BodySpotV1 {
    fn into_current(self) -> now::BodySpot {
        now::BodySpot {
            region: match self.region {
                RegionV1::Head => now::Region::Head,
                RegionV1::Face => now::Region::Face,
                RegionV1::Throat => now::Region::Throat,
                RegionV1::Shoulders => now::Region::Shoulders,
                RegionV1::Chest => now::Region::Chest,
                RegionV1::Heart => now::Region::Heart,
                RegionV1::Belly => now::Region::Belly,
                RegionV1::Pelvis => now::Region::Pelvis,
                RegionV1::Back => now::Region::Back,
                RegionV1::Arms => now::Region::Arms,
                RegionV1::Hands => now::Region::Hands,
                RegionV1::Legs => now::Region::Legs,
                RegionV1::Feet => now::Region::Feet,
            },
            side: match self.side {
                SideV1::Left => now::Side::Left,
                SideV1::Centre => now::Side::Centre,
                SideV1::Right => now::Side::Right,
            },
            sensation: self.sensation,
        }
    }
}

impl PartV1 {
    fn into_current(self) -> now::Part {
        now::Part {
            id: now::PartId(self.id),
            name: self.name,
            role: match self.role {
                RoleV1::Manager => now::Role::Manager,
                RoleV1::Firefighter => now::Role::Firefighter,
                RoleV1::Exile => now::Role::Exile,
                RoleV1::Unsure => now::Role::Unsure,
            },
            status: match self.status {
                StatusV1::JustMet => now::Status::JustMet,
                StatusV1::GettingToKnow => now::Status::GettingToKnow,
                StatusV1::Befriended => now::Status::Befriended,
                StatusV1::Witnessed => now::Status::Witnessed,
                StatusV1::Unburdened => now::Status::Unburdened,
            },
            felt_age: self.felt_age,
            appearance: self.appearance,
            job: self.job,
            positive_intent: self.positive_intent,
            fears: self.fears,
            burdens: self
                .burdens
                .into_iter()
                .map(|b| now::Burden {
                    text: b.text,
                    origin: match b.origin {
                        OriginV1::Unsure => now::BurdenOrigin::Unsure,
                        OriginV1::Personal => now::BurdenOrigin::Personal,
                        OriginV1::Legacy => now::BurdenOrigin::Legacy,
                    },
                })
                .collect(),
            triggers: self.triggers,
            body: self
                .body
                .into_iter()
                .map(BodySpotV1::into_current)
                .collect(),
            feelings: self
                .feelings
                .into_iter()
                .map(|f| now::Feeling {
                    word: f.word,
                    intensity: f.intensity,
                })
                .collect(),
            needs: self
                .needs
                .into_iter()
                .map(|n| now::Need {
                    word: n.word,
                    met: n.met,
                })
                .collect(),
            notes: self.notes,
            private: self
                .private
                .into_iter()
                .map(|f| match f {
                    FieldV1::FeltAge => now::TextField::FeltAge,
                    FieldV1::Appearance => now::TextField::Appearance,
                    FieldV1::Job => now::TextField::Job,
                    FieldV1::PositiveIntent => now::TextField::PositiveIntent,
                    FieldV1::Fears => now::TextField::Fears,
                    FieldV1::Burdens => now::TextField::Burdens,
                    FieldV1::Triggers => now::TextField::Triggers,
                    FieldV1::Notes => now::TextField::Notes,
                })
                .collect(),
            position: self.position.map(|p| now::Position { x: p.x, y: p.y }),
            created: self.created,
        }
    }
}

fn speaker(s: SpeakerV1) -> now::Speaker {
    match s {
        SpeakerV1::Me => now::Speaker::Me,
        SpeakerV1::Part(id) => now::Speaker::Part(now::PartId(id)),
    }
}

impl SessionV1 {
    fn into_current(self) -> now::Session {
        now::Session {
            id: now::SessionId(self.id),
            part: self.part.map(now::PartId),
            started: self.started,
            updated: self.updated,
            next: self.next,
            finished: self.finished,
            private: self.private,
            entries: self
                .entries
                .into_iter()
                .map(|e| match e {
                    EntryV1::Turn(t) => now::Entry::Turn(now::Turn {
                        at: t.at,
                        speaker: speaker(t.speaker),
                        step: t.step,
                        question: t.question,
                        text: t.text,
                    }),
                    EntryV1::Skipped { at, step } => now::Entry::Skipped { at, step },
                    EntryV1::Pause { at, seconds } => now::Entry::Pause { at, seconds },
                    EntryV1::SteppedBack { at, feeling } => now::Entry::SteppedBack { at, feeling },
                    EntryV1::TurnedToward {
                        at,
                        feeling,
                        part,
                        session,
                    } => now::Entry::TurnedToward {
                        at,
                        feeling,
                        part: now::PartId(part),
                        session: now::SessionId(session),
                    },
                    EntryV1::BranchedFrom { at, session } => now::Entry::BranchedFrom {
                        at,
                        session: now::SessionId(session),
                    },
                    EntryV1::Body { at, spot } => now::Entry::Body {
                        at,
                        spot: spot.into_current(),
                    },
                    EntryV1::Needs { at, words } => now::Entry::Needs { at, words },
                    EntryV1::Break { at, lines } => now::Entry::Break { at, lines },
                })
                .collect(),
            commitments: self
                .commitments
                .into_iter()
                .map(|c| now::Commitment {
                    made: c.made,
                    text: c.text,
                    state: match c.state {
                        CommitmentStateV1::Open => now::CommitmentState::Open,
                        CommitmentStateV1::Done(t) => now::CommitmentState::Done(t),
                        CommitmentStateV1::LetGo(t) => now::CommitmentState::LetGo(t),
                    },
                })
                .collect(),
        }
    }
}
