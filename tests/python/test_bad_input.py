"""Bad input, as CONTRACT.md says: per-article errors, nothing lost, clear exceptions, no crash."""

from __future__ import annotations

import math

import pandas as pd
import pytest

import newsfacts as nf


def test_one_bad_article_never_sinks_the_batch():
    arts = [
        "A good article about Rome.",
        {"id": "no-text"},
        {"text": None, "id": "none"},
        42,
        {"text": 3.5, "id": "float"},
        "",
        {"text": "Fine.", "id": "ok", "published": "last Tuesday"},
    ]
    recs = nf.extract(arts)
    assert len(recs) == len(arts)
    assert [r["id"] for r in recs] == [0, "no-text", "none", 3, "float", 5, "ok"]
    assert recs[0]["errors"] == []
    assert recs[1]["errors"] == ["text is missing (no 'text' key)"]
    assert recs[2]["errors"] == ["text is missing"]
    assert "got int" in recs[3]["errors"][0]
    assert recs[4]["errors"] == ["text must be a str, got float"]
    assert recs[5]["errors"] == ["text is empty"]
    assert "published" in recs[6]["errors"][0] and "last Tuesday" in recs[6]["errors"][0]


def test_strict_raises_on_the_first_bad_article():
    with pytest.raises(nf.ArticleError, match=r"'b'.*text is missing"):
        nf.extract([{"text": "ok", "id": "a"}, {"id": "b"}], strict=True)
    with pytest.raises(ValueError):  # ArticleError is a ValueError too
        nf.extract([{"id": "b"}], strict=True)
    assert len(nf.extract([{"text": "ok"}], strict=True)) == 1


@pytest.mark.parametrize("bad", [42, 3.5, None, b"bytes", object()])
def test_wrong_call_types_raise_type_error_naming_the_expected_types(bad):
    with pytest.raises(TypeError, match="str, a dict"):
        nf.extract(bad)
    with pytest.raises(nf.NewsfactsError):
        nf.extract(bad)


def test_bad_option_values_raise_value_error_naming_option_and_value():
    with pytest.raises(ValueError, match=r"`include`: 'datez'"):
        nf.extract("x", include=["datez"])
    with pytest.raises(ValueError, match=r"`published`: 'soon'"):
        nf.extract("x", published="soon")
    with pytest.raises(ValueError, match="`published`"):
        nf.extract("x", published=20170928)
    with pytest.raises(ValueError, match="batch_size"):
        next(nf.Extractor().iter_extract(["x"], batch_size=0))
    with pytest.raises(TypeError, match="'body' column"):
        nf.extract(pd.DataFrame({"text": ["x"]}), text="body")


def test_nan_and_nat_in_dataframes_are_missing_values():
    df = pd.DataFrame({"text": ["Rome.", math.nan], "published": [pd.NaT, "2017-09-28"]})
    recs = nf.extract(df)
    assert recs[0]["errors"] == [] and recs[1]["errors"] == ["text is missing"]
    assert recs[1]["published"] == "2017-09-28"


def test_lone_surrogates_nul_bytes_and_control_characters_are_handled():
    text = "Haftar\ud800 met Pinotti\x00 in Rome\udfff on Sept. 27, 2017 \x07 #Libya @UN"
    rec = nf.extract_one(text)
    assert rec["n_chars"] == len(text)
    assert "lone surrogates" in rec["errors"][0]
    for span in rec["links"] + rec["dates"]:
        assert text[span["start"] : span["end"]] == span["text"]
    for e in rec["entities"]:
        for m in e["mentions"]:
            assert text[m["start"] : m["end"]] == m["text"]


def test_huge_and_odd_articles_do_not_crash():
    big = ("Libyan Field Marshal Khalifa Haftar met Italian officials in Rome yesterday. " * 140_000)[
        :10_000_000
    ]
    odd = [
        "\n" * 1000,
        "." * 5000,
        "😀" * 10_000,
        "(" * 3000 + ")" * 3000,
        "@" * 100 + "#" * 100,
        "\u0301" * 50,
    ]
    recs = nf.extract([big, *odd], threads=2)
    assert len(recs) == 1 + len(odd)
    assert recs[0]["n_chars"] == len(big) and recs[0]["errors"] == []
    assert all(r["n_chars"] == len(t) for r, t in zip(recs[1:], odd, strict=True))
