//! The words tend speaks and offers, compiled in from `assets/*.ron`: the feelings and needs
//! vocabularies, the dialogue's questions, the self-energy word list, the self-compassion
//! break, grounding steps, and the note before meeting an exile.

use serde::Deserialize;

use crate::dialogue::Step;

/// A vocabulary word and the family or category it belongs to.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Word {
    /// The word itself ("anxious").
    pub word: String,
    /// Its family or category ("uneasy").
    pub group: String,
}

/// A list of words in named groups (feeling families, need categories).
#[derive(Clone, Debug, Default)]
pub struct Vocabulary {
    /// Every word, group by group, in file order.
    pub words: Vec<Word>,
}

impl Vocabulary {
    fn from_groups(groups: Vec<Group>) -> Self {
        let words = groups
            .into_iter()
            .flat_map(|g| {
                let name = g.name;
                g.words.into_iter().map(move |word| Word {
                    word,
                    group: name.clone(),
                })
            })
            .collect();
        Vocabulary { words }
    }

    /// Whether the word is in the vocabulary (case-insensitive).
    pub fn contains(&self, word: &str) -> bool {
        self.words.iter().any(|w| w.word.eq_ignore_ascii_case(word))
    }

    /// The names of the groups, in order.
    pub fn groups(&self) -> Vec<&str> {
        let mut out: Vec<&str> = Vec::new();
        for w in &self.words {
            if out.last() != Some(&w.group.as_str()) {
                out.push(&w.group);
            }
        }
        out
    }
}

#[derive(Deserialize)]
struct Group {
    name: String,
    words: Vec<String>,
}

#[derive(Deserialize)]
struct FeelingsFile {
    families: Vec<Group>,
}

#[derive(Deserialize)]
struct NeedsFile {
    categories: Vec<Group>,
}

/// One guided question of the witnessing dialogue.
#[derive(Deserialize, Clone, Debug)]
pub struct StepText {
    /// Which step it is.
    pub step: Step,
    /// Its short name ("feel toward").
    pub label: String,
    /// The question; `{part}` stands for the part's name.
    pub question: String,
    /// A quiet line under the question.
    pub hint: String,
}

/// The dialogue's questions and the nine open enquiries.
#[derive(Deserialize, Clone, Debug)]
pub struct DialogueText {
    /// The ten steps, in order.
    pub steps: Vec<StepText>,
    /// The nine enquiries, always one key away.
    pub enquiries: Vec<String>,
}

/// One of the 8 C's and words that sound like it.
#[derive(Deserialize, Clone, Debug)]
pub struct Quality {
    /// The quality ("curiosity").
    pub name: String,
    /// Words a person might write when feeling it toward a part.
    pub words: Vec<String>,
}

/// The word lists for the feel-toward check.
#[derive(Deserialize, Clone, Debug)]
pub struct SelfEnergyWords {
    /// The 8 C's.
    pub qualities: Vec<Quality>,
    /// Words that suggest another part has stepped in.
    pub concerned: Vec<String>,
    /// Words that turn a phrase around ("not").
    pub negations: Vec<String>,
}

/// One step of the self-compassion break.
#[derive(Deserialize, Clone, Debug)]
pub struct BreakStep {
    /// Its short title.
    pub title: String,
    /// A few sentences to read slowly.
    pub text: String,
    /// The invitation to write a line.
    pub prompt: String,
}

/// The self-compassion break.
#[derive(Deserialize, Clone, Debug)]
pub struct CompassionText {
    /// A line before the steps.
    pub intro: String,
    /// Mindfulness, common humanity, kindness.
    pub steps: Vec<BreakStep>,
    /// A line after the steps.
    pub outro: String,
}

/// Grounding steps and the words around the crisis contacts.
#[derive(Deserialize, Clone, Debug)]
pub struct GroundingText {
    /// A line before the steps.
    pub intro: String,
    /// Short, concrete steps.
    pub steps: Vec<String>,
    /// Why the contact list starts empty.
    pub no_contacts: String,
    /// What tend is and is not.
    pub not_therapy: String,
}

/// The note shown before a dialogue with an exile.
#[derive(Deserialize, Clone, Debug)]
pub struct ExileNote {
    /// Its title.
    pub title: String,
    /// Its text.
    pub text: String,
}

/// Everything under `assets/`, parsed once at start.
#[derive(Clone, Debug)]
pub struct Assets {
    /// Feeling words in families.
    pub feelings: Vocabulary,
    /// Need words in categories.
    pub needs: Vocabulary,
    /// The dialogue's questions and the enquiries.
    pub dialogue: DialogueText,
    /// The feel-toward word lists.
    pub self_energy: SelfEnergyWords,
    /// The self-compassion break.
    pub compassion: CompassionText,
    /// Grounding steps.
    pub grounding: GroundingText,
    /// The note before meeting an exile.
    pub exile_note: ExileNote,
}

/// The source of each asset file, by file name, as compiled in.
pub const SOURCES: [(&str, &str); 7] = [
    ("feelings.ron", include_str!("../assets/feelings.ron")),
    ("needs.ron", include_str!("../assets/needs.ron")),
    ("dialogue.ron", include_str!("../assets/dialogue.ron")),
    ("self_energy.ron", include_str!("../assets/self_energy.ron")),
    ("compassion.ron", include_str!("../assets/compassion.ron")),
    ("grounding.ron", include_str!("../assets/grounding.ron")),
    ("exile_note.ron", include_str!("../assets/exile_note.ron")),
];

fn parse<T: serde::de::DeserializeOwned>(index: usize) -> Result<T, String> {
    let (name, src) = SOURCES[index];
    ron::from_str(src).map_err(|e| format!("assets/{name}:{e}"))
}

impl Assets {
    /// Parses the compiled-in assets. An error here is a bug in this build, named by file.
    pub fn load() -> Result<Assets, String> {
        let feelings: FeelingsFile = parse(0)?;
        let needs: NeedsFile = parse(1)?;
        Ok(Assets {
            feelings: Vocabulary::from_groups(feelings.families),
            needs: Vocabulary::from_groups(needs.categories),
            dialogue: parse(2)?,
            self_energy: parse(3)?,
            compassion: parse(4)?,
            grounding: parse(5)?,
            exile_note: parse(6)?,
        })
    }
}
