//! The person's settings, kept in `$TEND_HOME/config.ron`: the theme, and the crisis
//! contacts they (or their therapist) have entered. Compiled-in defaults apply where the
//! file says nothing.

use serde::{Deserialize, Serialize};

use crate::ui::theme::ThemeName;

/// Someone to reach when things get heavy.
#[derive(Serialize, Deserialize, Clone, Debug, PartialEq, Eq)]
pub struct Contact {
    /// Who ("Sam", "my therapist", "the local crisis line").
    pub name: String,
    /// How to reach them (a number, an address, where they are).
    #[serde(default)]
    pub how: String,
}

/// The settings file.
#[derive(Serialize, Deserialize, Clone, Debug, PartialEq, Eq, Default)]
pub struct Config {
    /// The theme to start in (NO_COLOR always wins).
    #[serde(default)]
    pub theme: ThemeName,
    /// Crisis contacts, in the order entered.
    #[serde(default)]
    pub contacts: Vec<Contact>,
}

impl Config {
    /// Parses a settings file; a file with an error is reported, never rewritten.
    pub fn parse(text: &str) -> Result<Config, String> {
        let text = text.strip_prefix('\u{feff}').unwrap_or(text);
        ron::from_str(text).map_err(|e| {
            format!(
                "line {}, column {}: {}",
                e.span.start.line, e.span.start.col, e.code
            )
        })
    }

    /// The file's text.
    pub fn to_ron(&self) -> Result<String, ron::Error> {
        let mut text = ron::ser::to_string_pretty(self, crate::store::pretty())?;
        text.push('\n');
        Ok(text)
    }
}
