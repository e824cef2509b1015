"""The Python contract: every input form, options, ids, order, pickling, frames."""

from __future__ import annotations

import datetime as dt
import gc
import pickle

import pandas as pd
import pytest

import newsfacts as nf

TEXTS = [
    "Libyan Field Marshal Khalifa Haftar held talks in Rome on September 27, 2017.",
    "Italy has provided Libya’s coast guards with training. Read more at https://example.com/a.",
    "Das ist ein deutscher Artikel über die Politik in Berlin und die Regierung.",
]

KEYS = {
    "id",
    "title",
    "url",
    "source",
    "published",
    "published_inferred",
    "language",
    "n_chars",
    "n_words",
    "n_sentences",
    "entities",
    "places",
    "dates",
    "links",
    "embeds",
    "boilerplate",
    "quotes",
    "events",
    "themes",
    "keywords",
    "tone",
    "duplicate_of",
    "errors",
}


def test_record_has_every_contract_key():
    rec = nf.extract_one(TEXTS[0], published="2017-09-28")
    assert set(rec) >= KEYS
    assert rec["published"] == "2017-09-28" and rec["published_inferred"] is False
    assert rec["n_chars"] == len(TEXTS[0])
    assert rec["n_sentences"] == 1 and rec["n_words"] == 13


def test_every_input_form_gives_one_record_per_article_in_order():
    as_list = nf.extract(TEXTS)
    assert [r["id"] for r in as_list] == [0, 1, 2]
    assert [r["n_chars"] for r in as_list] == [len(t) for t in TEXTS]
    assert len(nf.extract(TEXTS[0])) == 1
    assert nf.extract({"text": TEXTS[0], "id": "a1"})[0]["id"] == "a1"
    assert [r["n_chars"] for r in nf.extract(t for t in TEXTS)] == [len(t) for t in TEXTS]
    assert [r["n_chars"] for r in nf.extract(tuple(TEXTS))] == [len(t) for t in TEXTS]
    series = pd.Series(TEXTS, index=["x", "y", "z"])
    assert [r["id"] for r in nf.extract(series)] == ["x", "y", "z"]
    df = pd.DataFrame({"body": TEXTS, "doc": ["d1", "d2", "d3"], "day": ["2017-09-28", None, "2020-01-02"]})
    recs = nf.extract(df, text="body", id="doc", published="day")
    assert [r["id"] for r in recs] == ["d1", "d2", "d3"]
    assert recs[0]["published"] == "2017-09-28" and recs[2]["published"] == "2020-01-02"
    plain = pd.DataFrame({"text": TEXTS}, index=[10, 11, 12])
    assert [r["id"] for r in nf.extract(plain)] == [10, 11, 12]


def test_metadata_is_carried_through_and_article_dates_win_over_the_default():
    art = {
        "text": TEXTS[0],
        "title": "Haftar in Rome",
        "url": "https://x.org/a",
        "source": "Wire",
        "published": dt.date(2017, 9, 28),
    }
    recs = nf.extract([art, {"text": TEXTS[1]}], published=pd.Timestamp("2020-05-01"))
    assert (recs[0]["title"], recs[0]["url"], recs[0]["source"]) == (
        "Haftar in Rome",
        "https://x.org/a",
        "Wire",
    )
    assert recs[0]["published"] == "2017-09-28"
    assert recs[1]["published"] == "2020-05-01"
    assert nf.extract(TEXTS[0], published=dt.datetime(2017, 9, 28, 23, 59))[0]["published"] == "2017-09-28"


def test_language_is_detected_and_non_english_is_kept():
    recs = nf.extract(TEXTS)
    assert recs[0]["language"] == "en"
    assert recs[2]["language"] == "de" and recs[2]["errors"] == []


def test_output_is_identical_for_any_thread_count():
    texts = TEXTS * 40
    one = nf.extract(texts, threads=1)
    assert nf.extract(texts, threads=2) == one
    assert nf.extract(texts, threads=7) == one


def test_include_limits_what_is_computed():
    rec = nf.extract_one(TEXTS[1], include=["links"])
    assert rec["entities"] == [] and rec["dates"] == []
    with_sentences = nf.extract_one(TEXTS[1], include=["sentences"])
    spans = [TEXTS[1][s["start"] : s["end"]] for s in with_sentences["sentences"]]
    assert spans[0] == "Italy has provided Libya’s coast guards with training."
    assert "sentences" not in nf.extract_one(TEXTS[1])


def test_extractor_pickles_and_keeps_its_options():
    ex = nf.Extractor(threads=2, include=["dates", "links"])
    clone = pickle.loads(pickle.dumps(ex))
    assert (clone.threads, clone.include) == (2, ["dates", "links"])
    assert clone.extract(TEXTS) == ex.extract(TEXTS)


def test_iter_extract_streams_batches_with_running_ids():
    ex = nf.Extractor(threads=1)
    batches = list(ex.iter_extract(iter(TEXTS * 3), batch_size=4, progress=False))
    assert [len(b) for b in batches] == [4, 4, 1]
    assert [r["id"] for b in batches for r in b] == list(range(9))


def test_frames_tables_are_keyed_by_article():
    fr = nf.frames([{"text": t, "id": f"a{i}"} for i, t in enumerate(TEXTS)])
    assert list(fr.articles["article_id"]) == ["a0", "a1", "a2"]
    for name in (
        "articles",
        "entities",
        "mentions",
        "places",
        "dates",
        "links",
        "quotes",
        "events",
        "themes",
    ):
        assert "article_id" in getattr(fr, name).columns, name
    recs = nf.extract(TEXTS)
    assert len(nf.frames(recs).articles) == 3  # records are accepted as they are


def test_frames_export_to_parquet_csv_and_arrow(tmp_path):
    fr = nf.frames(TEXTS)
    paths = fr.to_parquet(tmp_path / "pq")
    assert {p.name for p in paths} >= {"articles.parquet", "entities.parquet", "links.parquet"}
    assert len(pd.read_parquet(tmp_path / "pq" / "articles.parquet")) == 3
    fr.to_csv(tmp_path / "csv")
    assert len(pd.read_csv(tmp_path / "csv" / "articles.csv")) == 3
    assert fr.to_arrow()["articles"].num_rows == 3


def test_cooccurrence_counts_shared_articles():
    fr = nf.Frames.from_records(
        [
            _rec("a", [("PERSON:haftar", 3), ("LOC:rome", 2)]),
            _rec("b", [("PERSON:haftar", 1), ("LOC:rome", 4), ("ORG:un", 1)]),
        ]
    )
    edges = nf.cooccurrence(fr)
    top = edges.iloc[0]
    assert (top["key_a"], top["key_b"], top["articles"], top["weight"]) == ("LOC:rome", "PERSON:haftar", 2, 3)
    assert len(edges) == 3
    assert len(nf.cooccurrence(fr, types=("PERSON",))) == 0


def _rec(aid: str, ents: list[tuple[str, int]]) -> dict:
    rec = nf.extract_one("x")
    rec["id"] = aid
    rec["entities"] = [
        {
            "id": f"E{i}",
            "name": k,
            "type": k.split(":")[0],
            "subtype": None,
            "aliases": [],
            "titles": [],
            "country": None,
            "key": k,
            "salience": 0.5,
            "mentions": [{"start": 0, "end": 1, "text": "x", "sentence": 0}] * n,
        }
        for i, (k, n) in enumerate(ents)
    ]
    return rec


def test_garbage_collector_state_is_restored_after_extract():
    texts = ["Italian Defence Minister Roberta Pinotti met Khalifa Haftar in Benghazi."] * 3
    assert gc.isenabled()
    recs = nf.extract(texts)
    assert gc.isenabled()
    assert [e["name"] for e in recs[0]["entities"] if e["type"] == "PERSON"]
    gc.disable()
    try:
        nf.extract(texts)
        assert not gc.isenabled()
    finally:
        gc.enable()


def test_sample_is_bundled():
    sample = nf.load_sample()
    assert len(sample) >= 20
    assert all(isinstance(a["text"], str) and a["text"] for a in sample)
    assert sample[0]["id"] == "haftar-rome"


@pytest.mark.parametrize("value", [0, -1, 1.5, "2", True])
def test_bad_threads_raise_value_error_naming_the_option(value):
    with pytest.raises(ValueError, match="threads"):
        nf.extract(TEXTS, threads=value)
