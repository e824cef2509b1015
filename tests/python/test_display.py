"""nf.render: an article with its facts highlighted as HTML (escaped, code-point offsets, nesting)."""

from __future__ import annotations

from html.parser import HTMLParser

import pytest

import newsfacts as nf


class Nesting(HTMLParser):
    """Checks that tags nest and collects the text inside each <mark> (without its label)."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.stack: list[str] = []
        self.errors: list[str] = []
        self.marks: list[str] = []
        self.in_label = False

    def handle_starttag(self, tag, attrs):
        if tag == "mark":
            self.marks.append("")
        if tag == "span" and ("class", "nf-label") in attrs:
            self.in_label = True
        self.stack.append(tag)

    def handle_endtag(self, tag):
        if not self.stack or self.stack[-1] != tag:
            self.errors.append(f"</{tag}> closes {self.stack[-1:]!r}")
            return
        self.stack.pop()
        if tag == "span":
            self.in_label = False

    def handle_data(self, data):
        if "mark" in self.stack and not self.in_label and "style" not in self.stack:
            self.marks[-1] += data


def parse(html: str) -> Nesting:
    p = Nesting()
    p.feed(html)
    p.close()
    return p


def entity(eid: str, etype: str, name: str, spans: list[tuple[int, int]], text: str) -> dict:
    return {
        "id": eid,
        "name": name,
        "type": etype,
        "titles": [],
        "mentions": [{"start": s, "end": e, "text": text[s:e], "sentence": 0} for s, e in spans],
    }


def record(**lists) -> dict:
    base = {"id": "a1", "entities": [], "dates": [], "links": [], "embeds": [], "boilerplate": []}
    return {**base, **lists}


def test_text_is_escaped_and_marks_hold_the_mention():
    text = "<script>alert('x')</script> Rome & \"Tripoli\""
    s = text.index("Rome")
    rec = record(entities=[entity("E1", "LOC", "Rome", [(s, s + 4)], text)])
    html = nf.render(rec, text=text).html
    assert "<script>" not in html
    assert "&lt;script&gt;alert(&#x27;x&#x27;)&lt;/script&gt;" in html
    assert "&amp;" in html and "&quot;Tripoli&quot;" in html
    p = parse(html)
    assert p.errors == [] and p.stack == []
    assert p.marks == ["Rome"]


def test_offsets_are_code_points_with_emoji_accents_and_curly_quotes():
    text = "🎉🎉 Ghassam Salamé met “Haftar” in Tripoli’s port."
    rec = record(
        entities=[
            entity("E1", "PERSON", "Ghassam Salamé", [(3, 17)], text),
            entity("E2", "PERSON", "Haftar", [(text.index("Haftar"), text.index("Haftar") + 6)], text),
            entity("E3", "LOC", "Tripoli", [(text.index("Tripoli"), text.index("Tripoli") + 7)], text),
        ]
    )
    p = parse(nf.render(rec, text=text).html)
    assert p.marks == ["Ghassam Salamé", "Haftar", "Tripoli"]


def test_overlapping_marks_keep_the_first_and_longest_and_tags_nest():
    text = "On 27 September 2017 the Government of National Accord met in Tripoli."
    d0 = text.index("27 September")
    g0 = text.index("Government")
    rec = record(
        entities=[
            entity("E1", "ORG", "Government of National Accord", [(g0, g0 + 29)], text),
            entity("E2", "ORG", "National Accord", [(g0 + 14, g0 + 29)], text),
        ],
        dates=[
            {"start": d0, "end": d0 + 17, "text": text[d0 : d0 + 17], "type": "DATE", "value": "2017-09-27"},
            {"start": d0 + 3, "end": d0 + 12, "text": "September", "type": "DATE", "value": "2017-09"},
        ],
    )
    p = parse(nf.render(rec, text=text).html)
    assert p.errors == []
    assert p.marks == ["27 September 2017", "Government of National Accord"]


def test_blocks_nest_with_marks_at_their_edges():
    text = "Read: Italy begins naval mission\nHaftar met Pinotti."
    end = text.index("\n")
    rec = record(
        entities=[
            entity("E1", "LOC", "Italy", [(6, 11)], text),
            entity("E2", "PERSON", "Read", [(0, 4)], text),
        ],
        boilerplate=[{"kind": "related_link", "start": 0, "end": end, "text": text[:end]}],
        links=[{"kind": "url", "start": end - 7, "end": end, "text": "mission"}],
    )
    html = nf.render(rec, text=text).html
    p = parse(html)
    assert p.errors == [] and p.stack == []
    assert p.marks == ["Read", "Italy", "mission"]
    assert 'class="nf-block"' in html


def test_a_mark_straddling_a_block_edge_is_dropped_and_bad_offsets_ignored():
    text = "Tweet text here. Body text after."
    rec = record(
        entities=[entity("E1", "MISC", "here. Body", [(11, 21)], text)],
        embeds=[{"kind": "tweet", "start": 0, "end": 16, "text": text[:16]}],
        links=[
            {"kind": "url", "start": 30, "end": 99, "text": "x"},
            {"kind": "url", "start": 5, "end": 5, "text": ""},
        ],
    )
    p = parse(nf.render(rec, text=text).html)
    assert p.errors == [] and p.marks == []


def test_text_comes_from_the_record_or_must_be_given():
    text = "Haftar met Pinotti in Rome."
    rec = record(entities=[entity("E1", "PERSON", "Haftar", [(0, 6)], text)])
    assert parse(nf.render({**rec, "text": text}).html).marks == ["Haftar"]
    with pytest.raises(nf.InvalidInputError, match="text"):
        nf.render(rec)
    with pytest.raises(TypeError):
        nf.render(["not", "a", "record"], text=text)


def test_renders_a_real_record_in_a_notebook():
    text = (
        "Libyan Field Marshal Khalifa Haftar held talks in Rome this week.\n"
        "— Mary Fitzgerald (@MaryFitzger) September 27, 2017"
    )
    rec = nf.extract_one({"id": "haftar", "text": text}, published="2017-09-28")
    out = nf.render(rec, text=text)
    assert out._repr_html_() == out.html == str(out)
    p = parse(out.html)
    assert p.errors == [] and p.stack == []
    for mark in p.marks:
        assert mark in text
    if rec["links"]:
        assert "@MaryFitzger" in p.marks
    assert "render" in nf.__all__


def test_save_writes_a_page(tmp_path):
    text = "Rome"
    path = tmp_path / "a.html"
    nf.render(record(entities=[entity("E1", "LOC", "Rome", [(0, 4)], text)]), text=text).save(str(path))
    page = path.read_text(encoding="utf-8")
    assert page.startswith("<!DOCTYPE html>") and 'charset="utf-8"' in page and "Rome" in page
