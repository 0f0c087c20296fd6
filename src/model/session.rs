//! A witnessing dialogue with one part, kept as it happened: the questions answered, who
//! spoke, pauses, the concerned parts that showed up, breaks, and commitments.

use jiff::Timestamp;
use serde::{Deserialize, Serialize};

use super::{BodySpot, PartId};
use crate::dialogue::Step;

/// A session's stable id.
#[derive(
    Serialize, Deserialize, Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Default,
)]
#[serde(transparent)]
pub struct SessionId(pub u32);

/// Who is speaking in a turn.
#[derive(Serialize, Deserialize, Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Speaker {
    /// Self: the calm, curious one who listens.
    #[serde(rename = "Self")]
    Me,
    /// The part, in its own words.
    Part(PartId),
}

/// One witnessing dialogue.
#[derive(Serialize, Deserialize, Clone, Debug, PartialEq, Eq)]
pub struct Session {
    /// Stable id.
    pub id: SessionId,
    /// The part it is with (none yet, when it began from "something is up").
    #[serde(default)]
    pub part: Option<PartId>,
    /// When it began.
    pub started: Timestamp,
    /// When anything last happened in it.
    pub updated: Timestamp,
    /// The guided question it would ask next (none: free dialogue).
    #[serde(default)]
    pub next: Option<Step>,
    /// Whether the guided questions were all offered.
    #[serde(default)]
    pub finished: bool,
    /// Hidden when presenting (sessions are private unless marked otherwise).
    #[serde(default = "yes")]
    pub private: bool,
    /// What happened, in order.
    #[serde(default)]
    pub entries: Vec<Entry>,
    /// Harmless actions or responsibilities the person chose.
    #[serde(default)]
    pub commitments: Vec<Commitment>,
}

fn yes() -> bool {
    true
}

impl Session {
    /// A new, empty session.
    pub fn new(id: SessionId, part: Option<PartId>, at: Timestamp, next: Option<Step>) -> Self {
        Session {
            id,
            part,
            started: at,
            updated: at,
            next,
            finished: false,
            private: true,
            entries: Vec::new(),
            commitments: Vec::new(),
        }
    }

    /// The turns: what was said, by whom.
    pub fn turns(&self) -> impl Iterator<Item = &Turn> {
        self.entries.iter().filter_map(|e| match e {
            Entry::Turn(t) => Some(t),
            _ => None,
        })
    }

    /// The first thing written, for one-line previews.
    pub fn first_line(&self) -> &str {
        self.turns()
            .map(|t| t.text.as_str())
            .find(|t| !t.trim().is_empty())
            .unwrap_or("")
    }

    /// What brought the person here: the answer to the trailhead question, if given.
    pub fn trailhead(&self) -> Option<&str> {
        self.turns()
            .find(|t| t.step == Some(Step::Trailhead))
            .map(|t| t.text.as_str())
    }
}

/// Something that happened in a session.
#[derive(Serialize, Deserialize, Clone, Debug, PartialEq, Eq)]
pub enum Entry {
    /// Someone spoke.
    Turn(Turn),
    /// A guided question was passed over.
    Skipped {
        /// When.
        at: Timestamp,
        /// Which step.
        step: Step,
    },
    /// A breathing pause.
    Pause {
        /// When it began.
        at: Timestamp,
        /// How long it lasted.
        seconds: u32,
    },
    /// At "feel toward", another part seemed present and was asked to step back.
    SteppedBack {
        /// When.
        at: Timestamp,
        /// The answer that suggested it ("annoyed").
        feeling: String,
    },
    /// At "feel toward", the person turned toward the concerned part instead.
    TurnedToward {
        /// When.
        at: Timestamp,
        /// The answer that suggested it.
        feeling: String,
        /// The concerned part.
        part: PartId,
        /// The session that went on with it.
        session: SessionId,
    },
    /// This session began by turning toward a concerned part in another session.
    BranchedFrom {
        /// When.
        at: Timestamp,
        /// The session it branched from.
        session: SessionId,
    },
    /// A place in the body was marked.
    Body {
        /// When.
        at: Timestamp,
        /// The place and its sensation.
        spot: BodySpot,
    },
    /// Needs were named and added to the part.
    Needs {
        /// When.
        at: Timestamp,
        /// The needs.
        words: Vec<String>,
    },
    /// A self-compassion break, with the lines written at each step.
    Break {
        /// When.
        at: Timestamp,
        /// One line per step (empty where nothing was written).
        lines: Vec<String>,
    },
}

impl Entry {
    /// When it happened.
    pub fn at(&self) -> Timestamp {
        match self {
            Entry::Turn(t) => t.at,
            Entry::Skipped { at, .. }
            | Entry::Pause { at, .. }
            | Entry::SteppedBack { at, .. }
            | Entry::TurnedToward { at, .. }
            | Entry::BranchedFrom { at, .. }
            | Entry::Body { at, .. }
            | Entry::Needs { at, .. }
            | Entry::Break { at, .. } => *at,
        }
    }
}

/// One thing said in a session.
#[derive(Serialize, Deserialize, Clone, Debug, PartialEq, Eq)]
pub struct Turn {
    /// When it was said.
    pub at: Timestamp,
    /// Self or the part.
    pub speaker: Speaker,
    /// The guided step it answered, if any.
    #[serde(default)]
    pub step: Option<Step>,
    /// The question it answered, as it was asked (empty for free dialogue).
    #[serde(default)]
    pub question: String,
    /// What was said, as written.
    pub text: String,
}

/// A harmless action or responsibility the person chose.
#[derive(Serialize, Deserialize, Clone, Debug, PartialEq, Eq)]
pub struct Commitment {
    /// When it was made.
    pub made: Timestamp,
    /// What it is, in the person's words.
    pub text: String,
    /// Open, done, or let go.
    #[serde(default)]
    pub state: CommitmentState,
}

/// Where a commitment stands.
#[derive(Serialize, Deserialize, Clone, Copy, Debug, PartialEq, Eq, Default)]
pub enum CommitmentState {
    /// Not yet done.
    #[default]
    Open,
    /// Done, on this day.
    Done(Timestamp),
    /// Let go of, kindly, on this day.
    LetGo(Timestamp),
}

/// A self-compassion break taken outside a session, kept with the map.
#[derive(Serialize, Deserialize, Clone, Debug, PartialEq, Eq)]
pub struct CheckIn {
    /// When.
    pub at: Timestamp,
    /// One line per step of the break.
    pub lines: Vec<String>,
}
