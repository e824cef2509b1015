//! The quotes stage's word lists: speech cues in every tense, pronouns, the words that may stand
//! between a speaker and its cue, and the nouns that name a speaker by role.

// foldhash (seeded per process), not SipHash: these maps are looked up per word.
use foldhash::{HashMap, HashMapExt};
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
    /// A verb that attributes a direct quote only ("he continued").
    Quoting,
    /// A verb of stance whose object is the attributed content ("criticized the plan", "polls
    /// show ...", "declined to comment"): reported speech in the broad sense of attribution
    /// corpora, never the cue of a direct quote.
    Act,
}

/// Cue verbs: each line is the forms of one verb (base, past, third person, -ing, participle);
/// a form that was right less than a third of the time on PolNeAR train is left out.
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
    "stated stating",
    "write wrote writes writing written",
    "tweeted tweets tweeting",
    "posted",
    "reported reporting",
    "suggest suggested suggests suggesting",
    "acknowledge acknowledged acknowledges acknowledging",
    "admit admitted admits admitting",
    "confirm confirmed confirms confirming",
    "predict predicted predicts predicting",
    "promise promised promises promising",
    "vow vowed vows",
    "pledge pledged pledges pledging",
    "assert asserted asserts asserting",
    "contend contended contends contending",
    "maintain maintained",
    "conclude concluded concludes concluding",
    "recall recalled recalls recalling",
    "reply replied replies replying",
    "respond responded responds responding",
    "answered",
    "ask asked asks asking",
    "complained complains complaining",
    "concede conceded concedes conceding",
    "emphasize emphasized emphasizes emphasise emphasised emphasises",
    "observe observed observes observing",
    "remarked remarking",
    "repeat repeated repeats repeating",
    "reveal revealed reveals revealing",
    "estimated",
    "believe believed believes",
    "think thought thinks",
    "hope hoped hopes hoping",
    "fear feared fears fearing",
    "testify testified testifies testifying",
    "agree agreed agrees agreeing",
    "caution cautioned cautions cautioning",
    "urge urged urges urging",
    "allege alleged alleges alleging",
    "charged",
    "countered",
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
    "acknowledge acknowledged acknowledges acknowledging",
    "announce announced announces announcing",
    "contend contended contends contending",
    "clarify clarified clarifies clarifying",
    "worry worried worries worrying",
];

/// Verbs of stance (forms that are rarely nouns).
const ACT: &[&str] = &[
    "criticize criticized criticizes criticizing criticise criticised",
    "accuse accused accuses accusing",
    "endorse endorsed endorses endorsing",
    "praise praised praises praising",
    "defend defended defends defending",
    "reject rejected rejects rejecting",
    "propose proposed proposes proposing",
    "want wants wanted wanting",
    "show shows showed showing shown",
    "found finds",
    "cite cited cites citing",
    "decline declined declines declining",
    "refuse refused refuses refusing",
    "seek sought seeks seeking",
    "oppose opposed opposes opposing",
    "blame blamed blames blaming",
    "denounce denounced denounces denouncing",
    "decry decried decries decrying",
    "questioned questioning",
    "dismiss dismissed dismisses dismissing",
    "blast blasted blasts blasting",
    "slam slammed slams slamming",
    "condemn condemned condemns condemning",
    "welcome welcomed welcomes welcoming",
    "supported supports supporting",
    "backed backing",
    "planned plans planning",
    "prefer preferred prefers preferring",
    "expect expected expects expecting",
    "attacked attacking",
    "mock mocked mocks mocking",
    "demanded demanding",
    // Seen missed on PolNeAR train (each kept where most of its predictions were right there).
    "offered offers",
    "express expressed expresses expressing",
    "refer referred refers",
    "point pointed points pointing",
    "talk talked talks talking",
    "speak spoke speaks speaking",
    "feel",
    "decide decided decides deciding",
    "discuss discussed discusses discussing",
    "see sees",
    "know knows",
    "viewed",
    "pushed pushes",
    "order ordered orders ordering",
    "echo echoed echoes echoing",
    "rail railed rails railing",
    "unveil unveiled unveils unveiling",
    "challenged",
    "emailed",
    "remember remembered remembers remembering",
    "considered considers",
    "advocate advocated advocates advocating",
    "focused focuses",
    "comment commented comments commenting",
    "disagree disagreed disagrees disagreeing",
    "doubt doubted doubts doubting",
    "applauded",
    "tout touted touts touting",
    "dispute disputed disputes disputing",
    "recommend recommended recommends recommending",
    "threaten threatened threatens threatening",
    "hint hinted hints hinting",
    "imply implied implies implying",
    "characterize characterized characterizes characterizing",
    "portray portrayed portrays portraying",
    "apologize apologized apologizes apologizing",
    "voted",
    "anticipate anticipated anticipates anticipating",
    "regret regretted regrets regretting",
    "lament lamented laments lamenting",
    "ridicule ridiculed ridicules ridiculing",
    "lambaste lambasted lambastes lambasting",
];

/// Verbs that attribute a direct quote but govern no reported clause of their own ("he
/// continued").
const QUOTING: &[&str] = &["continue continued continues continuing"];

/// Verbs that may name a listener between the cue and the content.
const TELL: &[&str] = &[
    "tell told tells telling",
    "inform informed informs informing",
    "assure assured assures assuring",
    "remind reminded reminds reminding",
    "advises",
    "convince convinced convinces convincing",
];

/// Verbs that name what someone called something (mixed quotes).
const CALL: &[&str] = &[
    "call called calls calling",
    "describe described describes describing",
    "dub dubbed dubs dubbing",
    "label labeled labelled labels labeling labelling",
    "branded branding",
];

/// Cue word (lower case) → its class and its base form.
pub static CUES: LazyLock<HashMap<&'static str, (CueClass, &'static str)>> = LazyLock::new(|| {
    let mut m = HashMap::new();
    for (class, table) in [
        (CueClass::Say, SAY),
        (CueClass::Tell, TELL),
        (CueClass::Call, CALL),
        (CueClass::Quoting, QUOTING),
        (CueClass::Act, ACT),
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

/// Whether a cue of base form `lemma` takes its content after the particle `particle` ("talked
/// about the economy", "pointed out that", "called for a ban", "railed against the deal").
pub fn takes_particle(lemma: &str, particle: &str) -> bool {
    matches!(
        (lemma, particle),
        (
            "talk" | "speak" | "complain" | "boast" | "wonder" | "worry" | "think" | "warn",
            "about"
        ) | ("speak" | "warn", "of")
            | ("point" | "refer" | "object", "to")
            | ("point" | "speak", "out")
            | ("rail" | "speak" | "warn" | "argue" | "voted", "against")
            | (
                "call" | "pushed" | "advocate" | "argue" | "voted" | "hope" | "ask" | "apologize",
                "for"
            )
            | ("comment" | "focused" | "agree", "on")
            | ("agree" | "disagree", "with")
    )
}

/// Whether a cue of base form `lemma` is one only with its particle ("pointed out", "talked
/// about"; "points" and "talks" alone are nouns as often as not).
pub fn needs_particle(lemma: &str) -> bool {
    matches!(
        lemma,
        "point" | "talk" | "speak" | "rail" | "refer" | "focused" | "voted" | "comment"
    )
}

/// Whether a word of `len` bytes whose first, second and last bytes are `first`, `second` (0
/// for a word of one byte) and `last`, in lower case, may be a cue: `false` says [`cue`] of the
/// word is `None`, without hashing the word (a bit per hashed quadruple, [`CUE_SHAPES`]).
pub fn may_be_cue(len: usize, first: u8, second: u8, last: u8) -> bool {
    let h = shape_bit(len, first, second, last);
    CUE_SHAPES
        .get(h / 64)
        .is_some_and(|w| w >> (h % 64) & 1 == 1)
}

/// Bits of the [`CUE_SHAPES`] table.
const SHAPE_BITS: usize = 1 << 16;

/// The bit of a word's shape (length, first, second and last bytes) in [`CUE_SHAPES`].
fn shape_bit(len: usize, first: u8, second: u8, last: u8) -> usize {
    let key = (len as u64 & 0xff)
        | u64::from(first) << 8
        | u64::from(second) << 16
        | u64::from(last) << 24;
    // Fibonacci hashing: the top 16 bits of the product.
    (key.wrapping_mul(0x9E37_79B9_7F4A_7C15) >> 48) as usize % SHAPE_BITS
}

/// The shapes of the cue words, hashed into [`SHAPE_BITS`] bits (about one in a hundred other
/// shapes shares a bit with a cue's).
static CUE_SHAPES: LazyLock<Vec<u64>> = LazyLock::new(|| {
    let mut bits = vec![0u64; SHAPE_BITS / 64];
    for word in CUES.keys() {
        let b = word.as_bytes();
        let (Some(&a), Some(&z)) = (b.first(), b.last()) else {
            continue;
        };
        let h = shape_bit(b.len(), a, b.get(1).copied().unwrap_or(0), z);
        if let Some(w) = bits.get_mut(h / 64) {
            *w |= 1 << (h % 64);
        }
    }
    bits
});

/// The cue of a lower-case word, if it is one.
pub fn cue(lower: &str) -> Option<(CueClass, &'static str)> {
    let b = lower.as_bytes();
    if let (Some(&first), Some(&last)) = (b.first(), b.last()) {
        if !CUE_ENDS.has(b.len(), first, last) {
            return None;
        }
    }
    CUES.get(lower).copied()
}

/// Per length (in bytes, up to 31): the bytes the cue words of that length start and end
/// with (bit sets), so that most words are known to be no cue without hashing them.
struct Ends {
    first: [[u64; 4]; 32],
    last: [[u64; 4]; 32],
}

impl Ends {
    fn bit(bits: &[u64; 4], b: u8) -> bool {
        bits.get(usize::from(b >> 6))
            .is_some_and(|w| w >> (b & 63) & 1 == 1)
    }

    /// Whether a cue word of `len` bytes may start with `first` and end with `last`.
    fn has(&self, len: usize, first: u8, last: u8) -> bool {
        if len >= self.first.len() {
            return true;
        }
        self.first.get(len).is_some_and(|f| Self::bit(f, first))
            && self.last.get(len).is_some_and(|l| Self::bit(l, last))
    }
}

/// The [`Ends`] of the cue words.
static CUE_ENDS: LazyLock<Ends> = LazyLock::new(|| {
    let mut e = Ends {
        first: [[0; 4]; 32],
        last: [[0; 4]; 32],
    };
    for word in CUES.keys() {
        let b = word.as_bytes();
        let (Some(&a), Some(&z)) = (b.first(), b.last()) else {
            continue;
        };
        if let (Some(f), Some(l)) = (e.first.get_mut(b.len()), e.last.get_mut(b.len())) {
            if let Some(w) = f.get_mut(usize::from(a >> 6)) {
                *w |= 1 << (a & 63);
            }
            if let Some(w) = l.get_mut(usize::from(z >> 6)) {
                *w |= 1 << (z & 63);
            }
        }
    }
    e
});

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

/// Week days and months: a capitalized one before a cue is a date, not a speaker.
pub fn is_calendar(lower: &str) -> bool {
    matches!(
        lower,
        "monday"
            | "tuesday"
            | "wednesday"
            | "thursday"
            | "friday"
            | "saturday"
            | "sunday"
            | "january"
            | "february"
            | "march"
            | "april"
            | "june"
            | "july"
            | "august"
            | "september"
            | "october"
            | "november"
            | "december"
            | "today"
            | "yesterday"
    )
}

/// Words a speaker's noun phrase never holds: verbs of being and having, prepositions other
/// than the "for"/"of" of "a spokesman for the ministry", pronouns and complementizers.
pub fn breaks_phrase(lower: &str) -> bool {
    matches!(
        lower,
        "is" | "was"
            | "were"
            | "are"
            | "be"
            | "been"
            | "being"
            | "it"
            | "that"
            | "which"
            | "by"
            | "in"
            | "on"
            | "at"
            | "to"
            | "into"
            | "about"
            | "after"
            | "before"
            | "during"
            | "since"
            | "over"
            | "under"
            | "not"
            | "there"
            | "what"
            | "how"
            | "why"
            | "where"
            | "all"
            | "here"
            | "now"
            | "still"
            | "even"
            | "yet"
            | "so"
            | "just"
            | "of"
            | "for"
            | "with"
            | "from"
    )
}

/// A person's grammatical gender, for "he" and "she".
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Gender {
    /// "he".
    Male,
    /// "she".
    Female,
}

/// Common English given names, hand-picked (no counts): female ones.
const FEMALE: &str = "hillary nancy elizabeth mary patricia jennifer linda barbara susan jessica \
    sarah karen lisa betty margaret sandra ashley kimberly emily donna michelle carol amanda \
    melissa deborah stephanie rebecca sharon laura cynthia kathleen amy angela shirley anna \
    brenda pamela emma nicole helen samantha katherine christine debra rachel carolyn janet \
    catherine maria heather diane ruth julie olivia joyce virginia victoria kelly lauren \
    christina joan evelyn judith megan andrea cheryl hannah jacqueline martha gloria teresa \
    ann sara madison frances kathryn janice jean abigail alice judy sophia grace denise amber \
    doris marilyn danielle beverly isabella theresa diana natalie brittany charlotte marie \
    kayla alexis lori chelsea melania ivanka michele condoleezza sonia ruth theresa angela \
    carly kellyanne huma donna debbie nikki sarah marine kamala elena loretta hope jill \
    tulsi kirsten dianne maxine claire heidi jeanne susana lisa ileana marsha sheila jan \
    roberta federica christiane ursula theresa";

/// Common English given names, hand-picked (no counts): male ones.
const MALE: &str = "donald bernie barack ted marco jeb ben john james robert michael william \
    david richard joseph thomas charles christopher daniel matthew anthony mark paul steven \
    andrew kenneth joshua kevin brian george timothy ronald edward jason jeffrey ryan jacob \
    gary nicholas eric jonathan stephen larry justin scott brandon benjamin samuel gregory \
    alexander frank patrick raymond jack dennis jerry tyler aaron jose adam nathan henry \
    douglas zachary peter kyle walter ethan jeremy harold keith christian roger noah gerald \
    carl terry sean austin arthur lawrence jesse dylan bryan joe jordan billy bruce albert \
    willie gabriel logan alan juan wayne roy ralph randy eugene vincent russell elijah louis \
    bobby philip johnny mike chris bill tim jim tom dan steve rand mitt newt rick chuck mitch \
    reince harry lindsey orrin rudy vladimir xi benjamin bashar recep emmanuel francois \
    khalifa fayez marco claudio silvio matteo boris david nigel jeremy justin shinzo kim \
    hassan ali mohammed muhammad ahmed omar abdel abu martin luther colin dick al bob joel \
    reid sherrod cory corey tom jon chris mike pat dave greg doug ed nick ken joel reince";

/// The gender of a given name (case-insensitive), when the lists know it.
pub fn gender(name: &str) -> Option<Gender> {
    static NAMES: LazyLock<HashMap<String, Gender>> = LazyLock::new(|| {
        let mut m = HashMap::new();
        for w in MALE.split_whitespace() {
            m.insert(w.to_string(), Gender::Male);
        }
        for w in FEMALE.split_whitespace() {
            m.insert(w.to_string(), Gender::Female);
        }
        m
    });
    if name.len() > 12 {
        return None;
    }
    NAMES.get(&name.to_lowercase()).copied()
}

/// The gender an honorific tells ("Mrs." → female).
pub fn honorific(word: &str) -> Option<Gender> {
    match word.trim_end_matches('.') {
        "Mr" | "Sir" | "Lord" | "Mister" => Some(Gender::Male),
        "Mrs" | "Ms" | "Miss" | "Madam" | "Lady" | "Dame" => Some(Gender::Female),
        _ => None,
    }
}
