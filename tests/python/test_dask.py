"""The Dask recipe gives the same tables as one process."""

from __future__ import annotations

import pytest

import newsfacts as nf
from newsfacts.schema import TABLES

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


def _plain(df: pd.DataFrame, name: str) -> pd.DataFrame:
    """Dask's partitions as ``nf.frames`` has them: list columns as Python lists, a fresh index."""
    lists = [c for c, t, _ in TABLES[name] if t == "list<string>"]
    out = df.reset_index(drop=True)
    return out.assign(**{c: pd.Series(out[c].tolist(), dtype=object) for c in lists})


def test_frames_on_a_local_cluster_extracts_once_and_equals_in_process():
    """Every table from one extraction per partition, on 2 worker processes over loopback, equals
    ``nf.frames`` of the same partitions in this process."""
    distributed = pytest.importorskip("distributed")
    import newsfacts.dask as nfd

    arts = nf.load_sample()
    df = pd.DataFrame(arts).set_index("id")
    ddf = dd.from_pandas(df, npartitions=3, sort=False)
    # Each partition is extracted as its own batch (its own near-duplicate and key registries),
    # so the in-process reference is the same partitions extracted one by one here.
    parts = [nf.frames(ddf.get_partition(i).compute()) for i in range(ddf.npartitions)]
    want = nf.Frames(
        **{
            name: pd.concat([getattr(p, name) for p in parts], ignore_index=True)
            for name in parts[0].tables()
        }
    )
    with (
        distributed.LocalCluster(
            n_workers=2,
            threads_per_worker=1,
            processes=True,
            host="127.0.0.1",
            dashboard_address=None,
        ) as cluster,
        distributed.Client(cluster) as client,
    ):
        fr = nfd.frames(ddf)
        assert len(fr.parts) == ddf.npartitions
        # Persisted: one extraction per partition, held by the workers.
        futures = distributed.futures_of(fr.parts)
        assert len(futures) == ddf.npartitions
        distributed.wait(futures)
        assert all(f.status == "finished" for f in futures)
        assert set(client.who_has(futures)) == {f.key for f in futures}
        got = fr.compute()
        entities = fr.entities.compute()
    # Values equal; dtypes only as far as Dask keeps them (it turns str columns into its own
    # pyarrow string dtype, with <NA> for missing values).
    for name in want.tables():
        pd.testing.assert_frame_equal(
            _plain(getattr(got, name), name), getattr(want, name), obj=name, check_dtype=False
        )
    pd.testing.assert_frame_equal(_plain(entities, "entities"), want.entities, check_dtype=False)
    assert any(len(x) for x in entities["titles"])
    assert list(got.articles["article_id"]) == list(df.index)
    assert fr.places._meta.dtypes.equals(nfd.meta("places").dtypes)


def test_frames_without_persist_stays_lazy():
    import newsfacts.dask as nfd

    df = pd.DataFrame({"text": ["Haftar met Pinotti in Rome.", "Macron spoke in Paris."]})
    fr = nfd.frames(dd.from_pandas(df, npartitions=2), persist=False)
    got = fr.compute(scheduler="threads")
    want = nf.frames(df)
    pd.testing.assert_frame_equal(_plain(got.entities, "entities"), want.entities, check_dtype=False)
