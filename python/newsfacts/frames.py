"""Tidy pandas tables of records: one table per kind of fact, keyed by ``article_id``.

Every table has the explicit Arrow schema of :data:`newsfacts.schema.TABLES`; the pandas tables are
made from Arrow tables of that schema, and written back through it, so that every batch (and every
Parquet file) of a table has the same columns and types.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from .errors import InvalidInputError, InvalidOptionError
from .schema import TABLES, arrow_schema
from .timex import interval

if TYPE_CHECKING:  # pandas is imported where a table is made: `import newsfacts` stays light
    import pandas as pd

#: Entity types of the contract, for :func:`cooccurrence`.
ENTITY_TYPES = ("PERSON", "ORG", "LOC", "NORP", "MISC")

#: Record keys whose items go to their table as they are (plus ``article_id``).
_PLAIN = ("links", "embeds", "boilerplate", "quotes", "events", "themes")


def is_records(obj: Any) -> bool:
    """Whether ``obj`` is a list of newsfacts records rather than articles.

    Parameters
    ----------
    obj : object
        Anything.

    Returns
    -------
    bool
        True for a non-empty list of dicts that all have the record keys ``entities`` and ``n_chars``.
    """
    return (
        isinstance(obj, list)
        and len(obj) > 0
        and all(isinstance(r, dict) and "entities" in r and "n_chars" in r for r in obj)
    )


def _columns(name: str) -> dict[str, list]:
    return {c: [] for c, _, _ in TABLES[name]}


def _add(cols: dict[str, list], row: Mapping[str, Any]) -> None:
    for c, values in cols.items():
        values.append(row.get(c))


def _sentence_texts(rec: Mapping[str, Any]) -> list[str | None]:
    text, spans = rec.get("text"), rec.get("sentences") or []
    if not isinstance(text, str):
        return [None] * len(spans)
    return [text[s["start"] : s["end"]] for s in spans]


def _tone_columns(tone: Mapping[str, Any] | None) -> dict[str, float | None]:
    if not tone:
        return {"tone": None, "tone_positive": None, "tone_negative": None}
    return {"tone": tone["score"], "tone_positive": tone["positive"], "tone_negative": tone["negative"]}


def _collect(recs: Iterable[Mapping[str, Any]]) -> dict[str, dict[str, list]]:
    """Every table's columns as Python lists, in the schema's column order."""
    out = {name: _columns(name) for name in TABLES}
    alias_counts: dict[tuple[str, str], int] = {}
    art, ent, men, pla, dat, sen = (
        out[k] for k in ("articles", "entities", "mentions", "places", "dates", "sentences")
    )
    for r in recs:
        aid = str(r["id"])
        start, _ = interval(r.get("published"))
        text = r.get("text")
        _add(
            art,
            {
                **r,
                "article_id": aid,
                "published": start,
                "n_entities": len(r["entities"]),
                **_tone_columns(r.get("tone")),
                "errors": list(r.get("errors") or []),
                "text": text if isinstance(text, str) else None,
            },
        )
        sentence_texts = _sentence_texts(r)
        for i, (s, stext) in enumerate(zip(r.get("sentences") or [], sentence_texts, strict=True)):
            _add(sen, {"article_id": aid, "sentence": i, "start": s["start"], "end": s["end"], "text": stext})
        for e in r["entities"]:
            _add(
                ent,
                {**e, "article_id": aid, "entity_id": e["id"], "n_mentions": len(e["mentions"])},
            )
            for m in e["mentions"]:
                k = m["sentence"]
                _add(
                    men,
                    {
                        **m,
                        "article_id": aid,
                        "entity_id": e["id"],
                        "name": e["name"],
                        "type": e["type"],
                        "key": e["key"],
                        "sentence_text": sentence_texts[k] if 0 <= k < len(sentence_texts) else None,
                    },
                )
        for e in r["entities"]:
            for m in e["mentions"]:
                alias_counts[(e["key"], m["text"])] = alias_counts.get((e["key"], m["text"]), 0) + 1
        for p in r["places"]:
            _add(pla, {**p, "article_id": aid, "entity_id": p["entity"]})
        for d in r["dates"]:
            first, last = interval(d["value"])
            _add(dat, {**d, "article_id": aid, "start_date": first, "end_date": last})
        for key in _PLAIN:
            cols = out[key]
            for x in r.get(key) or []:
                _add(cols, {**x, "article_id": aid})
        for i, k in enumerate(r.get("keywords") or [], 1):
            _add(out["keywords"], {**k, "article_id": aid, "rank": i})
        for i, t in enumerate(r.get("tokens") or []):
            _add(out["tokens"], {**t, "article_id": aid, "token": i})
        if r.get("duplicate_of") is not None:
            _add(
                out["duplicates"],
                {
                    "article_id": aid,
                    "duplicate_of": str(r["duplicate_of"]),
                    "similarity": r.get("duplicate_similarity"),
                },
            )
    out["aliases"] = _alias_columns(alias_counts)
    return out


def _alias_columns(counts: Mapping[tuple[str, str], int]) -> dict[str, list]:
    """The ``aliases`` table's columns: every surface form of each key, most frequent first."""
    cols = _columns("aliases")
    for (key, alias), n in sorted(counts.items(), key=lambda kv: (kv[0][0], -kv[1], kv[0][1])):
        _add(cols, {"key": key, "alias": alias, "count": n})
    return cols


def aliases_frame(counts: Mapping[tuple[str, str], int]) -> pd.DataFrame:
    """The ``aliases`` table from ``(key, alias) -> count`` (summed over batches by the CLI).

    Parameters
    ----------
    counts : mapping of (str, str) to int
        Mentions per entity key and surface form.

    Returns
    -------
    pandas.DataFrame
        ``key, alias, count``, by key, the most frequent form first.
    """
    return to_pandas("aliases", arrow_table("aliases", _alias_columns(counts)))


def arrow_table(name: str, columns: Mapping[str, list]) -> Any:
    """An Arrow table of ``name``'s schema from its columns as Python lists.

    Parameters
    ----------
    name : str
        The table.
    columns : mapping of str to list
        One list per column of the schema, all of one length.

    Returns
    -------
    pyarrow.Table
    """
    import pyarrow as pa

    schema = arrow_schema(name)
    arrays = [pa.array(columns[f.name], type=f.type) for f in schema]
    return pa.Table.from_arrays(arrays, schema=schema)


def to_pandas(name: str, table: Any) -> pd.DataFrame:
    """The pandas table of an Arrow table of ``name``'s schema.

    Strings come out as pandas strings, ``list<string>`` columns as Python lists, nullable
    integers (``geonameid``, ``population``) as ``Int64``, timestamps as ``datetime64[s]``.
    Columns that are not in the schema are kept as Arrow converts them.

    Parameters
    ----------
    name : str
        The table.
    table : pyarrow.Table
        Its data.

    Returns
    -------
    pandas.DataFrame
    """
    import pandas as pd
    import pyarrow as pa

    types = {c: (t, n) for c, t, n in TABLES[name]}
    data = {}
    for c in table.column_names:
        col = table.column(c)
        t, nullable = types.get(c, ("", True))
        if t == "list<string>":
            data[c] = pd.Series([x or [] for x in col.to_pylist()], dtype=object)
        elif t == "int64" and nullable:
            data[c] = col.to_pandas(types_mapper={pa.int64(): pd.Int64Dtype()}.get)
        else:
            data[c] = col.to_pandas()
    return pd.DataFrame(data, columns=table.column_names)


def from_pandas(name: str, df: pd.DataFrame) -> Any:
    """The Arrow table of a pandas table of ``name``, with the explicit schema.

    Columns of the schema keep their declared types (a column of nulls stays a string column);
    extra columns the user added follow, with the types Arrow infers.

    Parameters
    ----------
    name : str
        The table.
    df : pandas.DataFrame
        Its data (as in :class:`Frames`, possibly filtered or extended).

    Returns
    -------
    pyarrow.Table
    """
    import pyarrow as pa

    schema = arrow_schema(name)
    known = [f for f in schema if f.name in df.columns]
    table = pa.Table.from_pandas(df[[f.name for f in known]], schema=pa.schema(known), preserve_index=False)
    for c in df.columns:
        if c not in table.column_names:
            table = table.append_column(c, pa.array(df[c].tolist()))
    return table


@dataclass
class Frames:
    """One tidy ``pandas.DataFrame`` per kind of fact, each keyed by ``article_id``.

    Every table follows its explicit Arrow schema (:func:`newsfacts.schema`): ``article_id`` is
    always a string, ``titles``, ``aliases`` and ``errors`` are lists of strings, ``published`` and
    each date's ``start_date``/``end_date`` are timestamps (the TIMEX3 ``value`` stays next to them),
    ``geonameid`` is an integer. ``sentences`` (and the articles' ``text`` and the mentions'
    ``sentence_text``) are filled when the records carry their text and sentences, as those from
    :func:`newsfacts.frames` of articles do.

    Attributes
    ----------
    articles, entities, mentions, places, dates, links, embeds : pandas.DataFrame
        The tables of the records' keys of those names (``articles``: one row per record).
    boilerplate, sentences, quotes, events, themes : pandas.DataFrame
        The same, for these keys (``themes``: one row per article and theme with its count and
        first mention).
    keywords : pandas.DataFrame
        One row per keyword, ``rank`` 1 the best (``score``: YAKE's, lower is more relevant).
        ``articles`` carries the tone (``tone`` = ``tone_positive - tone_negative``, percent of
        words; missing when tone was not computed).
    tokens : pandas.DataFrame
        Words with ``lemma``, ``upos``, ``head`` and ``dep`` (only for records extracted with
        ``include=["tokens"]``).
    _arrow : dict, private
        The Arrow tables the pandas tables were made from (by :meth:`from_arrow`), which
        :meth:`to_arrow` returns while the pandas table is unchanged.
    duplicates : pandas.DataFrame
        One row per near-duplicate article: ``article_id, duplicate_of, similarity`` (the
        earliest near-duplicate of the batch or stream and the estimated Jaccard similarity).
    aliases : pandas.DataFrame
        Every surface form seen for each entity ``key`` (the canonical cross-article key) with
        its number of mentions: ``key, alias, count``; one row per key and form, not per article.
    """

    articles: pd.DataFrame
    entities: pd.DataFrame
    mentions: pd.DataFrame
    aliases: pd.DataFrame
    places: pd.DataFrame
    dates: pd.DataFrame
    links: pd.DataFrame
    embeds: pd.DataFrame
    boilerplate: pd.DataFrame
    sentences: pd.DataFrame
    quotes: pd.DataFrame
    events: pd.DataFrame
    themes: pd.DataFrame
    keywords: pd.DataFrame
    tokens: pd.DataFrame
    """Words with ``lemma``, ``upos``, ``head`` (the ``token`` number of the head within the
    article, missing for a sentence's root) and ``dep``; only for records extracted with
    ``include=["tokens"]``."""
    duplicates: pd.DataFrame
    """Near-duplicates: ``article_id``, the earliest earlier article it repeats (``duplicate_of``)
    and their estimated Jaccard ``similarity`` (MinHash over 4-word shingles, >= 0.5,
    or the shorter text at least 90% contained in the other)."""
    _arrow: dict[str, tuple[Any, pd.DataFrame]] = field(default_factory=dict, repr=False, compare=False)
    """The Arrow tables the pandas tables were made from, with the pandas table made."""

    @classmethod
    def from_records(cls, recs: Iterable[Mapping[str, Any]]) -> Frames:
        """Builds every table from records as returned by :func:`newsfacts.extract`.

        Parameters
        ----------
        recs : iterable of dict
            Records (with ``include=["text", "sentences"]`` the ``sentences`` table is filled too).

        Returns
        -------
        Frames
        """
        cols = _collect(recs)
        return cls(**{name: to_pandas(name, arrow_table(name, cols[name])) for name in TABLES})

    @classmethod
    def from_arrow(cls, tables: Mapping[str, Any]) -> Frames:
        """Builds the tables from Arrow tables (as :meth:`to_arrow` returns); missing ones are empty.

        The Arrow tables are kept: :meth:`to_arrow` returns them as they are while their pandas
        table is still the one built here (same object, columns and length).

        Parameters
        ----------
        tables : mapping of str to pyarrow.Table

        Returns
        -------
        Frames
        """
        out, kept = {}, {}
        for name in TABLES:
            t = tables.get(name)
            if t is None and name == "aliases" and tables.get("mentions") is not None:
                # The core builds no aliases table: it is the mentions' (key, text) counts.
                m = tables["mentions"]
                counts: dict[tuple[str, str], int] = {}
                for key, alias in zip(m.column("key").to_pylist(), m.column("text").to_pylist(), strict=True):
                    counts[(key, alias)] = counts.get((key, alias), 0) + 1
                t = arrow_table(name, _alias_columns(counts))
            if t is None:
                t = arrow_table(name, _columns(name))
            out[name] = to_pandas(name, t)
            kept[name] = (t, out[name])
        return cls(**out, _arrow=kept)

    @classmethod
    def from_parquet(cls, directory: str | Path) -> Frames:
        """Reads the tables written by :meth:`to_parquet` (a missing file gives an empty table).

        Parameters
        ----------
        directory : str or pathlib.Path
            The directory with ``articles.parquet``, ``entities.parquet``, ...

        Returns
        -------
        Frames

        Raises
        ------
        FileNotFoundError
            ``directory`` does not exist.
        """
        import pyarrow.parquet as pq

        d = Path(directory)
        if not d.is_dir():
            raise FileNotFoundError(f"no such directory: {str(d)!r}")
        tables = {}
        for name in TABLES:
            p = d / f"{name}.parquet"
            if p.exists():
                tables[name] = _declared(name, pq.read_table(p))
        return cls.from_arrow(tables)

    def tables(self) -> dict[str, pd.DataFrame]:
        """Every table by name.

        Returns
        -------
        dict of str to pandas.DataFrame
        """
        return {name: getattr(self, name) for name in TABLES}

    def to_arrow(self) -> dict[str, Any]:
        """Every table as a ``pyarrow.Table`` with its explicit schema.

        Tables made by :func:`newsfacts.frames` from articles are the core's Arrow tables, as they
        are (no conversion); a pandas table replaced or reshaped since is converted back.
        polars users read them directly: ``pl.from_arrow(fr.to_arrow()["entities"])``.

        Returns
        -------
        dict of str to pyarrow.Table
        """
        out = {}
        for name, df in self.tables().items():
            t, built = self._arrow.get(name, (None, None))
            if t is not None and built is df and list(df.columns) == t.column_names and len(df) == t.num_rows:
                out[name] = t
            else:
                out[name] = from_pandas(name, df)
        return out

    def to_parquet(self, directory: str | Path) -> list[Path]:
        """Writes one Parquet file per table into ``directory``.

        Files of the same table written from different batches have the same schema, so
        ``pd.read_parquet([dir1 / "entities.parquet", dir2 / "entities.parquet"])`` reads them
        together, and :meth:`from_parquet` reads a directory back.

        Parameters
        ----------
        directory : str or pathlib.Path
            Created if needed.

        Returns
        -------
        list of pathlib.Path
            The files written.
        """
        import pyarrow.parquet as pq

        return self._write(directory, "parquet", lambda name, df, p: pq.write_table(from_pandas(name, df), p))

    def to_csv(self, directory: str | Path) -> list[Path]:
        """Writes one CSV file per table into ``directory``; list columns are joined with ``"; "``.

        Parameters
        ----------
        directory : str or pathlib.Path
            Created if needed.

        Returns
        -------
        list of pathlib.Path
            The files written.
        """

        def write(name: str, df: pd.DataFrame, p: Path) -> None:
            lists = [c for c, t, _ in TABLES[name] if t == "list<string>" and c in df.columns]
            flat = df.assign(**{c: df[c].map(lambda xs: "; ".join(xs or [])) for c in lists})
            flat.to_csv(p, index=False)

        return self._write(directory, "csv", write)

    def record(self, article_id: Any) -> dict:
        """One article's record rebuilt from the tables (for :func:`newsfacts.render`).

        Parameters
        ----------
        article_id : str or pandas.Series
            The article's id, or its row of :attr:`articles`.

        Returns
        -------
        dict
            ``id``, ``title``, ``text`` (when the tables carry it), ``entities`` with their
            mentions, ``dates``, ``links``, ``embeds`` and ``boilerplate``.

        Raises
        ------
        InvalidInputError
            No article has this id.
        """
        import pandas as pd

        if isinstance(article_id, pd.Series):
            article_id = article_id.get("article_id")
        aid = str(article_id)
        arts = self.articles[self.articles["article_id"] == aid]
        if arts.empty:
            raise InvalidInputError(f"no article with article_id {aid!r} in these tables")
        art = arts.iloc[0]

        def rows(df: pd.DataFrame) -> list[dict]:
            return df[df["article_id"] == aid].to_dict("records")

        mentions: dict[str, list[dict]] = {}
        for m in rows(self.mentions):
            mentions.setdefault(m["entity_id"], []).append(
                {k: m[k] for k in ("start", "end", "text", "sentence")}
            )
        entities = [
            {
                "id": e["entity_id"],
                "name": e["name"],
                "type": e["type"],
                "titles": list(e["titles"]),
                "mentions": mentions.get(e["entity_id"], []),
            }
            for e in rows(self.entities)
        ]
        text = art.get("text")
        return {
            "id": aid,
            "title": art.get("title"),
            "text": text if isinstance(text, str) else None,
            "entities": entities,
            **{k: rows(getattr(self, k)) for k in ("dates", "links", "embeds", "boilerplate")},
        }

    def _write(self, directory: str | Path, ext: str, write) -> list[Path]:
        d = Path(directory)
        d.mkdir(parents=True, exist_ok=True)
        paths = []
        for name, df in self.tables().items():
            p = d / f"{name}.{ext}"
            write(name, df, p)
            paths.append(p)
        return paths

    def __repr__(self) -> str:
        sizes = ", ".join(f"{k}={len(v)}" for k, v in self.tables().items())
        return f"Frames({sizes})"


def _declared(name: str, table: Any) -> Any:
    """``table`` with the declared columns first, each cast to its declared type."""
    import pyarrow as pa

    known = arrow_schema(name)
    cols = [f.name for f in known if f.name in table.column_names]
    cols += [c for c in table.column_names if c not in known.names]
    table = table.select(cols).replace_schema_metadata(None)
    target = pa.schema([known.field(f.name) if f.name in known.names else f for f in table.schema])
    return table.cast(target)


def _check_types(types: Any) -> set[str] | None:
    if types is None:
        return None
    names = [types] if isinstance(types, str) else types
    try:
        names = list(names)
    except TypeError:
        names = [types]
    bad = [t for t in names if not isinstance(t, str) or t.upper() not in ENTITY_TYPES]
    if bad or not names:
        shown = repr(bad[0]) if bad else repr(types)
        raise InvalidOptionError(
            f"invalid value for option `types`: {shown} (expected a type or a list of types among "
            f"{', '.join(ENTITY_TYPES)}, in any case)"
        )
    return {t.upper() for t in names}


def cooccurrence(fr: Frames, *, types: Any = None, min_articles: int = 1) -> pd.DataFrame:
    """Entity co-occurrence edges across articles, by entity ``key``.

    Parameters
    ----------
    fr : Frames
        Tables from :func:`newsfacts.frames`.
    types : str or list of str, optional
        Keep only entities of these types (``"PERSON"``, ``["person", "org"]``; case does not
        matter). ``None`` keeps every type.
    min_articles : int, default 1
        Keep only pairs that appear together in at least this many articles.

    Returns
    -------
    pandas.DataFrame
        ``key_a, key_b, articles, weight``: ``articles`` counts the articles where both appear;
        ``weight`` sums, over those articles, the smaller of the two mention counts.
        ``key_a < key_b``; sorted by weight, then articles, descending.

    Raises
    ------
    InvalidOptionError
        ``types`` names no entity type, or ``min_articles`` is not a positive int.
    """
    import pandas as pd

    wanted = _check_types(types)
    if isinstance(min_articles, bool) or not isinstance(min_articles, int) or min_articles < 1:
        raise InvalidOptionError(
            f"invalid value for option `min_articles`: {min_articles!r} (expected a positive int)"
        )
    if not isinstance(fr, Frames):
        raise InvalidInputError(f"fr must be newsfacts.Frames (from nf.frames), got {type(fr).__name__}")
    ents = fr.entities
    if wanted is not None:
        ents = ents[ents["type"].isin(sorted(wanted))]
    empty = pd.DataFrame(
        {
            "key_a": pd.Series(dtype=ents["key"].dtype),
            "key_b": pd.Series(dtype=ents["key"].dtype),
            "articles": pd.Series(dtype="int64"),
            "weight": pd.Series(dtype="int64"),
        }
    )
    per = ents.groupby(["article_id", "key"], sort=False)["n_mentions"].sum().reset_index()
    pairs = per.merge(per, on="article_id", suffixes=("_a", "_b"))
    pairs = pairs[pairs["key_a"] < pairs["key_b"]]
    if pairs.empty:
        return empty
    pairs = pairs.assign(weight=pairs[["n_mentions_a", "n_mentions_b"]].min(axis=1))
    out = pairs.groupby(["key_a", "key_b"]).agg(articles=("article_id", "nunique"), weight=("weight", "sum"))
    out = out[out["articles"] >= min_articles]
    if out.empty:
        return empty
    return out.reset_index().sort_values(["weight", "articles"], ascending=False, ignore_index=True)
