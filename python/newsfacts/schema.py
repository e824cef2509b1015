"""The schemas: one explicit Arrow schema per table of :class:`newsfacts.Frames`, and the record's.

Every table is declared once, in :data:`TABLES`, as ``(column, type, nullable)`` triples whose type
names read the same in Arrow, pandas and Rust (``string``, ``int64``, ``float64``, ``bool``,
``list<string>``, ``timestamp[s]``), so that the tables can later be built as Arrow record batches
in the Rust core from the same declaration. Every batch of a table has exactly this schema: a
column stays ``string`` when all its values are null, ids are strings, GeoNames ids are integers.

The record schema (the keys of one article's dict) is the package's ``data/RECORD.md``, returned
by :func:`schema`.
"""

from __future__ import annotations

from importlib import resources
from typing import Any

from .errors import InvalidOptionError

#: One column: its name, its type name and whether it may hold nulls.
Column = tuple[str, str, bool]

_SPAN: tuple[Column, ...] = (("start", "int64", False), ("end", "int64", False), ("text", "string", False))

#: Every table's columns, in order. Keys of tables are ``article_id`` (always a string: the
#: record's ``id`` as text) and, where an entity is meant, ``entity_id`` ("E1", ...).
TABLES: dict[str, tuple[Column, ...]] = {
    "articles": (
        ("article_id", "string", False),
        ("title", "string", True),
        ("url", "string", True),
        ("source", "string", True),
        ("published", "timestamp[s]", True),
        ("published_inferred", "bool", False),
        ("language", "string", True),
        ("n_chars", "int64", False),
        ("n_words", "int64", False),
        ("n_sentences", "int64", False),
        ("n_entities", "int64", False),
        ("tone", "float64", True),
        ("tone_positive", "float64", True),
        ("tone_negative", "float64", True),
        ("duplicate_of", "string", True),
        ("duplicate_similarity", "float64", True),
        ("errors", "list<string>", False),
        ("text", "string", True),
    ),
    "entities": (
        ("article_id", "string", False),
        ("entity_id", "string", False),
        ("name", "string", False),
        ("type", "string", False),
        ("subtype", "string", True),
        ("key", "string", False),
        ("country", "string", True),
        ("titles", "list<string>", False),
        ("aliases", "list<string>", False),
        ("salience", "float64", False),
        ("n_mentions", "int64", False),
    ),
    "mentions": (
        ("article_id", "string", False),
        ("entity_id", "string", False),
        ("name", "string", False),
        ("type", "string", False),
        ("key", "string", False),
        *_SPAN,
        ("sentence", "int64", False),
        ("sentence_text", "string", True),
    ),
    "places": (
        ("article_id", "string", False),
        ("entity_id", "string", False),
        ("name", "string", False),
        ("feature", "string", False),
        ("country", "string", True),
        ("lat", "float64", True),
        ("lon", "float64", True),
        ("geonameid", "int64", True),
        ("population", "int64", True),
    ),
    "dates": (
        ("article_id", "string", False),
        *_SPAN,
        ("type", "string", False),
        ("value", "string", False),
        ("start_date", "timestamp[s]", True),
        ("end_date", "timestamp[s]", True),
        ("anchored", "bool", False),
    ),
    "links": (("article_id", "string", False), ("kind", "string", False), *_SPAN),
    "embeds": (
        ("article_id", "string", False),
        ("kind", "string", False),
        ("author", "string", True),
        ("handle", "string", True),
        ("date", "string", True),
        *_SPAN,
    ),
    "boilerplate": (("article_id", "string", False), ("kind", "string", False), *_SPAN),
    "sentences": (
        ("article_id", "string", False),
        ("sentence", "int64", False),
        ("start", "int64", False),
        ("end", "int64", False),
        ("text", "string", True),
    ),
    "quotes": (
        ("article_id", "string", False),
        ("start", "int64", True),
        ("end", "int64", True),
        ("text", "string", True),
        ("kind", "string", True),
        ("cue", "string", True),
        ("cue_start", "int64", True),
        ("cue_end", "int64", True),
        ("speaker", "string", True),
        ("speaker_name", "string", True),
        ("speaker_start", "int64", True),
        ("speaker_end", "int64", True),
    ),
    "events": (
        ("article_id", "string", False),
        ("actor", "string", True),
        ("actor_name", "string", True),
        ("action", "string", True),
        ("cameo", "string", True),
        ("target", "string", True),
        ("target_name", "string", True),
        ("place", "string", True),
        ("date", "string", True),
        ("sentence", "int64", True),
        ("start", "int64", True),
        ("end", "int64", True),
    ),
    "themes": (
        ("article_id", "string", False),
        ("theme", "string", False),
        ("count", "int64", False),
        ("start", "int64", True),
        ("end", "int64", True),
        ("text", "string", True),
    ),
    "keywords": (
        ("article_id", "string", False),
        ("rank", "int64", False),
        ("phrase", "string", False),
        ("score", "float64", False),
    ),
    "tokens": (
        ("article_id", "string", False),
        ("token", "int64", False),
        ("sentence", "int64", False),
        ("start", "int64", False),
        ("end", "int64", False),
        ("text", "string", False),
        ("lemma", "string", False),
        ("upos", "string", False),
        ("head", "int64", True),
        ("dep", "string", False),
    ),
    # One row per article found to be a near-duplicate of an earlier one of the same call or
    # stream (MinHash estimate of the Jaccard similarity of their 4-word shingles, >= 0.5, or of
    # the shorter one's containment in the other, >= 0.9).
    "duplicates": (
        ("article_id", "string", False),
        ("duplicate_of", "string", False),
        ("similarity", "float64", False),
    ),
}


def _arrow_type(name: str) -> Any:
    import pyarrow as pa

    types = {
        "string": pa.string(),
        "int64": pa.int64(),
        "float64": pa.float64(),
        "bool": pa.bool_(),
        "list<string>": pa.list_(pa.string()),
        "timestamp[s]": pa.timestamp("s"),
    }
    return types[name]


def arrow_schema(table: str) -> Any:
    """The Arrow schema of one table.

    Parameters
    ----------
    table : str
        A table of :class:`newsfacts.Frames`: ``articles``, ``entities``, ``mentions``, ...

    Returns
    -------
    pyarrow.Schema
        The table's columns with their types and nullability; identical for every batch.

    Raises
    ------
    InvalidOptionError
        ``table`` is not one of the tables.
    """
    import pyarrow as pa

    if table not in TABLES:
        raise InvalidOptionError(
            f"invalid value for option `table`: {table!r} (expected one of {', '.join(TABLES)})"
        )
    return pa.schema([pa.field(c, _arrow_type(t), nullable=n) for c, t, n in TABLES[table]])


def schema(table: str | None = None) -> Any:
    """The record schema as text, or the Arrow schema of one table.

    Parameters
    ----------
    table : str, optional
        ``None`` (the default) for the schema of one article's record (the keys of the dicts
        :func:`newsfacts.extract` returns, with their types and meaning); a table name
        (``"entities"``, ``"dates"``, ...) for that table's Arrow schema.

    Returns
    -------
    str or pyarrow.Schema
        The record schema (Markdown text, ``print`` it) or the table's schema.

    Raises
    ------
    InvalidOptionError
        ``table`` is not one of the tables.

    Examples
    --------
    >>> import newsfacts as nf
    >>> "entities" in nf.schema()
    True
    >>> nf.schema("places").field("geonameid").type
    DataType(int64)
    """
    if table is None:
        return resources.files("newsfacts").joinpath("data/RECORD.md").read_text(encoding="utf-8")
    return arrow_schema(table)
