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
from .frames import arrow_table, to_pandas
from .schema import TABLES


def meta(name: str) -> pd.DataFrame:
    """The empty table ``name`` with its dtypes: the ``meta`` Dask needs.

    Parameters
    ----------
    name : str
        A table of :class:`newsfacts.Frames`.

    Returns
    -------
    pandas.DataFrame
        No rows; the columns and dtypes of the table's explicit schema.

    Raises
    ------
    ValueError
        ``name`` is not a table.
    """
    if name not in TABLES:
        raise ValueError(f"unknown table {name!r} (expected one of {', '.join(TABLES)})")
    return to_pandas(name, arrow_table(name, {c: [] for c, _, _ in TABLES[name]}))


def _partition_table(part: pd.DataFrame, name: str, ex: Extractor, options: dict) -> pd.DataFrame:
    return getattr(ex.frames(part, **options), name)


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

    Parameters
    ----------
    ddf : dask.dataframe.DataFrame
        Articles with a text column (and optional id, title, url, source, published columns, as
        for :func:`newsfacts.extract`). Without an id column, the partition's index gives the ids.
    name : str
        The table: ``articles``, ``entities``, ``mentions``, ``places``, ``dates``, ``links``, ...
    threads : int, default 1
        Threads per task (Dask provides the parallelism).
    include, published, text, id
        As for :func:`newsfacts.extract`.

    Returns
    -------
    dask.dataframe.DataFrame
        A lazy table with the columns and dtypes of the table's explicit schema.
    """
    ex = Extractor(threads=threads, include=include)
    options = {"published": published, "text": text, "id": id}
    return ddf.map_partitions(_partition_table, name, ex, options, meta=meta(name))
