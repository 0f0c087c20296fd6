//! A text box being written in: which field it will fill, the text, and whether the person
//! is being asked about leaving without keeping it.

use ratatui::style::{Modifier, Style};
use ratatui_textarea::{Input, Key as TaKey, TextArea, WrapMode};

use crate::model::{PartId, Region, RelationKind, Side, TextField};

/// What the text will become when kept.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum EditTarget {
    /// The name of a new part.
    NewPart,
    /// A new name for a part.
    Rename(PartId),
    /// A free-text field of a part.
    Field(PartId, TextField),
    /// The sensation of a new body location.
    NewBodySpot(PartId, Region, Side),
    /// The sensation of an existing body location.
    BodySpot(PartId, usize),
    /// The sensation of a place marked on the body map in a dialogue.
    WitnessSpot(Region, Side),
    /// The note of a new relation.
    NewRelation(PartId, PartId, RelationKind),
    /// The note of an existing relation (its index).
    RelationNote(usize),
}

/// A text box with its purpose.
#[derive(Clone, Debug)]
pub struct Editor {
    /// What the text will become.
    pub target: EditTarget,
    /// The text box itself.
    pub area: TextArea<'static>,
    /// One line (`Enter` keeps) or many (`Ctrl-s` keeps).
    pub single_line: bool,
    /// The box's title ("The Critic · job").
    pub title: String,
    /// The question above the box.
    pub question: String,
    /// The text when the box opened, to tell whether anything was written.
    pub original: String,
    /// Asking "leave without keeping what you wrote?".
    pub asking_discard: bool,
}

/// Turns pasted line endings (`\r\n`, `\r`) into `\n`.
pub fn normalize_newlines(text: &str) -> String {
    text.replace("\r\n", "\n").replace('\r', "\n")
}

impl Editor {
    /// A box holding `text`, ready to write in, cursor at the end.
    pub fn new(
        target: EditTarget,
        text: &str,
        single_line: bool,
        title: impl Into<String>,
        question: impl Into<String>,
    ) -> Editor {
        let lines: Vec<String> = if text.is_empty() {
            vec![String::new()]
        } else {
            text.split('\n').map(str::to_string).collect()
        };
        let mut area = TextArea::new(lines);
        style_text_area(&mut area, !single_line);
        area.move_cursor(ratatui_textarea::CursorMove::Bottom);
        area.move_cursor(ratatui_textarea::CursorMove::End);
        Editor {
            target,
            area,
            single_line,
            title: title.into(),
            question: question.into(),
            original: text.to_string(),
            asking_discard: false,
        }
    }

    /// The text as written.
    pub fn text(&self) -> String {
        self.area.lines().join("\n")
    }

    /// Whether anything differs from when the box opened.
    pub fn changed(&self) -> bool {
        self.text() != self.original
    }

    /// A key for the box. In a one-line box, keys that would start a new line are ignored.
    pub fn input(&mut self, input: Input) {
        if self.single_line && starts_new_line(&input) {
            return;
        }
        self.area.input(input);
    }

    /// Pasted text, with line endings normalised (and folded to spaces in a one-line box).
    pub fn paste(&mut self, text: &str) {
        let text = normalize_newlines(text);
        if self.single_line {
            self.area.insert_str(text.replace('\n', " "));
        } else {
            self.area.insert_str(text);
        }
    }
}

/// Whether a key would break a line in the text box (Enter, Ctrl-m, Ctrl-j).
pub fn starts_new_line(input: &Input) -> bool {
    matches!(input.key, TaKey::Enter)
        || (input.ctrl && matches!(input.key, TaKey::Char('m') | TaKey::Char('j')))
}

/// Styles a text box with modifiers only, so it reads the same with or without colour.
pub fn style_text_area(area: &mut TextArea<'static>, wrap: bool) {
    area.set_cursor_line_style(Style::default());
    area.set_cursor_style(Style::default().add_modifier(Modifier::REVERSED));
    area.set_placeholder_style(Style::default().add_modifier(Modifier::DIM));
    area.set_selection_style(Style::default().add_modifier(Modifier::REVERSED));
    area.set_wrap_mode(if wrap {
        WrapMode::WordOrGlyph
    } else {
        WrapMode::None
    });
}
