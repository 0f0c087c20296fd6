//! Keys to named actions, per context. The defaults are compiled in from
//! `assets/keymap.ron`; a user file of the same shape is patched over them. The help overlay
//! and the footer are generated from here, so they can never disagree with the keys.

use std::fmt;

use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use serde::Deserialize;

use crate::msg::{Action, Msg};

/// Where the keyboard is: each context has its own bindings.
#[derive(Deserialize, Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Context {
    /// The main screen: parts, the selected part, notes.
    Parts,
    /// A map that could not be opened.
    LoadFailed,
    /// A one-line text box (a name).
    Line,
    /// A multi-line text box (a field, notes).
    Writing,
    /// A list to choose from, filtered by typing.
    Picker,
    /// A yes/no question.
    Confirm,
    /// The help overlay.
    Help,
    /// Writing in a witnessing dialogue.
    Witness,
    /// Writing in a dialogue, with nothing written yet (`!` opens support).
    WitnessBlank,
    /// The body map of "find it".
    Body,
    /// Another part seems present at "feel toward".
    Concern,
    /// Before a dialogue: the note about exiles, open commitments.
    Intro,
    /// Leaving a dialogue with words not yet sent.
    Leaving,
    /// Reading a past dialogue.
    Reading,
    /// The breathing pacer.
    Pause,
    /// The self-compassion break.
    Break,
    /// Grounding steps and support contacts.
    Support,
    /// The parts map.
    Map,
    /// The list of maps.
    Maps,
}

impl Context {
    /// The heading of this context in the help overlay.
    pub fn title(self) -> &'static str {
        match self {
            Context::Parts => "Parts",
            Context::LoadFailed => "When a map could not be opened",
            Context::Line => "Writing a name",
            Context::Writing => "Writing in a text box",
            Context::Picker => "Choosing from a list",
            Context::Confirm => "Answering a question",
            Context::Help => "This help",
            Context::Witness => "Witnessing: writing an answer",
            Context::WitnessBlank => "Witnessing: before you write",
            Context::Body => "Witnessing: the body map",
            Context::Concern => "Witnessing: when another part seems here",
            Context::Intro => "Before a dialogue",
            Context::Leaving => "Leaving a dialogue with words not yet sent",
            Context::Reading => "Reading a past dialogue",
            Context::Pause => "Pause",
            Context::Break => "Self-compassion break",
            Context::Support => "Support",
            Context::Map => "The parts map",
            Context::Maps => "Your maps",
        }
    }

    /// Where keys not bound here are looked up next.
    pub fn fallback(self) -> Option<Context> {
        match self {
            Context::WitnessBlank => Some(Context::Witness),
            _ => None,
        }
    }

    /// Whether a text box has the keyboard in this context (unbound keys are typed).
    pub fn types(self) -> bool {
        matches!(
            self,
            Context::Line
                | Context::Writing
                | Context::Picker
                | Context::Witness
                | Context::WitnessBlank
                | Context::Break
                | Context::Maps
        )
    }
}

/// One key with its modifiers, normalised so that `G` matches with or without Shift.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct Key {
    /// The key.
    pub code: KeyCode,
    /// Ctrl and Alt (Shift is folded into the character or `BackTab`).
    pub mods: KeyModifiers,
}

impl Key {
    /// The normalised key of a terminal key event.
    pub fn from_event(event: &KeyEvent) -> Key {
        let mut mods = event.modifiers & (KeyModifiers::CONTROL | KeyModifiers::ALT);
        let mut code = event.code;
        if matches!(
            code,
            KeyCode::Up | KeyCode::Down | KeyCode::Left | KeyCode::Right
        ) && event.modifiers.contains(KeyModifiers::SHIFT)
        {
            mods |= KeyModifiers::SHIFT;
        }
        if let KeyCode::Char(c) = code {
            // Ctrl-letter arrives lower-case from most terminals; fold the rest to match.
            if mods.contains(KeyModifiers::CONTROL) && c.is_ascii_uppercase() {
                code = KeyCode::Char(c.to_ascii_lowercase());
            }
        }
        if event.modifiers.contains(KeyModifiers::SHIFT) && code == KeyCode::Tab {
            code = KeyCode::BackTab;
        }
        if code == KeyCode::BackTab {
            mods.remove(KeyModifiers::SHIFT);
        }
        Key { code, mods }
    }

    /// Parses a key as written in `keymap.ron`: `"a"`, `"G"`, `"ctrl-r"`, `"alt-enter"`,
    /// `"backtab"`, `"space"`, `"up"`, `"f1"`.
    pub fn parse(text: &str) -> Result<Key, String> {
        let mut mods = KeyModifiers::NONE;
        let mut rest = text;
        loop {
            let lower = rest.to_ascii_lowercase();
            if rest.chars().count() > 1 && lower.starts_with("ctrl-") {
                mods |= KeyModifiers::CONTROL;
                rest = &rest[5..];
            } else if rest.chars().count() > 1 && lower.starts_with("alt-") {
                mods |= KeyModifiers::ALT;
                rest = &rest[4..];
            } else {
                break;
            }
        }
        let mut chars = rest.chars();
        let code = match (chars.next(), chars.next()) {
            (Some(c), None) => {
                if mods.contains(KeyModifiers::CONTROL) {
                    KeyCode::Char(c.to_ascii_lowercase())
                } else {
                    KeyCode::Char(c)
                }
            }
            _ => match rest.to_ascii_lowercase().as_str() {
                "enter" => KeyCode::Enter,
                "esc" => KeyCode::Esc,
                "tab" => KeyCode::Tab,
                "backtab" | "shift-tab" => KeyCode::BackTab,
                "shift-up" => {
                    mods |= KeyModifiers::SHIFT;
                    KeyCode::Up
                }
                "shift-down" => {
                    mods |= KeyModifiers::SHIFT;
                    KeyCode::Down
                }
                "shift-left" => {
                    mods |= KeyModifiers::SHIFT;
                    KeyCode::Left
                }
                "shift-right" => {
                    mods |= KeyModifiers::SHIFT;
                    KeyCode::Right
                }
                "space" => KeyCode::Char(' '),
                "backspace" => KeyCode::Backspace,
                "delete" => KeyCode::Delete,
                "up" => KeyCode::Up,
                "down" => KeyCode::Down,
                "left" => KeyCode::Left,
                "right" => KeyCode::Right,
                "pageup" => KeyCode::PageUp,
                "pagedown" => KeyCode::PageDown,
                "home" => KeyCode::Home,
                "end" => KeyCode::End,
                f if f.starts_with('f') && f[1..].parse::<u8>().is_ok() => {
                    KeyCode::F(f[1..].parse().unwrap_or(1))
                }
                _ => return Err(format!("‘{text}’ is not a key I know")),
            },
        };
        Ok(Key { code, mods })
    }

    /// A key event for this key, as a terminal would send it (for tests and replays).
    pub fn to_event(self) -> KeyEvent {
        let mut mods = self.mods;
        if let KeyCode::Char(c) = self.code
            && c.is_ascii_uppercase()
        {
            mods |= KeyModifiers::SHIFT;
        }
        if self.code == KeyCode::BackTab {
            mods |= KeyModifiers::SHIFT;
        }
        KeyEvent::new(self.code, mods)
    }
}

impl fmt::Display for Key {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.mods.contains(KeyModifiers::CONTROL) {
            f.write_str("Ctrl-")?;
        }
        if self.mods.contains(KeyModifiers::ALT) {
            f.write_str("Alt-")?;
        }
        if self.mods.contains(KeyModifiers::SHIFT) {
            f.write_str("Shift-")?;
        }
        match self.code {
            KeyCode::Char(' ') => f.write_str("Space"),
            KeyCode::Char(c) => write!(f, "{c}"),
            KeyCode::Enter => f.write_str("Enter"),
            KeyCode::Esc => f.write_str("Esc"),
            KeyCode::Tab => f.write_str("Tab"),
            KeyCode::BackTab => f.write_str("Shift-Tab"),
            KeyCode::Backspace => f.write_str("Backspace"),
            KeyCode::Delete => f.write_str("Delete"),
            KeyCode::Up => f.write_str("↑"),
            KeyCode::Down => f.write_str("↓"),
            KeyCode::Left => f.write_str("←"),
            KeyCode::Right => f.write_str("→"),
            KeyCode::PageUp => f.write_str("PgUp"),
            KeyCode::PageDown => f.write_str("PgDn"),
            KeyCode::Home => f.write_str("Home"),
            KeyCode::End => f.write_str("End"),
            KeyCode::F(n) => write!(f, "F{n}"),
            other => write!(f, "{other:?}"),
        }
    }
}

/// Keys bound to one action in one context.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Binding {
    /// The action.
    pub action: Action,
    /// Its keys, the first one shown in the footer.
    pub keys: Vec<Key>,
}

/// The bindings of one context and the actions its footer shows.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ContextKeys {
    /// Which context.
    pub context: Context,
    /// Its bindings, in help order.
    pub bindings: Vec<Binding>,
    /// The actions shown in the footer, in order.
    pub footer: Vec<Action>,
}

/// Every context's keys.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Keymap {
    /// The contexts, in help order.
    pub contexts: Vec<ContextKeys>,
}

#[derive(Deserialize)]
struct FileBinding {
    action: Action,
    keys: Vec<String>,
}

#[derive(Deserialize)]
struct FileContext {
    context: Context,
    #[serde(default)]
    bindings: Vec<FileBinding>,
    #[serde(default)]
    footer: Vec<Action>,
}

#[derive(Deserialize)]
struct FileKeymap {
    contexts: Vec<FileContext>,
}

/// The default keymap, as compiled in.
pub const DEFAULT_KEYMAP: &str = include_str!("../assets/keymap.ron");

impl Keymap {
    /// The keys tend ships with.
    pub fn defaults() -> Result<Keymap, String> {
        let mut map = Keymap {
            contexts: Vec::new(),
        };
        map.patch(DEFAULT_KEYMAP)
            .map_err(|e| format!("assets/keymap.ron: {e}"))?;
        Ok(map)
    }

    /// Applies a keymap file over this one: its bindings replace the keys of those actions,
    /// and a key it takes is removed from other actions of the same context. Either the
    /// whole file applies or, on any error, nothing does.
    pub fn patch(&mut self, text: &str) -> Result<(), String> {
        let mut next = self.clone();
        next.patch_in_place(text)?;
        *self = next;
        Ok(())
    }

    fn patch_in_place(&mut self, text: &str) -> Result<(), String> {
        let file: FileKeymap = ron::from_str(text).map_err(|e| e.to_string())?;
        for fc in file.contexts {
            let index = match self.contexts.iter().position(|c| c.context == fc.context) {
                Some(i) => i,
                None => {
                    self.contexts.push(ContextKeys {
                        context: fc.context,
                        bindings: Vec::new(),
                        footer: Vec::new(),
                    });
                    self.contexts.len() - 1
                }
            };
            let ctx = &mut self.contexts[index];
            for fb in fc.bindings {
                let keys = fb
                    .keys
                    .iter()
                    .map(|k| Key::parse(k))
                    .collect::<Result<Vec<_>, _>>()?;
                for other in ctx.bindings.iter_mut() {
                    other.keys.retain(|k| !keys.contains(k));
                }
                match ctx.bindings.iter_mut().find(|b| b.action == fb.action) {
                    Some(b) => b.keys = keys,
                    None => ctx.bindings.push(Binding {
                        action: fb.action,
                        keys,
                    }),
                }
            }
            if !fc.footer.is_empty() {
                ctx.footer = fc.footer;
            }
        }
        Ok(())
    }

    /// The keys of a context.
    pub fn context(&self, context: Context) -> Option<&ContextKeys> {
        self.contexts.iter().find(|c| c.context == context)
    }

    /// The action a key event means in a context (or its fallback), if any.
    pub fn resolve(&self, context: Context, event: &KeyEvent) -> Option<Action> {
        let key = Key::from_event(event);
        let here = self
            .context(context)
            .and_then(|c| c.bindings.iter().find(|b| b.keys.contains(&key)))
            .map(|b| b.action);
        here.or_else(|| context.fallback().and_then(|f| self.resolve(f, event)))
    }

    /// The message a key event makes in a context: a named action if the key is bound,
    /// else, where a text box has the keyboard, the key itself for the box.
    pub fn message(&self, context: Context, event: &KeyEvent) -> Option<Msg> {
        if let Some(action) = self.resolve(context, event) {
            return Some(Msg::Do(action));
        }
        context
            .types()
            .then(|| Msg::Key(ratatui_textarea::Input::from(*event)))
    }

    /// The first key bound to an action in a context, for hints ("press a").
    pub fn key_for(&self, context: Context, action: Action) -> Option<Key> {
        self.context(context)?
            .bindings
            .iter()
            .find(|b| b.action == action)
            .and_then(|b| b.keys.first().copied())
    }

    /// The footer of a context: (action, its first key, short label) in order.
    pub fn footer(&self, context: Context) -> Vec<(Action, Key, &'static str)> {
        let Some(ctx) = self.context(context) else {
            return Vec::new();
        };
        let fallback = context.fallback().and_then(|f| self.context(f));
        ctx.footer
            .iter()
            .filter_map(|a| {
                let key = ctx
                    .bindings
                    .iter()
                    .chain(fallback.iter().flat_map(|f| f.bindings.iter()))
                    .find(|b| b.action == *a)?
                    .keys
                    .first()?;
                Some((*a, *key, a.short(context)))
            })
            .collect()
    }
}

impl Keymap {
    /// The keys as Markdown, one table per context: the source of `docs/keys.md`.
    pub fn markdown(&self) -> String {
        let mut out = String::from(
            "# Keys\n\nGenerated from `assets/keymap.ron` (a test checks this file against it; \
             run `UPDATE_DOCS=1 cargo test --test docs` to regenerate). Keys can be changed in \
             `$TEND_HOME/keys.ron`, a file of the same shape as `assets/keymap.ron`: each \
             binding there replaces the keys of that action in that context.\n",
        );
        for ctx in &self.contexts {
            out.push_str(&format!(
                "\n## {}\n\n| keys | what it does |\n| --- | --- |\n",
                ctx.context.title()
            ));
            for b in &ctx.bindings {
                if b.keys.is_empty() {
                    continue;
                }
                let keys = b
                    .keys
                    .iter()
                    .map(|k| format!("`{}`", k.to_string().replace('|', "\\|")))
                    .collect::<Vec<_>>()
                    .join(", ");
                out.push_str(&format!(
                    "| {keys} | {} |\n",
                    b.action.describe(ctx.context)
                ));
            }
        }
        out
    }
}

impl Action {
    /// The footer's word for the action in a context.
    pub fn short(self, context: Context) -> &'static str {
        use Context as C;
        match (self, context) {
            (Action::Confirm, C::Picker) => "pick",
            (Action::Confirm, C::Maps) => "open",
            (Action::Confirm, C::Intro) => "begin",
            (Action::Confirm, C::Break) => "next",
            (Action::Confirm, _) => "keep",
            (Action::Cancel, C::Help | C::Break) => "close",
            (Action::Cancel, C::Intro) => "step back",
            (Action::Cancel, C::Reading | C::Pause | C::Support | C::Map | C::Maps) => "back",
            (Action::Cancel, C::Leaving) => "stay",
            (Action::Cancel, _) => "cancel",
            (Action::Yes, C::Leaving) => "keep them",
            (Action::No, C::Leaving) => "leave them out",
            (Action::Up, C::Help) => "scroll up",
            (Action::Down, C::Help) => "scroll down",
            (Action::Up | Action::Down, C::Body) => "move",
            (Action::Left | Action::Right, C::Body) => "side",
            (Action::Skip, C::Body) => "go on",
            (Action::Down, C::Reading) => "scroll",
            (Action::Up, C::Reading) => "back up",
            (Action::Up | Action::Down | Action::Left | Action::Right, C::Map) => "select",
            (Action::Edit, C::Map) => "open",
            _ => self.short_default(),
        }
    }

    fn short_default(self) -> &'static str {
        match self {
            Action::Quit => "quit",
            Action::Help => "help",
            Action::NextPane => "next pane",
            Action::PrevPane => "previous pane",
            Action::Up => "up",
            Action::Down => "down",
            Action::PageUp => "page up",
            Action::PageDown => "page down",
            Action::Top => "first",
            Action::Bottom => "last",
            Action::AddPart => "add",
            Action::Edit => "edit",
            Action::Delete => "delete",
            Action::Undo => "undo",
            Action::Redo => "redo",
            Action::AddFeeling => "feeling",
            Action::AddNeed => "need",
            Action::Increase => "stronger",
            Action::Decrease => "softer",
            Action::Toggle => "toggle",
            Action::Witness => "witness",
            Action::Pause => "pause",
            Action::Break => "break",
            Action::PartsMap => "map",
            Action::Maps => "maps",
            Action::TogglePrivate => "private",
            Action::Veil => "veil",
            Action::Present => "present",
            Action::Support => "support",
            Action::Suspend => "suspend",
            Action::Confirm => "keep",
            Action::Cancel => "cancel",
            Action::Yes => "yes",
            Action::No => "no",
            Action::Left => "left",
            Action::Right => "right",
            Action::SomethingUp => "something is up",
            Action::Send => "send",
            Action::NewLine => "new line",
            Action::Skip => "skip",
            Action::SwitchSpeaker => "speaker",
            Action::Enquiries => "enquiries",
            Action::Leave => "leave",
            Action::Mark => "mark",
            Action::WriteInstead => "write instead",
            Action::StepBack => "ask it to step back",
            Action::TurnToward => "turn toward it",
            Action::GoOn => "go on",
            Action::Done => "done",
            Action::LetGo => "let go",
            Action::Resume => "continue",
            Action::AddContact => "add",
            Action::MoveUp | Action::MoveDown | Action::MoveLeft | Action::MoveRight => "move",
            Action::AddRelation => "relation",
            Action::Relayout => "lay out",
            Action::Theme => "theme",
            Action::NewMap => "new",
            Action::RenameMap => "rename",
            Action::CopyMap => "save a copy",
            Action::ArchiveMap => "archive",
            Action::OpenBackup => "open the backup",
        }
    }

    /// What the action does, for the help overlay.
    pub fn describe(self, context: Context) -> &'static str {
        match (self, context) {
            (Action::Confirm, Context::Picker) => {
                "pick the highlighted word (a word not in the list becomes your own)"
            }
            (Action::Cancel, Context::Help) => "close this help",
            (Action::Cancel, Context::Picker) => "close the list without choosing",
            (Action::Up, Context::Help) => "scroll up",
            (Action::Down, Context::Help) => "scroll down",
            (Action::Quit, Context::Line | Context::Writing | Context::Witness) => {
                "quit, keeping what you were writing"
            }
            (Action::Confirm, Context::Intro) => "begin the dialogue",
            (Action::Confirm, Context::Break) => "keep this line and go to the next step",
            (Action::Cancel, Context::Intro) => "step back: no dialogue today",
            (Action::Cancel, Context::Reading) => "back to the parts",
            (Action::Cancel, Context::Pause) => "end the pause and come back",
            (Action::Cancel, Context::Break) => "close the break (what you wrote is kept)",
            (Action::Cancel, Context::Support) => "close",
            (Action::Cancel, Context::Leaving) => "stay in the dialogue",
            (Action::Yes, Context::Leaving) => "keep the words in the dialogue, then leave",
            (Action::No, Context::Leaving) => "leave them out, then leave",
            (Action::Up, Context::Body) => "the region above",
            (Action::Down, Context::Body) => "the region below",
            (Action::Left, Context::Body) => "towards the left side",
            (Action::Right, Context::Body) => "towards the right side",
            (Action::Skip, Context::Body) => "go on to the next question",
            (Action::Delete, Context::Support) => "remove the selected contact (asks first)",
            (Action::Up, Context::Map) => "select the nearest part above",
            (Action::Down, Context::Map) => "select the nearest part below",
            (Action::Left, Context::Map) => "select the nearest part to the left",
            (Action::Right, Context::Map) => "select the nearest part to the right",
            (Action::Edit, Context::Map) => "open the selected part",
            (Action::Cancel, Context::Map) => "back to the parts",
            (Action::Confirm, Context::Maps) => "open the highlighted map",
            (Action::Cancel, Context::Maps) => "back",
            (Action::Up, Context::Maps) => "the map above",
            (Action::Down, Context::Maps) => "the map below",
            (Action::Confirm, _) => "keep what you wrote",
            (Action::Cancel, _) => {
                "leave without keeping the change (asks first if you wrote something)"
            }
            _ => self.describe_default(),
        }
    }

    fn describe_default(self) -> &'static str {
        match self {
            Action::Quit => "quit (everything is already saved)",
            Action::Help => "this help",
            Action::NextPane => "next pane",
            Action::PrevPane => "previous pane",
            Action::Up => "move up",
            Action::Down => "move down",
            Action::PageUp => "a page up",
            Action::PageDown => "a page down",
            Action::Top => "to the first",
            Action::Bottom => "to the last",
            Action::AddPart => "add a part: type its name, Enter to keep it",
            Action::Edit => "edit the selected field",
            Action::Delete => "delete the selected item (asks first; u brings it back)",
            Action::Undo => "undo the last change",
            Action::Redo => "redo what was undone",
            Action::AddFeeling => "add a feeling to the selected part",
            Action::AddNeed => "add a need to the selected part",
            Action::Increase => "the selected feeling a little stronger",
            Action::Decrease => "the selected feeling a little softer",
            Action::Toggle => "a need met / unmet; a burden personal / legacy",
            Action::Witness => "a witnessing dialogue with the selected part",
            Action::Pause => "pause: a breathing pacer",
            Action::Break => "a self-compassion break",
            Action::PartsMap => "the parts map",
            Action::Maps => "your maps (one per person or client)",
            Action::TogglePrivate => "mark the selected field private or shareable",
            Action::Veil => "veil: hide all personal text on screen, again to show it",
            Action::Present => "presentation mode, for sharing your screen",
            Action::Support => "grounding steps and your support contacts",
            Action::Suspend => "step out to the shell (fg brings tend back)",
            Action::Confirm => "confirm",
            Action::Cancel => "cancel",
            Action::Yes => "yes",
            Action::No => "no",
            Action::Left => "move left",
            Action::Right => "move right",
            Action::SomethingUp => {
                "something is up: start from what is happening, name the part after"
            }
            Action::Send => "send the answer",
            Action::NewLine => "a new line in the answer",
            Action::Skip => "skip this question",
            Action::SwitchSpeaker => "write as Self or as the part",
            Action::Enquiries => "the open enquiries: pick one to ask it next",
            Action::Leave => "leave the dialogue (it is kept; you can continue it later)",
            Action::Mark => "mark this place, then say what it feels like",
            Action::WriteInstead => "answer in words instead",
            Action::StepBack => "ask the other part to step back a little",
            Action::TurnToward => "turn toward the other part instead",
            Action::GoOn => "go on as you are",
            Action::Done => "mark the selected commitment done",
            Action::LetGo => "let the selected commitment go, kindly",
            Action::Resume => "continue this dialogue",
            Action::AddContact => "add someone to reach when things get heavy",
            Action::MoveUp => "move the selected part up",
            Action::MoveDown => "move the selected part down",
            Action::MoveLeft => "move the selected part left",
            Action::MoveRight => "move the selected part right",
            Action::AddRelation => {
                "a relation from the selected part: pick the other, then the kind"
            }
            Action::Relayout => "lay out the whole map afresh (u undoes it)",
            Action::Theme => "next colour theme (soft, high contrast, no colour)",
            Action::NewMap => "a new map: type its name",
            Action::RenameMap => "rename the highlighted map",
            Action::CopyMap => "save a copy of the open map under a new name",
            Action::ArchiveMap => {
                "move the highlighted map to the archive (type its name to confirm)"
            }
            Action::OpenBackup => {
                "open the newest backup that loads (the file that would not is kept as a backup)"
            }
        }
    }
}
