//! The quotes stage's word lists: speech cues in every tense, pronouns, the words that may stand
//! between a speaker and its cue, and the nouns that name a speaker by role.

use std::collections::HashMap;
use std::sync::LazyLock;

/// How a cue takes its content.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CueClass {
    /// A speech or thought verb followed by its clause or quote ("said", "stressed", "warned").
    Say,
    /// A verb that may name its listener before the clause ("told reporters that").
    Tell,
    /// A verb that names what someone called something ("called it "a betrayal"").
    Call,
}

/// Cue verbs: each line is the forms of one verb (base, past, third person, -ing, participle).
const SAY: &[&str] = &[
    "say said says saying",
    "add added adds adding",
    "stress stressed stresses stressing",
    "reiterate reiterated reiterates reiterating",
    "warn warned warns warning",
    "deny denied denies denying",
    "insist insisted insists insisting",
    "claim claimed claims claiming",
    "argue argued argues arguing",
    "note noted notes noting",
    "explain explained explains explaining",
    "announce announced announces announcing",
    "declare declared declares declaring",
    "state stated states stating",
    "write wrote writes writing written",
    "tweet tweeted tweets tweeting",
    "post posted posts posting",
    "report reported reports reporting",
    "suggest suggested suggests suggesting",
    "acknowledge acknowledged acknowledges acknowledging",
    "admit admitted admits admitting",
    "confirm confirmed confirms confirming",
    "predict predicted predicts predicting",
    "promise promised promises promising",
    "vow vowed vows vowing",
    "pledge pledged pledges pledging",
    "assert asserted asserts asserting",
    "contend contended contends contending",
    "maintain maintained maintains maintaining",
    "conclude concluded concludes concluding",
    "recall recalled recalls recalling",
    "reply replied replies replying",
    "respond responded responds responding",
    "answer answered answers answering",
    "ask asked asks asking",
    "complain complained complains complaining",
    "concede conceded concedes conceding",
    "emphasize emphasized emphasizes emphasizing emphasise emphasised emphasises emphasising",
    "observe observed observes observing",
    "remark remarked remarks remarking",
    "repeat repeated repeats repeating",
    "reveal revealed reveals revealing",
    "estimate estimated estimates estimating",
    "believe believed believes believing",
    "think thought thinks thinking",
    "hope hoped hopes hoping",
    "fear feared fears fearing",
    "testify testified testifies testifying",
    "agree agreed agrees agreeing",
    "caution cautioned cautions cautioning",
    "urge urged urges urging",
    "allege alleged alleges alleging",
    "charge charged charges charging",
    "counter countered counters countering",
    "boast boasted boasts boasting",
    "joke joked jokes joking",
    "quip quipped quips quipping",
    "exclaim exclaimed exclaims exclaiming",
    "shout shouted shouts shouting",
    "mention mentioned mentions mentioning",
    "indicate indicated indicates indicating",
    "disclose disclosed discloses disclosing",
    "speculate speculated speculates speculating",
    "wonder wondered wonders wondering",
    "continue continued continues continuing",
    "acknowledge acknowledged acknowledges acknowledging",
    "announce announced announces announcing",
    "contend contended contends contending",
    "clarify clarified clarifies clarifying",
    "point pointed points pointing",
    "worry worried worries worrying",
    "know knew knows knowing known",
    "feel felt feels feeling",
];

/// Verbs that may name a listener between the cue and the content.
const TELL: &[&str] = &[
    "tell told tells telling",
    "inform informed informs informing",
    "assure assured assures assuring",
    "remind reminded reminds reminding",
    "advise advised advises advising",
    "convince convinced convinces convincing",
];

/// Verbs that name what someone called something (mixed quotes).
const CALL: &[&str] = &[
    "call called calls calling",
    "describe described describes describing",
    "dub dubbed dubs dubbing",
    "label labeled labelled labels labeling labelling",
    "brand branded brands branding",
];

/// Cue word (lower case) → its class and its base form.
pub static CUES: LazyLock<HashMap<&'static str, (CueClass, &'static str)>> = LazyLock::new(|| {
    let mut m = HashMap::new();
    for (class, table) in [
        (CueClass::Say, SAY),
        (CueClass::Tell, TELL),
        (CueClass::Call, CALL),
    ] {
        for line in table {
            let mut forms = line.split(' ');
            let Some(base) = forms.next() else { continue };
            m.insert(base, (class, base));
            for f in forms {
                m.insert(f, (class, base));
            }
        }
    }
    m
});

/// The cue of a lower-case word, if it is one.
pub fn cue(lower: &str) -> Option<(CueClass, &'static str)> {
    CUES.get(lower).copied()
}

/// Words that may stand between a speaker and its cue ("he also said", "Trump has repeatedly
/// said", "she would later say").
pub fn is_between(lower: &str) -> bool {
    matches!(
        lower,
        "also"
            | "has"
            | "have"
            | "had"
            | "later"
            | "previously"
            | "reportedly"
            | "repeatedly"
            | "once"
            | "then"
            | "recently"
            | "again"
            | "publicly"
            | "privately"
            | "will"
            | "would"
            | "could"
            | "may"
            | "might"
            | "can"
            | "did"
            | "does"
            | "do"
            | "not"
            | "never"
            | "often"
            | "frequently"
            | "first"
            | "further"
            | "flatly"
            | "firmly"
            | "quickly"
            | "simply"
            | "just"
            | "already"
            | "earlier"
            | "separately"
            | "initially"
            | "subsequently"
            | "openly"
            | "angrily"
            | "bluntly"
    )
}

/// What a pronoun may refer to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Pronoun {
    /// he, she: a person.
    Person,
    /// they, it, we: an organization or group (or a person, failing that, for "they").
    Group,
    /// who: the name just before ", who".
    Relative,
    /// I, you: the speaker is in the quote itself; not resolved.
    Unresolved,
}

/// The kind of a lower-case pronoun that can be a speaker.
pub fn pronoun(lower: &str) -> Option<Pronoun> {
    match lower {
        "he" | "she" => Some(Pronoun::Person),
        "they" | "it" | "we" => Some(Pronoun::Group),
        "who" | "which" => Some(Pronoun::Relative),
        "i" | "you" => Some(Pronoun::Unresolved),
        _ => None,
    }
}

/// Whether a lower-case word opens a noun phrase that can name a speaker ("the minister", "a
/// spokesman", "his aides", "two officials").
pub fn is_determiner(lower: &str) -> bool {
    matches!(
        lower,
        "the"
            | "a"
            | "an"
            | "his"
            | "her"
            | "their"
            | "its"
            | "our"
            | "this"
            | "that"
            | "these"
            | "those"
            | "one"
            | "two"
            | "three"
            | "several"
            | "some"
            | "many"
            | "most"
            | "other"
            | "another"
            | "both"
            | "few"
            | "senior"
    )
}

/// Nouns that name a speaker without a determiner ("officials said", "sources told").
pub fn is_bare_speaker(lower: &str) -> bool {
    matches!(
        lower,
        "officials"
            | "sources"
            | "analysts"
            | "experts"
            | "critics"
            | "aides"
            | "witnesses"
            | "residents"
            | "police"
            | "investigators"
            | "prosecutors"
            | "lawmakers"
            | "diplomats"
            | "economists"
            | "democrats"
            | "republicans"
            | "supporters"
            | "opponents"
            | "observers"
            | "doctors"
            | "researchers"
            | "scientists"
            | "voters"
            | "polls"
            | "reports"
            | "documents"
            | "authorities"
    )
}

/// Nouns of a description that speaks for an organization ("a spokesman for the ministry").
pub fn speaks_for(lower: &str) -> bool {
    matches!(
        lower,
        "spokesman"
            | "spokeswoman"
            | "spokesperson"
            | "spokespeople"
            | "spokesmen"
            | "representative"
            | "representatives"
            | "official"
            | "officials"
            | "source"
            | "sources"
            | "statement"
            | "aide"
            | "aides"
            | "member"
            | "members"
    )
}

/// Words that end a speaker search: a speaker never reaches over them.
pub fn is_clause_word(lower: &str) -> bool {
    matches!(
        lower,
        "and" | "but" | "or" | "because" | "if" | "when" | "while" | "as" | "than" | "so"
    )
}
