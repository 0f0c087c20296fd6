//! The pure view: draws the model into a frame and changes nothing. One file per pane or
//! overlay; `theme` holds the styles, `text` the wrapping helpers.

mod body;
mod chrome;
mod help;
pub mod map;
mod maps;
mod overlays;
mod pacer;
mod parts;
mod support;
pub mod text;
pub mod theme;
mod transcript;
mod witness;

use ratatui::Frame;
use ratatui::buffer::Buffer;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::widgets::{Block, Borders, Clear, Paragraph, Widget, Wrap};

use crate::state::{Modal, Model, Overlay, Screen};

/// The smallest terminal tend draws its screens in; below it, a kind request for room.
pub const MIN_WIDTH: u16 = 36;
/// The fewest rows tend draws its screens in.
pub const MIN_HEIGHT: u16 = 8;

/// Draws the whole screen for `model`: only what may be shown (see [`crate::redact`]).
pub fn view(model: &Model, frame: &mut Frame) {
    let area = frame.area();
    draw(model, area, frame.buffer_mut());
}

/// Draws the whole screen into a buffer (what `view` does, without a terminal).
pub fn draw(model: &Model, area: Rect, buf: &mut Buffer) {
    let shown = crate::redact::for_view(model);
    draw_shown(&shown, area, buf);
}

fn draw_shown(model: &Model, area: Rect, buf: &mut Buffer) {
    if area.width < MIN_WIDTH || area.height < MIN_HEIGHT {
        too_small(model, area, buf);
        return;
    }
    let footer_rows = footer_rows(model, area.width);
    let [header, body, footer] = Layout::vertical([
        Constraint::Length(1),
        Constraint::Fill(1),
        Constraint::Length(footer_rows),
    ])
    .areas(area);
    chrome::header(model, header, buf);
    match &model.screen {
        Screen::Parts => parts::render(model, body, buf),
        Screen::LoadFailed(error) => load_failed(model, error, body, buf),
        Screen::Witness(w) => witness::render(model, w, body, buf),
        Screen::Reading { session, scroll } => {
            witness::reading(model, *session, *scroll, body, buf)
        }
        Screen::Map => map::render(model, area, body, buf),
        Screen::Maps(view) => maps::render(model, view, body, buf),
    }
    chrome::footer(model, footer, buf);
    match &model.modal {
        Some(Modal::Editor(editor)) => overlays::editor(model, editor, body, buf),
        Some(Modal::Picker(picker)) => overlays::picker(model, picker, body, buf),
        Some(Modal::Confirm(confirm)) => {
            overlays::confirm(&model.theme, &confirm.question, &confirm.detail, body, buf)
        }
        Some(Modal::Draft(draft)) => overlays::draft(&model.theme, &draft.text, body, buf),
        None => {}
    }
    for overlay in &model.overlays {
        match overlay {
            Overlay::Help { scroll } => help::render(model, *scroll, body, buf),
            Overlay::Pause(pause) => pacer::render(model, pause, body, buf),
            Overlay::Break(state) => support::compassion(model, state, body, buf),
            Overlay::Support(state) => support::render(model, state, body, buf),
        }
    }
}

fn too_small(model: &Model, area: Rect, buf: &mut Buffer) {
    Paragraph::new("Make me a little bigger, please.")
        .style(model.theme.text)
        .wrap(Wrap { trim: true })
        .render(area, buf);
}

fn load_failed(model: &Model, error: &crate::store::LoadError, area: Rect, buf: &mut Buffer) {
    let theme = &model.theme;
    let rect = centered(area, 70, 14);
    Clear.render(rect, buf);
    let block = Block::default()
        .borders(Borders::ALL)
        .border_style(theme.border_focus)
        .title(" This map could not be opened ");
    let inner = block.inner(rect).inner(ratatui::layout::Margin::new(2, 1));
    block.render(rect, buf);
    let mut lines = vec![
        ratatui::text::Line::styled(error.sentence(), theme.text),
        ratatui::text::Line::default(),
    ];
    if let Some((_, at)) = &model.rescue {
        let when = at
            .to_zoned_datetime(model.tz.clone())
            .strftime("%-d %b, %H:%M")
            .to_string();
        lines.push(ratatui::text::Line::styled(
            format!(
                "The newest backup that opens is from {when}; press r to open it. The file \
                 that would not open is kept as a backup too."
            ),
            theme.title,
        ));
        lines.push(ratatui::text::Line::default());
    }
    lines.push(ratatui::text::Line::styled(
        format!(
            "The file is {}. You can also mend it in a text editor (tend check shows the \
             place) and open it again.",
            error.path.display()
        ),
        theme.dim,
    ));
    Paragraph::new(lines)
        .wrap(Wrap { trim: true })
        .render(inner, buf);
}

/// Rows the footer takes: one, or up to three for a long notice (what was mended, why a map
/// is read-only).
pub fn footer_rows(model: &Model, width: u16) -> u16 {
    model.notice.as_ref().map_or(1, |n| {
        (text::wrap(&n.text, width.saturating_sub(4) as usize).len() as u16).clamp(1, 3)
    })
}

/// A pane's border and title, brighter when the pane has focus.
pub fn pane_block<'a>(theme: &theme::Theme, title: String, focused: bool) -> Block<'a> {
    Block::default()
        .borders(Borders::ALL)
        .border_style(if focused {
            theme.border_focus
        } else {
            theme.border
        })
        .title(ratatui::text::Span::styled(
            title,
            if focused { theme.title } else { theme.text },
        ))
}

/// Clears `rect` and draws a box titled `title` over it; returns the inside, less `margin`.
pub fn framed(
    theme: &theme::Theme,
    title: &str,
    rect: Rect,
    margin: ratatui::layout::Margin,
    buf: &mut Buffer,
) -> Rect {
    Clear.render(rect, buf);
    let block = Block::default()
        .borders(Borders::ALL)
        .border_style(theme.border_focus)
        .title(ratatui::text::Span::styled(
            format!(
                " {} ",
                text::truncate(title, rect.width.saturating_sub(4) as usize)
            ),
            theme.title,
        ));
    let inner = block.inner(rect).inner(margin);
    block.render(rect, buf);
    inner
}

/// A one-line text box after a `›` prompt, filling the row `row`.
pub fn input_line(
    theme: &theme::Theme,
    input: &ratatui_textarea::TextArea<'_>,
    row: Rect,
    buf: &mut Buffer,
) {
    let row = Rect {
        height: row.height.min(1),
        ..row
    };
    ratatui::text::Line::from(ratatui::text::Span::styled("› ", theme.key)).render(row, buf);
    input.render(
        Rect {
            x: row.x + 2,
            width: row.width.saturating_sub(2),
            ..row
        },
        buf,
    );
}

/// A rectangle of at most `width` × `height` in the middle of `area`.
pub fn centered(area: Rect, width: u16, height: u16) -> Rect {
    let w = width.min(area.width);
    let h = height.min(area.height);
    Rect {
        x: area.x + (area.width - w) / 2,
        y: area.y + (area.height - h) / 2,
        width: w,
        height: h,
    }
}
