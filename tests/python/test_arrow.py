"""Tables built in the core as Arrow record batches: the same schemas as ``newsfacts.schema``, the
same rows as the records' Python path, ``to_arrow`` as built, polars, batches, errors, strict."""

from __future__ import annotations

import pandas as pd
import pyarrow as pa
import pytest

import newsfacts as nf
from newsfacts import _core
from newsfacts.api import DEFAULT_STAGES
from newsfacts.schema import TABLES, arrow_schema

from conftest import read_jsonl, shared_path

#: Accents, curly quotes, emoji (two code units in UTF-16, one code point), a flag (two).
NON_ASCII = (
    "Libya’s “strongman” Khalifa Haftar 🇱🇾 met Italy’s Defence Minister Roberta Pinotti in Rome "
    "on September 27, 2017. “We are ready,” Pinotti told reporters. Café owners in Benghazi said "
    "José Martínez arrived yesterday 🙂. See https://example.com/ü and @MaryFitzger."
)


@pytest.fixture(scope="module")
def articles() -> list[dict]:
    arts = read_jsonl(shared_path("data", "reuters21578", "all.jsonl.gz"), limit=120)
    arts = [{"id": f"r{i}", "text": a.get("text"), "title": a.get("title")} for i, a in enumerate(arts)]
    return [*arts, {"id": "accents", "text": NON_ASCII, "published": "2017-09-28"}, *nf.load_sample()]


def test_the_core_declares_the_schemas_of_schema_py():
    core = _core.table_schemas()
    assert list(core) == list(TABLES)
    for name in TABLES:
        assert core[name].equals(arrow_schema(name)), name


def test_core_tables_equal_the_python_path_row_for_row(articles):
    """``nf.frames(articles)`` (built in Rust) and ``nf.frames(records)`` (built in Python from the
    same records) give the same tables, column for column, on Reuters, the sample and non-ASCII
    text."""
    ex = nf.Extractor(threads=2)
    fast = ex.frames(articles)
    recs = ex.extract(articles, include=[*DEFAULT_STAGES, "sentences", "text"])
    slow = nf.frames(recs)
    assert len(fast.articles) == len(articles)
    assert len(fast.mentions) > 1000 and len(fast.dates) > 100 and len(fast.sentences) > 500
    for name in TABLES:
        pd.testing.assert_frame_equal(getattr(fast, name), getattr(slow, name), obj=name)


def test_offsets_slice_the_python_string(articles):
    fr = nf.frames([a for a in articles if a["id"] == "accents"])
    for m in fr.mentions.itertuples():
        assert NON_ASCII[m.start : m.end] == m.text
        assert m.text in m.sentence_text
    for s in fr.sentences.itertuples():
        assert NON_ASCII[s.start : s.end] == s.text
    assert fr.articles["text"].tolist() == [NON_ASCII]
    assert "Pinotti" in set(fr.mentions["text"])


def test_to_arrow_returns_the_core_tables_as_they_are():
    fr = nf.frames([NON_ASCII, "Haftar met Pinotti in Rome."])
    first, again = fr.to_arrow(), fr.to_arrow()
    for name in TABLES:
        assert first[name] is again[name]
        assert first[name].schema.equals(arrow_schema(name))
    # A replaced table is converted back from pandas.
    fr.entities = fr.entities[fr.entities["type"] == "PERSON"]
    ents = fr.to_arrow()["entities"]
    assert ents is not first["entities"] and set(ents["type"].to_pylist()) == {"PERSON"}


def test_polars_reads_the_tables():
    pl = pytest.importorskip("polars")
    t = nf.frames([NON_ASCII]).to_arrow()["entities"]
    df = pl.from_arrow(t)
    assert df.shape == (t.num_rows, t.num_columns)
    assert df["titles"].dtype == pl.List(pl.String)


def test_iter_tables_batches_share_one_schema(articles):
    ex = nf.Extractor()
    batches = list(ex.iter_tables(articles, batch_size=50, progress=False))
    assert len(batches) == -(-len(articles) // 50)
    for name in TABLES:
        assert {str(b[name].schema) for b in batches} == {str(arrow_schema(name))}
    ids = [i for b in batches for i in b["articles"]["article_id"].to_pylist()]
    assert ids == [str(a["id"]) for a in articles]


def test_problems_found_in_python_lead_the_errors_column():
    arts = [{"id": "a", "body": "no text key"}, 42, {"id": "c", "text": "Rome\ud800 and Paris."}, "ok"]
    fast = nf.frames(arts).articles.set_index("article_id")["errors"]
    slow = {str(r["id"]): r["errors"] for r in nf.extract(arts)}
    assert {k: list(v) for k, v in fast.items()} == slow
    assert list(fast["a"]) == ["text is missing (no 'text' key)"]
    assert fast["1"][0].startswith("article must be a str")
    assert len(fast["1"]) == 1
    assert fast["c"][0].startswith("text contains lone surrogates")
    assert list(fast["3"]) == []


def test_strict_raises_on_the_first_article_with_errors():
    with pytest.raises(nf.ArticleError, match="article '1'"):
        nf.Extractor().tables(["Haftar met Pinotti.", ""], strict=True)


def test_tables_are_pyarrow_tables():
    tables = nf.Extractor().tables("Haftar met Pinotti in Rome on Monday.", published="2017-09-28")
    assert set(tables) == set(TABLES)
    assert all(isinstance(t, pa.Table) for t in tables.values())
    assert tables["dates"]["start_date"].type == pa.timestamp("s")
