//! Presentation mode and the privacy veil: on every screen, overlay and box, no private
//! word reaches the rendered buffer while presenting, and no personal word at all while
//! veiled. Every piece of text in the map carries a marker, so a leak cannot hide.

mod support;

use std::sync::Arc;

use support::*;
use tend::config::Contact;
use tend::dialogue::Step;
use tend::model::{
    BodySpot, Burden, BurdenOrigin, CheckIn, Commitment, CommitmentState, Entry, Feeling, Map,
    Need, Part, PartId, Region, Relation, RelationKind, Role, Session, SessionId, Side, Speaker,
    TextField, Turn,
};
use tend::msg::Msg;

/// Text that may be shown while presenting (but not under the veil).
const SHAREABLE: &[&str] = &[
    "NAMEONE",
    "NAMETWO",
    "TITLEMARK",
    "FEELMARK",
    "NEEDMARK",
    "SENSEMARK",
    "JOBMARK",
    "PUBLICTURN",
];

/// Text that must never be shown while presenting.
const PRIVATE: &[&str] = &[
    "NOTESMARK",
    "FEARSMARK",
    "BURDENMARK",
    "PRIVTURN",
    "PRIVQUESTION",
    "COMMITMARK",
    "BREAKMARK",
    "CHECKINMARK",
    "CONTACTNAME",
    "CONTACTHOW",
    "STEPBACKMARK",
];

fn marked_map() -> Map {
    let at = clock();
    let mut map = Map::new("TITLEMARK");
    let mut one = Part::new(PartId(1), "NAMEONE", at);
    one.role = Role::Manager;
    one.job = "JOBMARK shareable".into();
    one.fears = "FEARSMARK private".into();
    one.notes = "NOTESMARK private by default".into();
    one.burdens = vec![Burden {
        text: "BURDENMARK".into(),
        origin: BurdenOrigin::Legacy,
    }];
    one.private.insert(TextField::Fears);
    one.private.insert(TextField::Burdens);
    one.feelings = vec![Feeling {
        word: "FEELMARK".into(),
        intensity: 6,
    }];
    one.needs = vec![Need {
        word: "NEEDMARK".into(),
        met: false,
    }];
    one.body = vec![BodySpot {
        region: Region::Chest,
        side: Side::Centre,
        sensation: "SENSEMARK".into(),
    }];
    let mut two = Part::new(PartId(2), "NAMETWO", at);
    two.role = Role::Exile;
    map.add_part(one);
    map.add_part(two);
    map.relations.push(Relation {
        from: PartId(1),
        to: PartId(2),
        kind: RelationKind::Protects,
        note: "RELNOTEMARK".into(),
    });
    let mut private = Session::new(SessionId(1), Some(PartId(1)), at, Some(Step::Fears));
    private.entries.push(Entry::Turn(Turn {
        at,
        speaker: Speaker::Me,
        step: Some(Step::Trailhead),
        question: "PRIVQUESTION".into(),
        text: "PRIVTURN words".into(),
    }));
    private.entries.push(Entry::SteppedBack {
        at,
        feeling: "STEPBACKMARK".into(),
    });
    private.entries.push(Entry::Break {
        at,
        lines: vec!["BREAKMARK".into()],
    });
    private.commitments.push(Commitment {
        made: at,
        text: "COMMITMARK".into(),
        state: CommitmentState::Open,
    });
    let mut public = Session::new(SessionId(2), Some(PartId(1)), at, None);
    public.private = false;
    public.finished = true;
    public.entries.push(Entry::Turn(Turn {
        at,
        speaker: Speaker::Part(PartId(1)),
        step: None,
        question: String::new(),
        text: "PUBLICTURN words".into(),
    }));
    map.sessions.push(Arc::new(private));
    map.sessions.push(Arc::new(public));
    map.check_ins.push(CheckIn {
        at,
        lines: vec!["CHECKINMARK".into()],
    });
    map
}

fn marked_model() -> tend::Model {
    let mut m = model_with(marked_map());
    m.config.contacts.push(Contact {
        name: "CONTACTNAME".into(),
        how: "CONTACTHOW".into(),
    });
    m
}

/// Every screen, pane, overlay and box worth drawing, reached by keys.
fn every_screen() -> Vec<(String, tend::Model)> {
    let mut out = Vec::new();
    let base = marked_model();
    let mut add = |name: &str, keys: &str, text: &str| {
        let mut m = base.clone();
        press(&mut m, keys);
        if !text.is_empty() {
            typed(&mut m, text);
        }
        out.push((name.to_string(), m));
    };
    add("parts list", "", "");
    add("part pane top", "Tab", "");
    add("part pane bottom", "Tab End", "");
    add(
        "part pane fears",
        "Tab Down Down Down Down Down Down Down Down Down Down Down",
        "",
    );
    add("notes pane sessions", "Tab Tab", "");
    add("notes pane notes", "Tab Tab End", "");
    add("notes editor", "Tab Tab End e", " more NOTESMARK");
    add(
        "fears editor",
        "Tab Down Down Down Down Down Down Down Down Down Down Down e",
        "",
    );
    // Both dialogues began at the same moment; the later id is listed first.
    add("reading public", "Tab Tab Enter", "");
    add("reading private", "Tab Tab Down Enter", "");
    add("map", "m", "");
    add("witness commitments", "w", "");
    add("witness writing", "w Enter", "PRIVTURN typed");
    add("witness body", "w Enter ctrl-n", "");
    add("continue private", "Tab Tab Down Enter w", "PRIVTURN typed");
    add("feeling picker", "f", "FEEL");
    add("help", "?", "");
    add("pause", "w Enter ctrl-p", "");
    add("break", "b", "BREAKMARK typed");
    add("support", "!", "");
    add("support adding", "! a", "CONTACTNAME");
    add("confirm", "d", "");
    add("maps", "o", "");
    out
}

fn text_of(m: &tend::Model, w: u16, h: u16) -> String {
    screen_text(m, w, h)
}

#[test]
fn presenting_shows_what_is_shared_and_nothing_private_on_any_screen() {
    for (name, mut m) in every_screen() {
        m.presenting = true;
        m.retheme();
        for (w, h) in [(80, 24), (160, 48)] {
            let text = text_of(&m, w, h);
            for secret in PRIVATE {
                assert!(
                    !text.contains(secret),
                    "{secret} shown while presenting on “{name}” at {w}x{h}:\n{text}"
                );
            }
            assert!(text.contains("PRESENTING"), "no mark on “{name}”:\n{text}");
        }
    }
}

#[test]
fn presenting_still_shows_the_shareable_things() {
    let mut m = marked_model();
    m.presenting = true;
    press(&mut m, "Tab");
    let text = text_of(&m, 160, 48);
    for shown in [
        "NAMEONE",
        "NAMETWO",
        "FEELMARK",
        "NEEDMARK",
        "SENSEMARK",
        "JOBMARK",
    ] {
        assert!(text.contains(shown), "{shown} missing:\n{text}");
    }
    assert!(text.contains("· private ·"));
    press(&mut m, "Tab Enter");
    assert!(
        text_of(&m, 160, 48).contains("PUBLICTURN"),
        "a shareable dialogue shows"
    );
}

#[test]
fn the_veil_hides_every_personal_word_on_any_screen() {
    for (name, mut m) in every_screen() {
        m.veiled = true;
        for (w, h) in [(80, 24), (160, 48)] {
            let text = text_of(&m, w, h);
            for secret in SHAREABLE
                .iter()
                .chain(PRIVATE)
                .chain(["RELNOTEMARK", "FEEL"].iter())
            {
                assert!(
                    !text.contains(secret),
                    "{secret} shown under the veil on “{name}” at {w}x{h}:\n{text}"
                );
            }
            assert!(text.contains("VEILED"), "no mark on “{name}”:\n{text}");
        }
    }
}

#[test]
fn the_veil_changes_nothing_and_lifts_with_the_same_key() {
    let mut m = marked_model();
    let before = m.map.clone();
    press(&mut m, "v");
    assert!(m.veiled);
    assert_eq!(m.map, before);
    press(&mut m, "v");
    assert!(!m.veiled);
    assert!(text_of(&m, 120, 40).contains("NAMEONE"));
    // In a text box, the veil is Ctrl-v, and the words stay.
    press(&mut m, "w Enter");
    typed(&mut m, "keep me");
    press(&mut m, "ctrl-v");
    assert!(m.veiled);
    assert_eq!(m.witness().map(|w| w.text()), Some("keep me".to_string()));
    send(&mut m, Msg::Tick);
}

#[test]
fn presenting_is_a_toggle_that_changes_nothing() {
    let mut m = marked_model();
    let before = m.map.clone();
    press(&mut m, "P");
    assert!(m.presenting);
    press(&mut m, "P");
    assert!(!m.presenting);
    assert_eq!(m.map, before);
}
