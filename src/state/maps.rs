//! The Maps screen's state: the maps in `$TEND_HOME/maps`, the filter, and naming or
//! archiving one.

use std::path::PathBuf;

use jiff::Timestamp;
use ratatui_textarea::TextArea;

use crate::fuzzy;
use crate::state::editor::style_text_area;

/// One map file, as listed.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct MapEntry {
    /// Its file.
    pub path: PathBuf,
    /// Its file name without `.ron`.
    pub name: String,
    /// Its title, if it loads.
    pub title: String,
    /// How many parts it has.
    pub parts: usize,
    /// When the file last changed.
    pub changed: Option<Timestamp>,
    /// Why it does not load, if it does not.
    pub problem: Option<String>,
}

/// What a name being typed is for.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum NameFor {
    /// A new, empty map.
    New,
    /// A new name for this map.
    Rename(PathBuf),
    /// A copy of the map that is open (how the demo is kept).
    Copy,
    /// Typing the map's name to confirm archiving it.
    Archive(PathBuf),
}

/// A one-line box on the Maps screen.
#[derive(Clone, Debug)]
pub struct Naming {
    /// What the name is for.
    pub purpose: NameFor,
    /// The box.
    pub input: TextArea<'static>,
}

impl Naming {
    /// A box for `purpose`, starting with `text`.
    pub fn new(purpose: NameFor, text: &str) -> Naming {
        let mut input = TextArea::new(vec![text.to_string()]);
        style_text_area(&mut input, false);
        input.move_cursor(ratatui_textarea::CursorMove::End);
        Naming { purpose, input }
    }

    /// The text typed.
    pub fn text(&self) -> String {
        self.input.lines().join(" ")
    }
}

/// The Maps screen.
#[derive(Clone, Debug)]
pub struct MapsView {
    /// Every map found, by file name.
    pub entries: Vec<MapEntry>,
    /// The filter.
    pub query: TextArea<'static>,
    /// Indexes into `entries` that match the filter, best first.
    pub shown: Vec<usize>,
    /// The highlighted row of `shown`.
    pub cursor: usize,
    /// A name being typed.
    pub naming: Option<Naming>,
    /// Whether the list has been read yet.
    pub loaded: bool,
}

impl MapsView {
    /// An empty screen, waiting for the list.
    pub fn new() -> MapsView {
        let mut query = TextArea::default();
        style_text_area(&mut query, false);
        query.set_placeholder_text("type to find a map");
        MapsView {
            entries: Vec::new(),
            query,
            shown: Vec::new(),
            cursor: 0,
            naming: None,
            loaded: false,
        }
    }

    /// The filter text.
    pub fn text(&self) -> String {
        self.query.lines().join(" ")
    }

    /// Filters the list again (name and title both count).
    pub fn refilter(&mut self) {
        let q = self.text();
        let mut scored: Vec<(u32, usize)> = self
            .entries
            .iter()
            .enumerate()
            .filter_map(|(i, e)| {
                let s = fuzzy::score(&q, &e.name).max(fuzzy::score(&q, &e.title))?;
                Some((s, i))
            })
            .collect();
        if !q.trim().is_empty() {
            scored.sort_by_key(|(s, _)| std::cmp::Reverse(*s));
        }
        self.shown = scored.into_iter().map(|(_, i)| i).collect();
        self.cursor = self.cursor.min(self.shown.len().saturating_sub(1));
    }

    /// The highlighted map.
    pub fn current(&self) -> Option<&MapEntry> {
        self.shown
            .get(self.cursor)
            .and_then(|i| self.entries.get(*i))
    }
}

impl Default for MapsView {
    fn default() -> Self {
        MapsView::new()
    }
}
