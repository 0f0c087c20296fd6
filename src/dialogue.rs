//! The witnessing dialogue as a pure state machine: the ten guided steps in order, each
//! skippable; the nine enquiries that can be asked at any time; the feel-toward check for
//! Self-energy and the branch when another part seems present. No terminal, no I/O.

use serde::{Deserialize, Serialize};

use crate::assets::SelfEnergyWords;

/// The guided steps of a witnessing dialogue, in order (each one skippable).
#[derive(Serialize, Deserialize, Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Step {
    /// What brought the person here.
    Trailhead,
    /// Where it is in the body.
    FindIt,
    /// Turning attention toward it.
    Focus,
    /// What it is like.
    FleshOut,
    /// How the person feels toward it (the Self-energy check).
    FeelToward,
    /// Its job, how long, what it wants known.
    Befriend,
    /// What it fears.
    Fears,
    /// What it needs.
    Needs,
    /// A harmless action, or responsibility to take.
    Action,
    /// Thanks.
    Thanks,
}

impl Step {
    /// Every step, in the order they are offered.
    pub const ALL: [Step; 10] = [
        Step::Trailhead,
        Step::FindIt,
        Step::Focus,
        Step::FleshOut,
        Step::FeelToward,
        Step::Befriend,
        Step::Fears,
        Step::Needs,
        Step::Action,
        Step::Thanks,
    ];

    /// Its place, 0-based.
    pub fn index(self) -> usize {
        Step::ALL.iter().position(|s| *s == self).unwrap_or(0)
    }

    /// A short name for the step, for exports ("feel toward").
    pub fn label(self) -> &'static str {
        match self {
            Step::Trailhead => "trailhead",
            Step::FindIt => "find it",
            Step::Focus => "focus",
            Step::FleshOut => "flesh it out",
            Step::FeelToward => "feel toward",
            Step::Befriend => "befriend",
            Step::Fears => "its fears",
            Step::Needs => "what it needs",
            Step::Action => "action",
            Step::Thanks => "thanks",
        }
    }

    /// The step after this one (none after thanks).
    pub fn next(self) -> Option<Step> {
        Step::ALL.get(self.index() + 1).copied()
    }
}

/// What the person is being asked right now.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Asking {
    /// A guided step.
    Step(Step),
    /// One of the nine enquiries, asked once.
    Enquiry(usize),
    /// Nothing in particular: free dialogue.
    Free,
}

/// At "feel toward", an answer that suggests another part is here.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Concern {
    /// The whole answer.
    pub answer: String,
    /// The words in it that suggested a concerned part ("annoyed").
    pub word: String,
}

/// How an answer to "how do you feel toward it?" sounds.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Verdict {
    /// Close to the 8 C's: the qualities heard.
    SelfEnergy(Vec<String>),
    /// Another part may be here: the words that suggested it.
    Concerned(String),
    /// Neither is clear; the dialogue goes on.
    Unclear,
}

/// What the screen should do after an answer.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum After {
    /// Ask the next question.
    Continue,
    /// The session began from "something is up": ask which part this is.
    AskPart,
    /// Offer the needs list.
    PickNeeds,
    /// Keep this as a commitment.
    Commit(String),
    /// Another part may be here: offer to ask it to step back, or to turn toward it.
    Concern(Concern),
    /// Every guided step has been offered.
    Finished,
}

/// Where a dialogue stands.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Flow {
    /// The guided step being asked (none: all have been offered).
    pub next: Option<Step>,
    /// An enquiry asked in place of the guided step, once.
    pub enquiry: Option<usize>,
    /// A concerned part that seems present, waiting for the person's choice.
    pub concern: Option<Concern>,
    /// Whether the part is still to be named (a session begun from a trailhead).
    pub awaiting_part: bool,
}

impl Flow {
    /// A dialogue about to ask `next`.
    pub fn at(next: Option<Step>) -> Flow {
        Flow {
            next,
            enquiry: None,
            concern: None,
            awaiting_part: false,
        }
    }

    /// A dialogue begun from "something is up", before the part is known.
    pub fn from_trailhead() -> Flow {
        Flow {
            awaiting_part: true,
            ..Flow::at(Some(Step::Trailhead))
        }
    }

    /// What is being asked now.
    pub fn asking(&self) -> Asking {
        match (self.enquiry, self.next) {
            (Some(i), _) => Asking::Enquiry(i),
            (None, Some(step)) => Asking::Step(step),
            (None, None) => Asking::Free,
        }
    }

    /// Asks enquiry `i` next, in place of the guided question (which comes back after).
    pub fn ask_enquiry(&mut self, i: usize) {
        self.enquiry = Some(i);
    }

    /// Moves past the current guided step without an answer; returns the step passed over.
    /// An enquiry being asked is simply set aside.
    pub fn skip(&mut self) -> Option<Step> {
        if self.enquiry.take().is_some() {
            return None;
        }
        self.concern = None;
        let step = self.next?;
        self.advance();
        Some(step)
    }

    /// Goes on to the step after the current one.
    pub fn advance(&mut self) {
        self.next = self.next.and_then(Step::next);
    }

    /// The person answered what was asked. `words` are the feel-toward lists.
    pub fn answered(&mut self, text: &str, words: &SelfEnergyWords) -> After {
        if self.enquiry.take().is_some() {
            return After::Continue;
        }
        let Some(step) = self.next else {
            return After::Continue;
        };
        match step {
            Step::Trailhead => {
                self.advance();
                if self.awaiting_part {
                    After::AskPart
                } else {
                    After::Continue
                }
            }
            Step::FeelToward => match feel_toward(text, words) {
                Verdict::Concerned(word) => {
                    let concern = Concern {
                        answer: text.to_string(),
                        word,
                    };
                    self.concern = Some(concern.clone());
                    After::Concern(concern)
                }
                _ => {
                    self.advance();
                    After::Continue
                }
            },
            Step::Needs => {
                self.advance();
                After::PickNeeds
            }
            Step::Action => {
                self.advance();
                if is_nothing(text) {
                    After::Continue
                } else {
                    After::Commit(text.trim().to_string())
                }
            }
            Step::Thanks => {
                self.advance();
                After::Finished
            }
            _ => {
                self.advance();
                After::Continue
            }
        }
    }

    /// The concerned part agreed to step back: "feel toward" is asked again.
    pub fn stepped_back(&mut self) {
        self.concern = None;
        self.next = Some(Step::FeelToward);
    }

    /// The person goes on as they are, without asking anything of the concerned part.
    pub fn go_on(&mut self) {
        if self.concern.take().is_some() {
            self.advance();
        }
    }

    /// The part has been named (a session begun from a trailhead).
    pub fn part_known(&mut self) {
        self.awaiting_part = false;
    }
}

/// Whether an answer to the action question means "nothing for now".
pub fn is_nothing(text: &str) -> bool {
    let t = normalise(text);
    let t = t.trim();
    t.is_empty()
        || [
            "nothing",
            "no",
            "none",
            "nope",
            "not now",
            "not yet",
            "not really",
            "nothing now",
            "nothing right now",
            "nothing for now",
            "i don t know",
            "dont know",
            "don t know",
            "n a",
        ]
        .contains(&t)
}

/// Lower-case words, with apostrophes and punctuation as spaces.
fn normalise(text: &str) -> String {
    text.to_lowercase()
        .chars()
        .map(|c| if c.is_alphanumeric() { c } else { ' ' })
        .collect::<String>()
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

/// Where a clause ends: a "not" before it does not reach past here.
const BREAK: &str = "|";

/// The words of a text, with a break token where a clause ends (. , ; : ! ? — and dashes).
fn tokens(text: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut word = String::new();
    for c in text.to_lowercase().chars() {
        if c.is_alphanumeric() {
            word.push(c);
            continue;
        }
        if !word.is_empty() {
            out.push(std::mem::take(&mut word));
        }
        if matches!(c, '.' | ',' | ';' | ':' | '!' | '?' | '—' | '–' | '\n') {
            out.push(BREAK.to_string());
        }
    }
    if !word.is_empty() {
        out.push(word);
    }
    out
}

/// Positions where `phrase` occurs in `words` as whole words, not negated just before.
fn occurrences(words: &[String], phrase: &str, negations: &[Vec<String>]) -> Vec<usize> {
    let needle = tokens(phrase);
    if needle.is_empty() || needle.len() > words.len() {
        return Vec::new();
    }
    (0..=words.len() - needle.len())
        .filter(|&i| words[i..i + needle.len()] == needle[..])
        .filter(|&i| !negated(words, i, negations))
        .collect()
}

/// Whether one of the three words before position `i`, in the same clause, turns it around
/// ("not annoyed"; but not "not sure. annoyed").
fn negated(words: &[String], i: usize, negations: &[Vec<String>]) -> bool {
    let clause_start = words[..i]
        .iter()
        .rposition(|w| w == BREAK)
        .map_or(0, |b| b + 1);
    let from = i.saturating_sub(3).max(clause_start);
    negations.iter().any(|neg| {
        (from..i).any(|start| start + neg.len() <= i && words[start..start + neg.len()] == neg[..])
    })
}

/// Listens to an answer to "how do you feel toward it?", kindly and by word lists only.
pub fn feel_toward(answer: &str, words: &SelfEnergyWords) -> Verdict {
    let answer_words = tokens(answer);
    let negations: Vec<Vec<String>> = words.negations.iter().map(|n| tokens(n)).collect();
    let concerned = words
        .concerned
        .iter()
        .filter_map(|phrase| {
            occurrences(&answer_words, phrase, &negations)
                .first()
                .map(|&at| (at, phrase))
        })
        .min_by_key(|(at, phrase)| (*at, std::cmp::Reverse(phrase.len())));
    if let Some((_, phrase)) = concerned {
        return Verdict::Concerned(phrase.clone());
    }
    let qualities: Vec<String> = words
        .qualities
        .iter()
        .filter(|q| {
            q.words
                .iter()
                .any(|w| !occurrences(&answer_words, w, &negations).is_empty())
        })
        .map(|q| q.name.clone())
        .collect();
    if qualities.is_empty() {
        Verdict::Unclear
    } else {
        Verdict::SelfEnergy(qualities)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::assets::Assets;

    fn words() -> SelfEnergyWords {
        Assets::load().expect("assets").self_energy
    }

    #[test]
    fn the_steps_go_in_the_spec_order_and_end_after_thanks() {
        let mut flow = Flow::at(Some(Step::Trailhead));
        let mut seen = Vec::new();
        while let Asking::Step(step) = flow.asking() {
            seen.push(step);
            flow.skip();
        }
        assert_eq!(seen, Step::ALL);
        assert_eq!(flow.asking(), Asking::Free);
    }

    #[test]
    fn every_step_answered_moves_on_with_its_own_outcome() {
        let w = words();
        let mut flow = Flow::at(Some(Step::Trailhead));
        let outcomes: Vec<After> = [
            "a fight with my sister",
            "my chest",
            "ok",
            "small and grey",
            "curious about it",
            "it keeps me safe",
            "that I'll be hurt",
            "rest",
            "call Sam on Sunday",
            "thank you",
        ]
        .iter()
        .map(|a| flow.answered(a, &w))
        .collect();
        assert_eq!(
            outcomes,
            vec![
                After::Continue,
                After::Continue,
                After::Continue,
                After::Continue,
                After::Continue,
                After::Continue,
                After::Continue,
                After::PickNeeds,
                After::Commit("call Sam on Sunday".into()),
                After::Finished,
            ]
        );
        assert_eq!(flow.asking(), Asking::Free);
        assert_eq!(flow.answered("one more thing", &w), After::Continue);
    }

    #[test]
    fn nothing_for_now_is_not_a_commitment() {
        let w = words();
        let mut flow = Flow::at(Some(Step::Action));
        assert_eq!(flow.answered("Nothing right now.", &w), After::Continue);
        assert_eq!(flow.next, Some(Step::Thanks));
    }

    #[test]
    fn a_trailhead_session_asks_for_the_part_after_the_first_answer() {
        let w = words();
        let mut flow = Flow::from_trailhead();
        assert_eq!(flow.answered("something is up", &w), After::AskPart);
        assert_eq!(flow.next, Some(Step::FindIt));
        flow.part_known();
        assert!(!flow.awaiting_part);
    }

    #[test]
    fn feel_toward_hears_self_energy_and_goes_on() {
        let w = words();
        let mut flow = Flow::at(Some(Step::FeelToward));
        assert_eq!(flow.answered("curious, a bit tender", &w), After::Continue);
        assert_eq!(flow.next, Some(Step::Befriend));
        assert!(
            matches!(feel_toward("curious, a bit tender", &w), Verdict::SelfEnergy(q) if q.contains(&"curiosity".to_string()) && q.contains(&"compassion".to_string()))
        );
    }

    #[test]
    fn feel_toward_notices_a_concerned_part_then_step_back_asks_again() {
        let w = words();
        let mut flow = Flow::at(Some(Step::FeelToward));
        let after = flow.answered("Honestly? Annoyed.", &w);
        assert_eq!(
            after,
            After::Concern(Concern {
                answer: "Honestly? Annoyed.".into(),
                word: "annoyed".into()
            })
        );
        assert_eq!(flow.next, Some(Step::FeelToward), "it waits for a choice");
        flow.stepped_back();
        assert_eq!(flow.concern, None);
        assert_eq!(flow.asking(), Asking::Step(Step::FeelToward));
        assert_eq!(flow.answered("calmer now, curious", &w), After::Continue);
        assert_eq!(flow.next, Some(Step::Befriend));
    }

    #[test]
    fn going_on_past_a_concern_is_allowed() {
        let w = words();
        let mut flow = Flow::at(Some(Step::FeelToward));
        flow.answered("I want it gone", &w);
        flow.go_on();
        assert_eq!(flow.next, Some(Step::Befriend));
    }

    #[test]
    fn concerned_phrases_match_whole_words_and_respect_not() {
        let w = words();
        for answer in [
            "annoyed",
            "scared of it",
            "I want it gone",
            "I’m sick of it",
            "kind of curious but mostly annoyed",
            "I HATE it",
        ] {
            assert!(
                matches!(feel_toward(answer, &w), Verdict::Concerned(_)),
                "{answer}"
            );
        }
        assert!(matches!(
            feel_toward("not annoyed any more, just curious", &w),
            Verdict::SelfEnergy(_)
        ));
        assert_eq!(feel_toward("I don't know", &w), Verdict::Unclear);
        // A "not" in the clause before does not reach across the full stop.
        assert!(matches!(
            feel_toward("Not sure. Annoyed.", &w),
            Verdict::Concerned(_)
        ));
        assert!(matches!(
            feel_toward("I'm not sure, maybe scared of it", &w),
            Verdict::Concerned(_)
        ));
        // "hate" inside another word is not "hate".
        assert!(!matches!(
            feel_toward("whatever", &w),
            Verdict::Concerned(_)
        ));
    }

    #[test]
    fn an_enquiry_is_asked_once_then_the_guided_question_returns() {
        let w = words();
        let mut flow = Flow::at(Some(Step::Focus));
        flow.ask_enquiry(3);
        assert_eq!(flow.asking(), Asking::Enquiry(3));
        assert_eq!(flow.answered("in my throat", &w), After::Continue);
        assert_eq!(flow.asking(), Asking::Step(Step::Focus));
        flow.ask_enquiry(0);
        assert_eq!(flow.skip(), None, "skipping an enquiry sets it aside");
        assert_eq!(flow.asking(), Asking::Step(Step::Focus));
    }
}
