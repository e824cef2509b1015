//! The input side: one [`Article`] and the [`Include`] set of stages to compute.

use crate::error::{Error, Result};

/// One article as the caller gave it. Only `text` is needed; everything else is carried through.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Article {
    /// Caller's id (the Python layer defaults it to the position in the input).
    pub id: String,
    /// The article body; `None` when the caller's record had no text (reported in `errors`).
    pub text: Option<String>,
    /// Headline, if any.
    pub title: Option<String>,
    /// Source URL, if any.
    pub url: Option<String>,
    /// Publisher or feed name, if any.
    pub source: Option<String>,
    /// Reference date as an ISO string (`YYYY-MM-DD`, a longer ISO timestamp is cut to its date).
    pub published: Option<String>,
    /// Problems found while converting the input (e.g. lone surrogates replaced); copied to the
    /// record's `errors`.
    pub input_errors: Vec<String>,
}

impl Article {
    /// An article with only a text; its id is empty.
    pub fn from_text(text: impl Into<String>) -> Self {
        Self {
            text: Some(text.into()),
            ..Self::default()
        }
    }
}

/// A stage of the pipeline that `include` can switch on or off.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Stage {
    /// Entities (people, organizations, places, nationalities) and their mentions.
    Entities,
    /// Geocoded places (implies entities).
    Places,
    /// Temporal expressions.
    Dates,
    /// URLs, handles, hashtags, emails; embeds and boilerplate.
    Links,
    /// Quotes and reported speech with their cues and speakers (needs the entity stage, run
    /// internally when entities are not asked for).
    Quotes,
    /// Who did what to whom (roadmap).
    Events,
    /// Themes (roadmap).
    Themes,
    /// Tone (roadmap).
    Tone,
    /// Keywords (roadmap).
    Keywords,
    /// Near-duplicates across the batch or stream (`duplicate_of`).
    Duplicates,
    /// Sentence spans in the record.
    Sentences,
    /// Every word with its part of speech, lemma and dependency (UD), in the record.
    Tokens,
}

impl Stage {
    /// Every stage, in the order of the contract.
    pub const ALL: [Stage; 12] = [
        Stage::Entities,
        Stage::Places,
        Stage::Dates,
        Stage::Links,
        Stage::Quotes,
        Stage::Events,
        Stage::Themes,
        Stage::Tone,
        Stage::Keywords,
        Stage::Duplicates,
        Stage::Sentences,
        Stage::Tokens,
    ];

    /// The contract's name of the stage.
    pub fn name(self) -> &'static str {
        match self {
            Stage::Entities => "entities",
            Stage::Places => "places",
            Stage::Dates => "dates",
            Stage::Links => "links",
            Stage::Quotes => "quotes",
            Stage::Events => "events",
            Stage::Themes => "themes",
            Stage::Tone => "tone",
            Stage::Keywords => "keywords",
            Stage::Duplicates => "duplicates",
            Stage::Sentences => "sentences",
            Stage::Tokens => "tokens",
        }
    }

    /// Parses a contract name.
    ///
    /// # Errors
    /// [`Error::InvalidOption`] naming `include` when the name is unknown.
    pub fn parse(name: &str) -> Result<Self> {
        Self::ALL
            .into_iter()
            .find(|s| s.name() == name)
            .ok_or_else(|| Error::InvalidOption {
                option: "include",
                value: format!("{name:?}"),
                expected: format!(
                    "one of {}",
                    Self::ALL
                        .iter()
                        .map(|s| s.name())
                        .collect::<Vec<_>>()
                        .join(", ")
                ),
            })
    }
}

/// The set of stages to compute. Default: all but `sentences` and `tokens` (bulky, only
/// returned when asked for).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Include(u16);

impl Default for Include {
    fn default() -> Self {
        Self(Self::all().0 & !(1 << Stage::Sentences as u16) & !(1 << Stage::Tokens as u16))
    }
}

impl Include {
    /// Every stage.
    pub fn all() -> Self {
        Self((1 << Stage::ALL.len()) - 1)
    }

    /// No stage.
    pub fn none() -> Self {
        Self(0)
    }

    /// Builds the set from contract names.
    ///
    /// # Errors
    /// [`Error::InvalidOption`] for an unknown name.
    pub fn from_names<S: AsRef<str>>(names: &[S]) -> Result<Self> {
        let mut inc = Self::none();
        for n in names {
            inc = inc.with(Stage::parse(n.as_ref())?);
        }
        Ok(inc)
    }

    /// The set with `stage` added.
    #[must_use]
    pub fn with(self, stage: Stage) -> Self {
        Self(self.0 | (1 << stage as u16))
    }

    /// Whether `stage` is computed. Places need entities, so `places` implies `entities`.
    pub fn has(self, stage: Stage) -> bool {
        let direct = self.0 & (1 << stage as u16) != 0;
        direct || (stage == Stage::Entities && self.has(Stage::Places))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn include_parses_names_and_rejects_unknown() {
        let inc = Include::from_names(&["dates", "links"]).unwrap();
        assert!(inc.has(Stage::Dates) && inc.has(Stage::Links));
        assert!(!inc.has(Stage::Entities));
        let err = Include::from_names(&["datez"]).unwrap_err();
        assert!(err.to_string().contains("include") && err.to_string().contains("datez"));
    }

    #[test]
    fn places_imply_entities() {
        assert!(Include::from_names(&["places"])
            .unwrap()
            .has(Stage::Entities));
    }
}
