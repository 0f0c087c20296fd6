//! The Witness screen: the dialogue so far, the question with the answer box (or the body
//! map, or the gentle note when another part seems present), and beside it what is known
//! of the part. Also the read-only view of a past dialogue.

use ratatui::buffer::Buffer;
use ratatui::layout::{Constraint, Layout, Margin, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Paragraph, Widget, Wrap};

use crate::dialogue::{Asking, Step};
use crate::model::{CommitmentState, Part, SessionId, Speaker};
use crate::state::{Intro, Mode, Model, Witness};

use super::text::{truncate, wrap};
use super::theme::Theme;
use super::{body, pane_block, transcript};

/// "5 of 10 · feel toward", for the header.
pub fn progress(model: &Model, w: &Witness) -> Option<String> {
    match w.flow.asking() {
        Asking::Step(step) => Some(format!(
            "{} of {} · {}",
            step.index() + 1,
            Step::ALL.len(),
            label(model, step)
        )),
        Asking::Enquiry(_) => Some("an enquiry".into()),
        Asking::Free => Some("free dialogue".into()),
    }
}

fn label(model: &Model, step: Step) -> String {
    model
        .assets
        .dialogue
        .steps
        .iter()
        .find(|s| s.step == step)
        .map_or_else(|| step.label().to_string(), |s| s.label.clone())
}

/// Draws the Witness screen.
pub fn render(model: &Model, w: &Witness, area: Rect, buf: &mut Buffer) {
    let theme = &model.theme;
    let part = w.part.and_then(|p| model.map.part(p));
    let [main, side] = if area.width >= 90 {
        Layout::horizontal([Constraint::Fill(1), Constraint::Length(30)]).areas(area)
    } else {
        [area, Rect::default()]
    };
    if side.width > 0 {
        side_panel(model, part, side, buf);
    }
    if let Mode::Intro(intro) = &w.mode {
        intro_view(model, part, intro, main, buf);
        return;
    }
    let lower_h = match w.mode {
        Mode::Body(_) => body::height() + 4,
        Mode::Concern | Mode::Leaving => 8,
        _ => {
            let rows = w.answer.lines().len() as u16;
            7 + rows.clamp(1, 6) + 2
        }
    }
    .min(main.height.saturating_sub(3).max(main.height / 2));
    let [top, lower] =
        Layout::vertical([Constraint::Fill(1), Constraint::Length(lower_h)]).areas(main);
    dialogue_pane(model, w, top, buf);
    let lower_block = pane_block(theme, String::new(), true);
    let inner = lower_block.inner(lower).inner(Margin::new(1, 0));
    lower_block.render(lower, buf);
    match &w.mode {
        Mode::Writing => writing(model, w, inner, buf),
        Mode::Body(cursor) => {
            let q = w.question(&model.map, &model.assets);
            let [question, figure] =
                Layout::vertical([Constraint::Length(2), Constraint::Fill(1)]).areas(inner);
            Paragraph::new(Line::from(Span::styled(q, theme.title)))
                .wrap(Wrap { trim: true })
                .render(question, buf);
            body::render(&model.map, theme, w.part, *cursor, figure, buf);
        }
        Mode::Concern => concern(model, w, part, inner, buf),
        Mode::Leaving => {
            let lines = vec![
                Line::from(Span::styled(
                    "There are words in the box that aren't sent yet.",
                    theme.title,
                )),
                Line::from(Span::styled(
                    "Keep them in the dialogue before you leave?",
                    theme.text,
                )),
                Line::default(),
                keys_line(
                    theme,
                    &[("y", "keep them"), ("n", "leave them out"), ("Esc", "stay")],
                ),
            ];
            Paragraph::new(lines)
                .wrap(Wrap { trim: true })
                .render(inner, buf);
        }
        Mode::Intro(_) => {}
    }
}

fn keys_line<'a>(theme: &Theme, keys: &[(&'a str, &'a str)]) -> Line<'a> {
    let mut spans = Vec::new();
    for (key, what) in keys {
        spans.push(Span::styled(*key, theme.key));
        spans.push(Span::styled(format!(" {what}   "), theme.dim));
    }
    Line::from(spans)
}

/// The transcript, scrolled to its end unless the person scrolled up.
fn dialogue_pane(model: &Model, w: &Witness, area: Rect, buf: &mut Buffer) {
    let theme = &model.theme;
    let title = match w.session.and_then(|id| model.map.session(id)) {
        Some(s) => format!(" Dialogue · {} ", transcript::day(model, s.started)),
        None => " Dialogue ".to_string(),
    };
    let b = pane_block(theme, title, false);
    let inner = b.inner(area).inner(Margin::new(1, 0));
    b.render(area, buf);
    let lines = match w.session.and_then(|id| model.map.session(id)) {
        Some(s) => transcript::lines(model, s, inner.width as usize),
        None => vec![Line::from(Span::styled(
            "Nothing written yet. There's no hurry.",
            theme.dim,
        ))],
    };
    let height = inner.height as usize;
    let end = lines
        .len()
        .saturating_sub(w.scroll as usize)
        .max(height.min(lines.len()));
    let start = end.saturating_sub(height);
    for (y, line) in lines[start..end].iter().enumerate() {
        line.clone().render(
            Rect {
                y: inner.y + y as u16,
                height: 1,
                ..inner
            },
            buf,
        );
    }
}

fn writing(model: &Model, w: &Witness, area: Rect, buf: &mut Buffer) {
    let theme = &model.theme;
    let q = w.question(&model.map, &model.assets);
    let q = if q.is_empty() {
        "Anything else? Write freely, or Esc to leave.".to_string()
    } else {
        q
    };
    let hint = w.note.clone().unwrap_or_else(|| match w.flow.asking() {
        Asking::Step(step) => model
            .assets
            .dialogue
            .steps
            .iter()
            .find(|s| s.step == step)
            .map(|s| s.hint.clone())
            .unwrap_or_default(),
        _ => String::new(),
    });
    let q_lines = wrap(&q, area.width as usize);
    let q_h = (q_lines.len() as u16).min(3);
    let hint_lines: Vec<String> = wrap(&hint, area.width as usize)
        .into_iter()
        .take(2)
        .collect();
    let [question, hint_area, boxed] = Layout::vertical([
        Constraint::Length(q_h),
        Constraint::Length(hint_lines.len() as u16),
        Constraint::Fill(1),
    ])
    .areas(area);
    Paragraph::new(
        q_lines
            .into_iter()
            .map(|l| Line::from(Span::styled(l, theme.title)))
            .collect::<Vec<_>>(),
    )
    .render(question, buf);
    Paragraph::new(
        hint_lines
            .into_iter()
            .map(|l| Line::from(Span::styled(l, theme.dim)))
            .collect::<Vec<_>>(),
    )
    .render(hint_area, buf);
    let speaker = match w.speaker {
        Speaker::Me => " Self ".to_string(),
        Speaker::Part(id) => format!(
            " writing as {} ",
            model.map.part(id).map_or("the part", |p| p.name.as_str())
        ),
    };
    let b = pane_block(theme, speaker, true);
    let inner = b.inner(boxed);
    b.render(boxed, buf);
    (&w.answer).render(inner, buf);
}

fn concern(model: &Model, w: &Witness, part: Option<&Part>, area: Rect, buf: &mut Buffer) {
    let theme = &model.theme;
    let word = w
        .flow
        .concern
        .as_ref()
        .map_or("uneasy", |c| c.word.as_str());
    let name = part.map_or("this part", |p| p.name.as_str());
    let text = format!(
        "It sounds like another part may be here too, one that feels {word}. Would it be \
         willing to step back a little, so you can be with {name}? Or would you rather turn \
         toward it instead?"
    );
    let lines = vec![
        Line::from(Span::styled(text, theme.text)),
        Line::default(),
        keys_line(
            theme,
            &[
                ("s", "ask it to step back"),
                ("t", "turn toward it"),
                ("Enter", "go on as you are"),
            ],
        ),
    ];
    Paragraph::new(lines)
        .wrap(Wrap { trim: true })
        .render(area, buf);
}

fn intro_view(model: &Model, part: Option<&Part>, intro: &Intro, area: Rect, buf: &mut Buffer) {
    let theme = &model.theme;
    let name = part.map_or("this part", |p| p.name.as_str());
    let b = pane_block(theme, " Before we begin ".into(), true);
    let inner = b.inner(area).inner(Margin::new(2, 1));
    b.render(area, buf);
    let mut lines = Vec::new();
    match intro {
        Intro::Exile => {
            let note = &model.assets.exile_note;
            lines.push(Line::from(Span::styled(note.title.clone(), theme.heading)));
            lines.push(Line::default());
            lines.push(Line::from(Span::styled(note.text.clone(), theme.text)));
            lines.push(Line::default());
            lines.push(keys_line(
                theme,
                &[("Enter", "go on, gently"), ("Esc", "step back for now")],
            ));
        }
        Intro::Commitments { cursor } => {
            lines.push(Line::from(Span::styled(
                format!("Last time with {name}, you chose:"),
                theme.heading,
            )));
            lines.push(Line::default());
            let open = part
                .map(|p| model.map.open_commitments(p.id))
                .unwrap_or_default();
            for (i, (sid, index)) in open.iter().enumerate() {
                let Some(c) = model
                    .map
                    .session(*sid)
                    .and_then(|s| s.commitments.get(*index))
                else {
                    continue;
                };
                let selected = i == *cursor;
                let style = if selected { theme.selected } else { theme.text };
                lines.push(Line::from(vec![
                    Span::styled(if selected { "› ○ " } else { "  ○ " }, theme.key),
                    Span::styled(c.text.clone(), style),
                    Span::styled(format!("  {}", transcript::day(model, c.made)), theme.dim),
                ]));
            }
            lines.push(Line::default());
            lines.push(Line::from(Span::styled(
                "However it went is all right. Mark it, or just begin.",
                theme.dim,
            )));
            lines.push(Line::default());
            lines.push(keys_line(
                theme,
                &[
                    ("d", "done"),
                    ("l", "let it go"),
                    ("Enter", "begin"),
                    ("Esc", "step back"),
                ],
            ));
        }
    }
    Paragraph::new(lines)
        .wrap(Wrap { trim: true })
        .render(inner, buf);
}

/// What is known of the part, beside the dialogue.
fn side_panel(model: &Model, part: Option<&Part>, area: Rect, buf: &mut Buffer) {
    let theme = &model.theme;
    let Some(part) = part else {
        let b = pane_block(theme, " Something is up ".into(), false);
        let inner = b.inner(area).inner(Margin::new(1, 0));
        b.render(area, buf);
        Paragraph::new(Line::from(Span::styled(
            "Once you know which part is here, what you know of it shows here.",
            theme.dim,
        )))
        .wrap(Wrap { trim: true })
        .render(inner, buf);
        return;
    };
    let b = pane_block(theme, format!(" {} ", truncate(&part.name, 24)), false);
    let inner = b.inner(area).inner(Margin::new(1, 0));
    b.render(area, buf);
    let cells = inner.width as usize;
    let mut lines = vec![Line::from(vec![
        Span::styled(part.role.glyph(), theme.role(part.role)),
        Span::styled(format!(" {}", part.role.word()), theme.text),
    ])];
    if !part.feelings.is_empty() {
        let mut feelings: Vec<_> = part.feelings.iter().collect();
        feelings.sort_by_key(|f| std::cmp::Reverse(f.intensity));
        let words: Vec<&str> = feelings.iter().take(4).map(|f| f.word.as_str()).collect();
        for l in wrap(&words.join(" · "), cells) {
            lines.push(Line::from(Span::styled(l, theme.text)));
        }
    }
    let unmet: Vec<&str> = part
        .needs
        .iter()
        .filter(|n| !n.met)
        .map(|n| n.word.as_str())
        .collect();
    if !unmet.is_empty() {
        for l in wrap(&format!("needs {} (unmet)", unmet.join(", ")), cells) {
            lines.push(Line::from(Span::styled(l, theme.dim)));
        }
    }
    if !part.body.is_empty() {
        lines.push(Line::default());
        lines.push(Line::from(Span::styled("In the body", theme.heading)));
        for s in &part.body {
            let mut t = format!("{} · {}", s.region.word(), s.side.word());
            if !s.sensation.is_empty() {
                t.push_str(&format!(" · {}", s.sensation));
            }
            for l in wrap(&t, cells) {
                lines.push(Line::from(Span::styled(l, theme.text)));
            }
        }
    }
    let open = model.map.open_commitments(part.id);
    if !open.is_empty() {
        lines.push(Line::default());
        lines.push(Line::from(Span::styled("Open commitments", theme.heading)));
        for (sid, i) in open {
            if let Some(c) = model.map.session(sid).and_then(|s| s.commitments.get(i))
                && c.state == CommitmentState::Open
            {
                for (j, l) in wrap(&c.text, cells.saturating_sub(2))
                    .into_iter()
                    .enumerate()
                {
                    let lead = if j == 0 { "○ " } else { "  " };
                    lines.push(Line::from(vec![
                        Span::styled(lead, theme.bar),
                        Span::styled(l, theme.text),
                    ]));
                }
            }
        }
    }
    Paragraph::new(lines).render(inner, buf);
}

/// A past dialogue, read-only.
pub fn reading(model: &Model, id: SessionId, scroll: u16, area: Rect, buf: &mut Buffer) {
    let theme = &model.theme;
    let Some(session) = model.map.session(id) else {
        return;
    };
    let title = format!(
        " Dialogue · {} · {}{} ",
        transcript::day(model, session.started),
        transcript::clock(model, session.started),
        if session.finished {
            ""
        } else {
            " · unfinished"
        }
    );
    let b = pane_block(theme, title, true);
    let inner = b.inner(area).inner(Margin::new(1, 0));
    b.render(area, buf);
    let mut lines = transcript::lines(model, session, inner.width as usize);
    if lines.is_empty() {
        lines.push(Line::from(Span::styled(
            "Nothing was written in this one.",
            theme.dim,
        )));
    }
    let max = lines.len().saturating_sub(inner.height as usize);
    let start = (scroll as usize).min(max);
    for (y, line) in lines
        .into_iter()
        .skip(start)
        .take(inner.height as usize)
        .enumerate()
    {
        line.render(
            Rect {
                y: inner.y + y as u16,
                height: 1,
                ..inner
            },
            buf,
        );
    }
}
