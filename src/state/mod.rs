//! The whole state of a running tend: the map being tended, where the person is on screen,
//! what is open on top, and what is waiting to be undone. `update` changes it; `view` reads it.

pub mod editor;
pub mod maps;
pub mod overlay;
pub mod picker;
pub mod witness;

use std::path::PathBuf;
use std::sync::Arc;

use jiff::Timestamp;
use jiff::tz::TimeZone;

use crate::assets::Assets;
use crate::config::Config;
use crate::history::History;
use crate::keymap::{Context, Keymap};
use crate::model::{Map, Part, PartId, Session, SessionId, TextField};
use crate::store::{LoadError, SaveState};
use crate::ui::theme::Theme;

pub use editor::{EditTarget, Editor};
pub use maps::{MapEntry, MapsView, NameFor, Naming};
pub use overlay::{BreakState, Overlay, PauseState, SupportState};
pub use picker::{Choice, Picker, Purpose, Row};
pub use witness::{BodyCursor, Intro, Mode, Witness};

/// Where the map came from and whether changes go back there.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Source {
    /// A map file; changes are saved to it.
    File(PathBuf),
    /// The bundled demo, in memory only.
    Demo,
}

/// Which screen fills the terminal.
#[derive(Clone, Debug)]
pub enum Screen {
    /// Parts, the selected part, notes.
    Parts,
    /// The map file could not be opened; nothing can be changed.
    LoadFailed(LoadError),
    /// A witnessing dialogue.
    Witness(Box<Witness>),
    /// Reading a past dialogue.
    Reading {
        /// Which one.
        session: SessionId,
        /// Lines scrolled down.
        scroll: u16,
    },
    /// The parts map; the selected node is the selected part.
    Map,
    /// The maps (one per person or client).
    Maps(Box<MapsView>),
}

/// A node being dragged with the mouse on the parts map.
#[derive(Clone, Debug, PartialEq)]
pub struct Drag {
    /// The part being moved.
    pub part: PartId,
    /// The map before the drag began (one undo step for the whole drag).
    pub before: Map,
    /// Whether it has moved yet.
    pub moved: bool,
}

/// The panes of the Parts screen, in Tab order.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Default)]
pub enum Pane {
    /// The list of parts.
    #[default]
    List,
    /// Every field of the selected part.
    Part,
    /// Notes (and, later, the part's dialogues).
    Notes,
}

impl Pane {
    /// The pane after this one.
    pub fn next(self) -> Pane {
        match self {
            Pane::List => Pane::Part,
            Pane::Part => Pane::Notes,
            Pane::Notes => Pane::List,
        }
    }

    /// The pane before this one.
    pub fn prev(self) -> Pane {
        match self {
            Pane::List => Pane::Notes,
            Pane::Part => Pane::List,
            Pane::Notes => Pane::Part,
        }
    }
}

/// A row of the Part pane.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum PartRow {
    /// The part's name.
    Name,
    /// Its role.
    Role,
    /// Its status.
    Status,
    /// A free-text field (burdens, when there are none yet).
    Field(TextField),
    /// One burden.
    Burden(usize),
    /// One feeling.
    Feeling(usize),
    /// "+ add a feeling".
    AddFeeling,
    /// One need.
    Need(usize),
    /// "+ add a need".
    AddNeed,
    /// One body location.
    Body(usize),
    /// "+ add a place in the body".
    AddBody,
    /// One relation (index into the map's relations).
    Relation(usize),
}

/// The rows of the Part pane for a part, top to bottom: who it is, what it feels and
/// needs, what it does and carries, where it lives in the body, and how it relates.
pub fn part_rows(map: &Map, part: &Part) -> Vec<PartRow> {
    let mut rows = vec![
        PartRow::Name,
        PartRow::Role,
        PartRow::Status,
        PartRow::Field(TextField::FeltAge),
        PartRow::Field(TextField::Appearance),
    ];
    rows.extend((0..part.feelings.len()).map(PartRow::Feeling));
    rows.push(PartRow::AddFeeling);
    rows.extend((0..part.needs.len()).map(PartRow::Need));
    rows.push(PartRow::AddNeed);
    for field in [
        TextField::Job,
        TextField::PositiveIntent,
        TextField::Fears,
        TextField::Burdens,
        TextField::Triggers,
    ] {
        if field == TextField::Burdens && !part.burdens.is_empty() {
            rows.extend((0..part.burdens.len()).map(PartRow::Burden));
        } else {
            rows.push(PartRow::Field(field));
        }
    }
    rows.extend((0..part.body.len()).map(PartRow::Body));
    rows.push(PartRow::AddBody);
    rows.extend(map.relations_of(part.id).map(|(i, _)| PartRow::Relation(i)));
    rows
}

/// What is open on top of the screen and takes the keys.
#[derive(Clone, Debug)]
pub enum Modal {
    /// A text box.
    Editor(Editor),
    /// A list to choose from.
    Picker(Picker),
    /// A yes/no question.
    Confirm(Confirm),
    /// Words found from when tend closed unexpectedly: keep them?
    Draft(crate::model::Draft),
}

/// A yes/no question before something is removed.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Confirm {
    /// The question ("Delete The Critic?").
    pub question: String,
    /// A line on what goes with it and how to bring it back.
    pub detail: String,
    /// What happens on yes.
    pub then: Pending,
}

/// A removal waiting for a yes.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Pending {
    /// Delete a part (and its relations).
    DeletePart(PartId),
    /// Remove a feeling.
    DeleteFeeling(PartId, usize),
    /// Remove a need.
    DeleteNeed(PartId, usize),
    /// Remove a body location.
    DeleteBody(PartId, usize),
    /// Remove a burden.
    DeleteBurden(PartId, usize),
    /// Remove a relation.
    DeleteRelation(usize),
    /// Empty a text field.
    ClearField(PartId, TextField),
    /// Quit although the last changes could not be saved.
    QuitAnyway,
    /// Delete a dialogue.
    DeleteSession(SessionId),
}

/// A short message in the footer until the next key.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Notice {
    /// The words.
    pub text: String,
    /// Whether something went wrong (drawn so it stands out, with a glyph).
    pub problem: bool,
}

impl Notice {
    /// A plain message.
    pub fn info(text: impl Into<String>) -> Notice {
        Notice {
            text: text.into(),
            problem: false,
        }
    }

    /// A message about something that went wrong.
    pub fn problem(text: impl Into<String>) -> Notice {
        Notice {
            text: text.into(),
            problem: true,
        }
    }
}

/// Everything tend knows while it runs.
#[derive(Clone)]
pub struct Model {
    /// The map being tended.
    pub map: Map,
    /// Where it came from.
    pub source: Source,
    /// The screen shown.
    pub screen: Screen,
    /// The pane with focus on the Parts screen.
    pub focus: Pane,
    /// Index of the selected part in `map.parts`.
    pub selected: usize,
    /// Index of the selected row of the Part pane.
    pub part_row: usize,
    /// Index of the selected row of the third pane: the dialogues newest first, then notes.
    pub notes_row: usize,
    /// What is open on top.
    pub modal: Option<Modal>,
    /// What is drawn over everything, the last on top.
    pub overlays: Vec<Overlay>,
    /// Undo and redo.
    pub history: History,
    /// A message for the footer.
    pub notice: Option<Notice>,
    /// Where saving stands.
    pub save: SaveState,
    /// The vocabularies and texts.
    pub assets: Arc<Assets>,
    /// The keys.
    pub keymap: Arc<Keymap>,
    /// The colours and styles.
    pub theme: Theme,
    /// The person's settings (support contacts).
    pub config: Config,
    /// Whether `NO_COLOR` is set (then colours stay off whatever the theme).
    pub no_color: bool,
    /// Presentation mode: only what is meant to be shared is drawn.
    pub presenting: bool,
    /// The privacy veil: no personal text is drawn at all.
    pub veiled: bool,
    /// The terminal's size, for finding what the mouse points at.
    pub size: (u16, u16),
    /// A node being dragged on the parts map.
    pub drag: Option<Drag>,
    /// Why this map is open read-only, if it is (another tend has it, a read-only folder).
    pub read_only: Option<String>,
    /// For a map that would not load: its newest backup that does, and when it was kept.
    pub rescue: Option<(PathBuf, Timestamp)>,
    /// The time now (set by the event loop; fixed in tests).
    pub now: Timestamp,
    /// The time zone times are shown in.
    pub tz: TimeZone,
}

impl Model {
    /// A model for `map` from `source`, on the Parts screen.
    pub fn new(
        map: Map,
        source: Source,
        assets: Arc<Assets>,
        keymap: Arc<Keymap>,
        theme: Theme,
    ) -> Model {
        Model {
            map,
            source,
            screen: Screen::Parts,
            focus: Pane::List,
            selected: 0,
            part_row: 0,
            notes_row: 0,
            modal: None,
            overlays: Vec::new(),
            history: History::default(),
            notice: None,
            save: SaveState::Saved,
            assets,
            keymap,
            theme,
            config: Config::default(),
            no_color: false,
            presenting: false,
            veiled: false,
            size: (80, 24),
            drag: None,
            read_only: None,
            rescue: None,
            now: Timestamp::UNIX_EPOCH,
            tz: TimeZone::UTC,
        }
    }

    /// The selected part, if the map has any.
    pub fn selected_part(&self) -> Option<&Part> {
        self.map.parts.get(self.selected).map(|p| &**p)
    }

    /// The rows of the Part pane for the selected part.
    pub fn part_rows(&self) -> Vec<PartRow> {
        self.selected_part()
            .map(|p| part_rows(&self.map, p))
            .unwrap_or_default()
    }

    /// The selected row of the Part pane.
    pub fn current_part_row(&self) -> Option<PartRow> {
        self.part_rows().get(self.part_row).copied()
    }

    /// Whether changes are written to a file.
    pub fn saves(&self) -> bool {
        matches!(self.source, Source::File(_))
            && !matches!(self.screen, Screen::LoadFailed(_))
            && self.read_only.is_none()
    }

    /// The time now, to the second: what is written in files.
    pub fn stamp(&self) -> Timestamp {
        Timestamp::from_second(self.now.as_second()).unwrap_or(self.now)
    }

    /// Rebuilds the theme for the current settings: presenting uses high contrast, and
    /// `NO_COLOR` always wins.
    pub fn retheme(&mut self) {
        let name = if self.presenting {
            crate::ui::theme::ThemeName::HighContrast
        } else {
            self.config.theme
        };
        self.theme = Theme::choose(name, self.no_color);
    }

    /// Whether something on screen moves, so the event loop should tick.
    pub fn animating(&self) -> bool {
        matches!(self.overlays.last(), Some(Overlay::Pause(_)))
    }

    /// The dialogue on screen, if any.
    pub fn witness(&self) -> Option<&Witness> {
        match &self.screen {
            Screen::Witness(w) => Some(w),
            _ => None,
        }
    }

    /// The dialogue on screen, mutably.
    pub fn witness_mut(&mut self) -> Option<&mut Witness> {
        match &mut self.screen {
            Screen::Witness(w) => Some(w),
            _ => None,
        }
    }

    /// The sessions listed in the third pane for the selected part, newest first.
    pub fn listed_sessions(&self) -> Vec<&Session> {
        self.selected_part()
            .map(|p| self.map.sessions_of(p.id))
            .unwrap_or_default()
    }

    /// The dialogue selected in the third pane, if a dialogue (not the notes) is selected.
    pub fn selected_session(&self) -> Option<SessionId> {
        if self.focus != Pane::Notes {
            return None;
        }
        self.listed_sessions().get(self.notes_row).map(|s| s.id)
    }

    /// The context whose keys apply now.
    pub fn context(&self) -> Context {
        match self.overlays.last() {
            Some(Overlay::Help { .. }) => return Context::Help,
            Some(Overlay::Pause(_)) => return Context::Pause,
            Some(Overlay::Break(_)) => return Context::Break,
            Some(Overlay::Support(s)) if s.adding.is_some() => return Context::Line,
            Some(Overlay::Support(s)) if s.confirm_delete => return Context::Confirm,
            Some(Overlay::Support(_)) => return Context::Support,
            None => {}
        }
        match &self.modal {
            Some(Modal::Editor(e)) if e.asking_discard => Context::Confirm,
            Some(Modal::Editor(e)) if e.single_line => Context::Line,
            Some(Modal::Editor(_)) => Context::Writing,
            Some(Modal::Picker(_)) => Context::Picker,
            Some(Modal::Confirm(_)) | Some(Modal::Draft(_)) => Context::Confirm,
            None => match &self.screen {
                Screen::Parts => Context::Parts,
                Screen::LoadFailed(_) => Context::LoadFailed,
                Screen::Reading { .. } => Context::Reading,
                Screen::Map => Context::Map,
                Screen::Maps(v) if v.naming.is_some() => Context::Line,
                Screen::Maps(_) => Context::Maps,
                Screen::Witness(w) => match w.mode {
                    Mode::Intro(_) => Context::Intro,
                    Mode::Body(_) => Context::Body,
                    Mode::Concern => Context::Concern,
                    Mode::Leaving => Context::Leaving,
                    Mode::Writing if w.blank() => Context::WitnessBlank,
                    Mode::Writing => Context::Witness,
                },
            },
        }
    }

    /// The words being written right now, as a draft to keep beside the map.
    pub fn draft(&self) -> Option<crate::model::Draft> {
        use crate::model::{Draft, DraftFor};
        let at = self.stamp();
        match &self.modal {
            Some(Modal::Editor(e)) => {
                let target = match &e.target {
                    EditTarget::NewPart => Some(DraftFor::NewPart),
                    EditTarget::Rename(id) => Some(DraftFor::Rename(*id)),
                    EditTarget::Field(id, field) => Some(DraftFor::Field(*id, *field)),
                    _ => None,
                };
                if let Some(target) = target {
                    // Joined once: this runs after every key.
                    let text = e.text();
                    if text != e.original && !text.trim().is_empty() {
                        return Some(Draft { at, target, text });
                    }
                }
            }
            Some(Modal::Draft(d)) => return Some(d.clone()),
            _ => {}
        }
        let w = self.witness()?;
        (!w.blank()).then(|| Draft {
            at,
            target: DraftFor::Dialogue {
                part: w.part,
                session: w.session,
            },
            text: w.text(),
        })
    }

    /// Keeps the selection and focus inside what exists.
    pub fn clamp(&mut self) {
        let n = self.map.parts.len();
        self.selected = self.selected.min(n.saturating_sub(1));
        if n == 0 {
            self.focus = Pane::List;
        }
        let rows = self.part_rows().len();
        self.part_row = self.part_row.min(rows.saturating_sub(1));
        let notes_rows = 1 + self.listed_sessions().len();
        self.notes_row = self.notes_row.min(notes_rows - 1);
    }

    /// The map's name for the header: its title, or its file name.
    pub fn title(&self) -> String {
        if !self.map.title.trim().is_empty() {
            return self.map.title.clone();
        }
        match &self.source {
            Source::File(path) => crate::store::map_name(path),
            Source::Demo => "demo".into(),
        }
    }
}
