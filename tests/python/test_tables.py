"""The tables: one explicit Arrow schema per table, identical for every batch, on real text."""

from __future__ import annotations

import datetime as dt
import itertools

import pandas as pd
import pyarrow as pa
import pytest

import newsfacts as nf
from newsfacts.schema import TABLES
from newsfacts.timex import interval

from conftest import read_jsonl, shared_path


@pytest.fixture(scope="module")
def sample() -> list[dict]:
    return nf.load_sample()


@pytest.fixture(scope="module")
def fr(sample) -> nf.Frames:
    return nf.frames(sample)


def test_every_table_has_its_declared_schema(fr):
    arrow = fr.to_arrow()
    assert set(arrow) == set(TABLES)
    for name, table in arrow.items():
        assert table.schema.equals(nf.schema(name)), name
        assert list(getattr(fr, name).columns) == [c for c, _, _ in TABLES[name]], name


def test_types_the_issue_names(fr, sample):
    ents, places, arts = fr.entities, fr.places, fr.articles
    assert places["geonameid"].dtype == "Int64" and places["geonameid"].notna().any()
    assert list(arts["article_id"]) == [a["id"] for a in sample]
    haftar = ents[ents["name"] == "Khalifa Haftar"].iloc[0]
    assert haftar["titles"] == ["Field Marshal"] and "Haftar" in haftar["aliases"]
    assert all(isinstance(x, list) for x in ents["aliases"])
    assert str(arts["published"].dtype).startswith("datetime64")
    assert arts.loc[0, "published"] == pd.Timestamp(sample[0]["published"])


def test_places_say_how_the_article_names_them():
    text = (
        "A spokesman for the Dallas Police Department said two men were arrested in Fort Worth, "
        "Texas. Libyan officials were not told."
    )
    fr = nf.frames([text])
    places, ents = fr.places, fr.entities.set_index("entity_id")
    assert set(places["source"]) <= {"name", "org", "demonym"}
    types = {row.source: ents.loc[row.entity_id, "type"] for row in places.itertuples()}
    assert types.get("org") == "ORG" and types.get("demonym") == "NORP" and types["name"] == "LOC"
    dallas = places[places["source"] == "org"].iloc[0]
    assert (dallas["name"], dallas["country"]) == ("Dallas", "USA")
    assert places.loc[places["source"] == "demonym", "country"].tolist() == ["LBY"]


def test_article_id_is_a_string_even_for_positional_ids():
    fr = nf.frames(["Khalifa Haftar held talks in Rome.", "Pinotti met him in Rome."])
    assert list(fr.articles["article_id"]) == ["0", "1"]
    assert set(fr.mentions["article_id"]) == {"0", "1"}


def test_dates_carry_their_interval_next_to_the_timex_value(fr):
    d = fr.dates
    seed = d[d["article_id"] == fr.articles.loc[0, "article_id"]].set_index("value")
    assert seed.loc["2017-08", "start_date"] == pd.Timestamp("2017-08-01")
    assert seed.loc["2017-08", "end_date"] == pd.Timestamp("2017-08-31")
    assert seed.loc["2017-W39", "start_date"] == pd.Timestamp("2017-09-25")  # a Monday
    assert seed.loc["2017-W39", "end_date"] == pd.Timestamp("2017-10-01")
    durations = d[d["value"].str.startswith("P")]
    assert len(durations) and durations["start_date"].isna().all()
    calendar = d[d["value"].str.fullmatch(r"\d{4}(-\d{2}){0,2}")]
    assert (calendar["start_date"] <= calendar["end_date"]).all()
    assert calendar["start_date"].notna().all()


@pytest.mark.parametrize(
    ("value", "start", "end"),
    [
        ("2017-09-27", "2017-09-27", "2017-09-27"),
        ("2016-02", "2016-02-01", "2016-02-29"),
        ("2017", "2017-01-01", "2017-12-31"),
        ("201", "2010-01-01", "2019-12-31"),
        ("2017-Q4", "2017-10-01", "2017-12-31"),
        ("2017-H1", "2017-01-01", "2017-06-30"),
        ("2017-WI", "2017-12-01", "2018-02-28"),
        ("2017-W38-WE", "2017-09-23", "2017-09-24"),
        ("2020-W53", "2020-12-28", "2021-01-03"),
        ("2017-09-28TMO", "2017-09-28", "2017-09-28"),
    ],
)
def test_timex_interval_at_its_resolution(value, start, end):
    first, last = interval(value)
    assert (first.date().isoformat(), last.date().isoformat()) == (start, end)


@pytest.mark.parametrize("value", ["P3D", "PRESENT_REF", "XXXX-WXX-1", "2017-02-30", "2017-W54", None, ""])
def test_timex_without_a_calendar_place_has_no_interval(value):
    assert interval(value) == (None, None)


def test_time_of_day_is_one_instant():
    assert interval("2017-09-27T18:00") == (dt.datetime(2017, 9, 27, 18), dt.datetime(2017, 9, 27, 18))


def test_sentences_table_and_mention_sentence_text(fr, sample):
    s, m = fr.sentences, fr.mentions
    assert len(s) == fr.articles["n_sentences"].sum()
    text = {a["id"]: a["text"] for a in sample}
    for row in s.head(200).itertuples():
        assert text[row.article_id][row.start : row.end] == row.text
    joined = m.merge(s, on=["article_id", "sentence"], suffixes=("", "_s"))
    assert len(joined) == len(m)
    assert (joined["sentence_text"] == joined["text_s"]).all()
    assert all(t in st for t, st in zip(m["text"], m["sentence_text"], strict=True))


def test_batches_written_to_parquet_read_back_together(tmp_path, sample):
    # The first batch has no places and no titles at all: its columns must still be typed.
    a = nf.frames(["It rained all day on Tuesday, the town said."], id="x")
    b = nf.frames(sample[:5])
    assert a.places.empty and a.articles["title"].isna().all()
    a.to_parquet(tmp_path / "a")
    b.to_parquet(tmp_path / "b")
    for name in TABLES:
        files = [tmp_path / "a" / f"{name}.parquet", tmp_path / "b" / f"{name}.parquet"]
        both = pd.read_parquet(files)
        assert len(both) == len(getattr(a, name)) + len(getattr(b, name)), name
    ents = pd.read_parquet([tmp_path / "a" / "entities.parquet", tmp_path / "b" / "entities.parquet"])
    assert list(ents["article_id"].unique()) == list(b.entities["article_id"].unique())


def test_from_parquet_gives_back_the_same_tables(tmp_path, fr):
    fr.to_parquet(tmp_path)
    back = nf.Frames.from_parquet(tmp_path)
    for name, df in fr.tables().items():
        pd.testing.assert_frame_equal(getattr(back, name), df, obj=name)
    with pytest.raises(FileNotFoundError):
        nf.Frames.from_parquet(tmp_path / "nope")


def test_csv_joins_list_columns(tmp_path, fr):
    fr.to_csv(tmp_path)
    ents = pd.read_csv(tmp_path / "entities.csv")
    assert "Haftar; Hiftar" in set(ents["aliases"].dropna())


def test_extra_user_columns_survive_to_arrow(fr):
    ents = fr.entities.assign(score=1.5)
    extended = nf.Frames(**{**fr.tables(), "entities": ents})
    t = extended.to_arrow()["entities"]
    assert t.schema.field("score").type == pa.float64()
    assert t.schema.field("titles").type == pa.list_(pa.string())


def test_reuters_batches_share_one_schema():
    path = shared_path("data", "reuters21578", "all.jsonl.gz")
    arts = read_jsonl(path, limit=300)
    schemas = set()
    for lo in range(0, 300, 100):
        batch = nf.frames(list(itertools.islice(arts, lo, lo + 100)))
        schemas.add(tuple(str(t.schema) for t in batch.to_arrow().values()))
    assert len(schemas) == 1
