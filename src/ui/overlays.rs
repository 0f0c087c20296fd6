//! Boxes drawn over the screen: the text editor, the filtered picker, and yes/no questions.

use ratatui::buffer::Buffer;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Paragraph, Widget, Wrap};

use crate::state::{Editor, Model, Picker, Row};

use super::centered;
use super::text::{fit, truncate, width};
use super::theme::Theme;

fn framed(theme: &Theme, title: &str, rect: Rect, buf: &mut Buffer) -> Rect {
    super::framed(theme, title, rect, ratatui::layout::Margin::new(1, 0), buf)
}

/// The text editor box, with its question above and, when asked, the leave-without-keeping
/// question below.
pub fn editor(model: &Model, editor: &Editor, area: Rect, buf: &mut Buffer) {
    let theme = &model.theme;
    let height = if editor.single_line { 7 } else { 18 };
    let rect = centered(area, 72, height);
    let inner = framed(theme, &editor.title, rect, buf);
    let [question, _, text, _, hint] = Layout::vertical([
        Constraint::Length(1),
        Constraint::Length(1),
        Constraint::Fill(1),
        Constraint::Length(if editor.single_line { 0 } else { 1 }),
        Constraint::Length(1),
    ])
    .areas(inner);
    Line::from(Span::styled(
        truncate(&editor.question, question.width as usize),
        theme.text,
    ))
    .render(question, buf);
    let text_area = if editor.single_line {
        Rect {
            height: 1.min(text.height),
            ..text
        }
    } else {
        text
    };
    (&editor.area).render(text_area, buf);
    let hint_line = if editor.asking_discard {
        Line::from(vec![
            Span::styled("Leave without keeping what you wrote? ", theme.problem),
            Span::styled("y", theme.key),
            Span::styled(" leave  ", theme.dim),
            Span::styled("n", theme.key),
            Span::styled(" keep writing", theme.dim),
        ])
    } else if editor.single_line {
        Line::from(vec![
            Span::styled("Enter", theme.key),
            Span::styled(" keep  ", theme.dim),
            Span::styled("Esc", theme.key),
            Span::styled(" cancel", theme.dim),
        ])
    } else {
        Line::from(vec![
            Span::styled("Ctrl-s", theme.key),
            Span::styled(" keep  ", theme.dim),
            Span::styled("Enter", theme.key),
            Span::styled(" new line  ", theme.dim),
            Span::styled("Esc", theme.key),
            Span::styled(" cancel", theme.dim),
        ])
    };
    hint_line.render(hint, buf);
}

/// The picker: a filter line and the matching rows, best first.
pub fn picker(model: &Model, picker: &Picker, area: Rect, buf: &mut Buffer) {
    let theme = &model.theme;
    let rows_wanted = picker.rows.len().max(1) as u16 + 4;
    let rect = centered(area, 60, rows_wanted.max(8).min(area.height));
    let inner = framed(theme, &picker.title, rect, buf);
    let [query, _, list] = Layout::vertical([
        Constraint::Length(1),
        Constraint::Length(1),
        Constraint::Fill(1),
    ])
    .areas(inner);
    super::input_line(theme, &picker.query, query, buf);
    let height = list.height as usize;
    if picker.rows.is_empty() {
        Line::from(Span::styled("Nothing matches.", theme.dim)).render(list, buf);
        return;
    }
    let offset = if picker.cursor >= height {
        picker.cursor + 1 - height
    } else {
        0
    };
    let cells = list.width as usize;
    for (y, (i, row)) in picker
        .rows
        .iter()
        .enumerate()
        .skip(offset)
        .take(height)
        .enumerate()
    {
        let selected = i == picker.cursor;
        let (label, group) = match row {
            Row::Choice(c) => (
                picker.choices[*c].label.clone(),
                picker.choices[*c].group.clone(),
            ),
            Row::Own(word) => (format!("+ “{word}”"), "your own word".to_string()),
        };
        let group_w = width(&group).min(cells / 2);
        let label_w = cells.saturating_sub(group_w + 3);
        let style = if selected { theme.selected } else { theme.text };
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
            Span::styled(fit(&label, label_w), style),
            Span::raw(" "),
            Span::styled(fit(&group, group_w), theme.dim.patch(style)),
        ])
        .render(rect, buf);
    }
}

/// A yes/no question.
pub fn confirm(theme: &Theme, question: &str, detail: &str, area: Rect, buf: &mut Buffer) {
    let rect = centered(area, 60, 7);
    let inner = framed(theme, "Are you sure?", rect, buf);
    let lines = vec![
        Line::from(Span::styled(question.to_string(), theme.title)),
        Line::from(Span::styled(detail.to_string(), theme.dim)),
        Line::default(),
        Line::from(vec![
            Span::styled("y", theme.key),
            Span::styled(" yes  ", theme.dim),
            Span::styled("n", theme.key),
            Span::styled(" no", theme.dim),
        ]),
    ];
    Paragraph::new(lines)
        .wrap(Wrap { trim: true })
        .render(inner, buf);
}

/// Words found from when tend closed unexpectedly, and the question whether to keep them.
pub fn draft(theme: &Theme, text: &str, area: Rect, buf: &mut Buffer) {
    let shown = super::text::wrap(text, 64).len().min(8) as u16;
    let rect = centered(area, 70, shown + 7);
    let inner = framed(theme, "Words you were writing", rect, buf);
    let mut lines = vec![
        Line::from(Span::styled(
            "You were writing this when tend closed. Keep it?",
            theme.title,
        )),
        Line::default(),
    ];
    let room = inner.height.saturating_sub(5) as usize;
    let wrapped = super::text::wrap(text, inner.width.saturating_sub(2) as usize);
    let more = wrapped.len() > room;
    for line in wrapped.into_iter().take(room) {
        lines.push(Line::from(Span::styled(format!("  {line}"), theme.text)));
    }
    if more {
        lines.push(Line::from(Span::styled("  …", theme.dim)));
    }
    lines.push(Line::default());
    lines.push(Line::from(vec![
        Span::styled("y", theme.key),
        Span::styled(" keep it, where it was being written  ", theme.dim),
        Span::styled("n", theme.key),
        Span::styled(" let it go", theme.dim),
    ]));
    Paragraph::new(lines).render(inner, buf);
}
