//! Colours and styles. Meaning is always carried by glyphs and words too; under `NO_COLOR`
//! the theme uses modifiers only, so no colour sequence is ever sent to the terminal.

use ratatui::style::{Color, Modifier, Style};

use crate::model::Role;

/// The named themes.
#[derive(serde::Serialize, serde::Deserialize, Clone, Copy, Debug, PartialEq, Eq, Default)]
pub enum ThemeName {
    /// Soft colours on the terminal's own background.
    #[default]
    Default,
    /// Strong contrast, for screen-share and low vision.
    HighContrast,
    /// No colour at all: bold, dim, reverse and underline only.
    NoColor,
}

/// Every style the views use. Passed by reference; never global.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Theme {
    /// Which theme this is.
    pub name: ThemeName,
    /// Ordinary text.
    pub text: Style,
    /// Quiet text: hints, placeholders, group names.
    pub dim: Style,
    /// The title in the header.
    pub title: Style,
    /// Pane borders.
    pub border: Style,
    /// The border of the pane with focus.
    pub border_focus: Style,
    /// Labels beside values ("job").
    pub label: Style,
    /// Section headings inside a pane ("Feelings").
    pub heading: Style,
    /// The selected row in the pane with focus.
    pub selected: Style,
    /// The selected row in a pane without focus.
    pub selected_idle: Style,
    /// Keys in the footer and in hints.
    pub key: Style,
    /// "saved ✓" and other good news.
    pub ok: Style,
    /// Something went wrong.
    pub problem: Style,
    /// The filled part of an intensity bar.
    pub bar: Style,
    /// The marks of private fields.
    pub private: Style,
    manager: Style,
    firefighter: Style,
    exile: Style,
    unsure: Style,
}

impl Theme {
    /// The theme to use: `NO_COLOR` (set and non-empty) wins over any choice.
    pub fn choose(name: ThemeName, no_color_env: bool) -> Theme {
        if no_color_env {
            return Theme::no_color();
        }
        match name {
            ThemeName::Default => Theme::soft(),
            ThemeName::HighContrast => Theme::high_contrast(),
            ThemeName::NoColor => Theme::no_color(),
        }
    }

    /// Whether `NO_COLOR` is set to a non-empty value.
    pub fn no_color_env() -> bool {
        std::env::var_os("NO_COLOR").is_some_and(|v| !v.is_empty())
    }

    /// Soft colours on the terminal's own background.
    pub fn soft() -> Theme {
        let bold = Modifier::BOLD;
        Theme {
            name: ThemeName::Default,
            text: Style::new(),
            dim: Style::new().fg(Color::DarkGray),
            title: Style::new().add_modifier(bold),
            border: Style::new().fg(Color::DarkGray),
            border_focus: Style::new().fg(Color::Cyan),
            label: Style::new().fg(Color::Gray),
            heading: Style::new().fg(Color::Cyan).add_modifier(bold),
            selected: Style::new().add_modifier(Modifier::REVERSED),
            selected_idle: Style::new().add_modifier(bold),
            key: Style::new().fg(Color::Cyan).add_modifier(bold),
            ok: Style::new().fg(Color::Green),
            problem: Style::new().fg(Color::LightRed).add_modifier(bold),
            bar: Style::new().fg(Color::Cyan),
            private: Style::new().fg(Color::Magenta),
            manager: Style::new().fg(Color::LightBlue),
            firefighter: Style::new().fg(Color::LightRed),
            exile: Style::new().fg(Color::Yellow),
            unsure: Style::new().fg(Color::Gray),
        }
    }

    /// Strong contrast: bright text, bold roles, no greys.
    pub fn high_contrast() -> Theme {
        let bold = Modifier::BOLD;
        Theme {
            name: ThemeName::HighContrast,
            text: Style::new().fg(Color::White),
            dim: Style::new().fg(Color::Gray),
            title: Style::new().fg(Color::White).add_modifier(bold),
            border: Style::new().fg(Color::White),
            border_focus: Style::new().fg(Color::LightYellow).add_modifier(bold),
            label: Style::new().fg(Color::White).add_modifier(bold),
            heading: Style::new().fg(Color::LightYellow).add_modifier(bold),
            selected: Style::new()
                .fg(Color::Black)
                .bg(Color::LightYellow)
                .add_modifier(bold),
            selected_idle: Style::new().add_modifier(bold | Modifier::UNDERLINED),
            key: Style::new().fg(Color::LightYellow).add_modifier(bold),
            ok: Style::new().fg(Color::LightGreen).add_modifier(bold),
            problem: Style::new().fg(Color::LightRed).add_modifier(bold),
            bar: Style::new().fg(Color::LightCyan).add_modifier(bold),
            private: Style::new().fg(Color::LightMagenta).add_modifier(bold),
            manager: Style::new().fg(Color::LightCyan).add_modifier(bold),
            firefighter: Style::new().fg(Color::LightRed).add_modifier(bold),
            exile: Style::new().fg(Color::LightYellow).add_modifier(bold),
            unsure: Style::new().fg(Color::White).add_modifier(bold),
        }
    }

    /// Modifiers only: nothing here ever sets a foreground or background colour.
    pub fn no_color() -> Theme {
        let bold = Style::new().add_modifier(Modifier::BOLD);
        let dim = Style::new().add_modifier(Modifier::DIM);
        Theme {
            name: ThemeName::NoColor,
            text: Style::new(),
            dim,
            title: bold,
            border: dim,
            border_focus: bold,
            label: dim,
            heading: bold,
            selected: Style::new().add_modifier(Modifier::REVERSED),
            selected_idle: Style::new().add_modifier(Modifier::UNDERLINED),
            key: bold,
            ok: Style::new(),
            problem: bold,
            bar: Style::new(),
            private: Style::new().add_modifier(Modifier::ITALIC),
            manager: bold,
            firefighter: bold,
            exile: bold,
            unsure: Style::new(),
        }
    }

    /// The style of a role's glyph.
    pub fn role(&self, role: Role) -> Style {
        match role {
            Role::Manager => self.manager,
            Role::Firefighter => self.firefighter,
            Role::Exile => self.exile,
            Role::Unsure => self.unsure,
        }
    }

    /// Every style in the theme, for checks that none carries colour under `NO_COLOR`.
    pub fn all_styles(&self) -> Vec<Style> {
        vec![
            self.text,
            self.dim,
            self.title,
            self.border,
            self.border_focus,
            self.label,
            self.heading,
            self.selected,
            self.selected_idle,
            self.key,
            self.ok,
            self.problem,
            self.bar,
            self.private,
            self.manager,
            self.firefighter,
            self.exile,
            self.unsure,
        ]
    }
}
