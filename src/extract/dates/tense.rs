//! Which way a bare month or weekday points: the nearest tense cue in its sentence ("in August
//! he threatened" → past; "talks on Friday will" → future). News defaults to the past.

use super::lexicon::Tk;
use super::resolve::Dir;

fn cue(tk: &Tk) -> Option<Dir> {
    if let Some(l) = tk.lex {
        if l.future {
            return Some(Dir::Future);
        }
        if l.past {
            return Some(Dir::Past);
        }
    }
    let w = tk.text;
    if w.ends_with("'ll") || w.ends_with("’ll") {
        return Some(Dir::Future);
    }
    if w.len() > 4 && w.ends_with("ed") && w.bytes().all(|c| c.is_ascii_lowercase()) {
        return Some(Dir::Past);
    }
    None
}

/// The direction for the expression on tokens `start..end` ([`Dir::Near`] without a cue).
pub(crate) fn direction(t: &[Tk], start: usize, end: usize) -> Dir {
    let Some(sent) = t.get(start).map(|x| x.sent) else {
        return Dir::Near;
    };
    for d in 1..=20 {
        if let Some(tk) = t.get(end + d - 1).filter(|x| x.sent == sent) {
            if let Some(c) = cue(tk) {
                return c;
            }
        }
        if let Some(tk) = start
            .checked_sub(d)
            .and_then(|p| t.get(p))
            .filter(|x| x.sent == sent)
        {
            if let Some(c) = cue(tk) {
                return c;
            }
        }
    }
    Dir::Near
}
