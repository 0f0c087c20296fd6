//! What can be drawn over any screen: help, the breathing pacer, the self-compassion break,
//! and support (grounding steps and contacts). They stack; the last one has the keyboard.

use jiff::Timestamp;
use ratatui_textarea::TextArea;

use crate::state::editor::style_text_area;

/// Something drawn over the screen.
#[derive(Clone, Debug)]
pub enum Overlay {
    /// The help, scrolled down by this many lines.
    Help {
        /// Lines scrolled.
        scroll: u16,
    },
    /// The breathing pacer.
    Pause(PauseState),
    /// The self-compassion break.
    Break(Box<BreakState>),
    /// Grounding steps and support contacts.
    Support(Box<SupportState>),
}

/// The breathing pacer.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct PauseState {
    /// When it began (to the nanosecond, for the animation).
    pub started: Timestamp,
}

/// The self-compassion break: which step, and the lines written so far.
#[derive(Clone, Debug)]
pub struct BreakState {
    /// The step shown (0–2; 3 is the closing line).
    pub step: usize,
    /// One line per finished step.
    pub lines: Vec<String>,
    /// The line being written.
    pub input: TextArea<'static>,
    /// When it began.
    pub started: Timestamp,
}

impl BreakState {
    /// A break at its first step.
    pub fn new(started: Timestamp) -> BreakState {
        BreakState {
            step: 0,
            lines: Vec::new(),
            input: line_box("A line, if you like. Enter goes on."),
            started,
        }
    }

    /// The line being written.
    pub fn text(&self) -> String {
        self.input.lines().join(" ")
    }
}

/// Grounding steps and contacts; adding or removing a contact.
#[derive(Clone, Debug)]
pub struct SupportState {
    /// The highlighted contact.
    pub cursor: usize,
    /// Adding a contact: the name first, then how to reach them.
    pub adding: Option<Adding>,
    /// Asking before removing the highlighted contact.
    pub confirm_delete: bool,
}

/// A contact being added.
#[derive(Clone, Debug)]
pub struct Adding {
    /// The name, once given.
    pub name: Option<String>,
    /// The line being written.
    pub input: TextArea<'static>,
}

impl Adding {
    /// Starting with the name.
    pub fn new() -> Adding {
        Adding {
            name: None,
            input: line_box("Who? (a name, or “the local crisis line”)"),
        }
    }

    /// Asking how to reach `name`.
    pub fn then_how(name: String) -> Adding {
        Adding {
            name: Some(name),
            input: line_box("How to reach them: a number, or where they are"),
        }
    }

    /// The line being written.
    pub fn text(&self) -> String {
        self.input.lines().join(" ")
    }
}

impl Default for Adding {
    fn default() -> Self {
        Adding::new()
    }
}

impl SupportState {
    /// Support, with the first contact highlighted.
    pub fn new() -> SupportState {
        SupportState {
            cursor: 0,
            adding: None,
            confirm_delete: false,
        }
    }
}

impl Default for SupportState {
    fn default() -> Self {
        SupportState::new()
    }
}

fn line_box(placeholder: &str) -> TextArea<'static> {
    let mut area = TextArea::default();
    style_text_area(&mut area, false);
    area.set_placeholder_text(placeholder);
    area
}
