//! A session as readable lines: each turn with its speaker and time, the question it
//! answered shown faintly, and pauses, breaks and branches as quiet markers.

use ratatui::text::{Line, Span};

use crate::model::{CommitmentState, Entry, Map, Session};
use crate::state::Model;

use super::text::{fit, width, wrap};

/// "21:04" in the person's time zone.
pub fn clock(model: &Model, at: jiff::Timestamp) -> String {
    at.to_zoned_datetime(model.tz.clone())
        .strftime("%H:%M")
        .to_string()
}

/// "12 Nov" (and the year when it is not this year).
pub fn day(model: &Model, at: jiff::Timestamp) -> String {
    let then = at.to_zoned_datetime(model.tz.clone());
    let now = model.now.to_zoned_datetime(model.tz.clone());
    if then.year() == now.year() {
        then.strftime("%-d %b").to_string()
    } else {
        then.strftime("%-d %b %Y").to_string()
    }
}

/// How long, in words ("40 s", "1 min", "3 min").
pub fn duration(seconds: u32) -> String {
    if seconds < 60 {
        format!("{seconds} s")
    } else {
        format!("{} min", (seconds + 30) / 60)
    }
}

/// The width of the speaker column for this session.
fn speaker_width(map: &Map, session: &Session) -> usize {
    session
        .turns()
        .map(|t| width(map.speaker_name(t.speaker)))
        .max()
        .unwrap_or(4)
        .clamp(4, 18)
}

/// The session as lines fitting `cells` wide.
pub fn lines<'a>(model: &Model, session: &Session, cells: usize) -> Vec<Line<'a>> {
    let theme = &model.theme;
    let map = &model.map;
    let who_w = speaker_width(map, session);
    let text_x = who_w + 9;
    let text_w = cells.saturating_sub(text_x).max(8);
    let mut out: Vec<Line<'a>> = Vec::new();
    let mut last_question = String::new();
    for entry in &session.entries {
        match entry {
            Entry::Turn(turn) => {
                if !turn.question.is_empty() && turn.question != last_question {
                    for q in wrap(&turn.question, text_w) {
                        out.push(Line::from(vec![
                            Span::raw(" ".repeat(text_x)),
                            Span::styled(q, theme.dim),
                        ]));
                    }
                    last_question = turn.question.clone();
                }
                let name = map.speaker_name(turn.speaker);
                let name_style = match turn.speaker {
                    crate::model::Speaker::Me => theme.heading,
                    crate::model::Speaker::Part(id) => {
                        map.part(id).map_or(theme.text, |p| theme.role(p.role))
                    }
                };
                let capped = super::text::capped(&turn.text, 20_000);
                for (i, text) in wrap(&capped, text_w).into_iter().enumerate() {
                    let (who, when) = if i == 0 {
                        (fit(name, who_w), format!("  {}  ", clock(model, turn.at)))
                    } else {
                        (" ".repeat(who_w), " ".repeat(9))
                    };
                    out.push(Line::from(vec![
                        Span::styled(who, name_style),
                        Span::styled(when, theme.dim),
                        Span::styled(text, theme.text),
                    ]));
                }
            }
            other => {
                for text in marker(model, other) {
                    out.push(Line::from(vec![
                        Span::raw(" ".repeat(text_x)),
                        Span::styled(text, theme.dim),
                    ]));
                }
            }
        }
    }
    if !session.commitments.is_empty() {
        out.push(Line::default());
        out.push(Line::from(vec![
            Span::raw(" ".repeat(text_x)),
            Span::styled("Commitments", theme.heading),
        ]));
        for c in &session.commitments {
            let (glyph, state) = match c.state {
                CommitmentState::Open => ("○", String::new()),
                CommitmentState::Done(at) => ("●", format!(" · done {}", day(model, at))),
                CommitmentState::LetGo(at) => ("◌", format!(" · let go {}", day(model, at))),
            };
            out.push(Line::from(vec![
                Span::raw(" ".repeat(text_x)),
                Span::styled(format!("{glyph} "), theme.bar),
                Span::styled(c.text.clone(), theme.text),
                Span::styled(state, theme.dim),
            ]));
        }
    }
    out
}

/// The quiet words for something that is not a turn.
fn marker(model: &Model, entry: &Entry) -> Vec<String> {
    let map = &model.map;
    let name = |id| {
        map.part(id)
            .map_or("a part", |p| p.name.as_str())
            .to_string()
    };
    match entry {
        Entry::Turn(_) => Vec::new(),
        Entry::Skipped { step, .. } => {
            let label = model
                .assets
                .dialogue
                .steps
                .iter()
                .find(|s| s.step == *step)
                .map_or_else(|| step.label().to_string(), |s| s.label.clone());
            vec![format!("· passed over “{label}” ·")]
        }
        Entry::Pause { seconds, .. } => vec![format!("· a pause, {} ·", duration(*seconds))],
        Entry::SteppedBack { feeling, .. } => vec![format!(
            "· a part that felt “{feeling}” was asked to step back ·"
        )],
        Entry::TurnedToward { part, .. } => vec![format!("· turned toward {} ·", name(*part))],
        Entry::BranchedFrom { .. } => vec!["· turned here from another dialogue ·".into()],
        Entry::Body { spot, .. } => {
            let mut text = format!("· found it: {} · {}", spot.region.word(), spot.side.word());
            if !spot.sensation.is_empty() {
                text.push_str(&format!(" · {}", spot.sensation));
            }
            text.push_str(" ·");
            vec![text]
        }
        Entry::Needs { words, .. } => vec![format!("· needs: {} ·", words.join(", "))],
        Entry::Break { lines, .. } => {
            let mut out = vec!["· a self-compassion break ·".to_string()];
            out.extend(
                lines
                    .iter()
                    .filter(|l| !l.is_empty())
                    .map(|l| format!("  “{l}”")),
            );
            out
        }
    }
}
