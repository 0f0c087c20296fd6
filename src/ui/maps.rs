//! The Maps screen: every map in `$TEND_HOME/maps` with its title, parts and last change,
//! found by typing; and the box for naming a new map, renaming, copying or archiving one.

use ratatui::buffer::Buffer;
use ratatui::layout::{Constraint, Layout, Margin, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Widget};

use crate::state::{MapsView, Model, NameFor, Source};

use super::text::{fit, truncate};

/// Draws the Maps screen.
pub fn render(model: &Model, view: &MapsView, area: Rect, buf: &mut Buffer) {
    let theme = &model.theme;
    let block = Block::default()
        .borders(Borders::ALL)
        .border_style(theme.border_focus)
        .title(Span::styled(" Your maps ", theme.title));
    let inner = block.inner(area).inner(Margin::new(1, 0));
    block.render(area, buf);
    let naming_h = if view.naming.is_some() { 3 } else { 0 };
    let [query, _, list, naming_area] = Layout::vertical([
        Constraint::Length(1),
        Constraint::Length(1),
        Constraint::Fill(1),
        Constraint::Length(naming_h),
    ])
    .areas(inner);
    super::input_line(theme, &view.query, query, buf);
    let open = match &model.source {
        Source::File(p) => Some(p.as_path()),
        Source::Demo => None,
    };
    if !view.loaded {
        Line::from(Span::styled("Looking…", theme.dim)).render(list, buf);
    } else if view.shown.is_empty() {
        let text = if view.entries.is_empty() {
            "No maps yet. Ctrl-o starts one."
        } else {
            "No map matches. Ctrl-o starts a new one with this name."
        };
        Line::from(Span::styled(text, theme.dim)).render(list, buf);
    }
    let height = list.height as usize;
    let offset = view.cursor.saturating_sub(height.saturating_sub(1));
    let cells = list.width as usize;
    for (y, (row, &i)) in view
        .shown
        .iter()
        .enumerate()
        .skip(offset)
        .take(height)
        .enumerate()
    {
        let Some(e) = view.entries.get(i) else {
            continue;
        };
        let selected = row == view.cursor;
        let style = if selected { theme.selected } else { theme.text };
        let changed = e
            .changed
            .map(|t| super::transcript::day(model, t) + " " + &super::transcript::clock(model, t))
            .unwrap_or_default();
        let detail = match &e.problem {
            Some(p) if p == "encrypted" => "encrypted · opens with its passphrase".to_string(),
            Some(p) => format!("could not be read: {p}"),
            None => {
                let parts = if e.parts == 1 {
                    "1 part".to_string()
                } else {
                    format!("{} parts", e.parts)
                };
                format!("{parts} · {changed}")
            }
        };
        let here = if Some(e.path.as_path()) == open {
            " · open"
        } else {
            ""
        };
        let name_w = 18.min(cells / 3);
        let title_w = 26.min(cells / 3);
        let rect = Rect {
            y: list.y + y as u16,
            height: 1,
            ..list
        };
        if selected {
            buf.set_style(rect, theme.selected);
        }
        Line::from(vec![
            Span::styled(if selected { "›" } else { " " }, theme.key.patch(style)),
            Span::styled(fit(&e.name, name_w), style.patch(theme.title)),
            Span::raw(" "),
            Span::styled(fit(&e.title, title_w), style),
            Span::raw(" "),
            Span::styled(
                truncate(
                    &format!("{detail}{here}"),
                    cells.saturating_sub(name_w + title_w + 3),
                ),
                theme.dim.patch(style),
            ),
        ])
        .render(rect, buf);
    }
    if let Some(naming) = &view.naming {
        let prompt = match &naming.purpose {
            NameFor::New => {
                "A name for the new map (a person, a client, a time of life):".to_string()
            }
            NameFor::Rename(_) => "A new name for this map:".to_string(),
            NameFor::Copy => "A name for the copy of the open map:".to_string(),
            NameFor::Archive(path) => format!(
                "To move {} to the archive, type its name. Nothing is deleted.",
                crate::store::map_name(path)
            ),
        };
        let [p, input] =
            Layout::vertical([Constraint::Length(2), Constraint::Length(1)]).areas(naming_area);
        Line::from(Span::styled(prompt, theme.title)).render(p, buf);
        super::input_line(theme, &naming.input, input, buf);
    }
}
