"""Scale-out on Dask: the same extractor per partition, every table from one extraction.

>>> import dask.dataframe as dd
>>> import newsfacts.dask as nfd
>>> ddf = dd.from_pandas(df, npartitions=64)                # doctest: +SKIP
>>> fr = nfd.frames(ddf, text="body")                        # doctest: +SKIP
>>> fr.entities.groupby("key").size().nlargest(20).compute() # doctest: +SKIP
>>> fr.places.to_parquet("places/")                          # doctest: +SKIP

:func:`frames` extracts each partition once, into the core's Arrow tables, keeps them (persisted on
the cluster by default) and gives one Dask DataFrame per table, all read from those results.
:func:`table` is one table alone. Each task extracts with ``threads=1`` by default (Dask already
runs one task per core, so more would oversubscribe). ``meta`` is given explicitly from the
tables' schemas, so Dask never runs the extractor on fake data to guess it. Needs
``pip install "newsfacts[dask]"``.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

import pandas as pd

from .api import Extractor
from .frames import Frames, arrow_table
from .frames import to_pandas as _to_pandas
from .schema import TABLES


def to_pandas(name: str, table: Any) -> pd.DataFrame:
    """A table's pandas partition for Dask: as :func:`newsfacts.frames.to_pandas`, but its
    ``list<string>`` columns (``titles``, ``aliases``, ``errors``) keep the Arrow list type
    (``pd.ArrowDtype``), which Dask leaves alone (it turns object columns into strings)."""
    import pyarrow as pa

    df = _to_pandas(name, table)
    for c, t, _ in TABLES[name]:
        if t == "list<string>" and c in df.columns:
            df[c] = pd.Series(
                pd.arrays.ArrowExtensionArray(table.column(c).combine_chunks()), index=df.index
            ).astype(pd.ArrowDtype(pa.list_(pa.string())))
    return df


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
    return to_pandas(name, ex.tables(part, **options)[name])


def _partition_tables(part: pd.DataFrame, ex: Extractor, options: dict) -> dict[str, Any]:
    return ex.tables(part, **options)


def _pick(tables: dict[str, Any], name: str) -> pd.DataFrame:
    return to_pandas(name, tables[name])


@dataclass(frozen=True)
class DaskFrames:
    """One lazy Dask DataFrame per table of :class:`newsfacts.Frames`, all from one extraction.

    Attributes
    ----------
    articles, entities, mentions, places, dates, links, ... : dask.dataframe.DataFrame
        Every table of :class:`newsfacts.Frames`: one partition per partition of the articles,
        with the table's schema as ``meta``.
    """

    _tables: dict[str, Any]
    #: The per-partition Arrow tables (Dask delayed objects, persisted unless asked otherwise).
    parts: list[Any]

    def __getattr__(self, name: str) -> Any:
        tables = self.__dict__.get("_tables", {})
        if name in tables:
            return tables[name]
        raise AttributeError(name)

    def tables(self) -> dict[str, Any]:
        """Every table by name.

        Returns
        -------
        dict of str to dask.dataframe.DataFrame
        """
        return dict(self._tables)

    def compute(self, **kwargs: Any) -> Frames:
        """Computes every table at once into :class:`newsfacts.Frames`.

        Parameters
        ----------
        **kwargs
            Passed to ``dask.compute`` (``scheduler=...``).

        Returns
        -------
        Frames
        """
        import dask

        names = list(self._tables)
        done = dask.compute(*(self._tables[n] for n in names), **kwargs)
        return Frames(**dict(zip(names, done, strict=True)))


def frames(
    ddf: Any,
    *,
    threads: int = 1,
    include: Iterable[str] | None = None,
    published: Any = None,
    text: str = "text",
    id: str = "id",
    persist: bool = True,
) -> DaskFrames:
    """Every table of :class:`newsfacts.Frames` for a Dask DataFrame of articles, extracting once.

    Each partition is extracted once into the core's Arrow tables; every table's Dask DataFrame
    is read from those. With ``persist=True`` (the default) they are computed now and kept in the
    workers' memory (with a ``dask.distributed`` client) or in this process, so that computing
    one table after another never extracts again; with ``persist=False`` the graph stays lazy
    (then compute the tables together, ``fr.compute()`` or ``dask.compute(fr.entities, fr.places)``,
    to extract once).

    Parameters
    ----------
    ddf : dask.dataframe.DataFrame
        Articles with a text column (and optional id, title, url, source, published columns, as
        for :func:`newsfacts.extract`). Without an id column, the partition's index gives the ids.
    threads : int, default 1
        Threads per task (Dask provides the parallelism).
    include, published, text, id
        As for :func:`newsfacts.extract`.
    persist : bool, default True
        Extract now and keep the per-partition results.

    Returns
    -------
    DaskFrames
        ``fr.entities``, ``fr.places``, ...: lazy Dask DataFrames with the tables' schemas;
        ``fr.compute()`` gives :class:`newsfacts.Frames`.
    """
    import dask
    import dask.dataframe as dd

    ex = Extractor(threads=threads, include=include)
    options = {"published": published, "text": text, "id": id}
    parts = [dask.delayed(_partition_tables)(p, ex, options) for p in ddf.to_delayed()]
    if persist:
        parts = list(dask.persist(*parts))
    out = {}
    for name in TABLES:
        pieces = [dask.delayed(_pick)(p, name) for p in parts]
        out[name] = dd.from_delayed(pieces, meta=meta(name), verify_meta=False)
    return DaskFrames(out, parts)


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
