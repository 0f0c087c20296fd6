//! The help overlay, generated from the keymap so it can never disagree with the keys.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Clear, Paragraph, Widget};

use crate::keymap::Keymap;
use crate::state::Model;

use super::text::fit;

use super::theme::Theme;

/// The help text: one section per context, each key with what it does.
pub fn lines<'a>(keymap: &Keymap, theme: &Theme) -> Vec<Line<'a>> {
    let mut out = Vec::new();
    for ctx in &keymap.contexts {
        if !out.is_empty() {
            out.push(Line::default());
        }
        out.push(Line::from(Span::styled(ctx.context.title(), theme.heading)));
        for binding in &ctx.bindings {
            if binding.keys.is_empty() {
                continue;
            }
            let keys = binding
                .keys
                .iter()
                .map(|k| k.to_string())
                .collect::<Vec<_>>()
                .join(", ");
            out.push(Line::from(vec![
                Span::styled(fit(&format!("  {keys}"), 18), theme.key),
                Span::styled(binding.action.describe(ctx.context), theme.text),
            ]));
        }
    }
    out
}

/// Draws the help over `area`, scrolled by `scroll` lines.
pub fn render(model: &Model, scroll: u16, area: Rect, buf: &mut Buffer) {
    let theme = &model.theme;
    let rect = super::centered(area, 92, area.height);
    Clear.render(rect, buf);
    let block = Block::default()
        .borders(Borders::ALL)
        .border_style(theme.border_focus)
        .title(Span::styled(" Help · Esc closes ", theme.title));
    let inner = block.inner(rect).inner(ratatui::layout::Margin::new(1, 0));
    block.render(rect, buf);
    let text = lines(&model.keymap, theme);
    let max_scroll = (text.len() as u16).saturating_sub(inner.height);
    Paragraph::new(text)
        .scroll((scroll.min(max_scroll), 0))
        .render(inner, buf);
}
