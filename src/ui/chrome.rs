//! The header (map title, save state, the help and support keys) and the footer (the keys
//! that matter here, or a short notice).

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::Widget;

use crate::keymap::{Context, Key};
use crate::msg::Action;
use crate::state::{Model, Pane, PartRow, Source};
use crate::store::SaveState;

use super::text::{truncate, width};

/// The top line: " tend · meadow" on the left, save state and two keys on the right.
pub fn header(model: &Model, area: Rect, buf: &mut Buffer) {
    let theme = &model.theme;
    let (state, style) = match (&model.source, &model.save) {
        _ if model.read_only.is_some() => ("read-only".to_string(), theme.problem),
        _ if !model.saves() && model.source != Source::Demo => {
            ("nothing changed".to_string(), theme.dim)
        }
        (Source::Demo, _) => ("demo · not saved".to_string(), theme.dim),
        (_, SaveState::Saved) => ("saved ✓".to_string(), theme.ok),
        (_, SaveState::Pending) => ("saving…".to_string(), theme.dim),
        (_, SaveState::Failed(why)) => {
            (format!("✗ not saved: {why} · trying again"), theme.problem)
        }
    };
    // Pieces on the right as (priority, spans): on narrow screens the least important give
    // way, so the title keeps room to be read. They are shown in the order listed here.
    let mut pieces: Vec<(u8, Vec<Span>)> = Vec::new();
    let reversed = theme.title.add_modifier(ratatui::style::Modifier::REVERSED);
    if model.presenting {
        pieces.push((0, vec![Span::styled(" ◉ PRESENTING ", reversed)]));
    }
    if model.veiled {
        pieces.push((0, vec![Span::styled(" ◌ VEILED · v shows ", reversed)]));
    }
    if let Some(progress) = model
        .witness()
        .and_then(|w| super::witness::progress(model, w))
    {
        pieces.push((2, vec![Span::styled(progress, theme.heading)]));
    }
    pieces.push((3, vec![Span::styled(state, style)]));
    let support_key = match model.context() {
        Context::Witness | Context::Writing | Context::Line | Context::Picker | Context::Break => {
            Key::parse("ctrl-g").ok()
        }
        _ => model.keymap.key_for(Context::Parts, Action::Support),
    };
    let help_key = model.keymap.key_for(Context::Parts, Action::Help);
    if let Some(key) = help_key {
        pieces.push((
            4,
            vec![
                Span::styled(key.to_string(), theme.key),
                Span::styled(" help", theme.dim),
            ],
        ));
    }
    if let Some(key) = support_key {
        pieces.push((
            1,
            vec![
                Span::styled(key.to_string(), theme.key),
                Span::styled(" support", theme.dim),
            ],
        ));
    }
    let title = format!(" tend · {}", screen_title(model));
    let title_min = width(&title).min(24);
    let piece_w = |p: &Vec<Span>| p.iter().map(|s| width(&s.content)).sum::<usize>() + 3;
    let mut order: Vec<usize> = (0..pieces.len()).collect();
    order.sort_by_key(|&i| pieces[i].0);
    let mut keep = vec![false; pieces.len()];
    let mut used = 1;
    for i in order {
        let w = piece_w(&pieces[i].1);
        if title_min + used + w <= area.width as usize {
            used += w;
            keep[i] = true;
        }
    }
    let mut right: Vec<Span> = Vec::new();
    for (i, (_, spans)) in pieces.into_iter().enumerate() {
        if !keep[i] {
            continue;
        }
        if !right.is_empty() {
            right.push(Span::raw("   "));
        }
        right.extend(spans);
    }
    let right_w: usize = right.iter().map(|s| width(&s.content)).sum::<usize>() + 1;
    let left_room = (area.width as usize).saturating_sub(right_w + 1);
    let title = truncate(&title, left_room);
    Line::from(Span::styled(title, theme.title)).render(area, buf);
    if right_w < area.width as usize {
        let x = area.x + area.width - right_w as u16;
        Line::from(right).render(
            Rect {
                x,
                width: right_w as u16,
                ..area
            },
            buf,
        );
    }
}

/// What the header calls the screen: the map's title, or who a dialogue is with.
fn screen_title(model: &Model) -> String {
    match &model.screen {
        crate::state::Screen::Witness(w) => match w.part.and_then(|p| model.map.part(p)) {
            Some(part) => format!("with {}", part.name),
            None => "something is up".into(),
        },
        crate::state::Screen::Reading { session, .. } => {
            let part = model
                .map
                .session(*session)
                .and_then(|s| s.part)
                .and_then(|p| model.map.part(p))
                .map_or("a dialogue".to_string(), |p| format!("with {}", p.name));
            format!("{} · {part}", model.title())
        }
        _ => model.title(),
    }
}

/// The bottom line: the notice if there is one, else the keys that apply right now.
pub fn footer(model: &Model, area: Rect, buf: &mut Buffer) {
    let theme = &model.theme;
    if let Some(notice) = &model.notice {
        let (glyph, style) = if notice.problem {
            (" ✗ ", theme.problem)
        } else {
            ("   ", theme.text)
        };
        let lines = super::text::wrap(&notice.text, (area.width as usize).saturating_sub(4));
        let rows = area.height as usize;
        for (i, line) in lines.iter().take(rows).enumerate() {
            let text = if i + 1 == rows && lines.len() > rows {
                truncate(&format!("{line} …"), area.width as usize - 3)
            } else {
                line.clone()
            };
            Line::from(vec![
                Span::styled(if i == 0 { glyph } else { "   " }, style),
                Span::styled(text, style),
            ])
            .render(
                Rect {
                    y: area.y + i as u16,
                    height: 1,
                    ..area
                },
                buf,
            );
        }
        return;
    }
    let context = model.context();
    let items: Vec<(Key, &str)> = model
        .keymap
        .footer(context)
        .into_iter()
        .filter(|(action, _, _)| applies(model, context, *action))
        .map(|(action, key, label)| {
            let label = if context == Context::Parts {
                relabel(model, action, label)
            } else {
                label
            };
            (key, label)
        })
        .collect();
    let mut spans = vec![Span::raw(" ")];
    let mut used = 1;
    let max = area.width as usize;
    // Keep the last two (help and quit, usually) whatever the width.
    let keep_tail = items.len().min(2);
    let tail_w: usize = items[items.len() - keep_tail..]
        .iter()
        .map(|(k, l)| width(&k.to_string()) + 1 + width(l) + 2)
        .sum();
    for (i, (key, label)) in items.iter().enumerate() {
        let k = key.to_string();
        let w = width(&k) + 1 + width(label) + 2;
        let in_tail = i >= items.len() - keep_tail;
        if !in_tail && used + w + tail_w > max {
            continue;
        }
        if used + w > max + 2 {
            break;
        }
        spans.push(Span::styled(k, theme.key));
        spans.push(Span::styled(format!(" {label}  "), theme.dim));
        used += w;
    }
    Line::from(spans).render(area, buf);
}

/// Whether a footer key does anything where the person is now.
fn applies(model: &Model, context: Context, action: Action) -> bool {
    if context == Context::Reading && action == Action::Resume {
        return match &model.screen {
            crate::state::Screen::Reading { session, .. } => {
                model.map.session(*session).is_some_and(|s| !s.finished)
            }
            _ => false,
        };
    }
    if context != Context::Parts {
        return true;
    }
    let has_part = model.selected_part().is_some();
    let row = model.current_part_row();
    let on_part = model.focus == Pane::Part;
    match action {
        Action::Edit | Action::Delete | Action::AddFeeling | Action::AddNeed | Action::Witness => {
            has_part
        }
        Action::Increase => on_part && matches!(row, Some(PartRow::Feeling(_))),
        Action::Toggle => on_part && matches!(row, Some(PartRow::Need(_) | PartRow::Burden(_))),
        Action::Undo => model.history.can_undo(),
        _ => true,
    }
}

/// A clearer word for a key where the person is now ("rename" on the list).
fn relabel(model: &Model, action: Action, label: &'static str) -> &'static str {
    let row = model.current_part_row();
    match (action, model.focus, row) {
        (Action::Edit, Pane::List, _) => "rename",
        (Action::Edit, Pane::Notes, _) if model.selected_session().is_some() => "read",
        (Action::Increase, _, _) => "stronger  - softer",
        (Action::Toggle, _, Some(PartRow::Need(_))) => "met / unmet",
        (Action::Toggle, _, Some(PartRow::Burden(_))) => "personal / legacy",
        _ => label,
    }
}
