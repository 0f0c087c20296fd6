//! A part and what the person knows of it: role, status, free-text fields, feelings, needs
//! and where it lives in the body.

use std::collections::BTreeSet;

use jiff::Timestamp;
use serde::{Deserialize, Serialize};

/// A part's stable id; never reused within a map while the part exists.
#[derive(
    Serialize, Deserialize, Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Default,
)]
#[serde(transparent)]
pub struct PartId(pub u32);

/// One part of the person, as far as they know it so far.
#[derive(Serialize, Deserialize, Clone, Debug, PartialEq, Eq)]
pub struct Part {
    /// Stable id, referenced by relations and sessions.
    pub id: PartId,
    /// The person's own name for it ("The Critic").
    pub name: String,
    /// Manager, firefighter, exile, or not yet known.
    #[serde(default)]
    pub role: Role,
    /// How far the person has come with it.
    #[serde(default)]
    pub status: Status,
    /// How old it feels ("about 9").
    #[serde(default)]
    pub felt_age: String,
    /// How it looks or sounds.
    #[serde(default)]
    pub appearance: String,
    /// What it does for the person.
    #[serde(default)]
    pub job: String,
    /// What it hopes to bring about.
    #[serde(default)]
    pub positive_intent: String,
    /// What it fears would happen if it stopped.
    #[serde(default)]
    pub fears: String,
    /// Beliefs or feelings it carries.
    #[serde(default)]
    pub burdens: Vec<Burden>,
    /// What tends to bring it out (trailheads).
    #[serde(default)]
    pub triggers: String,
    /// Where it is felt in the body.
    #[serde(default)]
    pub body: Vec<BodySpot>,
    /// Feelings that come with it.
    #[serde(default)]
    pub feelings: Vec<Feeling>,
    /// What it needs, met or not.
    #[serde(default)]
    pub needs: Vec<Need>,
    /// Anything else, in the person's words.
    #[serde(default)]
    pub notes: String,
    /// The text fields marked private (hidden when presenting).
    #[serde(default)]
    pub private: BTreeSet<TextField>,
    /// Where it sits on the parts map, once placed.
    #[serde(default)]
    pub position: Option<Position>,
    /// When it was first named.
    pub created: Timestamp,
}

impl Part {
    /// A newly named part: role unsure, just met, notes private.
    pub fn new(id: PartId, name: impl Into<String>, created: Timestamp) -> Self {
        Part {
            id,
            name: name.into(),
            role: Role::Unsure,
            status: Status::JustMet,
            felt_age: String::new(),
            appearance: String::new(),
            job: String::new(),
            positive_intent: String::new(),
            fears: String::new(),
            burdens: Vec::new(),
            triggers: String::new(),
            body: Vec::new(),
            feelings: Vec::new(),
            needs: Vec::new(),
            notes: String::new(),
            private: BTreeSet::from([TextField::Notes]),
            position: None,
            created,
        }
    }

    /// The text of a free-text field. Burdens read as one per line.
    pub fn text(&self, field: TextField) -> String {
        match field {
            TextField::FeltAge => self.felt_age.clone(),
            TextField::Appearance => self.appearance.clone(),
            TextField::Job => self.job.clone(),
            TextField::PositiveIntent => self.positive_intent.clone(),
            TextField::Fears => self.fears.clone(),
            TextField::Burdens => self
                .burdens
                .iter()
                .map(|b| b.text.as_str())
                .collect::<Vec<_>>()
                .join("\n"),
            TextField::Triggers => self.triggers.clone(),
            TextField::Notes => self.notes.clone(),
        }
    }

    /// Sets a free-text field. For burdens, each non-empty line is one burden, and a burden
    /// whose words are unchanged keeps its origin.
    pub fn set_text(&mut self, field: TextField, text: String) {
        let slot = match field {
            TextField::FeltAge => &mut self.felt_age,
            TextField::Appearance => &mut self.appearance,
            TextField::Job => &mut self.job,
            TextField::PositiveIntent => &mut self.positive_intent,
            TextField::Fears => &mut self.fears,
            TextField::Triggers => &mut self.triggers,
            TextField::Notes => &mut self.notes,
            TextField::Burdens => {
                let old = std::mem::take(&mut self.burdens);
                self.burdens = text
                    .lines()
                    .map(str::trim)
                    .filter(|l| !l.is_empty())
                    .map(|line| Burden {
                        text: line.to_string(),
                        origin: old
                            .iter()
                            .find(|b| b.text == line)
                            .map(|b| b.origin)
                            .unwrap_or_default(),
                    })
                    .collect();
                return;
            }
        };
        *slot = text;
    }

    /// Whether a field is marked private.
    pub fn is_private(&self, field: TextField) -> bool {
        self.private.contains(&field)
    }
}

/// The free-text fields of a part, each of which can be marked private.
#[derive(Serialize, Deserialize, Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum TextField {
    /// How old it feels.
    FeltAge,
    /// How it looks or sounds.
    Appearance,
    /// What it does.
    Job,
    /// What it hopes for.
    PositiveIntent,
    /// What it fears would happen if it stopped.
    Fears,
    /// What it carries.
    Burdens,
    /// What brings it out.
    Triggers,
    /// Free notes.
    Notes,
}

impl TextField {
    /// The fields in the order the Part pane shows them (notes live in their own pane).
    pub const SHOWN: [TextField; 7] = [
        TextField::FeltAge,
        TextField::Appearance,
        TextField::Job,
        TextField::PositiveIntent,
        TextField::Fears,
        TextField::Burdens,
        TextField::Triggers,
    ];

    /// The short label beside the value.
    pub fn label(self) -> &'static str {
        match self {
            TextField::FeltAge => "felt age",
            TextField::Appearance => "looks",
            TextField::Job => "job",
            TextField::PositiveIntent => "hopes",
            TextField::Fears => "fears",
            TextField::Burdens => "carries",
            TextField::Triggers => "comes out",
            TextField::Notes => "notes",
        }
    }

    /// The gentle question that heads the editor for this field.
    pub fn question(self) -> &'static str {
        match self {
            TextField::FeltAge => "How old does it feel?",
            TextField::Appearance => "How does it look or sound to you?",
            TextField::Job => "What does it do for you?",
            TextField::PositiveIntent => "What is it hoping for, underneath?",
            TextField::Fears => "What does it fear would happen if it stopped?",
            TextField::Burdens => "What does it carry? One belief or feeling per line.",
            TextField::Triggers => "What tends to bring it out?",
            TextField::Notes => "Notes, in your own words.",
        }
    }

    /// Whether the field is edited on one line (`Enter` confirms).
    pub fn single_line(self) -> bool {
        matches!(self, TextField::FeltAge)
    }
}

/// A part's protective role, or that it is not known yet.
#[derive(
    Serialize, Deserialize, Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Default,
)]
pub enum Role {
    /// Protects in advance: planning, controlling, criticising.
    Manager,
    /// Protects in an emergency: numbing, bingeing, rage.
    Firefighter,
    /// Young, hurt, carries burdens.
    Exile,
    /// Not known yet.
    #[default]
    Unsure,
}

impl Role {
    /// Every role, in the order pickers show them.
    pub const ALL: [Role; 4] = [Role::Manager, Role::Firefighter, Role::Exile, Role::Unsure];

    /// The glyph that marks the role everywhere (never colour alone).
    pub fn glyph(self) -> &'static str {
        match self {
            Role::Manager => "▲",
            Role::Firefighter => "◆",
            Role::Exile => "●",
            Role::Unsure => "?",
        }
    }

    /// The word for the role.
    pub fn word(self) -> &'static str {
        match self {
            Role::Manager => "manager",
            Role::Firefighter => "firefighter",
            Role::Exile => "exile",
            Role::Unsure => "unsure",
        }
    }

    /// One line on what the role means, shown in the role picker.
    pub fn describe(self) -> &'static str {
        match self {
            Role::Manager => "keeps things under control ahead of time",
            Role::Firefighter => "rushes in when the pain is already here",
            Role::Exile => "young, hurt, carrying something heavy",
            Role::Unsure => "not sure yet, and that is fine",
        }
    }
}

/// How far the person has come in knowing a part.
#[derive(
    Serialize, Deserialize, Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Default,
)]
pub enum Status {
    /// Named, not much more yet.
    #[default]
    JustMet,
    /// Learning about it.
    GettingToKnow,
    /// There is trust between it and Self.
    Befriended,
    /// Its story has been heard.
    Witnessed,
    /// It has set down what it carried.
    Unburdened,
}

impl Status {
    /// Every status, in order.
    pub const ALL: [Status; 5] = [
        Status::JustMet,
        Status::GettingToKnow,
        Status::Befriended,
        Status::Witnessed,
        Status::Unburdened,
    ];

    /// The words for the status.
    pub fn word(self) -> &'static str {
        match self {
            Status::JustMet => "just met",
            Status::GettingToKnow => "getting to know",
            Status::Befriended => "befriended",
            Status::Witnessed => "witnessed",
            Status::Unburdened => "unburdened",
        }
    }
}

/// A belief or feeling a part carries.
#[derive(Serialize, Deserialize, Clone, Debug, PartialEq, Eq)]
pub struct Burden {
    /// The belief or feeling, in the person's words.
    pub text: String,
    /// Whether it is the person's own or handed down.
    #[serde(default)]
    pub origin: BurdenOrigin,
}

/// Where a burden came from, as the person sees it.
#[derive(
    Serialize, Deserialize, Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Default,
)]
pub enum BurdenOrigin {
    /// Not said.
    #[default]
    Unsure,
    /// From the person's own life.
    Personal,
    /// Handed down (family, culture, history).
    Legacy,
}

impl BurdenOrigin {
    /// The next origin when cycling with a key.
    pub fn next(self) -> Self {
        match self {
            BurdenOrigin::Unsure => BurdenOrigin::Personal,
            BurdenOrigin::Personal => BurdenOrigin::Legacy,
            BurdenOrigin::Legacy => BurdenOrigin::Unsure,
        }
    }

    /// The word shown beside the burden (empty when not said).
    pub fn word(self) -> &'static str {
        match self {
            BurdenOrigin::Unsure => "",
            BurdenOrigin::Personal => "personal",
            BurdenOrigin::Legacy => "legacy",
        }
    }
}

/// A feeling that comes with a part, and how strong it is.
#[derive(Serialize, Deserialize, Clone, Debug, PartialEq, Eq)]
pub struct Feeling {
    /// The word, from the vocabulary or the person's own.
    pub word: String,
    /// How strong, 0 to 10.
    pub intensity: u8,
}

impl Feeling {
    /// The intensity a newly picked feeling starts at.
    pub const START: u8 = 5;
    /// The strongest intensity.
    pub const MAX: u8 = 10;
}

/// A need that goes with a part, met or not.
#[derive(Serialize, Deserialize, Clone, Debug, PartialEq, Eq)]
pub struct Need {
    /// The word, from the vocabulary or the person's own.
    pub word: String,
    /// Whether it is met these days.
    #[serde(default)]
    pub met: bool,
}

/// A place in the body where a part is felt.
#[derive(Serialize, Deserialize, Clone, Debug, PartialEq, Eq)]
pub struct BodySpot {
    /// The region of the body.
    pub region: Region,
    /// Left, centre or right.
    #[serde(default)]
    pub side: Side,
    /// What it feels like there ("tight").
    #[serde(default)]
    pub sensation: String,
}

/// Regions of the body a part can be felt in.
#[derive(Serialize, Deserialize, Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Region {
    Head,
    Face,
    Throat,
    Shoulders,
    Chest,
    Heart,
    Belly,
    Pelvis,
    Back,
    Arms,
    Hands,
    Legs,
    Feet,
}

impl Region {
    /// Every region, head to feet.
    pub const ALL: [Region; 13] = [
        Region::Head,
        Region::Face,
        Region::Throat,
        Region::Shoulders,
        Region::Chest,
        Region::Heart,
        Region::Belly,
        Region::Pelvis,
        Region::Back,
        Region::Arms,
        Region::Hands,
        Region::Legs,
        Region::Feet,
    ];

    /// The word for the region.
    pub fn word(self) -> &'static str {
        match self {
            Region::Head => "head",
            Region::Face => "face",
            Region::Throat => "throat",
            Region::Shoulders => "shoulders",
            Region::Chest => "chest",
            Region::Heart => "heart",
            Region::Belly => "belly",
            Region::Pelvis => "pelvis",
            Region::Back => "back",
            Region::Arms => "arms",
            Region::Hands => "hands",
            Region::Legs => "legs",
            Region::Feet => "feet",
        }
    }
}

/// Which side of the body.
#[derive(
    Serialize, Deserialize, Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Default,
)]
pub enum Side {
    Left,
    #[default]
    Centre,
    Right,
}

impl Side {
    /// Every side, left to right.
    pub const ALL: [Side; 3] = [Side::Left, Side::Centre, Side::Right];

    /// The word for the side.
    pub fn word(self) -> &'static str {
        match self {
            Side::Left => "left",
            Side::Centre => "centre",
            Side::Right => "right",
        }
    }
}

/// Where a part sits on the parts map, in map cells from the centre (Self).
#[derive(Serialize, Deserialize, Clone, Copy, Debug, PartialEq, Eq, Default)]
pub struct Position {
    /// Columns right of centre (negative: left).
    pub x: i16,
    /// Rows below centre (negative: above).
    pub y: i16,
}
