//! A generator of large, realistic maps for benchmarks and stress tests: many parts with
//! feelings, needs, body locations, relations and long notes. Deterministic: the same size
//! gives the same map, so figures can be compared across runs.

use crate::assets::Assets;
use crate::model::{
    BodySpot, Burden, BurdenOrigin, Commitment, CommitmentState, Entry, Feeling, Map, Need, Part,
    PartId, Region, Relation, RelationKind, Role, Session, Side, Speaker, Status, TextField, Turn,
};

/// A small deterministic pseudo-random sequence (no dependency, no global state).
struct Lcg(u64);

impl Lcg {
    fn next(&mut self) -> u64 {
        self.0 = self
            .0
            .wrapping_mul(6_364_136_223_846_793_005)
            .wrapping_add(1_442_695_040_888_963_407);
        self.0 >> 33
    }

    fn below(&mut self, n: usize) -> usize {
        (self.next() % n.max(1) as u64) as usize
    }
}

const SENTENCES: [&str; 8] = [
    "It shows up when the day gets loud and nobody is listening.",
    "There is something old in it, like a room I have not opened for years.",
    "When I stay with it, it softens a little — not much, but enough.",
    "It says “be careful” before I have even started.",
    "I notice it most on Sunday evenings, and after long calls.",
    "It wants me to know it has been tired for a very long time 🌙.",
    "Underneath the noise there is a small, steady wish to be seen.",
    "I thanked it today and it went quiet, the way a dog settles.",
];

/// The benchmarks' large map: 200 parts with ~4 KB of notes each, and 100 dialogues of 20
/// turns.
pub fn benchmark_map() -> Map {
    let mut map = large_map(200, 4_000);
    add_sessions(&mut map, 100, 20);
    map
}

/// Adds `count` dialogues of `turns` turns each, spread over the parts.
pub fn add_sessions(map: &mut Map, count: usize, turns: usize) {
    let mut rng = Lcg(11);
    let start = 1_790_000_000i64;
    let parts: Vec<PartId> = map.parts.iter().map(|p| p.id).collect();
    if parts.is_empty() {
        return;
    }
    for n in 0..count {
        let part = parts[rng.below(parts.len())];
        let id = map.next_session_id();
        let at = |k: i64| {
            jiff::Timestamp::from_second(start + n as i64 * 86_400 + k * 60)
                .unwrap_or(jiff::Timestamp::UNIX_EPOCH)
        };
        let mut session = Session::new(id, Some(part), at(0), None);
        for k in 0..turns {
            let step = crate::dialogue::Step::ALL.get(k).copied();
            let sentences = 1 + rng.below(3);
            session.entries.push(Entry::Turn(Turn {
                at: at(k as i64),
                speaker: if rng.below(3) == 0 {
                    Speaker::Part(part)
                } else {
                    Speaker::Me
                },
                step,
                question: step.map(|s| s.label().to_string()).unwrap_or_default(),
                text: sentence(&mut rng, sentences),
            }));
            if k == 7 {
                session.entries.push(Entry::Pause {
                    at: at(k as i64),
                    seconds: 60,
                });
            }
        }
        // Every third dialogue is left unfinished, waiting at "its fears".
        if n % 3 == 0 {
            session.next = Some(crate::dialogue::Step::Fears);
        } else {
            session.finished = true;
        }
        session.commitments.push(Commitment {
            made: at(18),
            text: sentence(&mut rng, 1),
            state: CommitmentState::Open,
        });
        map.add_session(session);
    }
}

/// A map of `parts` parts, each with feelings, needs, body locations, burdens and about
/// `note_bytes` of notes, and a relation for roughly every other part.
pub fn large_map(parts: usize, note_bytes: usize) -> Map {
    let assets = Assets::load().ok();
    let words = |pick: fn(&Assets) -> &crate::assets::Vocabulary| -> Vec<String> {
        assets
            .as_ref()
            .map(|a| pick(a).words.iter().map(|w| w.word.clone()).collect())
            .unwrap_or_else(|| vec!["quiet".to_string()])
    };
    let feelings = words(|a| &a.feelings);
    let needs = words(|a| &a.needs);
    let feelings: Vec<&str> = feelings.iter().map(String::as_str).collect();
    let needs: Vec<&str> = needs.iter().map(String::as_str).collect();
    let mut rng = Lcg(7);
    let created =
        jiff::Timestamp::from_second(1_790_000_000).unwrap_or(jiff::Timestamp::UNIX_EPOCH);
    let mut map = Map::new("a large map");
    for i in 0..parts {
        let id = PartId(i as u32 + 1);
        let mut part = Part::new(
            id,
            format!("Part {} {}", i + 1, pick(&feelings, &mut rng)),
            created,
        );
        part.role = Role::ALL[rng.below(4)];
        part.status = Status::ALL[rng.below(5)];
        part.felt_age = format!("about {}", 3 + rng.below(40));
        part.job = sentence(&mut rng, 2);
        part.positive_intent = sentence(&mut rng, 1);
        part.fears = sentence(&mut rng, 2);
        part.triggers = sentence(&mut rng, 1);
        part.appearance = sentence(&mut rng, 1);
        part.burdens = (0..rng.below(3))
            .map(|_| Burden {
                text: sentence(&mut rng, 1),
                origin: BurdenOrigin::Legacy,
            })
            .collect();
        part.feelings = (0..3 + rng.below(4))
            .map(|_| Feeling {
                word: pick(&feelings, &mut rng).to_string(),
                intensity: rng.below(11) as u8,
            })
            .collect();
        part.needs = (0..2 + rng.below(4))
            .map(|_| Need {
                word: pick(&needs, &mut rng).to_string(),
                met: rng.below(2) == 0,
            })
            .collect();
        part.body = (0..1 + rng.below(3))
            .map(|_| BodySpot {
                region: Region::ALL[rng.below(Region::ALL.len())],
                side: Side::ALL[rng.below(3)],
                sensation: pick(&["tight", "heavy", "buzzing", "warm", "hollow"], &mut rng).into(),
            })
            .collect();
        let mut notes = String::new();
        while notes.len() < note_bytes {
            notes.push_str(SENTENCES[rng.below(SENTENCES.len())]);
            notes.push(if rng.below(5) == 0 { '\n' } else { ' ' });
        }
        part.notes = notes;
        if rng.below(3) == 0 {
            part.private.insert(TextField::Fears);
        }
        map.add_part(part);
    }
    for i in (1..parts).step_by(2) {
        map.relations.push(Relation {
            from: PartId(i as u32),
            to: PartId(i as u32 + 1),
            kind: RelationKind::ALL[rng.below(4)],
            note: sentence(&mut rng, 1),
        });
    }
    map
}

fn pick<'a>(words: &[&'a str], rng: &mut Lcg) -> &'a str {
    if words.is_empty() {
        "quiet"
    } else {
        words[rng.below(words.len())]
    }
}

fn sentence(rng: &mut Lcg, n: usize) -> String {
    (0..n)
        .map(|_| SENTENCES[rng.below(SENTENCES.len())])
        .collect::<Vec<_>>()
        .join(" ")
}
