"""Scale-out on Dask: the same extractor in ``map_partitions``, one table at a time.

>>> import dask.dataframe as dd
>>> import newsfacts.dask as nfd
>>> ddf = dd.from_pandas(df, npartitions=64)               # doctest: +SKIP
>>> entities = nfd.table(ddf, "entities", text="body")       # doctest: +SKIP
>>> entities.groupby("key").size().nlargest(20).compute()   # doctest: +SKIP

Each task extracts its partition with ``threads=1`` by default (Dask already runs one task per
core, so more would oversubscribe). ``meta`` is given explicitly, so Dask never runs the extractor
on fake data to guess the schema. Needs ``pip install "newsfacts[dask]"``.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

import pandas as pd

from .api import Extractor
from .frames import _COLUMNS, Frames

_DTYPES: dict[str, str] = {
    "start": "int64",
    "end": "int64",
    "sentence": "int64",
    "n_chars": "int64",
    "n_words": "int64",
    "n_sentences": "int64",
    "n_entities": "int64",
    "n_mentions": "int64",
    "salience": "float64",
    "lat": "float64",
    "lon": "float64",
    "count": "int64",
}


def meta(name: str) -> pd.DataFrame:
    """The empty table ``name`` with its dtypes: the ``meta`` Dask needs."""
    if name not in _COLUMNS:
        raise ValueError(f"unknown table {name!r} (expected one of {', '.join(_COLUMNS)})")
    return pd.DataFrame({c: pd.Series(dtype=_DTYPES.get(c, "object")) for c in _COLUMNS[name]})


def _partition_table(part: pd.DataFrame, name: str, ex: Extractor, options: dict) -> pd.DataFrame:
    recs = ex.extract(part, **options)
    df = getattr(Frames.from_records(recs), name)
    return df.astype({c: t for c, t in meta(name).dtypes.items() if len(df)}, errors="ignore")


def table(
    ddf: Any,
    name: str,
    *,
    threads: int = 1,
    include: Iterable[str] | None = None,
    published: Any = None,
    text: str = "text",
    id: str = "id",
) -> Any:
    """One table of :class:`newsfacts.Frames` for every article of a Dask DataFrame.

    Args:
        ddf: a ``dask.dataframe.DataFrame`` with a text column (and optional id, title, url,
            source, published columns, as for :func:`newsfacts.extract`). Without an id column,
            the partition's index gives the ids.
        name: the table: ``articles``, ``entities``, ``mentions``, ``places``, ``dates``, ``links``, ...
        threads: threads per task (default 1: Dask provides the parallelism).
        include, published, text, id: as for :func:`newsfacts.extract`.

    Returns:
        A lazy ``dask.dataframe.DataFrame`` with the table's columns.
    """
    ex = Extractor(threads=threads, include=include)
    options = {"published": published, "text": text, "id": id}
    return ddf.map_partitions(_partition_table, name, ex, options, meta=meta(name))
