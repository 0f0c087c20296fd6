//! The Parts screen: the list of parts, every field of the selected one, and its notes.
//! Narrow terminals show fewer panes at once; the one with focus is always shown.

use ratatui::buffer::Buffer;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Paragraph, Widget, Wrap};

use crate::model::{BurdenOrigin, Feeling, Map, Part, TextField};
use crate::state::{Model, Pane, PartRow, part_rows};

use super::pane_block;
use super::text::{fit, truncate, width, wrap};
use super::theme::Theme;

/// Width of the label column in the Part pane.
const LABEL: usize = 11;

/// Draws the Parts screen into `area`.
pub fn render(model: &Model, area: Rect, buf: &mut Buffer) {
    let w = area.width;
    if model.map.parts.is_empty() {
        let [list, rest] = if w >= 60 {
            Layout::horizontal([Constraint::Length(24), Constraint::Fill(1)]).areas(area)
        } else {
            [Rect::default(), area]
        };
        if list.width > 0 {
            list_pane(model, list, buf);
        }
        welcome(model, rest, buf);
        return;
    }
    if w >= 96 {
        let [list, part, notes] = Layout::horizontal([
            Constraint::Length(26),
            Constraint::Fill(3),
            Constraint::Fill(2),
        ])
        .areas(area);
        list_pane(model, list, buf);
        part_pane(model, part, buf);
        notes_pane(model, notes, buf);
    } else if w >= 64 {
        let [list, rest] =
            Layout::horizontal([Constraint::Length(24), Constraint::Fill(1)]).areas(area);
        list_pane(model, list, buf);
        if model.focus == Pane::Notes {
            notes_pane(model, rest, buf);
        } else {
            part_pane(model, rest, buf);
        }
    } else {
        match model.focus {
            Pane::List => list_pane(model, area, buf),
            Pane::Part => part_pane(model, area, buf),
            Pane::Notes => notes_pane(model, area, buf),
        }
    }
}

/// The first line to show so that lines `start..end` are visible in `height` lines.
fn scroll_for(start: usize, end: usize, height: usize) -> usize {
    if end <= height {
        0
    } else if end - start > height {
        start
    } else {
        end - height
    }
}

/// The first line of a row and the line after its last, in a pane's lines.
fn span_of(lines: &[PaneLine<'_>], row: usize) -> (usize, usize) {
    let start = lines.iter().position(|(r, _)| *r == Some(row)).unwrap_or(0);
    let end = lines
        .iter()
        .rposition(|(r, _)| *r == Some(row))
        .map_or(start + 1, |e| e + 1);
    (start, end)
}

fn list_pane(model: &Model, area: Rect, buf: &mut Buffer) {
    let theme = &model.theme;
    let focused = model.focus == Pane::List;
    let title = if model.map.parts.is_empty() {
        " Parts ".to_string()
    } else {
        format!(" Parts · {} ", model.map.parts.len())
    };
    let block = pane_block(theme, title, focused);
    let inner = block.inner(area);
    block.render(area, buf);
    let height = inner.height as usize;
    let offset = scroll_for(model.selected, model.selected + 1, height);
    for (row, (i, part)) in model
        .map
        .parts
        .iter()
        .enumerate()
        .skip(offset)
        .take(height)
        .enumerate()
    {
        let selected = i == model.selected;
        let line = list_line(theme, part, selected, focused, inner.width as usize);
        line.render(
            Rect {
                y: inner.y + row as u16,
                height: 1,
                ..inner
            },
            buf,
        );
    }
}

fn list_line<'a>(
    theme: &Theme,
    part: &'a Part,
    selected: bool,
    focused: bool,
    cells: usize,
) -> Line<'a> {
    let marker = if selected { "›" } else { " " };
    let name = fit(&part.name, cells.saturating_sub(4));
    let row_style = match (selected, focused) {
        (true, true) => theme.selected,
        (true, false) => theme.selected_idle,
        _ => Style::new(),
    };
    Line::from(vec![
        Span::styled(marker, theme.key),
        Span::styled(part.role.glyph(), theme.role(part.role)),
        Span::raw(" "),
        Span::styled(name, theme.text.patch(row_style)),
    ])
}

/// One line of the Part pane, and the row it belongs to (None for headings and gaps).
type PaneLine<'a> = (Option<usize>, Line<'a>);

fn part_pane(model: &Model, area: Rect, buf: &mut Buffer) {
    let theme = &model.theme;
    let focused = model.focus == Pane::Part;
    let Some(part) = model.selected_part() else {
        return;
    };
    let block = pane_block(theme, format!(" {} ", truncate(&part.name, 40)), focused);
    let inner = block.inner(area);
    block.render(area, buf);
    let cells = inner.width as usize;
    let lines = part_lines(&model.map, part, theme, cells, focused);
    let selected = model.part_row;
    let height = inner.height as usize;
    let (start, end) = span_of(&lines, selected);
    // Show the section heading above the selection when there is room.
    let offset = scroll_for(start.saturating_sub(2), end, height).min(start);
    for (y, (row, line)) in lines.into_iter().skip(offset).take(height).enumerate() {
        let rect = Rect {
            y: inner.y + y as u16,
            height: 1,
            ..inner
        };
        let rest = Rect {
            x: rect.x + 1,
            width: rect.width.saturating_sub(1),
            ..rect
        };
        if focused && row == Some(selected) {
            buf.set_style(rest, theme.selected);
            Line::from(Span::styled("›", theme.key)).render(rect, buf);
            line.patch_style(theme.selected).render(rest, buf);
        } else {
            line.render(rest, buf);
        }
    }
}

/// Every line of the Part pane for `part`, each tagged with its row. Without focus, empty
/// fields and the "+ add" rows are left out, so the pane reads at a glance.
fn part_lines<'a>(
    map: &'a Map,
    part: &'a Part,
    theme: &Theme,
    cells: usize,
    focused: bool,
) -> Vec<PaneLine<'a>> {
    let cells = cells.saturating_sub(1);
    let value_w = cells.saturating_sub(LABEL).max(4);
    let mut out: Vec<PaneLine<'a>> = Vec::new();
    let rows = part_rows(map, part);
    let heading = |out: &mut Vec<PaneLine<'a>>, text: &'static str| {
        out.push((None, Line::default()));
        out.push((None, Line::from(Span::styled(text, theme.heading))));
    };
    let mut deeper_gap = true;
    for (index, row) in rows.iter().enumerate() {
        let tag = Some(index);
        let deeper = matches!(
            *row,
            PartRow::Burden(_)
                | PartRow::Field(
                    TextField::Job
                        | TextField::PositiveIntent
                        | TextField::Fears
                        | TextField::Burdens
                        | TextField::Triggers
                )
        );
        let shown = focused || !matches!(*row, PartRow::Field(f) if part.text(f).trim().is_empty());
        if deeper && shown && deeper_gap {
            out.push((None, Line::default()));
            deeper_gap = false;
        }
        match *row {
            PartRow::Name => out.push((tag, labelled(theme, "name", &part.name, theme.title))),
            PartRow::Role => out.push((
                tag,
                Line::from(vec![
                    Span::styled(fit("role", LABEL), theme.label),
                    Span::styled(part.role.glyph(), theme.role(part.role)),
                    Span::raw(" "),
                    Span::styled(part.role.word(), theme.text),
                ]),
            )),
            PartRow::Status => out.push((
                tag,
                labelled(theme, "status", part.status.word(), theme.text),
            )),
            PartRow::Field(field) => {
                let text = part.text(field);
                if !focused && text.trim().is_empty() {
                    continue;
                }
                let private = part.is_private(field);
                field_lines(&mut out, tag, theme, field.label(), &text, private, value_w);
            }
            PartRow::Burden(i) => {
                let Some(burden) = part.burdens.get(i) else {
                    continue;
                };
                let label = if i == 0 {
                    TextField::Burdens.label()
                } else {
                    ""
                };
                let mut text = burden.text.clone();
                if burden.origin != BurdenOrigin::Unsure {
                    text = format!("{text} · {}", burden.origin.word());
                }
                let private = i == 0 && part.is_private(TextField::Burdens);
                field_lines(&mut out, tag, theme, label, &text, private, value_w);
            }
            PartRow::Feeling(i) => {
                if i == 0 {
                    heading(&mut out, "Feelings");
                }
                if let Some(f) = part.feelings.get(i) {
                    out.push((tag, feeling_line(theme, f, cells)));
                }
            }
            PartRow::AddFeeling if !focused => {}
            PartRow::AddFeeling => {
                if part.feelings.is_empty() {
                    heading(&mut out, "Feelings");
                }
                out.push((tag, add_line(theme, "+ add a feeling", "f")));
            }
            PartRow::Need(i) => {
                if i == 0 {
                    heading(&mut out, "Needs");
                }
                if let Some(n) = part.needs.get(i) {
                    let (glyph, word) = if n.met {
                        ("●", "met")
                    } else {
                        ("○", "unmet")
                    };
                    let name_w = cells.saturating_sub(10).clamp(4, 16);
                    out.push((
                        tag,
                        Line::from(vec![
                            Span::styled(fit(&n.word, name_w), theme.text),
                            Span::raw(" "),
                            Span::styled(glyph, theme.bar),
                            Span::styled(format!(" {word}"), theme.dim),
                        ]),
                    ));
                }
            }
            PartRow::AddNeed if !focused => {}
            PartRow::AddNeed => {
                if part.needs.is_empty() {
                    heading(&mut out, "Needs");
                }
                out.push((tag, add_line(theme, "+ add a need", "n")));
            }
            PartRow::Body(i) => {
                if i == 0 {
                    heading(&mut out, "Body");
                }
                if let Some(s) = part.body.get(i) {
                    let mut text = format!("{} · {}", s.region.word(), s.side.word());
                    if !s.sensation.is_empty() {
                        text = format!("{text} · {}", s.sensation);
                    }
                    for line in wrap(&text, cells) {
                        out.push((tag, Line::from(Span::styled(line, theme.text))));
                    }
                }
            }
            PartRow::AddBody if !focused => {}
            PartRow::AddBody => {
                if part.body.is_empty() {
                    heading(&mut out, "Body");
                }
                out.push((tag, add_line(theme, "+ add a place in the body", "Enter")));
            }
            PartRow::Relation(i) => {
                if !matches!(rows.get(index.wrapping_sub(1)), Some(PartRow::Relation(_))) {
                    heading(&mut out, "Relations");
                }
                if let Some(r) = map.relations.get(i) {
                    let (phrase, other) = if r.from == part.id {
                        (r.kind.phrase(), r.to)
                    } else {
                        (r.kind.reverse_phrase(), r.from)
                    };
                    let other = map.part(other);
                    let mut spans = vec![Span::styled(format!("{phrase} "), theme.label)];
                    if let Some(o) = other {
                        spans.push(Span::styled(o.role.glyph(), theme.role(o.role)));
                        spans.push(Span::raw(" "));
                        spans.push(Span::styled(
                            truncate(&o.name, cells.saturating_sub(width(phrase) + 3)),
                            theme.text,
                        ));
                    }
                    out.push((tag, Line::from(spans)));
                }
            }
        }
    }
    out
}

fn labelled<'a>(theme: &Theme, label: &str, value: &str, style: Style) -> Line<'a> {
    Line::from(vec![
        Span::styled(fit(label, LABEL), theme.label),
        Span::styled(value.to_string(), style),
    ])
}

fn field_lines<'a>(
    out: &mut Vec<PaneLine<'a>>,
    tag: Option<usize>,
    theme: &Theme,
    label: &str,
    text: &str,
    private: bool,
    value_w: usize,
) {
    let tag_w = if private { 9 } else { 0 };
    if text.trim().is_empty() {
        let mut spans = vec![
            Span::styled(fit(label, LABEL), theme.label),
            Span::styled("—", theme.dim),
        ];
        if private {
            spans.push(Span::styled("  private", theme.private));
        }
        out.push((tag, Line::from(spans)));
        return;
    }
    for (i, line) in wrap(text, value_w.saturating_sub(tag_w).max(4))
        .into_iter()
        .enumerate()
    {
        let mut spans = vec![
            Span::styled(fit(if i == 0 { label } else { "" }, LABEL), theme.label),
            Span::styled(line, theme.text),
        ];
        if i == 0 && private {
            spans.push(Span::styled("  private", theme.private));
        }
        out.push((tag, Line::from(spans)));
    }
}

fn feeling_line<'a>(theme: &Theme, feeling: &Feeling, cells: usize) -> Line<'a> {
    let level = feeling.intensity.min(Feeling::MAX) as usize;
    let name_w = cells.saturating_sub(15).clamp(4, 16);
    Line::from(vec![
        Span::styled(fit(&feeling.word, name_w), theme.text),
        Span::raw(" "),
        Span::styled("▮".repeat(level), theme.bar),
        Span::styled("▯".repeat(Feeling::MAX as usize - level), theme.dim),
        Span::styled(format!(" {level:>2}"), theme.dim),
    ])
}

fn add_line<'a>(theme: &Theme, text: &'static str, key: &'static str) -> Line<'a> {
    Line::from(vec![
        Span::styled(text, theme.dim),
        Span::raw("  "),
        Span::styled(key, theme.key),
    ])
}

fn notes_pane(model: &Model, area: Rect, buf: &mut Buffer) {
    let theme = &model.theme;
    let focused = model.focus == Pane::Notes;
    let Some(part) = model.selected_part() else {
        return;
    };
    let sessions = model.listed_sessions();
    let title = if sessions.is_empty() {
        " Notes ".to_string()
    } else {
        format!(" Dialogues · {} · Notes ", sessions.len())
    };
    let block = pane_block(theme, title, focused);
    let inner = block.inner(area).inner(ratatui::layout::Margin::new(1, 0));
    block.render(area, buf);
    let cells = inner.width as usize;
    let mut lines: Vec<PaneLine> = Vec::new();
    for (i, s) in sessions.iter().enumerate() {
        let turns = s.turns().count();
        let mut head = format!(
            "{} · {}",
            super::transcript::day(model, s.started),
            if turns == 1 {
                "1 turn".to_string()
            } else {
                format!("{turns} turns")
            }
        );
        if !s.finished {
            head.push_str(" · unfinished");
        }
        lines.push((
            Some(i),
            Line::from(Span::styled(truncate(&head, cells), theme.text)),
        ));
        let first = super::text::first_line(s.first_line());
        if !first.is_empty() {
            lines.push((
                Some(i),
                Line::from(Span::styled(
                    truncate(&format!("  {first}"), cells),
                    theme.dim,
                )),
            ));
        }
    }
    let notes_row = sessions.len();
    if !sessions.is_empty() {
        lines.push((None, Line::default()));
    }
    let private = part.is_private(TextField::Notes);
    let mut heading = vec![Span::styled("Notes", theme.heading)];
    if private {
        heading.push(Span::styled("  private", theme.private));
    }
    lines.push((Some(notes_row), Line::from(heading)));
    if part.notes.trim().is_empty() {
        let empty = if focused {
            "Nothing written yet. Press e to write."
        } else {
            "Nothing written yet."
        };
        for line in wrap(empty, cells) {
            lines.push((Some(notes_row), Line::from(Span::styled(line, theme.dim))));
        }
    } else {
        for line in wrap(&super::text::capped(&part.notes, 20_000), cells) {
            lines.push((Some(notes_row), Line::from(Span::styled(line, theme.text))));
        }
    }
    let selected = model.notes_row;
    let (start, end) = span_of(&lines, selected);
    let height = inner.height as usize;
    let offset = scroll_for(start, end, height);
    for (y, (row, line)) in lines.into_iter().skip(offset).take(height).enumerate() {
        let rect = Rect {
            y: inner.y + y as u16,
            height: 1,
            ..inner
        };
        // Only the first line of a long note is highlighted: the rest reads as text.
        if focused && row == Some(selected) && (selected != notes_row || y + offset == start) {
            buf.set_style(rect, theme.selected);
            line.patch_style(theme.selected).render(rect, buf);
        } else {
            line.render(rect, buf);
        }
    }
}

fn welcome(model: &Model, area: Rect, buf: &mut Buffer) {
    let theme = &model.theme;
    let block = pane_block(theme, " Welcome ".into(), false);
    let inner = block.inner(area).inner(ratatui::layout::Margin::new(2, 1));
    block.render(area, buf);
    let add = model
        .keymap
        .key_for(crate::keymap::Context::Parts, crate::msg::Action::AddPart)
        .map_or("a".to_string(), |k| k.to_string());
    let support = model
        .keymap
        .key_for(crate::keymap::Context::Parts, crate::msg::Action::Support)
        .map_or("!".to_string(), |k| k.to_string());
    let lines = vec![
        Line::from(Span::styled("No parts here yet.", theme.title)),
        Line::default(),
        Line::from(vec![
            Span::styled(
                "A part can be a voice, a mood, a habit, a memory that still feels young. Press ",
                theme.text,
            ),
            Span::styled(add, theme.key),
            Span::styled(" to name the first one.", theme.text),
        ]),
        Line::default(),
        Line::from(vec![
            Span::styled(
                format!(
                    "{} If things get heavy, ",
                    model.assets.grounding.not_therapy
                ),
                theme.dim,
            ),
            Span::styled(support, theme.key),
            Span::styled(
                " shows grounding steps and the people you have chosen to call.",
                theme.dim,
            ),
        ]),
    ];
    Paragraph::new(lines)
        .wrap(Wrap { trim: true })
        .render(inner, buf);
}
