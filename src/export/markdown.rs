//! The Markdown export: the map's title, then every part with its role, status, what is
//! known of it, feelings, needs, body locations and relations.

use std::fmt::Write;

use crate::model::{BurdenOrigin, CommitmentState, Entry, Map, Part, Session, TextField};

/// The map as Markdown.
pub fn markdown(map: &Map) -> String {
    let mut out = String::new();
    let title = if map.title.trim().is_empty() {
        "Parts map"
    } else {
        map.title.trim()
    };
    let _ = writeln!(out, "# {}\n", one_line(title));
    if map.parts.is_empty() {
        out.push_str("No parts yet.\n\n");
    } else {
        let _ = writeln!(
            out,
            "{} · roles: ▲ manager, ◆ firefighter, ● exile, ? unsure\n",
            count(map.parts.len(), "part")
        );
    }
    if !map.parts.is_empty() {
        out.push_str("## The map\n\n```text\n");
        out.push_str(&crate::ui::map::drawing(map, 100, 24));
        out.push_str("```\n\n");
        out.push_str(
            "▲ manager  ◆ firefighter  ● exile  ? unsure  ◎ Self · \
             ─▶ protects  ◀═▶ polarized  ╌╌ allied  ┈┈ unsure\n\n",
        );
    }
    if !map.relations.is_empty() {
        out.push_str("## Relations\n\n");
        for r in &map.relations {
            let name = |id| {
                map.part(id)
                    .map(|p| format!("{} {}", p.role.glyph(), one_line(&p.name)))
                    .unwrap_or_else(|| "a part that is no longer here".into())
            };
            let mut line = format!("- {} {} {}", name(r.from), r.kind.phrase(), name(r.to));
            if !r.note.trim().is_empty() {
                let _ = write!(line, ": {}", one_line(&r.note));
            }
            out.push_str(&line);
            out.push('\n');
        }
        out.push('\n');
    }
    for part in &map.parts {
        part_section(&mut out, map, part);
    }
    let unnamed: Vec<&Session> = map
        .sessions
        .iter()
        .filter(|s| s.part.is_none_or(|p| map.part(p).is_none()))
        .map(|s| &**s)
        .collect();
    if !unnamed.is_empty() {
        out.push_str("## Dialogues not yet with a part\n\n");
        for s in unnamed {
            session_section(&mut out, map, s);
        }
    }
    if !map.check_ins.is_empty() {
        out.push_str("## Self-compassion breaks\n\n");
        for c in &map.check_ins {
            let _ = writeln!(out, "#### {}\n", c.at.strftime("%Y-%m-%d %H:%M UTC"));
            for line in c.lines.iter().filter(|l| !l.is_empty()) {
                let _ = writeln!(out, "> {}", one_line(line));
            }
            out.push('\n');
        }
    }
    out
}

fn part_section(out: &mut String, map: &Map, part: &Part) {
    let _ = writeln!(out, "## {} {}\n", part.role.glyph(), one_line(&part.name));
    let _ = writeln!(
        out,
        "- **Role:** {}\n- **Status:** {}",
        part.role.word(),
        part.status.word()
    );
    for field in TextField::SHOWN {
        if field == TextField::Burdens {
            continue;
        }
        let text = part.text(field);
        if !text.trim().is_empty() {
            let _ = writeln!(out, "- **{}:** {}", capital(field.label()), indent(&text));
        }
    }
    if !part.burdens.is_empty() {
        let _ = writeln!(out, "- **Carries:**");
        for b in &part.burdens {
            let origin = match b.origin {
                BurdenOrigin::Unsure => String::new(),
                other => format!(" ({})", other.word()),
            };
            let _ = writeln!(out, "  - {}{origin}", one_line(&b.text));
        }
    }
    out.push('\n');
    if !part.feelings.is_empty() {
        out.push_str("### Feelings\n\n");
        for f in &part.feelings {
            let _ = writeln!(out, "- {} ({}/10)", one_line(&f.word), f.intensity);
        }
        out.push('\n');
    }
    if !part.needs.is_empty() {
        out.push_str("### Needs\n\n");
        for n in &part.needs {
            let state = if n.met { "met" } else { "unmet" };
            let _ = writeln!(out, "- {} ({state})", one_line(&n.word));
        }
        out.push('\n');
    }
    if !part.body.is_empty() {
        out.push_str("### Body\n\n");
        for s in &part.body {
            let mut line = format!("{}, {}", s.region.word(), s.side.word());
            if !s.sensation.trim().is_empty() {
                let _ = write!(line, ": {}", one_line(&s.sensation));
            }
            let _ = writeln!(out, "- {line}");
        }
        out.push('\n');
    }
    let relations: Vec<String> = map
        .relations_of(part.id)
        .map(|(_, r)| {
            let (phrase, other) = if r.from == part.id {
                (r.kind.phrase(), r.to)
            } else {
                (r.kind.reverse_phrase(), r.from)
            };
            let other = map
                .part(other)
                .map(|o| format!("{} {}", o.role.glyph(), one_line(&o.name)))
                .unwrap_or_else(|| "a part that is no longer here".into());
            if r.note.trim().is_empty() {
                format!("- {phrase} {other}")
            } else {
                format!("- {phrase} {other}: {}", one_line(&r.note))
            }
        })
        .collect();
    if !relations.is_empty() {
        out.push_str("### Relations\n\n");
        for r in relations {
            out.push_str(&r);
            out.push('\n');
        }
        out.push('\n');
    }
    if !part.notes.trim().is_empty() {
        out.push_str("### Notes\n\n");
        for line in part.notes.lines() {
            let _ = writeln!(out, "> {line}");
        }
        out.push('\n');
    }
    let sessions = map.sessions_of(part.id);
    if !sessions.is_empty() {
        out.push_str("### Dialogues\n\n");
        let mut ordered = sessions;
        ordered.reverse();
        for s in ordered {
            session_section(out, map, s);
        }
    }
}

fn session_section(out: &mut String, map: &Map, session: &Session) {
    let _ = writeln!(
        out,
        "#### {}{}\n",
        session.started.strftime("%Y-%m-%d %H:%M UTC"),
        if session.finished {
            ""
        } else {
            " (unfinished)"
        }
    );
    let mut last_question = String::new();
    for entry in &session.entries {
        match entry {
            Entry::Turn(turn) => {
                if !turn.question.is_empty() && turn.question != last_question {
                    let _ = writeln!(out, "*{}*\n", one_line(&turn.question));
                    last_question = turn.question.clone();
                }
                let who = map.speaker_name(turn.speaker);
                let text = turn.text.trim_end().replace('\n', "  \n");
                let _ = writeln!(out, "**{}:** {text}\n", one_line(who));
            }
            Entry::Skipped { step, .. } => {
                let _ = writeln!(out, "_(passed over: {})_\n", step.label());
            }
            Entry::Pause { seconds, .. } => {
                let _ = writeln!(out, "_(a pause, {seconds} s)_\n");
            }
            Entry::SteppedBack { feeling, .. } => {
                let _ = writeln!(
                    out,
                    "_(a part that felt “{}” was asked to step back)_\n",
                    one_line(feeling)
                );
            }
            Entry::TurnedToward { part, .. } => {
                let name = map.part(*part).map_or("another part", |p| p.name.as_str());
                let _ = writeln!(out, "_(turned toward {})_\n", one_line(name));
            }
            Entry::BranchedFrom { .. } => {
                out.push_str("_(turned here from another dialogue)_\n\n");
            }
            Entry::Body { spot, .. } => {
                let mut text = format!("{}, {}", spot.region.word(), spot.side.word());
                if !spot.sensation.is_empty() {
                    let _ = write!(text, ": {}", one_line(&spot.sensation));
                }
                let _ = writeln!(out, "_(found it: {text})_\n");
            }
            Entry::Needs { words, .. } => {
                let _ = writeln!(out, "_(needs: {})_\n", words.join(", "));
            }
            Entry::Break { lines, .. } => {
                out.push_str("_(a self-compassion break)_\n\n");
                for line in lines.iter().filter(|l| !l.is_empty()) {
                    let _ = writeln!(out, "> {}", one_line(line));
                }
                out.push('\n');
            }
        }
    }
    if !session.commitments.is_empty() {
        out.push_str("Commitments:\n\n");
        for c in &session.commitments {
            let state = match c.state {
                CommitmentState::Open => "open",
                CommitmentState::Done(_) => "done",
                CommitmentState::LetGo(_) => "let go",
            };
            let _ = writeln!(out, "- {} ({state})", one_line(&c.text));
        }
        out.push('\n');
    }
}

/// Text on one line (newlines become spaces), for headings and list items.
fn one_line(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Multi-line text as a list item's continuation.
fn indent(text: &str) -> String {
    text.trim_end().replace('\n', "\n  ")
}

fn capital(label: &str) -> String {
    let mut chars = label.chars();
    match chars.next() {
        Some(c) => c.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}

fn count(n: usize, word: &str) -> String {
    if n == 1 {
        format!("1 {word}")
    } else {
        format!("{n} {word}s")
    }
}
