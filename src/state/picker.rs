//! A list to choose from, filtered as the person types: feelings, needs, roles, statuses,
//! body regions. Where it allows, a word not in the list is accepted as the person's own.

use ratatui_textarea::{Input, TextArea};

use crate::fuzzy;
use crate::model::{PartId, Region};
use crate::state::editor::{normalize_newlines, starts_new_line, style_text_area};

/// What a pick will do.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Purpose {
    /// Add a feeling to a part, or change the word of feeling `replace`.
    Feeling {
        /// The part.
        part: PartId,
        /// The feeling whose word is being changed, if any.
        replace: Option<usize>,
    },
    /// Add a need to a part, or change the word of need `replace`.
    Need {
        /// The part.
        part: PartId,
        /// The need whose word is being changed, if any.
        replace: Option<usize>,
    },
    /// Set a part's role.
    Role(PartId),
    /// Set a part's status.
    Status(PartId),
    /// Choose the body region of a new body location.
    Region(PartId),
    /// Choose the side of a new body location.
    Side(PartId, Region),
    /// Ask one of the enquiries next in the dialogue.
    Enquiry,
    /// Name the part a dialogue begun from "something is up" is with (the parts listed).
    SessionPart(Vec<PartId>),
    /// Name the part that seems present at "feel toward", to turn toward it.
    ConcernedPart(Vec<PartId>),
    /// Add needs to the part of the dialogue ("what does it need?").
    WitnessNeeds(PartId),
    /// The other part of a new relation from this one (the parts listed).
    RelationTarget(PartId, Vec<PartId>),
    /// The kind of a new relation between these two.
    RelationKind(PartId, PartId),
}

/// One thing that can be chosen.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Choice {
    /// The word or name shown and matched.
    pub label: String,
    /// Its family or category, shown faintly beside it.
    pub group: String,
}

/// A row of the filtered list.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Row {
    /// The choice at this index.
    Choice(usize),
    /// The typed text, as the person's own word.
    Own(String),
}

/// A filtered list with a text box on top.
#[derive(Clone, Debug)]
pub struct Picker {
    /// What picking will do.
    pub purpose: Purpose,
    /// The box title ("A feeling for The Critic").
    pub title: String,
    /// The filter text box.
    pub query: TextArea<'static>,
    /// Everything that can be chosen, in its natural order.
    pub choices: Vec<Choice>,
    /// Whether a word not in the list can be kept as the person's own.
    pub allow_own: bool,
    /// The rows that match the filter, best first.
    pub rows: Vec<Row>,
    /// The highlighted row.
    pub cursor: usize,
}

impl Picker {
    /// A picker over `choices`, showing all of them, the first (or `start`) highlighted.
    pub fn new(
        purpose: Purpose,
        title: impl Into<String>,
        choices: Vec<Choice>,
        allow_own: bool,
        placeholder: &str,
    ) -> Picker {
        let mut query = TextArea::default();
        style_text_area(&mut query, false);
        query.set_placeholder_text(placeholder);
        let mut picker = Picker {
            purpose,
            title: title.into(),
            query,
            choices,
            allow_own,
            rows: Vec::new(),
            cursor: 0,
        };
        picker.refilter();
        picker
    }

    /// Highlights the choice with this label, if shown.
    pub fn highlight(mut self, label: &str) -> Picker {
        if let Some(i) = self
            .rows
            .iter()
            .position(|r| matches!(r, Row::Choice(c) if self.choices[*c].label == label))
        {
            self.cursor = i;
        }
        self
    }

    /// The filter text.
    pub fn text(&self) -> String {
        self.query.lines().join(" ")
    }

    /// A key for the filter box; the list is filtered again.
    pub fn input(&mut self, input: Input) {
        if starts_new_line(&input) {
            return;
        }
        if self.query.input(input) {
            self.refilter();
        }
    }

    /// Pasted text goes into the filter box, on one line.
    pub fn paste(&mut self, text: &str) {
        let text = normalize_newlines(text).replace('\n', " ");
        self.query.insert_str(text);
        self.refilter();
    }

    /// Moves the highlight by `delta` rows, wrapping around.
    pub fn step(&mut self, delta: isize) {
        let n = self.rows.len() as isize;
        if n == 0 {
            return;
        }
        self.cursor = (self.cursor as isize + delta).rem_euclid(n) as usize;
    }

    /// Moves the highlight by up to `delta` rows without wrapping.
    pub fn jump(&mut self, delta: isize) {
        let last = self.rows.len().saturating_sub(1) as isize;
        self.cursor = (self.cursor as isize + delta).clamp(0, last.max(0)) as usize;
    }

    /// The highlighted row.
    pub fn current(&self) -> Option<&Row> {
        self.rows.get(self.cursor)
    }

    /// Filters and orders the rows for the current text. The person's own word comes first
    /// when nothing in the list is a plain match for it, last otherwise.
    fn refilter(&mut self) {
        let query = self.text();
        let query = query.trim();
        let mut scored: Vec<(u32, usize)> = self
            .choices
            .iter()
            .enumerate()
            .filter_map(|(i, c)| fuzzy::score(query, &c.label).map(|s| (s, i)))
            .collect();
        // Stable: equal scores keep the list's own order.
        scored.sort_by_key(|s| std::cmp::Reverse(s.0));
        let exact = self
            .choices
            .iter()
            .any(|c| c.label.eq_ignore_ascii_case(query));
        let close = scored.first().is_some_and(|(s, _)| fuzzy::is_close(*s));
        let mut rows: Vec<Row> = scored.into_iter().map(|(_, i)| Row::Choice(i)).collect();
        if self.allow_own && !query.is_empty() && !exact {
            let own = Row::Own(query.to_string());
            if close {
                rows.push(own);
            } else {
                rows.insert(0, own);
            }
        }
        self.rows = rows;
        self.cursor = 0;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn picker(words: &[&str]) -> Picker {
        let choices = words
            .iter()
            .map(|w| Choice {
                label: w.to_string(),
                group: "g".into(),
            })
            .collect();
        Picker::new(
            Purpose::Role(PartId(1)),
            "t",
            choices,
            true,
            "type to filter",
        )
    }

    fn type_text(p: &mut Picker, text: &str) {
        for c in text.chars() {
            p.input(Input {
                key: ratatui_textarea::Key::Char(c),
                ..Input::default()
            });
        }
    }

    #[test]
    fn a_plain_match_is_highlighted_before_the_own_word() {
        let mut p = picker(&["calm", "anxious", "restless"]);
        type_text(&mut p, "anx");
        assert_eq!(p.current(), Some(&Row::Choice(1)));
        assert_eq!(p.rows.last(), Some(&Row::Own("anx".into())));
    }

    #[test]
    fn an_unknown_word_is_offered_first_as_the_persons_own() {
        let mut p = picker(&["calm", "anxious", "restless"]);
        type_text(&mut p, "zonked");
        assert_eq!(p.current(), Some(&Row::Own("zonked".into())));
    }

    #[test]
    fn an_exact_word_is_not_offered_again_as_own() {
        let mut p = picker(&["calm", "anxious"]);
        type_text(&mut p, "Calm");
        assert_eq!(p.rows, vec![Row::Choice(0)]);
    }

    #[test]
    fn steps_wrap_and_jumps_clamp() {
        let mut p = picker(&["a1", "a2", "a3"]);
        p.step(-1);
        assert_eq!(p.cursor, 2);
        p.jump(10);
        assert_eq!(p.cursor, 2);
        p.jump(-10);
        assert_eq!(p.cursor, 0);
    }
}
