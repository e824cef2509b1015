//! Which way a bare month or weekday points: the nearest tense cue in its sentence ("in August
//! he threatened" → past; "talks on Friday will" → future). Without a cue, the nearest one.

use super::lexicon::Tk;
use super::resolve::Dir;

/// The tense token `k` signals, if any.
fn cue(t: &[Tk], k: usize) -> Option<Dir> {
    let tk = t.get(k)?;
    let w = tk.text;
    if w.ends_with("'ll") || w.ends_with("’ll") {
        return Some(Dir::Future);
    }
    if tk.lex.is_some_and(|l| l.future) {
        return Some(Dir::Future);
    }
    // A participle after "be" ("will be held") says nothing by itself.
    let passive = k
        .checked_sub(1)
        .and_then(|p| t.get(p))
        .is_some_and(|p| p.is("be") || p.is("been") || p.is("being"));
    if passive {
        return None;
    }
    let past_form = w.len() > 4 && w.ends_with("ed") && w.bytes().all(|c| c.is_ascii_lowercase());
    (tk.lex.is_some_and(|l| l.past) || past_form).then_some(Dir::Past)
}

/// A reporting verb ("said", "told") dates the expression only right next to it ("said
/// Friday"); further away it reports a clause of its own ("the talks will end by May, officials
/// said").
fn reporting(t: &[Tk], k: usize) -> bool {
    t.get(k).is_some_and(|x| x.is("said") || x.is("told"))
}

/// A past cue more than three words away is only [`Dir::PastFar`].
fn far(c: Dir, d: usize) -> Dir {
    if c == Dir::Past && d > 3 {
        Dir::PastFar
    } else {
        c
    }
}

/// The direction for the expression on tokens `start..end` ([`Dir::Near`] without a cue).
pub(crate) fn direction(t: &[Tk], start: usize, end: usize) -> Dir {
    let Some(sent) = t.get(start).map(|x| x.sent) else {
        return Dir::Near;
    };
    for d in 1..=20 {
        let k = end + d - 1;
        if t.get(k).is_some_and(|x| x.sent == sent) && (d == 1 || !reporting(t, k)) {
            if let Some(c) = cue(t, k) {
                return far(c, d);
            }
        }
        if let Some(k) = start
            .checked_sub(d)
            .filter(|&k| t.get(k).is_some_and(|x| x.sent == sent))
            .filter(|&k| d == 1 || !reporting(t, k))
        {
            if let Some(c) = cue(t, k) {
                return far(c, d);
            }
        }
    }
    Dir::Near
}
