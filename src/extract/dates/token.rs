//! What every rule family shares, below all of them: the match type [`M`] the families return,
//! and the token tests they all use (the word-list entry of a token, a four-digit year, a day
//! word that starts a title). `absolute`, `relative` and `scan` import from here and from
//! `lexicon`/`resolve` only, never from each other's level upwards.

use super::lexicon::{Lex, Tk};
use super::resolve::Sem;

/// A match: the token after its end, its meaning, and whether a preceding "the" belongs to it.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct M {
    /// Index of the first token after the match.
    pub end: usize,
    /// Meaning.
    pub sem: Sem,
    /// Whether "the" before it joins the span ("the third quarter", not "the Sept. 30 deadline").
    pub the: bool,
}

impl M {
    /// A match ending before token `end`.
    pub(crate) fn new(end: usize, sem: Sem) -> Self {
        Self {
            end,
            sem,
            the: false,
        }
    }

    /// Lets a preceding "the" join the span.
    pub(crate) fn the(mut self) -> Self {
        self.the = true;
        self
    }
}

/// The word-list entry of token `i`.
pub(crate) fn lx(t: &[Tk], i: usize) -> Option<&'static Lex> {
    t.get(i).and_then(|x| x.lex)
}

/// A four-digit year token (1000-2099).
pub(crate) fn year_num(t: &[Tk], i: usize) -> Option<i32> {
    let tk = t.get(i)?;
    let y = tk.num?;
    (tk.ndig == 4 && (1000..=2099).contains(&y)).then_some(y as i32)
}

/// Whether the day word at `i` starts a title ("Sunday Times", "Today Programme"): the next
/// word is a capitalized title word of the word list.
pub(crate) fn names_title(t: &[Tk], i: usize) -> bool {
    t.get(i + 1)
        .is_some_and(|n| n.cap && n.lex.is_some_and(|l| l.title))
}
