//! The parts map: Self in the centre, each part as a labelled node marked by its role's
//! glyph, and relations as lines whose style and label say their kind (never colour alone).

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::{Modifier, Style};
use ratatui::text::{Line, Span};
use ratatui::widgets::Widget;

use crate::geometry::{self, Fit};
use crate::model::{Position, RelationKind};
use crate::state::Model;

use super::text::{truncate, width};
use super::theme::Theme;

/// The line characters of a relation kind: (horizontal, vertical, corners ┐ ┘ ┌ └).
fn strokes(kind: RelationKind) -> (char, char, [char; 4]) {
    match kind {
        RelationKind::Protects => ('─', '│', ['┐', '┘', '┌', '└']),
        RelationKind::Polarized => ('═', '║', ['╗', '╝', '╔', '╚']),
        RelationKind::Allied => ('╌', '╎', ['┐', '┘', '┌', '└']),
        RelationKind::Unsure => ('┈', '┊', ['┐', '┘', '┌', '└']),
    }
}

/// The word drawn on a relation's line.
pub fn kind_word(kind: RelationKind) -> &'static str {
    match kind {
        RelationKind::Protects => "protects",
        RelationKind::Polarized => "polarized",
        RelationKind::Allied => "allied",
        RelationKind::Unsure => "unsure",
    }
}

/// Draws the map screen's body.
pub fn render(model: &Model, term: Rect, body: Rect, buf: &mut Buffer) {
    let theme = &model.theme;
    let title = model.title();
    let big = model.presenting && geometry::big_title_fits(&title, term);
    let layout = geometry::map_layout(body, big);
    if big {
        let text = tui_big_text::BigText::builder()
            .pixel_size(tui_big_text::PixelSize::HalfHeight)
            .style(theme.title)
            .lines(vec![Line::from(title.clone())])
            .centered()
            .build();
        text.render(
            Rect {
                height: geometry::BIG_TITLE_ROWS,
                ..layout.title
            },
            buf,
        );
    }
    let selected = model.selected_part().map(|p| p.id);
    draw_map(&model.map, theme, selected, layout.canvas, buf);
    legend(theme, layout.legend, buf);
}

/// Draws the map's nodes and lines into `canvas`, with `selected` highlighted.
pub fn draw_map(
    map: &crate::model::Map,
    theme: &Theme,
    selected: Option<crate::model::PartId>,
    canvas: Rect,
    buf: &mut Buffer,
) {
    let fit = Fit::new(canvas);
    let labels = geometry::labels(map, &fit);
    let rect_of = |id| labels.iter().find(|(p, _, _)| *p == id).map(|(_, r, _)| *r);
    // Self, in the centre; never drawn as a part.
    let self_label = "◎ Self";
    let self_rect = fit.label_rect(Position::default(), width(self_label) as u16);
    let mut obstacles: Vec<Rect> = labels.iter().map(|(_, r, _)| *r).collect();
    obstacles.push(self_rect);
    // Lines first, then their words, then the labels on top.
    let mut words = Vec::new();
    for relation in &map.relations {
        let (Some(a), Some(b)) = (rect_of(relation.from), rect_of(relation.to)) else {
            continue;
        };
        if let Some(spots) = edge(theme, relation.kind, a, b, canvas, buf) {
            words.push(spots);
        }
    }
    place_words(theme, words, canvas, &obstacles, buf);
    if !labels.iter().any(|(_, r, _)| r.intersects(self_rect)) {
        Line::from(Span::styled(self_label, theme.heading)).render(self_rect, buf);
    }
    for (id, rect, _) in &labels {
        let Some(part) = map.part(*id) else {
            continue;
        };
        let is_selected = Some(*id) == selected;
        let name_style = if is_selected {
            theme.selected
        } else {
            theme.text.add_modifier(Modifier::BOLD)
        };
        let glyph_style = if is_selected {
            theme.role(part.role).add_modifier(Modifier::REVERSED)
        } else {
            theme.role(part.role)
        };
        let name = truncate(&part.name, rect.width.saturating_sub(2) as usize);
        Line::from(vec![
            Span::styled(part.role.glyph(), glyph_style),
            Span::styled(" ", name_style),
            Span::styled(name, name_style),
        ])
        .render(*rect, buf);
    }
    if map.parts.is_empty() {
        let hint = "No parts here yet. Press a to name the first one.";
        let y = self_rect.y + 2;
        if y < canvas.y + canvas.height {
            Line::from(Span::styled(hint, theme.dim)).centered().render(
                Rect {
                    y,
                    height: 1,
                    ..canvas
                },
                buf,
            );
        }
    }
}

/// The map as plain text, `width` × `height` cells (for the Markdown export).
pub fn drawing(map: &crate::model::Map, width: u16, height: u16) -> String {
    let area = Rect::new(0, 0, width, height);
    let mut buf = Buffer::empty(area);
    draw_map(map, &Theme::no_color(), None, area, &mut buf);
    let mut out = String::new();
    for y in 0..height {
        let mut line = String::new();
        for x in 0..width {
            line.push_str(buf[(x, y)].symbol());
        }
        out.push_str(line.trim_end());
        out.push('\n');
    }
    // No blank rows above or below the drawing.
    let lines: Vec<&str> = out.lines().collect();
    let first = lines.iter().position(|l| !l.is_empty()).unwrap_or(0);
    let last = lines
        .iter()
        .rposition(|l| !l.is_empty())
        .map_or(0, |l| l + 1);
    lines[first..last.max(first)].join("\n") + "\n"
}

/// One relation's line from label `a` to label `b`, with its arrowheads and its word.
fn edge(
    theme: &Theme,
    kind: RelationKind,
    a: Rect,
    b: Rect,
    canvas: Rect,
    buf: &mut Buffer,
) -> Option<Vec<(u16, u16, String)>> {
    let cells = geometry::route(a, b);
    if cells.is_empty() {
        return None;
    }
    let (h, v, corners) = strokes(kind);
    let style = match kind {
        RelationKind::Protects | RelationKind::Polarized => theme.text,
        _ => theme.dim,
    };
    let inside = |(x, y): (u16, u16)| {
        x >= canvas.x
            && x < canvas.x + canvas.width
            && y >= canvas.y
            && y < canvas.y + canvas.height
    };
    let n = cells.len();
    for (i, &(x, y)) in cells.iter().enumerate() {
        let prev = if i > 0 { Some(cells[i - 1]) } else { None };
        let next = cells.get(i + 1).copied();
        let horizontal = |p: Option<(u16, u16)>| p.is_some_and(|p| p.1 == y);
        let c = match (prev, next) {
            (Some(p), Some(q)) if horizontal(Some(p)) && !horizontal(Some(q)) => {
                let from_left = p.0 < x;
                let going_down = q.1 > y;
                match (from_left, going_down) {
                    (true, true) => corners[0],
                    (true, false) => corners[1],
                    (false, true) => corners[2],
                    (false, false) => corners[3],
                }
            }
            (p, q) => {
                if horizontal(p) || horizontal(q) || (p.is_none() && q.is_none()) {
                    h
                } else {
                    v
                }
            }
        };
        if inside((x, y))
            && let Some(cell) = buf.cell_mut((x, y))
        {
            cell.set_char(c).set_style(style);
        }
    }
    // Arrowheads: at the protected part, or at both ends when polarized.
    let head = |from: (u16, u16), at: (u16, u16)| -> char {
        if at.0 > from.0 {
            '▶'
        } else if at.0 < from.0 {
            '◀'
        } else if at.1 > from.1 {
            '▼'
        } else {
            '▲'
        }
    };
    let end = cells[n - 1];
    let before_end = if n > 1 {
        cells[n - 2]
    } else {
        start_anchor(a, end)
    };
    let start = cells[0];
    let after_start = if n > 1 {
        cells[1]
    } else {
        start_anchor(b, start)
    };
    let mut heads = Vec::new();
    if matches!(kind, RelationKind::Protects | RelationKind::Polarized) {
        heads.push((end, head(before_end, end)));
    }
    if kind == RelationKind::Polarized {
        heads.push((start, head(after_start, start)));
    }
    for (at, c) in heads {
        if inside(at)
            && let Some(cell) = buf.cell_mut(at)
        {
            cell.set_char(c)
                .set_style(style.add_modifier(Modifier::BOLD));
        }
    }
    // The word, on the longest straight run (placed once every line is drawn).
    let word = kind_word(kind);
    let (from, to) = longest_run(&cells)?;
    let (x0, y0) = cells[from];
    let (x1, y1) = cells[to];
    let ww = width(word) as u16;
    let mut spots = Vec::new();
    if y0 == y1 && x0.abs_diff(x1) + 1 >= ww + 4 {
        let mid = (x0.min(x1) + x0.max(x1)) / 2;
        spots.push((mid.saturating_sub(ww / 2 + 1), y0, format!(" {word} ")));
    } else if x0 == x1 {
        // Beside the line: right or left, at the middle or a little above or below it.
        let mid = (y0.min(y1) + y0.max(y1)) / 2;
        for y in [
            mid,
            mid.saturating_sub(1),
            mid + 1,
            mid.saturating_sub(2),
            mid + 2,
        ] {
            if y >= y0.min(y1) && y <= y0.max(y1) {
                spots.push((x0 + 1, y, word.to_string()));
                spots.push((x0.saturating_sub(ww), y, word.to_string()));
            }
        }
    }
    Some(spots)
}

/// Writes each relation's word at the first of its places that covers no label and no
/// line (or, failing that, no label).
fn place_words(
    theme: &Theme,
    words: Vec<Vec<(u16, u16, String)>>,
    canvas: Rect,
    obstacles: &[Rect],
    buf: &mut Buffer,
) {
    let mut taken: Vec<Rect> = obstacles.to_vec();
    for spots in words {
        let fits = |x: u16, y: u16, text: &str| {
            let w = width(text) as u16;
            x >= canvas.x
                && x + w <= canvas.x + canvas.width
                && y >= canvas.y
                && y < canvas.y + canvas.height
        };
        let clear_of = |x: u16, y: u16, text: &str, taken: &[Rect]| {
            let r = Rect::new(x, y, width(text) as u16, 1);
            !taken.iter().any(|o| o.intersects(r))
        };
        let blank = |x: u16, y: u16, text: &str, buf: &Buffer| {
            (0..width(text) as u16).all(|dx| {
                let c = &buf[(x + dx, y)];
                c.symbol() == " "
                    || (text.starts_with(' ') && (dx == 0 || dx + 1 == width(text) as u16))
            })
        };
        let spot = spots
            .iter()
            .find(|(x, y, t)| {
                fits(*x, *y, t) && clear_of(*x, *y, t, &taken) && blank(*x, *y, t, buf)
            })
            .or_else(|| {
                spots
                    .iter()
                    .find(|(x, y, t)| fits(*x, *y, t) && clear_of(*x, *y, t, &taken))
            });
        if let Some((x, y, text)) = spot {
            let w = width(text) as u16;
            Line::from(Span::styled(
                text.clone(),
                theme.dim.add_modifier(Modifier::ITALIC),
            ))
            .render(Rect::new(*x, *y, w, 1), buf);
            taken.push(Rect::new(*x, *y, w, 1));
        }
    }
}

/// A point just outside a label, for the direction of a one-cell line.
fn start_anchor(label: Rect, cell: (u16, u16)) -> (u16, u16) {
    if cell.1 == label.y {
        if cell.0 < label.x {
            (cell.0 + 1, cell.1)
        } else {
            (cell.0.saturating_sub(1), cell.1)
        }
    } else if cell.1 < label.y {
        (cell.0, cell.1 + 1)
    } else {
        (cell.0, cell.1.saturating_sub(1))
    }
}

/// The first and last index of the longest straight run of a path.
fn longest_run(cells: &[(u16, u16)]) -> Option<(usize, usize)> {
    if cells.len() < 2 {
        return (!cells.is_empty()).then_some((0, 0));
    }
    let dir = |i: usize| {
        (
            i32::from(cells[i + 1].0) - i32::from(cells[i].0),
            i32::from(cells[i + 1].1) - i32::from(cells[i].1),
        )
    };
    let mut best = (0, 0);
    let mut start = 0;
    for i in 1..cells.len() - 1 {
        if dir(i) != dir(i - 1) {
            if i - start > best.1 - best.0 {
                best = (start, i);
            }
            start = i;
        }
    }
    let last = cells.len() - 1;
    if last - start > best.1 - best.0 {
        best = (start, last);
    }
    Some(best)
}

fn legend(theme: &Theme, area: Rect, buf: &mut Buffer) {
    if area.height == 0 {
        return;
    }
    let spans = vec![
        Span::raw(" "),
        Span::styled("▲", theme.role(crate::model::Role::Manager)),
        Span::styled(" manager  ", theme.dim),
        Span::styled("◆", theme.role(crate::model::Role::Firefighter)),
        Span::styled(" firefighter  ", theme.dim),
        Span::styled("●", theme.role(crate::model::Role::Exile)),
        Span::styled(" exile  ", theme.dim),
        Span::styled("?", theme.role(crate::model::Role::Unsure)),
        Span::styled(" unsure  ", theme.dim),
        Span::styled("◎", theme.heading),
        Span::styled(" Self     ", theme.dim),
        Span::styled("─▶", theme.text),
        Span::styled(" protects  ", theme.dim),
        Span::styled("◀═▶", theme.text),
        Span::styled(" polarized  ", theme.dim),
        Span::styled("╌╌", theme.dim),
        Span::styled(" allied  ", theme.dim),
        Span::styled("┈┈", theme.dim),
        Span::styled(" unsure", theme.dim),
    ];
    Line::from(spans).style(Style::new()).render(area, buf);
}
