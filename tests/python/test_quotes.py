"""Quotes through the Python API: the record, the ``quotes`` table, and ``nf.render``."""

from __future__ import annotations

import newsfacts as nf

TEXT = (
    "Italian Defence Minister Roberta Pinotti met Khalifa Haftar in Rome. 🇮🇹\n"
    "“We are ready,” she said, “to talk about Libya’s future.”\n"
    "A spokesman for the Libyan National Army said Haftar would return to Benghazi on Friday.\n"
    "Critics ” were not convinced, and one wrote “this will fail.\n"
)


def test_quote_offsets_are_code_points_and_speakers_resolve():
    rec = nf.extract_one(TEXT)
    assert rec["quotes"], rec
    for q in rec["quotes"]:
        assert TEXT[q["start"] : q["end"]] == q["text"]
        if q["cue"] is not None:
            assert TEXT[q["cue_start"] : q["cue_end"]] == q["cue"]
        assert q["kind"] in ("direct", "indirect", "mixed")
    ents = {e["id"]: e["name"] for e in rec["entities"]}
    direct = next(q for q in rec["quotes"] if "We are ready" in q["text"])
    assert direct["kind"] == "direct" and direct["text"].endswith("future.")
    assert ents[direct["speaker"]] == "Roberta Pinotti"
    assert TEXT[direct["speaker_start"] : direct["speaker_end"]] == "she"
    spoke = next(q for q in rec["quotes"] if "return to Benghazi" in q["text"])
    assert ents.get(spoke["speaker"]) == "Libyan National Army"
    # The stray marks of the last paragraph yield nothing that runs past them.
    assert all("Critics" not in q["text"] and "fail" not in q["text"] for q in rec["quotes"])


def test_quotes_table_and_include():
    fr = nf.frames([{"id": "a", "text": TEXT}, {"id": "b", "text": "No quotes here."}])
    q = fr.quotes
    assert list(q.columns[:5]) == ["article_id", "start", "end", "text", "kind"]
    assert {"speaker", "speaker_name", "cue", "speaker_start", "cue_end"} <= set(q.columns)
    assert set(q.article_id) == {"a"}
    assert "Roberta Pinotti" in set(q.speaker_name)
    # Quotes alone still resolve speakers, without reporting the entities.
    only = nf.extract_one(TEXT, include=["quotes"])
    assert only["entities"] == [] and only["quotes"] == nf.extract_one(TEXT)["quotes"]


def test_render_underlines_quotes_with_their_speakers():
    rec = nf.extract_one(TEXT)
    html = nf.render(rec, text=TEXT).html
    assert html.count('class="nf-speaker"') == len(rec["quotes"]) == 2
    assert '<span class="nf-speaker">— Roberta Pinotti</span>' in html
    assert "nf-indirect" in html
