//! Words being written when tend closed unexpectedly: kept beside the map as a draft and
//! offered back on the next open.

use jiff::Timestamp;
use serde::{Deserialize, Serialize};

use super::{PartId, SessionId, TextField};

/// What the words were being written for.
#[derive(Serialize, Deserialize, Clone, Debug, PartialEq, Eq)]
pub enum DraftFor {
    /// A field of a part.
    Field(PartId, TextField),
    /// The name of a new part.
    NewPart,
    /// A new name for a part.
    Rename(PartId),
    /// An answer in a dialogue.
    Dialogue {
        /// The part it was with.
        part: Option<PartId>,
        /// The dialogue, once it had begun.
        session: Option<SessionId>,
    },
}

/// Words not yet kept, and where they belong.
#[derive(Serialize, Deserialize, Clone, Debug, PartialEq, Eq)]
pub struct Draft {
    /// When they were last typed.
    pub at: Timestamp,
    /// Where they belong.
    pub target: DraftFor,
    /// The words.
    pub text: String,
}

impl Draft {
    /// The draft file's text.
    pub fn to_ron(&self) -> String {
        ron::ser::to_string_pretty(self, crate::store::pretty()).unwrap_or_default()
    }

    /// A draft read back from its file, if it reads.
    pub fn parse(bytes: &[u8]) -> Option<Draft> {
        let text = std::str::from_utf8(bytes).ok()?;
        ron::from_str(text.strip_prefix('\u{feff}').unwrap_or(text)).ok()
    }
}
