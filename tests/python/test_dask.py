"""The Dask recipe gives the same tables as one process."""

from __future__ import annotations

import pytest

import newsfacts as nf

dd = pytest.importorskip("dask.dataframe")
pd = pytest.importorskip("pandas")


def test_dask_table_equals_local_frames():
    import newsfacts.dask as nfd

    arts = nf.load_sample()
    df = pd.DataFrame(arts).set_index("id")
    ddf = dd.from_pandas(df, npartitions=4, sort=False)
    got = nfd.table(ddf, "articles").compute(scheduler="processes", num_workers=2)
    want = nf.frames(df).articles
    assert list(got["article_id"]) == list(want["article_id"]) == list(df.index)
    assert list(got["n_words"]) == list(want["n_words"])
    links = nfd.table(ddf, "links").compute(scheduler="threads")
    assert len(links) == len(nf.frames(df).links)


def test_unknown_table_is_a_value_error():
    import newsfacts.dask as nfd

    with pytest.raises(ValueError, match="unknown table 'entitys'"):
        nfd.meta("entitys")
