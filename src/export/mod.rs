//! Readable exports of a map: Markdown for people, JSON for other programs, SVG for a
//! picture of the map to hand to someone.

mod markdown;
mod svg;

pub use markdown::markdown;
pub use svg::svg;

use crate::model::Map;

/// The export formats `tend export` knows.
#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
pub enum Format {
    /// Headings and lists, readable anywhere.
    Markdown,
    /// Everything in the map, for other programs.
    Json,
    /// The parts map as a picture: names, roles, feelings, needs, body and relations.
    Svg,
}

/// The map as JSON: every field, pretty-printed.
pub fn json(map: &Map) -> Result<String, serde_json::Error> {
    let mut text = serde_json::to_string_pretty(map)?;
    text.push('\n');
    Ok(text)
}

/// The map in the given format. `include_private` only changes the SVG handout: Markdown
/// and JSON are the person's own full record and always hold everything.
pub fn export(map: &Map, format: Format, include_private: bool) -> Result<String, String> {
    match format {
        Format::Markdown => Ok(markdown(map)),
        Format::Json => json(map).map_err(|e| e.to_string()),
        Format::Svg => Ok(svg(map, include_private)),
    }
}
