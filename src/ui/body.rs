//! The body map: a simple figure with a place for each region and side. The part's own
//! marks show its glyph; other parts' marks show faintly, so the person can see who lives
//! where. The cursor is reversed and named in words below the figure.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::Modifier;
use ratatui::text::{Line, Span};
use ratatui::widgets::Widget;

use crate::model::{Map, PartId, Region, Side};
use crate::state::BodyCursor;

use super::theme::Theme;

/// The figure, row by row: the region a row belongs to (if any), and its drawing, where
/// `L`, `C` and `R` stand for the left, centre and right places of that region.
pub const FIGURE: [(Option<Region>, &str); 17] = [
    (None, "       ╭───────╮       "),
    (Some(Region::Head), "       │ L C R │       "),
    (Some(Region::Face), "       │ L C R │       "),
    (None, "       ╰─┐   ┌─╯       "),
    (Some(Region::Throat), "         │LCR│         "),
    (Some(Region::Shoulders), "  ╭──L───┘ C └───R──╮  "),
    (Some(Region::Arms), "  L  │     C     │  R  "),
    (Some(Region::Chest), "  │  │  L  C  R  │  │  "),
    (Some(Region::Heart), "  │  │  L  C  R  │  │  "),
    (Some(Region::Belly), "  │  │  L  C  R  │  │  "),
    (Some(Region::Hands), "  L  │     C     │  R  "),
    (Some(Region::Pelvis), "     ╰──L──C──R──╯     "),
    (Some(Region::Legs), "      │ L │C│ R │      "),
    (Some(Region::Feet), "     ╶┴─L─┘C└─R─┴╴     "),
    (None, "                       "),
    (Some(Region::Back), "     ┆   L  C  R   ┆   "),
    (None, "       (your back)     "),
];

/// Width of the region labels to the left of the figure.
const LABEL: u16 = 11;

/// The rows the figure needs.
pub fn height() -> u16 {
    FIGURE.len() as u16 + 2
}

/// Draws the figure in `area`: `part`'s marks, other parts' marks faintly, the cursor.
pub fn render(
    map: &Map,
    theme: &Theme,
    part: Option<PartId>,
    cursor: BodyCursor,
    area: Rect,
    buf: &mut Buffer,
) {
    let current = cursor.region();
    for (y, (region, drawing)) in FIGURE.iter().enumerate() {
        if y as u16 >= area.height {
            break;
        }
        let mut spans = Vec::new();
        let label = region.map_or("", |r| r.word());
        let label_style = if *region == Some(current) {
            theme.title
        } else {
            theme.dim
        };
        spans.push(Span::styled(
            format!("{label:>width$}  ", width = LABEL as usize - 2),
            label_style,
        ));
        for c in drawing.chars() {
            let side = match c {
                'L' => Some(Side::Left),
                'C' => Some(Side::Centre),
                'R' => Some(Side::Right),
                _ => None,
            };
            match (region, side) {
                (Some(region), Some(side)) => {
                    spans.push(slot(map, theme, part, *region, side, cursor));
                }
                _ => spans.push(Span::styled(c.to_string(), theme.border)),
            }
        }
        Line::from(spans).render(
            Rect {
                y: area.y + y as u16,
                height: 1,
                ..area
            },
            buf,
        );
    }
    let below = FIGURE.len() as u16 + 1;
    if below < area.height {
        let mut spans = vec![
            Span::raw(" ".repeat(LABEL as usize)),
            Span::styled(
                format!("{} · {}", current.word(), cursor.side.word()),
                theme.title,
            ),
        ];
        if let Some(sensation) = part
            .and_then(|p| map.part(p))
            .and_then(|p| {
                p.body
                    .iter()
                    .find(|s| s.region == current && s.side == cursor.side)
            })
            .map(|s| s.sensation.as_str())
            .filter(|s| !s.is_empty())
        {
            spans.push(Span::styled(format!(" · {sensation}"), theme.text));
        }
        Line::from(spans).render(
            Rect {
                y: area.y + below,
                height: 1,
                ..area
            },
            buf,
        );
    }
}

/// One place on the figure.
fn slot<'a>(
    map: &Map,
    theme: &Theme,
    part: Option<PartId>,
    region: Region,
    side: Side,
    cursor: BodyCursor,
) -> Span<'a> {
    let here = |p: &crate::model::Part| p.body.iter().any(|s| s.region == region && s.side == side);
    let mine = part.and_then(|id| map.part(id)).filter(|p| here(p));
    let other = map.parts.iter().find(|p| Some(p.id) != part && here(p));
    let on_cursor = cursor.region() == region && cursor.side == side;
    let (glyph, style) = match (mine, other) {
        (Some(p), _) => (
            p.role.glyph(),
            theme.role(p.role).add_modifier(Modifier::BOLD),
        ),
        (None, Some(p)) => (p.role.glyph(), theme.dim),
        (None, None) => ("·", theme.dim),
    };
    let glyph = if on_cursor && mine.is_none() && other.is_none() {
        "◇"
    } else {
        glyph
    };
    let style = if on_cursor {
        style.add_modifier(Modifier::REVERSED)
    } else {
        style
    };
    Span::styled(glyph, style)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::state::witness::BODY_ROWS;

    #[test]
    fn every_row_is_as_wide_as_the_others() {
        let w = FIGURE[0].1.chars().count();
        for (_, row) in FIGURE {
            assert_eq!(row.chars().count(), w, "{row:?}");
        }
    }

    #[test]
    fn every_region_has_a_row_with_three_places() {
        for region in Region::ALL {
            let row = FIGURE
                .iter()
                .find(|(r, _)| *r == Some(region))
                .map(|(_, d)| *d)
                .unwrap_or_else(|| panic!("{region:?} has no row"));
            for side in ['L', 'C', 'R'] {
                assert_eq!(row.matches(side).count(), 1, "{region:?} {side}");
            }
        }
    }

    #[test]
    fn the_cursor_moves_through_the_rows_the_figure_shows() {
        let shown: Vec<Region> = FIGURE.iter().filter_map(|(r, _)| *r).collect();
        assert_eq!(shown, BODY_ROWS);
    }
}
