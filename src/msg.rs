//! What can happen to the app (`Msg`, with `Action` for the person's named intentions) and
//! what the app asks the outside world to do in return (`Effect`).

use ratatui_textarea::Input;
use serde::{Deserialize, Serialize};

use crate::store::SaveState;

/// A named intention, produced by the keymap from a key press. `update` never sees keys.
#[derive(Serialize, Deserialize, Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Action {
    /// Leave tend (everything is already saved).
    Quit,
    /// Show or hide the help overlay.
    Help,
    /// Move focus to the next pane.
    NextPane,
    /// Move focus to the previous pane.
    PrevPane,
    /// Move the selection up.
    Up,
    /// Move the selection down.
    Down,
    /// Move the selection a page up.
    PageUp,
    /// Move the selection a page down.
    PageDown,
    /// Move to the first item.
    Top,
    /// Move to the last item.
    Bottom,
    /// Add a part.
    AddPart,
    /// Edit the selected field.
    Edit,
    /// Delete the selected item (asks first).
    Delete,
    /// Undo the last change to the map.
    Undo,
    /// Redo what was undone.
    Redo,
    /// Add a feeling to the selected part.
    AddFeeling,
    /// Add a need to the selected part.
    AddNeed,
    /// Raise the selected feeling's intensity.
    Increase,
    /// Lower the selected feeling's intensity.
    Decrease,
    /// Toggle the selected item (a need met/unmet, a burden's origin).
    Toggle,
    /// Start a witnessing dialogue with the selected part.
    Witness,
    /// The breathing pacer.
    Pause,
    /// The self-compassion break.
    Break,
    /// The parts map.
    PartsMap,
    /// The list of maps.
    Maps,
    /// Mark the selected field private or shareable.
    TogglePrivate,
    /// Hide or show all personal text.
    Veil,
    /// Presentation mode for screen-share.
    Present,
    /// Grounding steps and crisis contacts.
    Support,
    /// Suspend to the shell (Ctrl-Z).
    Suspend,
    /// Confirm: keep what was written, pick the highlighted item.
    Confirm,
    /// Cancel: close without changing anything.
    Cancel,
    /// Answer yes to a question.
    Yes,
    /// Answer no to a question.
    No,
    /// Move left.
    Left,
    /// Move right.
    Right,
    /// Start a dialogue from what is happening, before knowing which part it is.
    SomethingUp,
    /// Send the answer in the dialogue.
    Send,
    /// A new line in the dialogue's answer.
    NewLine,
    /// Pass over the current question.
    Skip,
    /// Write as Self or as the part.
    SwitchSpeaker,
    /// The open enquiries.
    Enquiries,
    /// Leave the dialogue (it is kept).
    Leave,
    /// Mark the place on the body map.
    Mark,
    /// Answer in words instead of on the body map.
    WriteInstead,
    /// Ask the concerned part to step back.
    StepBack,
    /// Turn toward the concerned part instead.
    TurnToward,
    /// Go on as you are.
    GoOn,
    /// Mark a commitment done.
    Done,
    /// Let a commitment go.
    LetGo,
    /// Continue an unfinished dialogue.
    Resume,
    /// Add a support contact.
    AddContact,
    /// Move the selected node up on the map.
    MoveUp,
    /// Move the selected node down on the map.
    MoveDown,
    /// Move the selected node left on the map.
    MoveLeft,
    /// Move the selected node right on the map.
    MoveRight,
    /// Add a relation from the selected part.
    AddRelation,
    /// Lay out the whole map afresh.
    Relayout,
    /// Cycle the colour theme.
    Theme,
    /// Start a new map.
    NewMap,
    /// Rename the highlighted map.
    RenameMap,
    /// Save a copy of the open map under a new name.
    CopyMap,
    /// Move the highlighted map to the archive.
    ArchiveMap,
    /// Open the newest backup of a map that would not load.
    OpenBackup,
}

/// Everything `update` reacts to.
#[derive(Clone, Debug, PartialEq)]
pub enum Msg {
    /// The person asked for something.
    Do(Action),
    /// A key for the text box that has focus (editor, picker filter).
    Key(Input),
    /// Text pasted into the terminal.
    Paste(String),
    /// The writer reports where saving stands.
    SaveState(SaveState),
    /// Time passed while something animates (the breathing pacer).
    Tick,
    /// The terminal's size, at start and whenever it changes.
    Resize(u16, u16),
    /// The mouse, on the parts map.
    Mouse(Mouse),
    /// The maps in `$TEND_HOME/maps`, read for the Maps screen.
    MapsListed(Vec<crate::state::MapEntry>),
    /// Quitting was held back: the last changes could not be saved (why).
    QuitBlocked(String),
}

/// What the mouse did, and where.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Mouse {
    /// Pressed, dragged or released.
    pub kind: MouseKind,
    /// The column.
    pub col: u16,
    /// The row.
    pub row: u16,
}

/// The mouse events the map uses.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum MouseKind {
    /// The left button went down.
    Down,
    /// Moved with the left button down.
    Drag,
    /// The left button came up.
    Up,
}

/// What `update` asks the event loop to do.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Effect {
    /// The map changed: hand it to the writer.
    Save,
    /// Flush and leave.
    Quit,
    /// Flush, give the terminal back to the shell, and wait for `fg`.
    Suspend,
    /// The settings changed (crisis contacts, theme): write `config.ron`.
    SaveConfig,
    /// Read the list of maps for the Maps screen.
    ListMaps,
    /// Close this map and open that one.
    OpenMap(std::path::PathBuf),
    /// Create a new, empty map with this title, and open it.
    CreateMap(String),
    /// Give a map a new name (its file and its title).
    RenameMap {
        /// The map file.
        path: std::path::PathBuf,
        /// The new name.
        title: String,
    },
    /// Save a copy of the open map under this name, and open the copy.
    CopyMap(String),
    /// Move a map to `$TEND_HOME/archive`.
    ArchiveMap(std::path::PathBuf),
    /// Leave even though the last changes could not be saved (the person said so).
    QuitAnyway,
    /// Put this backup in place of the map that would not load, and open it.
    RestoreBackup(std::path::PathBuf),
}
