//! The witnessing dialogue as a pure state machine: its steps, in the order they are offered.

use serde::{Deserialize, Serialize};

/// The guided steps of a witnessing dialogue, in order (each one skippable).
#[derive(Serialize, Deserialize, Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Step {
    /// What brought the person here.
    Trailhead,
    /// Where it is in the body.
    FindIt,
    /// Turning attention toward it.
    Focus,
    /// What it is like.
    FleshOut,
    /// How the person feels toward it (the Self-energy check).
    FeelToward,
    /// Its job, how long, what it wants known.
    Befriend,
    /// What it fears.
    Fears,
    /// What it needs.
    Needs,
    /// A harmless action, or responsibility to take.
    Action,
    /// Thanks.
    Thanks,
}
