"""An article with its facts highlighted, as HTML for a notebook (in the manner of displaCy).

>>> import newsfacts as nf
>>> text = "Libyan Field Marshal Khalifa Haftar held talks in Rome."
>>> html = nf.render(nf.extract_one(text, include=["text"])).html
>>> html.startswith("<div")
True
"""

from __future__ import annotations

import html as _html
from collections.abc import Mapping
from typing import Any

from .errors import InvalidInputError

#: Background colour of each entity type, and of dates and links.
COLORS = {
    "PERSON": "#aa9cfc",
    "ORG": "#7aecec",
    "LOC": "#feca74",
    "NORP": "#c887fb",
    "MISC": "#e4e7d2",
    "DATE": "#bfe1d9",
    "LINK": "#9cc9cc",
}
_BLOCK_COLOR = "#eeeeee"
#: Underline of quotes and reported speech.
QUOTE_COLOR = "#e8590c"

_STYLE = (
    "<style>"
    ".nf-doc{line-height:2.2;white-space:pre-wrap;font-family:sans-serif;font-size:14px;"
    "direction:ltr;color:#222}"
    ".nf-mark{padding:0.2em 0.35em;margin:0 0.1em;border-radius:0.35em;line-height:1}"
    ".nf-label{font-size:0.65em;font-weight:bold;line-height:1;border-radius:0.35em;"
    "vertical-align:middle;margin-left:0.4em;text-transform:uppercase}"
    ".nf-block{background:" + _BLOCK_COLOR + ";color:#777;border-left:3px solid #bbb;padding-left:0.3em}"
    ".nf-legend{font-family:sans-serif;font-size:12px;margin-bottom:0.6em}"
    ".nf-legend span{padding:0.1em 0.4em;margin-right:0.4em;border-radius:0.3em}"
    ".nf-quote{border-bottom:2px solid " + QUOTE_COLOR + ";background:#fff4e6}"
    ".nf-quote.nf-indirect{border-bottom-style:dashed;background:none}"
    ".nf-speaker{color:" + QUOTE_COLOR + ";font-size:0.75em;font-weight:bold;margin-left:0.3em}"
    "</style>"
)


class Rendering:
    """HTML of one article with its facts marked. Jupyter shows it through ``_repr_html_``.

    Attributes:
        html: the HTML fragment (a ``<div>`` with its own ``<style>``).
    """

    def __init__(self, html: str) -> None:
        self.html = html

    def _repr_html_(self) -> str:
        return self.html

    def __str__(self) -> str:
        return self.html

    def __repr__(self) -> str:
        return f"Rendering({len(self.html)} characters of HTML)"

    def save(self, path: str) -> None:
        """Writes a standalone HTML page."""
        with open(path, "w", encoding="utf-8") as f:
            f.write(
                f'<!DOCTYPE html><html><head><meta charset="utf-8"></head><body>{self.html}</body></html>'
            )


def _quotes(record: Mapping[str, Any], n: int) -> list[tuple[int, int, str, str]]:
    """Quotes ``(start, end, kind, speaker)`` within ``[0, n]``, none overlapping (the earlier and
    longer wins)."""
    out: list[tuple[int, int, str, str]] = []
    for q in record.get("quotes") or []:
        s, e = q.get("start"), q.get("end")
        if isinstance(s, int) and isinstance(e, int) and 0 <= s < e <= n:
            out.append(
                (s, e, str(q.get("kind") or "direct"), str(q.get("speaker_name") or "unknown speaker"))
            )
    kept: list[tuple[int, int, str, str]] = []
    for q in sorted(out, key=lambda q: (q[0], -(q[1] - q[0]))):
        if not kept or q[0] >= kept[-1][1]:
            kept.append(q)
    return kept


def _spans(
    record: Mapping[str, Any], n: int
) -> tuple[list[tuple[int, int, str, str]], list[tuple[int, int, str]]]:
    """Inline marks ``(start, end, label, title)`` and blocks ``(start, end, kind)``, within ``[0, n]``."""
    marks: list[tuple[int, int, str, str]] = []
    for e in record.get("entities") or []:
        for m in e.get("mentions") or []:
            title = f"{e.get('id', '')} {e.get('name', '')} ({e.get('type', '')})"
            if e.get("titles"):
                title += " — " + ", ".join(e["titles"])
            marks.append((m["start"], m["end"], str(e.get("type", "MISC")), title))
    for d in record.get("dates") or []:
        marks.append((d["start"], d["end"], "DATE", f"{d.get('type', 'DATE')} {d.get('value', '')}"))
    for link in record.get("links") or []:
        marks.append((link["start"], link["end"], "LINK", str(link.get("kind", "link"))))
    blocks = [(b["start"], b["end"], str(b.get("kind", ""))) for b in record.get("embeds") or []]
    blocks += [(b["start"], b["end"], str(b.get("kind", ""))) for b in record.get("boilerplate") or []]

    def ok(s: int, e: int) -> bool:
        return isinstance(s, int) and isinstance(e, int) and 0 <= s < e <= n

    marks = [m for m in marks if ok(m[0], m[1])]
    blocks = [b for b in blocks if ok(b[0], b[1])]
    # Marks: no overlaps; the earlier wins, then the longer (entities before dates before links).
    kept: list[tuple[int, int, str, str]] = []
    for m in sorted(marks, key=lambda m: (m[0], -(m[1] - m[0]))):
        if not kept or m[0] >= kept[-1][1]:
            kept.append(m)
    # Blocks: no overlaps either (an embed usually holds boilerplate: keep the outer one).
    outer: list[tuple[int, int, str]] = []
    for b in sorted(blocks, key=lambda b: (b[0], -(b[1] - b[0]))):
        if not outer or b[0] >= outer[-1][1]:
            outer.append(b)
    # A mark that straddles a block edge cannot nest inside it: drop it.
    kept = [m for m in kept if not any(m[0] < b[0] < m[1] or m[0] < b[1] < m[1] for b in outer)]
    return kept, outer


def render(record: Any, text: str | None = None, *, frames: Any = None, legend: bool = True) -> Rendering:
    """Renders one article with its entities, dates, links and quotes highlighted.

    Quotes are underlined (solid: direct and mixed; dashed: reported speech) and followed by their
    speaker's name; the tooltip gives the cue. Embedded posts and boilerplate are shown greyed.
    Offsets are the record's (Python code points), so the text must be the string the record was
    extracted from.

    Parameters
    ----------
    record : dict, or pandas.Series
        A record from :func:`newsfacts.extract` (or a dict with the same keys); or a row of a
        :class:`newsfacts.Frames` table (e.g. ``fr.articles.iloc[0]``) together with ``frames``.
    text : str, optional
        The article's text (a dict article with ``text`` works too); defaults to the text the
        record carries (``include=["text"]``, or the ``text`` column of ``frames.articles``).
    frames : Frames, optional
        The tables a row comes from.
    legend : bool, default True
        Show the colour legend above the text.

    Returns
    -------
    Rendering
        A notebook displays it; ``.html`` holds the HTML.

    Raises
    ------
    InvalidInputError
        ``record`` is neither a mapping nor a row of ``frames``, or no text is given or carried.

    Examples
    --------
    >>> import newsfacts as nf
    >>> rec = nf.extract_one("Khalifa Haftar held talks in Rome.", include=["text"])
    >>> "Haftar" in nf.render(rec).html
    True
    """
    if (frames is not None and not isinstance(record, Mapping)) or type(record).__name__ == "Series":
        if frames is None:
            raise InvalidInputError(
                "render of a table row needs the tables it comes from: nf.render(row, frames=fr)"
            )
        record = frames.record(record)
    if not isinstance(record, Mapping):
        raise InvalidInputError(f"record must be a dict from newsfacts.extract, got {type(record).__name__}")
    if isinstance(text, Mapping):
        text = text.get("text")
    if text is None:
        text = record.get("text")
    if not isinstance(text, str):
        raise InvalidInputError(
            "render needs the article's text: pass text=... (the article or its text), or extract "
            "with include=['text'] so that records carry it"
        )
    marks, blocks = _spans(record, len(text))
    quotes = _quotes(record, len(text))
    # A quote that straddles a block edge cannot nest in it; a mark that straddles a quote edge
    # cannot nest in the quote.
    quotes = [q for q in quotes if not any(q[0] < b[0] < q[1] or q[0] < b[1] < q[1] for b in blocks)]
    marks = [m for m in marks if not any(m[0] < q[0] < m[1] or m[0] < q[1] < m[1] for q in quotes)]
    cues = {(q.get("start"), q.get("end")): q.get("cue") for q in record.get("quotes") or []}
    # (offset, order, html): at one offset, mark closes, quote closes, block closes, block opens,
    # quote opens, mark opens, so tags always nest
    events: list[tuple[int, int, str]] = []
    for s, e, kind in blocks:
        events.append((s, 3, f'<span class="nf-block" title="{_html.escape(kind)}">'))
        events.append((e, 2, "</span>"))
    for s, e, kind, speaker in quotes:
        cue = cues.get((s, e))
        tip = f"{kind} quote: {speaker}" + (f" ({cue})" if cue else "")
        cls = "nf-quote nf-indirect" if kind == "indirect" else "nf-quote"
        events.append((s, 4, f'<span class="{cls}" title="{_html.escape(tip)}">'))
        events.append((e, 1, f'</span><span class="nf-speaker">— {_html.escape(speaker)}</span>'))
    for s, e, label, title in marks:
        color = COLORS.get(label, COLORS["MISC"])
        events.append(
            (s, 5, f'<mark class="nf-mark" style="background:{color}" title="{_html.escape(title.strip())}">')
        )
        events.append((e, 0, f'<span class="nf-label">{_html.escape(label)}</span></mark>'))
    events.sort(key=lambda ev: (ev[0], ev[1]))
    parts: list[str] = []
    pos = 0
    for off, _, tag in events:
        parts.append(_html.escape(text[pos:off]))
        parts.append(tag)
        pos = off
    parts.append(_html.escape(text[pos:]))
    head = ""
    if legend:
        used = {label for _, _, label, _ in marks}
        items = [f'<span style="background:{c}">{k}</span>' for k, c in COLORS.items() if k in used]
        if quotes:
            items.append('<span class="nf-quote">quote — speaker</span>')
        if blocks:
            items.append(f'<span style="background:{_BLOCK_COLOR}">embed / boilerplate</span>')
        heading = _html.escape(str(record.get("title") or record.get("id") or ""))
        head = (
            '<div class="nf-legend">' + (f"<b>{heading}</b> " if heading else "") + "".join(items) + "</div>"
        )
    return Rendering(f'<div class="nf-render">{_STYLE}{head}<div class="nf-doc">{"".join(parts)}</div></div>')
