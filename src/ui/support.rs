//! Support (grounding steps and the person's own contacts) and the self-compassion break.

use ratatui::buffer::Buffer;
use ratatui::layout::{Margin, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Paragraph, Widget, Wrap};

use crate::state::{BreakState, Model, SupportState};

use super::centered;
use super::theme::Theme;

fn boxed(theme: &Theme, title: &str, rect: Rect, buf: &mut Buffer) -> Rect {
    super::framed(theme, title, rect, Margin::new(2, 1), buf)
}

/// Grounding steps, then the contacts the person entered (or why there are none).
pub fn render(model: &Model, state: &SupportState, area: Rect, buf: &mut Buffer) {
    let theme = &model.theme;
    let g = &model.assets.grounding;
    let rect = if area.width < 90 {
        area
    } else {
        centered(area, 80, area.height)
    };
    let inner = boxed(theme, "Support", rect, buf);
    let mut lines = vec![
        Line::from(Span::styled(g.intro.clone(), theme.text)),
        Line::default(),
    ];
    for (i, step) in g.steps.iter().enumerate() {
        lines.push(Line::from(vec![
            Span::styled(format!("{}. ", i + 1), theme.key),
            Span::styled(step.clone(), theme.text),
        ]));
    }
    lines.push(Line::default());
    lines.push(Line::from(Span::styled("People to reach", theme.heading)));
    if model.config.contacts.is_empty() {
        lines.push(Line::from(Span::styled(g.no_contacts.clone(), theme.dim)));
    }
    for (i, c) in model.config.contacts.iter().enumerate() {
        let selected = i == state.cursor && state.adding.is_none();
        let style = if selected { theme.selected } else { theme.text };
        let mut spans = vec![
            Span::styled(if selected { "› " } else { "  " }, theme.key),
            Span::styled(c.name.clone(), style),
        ];
        if !c.how.is_empty() {
            spans.push(Span::styled(format!("  {}", c.how), theme.text));
        }
        lines.push(Line::from(spans));
    }
    if let Some(adding) = &state.adding {
        lines.push(Line::default());
        let prompt = match &adding.name {
            None => "Who would you like to be able to reach?".to_string(),
            Some(name) => format!("How can you reach {name}?"),
        };
        lines.push(Line::from(Span::styled(prompt, theme.title)));
    } else if state.confirm_delete
        && let Some(c) = model.config.contacts.get(state.cursor)
    {
        lines.push(Line::default());
        lines.push(Line::from(vec![
            Span::styled(format!("Remove {} from your list? ", c.name), theme.problem),
            Span::styled("y", theme.key),
            Span::styled(" yes  ", theme.dim),
            Span::styled("n", theme.key),
            Span::styled(" no", theme.dim),
        ]));
    }
    let text_rows = inner
        .height
        .saturating_sub(if state.adding.is_some() { 3 } else { 2 });
    Paragraph::new(lines).wrap(Wrap { trim: false }).render(
        Rect {
            height: text_rows,
            ..inner
        },
        buf,
    );
    if let Some(adding) = &state.adding {
        let y = inner.y + text_rows;
        if y < inner.y + inner.height {
            super::input_line(theme, &adding.input, Rect { y, ..inner }, buf);
        }
    }
    let last = inner.y + inner.height.saturating_sub(1);
    if inner.height > 1 {
        Line::from(Span::styled(g.not_therapy.clone(), theme.dim)).render(
            Rect {
                y: last,
                height: 1,
                ..inner
            },
            buf,
        );
    }
}

/// The self-compassion break, one step at a time, each with room for a line.
pub fn compassion(model: &Model, state: &BreakState, area: Rect, buf: &mut Buffer) {
    let theme = &model.theme;
    let text = &model.assets.compassion;
    let rect = centered(area, 72, 16);
    let total = text.steps.len();
    let title = if state.step < total {
        format!("A self-compassion break · {} of {total}", state.step + 1)
    } else {
        "A self-compassion break".to_string()
    };
    let inner = boxed(theme, &title, rect, buf);
    let mut lines = Vec::new();
    match text.steps.get(state.step) {
        Some(step) => {
            if state.step == 0 {
                lines.push(Line::from(Span::styled(text.intro.clone(), theme.dim)));
                lines.push(Line::default());
            }
            lines.push(Line::from(Span::styled(step.title.clone(), theme.heading)));
            lines.push(Line::from(Span::styled(step.text.clone(), theme.text)));
            lines.push(Line::default());
            lines.push(Line::from(Span::styled(step.prompt.clone(), theme.title)));
        }
        None => {
            for line in state.lines.iter().filter(|l| !l.is_empty()) {
                lines.push(Line::from(Span::styled(format!("“{line}”"), theme.text)));
            }
            lines.push(Line::default());
            lines.push(Line::from(Span::styled(text.outro.clone(), theme.title)));
            lines.push(Line::default());
            lines.push(Line::from(vec![
                Span::styled("Enter", theme.key),
                Span::styled(" closes", theme.dim),
            ]));
        }
    }
    let box_rows = if state.step < total { 2 } else { 0 };
    Paragraph::new(lines).wrap(Wrap { trim: true }).render(
        Rect {
            height: inner.height.saturating_sub(box_rows),
            ..inner
        },
        buf,
    );
    if state.step < total && inner.height >= 2 {
        let y = inner.y + inner.height - 1;
        super::input_line(theme, &state.input, Rect { y, ..inner }, buf);
    }
}
