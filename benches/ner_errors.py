"""The error table of an entity tagger: what went wrong, by category, for the evaluation scripts.

Used by ``conll_eval.py`` (exact-span scoring) and ``meantime_eval.py`` (overlap scoring). Every
gold and predicted span lands in exactly one category:

- **correct**: the same span and label (exact mode) or an overlapping span of the same label,
  matched one to one (overlap mode);
- **type** ``GOLD→PRED``: the same span (exact) or an overlapping span (overlap) with another
  label, counted once per gold span;
- **boundary**: a predicted span that overlaps a gold span but is not the same span (overlap
  mode: a prediction of the same label that another gold span took, one span covering two
  names), counted once per gold span (``boundary+type`` when the label differs too);
- **spurious** ``LABEL``: a predicted span that overlaps no gold span;
- **missed** ``LABEL``: a gold span that no predicted span overlaps.

Spans are ``(start, end, label)`` triples; documents are small, so the per-document loops over
gold × predicted spans are fine here (this is evaluation code, not the core).
"""

from __future__ import annotations

from collections import Counter

Span = tuple[int, int, str]


def _overlap(a: Span, b: Span) -> bool:
    return a[0] < b[1] and b[0] < a[1]


def match_overlap(gold: list[Span], pred: list[Span]) -> list[tuple[Span, Span]]:
    """One-to-one pairs of overlapping spans with the same label, gold in text order, each gold
    span taking the first free predicted span that overlaps it."""
    used: set[int] = set()
    pairs = []
    for g in sorted(gold):
        for i, p in enumerate(sorted(pred)):
            if i not in used and p[2] == g[2] and _overlap(g, p):
                used.add(i)
                pairs.append((g, p))
                break
    return pairs


def categorize(gold: list[Span], pred: list[Span], *, exact: bool) -> Counter:
    """The error categories of one document (see the module's doc), as a counter of
    ``(category, detail)`` keys."""
    out: Counter = Counter()
    gold = sorted(set(gold))
    pred = sorted(set(pred))
    if exact:
        matched_g = set(gold) & set(pred)
        matched_p = set(matched_g)
    else:
        pairs = match_overlap(gold, pred)
        matched_g = {g for g, _ in pairs}
        matched_p = {p for _, p in pairs}
    out[("correct", "")] += len(matched_g)
    for g in gold:
        if g in matched_g:
            continue
        over = [p for p in pred if _overlap(g, p)]
        if not over:
            out[("missed", g[2])] += 1
            continue
        same = [p for p in over if (p[0], p[1]) == (g[0], g[1])]
        if (exact and not same) or (not exact and any(p[2] == g[2] for p in over)):
            # Overlap mode: a same-label prediction already matched to another gold name (one
            # prediction spanning two names) is a boundary error too.
            kind = "boundary" if any(p[2] == g[2] for p in over) else "boundary+type"
            out[(kind, g[2])] += 1
        else:
            p = (same or over)[0]
            out[("type", f"{g[2]}→{p[2]}")] += 1
    for p in pred:
        if p not in matched_p and not any(_overlap(g, p) for g in gold):
            out[("spurious", p[2])] += 1
    return out


ORDER = ("correct", "type", "boundary", "boundary+type", "spurious", "missed")


def table(counts: Counter, engine: str) -> list[str]:
    """Markdown rows ``| engine | category | detail | count |`` in a fixed category order, the
    details of a category by decreasing count."""
    rows = []
    for cat in ORDER:
        items = sorted(((d, n) for (c, d), n in counts.items() if c == cat), key=lambda x: (-x[1], x[0]))
        total = sum(n for _, n in items)
        if cat == "correct":
            rows.append(f"| {engine} | correct | | {total} |")
            continue
        detail = ", ".join(f"{d} {n}" for d, n in items) if items else "—"
        rows.append(f"| {engine} | {cat} | {detail} | {total} |")
    return rows
