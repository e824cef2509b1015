"""Themes, tone and keywords through the installed package, on real text."""

from __future__ import annotations

import newsfacts as nf

from conftest import read_jsonl, shared_path

STOP = {"the", "of", "and", "to", "in", "a", "said", "on", "for", "with", "is", "was"}


def test_seed_themes_with_first_mentions_that_slice_the_text(seed):
    text = seed["text"]
    rec = nf.extract_one({"text": text, "id": "seed"}, published="2017-09-28")
    themes = {t["theme"]: t for t in rec["themes"]}
    assert {"TERRORISM", "SMUGGLING", "HUMAN_TRAFFICKING", "MIGRATION"} <= set(themes), themes
    assert themes["TERRORISM"]["count"] == 2  # "fighting terrorism", "fight against terrorism"
    for t in rec["themes"]:
        assert text[t["start"] : t["end"]] == t["text"], t
        assert t["count"] >= 1
    # Most mentioned first.
    counts = [t["count"] for t in rec["themes"]]
    assert counts == sorted(counts, reverse=True)


def test_offsets_survive_non_ascii_text_before_the_mention():
    text = "Émigrés 🙂 in Zürich said “terrorism” threatens migrants’ safety."
    rec = nf.extract_one(text, include=["themes"])
    found = {t["theme"]: t for t in rec["themes"]}
    for name in ("TERRORISM", "MIGRATION"):
        t = found[name]
        assert text[t["start"] : t["end"]] == t["text"]


def test_tone_of_the_sample_reads_as_news():
    recs = nf.extract(nf.load_sample(), include=["tone"])
    for r in recs:
        tone = r["tone"]
        assert tone is not None
        assert 0 <= tone["positive"] < 30 and 0 <= tone["negative"] < 30, tone
        assert abs(tone["score"] - (tone["positive"] - tone["negative"])) < 1e-3
    # Not all equal: the lexicon sees the words.
    assert len({r["tone"]["score"] for r in recs}) > len(recs) // 2


def test_stories_of_attacks_read_darker_than_stories_of_awards():
    arts = read_jsonl(shared_path("data", "bbc_news", "all.jsonl"))

    def mean_tone(words: tuple[str, str]) -> tuple[float, float]:
        sel = [a for a in arts if all(w in a["text"] for w in words)]
        assert sel, words
        recs = nf.extract([{"id": a["id"], "text": a["text"]} for a in sel], include=["tone"])
        n = len(recs)
        return sum(r["tone"]["score"] for r in recs) / n, sum(r["tone"]["negative"] for r in recs) / n

    attack_score, attack_negative = mean_tone(("bomb", "killed"))
    award_score, award_negative = mean_tone(("award", "won"))
    assert attack_score < award_score - 2, (attack_score, award_score)
    assert attack_negative > award_negative, (attack_negative, award_negative)


def test_keywords_are_ten_phrases_never_a_stop_word_alone():
    arts = read_jsonl(shared_path("data", "bbc_news", "all.jsonl"), limit=50)
    recs = nf.extract([{"id": a["id"], "text": a["text"]} for a in arts], include=["keywords"])
    for a, r in zip(arts, recs, strict=True):
        kws = r["keywords"]
        assert len(kws) == 10, (a["id"], kws)
        scores = [k["score"] for k in kws]
        assert scores == sorted(scores)
        for k in kws:
            words = k["phrase"].lower().split()
            assert 1 <= len(words) <= 3
            assert words[0] not in STOP and words[-1] not in STOP, k
            assert all(w in a["text"] for w in k["phrase"].split()), k


def test_stages_are_empty_when_left_out():
    rec = nf.extract_one("Terrorism and good news.", include=["entities"])
    assert rec["themes"] == [] and rec["keywords"] == [] and rec["tone"] is None


def test_frames_have_themes_keywords_and_tone_columns(seed):
    fr = nf.frames([{"id": "seed", "text": seed["text"], "published": "2017-09-28"}])
    assert {"tone", "tone_positive", "tone_negative"} <= set(fr.articles.columns)
    assert fr.articles["tone"].notna().all()
    assert set(fr.themes.columns) >= {"article_id", "theme", "count", "start", "end", "text"}
    assert "TERRORISM" in set(fr.themes["theme"])
    assert list(fr.keywords["rank"]) == list(range(1, len(fr.keywords) + 1))
    assert set(fr.keywords["article_id"]) == {"seed"}
