"""Tidy pandas tables of records: one table per kind of fact, keyed by ``article_id``."""

from __future__ import annotations

from dataclasses import dataclass, fields
from pathlib import Path
from typing import Any

import pandas as pd

_COLUMNS: dict[str, list[str]] = {
    "articles": [
        "article_id",
        "title",
        "url",
        "source",
        "published",
        "published_inferred",
        "language",
        "n_chars",
        "n_words",
        "n_sentences",
        "n_entities",
        "duplicate_of",
        "errors",
    ],
    "entities": [
        "article_id",
        "entity_id",
        "name",
        "type",
        "subtype",
        "key",
        "country",
        "titles",
        "aliases",
        "salience",
        "n_mentions",
    ],
    "mentions": ["article_id", "entity_id", "name", "type", "key", "start", "end", "text", "sentence"],
    "places": [
        "article_id",
        "entity_id",
        "name",
        "feature",
        "country",
        "lat",
        "lon",
        "geonameid",
        "population",
    ],
    "dates": ["article_id", "start", "end", "text", "type", "value", "anchored"],
    "links": ["article_id", "kind", "start", "end", "text"],
    "embeds": ["article_id", "kind", "author", "handle", "date", "start", "end", "text"],
    "boilerplate": ["article_id", "kind", "start", "end", "text"],
    "quotes": [
        "article_id",
        "start",
        "end",
        "text",
        "kind",
        "cue",
        "cue_start",
        "cue_end",
        "speaker",
        "speaker_name",
        "speaker_start",
        "speaker_end",
    ],
    "events": [
        "article_id",
        "actor",
        "actor_name",
        "action",
        "cameo",
        "target",
        "target_name",
        "place",
        "date",
        "sentence",
        "start",
        "end",
    ],
    "themes": ["article_id", "theme", "count"],
}


def is_records(obj: Any) -> bool:
    """Whether ``obj`` is a list of newsfacts records rather than articles."""
    return (
        isinstance(obj, list)
        and len(obj) > 0
        and all(isinstance(r, dict) and "entities" in r and "n_chars" in r for r in obj)
    )


def _table(name: str, rows: list[dict]) -> pd.DataFrame:
    return pd.DataFrame(rows, columns=_COLUMNS[name])


@dataclass
class Frames:
    """One tidy ``pandas.DataFrame`` per kind of fact, each keyed by ``article_id``.

    List-valued fields (titles, aliases, errors) are joined with ``"; "`` so that tables group,
    filter and export to CSV without surprises.
    """

    articles: pd.DataFrame
    entities: pd.DataFrame
    mentions: pd.DataFrame
    places: pd.DataFrame
    dates: pd.DataFrame
    links: pd.DataFrame
    embeds: pd.DataFrame
    boilerplate: pd.DataFrame
    quotes: pd.DataFrame
    events: pd.DataFrame
    themes: pd.DataFrame

    @classmethod
    def from_records(cls, recs: list[dict]) -> Frames:
        """Builds every table from records as returned by :func:`newsfacts.extract`."""
        rows: dict[str, list[dict]] = {k: [] for k in _COLUMNS}
        for r in recs:
            aid = r["id"]
            rows["articles"].append(
                {
                    "article_id": aid,
                    **{k: r.get(k) for k in _COLUMNS["articles"][1:] if k in r},
                    "n_entities": len(r["entities"]),
                    "errors": "; ".join(r["errors"]),
                }
            )
            names = {}
            for e in r["entities"]:
                names[e["id"]] = e["name"]
                rows["entities"].append(
                    {
                        "article_id": aid,
                        "entity_id": e["id"],
                        "name": e["name"],
                        "type": e["type"],
                        "subtype": e["subtype"],
                        "key": e["key"],
                        "country": e["country"],
                        "titles": "; ".join(e["titles"]),
                        "aliases": "; ".join(e["aliases"]),
                        "salience": e["salience"],
                        "n_mentions": len(e["mentions"]),
                    }
                )
                for m in e["mentions"]:
                    rows["mentions"].append(
                        {
                            "article_id": aid,
                            "entity_id": e["id"],
                            "name": e["name"],
                            "type": e["type"],
                            "key": e["key"],
                            **m,
                        }
                    )
            for p in r["places"]:
                rows["places"].append(
                    {
                        "article_id": aid,
                        "entity_id": p["entity"],
                        **{k: v for k, v in p.items() if k != "entity"},
                    }
                )
            for key in ("dates", "links", "embeds", "boilerplate", "quotes", "events", "themes"):
                rows[key].extend({"article_id": aid, **x} for x in r.get(key) or [])
        return cls(**{k: _table(k, v) for k, v in rows.items()})

    def tables(self) -> dict[str, pd.DataFrame]:
        """Every table by name."""
        return {f.name: getattr(self, f.name) for f in fields(self)}

    def to_parquet(self, directory: str | Path) -> list[Path]:
        """Writes one Parquet file per table into ``directory`` (needs pyarrow); returns the paths."""
        return self._write(directory, "parquet", lambda df, p: df.to_parquet(p, index=False))

    def to_csv(self, directory: str | Path) -> list[Path]:
        """Writes one CSV file per table into ``directory``; returns the paths."""
        return self._write(directory, "csv", lambda df, p: df.to_csv(p, index=False))

    def to_arrow(self) -> dict[str, Any]:
        """Every table as a ``pyarrow.Table`` (needs pyarrow)."""
        import pyarrow as pa

        return {name: pa.Table.from_pandas(df, preserve_index=False) for name, df in self.tables().items()}

    def _write(self, directory: str | Path, ext: str, write) -> list[Path]:
        d = Path(directory)
        d.mkdir(parents=True, exist_ok=True)
        paths = []
        for name, df in self.tables().items():
            p = d / f"{name}.{ext}"
            write(df, p)
            paths.append(p)
        return paths

    def __repr__(self) -> str:
        sizes = ", ".join(f"{k}={len(v)}" for k, v in self.tables().items())
        return f"Frames({sizes})"


def cooccurrence(fr: Frames, *, types: tuple[str, ...] | None = None) -> pd.DataFrame:
    """Entity co-occurrence edges across articles, by entity ``key``.

    Args:
        fr: tables from :func:`frames`.
        types: keep only entities of these types (e.g. ``("PERSON", "ORG")``).

    Returns:
        A DataFrame ``key_a, key_b, articles, weight``: ``articles`` counts the articles where both
        appear; ``weight`` sums, over those articles, the smaller of the two mention counts.
        ``key_a < key_b``; sorted by weight, descending.
    """
    ents = fr.entities
    if types is not None:
        ents = ents[ents["type"].isin(types)]
    per = ents.groupby(["article_id", "key"], sort=False)["n_mentions"].sum().reset_index()
    pairs = per.merge(per, on="article_id", suffixes=("_a", "_b"))
    pairs = pairs[pairs["key_a"] < pairs["key_b"]]
    if pairs.empty:
        return pd.DataFrame(columns=["key_a", "key_b", "articles", "weight"])
    pairs = pairs.assign(weight=pairs[["n_mentions_a", "n_mentions_b"]].min(axis=1))
    out = pairs.groupby(["key_a", "key_b"]).agg(articles=("article_id", "nunique"), weight=("weight", "sum"))
    return out.reset_index().sort_values(["weight", "articles"], ascending=False, ignore_index=True)
