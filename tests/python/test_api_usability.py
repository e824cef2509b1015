"""The API defects of a new user's first hour (issue 19), on the bundled sample and real text."""

from __future__ import annotations

import inspect

import pandas as pd
import pytest

import newsfacts as nf


@pytest.fixture(scope="module")
def sample() -> list[dict]:
    return nf.load_sample()


@pytest.fixture(scope="module")
def df(sample) -> pd.DataFrame:
    return pd.DataFrame(sample[:7])


def test_iter_extract_reads_dataframe_rows_not_column_names(df):
    ex = nf.Extractor(threads=1)
    batches = list(ex.iter_extract(df, batch_size=3, progress=False))
    assert [len(b) for b in batches] == [3, 3, 1]
    recs = [r for b in batches for r in b]
    assert [r["id"] for r in recs] == list(df["id"])
    whole = ex.extract(df)

    def unkeyed(rs):
        return [{**r, "entities": [{**e, "key": None, "type": None} for e in r["entities"]]} for r in rs]

    # Cross-article keys (and agreed types) use the evidence seen so far: an early batch lacks
    # what later articles add; the last batch has it all, as one batch of every article has.
    assert unkeyed(recs) == unkeyed(whole)
    assert recs[-1] == whole[-1]


def test_iter_extract_takes_a_series_and_its_index(df):
    s = pd.Series(list(df["text"]), index=[f"s{i}" for i in range(len(df))])
    recs = [r for b in nf.Extractor().iter_extract(s, batch_size=4, progress=False) for r in b]
    assert [r["id"] for r in recs] == list(s.index)
    assert [r["n_chars"] for r in recs] == [len(t) for t in s]


def test_iter_extract_dict_stream_with_other_field_names_counts_ids_across_batches(sample):
    arts = ({"body": a["text"]} for a in sample[:5])
    recs = list(nf.Extractor().iter_extract(arts, batch_size=2, progress=False, text="body", flat=True))
    assert [r["id"] for r in recs] == [0, 1, 2, 3, 4]
    assert all(r["entities"] for r in recs)


def test_flat_mode_and_iter_records_yield_records(df):
    flat = list(nf.iter_records(df, batch_size=2, progress=False))
    assert [r["id"] for r in flat] == list(df["id"])
    assert all(isinstance(r, dict) and "entities" in r for r in flat)
    one = list(nf.Extractor().iter_extract(df.iloc[0]["text"], progress=False, flat=True))
    assert len(one) == 1 and one[0]["n_chars"] == len(df.iloc[0]["text"])


def test_iter_extract_rejects_what_extract_rejects():
    with pytest.raises(nf.InvalidInputError):
        next(nf.Extractor().iter_extract(42, progress=False))


def test_records_carry_their_text_when_asked(sample):
    art = sample[0]
    rec = nf.extract_one(art, include=["text"])
    assert rec["text"] == art["text"]
    assert rec["entities"], "text alone keeps the default stages"
    assert "text" not in nf.extract_one(art)
    only_dates = nf.extract_one(art, include=["dates", "text"])
    assert only_dates["dates"] and not only_dates["entities"] and only_dates["text"] == art["text"]
    ex = nf.Extractor(include=["text"])
    assert ex.extract(art)[0]["text"] == art["text"]


def test_render_from_a_record_alone_from_the_article_and_from_a_frames_row(sample):
    art = sample[0]
    with_text = nf.render(nf.extract_one(art, include=["text"])).html
    assert "Khalifa Haftar" in with_text and "nf-mark" in with_text
    rec = nf.extract_one(art)
    assert nf.render(rec, text=art).html == with_text
    assert nf.render(rec, text=art["text"]).html == with_text
    fr = nf.frames(sample[:3])
    row = fr.articles.iloc[0]
    from_row = nf.render(row, frames=fr).html
    assert from_row.count("nf-mark") == with_text.count("nf-mark")
    ent_row = fr.entities.iloc[0]
    assert nf.render(ent_row, frames=fr).html == from_row
    with pytest.raises(nf.InvalidInputError, match="frames"):
        nf.render(row)
    with pytest.raises(nf.InvalidInputError, match="include"):
        nf.render(rec)


def test_cooccurrence_types_are_validated_and_case_insensitive(sample):
    fr = nf.frames(sample)
    upper = nf.cooccurrence(fr, types=["PERSON", "LOC"])
    assert len(upper) > 0
    pd.testing.assert_frame_equal(nf.cooccurrence(fr, types=["person", "Loc"]), upper)
    people = nf.cooccurrence(fr, types="person")
    assert len(people) > 0 and people["key_a"].str.startswith("PERSON").all()
    with pytest.raises(nf.InvalidOptionError, match="PERSONS"):
        nf.cooccurrence(fr, types="PERSONS")
    with pytest.raises(nf.InvalidOptionError, match="types"):
        nf.cooccurrence(fr, types=[])
    with pytest.raises(nf.InvalidOptionError, match="min_articles"):
        nf.cooccurrence(fr, min_articles=0)


def test_cooccurrence_min_articles_keeps_pairs_seen_together_often(sample):
    fr = nf.frames(sample)
    edges = nf.cooccurrence(fr)
    twice = nf.cooccurrence(fr, min_articles=2)
    assert 0 < len(twice) < len(edges)
    assert (twice["articles"] >= 2).all()
    assert len(twice) == (edges["articles"] >= 2).sum()


def test_record_schema_ships_in_the_package():
    text = nf.schema()
    for key in ("entities", "mentions", "places", "geonameid", "TIMEX3", "errors", 'include=["text"]'):
        assert key in text, key
    assert str(nf.schema("places").field("geonameid").type) == "int64"
    with pytest.raises(nf.InvalidOptionError, match="entitys"):
        nf.schema("entitys")


PUBLIC = [
    nf.extract,
    nf.extract_one,
    nf.frames,
    nf.iter_records,
    nf.render,
    nf.cooccurrence,
    nf.schema,
    nf.load_sample,
    nf.Extractor,
    nf.Extractor.extract,
    nf.Extractor.extract_one,
    nf.Extractor.iter_extract,
    nf.Extractor.iter_records,
    nf.Extractor.frames,
    nf.Frames,
    nf.Frames.from_records,
    nf.Frames.from_parquet,
    nf.Frames.to_parquet,
    nf.Frames.to_csv,
    nf.Frames.to_arrow,
    nf.Frames.record,
    nf.Extractor.tables,
    nf.Extractor.iter_tables,
]


@pytest.mark.parametrize("fn", PUBLIC, ids=lambda f: f.__qualname__)
def test_public_calls_have_numpy_style_docstrings(fn):
    doc = inspect.getdoc(fn) or ""
    assert len(doc.splitlines()) > 3, "one-line docstring"
    params = [
        p for p in inspect.signature(fn).parameters if p not in ("self", "cls") and not p.startswith("_")
    ]
    if params:
        section = "Attributes" if inspect.isclass(fn) and "Attributes\n" in doc else "Parameters"
        assert f"{section}\n{'-' * len(section)}" in doc
        for p in params:
            assert p in doc, f"parameter {p} is not documented"
    if not inspect.isclass(fn):
        assert "Returns\n-------" in doc or "Yields\n------" in doc
