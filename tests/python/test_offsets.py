"""Offsets are Python code points: text[start:end] == span text, on any text."""

from __future__ import annotations

import pytest

import newsfacts as nf

from conftest import read_jsonl, shared_path

TRICKY = [
    "Salamé’s “talks” with Haftar 👍🏽 in Rome 🇮🇹 on September 27, 2017: see https://t.co/x #Libya @UN.",
    "👨‍👩‍👧 Cafe\u0301 owner Jose\u0301 Núñez met Italian Defence Minister Roberta Pinotti yesterday.",
    "«Réunion» à Tripoli — Fayez Al-Sarraj (@PresidencyLY) 27 September 2017 pic.twitter.com/AbC123 🇱🇾",
    "Emails: someone@example.org, ünïcødé@exämple.de 💥 and 2017-09-27 "
    "in the Government of National Accord (GNA).",
]


def spans(rec: dict):
    """Every (start, end, text) span a record carries."""
    for e in rec["entities"]:
        for m in e["mentions"]:
            yield m["start"], m["end"], m["text"]
    for key in ("dates", "links", "embeds", "boilerplate", "quotes"):
        for s in rec[key]:
            yield s["start"], s["end"], s["text"]
    for t in rec.get("tokens") or []:
        yield t["start"], t["end"], t["text"]


def assert_offsets(text: str, rec: dict) -> int:
    n = 0
    for start, end, span in spans(rec):
        assert 0 <= start < end <= len(text), (start, end, span)
        assert text[start:end] == span, (start, end, span, text[start:end])
        n += 1
    for s in rec.get("sentences") or []:
        assert 0 <= s["start"] < s["end"] <= len(text)
    return n


@pytest.mark.parametrize("text", TRICKY)
def test_offsets_on_accents_quotes_emoji_flags_zwj_and_combining_marks(text):
    rec = nf.extract_one(text, include=["entities", "places", "dates", "links", "sentences", "tokens"])
    assert rec["tokens"]
    assert_offsets(text, rec)
    assert rec["n_chars"] == len(text)


def test_tricky_texts_yield_spans_at_the_right_code_points():
    rec = nf.extract_one(TRICKY[0])
    handles = [ln for ln in rec["links"] if ln["kind"] == "handle"]
    urls = [ln for ln in rec["links"] if ln["kind"] == "url"]
    if handles:  # filled in by the links stage
        assert handles[0]["start"] == TRICKY[0].index("@UN")
        assert urls[0]["text"] == "https://t.co/x"


def _check_corpus(path, limit):
    arts = read_jsonl(path, limit=limit)
    texts = [a["text"] for a in arts if a.get("text")]
    recs = nf.extract(texts, include=["entities", "places", "dates", "links", "sentences"])
    assert len(recs) == len(texts)
    n = sum(assert_offsets(t, r) for t, r in zip(texts, recs, strict=True))
    return len(texts), n


def test_every_span_of_every_bbc_record_slices_the_text():
    n_articles, _ = _check_corpus(shared_path("data", "bbc_news", "all.jsonl"), None)
    assert n_articles == 2225


def test_every_span_of_every_reuters_record_slices_the_text():
    n_articles, _ = _check_corpus(shared_path("data", "reuters21578", "all.jsonl.gz"), None)
    assert n_articles > 19_000
