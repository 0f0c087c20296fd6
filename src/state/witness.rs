//! The Witness screen's state: which session and part, where the dialogue stands, the
//! answer being written, who is speaking, and what the keyboard is doing right now.

use ratatui_textarea::TextArea;

use crate::assets::Assets;
use crate::dialogue::{Asking, Flow, Step};
use crate::model::{Map, PartId, Region, SessionId, Side, Speaker};
use crate::state::editor::{normalize_newlines, style_text_area};

/// What the Witness screen is showing in its lower half.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Mode {
    /// A note before the dialogue begins.
    Intro(Intro),
    /// The answer box has the keyboard.
    Writing,
    /// The body map has the keyboard ("find it").
    Body(BodyCursor),
    /// Another part seems present; waiting for the person's choice.
    Concern,
    /// Leaving with words not yet sent: keep them?
    Leaving,
}

/// Notes shown before the dialogue, in order.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Intro {
    /// This part is an exile: this work is often best done with a therapist.
    Exile,
    /// Open commitments from earlier dialogues, to mark done or let go.
    Commitments {
        /// The highlighted commitment.
        cursor: usize,
    },
}

/// A place on the body map: a row of the figure and a side.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct BodyCursor {
    /// Index into [`BODY_ROWS`].
    pub row: usize,
    /// Left, centre or right.
    pub side: Side,
}

impl Default for BodyCursor {
    fn default() -> Self {
        BodyCursor {
            row: BODY_ROWS
                .iter()
                .position(|r| *r == Region::Chest)
                .unwrap_or(0),
            side: Side::Centre,
        }
    }
}

impl BodyCursor {
    /// The region under the cursor.
    pub fn region(self) -> Region {
        BODY_ROWS[self.row.min(BODY_ROWS.len() - 1)]
    }
}

/// The regions in the order the body figure shows them, head to feet, back last.
pub const BODY_ROWS: [Region; 13] = [
    Region::Head,
    Region::Face,
    Region::Throat,
    Region::Shoulders,
    Region::Arms,
    Region::Chest,
    Region::Heart,
    Region::Belly,
    Region::Hands,
    Region::Pelvis,
    Region::Legs,
    Region::Feet,
    Region::Back,
];

/// A witnessing dialogue on screen.
#[derive(Clone, Debug)]
pub struct Witness {
    /// The session, once anything has been recorded.
    pub session: Option<SessionId>,
    /// The part it is with (none yet, when it began from "something is up").
    pub part: Option<PartId>,
    /// Where the dialogue stands.
    pub flow: Flow,
    /// The answer being written.
    pub answer: TextArea<'static>,
    /// Who is speaking: Self or the part.
    pub speaker: Speaker,
    /// What the lower half is doing.
    pub mode: Mode,
    /// Places marked on the body map at this "find it".
    pub marked: usize,
    /// Lines the transcript is scrolled up from its end.
    pub scroll: u16,
    /// The session this one branched from, if the person turned toward a concerned part.
    pub branched_from: Option<SessionId>,
    /// A kind word shown under the question for a moment (after a step back, at the end).
    pub note: Option<String>,
}

impl Witness {
    /// A dialogue with `part`, about to ask `next`, in `mode`.
    pub fn new(part: Option<PartId>, flow: Flow, mode: Mode) -> Witness {
        let mut answer = TextArea::default();
        style_text_area(&mut answer, true);
        answer.set_placeholder_text("Take your time. Enter sends; Alt-Enter starts a new line.");
        Witness {
            session: None,
            part,
            flow,
            answer,
            speaker: Speaker::Me,
            mode,
            marked: 0,
            scroll: 0,
            branched_from: None,
            note: None,
        }
    }

    /// The answer as written.
    pub fn text(&self) -> String {
        self.answer.lines().join("\n")
    }

    /// Whether nothing is written in the answer box.
    pub fn blank(&self) -> bool {
        self.answer.lines().iter().all(|l| l.trim().is_empty())
    }

    /// Empties the answer box (after sending).
    pub fn clear(&mut self) {
        let placeholder = self.answer.placeholder_text().to_string();
        let mut answer = TextArea::default();
        style_text_area(&mut answer, true);
        answer.set_placeholder_text(placeholder);
        self.answer = answer;
    }

    /// Pasted text, line endings normalised.
    pub fn paste(&mut self, text: &str) {
        self.answer.insert_str(normalize_newlines(text));
    }

    /// The question being asked now, with the part's name in it.
    pub fn question(&self, map: &Map, assets: &Assets) -> String {
        let name = self
            .part
            .and_then(|p| map.part(p))
            .map_or("this part", |p| p.name.as_str());
        match self.flow.asking() {
            Asking::Step(step) => assets
                .dialogue
                .steps
                .iter()
                .find(|s| s.step == step)
                .map(|s| s.question.replace("{part}", name))
                .unwrap_or_default(),
            Asking::Enquiry(i) => assets
                .dialogue
                .enquiries
                .get(i)
                .cloned()
                .unwrap_or_default(),
            Asking::Free => String::new(),
        }
    }

    /// The mode for asking the current step: the body map for "find it".
    pub fn mode_for_step(&self) -> Mode {
        if self.flow.enquiry.is_none() && self.flow.next == Some(Step::FindIt) {
            Mode::Body(BodyCursor::default())
        } else {
            Mode::Writing
        }
    }
}
