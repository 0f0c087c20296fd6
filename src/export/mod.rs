//! Readable exports of a map: Markdown for people, JSON for other programs.

mod markdown;

pub use markdown::markdown;

use crate::model::Map;

/// The export formats `tend export` knows.
#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
pub enum Format {
    /// Headings and lists, readable anywhere.
    Markdown,
    /// Everything in the map, for other programs.
    Json,
}

/// The map as JSON: every field, pretty-printed.
pub fn json(map: &Map) -> Result<String, serde_json::Error> {
    let mut text = serde_json::to_string_pretty(map)?;
    text.push('\n');
    Ok(text)
}

/// The map in the given format.
pub fn export(map: &Map, format: Format) -> Result<String, String> {
    match format {
        Format::Markdown => Ok(markdown(map)),
        Format::Json => json(map).map_err(|e| e.to_string()),
    }
}
